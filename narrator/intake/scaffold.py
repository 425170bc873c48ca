"""`narrator init`: a commented config.yaml and catalogue.yaml for a council's first report,
written from its dashboard.

The config names the area, the report period inferred from the latest periods, the dashboard,
the outcomes in the dashboard's order and placeholder text marked `TODO:` (which `narrator
check` lists until it is replaced). The catalogue has an entry per indicator guessed by
`infer`, each guess commented with what it was read from. Both are plain YAML text written
line by line (so the comments sit where an officer reads them), every value quoted only when
YAML needs it and checked to read back as written.
"""

from __future__ import annotations

import os
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from narrator.atomic import atomic_write, atomic_write_all, check_writable
from narrator.errors import ConfigError, OutputError
from narrator.intake.infer import Guess, infer_entry
from narrator.intake.placeholders import MARKER
from narrator.intake.subject import Vocabulary
from narrator.intake.yamlwrite import WIDTH, list_item_lines, scalar_lines
from narrator.limits import os_problem
from narrator.model import Indicator, Severity
from narrator.officer_files import normalise_name
from narrator.periods import Period, PeriodKind, parse_period

__all__ = ["WIDTH", "scalar_lines"]  # written by yamlwrite, used here and by the tests


# --- the report period -----------------------------------------------------------------------


def _quarter_of(period: Period) -> Period | None:
    """The financial quarter a quarter or month falls in (Q1 is April to June), or a window
    or year so far ends in ("Jul 18 - Dec 18": Q3 2018/19); None for other kinds of period."""
    if period.kind is PeriodKind.QUARTER:
        return period
    ends = (PeriodKind.MONTH, PeriodKind.RANGE, PeriodKind.PART_YEAR)
    if period.kind not in ends or period.number is None:
        return None
    if period.kind is PeriodKind.RANGE and (period.months or 12) >= 12:
        return None  # a rolling year or whole years: named as themselves
    year = period.year if period.number >= 4 else period.year - 1
    number = (period.number - 4) % 12 // 3 + 1
    return parse_period(f"Q{number} {year}/{(year + 1) % 100:02d}")


def infer_report_period(indicators: Sequence[Indicator]) -> tuple[Period | None, str]:
    """The quarter most indicators' latest figures fall in (a month counts for its quarter;
    the later quarter on a tie); with no quarterly or monthly figure, the most recent latest
    period. None when no row has a latest period. Second: how it was inferred."""
    periods = [i.latest_period for i in indicators if i.latest_period is not None]
    if not periods:
        return None, "no row has a latest period"
    quarters = [q for q in map(_quarter_of, periods) if q is not None]
    if quarters:
        counts = Counter(q.canonical() for q in quarters)
        by_label = {q.canonical(): q for q in quarters}
        best = max(counts, key=lambda k: (counts[k], by_label[k].end_month_index()))
        return (
            by_label[best],
            f"{counts[best]} of the {len(periods)} latest figures fall in {best}",
        )
    latest = max(periods, key=Period.end_month_index)
    return latest, f"the most recent latest period, {latest.canonical()}"


def _title(period: Period | None) -> str:
    if period is None:
        return f"{MARKER}: the report's title"
    if period.kind is PeriodKind.QUARTER:
        return f"Quarter {period.number} {period.year_label} Performance Report"
    return f"{period.canonical()} Performance Report"


def _period_words(period: Period | None) -> str:
    if period is None:
        return "the period"
    if period.kind is PeriodKind.QUARTER:
        return f"Quarter {period.number} {period.year_label}"
    return period.canonical()


# --- the config ------------------------------------------------------------------------------


def _topics(indicators: Iterable[Indicator]) -> list[str]:
    seen: dict[str, None] = {}
    for ind in indicators:
        if ind.topic:
            seen.setdefault(" ".join(ind.topic.split()), None)
    return list(seen)


def _themes(indicators: Iterable[Indicator], topic: str) -> list[str]:
    """The themes of a topic's indicators, in the dashboard's order."""
    seen: dict[str, None] = {}
    for ind in indicators:
        if ind.topic and " ".join(ind.topic.split()) == topic and ind.theme:
            seen.setdefault(ind.theme, None)
    return list(seen)


