#!/usr/bin/env python3
"""The pandas peer of `matcluster run` for `bench/compare.py --issue15`, run as its own process so
its whole-process wall time and peak memory can be set beside ours.

    python3 bench/pandas_wave.py FILE

Vectorised, as a careful pandas user would write it: reads only response_id, trust_id and the 19
statement columns (string / category dtypes, pyarrow's multi-threaded reader), maps each
statement's answers to 1..5, fails on any value that is neither an answer nor a missing marker,
and computes per-trust counts and per-trust means of each statement. Prints the number of trusts.

It does less than ours does (no duplicate-id check, no dates, roles, standardisation or alignment
columns, no clustering or report), so the comparison favours pandas if anything.
"""

import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

STATEMENTS = ["aut_1", "aut_2", "aut_3", "idn_1", "idn_2", "idn_3", "ped_1", "ped_2", "ped_3",
              "ped_4", "com_1", "com_2", "imp_1", "imp_2", "imp_3", "ops_1", "ops_2", "out_1",
              "out_2"]
# Compared after strip() and lower(), so matching is case-insensitive.
ANSWERS = {**{str(i): float(i) for i in range(1, 6)},
           **{label: float(i + 1) for i, label in enumerate(
               ["not at all", "slightly", "moderately", "very well", "completely"])}}
# The missing markers; the typographic apostrophe is what spreadsheets turn "don't" into, and
# the Rust reader accepts it too.
MISSING = ["", "na", "n/a", "don't know", "don\u2019t know"]
VALUES = {**ANSWERS, **{m: np.nan for m in MISSING}}


def read(path):
    """The columns we need, statements as categories (a few distinct labels each).

    Not `pd.read_csv(..., engine="pyarrow")`: the free-text comments column holds quoted line
    breaks, and pandas gives no way to pass pyarrow's newlines_in_values, so its reader fails
    ("CSV parser got out of sync with chunker") whenever a 1 MB block happens to end inside such
    a comment, which on a 185 MB file is more likely than not. pyarrow's own reader with
    newlines_in_values=True is the same engine, still multi-threaded; include_columns is usecols
    and the dictionary type is pandas' category."""
    usecols = ["response_id", "trust_id"] + STATEMENTS
    types = {"response_id": pa.string(), "trust_id": pa.dictionary(pa.int32(), pa.string()),
             **{c: pa.dictionary(pa.int32(), pa.string()) for c in STATEMENTS}}
    table = pacsv.read_csv(
        path, parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            include_columns=usecols, column_types=types,
            # Empty cells stay "" (a missing marker we map ourselves), never null.
            strings_can_be_null=False, quoted_strings_can_be_null=False))
    return table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)


def coded(column, name):
    """One statement column as floats 1..5 / NaN: map its few categories once, then index by the
    category codes (no per-row Python work). Raises on the first bad value in file order."""
    folded = pd.Index(column.cat.categories).str.strip().str.lower()
    mapped = np.array([VALUES.get(v, -1.0) for v in folded])  # -1: not a known value
    codes = column.cat.codes.to_numpy()
    bad = mapped == -1.0
    if bad.any():
        row = np.flatnonzero(bad[codes])[0]
        raise ValueError(f"column {name}: value {column.iloc[row]!r} (row {row + 2}) is not "
                         "1..5, a known label or a missing marker")
    return mapped[codes]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pandas_wave.py FILE")
    df = read(sys.argv[1])
    answers = pd.DataFrame({c: coded(df[c], c) for c in STATEMENTS})
    # Trust ids compared trimmed. Trimming the few thousand categories (not the million cells)
    # and factorising them again merges ids that differ only in spaces; each row then carries
    # its trust as an integer, the cheapest key to group by.
    category_trust, trust_ids = pd.factorize(pd.Index(df["trust_id"].cat.categories).str.strip())
    row_trust = category_trust[df["trust_id"].cat.codes.to_numpy()]
    g = answers.groupby(row_trust, sort=True)
    responses = g.size()           # rows per trust
    counts = g.count()             # answers per trust and statement
    means = g.mean()               # mean answer per trust and statement (NaN skipped)
    means.index = counts.index = responses.index = trust_ids[responses.index]
    assert len(responses) == len(counts) == len(means)
    print("trusts", len(means))


if __name__ == "__main__":
    main()
