"""Respondent-level bootstrap of cluster membership (independent reference, numpy + scikit-learn + scipy).

Usage: python3 respondent_bootstrap.py [--seed S] [--B B] [--out FILE]
Defaults write respondent_bootstrap_py.txt next to this script (seed 2017, B 4000).

Algorithm:
  1. Trust statement means over its responses (blanks ignored); standardise each statement
     column across trusts, z = (mean - column mean) / column sd (ddof 1), z = 0 if sd = 0.
  2. Reference partition: KMeans(k=3, n_init=100, lloyd, fixed random_state) on the z matrix;
     reference centroids = mean z of each reference cluster's trusts.
  3. B resamples: each trust's n responses drawn with replacement; statement means recomputed
     (a statement with no answer in the resample keeps the full-data mean); re-standardised
     with the resample's own column means/sds; KMeans(k=3, n_init=10); resample centroids
     matched to reference centroids by linear_sum_assignment on the 3x3 Euclidean distances.
     Each trust lands in the reference cluster its resample cluster was matched to; per
     reference cluster, Jaccard of its members with the matched resample cluster's members.
  4. Outputs: per trust landing shares; per reference cluster mean Jaccard; per trust and
     statement the bootstrap SE of the mean vs the plug-in s/sqrt(n)*sqrt((n-1)/n).
"""
import argparse
import csv
import pathlib
import platform
import sys
import time

import numpy as np
import scipy
import sklearn
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

K = 3
REF_SEED = 0  # random_state of the reference KMeans
HERE = pathlib.Path(__file__).resolve().parent


def read_wave(path):
    """Return (trust ids in order of appearance, statement names, {trust: n x 19 array, nan = blank})."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    statements = header[3:]
    data = {}
    for r in rows[1:]:
        vals = [float(v) if v != "" else np.nan for v in r[3:]]
        data.setdefault(r[1], []).append(vals)
    trusts = list(data)
    return trusts, statements, {t: np.array(v) for t, v in data.items()}


def standardise(m):
    """Column z-scores with sample sd (ddof 1); a column with sd 0 gets z 0."""
    mu = m.mean(axis=0)
    sd = m.std(axis=0, ddof=1)
    z = np.zeros_like(m)
    ok = sd > 0
    z[:, ok] = (m[:, ok] - mu[ok]) / sd[ok]
    return z


def centroids(z, labels, k=K):
    """Mean z of each cluster's members (k x p); every cluster must be non-empty."""
    out = np.empty((k, z.shape[1]))
    for c in range(k):
        members = labels == c
        assert members.any(), "empty cluster"
        out[c] = z[members].mean(axis=0)
    return out


def wss(z, labels):
    return float(sum(((z[labels == c] - z[labels == c].mean(axis=0)) ** 2).sum() for c in range(K)))


