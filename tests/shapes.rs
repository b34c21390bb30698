//! The RDF of every document conforms to the SHACL shapes
//! (`schemas/shapes.ttl`, checked by pyshacl), and a broken graph does not.

mod common;
use common::*;
use std::path::PathBuf;
use std::process::Command;

fn pyshacl_ready() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pyshacl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("CI needs pyshacl (pip install pyshacl)");
        }
        eprintln!("notice: pyshacl missing; SHACL validation skipped");
    }
    ok
}

fn validate(files: &[PathBuf]) -> (bool, String) {
    let o = Command::new("python3")
        .arg(root().join("schemas/validate_shacl.py"))
        .arg(root().join("schemas/shapes.ttl"))
        .args(files)
        .output()
        .unwrap();
    (
        o.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

#[test]
fn every_output_conforms_and_a_broken_graph_does_not() {
    if !pyshacl_ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut inputs: Vec<(PathBuf, Vec<String>)> = ["d1.txt", "d1.alt.txt", "d2.txt", "d2.alt.txt"]
        .iter()
        .map(|f| {
            (
                demo(f),
                vec!["--volume".to_string(), "frus1959v99".to_string()],
            )
        })
        .collect();
    // and without the annotations of mentions
    for f in ["d1.txt", "d2.alt.txt"] {
        inputs.push((
            demo(f),
            ["--volume", "frus1959v99", "--no-annotations"]
                .map(String::from)
                .to_vec(),
        ));
    }
    if let Some(corpus) = shared_corpus() {
        for i in 1..=11 {
            for form in ["txt", "alt.txt"] {
                inputs.push((corpus.join(format!("d{i}.{form}")), list_args(&corpus)));
            }
        }
    }
    let mut files = Vec::new();
    for (i, (input, args)) in inputs.iter().enumerate() {
        let out = tmp.path().join(format!("{i}.nq"));
        let o = run(bin()
            .arg("convert")
            .arg(input)
            .args(["--to", "nquads", "-o"])
            .arg(&out)
            .args(args));
        assert!(o.status.success(), "{}", stderr(&o));
        files.push(out);
    }
    let (ok, report) = validate(&files);
    assert!(ok, "{report}");
    // a broken graph is rejected, each violation named
    let (ok, report) = validate(&[root().join("schemas/tests/broken.ttl")]);
    assert!(!ok, "{report}");
    assert!(report.contains("Conforms: False"), "{report}");
    assert!(report.contains("What a footnote cites"), "{report}");
    assert!(report.contains("schema:contentLocation names"), "{report}");
    // and so is real output with a mention's quote removed
    let d = std::fs::read_to_string(&files[3]).unwrap();
    let broken: String = d
        .lines()
        .filter(|l| !l.contains("http://www.w3.org/ns/oa#exact"))
        .map(|l| format!("{l}\n"))
        .collect();
    let f = tmp.path().join("no-quotes.nq");
    std::fs::write(&f, broken).unwrap();
    assert!(!validate(&[f]).0);
}
