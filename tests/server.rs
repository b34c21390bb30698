//! `frus-ld serve`, started on 127.0.0.1 and stopped by each test.

mod common;
use common::*;
use std::io::Read;
use std::time::{Duration, Instant};

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn http(s: &Server, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let (status, headers, body) = http_request(s, method, path, headers, body);
    Reply {
        status,
        headers,
        body,
    }
}

fn enc(s: &str) -> String {
    url_encode(s)
}

const SELECT: &str = "SELECT ?n ?s WHERE { ?d <http://schema.org/position> ?n ; <http://schema.org/sender>/<http://schema.org/name> ?s } ORDER BY ?n";

#[test]
fn the_sparql_protocol_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let s = start_server(&demo_store(dir.path()), &["--cors", "*"], None);
    // GET, with content negotiation
    let path = format!("/query?query={}", enc(SELECT));
    for (accept, type_, needle) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"Walter C. Dowling\"",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<literal>Walter C. Dowling</literal>",
        ),
        ("text/csv", "text/csv", "2,Walter C. Dowling"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "\"Walter C. Dowling\"",
        ),
    ] {
        let r = http(&s, "GET", &path, &[("Accept", accept)], b"");
        assert_eq!(r.status, 200, "{accept}: {}", r.body);
        assert!(
            r.header("Content-Type").unwrap().starts_with(type_),
            "{accept}"
        );
        assert!(r.body.contains(needle), "{accept}: {}", r.body);
        assert_eq!(r.header("Access-Control-Allow-Origin"), Some("*"));
    }
    // POST, as a form and as a query body
    let form = format!("query={}", enc(SELECT));
    let r = http(
        &s,
        "POST",
        "/query",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/csv"),
        ],
        form.as_bytes(),
    );
    assert!(r.body.contains("1,Department of State"), "{}", r.body);
    let r = http(
        &s,
        "POST",
        "/query",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "text/csv"),
        ],
        SELECT.as_bytes(),
    );
    assert!(r.body.contains("1,Department of State"), "{}", r.body);
    // CONSTRUCT in Turtle, N-Triples and JSON-LD
    let c =
        "CONSTRUCT { ?d <http://schema.org/sender> ?s } WHERE { ?d <http://schema.org/sender> ?s }";
    for (accept, needle) in [
        ("text/turtle", "schema:sender"),
        ("application/n-triples", "<http://schema.org/sender>"),
        ("application/ld+json", "\"@id\""),
    ] {
        let r = http(
            &s,
            "POST",
            "/query",
            &[
                ("Content-Type", "application/sparql-query"),
                ("Accept", accept),
            ],
            c.as_bytes(),
        );
        assert_eq!(r.status, 200, "{accept}: {}", r.body);
        assert!(r.body.contains(needle), "{accept}: {}", r.body);
    }
    // ASK, the service description, the graph store, a document's TEI, the page
    let r = http(
        &s,
        "GET",
        &format!("/query?query={}", enc("ASK { ?s ?p ?o }")),
        &[("Accept", "application/sparql-results+json")],
        b"",
    );
    assert!(r.body.contains("true"));
    let r = http(&s, "GET", "/query", &[], b"");
    assert!(
        r.body.contains("sd:Service") && r.body.contains("SPARQL11Query"),
        "{}",
        r.body
    );
    let g = enc("https://history.state.gov/historicaldocuments/frus1959v99/d2");
    let r = http(
        &s,
        "GET",
        &format!("/store?graph={g}"),
        &[("Accept", "application/n-triples")],
        b"",
    );
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("<http://schema.org/position> \"2\"^^"),
        "{}",
        &r.body[..200.min(r.body.len())]
    );
    let r = http(
        &s,
        "GET",
        "/store?graph=http%3A%2F%2Fexample.org%2Fnone",
        &[],
        b"",
    );
    assert_eq!(r.status, 404);
    let r = http(&s, "GET", &format!("/tei?doc={g}"), &[], b"");
    assert!(r
        .body
        .contains("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\""));
    let r = http(&s, "GET", "/", &[], b"");
    assert!(r.body.contains("Run query") && r.body.contains("who-wrote-to-whom"));
    // a malformed query
    let r = http(
        &s,
        "GET",
        &format!("/query?query={}", enc("SELECT ?x WHERE {")),
        &[],
        b"",
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("malformed SPARQL query"));
}

