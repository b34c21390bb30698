//! The example queries and the CIDOC-CRM mappings, over the shared corpus
//! loaded into a store: each answer as expected.

mod common;
use common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use std::path::PathBuf;

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    v.sort();
    v
}

#[test]
fn every_example_query_gives_its_expected_answer() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let st = corpus_store(tmp.path(), &corpus);
    let queries = files("examples/queries", ".rq");
    assert!(queries.len() >= 10, "at least ten example queries");
    for q in queries {
        let o = run(bin()
            .arg("query")
            .arg("-f")
            .arg(&q)
            .arg("--store")
            .arg(&st)
            .args(["--format", "csv"]));
        assert!(o.status.success(), "{}: {}", q.display(), stderr(&o));
        let expected = q.with_extension("expected.csv");
        let want = std::fs::read_to_string(&expected)
            .unwrap_or_else(|_| panic!("{} is missing", expected.display()));
        let got = stdout(&o);
        assert_eq!(got, want, "{}", q.display());
        assert!(got.lines().count() > 1, "{}: an empty answer", q.display());
    }
}

#[test]
fn the_cidoc_crm_mappings_give_the_expected_triples() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let st = corpus_store(tmp.path(), &corpus);
    let maps = files("vocab/mappings", ".rq");
    assert!(!maps.is_empty());
    for m in maps {
        let o = run(bin().arg("query").arg("-f").arg(&m).arg("--store").arg(&st));
        assert!(o.status.success(), "{}: {}", m.display(), stderr(&o));
        let got: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(&o.stdout)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{}: output is not Turtle: {e}", m.display()));
        let expected = std::fs::read(m.with_extension("expected.ttl")).unwrap();
        let want: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(&expected)
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!want.is_empty());
        for t in &want {
            assert!(got.contains(t), "{}: missing {t}", m.display());
        }
    }
}
