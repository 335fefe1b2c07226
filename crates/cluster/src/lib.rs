//! The cluster stage of matcluster. It takes a finite matrix whose rows are the things to
//! cluster (trusts' z-scores, in this program) as an [`ArrayView2<f64>`], with the rows' ids, and
//! runs k-means (linfa's k-means++ start, polished to a true local optimum), the internal
//! validity indices, the gap statistic, bootstrap stability and the adjusted Rand index, and
//! beside k-means Ward's hierarchy and PAM (R's `hclust` ward.D2 and `cluster::pam`); for
//! later data it places points among saved centroids and matches one set of clusters to another.
//!
//! It hands on [`KMeansFit`] (labels, centroids, sizes, WSS), [`GapResult`], [`Stability`],
//! [`Placement`]s, matched labels and the indices as plain numbers; every failure is a
//! [`ClusterError`], whose message speaks of values and leaves it to the caller to say where
//! they came from.
//!
//! Settings are checked once, at the edge: [`KMeansParams`], [`GapParams`] and [`BootParams`]
//! start from the study's defaults (the `DEFAULT_*` constants), take chained setters, and
//! `check()` turns them into the [`ValidKMeansParams`], [`ValidGapParams`] and
//! [`ValidBootParams`] that [`fit`], [`gap_statistic`] and [`bootstrap_stability`] take.
//!
//! Every random unit of work (a k-means restart, a gap reference set, a bootstrap resample) is
//! seeded from `(seed, unit index)`, so results do not depend on rayon's thread count.
//! The library never prints; long computations report progress through a callback.

// Reference values are pasted verbatim from R's and Python's 17-digit output.
#![cfg_attr(test, allow(clippy::excessive_precision))]

mod ari;
mod assign;
mod bootstrap;
mod distance;
mod error;
mod gap;
mod indices;
mod kmeans;
mod membership;
mod methods;
mod pam;
mod params;
mod pca;
mod seeds;
mod ward;

pub use ari::adjusted_rand_index;
pub use assign::{match_by_overlap, match_clusters, nearest_centroids, Placement, MATCH_SCALE};
pub use bootstrap::{
    bootstrap_stability, stability_band, Stability, DISSOLVED_AT, RECOVERED_ABOVE, STABILITY_BANDS,
};
pub use distance::Distances;
pub use error::ClusterError;
pub use gap::{gap_statistic, max_se, max_se_factor, GapResult, SeMethod};
pub use indices::{calinski_harabasz, davies_bouldin, silhouette, wss};
pub use kmeans::{fit, KMeansFit};
pub use membership::{membership_bootstrap, Membership, Resample};
pub use methods::{other_methods, MethodPartition, OtherMethods};
pub use ndarray::{Array2, ArrayView2};
pub use pam::{pam, PamFit};
pub use params::{
    BootParams, GapParams, KMeansParams, ValidBootParams, ValidGapParams, ValidKMeansParams,
    DEFAULT_BOOTSTRAP, DEFAULT_BOOT_RESTARTS, DEFAULT_GAP_REFS, DEFAULT_GAP_RESTARTS,
    DEFAULT_MAX_ITER, DEFAULT_RESTARTS, DEFAULT_SEED, DEFAULT_TOLERANCE,
};
pub use pca::{principal_components, Components};
pub use seeds::{unit_seed, STREAM_RELABEL, STREAM_TABLES};
pub use ward::{ward, Dendrogram, Merge, Node};

#[cfg(test)]
pub(crate) mod testdata;
