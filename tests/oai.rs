//! The OAI-PMH data provider of `frus-ld serve`: every verb and error,
//! every response validated against the OAI-PMH and oai_dc schemas with
//! xmllint, and a real harvester (Python's sickle) over the whole store.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const OAI: &str = "http://www.openarchives.org/OAI/2.0/";

fn http(
    s: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, String) {
    let (status, hs, body) = http_request(s, method, path, headers, body);
    let ct = hs
        .into_iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v)
        .unwrap_or_default();
    (status, ct, body)
}

fn enc(s: &str) -> String {
    url_encode(s)
}

/// A response, parsed.
struct Response {
    text: String,
}

impl Response {
    fn doc(&self) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(&self.text).unwrap_or_else(|e| panic!("{e}: {}", self.text))
    }
    fn error(&self) -> Option<String> {
        let d = self.doc();
        let e = d
            .descendants()
            .find(|n| n.has_tag_name((OAI, "error")))?
            .attribute("code")?
            .to_string();
        Some(e)
    }
    fn all(&self, name: &str) -> Vec<String> {
        self.doc()
            .descendants()
            .filter(|n| n.has_tag_name((OAI, name)))
            .map(|n| n.text().unwrap_or("").to_string())
            .collect()
    }
    fn identifiers(&self) -> Vec<String> {
        self.all("identifier")
    }
    /// The resumption token's text, list size and cursor.
    fn token(&self) -> Option<(String, Option<u64>, Option<u64>)> {
        let d = self.doc();
        let t = d
            .descendants()
            .find(|n| n.has_tag_name((OAI, "resumptionToken")))?;
        let num = |a: &str| t.attribute(a).map(|v| v.parse().unwrap());
        Some((
            t.text().unwrap_or("").to_string(),
            num("completeListSize"),
            num("cursor"),
        ))
    }
    fn request_attributes(&self) -> usize {
        let d = self.doc();
        let r = d
            .descendants()
            .find(|n| n.has_tag_name((OAI, "request")))
            .unwrap();
        r.attributes().len()
    }
}

/// Asks the provider and keeps each answer for validation.
struct Client<'a> {
    server: &'a Server,
    dir: PathBuf,
    saved: Vec<(PathBuf, bool)>,
}

impl<'a> Client<'a> {
    fn new(server: &'a Server, dir: &Path) -> Self {
        std::fs::create_dir_all(dir).unwrap();
        Client {
            server,
            dir: dir.to_path_buf(),
            saved: Vec::new(),
        }
    }

    fn keep(&mut self, status: u16, content_type: &str, body: String, what: &str) -> Response {
        assert_eq!(status, 200, "{what}: {body}");
        assert!(
            content_type.starts_with("text/xml"),
            "{what}: {content_type}"
        );
        let tei = body.contains("<metadata>") && body.contains("<TEI ");
        let f = self
            .dir
            .join(format!("response-{:03}.xml", self.saved.len()));
        std::fs::write(&f, &body).unwrap();
        self.saved.push((f, tei));
        Response { text: body }
    }

    fn get(&mut self, query: &str) -> Response {
        let (status, ct, body) = http(self.server, "GET", &format!("/oai?{query}"), &[], b"");
        self.keep(status, &ct, body, query)
    }

    fn post(&mut self, form: &str) -> Response {
        let (status, ct, body) = http(
            self.server,
            "POST",
            "/oai",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            form.as_bytes(),
        );
        self.keep(status, &ct, body, form)
    }

    /// Follows the resumption tokens of a list; returns every page.
    fn pages(&mut self, first: &str, verb: &str) -> Vec<Response> {
        let mut pages = vec![self.get(first)];
        loop {
            let last = pages.last().unwrap();
            assert_eq!(last.error(), None, "{}", last.text);
            match last.token() {
                Some((t, _, _)) if !t.is_empty() => {
                    let q = format!("verb={verb}&resumptionToken={}", enc(&t));
                    pages.push(self.get(&q));
                }
                _ => return pages,
            }
        }
    }

