"""The command line: `narrator init | build | build-all | check | explain | diff`.

Heavy libraries (python-docx, openpyxl, babel, matplotlib) are imported inside the commands
that need them, so `narrator --help` starts at once. Every NarratorError is printed as one
located message with its exit code; an unexpected failure is reported without a traceback (use
--debug to see one).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

GC_THRESHOLDS = (200_000, 30, 30)
"""Python's cyclic collector runs every 700 new container objects by default; a build makes
millions (XML proxies, findings, cells) and almost no cycles, and those default collections took
a third of a 10,000-indicator build's time, rescanning the same live objects. Collecting after
200,000 (as mypy does for its builds) keeps cycles bounded and costs nothing measurable. Set
when the command line is imported, before click and the libraries a command imports: their
imports alone ran about fifteen collections of everything loaded so far."""

gc.set_threshold(*GC_THRESHOLDS)

import click  # noqa: E402 - after the collector's thresholds

CONFIG = click.Path(exists=False, dir_okay=False, path_type=Path)


def _many(count: int, noun: str) -> str:
    """ "1 indicator", "22 indicators": a count agreeing with its noun."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _problems_text(problems: Any) -> list[str]:
    return [f"  {p.severity.value}: {p.describe()}" for p in problems]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="narrator")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for unexpected failures.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Draft a council's quarterly Overview and Scrutiny performance report from its KPI
    dashboard.

    \b
    Typical use:
      narrator init   dashboard.csv --area Camden   # a first config.yaml and catalogue.yaml
      narrator check  samples/leicestershire-cfs/config.yaml
      narrator build  samples/leicestershire-cfs/config.yaml -o out/report.docx
      narrator explain samples/leicestershire-cfs/config.yaml "Care leavers EET"
      narrator build-all reports/*.yaml -o out/
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


DATA_HELP = "Dashboard file (CSV or XLSX) to use instead of the one the config names."
LAYOUT = click.Choice(
    ["table", "period-headings", "scorecard", "markdown-table", "ocr-appendix", "column-runs"]
)
LAYOUT_HELP = (
    "How the dashboard is laid out (default: the config's `layout`, else found from the file): "
    "a table with a header row, a PDF scorecard, a markdown table, an OCR'd appendix, or a "
    "Power BI table copied column by column."
)


@cli.command(short_help="Build the Word report for CONFIG.")
@click.argument("config", type=CONFIG)
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    help=DATA_HELP,
)
@click.option("--sheet", help="Excel sheet to read (default: the first that looks like one).")
@click.option("--layout", type=LAYOUT, help=LAYOUT_HELP)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the .docx (default: out/ and a name made of the report's name and "
    "period, e.g. out/leicestershire-cfs-q1-2024-25.docx).",
)
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The council's own Word template (.docx) to build on.",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A reviewed report to regenerate: its edits are kept, data changes are tracked.",
)
@click.option(
    "--force", is_flag=True, help="Overwrite an edited report (a .bak copy is kept beside it)."
)
def build(
    config: Path,
    data: Path | None,
    sheet: str | None,
    layout: str | None,
    output: Path | None,
    template: Path | None,
    previous: Path | None,
    force: bool,
) -> None:
    """Build the Word report for CONFIG (a report config YAML file).

    Stops with every error listed if the dashboard cannot be reported on; warnings are put on
    the affected paragraph as Word comments and listed once the report is written.
    """
    from narrator.outputs import default_output
    from narrator.pipeline import prepare, report_of
    from narrator.word.guard import backup, check_overwrite
    from narrator.word.write import write_report

    out = output or default_output(config)
    keep_copy = check_overwrite(out, force=force, carried_from=previous)
    prepared = prepare(config, data=data, sheet=sheet, layout=layout)
    warnings = prepared.warnings
    if prepared.errors:
        for line in _problems_text(warnings):
            click.echo(line, err=True)
        for line in _problems_text(prepared.errors):
            click.echo(line, err=True)
        click.echo(
            f"error: {len(prepared.errors)} problem(s) in the input; no report written. "
            f"Run `narrator check {config}` for the full list.",
            err=True,
        )
        sys.exit(2)
    report = report_of(prepared)

    def keep_a_copy() -> None:
        if keep_copy:
            copy = backup(out)
            click.echo(f"  note: kept a copy of the previous {out.name} as {copy}", err=True)

    if previous is not None:
        from narrator.word.regenerate import regenerate, summary_lines

        outcome = regenerate(report, previous, out, prepared.phrasebook, before_write=keep_a_copy)
        click.echo(f"Wrote {out} from {previous}: " + "\n".join(summary_lines(outcome)))
        _say_warnings(warnings)
        return
    indicators = len(prepared.contexts)
    template = template or prepared.config.template
    del prepared  # the dashboard's rows and findings, freed before the document is written
    notes = write_report(report, out, template=template, before_write=keep_a_copy)
    for note in notes:
        click.echo(f"  note: {note}", err=True)
    numbered = sum(1 for b in report.blocks if b.role.value == "body")
    click.echo(
        f"Wrote {out}: {_many(indicators, 'indicator')}, "
        f"{_many(numbered, 'numbered paragraph')}, {_many(len(warnings), 'warning')}."
    )
    _say_warnings(warnings)


def _say_warnings(warnings: Any) -> None:
    """A written report's warnings, each a query on the data for the officer (the report was
    built; each is also a Word comment on its paragraph), on stderr as before. Nothing when
    there are none."""
    if not warnings:
        return
    if len(warnings) == 1:
        click.echo(
            "The warning is a query for the officer, also on its paragraph as a Word comment:",
            err=True,
        )
    else:
        click.echo(
            f"The {len(warnings)} warnings are queries for the officer, each also on its "
            "paragraph as a Word comment:",
            err=True,
        )
    for problem in warnings:
        click.echo(f"  - {problem.describe()}", err=True)


@cli.command("build-all", short_help="Build many reports at once: per CONFIG or per column value.")
@click.argument("configs", metavar="CONFIG...", nargs=-1, required=True, type=CONFIG)
@click.option(
    "--split-by",
    "column",
    metavar="COLUMN",
    help="One report per value of this dashboard column (e.g. the authority), from one CONFIG; "
    "each report is named after its value and speaks of it as the area.",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the reports: <config name>.docx, or <value>.docx with --split-by.",
)
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --split-by: the dashboard to split instead of the one the config names.",
)
@click.option(
    "--each-authority",
    is_flag=True,
    help="One report per local authority of the one CONFIG's national tables (those with a "
    "figure in the latest published year), named after it; with no dashboard, the figures "
    "come from the tables.",
)
@click.option("--force", is_flag=True, help="Replace edited reports (a .bak copy is kept).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Reports built at once, each in its own process (default: the number of CPUs).",
)
def build_all(
    configs: tuple[Path, ...],
    column: str | None,
    output_dir: Path,
    data: Path | None,
    each_authority: bool,
    force: bool,
    jobs: int | None,
) -> None:
    """Build many reports in one run, in parallel: one per CONFIG, or with --split-by one per
    value of a column of the one CONFIG's dashboard.

    A report that fails is named with its message and the others are still written; the exit
    code is then 2 (0 when every report was written).
    """
    import os
    import time
    from dataclasses import replace

    from narrator import batch

    if column is not None and len(configs) != 1:
        raise click.UsageError("--split-by takes exactly one CONFIG")
    if data is not None and column is None:
        raise click.UsageError("--data goes with --split-by")
    if each_authority and (len(configs) != 1 or column is not None):
        raise click.UsageError("--each-authority takes exactly one CONFIG and no --split-by")
    if each_authority:
        tasks = batch.plan_authorities(configs[0], output_dir)
    elif column is not None:
        tasks = batch.plan_split(configs[0], column, output_dir, data=data)
    else:
        tasks = batch.plan_configs(list(configs), output_dir)
    if not tasks:  # "Built 0 of 0" would read as success
        click.echo("error: there is no report to build: nothing was written", err=True)
        sys.exit(2)
    tasks = [replace(task, force=force) for task in tasks]
    jobs = jobs or os.cpu_count() or 1
    start = time.perf_counter()
    with _Progress(len(tasks), start) as progress:
        results = batch.run(tasks, jobs=jobs, on_done=progress.done)
    failed = [r for r in results if not r.ok]
    built = len(results) - len(failed)
    indicators = sum(r.indicators for r in results)
    warnings = sum(r.warnings for r in results)
    click.echo(
        f"Built {built} of {len(results)} reports into {output_dir} in "
        f"{time.perf_counter() - start:.1f} s ({min(jobs, len(tasks))} at a time): "
        f"{_many(indicators, 'indicator')}, {warnings} warning(s)."
    )
    if failed:
        click.echo(f"{len(failed)} report(s) failed and were not written:", err=True)
        for result in failed:
            named = str(result.error).startswith(f"{result.name}:")
            click.echo(
                f"  {result.error}" if named else f"  {result.name}: {result.error}", err=True
            )
        sys.exit(2)


class _Progress:
    """A progress bar on stderr for a run longer than a moment: it appears once MOMENT seconds
    have passed and reports remain, so a quick run prints nothing but its summary."""

    MOMENT = 0.5

    def __init__(self, total: int, start: float) -> None:
        from contextlib import ExitStack

        self.total, self.start, self.finished = total, start, 0
        self.bar: Any = None
        self.stack = ExitStack()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()

    def done(self, result: object) -> None:
        import time

        self.finished += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.finished < self.total and time.perf_counter() - self.start > self.MOMENT:
            self.bar = self.stack.enter_context(
                click.progressbar(length=self.total, label="Building reports", file=sys.stderr)
            )
            self.bar.update(self.finished)


@cli.command(short_help="List every problem in CONFIG's inputs, located; build nothing.")
@click.argument("config", type=CONFIG)
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), help=DATA_HELP)
@click.option("--sheet", help="Excel sheet to read.")
@click.option("--layout", type=LAYOUT, help=LAYOUT_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json for tools.",
)
def check(config: Path, data: Path | None, sheet: str | None, layout: str | None, fmt: str) -> None:
    """List every problem in CONFIG's dashboard, catalogue and commentary.

    Exit code 0: clean; 1: warnings only (the report can be built); 2: errors.
    """
    import json

    from narrator.errors import NarratorError
    from narrator.pipeline import prepare
    from narrator.problem_json import error_json, problem_json

    try:
        prepared = prepare(config, data=data, sheet=sheet, layout=layout)
    except NarratorError as exc:
        if fmt != "json":
            raise
        # a file that cannot be used at all: still one JSON document, its one error in it
        payload = {"source": None, "sheet": sheet, "errors": [error_json(exc)], "warnings": []}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        sys.exit(exc.exit_code)
    if fmt == "json":
        payload = {
            "source": prepared.source,
            "sheet": prepared.sheet,
            "errors": [problem_json(p) for p in prepared.errors],
            "warnings": [problem_json(p) for p in prepared.warnings],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for title, group in (("Errors", prepared.errors), ("Warnings", prepared.warnings)):
            if group:
                click.echo(f"{title} ({len(group)}):")
                for p in group:
                    click.echo(f"  - {p.describe()}")
        if not prepared.problems:
            many = _many(len(prepared.contexts), "indicator")
            click.echo(f"{prepared.source}: {many}, no problems.")
    sys.exit(2 if prepared.errors else 1 if prepared.warnings else 0)


@cli.command(short_help="Write a first config and catalogue for DASHBOARD.")
@click.argument("dashboard", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--area", help="The council or area the report speaks of (e.g. Camden).")
@click.option("--department", help="The department's name (e.g. Adult Social Care).")
@click.option(
    "-o",
    "--output-dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for config.yaml and catalogue.yaml (default: the dashboard's folder).",
)
@click.option("--sheet", help="Excel sheet to read (default: the first that looks like one).")
@click.option(
    "--force", is_flag=True, help="Replace an existing config or catalogue (a .bak copy is kept)."
)
@click.option(
    "--national",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of LAIT tables: propose the published measure each indicator matches.",
)
def init(dashboard: Path, area: str | None, **options: Any) -> None:
    """Write a commented config.yaml and catalogue.yaml for a first report on DASHBOARD: the
    report period, outcomes and an entry per indicator guessed from the dashboard, and
    TODO placeholders for what only you know (`narrator check` lists those left).

    With --national FOLDER (the LAIT long table and data dictionary), an indicator whose
    published measure is found on strong evidence gets it as its `national` key.

    Never writes over an existing file without --force.
    """
    from narrator.intake.scaffold import write_scaffold

    if options["national"] is not None:
        from narrator.national.proposals import proposer

        options["national"] = proposer(options["national"])
    written = write_scaffold(dashboard, area=area, **options)
    for copy in written.backups:
        click.echo(f"  note: kept a copy of the previous file as {copy}", err=True)
    click.echo(f"Wrote {written.config} and {written.catalogue} ({written.indicators} indicators).")
    for line, to_stderr in written.national_notes():
        click.echo(line, err=to_stderr)
    if area is None:
        click.echo(
            "  note: no --area given: the report names the council as a TODO placeholder "
            "until you set `area:` in the config",
            err=True,
        )
    if written.errors:
        click.echo(
            f"  note: the dashboard has {written.errors} problem(s) that stop a build; "
            f"`narrator check {written.config}` lists them",
            err=True,
        )
    click.echo("Next: replace the TODO placeholders and check the guessed catalogue, then")
    click.echo(f"  narrator check {written.config}")
    click.echo(f"  narrator build {written.config} -o report.docx")


@cli.command(short_help="Show why one indicator's paragraph says what it says.")
@click.argument("config", type=CONFIG)
@click.argument("indicator")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), help=DATA_HELP)
@click.option("--layout", type=LAYOUT, help=LAYOUT_HELP)
def explain(config: Path, indicator: str, data: Path | None, layout: str | None) -> None:
    """Show why INDICATOR's paragraph says what it says: its parsed values, each rule's finding
    (phrase key and values) and the sentence each produced."""
    from narrator.explain import explain_indicator

    click.echo(explain_indicator(config, indicator, data=data, layout=layout))


@cli.command(short_help="Show which figures changed between two dashboards or configs.")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--config",
    type=CONFIG,
    help="Report config, to name the numbered paragraphs the changes touch.",
)
def diff(old: Path, new: Path, config: Path | None) -> None:
    """Show which indicators' figures differ between OLD and NEW (two dashboards, or two report
    configs) and, with a config, which numbered paragraphs that changes."""
    from narrator.diff import (
        diff_lines,
        figure_changes,
        history_lines,
        is_config,
        paragraph_changes,
    )
    from narrator.intake.load import load_dashboard
    from narrator.pipeline import prepare, report_of

    if is_config(old) != is_config(new):
        config_file, data_file = (old, new) if is_config(old) else (new, old)
        raise click.UsageError(
            f"OLD and NEW must both be dashboards or both be report configs; got the config "
            f"{config_file} and the dashboard {data_file}. To compare dashboards through a "
            f"config, pass it as --config {config_file}."
        )
    before: Any = None
    after: Any = None
    history: list[str] = []
    if is_config(old) and is_config(new):
        before, after = prepare(old), prepare(new)
    elif config is not None:
        before, after = prepare(config, data=old), prepare(config, data=new)
    if before is not None and after is not None:
        for prepared in (before, after):
            if prepared.config.dashboard is None:
                raise click.UsageError(
                    f"{prepared.config.file} names no dashboard (its figures come from the "
                    "national tables): diff compares dashboards"
                )
        figures = figure_changes(
            *(
                load_dashboard(
                    side.source,
                    sheet=side.sheet,
                    layout=side.config.layout,
                    report_period=side.config.report_period,
                )
                for side in (before, after)
            )
        )
        history = history_lines(before.history, after.history)
        paragraphs = None
        if before.texts is not None and after.texts is not None:
            paragraphs = paragraph_changes(report_of(before), report_of(after))
    else:
        figures, paragraphs = figure_changes(load_dashboard(old), load_dashboard(new)), None
    for line in diff_lines(figures, paragraphs, history):
        click.echo(line)


OUT_OF_MEMORY = (
    "ran out of memory: the inputs are more than this machine can hold at once; split the "
    "dashboard (build-all --split-by COLUMN) or close other programs. Nothing was written."
)


def _collect_garbage_less_often() -> None:
    gc.set_threshold(*GC_THRESHOLDS)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning narrator's errors into messages and exit codes."""
    from narrator.errors import NarratorError

    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    _collect_garbage_less_often()
    try:
        cli.main(args=argv, prog_name="narrator", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except NarratorError as exc:
        click.echo(f"error: {exc.user_message()}", err=True)
        sys.exit(exc.exit_code)
    except MemoryError:
        click.echo(f"error: {OUT_OF_MEMORY}", err=True)
        sys.exit(2)
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in narrator; run again with --debug and report the traceback.",
            err=True,
        )
        sys.exit(3)
