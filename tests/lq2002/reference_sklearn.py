"""scikit-learn's cluster indices on the lq2002 partitions that reference.R found.

Reads tests/lq2002/reference.txt (its z, labels and silhouette lines) and writes
tests/lq2002/reference_sklearn.txt. Run from the repository root, after reference.R:

    python3 tests/lq2002/reference_sklearn.py

Needs numpy and scikit-learn (pip install numpy scikit-learn; made with scikit-learn 1.9.1,
numpy 2.4.6). Numbers are printed with "%.17g", so they read back as the same f64.

Line formats (fields separated by one space; "#" lines are comments), k ascending:
    ch k=<k> <value>                   sklearn.metrics.calinski_harabasz_score(z, labels)
    db k=<k> <value>                   sklearn.metrics.davies_bouldin_score(z, labels)
    silhouette_sklearn k=<k> <value>   sklearn.metrics.silhouette_score(z, labels)
The silhouette is a cross-check of R's `silhouette k=<k>` in reference.txt (checked here to
agree within 1e-12 relative). A scikit-learn KMeans run (Lloyd, k-means++, many starts) is
also checked not to beat R's best WSS; its result (12 digits) is only a comment.
"""
import pathlib

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, calinski_harabasz_score, davies_bouldin_score, silhouette_score

here = pathlib.Path(__file__).resolve().parent
z_cells = {}
trusts, items = [], []
labels, r_sil, r_wss = {}, {}, {}
for line in open(here / "reference.txt"):
    f = line.split()
    if not f or f[0].startswith("#"):
        continue
    if f[0] == "z":
        t, it, v = f[1], f[2], float(f[3])
        if t not in trusts:
            trusts.append(t)
        if it not in items:
            items.append(it)
        z_cells[(t, it)] = v
    elif f[0] == "labels":
        k = int(f[1][2:])
        labels[k] = dict((p.split(":")[0], int(p.split(":")[1])) for p in f[2:])
    elif f[0] == "silhouette":
        r_sil[int(f[1][2:])] = float(f[2])
    elif f[0] == "wss":
        r_wss[int(f[1][2:])] = float(f[2])

z = np.array([[z_cells[(t, it)] for it in items] for t in trusts])
assert z.shape == (49, 19), z.shape

out = [
    "# tests/lq2002 scikit-learn reference values (reference_sklearn.py)",
    f"# scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    f"# z: {z.shape[0]} trusts x {z.shape[1]} items read from reference.txt; labels from its labels lines",
]
ch, db, sil = {}, {}, {}
for k in sorted(labels):
    lab = np.array([labels[k][t] for t in trusts])
    ch[k] = calinski_harabasz_score(z, lab)
    db[k] = davies_bouldin_score(z, lab)
    sil[k] = silhouette_score(z, lab)
    assert abs(sil[k] - r_sil[k]) <= 1e-12 * abs(r_sil[k]), (k, sil[k], r_sil[k])
    km = KMeans(n_clusters=k, n_init=500, random_state=k, algorithm="lloyd").fit(z)
    assert km.inertia_ >= r_wss[k] * (1 - 1e-12), (k, km.inertia_, r_wss[k])
    same = km.inertia_ <= r_wss[k] * (1 + 1e-10)
    ari = adjusted_rand_score(lab, km.labels_)
    out.append(f"# k={k}: sklearn KMeans (lloyd, n_init=500) inertia {km.inertia_:.12g}, "
               f"{'equal to' if same else 'above'} R's best wss; adjusted Rand index with R's partition {ari:.12g}")
for k in sorted(labels):
    out.append(f"ch k={k} {ch[k]:.17g}")
for k in sorted(labels):
    out.append(f"db k={k} {db[k]:.17g}")
for k in sorted(labels):
    out.append(f"silhouette_sklearn k={k} {sil[k]:.17g}")
(here / "reference_sklearn.txt").write_text("\n".join(out) + "\n")
print(f"wrote {here / 'reference_sklearn.txt'} ({len(out)} lines)")
