//! The stages in order, for each command.

use std::path::{Path, PathBuf};

use aggregate::{AggregateError, AggregateParams, Aggregation, Reason};
use report::{Analysis, InputFile, Manifest, OutDir, Settings};
use survey::{Codebook, ReadOptions, Survey};

use crate::analyse::{analyse, KChoice};
use crate::cli::{Preset, RunArgs};

/// Why a command failed, and so its exit status.
pub enum Failure {
    /// The input data (or the files around it) is wrong: exit 1, one message a line.
    Data(Vec<String>),
    /// The command line is wrong: exit 2.
    Usage(String),
}

pub(crate) fn data(msg: impl std::fmt::Display) -> Failure {
    Failure::Data(vec![msg.to_string()])
}

/// The bundled data: next to the working directory when run from a checkout, else where the
/// binary was built from.
fn bundled(relative: &str) -> PathBuf {
    let here = PathBuf::from(relative);
    if here.exists() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub(crate) fn read_codebook(path: &Path) -> Result<(Codebook, InputFile), Failure> {
    // Read once: the same bytes are parsed and hashed for the manifest.
    let name = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| data(format!("{name}:0:0: cannot read the codebook: {e}")))?;
    let codebook = Codebook::parse(&name, &bytes).map_err(data)?;
    Ok((codebook, input_file(path, &bytes)))
}

pub(crate) fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}

