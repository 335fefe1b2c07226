use aggregate::ScoreTable;

/// A theme counts as a cluster's focus at a mean z of at least +0.5, and as neglected at -0.5
/// or below: half a standard deviation between trusts.
pub const HIGH: f64 = 0.5;
pub const LOW: f64 = -0.5;

#[derive(Clone, Debug, PartialEq)]
pub struct ThemeScore {
    /// 1-based cluster number.
    pub cluster: usize,
    pub theme: String,
    pub mean_z: f64,
}

/// Mean over a cluster's trusts and a theme's statements of the z-scores. `labels` are 0-based
/// (score-table row order); themes come out in the score table's order.
pub fn theme_profiles(scores: &ScoreTable, labels: &[usize], k: usize) -> Vec<ThemeScore> {
    let themes = scores.distinct_themes();
    let mut out = Vec::with_capacity(k * themes.len());
    for c in 0..k {
        for theme in &themes {
            let (mut sum, mut n) = (0.0, 0usize);
            for (r, _) in labels.iter().enumerate().filter(|(_, l)| **l == c) {
                for (j, t) in scores.themes.iter().enumerate() {
                    if t == *theme {
                        sum += scores.z[r * scores.cols() + j];
                        n += 1;
                    }
                }
            }
            out.push(ThemeScore {
                cluster: c + 1,
                theme: (*theme).clone(),
                mean_z: if n > 0 { sum / n as f64 } else { f64::NAN },
            });
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ClusterSummary {
    pub cluster: usize,
    pub name: String,
    pub size: usize,
    /// Themes at or above [`HIGH`], strongest first.
    pub higher_themes: Vec<String>,
    /// Themes at or below [`LOW`], weakest first.
    pub lower_themes: Vec<String>,
}

/// Names each cluster from its profile, in the study's wording: its two strongest higher themes,
/// written in the instrument's theme order ("Autonomy and identity", "Identity and community"),
/// by their labels (`label`, the codebook's `theme_label`). A cluster with no higher theme is
/// named by what it has least of ("Low on teaching and pedagogy"), and one with neither is "Near
/// the average". `profiles` are in the instrument's theme order within each cluster, as
/// [`theme_profiles`] gives them.
pub fn describe(
    profiles: &[ThemeScore],
    sizes: &[usize],
    label: &dyn Fn(&str) -> String,
) -> Vec<ClusterSummary> {
    let order = |t: &str| profiles.iter().position(|p| p.theme == t);
    (0..sizes.len())
        .map(|c| {
            let mine: Vec<&ThemeScore> = profiles.iter().filter(|p| p.cluster == c + 1).collect();
            let mut higher: Vec<&ThemeScore> =
                mine.iter().copied().filter(|p| p.mean_z >= HIGH).collect();
            higher.sort_by(|a, b| b.mean_z.total_cmp(&a.mean_z).then(a.theme.cmp(&b.theme)));
            let mut lower: Vec<&ThemeScore> =
                mine.iter().copied().filter(|p| p.mean_z <= LOW).collect();
            lower.sort_by(|a, b| a.mean_z.total_cmp(&b.mean_z).then(a.theme.cmp(&b.theme)));
            let words = |v: &[&ThemeScore]| {
                let mut two: Vec<&str> = v.iter().take(2).map(|p| p.theme.as_str()).collect();
                two.sort_by_key(|t| order(t));
                let labels: Vec<String> = two.iter().map(|t| label(t)).collect();
                join_labels(&labels)
            };
            let name = if !higher.is_empty() {
                sentence_case(&words(&higher))
            } else if !lower.is_empty() {
                format!("Low on {}", mid_sentence(&words(&lower)))
            } else {
                "Near the average".to_string()
            };
            ClusterSummary {
                cluster: c + 1,
                name,
                size: sizes[c],
                higher_themes: higher.iter().map(|p| p.theme.clone()).collect(),
                lower_themes: lower.iter().map(|p| p.theme.clone()).collect(),
            }
        })
        .collect()
}

/// Labels as a phrase: "Autonomy and identity"; "Teaching and pedagogy, and school improvement"
/// when a label already holds an "and" (the study's own wording).
pub fn join_labels(labels: &[String]) -> String {
    let Some((first, rest)) = labels.split_first() else {
        return String::new();
    };
    let mut out = first.clone();
    let comma = labels.iter().any(|l| l.contains(" and "));
    for (i, l) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        out.push_str(match (last, comma) {
            (true, true) => ", and ",
            (true, false) => " and ",
            (false, _) => ", ",
        });
        out.push_str(&mid_sentence(l));
    }
    out
}

/// A label inside a sentence: "Identity" -> "identity"; an acronym or a name that is capitalised
/// beyond its first letter ("NHS", "McKinsey") is kept.
pub fn mid_sentence(label: &str) -> String {
    let mut cs = label.chars();
    match cs.next() {
        Some(a) if a.is_uppercase() && !cs.clone().any(char::is_uppercase) => {
            a.to_lowercase().chain(cs).collect()
        }
        _ => label.to_string(),
    }
}

/// The first letter in capitals: the start of a sentence or title.
pub fn sentence_case(text: &str) -> String {
    let mut cs = text.chars();
    match cs.next() {
        Some(a) => a.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The mean of the values whose theme is `theme` (NaN if none): a trust's or centroid's
/// position on a theme axis of the charts.
pub fn theme_mean(values: &[f64], themes: &[String], theme: &str) -> f64 {
    let v: Vec<f64> = values
        .iter()
        .zip(themes)
        .filter(|(_, t)| *t == theme)
        .map(|(v, _)| *v)
        .collect();
    if v.is_empty() {
        f64::NAN
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> ScoreTable {
        // Four trusts, three statements in two themes.
        ScoreTable {
            trust_ids: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            item_ids: vec!["x1".into(), "x2".into(), "y1".into()],
            themes: vec![
                "autonomy".into(),
                "autonomy".into(),
                "teaching_pedagogy".into(),
            ],
            n: vec![5; 12],
            mean: vec![3.0; 12],
            z: vec![
                1.0, 0.8, -1.0, //
                0.6, 1.2, -0.4, //
                -1.0, -0.6, 1.5, //
                -0.2, 0.0, 0.1,
            ],
            item_mean: vec![3.0; 3],
            item_sd: vec![1.0; 3],
            responses: vec![5; 4],
        }
    }

    #[test]
    fn theme_means_by_hand() {
        let p = theme_profiles(&table(), &[0, 0, 1, 2], 3);
        let get = |c: usize, t: &str| {
            p.iter()
                .find(|s| s.cluster == c && s.theme == t)
                .unwrap()
                .mean_z
        };
        // Cluster 1 = trusts a, b: autonomy (1.0 + 0.8 + 0.6 + 1.2) / 4 = 0.9; pedagogy (-1.0 - 0.4) / 2.
        assert!((get(1, "autonomy") - 0.9).abs() < 1e-12);
        assert!((get(1, "teaching_pedagogy") + 0.7).abs() < 1e-12);
        assert!((get(2, "autonomy") + 0.8).abs() < 1e-12);
        assert!((get(2, "teaching_pedagogy") - 1.5).abs() < 1e-12);
        let d = describe(&p, &[2, 1, 1], &|t| t.replace('_', " "));
        assert_eq!(d[0].name, "Autonomy");
        assert_eq!(d[0].higher_themes, vec!["autonomy"]);
        assert_eq!(d[0].lower_themes, vec!["teaching_pedagogy"]);
        assert_eq!(d[1].name, "Teaching pedagogy");
        assert_eq!(d[1].lower_themes, vec!["autonomy"]);
        assert_eq!(d[2].name, "Near the average");
    }

    fn cell(cluster: usize, theme: &str, mean_z: f64) -> ThemeScore {
        ThemeScore {
            cluster,
            theme: theme.into(),
            mean_z,
        }
    }

    #[test]
    fn names_read_like_the_study() {
        let label = |t: &str| match t {
            "identity" => "Identity".to_string(),
            "community" => "Community".to_string(),
            "teaching_pedagogy" => "Teaching and pedagogy".to_string(),
            "nhs" => "NHS values".to_string(),
            t => t.to_string(),
        };
        // Instrument order: identity, teaching_pedagogy, community, nhs.
        let p = vec![
            cell(1, "identity", 0.6),
            cell(1, "teaching_pedagogy", -0.9),
            cell(1, "community", 1.9),
            cell(1, "nhs", 0.0),
            cell(2, "identity", -0.7),
            cell(2, "teaching_pedagogy", -0.6),
            cell(2, "community", 0.1),
            cell(2, "nhs", 0.2),
            cell(3, "identity", 0.0),
            cell(3, "teaching_pedagogy", 0.7),
            cell(3, "community", 0.0),
            cell(3, "nhs", 0.9),
        ];
        let d = describe(&p, &[2, 2, 2], &label);
        // Community is stronger, but the name keeps the instrument's order, as the study does.
        assert_eq!(d[0].name, "Identity and community");
        assert_eq!(d[0].higher_themes, vec!["community", "identity"]);
        assert_eq!(d[1].name, "Low on identity, and teaching and pedagogy");
        assert_eq!(d[2].name, "Teaching and pedagogy, and NHS values");
        assert_eq!(mid_sentence("McKinsey"), "McKinsey");
        assert_eq!(mid_sentence("École"), "école");
        assert_eq!(
            join_labels(&["A".into(), "B".into(), "C".into()]),
            "A, b and c"
        );
    }
}
