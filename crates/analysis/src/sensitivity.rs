//! Whether the clusters survive the study's own choices: the analysis re-run with each response
//! threshold from 3 to 10, and with each theme's statements left out in turn, each compared with
//! the run's own clusters on the trusts analysed in both.

use aggregate::{AggregateError, Aggregation, ScoreTable};
use cluster::{Array2, ClusterError, GapParams, KMeansParams};

use crate::AnalysisError;
use survey::{Codebook, Survey};

use crate::settings::{KChoice, ValidSettings};

/// The response thresholds tried.
pub const THRESHOLDS: std::ops::RangeInclusive<usize> = 3..=10;

/// What one re-run changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// `--min-responses` set to this.
    MinResponses(usize),
    /// This theme's statements left out.
    LeaveOutTheme(String),
}

impl Change {
    /// `sensitivity.csv`'s `change` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::MinResponses(_) => "min_responses",
            Change::LeaveOutTheme(_) => "leave_out_theme",
        }
    }

    /// `sensitivity.csv`'s `value` column.
    pub fn value(&self) -> String {
        match self {
            Change::MinResponses(m) => m.to_string(),
            Change::LeaveOutTheme(t) => t.clone(),
        }
    }
}

/// Why a re-run was not clustered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotClustered {
    /// Fewer trusts than clusters (or than two).
    TooFewTrusts,
    /// Leaving the theme out leaves no statement.
    NoStatementsLeft,
}

/// A trust the run analysed that is in another cluster in a re-run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub trust_id: String,
    /// Its cluster in the run (0-based).
    pub from: usize,
    /// Its cluster in the re-run, renumbered to the run's (0-based); at or above the run's k, a
    /// cluster the run does not have.
    pub to: usize,
}

/// One re-run, compared with the run's own clusters.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityRow {
    pub change: Change,
    /// Whether this re-run is the run itself (its own threshold): a check that it reproduces.
    pub is_base: bool,
    /// Trusts analysed in the re-run (a count only: at a lower threshold it includes trusts the
    /// run does not analyse, which are never named).
    pub trusts_analysed: usize,
    /// The clusters of the re-run; `None` when it was not clustered (`not_clustered` says why).
    pub k: Option<usize>,
    pub not_clustered: Option<NotClustered>,
    /// Trusts analysed both in the run and in the re-run.
    pub in_both: usize,
    /// Adjusted Rand index of the two partitions of those trusts.
    pub ari_vs_base: Option<f64>,
    /// Those of them in another cluster in the re-run, its clusters matched to the run's by
    /// overlap; sorted by id.
    pub moved: Vec<Moved>,
}

/// Every re-run, thresholds first, then themes in column order. `labels` are the run's clusters
/// of `agg`'s trusts, `k` its number of clusters.
pub fn sensitivity(
    survey: &Survey,
    codebook: &Codebook,
    agg: &Aggregation,
    settings: &ValidSettings,
    labels: &[usize],
    k: usize,
) -> Result<Vec<SensitivityRow>, AnalysisError> {
    let base = Base {
        scores: &agg.scores,
        labels,
        k,
        settings,
    };
    let mut rows = Vec::new();
    for m in THRESHOLDS {
        let params = settings
            .aggregate_params(Some(agg.wave.clone()))
            .with_min_responses(m)
            .expect("thresholds from 3 are valid");
        let change = Change::MinResponses(m);
        let row = match aggregate::aggregate(survey, codebook, &params) {
            Ok(other) => {
                let cols: Vec<usize> = (0..other.scores.cols()).collect();
                base.compare(change, &other.scores, &cols)?
            }
            // Too few trusts to go on: counted, but not which (a threshold above the run's
            // keeps a subset of its trusts; below, the count is all that may be said).
            Err(AggregateError::TooFewTrusts { analysed, .. }) => SensitivityRow {
                in_both: if m >= settings.min_responses {
                    analysed
                } else {
                    0
                },
                ..base.not_clustered(change, analysed, NotClustered::TooFewTrusts)
            },
            Err(e) => return Err(e.into()),
        };
        rows.push(SensitivityRow {
            is_base: m == settings.min_responses,
            ..row
        });
    }
    let s = &agg.scores;
    for theme in s.distinct_themes() {
        let kept: Vec<usize> = (0..s.cols()).filter(|c| &s.themes[*c] != theme).collect();
        let change = Change::LeaveOutTheme(theme.clone());
        rows.push(if kept.is_empty() {
            SensitivityRow {
                in_both: s.rows(),
                ..base.not_clustered(change, s.rows(), NotClustered::NoStatementsLeft)
            }
        } else {
            base.compare(change, s, &kept)?
        });
    }
    Ok(rows)
}

