#!/usr/bin/env python3
"""Independent check of characteristics_R.txt (numpy + scipy); it never writes the file.

    python3 tests/reference/characteristics/exact_permutation.py [path/to/characteristics_R.txt]

For every `kw` case it recomputes H (scipy.stats.kruskal), the chi-square p, epsilon squared and
the type-7 quartiles (numpy.percentile, method "linear"), and, where the file has
p_exact_permutation, re-enumerates every distinct assignment of the group labels to the values
(multiset permutations of `groups`, generated as successive combinations of positions, one group
at a time, with itertools; H from the rank sums with numpy) and counts H >= H_obs * (1 - 1e-12).
For every `ffh` case small enough to enumerate it lists every table with the observed margins and
sums the probabilities of those with P(table) <= P(observed) * (1 + 1e-7) (and, to show the
tolerance does not matter here, with R's FEXACT tolerance, log P <= log P_obs + 3.45254e-7, and
with none); chi-square and Cramer's V via scipy. Holm is recomputed by hand.
Prints one line per quantity and exits non-zero on any disagreement (relative 1e-9).
"""

import itertools
import math
import os
import sys

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "characteristics_R.txt")
RTOL = 1e-9
failures = 0


def check(case, what, ours, r):
    global failures
    ok = math.isclose(ours, r, rel_tol=RTOL, abs_tol=1e-300) or (ours == r)
    if not ok:
        failures += 1
    print(f"{'ok  ' if ok else 'FAIL'} {case:40s} {what:22s} python={ours!r} R={r!r}")


def parse(path):
    cases, cur = [], None
    for line in open(path):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        tok = line.split(" ")
        if tok[0] in ("kw", "ffh", "holm") and cur is None:
            cur = {"kind": tok[0], "name": tok[1], "group": []}
        elif tok[0] == "end":
            cases.append(cur)
            cur = None
        elif tok[0] == "group":
            cur["group"].append([float(t) for t in tok[1:]])
        else:
            cur[tok[0]] = [float(t) for t in tok[1:]]
    return cases


def exact_h(x, g, h_obs):
    x = np.asarray(x)
    n = len(x)
    r = stats.rankdata(x)
    _, counts = np.unique(x, return_counts=True)
    tie_den = 1.0 - (counts**3 - counts).sum() / (n**3 - n)
    labels, sizes = np.unique(g, return_counts=True)
    sizes = list(sizes)
    thr = h_obs * (1 - 1e-12)
    ge = total = 0

    def rec(remaining, k, ssq):
        nonlocal ge, total
        s = sizes[k]
        if k == len(sizes) - 1:
            h = (12.0 * (ssq + r[remaining].sum() ** 2 / s) / (n * (n + 1)) - 3 * (n + 1)) / tie_den
            ge += int(h >= thr)
            total += 1
            return
        for c in itertools.combinations(range(len(remaining)), s):
            chosen = set(c)
            left = [remaining[i] for i in range(len(remaining)) if i not in chosen]
            sc = r[[remaining[i] for i in c]].sum()
            rec(left, k + 1, ssq + sc**2 / s)

    # three groups (the replication cases, ~876k assignments): the last two levels with numpy;
    # otherwise a plain recursion (a few hundred thousand leaves at most here).
    if len(sizes) == 3:
        order = np.argsort(sizes)  # smallest first
        s1, s2, s3 = (sizes[i] for i in order)
        allidx = np.arange(n)
        for c1 in itertools.combinations(range(n), s1):
            rem = np.delete(allidx, c1)
            a = r[list(c1)].sum()
            combos = np.array(list(itertools.combinations(range(len(rem)), s2)), dtype=int)
            b = r[rem[combos]].sum(axis=1)
            c = r[rem].sum() - b
            h = (12.0 * (a**2 / s1 + b**2 / s2 + c**2 / s3) / (n * (n + 1)) - 3 * (n + 1)) / tie_den
            ge += int((h >= thr).sum())
            total += len(h)
    else:
        rec(list(range(n)), 0, 0.0)
    expected = math.factorial(n)
    for s in sizes:
        expected //= math.factorial(s)
    assert total == expected, (total, expected)
    return ge / total, total


