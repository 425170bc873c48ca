"""A folder of published national tables, as `narrator init --national FOLDER` reads it: the
LAIT long table, its data dictionary and the statistical-neighbour sets, found by name, and
the dictionary's measures that the table holds (for `narrator.national.match`).

pandas is imported inside the functions (as everywhere in narrator.national).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.errors import ConfigError
from narrator.national.match import Measure


@dataclass(frozen=True)
class Folder:
    """The tables found in a folder.

    lait:        the LAIT long table (.parquet preferred to .csv)
    dictionary:  the LAIT data dictionary (.csv)
    neighbours:  statistical-neighbour sets (.xlsx or .csv), oldest first by the year in the
                 name (none: an empty tuple)
    """

    lait: Path
    dictionary: Path
    neighbours: tuple[Path, ...] = ()

    def neighbours_for(self, year: int | None) -> Path | None:
        """The newest neighbour set dated no later than `year` (the report period's end): a
        report on 2024/25 uses the 2021 set, not one refreshed in 2025. None: no set; with no
        year, the newest."""
        dated = [(_year_in(p.name), p) for p in self.neighbours]
        usable = [p for y, p in dated if year is None or y is None or y <= year]
        return usable[-1] if usable else None


def _year_in(name: str) -> int | None:
    found = re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", name)
    return int(found[-1]) if found else None


def find_tables(folder: Path) -> Folder:
    """The tables in `folder`. Raises ConfigError naming the folder and what it holds when
    there is no LAIT table (a lait*.parquet or lait*.csv other than the dictionary) or no data
    dictionary (a *dictionary*.csv)."""
    if not folder.is_dir():
        raise ConfigError(str(folder), "--national: not a folder of national tables")
    files = sorted(p for p in folder.iterdir() if p.is_file())
    dictionaries = [p for p in files if "dictionary" in p.name.lower() and p.suffix == ".csv"]
    tables = [
        p
        for p in files
        if p.name.lower().startswith("lait")
        and p.suffix.lower() in (".parquet", ".csv")
        and p not in dictionaries
    ]
    tables.sort(key=lambda p: p.suffix.lower() != ".parquet")
    neighbours = sorted(
        (
            p
            for p in files
            if p.name.lower().startswith("sn_") and p.suffix.lower() in (".xlsx", ".csv")
        ),
        key=lambda p: (_year_in(p.name) or 0, p.name),
    )
    if not tables or not dictionaries:
        missing = " and ".join(
            what
            for what, found in (
                ("no LAIT long table (lait*.parquet or lait*.csv)", tables),
                ("no data dictionary (*dictionary*.csv)", dictionaries),
            )
            if not found
        )
        held = ", ".join(p.name for p in files[:12]) or "nothing"
        raise ConfigError(str(folder), f"--national: {missing}; the folder holds: {held}")
    return Folder(tables[0], dictionaries[0], tuple(neighbours))


_POLARITY = {"high": "high", "low": "low", "-": "none"}


def read_measures(found: Folder) -> tuple[list[Measure], frozenset[str]]:
    """The data dictionary's measures, in its order (a measure listed twice once), and the
    codes the LAIT table holds figures for (a measure only the dictionary lists is matched,
    so that it can make a near tie, but never proposed). Raises ConfigError for an unreadable
    file or a dictionary without Measure_short and Measure columns."""
    import pandas as pd

    from narrator.limits import check_regular_file
    from narrator.national.tables import lait_codes

    check_regular_file(found.dictionary, "LAIT data dictionary")
    try:
        frame = pd.read_csv(
            found.dictionary, dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except (OSError, ValueError) as exc:
        raise ConfigError(str(found.dictionary), f"cannot read the data dictionary: {exc}") from exc
    missing = [c for c in ("Measure_short", "Measure") if c not in frame.columns]
    if missing:
        raise ConfigError(str(found.dictionary), f"data dictionary: no column {missing}")
    held = lait_codes(found.lait)

    def cell(row: pd.Series, column: str) -> str:
        return " ".join(str(row[column]).split()) if column in row.index else ""

    out: dict[str, Measure] = {}
    for _, row in frame.iterrows():
        code = str(row["Measure_short"])
        if code in out:
            first = out[code]
            name = cell(row, "Measure")
            if name and name != first.name and name not in first.others:
                out[code] = replace(first, others=(*first.others, name))
            continue
        out[code] = Measure(
            code=code,
            name=cell(row, "Measure"),
            polarity=_POLARITY.get(cell(row, "Polarity").lower()),
            year_type=cell(row, "Year_Type"),
            axis=cell(row, "y_axis_name"),
        )
    return list(out.values()), held
