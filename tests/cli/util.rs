//! What every area of the end-to-end tests needs, written once: the repository's paths, the
//! binary cargo built, temporary folders, and reading back what a run wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root: the root package's manifest folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled codebook, `data/codebook.csv`.
pub fn codebook() -> PathBuf {
    root().join("data/codebook.csv")
}

/// The codebook's 19 statements in its order, written out here rather than read from it, so
/// that the waves the tests make do not depend on the file they are checked against.
pub const STATEMENTS: [&str; 19] = [
    "aut_1", "aut_2", "aut_3", "idn_1", "idn_2", "idn_3", "ped_1", "ped_2", "ped_3", "ped_4",
    "com_1", "com_2", "imp_1", "imp_2", "imp_3", "ops_1", "ops_2", "out_1", "out_2",
];

/// A valid wave 2017 of `trusts` trusts (`T0`, `T1`, ...) with `per` responses each (`R1`,
/// `R2`, ...), every statement answered with a code, LF line ends.
pub fn wave(trusts: usize, per: usize) -> String {
    let mut s = format!("response_id,trust_id,wave,role,{}\n", STATEMENTS.join(","));
    let mut id = 0;
    for t in 0..trusts {
        for r in 0..per {
            id += 1;
            let answers: Vec<String> = (0..19)
                .map(|j| ((t * 7 + r + j) % 5 + 1).to_string())
                .collect();
            s.push_str(&format!("R{id},T{t},2017,teacher,{}\n", answers.join(",")));
        }
    }
    s
}

/// The fewest restarts, resamples and reference sets worth running, for tests that check what a
/// run writes rather than which clusters it finds.
pub const FASTEST: [&str; 8] = [
    "--bootstrap",
    "20",
    "--gap-refs",
    "5",
    "--restarts",
    "5",
    "--respondent-bootstrap",
    "20",
];

/// The `matcluster` binary cargo built for these tests. `RUST_BACKTRACE` is removed so that what
/// it prints does not depend on the caller's environment.
pub fn matcluster() -> Command {
    let mut c = Command::cargo_bin("matcluster").unwrap();
    c.env_remove("RUST_BACKTRACE");
    c
}

/// `matcluster <name> --codebook data/codebook.csv`, for the test to add the rest.
pub fn command(name: &str) -> Command {
    let mut c = matcluster();
    c.args([name, "--codebook"]).arg(codebook());
    c
}

/// What a finished command printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Writes `bytes` to `dir/name` and returns its path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    p
}

/// A file's bytes.
pub fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A text file's contents.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A JSON file (a manifest, a model).
pub fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&read_bytes(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir`: its path relative to `dir`, with `/` between folders, and its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, read_bytes(&p));
            }
        }
    }
    out
}

/// A CSV's header and rows, every cell as text.
pub fn table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// A CSV's rows, each a map from column name to cell.
pub fn records(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let (header, rows) = table(bytes);
    rows.into_iter()
        .map(|row| header.iter().cloned().zip(row).collect())
        .collect()
}

/// A CSV file's rows, each a map from column name to cell.
pub fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    records(&read_bytes(path))
}
