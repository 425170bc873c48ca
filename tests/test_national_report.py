"""The national tables in a report: the sample's paragraphs, other councils' reports, the checks
that catch a hand-typed benchmark the published data contradicts, and the config's errors."""

from __future__ import annotations

import csv
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from narrator.errors import ConfigError
from narrator.model import Severity
from narrator.pipeline import prepare
from tests.conftest import SAMPLE, run_cli
from tests.helpers import expected_quartile, la_values, lait_rows, number, query_free_sample

PERM = "Permanent exclusions as a % of School population"
SUSP = "Children receiving at least one fixed term suspension as a % of School population"


def _series(measure: str, area: str) -> list[tuple[str, Decimal]]:
    with (SAMPLE / "national" / "lait-slice.csv").open(encoding="utf-8", newline="") as stream:
        rows = [
            (r["Years"], Decimal(r["Values"]))
            for r in csv.DictReader(stream)
            if r["Short Desc"] == measure and r["LA and Regions"] == area
        ]
    return sorted(rows)


@pytest.mark.parametrize(("name", "measure"), [(PERM, "TotPermEx"), (SUSP, "Total_ Pup_FixedEx")])
def it_says_a_record_only_when_the_published_series_holds_it(
    prepared_q1, name: str, measure: str
) -> None:  # type: ignore[no-untyped-def]
    found = next(t for t in prepared_q1.texts if t.context.name == name)
    text = found.text
    # the dashboard's latest period is the benchmark year: the area's record may be said
    assert found.context.benchmark is not None and found.context.benchmark.same_year is True
    for area in ("Leicestershire", "England"):
        series = _series(measure, area)
        upto = [v for y, v in series if y <= "2022/23"]
        assert upto[-1] == max(upto)  # the 2022/23 figure is the highest published so far
    years = len(_series(measure, "England"))
    # the area's own record leads its paragraph, said with the figure (seed 004 para 33)
    assert (
        f", the highest in the {['', '', '', '', '', '', '', '', 'eight'][years]} years"
        in text.split(". ")[0]
    )  # the record leads its paragraph, said with the figure (issue 23: salience)
    assert "highest in the eight years published (since 2015/16)" in text
    assert "ever" not in text


def _copy_sample(folder: Path) -> Path:
    for item in SAMPLE.iterdir():
        if item.is_dir():
            shutil.copytree(item, folder / item.name)
        else:
            shutil.copy(item, folder / item.name)
    return folder / "config.yaml"


def _edit_dashboard(config: Path, name: str, column: str, value: str) -> None:
    path = config.parent / "dashboard-q1-2024-25.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        if row["Indicator"] == name:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def it_warns_where_the_dashboards_quartile_or_average_disagrees(tmp_path: Path) -> None:
    """Seeded into the sample made query-free: the three seeded problems and nothing else."""
    config = query_free_sample(tmp_path)
    _edit_dashboard(config, PERM, "National benchmark (quartile 1 = top)", "3")
    _edit_dashboard(config, SUSP, "England average", "3.71%")
    _edit_dashboard(config, SUSP, "Most recent Statistical Neighbour average", "3.40%")
    prepared = prepare(config)
    found = {
        (p.code, p.location.indicator, p.location.row, p.location.column): p
        for p in prepared.problems
        if p.code.startswith("benchmark-")
    }
    quartile = found[
        ("benchmark-quartile-disagrees", PERM, 22, "National benchmark (quartile 1 = top)")
    ]
    assert quartile.severity is Severity.WARNING
    assert quartile.message == (
        "the dashboard gives quartile 3, but the national tables give 2: Leicestershire's "
        "published 2022/23 figure, 0.07%, is between the 25th and 50th percentiles (0.05974% "
        "and 0.10973%) of the local authorities' 2022/23 figures for TotPermEx"
    )
    assert (quartile.value, quartile.expected) == ("3", "quartile 2, which the report states")
    england = found[("benchmark-average-disagrees", SUSP, 23, "England average")]
    assert "England average is 3.71%, but the national tables give 3.61% for 2022/23" in (
        england.message
    )
    neighbours = found[
        ("benchmark-average-disagrees", SUSP, 23, "Most recent Statistical Neighbour average")
    ]
    assert "3.40%" in neighbours.message and "3.41%" in neighbours.message
    assert len(found) == 3


