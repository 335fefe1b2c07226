//! The clustering and profile stages for one wave: k-means at every k, the indices, the gap
//! statistic, bootstrap stability, profiles and cross-tabs.

use aggregate::Aggregation;
use cluster::{Array2, BootParams, GapParams, KMeansParams};
use indicatif::{ProgressBar, ProgressStyle};
use report::{Analysis, KRow, Settings};
use survey::{Codebook, Survey};

use crate::pipeline::Failure;

/// The number of clusters: fixed, or chosen by the gap statistic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KChoice {
    Fixed(usize),
    Auto,
}

impl KChoice {
    pub fn parse(raw: &str) -> Result<KChoice, String> {
        if raw.eq_ignore_ascii_case("auto") {
            return Ok(KChoice::Auto);
        }
        match raw.parse::<usize>() {
            Ok(k) if k >= 1 => Ok(KChoice::Fixed(k)),
            _ => Err(format!(
                "--k must be a whole number of at least 1, or auto (got {raw:?})"
            )),
        }
    }
}

/// A progress bar on standard error; indicatif draws nothing when that is not a terminal.
fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} ({elapsed})")
    {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_string());
    pb
}

fn cluster_err(e: cluster::ClusterError) -> Failure {
    Failure::Data(vec![format!("error: clustering failed: {e}")])
}

#[allow(clippy::too_many_arguments)]
pub fn analyse<'a>(
    command: &str,
    survey: &'a Survey,
    codebook: &'a Codebook,
    agg: &'a Aggregation,
    k_choice: KChoice,
    settings: Settings,
) -> Result<Analysis<'a>, Failure> {
    let s = &agg.scores;
    let n = s.rows();
    let x = Array2::from_shape_vec((n, s.cols()), s.z.clone())
        .map_err(|e| Failure::Data(vec![format!("error: {e}")]))?;
    let ids = &s.trust_ids;
    let k_max = settings.k_max.min(n);
    if let KChoice::Fixed(k) = k_choice {
        if k > n {
            return Err(Failure::Usage(format!(
                "--k {k} is more than the {n} analysed trusts"
            )));
        }
    }

    let fit_k = |k: usize, restarts: usize| {
        KMeansParams::new(k)
            .restarts(restarts)
            .seed(settings.seed)
            .check()
            .and_then(|p| cluster::fit(x.view(), ids, &p))
            .map_err(cluster_err)
    };

    // Every k from 1 to k_max, with the study's number of starts.
    let mut fits = Vec::new();
    for k in 1..=k_max {
        fits.push(fit_k(k, settings.restarts)?);
    }
    let pb = bar(settings.gap_refs as u64, "gap");
    let gap = cluster::gap_statistic(
        x.view(),
        &GapParams {
            k_max,
            refs: settings.gap_refs,
            seed: settings.seed,
            restarts: settings.gap_restarts,
        },
        &|d| pb.inc(d),
    )
    .map_err(cluster_err)?;
    pb.finish_and_clear();

    let (k, k_reason) = match k_choice {
        KChoice::Fixed(k) => (
            k,
            if command == "replicate" || k == 3 {
                format!("k = {k} is fixed by --k (the study's setting is 3); the indices below are reported so the choice can be judged.")
            } else {
                format!("k = {k} is fixed by --k; the indices below are reported so the choice can be judged.")
            },
        ),
        KChoice::Auto => (
            gap.k_first_se_max,
            format!(
                "k = {} is chosen by the gap statistic with R cluster::clusGap's default rule, firstSEmax (the smallest k whose gap is within one standard error of the first local maximum); the rule of Tibshirani, Walther and Hastie (2001) gives k = {}.",
                gap.k_first_se_max, gap.k_tibs2001_se_max
            ),
        ),
    };
    let fit = if k <= fits.len() {
        fits[k - 1].clone()
    } else {
        fit_k(k, settings.restarts)?
    };

    let k_rows: Vec<KRow> = fits
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let kk = i + 1;
            let (sil, ch, db) = if kk >= 2 && kk < n {
                let sil = cluster::silhouette(x.view(), &f.labels, kk);
                (
                    sil.iter().sum::<f64>() / n as f64,
                    cluster::calinski_harabasz(x.view(), &f.labels, kk),
                    cluster::davies_bouldin(x.view(), &f.labels, kk),
                )
            } else {
                (f64::NAN, f64::NAN, f64::NAN)
            };
            KRow {
                k: kk,
                wss: f.wss,
                silhouette: sil,
                calinski_harabasz: ch,
                davies_bouldin: db,
                gap: gap.gap.get(i).copied().unwrap_or(f64::NAN),
                gap_se: gap.se.get(i).copied().unwrap_or(f64::NAN),
                chosen: kk == k,
            }
        })
        .collect();
    let silhouette = if k >= 2 && k < n {
        cluster::silhouette(x.view(), &fit.labels, k)
    } else {
        vec![0.0; n]
    };

    let pb = bar(settings.bootstrap as u64, "bootstrap");
    let stability = cluster::bootstrap_stability(
        x.view(),
        &fit.labels,
        k,
        &BootParams {
            resamples: settings.bootstrap,
            seed: settings.seed,
            restarts: settings.boot_restarts,
        },
        &|d| pb.inc(d),
    )
    .map_err(cluster_err)?;
    pb.finish_and_clear();

    let profiles = profiles::theme_profiles(s, &fit.labels, k);
    let clusters = profiles::describe(&profiles, &fit.sizes);
    let areas: Vec<String> = survey.standardisation_ids.clone();
    let standardisation = profiles::standardisation(agg, &areas, &fit.labels, k, settings.min_cell);
    let alignment = profiles::alignment(agg, &fit.labels, k, settings.min_cell);
    Ok(Analysis {
        command: command.to_string(),
        survey,
        codebook,
        agg,
        settings,
        k,
        k_reason,
        fit,
        silhouette,
        k_rows,
        gap,
        stability,
        profiles,
        clusters,
        standardisation,
        alignment,
    })
}
