//! Batch work at scale on a generated corpus (`examples/gen-corpus`):
//! the generator is deterministic, its documents read and are shaped like
//! the real ones; a folder converts into a mirror of itself; loading is
//! idempotent, keeps catalog dates of unchanged documents, and an
//! interrupted load completes when run again.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The generator, built beside the binary by `cargo test`.
fn generator() -> Command {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_frus-ld"));
    let gen = exe.parent().unwrap().join("examples/gen-corpus");
    assert!(
        gen.exists(),
        "{} missing: cargo test builds the examples",
        gen.display()
    );
    Command::new(gen)
}

fn generate(out: &Path, docs: usize, seed: u64, per_volume: usize) {
    generate_with(out, docs, seed, per_volume, &[]);
}

/// [`generate`] with more options of the generator (`--dense`).
fn generate_with(out: &Path, docs: usize, seed: u64, per_volume: usize, extra: &[&str]) {
    let o = run(generator()
        .args(["--docs", &docs.to_string(), "--seed", &seed.to_string()])
        .args(["--per-volume", &per_volume.to_string()])
        .args(extra)
        .arg("--out")
        .arg(out));
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Every file under a folder, relative, with its bytes, in order.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

fn load(store: &Path, input: &Path, extra: &[&str]) -> std::process::Output {
    run(bin()
        .arg("load")
        .arg(input)
        .arg("--store")
        .arg(store)
        .arg("--quiet")
        .args(extra))
}

/// The first volume folder of a corpus.
fn first_volume(corpus: &Path) -> PathBuf {
    std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .min()
        .unwrap()
}

/// Changes a document: a sentence after its first paragraph.
fn add_a_sentence(doc: &Path) {
    let text = std::fs::read_to_string(doc).unwrap();
    std::fs::write(
        doc,
        text.replacen("\n\n", "\n\nThe Secretary agreed.\n\n", 2),
    )
    .unwrap();
}

/// All quads of a store but the catalog's, sorted: what the documents say.
fn content(store: &Path) -> String {
    let answer = query(
        store,
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/frus-ld/id/graph/catalog>) }",
        "tsv",
    );
    let mut lines: Vec<String> = answer.lines().skip(1).map(str::to_string).collect();
    lines.sort();
    lines.join("\n")
}

/// The statistics graph's quads, sorted.
fn statistics(store: &Path) -> String {
    query(
        store,
        "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/frus-ld/id/graph/statistics> { ?s ?p ?o } } ORDER BY ?s ?p ?o",
        "tsv",
    )
}

#[test]
fn the_generator_is_deterministic_and_its_documents_read_in_both_forms() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    generate(&a, 60, 7, 25);
    generate(&b, 60, 7, 25);
    generate(&c, 60, 8, 25);
    let ta = tree(&a);
    assert_eq!(ta, tree(&b), "same seed, same bytes");
    assert_ne!(ta, tree(&c), "another seed, another corpus");
    // 3 volumes of 25, 25 and 10 documents, both forms, with their lists
    let texts = ta
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "txt"))
        .count();
    assert_eq!(texts, 120);
    assert_eq!(
        ta.iter()
            .filter(|(p, _)| p.ends_with("persons.tsv"))
            .count(),
        3
    );
    let all: String = ta
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .collect();
    for shape in [
        "Telegram From",
        "Letter From",
        "Memorandum From",
        "Memorandum of Conversation",
        "PARTICIPANTS",
        "[Page ",
        "not declassified]",
        "↩",
        "  1. Source:",
        "Enclosure",
    ] {
        assert!(all.contains(shape), "the generated corpus has no {shape:?}");
    }

    // every document of both forms converts, to TEI and N-Quads, into a
    // mirror of the volume folders
    let out = tmp.path().join("out");
    let mut inputs: Vec<PathBuf> = Vec::new();
    for (p, _) in &ta {
        if p.extension().is_some_and(|e| e == "txt") {
            inputs.push(a.join(p));
        }
    }
    let o = run(bin()
        .arg("convert")
        .arg(&a)
        .args(["--to", "tei,nquads", "-o"])
        .arg(&out)
        .arg("--quiet"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("converted 60 of 60 documents"),
        "{}",
        stderr(&o)
    );
    let written = tree(&out);
    assert_eq!(
        written.len(),
        120,
        "one TEI and one N-Quads file a document"
    );
    assert!(
        written.iter().all(|(p, _)| p.components().count() == 2),
        "volume/dN.alt.*"
    );
    // the web forms too (those of the first volume: one -o folder)
    let web: Vec<&PathBuf> = inputs
        .iter()
        .filter(|p| !p.to_string_lossy().contains(".alt.") && p.to_string_lossy().contains("v01"))
        .collect();
    assert_eq!(web.len(), 25);
    let o = run(bin()
        .arg("convert")
        .args(web)
        .args(["--to", "tei", "-o"])
        .arg(tmp.path().join("web"))
        .arg("--quiet"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("converted 25 of 25"), "{}", stderr(&o));
    let tei = String::from_utf8(
        written
            .iter()
            .find(|(p, _)| p.ends_with("d1.alt.tei.xml"))
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    validate_tei(&tei).unwrap();
    assert!(tei.contains("<correspAction type=\"sent\""), "{tei}");
    // a volume folder's own List of Persons links the people it names
    let nq: String = written
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "nq"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .collect();
    assert!(
        nq.contains("frusListEntry"),
        "no person linked to the folder's persons.tsv"
    );
}

#[test]
fn loading_twice_gives_the_same_store_and_a_changed_document_gets_a_new_date() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    // enough documents that one changed is counted from what it touched
    generate(&corpus, 60, 3, 20);
    let st = tmp.path().join("store");
    // small batches: many bulk loads
    let o = load(&st, &corpus, &["--batch-quads", "5000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("60 graphs written, 0 unchanged"),
        "{}",
        stderr(&o)
    );
    let (first, cat) = (content(&st), catalog(&st));
    assert_eq!(cat.len(), 60);
    assert!(cat.iter().all(|l| l.contains(",sha256:")), "{cat:?}");

    std::thread::sleep(std::time::Duration::from_millis(1100));
    let o = load(&st, &corpus, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("0 graphs written, 60 unchanged"),
        "{}",
        stderr(&o)
    );
    assert_eq!(content(&st), first);
    assert_eq!(catalog(&st), cat, "unchanged documents keep their dates");

    // one document changes: only it is written again, with a new date
    add_a_sentence(&first_volume(&corpus).join("d1.alt.txt"));
    let o = load(&st, &corpus, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 graphs written, 59 unchanged"),
        "{}",
        stderr(&o)
    );
    // its counts are brought up to date from it (and the shared graph),
    // and are those of a store that the changed corpus is loaded into
    // afresh, where everything is counted
    assert!(
        stderr(&o).contains("entities counted (from the 2 graphs touched)"),
        "{}",
        stderr(&o)
    );
    let fresh = tmp.path().join("fresh");
    let o = load(&fresh, &corpus, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("graphs touched"), "{}", stderr(&o));
    let counts = statistics(&st);
    assert!(counts.contains("coMentionCount"), "{counts}");
    assert_eq!(counts, statistics(&fresh));
    let after = catalog(&st);
    let changed: Vec<_> = after.iter().filter(|l| !cat.contains(l)).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].contains("/d1,"), "{changed:?}");
    assert_ne!(content(&st), first);
}

