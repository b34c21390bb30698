//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_frus-ld"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn demo(name: &str) -> PathBuf {
    root().join("examples/frus-demo").join(name)
}

/// The shared corpus, when it is beside the project; `None` with a notice otherwise.
pub fn shared_corpus() -> Option<PathBuf> {
    let p = root().join("../shared/corpus/frus1958-60v18");
    if p.join("gold.json").exists() {
        Some(p)
    } else {
        eprintln!(
            "notice: ../shared/corpus is absent; skipping the tests over the real FRUS documents"
        );
        None
    }
}

pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("frus-ld runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Converts a file and returns its standard output; panics with stderr on failure.
pub fn convert(file: &Path, to: &str, extra: &[&str]) -> String {
    let o = run(bin()
        .arg("convert")
        .arg(file)
        .args(["--to", to])
        .args(extra));
    assert!(
        o.status.success(),
        "convert {} failed: {}",
        file.display(),
        stderr(&o)
    );
    stdout(&o)
}

/// Validates TEI with jing and tei_all.rng. Returns false (with a notice)
/// when the schema or jing is missing outside CI; in CI both must be there.
pub fn validate_tei(xml: &str) -> Result<(), String> {
    let schema = root().join("../shared/schemas/tei_all.rng");
    let jing = Command::new("jing").arg("-h").output();
    if !schema.exists() || jing.is_err() {
        if std::env::var_os("CI").is_some() {
            panic!("CI needs jing and ../shared/schemas/tei_all.rng to validate TEI");
        }
        eprintln!("notice: jing or tei_all.rng missing; TEI not validated");
        return Ok(());
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("doc.xml");
    std::fs::write(&f, xml).expect("write");
    let o = Command::new("jing")
        .arg(&schema)
        .arg(&f)
        .output()
        .expect("jing runs");
    if o.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ))
    }
}
