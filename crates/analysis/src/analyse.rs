//! Fitting k = 1..k_max, the indices, the gap statistic, bootstrap stability, Ward's hierarchy
//! and PAM beside k-means, and profiles.

use aggregate::Aggregation;
use cluster::{Array2, BootParams, ClusterError, GapParams, KMeansFit, KMeansParams};
use survey::{Codebook, Survey};

use crate::result::{Analysis, KRow};
use crate::settings::{KChoice, ValidSettings};

/// Progress of the long steps (gap references, bootstrap resamples). The library never prints;
/// the binary draws bars.
pub trait Progress: Sync {
    fn begin(&self, what: &'static str, len: u64);
    fn advance(&self, n: u64);
    fn end(&self);
}

/// No progress shown.
pub struct Silent;

impl Progress for Silent {
    fn begin(&self, _: &'static str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn end(&self) {}
}

#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error("k = {k} is more than the {trusts} analysed trusts")]
    KAboveTrusts { k: usize, trusts: usize },
    #[error("clustering failed: {0}")]
    Cluster(#[from] ClusterError),
    /// A sensitivity re-run could not aggregate the wave at another threshold.
    #[error("a sensitivity re-run failed: {0}")]
    Aggregate(#[from] aggregate::AggregateError),
    /// `--axes` names a theme the codebook lacks, or one theme twice.
    #[error(transparent)]
    Axes(#[from] profiles::AxesError),
    /// The respondent bootstrap was asked for on an aggregation that did not keep the answers.
    #[error(
        "the respondent bootstrap needs the analysed trusts' answers: aggregate with keep_answers"
    )]
    NoAnswers,
}

/// The whole analysis of one aggregated wave with checked settings.
pub fn analyse<'a>(
    survey: &'a Survey,
    codebook: &'a Codebook,
    agg: &'a Aggregation,
    settings: ValidSettings,
    progress: &dyn Progress,
) -> Result<Analysis<'a>, AnalysisError> {
    let s = &agg.scores;
    let n = s.rows();
    // The score table is row-major trusts x items, so the shape always fits.
    let x =
        Array2::from_shape_vec((n, s.cols()), s.z.clone()).map_err(|_| ClusterError::EmptyData)?;
    let plane = profiles::Plane::choose(
        settings
            .axes
            .as_ref()
            .map(|(x, y)| (x.as_str(), y.as_str())),
        &codebook.themes(),
        &s.themes,
        &s.item_ids,
        x.view(),
    )?;
    let k_max = settings.k_max.min(n);
    if let KChoice::Fixed(k) = settings.k {
        if k > n {
            return Err(AnalysisError::KAboveTrusts { k, trusts: n });
        }
    }
    let fit_k = |k: usize| -> Result<KMeansFit, ClusterError> {
        let p = KMeansParams::new(k)
            .restarts(settings.restarts)
            .seed(settings.seed)
            .check()?;
        cluster::fit(x.view(), &s.trust_ids, &p)
    };

    // Every k from 1 to k_max, with the study's number of starts.
    let fits = (1..=k_max).map(fit_k).collect::<Result<Vec<_>, _>>()?;
    let gap_params = GapParams::new(k_max)
        .refs(settings.gap_refs)
        .seed(settings.seed)
        .restarts(settings.gap_restarts)
        .check()?;
    progress.begin("gap", settings.gap_refs as u64);
    let gap = cluster::gap_statistic(x.view(), &gap_params, &|d| progress.advance(d));
    progress.end();
    let gap = gap?;

    let k = match settings.k {
        KChoice::Fixed(k) => k,
        KChoice::Auto => gap.k_first_se_max,
    };
    let fit = match fits.get(k - 1) {
        Some(f) => f.clone(),
        None => fit_k(k)?,
    };
    let k_rows = k_rows(x.view(), &fits, &gap, k);
    let methods = cluster::other_methods(x.view(), &fit.labels, k)?;
    let silhouette = if k >= 2 && k < n {
        cluster::silhouette(x.view(), &fit.labels, k)
    } else {
        vec![0.0; n]
    };

