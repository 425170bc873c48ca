"""The report config (YAML): which council, committee and meeting, which dashboard and
catalogue, the order of the strategic outcomes, and the fixed text of the report.

Paths in a config are relative to the config file's own folder. See
samples/leicestershire-cfs/config.yaml for a complete example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from narrator.errors import ConfigError
from narrator.intake.national import national_config
from narrator.intake.yamlfile import read_mapping
from narrator.national.model import NationalConfig
from narrator.periods import Period, parse_period
from narrator.settings import RuleSettings


@dataclass(frozen=True)
class Officer:
    """A contact at the end of the report. Any field but `name` may be None (not printed)."""

    name: str
    role: str | None = None
    telephone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A strategic outcome: a section of the report.

    topic:   the dashboard's Topic text that puts an indicator in this section
    heading: the section heading (None: the topic itself)
    intro:   paragraphs written before the indicators (e.g. the basis of comparisons)
    themes:  True to put a sub-heading per dashboard Theme inside the section
    """

    topic: str
    heading: str | None = None
    intro: tuple[str, ...] = ()
    themes: bool = False


@dataclass(frozen=True)
class Config:
    """A loaded report config. Optional paths are None when the config does not name them;
    optional text sections are empty tuples when absent (the section is then left out, except
    Background Papers, which says "None." as committee reports do; Circulation is written only when
    the config gives it).

    report_of:  who the report is from, as one text (a list in the config is joined "A, B and
                C"); None: no subtitle. `joint` is True when the config lists two or more.
    comparison: what every indicator's previous figure is, unless its catalogue entry says
                (see CatalogueEntry.comparison); None: the period just before.
    rag_key:    the appendix's RAG key: "quartile" or "target" (the phrasebook's keys of those
                names), or the config's own (letter, meaning) pairs; None: no key printed.
    """

    file: Path
    area: str
    committee: str
    meeting_date: date | None
    title: str
    report_of: str | None
    department: str | None
    author: str | None
    report_period: Period | None
    dashboard: Path | None  # None: the figures come from the national tables
    sheet: str | None
    catalogue: Path | None
    phrasebook: Path | None
    commentary: Path | None
    template: Path | None
    outcomes: tuple[Outcome, ...]
    text: dict[str, tuple[str, ...]]
    spotlight_title: str | None
    spotlight: Path | None
    appendix_title: str | None
    officers: tuple[Officer, ...]
    settings: RuleSettings = field(default_factory=RuleSettings)
    joint: bool = False
    comparison: str | None = None
    rag_key: str | tuple[tuple[str, str], ...] | None = None
    # national tables (issue 13): None when the report uses none
    national: NationalConfig | None = None
    layout: str | None = None  # how the dashboard is laid out; None: found from the file
    # earlier dashboards (folders, globs or files, relative to the config): () reads none
    history: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return self.file.parent


TEXT_SECTIONS = (
    "purpose",
    "policy",
    "background",
    "conclusion",
    "background_papers",
    "circulation",
    "appendices",
)

_KNOWN = {
    "area",
    "committee",
    "meeting_date",
    "title",
    "report_of",
    "department",
    "author",
    "report_period",
    "dashboard",
    "sheet",
    "layout",
    "catalogue",
    "phrasebook",
    "commentary",
    "template",
    "outcomes",
    "text",
    "spotlight",
    "appendix_title",
    "officers",
    "rules",
    "comparison",
    "rag_key",
    "national",
    "history",
}
RAG_KEYS = ("quartile", "target")


