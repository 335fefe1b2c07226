//! The report of a run: the study's notebook, generated from the run's numbers, one function
//! per section.

use aggregate::Reason;
use analysis::{Analysis, KChoice, STUDY};
use plots::Chart;
use profiles::{theme_label, ClusterSummary, HIGH, LOW};

use super::{chart, f2, f3, fmt_int_median, median, pct};
use crate::doc::Doc;
use crate::run::RunOptions;

/// The whole report of one run.
pub fn run(a: &Analysis, opts: &RunOptions, charts: &[Chart], manifest_json: &str) -> Doc {
    let mut d = Doc {
        title: format!("Building Trusts: cluster analysis of wave {}", a.agg.wave),
        ..Doc::default()
    };
    summary(&mut d, a);
    question(&mut d);
    data(&mut d, a);
    agreement(&mut d, a);
    method(&mut d, a);
    choosing_k(&mut d, a, charts);
    clusters(&mut d, a);
    profiles(&mut d, a, charts);
    trusts(&mut d, a);
    standardisation(&mut d, a, charts);
    alignment(&mut d, a, charts);
    data_protection(&mut d, a, opts.accounting);
    d.h(2, "Manifest");
    d.p("Inputs with their SHA-256, parameters and version: the same inputs, options and version give byte-identical outputs.");
    d.pre(manifest_json.trim_end().to_string());
    d
}

/// A cluster's higher and lower themes, as words.
fn themes_of(c: &ClusterSummary) -> (String, String) {
    let words = |v: &[String]| {
        v.iter()
            .map(|t| theme_label(t))
            .collect::<Vec<_>>()
            .join(", ")
    };
    (words(&c.higher_themes), words(&c.lower_themes))
}

fn summary(d: &mut Doc, a: &Analysis) {
    let agg = a.agg;
    let s = &agg.scores;
    let rows = a.survey.rows.len();
    let mut summary = format!(
        "{rows} responses from {} trusts; {} trusts had at least {} counted responses and were clustered. \
         k-means with k = {} found: ",
        agg.trusts.len(),
        s.rows(),
        a.settings.min_responses,
        a.k
    );
    let parts: Vec<String> = a
        .clusters
        .iter()
        .enumerate()
        .map(|(c, cl)| {
            let j = a.stability.jaccard_mean.get(c).copied().unwrap_or(f64::NAN);
            format!(
                "cluster {} \"{}\" ({} trusts, {}, bootstrap Jaccard {})",
                cl.cluster,
                cl.name,
                cl.size,
                cluster::stability_band(j),
                f2(j)
            )
        })
        .collect();
    summary.push_str(&parts.join("; "));
    summary.push('.');
    d.p(summary);
}

fn question(d: &mut Doc) {
    d.h(2, "The question");
    d.p(
        "Staff and CEOs of multi-academy trusts rated how well each of the codebook's strategic statements \
         describes their trust (1 Not at all to 5 Completely). Do trusts fall into groups with a shared strategic \
         focus? The 2018 study found two clear clusters at the ends of a spectrum, autonomy and identity versus \
         teaching and pedagogy, and a tentative third of two trusts, identity and community. This report runs the \
         same analysis on the data named in the manifest below.",
    );
}

