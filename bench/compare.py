#!/usr/bin/env python3
"""Side by side: the same work done by matcluster, by pandas + scikit-learn and by R, in one run.

Run by `just compare` (which builds the release binary and examples first); not run by CI.

    python3 bench/compare.py [--target-dir DIR] [--skip-sklearn-gap]

Work compared (times are in-process wall-clock seconds of one run, interpreter start-up and
library imports excluded; ratio = peer time / our time, so > 1 means we are faster):

- national ingest + validate + aggregate: the 1,000,000-response file from
  `simulate --example national` (2,500 trusts, seed 2017): ours is `aggregate --example
  ingest_timing`; pandas is a vectorised version (read_csv with dtype hints, vectorised label
  mapping, groupby mean/var/count) with both the C and the pyarrow CSV engines;
- national k-means: one fit, k = 3, 100 starts, on a 2,500 x 19 matrix (three planted groups);
- replication wave (17 x 19 z-scores of `matcluster replicate`): k-means k = 3 with 100 starts,
  the gap statistic (k 1..8, B = 500, 10 starts, d.power = 2, scaled-PCA reference box) and the
  bootstrap (B = 1000, k-means with 10 starts): ours is `cluster --example matrix_timing`,
  R is kmeans + cluster::clusGap + fpc::clusterboot, scikit-learn is KMeans with the same loops
  written in numpy;
- the whole `matcluster replicate` (which also reads, aggregates, draws and writes the report).

With --issue15 it measures whole processes instead (see `issue15` below; `just compare-issue15`):

    python3 bench/compare.py --issue15 [--reps 5] [--responses 1000000] [--ten-million]
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans

ROOT = Path(__file__).resolve().parent.parent
RESPONSES, TRUSTS, SEED = 1_000_000, 2_500, 2017

STATEMENTS = ["aut_1", "aut_2", "aut_3", "idn_1", "idn_2", "idn_3", "ped_1", "ped_2", "ped_3",
              "ped_4", "com_1", "com_2", "imp_1", "imp_2", "imp_3", "ops_1", "ops_2", "out_1",
              "out_2"]
STANDARDISATION = ["std_curriculum", "std_pedagogy", "std_assessment", "std_behaviour",
                   "std_teacher_dev", "std_senior_dev", "std_info_mgmt", "std_back_office",
                   "std_governance", "std_comms"]
ROLES = ["ceo", "central_team", "headteacher", "senior_leader", "teacher", "support_staff",
         "governor", "other"]
MISSING = ["", "na", "n/a", "don't know", "don\u2019t know"]
STATEMENT_VALUES = {**{str(i): float(i) for i in range(1, 6)},
                    **{label: float(i + 1) for i, label in enumerate(
                        ["not at all", "slightly", "moderately", "very well", "completely"])},
                    **{m: np.nan for m in MISSING}}
STD_VALUES = {"more": 1, "same": 2, "about the same": 2, "less": 3,
              **{m: 0 for m in MISSING if m != "n/a"}, "n/a": 0}
ALIGN_VALUES = {"a": 1, "b": 2, "c": 3, "": 0, "na": 0, "n/a": 0}


def coded(series, mapping, name):
    """Vectorised label mapping on a categorical column: map its few categories once
    (trimmed, lower-cased), fail on any value outside the vocabulary, then take codes."""
    cats = series.cat.categories
    folded = pd.Index(cats).str.strip().str.lower()
    mapped = folded.map(lambda v: mapping.get(v, "BAD"))
    bad = [c for c, m in zip(cats, mapped) if isinstance(m, str)]
    if bad:
        raise ValueError(f"column {name}: invalid values {bad[:5]}")
    table = np.append(np.asarray(mapped, dtype=float), np.nan if mapping is STATEMENT_VALUES else 0)
    return table[series.cat.codes.to_numpy()]  # code -1 (a missing cell) picks the last entry


def pandas_ingest_aggregate(path, engine):
    dtype = {c: "category" for c in STATEMENTS + STANDARDISATION + ["alignment", "role", "wave"]}
    dtype.update({c: "string[pyarrow]" for c in ["response_id", "trust_id", "submitted_at"]})
    usecols = ["response_id", "trust_id", "wave", "role", "submitted_at"] + STATEMENTS + \
        STANDARDISATION + ["alignment"]
    if engine == "c":
        df = pd.read_csv(path, usecols=usecols, dtype=dtype, keep_default_na=False,
                         na_filter=False)
    else:
        # pandas' engine="pyarrow" cannot read quoted values holding line breaks (the comments
        # column); pyarrow's own reader can, with newlines_in_values.
        import pyarrow as pa
        import pyarrow.csv as pacsv
        table = pacsv.read_csv(
            path, parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                include_columns=usecols, column_types={c: pa.string() for c in usecols},
                strings_can_be_null=False, quoted_strings_can_be_null=False))
        for c, kind in dtype.items():
            if kind == "category":
                i = table.column_names.index(c)
                table = table.set_column(i, c, table.column(c).dictionary_encode())
        df = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    # Validation the Rust reader also does: vocabularies, unique ids, ISO dates, roles.
    s = np.column_stack([coded(df[c], STATEMENT_VALUES, c) for c in STATEMENTS])
    d = np.column_stack([coded(df[c], STD_VALUES, c) for c in STANDARDISATION]).astype(np.int8)
    a = coded(df["alignment"], ALIGN_VALUES, "alignment").astype(np.int8)
    roles = pd.Index(df["role"].cat.categories).str.strip().str.lower()
    if not roles.isin(ROLES + [""]).all():
        raise ValueError("invalid role")
    if df["response_id"].str.strip().duplicated().any():
        raise ValueError("duplicate response_id")
    dates = pd.to_datetime(df["submitted_at"], format="ISO8601", errors="coerce")
    if (dates.isna() & (df["submitted_at"] != "")).any():
        raise ValueError("bad date")
    trust = df["trust_id"].str.replace(r"\s+", " ", regex=True).str.strip()
    # Counted rows, the five-response threshold, per-trust n / mean / var and answer counts.
    counted = (~np.isnan(s)).any(axis=1) & (trust != "").to_numpy()
    frame = pd.DataFrame(s[counted], columns=STATEMENTS)
    frame["trust_id"] = trust[counted].to_numpy()
    for j, c in enumerate(STANDARDISATION):
        for code, label in [(1, "more"), (2, "same"), (3, "less")]:
            frame[f"{c}_{label}"] = d[counted, j] == code
    for code, label in [(1, "a"), (2, "b"), (3, "c")]:
        frame[f"align_{label}"] = a[counted] == code
    sizes = frame.groupby("trust_id").size()
    keep = sizes[sizes >= 5].index
    frame = frame[frame["trust_id"].isin(keep)]
    g = frame.groupby("trust_id", sort=True)
    means, var, n = g[STATEMENTS].mean(), g[STATEMENTS].var(ddof=1), g[STATEMENTS].count()
    counts = g[[c for c in frame.columns if c not in STATEMENTS and c != "trust_id"]].sum()
    z = (means - means.mean()) / means.std(ddof=1)
    return len(df), len(means), z, var, n, counts


def timed(f, *args):
    t = time.perf_counter()
    out = f(*args)
    return time.perf_counter() - t, out


def sk_kmeans(x, k, n_init, seed=2018):
    return KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(x)


def sk_gap(x, k_max=8, refs=500, n_init=10, seed=2018):
    """Tibshirani's gap as cluster::clusGap computes it (scaled PCA box, d.power = 2)."""
    rng = np.random.default_rng(seed)

    def log_w(data, k):
        if k == 1:
            return np.log(((data - data.mean(axis=0)) ** 2).sum() / 2)
        return np.log(sk_kmeans(data, k, n_init, int(rng.integers(1 << 31))).inertia_ / 2)

    centred = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    rotated = centred @ vt.T
    lo, hi = rotated.min(axis=0), rotated.max(axis=0)
    obs = np.array([log_w(x, k) for k in range(1, k_max + 1)])
    ref = np.array([[log_w(rng.uniform(lo, hi, size=rotated.shape), k) for k in range(1, k_max + 1)]
                    for _ in range(refs)])
    return ref.mean(axis=0) - obs


