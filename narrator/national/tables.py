"""Read the published national tables with pandas into one shape: a long frame of figures.

Every reader returns a DataFrame with the columns in `COLUMNS`:

    area       the area's name as the table gives it ("Leicestershire", "East Midlands", "England")
    la_number  the DfE LA number (3 digits) for a local authority; NaN for regions and England
    ons        the ONS code where the table has one ("E10000018"), else ""
    level      "la", "region" or "england"
    region     a local authority's region as the table names it ("" for regions and England)
    year       the table's own year label ("2022/23", "2023")
    text       the figure as published ("3.1594600000000002", "c", "-")
    value      the figure as a float, NaN where the table holds a symbol

pandas is imported inside the functions: a report that uses no national tables never pays for
it. Only the rows a report needs are read (parquet filters on the measure codes).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from narrator.errors import ConfigError

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("area", "la_number", "ons", "level", "region", "year", "text", "value")

# What a symbol in a published table means (DfE's conventions; LAIT writes "-" for no figure).
SYMBOLS = {
    "c": "suppressed to protect confidentiality",
    "x": "not available",
    "z": "not applicable",
    "k": "rounds to zero (below half the last place) but is not zero",
    "u": "low reliability",
    "-": "not published",
    ".": "not published",
    "": "blank",
}

_LAIT = {
    "measure": "Short Desc",
    "year": "Years",
    "area": "LA and Regions",
    "text": "Values",
    "la_number": "LA Number",
    "region": "Region",
}
_ENGLAND_NUMBER = 970  # LAIT's code for England; regions are above it, LAs below


_MEMO: dict[tuple[object, ...], object] = {}


def _memo(kind: str, path: Path, *args: object) -> tuple[tuple[object, ...], object | None]:
    """A table read earlier in this process, if the file is unchanged (a build-all worker
    builds many reports from the same tables): (key, value or None)."""
    try:
        stat = path.stat()
    except OSError:
        return (), None
    key = (kind, str(path.resolve()), stat.st_mtime_ns, stat.st_size, *args)
    return key, _MEMO.get(key)


def read_table_bytes(path: Path) -> bytes:
    """The bytes of a national table, after the checks every file narrator reads gets
    (narrator.limits): a regular file (not a pipe or device) within the size limit, and a
    workbook whose zip and sheets are within theirs. Raises InputError naming the file."""
    from narrator.limits import check_workbook, read_input

    data = read_input(path, "national table")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        check_workbook(data, str(path))
    return data


def _checked(path: Path) -> None:
    """Refuse a table that is not a regular file within the size limit (see read_table_bytes)."""
    from narrator.limits import check_regular_file

    check_regular_file(path, "national table")


def reason(text: str) -> str:
    """Why a published cell holds no figure: the symbol's meaning, or 'not a number'."""
    return SYMBOLS.get(text.strip().lower(), f"not a number ({text!r})")


def _numeric(series: pd.Series) -> pd.Series:
    import pandas as pd

    return pd.to_numeric(series.str.strip(), errors="coerce")


def _require(frame: pd.DataFrame, wanted: list[str], file: Path, what: str) -> None:
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns))
        raise ConfigError(str(file), f"{what}: no column {missing}; the columns are: {found}")


def read_lait(path: Path, measures: list[str]) -> dict[str, pd.DataFrame]:
    """`_read_lait`, remembered for this process while the file is unchanged."""
    key, found = _memo("read_lait", path, tuple(measures))
    if found is None:
        found = _read_lait(path, measures)
        if key:
            _MEMO[key] = found
    return found  # type: ignore[return-value]