def it_says_when_the_national_tables_are_newer_than_the_dashboard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _copy_sample(tmp_path)
    slice_ = config.parent / "national" / "lait-slice.csv"
    with slice_.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    newer = [dict(r, Years="2023/24") for r in rows if r["Years"] == "2022/23"]
    for row in newer:
        if row["LA and Regions"] == "Leicestershire" and row["Short Desc"] == "TotPermEx":
            row["Values"] = "7.1330000000000005E-2"
    with slice_.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows + newer)
    code, out, _ = run_cli(["check", str(config)], capsys)
    assert code == 1
    assert (
        'row 22, column "Latest Period" (indicator "Permanent exclusions as a % of School '
        'population"): the national tables hold 2023/24 for Leicestershire (0.07%), newer than '
        "the dashboard's latest period: the dashboard is behind"
    ) in out


def _th(n: int) -> str:
    """23 -> '23rd', as an officer writes a rank."""
    last = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{last}"


def _council(folder: Path, area: str, rows: list[str], national: str) -> Path:
    """A report for another council: its own dashboard of the two measures, the sample's
    catalogue and national tables."""
    header = (
        "Topic,Theme,Indicator,Polarity,Frequency,Previous Period,Previous Value,Latest Period,"
        "Latest Value,Target,Status RAG,National benchmark (quartile 1 = top)"
    )
    (folder / "dashboard.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    config = folder / "config.yaml"
    config.write_text(
        f"area: {area}\ncommittee: Children's Scrutiny Panel\ntitle: Performance\n"
        f"report_period: Q1 2024/25\ndashboard: dashboard.csv\n"
        f"catalogue: {SAMPLE / 'catalogue.yaml'}\n"
        f"national:\n  lait: {SAMPLE / 'national' / 'lait-slice.csv'}\n"
        f"  dictionary: {SAMPLE / 'national' / 'lait-data-dictionary.csv'}\n"
        f"  neighbours: {SAMPLE / 'national' / 'sn_april_2021.csv'}\n{national}",
        encoding="utf-8",
    )
    return config


def it_benchmarks_a_london_borough_found_by_its_la_number(tmp_path: Path) -> None:
    row = f"Education,Schools,{SUSP},Low = Good,Annual,2021/22,9.90%,2022/23,9.71%,N/A,N/A,"
    config = _council(tmp_path, "the Borough", [row], "  area: 202\n")
    prepared = prepare(config)
    (text,) = [t for t in prepared.texts]
    values = la_values(lait_rows("Total_ Pup_FixedEx", "2022/23"))
    camden = values[202]
    quartile = expected_quartile(list(values.values()), camden, "low")
    words = {1: "top", 2: "second", 3: "third", 4: "fourth"}
    assert (
        f"places the Borough in the {words[quartile]} quartile of local authorities on the "
        f"2022/23 published figures ({_th(1 + sum(v < camden for v in values.values()))} of "
        f"{len(values)})."
    ) in text.text
    england = next(
        Decimal(r["Values"])
        for r in lait_rows("Total_ Pup_FixedEx", "2022/23")
        if r["LA and Regions"] == "England"
    )
    # the year is said once, by the quartile's sentence (issue 22); England's own history is not
    # said (issue 23)
    assert f"England average ({round(england, 2)}%)" in text.text
    assert "which was" not in text.text
    assert f"{abs(Decimal('9.71') - round(england, 2))} percentage points above" in text.text


def it_places_a_quarterly_figure_against_the_latest_published_year(tmp_path: Path) -> None:
    row = f"Education,Schools,{PERM},Low = Good,Quarter,Q4 2023/24,0.21%,Q1 2024/25,0.18%,N/A,N/A,"
    config = _council(tmp_path, "Newcastle upon Tyne", [row], "  quartile: local\n")
    (text,) = prepare(config).texts
    values = la_values(lait_rows("TotPermEx", "2022/23"))
    quartile = expected_quartile(list(values.values()), 0.18, "low")
    others = [v for k, v in values.items() if k != 391]  # Newcastle upon Tyne's own
    rank = 1 + sum(v < 0.18 for v in others)
    words = {1: "top", 2: "second", 3: "third", 4: "fourth"}
    assert (
        f"although on the 2022/23 published figures, Newcastle upon Tyne would be in the "
        f"{words[quartile]} quartile of local authorities ({_th(rank)} of {len(values)})."
    ) in text.text
    assert "highest figure" not in text.text  # a quarter is no published year: no record
    assert text.context.benchmark is not None and text.context.benchmark.same_year is False


def it_refuses_an_area_the_tables_do_not_hold_naming_the_nearest(tmp_path: Path) -> None:
    row = f"Education,Schools,{PERM},Low = Good,Annual,2021/22,0.1%,2022/23,0.1%,N/A,N/A,"
    config = _council(tmp_path, "Leicestershir", [row], "")
    with pytest.raises(ConfigError, match=r"area 'Leicestershir' .* nearest: Leicestershire"):
        prepare(config)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{measure: A, file: b.csv}", "give either 'measure'"),
        ("{file: b.csv}", "needs 'value'"),
        ("{measure: A, colour: red}", "unknown key 'colour' in indicators[0].national"),
        ("{measure: A, polarity: up}", "use high, low or none"),
    ],
)
def it_checks_a_catalogue_entrys_national_measure(tmp_path: Path, entry: str, message: str) -> None:
    from narrator.intake.catalogue import load_catalogue

    path = tmp_path / "catalogue.yaml"
    path.write_text(f"indicators:\n  - name: X\n    national: {entry}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_catalogue(path)


def it_explains_the_computation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["explain", str(SAMPLE / "config.yaml"), SUSP], capsys)
    assert code == 0
    assert "National tables: Total_ Pup_FixedEx (Total Pupils with one or more suspensions)" in out
    assert "year used: 2022/23; the one before: 2021/22" in out
    assert "rank 49 of 152 local authorities with a figure" in out
    assert "quartile thresholds (25th, 50th, 75th percentiles, type 7)" in out
    assert "of the 10 of 10 with a figure (South Gloucestershire," in out