#[test]
fn read_only_unless_allowed_with_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let st = demo_store(dir.path());
    let update = b"INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://schema.org/name> \"A\" } }";
    {
        let s = start_server(&st, &[], None);
        let r = http(
            &s,
            "POST",
            "/update",
            &[("Content-Type", "application/sparql-update")],
            update,
        );
        assert_eq!(r.status, 403, "{}", r.body);
    }
    let s = start_server(&st, &["--allow-update"], Some("secret-token-1"));
    let r = http(
        &s,
        "POST",
        "/update",
        &[("Content-Type", "application/sparql-update")],
        update,
    );
    assert_eq!(r.status, 401);
    let auth = ("Authorization", "Bearer secret-token-1");
    let r = http(
        &s,
        "POST",
        "/update",
        &[("Content-Type", "application/sparql-update"), auth],
        update,
    );
    assert_eq!(r.status, 204, "{}", r.body);
    // Graph Store Protocol: PUT a graph, read it back, delete it
    let ttl = b"<http://example.org/b> <http://schema.org/name> \"B\" .";
    let r = http(
        &s,
        "PUT",
        "/store?graph=http%3A%2F%2Fexample.org%2Fh",
        &[("Content-Type", "text/turtle"), auth],
        ttl,
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let r = http(
        &s,
        "GET",
        "/store?graph=http%3A%2F%2Fexample.org%2Fh",
        &[("Accept", "application/n-triples")],
        b"",
    );
    assert_eq!(
        r.body.trim(),
        "<http://example.org/b> <http://schema.org/name> \"B\" ."
    );
    let r = http(
        &s,
        "DELETE",
        "/store?graph=http%3A%2F%2Fexample.org%2Fh",
        &[auth],
        b"",
    );
    assert_eq!(r.status, 204);
    assert_eq!(
        http(
            &s,
            "GET",
            "/store?graph=http%3A%2F%2Fexample.org%2Fh",
            &[],
            b""
        )
        .status,
        404
    );
    // no token in the environment: --allow-update refuses to start
    let o = run(bin()
        .arg("serve")
        .arg("--store")
        .arg(&st)
        .arg("--allow-update")
        .env_remove("FRUS_LD_TOKEN"));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("FRUS_LD_TOKEN"));
}

#[test]
fn limits_end_runaway_queries_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let st = demo_store(dir.path());
    let mut s = start_server(
        &st,
        &["--timeout", "1", "--max-results", "5", "--max-body", "2000"],
        None,
    );
    // the cube of the store's triples: billions of solutions at the least,
    // which no machine counts within the second the limit allows
    let runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let started = Instant::now();
    let r = http(
        &s,
        "POST",
        "/query",
        &[("Content-Type", "application/sparql-query")],
        runaway.as_bytes(),
    );
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("time limit"), "{}", r.body);
    assert!(started.elapsed() < Duration::from_secs(30));
    let r = http(
        &s,
        "POST",
        "/query",
        &[("Content-Type", "application/sparql-query")],
        b"SELECT * WHERE { ?s ?p ?o } LIMIT 100",
    );
    assert_eq!(r.status, 500);
    assert!(r.body.contains("more than 5 results"), "{}", r.body);
    let big = vec![b' '; 3000];
    let r = http(
        &s,
        "POST",
        "/query",
        &[("Content-Type", "application/sparql-query")],
        &big,
    );
    assert_eq!(r.status, 413);
    // still serving
    let r = http(
        &s,
        "GET",
        &format!("/query?query={}", enc("ASK { ?s ?p ?o }")),
        &[],
        b"",
    );
    assert_eq!(r.status, 200);
    // one log line a request
    std::thread::sleep(Duration::from_millis(1000));
    let _ = s.child.kill();
    let mut log = String::new();
    s.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("POST /query") || l.starts_with("GET /query"))
        .collect();
    assert_eq!(lines.len(), 4, "{log}");
    assert!(lines[0].starts_with("POST /query 503"), "{log}");
}

/// The example documents' graphs.
const D1: &str = "https://history.state.gov/historicaldocuments/frus1959v99/d1";
const D2: &str = "https://history.state.gov/historicaldocuments/frus1959v99/d2";

