"""Cut the slice of the published national tables a sample needs (run from the repository root).

    .venv/bin/python samples/tools/cut_national.py ../shared/data/national \
        samples/leicestershire-cfs/national 2022/23 RevCP PrevRegCPR ReReferral \
        Continue_Assess_Comp CareLeaverAcc CareLeaverEET LACDental% LACHealth% %_2yr_olds \
        "16-17 NEET" TotPermEx "Total_ Pup_FixedEx"

Writes lait-slice.csv (every area of the named LAIT measures, as published, for the years
ending no later than the one given: '2022/23' keeps 2022/23 and a financial year labelled
'2023', what had been published for the sample's benchmarking year), lait-data-dictionary.csv
(every measure's row of the data dictionary, without the long descriptions: `narrator init
--national` matches against all of them) and sn_april_2021.csv (the 2021 statistical-neighbour
workbook's sheet as CSV). The sources and licences are in the folder's SOURCE.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from narrator.national.compute import year_end


def main(source: Path, target: Path, until: str, measures: list[str]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    table = pd.read_parquet(
        source / "lait-bds-long.parquet", filters=[("Short Desc", "in", measures)]
    )
    last = year_end(until)
    table = table[table["Years"].map(lambda y: (year_end(str(y)) or 0) <= (last or 0))]
    # LAIT's columns but `Data item` (the measure's name again on every row: the dictionary
    # has it once)
    table = table.drop(columns=["Data item"])
    table.to_csv(target / "lait-slice.csv", index=False, float_format="%.0f")
    dictionary = pd.read_csv(source / "lait-data-dictionary.csv", dtype=str)
    keep = ["Measure_short", "Measure", "Polarity", "dps", "Year_Type", "No_Quartile", "Topic"]
    dictionary[[*keep, "y_axis_name"]].to_csv(target / "lait-data-dictionary.csv", index=False)
    # the neighbour sets as CSV (the sheet as published, header row and all): a report reads
    # them with pandas, which it has loaded already, instead of loading openpyxl too
    sheet = pd.read_excel(source / "sn_april_2021.xlsx", header=None, dtype=str)
    sheet.to_csv(target / "sn_april_2021.csv", index=False, header=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4:])
