//! Small models and score tables for the unit tests.

use aggregate::ScoreTable;

use crate::model::{Model, ModelCluster, ModelItem, MODEL_FORMAT};

pub(crate) fn model(items: &[(&str, &str)], centroids: &[&[f64]]) -> Model {
    Model {
        format: MODEL_FORMAT.into(),
        version: "0".into(),
        wave: "2017".into(),
        k: centroids.len(),
        seed: 1,
        restarts: 1,
        min_responses: 5,
        wss: 0.0,
        codebook_sha256: String::new(),
        items: items
            .iter()
            .map(|(id, theme)| ModelItem {
                item_id: id.to_string(),
                theme: theme.to_string(),
                mean: 3.0,
                sd: 0.5,
            })
            .collect(),
        clusters: centroids
            .iter()
            .enumerate()
            .map(|(c, v)| ModelCluster {
                cluster: c + 1,
                name: format!("c{}", c + 1),
                size: 1,
                centroid: v.to_vec(),
                higher_themes: vec![],
                lower_themes: vec![],
            })
            .collect(),
        plane: None,
        theme_labels: Default::default(),
        unit: None,
    }
}

pub(crate) fn scores(items: &[&str], trusts: &[(&str, &[f64])]) -> ScoreTable {
    let mean: Vec<f64> = trusts.iter().flat_map(|(_, m)| m.iter().copied()).collect();
    ScoreTable {
        trust_ids: trusts.iter().map(|t| t.0.to_string()).collect(),
        item_ids: items.iter().map(|s| s.to_string()).collect(),
        themes: items.iter().map(|_| "t".to_string()).collect(),
        n: vec![5; mean.len()],
        z: vec![0.0; mean.len()],
        mean,
        item_mean: vec![0.0; items.len()],
        item_sd: vec![1.0; items.len()],
        responses: vec![5; trusts.len()],
    }
}
