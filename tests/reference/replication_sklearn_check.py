"""Recompute the replication run's k = 3 indices with scikit-learn from its own output files.

Run from the repository root after `cargo run --release -- replicate`:
    python3 tests/reference/replication_sklearn_check.py
Compare with the k = 3 row of notebooks-out/replication/k_selection.csv (agreement to 6 decimals,
the precision of the CSV z-scores, was seen: CH 18.884042, DB 0.742774, silhouette 0.454393).
"""
import pandas as pd
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score

d = pd.read_csv("notebooks-out/replication/trust_scores.csv")
x = d.pivot(index="trust_id", columns="item_id", values="z")
t = pd.read_csv("notebooks-out/replication/trusts.csv")
t = t[t.analysed].set_index("trust_id").loc[x.index]
labels = t.cluster.values
print("calinski_harabasz", calinski_harabasz_score(x.values, labels))
print("davies_bouldin", davies_bouldin_score(x.values, labels))
print("silhouette", silhouette_score(x.values, labels))
