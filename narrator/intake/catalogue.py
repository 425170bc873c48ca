"""The indicator catalogue: how each indicator is spoken of (data, not code).

A catalogue is a YAML file:

    indicators:
      - name: Care leavers EET          # as the dashboard names it
        aliases: [Care leavers in EET]  # other names it has had (optional)
        subject: the percentage of Care Leavers aged up to 21 in Education, Employment or Training
        unit: percentage                # see below
        decimals: 1                     # optional: otherwise the places the dashboard wrote
        noun: young people              # what numerators and counts count
        year_type: academic             # optional: how "2022/23" is spoken (academic | financial)
        per: 10000                      # rates only
        comparison: year_on_year        # optional: previous | year_on_year | last_report | earlier
        part_year: as_is                # optional: as_is | pro_rata (a part year against a year)
        timing: flow                    # optional: flow ("in Quarter 1") | snapshot ("at the end")
        word: tonnes                    # optional: the word after a figure
        scale: m                        # money only: k (thousands) | m (millions)
        in_line: 0.5                    # optional: "in line with" an average within this
        label: three-year-olds          # optional: its short name inside a group's paragraph
        plural: true                    # optional: the subject takes "were" ("emissions were")
        cumulative: true                # optional: the figure fills up through the year ("Q3"
                                        #   is April to December): compared with the same point
                                        #   last year, never the previous quarter
        definition_change:              # optional: the definition changed; no comparison across
          since: Summer Term 2024       #   the first period counted the new way
          reason: eligibility was widened to include all two-year-olds
    groups:                             # optional: indicators that share one paragraph
      - members: [Eligible 2 year olds FEEE, Eligible 3 year olds FEEE]
        overall: Eligible 2 and 3 year olds FEEE   # optional: closes it with "Overall, ..."

`unit` is one of percentage, count, rate, score, money, duration, or a short form: "%",
"per 1,000" / "per 10,000" / "per 100,000" (a rate and its `per`), "£", "£k", "£m" (money and
its `scale`), "days", "weeks", "months", "hours", "minutes", "years" (a duration and its word).

An indicator with no entry still gets a paragraph, worded from its dashboard name, and a warning.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from narrator.errors import ConfigError
from narrator.intake.national import MEASURE_SCHEMA, measure_spec
from narrator.limits import MAX_DECIMALS
from narrator.model import CatalogueEntry, DefinitionChange, IndicatorGroup
from narrator.officer_files import Catalogue, normalise_name
from narrator.periods import parse_period
from narrator.schema import BOOL, NUMBER, TEXT, WHOLE, WORDS, Fields, ListOf, fields_of
from narrator.units import Unit, parse_unit
from narrator.yamlfile import read_mapping

_ENTRY = Fields(
    {
        "name": WORDS,
        "aliases": ListOf(WORDS),
        "subject": WORDS,
        "unit": TEXT,
        "decimals": WHOLE,
        **fields_of(("noun", "year_type"), WORDS),
        "per": WHOLE,
        **fields_of(("comparison", "label"), WORDS),
        "definition_change": Fields({"since": TEXT, "reason": WORDS}, "'since' and 'reason'"),
        **fields_of(("part_year", "timing", "word", "scale"), WORDS),
        "in_line": NUMBER,
        "national": MEASURE_SCHEMA,
        "plural": BOOL,
        "statutory": BOOL,
        "cumulative": BOOL,
    }
)
CATALOGUE_SCHEMA = Fields(
    {
        "indicators": ListOf(_ENTRY),
        "groups": ListOf(Fields({"members": ListOf(WORDS), "overall": WORDS})),
    }
)
"""Every key of a catalogue, with the type of its value (narrator.schema)."""
COMPARISONS = ("previous", "year_on_year", "last_report", "earlier")


def _entry(raw: Any, index: int, file: str) -> CatalogueEntry:
    where = f"indicators[{index}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise ConfigError(file, f"{where}: each entry needs at least a 'name'")
    unit = raw.get("unit")
    try:
        form = parse_unit(unit) if unit is not None else None
    except ValueError as exc:
        raise ConfigError(file, f"{where} ({raw['name']}): {exc}") from exc
    year_type = raw.get("year_type")
    if year_type not in (None, "academic", "financial"):
        raise ConfigError(file, f"{where}: year_type {year_type!r}; use academic or financial")
    comparison = raw.get("comparison")
    if comparison not in (None, *COMPARISONS):
        raise ConfigError(file, f"{where}: comparison {comparison!r}; use {', '.join(COMPARISONS)}")
    for key, allowed in (("part_year", ("as_is", "pro_rata")), ("timing", ("flow", "snapshot"))):
        if raw.get(key) not in (None, *allowed):
            raise ConfigError(file, f"{where}: {key} {raw[key]!r}; use {' or '.join(allowed)}")
    scale = raw.get("scale", form.scale if form else None)
    if scale not in (None, "k", "m"):
        raise ConfigError(file, f"{where}: scale {scale!r}; use k (thousands) or m (millions)")
    for key in ("word", "noun", "subject"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise ConfigError(file, f"{where} ({raw['name']}): {key} must be text")
    if form is not None and form.unit is Unit.RATE and raw.get("per", form.per) is None:
        raise ConfigError(
            file,
            f"{where} ({raw['name']}): a rate needs its base: per: 10000 (or unit: per 10,000)",
        )
    if raw.get("per") is not None and (not isinstance(raw["per"], int) or raw["per"] <= 0):
        raise ConfigError(file, f"{where} ({raw['name']}): per must be a whole number above 0")
    in_line = _tolerance(raw.get("in_line"))
    if raw.get("in_line") is not None and in_line is None:
        raise ConfigError(file, f"{where}: in_line {raw['in_line']!r}; use a number, 0 or more")
    for key, low, high in (("decimals", 0, MAX_DECIMALS), ("per", 1, 1_000_000_000)):
        value = raw.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high
        ):
            raise ConfigError(
                file,
                f"{where} ({raw['name']}): {key} {value!r}; use a whole number from {low} to "
                f"{high:,}",
            )
    if not isinstance(raw.get("plural", False), bool):
        plural = raw["plural"]
        raise ConfigError(file, f"{where} ({raw['name']}): plural {plural!r}; use true or false")
    label = raw.get("label")
    if label is not None and not isinstance(label, str):
        raise ConfigError(file, f"{where} ({raw['name']}): label must be text")
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ConfigError(file, f"{where} ({raw['name']}): aliases must be a list of names")
    return CatalogueEntry(
        name=raw["name"],
        subject=raw.get("subject"),
        unit=form.unit if form else None,
        decimals=raw.get("decimals"),
        noun=raw.get("noun"),
        year_type=year_type,
        per=raw.get("per", form.per if form else None),
        aliases=tuple(aliases),
        comparison=comparison,
        part_year=raw.get("part_year"),
        timing=raw.get("timing"),
        word=raw.get("word", form.word if form else None),
        scale=scale,
        in_line=in_line,
        national=measure_spec(file, f"{where} ({raw['name']})", raw.get("national")),
        label=label,
        definition_change=_definition_change(raw.get("definition_change"), where, raw, file),
        plural=raw.get("plural", False),
        statutory=raw.get("statutory", False),
        cumulative=raw.get("cumulative"),
    )


def _definition_change(
    raw: Any, where: str, entry: dict[str, Any], file: str
) -> DefinitionChange | None:
    if raw is None:
        return None
    here = f"{where} ({entry['name']}): definition_change"
    if not isinstance(raw, dict) or set(raw) != {"since", "reason"}:
        raise ConfigError(file, f"{here}: expected 'since' (a period) and 'reason' (text)")
    if not isinstance(raw["reason"], str) or not raw["reason"].strip():
        raise ConfigError(file, f"{here}.reason: expected text saying what changed")
    try:
        since = parse_period(str(raw["since"]))
    except ValueError as exc:
        raise ConfigError(file, f"{here}.since: {exc}") from exc
    return DefinitionChange(since, " ".join(raw["reason"].split()))


def _groups(raw: Any, entries: tuple[CatalogueEntry, ...], file: str) -> tuple[IndicatorGroup, ...]:
    """The catalogue's `groups`: each member must be a catalogue name or alias, in one group."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(file, "groups: expected a list of groups, each with 'members'")
    known = {normalise_name(n) for e in entries for n in (e.name, *e.aliases)}
    seen: set[str] = set()
    groups = []
    for i, item in enumerate(raw):
        where = f"groups[{i}]"
        if not isinstance(item, dict) or not set(item) <= {"members", "overall"}:
            raise ConfigError(file, f"{where}: expected 'members' (a list) and 'overall'")
        members = item.get("members")
        overall = item.get("overall")
        if not isinstance(members, list) or not members:
            raise ConfigError(file, f"{where}.members: expected a list of indicator names")
        if overall is not None and not isinstance(overall, str):
            raise ConfigError(file, f"{where}.overall: expected an indicator name")
        names = [*members, *([overall] if overall else [])]
        if len(names) < 2:
            raise ConfigError(file, f"{where}: a group needs at least two indicators")
        for name in names:
            if not isinstance(name, str) or normalise_name(name) not in known:
                raise ConfigError(file, f"{where}: {name!r} is not an indicator of this catalogue")
            if normalise_name(name) in seen:
                raise ConfigError(file, f"{where}: {name!r} is in more than one group")
            seen.add(normalise_name(name))
        groups.append(IndicatorGroup(tuple(members), overall))
    return tuple(groups)


def _tolerance(raw: object) -> Decimal | None:
    """A non-negative number; None when absent or not one."""
    if raw is None or isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None
    try:
        value = Decimal(str(raw))
    except ArithmeticError:
        return None
    return value if value.is_finite() and value >= 0 else None


def load_catalogue(path: Path | None) -> Catalogue:
    """Read a catalogue file; None gives an empty catalogue (every indicator falls back)."""
    if path is None:
        return Catalogue(())
    file = str(path)
    data = read_mapping(path, "catalogue", schema=CATALOGUE_SCHEMA)
    if not isinstance(data.get("indicators"), list):
        raise ConfigError(file, "expected a mapping with an 'indicators' list")
    entries = tuple(_entry(raw, i, file) for i, raw in enumerate(data["indicators"]))
    seen: dict[str, str] = {}
    for entry in entries:
        for name in (entry.name, *entry.aliases):
            key = normalise_name(name)
            if key in seen:
                raise ConfigError(file, f"{name!r} is listed twice (also as {seen[key]!r})")
            seen[key] = name
    return Catalogue(entries, file, _groups(data.get("groups"), entries, file))
