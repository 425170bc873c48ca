"""The forms other councils' dashboards and catalogues write: polarity and frequency as
performance systems export them, periods (part years, year to date, rolling ranges, dates),
catalogue units, the config's report_of, comparison and rag_key, and the summary's number."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from narrator.errors import ConfigError
from narrator.intake.catalogue import load_catalogue
from narrator.intake.cells import CellError, parse_frequency, parse_polarity
from narrator.model import Frequency, Polarity
from narrator.periods import PeriodKind, comparable, parse_period
from narrator.units import Unit, parse_unit

HIGH, LOW, NONE = Polarity.HIGH_IS_GOOD, Polarity.LOW_IS_GOOD, Polarity.NONE


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Smaller values are best", LOW),  # InPhase
        ("Bigger values are best", HIGH),
        ("Larger is better", HIGH),
        ("Low is good", LOW),
        ("(high is good)", HIGH),
        ("Higher is better", HIGH),  # Excel scorecards
        ("Lower is better", LOW),
        ("Good = Low", LOW),
        ("H", HIGH),  # Pentana
        ("L", LOW),
        ("↑", HIGH),  # Power BI arrows
        ("▼", LOW),
        ("Maximise", HIGH),
        ("Minimise", LOW),
        ("Neutral", NONE),
        ("N/A", NONE),
    ],
)
def it_reads_polarity_as_performance_systems_export_it(text: str, polarity: Polarity) -> None:
    assert parse_polarity(text) is polarity


def it_lists_every_accepted_polarity_when_one_is_refused() -> None:
    with pytest.raises(CellError) as info:
        parse_polarity("Sideways")
    assert "Smaller values are best" in info.value.expected
    assert "'H'" in info.value.expected and "↑" in info.value.expected


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("Qtrly", Frequency.QUARTER),
        ("Q", Frequency.QUARTER),
        ("3 monthly", Frequency.QUARTER),
        ("Monthly", Frequency.MONTH),
        ("Per annum", Frequency.ANNUAL),
        ("Yearly", Frequency.ANNUAL),
        ("Termly", Frequency.TERM),
    ],
)
def it_reads_frequency_as_performance_systems_export_it(text: str, frequency: Frequency) -> None:
    assert parse_frequency(text) is frequency


@pytest.mark.parametrize(
    ("text", "kind", "canonical", "months"),
    [
        ("Apr 17 - Jun 17", PeriodKind.PART_YEAR, "Apr-2017 to Jun-2017", 3),
        ("April to June 2024", PeriodKind.PART_YEAR, "Apr-2024 to Jun-2024", 3),
        ("YTD Q1 2024/25", PeriodKind.PART_YEAR, "Apr-2024 to Jun-2024", 3),
        ("YTD Q2 2024/25", PeriodKind.PART_YEAR, "Apr-2024 to Sep-2024", 6),
        ("YTD Q4 2023/24", PeriodKind.SPLIT_YEAR, "2023/24", 12),
        ("2017/18 to date", PeriodKind.PART_YEAR, "2017/18 to date", None),
        # six months not from the start of a year: a window, never "so far in 2023/24"
        ("Oct - Mar 2024", PeriodKind.RANGE, "Oct-2023 to Mar-2024", 6),
        ("Last 6 months to Dec 18", PeriodKind.RANGE, "Jul-2018 to Dec-2018", 6),
        ("6 months ending December 2018", PeriodKind.RANGE, "Jul-2018 to Dec-2018", 6),
        ("R6M to Dec 18", PeriodKind.RANGE, "Jul-2018 to Dec-2018", 6),
        ("Apr 17 - Mar 18", PeriodKind.RANGE, "Apr-2017 to Mar-2018", 12),
        ("2014-2016", PeriodKind.RANGE, "Jan-2014 to Dec-2016", 36),
        ("30/06/2017", PeriodKind.DATE, "30 Jun 2017", 0),
        ("30 June 2017", PeriodKind.DATE, "30 Jun 2017", 0),
        ("30-Jun-17", PeriodKind.DATE, "30 Jun 2017", 0),
        ("2017-06-30", PeriodKind.DATE, "30 Jun 2017", 0),
    ],
)
def it_reads_part_years_ranges_and_dates(
    text: str, kind: PeriodKind, canonical: str, months: int | None
) -> None:
    period = parse_period(text)
    assert (period.kind, period.canonical(), period.months) == (kind, canonical, months)


def it_refuses_a_date_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_period("31/06/2017")


def it_ends_a_year_to_date_with_the_report_period() -> None:
    ended = parse_period("2017/18 to date").to_date_end(parse_period("Q2 2017/18"))
    assert (ended.canonical(), ended.months) == ("Apr-2017 to Sep-2017", 6)
    # a report period outside that year leaves it open
    assert parse_period("2017/18 to date").to_date_end(parse_period("Q1 2019/20")).months is None


@pytest.mark.parametrize(
    ("previous", "latest", "like"),
    [
        ("2016/17", "Apr 17 - Jun 17", False),  # part year against the full year
        ("Apr 16 - Jun 16", "Apr 17 - Jun 17", True),  # the same point last year
        ("Apr 17 - Jun 17", "Apr 17 - Sep 17", False),  # year to date Q1 against Q2
        ("Q4 2016/17", "Q1 2017/18", True),
        ("Apr 16 - Mar 17", "Jul 16 - Jun 17", True),  # rolling twelve months
    ],
)
def it_compares_a_part_year_only_with_the_same_part(previous: str, latest: str, like: bool) -> None:
    assert comparable(parse_period(previous), parse_period(latest)) is like


@pytest.mark.parametrize(
    ("text", "unit", "per", "word", "scale"),
    [
        ("per 10,000", Unit.RATE, 10000, None, None),
        ("per 100000", Unit.RATE, 100000, None, None),
        ("£", Unit.MONEY, None, None, None),
        ("£k", Unit.MONEY, None, None, "k"),
        ("£m", Unit.MONEY, None, None, "m"),
        ("weeks", Unit.SCORE, None, "weeks", None),
        ("percentage", Unit.PERCENTAGE, None, None, None),
        ("%", Unit.PERCENTAGE, None, None, None),
        ("money", Unit.MONEY, None, None, None),
    ],
)
def it_reads_catalogue_unit_forms(
    text: str, unit: Unit, per: int | None, word: str | None, scale: str | None
) -> None:
    form = parse_unit(text)
    assert (form.unit, form.per, form.word, form.scale) == (unit, per, word, scale)


def it_names_every_unit_form_when_one_is_refused(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text("indicators:\n  - name: A\n    unit: furlongs\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_catalogue(catalogue)
    assert "'per 10,000'" in str(info.value) and "'£m'" in str(info.value)


def it_reads_the_new_catalogue_keys(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(
        "indicators:\n"
        "  - name: A\n    unit: count\n    word: tonnes\n    timing: flow\n"
        "    comparison: last_report\n    part_year: as_is\n    in_line: 0.5\n",
        encoding="utf-8",
    )
    (entry,) = load_catalogue(catalogue).entries
    assert (entry.word, entry.timing, entry.comparison, entry.part_year, entry.in_line) == (
        "tonnes",
        "flow",
        "last_report",
        "as_is",
        Decimal("0.5"),
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("comparison: fortnightly", "previous, year_on_year, last_report, earlier"),
        ("timing: sometimes", "flow or snapshot"),
        ("part_year: guess", "as_is"),
        ("in_line: lots", "in_line"),
    ],
)
def it_refuses_unknown_catalogue_values(tmp_path: Path, line: str, message: str) -> None:
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(f"indicators:\n  - name: A\n    {line}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_catalogue(catalogue)


def _config(tmp_path: Path, extra: str) -> Path:
    (tmp_path / "d.csv").write_text("x\n", encoding="utf-8")
    config = tmp_path / "c.yaml"
    config.write_text(
        f"area: Ashvale\ncommittee: Panel\ntitle: Report\ndashboard: d.csv\n{extra}\n",
        encoding="utf-8",
    )
    return config


@pytest.mark.parametrize(
    ("extra", "report_of", "joint"),
    [
        ("report_of: the Director of Place", "the Director of Place", False),
        ("report_of: [the Director of Place]", "the Director of Place", False),
        (
            "report_of: [the Chief Executive, the Director]",
            "the Chief Executive and the Director",
            True,
        ),
        ("report_of: [A, B, C]", "A, B and C", True),
    ],
)
def it_reads_who_the_report_is_from(
    tmp_path: Path, extra: str, report_of: str, joint: bool
) -> None:
    from narrator.intake.config import load_config

    config = load_config(_config(tmp_path, extra))
    assert (config.report_of, config.joint) == (report_of, joint)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("rag_key: traffic-lights", "quartile, target, none"),
        ("rag_key: {B: Blue}", "G, A or R"),
        ("comparison: sometimes", "last_report"),
    ],
)
def it_refuses_unknown_config_values(tmp_path: Path, extra: str, message: str) -> None:
    from narrator.intake.config import load_config

    with pytest.raises(ConfigError, match=message):
        load_config(_config(tmp_path, extra))


def it_agrees_in_number_for_one_measure() -> None:
    from narrator.language.phrases import load_phrasebook
    from narrator.language.realise import Realiser
    from narrator.language.summary import quartile_summary
    from tests.helpers import make

    realiser = Realiser(load_phrasebook(), "Ashvale")
    one = realiser.alone(quartile_summary([make(quartile=2)]), None).text
    assert one == "The one measure reported is in the second quartile."
    none = realiser.alone(quartile_summary([make()]), None).text
    assert none == "The one measure reported has no national quartile."


def it_reads_money_with_its_pound_sign_and_its_written_scale() -> None:
    """'£1.2m' is read as 1.2 in millions (issue 21: units in cells), the scale kept as the
    figure's unit for init and the build to use; '£1.2x' is no figure."""
    from narrator.intake.cells import parse_value

    number = parse_value("£1,200.50")
    assert number is not None and (number.value, number.decimals) == (Decimal("1200.50"), 2)
    millions = parse_value("£1.2m")
    assert millions is not None and (millions.value, millions.unit) == (Decimal("1.2"), "£m")
    with pytest.raises(CellError):
        parse_value("£1.2x")