struct Base<'a> {
    scores: &'a ScoreTable,
    labels: &'a [usize],
    k: usize,
    settings: &'a ValidSettings,
}

impl Base<'_> {
    fn not_clustered(
        &self,
        change: Change,
        trusts_analysed: usize,
        why: NotClustered,
    ) -> SensitivityRow {
        SensitivityRow {
            change,
            is_base: false,
            trusts_analysed,
            k: None,
            not_clustered: Some(why),
            in_both: 0,
            ari_vs_base: None,
            moved: Vec::new(),
        }
    }

    /// Clusters `other`'s trusts on its columns `cols` (z-scores are per statement, so leaving
    /// statements out needs no new standardisation), with the run's k (capped at the trusts) or,
    /// for `--k auto`, the k the gap statistic picks there.
    fn compare(
        &self,
        change: Change,
        other: &ScoreTable,
        cols: &[usize],
    ) -> Result<SensitivityRow, ClusterError> {
        let n = other.rows();
        let x = Array2::from_shape_fn((n, cols.len()), |(r, c)| {
            other.z[r * other.cols() + cols[c]]
        });
        let s = self.settings;
        // Trusts in both, as (row here, row there): both tables are sorted by id.
        let both: Vec<(usize, usize)> = self
            .scores
            .trust_ids
            .iter()
            .enumerate()
            .filter_map(|(i, id)| other.trust_ids.binary_search(id).ok().map(|j| (i, j)))
            .collect();
        let in_both = both.len();
        let k = match s.k {
            KChoice::Fixed(_) if n < self.k => {
                return Ok(SensitivityRow {
                    in_both,
                    ..self.not_clustered(change, n, NotClustered::TooFewTrusts)
                })
            }
            KChoice::Fixed(_) => self.k,
            KChoice::Auto => {
                let p = GapParams::new(s.k_max.min(n))
                    .refs(s.gap_refs)
                    .restarts(s.gap_restarts)
                    .seed(s.seed)
                    .check()?;
                cluster::gap_statistic(x.view(), &p, &|_| {})?.k_first_se_max
            }
        };
        let p = KMeansParams::new(k)
            .restarts(s.restarts)
            .seed(s.seed)
            .check()?;
        let fit = cluster::fit(x.view(), &other.trust_ids, &p)?;

        let mine: Vec<usize> = both.iter().map(|&(i, _)| self.labels[i]).collect();
        let theirs: Vec<usize> = both.iter().map(|&(_, j)| fit.labels[j]).collect();
        let to_mine = cluster::match_by_overlap(&mine, &theirs, self.k.max(k));
        let moved = both
            .iter()
            .zip(mine.iter().zip(&theirs))
            .filter(|(_, (m, t))| to_mine[**t] != **m)
            .map(|(&(i, _), (m, t))| Moved {
                trust_id: self.scores.trust_ids[i].clone(),
                from: *m,
                to: to_mine[*t],
            })
            .collect();
        Ok(SensitivityRow {
            change,
            is_base: false,
            trusts_analysed: n,
            k: Some(k),
            not_clustered: None,
            in_both,
            ari_vs_base: (in_both > 0).then(|| cluster::adjusted_rand_index(&mine, &theirs)),
            moved,
        })
    }
}