def it_explains_the_tables_figures_as_published(capsys: pytest.CaptureFixture[str]) -> None:
    """The figures read through floats are printed as LAIT publishes them (0.06644), not as
    their 18-digit binary neighbours (0.066439999999999999)."""
    code, out, _ = run_cli(["explain", str(SAMPLE / "config.yaml"), PERM], capsys)
    assert code == 0
    assert "2022/23: Leicestershire 0.06644; England 0.11121; region East Midlands 0.11979" in out
    assert "statistical neighbours: mean 0.112561 of the 10" in out
    assert not re.search(r"\d{13,}", out), out


ANY = SAMPLE.parent / "any-authority" / "config.yaml"


def it_builds_a_report_from_the_national_tables_alone() -> None:
    prepared = prepare(ANY)
    assert not prepared.errors
    perm, susp = prepared.contexts
    rows = {r["LA and Regions"]: r["Values"] for r in lait_rows("TotPermEx", "2022/23")}
    before = {r["LA and Regions"]: r["Values"] for r in lait_rows("TotPermEx", "2021/22")}
    assert perm.indicator.latest == Decimal(rows["Leicestershire"])
    assert perm.indicator.previous == Decimal(before["Leicestershire"])
    assert perm.indicator.latest_period and perm.indicator.latest_period.label == "2022/23"
    assert susp.indicator.topic == "All Pupil Absence & Exclusions"
    text = prepared.texts[0].text
    assert text.startswith(
        "The number of permanent exclusions as a percentage of the school population was 0.07% "
        "in the 2022/23 academic year, the highest in the eight years published (since "
        "2015/16). There has been an increase of 0.05 percentage points from the 2021/22 "
        "academic year (0.02%), although on the 2022/23 published figures, Leicestershire is in "
        "the second quartile of local authorities (44th of 152)."
    )


def it_plans_one_report_per_authority_with_a_published_figure(tmp_path: Path) -> None:
    from narrator.batch import plan_authorities, run

    tasks = plan_authorities(ANY, tmp_path)
    with_figure = {
        r["LA and Regions"]
        for measure in ("TotPermEx", "Total_ Pup_FixedEx")
        for r in lait_rows(measure, "2022/23")
        if r["LA Number"] and float(r["LA Number"]) < 970 and number(r["Values"]) is not None
    }
    assert [t.name for t in tasks] == sorted(with_figure) and len(tasks) == 152
    results = run([t for t in tasks if t.name in ("Camden", "Wigan")], jobs=1)
    assert all(r.ok for r in results), results
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Camden.docx", "Wigan.docx"]


