"""`narrator init --national FOLDER`: the published measure each indicator matches, proposed
into the catalogue, and the config's `national:` block naming the folder's tables.

The matching itself is `narrator.national.match` (on strong evidence only: a wrong benchmark
is worse than none); this module turns the dashboard's guesses into what it matches and its
answers into YAML lines.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from narrator.intake.infer import Guess, infer_entry
from narrator.model import Indicator, Polarity

if TYPE_CHECKING:
    from narrator.national.folder import Folder


@dataclass(frozen=True)
class Setting:
    """One key of the config's `national:` block, its value and the comment beside it."""

    key: str
    value: str
    comment: str | None = None


@dataclass(frozen=True)
class Proposed:
    """What `init --national` found in FOLDER.

    measures:   indicator name -> (measure code, the comment beside it: the measure's full name
                and what it was matched on)
    settings:   the config's `national:` block, key by key
    unheld:     indicator names matched to a measure the dictionary lists but the table has no
                figures for (left unbenchmarked)
    """

    measures: dict[str, tuple[str, str]]
    settings: list[Setting]
    unheld: tuple[str, ...] = ()

    @property
    def config_lines(self) -> list[str]:
        """The config's `national:` block as YAML lines."""
        return config_lines(self.settings)

    @property
    def entry_lines(self) -> dict[str, list[str]]:
        """Each proposed indicator's `national` key as YAML lines, by indicator name."""
        return {name: measure_lines(*found) for name, found in self.measures.items()}


_POLARITY = {Polarity.HIGH_IS_GOOD: "high", Polarity.LOW_IS_GOOD: "low"}


def propose_measures(
    indicators: Sequence[Indicator],
    guesses: dict[str, Guess],
    folder: Path,
    *,
    config_folder: Path,
    year: int | None,
    area: str | None = None,
) -> Proposed:
    """The proposals for `indicators` (their catalogue guesses by name) from the tables in
    `folder`; paths in the config lines relative to `config_folder`; `year`: the year the
    report period ends in (None: unknown), which picks the statistical-neighbour set; `area`:
    the council (None: unknown), with which the dashboard's own quartiles say how it places
    its figures (`quartile_use`). Raises ConfigError for a folder without a LAIT table or
    data dictionary."""
    from narrator.national.folder import find_tables, read_measures
    from narrator.national.match import Wanted, propose

    tables = find_tables(folder)
    measures, held = read_measures(tables)
    wanted = []
    for ind in indicators:
        entry = guesses[ind.name].entry
        wanted.append(
            Wanted(
                name=ind.name,
                unit=entry.unit,
                per=None if entry.per is None else str(entry.per),
                polarity=_POLARITY.get(ind.polarity),
                year_type=entry.year_type,
            )
        )
    found = propose(wanted, measures)
    chosen: dict[str, tuple[str, str]] = {}
    unheld = []
    for name, proposal in found.items():
        measure = proposal.measure
        if measure.code not in held:
            unheld.append(name)
            continue
        good = {"high": "high is good", "low": "low is good"}.get(measure.polarity or "", "")
        about = ", ".join(x for x in (good, measure.year_type, measure.axis) if x)
        chosen[name] = (measure.code, f"LAIT: {measure.name}" + (f" ({about})" if about else ""))
    settings = _config_lines(tables, config_folder, year)
    use = quartile_use(indicators, chosen, tables, area) if area else None
    if use is not None:
        settings.append(Setting("quartile", use[0], use[1]))
    return Proposed(chosen, settings, tuple(unheld))


def quartile_use(
    indicators: Sequence[Indicator],
    chosen: dict[str, tuple[str, str]],
    tables: Folder,
    area: str,
) -> tuple[str, str] | None:
    """How the dashboard places its figures, read from its own quartiles: "local" (the latest
    figure against the published thresholds) when more of them agree with that than with the
    area's published position, with the count as a comment; None when no benchmarked
    indicator has a quartile, the two agree as often, or the tables do not hold the area."""
    from narrator.errors import ConfigError
    from narrator.national.attach import period_end
    from narrator.national.benchmarks import Request, benchmarks_for
    from narrator.published import MeasureSpec, NationalConfig

    typed = {i.name: i for i in indicators if i.name in chosen and i.quartile is not None}
    if not typed:
        return None
    requests = [
        Request(
            indicator=name,
            spec=MeasureSpec(measure=chosen[name][0]),
            period_end=period_end(ind.latest_period),
            local=ind.latest,
            polarity=_POLARITY.get(ind.polarity, "none"),
        )
        for name, ind in typed.items()
    ]
    agree = {}
    for use in ("published", "local"):
        config = NationalConfig(lait=tables.lait, dictionary=tables.dictionary, quartile=use)
        try:
            found = benchmarks_for(config, area, requests, base=tables.lait.parent)
        except ConfigError:
            return None
        agree[use] = sum(1 for n, b in found.items() if b.quartile == typed[n].quartile)
    if agree["local"] <= agree["published"]:
        return None
    return (
        "local",
        f"{agree['local']} of the dashboard's {len(typed)} quartiles are its latest figures "
        f"placed against the published thresholds ({agree['published']} are {area}'s "
        "published positions): placed the same way here",
    )