def sk_bootstrap(x, labels, k=3, resamples=1000, n_init=10, seed=2018):
    """fpc::clusterboot(bootmethod = "boot", kmeansCBI, runs = 10): mean Jaccard per cluster."""
    rng = np.random.default_rng(seed)
    n = len(x)
    jac = np.zeros((resamples, k))
    for b in range(resamples):
        idx = rng.integers(0, n, n)
        fit = sk_kmeans(x[idx], k, n_init, int(rng.integers(1 << 31)))
        drawn = np.unique(idx)
        new = {i: fit.labels_[np.where(idx == i)[0][0]] for i in drawn}
        for c in range(k):
            a = set(i for i in drawn if labels[i] == c)
            best = 0.0
            for c2 in range(k):
                bset = set(i for i in drawn if new[i] == c2)
                union = len(a | bset)
                if union:
                    best = max(best, len(a & bset) / union)
            jac[b, c] = best
    return jac.mean(axis=0)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT, **kw)


def parse_times(text):
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                out[parts[0]] = parts[1]
    return out


# --- --issue15: whole processes side by side ----------------------------------------------------
#
# Every figure below is a whole process (start-up, reading, writing and exit included), except R's,
# which is its statistics alone timed inside R (bench/replicate_stats.R), as the issue asks: that
# leaves R's start-up and package loading out and so favours R. Ours and the peer run alternately
# within each repetition so that a change in the machine's load hits both sides alike; medians
# of --reps repetitions are reported, and the load average before every run is recorded.

