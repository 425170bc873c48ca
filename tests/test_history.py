"""The config's `history:` (issue 22): earlier dashboards read once, matched to the report's
indicators, ordered into a Series per indicator, revisions and unreadable files reported, located.

Fixtures: samples/leicestershire-cfs/history/ (four invented quarters before the sample's own
dashboard) and tests/fixtures/history/brackenford/ (an invented council: monthly, a rate per
100,000, money, a count; its history in XLSX workbooks and a CSV with other column names).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from narrator.cli import cli
from narrator.context import Context
from narrator.errors import ConfigError, Location
from narrator.intake.config import load_config
from narrator.language.phrases import load_phrasebook
from narrator.language.plan import plan_paragraph
from narrator.language.realise import Realiser
from narrator.language.rules import apply_rules
from narrator.model import Direction
from narrator.periods import parse_period
from narrator.pipeline import prepare
from narrator.series import Series, SeriesPoint
from narrator.series_facts import Extreme, series_facts
from tests.helpers import make, query_free_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "leicestershire-cfs"
BRACKENFORD = ROOT / "tests" / "fixtures" / "history" / "brackenford"
CP_REVIEWED = "Child protection cases which were reviewed within timescales"
REVIEWS = "Reviews completed within 12 months"


def sample_with_history(folder: Path, history: object = "history/") -> Path:
    """A copy of the sample (config, dashboard, catalogue, history) in `folder`, its config
    naming `history`; its dashboard query-free (tests.helpers.query_free_text), so that the
    history's problems are the only ones."""
    (folder / "dashboard-q1-2024-25.csv").write_text(query_free_text(), encoding="utf-8")
    for name in ("catalogue.yaml", "phrasebook.yaml", "spotlight.md"):
        shutil.copy(SAMPLE / name, folder / name)
    shutil.copy(SAMPLE / "commentary.yaml", folder / "commentary.yaml")
    shutil.copytree(SAMPLE / "history", folder / "history")
    shutil.copytree(SAMPLE / "national", folder / "national")
    config = yaml.safe_load((SAMPLE / "config.yaml").read_text(encoding="utf-8"))
    config["history"] = history
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _context(prepared: object, name: str) -> object:
    return next(c for c in prepared.contexts if c.name == name)  # type: ignore[attr-defined]


def it_builds_a_series_per_indicator_from_the_samples_history(tmp_path: Path) -> None:
    prepared = prepare(sample_with_history(tmp_path))
    assert not prepared.problems
    assert prepared.history is not None
    assert [Path(f).name for f in prepared.history.files] == [
        f"dashboard-q{q}-2023-24.csv" for q in (1, 2, 3, 4)
    ]
    series = _context(prepared, CP_REVIEWED).history
    assert [(str(p.period), str(p.value)) for p in series.points] == [
        ("Q4 2022/23", "84.0"),
        ("Q1 2023/24", "86.0"),
        ("Q2 2023/24", "85.1"),
        ("Q3 2023/24", "86.9"),
        ("Q4 2023/24", "87.4"),
        ("Q1 2024/25", "92.2"),
    ]
    # each figure from the newest dashboard that gives it: Q4 2023/24 from the report's own
    assert Path(series.points[1].source).name == "dashboard-q2-2023-24.csv"
    assert Path(series.points[4].source).name == "dashboard-q1-2024-25.csv"
    assert series.points[1].location.column == "Previous Value"
    every = [c for c in prepared.contexts if c.history is not None]
    assert len(every) == 22  # every indicator has earlier figures


