//! cluster stage of matcluster: k-means (linfa, polished to a true local optimum), internal
//! validity indices, the gap statistic, bootstrap stability and the adjusted Rand index.
//!
//! Every random unit of work (a k-means restart, a gap reference set, a bootstrap resample) is
//! seeded from `(seed, unit index)`, so results do not depend on rayon's thread count.
//! The library never prints; long computations report progress through a callback.

// Reference values are pasted verbatim from R's and Python's 17-digit output.
#![cfg_attr(test, allow(clippy::excessive_precision))]

mod ari;
mod assign;
mod bootstrap;
mod error;
mod gap;
mod indices;
mod kmeans;
mod params;
mod pca;
mod seeds;

pub use ari::adjusted_rand_index;
pub use assign::{match_clusters, nearest_centroids, Placement, MATCH_SCALE};
pub use bootstrap::{
    bootstrap_stability, stability_band, BootParams, Stability, DISSOLVED_AT, RECOVERED_ABOVE,
};
pub use error::ClusterError;
pub use gap::{gap_statistic, max_se, max_se_factor, GapParams, GapResult, SeMethod};
pub use indices::{calinski_harabasz, davies_bouldin, silhouette, wss};
pub use kmeans::{fit, KMeansFit};
pub use ndarray::{Array2, ArrayView2};
pub use params::{KMeansParams, ValidKMeansParams};

#[cfg(test)]
pub(crate) mod testdata;
