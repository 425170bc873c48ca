"""The report config (YAML): which council, committee and meeting, which dashboard and
catalogue, the order of the strategic outcomes, and the fixed text of the report.

Paths in a config are relative to the config file's own folder. See
samples/leicestershire-cfs/config.yaml for a complete example.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from narrator.errors import ConfigError, Location
from narrator.intake.national import NATIONAL_SCHEMA, national_config
from narrator.model import Problem, Severity
from narrator.officer_files import Config, Officer, Outcome
from narrator.periods import parse_period
from narrator.schema import (
    BOOL,
    DATE,
    NUMBER,
    TEXT,
    TEXTS,
    WORDS,
    Fields,
    ListOf,
    MapOf,
    OneOf,
    fields_of,
)
from narrator.settings import RuleSettings
from narrator.yamlfile import read_mapping

TEXT_SECTIONS = (
    "purpose",
    "policy",
    "background",
    "conclusion",
    "background_papers",
    "circulation",
    "appendices",
)


def _rules_schema() -> Fields:
    from dataclasses import fields

    kinds = {"targets": WORDS, "target_margins": WORDS, "status_words": BOOL}
    return Fields({f.name: kinds.get(f.name, NUMBER) for f in fields(RuleSettings)})


_OUTCOME = Fields({"topic": TEXT, "heading": TEXT, "intro": TEXTS, "themes": BOOL})
_OFFICER = Fields(fields_of(("name", "role", "telephone", "email"), TEXT))
CONFIG_SCHEMA = Fields(
    {
        **fields_of(("area", "committee"), TEXT),
        "meeting_date": DATE,
        "title": TEXT,
        "report_of": TEXTS,
        **fields_of(("department", "author", "report_period"), TEXT),
        **fields_of(("dashboard", "sheet", "layout", "catalogue", "phrasebook"), TEXT),
        **fields_of(("commentary", "template"), TEXT),
        "outcomes": ListOf(OneOf((TEXT, _OUTCOME))),
        "text": Fields(fields_of(TEXT_SECTIONS, TEXTS), "a mapping of sections"),
        "spotlight": Fields({"title": TEXT, "file": TEXT}, "'title' and 'file'"),
        "appendix_title": TEXT,
        "officers": ListOf(_OFFICER),
        "rules": _rules_schema(),
        "comparison": WORDS,
        "rag_key": OneOf((WORDS, BOOL, MapOf(WORDS, "a mapping of each rating to its meaning"))),
        "national": NATIONAL_SCHEMA,
        "summary": OneOf((WORDS, ListOf(WORDS))),
    }
)
"""Every key of a config, with the type of its value (narrator.schema)."""
RAG_KEYS = ("quartile", "target")
SUMMARY_PARTS = ("targets", "quartiles")
"""What the summary paragraph may count (config `summary:`)."""


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


_DASHBOARD_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods", ".pdf")


def _read_config(path: Path) -> dict[str, Any]:
    """The config's mapping. A dashboard given where the config belongs (by its suffix, or a
    file that is not YAML and not named .yaml) is a ConfigError that says so and names
    `narrator init`, instead of a puzzle about mappings."""
    mistaken = ConfigError(
        str(path),
        "this looks like a dashboard, not a report config: narrator takes the config file "
        "(YAML) that names the dashboard. To write one for this dashboard, run "
        f"`narrator init {path}`",
    )
    if path.suffix.lower() in _DASHBOARD_SUFFIXES:
        raise mistaken
    try:
        return read_mapping(path, "config", schema=CONFIG_SCHEMA)
    except ConfigError as exc:
        named_yaml = path.suffix.lower() in (".yaml", ".yml")
        if not named_yaml and ("expected a mapping" in str(exc) or "not UTF-8" in str(exc)):
            raise mistaken from exc
        raise


def load_config(path: Path, *, dashboard: Path | None = None) -> Config:
    """Read and check a config. `dashboard` overrides the config's own dashboard (--data)."""
    file = str(path)
    data = _read_config(path)
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
        summary=_summary(file, data.get("summary")),
    )


def _summary(file: str, raw: Any) -> tuple[str, ...]:
    """The summary's parts as the config lists them ("targets", "quartiles"); () when absent.
    An unknown or repeated part is an error with the nearest known one."""
    import difflib

    parts = [raw] if isinstance(raw, str) else list(raw or [])
    for part in parts:
        if part not in SUMMARY_PARTS:
            near = difflib.get_close_matches(str(part), SUMMARY_PARTS, n=1, cutoff=0.5)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise ConfigError(
                file, f"summary: {part!r} is not one of {', '.join(SUMMARY_PARTS)}{hint}"
            )
    if len(set(parts)) != len(parts):
        raise ConfigError(file, f"summary: {', '.join(parts)} names a part twice")
    return tuple(parts)


def _layout(file: str, data: dict[str, Any]) -> str | None:
    from narrator.intake.layouts import LAYOUT_NAMES

    layout = _str(file, data, "layout")
    if layout is not None and layout not in LAYOUT_NAMES:
        raise ConfigError(file, f"layout: {layout!r} is not one of {', '.join(LAYOUT_NAMES)}")
    return layout


HEADED_SECTIONS = ("purpose", "policy", "background")
"""The text sections whose headings every report prints (the others are left out when absent,
or say "None.")."""


def report_text_problems(config: Config) -> list[Problem]:
    """A warning for each section of HEADED_SECTIONS the config gives no text for (its heading
    would stand empty), and for each empty paragraph of any section or outcome intro, with the
    config's line where it is known."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    missing = [s for s in HEADED_SECTIONS if not config.text.get(s)]
    if len(missing) == len(HEADED_SECTIONS) and not any(config.text.values()):
        found.append(
            (
                ("text",),
                "no `text:`: the report prints the purpose, policy and background "
                "headings with nothing under them; give each its paragraphs",
            ),
        )
    else:
        for section in missing:
            found.append(
                (
                    ("text", section),
                    f"text.{section} has no text: the report prints its heading "
                    "with nothing under it; give it a paragraph",
                ),
            )
    for section, paragraphs in config.text.items():
        found += [
            (
                ("text", section, i),
                f"text.{section}[{i}] is empty: it would print as an empty "
                "numbered paragraph; remove it or write it",
            )
            for i, para in enumerate(paragraphs)
            if not para
        ]
    for n, outcome in enumerate(config.outcomes):
        found += [
            (
                ("outcomes", n, "intro", i),
                f"outcomes[{n}].intro[{i}] is empty: it would print "
                "as an empty numbered paragraph; remove it or write it",
            )
            for i, para in enumerate(outcome.intro)
            if not para
        ]
    if not found:
        return []
    try:
        text = config.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    problems = []
    for path, message in found:
        at = _line_of(text, path)
        problems.append(
            Problem(
                Severity.WARNING,
                "missing-report-text",
                Location(file=str(config.file)),
                f"line {at}: {message}" if at else message,
            )
        )
    return problems


def _line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """The line of the deepest part of `path` that is in the config's text; None: none is."""
    from narrator.yamlfile import position

    while path:
        try:
            found = position(text, path)
        except Exception:  # an unreadable file was reported when it was read
            return None
        if found:
            return found[0]
        path = path[:-1]
    return None
