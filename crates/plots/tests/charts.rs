//! Every chart on the realistic 17-trust case and on edge cases: the SVG parses as XML, the PNG
//! decodes at the chart's size, output is deterministic and data text is escaped.

mod fixtures;

use plots::*;

fn png_size(png: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(png);
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    (info.width, info.height)
}

/// The checks every chart must pass; returns the parsed SVG's texts.
fn check(chart: &Chart) -> Vec<String> {
    let doc = roxmltree::Document::parse(&chart.svg)
        .unwrap_or_else(|e| panic!("{}: SVG is not XML: {e}", chart.name));
    let svg = doc.root_element();
    assert_eq!(svg.tag_name().name(), "svg");
    let w: u32 = svg.attribute("width").unwrap().parse().unwrap();
    let h: u32 = svg.attribute("height").unwrap().parse().unwrap();
    assert_eq!(
        png_size(&chart.png),
        (w, h),
        "{}: PNG and SVG sizes differ",
        chart.name
    );
    assert!(w >= 200 && h >= 150);
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

fn all_charts(points: &[TrustPoint], clusters: &[ClusterStyle], labels: &[String]) -> Vec<Chart> {
    let cells: Vec<ProfileCell> = clusters
        .iter()
        .flat_map(|c| {
            labels.iter().map(move |t| ProfileCell {
                cluster: c.number,
                theme: t.clone(),
                mean_z: 0.5,
            })
        })
        .collect();
    let bars: Vec<SilhouetteBar> = points
        .iter()
        .map(|p| SilhouetteBar {
            label: p.label.clone(),
            cluster: p.cluster,
            width: p.x / 3.0,
        })
        .collect();
    let groups: Vec<String> = std::iter::once("all".to_string())
        .chain(clusters.iter().map(|c| format!("Cluster {}", c.number)))
        .collect();
    let std_rows: Vec<StdShares> = groups
        .iter()
        .flat_map(|g| {
            labels.iter().map(move |a| StdShares {
                area: a.clone(),
                group: g.clone(),
                n: 10,
                more: 0.5,
                same: 0.3,
                less: 0.2,
            })
        })
        .collect();
    // Group names come from data too.
    let align: Vec<AlignRow> = groups
        .iter()
        .chain(labels.iter())
        .map(|g| AlignRow {
            group: g.clone(),
            n: 10,
            a: 0.2,
            b: 0.5,
            c: 0.3,
        })
        .collect();
    let mv: Vec<Move> = points
        .iter()
        .map(|p| Move {
            label: p.label.clone(),
            from: (p.x, p.y),
            to: (p.y, p.x),
            from_cluster: p.cluster,
            to_cluster: 1,
        })
        .collect();
    let stab: Vec<StabilityBar> = clusters
        .iter()
        .map(|c| StabilityBar {
            cluster: c.number,
            jaccard_mean: 0.7,
        })
        .collect();
    let centroids: Vec<Centroid> = clusters
        .iter()
        .map(|c| Centroid {
            cluster: c.number,
            x: 0.1,
            y: 0.2,
        })
        .collect();
    vec![
        autonomy_vs_pedagogy(points, &centroids, clusters, "t").unwrap(),
        profiles(&cells, clusters, labels, &Unit::default()).unwrap(),
        silhouette(&bars, clusters, &Unit::default()).unwrap(),
        stability(&stab, clusters, &Unit::default()).unwrap(),
        standardisation(&std_rows).unwrap(),
        alignment(&align).unwrap(),
        moves(&mv, clusters, &plots::PlaneText::study_moves()).unwrap(),
    ]
}

fn realistic() -> Vec<Chart> {
    let cl = fixtures::clusters();
    vec![
        autonomy_vs_pedagogy(
            &fixtures::points(),
            &fixtures::centroids(),
            &cl,
            "Trusts by focus on autonomy and on teaching and pedagogy",
        )
        .unwrap(),
        profiles(
            &fixtures::profile_cells(),
            &cl,
            &fixtures::themes(),
            &Unit::default(),
        )
        .unwrap(),
        k_selection(&fixtures::k_rows(), 3).unwrap(),
        silhouette(&fixtures::silhouette_bars(), &cl, &Unit::default()).unwrap(),
        stability(&fixtures::stability_bars(), &cl, &Unit::default()).unwrap(),
        standardisation(&fixtures::std_rows()).unwrap(),
        alignment(&fixtures::align_rows()).unwrap(),
        moves(&fixtures::moves(), &cl, &plots::PlaneText::study_moves()).unwrap(),
    ]
}

#[test]
fn realistic_charts_are_valid_and_named() {
    let charts = realistic();
    let names: Vec<&str> = charts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "autonomy_vs_pedagogy",
            "profiles",
            "k_selection",
            "silhouette",
            "stability",
            "standardisation",
            "alignment",
            "moves"
        ]
    );
    for c in &charts {
        check(c);
    }
    assert_eq!(png_size(&charts[0].png), (900, 650));
}

