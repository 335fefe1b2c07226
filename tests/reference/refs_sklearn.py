"""Reference values for crates/cluster tests (scikit-learn). Usage: python3 refs_sklearn.py > refs_sklearn.txt"""
import csv
import pathlib

import numpy as np
import sklearn
from sklearn.metrics import adjusted_rand_score, calinski_harabasz_score, davies_bouldin_score

print("# scikit-learn", sklearn.__version__, "numpy", np.__version__)
here = pathlib.Path(__file__).resolve().parent
iris_csv = here.parents[1] / "main/crates/cluster/tests/data/iris.csv"
rows = list(csv.reader(open(iris_csv)))[1:]
x = np.array([[float(v) for v in r[:4]] for r in rows])
species = np.array([int(r[4]) for r in rows])
print(f"iris species CH={calinski_harabasz_score(x, species)!r} DB={davies_bouldin_score(x, species)!r}")

m = np.array([[0, 0], [0.5, 1.2], [1.1, 0.3], [5, 5], [5.2, 6.1], [6.3, 4.8], [9.7, 0.4]])
la = [0, 0, 0, 1, 1, 1, 2]
lb = [0, 0, 1, 1, 1, 2, 0]
for name, lab in (("A", la), ("B", lb)):
    print(f"7x2 {name} CH={calinski_harabasz_score(m, lab)!r} DB={davies_bouldin_score(m, lab)!r}")

pairs = [
    ([0, 0, 1, 1], [0, 0, 1, 1]),
    ([0, 0, 1, 1], [1, 1, 0, 0]),
    ([0, 0, 1, 2], [0, 0, 1, 1]),
    ([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]),
    ([0, 0, 0, 0], [0, 0, 0, 0]),
    ([0, 1, 2, 3], [0, 1, 2, 3]),
    ([0, 0, 0, 0], [0, 1, 2, 3]),
    ([0, 0, 1, 1, 2, 2, 2, 0, 1, 3], [1, 1, 0, 0, 2, 2, 0, 1, 1, 3]),
]
for a, b in pairs:
    print(f"ARI {a} {b} = {adjusted_rand_score(a, b)!r}")
rng = np.random.default_rng(2018)
a = rng.integers(0, 4, 200)
b = np.where(rng.random(200) < 0.7, a, rng.integers(0, 5, 200))
print("ARI random200 a =", list(map(int, a)))
print("ARI random200 b =", list(map(int, b)))
print(f"ARI random200 = {adjusted_rand_score(a, b)!r}")
