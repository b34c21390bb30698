//! `frus-ld push` against `frus-ld serve --allow-update` on 127.0.0.1: the
//! pushed graphs, fetched back, are isomorphic to the store's; an endpoint
//! that cannot be reached or refuses the token gets a clear error.

mod common;
use common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Graph, GraphName};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TOKEN: &str = "push-test-token-1234";

fn source_store(dir: &Path) -> PathBuf {
    match shared_corpus() {
        Some(c) => corpus_store(dir, &c),
        None => demo_store(dir),
    }
}

fn push(args: &[&str], token: Option<&str>) -> std::process::Output {
    let mut cmd = bin();
    cmd.arg("push").args(args);
    cmd.env_remove("FRUS_LD_PUSH_USER")
        .env_remove("FRUS_LD_PUSH_PASSWORD");
    match token {
        Some(t) => cmd.env("FRUS_LD_PUSH_TOKEN", t),
        None => cmd.env_remove("FRUS_LD_PUSH_TOKEN"),
    };
    run(&mut cmd)
}

fn canonical(mut g: Graph) -> Graph {
    g.canonicalize(CanonicalizationAlgorithm::Unstable);
    g
}

/// A graph of the target, fetched through the Graph Store Protocol.
fn fetch(s: &Server, name: &GraphName) -> Option<Graph> {
    let path = match name {
        GraphName::NamedNode(n) => format!("/store?graph={}", url_encode(n.as_str())),
        _ => "/store?default".to_string(),
    };
    // a client that reads chunked bodies, as large graphs come
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut resp = agent
        .get(format!("http://127.0.0.1:{}{path}", s.port))
        .header("Accept", "application/n-triples")
        .call()
        .unwrap();
    let status = resp.status().as_u16();
    let body = resp
        .body_mut()
        .with_config()
        .limit(1 << 30)
        .read_to_string()
        .unwrap();
    if status == 404 {
        return None;
    }
    assert_eq!(status, 200, "{path}: {body}");
    let mut g = Graph::new();
    for t in RdfParser::from_format(RdfFormat::NTriples).for_slice(body.as_bytes()) {
        g.insert(t.unwrap().as_ref());
    }
    Some(g)
}

fn graph_of(triples: impl IntoIterator<Item = oxigraph::model::Triple>) -> Graph {
    let mut g = Graph::new();
    for t in triples {
        g.insert(&t);
    }
    g
}

/// The summary line: graphs, triples, failures.
fn summary(o: &std::process::Output) -> (usize, usize, usize) {
    let err = stderr(o);
    let line = err
        .lines()
        .find(|l| l.starts_with("pushed "))
        .unwrap_or_else(|| panic!("no summary: {err}"));
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(|w| w.parse().unwrap())
        .collect();
    // pushed G graphs, T triples to http://127.0.0.1:PORT/store; F failed
    (nums[0], nums[1], *nums.last().unwrap())
}