    let boot_params = BootParams::new()
        .resamples(settings.bootstrap)
        .seed(settings.seed)
        .restarts(settings.boot_restarts)
        .check()?;
    progress.begin("bootstrap", settings.bootstrap as u64);
    let stability = cluster::bootstrap_stability(x.view(), &fit.labels, k, &boot_params, &|d| {
        progress.advance(d)
    });
    progress.end();
    let stability = stability?;
    let membership = respondent_bootstrap(&x, agg, &fit.labels, k, &settings, progress)?;
    let sensitivity = settings
        .sensitivity
        .then(|| crate::sensitivity(survey, codebook, agg, &settings, &fit.labels, k))
        .transpose()?;

    let profiles = profiles::theme_profiles(s, &fit.labels, k);
    let clusters = profiles::describe(&profiles, &fit.sizes, &|t| codebook.theme_label(t));
    let standardisation = profiles::standardisation(
        agg,
        &survey.standardisation_ids,
        &fit.labels,
        k,
        settings.min_cell,
    );
    let alignment = profiles::alignment(agg, &fit.labels, k, settings.min_cell);
    Ok(Analysis {
        survey,
        codebook,
        agg,
        settings,
        k,
        fit,
        silhouette,
        k_rows,
        gap,
        stability,
        profiles,
        clusters,
        standardisation,
        alignment,
        plane,
        methods,
        membership,
        sensitivity,
        characteristics: None,
    })
}

/// Each analysed trust's respondents drawn again (as many as it has), its statement means and
/// the z-scores recomputed, the trusts re-clustered and matched to `labels`' clusters.
fn respondent_bootstrap(
    x: &Array2<f64>,
    agg: &Aggregation,
    labels: &[usize],
    k: usize,
    settings: &ValidSettings,
    progress: &dyn Progress,
) -> Result<Option<cluster::Membership>, AnalysisError> {
    if settings.respondent_bootstrap == 0 {
        return Ok(None);
    }
    if agg.answers.trusts() != agg.scores.rows() {
        return Err(AnalysisError::NoAnswers);
    }
    let params = BootParams::new()
        .resamples(settings.respondent_bootstrap)
        .seed(settings.seed)
        .restarts(settings.boot_restarts)
        .check()?;
    let s = &agg.scores;
    let resample = |pick: &mut dyn FnMut(usize) -> usize| {
        let means = agg.answers.resample_means(&s.mean, pick);
        let z = aggregate::standardise(&means, s.cols()).z;
        Array2::from_shape_vec(x.dim(), z).expect("the score table's shape")
    };
    progress.begin("respondent bootstrap", params.resamples() as u64);
    let m = cluster::membership_bootstrap(x.view(), labels, k, &params, &resample, &|d| {
        progress.advance(d)
    });
    progress.end();
    Ok(Some(m?))
}

/// The indices of every k tried; silhouette, Calinski-Harabasz and Davies-Bouldin are defined
/// for 2 <= k < n only.
fn k_rows(
    x: cluster::ArrayView2<f64>,
    fits: &[KMeansFit],
    gap: &cluster::GapResult,
    chosen: usize,
) -> Vec<KRow> {
    let n = x.nrows();
    fits.iter()
        .enumerate()
        .map(|(i, f)| {
            let k = i + 1;
            let (sil, ch, db) = if k >= 2 && k < n {
                let sil = cluster::silhouette(x, &f.labels, k);
                (
                    sil.iter().sum::<f64>() / n as f64,
                    cluster::calinski_harabasz(x, &f.labels, k),
                    cluster::davies_bouldin(x, &f.labels, k),
                )
            } else {
                (f64::NAN, f64::NAN, f64::NAN)
            };
            KRow {
                k,
                wss: f.wss,
                silhouette: sil,
                calinski_harabasz: ch,
                davies_bouldin: db,
                gap: gap.gap.get(i).copied().unwrap_or(f64::NAN),
                gap_se: gap.se.get(i).copied().unwrap_or(f64::NAN),
                chosen: k == chosen,
            }
        })
        .collect()
}