def tables(rows, cols):
    """Every table (list of columns) with the given margins."""
    rows = list(rows)
    if len(cols) == 1:
        yield [tuple(rows)]
        return

    def column(i, left, rem_rows):
        if i == len(rem_rows) - 1:
            if left <= rem_rows[i]:
                yield (left,)
            return
        rest = sum(rem_rows[i + 1:])
        for v in range(max(0, left - rest), min(left, rem_rows[i]) + 1):
            for tail in column(i + 1, left - v, rem_rows):
                yield (v,) + tail

    for col in column(0, cols[0], rows):
        for t in tables([a - b for a, b in zip(rows, col)], cols[1:]):
            yield [col] + t


def ffh_exact(m):
    rows, cols = m.sum(axis=1), m.sum(axis=0)
    n = m.sum()
    lf = [math.lgamma(i + 1) for i in range(n + 1)]
    const = sum(lf[v] for v in rows) + sum(lf[v] for v in cols) - lf[n]
    logp_obs = const - sum(lf[v] for v in m.flatten())
    lp = []
    for t in tables(rows, cols):
        lp.append(const - sum(lf[v] for col in t for v in col))
    lp = np.array(lp)
    p = np.exp(lp)
    with_relerr = p[p <= math.exp(logp_obs) * (1 + 1e-7)].sum()
    with_fexact = p[lp <= logp_obs + 3.45254e-7].sum()
    none = p[lp <= logp_obs].sum()
    return with_relerr, with_fexact, none, len(lp), p.sum()


for case in parse(PATH):
    name = case["name"]
    if case["kind"] == "kw":
        x, g = np.array(case["values"]), np.array(case["groups"], dtype=int)
        labels = sorted(set(g))
        h, p = stats.kruskal(*[x[g == G] for G in labels])
        check(name, "statistic", h, case["statistic"][0])
        check(name, "p_value", p, case["p_value"][0])
        check(name, "epsilon_squared", h / (len(x) - 1), case["epsilon_squared"][0])
        for G, row in zip(labels, case["group"]):
            xg = x[g == G]
            q = np.percentile(xg, [50, 25, 75], method="linear")
            ours = [G, len(xg), q[0], q[1], q[2], xg.mean()]
            for what, a, b in zip(["G", "n", "median", "q1", "q3", "mean"], ours, row):
                check(name, f"group {G} {what}", float(a), b)
        if "p_exact_permutation" in case:
            pe, total = exact_h(x, g, case["statistic"][0])
            check(name, f"p_exact ({total} asg)", pe, case["p_exact_permutation"][0])
    elif case["kind"] == "ffh":
        R, C = int(case["rows"][0]), int(case["cols"][0])
        m = np.array(case["cells"], dtype=int).reshape(R, C)
        x2, _, dof, _ = stats.chi2_contingency(m, correction=False)
        check(name, "chisq", x2, case["chisq"][0])
        check(name, "df", float(dof), case["df"][0])
        check(name, "cramers_v", math.sqrt(x2 / (m.sum() * (min(R, C) - 1))), case["cramers_v"][0])
        if name == "job_4x4":
            print(f"skip {name:40s} exact enumeration (n = 96, too many tables)")
            continue
        rel, fex, none, ntab, tot = ffh_exact(m)
        check(name, f"p ({ntab} tables)", min(1.0, rel), case["p_value"][0])
        print(f"     {name:40s} p with FEXACT tol {fex!r}, with no tol {none!r}, sum of all P {tot!r}")
    else:
        p = np.array(case["p"])
        o = np.argsort(p, kind="stable")
        adj = np.minimum(1, np.maximum.accumulate((len(p) - np.arange(len(p))) * p[o]))
        out = np.empty_like(adj)
        out[o] = adj
        for i, (a, b) in enumerate(zip(out, case["adjusted"])):
            check(name, f"adjusted[{i}]", float(a), b)

print("FAILURES:", failures)
sys.exit(1 if failures else 0)