def _ctx(entry_fields: dict[str, object], latest_period: str, previous_period: str, **ind: object):  # type: ignore[no-untyped-def]
    from narrator.intake.resolve import resolve
    from narrator.model import CatalogueEntry, Indicator
    from narrator.officer_files import Catalogue
    from narrator.settings import RuleSettings

    indicator = Indicator(
        name="A",
        topic=None,
        theme=None,
        polarity=HIGH,
        frequency=Frequency.QUARTER,
        latest=Decimal("62.0"),
        latest_period=parse_period(latest_period),
        previous=Decimal("58.5"),
        previous_period=parse_period(previous_period),
        decimals=1,
        **ind,  # type: ignore[arg-type]
    )
    entry = CatalogueEntry(name="A", subject="the figure", **entry_fields)  # type: ignore[arg-type]
    ctx, _ = resolve(
        indicator,
        Catalogue((entry,)),
        area="Ashvale",
        report_period=parse_period("Q1 2024/25"),
        settings=RuleSettings(),
    )
    return ctx


def _text(ctx) -> str:  # type: ignore[no-untyped-def]
    from narrator.language.phrases import load_phrasebook
    from narrator.language.realise import Realiser
    from narrator.language.rules import apply_rules

    return " ".join(
        s.text for s in Realiser(load_phrasebook(), "Ashvale").paragraph(apply_rules(ctx), ctx)
    )


