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

/// Asks a store a SPARQL query through `frus-ld query`; the answer in
/// `format`, panicking with stderr on failure.
pub fn query(store: &Path, q: &str, format: &str) -> String {
    let o = run(bin()
        .args(["query", q, "--format", format])
        .arg("--store")
        .arg(store));
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
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

/// Whether a tool runs; outside CI a missing tool is a notice (its checks
/// are skipped), in CI a failure.
pub fn have(tool: &str, probe: &[&str]) -> bool {
    if Command::new(tool).args(probe).output().is_ok() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI needs {tool}");
    }
    eprintln!("notice: {tool} missing; its checks are skipped");
    false
}

/// Validates a file with jing against one of the shared RELAX NG schemas
/// (`schema` under `../shared/schemas`). A missing schema or jing is a
/// notice outside CI and a failure in CI.
pub fn jing(schema: &str, file: &Path) -> Result<(), String> {
    jing_files(schema, &[file])
}

/// Validates several files with jing in one run (as [`jing`]).
pub fn jing_files(schema: &str, files: &[&Path]) -> Result<(), String> {
    let schema = root().join("../shared/schemas").join(schema);
    if !schema.exists() {
        if std::env::var_os("CI").is_some() {
            panic!("CI needs {}", schema.display());
        }
        eprintln!("notice: {} missing; not validated", schema.display());
        return Ok(());
    }
    if !have("jing", &["-h"]) {
        return Ok(());
    }
    let o = Command::new("jing")
        .arg(&schema)
        .args(files)
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

/// Validates TEI with jing and tei_all.rng.
pub fn validate_tei(xml: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("doc.xml");
    std::fs::write(&f, xml).expect("write");
    jing("tei_all.rng", &f)
}

/// The options that give a conversion of the shared corpus its volume and lists.
pub fn list_args(corpus: &Path) -> Vec<String> {
    vec![
        "--volume".into(),
        "frus1958-60v18".into(),
        "--persons".into(),
        corpus.join("persons.tsv").display().to_string(),
        "--terms".into(),
        corpus.join("terms.tsv").display().to_string(),
    ]
}

/// A store in `dir` loaded with the alt form of every document of the corpus.
pub fn corpus_store(dir: &Path, corpus: &Path) -> PathBuf {
    let st = dir.join("store");
    let alt: Vec<PathBuf> = (1..=11)
        .map(|i| corpus.join(format!("d{i}.alt.txt")))
        .collect();
    let o = run(bin()
        .arg("load")
        .args(&alt)
        .arg("--store")
        .arg(&st)
        .args(list_args(corpus)));
    assert!(o.status.success(), "{}", stderr(&o));
    st
}

/// A store in `dir` loaded with the project's two example documents.
pub fn demo_store(dir: &Path) -> PathBuf {
    demo_store_with(dir, &[])
}

/// Loads the two example documents into the store `st` (volume
/// `frus1959v99`), which must succeed; what `load` printed.
pub fn load_demo(st: &Path, extra: &[&std::ffi::OsStr]) -> Output {
    let o = run(bin()
        .arg("load")
        .arg(demo("d1.alt.txt"))
        .arg(demo("d2.alt.txt"))
        .arg("--store")
        .arg(st)
        .args(["--volume", "frus1959v99"])
        .args(extra));
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// The query of [`catalog`].
pub const CATALOG: &str = "PREFIX fl: <https://w3id.org/frus-ld/vocab#>
     SELECT ?g ?digest ?modified WHERE { GRAPH <https://w3id.org/frus-ld/id/graph/catalog> {
       ?e fl:entryFor ?g ; <http://purl.org/dc/terms/modified> ?modified
       OPTIONAL { ?e fl:contentDigest ?digest } } }
     ORDER BY ?g";

/// The store's catalog, a row a graph: graph, digest (empty when the entry
/// has none), date; sorted by graph.
pub fn catalog(store: &Path) -> Vec<String> {
    query(store, CATALOG, "csv")
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// [`demo_store`] with more arguments to `load` (`--terms FILE`).
pub fn demo_store_with(dir: &Path, extra: &[&std::ffi::OsStr]) -> PathBuf {
    let st = dir.join("store");
    load_demo(&st, extra);
    st
}

/// `frus-ld serve` on a free port of 127.0.0.1, stopped when dropped.
pub struct Server {
    pub child: std::process::Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server on `store` with `extra` options and, if given, the
/// update token in its environment; returns once it accepts connections.
pub fn start_server(store: &Path, extra: &[&str], token: Option<&str>) -> Server {
    use std::net::{TcpListener, TcpStream};
    use std::time::{Duration, Instant};
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cmd = bin();
    cmd.arg("serve")
        .arg("--store")
        .arg(store)
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .args(extra)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null());
    match token {
        Some(t) => cmd.env("FRUS_LD_TOKEN", t),
        None => cmd.env_remove("FRUS_LD_TOKEN"),
    };
    let child = cmd.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, port }
}

/// One HTTP/1.1 request to a test server: its status, headers and body.
pub fn http_request(
    s: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, String) {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
        s.port,
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut r = BufReader::new(stream);
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    let status: u16 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut headers = Vec::new();
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let mut body = Vec::new();
    r.read_to_end(&mut body).unwrap();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    (status, headers, String::from_utf8_lossy(&body).to_string())
}

/// The body of a chunked transfer: each chunk's size in hex, CRLF, the
/// chunk, CRLF; a chunk of size 0 ends it.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size line");
        let size = std::str::from_utf8(&raw[..eol]).unwrap();
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[eol + 2 + size + 2..];
    }
}

/// A path's query-string form: everything but letters, digits and `-_.` escaped.
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