/// A query's answer through the server, as CSV.
fn csv_answer(s: &Server, q: &str) -> String {
    csv_answer_with(s, q, "")
}

/// [`csv_answer`] with more parameters (`&default-graph-uri=…`).
fn csv_answer_with(s: &Server, q: &str, params: &str) -> String {
    let r = http(
        s,
        "GET",
        &format!("/query?query={}{params}", enc(q)),
        &[("Accept", "text/csv")],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

/// A SPARQL update sent to `path` (`/update`, with parameters) with the
/// bearer token.
fn post_update(s: &Server, path: &str, token: &str, update: &str) -> Reply {
    let auth = format!("Bearer {token}");
    http(
        s,
        "POST",
        path,
        &[
            ("Content-Type", "application/sparql-update"),
            ("Authorization", &auth),
        ],
        update.as_bytes(),
    )
}

/// A graph deleted through the Graph Store Protocol with the bearer token.
fn delete_graph(s: &Server, token: &str, graph: &str) -> Reply {
    let auth = format!("Bearer {token}");
    http(
        s,
        "DELETE",
        &format!("/store?graph={}", enc(graph)),
        &[("Authorization", &auth)],
        b"",
    )
}

/// Whether the statistics graph says its counts are current.
fn counts_current(s: &Server) -> bool {
    let current = csv_answer(
        s,
        "SELECT ?current WHERE { GRAPH <https://w3id.org/frus-ld/id/graph/statistics> \
         { <https://w3id.org/frus-ld/id/graph/statistics> \
         <https://w3id.org/frus-ld/vocab#countsCurrent> ?current } }",
    );
    current == "current\r\ntrue\r\n"
}

/// The statistics graph's counts, and the same counted from the mentions,
/// as CSV rows sorted by entity.
fn counts(s: &Server) -> (String, String) {
    (
        csv_answer(
            s,
            "SELECT ?e ?n WHERE { GRAPH <https://w3id.org/frus-ld/id/graph/statistics> \
             { ?e <https://w3id.org/frus-ld/vocab#documentCount> ?n } } ORDER BY ?e",
        ),
        csv_answer(
            s,
            "SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d <http://schema.org/mentions> ?e } \
             GROUP BY ?e ORDER BY ?e",
        ),
    )
}

/// The statistics graph's counts of abbreviations, and the same counted from
/// the annotations, as CSV rows sorted by entity.
fn abbreviation_counts(s: &Server) -> (String, String) {
    (
        csv_answer(
            s,
            "PREFIX fl: <https://w3id.org/frus-ld/vocab#> \
             SELECT ?e ?uses ?documents WHERE { GRAPH <https://w3id.org/frus-ld/id/graph/statistics> \
             { ?e fl:abbreviationUseCount ?uses ; fl:abbreviationDocumentCount ?documents } } \
             ORDER BY ?e",
        ),
        csv_answer(
            s,
            "PREFIX fl: <https://w3id.org/frus-ld/vocab#> \
             SELECT ?e (COUNT(?a) AS ?uses) (COUNT(DISTINCT ?d) AS ?documents) \
             WHERE { GRAPH ?d { ?a fl:rule \"list-abbreviation\" ; \
             <http://www.w3.org/ns/oa#hasBody> ?e } } GROUP BY ?e ORDER BY ?e",
        ),
    )
}

/// The statistics graph's pairs of persons named together, and the same
/// counted from the mentions, as CSV rows sorted by the pair.
fn co_mention_counts(s: &Server) -> (String, String) {
    (
        csv_answer(
            s,
            "PREFIX fl: <https://w3id.org/frus-ld/vocab#> \
             SELECT ?a ?b ?n WHERE { GRAPH <https://w3id.org/frus-ld/id/graph/statistics> \
             { ?c a fl:CoMention ; fl:coMentioned ?a , ?b ; fl:coMentionCount ?n } \
             FILTER(STR(?a) < STR(?b)) } ORDER BY ?a ?b",
        ),
        csv_answer(
            s,
            "PREFIX schema: <http://schema.org/> \
             SELECT ?a ?b (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d schema:mentions ?a , ?b . \
             ?a a schema:Person . ?b a schema:Person . FILTER(STR(?a) < STR(?b)) } \
             GROUP BY ?a ?b ORDER BY ?a ?b",
        ),
    )
}

#[test]
fn statistics_are_recounted_after_loads_and_changes() {
    let tmp = tempfile::tempdir().unwrap();
    // the two example documents with a List of Abbreviations: "MSP" three
    // times in d1, "UST" and "ROK" once each in d2
    let terms = tmp.path().join("terms.tsv");
    std::fs::write(
        &terms,
        "id\tname\tdescription\n\
         t_MSP1\tMSP\tMutual Security Program\n\
         t_UST1\tUST\tUnited States Treaties and Other International Agreements\n\
         t_ROK1\tROK\tRepublic of Korea\n",
    )
    .unwrap();
    let st = demo_store_with(tmp.path(), &["--terms".as_ref(), terms.as_os_str()]);
    let s = start_server(&st, &["--allow-update"], Some("secret-token-2"));
    let (stored, counted) = counts(&s);
    assert!(stored.lines().count() > 5, "{stored}");
    assert_eq!(stored, counted, "load writes the counts of the mentions");
    let (abbreviations, counted) = abbreviation_counts(&s);
    assert_eq!(
        abbreviations, counted,
        "load writes the counts of the abbreviations"
    );
    assert!(
        abbreviations.contains("/term/msp,3,1\r\n"),
        "{abbreviations}"
    );
    assert_eq!(abbreviations.lines().count(), 4, "{abbreviations}");
    let (pairs, counted) = co_mention_counts(&s);
    assert_eq!(
        pairs, counted,
        "load writes the pairs of persons named together"
    );
    assert!(pairs.lines().count() > 3, "{pairs}");
    // the list entry carries the abbreviation as the list prints it
    let q = "SELECT ?entry ?label WHERE { \
             <https://w3id.org/frus-ld/id/term/msp> <https://w3id.org/frus-ld/vocab#frusListEntry> ?e . \
             ?e <http://purl.org/dc/terms/identifier> ?entry ; \
             <http://www.w3.org/2000/01/rdf-schema#label> ?label }";
    assert_eq!(csv_answer(&s, q), "entry,label\r\nt_MSP1,MSP\r\n");
    // an entity of both documents counts two
    assert!(stored.lines().any(|l| l.ends_with(",2")), "{stored}");
    let auth = ("Authorization", "Bearer secret-token-2");
    // one document's graph deleted through the Graph Store Protocol
    let doc = "https://history.state.gov/historicaldocuments/frus1959v99/d1";
    let r = delete_graph(&s, "secret-token-2", doc);
    assert_eq!(r.status, 204, "{}", r.body);
    let (after, counted) = counts(&s);
    assert_eq!(after, counted, "the counts follow a deleted graph");
    assert_ne!(after, stored);
    assert!(!after.lines().any(|l| l.ends_with(",2")), "{after}");
    let (after, counted) = abbreviation_counts(&s);
    assert_eq!(
        after, counted,
        "the abbreviations' counts follow a deleted graph"
    );
    assert!(!after.contains("/term/msp,"), "{after}");
    assert_eq!(after.lines().count(), 3, "{after}");
    let (after, counted) = co_mention_counts(&s);
    assert_eq!(after, counted, "the pairs follow a deleted graph");
    assert_ne!(after, pairs);
    // and a SPARQL update that adds a mention of an entity no document names
    let update = format!(
        "INSERT DATA {{ GRAPH <{doc}> {{ <{doc}> <http://schema.org/mentions> \
         <http://example.org/entity/new> }} }}"
    );
    let r = post_update(&s, "/update", "secret-token-2", &update);
    assert_eq!(r.status, 204, "{}", r.body);
    let (after, counted) = counts(&s);
    assert_eq!(after, counted, "the counts follow an update");
    // and say so
    assert!(counts_current(&s));
    assert!(after.contains("http://example.org/entity/new,1"), "{after}");
    // with every document gone the counts are empty, and they come back
    // with the next document
    for g in [D1, D2] {
        let r = delete_graph(&s, "secret-token-2", g);
        assert_eq!(r.status, 204, "{}", r.body);
    }
    let (after, _) = counts(&s);
    assert_eq!(after.lines().count(), 1, "{after}");
    let ttl = format!("<{doc}> <http://schema.org/mentions> <http://example.org/entity/new> .");
    let r = http(
        &s,
        "PUT",
        &format!("/store?graph={}", enc(doc)),
        &[("Content-Type", "text/turtle"), auth],
        ttl.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let (after, counted) = counts(&s);
    assert_eq!(after, counted);
    assert!(after.contains("http://example.org/entity/new,1"), "{after}");
}

#[test]
fn a_graph_changed_through_the_server_is_written_again_by_the_next_load() {
    let tmp = tempfile::tempdir().unwrap();
    let st = demo_store(tmp.path());
    let before = catalog(&st);
    assert_eq!(before.len(), 2, "{before:?}");
    assert!(before.iter().all(|r| r.contains(",sha256:")), "{before:?}");
    let (d1, d2) = (D1, D2);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    {
        let s = start_server(&st, &["--allow-update"], Some("secret-token-3"));
        let auth = ("Authorization", "Bearer secret-token-3");
        let body = format!("<{d1}> <http://schema.org/name> \"written by hand\" .");
        let r = http(
            &s,
            "PUT",
            &format!("/store?graph={}", enc(d1)),
            &[auth, ("Content-Type", "text/turtle")],
            body.as_bytes(),
        );
        assert_eq!(r.status, 204, "{}", r.body);
        let r = delete_graph(&s, "secret-token-3", d2);
        assert_eq!(r.status, 204, "{}", r.body);
    }
    // d1's entry has lost its digest and has a new date (its record's
    // datestamp); d2's entry went with its graph
    let after = catalog(&st);
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(after[0].starts_with(&format!("{d1},,")), "{after:?}");
    assert!(!before.contains(&after[0]), "{after:?}");
    // the next load takes neither for unchanged
    let o = load_demo(&st, &["--quiet".as_ref()]);
    assert!(
        stderr(&o).contains("2 graphs written, 0 unchanged"),
        "{}",
        stderr(&o)
    );
    let by_hand = query(
        &st,
        "ASK { ?d <http://schema.org/name> \"written by hand\" }",
        "csv",
    );
    assert!(by_hand.contains("false"), "{by_hand}");
    assert!(catalog(&st).iter().all(|r| r.contains(",sha256:")));
}

/// [`catalog`], asked through the server that holds the store.
fn served_catalog(s: &Server) -> Vec<String> {
    csv_answer(s, CATALOG)
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn a_sparql_update_marks_the_entries_of_the_graphs_it_wrote_and_keeps_the_counts_true() {
    let tmp = tempfile::tempdir().unwrap();
    let st = demo_store(tmp.path());
    let (d1, d2) = (D1, D2);
    let entry = |rows: &[String], d: &str| -> String {
        rows.iter()
            .find(|r| r.starts_with(&format!("{d},")))
            .cloned()
            .unwrap_or_default()
    };
    let before = catalog(&st);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    {
        let s = start_server(&st, &["--allow-update"], Some("secret-token-4"));
        let post = |update: &str| post_update(&s, "/update", "secret-token-4", update);
        let (initial, _) = counts(&s);
        // the places of document 2 taken from it: the graph is found from
        // the WHERE, and only d2's entry changes
        let r = post(
            "PREFIX schema: <http://schema.org/>
             DELETE { GRAPH ?g { ?d schema:mentions ?p ; schema:contentLocation ?p } }
             WHERE { GRAPH ?g { ?d schema:position 2 ; schema:contentLocation ?p } }",
        );
        assert_eq!(r.status, 204, "{}", r.body);
        let rows = served_catalog(&s);
        assert_eq!(entry(&rows, d1), entry(&before, d1), "{rows:?}");
        assert!(entry(&rows, d2).starts_with(&format!("{d2},,")), "{rows:?}");
        assert_ne!(entry(&rows, d2), entry(&before, d2));
        for (stored, counted) in [counts(&s), abbreviation_counts(&s), co_mention_counts(&s)] {
            assert_eq!(stored, counted);
        }
        assert_ne!(counts(&s).0, initial, "the places of d2 no longer count");
        // an update that fails at its second operation writes nothing,
        // and the counts stay current
        let r = post(&format!(
            "INSERT DATA {{ GRAPH <{d1}> {{ <{d1}> <http://schema.org/name> \"half\" }} }} ;
             CREATE GRAPH <{d1}>"
        ));
        assert_eq!(r.status, 500, "{}", r.body);
        assert!(r.body.contains("nothing written"), "{}", r.body);
        let half = csv_answer(&s, "ASK { ?d <http://schema.org/name> \"half\" }");
        assert!(half.contains("false"), "{half}");
        assert_eq!(entry(&served_catalog(&s), d1), entry(&before, d1));
        assert!(counts_current(&s));
        // a graph dropped takes its entry with it
        let r = post(&format!("DROP GRAPH <{d1}>"));
        assert_eq!(r.status, 204, "{}", r.body);
        assert!(entry(&served_catalog(&s), d1).is_empty());
        let (stored, counted) = counts(&s);
        assert_eq!(stored, counted);
    }
    // the next load writes both documents again
    let o = load_demo(&st, &["--quiet".as_ref()]);
    assert!(
        stderr(&o).contains("2 graphs written, 0 unchanged"),
        "{}",
        stderr(&o)
    );
    assert!(catalog(&st).iter().all(|r| r.contains(",sha256:")));
}

#[test]
fn the_protocol_s_dataset_parameters_choose_the_graphs() {
    let tmp = tempfile::tempdir().unwrap();
    let st = demo_store(tmp.path());
    let (d1, d2) = (D1, D2);
    let s = start_server(&st, &["--allow-update"], Some("secret-token-5"));
    let ask = |q: &str, params: &str| csv_answer_with(&s, q, params);
    let numbers = "SELECT ?n WHERE { ?d <http://schema.org/position> ?n ; \
                   <http://schema.org/mentions> ?e } GROUP BY ?n ORDER BY ?n";
    let graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g";
    // without parameters every graph is both the default graph and named
    assert_eq!(ask(numbers, ""), "n\r\n1\r\n2\r\n");
    assert!(ask(graphs, "").lines().count() > 3);
    // default-graph-uri alone: that graph, and no named graphs
    let only_d1 = format!("&default-graph-uri={}", enc(d1));
    assert_eq!(ask(numbers, &only_d1), "n\r\n1\r\n");
    assert_eq!(ask(graphs, &only_d1), "g\r\n");
    // named-graph-uri alone: those named graphs, and an empty default graph
    let named_d2 = format!("&named-graph-uri={}", enc(d2));
    assert_eq!(ask(graphs, &named_d2), format!("g\r\n{d2}\r\n"));
    assert_eq!(ask(numbers, &named_d2), "n\r\n");
    let r = http(
        &s,
        "GET",
        &format!(
            "/query?query={}&named-graph-uri=not%20an%20iri",
            enc(graphs)
        ),
        &[],
        b"",
    );
    assert_eq!(r.status, 400, "{}", r.body);
    // using-graph-uri: the WHERE of an update sees that graph only
    let auth = ("Authorization", "Bearer secret-token-5");
    let update = format!(
        "INSERT {{ GRAPH <{d1}> {{ <{d1}> <http://schema.org/name> ?n }} }} \
         WHERE {{ ?d <http://schema.org/position> ?n ; <http://schema.org/mentions> ?e }}"
    );
    let names = format!(
        "SELECT ?n WHERE {{ GRAPH <{d1}> {{ <{d1}> <http://schema.org/name> ?n }} }} ORDER BY ?n"
    );
    for (using, seen) in [(d2, "n\r\n2\r\n"), (d1, "n\r\n1\r\n2\r\n")] {
        let path = format!("/update?using-graph-uri={}", enc(using));
        let r = post_update(&s, &path, "secret-token-5", &update);
        assert_eq!(r.status, 204, "{}", r.body);
        assert_eq!(ask(&names, ""), seen);
    }
    // as a form parameter too; and refused beside the update's own USING
    let form = format!(
        "update={}&using-graph-uri={}",
        enc(&update.replace("?n }", "?n , \"form\" }")),
        enc(d2)
    );
    let r = http(
        &s,
        "POST",
        "/update",
        &[("Content-Type", "application/x-www-form-urlencoded"), auth],
        form.as_bytes(),
    );
    assert_eq!(r.status, 204, "{}", r.body);
    assert!(ask(&names, "").contains("form"));
    let with_using = update.replace(" WHERE", &format!(" USING <{d2}> WHERE"));
    let path = format!("/update?using-graph-uri={}", enc(d1));
    let r = post_update(&s, &path, "secret-token-5", &with_using);
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("not both"), "{}", r.body);
}
