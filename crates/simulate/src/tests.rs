use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::*;
use crate::calendar::{civil_from_days, days_from_civil, format_datetime};
use crate::model::*;

const SEEDS: [u64; 8] = [DEFAULT_SEED, 0, 1, 2, 3, 42, 2018, u64::MAX];

/// The simulated wave, parsed back: header and records.
fn parse(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let records = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, records)
}

fn wave(seed: u64) -> (Vec<String>, Vec<Vec<String>>) {
    parse(&simulate(&SimParams::new(Preset::Replication, seed)).unwrap())
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// A statement cell as a code 1..5, `None` when missing (the format's table of values).
fn statement_code(cell: &str) -> Option<u8> {
    let cell = cell.trim().to_lowercase();
    match cell.as_str() {
        "" | "na" | "n/a" | "don't know" => None,
        "1" | "not at all" => Some(1),
        "2" | "slightly" => Some(2),
        "3" | "moderately" => Some(3),
        "4" | "very well" => Some(4),
        "5" | "completely" => Some(5),
        other => panic!("invalid statement value {other:?}"),
    }
}

fn standardisation_answer(cell: &str) -> Option<&'static str> {
    match cell.trim().to_lowercase().as_str() {
        "" | "na" | "don't know" => None,
        "more" => Some("more"),
        "same" | "about the same" => Some("same"),
        "less" => Some("less"),
        other => panic!("invalid standardisation value {other:?}"),
    }
}

fn answers_a_statement(header: &[String], record: &[String]) -> bool {
    STATEMENT_IDS
        .iter()
        .any(|id| statement_code(&record[column(header, id)]).is_some())
}

/// Counted responses per trust.
fn counted(header: &[String], records: &[Vec<String>]) -> BTreeMap<String, usize> {
    let trust = column(header, "trust_id");
    let mut counts = BTreeMap::new();
    for record in records {
        let n = counts.entry(record[trust].clone()).or_insert(0);
        if answers_a_statement(header, record) {
            *n += 1;
        }
    }
    counts
}

#[test]
fn header_matches_the_codebook() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/codebook.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut statements = Vec::new();
    let mut standardisation = Vec::new();
    let mut alignment = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        match &record[1] {
            "statement" => statements.push((record[0].to_string(), record[2].to_string())),
            "standardisation" => standardisation.push(record[0].to_string()),
            "alignment" => alignment.push(record[0].to_string()),
            // Other headers for the fixed columns, not questions.
            "field" => {}
            other => panic!("unknown kind {other}"),
        }
    }
    let ours: Vec<(String, String)> = STATEMENT_IDS
        .iter()
        .zip(STATEMENT_THEMES)
        .map(|(id, theme)| (id.to_string(), theme.to_string()))
        .collect();
    assert_eq!(statements, ours);
    assert_eq!(standardisation, STANDARDISATION_IDS);
    assert_eq!(alignment, ["alignment"]);

    let (header, _) = wave(DEFAULT_SEED);
    let expected: Vec<&str> = META_COLUMNS
        .iter()
        .chain(STATEMENT_IDS.iter())
        .chain(STANDARDISATION_IDS.iter())
        .chain(["alignment"].iter())
        .chain(IGNORED_COLUMNS.iter())
        .copied()
        .collect();
    assert_eq!(header, expected);
}

#[test]
fn the_plan_adds_up_to_the_published_counts() {
    let trusts = Preset::Replication.trusts();
    assert_eq!(trusts.len(), 22);
    assert_eq!(trusts.iter().map(|t| t.rows).sum::<usize>(), 346);
    let analysed: Vec<_> = trusts.iter().filter(|t| t.counted_rows() >= 5).collect();
    assert_eq!(analysed.len(), 17);
    let per_profile = |p| analysed.iter().filter(|t| t.profile == p).count();
    assert_eq!(per_profile(Profile::AutonomyIdentity), 8);
    assert_eq!(per_profile(Profile::TeachingPedagogy), 7);
    assert_eq!(per_profile(Profile::IdentityCommunity), 2);
    assert!(analysed.iter().all(|t| (8..=40).contains(&t.rows)));
    let ids: HashSet<_> = trusts.iter().map(|t| t.trust_id).collect();
    assert_eq!(ids.len(), 22);
    assert!(trusts.iter().map(|t| t.schools).sum::<u16>() <= 99);
}