def it_judges_a_part_year_against_a_full_year_only_when_declared() -> None:
    plain = _ctx({"unit": Unit.PERCENTAGE}, "YTD Q1 2024/25", "2023/24")
    assert _text(plain) == (
        "The figure was 62.0% so far in 2024/25 (April to June), compared with 58.5% for 2023/24."
    )
    declared = _ctx({"unit": Unit.PERCENTAGE, "part_year": "as_is"}, "YTD Q1 2024/25", "2023/24")
    assert _text(declared) == (
        "The figure was 62.0% so far in 2024/25 (April to June). This figure is an "
        "improvement of 3.5 percentage points on 2023/24 (58.5%)."
    )


def it_speaks_of_flows_in_the_period_and_snapshots_at_its_end() -> None:
    from narrator.intake.resolve import is_flow
    from narrator.model import CatalogueEntry

    assert is_flow(CatalogueEntry("A", subject="the referrals completed in the quarter"), "A")
    assert not is_flow(CatalogueEntry("A", subject="the children in care"), "A")
    assert not is_flow(CatalogueEntry("A", subject="in the quarter", timing="snapshot"), "A")
    flow = _ctx({"unit": Unit.PERCENTAGE, "timing": "flow"}, "Q1 2024/25", "Q4 2023/24")
    assert _text(flow) == (
        "The figure was 62.0% in Quarter 1. This figure is an improvement of 3.5 "
        "percentage points on Quarter 4 (58.5%)."
    )


