//! The plane chart's two axes. The study drew each trust by its focus on autonomy against its
//! focus on teaching and pedagogy; another instrument may lack those themes, and then the first
//! two principal components of the z matrix show the most of the spread any plane can (as
//! factoextra's `fviz_cluster` does). `--axes` picks any two themes.

use serde::{Deserialize, Serialize};

use crate::profile::theme_mean;

/// The study's axes, and the file stem the contract gives their chart.
pub const STUDY_AXES: (&str, &str) = ("autonomy", "teaching_pedagogy");
pub const STUDY_STEM: &str = "autonomy_vs_pedagogy";
/// The stem of the chart on any other axes.
pub const PLANE_STEM: &str = "plane";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Plane {
    /// A unit's mean z over each theme's statements.
    Themes { x: String, y: String },
    /// The first two principal components of the z matrix: each statement's loading, and the
    /// share of the variance each component holds.
    Components {
        share: [f64; 2],
        loadings: Vec<Loading>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loading {
    pub item: String,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum AxesError {
    #[error("theme {theme:?} has no statements in the codebook (its themes: {themes})")]
    UnknownTheme { theme: String, themes: String },
    #[error("the two axes must be two different themes (got {0:?} twice)")]
    SameTheme(String),
}

impl Plane {
    /// The axes of a run. `requested` (from `--axes`) must name two statement themes of the
    /// codebook (`themes`); by default the study's two when the data have both, else the
    /// principal components of `z` (a row per unit, a column per item of `items`).
    pub fn choose(
        requested: Option<(&str, &str)>,
        themes: &[String],
        data_themes: &[String],
        items: &[String],
        z: cluster::ArrayView2<f64>,
    ) -> Result<Plane, AxesError> {
        if let Some((x, y)) = requested {
            Plane::check_axes(x, y, themes)?;
            return Ok(Plane::Themes {
                x: x.into(),
                y: y.into(),
            });
        }
        let (x, y) = STUDY_AXES;
        if data_themes.iter().any(|t| t == x) && data_themes.iter().any(|t| t == y) {
            return Ok(Plane::Themes {
                x: x.into(),
                y: y.into(),
            });
        }
        Ok(components(items, z))
    }

    /// `--axes X,Y` against the codebook's statement themes, before any data is read.
    pub fn check_axes(x: &str, y: &str, themes: &[String]) -> Result<(), AxesError> {
        for t in [x, y] {
            if !themes.iter().any(|have| have == t) {
                return Err(AxesError::UnknownTheme {
                    theme: t.to_string(),
                    themes: themes.join(", "),
                });
            }
        }
        if x == y {
            return Err(AxesError::SameTheme(x.to_string()));
        }
        Ok(())
    }

    /// The axes as `--axes` would name them, or `components` (for the manifest).
    pub fn spec(&self) -> String {
        match self {
            Plane::Themes { x, y } => format!("{x},{y}"),
            Plane::Components { .. } => "components".to_string(),
        }
    }

    /// A unit's position: `values` are its z-scores on `items`, whose themes are `themes`.
    /// Statements the plane does not know are left out (a later wave may have fewer).
    pub fn position(&self, values: &[f64], items: &[String], themes: &[String]) -> (f64, f64) {
        match self {
            Plane::Themes { x, y } => {
                (theme_mean(values, themes, x), theme_mean(values, themes, y))
            }
            Plane::Components { loadings, .. } => {
                let (mut px, mut py) = (0.0, 0.0);
                for (v, item) in values.iter().zip(items) {
                    if let Some(l) = loadings.iter().find(|l| &l.item == item) {
                        px += l.x * v;
                        py += l.y * v;
                    }
                }
                (px, py)
            }
        }
    }

    /// The chart's file stem: the contract's name for the study's axes, else `plane`.
    pub fn stem(&self) -> &'static str {
        match self {
            Plane::Themes { x, y } if (x.as_str(), y.as_str()) == STUDY_AXES => STUDY_STEM,
            _ => PLANE_STEM,
        }
    }

    /// The axis titles, themes read by `label`.
    pub fn axis_titles(&self, label: &dyn Fn(&str) -> String) -> (String, String) {
        match self {
            Plane::Themes { x, y } => {
                let t = |theme: &str| {
                    format!("Focus on {} (mean z)", crate::mid_sentence(&label(theme)))
                };
                (t(x), t(y))
            }
            Plane::Components { share, .. } => {
                let t = |c: usize| {
                    format!(
                        "Component {} ({:.1}% of the variance)",
                        c + 1,
                        share[c] * 100.0
                    )
                };
                (t(0), t(1))
            }
        }
    }

    /// What the axes are, after the units in a title: "by focus on autonomy and on teaching
    /// and pedagogy", "on the first two principal components of their z-scores".
    pub fn describe(&self, label: &dyn Fn(&str) -> String) -> String {
        match self {
            Plane::Themes { x, y } => format!(
                "by focus on {} and on {}",
                crate::mid_sentence(&label(x)),
                crate::mid_sentence(&label(y))
            ),
            Plane::Components { .. } => {
                "on the first two principal components of their z-scores".to_string()
            }
        }
    }
}

/// The first two principal components of the z matrix (`prcomp(z)`), signed as
/// [`cluster::principal_components`] signs them. With one statement the second axis is flat.
fn components(items: &[String], z: cluster::ArrayView2<f64>) -> Plane {
    let p = items.len();
    let pcs = cluster::principal_components(z);
    let axis = |j: usize, c: usize| if c < p { pcs.axes[j * p + c] } else { 0.0 };
    let share = |c: usize| {
        if c < p && pcs.variances.iter().sum::<f64>() > 0.0 {
            pcs.share(c)
        } else {
            0.0
        }
    };
    Plane::Components {
        share: [share(0), share(1)],
        loadings: items
            .iter()
            .enumerate()
            .map(|(j, item)| Loading {
                item: item.clone(),
                x: axis(j, 0),
                y: axis(j, 1),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn study_axes_by_default_components_without_them() {
        let themes = s(&["autonomy", "teaching_pedagogy", "community"]);
        let items = s(&["a", "t", "c"]);
        let z = [1.0, -1.0, 0.0, -1.0, 1.0, 0.5, 0.0, 0.0, -0.5];
        let m = cluster::ArrayView2::from_shape((3, 3), &z).unwrap();
        let p = Plane::choose(None, &themes, &themes, &items, m).unwrap();
        assert_eq!(p.stem(), "autonomy_vs_pedagogy");
        let p =
            Plane::choose(Some(("community", "autonomy")), &themes, &themes, &items, m).unwrap();
        assert_eq!(p.stem(), "plane");
        assert_eq!(p.position(&[1.0, 2.0, 3.0], &items, &themes), (3.0, 1.0));
        let other = s(&["leadership", "hostility", "hostility"]);
        let p = Plane::choose(None, &other, &other, &items, m).unwrap();
        let Plane::Components { share, loadings } = &p else {
            panic!("{p:?}")
        };
        assert_eq!(p.stem(), "plane");
        assert!(
            (share[0] + share[1] - 1.0).abs() < 1e-12,
            "rank 2: {share:?}"
        );
        // A unit's position is its z-scores times the loadings.
        let (x, _) = p.position(&z[0..3], &items, &other);
        let want: f64 = loadings.iter().zip(&z[0..3]).map(|(l, v)| l.x * v).sum();
        assert_eq!(x, want);
        assert_eq!(
            Plane::choose(Some(("x", "autonomy")), &themes, &themes, &items, m),
            Err(AxesError::UnknownTheme {
                theme: "x".into(),
                themes: "autonomy, teaching_pedagogy, community".into()
            })
        );
        assert_eq!(
            Plane::choose(Some(("autonomy", "autonomy")), &themes, &themes, &items, m),
            Err(AxesError::SameTheme("autonomy".into()))
        );
    }
}