#[test]
fn counts_hold_for_every_seed() {
    for seed in SEEDS {
        let (header, records) = wave(seed);
        assert_eq!(records.len(), 346, "seed {seed}");
        assert!(records.iter().all(|r| r.len() == header.len()));
        let trust = column(&header, "trust_id");
        assert!(records.iter().all(|r| !r[trust].trim().is_empty()));
        let counts = counted(&header, &records);
        assert_eq!(counts.len(), 22, "seed {seed}");
        assert_eq!(counts.values().filter(|&&n| n >= 5).count(), 17);
        assert_eq!(
            counts.values().filter(|&&n| (1..=4).contains(&n)).count(),
            5
        );
        let no_statements = records
            .iter()
            .filter(|r| !answers_a_statement(&header, r))
            .count();
        assert!((3..=6).contains(&no_statements), "seed {seed}");
        // Counts match the plan exactly.
        for plan in Preset::Replication.trusts() {
            assert_eq!(counts[plan.trust_id], plan.counted_rows(), "seed {seed}");
        }
    }
}

#[test]
fn response_ids_are_unique_and_not_in_trust_order() {
    for seed in SEEDS {
        let (header, records) = wave(seed);
        let id = column(&header, "response_id");
        let ids: HashSet<&str> = records.iter().map(|r| r[id].as_str()).collect();
        assert_eq!(ids.len(), 346);
        assert!(ids
            .iter()
            .all(|i| i.len() == 5 && i.starts_with('R') && i[1..].parse::<u32>().is_ok()));
        let trust = column(&header, "trust_id");
        let trust_order: Vec<&str> = records.iter().map(|r| r[trust].as_str()).collect();
        let mut sorted = trust_order.clone();
        sorted.sort();
        assert_ne!(trust_order, sorted);
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let params = SimParams::default();
    let a = simulate(&params).unwrap();
    let b = simulate(&params).unwrap();
    assert_eq!(a, b);
    let mut written = Vec::new();
    write_csv(&params, &mut written).unwrap();
    assert_eq!(written, a.as_bytes());
    let other = simulate(&SimParams::new(Preset::Replication, DEFAULT_SEED + 1)).unwrap();
    assert_ne!(a, other);
}

/// Shares of more and less per area over the given records.
fn standardisation_shares(
    header: &[String],
    records: &[&Vec<String>],
) -> Vec<(&'static str, f64, f64)> {
    STANDARDISATION_IDS
        .iter()
        .map(|&area| {
            let c = column(header, area);
            let answers: Vec<&str> = records
                .iter()
                .filter_map(|r| standardisation_answer(&r[c]))
                .collect();
            let share =
                |a| answers.iter().filter(|&&x| x == a).count() as f64 / answers.len() as f64;
            (area, share("more"), share("less"))
        })
        .collect()
}

#[test]
fn nobody_wants_less_and_the_top_three_are_the_published_ones() {
    let top: BTreeSet<&str> = ["std_info_mgmt", "std_back_office", "std_senior_dev"].into();
    for seed in SEEDS {
        let (header, records) = wave(seed);
        let counts = counted(&header, &records);
        let trust = column(&header, "trust_id");
        let all: Vec<&Vec<String>> = records.iter().collect();
        let analysed: Vec<&Vec<String>> = records
            .iter()
            .filter(|r| counts[&r[trust]] >= 5 && answers_a_statement(&header, r))
            .collect();
        for subset in [all, analysed] {
            let mut shares = standardisation_shares(&header, &subset);
            for &(area, more, less) in &shares {
                assert!(more > less, "seed {seed}: {area} more {more} less {less}");
            }
            shares.sort_by(|a, b| b.1.total_cmp(&a.1));
            let top3: BTreeSet<&str> = shares[..3].iter().map(|s| s.0).collect();
            assert_eq!(top3, top, "seed {seed}");
        }
    }
}

#[test]
fn alignment_fits_each_profile() {
    let (header, records) = wave(DEFAULT_SEED);
    let trust = column(&header, "trust_id");
    let alignment = column(&header, "alignment");
    let profiles: BTreeMap<&str, Profile> = Preset::Replication
        .trusts()
        .iter()
        .map(|t| (t.trust_id, t.profile))
        .collect();
    let mut tally: BTreeMap<Profile, BTreeMap<String, usize>> = BTreeMap::new();
    for r in &records {
        let value = r[alignment].trim().to_uppercase();
        assert!(["", "NA", "A", "B", "C"].contains(&value.as_str()));
        *tally
            .entry(profiles[r[trust].as_str()])
            .or_default()
            .entry(value)
            .or_default() += 1;
    }
    let n = |p: Profile, v: &str| tally[&p].get(v).copied().unwrap_or(0);
    let tp = Profile::TeachingPedagogy;
    assert!(n(tp, "A") > n(tp, "B") + n(tp, "C"));
    let ai = Profile::AutonomyIdentity;
    assert!(n(ai, "C") > n(ai, "A") + n(ai, "B"));
    let ic = Profile::IdentityCommunity;
    assert!(n(ic, "B") + n(ic, "C") > 4 * n(ic, "A"));
}

#[test]
fn metadata_is_valid() {
    const ROLES: [&str; 9] = [
        "ceo",
        "central_team",
        "headteacher",
        "senior_leader",
        "teacher",
        "support_staff",
        "governor",
        "other",
        "",
    ];
    for seed in SEEDS {
        let (header, records) = wave(seed);
        let [trust, wave_col, role, school, submitted] =
            ["trust_id", "wave", "role", "school_id", "submitted_at"].map(|c| column(&header, c));
        let mut ceos: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &records {
            assert_eq!(r[wave_col], "2017");
            assert!(ROLES.contains(&r[role].as_str()), "role {:?}", r[role]);
            if r[role] == "ceo" {
                *ceos.entry(&r[trust]).or_default() += 1;
            }
            let s = &r[school];
            assert!(
                s.is_empty() || (s.len() == 4 && s.starts_with("S0")),
                "school {s:?}"
            );
            let t = &r[submitted];
            assert!(t.as_str() >= "2017-05-08T00:00:00" && t.as_str() <= "2017-06-30T23:59:59");
            assert_eq!(t.len(), 19);
        }
        assert!(ceos.values().all(|&n| n == 1));
        let times: Vec<&str> = records.iter().map(|r| r[submitted].as_str()).collect();
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "rows in submission order"
        );
    }
}