#[test]
fn realistic_charts_say_what_they_show() {
    let charts = realistic();
    let texts = |i: usize| check(&charts[i]).join("\n");
    let scatter = texts(0);
    assert!(
        scatter.contains("Cluster 1: autonomy &amp; identity (8 trusts)")
            || scatter.contains("Cluster 1: autonomy & identity (8 trusts)")
    );
    assert!(scatter.contains("Focus on autonomy (mean z)"));
    assert!(scatter.contains("Focus on teaching and pedagogy (mean z)"));
    for t in ["T01", "T04", "T17"] {
        assert!(scatter.lines().any(|l| l == t), "label {t} missing");
    }
    let prof = texts(1);
    assert!(prof.contains("Teaching") && prof.contains("1.02") && prof.contains("-1.54"));
    assert!(prof.contains("Cluster 3: identity & community (2 trusts)"));
    let stab = texts(4);
    for band in [
        "dissolved",
        "unstable",
        "tentative",
        "stable (0.75",
        "highly stable",
    ] {
        assert!(stab.contains(band), "band {band} missing");
    }
    assert!(texts(6).contains("A: the same pedagogy"));
    assert!(texts(2).contains("chosen k = 3"));
}

#[test]
fn output_is_deterministic() {
    let a = realistic();
    let b = realistic();
    assert_eq!(a, b);
    let big = fixtures::many_points(300, 3);
    let c1 = autonomy_vs_pedagogy(&big, &[], &fixtures::clusters(), "x").unwrap();
    let c2 = autonomy_vs_pedagogy(&big, &[], &fixtures::clusters(), "x").unwrap();
    assert_eq!(c1.svg, c2.svg);
    assert_eq!(c1.png, c2.png);
}

const NASTY: [&str; 3] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "a & b 'quoted' ]]>",
];

#[test]
fn data_text_is_escaped_in_svg() {
    for nasty in NASTY {
        let points = vec![
            TrustPoint {
                label: nasty.to_string(),
                x: 0.5,
                y: -0.5,
                cluster: 1,
                responses: 10,
                membership: None,
            },
            TrustPoint {
                label: "T2".into(),
                x: -0.5,
                y: 0.5,
                cluster: 2,
                responses: 12,
                membership: None,
            },
        ];
        let clusters = vec![
            ClusterStyle {
                number: 1,
                name: nasty.to_string(),
                size: 1,
            },
            ClusterStyle {
                number: 2,
                name: "plain".into(),
                size: 1,
            },
        ];
        for chart in all_charts(&points, &clusters, &[nasty.to_string()]) {
            assert!(
                !chart.svg.contains("<script"),
                "{}: raw <script",
                chart.name
            );
            assert!(!chart.svg.contains("<img"), "{}: raw <img", chart.name);
            let texts = check(&chart);
            // The parsed document gives the label back as text, not as markup.
            // (A narrow slot may shorten it with an ellipsis.)
            // (Wrapped lines are joined back with spaces.)
            // (Area names are capitalised, so compare in lower case.)
            let texts: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
            let nasty = nasty.to_lowercase();
            let nasty = nasty.as_str();
            let joined = texts.join(" ");
            assert!(
                joined.contains(nasty)
                    || texts.iter().any(|t| t.contains(nasty)
                        || (t.ends_with('…')
                            && t.len() > 4
                            && nasty.starts_with(t.trim_end_matches('…')))),
                "{}: label {nasty:?} not found as text",
                chart.name
            );
        }
    }
}