    /// Every kept response validates: with the OAI-PMH and oai_dc schemas,
    /// and, for `tei` records, a declaration of the TEI root (the TEI inside
    /// is checked against tei_all separately).
    fn validate(&self) {
        let schemas = root().join("../shared/schemas/oai");
        let have_xmllint = Command::new("xmllint").arg("--version").output().is_ok();
        if !schemas.join("oai-pmh-with-dc.xsd").exists() || !have_xmllint {
            if std::env::var_os("CI").is_some() {
                panic!("CI needs xmllint and ../shared/schemas/oai to validate OAI-PMH");
            }
            eprintln!(
                "notice: xmllint or ../shared/schemas/oai missing; OAI-PMH responses not validated"
            );
            return;
        }
        let schemas = schemas.canonicalize().unwrap();
        let driver = self.dir.join("oai-pmh-with-dc-and-tei.xsd");
        std::fs::write(
            &driver,
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:frus-ld:test-driver\">\n  <xs:import namespace=\"http://www.openarchives.org/OAI/2.0/\" schemaLocation=\"{}\"/>\n  <xs:import namespace=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" schemaLocation=\"{}\"/>\n  <xs:import namespace=\"http://www.tei-c.org/ns/1.0\" schemaLocation=\"{}\"/>\n</xs:schema>\n",
                schemas.join("OAI-PMH.xsd").display(),
                schemas.join("oai_dc.xsd").display(),
                root().join("tests/oai/tei-any.xsd").display()
            ),
        )
        .unwrap();
        for (tei, schema) in [(false, schemas.join("oai-pmh-with-dc.xsd")), (true, driver)] {
            let files: Vec<&PathBuf> = self
                .saved
                .iter()
                .filter(|(_, t)| *t == tei)
                .map(|(f, _)| f)
                .collect();
            if files.is_empty() {
                continue;
            }
            let o = Command::new("xmllint")
                .arg("--noout")
                .arg("--schema")
                .arg(&schema)
                .args(&files)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(o.status.success(), "xmllint:\n{err}");
            let valid = err.lines().filter(|l| l.ends_with(" validates")).count();
            assert_eq!(valid, files.len(), "xmllint:\n{err}");
            eprintln!(
                "xmllint --schema {}: {} responses validate",
                schema.file_name().unwrap().to_string_lossy(),
                valid
            );
        }
    }
}

/// The documents in a store: graphs whose document is a message.
fn documents(store: &Path) -> Vec<String> {
    query(
        store,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a <http://schema.org/Message> } } ORDER BY ?g",
        "tsv",
    )
    .lines()
    .skip(1)
    .map(|l| {
        l.trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string()
    })
    .collect()
}

/// The corpus store when the shared corpus is there, else the demo store,
/// with the page size that makes either one page several times.
fn some_store(dir: &Path) -> (PathBuf, &'static str) {
    match shared_corpus() {
        Some(c) => (corpus_store(dir, &c), "3"),
        None => (demo_store(dir), "1"),
    }
}

