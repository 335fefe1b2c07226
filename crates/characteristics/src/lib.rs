//! What sets the clusters apart: the trusts' own characteristics (size, region, phase,
//! performance), read from a trust-info file and compared across clusters with tests fit for a
//! handful of trusts: Kruskal-Wallis with a permutation p for numbers, the
//! Fisher-Freeman-Halton exact test for categories, Holm's adjustment across the run.
//!
//! It knows nothing of surveys beyond reading a table: it takes trust ids and their clusters.
//! Only analysed trusts enter; a cluster with fewer than `min_cell` trusts with a value shows
//! nothing of that variable and takes no part in its test.

mod compare;
mod fisher;
mod holm;
mod info;
mod kruskal;
mod montecarlo;
mod summary;

pub use compare::{
    compare, Characteristics, Clustered, CompareParams, Compared, Group, PMethod, Skip, Test,
    TestKind, DRAWS, EXACT_BUDGET,
};
pub use fisher::{chi_square, fisher_exact, fisher_monte_carlo, Counts};
pub use holm::holm;
pub use info::{is_missing, number, InfoError, Kind, TrustInfo, Variable, MISSING};
pub use kruskal::{kruskal_permutation, kruskal_wallis, KruskalWallis};
pub use montecarlo::MonteCarloP;
pub use summary::{quantile, summarise, Summary};