def it_states_the_samples_history_facts(tmp_path: Path) -> None:
    prepared = prepare(sample_with_history(tmp_path))
    ctx = _context(prepared, CP_REVIEWED)
    facts = series_facts(ctx.history, ctx.decimals)
    assert facts.year_on_year is not None
    assert str(facts.year_on_year.year_ago.period) == "Q1 2023/24"
    assert facts.year_on_year.year_ago.value == Decimal("86.0")
    counts = facts.year_on_year.counts
    assert counts is not None and (counts.then_count, counts.now_count) == (252, 270)
    assert facts.streak is not None and (facts.streak.direction, facts.streak.moves) == (
        Direction.INCREASE,
        3,
    )
    assert facts.record is not None
    assert (facts.record.extreme, facts.record.periods, facts.record.since) == (
        Extreme.HIGHEST,
        6,
        None,
    )
    accommodation = _context(prepared, "Care leavers in suitable accommodation")
    lowest = series_facts(accommodation.history, 1).record
    assert lowest is not None and lowest.since is not None
    assert (lowest.extreme, lowest.periods, str(lowest.since.period)) == (
        Extreme.LOWEST,
        3,
        "Q2 2023/24",
    )
    re_referrals = series_facts(_context(prepared, "Re-referrals to CSC within 12 mths").history)
    assert re_referrals.streak is not None and re_referrals.streak.moves == 4
    ehcp = _context(prepared, "Children in mainstream schools with EHCP")  # termly
    termly = series_facts(ehcp.history)
    assert termly.year_on_year is not None
    assert str(termly.year_on_year.year_ago.period) == "Summer Term 2023"


def it_matches_by_id_then_by_name_across_layouts_and_reports_a_revision() -> None:
    prepared = prepare(BRACKENFORD / "config.yaml")
    assert prepared.history is not None
    assert len(prepared.history.files) == 4
    cost = _context(prepared, "Average weekly cost of a residential placement").history
    # the Dec-23 workbook names ASC03 by its older title: matched by its PI Code
    assert [str(p.period) for p in cost.points] == [
        "Feb-2023",
        "Mar-2023",
        "Nov-2023",
        "Dec-2023",
        "Jan-2024",
        "Feb-2024",
        "Mar-2024",
    ]
    (revision,) = prepared.history.revisions
    assert revision.indicator == REVIEWS
    assert revision.period == parse_period("Feb-24")
    assert (revision.earlier.value, revision.later.value) == (Decimal("62.4"), Decimal("62.8"))
    assert Path(revision.earlier.source).name == "asc-dashboard-2024-02.xlsx"
    assert Path(revision.later.source).name == "dashboard.csv"
    (problem,) = [p for p in prepared.problems if p.code == "history-revised"]
    assert problem.location.indicator == REVIEWS
    assert problem.location.column == "Previous Value"
    assert "62.4% (" in problem.message and "cell H5" in problem.message
    assert "62.8% (" in problem.message and "dashboard.csv, row 5" in problem.message
    rate = _context(prepared, "Permanent admissions of people aged 65+ to care homes per 100,000")
    facts = series_facts(rate.history, rate.decimals)
    assert facts.year_on_year is not None and facts.year_on_year.year_ago.value == Decimal("48.2")
    assert facts.year_on_year.counts is not None and facts.year_on_year.counts.difference == 6
    assert facts.streak is not None and facts.streak.moves == 4  # Nov-23 to Mar-24
    # the gap from Mar-23 to Nov-23 bounds the record: five months, not "since" anything
    assert facts.record is not None and (facts.record.periods, facts.record.since) == (5, None)


def it_checks_a_revision_with_both_values_and_files() -> None:
    result = CliRunner().invoke(cli, ["check", str(BRACKENFORD / "config.yaml")])
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if "revised" in x)
    assert "the figure for Feb-2024 was revised between two dashboards: 62.4%" in line
    assert "asc-dashboard-2024-02.xlsx" in line and "then 62.8%" in line


def it_warns_of_an_unreadable_or_unmatched_earlier_dashboard(tmp_path: Path) -> None:
    config = sample_with_history(tmp_path)
    (tmp_path / "history" / "broken.csv").write_text("just a line of text\n", encoding="utf-8")
    (tmp_path / "history" / "other.csv").write_text(
        "Indicator,Latest Period,Latest Value\nPotholes repaired,Q3 2023/24,4812\n",
        encoding="utf-8",
    )
    (tmp_path / "history" / "notes.docx").write_bytes(b"not a dashboard: not read")
    prepared = prepare(config)
    codes = {p.code: p for p in prepared.problems}
    assert set(codes) == {"history-unreadable", "history-unmatched"}
    assert codes["history-unreadable"].location.file == str(tmp_path / "history" / "broken.csv")
    assert codes["history-unmatched"].location.file == str(tmp_path / "history" / "other.csv")
    assert "none of this earlier dashboard's indicators" in codes["history-unmatched"].message
    assert prepared.texts is not None  # the report is still built
    assert _context(prepared, CP_REVIEWED).history is not None