def _read_lait(path: Path, measures: list[str]) -> dict[str, pd.DataFrame]:
    """The LAIT long table's rows for `measures` (codes as in `Short Desc`), one frame each.

    A .parquet file is read with a filter on the measure codes (only their row groups are
    decoded); a .csv file is read as text. Raises ConfigError for a missing file or column, and
    for a measure the table does not hold (naming the nearest codes).
    """
    import pandas as pd

    _checked(path)
    columns = list(_LAIT.values())
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            names = pq.read_schema(path).names
            missing = [c for c in columns if c not in names]
            if missing:
                raise ConfigError(
                    str(path), f"LAIT table: no column {missing}; the columns are: {names}"
                )
            frame = pd.read_parquet(
                path, columns=columns, filters=[(_LAIT["measure"], "in", measures)]
            )
            frame[_LAIT["text"]] = frame[_LAIT["text"]].astype(str)
        else:
            whole = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            _require(whole, columns, path, "LAIT table")
            frame = whole[whole[_LAIT["measure"]].isin(measures)]
    except (OSError, ValueError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(str(path), f"cannot read the LAIT table: {exc}") from exc
    out: dict[str, pd.DataFrame] = {}
    for code in measures:
        rows = frame[frame[_LAIT["measure"]] == code]
        if rows.empty:
            known = _measure_codes(path, frame if path.suffix.lower() == ".parquet" else whole)
            near = difflib.get_close_matches(code, known, n=5, cutoff=0.5)
            hint = f"; nearest: {', '.join(near)}" if near else ""
            raise ConfigError(str(path), f"no measure {code!r} in the LAIT table{hint}")
        out[code] = _lait_frame(rows)
    return out


def _measure_codes(path: Path, frame: pd.DataFrame) -> list[str]:
    """Every measure code of the table (for a near-match hint: read only on that error)."""
    import pandas as pd

    if path.suffix.lower() == ".parquet":
        codes = pd.read_parquet(path, columns=[_LAIT["measure"]])[_LAIT["measure"]]
    else:
        codes = frame[_LAIT["measure"]]
    return sorted(set(map(str, codes.dropna().unique())))


def _lait_frame(rows: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    number = pd.to_numeric(rows[_LAIT["la_number"]], errors="coerce")
    level = pd.Series("region", index=rows.index)
    level[number < _ENGLAND_NUMBER] = "la"
    level[number == _ENGLAND_NUMBER] = "england"
    text = rows[_LAIT["text"]].fillna("").astype(str)
    out = pd.DataFrame(
        {
            "area": rows[_LAIT["area"]].astype(str).str.strip(),
            "la_number": number.where(level == "la"),
            "ons": "",
            "level": level,
            "region": rows[_LAIT["region"]].fillna("").astype(str).where(level == "la", ""),
            "year": rows[_LAIT["year"]].astype(str).str.strip(),
            "text": text,
            "value": _numeric(text),
        }
    )
    return out.reset_index(drop=True)


_DICTIONARY = ["Measure_short", "Measure", "Polarity", "dps", "Year_Type", "No_Quartile"]


def read_dictionary(path: Path, measures: list[str]) -> dict[str, dict[str, str]]:
    """`_read_dictionary`, remembered for this process while the file is unchanged."""
    key, found = _memo("read_dictionary", path, tuple(measures))
    if found is None:
        found = _read_dictionary(path, measures)
        if key:
            _MEMO[key] = found
    return found  # type: ignore[return-value]


def _read_dictionary(path: Path, measures: list[str]) -> dict[str, dict[str, str]]:
    """The LAIT data dictionary's row for each measure (as text; '' where blank). A measure
    listed twice keeps its first row. A measure the dictionary lacks is left out."""
    import pandas as pd

    _checked(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError) as exc:
        raise ConfigError(str(path), f"cannot read the data dictionary: {exc}") from exc
    _require(frame, _DICTIONARY, path, "LAIT data dictionary")
    frame = frame[frame["Measure_short"].isin(measures)].drop_duplicates("Measure_short")
    keep = [*_DICTIONARY, *(["Topic"] if "Topic" in frame.columns else [])]
    return {
        str(row["Measure_short"]): {k: str(row[k]).strip() for k in keep}
        for _, row in frame.iterrows()
    }


def read_neighbours(path: Path) -> dict[int, tuple[int, ...]]:
    """`_read_neighbours`, remembered for this process while the file is unchanged."""
    key, found = _memo("read_neighbours", path)
    if found is None:
        found = _read_neighbours(path)
        if key:
            _MEMO[key] = found
    return found  # type: ignore[return-value]


def _read_neighbours(path: Path) -> dict[int, tuple[int, ...]]:
    """A DfE statistical-neighbour workbook (.xlsx, or its sheet saved as .csv): each LA
    number's neighbours, closest first.

    The header row ("LA num", "LA Name", ..., "SN1" ... "SN10") is found wherever it is (the
    published sheets put two rows of column letters above it). Raises ConfigError when no row
    of the first sheet has those headings.

    Read with openpyxl's read-only mode, cell values only: pandas' read_excel opens the whole
    workbook in openpyxl's full mode, which took 0.35 s of a 0.7 s sample build for a sheet of
    160 rows.
    """
    import zipfile

    _checked(path)
    try:
        raw = _neighbour_rows(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ConfigError(str(path), f"cannot read the statistical neighbours: {exc}") from exc
    start = 0
    for row in raw:
        start += 1
        cells = ["" if c is None else str(c).strip() for c in row]
        if "SN1" in cells and any(c.lower().startswith("la num") for c in cells):
            header = cells
            break
    else:
        raise ConfigError(str(path), "no header row with 'LA num' and 'SN1'... in the first sheet")
    la_col = next(i for i, c in enumerate(header) if c.lower().startswith("la num"))
    sn_cols = [header.index(f"SN{n}") for n in range(1, 21) if f"SN{n}" in header]
    out: dict[int, tuple[int, ...]] = {}
    for row in raw[start:]:
        number = _int(row[la_col]) if la_col < len(row) else None
        if number is None:
            continue
        found = (_int(row[c]) for c in sn_cols if c < len(row))
        out[number] = tuple(n for n in found if n is not None)
    return out


def _neighbour_rows(path: Path) -> list[list[object]]:
    """The first sheet's rows (an .xlsx), or a CSV's rows (the same table saved as CSV)."""
    if path.suffix.lower() == ".csv":
        import pandas as pd

        frame = pd.read_csv(
            path, header=None, dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
        return [list(r) for r in frame.itertuples(index=False)]
    import io

    from openpyxl import load_workbook

    data = read_table_bytes(path)  # a zip bomb or a sheet of billions of cells is refused
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _int(value: object) -> int | None:
    try:
        return int(str(value).strip().split(".")[0])
    except ValueError:
        return None


_EES_GEOGRAPHY = ["time_period", "geographic_level"]
_LEVELS = {"national": "england", "regional": "region", "local authority": "la"}


def ees_year(text: str) -> str:
    """EES writes an academic or financial year as six digits ('202223'): '2022/23'."""
    text = text.strip()
    if re.fullmatch(r"\d{6}", text):
        return f"{text[:4]}/{text[4:]}"
    return text


def read_ees(path: Path, filters: tuple[tuple[str, str], ...], value: str) -> pd.DataFrame:
    """`_read_ees`, remembered for this process while the file is unchanged."""
    key, found = _memo("read_ees", path, filters, value)
    if found is None:
        found = _read_ees(path, filters, value)
        if key:
            _MEMO[key] = found
    return found  # type: ignore[return-value]


def _read_ees(path: Path, filters: tuple[tuple[str, str], ...], value: str) -> pd.DataFrame:
    """An Explore Education Statistics open-data CSV, cut to one breakdown: the rows whose
    `filters` columns hold the given values, with `value` as the figure. Columns are found by
    name (their order differs between releases). Raises ConfigError naming the file for a
    missing column, or a filter value the column does not hold (listing the nearest)."""
    import pandas as pd

    _checked(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError) as exc:
        raise ConfigError(str(path), f"cannot read the file: {exc}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    _require(frame, [*_EES_GEOGRAPHY, value, *(c for c, _ in filters)], path, "EES file")
    for column, wanted in filters:
        present = frame[column].str.strip()
        if not (present == wanted).any():
            choices = sorted(set(present))
            near = difflib.get_close_matches(wanted, choices, n=5, cutoff=0.4) or choices[:8]
            raise ConfigError(
                str(path), f"column {column!r} has no value {wanted!r}; it has: {', '.join(near)}"
            )
        frame = frame[present == wanted]
    level = frame["geographic_level"].str.strip().str.lower().map(_LEVELS)
    frame = frame[level.notna()]
    level = level[level.notna()]

    def col(name: str) -> pd.Series:
        if name in frame.columns:
            return frame[name].astype(str).str.strip()
        return pd.Series("", index=frame.index)

    area = col("la_name").where(level == "la", col("region_name").where(level == "region"))
    area = area.where(level != "england", col("country_name").replace("", "England"))
    ons = col("new_la_code").where(
        level == "la", col("region_code").where(level == "region", col("country_code"))
    )
    text = col(value)
    out = pd.DataFrame(
        {
            "area": area,
            "la_number": pd.to_numeric(col("old_la_code"), errors="coerce").where(level == "la"),
            "ons": ons,
            "level": level,
            "region": col("region_name").where(level == "la", ""),
            "year": col("time_period").map(ees_year),
            "text": text,
            "value": _numeric(text),
        }
    )
    return out.reset_index(drop=True)


def lait_codes(path: Path) -> frozenset[str]:
    """Every measure code the LAIT long table holds (its `Short Desc` column alone is read).
    Raises InputError for a file that fails narrator's input checks, ConfigError for an
    unreadable one or one without that column."""
    import pandas as pd

    _checked(path)
    column = _LAIT["measure"]
    try:
        if path.suffix.lower() == ".parquet":
            codes = pd.read_parquet(path, columns=[column])[column]
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            _require(frame, [column], path, "LAIT table")
            codes = frame[column]
    except (OSError, ValueError, KeyError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(str(path), f"cannot read the LAIT table: {exc}") from exc
    return frozenset(map(str, codes.dropna().unique()))


def split_year(label: str, year_type: str) -> str:
    """A LAIT year label as officers say it: LAIT labels a financial or academic year by the
    calendar year it ends in ('2023' for the year to March 2023, or the January 2023 census),
    which is 2022/23; any other label, or any other kind of year, is kept as it is."""
    kind = year_type.casefold()
    if ("financial" in kind or "academic" in kind) and re.fullmatch(r"\d{4}", label.strip()):
        end = int(label)
        return f"{end - 1}/{end % 100:02d}"
    return label


def split_years(frame: pd.DataFrame, year_type: str) -> pd.DataFrame:
    """The frame with its year labels as `split_year` says them (a copy when any changes)."""
    relabelled = frame["year"].map(lambda y: split_year(str(y), year_type))
    if relabelled.equals(frame["year"]):
        return frame
    return frame.assign(year=relabelled)