def _heading_lines(
    dashboard: str, area: str | None, period: Period | None, why: str, department: str | None
) -> list[str]:
    """The config's opening comment and the report's own details (area, committee, title...),
    with placeholders for what only the officer knows (`department` None: a placeholder)."""
    todo = MARKER
    lines = [
        f"# Report config written by `narrator init` from {Path(dashboard).name}.",
        "# Replace each placeholder below with your own text; `narrator check` lists those still",
        "# left. Paths are relative to this file. Build the report with:",
        "#   narrator build config.yaml -o report.docx",
    ]
    if area:
        lines += scalar_lines("area", area, 0, "how the report names the council")
    else:
        lines += scalar_lines("area", f"{todo}: the council's name, as the report says it", 0)
    lines += scalar_lines(
        "committee", f"{todo}: the committee's name (e.g. ... Overview and Scrutiny Committee)", 0
    )
    lines += [f"# meeting_date: 2025-01-31  # {todo}: the meeting's date, as YYYY-MM-DD"]
    lines += scalar_lines("title", _title(period), 0, f"{todo}: check the title")
    lines += scalar_lines(
        "report_of", f"{todo}: whose report it is (e.g. the Director of Children's Services)", 0
    )
    if department:
        lines += scalar_lines("department", department, 0)
    else:
        lines += scalar_lines("department", f"{todo}: the department's name", 0)
    lines += [
        "# author: Business Intelligence Service  # optional: the author in the file's details"
    ]
    if period is not None:
        lines += scalar_lines("report_period", period.canonical(), 0, f"inferred: {why}")
    else:
        lines += [f"# report_period: Q1 2024/25  # {todo}: the period the report covers ({why})"]
    return lines


def _period_heading_lines(headings: Sequence[tuple[str, str]]) -> list[str]:
    """The config's comment on the columns whose headings name a period, and the layout."""
    if not headings:
        return []
    lines = ["# The dashboard's column headings name its periods; each was read as:"]
    for name, said in headings:
        lines += [f"#   {name!r}: {said}"]
    lines += ["# Every row's periods are those of the headings (read again from each export)."]
    lines += scalar_lines("layout", "period-headings", 0, "a table whose headings name periods")
    return lines


def _themes_alone(indicators: Iterable[Indicator]) -> list[str]:
    """The themes of a dashboard whose indicators have no topic, in its order."""
    seen: dict[str, None] = {}
    for ind in indicators:
        if ind.topic is None and ind.theme:
            seen.setdefault(" ".join(ind.theme.split()), None)
    return list(seen)


def _source_lines(
    indicators: Sequence[Indicator],
    dashboard: str,
    sheet: str | None,
    catalogue: str,
    headings: Sequence[tuple[str, str]],
) -> list[str]:
    """The files the report reads, and a placeholder for the RAG key when the dashboard rates
    its indicators."""
    todo = MARKER
    lines: list[str] = []
    lines += scalar_lines("dashboard", dashboard, 0)
    if sheet:
        lines += scalar_lines("sheet", sheet, 0, "the workbook sheet the indicators are on")
    lines += _period_heading_lines(headings)
    lines += scalar_lines("catalogue", catalogue, 0, "how each indicator is spoken of")
    lines += [
        "# commentary: commentary.yaml   # optional: officers' commentary per indicator",
    ]
    rated = sum(1 for i in indicators if i.rag is not None)
    if rated:
        lines += [
            f"# The dashboard rates {rated} indicators Red, Amber or Green: say what the ratings",
            "# mean, for the key under the appendix: quartile, target, or your own, as",
            "# {G: On target, A: Within 5%, R: Off target}.",
            f"# rag_key: target  # {todo}: what the dashboard's ratings mean",
        ]
    return lines


