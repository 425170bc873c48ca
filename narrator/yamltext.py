"""YAML text -> Python values, the safe subset only, with libyaml's parser when PyYAML has it.

PyYAML's pure-Python parser takes about a millisecond per catalogue entry (ten seconds for a
10,000-indicator catalogue); libyaml's builds the same values twenty times faster. Errors are
yaml.YAMLError from either.
"""

from __future__ import annotations

from typing import Any


def load_yaml(text: str) -> Any:
    """The values `text` holds, as yaml.safe_load gives them (None for an empty document)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)
