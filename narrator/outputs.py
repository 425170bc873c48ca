"""Where a report is written when the user names no file: after the report and its period.

`narrator build CONFIG` without -o used to write out/config.docx for every council (most
configs are called config.yaml): the name said nothing, and the next report overwrote the
last. The name is now the report's, as an officer would file it.
"""

from __future__ import annotations

import re
from pathlib import Path

_GENERIC_NAMES = {"config", "report", "narrator", "settings"}


def _slug(text: str) -> str:
    """'Q1 2024/25' -> 'q1-2024-25': lower case, words joined by hyphens."""
    return "-".join(re.findall(r"[^\W_]+", text.lower()))


def default_output(config: Path) -> Path:
    """Where `build` writes without -o: out/<report name>-<period>.docx. The report's name is
    the config's file name, or its folder's when the file is called just config.yaml, with the
    area in front when the name does not hold it; the period is the config's report period
    (left out when it has none): samples/leicestershire-cfs/config.yaml ->
    out/leicestershire-cfs-q1-2024-25.docx."""
    from narrator.intake.config import load_config
    from narrator.intake.placeholders import MARKER

    settings = load_config(config)
    name = config.stem
    if _slug(name) in _GENERIC_NAMES and _slug(config.resolve().parent.name):
        name = config.resolve().parent.name
    placeholder = settings.area.strip().startswith(MARKER)  # `init` without --area
    name, area = _slug(name), "" if placeholder else _slug(settings.area)
    if area and area not in name:
        name = f"{area}-{name}"
    period = _slug(settings.report_period.canonical()) if settings.report_period else ""
    if period and period not in name:
        name = f"{name}-{period}"
    return Path("out") / f"{name or 'report'}.docx"