#[test]
fn edge_cases_do_not_panic() {
    let one_cluster = vec![ClusterStyle {
        number: 1,
        name: "only".into(),
        size: 1,
    }];
    let pt = |x: f64, y: f64| TrustPoint {
        label: "T".into(),
        x,
        y,
        cluster: 1,
        responses: 5,
        membership: None,
    };
    let theme = vec!["autonomy".to_string()];
    let cases: Vec<(&str, Vec<TrustPoint>, Vec<ClusterStyle>)> = vec![
        ("empty", vec![], vec![]),
        ("one point", vec![pt(0.3, 0.3)], one_cluster.clone()),
        ("all equal", vec![pt(1.0, 1.0); 5], one_cluster.clone()),
        ("all zero", vec![pt(0.0, 0.0); 3], one_cluster.clone()),
        (
            "NaN",
            vec![pt(f64::NAN, 0.2), pt(0.1, f64::NAN), pt(0.4, 0.5)],
            one_cluster.clone(),
        ),
        (
            "only NaN",
            vec![pt(f64::NAN, f64::NAN)],
            one_cluster.clone(),
        ),
        ("2500 points", fixtures::many_points(2500, 4), vec![]),
        (
            "cluster 0 and 12",
            {
                let mut v = vec![pt(0.1, 0.1), pt(0.2, 0.3)];
                v[0].cluster = 0;
                v[1].cluster = 12;
                v
            },
            vec![],
        ),
    ];
    for (what, points, clusters) in cases {
        for chart in all_charts(&points, &clusters, &theme) {
            check(&chart);
            let _ = what;
        }
    }
    // Empty inputs everywhere, and NaN in the numeric charts.
    for chart in [
        autonomy_vs_pedagogy(&[], &[], &[], "").unwrap(),
        profiles(&[], &[], &[], &Unit::default()).unwrap(),
        k_selection(&[], 3).unwrap(),
        silhouette(&[], &[], &Unit::default()).unwrap(),
        stability(&[], &[], &Unit::default()).unwrap(),
        standardisation(&[]).unwrap(),
        alignment(&[]).unwrap(),
        moves(&[], &[], &plots::PlaneText::study_moves()).unwrap(),
    ] {
        let texts = check(&chart).join(" ");
        assert!(texts.contains("No "), "{}: no empty-chart note", chart.name);
    }
    let nan_row = |k| KIndices {
        k,
        wss: f64::NAN,
        silhouette: f64::NAN,
        ch: f64::NAN,
        db: f64::NAN,
        gap: f64::NAN,
        gap_se: f64::NAN,
    };
    check(&k_selection(&[nan_row(1)], 1).unwrap());
    check(&k_selection(&[nan_row(1), nan_row(2)], 7).unwrap());
    let mut rows = fixtures::k_rows();
    rows.truncate(1);
    check(&k_selection(&rows, 1).unwrap());
    check(
        &profiles(
            &[ProfileCell {
                cluster: 1,
                theme: "a_b".into(),
                mean_z: f64::NAN,
            }],
            &[],
            &[],
            &Unit::default(),
        )
        .unwrap(),
    );
    check(
        &stability(
            &[StabilityBar {
                cluster: 1,
                jaccard_mean: f64::NAN,
            }],
            &[],
            &Unit::default(),
        )
        .unwrap(),
    );
    check(
        &standardisation(&[StdShares {
            area: "x".into(),
            group: "all".into(),
            n: 0,
            more: f64::NAN,
            same: f64::NAN,
            less: f64::NAN,
        }])
        .unwrap(),
    );
    check(
        &alignment(&[AlignRow {
            group: "all".into(),
            n: 0,
            a: 0.0,
            b: 0.0,
            c: f64::NAN,
        }])
        .unwrap(),
    );
}

