"""Synthetic survey wave for the respondent-level bootstrap reference.

Usage: python3 make_wave.py   (writes wave.csv next to this script)

14 trusts drawn from 3 planted profiles on the 19 statements (5-point scale).
Answer = profile mean + trust deviation (sd 0.15, per trust and statement)
         + respondent shift (sd 0.35, per respondent) + noise (sd 1.0),
rounded and clipped to 1..5; about 4% of cells are left blank.
The numpy seed is fixed, so the file regenerates byte for byte.
"""
import pathlib

import numpy as np

SEED = 20170
STATEMENTS = [
    "aut_1", "aut_2", "aut_3", "idn_1", "idn_2", "idn_3",
    "ped_1", "ped_2", "ped_3", "ped_4", "com_1", "com_2",
    "imp_1", "imp_2", "imp_3", "ops_1", "ops_2", "out_1", "out_2",
]
THEME = [s.split("_")[0] for s in STATEMENTS]


def profile(levels):
    """Profile mean per statement from a {theme: level} dict; other themes 3.0."""
    return np.array([levels.get(t, 3.0) for t in THEME])


# Planted profiles (all means within 1.5..4.5).
PROFILES = {
    # A: high autonomy/identity, low pedagogy (and a little higher on operations)
    "A": profile({"aut": 4.2, "idn": 4.2, "ped": 2.0, "imp": 3.5, "ops": 3.8, "out": 3.0}),
    # B: the reverse on autonomy/identity/pedagogy (and higher on outcomes)
    "B": profile({"aut": 2.0, "idn": 2.0, "ped": 4.2, "imp": 3.5, "ops": 2.5, "out": 3.8}),
    # C: high identity and community, lower on improvement
    "C": profile({"aut": 3.0, "idn": 4.2, "ped": 3.0, "com": 4.3, "imp": 2.3}),
}
PROFILES["AB"] = (PROFILES["A"] + PROFILES["B"]) / 2  # halfway between A and B

# (trust, planted position, responses). T01/T02 are the deep trusts at the
# centres of A and B; T13/T14 are the two 6-response trusts halfway A-B.
TRUSTS = [
    ("T01", "A", 42), ("T02", "B", 45), ("T03", "A", 12), ("T04", "A", 8),
    ("T05", "A", 17), ("T06", "B", 10), ("T07", "B", 15), ("T08", "B", 5),
    ("T09", "C", 20), ("T10", "C", 14), ("T11", "C", 9), ("T12", "C", 7),
    ("T13", "AB", 6), ("T14", "AB", 6),
]
MISSING = 0.04


def main():
    rng = np.random.default_rng(SEED)
    rows = []  # (trust, answers array with nan for blank)
    for trust, pos, n in TRUSTS:
        trust_mean = PROFILES[pos] + rng.normal(0, 0.15, len(STATEMENTS))
        shift = rng.normal(0, 0.35, (n, 1))
        latent = trust_mean + shift + rng.normal(0, 1.0, (n, len(STATEMENTS)))
        ans = np.clip(np.rint(latent), 1, 5)
        blank = rng.random(ans.shape) < MISSING
        # every row answers at least one statement: un-blank one random cell of an all-blank row
        for i in np.where(blank.all(axis=1))[0]:
            blank[i, rng.integers(len(STATEMENTS))] = False
        ans[blank] = np.nan
        # every trust answers every statement at least once (checked, not forced)
        assert (~np.isnan(ans)).any(axis=0).all(), f"{trust}: a statement has no answer"
        rows.extend((trust, a) for a in ans)

    out = pathlib.Path(__file__).resolve().parent / "wave.csv"
    with open(out, "w", newline="\n") as f:
        f.write(",".join(["response_id", "trust_id", "wave"] + STATEMENTS) + "\n")
        for i, (trust, a) in enumerate(rows, start=1):
            cells = ["" if np.isnan(v) else str(int(v)) for v in a]
            f.write(",".join([f"R{i:04d}", trust, "2017"] + cells) + "\n")
    allans = np.array([a for _, a in rows])
    print(f"wrote {out}: {len(rows)} responses, {len(TRUSTS)} trusts, "
          f"{np.isnan(allans).mean():.2%} blank cells")


if __name__ == "__main__":
    main()