def _outcome_lines(indicators: Sequence[Indicator]) -> list[str]:
    """The commented `rules:` and an outcome per dashboard Topic, in the dashboard's order."""
    lines: list[str] = []
    lines += [
        "",
        "# How targets are said: `target_margins` says by how much one is missed or beaten",
        "# ('short of the target of at least 82.00% by 0.50 percentage points'): always,",
        "# when_missed or never; `status_words: true` quotes the dashboard's own status word.",
        "# How close to the England or statistical neighbour average a figure is 'in line with'",
        "# it. Without in_line_*, only the same printed figure is 'the same as' the average, and",
        "# any difference is said ('0.1 percentage points above the England average (82.3%)').",
        "rules:",
        "  target_margins: always",
        "  # status_words: true",
        "  # in_line_points: 0.5    # a percentage within 0.5 percentage points",
        "  # in_line_relative: 2    # any other figure within 2% of the average",
        "",
        "# What the Background's summary paragraph counts: targets (met and missed, and which",
        "# way the measures moved) and/or quartiles. Without it, what most measures have.",
        "# summary: [targets, quartiles]",
        "",
        "# Strategic outcomes (report sections), in the order the dashboard has them. `topic` is",
        "# the dashboard's Topic text; add `heading:` to word the section heading differently,",
        "# `intro:` for paragraphs before its indicators, `themes: true` for a sub-heading per",
        "# Theme.",
    ]
    topics = _topics(indicators)
    if not topics and (themes := _themes_alone(indicators)):
        lines += ["# (the dashboard has no Topic column: its themes are the outcomes)"]
        topics = themes
    if topics:
        lines += ["outcomes:"]
        for topic in topics:
            topic_lines = scalar_lines("topic", topic, 4)
            topic_lines[0] = "  - " + topic_lines[0][4:]
            lines += topic_lines
            themes = _themes(indicators, topic)
            if len(themes) > 1:
                lines.append(f"    # themes: true  # a sub-heading per theme: {', '.join(themes)}")
    else:
        lines += [
            "# (the dashboard has no Topic column, sections or themes: the indicators follow in",
            "# its order under one heading, the department's name)",
            "outcomes: []",
        ]
    return lines


def _text_lines(words: str) -> list[str]:
    """The report's fixed text, as placeholders to replace."""
    todo = MARKER
    lines: list[str] = []
    text = {
        "purpose": (
            f"{todo}: replace with your own words. The purpose of this report is to present "
            f"the Committee with an update on the department's performance for {words}."
        ),
        "policy": (
            f"{todo}: replace with your own words. The department's performance is reported "
            "to the Committee in accordance with the Council's corporate performance "
            "management arrangements."
        ),
        "background": (
            f"{todo}: replace with your own words: the plan whose priorities the indicators "
            "measure, and where the comparisons come from."
        ),
        "conclusion": (
            f"{todo}: replace with your own words. The report provides a summary of "
            f"performance at the end of {words}."
        ),
    }
    lines += [
        "",
        "# The report's fixed text: each section is a list of paragraphs.",
        "text:",
    ]
    for key, paragraph in text.items():
        lines += [f"  {key}:", *list_item_lines(paragraph, 4)]
    lines += ["  background_papers: [None.]", "  circulation: [None.]", ""]
    return lines


def _officer_lines() -> list[str]:
    """One officer to contact, as placeholders."""
    todo = MARKER
    lines: list[str] = []
    lines += ["# Officers to contact, at the end of the report.", "officers:"]
    officer = [
        ("name", f"{todo}: the contact officer's name"),
        ("role", f"{todo}: their role"),
        ("telephone", f"{todo}: their telephone number"),
        ("email", f"{todo}: their email address"),
    ]
    for i, (key, value) in enumerate(officer):
        item = scalar_lines(key, value, 4)
        if i == 0:
            item[0] = "  - " + item[0][4:]
        lines += item
    return lines


def config_text(
    indicators: Sequence[Indicator],
    *,
    dashboard: str,
    sheet: str | None,
    area: str | None,
    catalogue: str = "catalogue.yaml",
    headings: Sequence[tuple[str, str]] = (),
    department: str | None = None,
    national: Sequence[str] = (),
) -> str:
    """The commented config for a report on `indicators`, read from `dashboard` (the path as
    the config names it, relative to the config's folder). `headings` are the columns whose
    headings name a period and what each was read as (said in comments, with the layout);
    `department` the department's name (None: a placeholder); `national` the lines of a
    `national:` block (none: no block)."""
    period, why = infer_report_period(indicators)
    lines = [
        *_heading_lines(dashboard, area, period, why, department),
        "",
        *_source_lines(indicators, dashboard, sheet, catalogue, headings),
        *national,
        *_outcome_lines(indicators),
        *_text_lines(_period_words(period)),
        *_officer_lines(),
    ]
    return "\n".join(lines) + "\n"


# --- the catalogue ---------------------------------------------------------------------------


_FIELD_ORDER = (
    "subject",
    "unit",
    "word",
    "scale",
    "decimals",
    "per",
    "noun",
    "year_type",
    "comparison",
    "timing",
    "cumulative",
    "plural",
)