def exhaustive_check(z, ref, chunk=200_000):
    """Enumerate all 3^T labelings; return (best WSS, whether ref attains it, best WSS of any other partition).

    WSS of a labeling = sum over clusters of (sum of squared pairwise distances within it) / (2 n_c).
    """
    T = len(z)
    d2 = ((z[:, None, :] - z[None, :, :]) ** 2).sum(axis=2)
    best, best_other = np.inf, np.inf
    for start in range(0, 3**T, chunk):
        codes = np.arange(start, min(start + chunk, 3**T))
        lab = np.stack([(codes // 3**i) % 3 for i in range(T)], axis=1)  # N x T labelings
        tot = np.zeros(len(codes))
        nonempty = np.ones(len(codes), dtype=bool)
        for c in range(K):
            o = (lab == c).astype(float)
            n = o.sum(axis=1)
            nonempty &= n > 0
            tot += np.einsum("ni,ij,nj->n", o, d2, o) / (2 * np.maximum(n, 1))
        tot[~nonempty] = np.inf
        # a labeling is the reference partition iff its contingency table with ref has 3 non-zero cells
        cells = sum(((lab == r) & (ref == c)).any(axis=1) for r in range(K) for c in range(K))
        is_ref = cells == K
        best = min(best, tot.min())
        if (~is_ref).any():
            best_other = min(best_other, tot[~is_ref].min())
    ref_attains = best_other > best
    return float(best), bool(ref_attains), float(best_other)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=2017)
    ap.add_argument("--B", type=int, default=4000)
    ap.add_argument("--out", default=str(HERE / "respondent_bootstrap_py.txt"))
    args = ap.parse_args()
    t0 = time.time()

    trusts, statements, data = read_wave(HERE / "wave.csv")
    T, P, B = len(trusts), len(statements), args.B
    sizes = np.array([len(data[t]) for t in trusts])

    # --- full-data trust means and reference partition -------------------------------
    full_mean = np.array([np.nanmean(data[t], axis=0) for t in trusts])  # T x P
    z_ref = standardise(full_mean)
    km = KMeans(n_clusters=K, n_init=100, random_state=REF_SEED, algorithm="lloyd").fit(z_ref)
    ref = km.labels_
    ref_cent = centroids(z_ref, ref)
    ref_wss = wss(z_ref, ref)
    # the reference must be the k-means optimum: n_init=1000 must give the same partition
    km1000 = KMeans(n_clusters=K, n_init=1000, random_state=REF_SEED + 1, algorithm="lloyd").fit(z_ref)
    same = all(len(set(km1000.labels_[ref == c])) == 1 for c in range(K)) and \
        len({km1000.labels_[ref == c][0] for c in range(K)}) == K
    assert same, "n_init=1000 finds a different partition"
    wss1000 = wss(z_ref, km1000.labels_)
    # and, to be certain, the reference is the global optimum over all 3^14 labelings
    ex_best, ex_ok, ex_second = exhaustive_check(z_ref, ref)
    assert ex_ok and abs(ex_best - ref_wss) < 1e-9 * ref_wss, "reference is not the global optimum"

    # --- resampling (vectorised per trust) ---------------------------------------------
    rng = np.random.default_rng(args.seed)
    boot_mean = np.empty((B, T, P))  # resampled trust statement means
    fallback = 0                     # (resample, trust, statement) cells with no answer in the resample
    for j, t in enumerate(trusts):
        x = data[t]
        n = len(x)
        idx = rng.integers(0, n, size=(B, n))            # B resamples of n response indices
        xs = x[idx]                                       # B x n x P
        answered = ~np.isnan(xs)
        cnt = answered.sum(axis=1)                        # B x P answers per statement
        tot = np.where(answered, xs, 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            m = tot / cnt
        boot_mean[:, j, :] = np.where(cnt > 0, m, full_mean[j])  # no answer: keep full-data mean
        fallback += int((cnt == 0).sum())
    km_seeds = rng.integers(0, 2**31 - 1, size=B)         # random_state of each resample's KMeans

    # --- cluster each resample and match to the reference -------------------------------
    land = np.zeros((T, K), dtype=np.int64)               # counts of landings
    jac = np.zeros((B, K))                                # per-resample Jaccard
    with threadpool_limits(limits=1):                     # tiny problems: threads only add overhead
        for b in range(B):
            z = standardise(boot_mean[b])
            lab = KMeans(n_clusters=K, n_init=10, random_state=int(km_seeds[b]), algorithm="lloyd").fit(z).labels_
            cent = centroids(z, lab)
            dist = np.linalg.norm(cent[:, None, :] - ref_cent[None, :, :], axis=2)  # resample x ref
            rows, cols = linear_sum_assignment(dist)
            to_ref = np.empty(K, dtype=int)
            to_ref[rows] = cols
            landed = to_ref[lab]
            land[np.arange(T), landed] += 1
            for c in range(K):
                a, bb = ref == c, landed == c           # resample cluster matched to c = trusts landing in c
                jac[b, c] = (a & bb).sum() / (a | bb).sum()
    prob = land / B
    jaccard = jac.mean(axis=0)
    jaccard_sd = jac.std(axis=0, ddof=1)                  # for Monte Carlo error bounds

    # --- second check: bootstrap SE of trust statement means vs plug-in ------------------
    boot_se = boot_mean.std(axis=0, ddof=1)              # T x P
    plug = np.full((T, P), np.nan)
    for j, t in enumerate(trusts):
        for p in range(P):
            v = data[t][:, p]
            v = v[~np.isnan(v)]
            n = len(v)
            if n >= 2:
                plug[j, p] = v.std(ddof=1) / np.sqrt(n) * np.sqrt((n - 1) / n)
    ok = np.isfinite(plug) & (plug > 0)
    ratio = boot_se[ok] / plug[ok]
    elapsed = time.time() - t0

    # --- write -------------------------------------------------------------------------
    lines = [
        "# respondent-level bootstrap of cluster membership, independent reference",
        f"# produced by: python3 respondent_bootstrap.py --seed {args.seed} --B {B}  (reads wave.csv from make_wave.py)",
        f"# python {platform.python_version()} numpy {np.__version__} scikit-learn {sklearn.__version__} scipy {scipy.__version__}",
        f"# reference: KMeans(n_clusters=3, n_init=100, random_state={REF_SEED}, algorithm='lloyd') on trust z-scores (ddof 1)",
        f"# reference WSS {ref_wss!r}; n_init=1000 gives the same partition, WSS {wss1000!r}",
        f"# exhaustive search over all 3^{T} labelings: reference is the unique optimum; next-best partition WSS {ex_second!r}",
        "# resamples: KMeans(n_clusters=3, n_init=10), matched by linear_sum_assignment on centroid Euclidean distances",
        "# trust lines: id, reference cluster (0-based, python numbering), responses, P(land in ref cluster 0,1,2)",
        "# jaccard lines: reference cluster, mean Jaccard over resamples; jaccard_sd: its sd over resamples (ddof 1)",
        "# fallback_cells: (resample, trust, statement) cells with no answer in the resample, which kept the full-data mean",
        "# se lines: trust, statement, bootstrap SE of the mean (ddof 1 over resamples), plug-in s/sqrt(n)*sqrt((n-1)/n) (nan if n<2)",
        "# se_ratio: median and range of bootstrap SE / plug-in over cells with plug-in > 0 (cells with all answers equal are left out)",
        f"B {B}",
        f"seed {args.seed}",
        f"ref_wss {ref_wss!r}",
        f"second_wss {ex_second!r}",
        f"fallback_cells {fallback}",
    ]
    for j, t in enumerate(trusts):
        lines.append(f"trust {t} ref {ref[j]} responses {sizes[j]} prob " + " ".join(repr(float(v)) for v in prob[j]))
    for c in range(K):
        lines.append(f"jaccard {c} {float(jaccard[c])!r}")
    for c in range(K):
        lines.append(f"jaccard_sd {c} {float(jaccard_sd[c])!r}")
    lines.append(f"se_ratio_median {float(np.median(ratio))!r}")
    lines.append(f"se_ratio_range {float(ratio.min())!r} {float(ratio.max())!r} cells {int(ok.sum())}")
    for j, t in enumerate(trusts):
        for p, s in enumerate(statements):
            lines.append(f"se {t} {s} {float(boot_se[j, p])!r} {float(plug[j, p])!r}")
    pathlib.Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(l for l in lines if not l.startswith("se ")))
    print(f"wrote {args.out} in {elapsed:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
