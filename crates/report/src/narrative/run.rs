//! The report of a run: the study's notebook, generated from the run's numbers, one function
//! per section.

use aggregate::Reason;
use analysis::{Analysis, KChoice, STUDY};
use plots::Chart;
use profiles::{ClusterSummary, Plane, HIGH, LOW};
use survey::Scale;

use super::{chart, f2, f3, fmt_int_median, median, pct, theme_list};
use crate::doc::Doc;
use crate::run::RunOptions;
use crate::Unit;

/// The whole report of one run. It speaks of the 2018 study only when the codebook is the
/// study's instrument; otherwise it describes the data and the method alone.
pub fn run(a: &Analysis, opts: &RunOptions, charts: &[Chart], manifest_json: &str) -> Doc {
    let study = a.codebook.is_study_instrument();
    let title = opts.title.clone().unwrap_or_else(|| {
        if study {
            format!("Building Trusts: cluster analysis of wave {}", a.agg.wave)
        } else {
            format!("Cluster analysis of wave {}", a.agg.wave)
        }
    });
    let mut d = Doc {
        title,
        ..Doc::default()
    };
    let u = &opts.unit;
    summary(&mut d, a, u);
    question(&mut d, a, u, study);
    data(&mut d, a, u);
    agreement(&mut d, a, u);
    method(&mut d, a, u);
    choosing_k(&mut d, a, u, charts, study);
    clusters(&mut d, a, u);
    profiles(&mut d, a, u, charts, study);
    super::methods::methods(&mut d, a, u, charts);
    super::certainty::membership(&mut d, a, u, charts);
    super::certainty::sensitivity(&mut d, a, u, charts);
    trusts(&mut d, a, u);
    super::characteristics::section(&mut d, a, u, charts);
    if a.has_standardisation() {
        standardisation(&mut d, a, charts);
    }
    if a.has_alignment() {
        alignment(&mut d, a, charts);
    }
    data_protection(&mut d, a, u, opts.accounting);
    d.h(2, "Manifest");
    d.p("Inputs with their SHA-256, parameters and version: the same inputs, options and version give byte-identical outputs.");
    d.pre(manifest_json.trim_end().to_string());
    d
}

/// A cluster's higher and lower themes, by their labels.
fn themes_of(a: &Analysis, c: &ClusterSummary) -> (String, String) {
    let label = |t: &str| a.theme_label(t);
    (
        theme_list(&c.higher_themes, &label),
        theme_list(&c.lower_themes, &label),
    )
}

fn summary(d: &mut Doc, a: &Analysis, u: &Unit) {
    let agg = a.agg;
    let s = &agg.scores;
    let rows = a.survey.rows.len();
    let mut summary = format!(
        "{rows} responses from {}; {} had at least {} counted responses and were clustered. \
         k-means with k = {} found: ",
        u.count(agg.trusts.len()),
        u.count(s.rows()),
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
                "cluster {} \"{}\" ({}, {}, bootstrap Jaccard {})",
                cl.cluster,
                cl.name,
                u.count(cl.size),
                cluster::stability_band(j),
                f2(j)
            )
        })
        .collect();
    summary.push_str(&parts.join("; "));
    summary.push_str(". ");
    summary.push_str(&super::methods::summary_sentence(a, u));
    summary.push_str(&super::certainty::summary_sentence(a, u));
    summary.push_str(&super::characteristics::summary_sentence(a));
    d.p(summary);
}