pub(crate) fn input_file(path: &Path, bytes: &[u8]) -> InputFile {
    InputFile {
        file: file_name(path),
        sha256: sha256(bytes),
        rows: bytes
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count()
            .saturating_sub(1),
        separator: ",".into(),
    }
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub(crate) fn read_survey(
    paths: &[PathBuf],
    codebook: &Codebook,
    wave: Option<String>,
) -> Result<Survey, Failure> {
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let survey = survey::read_surveys(&refs, codebook, &ReadOptions { wave }).map_err(|p| {
        let mut lines: Vec<String> = p.0.iter().map(|x| x.to_string()).collect();
        lines.push(format!(
            "{} problem(s) found; nothing was written",
            p.0.len()
        ));
        Failure::Data(lines)
    })?;
    for f in &survey.files {
        if !f.ignored_columns.is_empty() {
            eprintln!(
                "warning: {}: ignoring {} column(s) the codebook does not know (never copied to any output): {}",
                f.name,
                f.ignored_columns.len(),
                preview(&f.ignored_columns, 10)
            );
        }
    }
    Ok(survey)
}

fn preview(names: &[String], max: usize) -> String {
    let shown = names
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > max {
        format!("{shown}, and {} more", names.len() - max)
    } else {
        shown
    }
}

pub fn validate(paths: &[PathBuf], codebook: &Path, wave: Option<String>) -> Result<(), Failure> {
    let (codebook, _) = read_codebook(codebook)?;
    let survey = read_survey(paths, &codebook, wave)?;
    for f in &survey.files {
        let statements = codebook.statements().len();
        let found = f
            .matched
            .iter()
            .filter(|m| codebook.statements().iter().any(|s| s.id == m.item_id))
            .count();
        eprintln!(
            "{}: {} rows, separator {}, {found} of {statements} statements, {} of {} codebook items found",
            f.name,
            f.rows,
            match f.separator {
                '\t' => "tab".to_string(),
                c => format!("'{c}'"),
            },
            f.matched.len(),
            codebook.items.len()
        );
        for m in &f.matched {
            if !m.header.eq_ignore_ascii_case(&m.item_id) {
                eprintln!(
                    "  {} found under the header \"{}\" (column {})",
                    m.item_id, m.header, m.column
                );
            }
        }
        if !f.missing_items.is_empty() {
            eprintln!(
                "  not in this file (treated as unanswered): {}",
                f.missing_items.join(", ")
            );
        }
    }
    // Per wave: which statements were found, under which header, and which the wave lacks
    // (themes are then computed from the statements present).
    let mut waves = survey.waves.clone();
    waves.sort();
    for wave in &waves {
        let files: Vec<&survey::FileSummary> = survey
            .files
            .iter()
            .filter(|f| f.waves.contains(wave))
            .collect();
        let mut found: Vec<String> = Vec::new();
        let mut missing: Vec<String> = Vec::new();
        let mut headers: Vec<String> = Vec::new();
        let mut other_missing: Vec<String> = Vec::new();
        for item in &codebook.items {
            let statement = item.kind == survey::ItemKind::Statement;
            let mut under: Vec<String> = Vec::new();
            for f in &files {
                for m in f.matched.iter().filter(|m| m.item_id == item.id) {
                    let h = format!("\"{}\" ({} column {})", m.header, f.name, m.column);
                    if !under.contains(&h) {
                        under.push(h);
                    }
                }
            }
            if under.is_empty() {
                if statement {
                    missing.push(item.id.clone());
                } else {
                    other_missing.push(item.id.clone());
                }
            } else {
                if statement {
                    found.push(item.id.clone());
                }
                let what = if statement {
                    item.theme.as_str()
                } else {
                    item.kind.name()
                };
                headers.push(format!("  {} ({what}) under {}", item.id, under.join(", ")));
            }
        }
        println!(
            "wave {wave}: {} of {} statements found in {} file(s)",
            found.len(),
            codebook.statements().len(),
            files.len()
        );
        for h in headers {
            println!("{h}");
        }
        if !missing.is_empty() {
            println!(
                "  not in wave {wave} (left out; themes use the statements present): {}",
                missing.join(", ")
            );
        }
        if !other_missing.is_empty() {
            println!(
                "  other items not in wave {wave} (treated as unanswered): {}",
                other_missing.join(", ")
            );
        }
    }
    let trusts: std::collections::BTreeSet<_> =
        survey.rows.iter().filter_map(|r| r.trust).collect();
    let seps: std::collections::BTreeSet<String> = survey
        .files
        .iter()
        .map(|f| {
            if f.separator == '\t' {
                "tab".into()
            } else {
                f.separator.to_string()
            }
        })
        .collect();
    println!(
        "ok: {} file(s), {} rows, {} trusts, {} wave(s) ({}), separator {}",
        survey.files.len(),
        survey.rows.len(),
        trusts.len(),
        survey.waves.len(),
        {
            let mut w = survey.waves.clone();
            w.sort();
            w.join(", ")
        },
        seps.into_iter().collect::<Vec<_>>().join(" ")
    );
    Ok(())
}

/// `simulate --preset national`: a large wave for benchmarks, written through a buffer.
pub fn simulate_national(
    trusts: usize,
    responses: usize,
    seed: u64,
    moves: &[String],
    drop: &[String],
    add: usize,
    out: &Path,
) -> Result<(), Failure> {
    if !moves.is_empty() || !drop.is_empty() || add > 0 {
        return Err(Failure::Usage(
            "--move, --drop and --add apply to --preset replication only".into(),
        ));
    }
    if trusts == 0 || responses == 0 {
        return Err(Failure::Usage(
            "--trusts and --responses must be at least 1".into(),
        ));
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| data(format!("{}: {e}", dir.display())))?;
    }
    let file = std::fs::File::create(out)
        .map_err(|e| data(format!("{}: cannot write: {e}", out.display())))?;
    let mut w = std::io::BufWriter::new(file);
    let summary = simulate::national(trusts, responses, seed, &mut w)
        .map_err(|e| data(format!("{}: {e}", out.display())))?;
    std::io::Write::flush(&mut w)
        .map_err(|e| data(format!("{}: cannot write: {e}", out.display())))?;
    eprintln!(
        "wrote {} ({} responses from {} trusts, {} bytes)",
        out.display(),
        summary.responses,
        summary.trusts,
        summary.bytes
    );
    Ok(())
}

