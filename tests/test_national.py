"""Benchmarks from the national tables, against figures this test works out itself.

Each test cuts a small slice of the published tables (the sample's LAIT slice, the EES test
slice; both copied from ../shared/data/national) and computes what LAIT would show with the csv
and statistics modules, not with narrator: England's figure, the statistical-neighbour mean of
the neighbours with a figure, the rank (ties sharing the best rank, by polarity) and the
quartile (type-7 quantiles, `statistics.quantiles(method="inclusive")`).
"""

from __future__ import annotations

import csv
import statistics
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.errors import ConfigError
from narrator.national.benchmarks import Request, benchmarks_for
from narrator.national.compute import history, year_end
from narrator.published import Benchmark, MeasureSpec, NationalConfig
from tests.helpers import (
    EES,
    LAIT,
    NATIONAL,
    ees_rows,
    expected_quartile,
    la_values,
    lait_rows,
    number,
)

DICTIONARY = NATIONAL / "lait-data-dictionary.csv"
NEIGHBOURS = Path(__file__).parent / "data" / "national" / "sn_april_2021.xlsx"
LEICESTERSHIRE = 855


# --- the test's own reading of the tables ---------------------------------------------------


def neighbours_of(la: int) -> list[int]:
    book = openpyxl.load_workbook(NEIGHBOURS, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    header = next(r for r in rows if r and "SN1" in r)
    columns = [header.index(f"SN{n}") for n in range(1, 11)]
    row = next(r for r in rows if r and r[0] == la)
    return [int(row[c]) for c in columns]


def expected_rank(values: dict[int, float], la: int, polarity: str) -> int:
    mine = values[la]
    better = [
        v for k, v in values.items() if k != la and (v < mine if polarity == "low" else v > mine)
    ]
    return 1 + len(better)


def compute(
    spec: MeasureSpec,
    *,
    lait: Path = LAIT,
    period_end: int | None = 2023,
    local: str | None = None,
    quartile: str = "published",
    area: str = "Leicestershire",
    dictionary: Path | None = DICTIONARY,
    polarity: str = "low",
) -> Benchmark:
    config = NationalConfig(
        lait=lait, dictionary=dictionary, neighbours=NEIGHBOURS, quartile=quartile
    )
    request = Request("x", spec, period_end, Decimal(local) if local else None, polarity)
    return benchmarks_for(config, area, [request], base=EES.parent)["x"]


# --- LAIT: England, neighbours, rank, quartile -----------------------------------------------


@pytest.mark.parametrize(
    ("measure", "year"), [("TotPermEx", "2022/23"), ("Total_ Pup_FixedEx", "2021/22")]
)
def it_gives_englands_figure_the_neighbour_mean_rank_and_quartile(measure: str, year: str) -> None:
    rows = lait_rows(measure, year)
    values = la_values(rows)
    england = next(r["Values"] for r in rows if r["LA and Regions"] == "England")
    present = [values[n] for n in neighbours_of(LEICESTERSHIRE) if n in values]
    bench = compute(MeasureSpec(measure=measure), period_end=year_end(year))
    got = bench.latest
    assert got.year == year
    assert got.england.value == Decimal(england)
    assert got.neighbours is not None
    assert float(got.neighbours) == pytest.approx(statistics.fmean(present), abs=1e-12)
    assert len(got.neighbours_used) == len(present) == 10
    assert got.ranked == len(values)
    assert got.rank == expected_rank(values, LEICESTERSHIRE, "low")
    assert got.quartile == expected_quartile(list(values.values()), values[LEICESTERSHIRE], "low")
    cut = statistics.quantiles(list(values.values()), n=4, method="inclusive")
    assert got.thresholds is not None
    assert [float(t) for t in got.thresholds] == pytest.approx(cut, abs=1e-9)


def it_gives_seed_004s_suspension_figures_and_a_second_quartile_permanent_exclusion_rate() -> None:
    suspensions = compute(MeasureSpec(measure="Total_ Pup_FixedEx"))
    shown = {
        "area": suspensions.latest.area.value,
        "area before": suspensions.previous and suspensions.previous.area.value,
        "england": suspensions.latest.england.value,
        "england before": suspensions.previous and suspensions.previous.england.value,
        "neighbours": suspensions.latest.neighbours,
        "neighbours before": suspensions.previous and suspensions.previous.neighbours,
    }
    rounded = {k: round(v, 2) if v is not None else None for k, v in shown.items()}
    assert rounded == {
        "area": Decimal("3.16"),
        "area before": Decimal("2.47"),
        "england": Decimal("3.61"),
        "england before": Decimal("3.02"),
        "neighbours": Decimal("3.41"),
        "neighbours before": Decimal("2.84"),
    }
    assert compute(MeasureSpec(measure="TotPermEx")).quartile == 2


def _slice(tmp_path: Path, edit: dict[str, str], year: str = "2022/23") -> Path:
    """The sample's TotPermEx rows for `year`, the LAs named in `edit` given new figures."""
    rows = lait_rows("TotPermEx", year)
    for r in rows:
        r["Values"] = edit.get(r["LA and Regions"], r["Values"])
    path = tmp_path / "lait.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("polarity", ["low", "high"])
def it_ranks_ties_at_their_best_rank_by_polarity(tmp_path: Path, polarity: str) -> None:
    tied = "0.05"
    edit = {"Leicestershire": tied, "Rutland": tied, "Derby": tied, "Leicester": "c", "Barnet": "x"}
    lait = _slice(tmp_path, edit)
    values = la_values(lait_rows("TotPermEx", "2022/23", lait))
    assert 856 not in values and 302 not in values  # suppressed and missing are not ranked
    bench = compute(MeasureSpec(measure="TotPermEx", polarity=polarity), lait=lait)
    better = [v for v in values.values() if (v < 0.05 if polarity == "low" else v > 0.05)]
    assert bench.latest.rank == 1 + len(better)
    assert bench.latest.ranked == len(values)
    rutland = compute(
        MeasureSpec(measure="TotPermEx", polarity=polarity), lait=lait, area="Rutland"
    )
    assert rutland.latest.rank == bench.latest.rank  # a tie shares the best rank
    assert bench.latest.quartile == expected_quartile(list(values.values()), 0.05, polarity)


def it_has_no_rank_or_quartile_for_a_suppressed_figure_and_says_why(tmp_path: Path) -> None:
    lait = _slice(tmp_path, {"Leicestershire": "c"})
    bench = compute(MeasureSpec(measure="TotPermEx"), lait=lait)
    assert bench.latest.area.value is None
    assert bench.latest.area.reason == "suppressed to protect confidentiality"
    assert bench.latest.rank is None and bench.latest.quartile is None
    assert bench.latest.england.value == Decimal("0.11121")


def it_places_the_local_figure_against_the_published_thresholds(tmp_path: Path) -> None:
    """The local use (a quarter's figure against the latest published year): rank among the
    other LAs' published figures, quartile by the published thresholds."""
    values = la_values(lait_rows("TotPermEx", "2022/23"))
    local = 0.2
    bench = compute(
        MeasureSpec(measure="TotPermEx"), period_end=None, local="0.2", quartile="local"
    )
    assert bench.use == "local" and bench.latest.year == "2022/23"
    others = {k: v for k, v in values.items() if k != LEICESTERSHIRE}
    assert bench.local_rank == 1 + sum(v < local for v in others.values())
    assert bench.local_quartile == expected_quartile(list(values.values()), local, "low")
    assert bench.quartile == bench.local_quartile
    assert bench.latest.quartile == expected_quartile(
        list(values.values()), values[LEICESTERSHIRE], "low"
    )
    # the dashboard's figure for the published year itself: the area's published position
    same = compute(MeasureSpec(measure="TotPermEx"), local="0.2", quartile="local")
    assert same.use == "published" and same.quartile == same.latest.quartile


def it_shows_no_quartile_where_the_dictionary_says_so(tmp_path: Path) -> None:
    dictionary = tmp_path / "dictionary.csv"
    text = DICTIONARY.read_text(encoding="utf-8")
    dictionary.write_text(text.replace("Academic Year,,", "Academic Year,N,"), encoding="utf-8")
    bench = compute(MeasureSpec(measure="TotPermEx"), dictionary=dictionary)
    assert not bench.has_quartile and bench.quartile is None and bench.latest.thresholds is None
    assert bench.latest.rank is not None  # the rank is still known


def it_benchmarks_the_year_asked_for_or_the_latest() -> None:
    assert compute(MeasureSpec(measure="TotPermEx"), period_end=2022).latest.year == "2021/22"
    latest = compute(MeasureSpec(measure="TotPermEx"), period_end=None)
    assert latest.latest.year == "2022/23" and latest.previous
    assert latest.previous.year == "2021/22"


# --- history -----------------------------------------------------------------------------------


def it_says_highest_since_only_when_true() -> None:
    series = [
        ("2019", Decimal(5)),
        ("2020", Decimal(7)),
        ("2021", Decimal(4)),
        ("2022", Decimal(3)),
        ("2023", Decimal(6)),
    ]
    found = history(series)
    assert found and found.extreme and found.extreme.kind == "highest"
    assert found.extreme.since == "2020"  # 7 in 2020 is higher: "the highest since 2020"
    top = history(
        [("2019", Decimal(5)), ("2020", Decimal(4)), ("2021", None), ("2022", Decimal(6))]
    )
    assert top and top.extreme and top.extreme.since is None and top.extreme.years == 3
    assert top.run == 0  # 2021 has no figure: no run across it
    # above only the year before is no record: "the highest since 2020" needs two years beaten
    middle = history([("2019", Decimal(5)), ("2020", Decimal(7)), ("2021", Decimal(6))])
    assert middle and middle.extreme is None
    again = history([("2020", Decimal(7)), ("2021", Decimal(4)), ("2022", Decimal(6))])
    assert again and again.extreme is None


def it_counts_consecutive_rises() -> None:
    rows = {y: la_values(lait_rows("Total_ Pup_FixedEx", y)) for y in ("2019/20", "2020/21")}
    assert rows  # the test reads England's series itself:
    with LAIT.open(encoding="utf-8", newline="") as stream:
        england = [
            (r["Years"], Decimal(r["Values"]))
            for r in csv.DictReader(stream)
            if r["Short Desc"] == "Total_ Pup_FixedEx" and r["LA and Regions"] == "England"
        ]
    england.sort(key=lambda p: p[0])
    rises = 0
    for (_, a), (_, b) in zip(england[-2::-1], england[::-1], strict=False):
        if b <= a:
            break
        rises += 1
    bench = compute(MeasureSpec(measure="Total_ Pup_FixedEx"))
    assert bench.england_history and bench.england_history.run == rises == 3
    assert bench.england_history.extreme and bench.england_history.extreme.since is None
    assert bench.england_history.extreme.years == len(england) == 8


# --- EES ---------------------------------------------------------------------------------------


EES_SPEC = MeasureSpec(
    file=EES.name,
    filters=(
        ("age", "19 to 21 years"),
        ("accommodation_suitability", "Accommodation considered suitable"),
    ),
    value="percentage",
    polarity="high",
)


@pytest.mark.parametrize("area", ["Leicestershire", "855", "E10000018", " leicestershire "])
def it_reads_an_ees_breakdown_and_finds_the_area_by_number_ons_code_or_name(area: str) -> None:
    rows = ees_rows("2023")
    las = {
        int(r["old_la_code"]): float(r["percentage"])
        for r in rows
        if r["geographic_level"] == "Local authority" and number(r["percentage"]) is not None
    }
    england = next(r["percentage"] for r in rows if r["geographic_level"] == "National")
    region = next(
        r["percentage"]
        for r in rows
        if r["region_name"] == "East Midlands" and r["geographic_level"] == "Regional"
    )
    bench = compute(EES_SPEC, area=area, period_end=None, dictionary=None)
    assert bench.area_name == "Leicestershire"
    assert bench.latest.year == "2023" and bench.latest.area.value == Decimal("94")
    assert bench.latest.england.value == Decimal(england)
    assert bench.latest.region.value == Decimal(region)
    assert bench.latest.rank == expected_rank(las, LEICESTERSHIRE, "high")
    assert bench.latest.quartile == expected_quartile(list(las.values()), 94.0, "high")


def it_reads_ees_symbols_as_missing_with_their_reason() -> None:
    barnsley = compute(EES_SPEC, area="Barnsley", period_end=None, dictionary=None)
    assert barnsley.latest.area.value is None
    assert barnsley.latest.area.reason == "not applicable"
    rutland = compute(EES_SPEC, area="Rutland", period_end=2021, dictionary=None)
    assert rutland.latest.year == "2021"
    assert rutland.latest.area.reason == "suppressed to protect confidentiality"
    assert rutland.latest.rank is None


def it_names_the_near_matches_for_an_unknown_area_filter_or_measure() -> None:
    with pytest.raises(ConfigError, match="nearest: Leicestershire"):
        compute(MeasureSpec(measure="TotPermEx"), area="Leicestershir")
    bad = MeasureSpec(file=EES.name, filters=(("age", "19 to 21"),), value="percentage")
    with pytest.raises(ConfigError, match="no value '19 to 21'; it has: 19 to 21 years"):
        compute(bad, dictionary=None)
    with pytest.raises(ConfigError, match="no column \\['rate'\\]"):
        compute(MeasureSpec(file=EES.name, value="rate"), dictionary=None)
    with pytest.raises(ConfigError, match="nearest: TotPermEx"):
        compute(MeasureSpec(measure="TotPermEX"))


def it_reads_a_parquet_table_as_the_csv(tmp_path: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(LAIT, dtype=str, keep_default_na=False)
    frame["LA Number"] = pd.to_numeric(frame["LA Number"])
    parquet = tmp_path / "lait.parquet"
    frame.to_parquet(parquet)
    spec = MeasureSpec(measure="Total_ Pup_FixedEx")
    assert compute(spec, lait=parquet) == compute(spec)


# --- the full published tables, when this checkout sits beside them -----------------------------

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "national"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/national is not here")
def it_reads_the_full_shared_tables(tmp_path: Path) -> None:
    config = NationalConfig(
        lait=SHARED / "lait-bds-long.parquet",
        dictionary=SHARED / "lait-data-dictionary.csv",
        neighbours=SHARED / "sn_april_2021.xlsx",
    )
    requests = [
        Request("perm", MeasureSpec(measure="TotPermEx"), 2023, Decimal("0.07"), "low"),
        Request("susp", MeasureSpec(measure="Total_ Pup_FixedEx"), 2023, Decimal("3.16"), "low"),
    ]
    found = benchmarks_for(config, "Leicestershire", requests, base=SHARED)
    susp = found["susp"]
    assert round(susp.latest.england.value or 0, 2) == Decimal("3.61")
    assert round(susp.latest.neighbours or 0, 2) == Decimal("3.41")
    assert susp.previous and round(susp.previous.neighbours or 0, 2) == Decimal("2.84")
    assert found["perm"].quartile == 2
    assert found["perm"].newest == "2023/24"  # published since the dashboard: check says so


# --- any slice: rank and quartile as LAIT, worked out independently ---------------------------


@settings(max_examples=60, deadline=None)
@given(
    figures=st.lists(
        st.one_of(st.none(), st.integers(0, 40).map(lambda n: n / 4)), min_size=5, max_size=30
    ),
    pick=st.integers(0, 29),
    polarity=st.sampled_from(["low", "high"]),
)
def it_ranks_and_bands_any_slice_as_lait(
    figures: list[float | None], pick: int, polarity: str
) -> None:
    """Quarter-step figures (many ties), some suppressed: rank = 1 + the LAs strictly better,
    quartile by the type-7 thresholds, for whichever LA is picked."""
    import pandas as pd

    from narrator.national.compute import year_benchmark

    area = f"LA {pick % len(figures)}"
    frame = pd.DataFrame(
        {
            "area": [f"LA {i}" for i in range(len(figures))] + ["England"],
            "la_number": [float(100 + i) for i in range(len(figures))] + [float("nan")],
            "ons": "",
            "level": ["la"] * len(figures) + ["england"],
            "region": "",
            "year": "2023",
            "text": ["c" if f is None else repr(f) for f in figures] + ["5.0"],
            "value": [float("nan") if f is None else f for f in figures] + [5.0],
        }
    )
    got = year_benchmark(
        frame, "2023", area=area, neighbours=(100, 101), polarity=polarity, has_quartile=True
    )
    present = [f for f in figures if f is not None]
    mine = figures[pick % len(figures)]
    assert got.ranked == len(present)
    if mine is None:
        assert got.rank is None and got.quartile is None
        assert got.area.reason == "suppressed to protect confidentiality"
    else:
        better = [f for f in present if (f < mine if polarity == "low" else f > mine)]
        assert got.rank == 1 + len(better)
        if len(present) >= 4:
            assert got.quartile == expected_quartile(present, mine, polarity)
    neighbours = [f for f in figures[:2] if f is not None]
    if neighbours:
        assert got.neighbours is not None
        assert float(got.neighbours) == pytest.approx(statistics.fmean(neighbours))
    else:
        assert got.neighbours is None
    assert got.england.value == Decimal("5.0")