#[test]
fn many_points_are_unlabelled_with_a_caption() {
    let chart = autonomy_vs_pedagogy(&fixtures::many_points(2500, 4), &[], &[], "big").unwrap();
    let texts = check(&chart);
    assert!(!texts.iter().any(|t| t.starts_with("TR0")));
    assert!(texts
        .iter()
        .any(|t| t.contains("Trust labels are not shown")));
}

#[test]
fn labels_do_not_overlap_in_the_realistic_scatter() {
    // Read label boxes back from the SVG: x, y (top anchor) and an upper bound of their width.
    let chart = autonomy_vs_pedagogy(
        &fixtures::points(),
        &fixtures::centroids(),
        &fixtures::clusters(),
        "t",
    )
    .unwrap();
    let doc = roxmltree::Document::parse(&chart.svg).unwrap();
    let boxes: Vec<(f64, f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter(|n| {
            n.text()
                .map(|t| t.trim().starts_with('T') && t.trim().len() == 3)
                .unwrap_or(false)
        })
        .map(|n| {
            let x: f64 = n.attribute("x").unwrap().parse().unwrap();
            let y: f64 = n.attribute("y").unwrap().parse().unwrap();
            (x, y, 30.0)
        })
        .collect();
    assert_eq!(boxes.len(), 17);
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[..i] {
            let overlap_x = a.0 < b.0 + b.2 && b.0 < a.0 + a.2;
            let overlap_y = (a.1 - b.1).abs() < 12.0;
            assert!(
                !(overlap_x && overlap_y),
                "labels at {a:?} and {b:?} overlap"
            );
        }
    }
}

fn characteristic_text(name: &str, variable: &str) -> CharacteristicText {
    CharacteristicText {
        name: name.to_string(),
        variable: variable.to_string(),
        test: "Kruskal-Wallis H = 9.87, permutation p = 0.003 (Holm 0.012), ε² = 0.62".into(),
        min_cell: 5,
        unit: Unit::default(),
    }
}

/// The y of the first text in `svg` that starts with `prefix`.
fn text_y(svg: &str, prefix: &str) -> f64 {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let node = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .find(|n| n.text().unwrap_or("").trim().starts_with(prefix))
        .unwrap_or_else(|| panic!("no text starting with {prefix:?}"));
    node.attribute("y").unwrap().parse().unwrap()
}