#[test]
fn every_verb_answers_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let (store, page) = some_store(dir.path());
    let docs = documents(&store);
    assert!(docs.len() >= 2);
    let page: usize = page.parse().unwrap();
    let s = start_server(&store, &["--oai-page-size", &page.to_string()], None);
    let mut c = Client::new(&s, &dir.path().join("responses"));

    // Identify, by GET and by POST
    let id = c.get("verb=Identify");
    assert_eq!(id.error(), None, "{}", id.text);
    assert_eq!(
        id.all("baseURL"),
        vec![format!("http://127.0.0.1:{}/oai", s.port)]
    );
    assert_eq!(id.all("granularity"), vec!["YYYY-MM-DDThh:mm:ssZ"]);
    assert_eq!(id.all("protocolVersion"), vec!["2.0"]);
    let earliest = id.all("earliestDatestamp").remove(0);
    assert!(
        earliest.ends_with('Z') && earliest.len() == 20,
        "{earliest}"
    );
    let posted = c.post("verb=Identify");
    assert_eq!(posted.all("repositoryName"), id.all("repositoryName"));

    // ListMetadataFormats, ListSets
    let f = c.get("verb=ListMetadataFormats");
    assert_eq!(f.all("metadataPrefix"), vec!["oai_dc", "tei"]);
    let f = c.get(&format!(
        "verb=ListMetadataFormats&identifier={}",
        enc(&docs[0])
    ));
    assert_eq!(f.all("metadataPrefix"), vec!["oai_dc", "tei"]);
    let sets = c.get("verb=ListSets");
    let specs = sets.all("setSpec");
    assert_eq!(specs.len(), 1, "{}", sets.text);
    let volume = specs[0].clone();
    assert!(docs[0].contains(&format!("/{volume}/")));

    // ListIdentifiers and ListRecords, page by page
    for verb in ["ListIdentifiers", "ListRecords"] {
        for prefix in ["oai_dc", "tei"] {
            let pages = c.pages(&format!("verb={verb}&metadataPrefix={prefix}"), verb);
            assert_eq!(pages.len(), docs.len().div_ceil(page), "{verb} {prefix}");
            let mut got: Vec<String> = Vec::new();
            for (i, p) in pages.iter().enumerate() {
                let (_, size, cursor) = p.token().unwrap();
                assert_eq!(size, Some(docs.len() as u64));
                assert_eq!(cursor, Some((i * page) as u64));
                let headers = p.all("header").len();
                assert_eq!(headers, page.min(docs.len() - i * page));
                // in a record, the identifier is the header's; oai_dc repeats it as dc:identifier
                got.extend(p.identifiers());
            }
            assert!(pages.last().unwrap().token().unwrap().0.is_empty());
            got.sort();
            assert_eq!(got, docs, "{verb} {prefix}");
            if verb == "ListRecords" {
                let text: String = pages.iter().map(|p| p.text.as_str()).collect();
                match prefix {
                    "oai_dc" => {
                        assert_eq!(text.matches("<oai_dc:dc ").count(), docs.len());
                        assert!(text.contains("<dc:rights>Public domain"));
                    }
                    _ => {
                        assert_eq!(
                            text.matches("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"")
                                .count(),
                            docs.len()
                        );
                        assert!(
                            pages.iter().all(|p| p.text.matches("<?xml ").count() == 1),
                            "no XML declaration inside"
                        );
                    }
                }
            }
        }
    }
    // a set, and from/until around the earliest datestamp
    let in_set = c.pages(
        &format!("verb=ListIdentifiers&metadataPrefix=oai_dc&set={volume}"),
        "ListIdentifiers",
    );
    assert_eq!(
        in_set.iter().map(|p| p.all("header").len()).sum::<usize>(),
        docs.len()
    );
    let from = c.pages(
        &format!(
            "verb=ListIdentifiers&metadataPrefix=oai_dc&from={}",
            &earliest[..10]
        ),
        "ListIdentifiers",
    );
    assert_eq!(
        from.iter().map(|p| p.all("header").len()).sum::<usize>(),
        docs.len()
    );
    let until = c.pages(
        &format!(
            "verb=ListIdentifiers&metadataPrefix=oai_dc&from={earliest}&until=2999-12-31T23:59:59Z"
        ),
        "ListIdentifiers",
    );
    assert_eq!(
        until.iter().map(|p| p.all("header").len()).sum::<usize>(),
        docs.len()
    );

    // GetRecord in both formats
    let last = docs.last().unwrap();
    let r = c.get(&format!(
        "verb=GetRecord&identifier={}&metadataPrefix=oai_dc",
        enc(last)
    ));
    assert_eq!(r.error(), None, "{}", r.text);
    assert_eq!(r.identifiers()[0], *last);
    for el in [
        "dc:title",
        "dc:creator",
        "dc:contributor",
        "dc:date",
        "dc:type",
        "dc:identifier",
        "dc:rights",
        "dc:language",
        "dc:subject",
    ] {
        assert!(r.text.contains(&format!("<{el}>")), "{el}: {}", r.text);
    }
    // the documents a record cites are among its relations
    let d11 = docs.iter().find(|d| d.ends_with("/d11")).expect("d11");
    let r = c.get(&format!(
        "verb=GetRecord&identifier={}&metadataPrefix=oai_dc",
        enc(d11)
    ));
    let d5 = d11.replace("/d11", "/d5");
    assert!(
        r.text.contains(&format!("<dc:relation>{d5}</dc:relation>")),
        "{}",
        r.text
    );
    let r = c.post(&format!(
        "verb=GetRecord&identifier={}&metadataPrefix=tei",
        enc(last)
    ));
    assert_eq!(r.error(), None, "{}", r.text);
    {
        // the TEI inside is TEI: valid against tei_all
        let d = r.doc();
        let tei = d
            .descendants()
            .find(|n| n.has_tag_name(("http://www.tei-c.org/ns/1.0", "TEI")))
            .unwrap();
        let xml = &r.text[tei.range()];
        validate_tei(xml).unwrap_or_else(|e| panic!("TEI of {last} in GetRecord: {e}"));
    }

    // errors: each answered as the protocol says
    let token = c
        .get("verb=ListIdentifiers&metadataPrefix=oai_dc")
        .token()
        .unwrap()
        .0;
    let mut tampered = token.clone().into_bytes();
    tampered[0] = if tampered[0] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    for (query, code, attributes) in [
        ("", "badVerb", 0),
        ("verb=Frobnicate", "badVerb", 0),
        ("verb=Identify&verb=Identify", "badVerb", 0),
        ("verb=Identify&metadataPrefix=oai_dc", "badArgument", 0),
        ("verb=ListRecords", "badArgument", 0),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=tei",
            "badArgument",
            0,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-01",
            "badArgument",
            0,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=yesterday",
            "badArgument",
            0,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2030-01-01T00:00:00Z",
            "badArgument",
            0,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01&until=2020-01-01",
            "badArgument",
            0,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00",
            "badArgument",
            0,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=no%20such%20set",
            "badArgument",
            0,
        ),
        ("verb=GetRecord&metadataPrefix=oai_dc", "badArgument", 0),
        (
            "verb=ListRecords&resumptionToken=abc",
            "badResumptionToken",
            2,
        ),
        (
            "verb=ListRecords&resumptionToken=bm90IGEgdG9rZW4.0000000000000000",
            "badResumptionToken",
            2,
        ),
        ("verb=ListSets&resumptionToken=abc", "badResumptionToken", 2),
        (
            "verb=ListRecords&metadataPrefix=marc21",
            "cannotDisseminateFormat",
            2,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01",
            "noRecordsMatch",
            3,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&until=1900-01-01T00:00:00Z",
            "noRecordsMatch",
            3,
        ),
        (
            "verb=ListIdentifiers&metadataPrefix=oai_dc&set=frus1900v01",
            "noRecordsMatch",
            3,
        ),
        (
            "verb=GetRecord&identifier=https%3A%2F%2Fexample.org%2Fnone&metadataPrefix=oai_dc",
            "idDoesNotExist",
            3,
        ),
        (
            "verb=GetRecord&identifier=not%20an%20iri&metadataPrefix=oai_dc",
            "idDoesNotExist",
            2,
        ),
        (
            "verb=ListMetadataFormats&identifier=https%3A%2F%2Fexample.org%2Fnone",
            "idDoesNotExist",
            2,
        ),
    ] {
        let r = c.get(query);
        assert_eq!(r.error().as_deref(), Some(code), "{query}: {}", r.text);
        assert_eq!(r.request_attributes(), attributes, "{query}: {}", r.text);
    }
    let id = enc(&docs[0]);
    let r = c.get(&format!(
        "verb=GetRecord&identifier={id}&metadataPrefix=marc21"
    ));
    assert_eq!(r.error().as_deref(), Some("cannotDisseminateFormat"));
    let r = c.get(&format!(
        "verb=ListRecords&resumptionToken={}&metadataPrefix=oai_dc",
        enc(&token)
    ));
    assert_eq!(
        r.error().as_deref(),
        Some("badArgument"),
        "the token is exclusive"
    );
    let r = c.get(&format!("verb=ListRecords&resumptionToken={}", enc(&token)));
    assert_eq!(
        r.error().as_deref(),
        Some("badResumptionToken"),
        "a ListIdentifiers token"
    );
    let r = c.get(&format!(
        "verb=ListIdentifiers&resumptionToken={}",
        enc(&tampered)
    ));
    assert_eq!(
        r.error().as_deref(),
        Some("badResumptionToken"),
        "a tampered token"
    );
    let r = c.post("verb=ListIdentifiers&metadataPrefix=oai_dc&set=frus1900v01");
    assert_eq!(r.error().as_deref(), Some("noRecordsMatch"));
    // and the server goes on serving
    assert_eq!(c.get("verb=Identify").error(), None);
    let (status, _, _) = http(&s, "DELETE", "/oai", &[], b"");
    assert_eq!(status, 405);
    c.validate();
}

