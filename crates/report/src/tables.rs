//! The stage results as output tables, in a stable row order.

use aggregate::{Aggregation, Outcome};
use survey::Survey;

use crate::table::{Cell, Table};

/// `accounting.csv`: one row per input data row, counted or excluded with its reason.
pub fn accounting(survey: &Survey, agg: &Aggregation) -> Table {
    let mut t = Table::new(&["file", "line", "response_id", "trust_id", "wave", "status", "reason"]);
    for (i, row) in survey.rows.iter().enumerate() {
        let o: Outcome = agg.outcomes[i];
        t.push(vec![
            survey.files[row.file as usize].file_name.as_str().into(),
            Cell::Int(row.line),
            (*row.response_id).into(),
            row.trust.map(|x| survey.trusts[x as usize].clone()).into(),
            survey.waves[row.wave as usize].as_str().into(),
            o.status().into(),
            o.reason().into(),
        ]);
    }
    t
}

/// Per-trust cluster results to merge into `trusts.csv`.
#[derive(Clone, Debug, Default)]
pub struct TrustCluster {
    pub cluster: Option<usize>,
    pub silhouette: Option<f64>,
}

/// `trusts.csv`: every trust of the wave; a trust below the threshold shows only its count and
/// reason. `clusters` is in score-table order (analysed trusts), or empty before clustering.
pub fn trusts(agg: &Aggregation, clusters: &[TrustCluster]) -> Table {
    let mut t = Table::new(&["wave", "trust_id", "responses", "analysed", "reason", "cluster", "silhouette", "rwg_j"]);
    for tr in &agg.trusts {
        let pos = agg.scores.trust_ids.iter().position(|x| *x == tr.trust_id);
        let c = pos.and_then(|p| clusters.get(p)).cloned().unwrap_or_default();
        let analysed = tr.analysed;
        t.push(vec![
            agg.wave.as_str().into(),
            tr.trust_id.as_str().into(),
            tr.responses.into(),
            analysed.into(),
            tr.reason.map(|r| r.as_str()).unwrap_or("").into(),
            if analysed { c.cluster.into() } else { Cell::Empty },
            if analysed { c.silhouette.into() } else { Cell::Empty },
            if analysed { tr.rwg_j.into() } else { Cell::Empty },
        ]);
    }
    t
}

/// `trust_scores.csv`: analysed trusts only, one row per statement.
pub fn trust_scores(agg: &Aggregation) -> Table {
    let s = &agg.scores;
    let mut t = Table::new(&["wave", "trust_id", "item_id", "theme", "n", "mean", "z"]);
    for r in 0..s.rows() {
        for c in 0..s.cols() {
            let k = r * s.cols() + c;
            t.push(vec![
                agg.wave.as_str().into(),
                s.trust_ids[r].as_str().into(),
                s.item_ids[c].as_str().into(),
                s.themes[c].as_str().into(),
                s.n[k].into(),
                s.mean[k].into(),
                s.z[k].into(),
            ]);
        }
    }
    t
}

/// `agreement.csv`: ICC(1) and ICC(2) per statement over the analysed trusts.
pub fn agreement(agg: &Aggregation) -> Table {
    let mut t = Table::new(&["item_id", "icc1", "icc2", "trusts", "answers"]);
    for a in &agg.agreement {
        t.push(vec![
            a.item_id.as_str().into(),
            a.icc1.into(),
            a.icc2.into(),
            a.groups.into(),
            a.answers.into(),
        ]);
    }
    t
}
