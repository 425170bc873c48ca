"""The config's `history:`: earlier dashboards, read once, matched to the report's indicators and
folded into one `Series` per indicator (narrator.series).

- Files: each `history:` entry is a folder (its dashboards: .csv, .tsv, .txt, .md, .xlsx; a
  README is not one), a glob or a file, relative to the config. Each is read by
  `load_dashboard`, in any layout narrator reads. A file that cannot be read, an entry that
  names no file, and a dashboard none of whose indicators is the report's are located warnings:
  the report is built with the history that could be read.
- Matching: an earlier indicator is the report's when both rows give the same id (a "PI Code",
  "Ref" or "ID" column), else when the catalogue finds the same entry for both names (a name
  or an alias), else when the names are the same (case, spacing and punctuation aside).
- Folding: dashboards are taken oldest first (by the latest period they report, then by file
  name), the report's own dashboard last; each gives its previous and latest figures. A period
  a newer dashboard gives differently is a revision ("history-revised", both values and both
  files); the newer figure is kept. Periods of another kind than the report's latest (an
  annual figure in a quarterly series), and periods after it, are left out with a warning.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from narrator.errors import Location, NarratorError
from narrator.intake.dashboard import Dashboard
from narrator.model import Indicator, Problem, Severity
from narrator.officer_files import Catalogue, normalise_name
from narrator.periods import Period, PeriodKind
from narrator.series import Revision, Series, SeriesPoint

if TYPE_CHECKING:
    from narrator.context import Context
    from narrator.officer_files import Config

DASHBOARD_SUFFIXES = (".csv", ".tsv", ".txt", ".md", ".xlsx")
# columns that name an indicator by a code that does not change when its title does
ID_COLUMNS: tuple[str, ...] = (
    *("pi code", "pi ref", "kpi ref", "kpi code", "ref", "reference", "id", "code"),
    *("indicator id", "indicator code", "measure code", "measure id", "pi id"),
)


@dataclass(frozen=True)
class History:
    """What the earlier dashboards give: a `Series` per report indicator that has any earlier
    figure (by the report dashboard's name), every revision found, every problem, and the
    files read (oldest first; a file that could not be read is not among them)."""

    series: dict[str, Series] = field(default_factory=dict)
    revisions: tuple[Revision, ...] = ()
    problems: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()


def _warning(code: str, where: Location, message: str, value: str | None = None) -> Problem:
    return Problem(Severity.WARNING, code, where, message, value, None)


def history_files(
    patterns: Iterable[str], base: Path, *, exclude: Path | None = None
) -> tuple[list[Path], list[Problem]]:
    """The files `patterns` name (folders, globs or files, relative to `base`), each once, in
    name order; `exclude` (the report's own dashboard) is never among them. A pattern naming no
    file is a warning ("history-not-found")."""
    found: dict[Path, None] = {}
    problems: list[Problem] = []
    skip = exclude.resolve() if exclude is not None else None
    for pattern in patterns:
        path = base / pattern
        if path.is_dir():
            named = [p for p in path.iterdir() if _is_dashboard(p)]
        else:
            named = [Path(p) for p in glob.glob(str(path), recursive=True) if Path(p).is_file()]
        named = sorted(p for p in named if p.resolve() != skip)
        if not named:
            problems.append(
                _warning(
                    "history-not-found",
                    Location(file=str(path)),
                    "the config's `history:` names no earlier dashboard here (a folder, a glob "
                    "such as history/*.csv, or a file, relative to the config)",
                    pattern,
                )
            )
        found.update(dict.fromkeys(named))
    return list(found), problems


def _is_dashboard(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in DASHBOARD_SUFFIXES
        and not path.stem.lower().startswith("readme")
        and not path.name.startswith(".")
    )


def read_history(paths: Iterable[Path]) -> tuple[list[Dashboard], list[Problem]]:
    """Each file read as a dashboard; one that cannot be read is a warning naming why
    ("history-unreadable"), and one with cells that cannot be read (the errors a report on it
    would stop at) a warning saying how many, those figures left out ("history-problems"). Its
    warnings (columns narrator does not use, ...) are the report's own business, not said."""
    from narrator.intake.load import load_dashboard

    boards: list[Dashboard] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            board = load_dashboard(path)
        except NarratorError as exc:
            problems.append(
                _warning(
                    "history-unreadable",
                    Location(file=str(path)),
                    f"this earlier dashboard cannot be read, so its figures are not in the "
                    f"history: {exc.user_message()}",
                )
            )
            continue
        if board.errors:
            first = board.errors[0].describe()
            problems.append(
                _warning(
                    "history-problems",
                    Location(file=str(path)),
                    f"{len(board.errors)} figure(s) or row(s) of this earlier dashboard cannot be "
                    f"read, and are not in the history (the first: {first})",
                )
            )
        boards.append(board)
    return boards, problems


def _as_of(board: Dashboard) -> int:
    """How recent a dashboard is: the end of the latest period any of its rows reports."""
    ends = [i.latest_period.end_month_index() for i in board.indicators if i.latest_period]
    return max(ends, default=0)


def _id_of(indicator: Indicator) -> str | None:
    for column, text in indicator.extra.items():
        if normalise_name(column) in ID_COLUMNS and text.strip():
            return normalise_name(text)
    return None


class _Matcher:
    """Finds the report's indicator an earlier dashboard's row is (see the module docstring)."""

    def __init__(self, current: Iterable[Indicator], catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.by_id: dict[str, str] = {}
        self.by_entry: dict[int, str] = {}
        self.by_name: dict[str, str] = {}
        for ind in current:
            if (code := _id_of(ind)) is not None:
                self.by_id.setdefault(code, ind.name)
            if (entry := catalogue.lookup(ind.name)) is not None:
                self.by_entry.setdefault(id(entry), ind.name)
            self.by_name.setdefault(normalise_name(ind.name), ind.name)

    def match(self, earlier: Indicator) -> str | None:
        """The report indicator's name; None when it is none of them."""
        code = _id_of(earlier)
        if code is not None and self.by_id:
            return self.by_id.get(code)
        entry = self.catalogue.lookup(earlier.name)
        if entry is not None and id(entry) in self.by_entry:
            return self.by_entry[id(entry)]
        return self.by_name.get(normalise_name(earlier.name))


def _points(ind: Indicator, source: str) -> Iterator[SeriesPoint]:
    """The indicator's previous and latest figures, each with its period, as points."""
    for prefix, value, period in (
        ("previous_", ind.previous, ind.previous_period),
        ("", ind.latest, ind.latest_period),
    ):
        if value is None or period is None:
            continue
        cell = ind.cells.get("previous" if prefix else "latest")
        yield SeriesPoint(
            period,
            value,
            source,
            cell.location if cell else ind.row,
            getattr(ind, f"{prefix}numerator"),
            getattr(ind, f"{prefix}denominator"),
            cell.text if cell else "",
        )


def _open_ended(period: Period) -> bool:
    """A part year "to date" whose end is not written: not placed in a series."""
    return period.kind is PeriodKind.PART_YEAR and period.number is None


class _Folder:
    """The points gathered for each report indicator, and what was found on the way."""

    def __init__(self, current: Iterable[Indicator]) -> None:
        self.latest: dict[str, Period | None] = {i.name: i.latest_period for i in current}
        self.points: dict[str, dict[tuple[PeriodKind, int, int], SeriesPoint]] = {}
        self.revisions: list[Revision] = []
        self.problems: list[Problem] = []
        self.left_out: set[tuple[str, str, str]] = set()

    def add(self, name: str, point: SeriesPoint) -> None:
        """Place `point` in `name`'s series, newer figures replacing older ones (a revision
        when the figure differs)."""
        latest = self.latest.get(name)
        if latest is None or _open_ended(latest):
            return  # no series to place it in (the report's figure is said as it stands)
        why = _left_out(point.period, latest)
        if why is not None:
            self._leave_out(name, point, why)
            return
        period = point.period
        key = (period.kind, period.start_month_index(), period.end_month_index())
        known = self.points.setdefault(name, {})
        before = known.get(key)
        if before is not None and before.value != point.value:
            self.revisions.append(Revision(name, period, before, point))
        known[key] = point

    def _leave_out(self, name: str, point: SeriesPoint, why: str) -> None:
        if (name, point.source, why) in self.left_out:
            return
        self.left_out.add((name, point.source, why))
        self.problems.append(
            _warning(
                "history-left-out",
                point.location._replace(indicator=name),
                f"the figure for {point.period} {why}, so it is not in the indicator's history",
                point.text or str(point.value),
            )
        )


def _left_out(period: Period, latest: Period) -> str | None:
    """Why a period cannot join a series ending with `latest`; None when it can."""
    if _open_ended(period):
        return "is a year to date whose end the dashboard does not say"
    if period.kind is not latest.kind or (period.part_year and period.months != latest.months):
        return f"is not a period of the report's kind ({latest})"
    if period.end_month_index() > latest.end_month_index():
        return f"is after the report's latest period ({latest})"
    return None


def collect_history(
    current: Dashboard, boards: Iterable[Dashboard], catalogue: Catalogue
) -> History:
    """Fold the earlier dashboards `boards` and the report's own `current` (whose indicators
    are as resolved, so its periods "to date" have their ends) into a History."""
    folder = _Folder(current.indicators)
    matcher = _Matcher(current.indicators, catalogue)
    ordered = sorted(boards, key=lambda b: (_as_of(b), b.source))
    report_rows = {i.name: i for i in reversed(current.indicators)}
    for board in ordered:
        rows, unmatched = _matched_rows(board, matcher)
        for name, candidates in rows.items():
            row = _same_context(report_rows[name], candidates)
            if row is None:
                folder.problems.append(_ambiguous(board, name, candidates))
                continue
            for point in _points(row, board.source):
                folder.add(name, point)
        if unmatched:
            folder.problems.append(_unmatched(board, unmatched))
    for ind in current.indicators:
        for point in _points(ind, current.source):
            folder.add(ind.name, point)
    steps = {i.name: i.frequency.months if i.frequency else None for i in current.indicators}
    files = tuple(b.source for b in ordered)
    series: dict[str, Series] = {}
    for name, known in folder.points.items():
        points = tuple(sorted(known.values(), key=lambda p: p.period.end_month_index()))
        if any(p.source != current.source for p in points):
            used = tuple(f for f in (*files, current.source) if any(p.source == f for p in points))
            series[name] = Series(name, points, steps.get(name), used)
    problems = [*folder.problems, *(_revised(r) for r in folder.revisions)]
    return History(series, tuple(folder.revisions), tuple(problems), files)


def _matched_rows(
    board: Dashboard, matcher: _Matcher
) -> tuple[dict[str, list[Indicator]], list[str]]:
    """The earlier dashboard's rows by the report indicator each is, and the names of those
    that are none."""
    rows: dict[str, list[Indicator]] = {}
    unmatched: list[str] = []
    for ind in board.indicators:
        name = matcher.match(ind)
        if name is None:
            unmatched.append(ind.name)
        else:
            rows.setdefault(name, []).append(ind)
    return rows, unmatched


def _context_of(ind: Indicator) -> dict[str, str]:
    """What a row says beside its figures: topic, theme and the columns narrator does not use
    (an "Authority" a dashboard of many areas is split by), folded."""
    said = {"topic": ind.topic or "", "theme": ind.theme or ""}
    said.update({normalise_name(k): v for k, v in ind.extra.items()})
    return {k: normalise_name(v) for k, v in said.items()}


def _same_context(report: Indicator, rows: list[Indicator]) -> Indicator | None:
    """The one earlier row of several that is the report's: the one agreeing with it in most
    of the columns beside the figures (the same area, service, ...); None when two agree
    equally. A single row is itself."""
    if len(rows) == 1:
        return rows[0]
    mine = _context_of(report)

    def agreeing(row: Indicator) -> int:
        theirs = _context_of(row)
        return sum(1 for k, v in theirs.items() if k in mine and mine[k] == v)

    scored = sorted(((agreeing(r), i) for i, r in enumerate(rows)), reverse=True)
    if scored[0][0] == scored[1][0]:
        return None
    return rows[scored[0][1]]


def _ambiguous(board: Dashboard, name: str, rows: list[Indicator]) -> Problem:
    where = ", ".join(str(r.row.row) for r in rows if r.row.row is not None)
    return _warning(
        "history-ambiguous",
        Location(file=board.source, indicator=name),
        f"{len(rows)} rows of this earlier dashboard are the report's indicator and none says "
        f"more of what its row says (rows {where}), so none of them is in its history",
    )


def _unmatched(board: Dashboard, names: list[str]) -> Problem:
    if len(names) == len(board.indicators):
        message = (
            "none of this earlier dashboard's indicators is one of the report's (by id, "
            "catalogue name or alias, or name), so it adds nothing to the history"
        )
    else:
        shown = "; ".join(names[:3]) + ("; ..." if len(names) > 3 else "")
        message = (
            f"{len(names)} of this earlier dashboard's indicators match none of the report's "
            f"and are not in its history ({shown}): if one was renamed, give its old name as an "
            "alias in the catalogue"
        )
    return _warning("history-unmatched", Location(file=board.source), message)


def _revised(revision: Revision) -> Problem:
    earlier, later = revision.earlier, revision.later
    return Problem(
        Severity.WARNING,
        "history-revised",
        later.location._replace(indicator=revision.indicator),
        f"the figure for {revision.period} was revised between two dashboards: "
        f"{earlier.describe()}, then {later.describe()}; the later figure is used",
        later.text or str(later.value),
        "the same figure in both dashboards, or the revision noted in the report",
    )


def attach_history(
    contexts: list[Context], config: Config, catalogue: Catalogue, source: str
) -> tuple[list[Context], History]:
    """The contexts, each with its Series where the config's `history:` gives it one, and the
    History read (its problems to report). `source` is the report dashboard's file. A config
    without `history:` reads nothing."""
    if not config.history:
        return contexts, History()
    files, problems = history_files(config.history, config.folder, exclude=config.dashboard)
    boards, unread = read_history(files)
    current = Dashboard(source, None, tuple(c.indicator for c in contexts), (), ())
    found = collect_history(current, boards, catalogue)
    found = replace(found, problems=(*problems, *unread, *found.problems))
    out = [replace(c, history=found.series.get(c.name)) for c in contexts]
    return out, found
