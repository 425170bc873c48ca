"""Many reports in one run: one per config, or one per value of a dashboard column (each
authority of a national benchmarking table), built in parallel across the machine's cores.

`plan_configs` and `plan_split` turn the command line into `Task`s, `build_one` builds one
report and never raises (a failure comes back as a `Result` with its message), and `run` farms
the tasks out to worker processes, reporting each one done.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from narrator.errors import ConfigError, DataErrors, NarratorError
from narrator.limits import MAX_INDICATORS, MAX_SPLIT_ROWS
from narrator.model import Problem

if TYPE_CHECKING:
    from narrator.intake.dashboard import Dashboard


@dataclass(frozen=True)
class Task:
    """One report to build.

    name:      what the summary calls it (the config's file name, or the column value)
    config:    the report config
    output:    where the .docx goes
    area:      the area the report speaks of; None keeps the config's
    dashboard: this report's share of a dashboard already loaded; None reads the config's
    force:     replace an edited report (a backup is kept); False refuses, as `build` does
    """

    name: str
    config: Path
    output: Path
    area: str | None = None
    dashboard: Dashboard | None = None
    force: bool = False


@dataclass(frozen=True)
class Result:
    """How one task went. `error` is None when the report was written; otherwise the message
    saying why not (no report was written)."""

    name: str
    output: Path
    error: str | None
    indicators: int = 0
    warnings: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def plan_configs(configs: Sequence[Path], out_dir: Path) -> list[Task]:
    """One task per config, each written to `out_dir`/<config file name>.docx.

    Raises ConfigError when two configs have the same file name (their reports would overwrite
    each other)."""
    seen: dict[str, Path] = {}
    for config in configs:
        if config.stem in seen:
            raise ConfigError(
                str(config),
                f"has the same name as {seen[config.stem]}: both reports would be "
                f"{out_dir / (config.stem + '.docx')}; rename one",
            )
        seen[config.stem] = config
    return [Task(c.name, c, out_dir / f"{c.stem}.docx") for c in configs]


def plan_split(config: Path, column: str, out_dir: Path, *, data: Path | None = None) -> list[Task]:
    """One task per value of `column` in `config`'s dashboard, in the order values first appear:
    that value's indicators, with `area` set to the value, written to `out_dir`/<value>.docx.

    The dashboard is read once. Problems tied to an indicator row go to that row's report; the
    others (the header's, notes below the table) to every report. Rows with no value in the
    column are left out. `data` replaces the config's dashboard. Raises ConfigError when the
    dashboard has no such column, and NarratorError when the config or dashboard cannot be read
    at all."""
    from narrator.intake.config import load_config
    from narrator.intake.load import Dashboard, load_dashboard

    settings = load_config(config, dashboard=data)
    if settings.dashboard is None:
        raise ConfigError(
            str(config),
            "--split-by splits a dashboard and the config names none: for one report per "
            "local authority of its national tables, use --each-authority",
        )
    dashboard = load_dashboard(
        settings.dashboard,
        sheet=settings.sheet,
        layout=settings.layout,
        report_period=settings.report_period,
        most=MAX_SPLIT_ROWS,
    )
    if not dashboard.indicators:  # nothing to split: say why ("no indicator rows ...")
        raise DataErrors(list(dashboard.errors))
    value_of = _column_reader(dashboard, column)
    groups: dict[str, list[int]] = {}
    for index in range(len(dashboard.indicators)):
        if value := value_of(index):
            groups.setdefault(value, []).append(index)
    for value, indexes in groups.items():
        if len(indexes) > MAX_INDICATORS:
            raise ConfigError(
                dashboard.source,
                f"{column} {value!r} has {len(indexes):,} indicator rows; one report holds at "
                f"most {MAX_INDICATORS:,} (the limit): split by a finer column",
            )
    rows = {ind.row.row: value_of(i) for i, ind in enumerate(dashboard.indicators)}
    shared = [
        p for p in dashboard.problems if p.location.row not in rows and not _is_split(p, column)
    ]
    names = _file_names(list(groups))
    unknown = tuple(c for c in dashboard.unknown_columns if not _same(c, column))
    tasks = []
    for value, indexes in groups.items():
        own = [p for p in dashboard.problems if rows.get(p.location.row) == value]
        share = Dashboard(
            dashboard.source,
            dashboard.sheet,
            tuple(dashboard.indicators[i] for i in indexes),
            tuple(sorted([*shared, *own], key=lambda p: p.location.row or 0)),
            unknown,
        )
        tasks.append(Task(value, config, out_dir / f"{names[value]}.docx", value, share))
    return tasks


def plan_authorities(config: Path, out_dir: Path) -> list[Task]:
    """One task per local authority with a published figure in the config's national tables
    (for the latest year of any of its catalogue's measures), by name, each written to
    `out_dir`/<name>.docx and speaking of that authority as its area. A config that names a
    dashboard (one council's figures) and one that gives no authority are ConfigErrors."""
    from narrator.intake.catalogue import load_catalogue
    from narrator.intake.config import load_config
    from narrator.national.from_tables import authorities

    settings = load_config(config)
    if settings.dashboard is not None:
        raise ConfigError(
            str(config),
            f"--each-authority refused: the config names a dashboard ({settings.dashboard.name}), "
            "and a dashboard's figures are one council's; every other authority's report would "
            "print them under its own name. Use a config without `dashboard:`, whose figures "
            "all come from the national tables (see samples/any-authority/config.yaml)",
        )
    names = authorities(settings, load_catalogue(settings.catalogue))
    if not names:
        raise ConfigError(
            str(config),
            "--each-authority: no local authority has a published figure for the catalogue's "
            "national measures in their latest year, so there is no report to build",
        )
    files = _file_names(names)
    return [Task(name, config, out_dir / f"{files[name]}.docx", name) for name in names]


def _same(name: str, column: str) -> bool:
    return " ".join(name.split()).casefold() == " ".join(column.split()).casefold()


def _is_split(problem: Problem, column: str) -> bool:
    """The "column narrator does not use" warning for the column the run splits by."""
    return problem.code == "unknown-column" and _same(problem.location.column or "", column)


def _column_reader(dashboard: Dashboard, column: str) -> Callable[[int], str]:
    """A function from an indicator's index to its text in `column` (spaces folded)."""
    indicators = dashboard.indicators
    for name in dashboard.unknown_columns:
        if _same(name, column):
            return lambda i: " ".join(indicators[i].extra.get(name, "").split())
    for indicator in indicators:
        for field, cell in indicator.cells.items():
            if _same(cell.location.column or "", column):
                return lambda i: " ".join(
                    getattr(indicators[i].cells.get(field), "text", "").split()
                )
    known = sorted(
        {c.location.column for i in indicators for c in i.cells.values() if c.location.column}
        | set(dashboard.unknown_columns)
    )
    raise ConfigError(
        dashboard.source,
        f"no column {column!r} to split by; the columns are {', '.join(known)}",
    )


def _file_names(values: list[str]) -> dict[str, str]:
    """A file name for each value: letters, digits, "-" and "_" kept, the rest "-"; a name two
    values share gets "-2", "-3", ... after the first."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for value in values:
        base = re.sub(r"[^\w-]+", "-", value).strip("-") or "report"
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.casefold())
        names[value] = name
    return names


def build_one(task: Task) -> Result:
    """Build one report. Never raises: any failure is returned as the Result's `error`. The
    report's objects are freed before it returns (see `release_memory`)."""
    try:
        return _build(task)
    finally:
        release_memory()


def release_memory() -> None:
    """Free what the report just built left behind, so a process building many keeps the
    memory of one: a full collection of the cycles its documents and XML left (narrator raises
    the collector's thresholds, see narrator.cli.GC_THRESHOLDS, so in a long run they would
    otherwise pile up, about 5 MiB a report), then the survivors (modules, caches) frozen, so
    the next report's collections do not scan them again."""
    import gc

    gc.collect()
    gc.freeze()


def _build(task: Task) -> Result:
    from narrator.pipeline import prepare, report_of
    from narrator.word.guard import backup, check_overwrite
    from narrator.word.write import write_report

    try:
        keep_copy = check_overwrite(task.output, force=task.force)
        prepared = prepare(task.config, area=task.area, dashboard=task.dashboard)
        if prepared.errors:
            first = prepared.errors[0].describe()
            more = len(prepared.errors) - 1
            extra = f" (and {more} more; run `narrator check`)" if more else ""
            return Result(task.name, task.output, f"{first}{extra}")
        report = report_of(prepared)
        write_report(
            report,
            task.output,
            template=prepared.config.template,
            before_write=(lambda: backup(task.output)) if keep_copy else None,
        )
    except NarratorError as exc:
        return Result(task.name, task.output, exc.user_message())
    except MemoryError:
        return Result(task.name, task.output, "ran out of memory; no report was written")
    except Exception as exc:  # a bug, reported for this report while the others go on
        return Result(task.name, task.output, f"internal error: {type(exc).__name__}: {exc}")
    return Result(task.name, task.output, None, len(prepared.contexts), len(prepared.warnings))


def run(
    tasks: Sequence[Task], *, jobs: int, on_done: Callable[[Result], None] | None = None
) -> list[Result]:
    """Build every task, `jobs` at a time in worker processes (1: in this process), and return
    the results in task order. `on_done` is called in this process as each one finishes.

    A worker that dies (killed, out of memory) breaks the pool and every report it had not
    finished; those are then built again, each in a process of its own (still `jobs` at a
    time), so only the report whose process dies again fails, with a message saying so."""
    if jobs <= 1 or len(tasks) <= 1:
        results = []
        for task in tasks:
            results.append(build_one(task))
            if on_done is not None:
                on_done(results[-1])
        return results
    import narrator.pipeline
    import narrator.word.write  # noqa: F401 - loaded before the workers start, so each has them

    done: dict[int, Result] = {}

    def record(index: int, result: Result) -> None:
        done[index] = result
        if on_done is not None:
            on_done(result)

    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
            futures = {pool.submit(build_one, task): i for i, task in enumerate(tasks)}
            for future in as_completed(futures):
                try:
                    record(futures[future], future.result())
                except BrokenProcessPool:
                    continue  # built again below, each in its own process
    except BrokenProcessPool:
        pass
    unfinished = [i for i in range(len(tasks)) if i not in done]
    if unfinished:
        with ThreadPoolExecutor(max_workers=min(jobs, len(unfinished))) as threads:
            isolated = {threads.submit(_build_isolated, tasks[i]): i for i in unfinished}
            for future in as_completed(isolated):
                record(isolated[future], future.result())
    return [done[i] for i in range(len(tasks))]


DIED = (
    "the process building this report stopped before it finished (killed, or out of memory); "
    "no report was written. Build it on its own with `narrator build` to see why; the other "
    "reports are not affected."
)


def _build_isolated(task: Task) -> Result:
    """Build one task in a process of its own; its death fails only this task (and removes
    the temporary file a write it interrupted may have left)."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(build_one, task).result()
    except BrokenProcessPool:
        for stray in task.output.parent.glob(f".{task.output.name}.*.tmp"):
            stray.unlink(missing_ok=True)
        return Result(task.name, task.output, DIED)
