//! The real FRUS documents in `../shared/corpus` (skipped with a notice when
//! absent): valid TEI, and notes, pages, number and date as the editors have
//! them in `gold.json`; the RDF of all of them loaded and queried.

mod common;
use common::*;
use std::path::Path;

const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

fn gold(corpus: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(corpus.join("gold.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn convert_tei(file: &Path, corpus: &Path) -> String {
    let args = list_args(corpus);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    convert(file, "tei", &args)
}

#[test]
fn every_document_valid_with_its_notes_pages_number_and_date() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    for g in gold(&corpus) {
        let id = g["id"].as_str().unwrap();
        for form in ["txt", "alt.txt"] {
            let file = corpus.join(format!("{id}.{form}"));
            let xml = convert_tei(&file, &corpus);
            validate_tei(&xml).unwrap_or_else(|e| panic!("{id}.{form} invalid: {e}"));
            let doc = roxmltree::Document::parse(&xml).unwrap();
            let div = doc
                .descendants()
                .find(|n| {
                    n.has_tag_name((TEI_NS, "div")) && n.attribute("type") == Some("document")
                })
                .unwrap();
            assert_eq!(div.attribute("n"), g["n"].as_str(), "{id}.{form} number");
            let notes: Vec<&str> = doc
                .descendants()
                .filter(|n| {
                    n.has_tag_name((TEI_NS, "note")) && n.attribute("place") == Some("foot")
                })
                .filter_map(|n| n.attribute("n"))
                .collect();
            let want: Vec<&str> = g["notes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["n"].as_str().unwrap())
                .collect();
            assert_eq!(notes, want, "{id}.{form} notes");
            let pages: Vec<&str> = doc
                .descendants()
                .filter(|n| n.has_tag_name((TEI_NS, "pb")))
                .filter_map(|n| n.attribute("n"))
                .collect();
            let want: Vec<&str> = g["pages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            assert_eq!(pages, want, "{id}.{form} pages");
            let sent = doc
                .descendants()
                .find(|n| {
                    n.has_tag_name((TEI_NS, "correspAction")) && n.attribute("type") == Some("sent")
                })
                .and_then(|c| c.children().find(|n| n.has_tag_name((TEI_NS, "date"))));
            let got = sent.and_then(|d| d.attribute("when").or(d.attribute("notBefore")));
            let want = g["date"]
                .as_str()
                .or(g["dateTimeMin"].as_str())
                .map(|d| &d[..10]);
            if form == "alt.txt" {
                assert_eq!(got, want, "{id}.{form} date");
            } else if let Some(got) = got {
                // the web form has no dateline: a date there is inferred, and says so
                let d = sent.unwrap();
                assert_eq!(d.attribute("cert"), Some("medium"), "{id}.{form}");
                assert!(
                    d.text().unwrap_or("").contains("central file number"),
                    "{id}.{form}"
                );
                assert_eq!(got.len(), 10);
            }
        }
    }
}

#[test]
fn frus_eval_scores_the_pipeline() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let eval = root().join("../shared/tools/frus-eval");
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("notice: no python3, frus-eval not run");
        return;
    }
    let o = std::process::Command::new("python3")
        .arg(&eval)
        .arg(&corpus)
        .args(["--cli", env!("CARGO_BIN_EXE_frus-ld")])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let summary = out.lines().last().unwrap_or("");
    eprintln!("{summary}");
    for want in [
        "errors=0",
        "valid=22/22",
        "number=1.000",
        "notes=1.000",
        "pages=1.000",
        "parties=1.000",
    ] {
        assert!(
            summary.contains(want),
            "frus-eval: {want} expected in {summary}\n{out}"
        );
    }
}

#[test]
fn the_corpus_loads_and_answers_who_wrote_to_whom() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let st = corpus_store(dir.path(), &corpus);
    let q = root().join("examples/queries/who-wrote-to-whom.rq");
    let o = run(bin()
        .arg("query")
        .arg("-f")
        .arg(&q)
        .arg("--store")
        .arg(&st)
        .args(["--format", "csv"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o).replace("\r\n", "\n");
    for row in [
        "1,Telegram,Department of State,Embassy in Japan,1958-01-11",
        "2,Telegram,Embassy in Japan,Department of State,1958-01-22",
        "5,Memorandum,Walter S. Robertson,John Foster Dulles,1958-03-22",
        "8,Memorandum,Howard J. Parsons,Walter S. Robertson,1958-04-12",
        "10,Memorandum of Telephone Conversation,Dwight D. Eisenhower,John Foster Dulles,1958-04-17",
        "11,Letter,Douglas MacArthur II,John Foster Dulles,1958-04-18",
    ] {
        assert!(csv.contains(row), "{row} expected in\n{csv}");
    }
    assert_eq!(
        csv.lines().count(),
        1 + 10,
        "every document but the memorandum for the record:\n{csv}"
    );
}

/// The reference document's TEI and Turtle, reduced to their structure (text
/// elided, long literals hashed) so that the snapshot holds no FRUS text.
#[test]
fn reference_document_snapshot() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let file = corpus.join("d11.txt");
    let xml = convert_tei(&file, &corpus);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut skeleton = String::new();
    fn walk(n: roxmltree::Node, depth: usize, out: &mut String) {
        if n.is_element() {
            let attrs: Vec<String> = n
                .attributes()
                .map(|a| format!("{}={:?}", a.name(), a.value()))
                .collect();
            let text_len: usize = n
                .children()
                .filter(|c| c.is_text())
                .map(|c| c.text().unwrap_or("").trim().chars().count())
                .sum();
            out.push_str(&format!(
                "{}{} {} text:{}\n",
                "  ".repeat(depth),
                n.tag_name().name(),
                attrs.join(" "),
                text_len
            ));
            for c in n.children() {
                walk(c, depth + 1, out);
            }
        }
    }
    walk(doc.root_element(), 0, &mut skeleton);
    insta::assert_snapshot!("d11_tei_structure", skeleton);

    let args = list_args(&corpus);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let nt = convert(&file, "ntriples", &args);
    let mut lines: Vec<String> = nt
        .lines()
        .map(|l| {
            // hash literals longer than 60 characters
            match (l.find(" \""), l.rfind('"')) {
                (Some(s), Some(e)) if e > s + 62 => {
                    let lit = &l[s + 2..e];
                    let h = lit.bytes().fold(0xcbf29ce484222325u64, |h, b| {
                        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
                    });
                    format!(
                        "{} \"<{} chars, fnv {h:016x}>{}",
                        &l[..s],
                        lit.chars().count(),
                        &l[e..]
                    )
                }
                _ => l.to_string(),
            }
        })
        .collect();
    lines.sort();
    insta::assert_snapshot!("d11_ntriples", lines.join("\n"));
}