pub fn simulate(
    preset: Preset,
    seed: u64,
    wave: String,
    moves: &[String],
    drop: &[String],
    add: usize,
    out: &Path,
) -> Result<(), Failure> {
    let preset = match preset {
        Preset::Replication | Preset::National => simulate::Preset::Replication,
    };
    let mut params = simulate::SimParams::new(preset, seed);
    params.wave = wave;
    for m in moves {
        let (trust, profile) = m.split_once('=').ok_or_else(|| {
            Failure::Usage(format!(
                "--move {m:?}: give TRUST=PROFILE, e.g. MAT-04=teaching_pedagogy"
            ))
        })?;
        let profile = profile
            .parse()
            .map_err(|e: simulate::SimulateError| Failure::Usage(format!("--move {m:?}: {e}")))?;
        params.moves.push((trust.trim().to_string(), profile));
    }
    params.drop = drop.iter().map(|d| d.trim().to_string()).collect();
    params.add = add;
    let text = simulate::simulate(&params).map_err(|e| Failure::Usage(e.to_string()))?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| data(format!("{}: {e}", dir.display())))?;
    }
    std::fs::write(out, text).map_err(|e| data(format!("{}: cannot write: {e}", out.display())))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

pub fn replicate(out: &Path, threads: usize) -> Result<(), Failure> {
    let args = RunArgs {
        survey: vec![bundled("data/replication/wave-2017.csv")],
        codebook: bundled("data/codebook.csv"),
        wave: None,
        min_responses: 5,
        k: "3".into(),
        k_max: 8,
        seed: 2018,
        restarts: 100,
        bootstrap: 1000,
        gap_refs: 500,
        min_cell: 5,
        no_accounting: false,
        threads,
        by_wave: false,
        out: out.to_path_buf(),
    };
    run(&args, "replicate")
}

pub fn run(args: &RunArgs, command: &str) -> Result<(), Failure> {
    let k_choice = check_run_args(args)?;
    if args.by_wave {
        return crate::bywave::run_by_wave(args, k_choice);
    }
    let params = AggregateParams {
        min_responses: args.min_responses,
        wave: args.wave.clone(),
        min_trusts: 2,
    }
    .check()
    .map_err(|e| Failure::Usage(e.to_string()))?;
    let (codebook, codebook_file) = read_codebook(&args.codebook)?;
    let survey = read_survey(&args.survey, &codebook, args.wave.clone())?;
    let agg = aggregate_wave(&survey, &codebook, &params)?;
    let analysis = analyse(command, &survey, &codebook, &agg, k_choice, settings(args))?;
    let inputs: Vec<&Path> = args
        .survey
        .iter()
        .map(|p| p.as_path())
        .chain([args.codebook.as_path()])
        .collect();
    let mut out = OutDir::create(&args.out, &inputs).map_err(data)?;
    match write_outputs(&mut out, "", args, &analysis, codebook_file) {
        Ok(_) => {
            out.commit().map_err(data)?;
            eprintln!(
                "{} responses from {} trusts; {} trusts analysed in {} clusters; wrote {}",
                survey.rows.len(),
                agg.trusts.len(),
                agg.scores.rows(),
                analysis.k,
                args.out.display()
            );
            Ok(())
        }
        Err(e) => {
            out.abandon();
            Err(e)
        }
    }
}

pub(crate) fn aggregate_wave(
    survey: &Survey,
    codebook: &Codebook,
    params: &aggregate::ValidAggregateParams,
) -> Result<Aggregation, Failure> {
    let agg = aggregate::aggregate(survey, codebook, params).map_err(|e| match e {
        AggregateError::MinResponses(_) => Failure::Usage(e.to_string()),
        AggregateError::SeveralWaves(_) => data(format!(
            "error: {e}, or cluster each wave and compare them with --by-wave"
        )),
        other => data(format!("error: {other}")),
    })?;
    for note in &agg.notes {
        eprintln!("note: wave {}: {note}", agg.wave);
    }
    Ok(agg)
}

pub(crate) fn settings(args: &RunArgs) -> Settings {
    Settings {
        k_arg: args.k.clone(),
        k_max: args.k_max,
        seed: args.seed,
        restarts: args.restarts,
        bootstrap: args.bootstrap,
        boot_restarts: BOOT_RESTARTS,
        gap_refs: args.gap_refs,
        gap_restarts: GAP_RESTARTS,
        min_responses: args.min_responses,
        min_cell: args.min_cell,
        accounting: !args.no_accounting,
    }
}

