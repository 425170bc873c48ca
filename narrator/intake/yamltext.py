"""YAML text -> Python values, the safe subset only, with libyaml's parser when PyYAML has it.

PyYAML's pure-Python parser takes about a millisecond per catalogue entry (ten seconds for a
10,000-indicator catalogue); libyaml's builds the same values twenty times faster. Errors are
yaml.YAMLError from either.

A mapping that names the same key twice is an error (a yaml.constructor.ConstructorError naming
the key and both lines): plain YAML loading keeps the last value and drops the first without a
word, and in the files officers write (config, catalogue, commentary) that loses their text.
"""

from __future__ import annotations

from functools import cache
from typing import Any


def load_yaml(text: str) -> Any:
    """The values `text` holds, as yaml.safe_load gives them (None for an empty document);
    a repeated key in any mapping raises yaml.constructor.ConstructorError."""
    import yaml

    return yaml.load(text, Loader=_loader())


_MERGE = "tag:yaml.org,2002:merge"


@cache
def _loader() -> Any:
    """A safe loader (libyaml's when available) that refuses repeated mapping keys."""
    import yaml
    from yaml.constructor import ConstructorError

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class UniqueKeyLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE:
                    continue  # "<<: *defaults" then an own key that overrides one is fine
                key = self.construct_object(key_node, deep=deep)
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:
                    continue  # an unhashable key: the base class reports it
                if first is not key_node:
                    raise ConstructorError(
                        problem=(
                            f"line {key_node.start_mark.line + 1}: the key {key!r} is given "
                            f"again (first on line {first.start_mark.line + 1}); "
                            "the first value would be lost"
                        )
                    )
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader
