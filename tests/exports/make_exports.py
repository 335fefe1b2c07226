#!/usr/bin/env python3
"""Build survey-tool export fixtures from the 2017 replication wave.

Reads data/replication/wave-2017.csv (plain layout) and data/codebook.csv and
writes, next to this script, the same 346 responses laid out the way survey
tools export them, plus one "-bad" variant of each with a single invalid
statement answer ("6"):

    plain.csv / plain.xlsx          plain layout (no wave column)
    qualtrics.csv                   current 3-header-line Qualtrics export
    qualtrics-legacy.csv            legacy 2-header-line Qualtrics export
    surveymonkey.csv                SurveyMonkey 2-header-line export
    google-forms.csv                Google Forms responses CSV
    ms-forms.xlsx                   Microsoft Forms responses workbook

Only layouts were taken from real exports (see README.md); every value comes
from the replication wave, so each file must give the same trust scores as
the plain CSV. The script is deterministic: no clocks, fixed xlsx metadata
and zip timestamps, so rerunning it reproduces byte-identical files.

Usage: python3 tests/exports/make_exports.py   (Python 3.11, openpyxl)
It prints the location of the bad cell in every "-bad" file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WAVE = ROOT / "data" / "replication" / "wave-2017.csv"
CODEBOOK = ROOT / "data" / "codebook.csv"

# The deliberately bad answer: this response's answer to this statement
# becomes "6" in every -bad file.
BAD_RESPONSE = "R0045"
BAD_ITEM = "ped_1"
BAD_VALUE = "6"

# Fixed times for the xlsx metadata and the zip entries.
FIXED_PROPS_TIME = dt.datetime(2017, 6, 30, 12, 0, 0)
FIXED_ZIP_TIME = (2017, 6, 30, 12, 0, 0)

# Question wording shared by the tools.
Q_TRUST = "Which trust do you work for?"
Q_ROLE = "What is your role?"
Q_STATEMENTS = "How well does each statement describe your trust?"
Q_STANDARD = "Would each area of your trust benefit from more or less standardisation?"
Q_COMMENTS = "Is there anything else you would like to tell us?"

SCALE_LABELS = ["Not at all", "Slightly", "Moderately", "Very well", "Completely"]
STD_LABELS = {"more": "More", "same": "About the same", "less": "Less"}
STD_RECODES = {"more": "1", "same": "2", "less": "3"}
ROLE_LABELS = {
    "teacher": "Teacher",
    "support_staff": "Support staff",
    "senior_leader": "Senior leader",
    "central_team": "Central team",
    "ceo": "CEO",
    "headteacher": "Headteacher",
    "governor": "Governor",
    "other": "Other",
}
MISSING = {"", "na", "n/a", "don't know"}

# Collector id for the SurveyMonkey file; respondent ids are 10000000000 + row.
SM_COLLECTOR = "214600000"
SM_RESPONDENT_BASE = 10_000_000_000


# --------------------------------------------------------------------------
# Input


def read_codebook():
    with CODEBOOK.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    statements = [(r["item_id"], r["text"]) for r in rows if r["kind"] == "statement"]
    standard = [(r["item_id"], r["text"]) for r in rows if r["kind"] == "standardisation"]
    align = [r for r in rows if r["kind"] == "alignment"]
    if len(statements) != 19 or len(standard) != 10 or len(align) != 1:
        sys.exit("codebook: expected 19 statements, 10 standardisation areas, 1 alignment item")
    return statements, standard, align[0]["text"]


def read_wave():
    with WAVE.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    return header, rows


def statement_code(value: str) -> int | None:
    v = value.strip()
    if v.lower() in MISSING:
        return None
    if v in {"1", "2", "3", "4", "5"}:
        return int(v)
    for i, label in enumerate(SCALE_LABELS, start=1):
        if v.lower() == label.lower():
            return i
    raise ValueError(f"unexpected statement answer {value!r}")


def standard_code(value: str) -> str | None:
    v = value.strip().lower()
    if v in MISSING:
        return None
    if v == "about the same":
        return "same"
    if v in STD_LABELS:
        return v
    raise ValueError(f"unexpected standardisation answer {value!r}")


def alignment_code(value: str) -> str | None:
    v = value.strip().upper()
    if v.lower() in MISSING:
        return None
    if v in {"A", "B", "C"}:
        return v
    raise ValueError(f"unexpected alignment answer {value!r}")


def role_label(value: str) -> str:
    v = value.strip()
    if v == "":
        return ""
    return ROLE_LABELS[v]


def times(index: int, row: dict) -> tuple[dt.datetime, dt.datetime, int]:
    """(start, end, duration in seconds); end is the plain submitted_at."""
    end = dt.datetime.fromisoformat(row["submitted_at"])
    duration = 180 + (index * 7919) % 1320  # deterministic, 3 to 25 minutes
    return end - dt.timedelta(seconds=duration), end, duration


# --------------------------------------------------------------------------
# Output helpers


def write_csv(path: Path, records: list[list[str]], *, n_header: int, bom: bool,
              eol: str, quoting: int = csv.QUOTE_MINIMAL) -> list[int]:
    """Write records; return the 1-based physical line each data record starts on."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=eol, quoting=quoting)
    starts = []
    line = 1
    for i, rec in enumerate(records):
        if i >= n_header:
            starts.append(line)
        before = buf.tell()
        writer.writerow(rec)
        line += buf.getvalue()[before:].count("\n")
    data = buf.getvalue().encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return starts


