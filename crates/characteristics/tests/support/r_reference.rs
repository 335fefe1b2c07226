//! R's reference values (`tests/reference/characteristics/characteristics_R.txt`, the format in
//! that folder's README), read once here for every test that checks against them: the crate's
//! reference tests, its Kruskal-Wallis unit tests and the end-to-end replication test include
//! this file with `#[path]`.
// Each includer uses part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;

/// One block of the reference file: `kw`, `ffh` or `holm`, its name, and its keyed lines.
pub struct Case {
    pub kind: String,
    pub name: String,
    pub lines: BTreeMap<String, Vec<String>>,
    /// `group G n median q1 q3 mean` lines, by G.
    pub groups: BTreeMap<usize, Vec<f64>>,
}

impl Case {
    pub fn nums(&self, key: &str) -> Vec<f64> {
        self.lines[key].iter().map(|t| t.parse().unwrap()).collect()
    }

    pub fn num(&self, key: &str) -> Option<f64> {
        self.lines.get(key).map(|t| t[0].parse().unwrap())
    }

    /// The `groups` line as 0-based labels, and k (the largest label + 1).
    pub fn labels(&self) -> (Vec<usize>, usize) {
        let labels: Vec<usize> = self
            .nums("groups")
            .iter()
            .map(|g| *g as usize - 1)
            .collect();
        let k = labels.iter().max().map_or(0, |m| m + 1);
        (labels, k)
    }
}

pub fn cases() -> Vec<Case> {
    // From the characteristics crate, or from the root package (the end-to-end tests).
    let path = [
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../",
            "tests/reference/characteristics/characteristics_R.txt"
        ),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/",
            "tests/reference/characteristics/characteristics_R.txt"
        ),
    ]
    .into_iter()
    .find(|p| std::path::Path::new(p).exists())
    .expect("tests/reference/characteristics/characteristics_R.txt");
    let text = std::fs::read_to_string(path).expect("the R reference file");
    let mut out = Vec::new();
    let mut current: Option<Case> = None;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut words = line.split(' ').map(str::to_string);
        let key = words.next().unwrap();
        let rest: Vec<String> = words.collect();
        match (key.as_str(), current.as_mut()) {
            ("end", _) => out.push(current.take().unwrap()),
            ("kw" | "ffh" | "holm", None) => {
                current = Some(Case {
                    kind: key,
                    name: rest.join(" "),
                    lines: BTreeMap::new(),
                    groups: BTreeMap::new(),
                })
            }
            ("group", Some(c)) => {
                let nums: Vec<f64> = rest.iter().map(|x| x.parse().unwrap()).collect();
                c.groups.insert(nums[0] as usize, nums[1..].to_vec());
            }
            (_, Some(c)) => {
                c.lines.insert(key, rest);
            }
            _ => panic!("unexpected line {line:?}"),
        }
    }
    assert!(current.is_none(), "an unfinished block");
    out
}
