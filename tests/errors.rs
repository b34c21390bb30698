//! Bad input: a clear one-line error naming the file (and line), a non-zero
//! exit, and no output file written or changed.

mod common;
use common::*;
use std::path::Path;

/// Runs `convert FILE -o OUT` where OUT already holds "old", and checks
/// that it fails with `expect` in the message and leaves OUT as it was.
fn fails_cleanly(name: &str, bytes: &[u8], expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(name);
    std::fs::write(&input, bytes).unwrap();
    let out = dir.path().join("out.xml");
    std::fs::write(&out, "old").unwrap();
    let o = run(bin().arg("convert").arg(&input).arg("-o").arg(&out));
    assert!(!o.status.success(), "{name}: should fail");
    let err = stderr(&o);
    assert_eq!(err.trim_end().lines().count(), 1, "{name}: one line: {err}");
    assert!(
        err.contains(&input.display().to_string()),
        "{name}: names the file: {err}"
    );
    assert!(err.contains(expect), "{name}: says {expect:?}: {err}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "old",
        "{name}: output untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".frus-ld-"))
        .collect();
    assert!(leftovers.is_empty(), "{name}: no temporary files left");
}

#[test]
fn empty_binary_and_invalid_utf8() {
    fails_cleanly("empty.txt", b"", "empty file");
    fails_cleanly("blank.txt", b"\n  \n", "empty file");
    // a byte-order mark alone, and spaces that are not ASCII, are empty too
    fails_cleanly("bom.txt", b"\xef\xbb\xbf\n", "empty file");
    fails_cleanly("nbsp.txt", "\u{a0}\n\u{3000}\n".as_bytes(), "empty file");
    fails_cleanly(
        "binary.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        "binary file",
    );
    fails_cleanly(
        "latin1.txt",
        b"1. Letter From A to B0\n\nCaf\xe9\n  1. Source: X.\n",
        "invalid UTF-8",
    );
}

#[test]
fn not_a_frus_document() {
    fails_cleanly(
        "readme.txt",
        b"Hello, this is not a FRUS document.\n",
        ":1: not a FRUS document",
    );
}

#[test]
fn footnotes_that_do_not_match_the_markers() {
    // a note without its marker
    let text = "1. Letter From A (Smith) to B (Jones)0\n\nNo marker in this text at all.\n  1. Source: Department of State, Central Files, 611.94/1–158. Secret.\n  2. A note without a marker.\n";
    fails_cleanly(
        "missing.txt",
        text.as_bytes(),
        ":5: footnote 2 of the list has no marker 1",
    );
    // a marker without its note
    let text = "1. Letter From A (Smith) to B (Jones)0\n\nHere is a marker.1 And one too many.2\n  1. Source: Department of State, Central Files, 611.94/1–158. Secret.\n  2. The first note.\n";
    fails_cleanly(
        "extra.txt",
        text.as_bytes(),
        ":3: footnote marker 2 has no footnote",
    );
    // a list out of order
    let text = "1. Letter From A to B0\n\nText.1\n  1. Source: X.\n  3. Y.\n";
    fails_cleanly(
        "order.txt",
        text.as_bytes(),
        ":5: footnote list out of order",
    );
}

#[test]
fn malformed_sparql_and_missing_store() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    let o = run(bin()
        .arg("load")
        .arg(demo("d1.txt"))
        .arg("--store")
        .arg(&st));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(bin()
        .args(["query", "SELECT ?x WHERE { ?x"])
        .arg("--store")
        .arg(&st));
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("malformed SPARQL query"),
        "{}",
        stderr(&o)
    );
    let q = dir.path().join("bad.rq");
    std::fs::write(&q, "SELEKT *").unwrap();
    let o = run(bin().arg("query").arg("-f").arg(&q).arg("--store").arg(&st));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("bad.rq"), "{}", stderr(&o));
    let o = run(bin()
        .args(["query", "ASK {}"])
        .arg("--store")
        .arg(dir.path().join("nowhere")));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no store here"), "{}", stderr(&o));
}

#[test]
fn unreadable_store_location_and_bad_lists() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = run(bin()
        .arg("load")
        .arg(demo("d1.txt"))
        .arg("--store")
        .arg(&file));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not a directory"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    let tsv = dir.path().join("persons.tsv");
    std::fs::write(&tsv, "id\tname\tdescription\nbroken line without tabs\n").unwrap();
    let o = run(bin()
        .arg("convert")
        .arg(demo("d1.txt"))
        .arg("--persons")
        .arg(&tsv));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("persons.tsv:2:"), "{}", stderr(&o));
}

#[test]
fn a_bad_file_in_a_batch_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "").unwrap();
    let out = dir.path().join("out");
    let o = run(bin()
        .arg("convert")
        .arg(&bad)
        .arg(demo("d1.txt"))
        .arg("-o")
        .arg(&out));
    assert!(!o.status.success());
    assert!(Path::new(&out.join("d1.tei.xml")).exists());
    assert!(!out.join("bad.tei.xml").exists());
    assert!(stderr(&o).contains("1 of 2 documents failed"));
}

#[test]
fn a_batch_reports_its_failures_as_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.txt");
    std::fs::write(&bad, "Meeting notes, not a FRUS document.\n").unwrap();
    let out = dir.path().join("out");
    let report = dir.path().join("errors.jsonl");
    let o = run(bin()
        .arg("convert")
        .arg(demo("d1.txt"))
        .arg(&bad)
        .arg(demo("d2.txt"))
        .args(["--quiet", "-o"])
        .arg(&out)
        .arg("--report")
        .arg(&report));
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("converted 2 of 3 documents"), "{err}");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0]["file"].as_str().unwrap().ends_with("notes.txt"));
    assert_eq!(lines[0]["line"], 1);
    assert!(lines[0]["error"]
        .as_str()
        .unwrap()
        .contains("not a FRUS document"));
    // two inputs that would write the same output
    let twin = dir.path().join("d1.txt");
    std::fs::copy(demo("d1.txt"), &twin).unwrap();
    let out2 = dir.path().join("out2");
    let o = run(bin()
        .arg("convert")
        .arg(demo("d1.txt"))
        .arg(&twin)
        .arg("-o")
        .arg(&out2));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("would be written by"), "{}", stderr(&o));
    assert!(out2.join("d1.tei.xml").exists());
}