fn question(d: &mut Doc, a: &Analysis, u: &Unit, study: bool) {
    d.h(2, "The question");
    let themes: Vec<String> = a
        .codebook
        .themes()
        .iter()
        .map(|t| a.theme_label(t))
        .collect();
    let statements = a.agg.scores.cols();
    if study {
        d.p(format!(
            "Staff and CEOs of multi-academy trusts rated how well each of the codebook's {statements} strategic statements \
             describes their trust ({}). Do trusts fall into groups with a shared strategic \
             focus? The 2018 study found two clear clusters at the ends of a spectrum, autonomy and identity versus \
             teaching and pedagogy, and a tentative third of two trusts, identity and community. This report runs the \
             same analysis on the data named in the manifest below.",
            scales(a, study)
        ));
    } else {
        d.p(format!(
            "Respondents rated {statements} statements in {} themes ({}) on {}. Do the {} fall into groups \
             that share a profile across the themes? This report clusters the {} by their mean answers, \
             standardised across them, and says how clear and how stable the groups are. The data are named in \
             the manifest below.",
            themes.len(),
            themes.join("; "),
            scales(a, study),
            u.many,
            u.many
        ));
    }
}

/// The statements' answer scales in words: "1 Not at all to 5 Completely", or one phrase per
/// scale when statements differ ("0 to 4 (hostility); 1 to 5 (the other statements)").
fn scales(a: &Analysis, study: bool) -> String {
    let mut seen: Vec<(&Scale, Vec<String>)> = Vec::new();
    for item in a.codebook.statements() {
        match seen.iter_mut().find(|(sc, _)| *sc == &item.scale) {
            Some((_, themes)) => {
                let l = a.theme_label(&item.theme);
                if !themes.contains(&l) {
                    themes.push(l);
                }
            }
            None => seen.push((&item.scale, vec![a.theme_label(&item.theme)])),
        }
    }
    // The study's labels are the default of every 5-point scale: name them only for the
    // study's instrument or where a codebook gives its own.
    let default = Scale::study().labels;
    let phrase = |sc: &Scale| match (sc.labels.first(), sc.labels.last()) {
        (Some(lo), Some(hi)) if study || sc.labels != default => {
            format!("{} {lo} to {} {hi}", sc.min, sc.max)
        }
        _ => sc.range(),
    };
    match seen.as_slice() {
        [(sc, _)] => phrase(sc),
        many => many
            .iter()
            .map(|(sc, themes)| format!("{} ({})", phrase(sc), themes.join("; ")))
            .collect::<Vec<_>>()
            .join(", and "),
    }
}

