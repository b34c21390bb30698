//! Loading into the Oxigraph store and querying it.

mod common;
use common::*;

const WHO: &str = "PREFIX schema: <http://schema.org/>
SELECT ?doc ?sender ?recipient ?date WHERE {
  ?d schema:position ?doc ; schema:sender/schema:name ?sender ; schema:recipient/schema:name ?recipient .
  OPTIONAL { ?d schema:dateSent ?date }
} ORDER BY ?doc";

fn load(store: &std::path::Path, inputs: &[std::path::PathBuf]) {
    load_with(store, inputs, &[]);
}

/// A load that must succeed; what it printed.
fn load_with(
    store: &std::path::Path,
    inputs: &[std::path::PathBuf],
    extra: &[&str],
) -> std::process::Output {
    let o = run(bin()
        .arg("load")
        .args(inputs)
        .arg("--store")
        .arg(store)
        .args(["--volume", "frus1959v99"])
        .args(extra));
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

#[test]
fn who_wrote_to_whom_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    load(&st, &[demo("d1.alt.txt"), demo("d2.alt.txt")]);
    let csv = query(&st, WHO, "csv");
    assert_eq!(
        csv.replace("\r\n", "\n"),
        "doc,sender,recipient,date\n1,Department of State,Embassy in Korea,1959-03-14\n2,Walter C. Dowling,Christian A. Herter,1959-05-12\n"
    );
    let table = query(&st, WHO, "table");
    assert!(table.contains("| 2   | Walter C. Dowling"), "{table}");
    assert!(table.ends_with("2 rows\n"));
    let json: serde_json::Value = serde_json::from_str(&query(&st, WHO, "json")).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 2);
    assert!(query(&st, "ASK { ?d a <http://schema.org/Message> }", "table").starts_with("yes"));
    let xml = query(&st, "ASK { ?d a <http://schema.org/Message> }", "xml");
    assert!(xml.contains("<boolean>true</boolean>"));
    let ttl = query(
        &st,
        "CONSTRUCT { ?d <http://schema.org/sender> ?s } WHERE { ?d <http://schema.org/sender> ?s }",
        "table",
    );
    assert!(ttl.contains("schema:sender"), "{ttl}");
}

#[test]
fn loading_again_replaces_a_document_graph() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    load(&st, &[demo("d2.txt")]);
    let once = query(&st, count, "csv");
    load(&st, &[demo("d2.txt")]);
    assert_eq!(query(&st, count, "csv"), once);
    // the alt form of the same document replaces it too (same IRI)
    load(&st, &[demo("d2.alt.txt")]);
    let graphs = query(
        &st,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        "csv",
    );
    // the document's graph, the graph of shared descriptions, the catalog,
    // the statistics
    assert_eq!(graphs.lines().count(), 5, "{graphs}");
    assert!(graphs.contains("/graph/statistics"), "{graphs}");
}

/// The statistics graph's counts of documents, and the same counted from
/// the mentions.
const STORED_COUNTS: &str =
    "SELECT ?e ?n WHERE { GRAPH <https://w3id.org/frus-ld/id/graph/statistics> \
    { ?e <https://w3id.org/frus-ld/vocab#documentCount> ?n } } ORDER BY ?e";
const COUNTED: &str = "SELECT ?e (COUNT(DISTINCT ?d) AS ?n) \
    WHERE { ?d <http://schema.org/mentions> ?e } GROUP BY ?e ORDER BY ?e";
/// Whether the statistics graph says its counts are current.
const CURRENT: &str = "SELECT ?current WHERE { GRAPH <https://w3id.org/frus-ld/id/graph/statistics> \
    { <https://w3id.org/frus-ld/id/graph/statistics> <https://w3id.org/frus-ld/vocab#countsCurrent> ?current } }";

