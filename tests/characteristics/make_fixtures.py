"""Writes trust-info.xlsx, the workbook tests/cli/characteristics.rs reads: a first sheet of
notes (so the table must be asked for with --trust-info-sheet), the table on sheet "Trusts"
starting at B2 (as analysts paste it), and sheet "Duplicated" with T1 twice (B4 and B5).

Run from the repository root: python3 tests/characteristics/make_fixtures.py (openpyxl).
The workbook is committed; this script says how it was made.
"""
from openpyxl import Workbook

book = Workbook()
notes = book.active
notes.title = "Notes"
notes["A1"] = "Trust characteristics, simulated for the tests"

rows = [
    ("trust_id", "schools", "phase"),
    ("T0", 10, "primary"),
    ("T1", 11, "primary"),
    ("T2", 12, "secondary"),
    ("T3", 9, "primary"),
    ("T4", 30, "secondary"),
    ("T5", 31, "secondary"),
    ("T6", 28, "primary"),
    ("T7", 35, "secondary"),
]
trusts = book.create_sheet("Trusts")
for r, row in enumerate(rows, start=2):
    for c, value in enumerate(row, start=2):
        trusts.cell(row=r, column=c, value=value)

dup = book.create_sheet("Duplicated")
for r, row in enumerate([rows[0], rows[1], rows[2], rows[2]], start=2):
    for c, value in enumerate(row, start=2):
        dup.cell(row=r, column=c, value=value)

book.save("tests/characteristics/trust-info.xlsx")