def it_says_split_by_needs_a_dashboard(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["build-all", str(ANY), "--split-by", "Authority"], capsys)
    assert code == 2 and "use --each-authority" in err


def it_warns_where_the_dashboards_polarity_is_not_the_tables(tmp_path: Path) -> None:
    config = _copy_sample(tmp_path)
    _edit_dashboard(config, PERM, "Polarity", "High = Good")
    (problem,) = [p for p in prepare(config).problems if p.code == "benchmark-polarity-disagrees"]
    assert problem.location.row == 22 and problem.location.column == "Polarity"
    assert "high = good, but the national tables rank TotPermEx with low = good" in problem.message


def it_benchmarks_a_quarterly_figure_from_an_ees_file_named_in_the_config(tmp_path: Path) -> None:
    """Care leavers aged 19 to 21 in suitable accommodation: the EES file is named once in the
    config (`national.ees`) and the catalogue entry picks its breakdown and figure column."""
    from tests.helpers import EES, ees_rows

    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(
        "indicators:\n"
        "  - name: Care leavers in suitable accommodation\n"
        "    subject: the percentage of care leavers aged 19 to 21 in suitable accommodation\n"
        "    unit: percentage\n    decimals: 1\n"
        "    national:\n      file: care_leavers\n      value: percentage\n"
        "      polarity: high\n"
        "      filters: {age: 19 to 21 years, accommodation_suitability: "
        "Accommodation considered suitable}\n",
        encoding="utf-8",
    )
    row = (
        "Care,Leavers,Care leavers in suitable accommodation,High = Good,Quarter,Q4 2023/24,"
        "94.9%,Q1 2024/25,86.5%,N/A,N/A,"
    )
    config = _council(
        tmp_path, "Wigan", [row], f"  quartile: local\n  ees: {{care_leavers: {EES}}}\n"
    )
    text = config.read_text(encoding="utf-8").replace(
        f"catalogue: {SAMPLE / 'catalogue.yaml'}", f"catalogue: {catalogue}"
    )
    config.write_text(text, encoding="utf-8")
    (paragraph,) = prepare(config).texts
    rows = ees_rows("2023")
    las = [  # every LA row is ranked (EES has an old and a new "Dorset")
        (r["la_name"], float(r["percentage"]))
        for r in rows
        if r["geographic_level"] == "Local authority" and number(r["percentage"]) is not None
    ]
    quartile = expected_quartile([v for _, v in las], 86.5, "high")
    rank = 1 + sum(v > 86.5 for k, v in las if k != "Wigan")
    england = next(r["percentage"] for r in rows if r["geographic_level"] == "National")
    words = {1: "top", 2: "second", 3: "third", 4: "fourth"}
    assert (
        f"would place Wigan in the {words[quartile]} quartile of local authorities on the 2023 "
        f"published figures ({_th(rank)} of {len(las)})."
    ) in paragraph.text
    assert f"England average ({england}.0%)" in paragraph.text  # the year said once
    # nine of Wigan's ten statistical neighbours publish a figure for 2023
    assert "(87.7%, from nine of the 10 neighbours)" in paragraph.text
    assert EES.is_file()


def it_says_diff_needs_dashboards(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["diff", str(ANY), str(ANY)], capsys)
    assert code == 2 and "names no dashboard" in err and "Traceback" not in err


def it_queries_a_dashboard_quartile_for_a_measure_lait_shows_none_for(tmp_path: Path) -> None:
    config = query_free_sample(tmp_path)
    dictionary = config.parent / "national" / "lait-data-dictionary.csv"
    text = dictionary.read_text(encoding="utf-8")
    dictionary.write_text(
        text.replace(
            "TotPermEx,Total Permanent Exclusions,Low,2,Academic Year,,",
            "TotPermEx,Total Permanent Exclusions,Low,2,Academic Year,N,",
        ),
        "utf-8",
    )
    prepared = prepare(config)
    (problem,) = [p for p in prepared.problems if p.code == "benchmark-quartile-disagrees"]
    assert problem.location.row == 22 and "show no quartile for TotPermEx" in problem.message
    text = next(t.text for t in prepared.texts if t.context.name == PERM)
    assert "quartile" not in text  # neither the dashboard's nor a computed one
