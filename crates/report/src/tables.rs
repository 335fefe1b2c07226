//! The tables of a run's folder, in a stable row order.

use aggregate::{Aggregation, Outcome};
use analysis::Analysis;
use survey::Survey;

use crate::table::{Cell, CsvStream, Table};

/// `accounting.csv`: one row per input data row, counted or excluded with its reason, streamed
/// to `w` (a million-row wave gives a 50 MB table, never held whole).
pub fn write_accounting(
    survey: &Survey,
    agg: &Aggregation,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let header = [
        "file",
        "line",
        "response_id",
        "trust_id",
        "wave",
        "status",
        "reason",
    ];
    let mut out = CsvStream::new(w, &header);
    for (i, row) in survey.rows.iter().enumerate() {
        let o: Outcome = agg.outcomes[i];
        out.text(&survey.files[survey.file_of(i)].file_name);
        out.int(u64::from(row.line));
        out.text(survey.response_id(i));
        out.text(
            row.trust()
                .map_or("", |x| survey.trusts[x as usize].as_str()),
        );
        out.text(&survey.waves[row.wave as usize]);
        out.text(o.status());
        out.text(o.reason());
        out.end_row();
    }
    out.finish().map(|_| ())
}

/// `trusts.csv`: every trust of the wave; a trust below the threshold shows only its count and
/// reason.
pub fn trusts(a: &Analysis) -> Table {
    let agg = a.agg;
    let mut t = Table::new(&[
        "wave",
        "trust_id",
        "responses",
        "analysed",
        "reason",
        "cluster",
        "silhouette",
        "rwg_j",
        "membership_probability",
        "ward_cluster",
        "pam_cluster",
        "pam_medoid",
    ]);
    let m = &a.methods;
    for tr in &agg.trusts {
        // Only analysed trusts have a row in the score table, so only they get results.
        let row = agg
            .scores
            .trust_ids
            .iter()
            .position(|x| *x == tr.trust_id)
            .filter(|_| tr.analysed);
        t.push(vec![
            agg.wave.as_str().into(),
            tr.trust_id.as_str().into(),
            tr.responses.into(),
            tr.analysed.into(),
            tr.reason.map(|r| r.as_str()).unwrap_or("").into(),
            row.map(|r| a.fit.labels[r] + 1).into(),
            // With one cluster a silhouette is undefined, as k_selection.csv leaves it.
            row.filter(|_| a.k > 1).map(|r| a.silhouette[r]).into(),
            row.and(tr.rwg_j).into(),
            // The respondent bootstrap's probability of the trust's own cluster.
            row.and_then(|r| a.membership_probability(r)).into(),
            // Ward's and PAM's clusters in the k-means numbering (methods.csv).
            row.map(|r| m.ward.labels[r] + 1).into(),
            row.map(|r| m.pam.labels[r] + 1).into(),
            row.map(|r| m.pam_medoids.contains(&r)).into(),
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

/// `k_selection.csv`: every k tried, with every index; `chosen` marks the k used.
pub fn k_selection(a: &Analysis) -> Table {
    let mut t = Table::new(&[
        "k",
        "wss",
        "silhouette",
        "calinski_harabasz",
        "davies_bouldin",
        "gap",
        "gap_se",
        "log_w",
        "e_log_w",
        "chosen",
    ]);
    for r in &a.k_rows {
        let g = a.gap.k.iter().position(|k| *k == r.k);
        t.push(vec![
            r.k.into(),
            r.wss.into(),
            r.silhouette.into(),
            r.calinski_harabasz.into(),
            r.davies_bouldin.into(),
            r.gap.into(),
            r.gap_se.into(),
            g.map(|i| a.gap.log_w[i]).into(),
            g.map(|i| a.gap.e_log_w[i]).into(),
            r.chosen.into(),
        ]);
    }
    t
}

/// `clusters.csv`: one row per cluster, 1 = the largest.
pub fn clusters(a: &Analysis) -> Table {
    let mut t = Table::new(&[
        "cluster",
        "name",
        "size",
        "jaccard_mean",
        "respondent_jaccard",
        "stability",
        "dissolved",
        "recovered",
        "silhouette",
        "higher_themes",
        "lower_themes",
    ]);
    for (c, s) in a.clusters.iter().enumerate() {
        let j = a.stability.jaccard_mean.get(c).copied().unwrap_or(f64::NAN);
        let mean_sil = a.cluster_silhouette(c);
        t.push(vec![
            s.cluster.into(),
            s.name.as_str().into(),
            s.size.into(),
            j.into(),
            a.membership
                .as_ref()
                .and_then(|m| m.jaccard_mean.get(c).copied())
                .into(),
            cluster::stability_band(j).into(),
            a.stability.dissolved.get(c).copied().into(),
            a.stability.recovered.get(c).copied().into(),
            mean_sil.into(),
            s.higher_themes.join(";").into(),
            s.lower_themes.join(";").into(),
        ]);
    }
    t
}

/// `membership.csv`: each analysed trust's share of respondent-level resamples in each cluster
/// (every trust's rows sum to 1); `None` without the respondent bootstrap.
pub fn membership(a: &Analysis) -> Option<Table> {
    let m = a.membership.as_ref()?;
    let s = &a.agg.scores;
    let mut t = Table::new(&["wave", "trust_id", "cluster", "probability"]);
    for (r, id) in s.trust_ids.iter().enumerate() {
        for (c, p) in m.probability.row(r).iter().enumerate() {
            t.push(vec![
                a.agg.wave.as_str().into(),
                id.as_str().into(),
                (c + 1).into(),
                (*p).into(),
            ]);
        }
    }
    Some(t)
}

/// `sensitivity.csv`: each re-run at another threshold or without a theme, against the run's
/// own clusters; `moved` names only trusts the run itself analysed. `None` unless asked for.
pub fn sensitivity(a: &Analysis) -> Option<Table> {
    let rows = a.sensitivity.as_ref()?;
    let mut t = Table::new(&[
        "change",
        "value",
        "trusts_analysed",
        "k",
        "ari_vs_base",
        "moved",
        "n_moved",
        "in_both",
        "base",
    ]);
    for r in rows {
        let clustered = r.k.is_some();
        t.push(vec![
            r.change.kind().into(),
            r.change.value().into(),
            r.trusts_analysed.into(),
            r.k.into(),
            r.ari_vs_base.into(),
            r.moved
                .iter()
                .map(|m| m.trust_id.as_str())
                .collect::<Vec<_>>()
                .join("; ")
                .into(),
            clustered.then_some(r.moved.len()).into(),
            r.in_both.into(),
            r.is_base.into(),
        ]);
    }
    Some(t)
}

/// `characteristics.csv`: each characteristic per cluster (numeric: n, quartiles, mean; a
/// category: its count), clusters numbered as in `clusters.csv`. A withheld cluster (fewer than
/// `--min-cell` trusts with a value) has one row with its n and nothing else. `None` without
/// `--trust-info`.
pub fn characteristics(a: &Analysis) -> Option<Table> {
    let c = a.characteristics.as_ref()?;
    let mut t = Table::new(&[
        "variable", "type", "cluster", "n", "median", "q1", "q3", "mean", "category", "count",
        "withheld",
    ]);
    for v in &c.variables {
        for (cluster, g) in v.groups.iter().enumerate() {
            let head = |t: &mut Table, rest: Vec<Cell>| {
                let mut row: Vec<Cell> = vec![
                    v.name.as_str().into(),
                    v.kind.name().into(),
                    (cluster + 1).into(),
                    g.n.into(),
                ];
                row.extend(rest);
                row.push(g.withheld.into());
                t.push(row);
            };
            let blank = |n: usize| vec![Cell::Empty; n];
            match (&g.summary, g.counts.is_empty()) {
                _ if g.withheld => head(&mut t, blank(6)),
                (Some(s), _) => head(
                    &mut t,
                    vec![
                        s.median.into(),
                        s.q1.into(),
                        s.q3.into(),
                        s.mean.into(),
                        Cell::Empty,
                        Cell::Empty,
                    ],
                ),
                (None, false) => {
                    for (category, count) in v.categories.iter().zip(&g.counts) {
                        let mut rest = blank(4);
                        rest.push(category.as_str().into());
                        rest.push((*count as usize).into());
                        head(&mut t, rest);
                    }
                }
                (None, true) => head(&mut t, blank(6)),
            }
        }
    }
    Some(t)
}

/// `characteristic_tests.csv`: one test per characteristic, with its effect size and the p
/// adjusted by Holm across the run's characteristics. `None` without `--trust-info`.
pub fn characteristic_tests(a: &Analysis) -> Option<Table> {
    let c = a.characteristics.as_ref()?;
    let mut t = Table::new(&[
        "variable",
        "type",
        "test",
        "statistic",
        "df",
        "p_value",
        "p_method",
        "p_permutation",
        "p_mc_se",
        "effect_size",
        "effect_measure",
        "effect_by_chance",
        "p_holm",
        "n_trusts",
    ]);
    for v in &c.variables {
        let mut row: Vec<Cell> = vec![v.name.as_str().into(), v.kind.name().into()];
        match &v.test {
            Some(test) => row.extend([
                test.kind.name().into(),
                test.statistic.into(),
                test.df.into(),
                test.p_value.into(),
                test.p_method.name().into(),
                test.p_permutation.into(),
                test.p_mc_se.into(),
                test.effect_size.into(),
                test.kind.effect_measure().into(),
                test.effect_by_chance.into(),
                test.p_holm.into(),
            ]),
            None => row.extend(vec![Cell::Empty; 11]),
        }
        row.push(v.n_trusts.into());
        t.push(row);
    }
    Some(t)
}

/// `methods.csv`: k-means, Ward's cut and PAM at the run's k, each with what it minimises and
/// how far it agrees with k-means.
pub fn methods(a: &Analysis) -> Table {
    let mut t = Table::new(&["method", "k", "ari_vs_kmeans", "objective", "agreement"]);
    t.push(vec![
        "kmeans".into(),
        a.k.into(),
        1.0.into(),
        a.fit.wss.into(),
        1.0.into(),
    ]);
    for (name, p) in [("ward", &a.methods.ward), ("pam", &a.methods.pam)] {
        t.push(vec![
            name.into(),
            a.k.into(),
            p.ari_vs_kmeans.into(),
            p.objective.into(),
            p.agreement.into(),
        ]);
    }
    t
}

/// `dendrogram.csv`: Ward's merges as R's `merge` and `height`, a trust by its id and an earlier
/// merge by its step (1-based); `left_kind` and `right_kind` say which, since an id can be a
/// number.
pub fn dendrogram(a: &Analysis) -> Table {
    let ids = &a.agg.scores.trust_ids;
    let mut t = Table::new(&[
        "step",
        "left",
        "right",
        "height",
        "size",
        "left_kind",
        "right_kind",
    ]);
    let side = |node: cluster::Node| -> (Cell, Cell) {
        match node {
            cluster::Node::Leaf(r) => (ids[r].as_str().into(), "trust".into()),
            cluster::Node::Step(s) => ((s + 1).into(), "step".into()),
        }
    };
    for (step, m) in a.methods.dendrogram.merges.iter().enumerate() {
        let ((left, left_kind), (right, right_kind)) = (side(m.left), side(m.right));
        t.push(vec![
            (step + 1).into(),
            left,
            right,
            m.height.into(),
            m.size.into(),
            left_kind,
            right_kind,
        ]);
    }
    t
}

/// `profiles.csv`: the Figure 2 table, cluster x theme.
pub fn profiles(a: &Analysis) -> Table {
    let mut t = Table::new(&["cluster", "theme", "mean_z"]);
    for p in &a.profiles {
        t.push(vec![
            p.cluster.into(),
            p.theme.as_str().into(),
            p.mean_z.into(),
        ]);
    }
    t
}

/// `standardisation.csv`: shares of more / same / less by area, overall and per cluster;
/// suppressed groups keep their count only.
pub fn standardisation(a: &Analysis) -> Table {
    let mut t = Table::new(&["area", "group", "n", "more", "same", "less", "suppressed"]);
    for r in &a.standardisation {
        let s = r.value.shares;
        t.push(vec![
            r.area.as_str().into(),
            r.group.as_str().into(),
            r.value.n.into(),
            s.map(|s| s[0]).into(),
            s.map(|s| s[1]).into(),
            s.map(|s| s[2]).into(),
            s.is_none().into(),
        ]);
    }
    t
}

/// `alignment.csv`: shares of the A / B / C answer, overall and per cluster.
pub fn alignment(a: &Analysis) -> Table {
    let mut t = Table::new(&["group", "n", "a", "b", "c", "suppressed"]);
    for r in &a.alignment {
        let s = r.value.shares;
        t.push(vec![
            r.group.as_str().into(),
            r.value.n.into(),
            s.map(|s| s[0]).into(),
            s.map(|s| s[1]).into(),
            s.map(|s| s[2]).into(),
            s.is_none().into(),
        ]);
    }
    t
}