def _text_list(file: str, where: str, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise ConfigError(file, f"{where}: expected a paragraph or a list of paragraphs")
    return tuple(" ".join(x.split()) for x in raw)


def _str(file: str, data: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise ConfigError(file, f"'{key}' is required")
        return None
    if not isinstance(value, str | int | float):
        raise ConfigError(file, f"'{key}' must be text, not {type(value).__name__}")
    return " ".join(str(value).split())


def _path(base: Path, file: str, data: dict[str, Any], key: str) -> Path | None:
    value = _str(file, data, key)
    return (base / value) if value else None


def _report_of(file: str, raw: Any) -> tuple[str | None, bool]:
    """(the text, whether two or more are named)."""
    if raw is None:
        return None, False
    if isinstance(raw, list):
        if not raw or not all(isinstance(x, str) and x.strip() for x in raw):
            raise ConfigError(file, "report_of: expected a name or a list of names")
        names = [" ".join(x.split()) for x in raw]
        text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return text, len(names) > 1
    if not isinstance(raw, str):
        raise ConfigError(file, "report_of: expected a name or a list of names")
    return " ".join(raw.split()) or None, False


def _rag_key(file: str, raw: Any) -> str | tuple[tuple[str, str], ...] | None:
    if raw is None or raw is False or raw == "none":
        return None
    if isinstance(raw, str):
        if raw not in RAG_KEYS:
            raise ConfigError(
                file,
                f"rag_key: {raw!r}; use quartile, target, none, or a mapping of each rating "
                "to its meaning (G: On target)",
            )
        return raw
    if isinstance(raw, dict) and raw:
        pairs = []
        for letter, meaning in raw.items():
            key = str(letter).strip().upper()[:1]
            if key not in ("G", "A", "R") or not isinstance(meaning, str):
                raise ConfigError(
                    file, f"rag_key: {letter!r}: use G, A or R (or Green, Amber, Red) and text"
                )
            pairs.append((key, " ".join(meaning.split())))
        return tuple(pairs)
    raise ConfigError(file, "rag_key: use quartile, target, none or a mapping (G: On target)")


def _outcomes(file: str, raw: Any) -> tuple[Outcome, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(file, "outcomes: expected a list")
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            item = {"topic": item}
        if not isinstance(item, dict) or not isinstance(item.get("topic"), str):
            raise ConfigError(file, f"outcomes[{i}]: each outcome needs a 'topic'")
        unknown = set(item) - {"topic", "heading", "intro", "themes"}
        if unknown:
            raise ConfigError(file, f"outcomes[{i}]: unknown keys {sorted(unknown)}")
        out.append(
            Outcome(
                topic=" ".join(item["topic"].split()),
                heading=_str(file, item, "heading"),
                intro=_text_list(file, f"outcomes[{i}].intro", item.get("intro")),
                themes=bool(item.get("themes", False)),
            )
        )
    return tuple(out)


def _officers(file: str, raw: Any) -> tuple[Officer, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(file, "officers: expected a list")
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ConfigError(file, f"officers[{i}]: each officer needs a 'name'")
        out.append(
            Officer(
                name=item["name"],
                role=_str(file, item, "role"),
                telephone=_str(file, item, "telephone"),
                email=_str(file, item, "email"),
            )
        )
    return tuple(out)


def load_config(path: Path, *, dashboard: Path | None = None) -> Config:
    """Read and check a config. `dashboard` overrides the config's own dashboard (--data)."""
    file = str(path)
    data = read_mapping(path, "config")
    unknown = set(data) - _KNOWN
    if unknown:
        raise ConfigError(file, f"unknown keys {sorted(unknown)}; known: {sorted(_KNOWN)}")
    base = path.parent
    meeting = data.get("meeting_date")
    if meeting is not None and not isinstance(meeting, date):
        raise ConfigError(file, f"meeting_date {meeting!r}: write it as YYYY-MM-DD")
    period_text = _str(file, data, "report_period")
    try:
        period = parse_period(period_text) if period_text else None
    except ValueError as exc:
        raise ConfigError(file, f"report_period: {exc}") from exc
    board = dashboard or _path(base, file, data, "dashboard")
    if board is None and data.get("national") is None:
        raise ConfigError(
            file, "'dashboard' is required (or give --data, or name `national` tables)"
        )
    text_raw = data.get("text") or {}
    if not isinstance(text_raw, dict):
        raise ConfigError(file, "text: expected a mapping of sections")
    unknown_text = set(text_raw) - set(TEXT_SECTIONS)
    if unknown_text:
        raise ConfigError(
            file, f"text: unknown sections {sorted(unknown_text)}; known {TEXT_SECTIONS}"
        )
    text = {k: _text_list(file, f"text.{k}", text_raw.get(k)) for k in TEXT_SECTIONS}
    spotlight = data.get("spotlight") or {}
    if not isinstance(spotlight, dict):
        raise ConfigError(file, "spotlight: expected 'title' and 'file'")
    rules = data.get("rules") or {}
    report_of, joint = _report_of(file, data.get("report_of"))
    comparison = data.get("comparison")
    from narrator.intake.catalogue import COMPARISONS

    if comparison is not None and comparison not in COMPARISONS:
        raise ConfigError(file, f"comparison: {comparison!r}; use {', '.join(COMPARISONS)}")
    if not isinstance(rules, dict):
        raise ConfigError(file, "rules: expected a mapping of thresholds")
    return Config(
        file=path,
        area=_str(file, data, "area", required=True) or "",
        committee=_str(file, data, "committee", required=True) or "",
        meeting_date=meeting,
        title=_str(file, data, "title", required=True) or "",
        report_of=report_of,
        department=_str(file, data, "department"),
        author=_str(file, data, "author"),
        report_period=period,
        dashboard=board,
        sheet=_str(file, data, "sheet"),
        catalogue=_path(base, file, data, "catalogue"),
        phrasebook=_path(base, file, data, "phrasebook"),
        commentary=_path(base, file, data, "commentary"),
        template=_path(base, file, data, "template"),
        outcomes=_outcomes(file, data.get("outcomes")),
        text=text,
        spotlight_title=_str(file, spotlight, "title"),
        spotlight=_path(base, file, spotlight, "file"),
        appendix_title=_str(file, data, "appendix_title"),
        officers=_officers(file, data.get("officers")),
        settings=RuleSettings.from_mapping(rules, file),
        joint=joint,
        comparison=comparison,
        rag_key=_rag_key(file, data.get("rag_key")),
        national=national_config(file, base, data.get("national")),
        layout=_layout(file, data),
        history=_history(file, data.get("history")),
    )


def _layout(file: str, data: dict[str, Any]) -> str | None:
    from narrator.intake.layouts import LAYOUT_NAMES

    layout = _str(file, data, "layout")
    if layout is not None and layout not in LAYOUT_NAMES:
        raise ConfigError(file, f"layout: {layout!r} is not one of {', '.join(LAYOUT_NAMES)}")
    return layout


def _history(file: str, raw: Any) -> tuple[str, ...]:
    """`history:` as written: a folder, glob or file of earlier dashboards, or a list of them;
    () when the config gives none."""
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    if not items or not all(isinstance(x, str) and x.strip() for x in items):
        raise ConfigError(
            file,
            f"history: {raw!r}; expected a folder, a glob (history/*.csv) or a file of earlier "
            "dashboards, or a list of them",
        )
    return tuple(x.strip() for x in items)