def _relative(path: Path, folder: Path) -> str:
    """`path` as the config names it: relative to its folder, or absolute when that climbs
    more than two folders up."""
    relative = Path(os.path.relpath(path.resolve(), folder.resolve()))
    if relative.parts[:3] == ("..", "..", ".."):
        return path.resolve().as_posix()
    return relative.as_posix()


def _config_lines(tables: Folder, config_folder: Path, year: int | None) -> list[Setting]:
    chosen = tables.neighbours_for(year)
    others = [p.name for p in tables.neighbours if p != chosen]
    lines = [
        Setting("lait", _relative(tables.lait, config_folder)),
        Setting("dictionary", _relative(tables.dictionary, config_folder)),
    ]
    if chosen is not None:
        note = "statistical neighbours: the newest set dated no later than the report period"
        if others:
            note += f" (the folder also has {', '.join(others)})"
        lines.append(Setting("neighbours", _relative(chosen, config_folder), note))
    return lines


def config_lines(settings: list[Setting]) -> list[str]:
    """The config's commented `national:` block (none without settings)."""
    import textwrap

    from narrator.intake.yamlwrite import WIDTH, scalar_lines

    if not settings:
        return []
    lines = [
        "",
        "# Published national tables (from `narrator init --national`). Indicators whose",
        "# catalogue entry names a `national` measure are benchmarked from them: England and",
        "# statistical-neighbour figures, rank and quartile; `narrator check` compares the",
        "# dashboard's own quartile and averages with them.",
        "national:",
    ]
    for setting in settings:
        if setting.comment:
            lines += textwrap.wrap(
                setting.comment, WIDTH, initial_indent="  # ", subsequent_indent="  # "
            )
        lines += scalar_lines(setting.key, setting.value, 2)
    lines.append(
        "  # year: matching       # the published year an annual figure is for (or: latest)"
    )
    if all(setting.key != "quartile" for setting in settings):
        lines += [
            "  # quartile: published  # the area's own published position (or: local, the latest",
            "  #                      # figure placed against the published thresholds)",
        ]
    return lines


def measure_lines(code: str, comment: str) -> list[str]:
    """A catalogue entry's `national: {measure: CODE}`, the measure's name as a comment beside
    it (above it when the two do not fit on one line)."""
    import textwrap

    from narrator.intake.yamlwrite import WIDTH, quoted, reads_back

    plain = reads_back(f"k: {{measure: {code}}}", {"measure": code})
    value = code if plain else quoted(code)
    line = f"    national: {{measure: {value}}}"
    if len(line) + len(comment) + 4 <= WIDTH:
        return [f"{line}  # {comment}"]
    above = textwrap.wrap(
        comment,
        WIDTH,
        initial_indent="    # ",
        subsequent_indent="    #   ",
        break_on_hyphens=False,
    )
    return [*above, line]


Lines = tuple[list[str], dict[str, list[str]], tuple[str, ...]]


def proposer(
    tables: Path,
) -> Callable[[Sequence[Indicator], Path, int | None, str | None], Lines]:
    """What `narrator init --national TABLES` gives `write_scaffold`: for the dashboard's
    indicators, the config's folder, the report period's year and the area, the config's
    `national:` lines, each matched indicator's catalogue lines, and the names left unheld."""

    def lines(
        indicators: Sequence[Indicator], folder: Path, year: int | None, area: str | None
    ) -> Lines:
        guesses = {ind.name: infer_entry(ind) for ind in indicators}
        found = propose_measures(
            indicators, guesses, tables, config_folder=folder, year=year, area=area
        )
        return found.config_lines, found.entry_lines, found.unheld

    return lines