fn data(d: &mut Doc, a: &Analysis, u: &Unit) {
    let agg = a.agg;
    let s = &agg.scores;
    let rows = a.survey.rows.len();
    let counted = agg.counted();
    d.h(2, "The data");
    d.p(format!(
        "{rows} data rows were read from {} file(s) of wave {}. {counted} were counted towards a {} and {} were excluded; every row is accounted for below.",
        a.survey.files.len(),
        agg.wave,
        u.one,
        rows - counted
    ));
    let explain = |r: Reason| match r {
        Reason::OtherWave => "the row belongs to another wave than the one analysed".to_string(),
        Reason::MissingTrustId => format!("the row has no {} id (trust_id)", u.one),
        Reason::NoStatementsAnswered => "the response answered none of the statements".to_string(),
        Reason::TooFewResponses => {
            format!(
                "the {} has fewer counted responses than the threshold",
                u.one
            )
        }
    };
    let mut rtable = vec![vec![
        "counted".to_string(),
        counted.to_string(),
        format!("counted towards an analysed {}", u.one),
    ]];
    // Every reason, zero included, in `Reason`'s order.
    for (r, n) in agg.exclusions() {
        rtable.push(vec![
            format!("excluded: {}", r.as_str()),
            n.to_string(),
            explain(r),
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
        "{} reached the threshold of {} counted responses; {below} did not, and nothing about them beyond their count appears in this report. \
         Analysed {} had {} to {} counted responses (median {}).",
        u.count(s.rows()),
        a.settings.min_responses,
        u.many,
        s.responses.iter().min().copied().unwrap_or(0),
        s.responses.iter().max().copied().unwrap_or(0),
        fmt_int_median(&s.responses)
    ));
}

fn agreement(d: &mut Doc, a: &Analysis, u: &Unit) {
    let agg = a.agg;
    let s = &agg.scores;
    d.h(3, format!("Do respondents of one {} agree?", u.one));
    let icc1: Vec<f64> = agg.agreement.iter().map(|x| x.icc1).collect();
    let icc2: Vec<f64> = agg.agreement.iter().map(|x| x.icc2).collect();
    let rwg: Vec<f64> = agg.trusts.iter().filter_map(|t| t.rwg_j).collect();
    d.p(format!(
        "Aggregating answers to a {one} score is justified when answers depend on the {one} (ICC(1), the share of variance between {many}) \
         and {one} means are reliable (ICC(2)). Across the {} statements the median ICC(1) is {} (range {} to {}) and the median ICC(2) is {}; \
         the median within-{one} agreement rwg(j) (uniform null on each statement's scale, variance (A² - 1) / 12 for A points) is {}. ICC(2) of 0.7 or more is the usual bar for reliable group means.",
        agg.agreement.len(),
        f3(median(icc1.clone())),
        f3(icc1.iter().copied().fold(f64::INFINITY, f64::min)),
        f3(icc1.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
        f3(median(icc2.clone())),
        f3(median(rwg)),
        one = u.one,
        many = u.many,
    ));
    d.table(
        &[
            "item",
            "statement",
            "theme",
            "ICC(1)",
            "ICC(2)",
            &u.many,
            "answers",
        ],
        agg.agreement
            .iter()
            .zip(&s.themes)
            .map(|(x, t)| {
                vec![
                    x.item_id.clone(),
                    a.codebook
                        .item(&x.item_id)
                        .map(|i| i.text.clone())
                        .unwrap_or_default(),
                    a.theme_label(t),
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

fn method(d: &mut Doc, a: &Analysis, u: &Unit) {
    let s = &a.agg.scores;
    d.h(2, "Method");
    let st = &a.settings;
    let mut items = vec![
        format!("{} score: the mean of the counted answers to each statement; {} with at least {} counted responses are analysed.", u.one_title(), u.many, st.min_responses),
        format!("Standardisation: each statement's {} means become z-scores across the {} analysed {} (sample standard deviation, n - 1).", u.one, s.rows(), u.many),
        format!(
            "k-means on the {} x {} matrix of z-scores: {} k-means++ starts (linfa), each polished to a true local optimum (exact means, Lloyd, then Hartigan-Wong single-point transfers); the lowest total within-cluster sum of squares is kept. Seed {}.",
            s.rows(),
            s.cols(),
            st.restarts,
            st.seed
        ),
        format!("Clusters are numbered by size: cluster 1 is the largest (ties: the cluster holding the alphabetically first {}).", u.one),
        format!(
            "Choosing k: total within-cluster sum of squares, mean silhouette (R cluster::silhouette), Calinski-Harabasz and Davies-Bouldin (scikit-learn's definitions) for k = 1 to {}, and the gap statistic (Tibshirani, Walther and Hastie 2001; {} uniform reference sets in the box aligned with the data's principal components, {} starts each, W_k = WSS / 2).",
            st.k_max, st.gap_refs, st.gap_restarts
        ),
        format!(
            "Stability: {} bootstrap resamples of the {}, re-clustered with {} starts; for each cluster the mean over resamples of its best Jaccard similarity with a resampled cluster (fpc::clusterboot, method \"boot\"). Bands: {}, dissolved below.",
            st.bootstrap, u.many, st.boot_restarts, bands()
        ),
        format!(
            "Other methods: Ward's hierarchical clustering (R's hclust, method ward.D2, on Euclidean distances) cut at k, and PAM \
             (R's cluster::pam: BUILD, then SWAP), on the same z-scores; each method's clusters matched to k-means' by the \
             Hungarian algorithm on their overlap. PAM's centres, its medoids, are actual {}, not averages.",
            u.many
        ),
        format!("Theme profile: a cluster's mean z over its {} and the theme's statements; a theme is a focus at +{HIGH} or more and neglected at {LOW} or less. A cluster is named by its two strongest focus themes, in the codebook's order.", u.many),
    ];
    if st.respondent_bootstrap > 0 {
        items.push(format!(
            "Respondent-level bootstrap: {} resamples, each drawing every analysed {one}'s respondents again with replacement, recomputing its means and the z-scores (a statement none of the drawn answered keeps the {one}'s mean), clustering with {} starts and matching the clusters to these by least total distance between centres (Hungarian algorithm); a {one}'s membership probability is the share of resamples in its cluster.",
            st.respondent_bootstrap, st.boot_restarts, one = u.one
        ));
    }
    if st.sensitivity {
        items.push(format!(
            "Sensitivity: the same analysis with --min-responses from {} to {} and with each theme's statements left out, each compared with this run by the adjusted Rand index on the {} analysed in both.",
            analysis::THRESHOLDS.start(), analysis::THRESHOLDS.end(), u.many
        ));
    }
    if let Some(c) = &a.characteristics {
        items.push(format!(
            "Characteristics: Kruskal-Wallis (ties corrected; chi-square p, and a permutation p from {} seeded relabellings) with ε² for numbers; Fisher-Freeman-Halton (exact, or from {} seeded random tables when more than {} partial tables would have to be visited) with Cramér's V for categories; Holm's adjustment across the characteristics; quartiles as R's quantile (type 7).",
            super::characteristics::thousands(c.draws), super::characteristics::thousands(c.draws), super::characteristics::thousands(c.exact_budget as usize)
        ));
    }
    if a.has_standardisation() || a.has_alignment() {
        items.push(format!(
            "Disclosure control: no breakdown is shown for a group with fewer than {} answers (--min-cell).",
            st.min_cell
        ));
    }
    if a.characteristics.is_some() {
        items.push(format!(
            "Disclosure control of characteristics: a cluster with fewer than {} {} with a value is withheld from that characteristic's summaries, chart and test (--min-cell).",
            st.min_cell, u.many
        ));
    }
    d.list(items);
}

fn choosing_k(d: &mut Doc, a: &Analysis, u: &Unit, charts: &[Chart], study: bool) {
    let s = &a.agg.scores;
    d.h(2, "Choosing k");
    d.p(k_reason(a, study));
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
            "The indices disagree, as they often do with few {}, so k is a judgement, not a finding: {}. With {} none of them is decisive; \
             read the profiles and the stability below before reading much into any one cluster.",
            u.many,
            picks.join("; "),
            u.count(s.rows())
        ));
    } else {
        d.p(format!("The indices agree: {}.", picks.join("; ")));
    }
    if a.gap.k_first_se_max == 1 {
        d.p(format!("The gap statistic prefers k = 1: by that test the {} show no cluster structure beyond what uniform data of the same shape would give.", u.many));
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

fn clusters(d: &mut Doc, a: &Analysis, u: &Unit) {
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
            &u.many,
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
                let (hi, lo) = themes_of(a, cl);
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

fn profiles(d: &mut Doc, a: &Analysis, u: &Unit, charts: &[Chart], study: bool) {
    let s = &a.agg.scores;
    d.h(
        3,
        if study {
            "Theme profiles (the study's Figure 2)"
        } else {
            "Theme profiles"
        },
    );
    let themes = s.distinct_themes();
    let mut header = vec!["cluster".to_string()];
    header.extend(themes.iter().map(|t| a.theme_label(t)));
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
                        .find(|p| p.cluster == cl.cluster && &p.theme == *t)
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
    plane(d, a, u, charts);
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
        d.p(format!("A {one}'s silhouette compares its distance to its own cluster with its distance to the nearest other cluster: near 1 it sits well inside its cluster, near 0 between two, below 0 closer to another cluster. A {one} alone in its cluster scores 0.", one = u.one));
        d.chart(
            "silhouette",
            &c.svg,
            format!("Silhouette of each analysed {}, by cluster.", u.one),
        );
    }
}

/// The plane chart: the study's two themes, the two `--axes` named, or the principal components.
fn plane(d: &mut Doc, a: &Analysis, u: &Unit, charts: &[Chart]) {
    let stem = a.plane.stem();
    let Some(c) = chart(charts, stem) else {
        return;
    };
    let label = |t: &str| a.theme_label(t);
    match &a.plane {
        Plane::Themes { x, y } => {
            d.h(
                3,
                format!(
                    "{} against {}",
                    profiles::sentence_case(&label(x)),
                    profiles::mid_sentence(&label(y))
                ),
            );
            d.p(format!(
                "Each analysed {} by its mean z-score on the {} statements (across) and on the {} statements (up); crosses mark the cluster centres.",
                u.one,
                profiles::mid_sentence(&label(x)),
                profiles::mid_sentence(&label(y))
            ));
        }
        Plane::Components { share, .. } => {
            d.h(3, "The clusters on the first two principal components");
            d.p(format!(
                "No two themes were named for the axes (--axes THEME_X,THEME_Y), so each analysed {one} is drawn on the first two principal components of the z-scores: the two directions along which the {many} differ most, holding {} \
                 and {} of the variance between them. Crosses mark the cluster centres. A component mixes statements of several themes; the \
                 theme profiles above say what the clusters stand for.",
                pct(share[0]),
                pct(share[1]),
                many = u.many,
                one = u.one
            ));
        }
    }
    let caption = format!("{} {}.", u.many_title(), a.plane.describe(&label));
    d.chart(stem, &c.svg, caption);
}

fn trusts(d: &mut Doc, a: &Analysis, u: &Unit) {
    let agg = a.agg;
    let s = &agg.scores;
    d.h(3, u.many_title());
    d.table(
        &[
            &u.one,
            "responses",
            "cluster",
            "Ward",
            "PAM",
            "silhouette",
            "rwg(j)",
            "membership",
        ],
        (0..s.rows())
            .map(|r| {
                let rwg = a.rwg_j(r).unwrap_or(f64::NAN);
                vec![
                    s.trust_ids[r].clone(),
                    s.responses[r].to_string(),
                    (a.fit.labels[r] + 1).to_string(),
                    (a.methods.ward.labels[r] + 1).to_string(),
                    format!(
                        "{}{}",
                        a.methods.pam.labels[r] + 1,
                        if a.methods.pam_medoids.contains(&r) {
                            " (medoid)"
                        } else {
                            ""
                        }
                    ),
                    f3(a.silhouette[r]),
                    f3(rwg),
                    a.membership_probability(r).map_or("-".to_string(), f3),
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
    let area_text = |id: &str| a.codebook.item_text(id);
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

fn data_protection(d: &mut Doc, a: &Analysis, u: &Unit, accounting: bool) {
    let st = &a.settings;
    d.h(2, "Data protection");
    d.p(format!(
        "The outputs hold {one}-level figures only: no respondent's answers, no column the codebook does not know (e-mails, IP addresses, free text), \
         and nothing about a {one} below the response threshold beyond its count. No breakdown is shown for fewer than {} answers. {}",
        st.min_cell,
        if accounting {
            "accounting.csv lists response ids so the analyst can trace every row: it is for the analyst, not for publication (run with --no-accounting to leave it out)."
        } else {
            "accounting.csv was left out of this run (--no-accounting)."
        },
        one = u.one
    ));
    if a.characteristics.is_some() {
        d.p(format!(
            "The {one} characteristics are facts about the {many}, often public, but beside a cluster they could identify a {one} whose id is a code. \
             So only analysed {many} enter; no row of them names a {one}; a column of names or codes (most {many} with a value of their own) is not compared; \
             and a cluster with fewer than {} {many} with a value shows no summary, count or point of that characteristic and takes no part in its test.",
            st.min_cell,
            one = u.one,
            many = u.many
        ));
    }
}

/// One sentence: how k was chosen.
fn k_reason(a: &Analysis, study: bool) -> String {
    match a.settings.k {
        KChoice::Fixed(k) if study && a.settings.k == STUDY.k => format!("k = {k} is fixed by --k (the study's setting is {}); the indices below are reported so the choice can be judged.", STUDY.k),
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
