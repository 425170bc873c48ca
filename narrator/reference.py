"""The README's reference lists, made from the code's own tables: the column spellings a
dashboard may use (`narrator.intake.columns.ALIASES`), the keys a catalogue entry and a config
may have (their schemas), the `rules:` thresholds with their defaults and the spellings a
catalogue `unit` accepts (`narrator.units`), and the council words of a dashboard's headings
and cells (`narrator/intake/vocabulary.yaml`, via `narrator.intake.word_reference`). A
spelling added to a table reaches the README by running

    python -m narrator.reference README.md           # rewrite the generated parts in place
    python -m narrator.reference --check README.md   # exit 1 when they differ from the code

Each generated part sits between `<!-- reference:NAME -->` and `<!-- /reference:NAME -->`;
the text around them is the README's own.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

from narrator.intake.catalogue import CATALOGUE_SCHEMA
from narrator.intake.columns import ALIASES
from narrator.intake.config import CONFIG_SCHEMA
from narrator.intake.word_reference import vocabulary_reference
from narrator.schema import Fields, ListOf
from narrator.settings import RuleSettings
from narrator.units import UNIT_FORMS

# The dashboard-columns table: the fields each row names (in ALIASES's order) and what their
# cells hold. A field of ALIASES no row names gets a row of its own, with nothing said of it.
COLUMN_ROWS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("topic",), "the report section (config `outcomes`)"),
    (("theme",), "a sub-heading when the outcome asks for `themes`"),
    (("name",), "the name the catalogue looks up"),
    (("polarity",), "which way is good (below)"),
    (("frequency",), "how often it is reported (below)"),
    (("previous_period", "latest_period"), "periods (below)"),
    (
        ("previous", "latest"),
        "`92.2%`, `0.9`, `1,279`, `£1,200`, `3% (420)` (a count in brackets), `1373 (50%)`",
    ),
    (
        ("trend",),
        "`Increase`, `Decrease`, `No Change`, `Better`, `Worse`, `Similar`, `New` (checked "
        "against the values; the report follows the values)",
    ),
    (("target",), "below"),
    (
        ("rag",),
        "`Green`/`Amber`/`Red` or `G`/`A`/`R`; `On track`, `On target`, `Met`, `Achieved` "
        "(green), `At risk`, `Near target` (amber), `Off track`, `Off target`, `Not met` (red); "
        "`Data only`, `Baseline`, `Grey` (not rated), and the council status words below",
    ),
    (
        ("quartile",),
        "`1`-`4`, `2nd`, `Top quartile`, `Upper`, `Upper middle`, `Lower middle`, `Lower "
        "quartile`, and the council quartile words below",
    ),
    (("previous_quartile",), "as above"),
    (
        ("comparator_quartile",),
        "as above: the quartile among the council's comparator group, said \"among its "
        'comparator group"',
    ),
    (("neighbour_average",), "a figure in the indicator's unit"),
    (("england_average",), "a figure in the indicator's unit"),
    (
        ("numerator", "denominator", "previous_numerator", "previous_denominator"),
        'the counts behind a percentage or rate: said with it ("44 out of 93 young people"), '
        'and used when the previous figure is missing ("the number of children is up from 273 '
        "then to 284\"). A denominator of 0, or one missing where the other period's count has "
        "one, is queried by `check`; a count out of 0 is left out of the paragraph",
    ),
    (("code", "long_trend"), "kept as written (not read)"),
)


def _also_spelt(group: tuple[str, ...]) -> str:
    """The other spellings of a row's columns: "A, B" for one column; "X: A, B; Y: C" for
    several (a column with none left out)."""
    if len(group) == 1:
        return ", ".join(ALIASES[group[0]][1:])
    parts = [
        f"{ALIASES[field][0]}: {', '.join(ALIASES[field][1:])}"
        for field in group
        if len(ALIASES[field]) > 1
    ]
    return "; ".join(parts)


def columns() -> str:
    """The dashboard-columns table."""
    rows = list(COLUMN_ROWS)
    named = {field for group, _ in rows for field in group}
    rows += [((field,), "") for field in ALIASES if field not in named]
    lines = ["| column | also spelt | what it holds |", "|---|---|---|"]
    for group, holds in rows:
        names = ", ".join(ALIASES[field][0] for field in group)
        cells = (names, _also_spelt(group), holds)
        lines.append("|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|")
    return "\n".join(lines)


def _keys(section: Fields) -> str:
    return ", ".join(f"`{key}`" for key in sorted(section.keys))


def catalogue_keys() -> str:
    """Every key a catalogue entry may have (the catalogue's schema)."""
    indicators = CATALOGUE_SCHEMA.keys["indicators"]
    assert isinstance(indicators, ListOf) and isinstance(indicators.item, Fields)
    return f"Every key an entry may have: {_keys(indicators.item)}."


def config_keys() -> str:
    """Every key a config may have (the config's schema)."""
    return f"Every key a config may have: {_keys(CONFIG_SCHEMA)}."


def units() -> str:
    """Every spelling of a catalogue `unit`."""
    forms = ", ".join(f"`{form.strip(chr(39))}`" for form in UNIT_FORMS.split(", "))
    return f"Every spelling `unit:` accepts: {forms}."


def rules() -> str:
    """Every `rules:` threshold with its default (a size band's is the phrasebook's)."""
    defaults = RuleSettings()

    def default(name: str) -> str:
        value = getattr(defaults, name)
        return "the phrasebook's `sizes`" if value is None else str(value)

    said = [f"`{f.name}` ({default(f.name)})" for f in fields(RuleSettings)]
    return f"Every `rules:` key, with its default: {', '.join(said)}."


def sizes() -> str:
    """The bundled phrasebook's size bands, per unit."""
    from narrator.language.sizes import bundled_sizes

    table = bundled_sizes()
    rows = [f"`{unit}` {' / '.join(str(limit) for limit in limits)}" for unit, limits in table.rows]
    return (
        "The bundled phrasebook's `sizes:`, slight / small / moderate: "
        f"{', '.join(rows)}; `people_up_to` {table.people_up_to}."
    )


PARTS: dict[str, Callable[[], str]] = {
    "columns": columns,
    "catalogue-keys": catalogue_keys,
    "config-keys": config_keys,
    "units": units,
    "rules": rules,
    "sizes": sizes,
    "vocabulary": vocabulary_reference,
}


def _part(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- reference:{re.escape(name)} -->\n)(.*?)(<!-- /reference:{re.escape(name)} -->)",
        re.S,
    )


def generated(text: str) -> str:
    """`text` (the README) with every generated part made afresh from the code's tables.
    Raises ValueError naming a part the text does not mark."""
    for name, make in PARTS.items():
        pattern = _part(name)
        if not pattern.search(text):
            raise ValueError(f"no <!-- reference:{name} --> part")
        made = make() + "\n"

        def put(m: re.Match[str], made: str = made) -> str:
            return m.group(1) + made + m.group(3)

        text = pattern.sub(put, text)
    return text


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with --check, compare) the README's generated parts."""
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    paths = [a for a in args if a != "--check"]
    if len(paths) != 1:
        print("usage: python -m narrator.reference [--check] README.md", file=sys.stderr)
        return 2
    path = Path(paths[0])
    text = path.read_text(encoding="utf-8")
    try:
        made = generated(text)
    except ValueError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 2
    if made == text:
        return 0
    if check:
        print(f"{path}: the reference lists differ from the code's tables; run", file=sys.stderr)
        print(f"  python -m narrator.reference {path}", file=sys.stderr)
        return 1
    path.write_text(made, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