def it_warns_of_a_history_that_names_no_file(tmp_path: Path) -> None:
    prepared = prepare(sample_with_history(tmp_path, ["history/*.csv", "archive/"]))
    (problem,) = prepared.problems
    assert problem.code == "history-not-found"
    assert problem.value == "archive/"
    assert _context(prepared, CP_REVIEWED).history is not None


def it_leaves_out_a_period_of_another_kind_with_a_warning(tmp_path: Path) -> None:
    config = sample_with_history(tmp_path)
    path = tmp_path / "history" / "dashboard-q1-2023-24.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Q4 2022/23,84.0%", "2022/23,84.0%"), encoding="utf-8")
    prepared = prepare(config)
    (problem,) = prepared.problems
    assert problem.code == "history-left-out"
    assert problem.location.indicator == CP_REVIEWED
    assert "not a period of the report's kind (Q1 2024/25)" in problem.message
    points = _context(prepared, CP_REVIEWED).history.points
    assert str(points[0].period) == "Q1 2023/24"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (3, r"config.yaml, line \d+, column 1: history: expected text or a list, not"),
        ({"folder": "history/"}, r"line \d+, column 1: history: expected text or a list, not"),
        ([], r"history: \[\]; expected a folder, a glob \(history/\*.csv\) or a file"),
        (["history/", ""], r"history: \['history/', ''\]; expected a folder"),
    ],
)
def it_refuses_a_history_that_is_not_paths(tmp_path: Path, value: object, message: str) -> None:
    config = sample_with_history(tmp_path, value)
    with pytest.raises(ConfigError, match=message):
        load_config(config)


def it_suggests_history_for_a_misspelt_key(tmp_path: Path) -> None:
    config = sample_with_history(tmp_path)
    text = config.read_text(encoding="utf-8").replace("history:", "histroy:")
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="did you mean 'history'"):
        load_config(config)


def it_reads_no_history_without_the_key() -> None:
    prepared = prepare(SAMPLE / "config.yaml")
    assert prepared.history is None
    assert all(c.history is None for c in prepared.contexts)


def it_explains_the_history_used(tmp_path: Path) -> None:
    config = sample_with_history(tmp_path)
    name = "Care leavers in suitable accommodation"
    result = CliRunner().invoke(cli, ["explain", str(config), name])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("History: 6 periods from 5 dashboards")
    first = tmp_path / "history" / "dashboard-q1-2023-24.csv"
    assert lines[start + 1] == f'  Q4 2022/23: 93.1%   <- {first}, row 6, column "Previous Value"'
    assert lines[start + 7 : start + 10] == [
        "  A year earlier, Q1 2023/24, the figure was 94.0: the latest is down 0.5 since then.",
        "  It fell 2 times in a row, from Q3 2023/24 (a paragraph says a run from the third).",
        "  It is the lowest of the last 3 periods, Q3 2023/24 to Q1 2024/25: since Q2 2023/24 "
        "(93.2) (a paragraph says a record of four periods or more).",
    ]


def it_explains_no_history_without_the_key() -> None:
    result = CliRunner().invoke(cli, ["explain", str(SAMPLE / "config.yaml"), CP_REVIEWED])
    assert result.exit_code == 0, result.output
    assert "History:" not in result.output