#[test]
fn values_are_valid_and_varied() {
    let (header, records) = wave(DEFAULT_SEED);
    let mut labels = 0;
    let mut missing = 0;
    let mut about_the_same = 0;
    for r in &records {
        for id in STATEMENT_IDS {
            let cell = &r[column(&header, id)];
            match statement_code(cell) {
                None => missing += 1,
                Some(_) if cell.parse::<u8>().is_err() => labels += 1,
                Some(_) => {}
            }
        }
        for id in STANDARDISATION_IDS {
            let cell = &r[column(&header, id)];
            standardisation_answer(cell);
            about_the_same += usize::from(cell.eq_ignore_ascii_case("about the same"));
        }
    }
    assert!(labels > 50, "{labels} labels");
    assert!(missing > 100, "{missing} missing");
    assert!(about_the_same > 20, "{about_the_same} about the same");
    // The free-text comments survive a CSV round trip, quotes and line breaks included.
    let comments = column(&header, "comments");
    assert!(records.iter().any(|r| r[comments].contains('\n')));
    assert!(records.iter().any(|r| r[comments].contains('"')));
    assert!(records.iter().any(|r| r[comments].contains(',')));
}

/// A trust's mean answer to the statements whose ids start with `prefix` ("" for all).
fn theme_mean(header: &[String], records: &[Vec<String>], id: &str, prefix: &str) -> f64 {
    let trust = column(header, "trust_id");
    let values: Vec<f64> = records
        .iter()
        .filter(|r| r[trust] == id)
        .flat_map(|r| {
            STATEMENT_IDS
                .iter()
                .filter(|s| s.starts_with(prefix))
                .filter_map(|s| statement_code(&r[column(header, s)]))
                .map(f64::from)
                .collect::<Vec<_>>()
        })
        .collect();
    values.iter().sum::<f64>() / values.len() as f64
}

#[test]
fn planted_profiles_show_in_trust_means() {
    let (header, records) = wave(DEFAULT_SEED);
    let theme_mean = |id: &str, prefix: &str| theme_mean(&header, &records, id, prefix);
    for plan in Preset::Replication.trusts() {
        if plan.counted_rows() < 5 {
            continue;
        }
        let id = plan.trust_id;
        let autonomy_minus_pedagogy = theme_mean(id, "aut") - theme_mean(id, "ped");
        match plan.profile {
            Profile::AutonomyIdentity => assert!(autonomy_minus_pedagogy > 0.5, "{id}"),
            Profile::TeachingPedagogy => assert!(autonomy_minus_pedagogy < -0.5, "{id}"),
            Profile::IdentityCommunity => {
                // Latent gap 1.6 (4.25 vs 2.63), narrowed by clipping at 5 and 1: about 1.0.
                assert!(theme_mean(id, "com") - theme_mean(id, "imp") > 0.6, "{id}")
            }
        }
    }
}

