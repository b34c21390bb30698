//! Conversion on one thread: the reference document alone (latency), and
//! throughput over every document at hand (the shared corpus when it is
//! there, else the examples) for TEI only, RDF only and both.
//!
//! `cargo bench --bench convert`. Multi-core throughput, loading, queries
//! and scaling are measured by `bench/run.sh`, side by side with peers.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use frus_ld::authority::read_list;
use frus_ld::extract::{enrich, Knowledge};
use frus_ld::iri::Iris;
use frus_ld::reader::{read, ReadOptions};
use frus_ld::writer::{rdf, tei};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The documents (both web forms), the volume's lists and the reference
/// document.
fn inputs() -> (Vec<(String, Vec<u8>)>, Knowledge, String) {
    let shared = root().join("../shared/corpus/frus1958-60v18");
    let (dir, reference) = if shared.is_dir() {
        (shared, "d11.txt".to_string())
    } else {
        eprintln!("benchmarks: ../shared/corpus is absent, using the examples");
        (root().join("examples/frus-demo"), "d2.txt".to_string())
    };
    let mut docs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read(&p).expect("readable"))
        })
        .collect();
    docs.sort();
    let list = |f: &str| {
        let p: &Path = &dir.join(f);
        if p.exists() {
            read_list(p).expect("a valid list")
        } else {
            Vec::new()
        }
    };
    let k = Knowledge::new(list("persons.tsv"), list("terms.tsv"));
    (docs, k, reference)
}

#[derive(Clone, Copy)]
enum Output {
    Tei,
    Rdf,
    Both,
}

fn convert(bytes: &[u8], k: &Knowledge, iris: &Iris, out: Output) -> usize {
    let opts = ReadOptions {
        volume: Some("frus1958-60v18".into()),
    };
    let mut doc = read(bytes, "bench", &opts).expect("a FRUS document");
    enrich(&mut doc, k);
    let mut n = 0;
    if matches!(out, Output::Tei | Output::Both) {
        n += tei::write(&doc, iris).len();
    }
    if matches!(out, Output::Rdf | Output::Both) {
        n += rdf::serialize(&[rdf::graph(&doc, iris)], rdf::Syntax::NQuads).len();
    }
    n
}

fn benches(c: &mut Criterion) {
    let (docs, k, reference) = inputs();
    let iris = Iris::default();
    let total: usize = docs.iter().map(|(_, b)| b.len()).sum();

    let mut g = c.benchmark_group("reference-document");
    let (_, bytes) = docs
        .iter()
        .find(|(n, _)| *n == reference)
        .expect("reference");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(BenchmarkId::new("tei+rdf", &reference), |b| {
        b.iter(|| convert(black_box(bytes), &k, &iris, Output::Both))
    });
    g.finish();

    let mut g = c.benchmark_group("corpus-1-thread");
    g.throughput(Throughput::Bytes(total as u64));
    g.sample_size(20);
    for (name, out) in [
        ("tei", Output::Tei),
        ("rdf", Output::Rdf),
        ("tei+rdf", Output::Both),
    ] {
        g.bench_function(BenchmarkId::new(name, docs.len()), |b| {
            b.iter(|| {
                docs.iter()
                    .map(|(_, bytes)| convert(black_box(bytes), &k, &iris, out))
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(convert_benches, benches);
criterion_main!(convert_benches);
