//! `model.json`: everything `assign` needs to place a later wave's trusts into these clusters
//! without refitting: the items, the standardisation, the exact centroids and the names.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelItem {
    pub item_id: String,
    pub theme: String,
    /// Mean and sample sd (n-1) of the trust means across the analysed trusts of the fitted wave.
    pub mean: f64,
    pub sd: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelCluster {
    /// 1 = the largest cluster.
    pub cluster: usize,
    pub name: String,
    pub size: usize,
    /// Centroid in z-space, one value per item in `items` order.
    pub centroid: Vec<f64>,
    pub higher_themes: Vec<String>,
    pub lower_themes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub format: String,
    pub version: String,
    pub wave: String,
    pub k: usize,
    pub seed: u64,
    pub restarts: usize,
    pub min_responses: usize,
    pub wss: f64,
    pub codebook_sha256: String,
    pub items: Vec<ModelItem>,
    pub clusters: Vec<ModelCluster>,
}

/// The `format` tag of model files this version writes and reads.
pub const MODEL_FORMAT: &str = "matcluster-model/1";

impl Model {
    pub fn to_json(&self) -> Vec<u8> {
        // Shortest round-trip floats (serde_json uses ryu): assign must see the exact centroids.
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }

    pub fn from_json(bytes: &[u8]) -> Result<Model, serde_json::Error> {
        serde_json::from_slice(bytes)
    }
}
