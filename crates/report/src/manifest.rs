use serde::Serialize;
use std::collections::BTreeMap;

/// One input file: its own name (never an absolute path), its SHA-256 and data rows.
#[derive(Clone, Debug, Serialize)]
pub struct InputFile {
    pub file: String,
    pub sha256: String,
    pub rows: usize,
    pub separator: String,
}

/// What a run read, with which settings and version, and what it counted. No clock and no
/// absolute path, so the same run always writes the same bytes.
#[derive(Clone, Debug, Serialize)]
pub struct Manifest {
    pub tool: &'static str,
    pub version: String,
    pub command: String,
    pub parameters: BTreeMap<String, serde_json::Value>,
    pub inputs: Vec<InputFile>,
    pub codebook: InputFile,
    pub counts: BTreeMap<String, usize>,
    pub exclusions: BTreeMap<String, usize>,
    pub outputs: Vec<String>,
    pub notes: Vec<String>,
}

impl Manifest {
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }
}