def save_xlsx(wb: Workbook, path: Path) -> None:
    """Save without clocks: fixed core properties and fixed zip entry times."""
    wb.properties.created = FIXED_PROPS_TIME
    wb.properties.modified = FIXED_PROPS_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter directly: openpyxl's save_workbook() stamps "modified" with now().
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.write_bytes(out.getvalue())


def with_bad(records: list[list], row: int, col: int, value) -> list[list]:
    out = [list(r) for r in records]
    out[row][col] = value
    return out


def write_pair(report: "Report", stem: str, head: list[list], rows: list[list], bad_row: int,
               bad_col: int, described: str, **fmt) -> None:
    """Write STEM.csv and STEM-bad.csv (one answer made bad) and note where the bad one is."""
    n = len(head)
    write_csv(HERE / f"{stem}.csv", head + rows, n_header=n, **fmt)
    starts = write_csv(HERE / f"{stem}-bad.csv",
                       with_bad(head + rows, n + bad_row, bad_col, BAD_VALUE), n_header=n, **fmt)
    report.csv(f"{stem}-bad.csv", starts[bad_row], bad_row + 1, bad_col + 1, described)


def write_xlsx_pair(stem: str, sheet: str, head: list, rows: list[list], bad_row: int,
                    bad_col: int, bad_value, style=None) -> None:
    """Write STEM.xlsx and STEM-bad.xlsx (one cell made bad); `style(ws, row)` formats a row."""
    for name, bad in ((f"{stem}.xlsx", False), (f"{stem}-bad.xlsx", True)):
        wb = Workbook()
        ws = wb.active
        ws.title = sheet
        ws.append(head)
        for i, vals in enumerate(rows):
            vals = list(vals)
            if bad and i == bad_row:
                vals[bad_col] = bad_value
            ws.append(vals)
            if style:
                style(ws, i + 2)
        save_xlsx(wb, HERE / name)


class Report:
    def __init__(self):
        self.lines = []

    def csv(self, name, line, record, col, header):
        self.lines.append(f"| `{name}` | physical line {line} (data record {record}) "
                          f"| {col} | `{header}` |")

    def xlsx(self, name, sheet, row, col, header, kind):
        ref = f"{sheet}!{get_column_letter(col)}{row}"
        self.lines.append(f"| `{name}` | `{ref}` ({kind}) | {col} | `{header}` |")


# --------------------------------------------------------------------------
# Layouts