def catalogue_text(
    indicators: Sequence[Indicator],
    *,
    dashboard: str,
    vocab: Vocabulary | None = None,
    national: Mapping[str, list[str]] | None = None,
) -> str:
    """The commented catalogue: one guessed entry per indicator, in the dashboard's order,
    grouped under its theme (or topic) as a comment; a name given twice gets one entry.
    `national`: indicator name -> the lines of its `national` key (None or a name left out:
    none)."""
    lines = [
        "# How each indicator is spoken of in the report, guessed by `narrator init` from",
        f"# {Path(dashboard).name}. Each value is a guess from the indicator's name and cells:",
        "# the comment beside it says what it was read from. Check each (read the subject",
        '# aloud after "This is ..." or at the start of a sentence) and correct what is wrong.',
        "# `name` is the dashboard's own name: it is how a row finds its entry, so leave it as it",
        "# is (add `aliases: [old name]` when the dashboard renames it). `unit` is percentage,",
        "# count, rate or score; `decimals` the places printed; `noun` what its counts count;",
        "# `per` a rate's base; `year_type` academic or financial for years like 2022/23;",
        "# `comparison: year_on_year` when the previous figure is from a year earlier;",
        "# `cumulative: true` when a quarter's figure is the year so far (a collection rate);",
        "# `timing: flow` when it is what was done during the period ('in Quarter 2': an",
        "# average time, a count of events), `snapshot` what stood at its end ('at the end of').",
        "indicators:",
    ]
    seen: set[str] = set()
    group: str | None = None
    for ind in indicators:
        key = normalise_name(ind.name)
        if key in seen:
            continue
        seen.add(key)
        heading = ind.theme or ind.topic
        if heading and heading != group:
            group = heading
            title = f"  # --- {' '.join(heading.split())} "
            lines.append(title + "-" * max(3, WIDTH - len(title)))
        lines += _entry_lines(infer_entry(ind, vocab))
        if national and ind.name in national:
            lines += national[ind.name]
    return "\n".join(lines) + "\n"


def _entry_comment(text: str) -> list[str]:
    """A comment under a catalogue entry, wrapped to the file's width."""
    return textwrap.wrap(
        text, WIDTH, initial_indent="    # ", subsequent_indent="    #   ", break_on_hyphens=False
    )


def _entry_lines(guess: Guess) -> list[str]:
    entry, notes = guess.entry, guess.notes
    lines = scalar_lines("name", entry.name, 4)
    lines[0] = "  - " + lines[0][4:]
    values: dict[str, object] = {
        "subject": entry.subject,
        "unit": entry.unit.value if entry.unit else None,
        "word": entry.word,
        "scale": entry.scale,
        "decimals": entry.decimals,
        "per": entry.per,
        "noun": entry.noun,
        "year_type": entry.year_type,
        "comparison": entry.comparison,
        "timing": entry.timing,
        "cumulative": entry.cumulative,
        "plural": True if entry.plural else None,
    }
    for key in _FIELD_ORDER:
        value = values[key]
        note = notes.get(key)
        if value is None:
            if key == "decimals" and note:
                lines.append(f"    # decimals: {note}")
            continue
        if key == "subject":
            lines += _entry_comment(f"subject: {note}")
            lines += scalar_lines(key, str(value), 4)
        elif isinstance(value, bool):
            said = "true" if value else "false"
            lines.append(f"    {key}: {said}" + (f"  # {note}" if note else ""))
        elif isinstance(value, int):
            lines.append(f"    {key}: {value}" + (f"  # {note}" if note else ""))
        else:
            lines += scalar_lines(key, str(value), 4, note)
    if entry.noun is None:
        lines.append(
            "    # noun: the name does not say what its counts count; add one if it has any"
        )
    if "periods" in notes:
        lines += _entry_comment(f"periods: {notes['periods']}")
    return lines


# --- writing ---------------------------------------------------------------------------------


def _backup(path: Path) -> Path:
    """Copy `path` to the first free name of NAME.bak, NAME.bak1, ... (atomically: a failure
    leaves no half copy) and return it. Raises OutputError when it cannot be read or written."""
    candidate = path.with_name(f"{path.name}.bak")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak{number}")
        number += 1
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OutputError(f"{path}: cannot keep a backup copy of it: {os_problem(exc)}") from None
    atomic_write(candidate, data, "backup copy")
    return candidate