#[test]
fn the_wave_label_sets_the_year() {
    let mut params = SimParams {
        wave: "2019".into(),
        ..SimParams::default()
    };
    let (header, records) = parse(&simulate(&params).unwrap());
    let submitted = column(&header, "submitted_at");
    assert!(records.iter().all(|r| r[submitted].starts_with("2019-")));
    params.wave = "autumn".into();
    let (_, records) = parse(&simulate(&params).unwrap());
    assert!(records.iter().all(|r| r[submitted].starts_with("2017-")));
    for bad in ["", " 2017", "20\n17"] {
        params.wave = bad.into();
        assert!(matches!(
            simulate(&params),
            Err(SimulateError::InvalidWave { .. })
        ));
    }
}

#[test]
fn presets_parse_by_name() {
    assert_eq!(
        "replication".parse::<Preset>().unwrap(),
        Preset::Replication
    );
    assert_eq!(
        " Replication ".parse::<Preset>().unwrap(),
        Preset::Replication
    );
    assert!("national".parse::<Preset>().is_err());
    assert_eq!(Preset::Replication.to_string(), "replication");
}

#[test]
fn dates_round_trip() {
    for (y, m, d) in [(1970, 1, 1), (2017, 5, 8), (2016, 2, 29), (2000, 12, 31)] {
        assert_eq!(
            civil_from_days(days_from_civil(y, m, d)),
            (i64::from(y), m, d)
        );
    }
    assert_eq!(days_from_civil(2017, 5, 8), 17_294);
    assert_eq!(
        format_datetime(17_294 * 86_400 + 3_661),
        "2017-05-08T01:01:01"
    );
}

#[test]
fn probability_tables_sum_to_one() {
    let close = |x: f64| (x - 1.0).abs() < 1e-9;
    for row in STANDARDISATION_SHARES {
        assert!(row.iter().all(|(m, s, l)| close(m + s + l)));
    }
    for row in ALIGNMENT_PROBS {
        assert!(close(row.iter().sum()));
    }
    assert!(close(ROLE_PROBS.iter().map(|r| r.1).sum()));
    assert!(close(STATEMENT_MISSING_TOKENS.iter().map(|r| r.1).sum()));
    assert!(close(
        STANDARDISATION_MISSING_TOKENS.iter().map(|r| r.1).sum()
    ));
    assert!(close(LABEL_CASES.iter().sum()));
}

#[test]
fn the_bundled_wave_is_the_default_output() {
    // `matcluster simulate --preset replication` must keep writing data/replication/wave-2017.csv.
    let bundled = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/replication/wave-2017.csv"
    ))
    .unwrap();
    assert!(simulate(&SimParams::default()).unwrap() == bundled);
}