#[test]
fn an_interrupted_load_completes_when_run_again() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    generate(&corpus, 300, 11, 100);
    let clean = tmp.path().join("clean");
    assert!(load(&clean, &corpus, &[]).status.success());
    let expected = content(&clean);

    // killed part way (wherever that is: the assertion holds for any point)
    let st = tmp.path().join("store");
    let mut child = bin()
        .arg("load")
        .arg(&corpus)
        .arg("--store")
        .arg(&st)
        .args([
            "--quiet",
            "--batch-quads",
            "20000",
            "--commit-quads",
            "20000",
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let _ = child.kill();
    let _ = child.wait();
    // a graph and its catalog entry enter the store together, so wherever
    // the load was cut off, no document graph is without its entry
    let o = run(bin()
        .args([
            "query",
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o }
               FILTER(CONTAINS(STR(?g), \"/historicaldocuments/\"))
               FILTER NOT EXISTS { GRAPH <https://w3id.org/frus-ld/id/graph/catalog> {
                 ?e <https://w3id.org/frus-ld/vocab#entryFor> ?g } } }",
            "--format",
            "csv",
        ])
        .arg("--store")
        .arg(&st));
    if o.status.success() {
        assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    } else {
        // cut off before the store was made
        assert!(stderr(&o).contains("store"), "{}", stderr(&o));
    }
    let o = load(&st, &corpus, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        content(&st),
        expected,
        "the store equals one loaded without interruption"
    );
    assert_eq!(catalog(&st).len(), 300);
}

#[test]
fn a_document_given_twice_in_one_load_is_the_one_read_last() {
    let tmp = tempfile::tempdir().unwrap();
    let first = tmp.path().join("first");
    generate(&first, 6, 5, 6);
    let vol = first_volume(&first);
    // the same volume again, in another folder, with one document changed
    let second = tmp.path().join("second");
    let copy = second.join(vol.file_name().unwrap());
    std::fs::create_dir_all(&copy).unwrap();
    for e in std::fs::read_dir(&vol).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
    }
    add_a_sentence(&copy.join("d1.alt.txt"));
    let only_second = tmp.path().join("only-second");
    assert!(load(&only_second, &second, &[]).status.success());

    // both in one load, so in one batch and one commit: the second copy of
    // each document replaces the first
    let both = tmp.path().join("both");
    let o = run(bin()
        .arg("load")
        .arg(&first)
        .arg(&second)
        .arg("--store")
        .arg(&both)
        .arg("--quiet"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(content(&both), content(&only_second));
    assert_eq!(catalog(&both).len(), 6);
}

/// How many times the allocator gave pages back to the system while a
/// command ran (mimalloc's statistics, printed at exit when asked for:
/// "purges : 409", "purges : 3.8 K").
fn purges(o: &std::process::Output) -> f64 {
    assert!(o.status.success(), "{}", stderr(o));
    let err = stderr(o);
    err.lines()
        .find_map(|l| {
            let (name, rest) = l.split_once(':')?;
            if name.trim() != "purges" {
                return None;
            }
            let mut words = rest.split_whitespace();
            let n: f64 = words.next()?.parse().ok()?;
            Some(match words.next() {
                Some("K") => n * 1e3,
                Some("M") => n * 1e6,
                Some("G") => n * 1e9,
                _ => n,
            })
        })
        .unwrap_or_else(|| panic!("no allocator statistics: {err}"))
}

/// A conversion keeps the memory it frees (mimalloc's purge delay is set
/// to never): no page is given back to the system, where without the
/// setting hundreds are. A load does give memory back, which keeps its
/// peak down while the bulk loader's threads come and go.
#[test]
fn a_conversion_keeps_the_memory_it_frees_and_a_load_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    generate(&corpus, 2000, 5, 500);
    let converted = run(bin()
        .arg("convert")
        .arg(&corpus)
        .args(["--to", "tei,nquads", "--quiet", "-o"])
        .arg(dir.path().join("out"))
        .env("MIMALLOC_SHOW_STATS", "1")
        .env("RAYON_NUM_THREADS", "1"));
    assert_eq!(purges(&converted), 0.0);
    let loaded = run(bin()
        .arg("load")
        .arg(&corpus)
        .arg("--store")
        .arg(dir.path().join("store"))
        .arg("--quiet")
        .env("MIMALLOC_SHOW_STATS", "1"));
    assert!(purges(&loaded) > 0.0);
}

/// What a benchmark's cost follows, over the documents (`.alt.txt`) under
/// a folder: bytes a document (median), mentions a kilobyte (the Web
/// Annotations of the N-Quads) and footnotes a document.
#[derive(Debug)]
struct Shape {
    median_bytes: f64,
    mentions_per_kb: f64,
    notes_per_doc: f64,
}

fn shape(corpus: &Path, tmp: &Path) -> Shape {
    let out = tmp.join("shape");
    let o = run(bin()
        .arg("convert")
        .arg(corpus)
        .args(["--to", "nquads", "-o"])
        .arg(&out)
        .arg("--quiet"));
    assert!(o.status.success(), "{}", stderr(&o));
    let mut sizes = Vec::new();
    let (mut bytes, mut mentions, mut notes) = (0usize, 0usize, 0usize);
    for (rel, text) in tree(corpus) {
        if !rel.to_string_lossy().ends_with(".alt.txt") {
            continue;
        }
        let text = String::from_utf8(text).unwrap();
        sizes.push(text.len());
        bytes += text.len();
        notes += text
            .lines()
            .filter(|l| l.starts_with("- ") && l.ends_with('↩'))
            .count();
        let nq = std::fs::read_to_string(out.join(rel.with_extension("nq"))).unwrap();
        mentions += nq.matches("<http://www.w3.org/ns/oa#Annotation>").count();
    }
    std::fs::remove_dir_all(&out).unwrap();
    sizes.sort();
    Shape {
        median_bytes: sizes[sizes.len() / 2] as f64,
        mentions_per_kb: mentions as f64 / (bytes as f64 / 1000.0),
        notes_per_doc: notes as f64 / sizes.len() as f64,
    }
}

/// How far `got` is from `real`, as a fraction of `real`.
fn off(got: f64, real: f64) -> f64 {
    (got - real).abs() / real
}

#[test]
fn the_generated_documents_are_shaped_like_the_real_ones() {
    let Some(real) = shared_corpus() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let real = shape(&real, tmp.path());
    let generated = tmp.path().join("generated");
    generate(&generated, 400, 1, 200);
    let like = shape(&generated, tmp.path());
    // within a quarter of the real documents on each count
    assert!(
        off(like.median_bytes, real.median_bytes) < 0.25,
        "{like:?} against {real:?}"
    );
    assert!(
        off(like.mentions_per_kb, real.mentions_per_kb) < 0.25,
        "{like:?} against {real:?}"
    );
    assert!(
        off(like.notes_per_doc, real.notes_per_doc) < 0.25,
        "{like:?} against {real:?}"
    );
    // the corpus of the earlier benchmarks is not: half again as many
    // mentions a kilobyte, shorter documents
    let dense = tmp.path().join("dense");
    generate_with(&dense, 400, 1, 200, &["--dense"]);
    let dense = shape(&dense, tmp.path());
    assert!(
        off(dense.mentions_per_kb, real.mentions_per_kb) > 0.25,
        "{dense:?} against {real:?}"
    );
    assert!(
        off(dense.median_bytes, real.median_bytes) > 0.25,
        "{dense:?} against {real:?}"
    );
}