def main() -> None:
    statements, standard, q_align = read_codebook()
    header, rows = read_wave()
    st_ids = [i for i, _ in statements]
    sd_ids = [i for i, _ in standard]
    expected = {"response_id", "trust_id", "role", "alignment", "ip_address",
                "comments", "submitted_at", *st_ids, *sd_ids}
    if not expected <= set(header):
        sys.exit(f"wave file lacks columns: {sorted(expected - set(header))}")
    bad_row = next(i for i, r in enumerate(rows) if r["response_id"] == BAD_RESPONSE)
    bad_stmt = st_ids.index(BAD_ITEM)
    bad_text = dict(statements)[BAD_ITEM]
    report = Report()

    # Answers per row, in the tools' forms.
    coded = []
    for r in rows:
        coded.append({
            "st": [statement_code(r[i]) for i in st_ids],
            "sd": [standard_code(r[i]) for i in sd_ids],
            "al": alignment_code(r["alignment"]),
        })

    def st_label(c):
        return "" if c is None else SCALE_LABELS[c - 1]

    def sd_label(c):
        return "" if c is None else STD_LABELS[c]

    # ---- plain.csv: the wave's own values, without wave/school_id/submitted_at.
    plain_cols = ["response_id", "trust_id", "role", *st_ids, *sd_ids,
                  "alignment", "ip_address", "comments"]
    plain = [plain_cols] + [[r[c] for c in plain_cols] for r in rows]
    bad_col = plain_cols.index(BAD_ITEM)
    write_pair(report, "plain", plain[:1], plain[1:], bad_row, bad_col, BAD_ITEM,
               bom=False, eol="\n")

    # ---- plain.xlsx: sheet "Responses", digits as numbers, the rest as text.
    def plain_cell(col, value):
        if value == "":
            return None
        if col in st_ids and value.strip() in {"1", "2", "3", "4", "5"}:
            return int(value.strip())
        return value

    write_xlsx_pair("plain", "Responses", plain_cols,
                    [[plain_cell(c, r[c]) for c in plain_cols] for r in rows],
                    bad_row, bad_col, int(BAD_VALUE))
    report.xlsx("plain-bad.xlsx", "Responses", bad_row + 2, bad_col + 1, BAD_ITEM, "numeric cell 6")

    # ---- qualtrics.csv: current export, choice text, 3 header lines.
    tz = "Europe/London"
    meta = [
        ("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": tz}),
        ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": tz}),
        ("Status", "Response Type", {"ImportId": "status"}),
        ("IPAddress", "IP Address", {"ImportId": "ipAddress"}),
        ("Progress", "Progress", {"ImportId": "progress"}),
        ("Duration (in seconds)", "Duration (in seconds)", {"ImportId": "duration"}),
        ("Finished", "Finished", {"ImportId": "finished"}),
        ("RecordedDate", "Recorded Date", {"ImportId": "recordedDate", "timeZone": tz}),
        ("ResponseId", "Response ID", {"ImportId": "_recordId"}),
        ("RecipientLastName", "Recipient Last Name", {"ImportId": "recipientLastName"}),
        ("RecipientFirstName", "Recipient First Name", {"ImportId": "recipientFirstName"}),
        ("RecipientEmail", "Recipient Email", {"ImportId": "recipientEmail"}),
        ("ExternalReference", "External Data Reference", {"ImportId": "externalDataReference"}),
        ("LocationLatitude", "Location Latitude", {"ImportId": "locationLatitude"}),
        ("LocationLongitude", "Location Longitude", {"ImportId": "locationLongitude"}),
        ("DistributionChannel", "Distribution Channel", {"ImportId": "distributionChannel"}),
        ("UserLanguage", "User Language", {"ImportId": "userLanguage"}),
    ]
    questions = [("Q1", Q_TRUST, {"ImportId": "QID1"}),
                 ("Q2", Q_ROLE, {"ImportId": "QID2"})]
    questions += [(f"Q3_{k}", f"{Q_STATEMENTS} - {text}", {"ImportId": f"QID3_{k}"})
                  for k, (_, text) in enumerate(statements, start=1)]
    questions += [(f"Q4_{k}", f"{Q_STANDARD} - {text}", {"ImportId": f"QID4_{k}"})
                  for k, (_, text) in enumerate(standard, start=1)]
    questions += [("Q5", q_align, {"ImportId": "QID5"}),
                  ("Q6", Q_COMMENTS, {"ImportId": "QID6_TEXT"})]
    cols = meta + questions

    def import_id(obj):
        # Qualtrics writes compact JSON: {"ImportId":"QID3_1"}
        return "{" + ",".join(f'"{k}":"{v}"' for k, v in obj.items()) + "}"

    q_head = [[c[0] for c in cols], [c[1] for c in cols], [import_id(c[2]) for c in cols]]
    fmt = "%Y-%m-%d %H:%M:%S"
    q_rows = []
    for i, r in enumerate(rows):
        start, end, dur = times(i, r)
        c = coded[i]
        q_rows.append([
            start.strftime(fmt), end.strftime(fmt), "IP Address", r["ip_address"], "100",
            str(dur), "True", end.strftime(fmt), r["response_id"], "", "", "", "", "", "",
            "anonymous", "EN",
            r["trust_id"], role_label(r["role"]),
            *[st_label(x) for x in c["st"]], *[sd_label(x) for x in c["sd"]],
            c["al"] or "", r["comments"],
        ])
    bad_col = len(meta) + 2 + bad_stmt
    write_pair(report, "qualtrics", q_head, q_rows, bad_row, bad_col,
               f"{q_head[0][bad_col]}` / `{q_head[1][bad_col]}", bom=True, eol="\r\n")

    # ---- qualtrics-legacy.csv: legacy export, numeric recodes for statements,
    # 2 header lines, V1..V10, trailing comma on every line.
    legacy_meta = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress",
                   "IPAddress", "Status", "StartDate", "EndDate", "Finished"]
    loc = ["LocationLatitude", "LocationLongitude", "LocationAccuracy"]
    l_head = [
        [f"V{k}" for k in range(1, 11)] + [q[0] for q in questions] + loc + [""],
        legacy_meta + [q[1] for q in questions] + loc + [""],
    ]
    l_rows = []
    for i, r in enumerate(rows):
        start, end, _ = times(i, r)
        c = coded[i]
        l_rows.append([
            r["response_id"], "Default Response Set", "Anonymous", "", "", r["ip_address"], "0",
            start.strftime(fmt), end.strftime(fmt), "1",
            r["trust_id"], role_label(r["role"]),
            *["" if x is None else str(x) for x in c["st"]],
            *[sd_label(x) for x in c["sd"]],
            c["al"] or "", r["comments"],
            "", "", "-1", "",
        ])
    bad_col = len(legacy_meta) + 2 + bad_stmt
    write_pair(report, "qualtrics-legacy", l_head, l_rows, bad_row, bad_col,
               f"{l_head[0][bad_col]}` / `{l_head[1][bad_col]}", bom=False, eol="\n")

    # ---- surveymonkey.csv: 2 header lines; matrix text once, blanks to its right.
    sm_meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
               "Email Address", "First Name", "Last Name", "Custom Data 1"]
    s_head = [
        sm_meta + [Q_TRUST, Q_ROLE, Q_STATEMENTS] + [""] * (len(statements) - 1)
        + [Q_STANDARD] + [""] * (len(standard) - 1) + [q_align, Q_COMMENTS],
        [""] * len(sm_meta) + ["Response", "Response"] + [t for _, t in statements]
        + [t for _, t in standard] + ["Response", "Open-Ended Response"],
    ]
    sm_fmt = "%m/%d/%Y %I:%M:%S %p"
    s_rows = []
    for i, r in enumerate(rows):
        start, end, _ = times(i, r)
        c = coded[i]
        s_rows.append([
            str(SM_RESPONDENT_BASE + i + 1), SM_COLLECTOR, start.strftime(sm_fmt),
            end.strftime(sm_fmt), r["ip_address"], "", "", "", "",
            r["trust_id"], role_label(r["role"]),
            *[st_label(x) for x in c["st"]], *[sd_label(x) for x in c["sd"]],
            c["al"] or "", r["comments"],
        ])
    bad_col = len(sm_meta) + 2 + bad_stmt
    write_pair(report, "surveymonkey", s_head, s_rows, bad_row, bad_col,
               f"(line 1 blank; question text in column {len(sm_meta) + 3})` / `{bad_text}",
               bom=True, eol="\r\n")

    # ---- google-forms.csv: every field quoted, grid rows as "Question [Row]".
    g_head = [["Timestamp", "Email Address", Q_TRUST, Q_ROLE]
              + [f"{Q_STATEMENTS} [{t}]" for _, t in statements]
              + [f"{Q_STANDARD} [{t}]" for _, t in standard]
              + [q_align, Q_COMMENTS]]
    g_rows = []
    for i, r in enumerate(rows):
        _, end, _ = times(i, r)
        c = coded[i]
        # 2017-05-08T08:54:07 -> "2017/05/08 8:54:07 AM GMT+1" (UK summer time)
        hour12 = end.hour % 12 or 12
        stamp = f"{end:%Y/%m/%d} {hour12}:{end:%M:%S} {'AM' if end.hour < 12 else 'PM'} GMT+1"
        g_rows.append([
            stamp, f"staff{i + 1:04d}@example.org", r["trust_id"], role_label(r["role"]),
            *[st_label(x) for x in c["st"]], *[sd_label(x) for x in c["sd"]],
            c["al"] or "", r["comments"],
        ])
    bad_col = 4 + bad_stmt
    write_pair(report, "google-forms", g_head, g_rows, bad_row, bad_col,
               g_head[0][bad_col], bom=False, eol="\r\n", quoting=csv.QUOTE_ALL)

    # ---- ms-forms.xlsx: Sheet1, ID + times + Email + Name, one column per statement.
    m_head = (["ID", "Start time", "Completion time", "Email", "Name", Q_TRUST, Q_ROLE]
              + [t for _, t in statements] + [t for _, t in standard] + [q_align, Q_COMMENTS])
    bad_col = 7 + bad_stmt
    m_rows = []
    for i, r in enumerate(rows):
        start, end, _ = times(i, r)
        c = coded[i]
        m_rows.append([i + 1, start, end, "anonymous", None, r["trust_id"],
                       role_label(r["role"]) or None,
                       *[st_label(x) or None for x in c["st"]],
                       *[sd_label(x) or None for x in c["sd"]],
                       c["al"], r["comments"] or None])

    def date_cells(ws, row):
        for col in (2, 3):
            ws.cell(row=row, column=col).number_format = "m/d/yy h:mm:ss"

    write_xlsx_pair("ms-forms", "Sheet1", m_head, m_rows, bad_row, bad_col, BAD_VALUE,
                    style=date_cells)
    report.xlsx("ms-forms-bad.xlsx", "Sheet1", bad_row + 2, bad_col + 1, bad_text, 'text cell "6"')

    print("| file | where | column (1-based) | header |")
    print("|---|---|---|---|")
    print("\n".join(report.lines))


if __name__ == "__main__":
    main()
