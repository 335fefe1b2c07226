//! `model.json`: everything `assign` needs to place a later wave's trusts into these clusters
//! without refitting: the items, the standardisation, the exact centroids and the names.

use std::collections::{BTreeMap, BTreeSet};

use analysis::Analysis;
use profiles::{Plane, STUDY_AXES};
use serde::{Deserialize, Serialize};

use crate::error::{CodebookMismatch, ModelError, ModelFileError};

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
    /// The plane chart's axes, so that `assign` and `compare` draw later waves on the same
    /// plane. Absent from models of earlier versions, which drew the study's two themes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plane: Option<Plane>,
    /// How each theme reads (the codebook's `theme_label`), for the charts' axes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub theme_labels: BTreeMap<String, String>,
    /// What the run called its units (`--unit`, as given: `company`, `child,children`), so
    /// that `assign` and `compare` call them the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
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

    /// Parses and checks the bytes of the model file `file` (named in errors).
    pub fn parse_file(file: &str, bytes: &[u8]) -> Result<Model, ModelFileError> {
        let model = Model::from_json(bytes).map_err(|e| ModelFileError::NotAModel {
            file: file.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        model.check().map_err(|source| ModelFileError::BadModel {
            file: file.to_string(),
            source,
        })?;
        Ok(model)
    }
}

impl Model {
    /// The model of one analysis: its items with their standardisation, the exact centroids and
    /// the clusters' names. `codebook_sha256` ties it to the codebook it was fitted with.
    pub fn from_analysis(a: &Analysis, codebook_sha256: &str) -> Model {
        let s = &a.agg.scores;
        Model {
            format: MODEL_FORMAT.to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            wave: a.agg.wave.clone(),
            k: a.k,
            seed: a.settings.seed,
            restarts: a.settings.restarts,
            min_responses: a.settings.min_responses,
            wss: a.fit.wss,
            codebook_sha256: codebook_sha256.to_string(),
            items: (0..s.cols())
                .map(|c| ModelItem {
                    item_id: s.item_ids[c].clone(),
                    theme: s.themes[c].clone(),
                    mean: s.item_mean[c],
                    sd: s.item_sd[c],
                })
                .collect(),
            clusters: a
                .clusters
                .iter()
                .enumerate()
                .map(|(c, cl)| ModelCluster {
                    cluster: cl.cluster,
                    name: cl.name.clone(),
                    size: cl.size,
                    centroid: a.fit.centroids.row(c).to_vec(),
                    higher_themes: cl.higher_themes.clone(),
                    lower_themes: cl.lower_themes.clone(),
                })
                .collect(),
            plane: Some(a.plane.clone()),
            theme_labels: s
                .themes
                .iter()
                .map(|t| (t.clone(), a.theme_label(t)))
                .collect(),
            unit: None,
        }
    }

    /// The plane the fitted run was drawn on (the study's two themes for a model of an earlier
    /// version, the only plane it drew).
    pub fn plane(&self) -> Plane {
        self.plane.clone().unwrap_or_else(|| Plane::Themes {
            x: STUDY_AXES.0.into(),
            y: STUDY_AXES.1.into(),
        })
    }

    /// How a theme reads: its saved label. A model of an earlier version saved none; it was
    /// fitted with the study's codebook or one like it, whose labels are the fallback.
    pub fn theme_label(&self, theme: &str) -> String {
        match self.theme_labels.get(theme) {
            Some(label) => label.clone(),
            None => survey::Codebook::study().theme_label(theme),
        }
    }

    /// What the fitted run called its units (`trust` before `--unit` existed).
    pub fn unit(&self) -> &str {
        self.unit.as_deref().unwrap_or("trust")
    }

    /// The name of the cluster numbered `cluster`, if the model has one.
    pub fn name_of(&self, cluster: usize) -> Option<&str> {
        let found = self.clusters.iter().find(|c| c.cluster == cluster);
        found.map(|c| c.name.as_str())
    }

    /// The name of the cluster numbered `cluster` (empty if there is none).
    pub fn cluster_name(&self, cluster: usize) -> String {
        self.name_of(cluster).unwrap_or_default().to_string()
    }
}

impl Model {
    /// The format tag and the shapes (k, one centroid value per item, finite numbers).
    pub fn check(&self) -> Result<(), ModelError> {
        if self.format != MODEL_FORMAT {
            return Err(ModelError::Format {
                found: self.format.clone(),
                expected: MODEL_FORMAT,
            });
        }
        let bad = |m: String| Err(ModelError::Inconsistent(m));
        if self.items.is_empty() || self.clusters.is_empty() {
            return bad("it has no items or no clusters".into());
        }
        if self.k != self.clusters.len() {
            return bad(format!(
                "k is {} but it lists {} clusters",
                self.k,
                self.clusters.len()
            ));
        }
        let mut ids = BTreeSet::new();
        for it in &self.items {
            if !ids.insert(it.item_id.as_str()) {
                return bad(format!("item {} is listed twice", it.item_id));
            }
            if !it.mean.is_finite() || !it.sd.is_finite() || it.sd < 0.0 {
                return bad(format!(
                    "item {} has mean {} and sd {}",
                    it.item_id, it.mean, it.sd
                ));
            }
        }
        let mut numbers = BTreeSet::new();
        for c in &self.clusters {
            if c.cluster == 0 || !numbers.insert(c.cluster) {
                return bad(format!("cluster number {} is 0 or repeated", c.cluster));
            }
            if c.centroid.len() != self.items.len() || c.centroid.iter().any(|v| !v.is_finite()) {
                return bad(format!(
                    "cluster {}'s centroid has {} values for {} items (or a value that is not a number)",
                    c.cluster,
                    c.centroid.len(),
                    self.items.len()
                ));
            }
        }
        Ok(())
    }

    /// Checks the model's items against the codebook's statements, given as (item id, theme).
    /// Every model item must be a statement of the same theme; codebook statements the model
    /// lacks are returned (a question added later: not used) and are not an error.
    pub fn check_codebook(&self, statements: &[(&str, &str)]) -> Result<Vec<String>, ModelError> {
        let codebook: BTreeMap<&str, &str> = statements.iter().copied().collect();
        let model: BTreeSet<&str> = self.items.iter().map(|i| i.item_id.as_str()).collect();
        let mut missing: Vec<String> = self
            .items
            .iter()
            .filter(|i| !codebook.contains_key(i.item_id.as_str()))
            .map(|i| i.item_id.clone())
            .collect();
        missing.sort();
        let extra: Vec<String> = codebook
            .keys()
            .filter(|k| !model.contains(*k))
            .map(|k| k.to_string())
            .collect();
        let theme_changed: Vec<(String, String, String)> = self
            .items
            .iter()
            .filter_map(|i| {
                codebook
                    .get(i.item_id.as_str())
                    .filter(|t| **t != i.theme)
                    .map(|t| (i.item_id.clone(), i.theme.clone(), t.to_string()))
            })
            .collect();
        if missing.is_empty() && theme_changed.is_empty() {
            Ok(extra)
        } else {
            Err(ModelError::Codebook(CodebookMismatch {
                missing_from_codebook: missing,
                extra_in_codebook: extra,
                theme_changed,
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::model;

    #[test]
    fn format_and_shapes_are_checked() {
        let mut m = model(&[("a", "x")], &[&[0.0], &[1.0]]);
        assert!(m.check().is_ok());
        m.format = "matcluster-model/0".into();
        assert!(matches!(m.check(), Err(ModelError::Format { .. })));
        let mut m = model(&[("a", "x")], &[&[0.0], &[1.0]]);
        m.clusters[1].centroid.push(2.0);
        assert!(matches!(m.check(), Err(ModelError::Inconsistent(_))));
        let mut m = model(&[("a", "x")], &[&[0.0]]);
        m.k = 2;
        assert!(matches!(m.check(), Err(ModelError::Inconsistent(_))));
    }

    #[test]
    fn a_model_of_an_earlier_version_reads_as_the_study_drew_it() {
        // Written before the plane, theme labels and unit were saved.
        let m = model(
            &[("aut_1", "autonomy"), ("ped_1", "teaching_pedagogy")],
            &[&[0.0, 1.0]],
        );
        let mut json: serde_json::Value = serde_json::from_slice(&m.to_json()).unwrap();
        for key in ["plane", "theme_labels", "unit"] {
            assert!(json.as_object_mut().unwrap().remove(key).is_none(), "{key}");
        }
        let old = Model::from_json(json.to_string().as_bytes()).unwrap();
        assert_eq!(old.plane().stem(), "autonomy_vs_pedagogy");
        assert_eq!(
            old.theme_label("teaching_pedagogy"),
            "Teaching and pedagogy"
        );
        assert_eq!(old.unit(), "trust");
        // A new model keeps what it was given.
        let mut new = old.clone();
        new.unit = Some("company".into());
        new.theme_labels.insert("autonomy".into(), "Freedom".into());
        let back = Model::from_json(&new.to_json()).unwrap();
        assert_eq!(
            (back.unit(), back.theme_label("autonomy").as_str()),
            ("company", "Freedom")
        );
    }

    #[test]
    fn codebook_mismatch_names_the_items() {
        let m = model(&[("a", "x"), ("b", "y"), ("old", "y")], &[&[0.0, 0.0, 0.0]]);
        // An added statement is fine, and reported.
        assert_eq!(
            m.check_codebook(&[("a", "x"), ("b", "y"), ("old", "y"), ("new", "z")])
                .unwrap(),
            vec!["new"]
        );
        let err = m
            .check_codebook(&[("a", "x"), ("b", "z"), ("renamed", "y")])
            .unwrap_err();
        let ModelError::Codebook(mm) = &err else {
            panic!("{err}")
        };
        assert_eq!(mm.missing_from_codebook, vec!["old"]);
        assert_eq!(mm.extra_in_codebook, vec!["renamed"]);
        assert_eq!(
            mm.theme_changed,
            vec![("b".to_string(), "y".to_string(), "z".to_string())]
        );
        let msg = err.to_string();
        assert!(
            msg.contains("old") && msg.contains("renamed") && msg.contains("aliases"),
            "{msg}"
        );
    }
}