MB = 1e6  # decimal megabytes, as BENCHMARKS.md gives file sizes


def measured(cmd):
    """One child process under /usr/bin/time: wall seconds, peak RSS, stdout, load before.

    Wall time is taken here with perf_counter because /usr/bin/time's %e has only 10 ms
    resolution (coarse for a 0.3 s replicate); the peak RSS is /usr/bin/time's %M, this child's
    own maximum resident set (getrusage(RUSAGE_CHILDREN) would be the maximum over every child
    this script has run so far)."""
    load = os.getloadavg()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        start = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-o", timing.name, "-f", "%e %M"]
                             + [str(c) for c in cmd], cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if out.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, cmd))} exited with {out.returncode}:\n"
                               f"{out.stderr[-3000:]}")
        elapsed, max_kb = timing.read().split()[-2:]
    return {"wall_s": wall, "time_e_s": float(elapsed), "peak_rss_bytes": int(max_kb) * 1024,
            "load_before": list(load), "stdout": out.stdout}


def national_file(matcluster, work, responses):
    """The simulated national wave of this size, generated once and kept in WORK. Written under
    another name and renamed, so an interrupted generation never leaves a short file behind
    that later runs would take for the real one. (After a change to the simulator, delete the
    cached files: both sides always read the same file, so ratios stay fair either way.)"""
    path = work / f"simulate-national-{responses}-{TRUSTS}-{SEED}.csv"
    if not path.exists():
        print(f"generating {path.name}", file=sys.stderr)
        partial = path.with_name(path.name + ".partial")
        run([str(matcluster), "simulate", "--preset", "national", "--responses", str(responses),
             "--trusts", str(TRUSTS), "--seed", str(SEED), "--out", str(partial)])
        partial.rename(path)
    return path


def ours_run(matcluster, survey, out):
    """`matcluster run` with everything but reading and aggregating cut to the minimum, so the
    figure is mostly ingest (the pandas peer does no clustering at all). The out folder is
    deleted first: each run starts from the same empty state."""
    shutil.rmtree(out, ignore_errors=True)
    return measured([matcluster, "run", "--survey", survey, "--out", out, "--k", "3",
                     "--k-max", "3", "--restarts", "1", "--gap-refs", "2", "--bootstrap", "1",
                     "--respondent-bootstrap", "0"])


def summary(runs, seconds="wall_s"):
    """Medians over repetitions (and the spread of the load before them)."""
    loads = [r["load_before"][0] for r in runs]
    runs = [{k: v for k, v in r.items() if k != "stdout"} for r in runs]
    return {"seconds": statistics.median(r[seconds] for r in runs),
            "peak_rss_bytes": statistics.median(r["peak_rss_bytes"] for r in runs),
            "load_1min_min": min(loads), "load_1min_max": max(loads), "runs": runs}