/// Loads the documents in two steps a second apart, so that their
/// datestamps differ.
#[test]
fn from_and_until_select_by_datestamp() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    let load = |files: &[PathBuf], extra: &[String]| {
        let o = run(bin()
            .arg("load")
            .args(files)
            .arg("--store")
            .arg(&st)
            .args(extra));
        assert!(o.status.success(), "{}", stderr(&o));
    };
    let (first, second, extra): (Vec<PathBuf>, Vec<PathBuf>, Vec<String>) = match shared_corpus() {
        Some(c) => (
            (1..=5).map(|i| c.join(format!("d{i}.alt.txt"))).collect(),
            (6..=11).map(|i| c.join(format!("d{i}.alt.txt"))).collect(),
            list_args(&c),
        ),
        None => (
            vec![demo("d1.alt.txt")],
            vec![demo("d2.alt.txt")],
            vec!["--volume".into(), "frus1959v99".into()],
        ),
    };
    load(&first, &extra);
    std::thread::sleep(Duration::from_millis(1100));
    load(&second, &extra);
    let s = start_server(&st, &["--oai-page-size", "2"], None);
    let mut c = Client::new(&s, &dir.path().join("responses"));
    let all = c.pages(
        "verb=ListIdentifiers&metadataPrefix=oai_dc",
        "ListIdentifiers",
    );
    let stamps: Vec<String> = all.iter().flat_map(|p| p.all("datestamp")).collect();
    let ids: Vec<String> = all.iter().flat_map(|p| p.identifiers()).collect();
    assert_eq!(ids.len(), first.len() + second.len());
    // in datestamp order: the first load's, then the second's
    let (a, b) = (stamps[0].clone(), stamps.last().unwrap().clone());
    assert!(a < b, "{a} {b}");
    assert!(stamps.windows(2).all(|w| w[0] <= w[1]), "{stamps:?}");
    let count = |c: &mut Client, q: &str| -> usize {
        let pages = c.pages(
            &format!("verb=ListIdentifiers&metadataPrefix=oai_dc{q}"),
            "ListIdentifiers",
        );
        pages.iter().map(|p| p.all("header").len()).sum()
    };
    let n_a = stamps.iter().filter(|s| **s == a).count();
    assert_eq!(count(&mut c, &format!("&until={a}")), n_a);
    assert_eq!(
        count(&mut c, &format!("&from={b}")),
        stamps.iter().filter(|s| **s >= b).count()
    );
    assert_eq!(count(&mut c, &format!("&from={a}&until={b}")), ids.len());
    assert_eq!(count(&mut c, &format!("&from={a}&until={a}")), n_a);
    // day granularity takes whole days, both ends included
    assert_eq!(
        count(&mut c, &format!("&from={}&until={}", &a[..10], &b[..10])),
        ids.len()
    );
    let records = c.pages(
        &format!("verb=ListRecords&metadataPrefix=oai_dc&from={b}"),
        "ListRecords",
    );
    assert!(records
        .iter()
        .all(|p| p.all("datestamp").iter().all(|d| *d >= b)));
    c.validate();
    let n_b = stamps.iter().filter(|s| **s >= b).count();
    harvest(&s, &ids, Some((&a, &b, n_a, n_b)));
}

