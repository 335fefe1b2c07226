//! Reading back the files of an earlier run's output folder that `compare` needs.

use std::collections::BTreeMap;
use std::path::Path;

use profiles::Plane;

use crate::compare::RunClusters;
use crate::error::RunFolderError;
use crate::model::Model;

/// The files of one run that `compare` reads, as bytes (hashed for the manifest as they are).
pub struct RunFiles {
    /// How the run is named in messages (its folder).
    pub name: String,
    pub model: Vec<u8>,
    pub trusts: Vec<u8>,
    pub trust_scores: Vec<u8>,
}

/// The file names [`RunFiles`] reads, in its field order.
pub const RUN_FILES: [&str; 3] = ["model.json", "trusts.csv", "trust_scores.csv"];

impl RunFiles {
    pub fn read(dir: &Path) -> Result<RunFiles, RunFolderError> {
        let get = |f: &str| {
            let p = dir.join(f);
            std::fs::read(&p).map_err(|source| RunFolderError::Unreadable {
                path: p.display().to_string(),
                source,
            })
        };
        Ok(RunFiles {
            name: dir.display().to_string(),
            model: get(RUN_FILES[0])?,
            trusts: get(RUN_FILES[1])?,
            trust_scores: get(RUN_FILES[2])?,
        })
    }

    /// Parses and checks the files: the model, each analysed trust's cluster and z-scores.
    pub fn parse(&self) -> Result<Run, RunFolderError> {
        let model_name = format!("{}/model.json", self.name);
        let model = Model::parse_file(&model_name, &self.model)?;
        let trusts_name = format!("{}/trusts.csv", self.name);
        let mut clusters = BTreeMap::new();
        let needed = ["trust_id", "analysed", "cluster"];
        for (line, row) in csv_rows(&trusts_name, &self.trusts, &needed)? {
            if row["analysed"] != "true" {
                continue;
            }
            let c: usize = row["cluster"]
                .parse()
                .map_err(|_| RunFolderError::NotANumber {
                    file: trusts_name.clone(),
                    line,
                    column: "cluster",
                    value: row["cluster"].clone(),
                })?;
            clusters.insert(row["trust_id"].clone(), c);
        }
        let scores_name = format!("{}/trust_scores.csv", self.name);
        let mut z: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
        let mut themes = BTreeMap::new();
        let needed = ["trust_id", "item_id", "theme", "z"];
        for (line, row) in csv_rows(&scores_name, &self.trust_scores, &needed)? {
            let v: f64 = row["z"].parse().map_err(|_| RunFolderError::NotANumber {
                file: scores_name.clone(),
                line,
                column: "z",
                value: row["z"].clone(),
            })?;
            z.entry(row["trust_id"].clone())
                .or_default()
                .insert(row["item_id"].clone(), v);
            themes.insert(row["item_id"].clone(), row["theme"].clone());
        }
        Ok(Run {
            wave: model.wave.clone(),
            clusters: RunClusters { model, clusters },
            z,
            themes,
        })
    }
}

/// An earlier run's folder: its files as read (hashed for a manifest) and parsed.
pub struct RunFolder {
    pub files: RunFiles,
    pub run: Run,
}

impl RunFolder {
    pub fn read(dir: &Path) -> Result<RunFolder, RunFolderError> {
        RunFolder::parse(RunFiles::read(dir)?)
    }

    pub fn parse(files: RunFiles) -> Result<RunFolder, RunFolderError> {
        let run = files.parse()?;
        Ok(RunFolder { files, run })
    }
}

/// A run read back: its clusters and its trusts' z-scores.
pub struct Run {
    pub wave: String,
    pub clusters: RunClusters,
    /// trust -> item -> z
    pub z: BTreeMap<String, BTreeMap<String, f64>>,
    /// item -> theme
    pub themes: BTreeMap<String, String>,
}

impl Run {
    /// A trust's position on `plane` from its z-scores on `items` (NaN if it has none).
    pub fn position(&self, trust_id: &str, items: &[String], plane: &Plane) -> (f64, f64) {
        let Some(z) = self.z.get(trust_id) else {
            return (f64::NAN, f64::NAN);
        };
        // In the order of the item ids, as the file lists them.
        let mut values = Vec::new();
        let (mut ids, mut themes) = (Vec::new(), Vec::new());
        for (item, v) in z.iter().filter(|(item, _)| items.contains(item)) {
            if let Some(theme) = self.themes.get(item) {
                values.push(*v);
                ids.push(item.clone());
                themes.push(theme.clone());
            }
        }
        if values.is_empty() {
            return (f64::NAN, f64::NAN);
        }
        plane.position(&values, &ids, &themes)
    }
}

/// Rows of a CSV file as maps by column name, with their physical line numbers.
type Rows = Vec<(u64, BTreeMap<String, String>)>;

fn csv_rows(name: &str, bytes: &[u8], needed: &[&'static str]) -> Result<Rows, RunFolderError> {
    let mut r = csv::ReaderBuilder::new().from_reader(bytes);
    let header: Vec<String> = r
        .headers()
        .map_err(|e| RunFolderError::Csv {
            file: name.to_string(),
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(str::to_string)
        .collect();
    if let Some(missing) = needed.iter().find(|n| !header.iter().any(|h| h == *n)) {
        return Err(RunFolderError::MissingColumn {
            file: name.to_string(),
            column: missing,
        });
    }
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.map_err(|e| RunFolderError::Csv {
            file: name.to_string(),
            line,
            message: e.to_string(),
        })?;
        let row = header
            .iter()
            .cloned()
            .zip(rec.iter().map(str::to_string))
            .collect();
        out.push((line, row));
    }
    Ok(out)
}