def machine():
    def first(path, key):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return None
    mem_kb = first("/proc/meminfo", "MemTotal")
    return {"nproc": int(run(["nproc"]).stdout), "cpu": first("/proc/cpuinfo", "model name"),
            "memory_gib": round(int(mem_kb.split()[0]) / 2**20, 1) if mem_kb else None,
            "kernel": platform.release(), "loadavg_at_start": list(os.getloadavg())}


def issue15(args):
    release = Path(args.target_dir) / "release"
    work = Path(args.target_dir) / "compare"
    work.mkdir(parents=True, exist_ok=True)
    matcluster = release / "matcluster"
    floor = release / "examples" / "split_floor"
    if not matcluster.exists():
        sys.exit(f"{matcluster} is missing: cargo build --release --bin matcluster")
    scratch = Path(tempfile.mkdtemp(prefix="matcluster-issue15-"))
    n1 = args.responses
    result = {"machine": machine(), "reps": args.reps, "responses": n1, "trusts": TRUSTS,
              "seed": SEED}
    notes = []
    try:
        # 1. replicate vs R's statistics on the same z matrix. One untimed run first: it writes
        # the 17 x 19 z-scores R works on (trust_scores.csv, long format) and warms the cache.
        print("replicate vs R", file=sys.stderr)
        rep_out = scratch / "rep"
        run([str(matcluster), "replicate", "--out", str(rep_out)])
        scores = pd.read_csv(rep_out / "trust_scores.csv")
        x17 = scores.pivot(index="trust_id", columns="item_id", values="z")[STATEMENTS]
        x17_path = work / "issue15-x17.csv"
        x17.to_csv(x17_path)
        ours, r_runs = [], []
        for _ in range(args.reps):
            shutil.rmtree(rep_out, ignore_errors=True)
            ours.append(measured([matcluster, "replicate", "--out", rep_out]))
            r = measured(["Rscript", ROOT / "bench" / "replicate_stats.R", x17_path])
            r.update(parse_times(r.pop("stdout")))
            r_runs.append(r)
        result["replicate"] = {"ours": summary(ours),
                               "R_stats_in_process": summary(r_runs, "stats_seconds"),
                               "R_whole_process": summary(r_runs)}
        r_versions = {k: r_runs[-1].get(f"{k}_version") for k in ["R", "cluster", "fpc"]}

        # 2. the national run vs the pandas script, and vs the floor of only splitting fields.
        print(f"national {n1} responses vs pandas", file=sys.stderr)
        nat = national_file(matcluster, work, n1)
        ours, pandas_runs, floor_runs = [], [], []
        for _ in range(args.reps):
            ours.append(ours_run(matcluster, nat, scratch / "nat"))
            p = measured([sys.executable, ROOT / "bench" / "pandas_wave.py", nat])
            p["trusts"] = int(p.pop("stdout").split()[-1])
            pandas_runs.append(p)
            if floor.exists():
                f = measured([floor, nat])
                f.update(parse_times(f.pop("stdout")))
                floor_runs.append(f)
        result["national"] = {"file_bytes": nat.stat().st_size, "ours": summary(ours),
                              "pandas": summary(pandas_runs)}
        if floor_runs:
            result["national"]["split_floor"] = summary(floor_runs)
        else:
            notes.append(f"split_floor row skipped: {floor} does not exist (cargo build "
                         "--release --example split_floor)")

        # 3. (and 4.) memory growth: ours once on each size; the slope between two sizes is what
        # each further response costs, whatever the fixed part.
        sizes = [n1, 4 * n1] + ([10 * n1] if args.ten_million else [])
        growth = []
        for n in sizes:
            print(f"memory: ours on {n} responses", file=sys.stderr)
            path = national_file(matcluster, work, n)
            m = ours_run(matcluster, path, scratch / "nat")
            m.pop("stdout")
            growth.append({"responses": n, "file_bytes": path.stat().st_size, **m,
                           "peak_over_file": m["peak_rss_bytes"] / path.stat().st_size})
        result["memory"] = growth
        result["bytes_per_response_1x_to_4x"] = (
            (growth[1]["peak_rss_bytes"] - growth[0]["peak_rss_bytes"]) / (3 * n1))
        if args.ten_million:
            # Linear extrapolation to 100x from the upper segment (4x -> 10x), the one least
            # affected by the fixed part; time scaled linearly from the 10x run.
            slope = (growth[2]["peak_rss_bytes"] - growth[1]["peak_rss_bytes"]) / (6 * n1)
            result["bytes_per_response_4x_to_10x"] = slope
            result["extrapolated_100x"] = {
                "responses": 100 * n1,
                "peak_rss_bytes": growth[2]["peak_rss_bytes"] + slope * 90 * n1,
                "seconds": growth[2]["wall_s"] * 10}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    try:
        import pyarrow
        pyarrow_version = pyarrow.__version__
    except ImportError:
        pyarrow_version = None
    try:
        rustc = run(["rustc", "--version"]).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rustc = None
    result["versions"] = {"rustc": rustc, "python": platform.python_version(),
                          "pandas": pd.__version__, "pyarrow": pyarrow_version,
                          "numpy": np.__version__, **r_versions}
    result["notes"] = notes
    markdown = issue15_markdown(result)
    print(markdown)
    (work / "issue15.json").write_text(json.dumps(result, indent=1, default=str))
    (work / "issue15.md").write_text(markdown + "\n")
    print(f"\nwrote {work / 'issue15.json'} and {work / 'issue15.md'}", file=sys.stderr)