/// Harvests the whole store with sickle (following resumption tokens) and
/// checks that every record came, once; with datestamps, also by from/until.
fn harvest(s: &Server, expected: &[String], stamps: Option<(&str, &str, usize, usize)>) {
    let python = Command::new("python3")
        .args(["-c", "import sickle"])
        .output();
    if !python.is_ok_and(|o| o.status.success()) {
        if std::env::var_os("CI").is_some() {
            panic!("CI needs python3 with sickle for the harvester test");
        }
        eprintln!("notice: python3 with sickle missing; the harvester test is skipped");
        return;
    }
    let script = r#"
import sys
from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch
endpoint = sys.argv[1]
harvester = Sickle(endpoint, max_retries=1)
ids = [h.identifier for h in harvester.ListIdentifiers(metadataPrefix='oai_dc')]
records = list(harvester.ListRecords(metadataPrefix='oai_dc'))
titles = [r.metadata.get('title', [''])[0] for r in records]
tei = list(harvester.ListRecords(metadataPrefix='tei'))
print('identifiers', len(ids), len(set(ids)))
print('records', len(records), len(set(r.header.identifier for r in records)))
print('titled', sum(1 for t in titles if t))
print('tei', len(tei))
for i in sorted(ids):
    print('id', i)
if len(sys.argv) > 2:
    a, b = sys.argv[2], sys.argv[3]
    def count(**kw):
        try:
            return len(list(harvester.ListIdentifiers(metadataPrefix='oai_dc', **kw)))
        except NoRecordsMatch:
            return 0
    print('until-a', count(until=a))
    print('from-b', count(**{'from': b}))
    print('from-future', count(**{'from': '2999-01-01'}))
"#;
    let mut cmd = Command::new("python3");
    cmd.args(["-c", script, &format!("http://127.0.0.1:{}/oai", s.port)]);
    if let Some((a, b, _, _)) = stamps {
        cmd.args([a, b]);
    }
    let o = cmd.output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        o.status.success(),
        "sickle: {out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    eprintln!(
        "sickle:\n{}",
        out.lines()
            .filter(|l| !l.starts_with("id "))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let n = expected.len();
    assert!(out.contains(&format!("identifiers {n} {n}\n")), "{out}");
    assert!(out.contains(&format!("records {n} {n}\n")), "{out}");
    assert!(out.contains(&format!("titled {n}\n")), "{out}");
    assert!(out.contains(&format!("tei {n}\n")), "{out}");
    let mut want: Vec<String> = expected.to_vec();
    want.sort();
    let got: Vec<String> = out
        .lines()
        .filter_map(|l| l.strip_prefix("id "))
        .map(str::to_string)
        .collect();
    assert_eq!(got, want);
    if let Some((_, _, n_a, n_b)) = stamps {
        assert!(out.contains(&format!("until-a {n_a}\n")), "{out}");
        assert!(out.contains(&format!("from-b {n_b}\n")), "{out}");
        assert!(out.contains("from-future 0\n"), "{out}");
    }
}

#[test]
fn a_harvester_gets_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let (store, page) = some_store(dir.path());
    let docs = documents(&store);
    let s = start_server(&store, &["--oai-page-size", page], None);
    harvest(&s, &docs, None);
}
