"""How a Benchmark was computed, as lines for `narrator explain` (figures as published, unrounded,
so an officer can check them against LAIT)."""

from __future__ import annotations

from decimal import Decimal

from narrator.published import Benchmark, Figure, History, YearBenchmark


def _figure(figure: Figure) -> str:
    if figure.value is not None:
        return _number(figure.value)
    return f"no figure ({figure.reason})" if figure.reason else "no row"


def _number(value: Decimal) -> str:
    """The figure as published: to 15 significant digits, what the tables' floating-point
    figures hold (0.06644 read through a float is 0.066439999999999999 at 18)."""
    value = Decimal(format(value, ".15g")).normalize()
    return format(value, "f")


def _history(name: str, found: History | None) -> str:
    if found is None:
        return f"  {name}: no history (fewer than two published figures up to the year used)"
    parts = []
    if found.extreme is not None:
        e = found.extreme
        where = (
            f"since {e.since}" if e.since else f"in the {e.years} years published from {e.first}"
        )
        parts.append(f"{e.kind} {where}")
    if found.run:
        parts.append(f"{found.run} consecutive {found.run_direction}(s) to the year used")
    return f"  {name}: {'; '.join(parts) or 'neither highest nor lowest, no run'}"


def _year(bench: Benchmark, year: YearBenchmark) -> list[str]:
    better = {"low": "the lowest is 1st", "high": "the highest is 1st"}.get(bench.polarity, "")
    lines = [
        f"  {year.year}: {bench.area_name} {_figure(year.area)}; England {_figure(year.england)}; "
        f"region {year.region_name or '?'} {_figure(year.region)}",
    ]
    total = len(year.neighbours_used) + len(year.neighbours_missing)
    mean = _number(year.neighbours) if year.neighbours is not None else "none"
    lines.append(
        f"    statistical neighbours: mean {mean} of the {len(year.neighbours_used)} of {total} "
        f"with a figure ({', '.join(year.neighbours_used) or 'none'})"
        + (f"; no figure: {', '.join(year.neighbours_missing)}" if year.neighbours_missing else "")
    )
    if year.rank is not None:
        lines.append(
            f"    rank {year.rank} of {year.ranked} local authorities with a figure "
            f"({better}; ties share the best rank)"
        )
    if year.thresholds is not None:
        q = ", ".join(_number(t) for t in year.thresholds)
        lines.append(
            f"    quartile thresholds (25th, 50th, 75th percentiles, type 7): {q} -> "
            f"quartile {year.quartile if year.quartile is not None else 'none'}"
        )
    return lines


def describe(bench: Benchmark) -> list[str]:
    """The computation behind one indicator's benchmark, line by line."""
    quartile = "shown" if bench.has_quartile else "not shown (dictionary or no polarity)"
    lines = [
        f"National tables: {bench.measure} ({bench.label}), polarity {bench.polarity}, "
        f"quartile {quartile}",
        f"  year used: {bench.latest.year}; the one before: "
        f"{bench.previous.year if bench.previous else 'none published'}; newest for "
        f"{bench.area_name}: {bench.newest} ({_figure(bench.newest_figure)})",
    ]
    lines += _year(bench, bench.latest)
    if bench.previous is not None:
        lines += _year(bench, bench.previous)
    if bench.use == "local" and bench.local_value is not None:
        lines.append(
            f"  quartile stated: the latest figure {_number(bench.local_value)} placed against "
            f"{bench.latest.year}: rank {bench.local_rank} of {bench.latest.ranked}, quartile "
            f"{bench.local_quartile}"
        )
    else:
        lines.append(f"  quartile stated: {bench.area_name}'s own published {bench.latest.year}")
    lines.append(_history("England", bench.england_history))
    lines.append(_history("statistical neighbours", bench.neighbours_history))
    lines.append(_history(bench.area_name, bench.area_history))
    return lines