/// Checks the options once, at the edge; sets the thread pool.
fn check_run_args(args: &RunArgs) -> Result<KChoice, Failure> {
    let k_choice = KChoice::parse(&args.k).map_err(Failure::Usage)?;
    if args.k_max < 1
        || args.restarts < 1
        || args.bootstrap < 1
        || args.gap_refs < 2
        || args.min_cell < 1
    {
        return Err(Failure::Usage(
            "--k-max, --restarts, --bootstrap and --min-cell must be at least 1, and --gap-refs at least 2".into(),
        ));
    }
    if args.threads > 0 {
        // Results never depend on the thread count (each unit of random work is seeded from
        // (seed, unit index)); this only bounds the cores used.
        rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads)
            .build_global()
            .map_err(|e| Failure::Usage(format!("--threads: {e}")))?;
    }
    Ok(k_choice)
}

/// k-means starts on each gap reference set and bootstrap resample: fewer than the main fit's
/// because thousands of them are run, and every one is polished to a local optimum.
const GAP_RESTARTS: usize = 10;
const BOOT_RESTARTS: usize = 10;

/// Writes one wave's outputs under `prefix` (`""`, or `WAVE/` for `run --by-wave`); gives back
/// the files `compare` reads.
pub(crate) fn write_outputs(
    out: &mut OutDir,
    prefix: &str,
    args: &RunArgs,
    a: &Analysis,
    codebook_file: InputFile,
) -> Result<crate::compare::RunFiles, Failure> {
    let w = |out: &mut OutDir, name: &str, bytes: &[u8]| {
        out.write(&format!("{prefix}{name}"), bytes).map_err(data)
    };
    if !args.no_accounting {
        w(
            out,
            "accounting.csv",
            &report::tables::accounting(a.survey, a.agg).to_csv(),
        )?;
    }
    let per_trust: Vec<report::tables::TrustCluster> = a
        .fit
        .labels
        .iter()
        .zip(&a.silhouette)
        .map(|(l, s)| report::tables::TrustCluster {
            cluster: Some(l + 1),
            silhouette: Some(*s),
        })
        .collect();
    let trusts_csv = report::tables::trusts(a.agg, &per_trust).to_csv();
    let scores_csv = report::tables::trust_scores(a.agg).to_csv();
    w(out, "trusts.csv", &trusts_csv)?;
    w(out, "trust_scores.csv", &scores_csv)?;
    w(
        out,
        "agreement.csv",
        &report::tables::agreement(a.agg).to_csv(),
    )?;
    w(
        out,
        "k_selection.csv",
        &report::tables::k_selection(a).to_csv(),
    )?;
    w(out, "clusters.csv", &report::tables::clusters(a).to_csv())?;
    w(out, "profiles.csv", &report::tables::profiles(a).to_csv())?;
    w(
        out,
        "standardisation.csv",
        &report::tables::standardisation(a).to_csv(),
    )?;
    w(out, "alignment.csv", &report::tables::alignment(a).to_csv())?;
    let model_json = model(a, &codebook_file.sha256).to_json();
    w(out, "model.json", &model_json)?;
    let charts = report::charts::all(a)
        .map_err(|e| data(format!("error: drawing the charts failed: {e}")))?;
    for c in &charts {
        w(out, &format!("charts/{}.svg", c.name), c.svg.as_bytes())?;
        w(out, &format!("charts/{}.png", c.name), &c.png)?;
    }
    let mut outputs: Vec<String> = out
        .files()
        .into_iter()
        .filter_map(|f| f.strip_prefix(prefix).map(str::to_string))
        .collect();
    outputs.extend([
        "manifest.json".to_string(),
        "report.html".to_string(),
        "report.md".to_string(),
    ]);
    let manifest = manifest(args, &a.command, a.survey, a.agg, codebook_file, outputs).to_json();
    let doc = report::narrative(a, &charts, &String::from_utf8_lossy(&manifest));
    w(out, "report.html", doc.to_html().as_bytes())?;
    w(out, "report.md", doc.to_markdown().as_bytes())?;
    w(out, "manifest.json", &manifest)?;
    Ok(crate::compare::RunFiles {
        name: format!(
            "{}{}",
            args.out.display(),
            if prefix.is_empty() {
                String::new()
            } else {
                format!("/{}", prefix.trim_end_matches('/'))
            }
        ),
        model: model_json,
        trusts: trusts_csv,
        trust_scores: scores_csv,
    })
}

