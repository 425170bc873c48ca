"""Write the sample dashboard CSV as an Excel workbook shaped like the department's export:
a title row above the header, the RAG key below the table, percentages as number formats.

    python samples/tools/make_xlsx.py samples/leicestershire-cfs/dashboard-q1-2024-25.csv

writes dashboard-q1-2024-25.xlsx beside the CSV. The workbook is committed; this script is how
it was made, so it can be made again after the CSV changes. The same CSV always gives the same
bytes: the workbook's dates and its zip members' times are fixed (openpyxl's own `save` stamps
the time of saving into both), so a regenerated workbook differs from the committed one only
where the CSV does.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.writer.excel import ExcelWriter

RAG_KEY = [
    (
        "Green",
        "Top quartile of local authorities or high in the second quartile with an improving trend",
    ),
    ("Amber", "Second or third quartile with room for improvement"),
    ("Red", "Fourth quartile or low in the third quartile with a declining trend"),
]
FILLS = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}
MADE = datetime(2024, 8, 1)


def cell_value(text: str) -> object:
    """Numbers as numbers (percentages with a % number format), everything else as text."""
    plain = text.replace(",", "")
    try:
        if plain.endswith("%"):
            return ("%", float(plain[:-1]) / 100, len(plain[:-1].partition(".")[2]))
        return float(plain) if "." in plain else int(plain)
    except ValueError:
        return text


def main(source: Path) -> Path:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    book = Workbook()
    sheet = book.active
    sheet.title = "CFS KPI Dashboard"
    sheet.append(["CFS KPI Performance Dashboard"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(rows[0])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for record in rows[1:]:
        values = []
        formats = []
        for text in record:
            value = cell_value(text)
            if isinstance(value, tuple):
                _, number, places = value
                values.append(number)
                formats.append("0." + "0" * places + "%" if places else "0%")
            else:
                values.append(value)
                formats.append(None)
        sheet.append(values)
        for cell, number_format in zip(sheet[sheet.max_row], formats, strict=True):
            if number_format:
                cell.number_format = number_format
            if cell.value in FILLS:
                cell.fill = PatternFill("solid", fgColor=FILLS[str(cell.value)])
    sheet.append([])
    sheet.append(["RAG rating key"])
    for rag, text in RAG_KEY:
        sheet.append([rag, text])
    out = source.with_suffix(".xlsx")
    out.write_bytes(workbook_bytes(book))
    return out


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook's .xlsx bytes, dated MADE throughout: its properties' created and modified
    and every zip member's time (ExcelWriter, not `Workbook.save`, which sets modified to now)."""
    book.properties.created = MADE
    book.properties.modified = MADE
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=MADE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member.filename))
    return fixed.getvalue()


if __name__ == "__main__":
    print(main(Path(sys.argv[1])))