fn data(d: &mut Doc, a: &Analysis) {
    let agg = a.agg;
    let s = &agg.scores;
    let rows = a.survey.rows.len();
    let counted = agg.counted();
    d.h(2, "The data");
    d.p(format!(
        "{rows} data rows were read from {} file(s) of wave {}. {counted} were counted towards a trust and {} were excluded; every row is accounted for below.",
        a.survey.files.len(),
        agg.wave,
        rows - counted
    ));
    let explain = |r: Reason| match r {
        Reason::OtherWave => "the row belongs to another wave than the one analysed",
        Reason::MissingTrustId => "the row has no trust id",
        Reason::NoStatementsAnswered => "the response answered none of the strategic statements",
        Reason::TooFewResponses => "the trust has fewer counted responses than the threshold",
    };
    let mut rtable = vec![vec![
        "counted".to_string(),
        counted.to_string(),
        "counted towards an analysed trust".to_string(),
    ]];
    // Every reason, zero included, in `Reason`'s order.
    for (r, n) in agg.exclusions() {
        rtable.push(vec![
            format!("excluded: {}", r.as_str()),
            n.to_string(),
            explain(r).to_string(),
        ]);
    }
    rtable.push(vec![
        "total".into(),
        rows.to_string(),
        "rows in the input files".into(),
    ]);
    d.table(&["outcome", "rows", "meaning"], rtable);
    let below = agg.trusts.iter().filter(|t| !t.analysed).count();
    d.p(format!(
        "{} trusts reached the threshold of {} counted responses; {below} did not, and nothing about them beyond their count appears in this report. \
         Analysed trusts had {} to {} counted responses (median {}).",
        s.rows(),
        a.settings.min_responses,
        s.responses.iter().min().copied().unwrap_or(0),
        s.responses.iter().max().copied().unwrap_or(0),
        fmt_int_median(&s.responses)
    ));
}

