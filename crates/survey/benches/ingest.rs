//! Reading and validating a national-scale export (1,000,000 responses, 2,500 trusts, made once by
//! `simulate::national` into cargo's bench temp dir), beside the floor: the csv crate only
//! splitting the same bytes into fields. Run with `cargo bench -p survey`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use survey::{Codebook, ReadOptions};

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

fn codebook() -> Codebook {
    Codebook::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/codebook.csv")).unwrap()
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

fn benches(c: &mut Criterion) {
    let path = national_file();
    let size = std::fs::metadata(&path).unwrap().len();
    let codebook = codebook();
    let opts = ReadOptions::default();
    let mut g = c.benchmark_group("ingest_1m");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Bytes(size));
    g.bench_function("csv_split_only", |b| b.iter(|| split_only(&path)));
    g.bench_function("read_validate", |b| {
        b.iter(|| survey::read_surveys(&[path.as_path()], &codebook, &opts).unwrap())
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