@dataclass(frozen=True)
class Written:
    """What `write_scaffold` wrote: the two files, the backups of files it replaced, how many
    indicators the dashboard has and how many of its problems stop a build (`errors`);
    with `--national`, how many indicators were given a published measure (`benchmarked`)
    and those matched to a measure the table holds no figures for (`unheld`)."""

    config: Path
    catalogue: Path
    backups: tuple[Path, ...]
    indicators: int = 0
    errors: int = 0
    benchmarked: int | None = None
    unheld: tuple[str, ...] = ()

    def national_notes(self) -> list[tuple[str, bool]]:
        """What `init --national` proposed, as lines for the terminal (True: a note for
        stderr); none without --national."""
        if self.benchmarked is None:
            return []
        lines = [
            (
                f"  national: proposed a published measure for {self.benchmarked} of "
                f"{self.indicators} indicators (its name beside each `national:` in the "
                "catalogue: check each; the others have none)",
                False,
            )
        ]
        return lines + [
            (
                f"  note: {name!r} matches a measure the data dictionary lists but the table "
                "holds no figures for: left without one",
                True,
            )
            for name in self.unheld
        ]


NationalLines = Callable[
    [Sequence[Indicator], Path, int | None, str | None],
    tuple[list[str], dict[str, list[str]], tuple[str, ...]],
]
"""`init --national`'s proposals for the dashboard's indicators, given the config's folder, the
year the report period ends in and the area (None: not given): the config's `national:` lines,
each matched indicator's catalogue lines by name, and the names matched to a measure the table
holds no figures for."""


def _national(
    national: NationalLines | None,
    indicators: Sequence[Indicator],
    folder: Path,
    area: str | None,
) -> tuple[list[str], dict[str, list[str]] | None, tuple[str, ...]]:
    if national is None:
        return [], None, ()
    period, _ = infer_report_period(indicators)
    year = (period.end_month_index() - 1) // 12 if period is not None else None
    return national(indicators, folder, year, area)


def write_scaffold(
    dashboard: Path,
    *,
    folder: Path | None = None,
    area: str | None = None,
    sheet: str | None = None,
    force: bool = False,
    department: str | None = None,
    national: NationalLines | None = None,
) -> Written:
    """Read `dashboard` and write config.yaml and catalogue.yaml in `folder` (None: beside the
    dashboard). Raises ConfigError, writing nothing, when either file exists and not `force`;
    with `force` each file replaced is first copied to NAME.bak (an older .bak is kept). Both
    files are written atomically, together (narrator.atomic): OutputError, with the originals
    untouched, for a folder that cannot be written, a full disk or a name too long.
    `national`: what `init --national` proposes (narrator.national.proposals.proposer): the
    config's `national:` block and each matched indicator's `national` key (None: neither)."""
    from narrator.intake.load import load_dashboard

    folder = folder if folder is not None else dashboard.parent
    config_path, catalogue_path = folder / "config.yaml", folder / "catalogue.yaml"
    for path in (config_path, catalogue_path):
        check_writable(path, path.stem)
    existing = [p for p in (config_path, catalogue_path) if p.exists()]
    if existing and not force:
        names = " and ".join(str(p) for p in existing)
        raise ConfigError(
            names,
            "already exists; narrator init does not write over it. Use --force to replace it "
            "(a .bak copy is kept), or -o to write somewhere else",
        )
    board = load_dashboard(dashboard, sheet=sheet)
    config_lines, entry_lines, unheld = _national(national, board.indicators, folder, area)
    relative = Path(os.path.relpath(dashboard.resolve(), folder.resolve())).as_posix()
    config = config_text(
        board.indicators,
        dashboard=relative,
        sheet=board.sheet,
        area=area,
        headings=board.headings,
        department=department,
        national=config_lines,
    )
    catalogue = catalogue_text(board.indicators, dashboard=relative, national=entry_lines)
    backups: list[Path] = []
    # both or neither: a full disk leaves the config and catalogue as they were, and no backup
    atomic_write_all(
        [(config_path, config.encode("utf-8")), (catalogue_path, catalogue.encode("utf-8"))],
        "config and catalogue",
        before_replace=lambda: backups.extend(_backup(p) for p in existing),
    )
    errors = sum(1 for p in board.problems if p.severity is Severity.ERROR)
    benchmarked = None if entry_lines is None else len(entry_lines)
    return Written(
        config_path,
        catalogue_path,
        tuple(backups),
        len(board.indicators),
        errors,
        benchmarked,
        unheld,
    )