#[test]
fn moves_drops_and_additions_change_only_those_trusts() {
    let base = SimParams::new(Preset::Replication, 7);
    let changed = SimParams {
        moves: vec![("MAT-04".into(), Profile::TeachingPedagogy)],
        drop: vec!["MAT-07".into()],
        add: 3,
        ..base.clone()
    };
    let plan = changed.plan().unwrap();
    let ids: Vec<&str> = plan.iter().map(|p| p.trust_id.as_str()).collect();
    assert_eq!(ids.len(), 22 - 1 + 3);
    assert!(!ids.contains(&"MAT-07"));
    assert_eq!(&ids[ids.len() - 3..], ["MAT-23", "MAT-24", "MAT-25"]);
    let profile = |id: &str| plan.iter().find(|p| p.trust_id == id).unwrap().profile;
    assert_eq!(profile("MAT-04"), Profile::TeachingPedagogy);
    assert_eq!(profile("MAT-01"), Profile::AutonomyIdentity);
    assert_eq!(
        [profile("MAT-23"), profile("MAT-24"), profile("MAT-25")],
        [
            Profile::AutonomyIdentity,
            Profile::TeachingPedagogy,
            Profile::AutonomyIdentity
        ]
    );
    // Every added trust is analysed.
    assert!(plan[plan.len() - 3..]
        .iter()
        .all(|p| p.rows - p.no_statement_rows >= 12));

    // A trust that is neither moved nor dropped answers the statements exactly as before (its
    // random stream is its place in the preset).
    let (h0, r0) = parse(&simulate(&base).unwrap());
    let (h1, r1) = parse(&simulate(&changed).unwrap());
    let statements = |h: &[String], rows: &[Vec<String>], id: &str| -> Vec<Vec<String>> {
        let t = column(h, "trust_id");
        let cols: Vec<usize> = STATEMENT_IDS.iter().map(|s| column(h, s)).collect();
        rows.iter()
            .filter(|r| r[t] == id)
            .map(|r| cols.iter().map(|c| r[*c].clone()).collect())
            .collect()
    };
    for id in ["MAT-01", "MAT-02", "MAT-06", "MAT-21"] {
        let mut a = statements(&h0, &r0, id);
        let mut b = statements(&h1, &r1, id);
        a.sort();
        b.sort();
        assert_eq!(a, b, "{id}");
    }
    assert_ne!(
        statements(&h0, &r0, "MAT-04"),
        statements(&h1, &r1, "MAT-04")
    );
    assert!(statements(&h1, &r1, "MAT-07").is_empty());
    assert_eq!(statements(&h1, &r1, "MAT-23").len(), 18);
    // Response ids stay unique.
    let id = column(&h1, "response_id");
    assert_eq!(
        r1.iter().map(|r| &r[id]).collect::<HashSet<_>>().len(),
        r1.len()
    );
}

#[test]
fn bad_changes_are_refused() {
    let with = |moves: Vec<(&str, Profile)>, drop: Vec<&str>| SimParams {
        moves: moves.into_iter().map(|(t, p)| (t.to_string(), p)).collect(),
        drop: drop.into_iter().map(str::to_string).collect(),
        ..SimParams::default()
    };
    assert!(matches!(
        simulate(&with(vec![("MAT-99", Profile::AutonomyIdentity)], vec![])),
        Err(SimulateError::UnknownTrust {
            change: TrustChange::Move,
            ..
        })
    ));
    // The message speaks of the value; the command line says which option gave it.
    assert_eq!(
        simulate(&with(vec![("MAT-99", Profile::AutonomyIdentity)], vec![]))
            .unwrap_err()
            .to_string(),
        "no trust \"MAT-99\" in the replication preset (its trusts are MAT-01 to MAT-22)"
    );
    assert!(matches!(
        simulate(&with(vec![], vec!["nope"])),
        Err(SimulateError::UnknownTrust {
            change: TrustChange::Drop,
            ..
        })
    ));
    assert!(matches!(
        simulate(&with(
            vec![("MAT-01", Profile::AutonomyIdentity)],
            vec!["MAT-01"]
        )),
        Err(SimulateError::MovedAndDropped(_))
    ));
    assert_eq!(
        "Teaching_Pedagogy".parse::<Profile>().unwrap(),
        Profile::TeachingPedagogy
    );
    assert!("pedagogy".parse::<Profile>().is_err());
}