fn model(a: &Analysis, codebook_sha256: &str) -> profiles::Model {
    let s = &a.agg.scores;
    profiles::Model {
        format: profiles::MODEL_FORMAT.to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        wave: a.agg.wave.clone(),
        k: a.k,
        seed: a.settings.seed,
        restarts: a.settings.restarts,
        min_responses: a.settings.min_responses,
        wss: a.fit.wss,
        codebook_sha256: codebook_sha256.to_string(),
        items: (0..s.cols())
            .map(|c| profiles::ModelItem {
                item_id: s.item_ids[c].clone(),
                theme: s.themes[c].clone(),
                mean: s.item_mean[c],
                sd: s.item_sd[c],
            })
            .collect(),
        clusters: a
            .clusters
            .iter()
            .enumerate()
            .map(|(c, cl)| profiles::ModelCluster {
                cluster: cl.cluster,
                name: cl.name.clone(),
                size: cl.size,
                centroid: a.fit.centroids.row(c).to_vec(),
                higher_themes: cl.higher_themes.clone(),
                lower_themes: cl.lower_themes.clone(),
            })
            .collect(),
    }
}

fn manifest(
    args: &RunArgs,
    command: &str,
    survey: &Survey,
    agg: &Aggregation,
    codebook: InputFile,
    mut outputs: Vec<String>,
) -> Manifest {
    use serde_json::json;
    let mut parameters = std::collections::BTreeMap::new();
    parameters.insert("wave".into(), json!(agg.wave));
    parameters.insert("min_responses".into(), json!(args.min_responses));
    parameters.insert("k".into(), json!(args.k));
    parameters.insert("k_max".into(), json!(args.k_max));
    parameters.insert("seed".into(), json!(args.seed));
    parameters.insert("restarts".into(), json!(args.restarts));
    parameters.insert("bootstrap".into(), json!(args.bootstrap));
    parameters.insert("bootstrap_restarts".into(), json!(BOOT_RESTARTS));
    parameters.insert("gap_refs".into(), json!(args.gap_refs));
    parameters.insert("gap_restarts".into(), json!(GAP_RESTARTS));
    parameters.insert("min_cell".into(), json!(args.min_cell));
    parameters.insert("accounting".into(), json!(!args.no_accounting));
    let counted = agg.counted();
    let mut counts = std::collections::BTreeMap::new();
    counts.insert("responses".into(), survey.rows.len());
    counts.insert("trusts".into(), agg.trusts.len());
    counts.insert("trusts_analysed".into(), agg.scores.rows());
    counts.insert("responses_counted".into(), counted);
    counts.insert("responses_excluded".into(), survey.rows.len() - counted);
    let mut exclusions = std::collections::BTreeMap::new();
    for r in [
        Reason::OtherWave,
        Reason::MissingTrustId,
        Reason::NoStatementsAnswered,
        Reason::TooFewResponses,
    ] {
        let n = agg
            .outcomes
            .iter()
            .filter(|o| **o == aggregate::Outcome::Excluded(r))
            .count();
        exclusions.insert(r.as_str().to_string(), n);
    }
    outputs.sort();
    outputs.dedup();
    Manifest {
        tool: "matcluster",
        version: env!("CARGO_PKG_VERSION").to_string(),
        command: command.to_string(),
        parameters,
        inputs: survey
            .files
            .iter()
            .map(|f| InputFile {
                file: f.file_name.clone(),
                sha256: f.sha256.clone(),
                rows: f.rows,
                separator: if f.separator == '\t' {
                    "tab".into()
                } else {
                    f.separator.to_string()
                },
            })
            .collect(),
        codebook,
        counts,
        exclusions,
        outputs,
        notes: agg.notes.clone(),
    }
}