#[test]
fn a_load_that_writes_nothing_keeps_the_counts_and_one_cut_off_is_recounted() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    let docs = [demo("d1.alt.txt"), demo("d2.alt.txt")];
    let first = stderr(&load_with(&st, &docs, &["--quiet"]));
    assert!(first.contains("entities counted"), "{first}");
    assert_eq!(query(&st, CURRENT, "csv"), "current\r\ntrue\r\n");
    let counts = query(&st, STORED_COUNTS, "csv");
    assert!(counts.lines().count() > 5, "{counts}");
    assert_eq!(counts, query(&st, COUNTED, "csv"));
    // the same documents again: nothing written, nothing recounted
    let again = stderr(&load_with(&st, &docs, &["--quiet"]));
    assert!(
        again.contains("0 graphs written, 2 unchanged") && again.contains("counts unchanged"),
        "{again}"
    );
    assert_eq!(query(&st, STORED_COUNTS, "csv"), counts);
    assert_eq!(query(&st, CURRENT, "csv"), "current\r\ntrue\r\n");
    // a change cut off before its recount: begun as every load and every
    // change through the server begins, a mention written, no recount
    {
        let store = oxigraph::store::Store::open(&st).unwrap();
        let graph = frus_ld::statistics::statistics_graph("https://w3id.org/frus-ld/id/");
        assert_eq!(frus_ld::statistics::begin_change(&store).unwrap(), [graph]);
        assert!(frus_ld::statistics::begin_change(&store)
            .unwrap()
            .is_empty());
        let doc = oxigraph::model::NamedNode::new(
            "https://history.state.gov/historicaldocuments/frus1959v99/d1",
        )
        .unwrap();
        store
            .insert(&oxigraph::model::Quad::new(
                doc.clone(),
                oxigraph::model::NamedNode::new("http://schema.org/mentions").unwrap(),
                oxigraph::model::NamedNode::new("http://example.org/entity/new").unwrap(),
                doc,
            ))
            .unwrap();
    }
    assert_eq!(query(&st, CURRENT, "csv"), "current\r\n");
    // the next load writes nothing, but the counts are made again
    let after = stderr(&load_with(&st, &docs, &["--quiet"]));
    assert!(
        after.contains("0 graphs written") && after.contains("entities counted"),
        "{after}"
    );
    let recounted = query(&st, STORED_COUNTS, "csv");
    assert!(
        recounted.contains("http://example.org/entity/new,1"),
        "{recounted}"
    );
    assert_eq!(recounted, query(&st, COUNTED, "csv"));
    assert_eq!(query(&st, CURRENT, "csv"), "current\r\ntrue\r\n");
    // a load under another base recounts its own statistics graph, and
    // the counts of this one are no longer said to be current
    let other = stderr(&load_with(
        &st,
        &docs[..1],
        &["--quiet", "--base-iri", "https://example.org/id/"],
    ));
    assert!(
        other.contains("1 graphs written") && other.contains("entities counted"),
        "{other}"
    );
    assert_eq!(query(&st, CURRENT, "csv"), "current\r\n");
    let other_current = CURRENT.replace(
        "https://w3id.org/frus-ld/id/graph/",
        "https://example.org/id/graph/",
    );
    assert_eq!(query(&st, &other_current, "csv"), "current\r\ntrue\r\n");
}

#[test]
fn rdf_files_load_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    let nq = dir.path().join("d1.nq");
    let o = run(bin()
        .arg("convert")
        .arg(demo("d1.txt"))
        .args(["--to", "nquads", "--volume", "frus1959v99", "-o"])
        .arg(&nq));
    assert!(o.status.success(), "{}", stderr(&o));
    let ttl = dir.path().join("extra.ttl");
    std::fs::write(
        &ttl,
        "<http://example.org/a> <http://schema.org/name> \"A\" .\n",
    )
    .unwrap();
    load(&st, &[nq.clone(), ttl.clone()]);
    load(&st, &[nq, ttl]);
    let n = query(
        &st,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <http://example.org/a> ?p ?o } }",
        "csv",
    );
    assert!(n.contains("\n1"), "{n}");
    let d = query(
        &st,
        "SELECT ?g WHERE { GRAPH ?g { ?d <http://schema.org/position> 1 } }",
        "csv",
    );
    assert!(
        d.contains("https://history.state.gov/historicaldocuments/frus1959v99/d1"),
        "{d}"
    );
}