#[test]
fn planted_placements_sit_where_asked_and_leave_other_trusts_alone() {
    // With 3000 rows a trust's statement means are its planted latent means blurred only by
    // noise (about 0.03). Two trusts planted at the same centre, or halfway between the same
    // two profiles, then agree on every statement within 0.1; two drawn trusts of one profile
    // do not, as each has its own deviation (sd 0.15) per statement.
    let base = SimParams::new(Preset::Replication, 11);
    let deep = ["MAT-02", "MAT-05", "MAT-08", "MAT-11", "MAT-10", "MAT-04"];
    let (ai, tp) = (Profile::AutonomyIdentity, Profile::TeachingPedagogy);
    let planted = SimParams {
        centre: vec![("MAT-02".into(), tp), ("MAT-05".into(), tp)],
        between: vec![("MAT-10".into(), ai, tp), ("MAT-04".into(), ai, tp)],
        rows: deep.iter().map(|t| (t.to_string(), 3000)).collect(),
        ..base.clone()
    };
    let plan = planted.plan().unwrap();
    let get = |id: &str| plan.iter().find(|p| p.trust_id == id).unwrap();
    assert_eq!(get("MAT-10").placement, Placement::Between(tp));
    assert_eq!(get("MAT-10").profile, ai);
    assert_eq!(
        (get("MAT-02").placement, get("MAT-08").placement),
        (Placement::Centre, Placement::Drawn)
    );
    let (h, r) = parse(&simulate(&planted).unwrap());
    let item_means = |id: &str| -> Vec<f64> {
        STATEMENT_IDS
            .iter()
            .map(|s| theme_mean(&h, &r, id, s))
            .collect()
    };
    let largest_gap = |a: &str, b: &str| {
        item_means(a)
            .iter()
            .zip(item_means(b))
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max)
    };
    assert!(largest_gap("MAT-02", "MAT-05") < 0.1);
    assert!(largest_gap("MAT-10", "MAT-04") < 0.1);
    assert!(largest_gap("MAT-08", "MAT-11") > 0.15);
    // Halfway: autonomy minus pedagogy near the average of the two profiles' latent gaps.
    let latent = |p: Profile, prefix: &str| {
        let m: Vec<f64> = STATEMENT_IDS
            .iter()
            .zip(ITEM_MEANS[p.index()])
            .filter(|(s, _)| s.starts_with(prefix))
            .map(|(_, m)| m)
            .collect();
        m.iter().sum::<f64>() / m.len() as f64
    };
    let halfway =
        (latent(ai, "aut") + latent(tp, "aut") - latent(ai, "ped") - latent(tp, "ped")) / 2.0;
    let gap = |id: &str| theme_mean(&h, &r, id, "aut") - theme_mean(&h, &r, id, "ped");
    assert!(
        (gap("MAT-10") - halfway).abs() < 0.1,
        "{} vs {halfway}",
        gap("MAT-10")
    );
    assert!(gap("MAT-02") < -0.8, "{}", gap("MAT-02"));
    let counted = counted(&h, &r);
    assert_eq!(counted["MAT-10"], 3000);
    // MAT-02 keeps its one row that answers no statement.
    assert_eq!(counted["MAT-02"], 2999);
    // Other trusts answer as before.
    let (h0, r0) = parse(&simulate(&base).unwrap());
    let rows_of = |h: &[String], rows: &[Vec<String>], id: &str| -> Vec<Vec<String>> {
        let t = column(h, "trust_id");
        let cols: Vec<usize> = STATEMENT_IDS.iter().map(|s| column(h, s)).collect();
        let mut out: Vec<Vec<String>> = rows
            .iter()
            .filter(|row| row[t] == id)
            .map(|row| cols.iter().map(|c| row[*c].clone()).collect())
            .collect();
        out.sort();
        out
    };
    assert_eq!(rows_of(&h0, &r0, "MAT-01"), rows_of(&h, &r, "MAT-01"));
}

#[test]
fn bad_placements_are_refused() {
    let rows = |trust: &str, n: usize| SimParams {
        rows: vec![(trust.to_string(), n)],
        ..SimParams::default()
    };
    assert!(matches!(
        simulate(&rows("MAT-99", 10)),
        Err(SimulateError::UnknownTrust {
            change: TrustChange::Rows,
            ..
        })
    ));
    // MAT-01 has one row that answers no statement: it needs at least two.
    assert_eq!(
        simulate(&rows("MAT-01", 1)).unwrap_err().to_string(),
        "trust MAT-01 needs more rows than the 1 of it that answer no statement (got 1)"
    );
    let between = SimParams {
        between: vec![(
            "nope".into(),
            Profile::AutonomyIdentity,
            Profile::TeachingPedagogy,
        )],
        ..SimParams::default()
    };
    assert!(matches!(
        simulate(&between),
        Err(SimulateError::UnknownTrust {
            change: TrustChange::Between,
            ..
        })
    ));
    let twice = SimParams {
        moves: vec![("MAT-04".into(), Profile::TeachingPedagogy)],
        centre: vec![("MAT-04".into(), Profile::AutonomyIdentity)],
        ..SimParams::default()
    };
    assert!(matches!(
        simulate(&twice),
        Err(SimulateError::PlacedTwice(_))
    ));
    let dropped = SimParams {
        drop: vec!["MAT-04".into()],
        rows: vec![("MAT-04".into(), 40)],
        ..SimParams::default()
    };
    assert_eq!(
        simulate(&dropped).unwrap_err().to_string(),
        "trust MAT-04 is dropped, so it cannot also be given rows; give it one change"
    );
}