fn agreement(d: &mut Doc, a: &Analysis) {
    let agg = a.agg;
    let s = &agg.scores;
    d.h(3, "Do staff of one trust agree?");
    let icc1: Vec<f64> = agg.agreement.iter().map(|x| x.icc1).collect();
    let icc2: Vec<f64> = agg.agreement.iter().map(|x| x.icc2).collect();
    let rwg: Vec<f64> = agg.trusts.iter().filter_map(|t| t.rwg_j).collect();
    d.p(format!(
        "Aggregating staff answers to a trust score is justified when answers depend on the trust (ICC(1), the share of variance between trusts) \
         and trust means are reliable (ICC(2)). Across the {} statements the median ICC(1) is {} (range {} to {}) and the median ICC(2) is {}; \
         the median within-trust agreement rwg(j) (uniform null, variance 2) is {}. ICC(2) of 0.7 or more is the usual bar for reliable group means.",
        agg.agreement.len(),
        f3(median(icc1.clone())),
        f3(icc1.iter().copied().fold(f64::INFINITY, f64::min)),
        f3(icc1.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
        f3(median(icc2.clone())),
        f3(median(rwg)),
    ));
    d.table(
        &[
            "statement",
            "theme",
            "ICC(1)",
            "ICC(2)",
            "trusts",
            "answers",
        ],
        agg.agreement
            .iter()
            .zip(&s.themes)
            .map(|(x, t)| {
                vec![
                    x.item_id.clone(),
                    theme_label(t),
                    f3(x.icc1),
                    f3(x.icc2),
                    x.groups.to_string(),
                    x.answers.to_string(),
                ]
            })
            .collect(),
    );
    for note in &agg.notes {
        d.p(format!("Note: {note}."));
    }
}

fn method(d: &mut Doc, a: &Analysis) {
    let s = &a.agg.scores;
    d.h(2, "Method");
    let st = &a.settings;
    d.list(vec![
        format!("Trust score: the mean of the counted answers to each statement; trusts with at least {} counted responses are analysed.", st.min_responses),
        format!("Standardisation: each statement's trust means become z-scores across the {} analysed trusts (sample standard deviation, n - 1).", s.rows()),
        format!(
            "k-means on the {} x {} matrix of z-scores: {} k-means++ starts (linfa), each polished to a true local optimum (exact means, Lloyd, then Hartigan-Wong single-point transfers); the lowest total within-cluster sum of squares is kept. Seed {}.",
            s.rows(),
            s.cols(),
            st.restarts,
            st.seed
        ),
        format!("Clusters are numbered by size: cluster 1 is the largest (ties: the cluster holding the alphabetically first trust)."),
        format!(
            "Choosing k: total within-cluster sum of squares, mean silhouette (R cluster::silhouette), Calinski-Harabasz and Davies-Bouldin (scikit-learn's definitions) for k = 1 to {}, and the gap statistic (Tibshirani, Walther and Hastie 2001; {} uniform reference sets in the box aligned with the data's principal components, {} starts each, W_k = WSS / 2).",
            st.k_max, st.gap_refs, st.gap_restarts
        ),
        format!(
            "Stability: {} bootstrap resamples of the trusts, re-clustered with {} starts; for each cluster the mean over resamples of its best Jaccard similarity with a resampled cluster (fpc::clusterboot, method \"boot\"). Bands: {}, dissolved below.",
            st.bootstrap, st.boot_restarts, bands()
        ),
        format!("Theme profile: a cluster's mean z over its trusts and the theme's statements; a theme is a focus at +{HIGH} or more and neglected at {LOW} or less."),
        format!("Disclosure control: no breakdown is shown for a group with fewer than {} answers (--min-cell).", st.min_cell),
    ]);
}

fn choosing_k(d: &mut Doc, a: &Analysis, charts: &[Chart]) {
    let s = &a.agg.scores;
    d.h(2, "Choosing k");
    d.p(k_reason(a));
    let prefs = a.preferred_k();
    let picks: Vec<String> = prefs
        .iter()
        .map(|(name, k)| {
            format!(
                "{name}: k = {}",
                k.map(|k| k.to_string()).unwrap_or_else(|| "none".into())
            )
        })
        .collect();
    let distinct: std::collections::BTreeSet<usize> =
        prefs.iter().filter_map(|(_, k)| *k).collect();
    if distinct.len() > 1 {
        d.p(format!(
            "The indices disagree, as they often do with few trusts, so k is a judgement, not a finding: {}. With {} trusts none of them is decisive; \
             read the profiles and the stability below before reading much into any one cluster.",
            picks.join("; "),
            s.rows()
        ));
    } else {
        d.p(format!("The indices agree: {}.", picks.join("; ")));
    }
    if a.gap.k_first_se_max == 1 {
        d.p("The gap statistic prefers k = 1: by that test the trusts show no cluster structure beyond what uniform data of the same shape would give.".to_string());
    }
    d.table(
        &[
            "k",
            "WSS",
            "silhouette",
            "Calinski-Harabasz",
            "Davies-Bouldin",
            "gap",
            "gap SE",
            "chosen",
        ],
        a.k_rows
            .iter()
            .map(|r| {
                vec![
                    r.k.to_string(),
                    f3(r.wss),
                    f3(r.silhouette),
                    f3(r.calinski_harabasz),
                    f3(r.davies_bouldin),
                    f3(r.gap),
                    f3(r.gap_se),
                    if r.chosen {
                        "yes".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect(),
    );
    if let Some(c) = chart(charts, "k_selection") {
        d.chart(
            "k_selection",
            &c.svg,
            "Indices for choosing k; the chosen k is marked.",
        );
    }
}

fn clusters(d: &mut Doc, a: &Analysis) {
    let st = &a.settings;
    d.h(2, "The clusters");
    d.p(format!(
        "Total within-cluster sum of squares {} ({} of {} starts reached it). Mean silhouette {}.",
        f3(a.fit.wss),
        a.fit.restarts_at_best,
        st.restarts,
        f3(a.mean_silhouette())
    ));
    d.table(
        &[
            "cluster",
            "name",
            "trusts",
            "bootstrap Jaccard",
            "stability",
            &format!("higher (z >= +{HIGH})"),
            &format!("lower (z <= {LOW})"),
        ],
        a.clusters
            .iter()
            .enumerate()
            .map(|(c, cl)| {
                let j = a.stability.jaccard_mean.get(c).copied().unwrap_or(f64::NAN);
                let (hi, lo) = themes_of(cl);
                vec![
                    cl.cluster.to_string(),
                    cl.name.clone(),
                    cl.size.to_string(),
                    f2(j),
                    cluster::stability_band(j).to_string(),
                    hi,
                    lo,
                ]
            })
            .collect(),
    );
}

fn profiles(d: &mut Doc, a: &Analysis, charts: &[Chart]) {
    let s = &a.agg.scores;
    d.h(3, "Theme profiles (the study's Figure 2)");
    let mut themes: Vec<String> = Vec::new();
    for t in &s.themes {
        if !themes.contains(t) {
            themes.push(t.clone());
        }
    }
    let mut header = vec!["cluster".to_string()];
    header.extend(themes.iter().map(|t| theme_label(t)));
    let header_refs: Vec<&str> = header.iter().map(|h| h.as_str()).collect();
    d.table(
        &header_refs,
        a.clusters
            .iter()
            .map(|cl| {
                let mut row = vec![format!("{}: {}", cl.cluster, cl.name)];
                for t in &themes {
                    let v = a
                        .profiles
                        .iter()
                        .find(|p| p.cluster == cl.cluster && &p.theme == t)
                        .map(|p| p.mean_z)
                        .unwrap_or(f64::NAN);
                    row.push(f2(v));
                }
                row
            })
            .collect(),
    );
    if let Some(c) = chart(charts, "profiles") {
        d.chart(
            "profiles",
            &c.svg,
            "Mean z-score of each cluster on each theme.",
        );
    }
    if let Some(c) = chart(charts, "autonomy_vs_pedagogy") {
        d.h(3, "Autonomy against teaching and pedagogy");
        d.p("Each analysed trust by its mean z-score on the autonomy statements and on the teaching and pedagogy statements; crosses mark the cluster centres.");
        d.chart(
            "autonomy_vs_pedagogy",
            &c.svg,
            "Trusts by focus on autonomy and on teaching and pedagogy.",
        );
    }
    if let Some(c) = chart(charts, "stability") {
        d.h(3, "Stability");
        d.chart(
            "stability",
            &c.svg,
            "Mean bootstrap Jaccard per cluster, with fpc's bands.",
        );
    }
    if let Some(c) = chart(charts, "silhouette") {
        d.h(3, "Silhouettes");
        d.p("A trust's silhouette compares its distance to its own cluster with its distance to the nearest other cluster: near 1 it sits well inside its cluster, near 0 between two, below 0 closer to another cluster. A trust alone in its cluster scores 0.");
        d.chart(
            "silhouette",
            &c.svg,
            "Silhouette of each analysed trust, by cluster.",
        );
    }
}

fn trusts(d: &mut Doc, a: &Analysis) {
    let agg = a.agg;
    let s = &agg.scores;
    d.h(3, "Trusts");
    d.table(
        &["trust", "responses", "cluster", "silhouette", "rwg(j)"],
        (0..s.rows())
            .map(|r| {
                let rwg = agg
                    .trusts
                    .iter()
                    .find(|t| t.trust_id == s.trust_ids[r])
                    .and_then(|t| t.rwg_j)
                    .unwrap_or(f64::NAN);
                vec![
                    s.trust_ids[r].clone(),
                    s.responses[r].to_string(),
                    (a.fit.labels[r] + 1).to_string(),
                    f3(a.silhouette[r]),
                    f3(rwg),
                ]
            })
            .collect(),
    );
}

fn standardisation(d: &mut Doc, a: &Analysis, charts: &[Chart]) {
    d.h(2, "Standardisation");
    let all: Vec<&profiles::StdRow> = a
        .standardisation
        .iter()
        .filter(|r| r.group == "all")
        .collect();
    let area_text = |id: &str| {
        a.codebook
            .items
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.text.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let shown: Vec<(&str, [f64; 3])> = all
        .iter()
        .filter_map(|r| r.value.shares.map(|s| (r.area.as_str(), s)))
        .collect();
    if !shown.is_empty() {
        let more_than_less = shown.iter().filter(|(_, s)| s[0] > s[2]).count();
        let mut by_more = shown.clone();
        by_more.sort_by(|x, y| y.1[0].total_cmp(&x.1[0]));
        let top: Vec<String> = by_more
            .iter()
            .take(3)
            .map(|(id, s)| format!("{} ({})", area_text(id), pct(s[0])))
            .collect();
        d.p(format!(
            "\"Would this area of your trust benefit from more or less standardisation?\" In {} of {} areas more staff want more standardisation than less. \
             The greatest call for more is for {}.",
            more_than_less,
            shown.len(),
            top.join(", ")
        ));
    }
    d.table(
        &["area", "group", "answers", "more", "same", "less"],
        a.standardisation
            .iter()
            .map(|r| {
                let (m, sa, l) = match r.value.shares {
                    Some(s) => (pct(s[0]), pct(s[1]), pct(s[2])),
                    None => ("suppressed".into(), String::new(), String::new()),
                };
                vec![
                    area_text(&r.area),
                    group_name(&r.group),
                    r.value.n.to_string(),
                    m,
                    sa,
                    l,
                ]
            })
            .collect(),
    );
    if let Some(c) = chart(charts, "standardisation") {
        d.chart(
            "standardisation",
            &c.svg,
            "Wishes for more or less standardisation by area, overall and by cluster.",
        );
    }
}

fn alignment(d: &mut Doc, a: &Analysis, charts: &[Chart]) {
    d.h(2, "Curriculum and pedagogy");
    d.p("\"Which best describes how your trust approaches curriculum and pedagogy?\" A = the same pedagogy and/or curriculum in every school; B = common principles or values, delivered differently by each school; C = each school has its own curriculum and/or pedagogy, with quality expected.");
    d.table(
        &["group", "answers", "A", "B", "C"],
        a.alignment
            .iter()
            .map(|r| {
                let (x, y, z) = match r.value.shares {
                    Some(s) => (pct(s[0]), pct(s[1]), pct(s[2])),
                    None => ("suppressed".into(), String::new(), String::new()),
                };
                vec![group_name(&r.group), r.value.n.to_string(), x, y, z]
            })
            .collect(),
    );
    if let Some(c) = chart(charts, "alignment") {
        d.chart(
            "alignment",
            &c.svg,
            "Approach to curriculum and pedagogy by cluster.",
        );
    }
}

fn data_protection(d: &mut Doc, a: &Analysis, accounting: bool) {
    let st = &a.settings;
    d.h(2, "Data protection");
    d.p(format!(
        "The outputs hold trust-level figures only: no respondent's answers, no column the codebook does not know (e-mails, IP addresses, free text), \
         and nothing about a trust below the response threshold beyond its count. No breakdown is shown for fewer than {} answers. {}",
        st.min_cell,
        if accounting {
            "accounting.csv lists response ids so the analyst can trace every row: it is for the analyst, not for publication (run with --no-accounting to leave it out)."
        } else {
            "accounting.csv was left out of this run (--no-accounting)."
        }
    ));
}

/// One sentence: how k was chosen.
fn k_reason(a: &Analysis) -> String {
    match a.settings.k {
        KChoice::Fixed(k) if a.settings.k == STUDY.k => format!("k = {k} is fixed by --k (the study's setting is {}); the indices below are reported so the choice can be judged.", STUDY.k),
        KChoice::Fixed(k) => format!("k = {k} is fixed by --k; the indices below are reported so the choice can be judged."),
        KChoice::Auto => format!(
            "k = {} is chosen by the gap statistic with R cluster::clusGap's default rule, firstSEmax (the smallest k whose gap is within one standard error of the first local maximum); the rule of Tibshirani, Walther and Hastie (2001) gives k = {}.",
            a.gap.k_first_se_max, a.gap.k_tibs2001_se_max
        ),
    }
}

fn group_name(g: &str) -> String {
    if g == "all" {
        "all".into()
    } else {
        format!("cluster {g}")
    }
}

/// fpc's bands as the method list states them.
fn bands() -> String {
    let b = cluster::STABILITY_BANDS.map(|(at_least, band)| format!("{band} >= {at_least}"));
    b.join(", ")
}