def issue15_markdown(res):
    def mb(b):
        return f"{b / MB:,.0f}" if b >= 10 * MB else f"{b / MB:,.1f}"

    def load(s):
        return f"{s['load_1min_min']:.2f}–{s['load_1min_max']:.2f}"

    def count(n):
        return f"{n / 1e6:g}M" if n >= 1e6 else f"{n:,}"

    m, v, rep, nat = res["machine"], res["versions"], res["replicate"], res["national"]
    lines = [
        f"### Whole processes side by side (issue 15): medians of {res['reps']} alternating runs",
        "",
        f"Machine: {m['nproc']} CPUs (`nproc`), {m['cpu']}, {m['memory_gib']} GiB, "
        f"Linux {m['kernel']}. Versions: {v['rustc']}; Python {v['python']}, pandas "
        f"{v['pandas']}, pyarrow {v['pyarrow']}, numpy {v['numpy']}; R {v['R']}, cluster "
        f"{v['cluster']}, fpc {v['fpc']}. Seconds are wall clock, peak RSS from /usr/bin/time "
        f"(MB = 10^6 bytes); the load column is the 1-minute load average before each run "
        f"(min–max).",
        "",
        "| comparison | ours (s) | ours peak RSS (MB) | peer | peer (s) | peer peak RSS (MB) "
        "| ratio | load before |",
        "|---|---|---|---|---|---|---|---|",
    ]
    o, r, rw = rep["ours"], rep["R_stats_in_process"], rep["R_whole_process"]
    lines.append(
        f"| `matcluster replicate` (whole process) vs R's kmeans + clusGap + clusterboot only "
        f"(in-process) | {o['seconds']:.3f} | {mb(o['peak_rss_bytes'])} | R statistics "
        f"(whole Rscript: {rw['seconds']:.2f} s) | {r['seconds']:.3f} | {mb(rw['peak_rss_bytes'])} "
        f"(whole Rscript) | {r['seconds'] / o['seconds']:.1f}x (R / ours) | "
        f"{load(o)} / {load(r)} |")
    o, p = nat["ours"], nat["pandas"]
    size = f"{count(res['responses'])} responses, {mb(nat['file_bytes'])} MB"
    lines.append(
        f"| `matcluster run` national ({size}) vs `bench/pandas_wave.py` | {o['seconds']:.3f} | "
        f"{mb(o['peak_rss_bytes'])} | pandas | {p['seconds']:.3f} | {mb(p['peak_rss_bytes'])} | "
        f"{p['seconds'] / o['seconds']:.1f}x (pandas / ours) | {load(o)} / {load(p)} |")
    if "split_floor" in nat:
        f = nat["split_floor"]
        lines.append(
            f"| `matcluster run` national ({size}) vs `examples/split_floor` | {o['seconds']:.3f} "
            f"| {mb(o['peak_rss_bytes'])} | csv split floor | {f['seconds']:.3f} | "
            f"{mb(f['peak_rss_bytes'])} | {o['seconds'] / f['seconds']:.1f}x (ours / floor) | "
            f"{load(o)} / {load(f)} |")
    lines += ["", "Memory growth, `matcluster run` once per file:", "",
              "| responses | file (MB) | wall (s) | peak RSS (MB) | peak / file | load before |",
              "|---|---|---|---|---|---|"]
    for g in res["memory"]:
        lines.append(f"| {count(g['responses'])} | {mb(g['file_bytes'])} | {g['wall_s']:.2f} | "
                     f"{mb(g['peak_rss_bytes'])} | {g['peak_over_file']:.2f} | "
                     f"{g['load_before'][0]:.2f} |")
    n1 = res["responses"]
    lines += ["", f"Growth from {count(n1)} to {count(4 * n1)} responses: "
                  f"{res['bytes_per_response_1x_to_4x']:.0f} bytes per response."]
    if "extrapolated_100x" in res:
        e = res["extrapolated_100x"]
        lines.append(f"From {count(4 * n1)} to {count(10 * n1)}: "
                     f"{res['bytes_per_response_4x_to_10x']:.0f} bytes per response; linear "
                     f"extrapolation to {count(e['responses'])}: about "
                     f"{e['peak_rss_bytes'] / 1e9:.1f} GB peak and {e['seconds']:.0f} s.")
    for note in res["notes"]:
        lines += ["", f"Note: {note}"]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target-dir", default=os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target")))
    ap.add_argument("--skip-sklearn-gap", action="store_true",
                    help="leave out scikit-learn's gap and bootstrap loops (minutes on 2 cores)")
    ap.add_argument("--issue15", action="store_true",
                    help="whole-process comparisons of issue 15 instead of the table above")
    ap.add_argument("--reps", type=int, default=5,
                    help="--issue15: repetitions of each timed pair (medians are reported)")
    ap.add_argument("--responses", type=int, default=RESPONSES,
                    help="--issue15: size of the national file (the memory files are 4x and "
                         "10x it); lower it only to check the script works")
    ap.add_argument("--ten-million", action="store_true",
                    help="--issue15: also one run of ours on a 10x file (10M by default)")
    args = ap.parse_args()
    if args.issue15:
        return issue15(args)
    release = Path(args.target_dir) / "release"
    work = Path(args.target_dir) / "compare"
    work.mkdir(parents=True, exist_ok=True)
    exe = {name: release / "examples" / name for name in ["national", "ingest_timing", "matrix_timing"]}
    matcluster = release / "matcluster"

    national = work / f"national-{RESPONSES}-{TRUSTS}-{SEED}.csv"
    if not national.exists():
        run([str(exe["national"]), "--responses", str(RESPONSES), "--trusts", str(TRUSTS),
             "--seed", str(SEED), "--out", str(national)])
    wave = ROOT / "data" / "replication" / "wave-2017.csv"

    # Matrices: the replication's 17 x 19 z-scores (from replicate) and a planted 2500 x 19.
    t = time.perf_counter()
    run([str(matcluster), "replicate", "--out", str(work / "replicate")])
    replicate_s = time.perf_counter() - t
    scores = pd.read_csv(work / "replicate" / "trust_scores.csv")
    x17 = scores.pivot(index="trust_id", columns="item_id", values="z")[STATEMENTS]
    x17.to_csv(work / "x17.csv")
    rng = np.random.default_rng(7)
    centres = np.zeros((3, 19))
    centres[0, :6], centres[0, 6:] = 1.0, -0.5
    centres[1, 6:10], centres[1, :6], centres[1, 10:] = 1.0, -0.5, -0.5
    x2500 = pd.DataFrame(centres[np.arange(2500) % 3] + rng.uniform(-1, 1, (2500, 19)),
                         index=[f"T{i:05d}" for i in range(2500)], columns=STATEMENTS)
    x2500.to_csv(work / "x2500.csv")

    ours = {}
    for label, path in [("national", national), ("replication", wave)]:
        t = parse_times(run([str(exe["ingest_timing"]), str(path)]).stdout)
        ours[f"ingest_{label}"] = t["total"]
    t17 = parse_times(run([str(exe["matrix_timing"]), str(work / "x17.csv"), "--gap", "--boot"]).stdout)
    t2500 = parse_times(run([str(exe["matrix_timing"]), str(work / "x2500.csv")]).stdout)
    ours.update(kmeans_17=t17["kmeans"], gap_17=t17["gap"], boot_17=t17["bootstrap"],
                kmeans_2500=t2500["kmeans"], replicate=replicate_s)

    pandas_c, pandas_arrow, sk = {}, {}, {}
    for label, path in [("national", national), ("replication", wave)]:
        pandas_c[f"ingest_{label}"] = timed(pandas_ingest_aggregate, path, "c")[0]
        pandas_arrow[f"ingest_{label}"] = timed(pandas_ingest_aggregate, path, "pyarrow")[0]
    x17n, x2500n = x17.to_numpy(), x2500.to_numpy()
    sk["kmeans_17"], km = timed(sk_kmeans, x17n, 3, 100)
    sk["kmeans_2500"] = timed(sk_kmeans, x2500n, 3, 100)[0]
    if not args.skip_sklearn_gap:
        sk["gap_17"] = timed(sk_gap, x17n)[0]
        sk["boot_17"] = timed(sk_bootstrap, x17n, km.labels_)[0]

    r = parse_times(run(["Rscript", str(ROOT / "bench" / "compare.R"), str(work / "x17.csv"),
                         str(work / "x2500.csv")]).stdout)

    rows = [
        ("ingest+validate+aggregate, national 1M rows", "ingest_national"),
        ("ingest+validate+aggregate, replication 346 rows", "ingest_replication"),
        ("k-means k=3 nstart=100, 2500x19", "kmeans_2500"),
        ("k-means k=3 nstart=100, 17x19", "kmeans_17"),
        ("gap k=1..8 B=500 nstart=10, 17x19", "gap_17"),
        ("bootstrap B=1000 runs=10, 17x19", "boot_17"),
    ]
    peers = [("pandas (C engine)", pandas_c), ("pandas (pyarrow reader)", pandas_arrow),
             ("scikit-learn", sk), ("R", r)]

    def fmt(v):
        return f"{v:.3f}" if isinstance(v, float) else "-"

    head = "| work | ours (s) | " + " | ".join(f"{p} (s) | ratio" for p, _ in peers) + " |"
    print(head)
    print("|" + "---|" * (2 + 2 * len(peers)))
    for title, key in rows:
        cells = [title, fmt(ours[key])]
        for _, times in peers:
            v = times.get(key)
            cells += [fmt(v), f"{v / ours[key]:.1f}x" if isinstance(v, float) else "-"]
        print("| " + " | ".join(cells) + " |")
    r_total = sum(r[k] for k in ["kmeans_17", "gap_17", "boot_17"])
    print(f"\n`matcluster replicate` end to end (read, aggregate, k-means, gap, bootstrap, charts, "
          f"report): {replicate_s:.2f} s; R's kmeans + clusGap + clusterboot alone: {r_total:.2f} s "
          f"(ratio {r_total / replicate_s:.1f}x)")
    versions = {
        "python": platform.python_version(), "pandas": pd.__version__,
        "scikit-learn": sklearn.__version__, "numpy": np.__version__,
        "R": r.get("R_version"), "cluster": r.get("cluster_version"), "fpc": r.get("fpc_version"),
        "rustc": run(["rustc", "--version"]).stdout.strip(),
    }
    try:
        import pyarrow
        versions["pyarrow"] = pyarrow.__version__
    except ImportError:
        pass
    print("\nversions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"load average at the end: {os.getloadavg()}")
    (work / "compare.json").write_text(json.dumps(
        {"ours": ours, "pandas_c": pandas_c, "pandas_pyarrow": pandas_arrow, "sklearn": sk,
         "R": r, "versions": versions, "loadavg": os.getloadavg()}, indent=1, default=str))


if __name__ == "__main__":
    sys.exit(main())
