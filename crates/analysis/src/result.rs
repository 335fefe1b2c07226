//! Everything the analysis of one wave found.

use aggregate::Aggregation;
use characteristics::{Characteristics, Clustered, CompareParams, TrustInfo};
use cluster::{GapResult, KMeansFit, Membership, OtherMethods, Stability};
use profiles::{AlignmentRow, ClusterSummary, StdRow, ThemeScore};
use survey::{Codebook, Survey};

use crate::sensitivity::SensitivityRow;
use crate::settings::ValidSettings;

/// One row of `k_selection.csv`: the indices of one k.
#[derive(Clone, Debug, PartialEq)]
pub struct KRow {
    pub k: usize,
    pub wss: f64,
    pub silhouette: f64,
    pub calinski_harabasz: f64,
    pub davies_bouldin: f64,
    pub gap: f64,
    pub gap_se: f64,
    pub chosen: bool,
}

/// The analysis of one wave, with the stages it was made from.
pub struct Analysis<'a> {
    pub survey: &'a Survey,
    pub codebook: &'a Codebook,
    pub agg: &'a Aggregation,
    pub settings: ValidSettings,
    /// The k used (fixed, or chosen by the gap statistic).
    pub k: usize,
    pub fit: KMeansFit,
    /// Per analysed trust, score-table order.
    pub silhouette: Vec<f64>,
    pub k_rows: Vec<KRow>,
    pub gap: GapResult,
    pub stability: Stability,
    pub profiles: Vec<ThemeScore>,
    pub clusters: Vec<ClusterSummary>,
    pub standardisation: Vec<StdRow>,
    pub alignment: Vec<AlignmentRow>,
    /// The plane chart's axes.
    pub plane: profiles::Plane,
    /// Ward's hierarchy and PAM on the same z matrix for the same k, matched to the k-means
    /// clusters.
    pub methods: OtherMethods,
    /// The respondent-level bootstrap (`None` with `--respondent-bootstrap 0`).
    pub membership: Option<Membership>,
    /// The re-runs at other thresholds and without each theme (`None` unless asked for).
    pub sensitivity: Option<Vec<SensitivityRow>>,
    /// The clusters compared on the trusts' characteristics (`None` without a trust-info
    /// file; set by [`Analysis::compare_characteristics`]).
    pub characteristics: Option<Characteristics>,
}

impl Analysis<'_> {
    /// Compares the clusters on the characteristics in `info`, with the run's seed and its
    /// smallest cell (a cluster with fewer trusts with a value shows nothing of that variable).
    pub fn compare_characteristics(&mut self, info: &TrustInfo) {
        let params = CompareParams {
            seed: self.settings.seed,
            min_cell: self.settings.min_cell,
            draws: characteristics::DRAWS,
            exact_budget: characteristics::EXACT_BUDGET,
        };
        let clustered = Clustered {
            wave: &self.agg.wave,
            trust_ids: &self.agg.scores.trust_ids,
            labels: &self.fit.labels,
            k: self.k,
        };
        self.characteristics = Some(characteristics::compare(info, &clustered, &params));
    }

    /// Each analysed trust's position on the plane chart (score-table order).
    pub fn plane_positions(&self) -> Vec<(f64, f64)> {
        let s = &self.agg.scores;
        s.z.chunks(s.cols().max(1))
            .map(|row| self.plane.position(row, &s.item_ids, &s.themes))
            .collect()
    }

    /// The respondent bootstrap's probability that analysed trust `r` (score-table order) is in
    /// its own cluster; `None` without the bootstrap.
    pub fn membership_probability(&self, r: usize) -> Option<f64> {
        let m = self.membership.as_ref()?;
        Some(m.probability[[r, self.fit.labels[r]]])
    }

    /// rwg(j) of analysed trust `r` (score-table order), when defined.
    pub fn rwg_j(&self, r: usize) -> Option<f64> {
        let id = &self.agg.scores.trust_ids[r];
        self.agg
            .trusts
            .iter()
            .find(|t| t.trust_id == *id)
            .and_then(|t| t.rwg_j)
    }

    /// How a theme reads (the codebook's `theme_label`).
    pub fn theme_label(&self, theme: &str) -> String {
        self.codebook.theme_label(theme)
    }

    /// Whether the codebook has items of this kind (standardisation areas, the alignment
    /// question): their tables, charts and sections exist only then.
    pub fn has_standardisation(&self) -> bool {
        !self.codebook.standardisation().is_empty()
    }

    pub fn has_alignment(&self) -> bool {
        self.codebook.alignment().is_some()
    }

    /// One line: what was read and how many units were clustered into how many clusters;
    /// `units` counts them in words ("17 trusts", "1 company").
    pub fn summary(&self, units: &dyn Fn(usize) -> String) -> String {
        let (rows, agg) = (self.survey.rows.len(), self.agg);
        let (all, analysed) = (units(agg.trusts.len()), units(agg.scores.rows()));
        let k = self.k;
        format!("{rows} responses from {all}; {analysed} analysed in {k} clusters")
    }

    /// Mean silhouette of the analysed trusts.
    pub fn mean_silhouette(&self) -> f64 {
        let s = &self.silhouette;
        s.iter().sum::<f64>() / s.len().max(1) as f64
    }

    /// Mean silhouette of the trusts of cluster `c` (0-based).
    pub fn cluster_silhouette(&self, c: usize) -> f64 {
        let labels = self.fit.labels.iter();
        let sil: Vec<f64> = labels
            .zip(&self.silhouette)
            .filter(|(l, _)| **l == c)
            .map(|(_, v)| *v)
            .collect();
        sil.iter().sum::<f64>() / sil.len().max(1) as f64
    }

    /// The preferred k of each index, for the honest sentence about whether they agree.
    pub fn preferred_k(&self) -> Vec<(&'static str, Option<usize>)> {
        let best = |f: &dyn Fn(&KRow) -> f64, max: bool| {
            self.k_rows
                .iter()
                .filter(|r| f(r).is_finite())
                .fold(None::<(usize, f64)>, |acc, r| {
                    let v = f(r);
                    match acc {
                        Some((_, b)) if (max && v <= b) || (!max && v >= b) => acc,
                        _ => Some((r.k, v)),
                    }
                })
                .map(|(k, _)| k)
        };
        vec![
            ("mean silhouette (highest)", best(&|r| r.silhouette, true)),
            (
                "Calinski-Harabasz (highest)",
                best(&|r| r.calinski_harabasz, true),
            ),
            (
                "Davies-Bouldin (lowest)",
                best(&|r| r.davies_bouldin, false),
            ),
            (
                "gap statistic, R's firstSEmax rule",
                Some(self.gap.k_first_se_max),
            ),
            (
                "gap statistic, Tibshirani et al. (2001) rule",
                Some(self.gap.k_tibs2001_se_max),
            ),
        ]
    }
}