#[test]
fn a_broken_rdf_file_leaves_nothing_of_itself_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    // more quads than the bulk loader holds in one batch (on any number of
    // cores), so that some are already written to files for the store
    // when the parser meets the error
    let bad = dir.path().join("big.nq");
    let mut text = String::new();
    for i in 0..1_200_000 {
        text.push_str(&format!(
            "<http://example.org/x{i}> <http://schema.org/name> \"X\" <http://example.org/big> .\n"
        ));
    }
    text.push_str("this is not RDF\n");
    std::fs::write(&bad, text).unwrap();
    let good = dir.path().join("good.ttl");
    std::fs::write(
        &good,
        "<http://example.org/c> <http://schema.org/name> \"C\" .\n",
    )
    .unwrap();
    let o = run(bin()
        .arg("load")
        .args([&bad, &good])
        .arg("--store")
        .arg(&st)
        .arg("--quiet"));
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("big.nq") && err.contains("line 1200001"),
        "{err}"
    );
    assert!(err.contains("1 of 2 files failed"), "{err}");
    let big = query(
        &st,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/big> { ?s ?p ?o } }",
        "csv",
    );
    assert_eq!(big.lines().nth(1), Some("0"), "{big}");
    let c = query(
        &st,
        "SELECT ?s WHERE { GRAPH ?g { ?s <http://schema.org/name> \"C\" } }",
        "csv",
    );
    assert!(c.contains("http://example.org/c"), "{c}");
    // and the loader's files of the broken one are gone
    let left: Vec<String> = std::fs::read_dir(&st)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("bulk-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn authority_data_joins_documents_and_facts_are_seen_once() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    load(&st, &[demo("d2.alt.txt")]);
    load(&st, &[demo("d2.alt.txt")]);
    // the treaty the letter mentions, with its date of signature from the authority data
    let q = "PREFIX schema: <http://schema.org/>
        SELECT ?name ?signed WHERE {
          ?d schema:position 2 ; schema:mentions ?t .
          ?t a schema:Legislation ; schema:name ?name ; schema:legislationDate ?signed .
        }";
    let csv = query(&st, q, "csv");
    assert!(
        csv.contains(
            "Mutual Defense Treaty Between the United States and the Republic of Korea,1953-10-01"
        ),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 2, "one row, not one per graph:\n{csv}");
    // Seoul, from the dateline, has coordinates in the authority data
    let q = "PREFIX schema: <http://schema.org/>
        SELECT ?lat WHERE { ?d schema:locationCreated ?p . ?p schema:latitude ?lat }";
    assert_eq!(query(&st, q, "csv").lines().count(), 2);
    // the places the letter mentions are its schema:contentLocation, and
    // nothing else is
    let places = |q: &str| -> Vec<String> {
        let mut rows: Vec<String> = query(&st, q, "csv")
            .lines()
            .skip(1)
            .map(String::from)
            .collect();
        rows.sort();
        rows
    };
    let mentioned = places(
        "PREFIX schema: <http://schema.org/>
        SELECT DISTINCT ?p WHERE { ?d schema:position 2 ; schema:mentions ?p . ?p a schema:Place }",
    );
    let located = places(
        "PREFIX schema: <http://schema.org/>
        SELECT DISTINCT ?p WHERE { ?d schema:position 2 ; schema:contentLocation ?p }",
    );
    assert!(
        mentioned.iter().any(|p| p.ends_with("/place/korea")),
        "{mentioned:?}"
    );
    assert_eq!(located, mentioned);
}

#[test]
fn a_load_without_annotations_replaces_the_annotated_graph_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    let d2 = [demo("d2.txt")];
    let counts =
        "SELECT (COUNT(DISTINCT ?a) AS ?annotations) (COUNT(DISTINCT ?e) AS ?entities) WHERE {
      { ?a a <http://www.w3.org/ns/oa#Annotation> } UNION { ?d <http://schema.org/mentions> ?e } }";
    let read = |st: &std::path::Path| -> (u64, u64) {
        let csv = query(st, counts, "csv");
        let row = csv.lines().nth(1).unwrap().trim().to_string();
        let (a, e) = row.split_once(',').unwrap();
        (a.parse().unwrap(), e.parse().unwrap())
    };
    load(&st, &d2);
    let (annotations, entities) = read(&st);
    assert!(annotations > 5 && entities > 3, "{annotations} {entities}");
    load_with(&st, &d2, &["--no-annotations"]);
    assert_eq!(read(&st), (0, entities));
    load(&st, &d2);
    assert_eq!(read(&st), (annotations, entities));
}

#[test]
fn a_compacted_store_keeps_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, optimized) = (dir.path().join("plain"), dir.path().join("optimized"));
    let docs = [demo("d1.alt.txt"), demo("d2.alt.txt")];
    load(&plain, &docs);
    let o = load_with(&optimized, &docs, &["--optimize"]);
    assert!(stderr(&o).contains("compacted the store"), "{}", stderr(&o));
    // all but the times of loading, which the catalog keeps
    let everything = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } \
        FILTER(?p != <http://purl.org/dc/terms/modified>) } ORDER BY ?g ?s ?p ?o";
    let before = query(&plain, everything, "csv");
    assert!(before.lines().count() > 500, "{before}");
    assert_eq!(query(&optimized, everything, "csv"), before);
    let o = run(bin().arg("optimize").arg("--store").arg(&plain));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("compacted the store"), "{}", stderr(&o));
    assert_eq!(query(&plain, everything, "csv"), before);
    // no store: an error that says so, and nothing made
    let missing = dir.path().join("missing");
    let o = run(bin().arg("optimize").arg("--store").arg(&missing));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no store here"), "{}", stderr(&o));
    assert!(!missing.exists());
}