def it_diffs_with_the_history_used(tmp_path: Path) -> None:
    corrected = tmp_path / "dashboard.csv"
    text = (BRACKENFORD / "dashboard.csv").read_text(encoding="utf-8")
    corrected.write_text(text.replace("£902", "£905"), encoding="utf-8")
    args = ["diff", str(BRACKENFORD / "dashboard.csv"), str(corrected)]
    result = CliRunner().invoke(cli, [*args, "--config", str(BRACKENFORD / "config.yaml")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("History used: 4 earlier dashboard(s)")
    folder = BRACKENFORD / "history"
    assert lines[start + 1 : start + 5] == [
        f"  {folder / name}"
        for name in (
            "asc-dashboard-2023-03.csv",
            "asc-dashboard-2023-12.xlsx",
            "asc-dashboard-2024-01.xlsx",
            "asc-dashboard-2024-02.xlsx",
        )
    ]
    assert lines[start + 5].startswith(f"  revised: {REVIEWS}, Feb-2024: 62.4% (")


BOOK = load_phrasebook()


def generated_text(ctx: Context) -> str:
    """One indicator's paragraph, planned and worded by the bundled phrasebook."""
    plan = plan_paragraph(apply_rules(ctx), ctx)
    return " ".join(s.text for s in Realiser(BOOK, ctx.area).realise_plan(plan, ctx))


def _paragraph(prepared: object, name: str) -> str:
    texts = prepared.texts  # type: ignore[attr-defined]
    (text,) = [t for t in texts if t.context.name == name]
    return " ".join(s.text for s in text.sentences)


def it_words_the_history_facts_once_each(tmp_path: Path) -> None:
    prepared = prepare(sample_with_history(tmp_path))
    reviewed = _paragraph(prepared, CP_REVIEWED)
    # the record leads (salience): said with the figure; the run extends the change and the
    # year-earlier figure follows it, said once
    assert reviewed.startswith(
        "At the end of Quarter 1, the percentage of Child Protection cases reviewed within "
        "timescales was 92.2% (270 out of 293 children), the highest of the last six quarters and "
        "below the 97.2% target. It represents an improvement of 4.8 percentage points on the end "
        "of Quarter 4 (87.4%, 291 out of 333 children), the third rise in a row. A year earlier, "
        "at the end of Quarter 1 2023/24, the figure was 86.0%; there are 18 more children than "
        "then."
    )
    assessments = _paragraph(prepared, "Assessments completed within 45 days")
    assert assessments.startswith(
        "The percentage of assessments completed within 45 days was 83.1% at the end of Quarter 1 "
        "(1,588 out of 1,910 assessments), the lowest of the last six quarters and below the 90.3% "
        "target. This marks a decrease of 5.5 percentage points from the end of Quarter 4 (88.6%), "
        "although Leicestershire would be in the second quartile of local authorities on the "
        "2022/23 published figures (70th of 152). This compares with 84.2% a year earlier, at the "
        "end of Quarter 1 2023/24, with 136 more assessments than then."
    )
    # the record is since the year-earlier quarter: its figure said once, with the record
    cpp = "Children becoming subject to a CPP for second or subsequent time"
    repeat = _paragraph(prepared, cpp)
    assert (
        "was 25.2% at the end of Quarter 1, the lowest since the end of Quarter 1 2023/24 (24.3%)"
        in repeat
    )
    assert repeat.count("24.3%") == 1 and "a year earlier" not in repeat
    # the previous figure already is the year-earlier one: no second year-on-year sentence
    home = _paragraph(prepared, "Children Electively Educated at Home")
    assert "a year earlier" not in home
    assert "was 1,279, the highest of the last nine quarters. " in home
    assert "(1,128), the third rise in a row." in home
    # a streak of two and a record of three quarters are not said
    suitable = _paragraph(prepared, "Care leavers in suitable accommodation")
    assert "in a row" not in suitable and "lowest" not in suitable
    # an annual measure the national tables give a record for: said once, by them
    exclusions = _paragraph(prepared, "Permanent exclusions as a % of School population")
    # the area's own, said with the figure; England's own record is not the council's figure
    # (issue 23: left out, `explain` says why)
    assert exclusions.count("the highest") == 1
    assert "of the last" not in exclusions and "a year earlier" not in exclusions


def it_words_another_councils_history_in_its_units() -> None:
    prepared = prepare(BRACKENFORD / "config.yaml")
    rate = _paragraph(prepared, "Permanent admissions of people aged 65+ to care homes per 100,000")
    # the record leads, said with the figure; the run extends the change
    assert "was 49.5 per 100,000 (108 people), the highest of the last five months. " in rate
    assert rate.endswith(
        "from February 2024 (47.0), the fourth rise in a row. This compares with 48.2 a year "
        "earlier, in March 2023, with 6 more people than then."
    )
    cost = _paragraph(prepared, "Average weekly cost of a residential placement")
    assert "This compares with £812 a year earlier, at the end of March 2023." in cost


def it_words_nothing_of_history_without_the_key() -> None:
    prepared = prepare(SAMPLE / "config.yaml")
    assert prepared.texts is not None
    for text in prepared.texts:
        assert "a year earlier" not in " ".join(s.text for s in text.sentences)
        rules = {f.rule for f in apply_rules(text.context)}
        assert not rules & {"year_on_year", "series"}


def it_leaves_out_figures_after_the_reports_period(tmp_path: Path) -> None:
    config = sample_with_history(tmp_path)
    later = (tmp_path / "history" / "dashboard-q4-2023-24.csv").read_text(encoding="utf-8")
    later = later.replace("Q3 2023/24,86.9%,Q4 2023/24,87.4%", "Q1 2024/25,92.2%,Q2 2024/25,93.0%")
    (tmp_path / "history" / "dashboard-q2-2024-25.csv").write_text(later, encoding="utf-8")
    prepared = prepare(config)
    (problem,) = [p for p in prepared.problems if p.code == "history-left-out"]
    assert "the figure for Q2 2024/25 is after the report's latest period" in problem.message
    assert problem.location.file == str(tmp_path / "history" / "dashboard-q2-2024-25.csv")
    series = _context(prepared, CP_REVIEWED).history
    assert str(series.latest.period) == "Q1 2024/25"
    assert series.latest.value == Decimal("92.2")


# --- the words: every streak, record and year-earlier figure a paragraph states is true ---------

ORDINALS = {"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
ORDINALS |= {"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
COUNTS = {"four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
STREAK = re.compile(r"the (\w+) (rise|fall) in a row")
RECORD = re.compile(
    r"the (lowest|highest) (?:since the end of Quarter (\d) (\d{4}/\d{2}) \(([\d.]+)%\)"
    r"|of the last (\w+) quarters)"
)
YEAR_AGO = re.compile(
    r"([\d.]+)% a year earlier, at the end of Quarter 1 2023/24"
    r"|A year earlier, at the end of Quarter 1 2023/24, the figure was ([\d.]+)%"
)
LATEST = 17  # Q1 2024/25, counting quarters from Q1 2020/21 as 1


def _quarter(position: int) -> str:
    year, number = divmod(position - 1, 4)
    return f"Q{number + 1} {2020 + year}/{(2021 + year) % 100:02d}"


@st.composite
def quarterly_histories(draw: st.DrawFn) -> list[tuple[int, Decimal]]:
    """(position, value) pairs, oldest first, the last at Q1 2024/25; gaps of up to two quarters."""
    steps = draw(st.lists(st.sampled_from([1, 1, 1, 1, 2, 3]), max_size=12))
    positions = [LATEST]
    for step in steps:
        if positions[-1] - step < 1:
            break
        positions.append(positions[-1] - step)
    values = st.integers(200, 206).map(lambda n: Decimal(n).scaleb(-1))
    drawn = draw(st.lists(values, min_size=len(positions), max_size=len(positions)))
    return sorted(zip(positions, drawn, strict=True))


def _history_context(held: list[tuple[int, Decimal]]) -> object:
    values = dict(held)
    previous = values.get(LATEST - 1)
    ctx = make(str(values[LATEST]), str(previous) if previous is not None else None)
    points = tuple(
        SeriesPoint(parse_period(_quarter(p)), v, f"q{p}.csv", Location(file=f"q{p}.csv"))
        for p, v in held
    )
    return replace(ctx, history=Series(ctx.name, points, 3))


def _oracle(held: list[tuple[int, Decimal]]) -> tuple[object, object]:
    """(streak as (moves, 'rise'|'fall') or None; record as (extreme, periods, since) or None),
    worked out from the positions alone."""
    moves = []
    for (p0, v0), (p1, v1) in pairwise(held):
        moves.append(None if p1 != p0 + 1 else "rise" if v1 > v0 else "fall" if v1 < v0 else 0)
    run = None
    if moves and moves[-1] in ("rise", "fall"):
        n = 0
        while n < len(moves) and moves[-1 - n] == moves[-1]:
            n += 1
        run = (n, moves[-1])
    best = None
    latest_pos, latest = held[-1]
    for extreme in ("lowest", "highest"):
        periods, since = 1, None
        for pos, value in reversed(held[:-1]):
            if pos != latest_pos - periods:
                break
            if not (latest < value if extreme == "lowest" else latest > value):
                since = (pos, value)
                break
            periods += 1
        if periods >= 3:
            best = (extreme, periods, since)
    return run, best


@settings(max_examples=80, deadline=None)
@given(quarterly_histories())
@example(
    [(14, Decimal("20.3")), (15, Decimal("20.2")), (16, Decimal("20.1")), (17, Decimal("20.0"))]
)
@example(
    [
        (13, Decimal("20.0")),
        (14, Decimal("20.3")),
        (15, Decimal("20.5")),
        (16, Decimal("20.4")),
        (17, Decimal("20.1")),
    ]
)
def it_states_only_true_history_and_misses_none(held: list[tuple[int, Decimal]]) -> None:
    text = generated_text(_history_context(held))  # type: ignore[arg-type]
    run, best = _oracle(held)
    words = {v: k for k, v in ORDINALS.items()}
    stated_run = run is not None and run[0] >= 3  # type: ignore[index]
    assert STREAK.findall(text) == ([(words[run[0]], run[1])] if stated_run else [])  # type: ignore[index]
    said = [
        (e, f"Q{n} {y}" if n else None, Decimal(v) if v else None, COUNTS.get(last))
        for e, n, y, v, last in RECORD.findall(text)
    ]
    stated = best is not None and best[1] >= 4  # type: ignore[index]
    since = best[2] if stated else None  # type: ignore[index]
    expected = (
        [
            (
                best[0],  # type: ignore[index]
                _quarter(since[0]) if since else None,
                since[1] if since else None,
                None if since else best[1],  # type: ignore[index]
            )
        ]
        if stated
        else []
    )
    assert said == expected
    year_ago = dict(held).get(LATEST - 4)
    said_years = [Decimal(a or b) for a, b in YEAR_AGO.findall(text)]
    since_year_ago = stated and since == (LATEST - 4, year_ago)
    assert said_years == ([year_ago] if year_ago is not None and not since_year_ago else [])


SPLIT_HEADER = "Authority,Indicator,Polarity,Frequency,Previous Period,Previous Value,"
SPLIT_HEADER += "Latest Period,Latest Value\n"
EPISODES = "Missing episodes,Low is good,Quarterly"


def it_keeps_each_areas_history_apart_when_a_dashboard_is_split(tmp_path: Path) -> None:
    from narrator.batch import plan_split

    (tmp_path / "dashboard.csv").write_text(
        SPLIT_HEADER
        + f"Ashvale,{EPISODES},Q4 2023/24,41,Q1 2024/25,38\n"
        + f"Fenmoor,{EPISODES},Q4 2023/24,17,Q1 2024/25,19\n",
        encoding="utf-8",
    )
    (tmp_path / "history").mkdir()
    (tmp_path / "history" / "q4.csv").write_text(
        SPLIT_HEADER
        + f"Fenmoor,{EPISODES},Q3 2023/24,15,Q4 2023/24,17\n"
        + f"Ashvale,{EPISODES},Q3 2023/24,44,Q4 2023/24,41\n",
        encoding="utf-8",
    )
    config = tmp_path / "config.yaml"
    config.write_text(
        "area: Any\ncommittee: C\ntitle: T\ndashboard: dashboard.csv\nhistory: history/\n",
        encoding="utf-8",
    )
    seen = {}
    for task in plan_split(config, "Authority", tmp_path / "out"):
        prepared = prepare(config, area=task.area, dashboard=task.dashboard)
        assert not [p for p in prepared.problems if p.code.startswith("history")]
        (ctx,) = prepared.contexts
        seen[task.area] = [str(p.value) for p in ctx.history.points]
    assert seen == {"Ashvale": ["44", "41", "38"], "Fenmoor": ["15", "17", "19"]}


def it_warns_when_two_earlier_rows_are_the_same_indicator(tmp_path: Path) -> None:
    config = sample_with_history(tmp_path)
    path = tmp_path / "history" / "dashboard-q3-2023-24.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")  # a row copied twice
    prepared = prepare(config)
    (problem,) = prepared.problems
    assert problem.code == "history-ambiguous"
    assert (problem.location.file, problem.location.indicator) == (str(path), CP_REVIEWED)
    assert "(rows 2, 24)" in problem.message
    # Q2 2023/24 from the Q2 dashboard now, not the Q3 one (its newest source otherwise)
    points = {str(p.period): p for p in _context(prepared, CP_REVIEWED).history.points}
    assert Path(points["Q2 2023/24"].source).name == "dashboard-q2-2023-24.csv"


def _quarters(values: list[str]) -> Series:
    """A quarterly series ending at Q1 2024/25, one figure a quarter."""
    start = LATEST - len(values) + 1
    points = tuple(
        SeriesPoint(parse_period(_quarter(start + i)), Decimal(v), "f.csv", Location(file="f.csv"))
        for i, v in enumerate(values)
    )
    return Series("Test indicator", points, 3)


def it_says_no_history_across_a_definition_change() -> None:
    from narrator.model import DefinitionChange

    ctx = make("25.0", "24.0")
    entry = replace(ctx.entry, definition_change=DefinitionChange(parse_period("Q3 2023/24"), "x"))
    series = _quarters(["20.0", "21.0", "22.0", "23.0", "24.0", "25.0"])
    text = generated_text(replace(ctx, entry=entry, history=series))
    # Q3 2023/24 to Q1 2024/25 only: two rises, three quarters; no year-earlier figure
    assert "in a row" not in text and "of the last" not in text and "year earlier" not in text
    text = generated_text(replace(ctx, history=series))
    assert "was 25.0%, the highest of the last six quarters. " in text
    assert "(24.0%), the fifth rise in a row. " in text


def it_says_no_run_the_dashboard_does_not_give_the_last_move_of() -> None:
    ctx = make("25.0", None)
    text = generated_text(replace(ctx, history=_quarters(["20.0", "21.0", "22.0", "24.0", "25.0"])))
    # issue 23: no sentence about the absent comparison
    assert "There is no figure" not in text and "20.0% a year earlier" in text
    assert "in a row" not in text
    assert "was 25.0%, the highest of the last five quarters. " in text


def it_warns_of_an_earlier_year_to_date_without_its_end(tmp_path: Path) -> None:
    config = sample_with_history(tmp_path)
    path = tmp_path / "history" / "dashboard-q1-2023-24.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Q4 2022/23,84.0%", "2022/23 to date,84.0%"), encoding="utf-8")
    (problem,) = prepare(config).problems
    assert problem.code == "history-left-out"
    assert "is a year to date whose end the dashboard does not say" in problem.message
    assert problem.value == "84.0%"


def it_draws_a_trend_chart_of_each_history_in_the_appendix(tmp_path: Path) -> None:
    from tests.chartdata import read_charts

    out = tmp_path / "report.docx"
    result = CliRunner().invoke(cli, ["build", str(BRACKENFORD / "config.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    trends = [c for c in read_charts(out) if c.name.startswith("narrator trend chart")]
    assert len(trends) == 4  # every indicator has earlier figures
    rate = next(c for c in trends if "Permanent admissions" in c.name)
    ((label, periods, values),) = rate.series  # no target line: the dashboard gives none
    assert label == "Value"
    # the last eight months, the gap between Mar-23 and Nov-23 left open
    assert periods == ["Aug-2023", "Sep-2023", "Oct-2023", "Nov-2023", "Dec-2023", "Jan-2024",
                       "Feb-2024", "Mar-2024"]  # fmt: skip
    assert values == [None, None, None, 44.0, 45.3, 46.1, 47.0, 49.5]


def it_draws_no_trend_chart_without_history(tmp_path: Path) -> None:
    from tests.chartdata import read_charts

    out = tmp_path / "report.docx"
    result = CliRunner().invoke(cli, ["build", str(SAMPLE / "config.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = [c.name for c in read_charts(out)]
    assert names and not [n for n in names if n.startswith("narrator trend chart")]