#[test]
fn characteristic_numeric_chart() {
    let cl = fixtures::clusters();
    let text = characteristic_text("characteristic_pupils", "pupils <11 & SEN");
    // Out of order on purpose: cluster 1 must still be the top row.
    let groups = vec![
        NumericGroup {
            cluster: cl[1].clone(),
            n: 6,
            values: vec![2.0, 3.0, 3.0, 3.0, 5.0, 8.0, f64::NAN],
            quartiles: Some((3.0, 3.0, 4.5)),
            withheld: false,
        },
        NumericGroup {
            cluster: cl[0].clone(),
            n: 8,
            values: vec![1.0, 1.0, 2.0, 4.0, 4.0, 6.0, 9.0, 12.0],
            quartiles: Some((1.75, 4.0, 6.75)),
            withheld: false,
        },
        NumericGroup {
            cluster: cl[2].clone(),
            n: 2,
            values: vec![],
            quartiles: None,
            withheld: true,
        },
    ];
    let chart = characteristic_numeric(&text, &groups).unwrap();
    assert_eq!(chart.name, "characteristic_pupils");
    let texts = check(&chart);
    assert!(texts.iter().any(|t| t == "\"pupils <11 & SEN\" by cluster"));
    assert!(texts.iter().any(|t| t == "pupils <11 & SEN"), "axis title");
    assert!(texts
        .iter()
        .any(|t| t.starts_with("Kruskal-Wallis H = 9.87")));
    assert!(texts
        .iter()
        .any(|t| t == "withheld: fewer than 5 trusts with a value"));
    assert!(texts.iter().any(|t| t.contains("1 trust not shown")));
    // Data text is escaped, never raw markup.
    assert!(!chart.svg.contains("<11"));
    assert!(chart.svg.contains("&lt;11 &amp; SEN"));
    assert!(chart.svg.contains("autonomy &amp; identity"));
    assert!(text_y(&chart.svg, "Cluster 1:") < text_y(&chart.svg, "Cluster 2:"));
    assert!(text_y(&chart.svg, "Cluster 2:") < text_y(&chart.svg, "Cluster 3:"));
    // Deterministic.
    assert_eq!(chart, characteristic_numeric(&text, &groups).unwrap());
    // Nothing to show, or only withheld clusters.
    let empty = characteristic_numeric(&text, &[]).unwrap();
    assert!(check(&empty).join(" ").contains("No "));
    check(&characteristic_numeric(&text, &groups[2..]).unwrap());
}

#[test]
fn characteristic_categorical_chart() {
    let cl = fixtures::clusters();
    let text = characteristic_text("characteristic_phase", "phase");
    let categories: Vec<String> = ["Primary", "A & B <c>", "Secondary", "All-through"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let groups = vec![
        CategoryGroup {
            cluster: cl[0].clone(),
            n: 8,
            counts: vec![4, 2, 1, 1],
            withheld: false,
        },
        CategoryGroup {
            cluster: cl[1].clone(),
            n: 7,
            counts: vec![0, 5, 2, 0],
            withheld: false,
        },
        CategoryGroup {
            cluster: cl[2].clone(),
            n: 2,
            counts: vec![],
            withheld: true,
        },
    ];
    let chart = characteristic_categorical(&text, &categories, &groups).unwrap();
    assert_eq!(chart.name, "characteristic_phase");
    let texts = check(&chart);
    assert!(texts.iter().any(|t| t == "\"phase\" by cluster"));
    assert!(texts
        .iter()
        .any(|t| t.starts_with("Kruskal-Wallis H = 9.87")));
    assert!(texts.iter().any(|t| t == "A & B <c>"), "legend entry");
    assert!(texts
        .iter()
        .any(|t| t == "withheld: fewer than 5 trusts with a value"));
    for count in ["4", "5"] {
        assert!(texts.iter().any(|t| t == count), "count {count} missing");
    }
    assert!(!chart.svg.contains("<c>"));
    assert!(chart.svg.contains("A &amp; B &lt;c&gt;"));
    assert!(text_y(&chart.svg, "Cluster 1:") < text_y(&chart.svg, "Cluster 2:"));
    assert_eq!(
        chart,
        characteristic_categorical(&text, &categories, &groups).unwrap()
    );
    // More categories than colours: the legend wraps and a note says colours repeat.
    let many: Vec<String> = (1..=15).map(|i| format!("Category number {i}")).collect();
    let wide = vec![CategoryGroup {
        cluster: cl[0].clone(),
        n: 15,
        counts: vec![1; 15],
        withheld: false,
    }];
    let chart = characteristic_categorical(&text, &many, &wide).unwrap();
    let texts = check(&chart);
    assert!(texts.iter().any(|t| t == "Category number 15"));
    assert!(texts.join(" ").contains("Colours repeat"));
    let empty = characteristic_categorical(&text, &categories, &[]).unwrap();
    assert!(check(&empty).join(" ").contains("No "));
}
