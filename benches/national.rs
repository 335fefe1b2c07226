//! Reading, validating and aggregating a national-scale export (1,000,000 responses, 2,500
//! trusts, made once by `simulate::national` into cargo's bench temp dir), each beside the floor
//! of the csv crate only splitting the same bytes into fields. Run with
//! `cargo bench --bench national`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use survey::{Codebook, ReadOptions, Survey};

const RESPONSES: usize = 1_000_000;
const TRUSTS: usize = 2_500;
const SEED: u64 = 2017;

/// The national file, written on first use and reused afterwards.
fn national_file() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("national-{RESPONSES}-{TRUSTS}-{SEED}.csv"));
    if !path.exists() {
        let tmp = dir.join(format!(
            "national-{RESPONSES}-{TRUSTS}-{SEED}.csv.{}",
            std::process::id()
        ));
        let out = std::io::BufWriter::new(std::fs::File::create(&tmp).unwrap());
        simulate::national(TRUSTS, RESPONSES, SEED, out).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

/// The floor: read the file and split every record into fields, reusing one `ByteRecord`.
fn split_only(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[..]);
    let mut record = csv::ByteRecord::new();
    let mut fields = 0;
    while reader.read_byte_record(&mut record).unwrap() {
        fields += record.len();
    }
    fields
}

/// The national file and what reading it needs, set up once for every group.
struct National {
    path: PathBuf,
    size: u64,
    codebook: Codebook,
    opts: ReadOptions,
}

impl National {
    fn new() -> Self {
        let path = national_file();
        let size = std::fs::metadata(&path).unwrap().len();
        National {
            path,
            size,
            codebook: Codebook::read(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("data/codebook.csv"),
            )
            .unwrap(),
            opts: ReadOptions::default(),
        }
    }

    fn read(&self) -> Survey {
        survey::read_surveys(&[self.path.as_path()], &self.codebook, &self.opts).unwrap()
    }
}

/// A group of 10 samples measured for `seconds` each, after a one-second warm-up.
fn group<'c>(c: &'c mut Criterion, name: &str, seconds: u64) -> BenchmarkGroup<'c, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds));
    g
}

/// `ingest_1m`: `survey::read_surveys` beside the floor.
fn ingest(c: &mut Criterion, n: &National) {
    let mut g = group(c, "ingest_1m", 15);
    g.throughput(Throughput::Bytes(n.size));
    g.bench_function("csv_split_only", |b| b.iter(|| split_only(&n.path)));
    g.bench_function("read_validate", |b| b.iter(|| n.read()));
    g.finish();
}

/// `aggregate_1m`: `aggregate::aggregate` on the read survey; `ingest_aggregate_1m`: the whole
/// read + validate + aggregate path beside the floor, in the same run.
fn aggregate(c: &mut Criterion, n: &National) {
    let params = analysis::STUDY
        .check()
        .map(|s| s.aggregate_params(None))
        .unwrap();
    let survey = n.read();
    let mut g = group(c, "aggregate_1m", 10);
    g.bench_function("aggregate", |b| {
        b.iter(|| aggregate::aggregate(&survey, &n.codebook, &params).unwrap())
    });
    g.finish();
    drop(survey);

    let mut g = group(c, "ingest_aggregate_1m", 15);
    g.throughput(Throughput::Bytes(n.size));
    g.bench_function("csv_split_only", |b| b.iter(|| split_only(&n.path)));
    g.bench_function("read_validate_aggregate", |b| {
        b.iter(|| aggregate::aggregate(&n.read(), &n.codebook, &params).unwrap())
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let national = National::new();
    ingest(c, &national);
    aggregate(c, &national);
}

criterion_group!(all, benches);
criterion_main!(all);