#[test]
fn pushed_graphs_come_back_isomorphic() {
    let dir = tempfile::tempdir().unwrap();
    let src = source_store(dir.path());
    let target = start_server(&dir.path().join("target"), &["--allow-update"], Some(TOKEN));
    let endpoint = format!("http://127.0.0.1:{}/store", target.port);
    let o = push(
        &["--endpoint", &endpoint, "--store", src.to_str().unwrap()],
        Some(TOKEN),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    eprintln!("{}", stderr(&o).trim_end());
    let (graphs, triples, failed) = summary(&o);
    assert_eq!(failed, 0);

    let store = Store::open_read_only(&src).unwrap();
    let names = frus_ld::push::graph_names(&store).unwrap();
    assert_eq!(graphs, names.len());
    assert!(graphs >= 3, "documents and the shared graph");
    let mut total = 0;
    for name in &names {
        let mine = frus_ld::push::triples_of(&store, name.as_ref()).unwrap();
        total += mine.len();
        let theirs = fetch(&target, name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(theirs.len(), mine.len(), "{name}");
        assert!(
            canonical(theirs) == canonical(graph_of(mine)),
            "{name} is not the same graph"
        );
    }
    assert_eq!(triples, total);

    // pushing again replaces, not adds
    let o = push(
        &["--endpoint", &endpoint, "--store", src.to_str().unwrap()],
        Some(TOKEN),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = names.last().unwrap();
    assert_eq!(
        fetch(&target, doc).unwrap().len(),
        frus_ld::push::triples_of(&store, doc.as_ref())
            .unwrap()
            .len()
    );
}

#[test]
fn a_graph_per_document_stands_alone() {
    let dir = tempfile::tempdir().unwrap();
    let src = source_store(dir.path());
    let target = start_server(&dir.path().join("target"), &["--allow-update"], Some(TOKEN));
    let endpoint = format!("http://127.0.0.1:{}/store", target.port);
    let o = push(
        &[
            "--endpoint",
            &endpoint,
            "--store",
            src.to_str().unwrap(),
            "--graph-per-document",
        ],
        Some(TOKEN),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let store = Store::open_read_only(&src).unwrap();
    let shared = GraphName::NamedNode(oxigraph::model::NamedNode::new_unchecked(
        "https://w3id.org/frus-ld/id/graph/shared",
    ));
    assert!(
        fetch(&target, &shared).is_none(),
        "no shared graph of its own"
    );
    let mut planned = Vec::new();
    frus_ld::push::plan(
        &store,
        frus_ld::push::Layout::GraphPerDocument,
        &oxigraph::model::NamedNode::new_unchecked("https://w3id.org/frus-ld/id/graph/shared"),
        |g| {
            planned.push(g);
            Ok(())
        },
    )
    .unwrap();
    let mut documents = 0;
    for g in planned {
        let theirs = fetch(&target, &g.name).unwrap();
        let stored = frus_ld::push::triples_of(&store, g.name.as_ref()).unwrap();
        assert!(
            canonical(theirs.clone()) == canonical(graph_of(g.triples.clone())),
            "{}",
            g.name
        );
        if theirs.len() > stored.len() {
            documents += 1;
            // the sender's name is in the document's own graph now
            let names = theirs
                .iter()
                .filter(|t| t.predicate.as_str() == "http://schema.org/name")
                .count();
            assert!(names > 0, "{}", g.name);
        }
    }
    assert!(documents >= 2);
}

#[test]
fn files_are_pushed_as_load_would_store_them() {
    let dir = tempfile::tempdir().unwrap();
    let target = start_server(&dir.path().join("target"), &["--allow-update"], Some(TOKEN));
    let endpoint = format!("http://127.0.0.1:{}/store", target.port);
    let o = push(
        &[
            "--endpoint",
            &endpoint,
            demo("d1.alt.txt").to_str().unwrap(),
            demo("d2.alt.txt").to_str().unwrap(),
            "--volume",
            "frus1959v99",
        ],
        Some(TOKEN),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (graphs, _, failed) = summary(&o);
    assert_eq!(failed, 0);
    assert!(graphs >= 3, "two documents and the shared graph");
    let d2 = GraphName::NamedNode(oxigraph::model::NamedNode::new_unchecked(
        "https://history.state.gov/historicaldocuments/frus1959v99/d2",
    ));
    assert!(fetch(&target, &d2).unwrap().len() > 20);
    // a file that cannot be read: nothing is sent
    let bad = dir.path().join("bad.ttl");
    std::fs::write(&bad, "this is not turtle").unwrap();
    let o = push(
        &["--endpoint", &endpoint, bad.to_str().unwrap()],
        Some(TOKEN),
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("nothing was pushed"), "{}", stderr(&o));
}

#[test]
fn an_unreachable_endpoint_fails_after_bounded_retries() {
    let dir = tempfile::tempdir().unwrap();
    let src = demo_store(dir.path());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let o = push(
        &[
            "--endpoint",
            &format!("http://127.0.0.1:{port}/store"),
            "--store",
            src.to_str().unwrap(),
            "--retries",
            "2",
        ],
        Some(TOKEN),
    );
    let took = started.elapsed();
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!("cannot reach http://127.0.0.1:{port}/store")),
        "{err}"
    );
    assert!(err.contains("after 3 attempts"), "{err}");
    assert_eq!(err.matches("trying again").count(), 2, "{err}");
    assert!(err.contains("pushed 0 graphs"), "{err}");
    // 250 ms, then 500 ms between the attempts
    assert!(
        took >= Duration::from_millis(750) && took < Duration::from_secs(30),
        "{took:?}"
    );
    // not an address at all
    let o = push(
        &[
            "--endpoint",
            "ftp://example.org/store",
            "--store",
            src.to_str().unwrap(),
        ],
        None,
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("http:// or https://"), "{}", stderr(&o));
}

#[test]
fn a_wrong_token_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let src = demo_store(dir.path());
    let target = start_server(&dir.path().join("target"), &["--allow-update"], Some(TOKEN));
    let endpoint = format!("http://127.0.0.1:{}/store", target.port);
    for token in [Some("not-the-token"), None] {
        let started = Instant::now();
        let o = push(
            &["--endpoint", &endpoint, "--store", src.to_str().unwrap()],
            token,
        );
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(err.contains("refused the credentials (HTTP 401"), "{err}");
        assert!(err.contains("FRUS_LD_PUSH_TOKEN"), "{err}");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no retries on 401"
        );
    }
    // credentials half given
    let mut cmd = bin();
    cmd.args([
        "push",
        "--endpoint",
        &endpoint,
        "--store",
        src.to_str().unwrap(),
    ])
    .env_remove("FRUS_LD_PUSH_TOKEN")
    .env_remove("FRUS_LD_PUSH_PASSWORD")
    .env("FRUS_LD_PUSH_USER", "someone");
    let o = run(&mut cmd);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("FRUS_LD_PUSH_PASSWORD is set")
            || stderr(&o).contains("FRUS_LD_PUSH_PASSWORD is not"),
        "{}",
        stderr(&o)
    );
}