def it_names_the_last_report_when_declared() -> None:
    ctx = _ctx({"unit": Unit.PERCENTAGE, "comparison": "last_report"}, "Jun-24", "Apr-24")
    assert "an improvement of 3.5 percentage points on the last report in April 2024 (58.5%)" in (
        _text(ctx)
    )


def it_asks_a_rate_for_its_base(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text("indicators:\n  - name: A\n    unit: rate\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="per: 10000"):
        load_catalogue(catalogue)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("2024-25 Q1", "Q1 2024/25"),
        ("FY23/24", "2023/24"),
        ("AY 2023/24", "2023/24"),
        ("Academic year 2022/23", "2022/23"),
        ("As at 30/06/2024", "30 Jun 2024"),
        ("at 31 March 2024", "31 Mar 2024"),
        ("As at June 2024", "Jun-2024"),
        ("Rolling 12 months to Jun 24", "Jul-2023 to Jun-2024"),
        ("12 months ending June 2024", "Jul-2023 to Jun-2024"),
        ("Year to June 2024", "Jul-2023 to Jun-2024"),
        ("R12M to Jun-24", "Jul-2023 to Jun-2024"),
        ("Q1 2024-25 YTD", "Apr-2024 to Jun-2024"),
        ("Q2 YTD 2024/25", "Apr-2024 to Sep-2024"),
        ("Mar 24 YTD", "2023/24"),
        ("2024/25 YTD", "2024/25 to date"),
    ],
)
def it_reads_periods_as_other_councils_write_them(text: str, canonical: str) -> None:
    period = parse_period(text)
    assert (period.canonical(), period.label) == (canonical, text)


def it_sets_a_declared_pro_rata_total_beside_the_full_year() -> None:
    ctx = _ctx(
        {"unit": Unit.COUNT, "part_year": "pro_rata", "decimals": 0},
        "Apr 17 - Jun 17",
        "2016/17",
    )
    from dataclasses import replace

    ctx = replace(ctx, indicator=replace(ctx.indicator, latest=Decimal(7), previous=Decimal(11)))
    assert _text(ctx) == (
        "The figure was 7 so far in 2017/18 (April to June). At this rate the full year would "
        "reach 28, more than in 2016/17 (11)."
    )


def it_does_not_judge_a_quarters_total_against_a_years() -> None:
    from dataclasses import replace

    flow = _ctx({"unit": Unit.COUNT, "timing": "flow", "decimals": 0}, "Q1 2024/25", "2023/24")
    flow = replace(flow, indicator=replace(flow.indicator, latest=Decimal(3), previous=Decimal(11)))
    assert _text(flow) == "The figure was 3 in Quarter 1, compared with 11 for 2023/24."
    # a snapshot count (held at the end of each period) is compared
    held = _ctx({"unit": Unit.COUNT, "decimals": 0}, "Q1 2024/25", "2023/24")
    held = replace(held, indicator=replace(held.indicator, latest=Decimal(3), previous=Decimal(11)))
    # (a count with no noun: its change said by its relative size, 8 of 11, never a bare "8")
    assert "a decrease of 72.7% from 2023/24 (11)" in _text(held)


@pytest.mark.parametrize(
    ("latest", "queried"),
    [
        ("Apr 24 - Jun 24", False),
        ("YTD Q3 2023/24", True),  # a year to date ending before the report's quarter
        ("30/06/2024", False),
        ("31/12/2023", True),
        ("2024/25 to date", False),  # ends with the report period
    ],
)
def it_queries_a_latest_period_that_does_not_end_in_the_report_quarter(
    tmp_path: Path, latest: str, queried: bool
) -> None:
    from narrator.intake.config import load_config
    from narrator.intake.period_checks import report_period_mismatch

    ctx = _ctx({"unit": Unit.PERCENTAGE}, latest, "2022/23")
    config = load_config(_config(tmp_path, "report_period: Q1 2024/25"))
    codes = [p.code for p in report_period_mismatch(ctx, config)]
    assert codes == (["period-not-report-quarter"] if queried else [])


def it_reads_polarity_from_the_columns_performance_systems_name(tmp_path: Path) -> None:
    from narrator.intake.load import load_dashboard

    board = tmp_path / "export.csv"
    board.write_text(
        "Measure,Good is,Latest Period,Latest Value\n"
        "Delayed transfers of care,Lower,Q1 2024/25,12\n"
        "People supported at home,Higher,Q1 2024/25,1402\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(board)
    assert [i.polarity for i in dashboard.indicators] == [LOW, HIGH]
