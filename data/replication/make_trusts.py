#!/usr/bin/env python3
"""Write data/replication/trusts-2017.csv: simulated characteristics of the 22 trusts of the
bundled replication wave (one row per trust, MAT-01..MAT-22, analysed or not).

Everything in the file is invented. The model and its parameters are documented in
data/replication/README.md ("Trust characteristics"); keep the two in step.

    python3 data/replication/make_trusts.py

Python 3 standard library only. Every draw comes from random.Random(2017).random() (directly or
through normalvariate, whose algorithm has not changed across Python 3 versions), in a fixed order
(trust by trust, column by column), so the file is byte-identical on every run and platform.
"""

import math
import os
import random
import re
import sys

SEED = 2017

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "trusts-2017.csv")
MODEL_RS = os.path.join(HERE, "..", "..", "crates", "simulate", "src", "model.rs")

AI, TP, IC = "autonomy_identity", "teaching_pedagogy", "identity_community"

# The trust plan of the wave (crates/simulate/src/model.rs, REPLICATION_TRUSTS):
# trust id, planted profile, rows, rows answering no statement, schools appearing in the wave.
PLAN = [
    ("MAT-01", AI, 24, 1, 6),
    ("MAT-02", TP, 34, 1, 9),
    ("MAT-03", TP, 3, 1, 2),
    ("MAT-04", AI, 15, 0, 4),
    ("MAT-05", TP, 11, 0, 3),
    ("MAT-06", IC, 23, 0, 5),
    ("MAT-07", AI, 28, 0, 7),
    ("MAT-08", TP, 22, 0, 5),
    ("MAT-09", AI, 4, 0, 2),
    ("MAT-10", AI, 9, 0, 3),
    ("MAT-11", TP, 16, 0, 4),
    ("MAT-12", AI, 19, 1, 5),
    ("MAT-13", IC, 1, 0, 2),
    ("MAT-14", TP, 26, 0, 7),
    ("MAT-15", AI, 12, 0, 3),
    ("MAT-16", IC, 20, 0, 4),
    ("MAT-17", TP, 8, 0, 2),
    ("MAT-18", AI, 3, 0, 2),
    ("MAT-19", AI, 27, 0, 6),
    ("MAT-20", TP, 20, 0, 5),
    ("MAT-21", AI, 17, 0, 4),
    ("MAT-22", TP, 4, 0, 3),
]
MIN_RESPONSES = 5  # a trust is analysed with at least 5 counted responses

# schools: max(MIN_SCHOOLS, schools in the wave, round(median * exp(SD_LOG_SCHOOLS * z)))
MIN_SCHOOLS = 7  # the study surveyed trusts of 7 or more schools
MEDIAN_SCHOOLS = {AI: 18.0, TP: 10.0, IC: 14.0}
SD_LOG_SCHOOLS = 0.30

# phase: (primary, secondary, mixed) probabilities
PHASES = ("primary", "secondary", "mixed")
PHASE_PROBS = {AI: (0.25, 0.25, 0.50), TP: (0.55, 0.20, 0.25), IC: (0.35, 0.25, 0.40)}

# pupils: schools * PUPILS_PER_SCHOOL[phase] * exp(SD_LOG_PUPILS * z), to the nearest 10
PUPILS_PER_SCHOOL = {"primary": 300.0, "secondary": 1000.0, "mixed": 550.0}
SD_LOG_PUPILS = 0.25

# region: uniform over the nine English regions, whatever the profile (a null variable)
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)

# good_or_outstanding_pct: each school inspected with P_INSPECTED; the trust's chance that an
# inspected school is rated good or outstanding is logistic(logit(MEAN_GOOD[p]) + SD_LOGIT_GOOD * z);
# pct = 100 * good / inspected, to one decimal; redrawn (good count) while below PCT_FLOOR.
P_INSPECTED = 0.90
MEAN_GOOD = {AI: 0.82, TP: 0.88, IC: 0.85}
SD_LOGIT_GOOD = 0.50
PCT_FLOOR = 40
# The one deliberately missing value: a new trust whose schools are not yet inspected as academies.
# Its draws are still made (and discarded), so the other trusts do not depend on this choice.
PCT_MISSING = "MAT-17"

HEADER = "trust_id,schools,pupils,region,phase,good_or_outstanding_pct"


def check_plan_against_model():
    """If the crate's model.rs is at hand, fail loudly when PLAN has drifted from it."""
    if not os.path.exists(MODEL_RS):
        return
    with open(MODEL_RS, encoding="utf-8") as f:
        text = f.read()
    block = text.split("pub const REPLICATION_TRUSTS", 1)[1].split("];", 1)[0]
    names = {"AI": AI, "TP": TP, "IC": IC}
    found = [
        (t, names[p], int(r), int(n), int(s))
        for t, p, r, n, s in re.findall(
            r'trust\("(MAT-\d+)",\s*(AI|TP|IC),\s*(\d+),\s*(\d+),\s*(\d+)\)', block
        )
    ]
    if found != PLAN:
        sys.exit(f"make_trusts.py: PLAN differs from REPLICATION_TRUSTS in {MODEL_RS}; update PLAN")


def categorical(rng, probs):
    u = rng.random()
    acc = 0.0
    for i, p in enumerate(probs):
        acc += p
        if u < acc:
            return i
    return len(probs) - 1


def round_half_up(x):
    return int(math.floor(x + 0.5))


def tenths_of_percent(good, inspected):
    """100 * good / inspected in tenths of a percent, rounded half up in integer arithmetic."""
    return (2000 * good + inspected) // (2 * inspected)


def draw_trust(rng, profile, wave_schools):
    # schools
    z = rng.normalvariate(0.0, 1.0)
    schools = max(
        MIN_SCHOOLS,
        wave_schools,
        round_half_up(MEDIAN_SCHOOLS[profile] * math.exp(SD_LOG_SCHOOLS * z)),
    )
    # phase
    phase = PHASES[categorical(rng, PHASE_PROBS[profile])]
    # pupils
    z = rng.normalvariate(0.0, 1.0)
    pupils = 10 * round_half_up(
        schools * PUPILS_PER_SCHOOL[phase] * math.exp(SD_LOG_PUPILS * z) / 10.0
    )
    # region
    region = REGIONS[categorical(rng, [1.0 / len(REGIONS)] * len(REGIONS))]
    # good_or_outstanding_pct
    inspected = sum(1 for _ in range(schools) if rng.random() < P_INSPECTED)
    inspected = max(inspected, 1)
    m = MEAN_GOOD[profile]
    logit = math.log(m / (1.0 - m)) + SD_LOGIT_GOOD * rng.normalvariate(0.0, 1.0)
    p_good = 1.0 / (1.0 + math.exp(-logit))
    while True:
        good = sum(1 for _ in range(inspected) if rng.random() < p_good)
        tenths = tenths_of_percent(good, inspected)
        if tenths >= 10 * PCT_FLOOR:
            break
    pct = f"{tenths // 10}.{tenths % 10}"
    return schools, pupils, region, phase, pct


def main():
    check_plan_against_model()
    rng = random.Random(SEED)
    lines = [HEADER]
    for trust_id, profile, _rows, _no_statement, wave_schools in PLAN:
        schools, pupils, region, phase, pct = draw_trust(rng, profile, wave_schools)
        if trust_id == PCT_MISSING:
            pct = ""
        assert "," not in region
        lines.append(f"{trust_id},{schools},{pupils},{region},{phase},{pct}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(OUT, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
