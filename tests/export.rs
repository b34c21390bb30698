//! `frus-ld export`: BagIt packages checked by the Library of Congress's
//! `bagit.py`, CMIF checked by jing and the rules of correspSearch's
//! Schematron, EAD3 checked by jing, EAC-CPF records checked for the
//! structure of EAC-CPF 2010; bad input refused with nothing half-written.
//! Over the example documents, and over the shared corpus when it is there.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";
const EAD_NS: &str = "http://ead3.archivists.org/schema/";
const EAC_NS: &str = "urn:isbn:1-931666-33-4";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
/// A fixed export date, so that two exports can be compared byte for byte.
const EPOCH: &str = "1700000000"; // 2023-11-14

// ---------------------------------------------------------------- stores

/// A store of the two example documents, in a directory of its own.
fn demo() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let st = demo_store(d.path());
    (d, st)
}

/// A store of the shared corpus (the dateline form), when it is there.
fn corpus(dir: &Path) -> Option<PathBuf> {
    let c = shared_corpus()?;
    Some(corpus_store(dir, &c))
}

/// The corpus in its other web form: no datelines, so that dates are
/// inferred, some only between two days.
fn corpus_web_form(dir: &Path) -> Option<PathBuf> {
    let c = shared_corpus()?;
    let st = dir.join("web-store");
    let files: Vec<PathBuf> = (1..=11).map(|i| c.join(format!("d{i}.txt"))).collect();
    let o = run(bin()
        .arg("load")
        .args(&files)
        .arg("--store")
        .arg(&st)
        .args(list_args(&c)));
    assert!(o.status.success(), "{}", stderr(&o));
    Some(st)
}

fn export(store: &Path, args: &[&str]) -> std::process::Output {
    run(bin()
        .arg("export")
        .arg("--store")
        .arg(store)
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH))
}

fn export_ok(store: &Path, args: &[&str]) {
    let o = export(store, args);
    assert!(o.status.success(), "export {args:?}: {}", stderr(&o));
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---------------------------------------------------------------- tools

/// `bagit.py --validate DIR` (run as `python3 -m bagit`, which needs no
/// script on the PATH): Ok with its message, or Err with it.
fn bagit_validate(dir: &Path) -> Option<Result<String, String>> {
    let installed = Command::new("python3")
        .args(["-c", "import bagit"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        if std::env::var_os("CI").is_some() {
            panic!("CI needs the bagit package of Python");
        }
        eprintln!("notice: Python's bagit missing; bags not validated");
        return None;
    }
    let o = Command::new("python3")
        .args(["-m", "bagit", "--validate"])
        .arg(dir)
        .output()
        .unwrap();
    let msg = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    Some(if o.status.success() {
        Ok(msg)
    } else {
        Err(msg)
    })
}

/// No temporary directory of an export is left beside its target.
fn no_leftovers(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".frus-ld-"))
        .map(|e| e.path())
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, d: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

// ---------------------------------------------------------------- BagIt

/// The bag of a store that `load` filled from `originals/dN.alt.txt`.
fn check_bag(bag: &Path, volume: &str, docs: &[&str], originals: &Path) {
    let files = tree(bag);
    for d in docs {
        // the text the document was read from, as it was
        let src = format!("data/source/{volume}/{d}.alt.txt");
        assert!(
            files.contains_key(&src),
            "{src} in the bag: {:?}",
            files.keys()
        );
        assert!(
            files[&src] == std::fs::read(originals.join(format!("{d}.alt.txt"))).unwrap(),
            "{src} is the original"
        );
        for f in [
            format!("data/tei/{volume}/{d}.xml"),
            format!("data/rdf/{volume}/{d}.nq"),
        ] {
            assert!(files.contains_key(&f), "{f} in the bag: {:?}", files.keys());
        }
        // the TEI is the document's, well-formed
        let tei = String::from_utf8(files[&format!("data/tei/{volume}/{d}.xml")].clone()).unwrap();
        roxmltree::Document::parse(&tei).unwrap();
        // the RDF is the document's graph
        let nq = String::from_utf8(files[&format!("data/rdf/{volume}/{d}.nq")].clone()).unwrap();
        let graph = format!("<https://history.state.gov/historicaldocuments/{volume}/{d}> .");
        assert!(nq.lines().all(|l| l.ends_with(&graph)), "{d}.nq: one graph");
        let mut sorted: Vec<&str> = nq.lines().collect();
        sorted.sort_unstable();
        assert_eq!(sorted, nq.lines().collect::<Vec<_>>(), "{d}.nq sorted");
    }
    assert!(files.contains_key("data/rdf/shared.nq"));
    // the catalog entry of each document
    let catalog = String::from_utf8(files["data/rdf/catalog.nq"].clone()).unwrap();
    for d in docs {
        let entry_for = format!(
            "<https://w3id.org/frus-ld/vocab#entryFor> <https://history.state.gov/historicaldocuments/{volume}/{d}>"
        );
        assert!(
            catalog.contains(&entry_for),
            "{d} in the catalog: {catalog}"
        );
    }
    assert_eq!(
        String::from_utf8_lossy(&files["bagit.txt"]),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    );
    let info = String::from_utf8(files["bag-info.txt"].clone()).unwrap();
    let payload: Vec<(&String, &Vec<u8>)> = files
        .iter()
        .filter(|(k, _)| k.starts_with("data/"))
        .collect();
    let octets: usize = payload.iter().map(|(_, v)| v.len()).sum();
    for want in [
        format!("Payload-Oxum: {octets}.{}\n", payload.len()),
        "Bagging-Date: 2023-11-14\n".to_string(),
        format!(
            "Bag-Software-Agent: frus-ld {}\n",
            env!("CARGO_PKG_VERSION")
        ),
        "Source-Organization: ".to_string(),
        "External-Description: ".to_string(),
    ] {
        assert!(info.contains(&want), "bag-info.txt has {want:?}:\n{info}");
    }
    // the manifest lists every payload file once, sorted
    let manifest = String::from_utf8(files["manifest-sha256.txt"].clone()).unwrap();
    let listed: Vec<&str> = manifest
        .lines()
        .map(|l| l.split_once("  ").unwrap().1)
        .collect();
    let want: Vec<&str> = payload.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(listed, want);
    let tags = String::from_utf8(files["tagmanifest-sha256.txt"].clone()).unwrap();
    let tag_names: Vec<&str> = tags
        .lines()
        .map(|l| l.split_once("  ").unwrap().1)
        .collect();
    assert_eq!(
        tag_names,
        ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"]
    );
}

/// Changes one byte of a file, keeping its size, so that only its checksum
/// can tell.
fn tamper(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    let i = bytes.iter().position(|b| b.is_ascii_lowercase()).unwrap();
    bytes[i] = bytes[i].to_ascii_uppercase();
    std::fs::write(file, bytes).unwrap();
}

#[test]
fn bag_of_the_examples_is_valid_and_tampering_is_caught() {
    let (_demo, demo_st) = demo();
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("bag");
    export_ok(&demo_st, &["--bag", s(&bag)]);
    check_bag(
        &bag,
        "frus1959v99",
        &["d1", "d2"],
        &root().join("examples/frus-demo"),
    );
    no_leftovers(dir.path());
    if let Some(r) = bagit_validate(&bag) {
        let msg = r.unwrap_or_else(|e| panic!("bagit.py rejects the bag: {e}"));
        assert!(msg.contains("is valid"), "{msg}");
        tamper(&bag.join("data/tei/frus1959v99/d2.xml"));
        let e = bagit_validate(&bag)
            .unwrap()
            .expect_err("a tampered bag is invalid");
        assert!(e.contains("d2.xml"), "names the tampered file: {e}");
    }
}

#[test]
fn the_same_store_gives_the_same_bag() {
    let (_demo, demo_st) = demo();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    export_ok(&demo_st, &["--bag", s(&a)]);
    // an existing empty directory is taken
    std::fs::create_dir(&b).unwrap();
    export_ok(&demo_st, &["--bag", s(&b), "--volume", "frus1959v99"]);
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        if k == "bag-info.txt" || k == "tagmanifest-sha256.txt" {
            continue; // a volume's bag names the volume
        }
        assert!(v == &tb[k], "{k} differs");
    }
    let c = dir.path().join("c");
    export_ok(&demo_st, &["--bag", s(&c)]);
    assert!(
        ta == tree(&c),
        "two exports of the same store are the same bag"
    );
}

/// A store of the example documents in two volumes: d1 and d2 (dateline
/// form) in frus1959v99, d2 (footnote-list form) in frus1960v01.
fn two_volumes(dir: &Path) -> PathBuf {
    let st = dir.join("store");
    for (files, v) in [
        (&["d1.alt.txt", "d2.alt.txt"][..], "frus1959v99"),
        (&["d2.txt"][..], "frus1960v01"),
    ] {
        let o = run(bin()
            .arg("load")
            .args(files.iter().map(|f| common::demo(f)))
            .arg("--store")
            .arg(&st)
            .args(["--volume", v]));
        assert!(o.status.success(), "{}", stderr(&o));
    }
    st
}

#[test]
fn a_volume_bag_holds_its_own_documents_and_catalog_entries() {
    let dir = tempfile::tempdir().unwrap();
    let st = two_volumes(dir.path());
    let bag = dir.path().join("bag");
    export_ok(&st, &["--bag", s(&bag), "--volume", "frus1959v99"]);
    check_bag(
        &bag,
        "frus1959v99",
        &["d1", "d2"],
        &root().join("examples/frus-demo"),
    );
    let files = tree(&bag);
    assert!(
        !files.keys().any(|k| k.contains("frus1960v01")),
        "{:?}",
        files.keys()
    );
    let catalog = String::from_utf8(files["data/rdf/catalog.nq"].clone()).unwrap();
    assert!(
        !catalog.contains("frus1960v01"),
        "only the volume's entries: {catalog}"
    );
    let info = String::from_utf8(files["bag-info.txt"].clone()).unwrap();
    assert!(
        info.contains(", 2 as the source text they were read from"),
        "{info}"
    );
    if let Some(r) = bagit_validate(&bag) {
        r.unwrap_or_else(|e| panic!("bagit.py rejects the bag: {e}"));
    }
    // the whole store: both volumes, the whole catalog
    let all = dir.path().join("all");
    export_ok(&st, &["--bag", s(&all)]);
    let files = tree(&all);
    assert_eq!(
        files["data/source/frus1960v01/d2.txt"],
        std::fs::read(common::demo("d2.txt")).unwrap()
    );
    assert!(files.contains_key("data/rdf/frus1960v01/d2.nq"));
    assert!(files.contains_key("data/tei/frus1960v01/d2.xml"));
    let catalog = String::from_utf8(files["data/rdf/catalog.nq"].clone()).unwrap();
    assert!(catalog.contains("frus1960v01/d2>"), "{catalog}");
    if let Some(r) = bagit_validate(&all) {
        r.unwrap_or_else(|e| panic!("bagit.py rejects the bag: {e}"));
    }
}

#[test]
fn an_existing_bag_is_never_overwritten() {
    let (_demo, demo_st) = demo();
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("bag");
    std::fs::create_dir(&bag).unwrap();
    std::fs::write(bag.join("keep.txt"), "mine").unwrap();
    let o = export(&demo_st, &["--bag", s(&bag)]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains(s(&bag)) && e.contains("not empty"), "{e}");
    assert_eq!(std::fs::read_dir(&bag).unwrap().count(), 1);
    assert_eq!(
        std::fs::read_to_string(bag.join("keep.txt")).unwrap(),
        "mine"
    );
    // a file in the way
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let o = export(&demo_st, &["--bag", s(&file)]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not a directory"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    no_leftovers(dir.path());
}

#[test]
fn a_failed_write_leaves_no_half_written_bag() {
    let (_demo, demo_st) = demo();
    // files may not grow beyond 128 KiB (as on a full disk, writes fail);
    // the bag's shared graph is larger than that
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("bag");
    let o = run(Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 256 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_frus-ld"))
        .args(["export", "--bag", s(&bag), "--store", s(&demo_st)]));
    assert!(!o.status.success(), "the export should fail");
    let e = stderr(&o);
    assert!(
        e.contains("cannot write") && e.contains(s(&bag)),
        "names the file: {e}"
    );
    assert!(!bag.exists(), "no bag at all");
    no_leftovers(dir.path());
}

// ---------------------------------------------------------------- errors

#[test]
fn an_unknown_volume_is_a_clear_error_and_writes_nothing() {
    let (_demo, demo_st) = demo();
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--bag", "out-bag"],
        vec!["--cmif", "out.xml"],
        vec!["--ead", "out.ead.xml", "--eac", "out-eac"],
    ] {
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                if a.starts_with("out") {
                    s(&dir.path().join(a)).to_string()
                } else {
                    a.to_string()
                }
            })
            .collect();
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend(["--volume", "frus1999v01"]);
        let o = export(&demo_st, &all);
        assert!(!o.status.success(), "{all:?}");
        let e = stderr(&o);
        assert_eq!(e.trim_end().lines().count(), 1, "one line: {e}");
        assert!(
            e.contains("frus1999v01") && e.contains("frus1959v99"),
            "names the volume and what the store holds: {e}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn bad_invocations_are_refused() {
    let (_demo, demo_st) = demo();
    let dir = tempfile::tempdir().unwrap();
    // no store, or a directory that is not one
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for st in [dir.path().join("none"), empty] {
        let o = run(bin()
            .args(["export", "--cmif", "x.xml", "--store"])
            .arg(&st));
        assert!(!o.status.success());
        assert!(
            stderr(&o).contains("no store here") && stderr(&o).contains(s(&st)),
            "{}",
            stderr(&o)
        );
    }
    // a malformed export date
    let o = run(bin()
        .args(["export", "--cmif", "x.xml", "--store"])
        .arg(&demo_st)
        .env("SOURCE_DATE_EPOCH", "yesterday"));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&o));
    // --eac needs --ead; one format at a time; a format is needed
    for args in [
        vec!["--eac", "x"],
        vec!["--bag", "x", "--cmif", "y"],
        vec![],
        vec!["--cmif", "x.xml", "--url", "not a url"],
    ] {
        let o = export(&demo_st, &args);
        assert!(!o.status.success(), "{args:?} should be refused");
    }
    // a finding aid describes one volume
    let st = two_volumes(dir.path());
    let ead = dir.path().join("two.xml");
    let o = export(&st, &["--ead", s(&ead)]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("give --volume"), "{}", stderr(&o));
    assert!(!ead.exists());
    export_ok(&st, &["--ead", s(&ead), "--volume", "frus1960v01"]);
}

// ---------------------------------------------------------------- CMIF

/// The error-level rules of correspSearch's `cmif.sch`, with the
/// well-formedness of the dating attributes that its RELAX NG schema asks:
/// the codes of the rules a CMIF file breaks.
fn cmif_rule_errors(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed CMIF");
    let tei = |n: roxmltree::Node, name: &str| n.has_tag_name((TEI_NS, name));
    let mut errors = Vec::new();
    let bibl_ids: Vec<&str> = doc
        .descendants()
        .filter(|n| tei(*n, "bibl"))
        .filter_map(|n| n.attribute(("http://www.w3.org/XML/1998/namespace", "id")))
        .collect();
    for c in doc.descendants().filter(|n| tei(*n, "correspDesc")) {
        let action = |t: &str| {
            c.children()
                .any(|a| tei(a, "correspAction") && a.attribute("type") == Some(t))
        };
        if !action("sent") {
            errors.push("E0001".to_string());
        }
        if !action("received") {
            errors.push("E0002".to_string());
        }
        if let Some(src) = c.attribute("source") {
            let id = src.split_once('#').map(|(_, i)| i).unwrap_or("");
            if !bibl_ids.contains(&id) {
                errors.push("E0003".to_string());
            }
        }
    }
    let date_re =
        regex::Regex::new(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$").unwrap();
    for d in doc.descendants().filter(|n| tei(*n, "date")) {
        let attrs = ["when", "from", "to", "notBefore", "notAfter"];
        if !attrs.iter().any(|a| d.attribute(*a).is_some()) {
            errors.push("E0004".to_string());
        }
        for a in attrs {
            if let Some(v) = d.attribute(a) {
                if !date_re.is_match(v) {
                    errors.push(format!("date/@{a}={v}"));
                }
            }
        }
    }
    errors
}

/// The CMIF file and the correspDesc of each document, by its IRI.
fn check_cmif(file: &Path) -> String {
    jing("cmif/cmif.rng", file).unwrap_or_else(|e| panic!("CMIF invalid: {e}"));
    let xml = std::fs::read_to_string(file).unwrap();
    assert_eq!(cmif_rule_errors(&xml), Vec::<String>::new());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let licence = doc
        .descendants()
        .find(|n| n.has_tag_name((TEI_NS, "licence")))
        .unwrap();
    assert_eq!(
        licence.attribute("target"),
        Some("https://creativecommons.org/licenses/by/4.0/")
    );
    let idno = doc
        .descendants()
        .find(|n| n.has_tag_name((TEI_NS, "idno")))
        .unwrap();
    assert_eq!(idno.attribute("type"), Some("url"));
    assert!(idno.text().unwrap().starts_with("http"));
    xml
}

/// A correspDesc as (document IRI, sent by, received by, date attributes, place).
type Corresp = (String, Vec<String>, Vec<String>, String, String);

fn corresp(xml: &str) -> Vec<Corresp> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((TEI_NS, "correspDesc")))
        .map(|c| {
            let action = |t: &str| {
                c.children()
                    .find(|a| a.attribute("type") == Some(t))
                    .unwrap()
            };
            let names = |a: roxmltree::Node| -> Vec<String> {
                a.children()
                    .filter(|n| {
                        n.has_tag_name((TEI_NS, "persName")) || n.has_tag_name((TEI_NS, "orgName"))
                    })
                    .map(|n| {
                        format!(
                            "{}:{}{}",
                            n.tag_name().name(),
                            n.text().unwrap_or(""),
                            n.attribute("ref")
                                .map(|r| format!(" {r}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect()
            };
            let sent = action("sent");
            let date = sent
                .children()
                .find(|n| n.has_tag_name((TEI_NS, "date")))
                .map(|d| {
                    d.attributes()
                        .map(|a| format!("{}={}", a.name(), a.value()))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            let place = sent
                .children()
                .find(|n| n.has_tag_name((TEI_NS, "placeName")))
                .and_then(|p| p.text())
                .unwrap_or_default()
                .to_string();
            (
                c.attribute("ref").unwrap().to_string(),
                names(sent),
                names(action("received")),
                date,
                place,
            )
        })
        .collect()
}

#[test]
fn cmif_of_the_examples() {
    let (_demo, demo_st) = demo();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("frus.xml");
    export_ok(&demo_st, &["--cmif", s(&file)]);
    let xml = check_cmif(&file);
    let c = corresp(&xml);
    let hsg = "https://history.state.gov/historicaldocuments/frus1959v99";
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[0].0, format!("{hsg}/d1"));
    assert_eq!(c[0].1, ["orgName:Department of State"]);
    assert_eq!(c[0].2, ["orgName:Embassy in Korea"]);
    assert_eq!(c[0].3, "when=1959-03-14");
    assert_eq!(c[1].1, ["persName:Walter C. Dowling"]);
    assert!(
        c[1].2[0].starts_with("persName:Christian A. Herter"),
        "{:?}",
        c[1].2
    );
    assert_eq!(c[1].3, "when=1959-05-12");
    assert!(xml.contains(r##"source="#frus1959v99""##));
    assert!(xml.contains(r#"<bibl type="hybrid" xml:id="frus1959v99">"#));
    // the default address of the file
    assert!(xml.contains("<idno type=\"url\">https://w3id.org/frus-ld/id/cmif/frus.xml</idno>"));
    // one given
    export_ok(
        &demo_st,
        &[
            "--cmif",
            s(&file),
            "--url",
            "https://example.org/cmif/frus.xml",
        ],
    );
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(xml.contains("<idno type=\"url\">https://example.org/cmif/frus.xml</idno>"));
}

/// Authority links a store may hold beside the documents; the identifiers
/// are made up for the test.
const LINKS: &str = "@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://w3id.org/frus-ld/id/person/dowling-walter-cecil> owl:sameAs <http://viaf.org/viaf/1234567>, <http://www.wikidata.org/entity/Q99999999> .
<https://w3id.org/frus-ld/id/org/embassy-in-korea> owl:sameAs <http://viaf.org/viaf/7654321> .
<https://w3id.org/frus-ld/id/place/seoul> owl:sameAs <https://sws.geonames.org/1835848/> .
";

#[test]
fn cmif_refers_to_authority_records_where_the_store_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("store");
    let links = dir.path().join("links.ttl");
    std::fs::write(&links, LINKS).unwrap();
    let o = run(bin()
        .arg("load")
        .arg(common::demo("d1.alt.txt"))
        .arg(common::demo("d2.alt.txt"))
        .arg(&links)
        .arg("--store")
        .arg(&st)
        .args(["--volume", "frus1959v99"]));
    assert!(o.status.success(), "{}", stderr(&o));
    // the store's IRIs of the parties are the ones the links are about
    let q = run(bin().arg("query").arg("--store").arg(&st).args([
        "SELECT ?s WHERE { ?d <http://schema.org/sender> ?s } ORDER BY ?s",
        "--format",
        "csv",
    ]));
    let senders = stdout(&q);
    assert!(senders.contains("person/dowling-walter-cecil"), "{senders}");
    let file = dir.path().join("frus.xml");
    export_ok(&st, &["--cmif", s(&file)]);
    let xml = check_cmif(&file);
    let c = corresp(&xml);
    // Wikidata first, then VIAF; a GeoNames record for a place; none where nothing is known
    assert_eq!(
        c[1].1,
        ["persName:Walter C. Dowling http://www.wikidata.org/entity/Q99999999"]
    );
    assert_eq!(c[1].2, ["persName:Christian A. Herter"]);
    assert_eq!(
        c[0].2,
        ["orgName:Embassy in Korea http://viaf.org/viaf/7654321"]
    );
    assert!(
        xml.contains("<placeName ref=\"https://sws.geonames.org/1835848/\">Seoul</placeName>"),
        "{xml}"
    );
    assert!(
        xml.contains("<placeName>Washington</placeName>"),
        "Washington has no GeoNames record"
    );
}

#[test]
fn each_cmif_rule_catches_its_breach() {
    let (_demo, demo_st) = demo();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("frus.xml");
    export_ok(&demo_st, &["--cmif", s(&file)]);
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(cmif_rule_errors(&xml).is_empty());
    let cut = |xml: &str, from: &str, to: &str| -> String {
        let a = xml.find(from).unwrap();
        let b = a + xml[a..].find(to).unwrap() + to.len();
        format!("{}{}", &xml[..a], &xml[b..])
    };
    let no_sent = cut(&xml, "<correspAction type=\"sent\">", "</correspAction>");
    assert_eq!(cmif_rule_errors(&no_sent), ["E0001"]);
    let no_received = cut(
        &xml,
        "<correspAction type=\"received\">",
        "</correspAction>",
    );
    assert_eq!(cmif_rule_errors(&no_received), ["E0002"]);
    let bad_source = xml.replacen("source=\"#frus1959v99\"", "source=\"#elsewhere\"", 1);
    assert_eq!(cmif_rule_errors(&bad_source), ["E0003"]);
    let undated = xml.replacen("<date when=\"1959-03-14\"/>", "<date/>", 1);
    assert_eq!(cmif_rule_errors(&undated), ["E0004"]);
    let malformed = xml.replacen("when=\"1959-03-14\"", "when=\"14 March 1959\"", 1);
    assert_eq!(cmif_rule_errors(&malformed), ["date/@when=14 March 1959"]);
    // the schema catches what is not CMIF's shape
    let broken = dir.path().join("broken.xml");
    std::fs::write(
        &broken,
        xml.replacen("type=\"hybrid\"", "type=\"scroll\"", 1),
    )
    .unwrap();
    if root().join("../shared/schemas/cmif/cmif.rng").exists() && have("jing", &["-h"]) {
        assert!(jing("cmif/cmif.rng", &broken).is_err());
    }
}

// ---------------------------------------------------------------- EAD3 and EAC-CPF

/// The children of `n` as a space-separated list of local names.
fn child_names(n: roxmltree::Node) -> String {
    n.children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The structure of EAC-CPF 2010 (its RELAX NG schema, element by element,
/// for the elements frus-ld writes): what breaks it, or nothing.
fn eac_errors(xml: &str) -> Vec<String> {
    let doc = match roxmltree::Document::parse(xml) {
        Ok(d) => d,
        Err(e) => return vec![format!("not well-formed: {e}")],
    };
    let mut errors = Vec::new();
    let root_el = doc.root_element();
    if !root_el.has_tag_name((EAC_NS, "eac-cpf")) {
        errors.push("the root is not eac-cpf in the EAC-CPF namespace".into());
    }
    let dates = "(date|dateRange|dateSet)";
    let relation_body = format!(
        r"^(relationEntry ?)*((objectXMLWrap|objectBinWrap) ?)?({dates} ?)?(placeEntry ?)?(descriptiveNote)?$"
    );
    let models: Vec<(&str, String)> = vec![
        ("eac-cpf", "^control (cpfDescription|multipleIdentities)$".into()),
        (
            "control",
            "^recordId( otherRecordId)* maintenanceStatus( publicationStatus)? maintenanceAgency( languageDeclaration)?( conventionDeclaration)*( localTypeDeclaration)*( localControl)* maintenanceHistory( sources)?$".into(),
        ),
        ("maintenanceAgency", "^(agencyCode )?(otherAgencyCode )*agencyName( descriptiveNote)?$".into()),
        ("languageDeclaration", "^language script( descriptiveNote)?$".into()),
        ("maintenanceHistory", "^maintenanceEvent( maintenanceEvent)*$".into()),
        ("maintenanceEvent", "^eventType eventDateTime agentType agent( eventDescription)?$".into()),
        ("sources", "^source( source)*$".into()),
        ("source", "^(sourceEntry ?)?((objectXMLWrap|objectBinWrap) ?)?(descriptiveNote)?$".into()),
        ("cpfDescription", "^identity( description)?( relations)?( alternativeSet)?$".into()),
        ("identity", "^(entityId )*entityType( (nameEntry|nameEntryParallel))+( descriptiveNote)?$".into()),
        ("nameEntry", "^part( part)*( useDates)?( (authorizedForm|alternativeForm))*$".into()),
        (
            "description",
            "^(existDates ?)?((places|place|localDescription|localDescriptions|legalStatus|legalStatuses|function|functions|languageUsed|languagesUsed|occupation|occupations|mandate|mandates|structureOrGenealogy|generalContext) ?)*(biogHist ?)*$".into(),
        ),
        ("existDates", format!("^{dates}( descriptiveNote)?$")),
        ("occupations", "^(occupation ?)+(descriptiveNote)?$".into()),
        (
            "occupation",
            format!("^(term ?)?(placeEntry ?)*({dates} ?)?(citation ?)?(descriptiveNote)?$"),
        ),
        ("biogHist", "^(abstract ?)?((chronList|list|p|outline|citation) ?)*$".into()),
        ("relations", "^(cpfRelation ?)*(resourceRelation ?)*(functionRelation ?)*$".into()),
        ("cpfRelation", relation_body.clone()),
        ("resourceRelation", relation_body),
        ("dateRange", "^(fromDate ?)?(toDate)?$".into()),
    ];
    let text_only = [
        "recordId",
        "maintenanceStatus",
        "agencyName",
        "eventType",
        "eventDateTime",
        "agentType",
        "agent",
        "eventDescription",
        "sourceEntry",
        "entityId",
        "entityType",
        "part",
        "authorizedForm",
        "alternativeForm",
        "term",
        "relationEntry",
        "date",
        "fromDate",
        "toDate",
        "language",
        "script",
    ];
    let date_re =
        regex::Regex::new(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$").unwrap();
    let nmtoken = regex::Regex::new(r"^[\w.\-:]+$").unwrap();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        if n.tag_name().namespace() != Some(EAC_NS) {
            errors.push(format!("{name}: not in the EAC-CPF namespace"));
        }
        if let Some((_, model)) = models.iter().find(|(m, _)| *m == name) {
            let kids = child_names(n);
            if !regex::Regex::new(model).unwrap().is_match(&kids) {
                errors.push(format!("{name}: children [{kids}] do not match {model}"));
            }
        } else if text_only.contains(&name) {
            if n.children().any(|c| c.is_element()) {
                errors.push(format!("{name}: holds elements"));
            }
        } else if !["p"].contains(&name) {
            errors.push(format!("{name}: not an element frus-ld should write"));
        }
        let text = n.text().unwrap_or("").trim();
        let enumerated: &[(&str, &[&str])] = &[
            (
                "maintenanceStatus",
                &[
                    "revised",
                    "deleted",
                    "new",
                    "deletedSplit",
                    "deletedReplaced",
                    "cancelled",
                    "derived",
                ],
            ),
            (
                "eventType",
                &[
                    "created",
                    "revised",
                    "deleted",
                    "cancelled",
                    "derived",
                    "updated",
                ],
            ),
            ("agentType", &["human", "machine"]),
            ("entityType", &["person", "corporateBody", "family"]),
        ];
        if let Some((_, allowed)) = enumerated.iter().find(|(e, _)| *e == name) {
            if !allowed.contains(&text) {
                errors.push(format!("{name}: {text:?} is not one of {allowed:?}"));
            }
        }
        if ["recordId", "authorizedForm", "alternativeForm"].contains(&name)
            && !nmtoken.is_match(text)
        {
            errors.push(format!("{name}: {text:?} is not an NMTOKEN"));
        }
        for a in ["standardDate", "notBefore", "notAfter", "standardDateTime"] {
            if let Some(v) = n.attribute(a) {
                if !date_re.is_match(v) {
                    errors.push(format!("{name}/@{a}: {v:?} is not a date"));
                }
            }
        }
        if n.attribute((XLINK_NS, "href")).is_some()
            && n.attribute((XLINK_NS, "type")) != Some("simple")
        {
            errors.push(format!("{name}: xlink:href without xlink:type=\"simple\""));
        }
        if let Some(t) = n.attribute("cpfRelationType") {
            let ok = [
                "identity",
                "hierarchical",
                "hierarchical-parent",
                "hierarchical-child",
                "temporal",
                "temporal-earlier",
                "temporal-later",
                "family",
                "associative",
            ];
            if !ok.contains(&t) {
                errors.push(format!("cpfRelationType {t}"));
            }
        }
        if let Some(t) = n.attribute("resourceRelationType") {
            if !["creatorOf", "subjectOf", "other"].contains(&t) {
                errors.push(format!("resourceRelationType {t}"));
            }
        }
    }
    // what a record must hold
    for required in [
        "recordId",
        "maintenanceStatus",
        "agencyName",
        "maintenanceEvent",
        "entityType",
        "nameEntry",
        "part",
    ] {
        if !doc
            .descendants()
            .any(|n| n.has_tag_name((EAC_NS, required)))
        {
            errors.push(format!("no {required}"));
        }
    }
    errors
}

/// Validates the finding aid and the records; returns the finding aid and
/// the records by file name.
fn check_ead(ead: &Path, eac: &Path) -> (String, BTreeMap<String, String>) {
    jing("ead/ead3.rng", ead).unwrap_or_else(|e| panic!("EAD invalid: {e}"));
    let xml = std::fs::read_to_string(ead).unwrap();
    let mut records = BTreeMap::new();
    for (name, bytes) in tree(eac) {
        let rec = String::from_utf8(bytes).unwrap();
        let errors = eac_errors(&rec);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        records.insert(name, rec);
    }
    (xml, records)
}

fn items(xml: &str) -> Vec<BTreeMap<String, String>> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((EAD_NS, "c")) && n.attribute("level") == Some("item"))
        .map(|c| {
            let mut m = BTreeMap::new();
            for n in c.descendants().filter(|n| n.is_element()) {
                let key = n.tag_name().name().to_string();
                let v = match n.attribute("standarddate") {
                    Some(d) => d.to_string(),
                    None => n
                        .descendants()
                        .filter(|t| t.is_text())
                        .filter_map(|t| t.text())
                        .collect::<String>()
                        .trim()
                        .to_string(),
                };
                if !v.is_empty() {
                    m.entry(key).or_insert(v);
                }
            }
            m
        })
        .collect()
}

#[test]
fn finding_aid_and_agents_of_the_examples() {
    let (_demo, demo_st) = demo();
    let dir = tempfile::tempdir().unwrap();
    let (ead, eac) = (dir.path().join("v.ead.xml"), dir.path().join("agents"));
    export_ok(&demo_st, &["--ead", s(&ead), "--eac", s(&eac)]);
    let (xml, records) = check_ead(&ead, &eac);
    let it = items(&xml);
    assert_eq!(it.len(), 2);
    assert_eq!(it[1]["unitid"], "d2");
    assert_eq!(it[1]["datesingle"], "1959-05-12");
    assert!(it[1].contains_key("originalsloc"), "{:?}", it[1]);
    assert!(xml.contains("<c level=\"item\" id=\"d1\">"));
    assert!(xml.contains("<archdesc level=\"collection\">"));
    // Herter: his offices and their dates from the authority data, the letter to him
    let herter = records
        .get("herter-christian-archibald.xml")
        .unwrap_or_else(|| panic!("a record for Herter: {:?}", records.keys()));
    assert!(herter.contains("<entityType>person</entityType>"));
    assert!(
        herter.contains("<term>Under Secretary of State</term>")
            && herter.contains("<fromDate standardDate=\"1957-02-"),
        "{herter}"
    );
    assert!(
        herter.contains("resourceRelationType=\"other\"") && herter.contains("frus1959v99/d2"),
        "{herter}"
    );
    // Dowling wrote it
    let dowling = records
        .iter()
        .find(|(k, _)| k.starts_with("dowling"))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("a record for Dowling: {:?}", records.keys()));
    assert!(
        dowling.contains("resourceRelationType=\"creatorOf\""),
        "{dowling}"
    );
    // an existing non-empty directory of records is refused, the finding aid not written
    let ead2 = dir.path().join("again.xml");
    let o = export(&demo_st, &["--ead", s(&ead2), "--eac", s(&eac)]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    assert!(!ead2.exists());
    no_leftovers(dir.path());
}

#[test]
fn the_eac_check_catches_what_is_not_eac_cpf() {
    let (_demo, demo_st) = demo();
    let dir = tempfile::tempdir().unwrap();
    let (ead, eac) = (dir.path().join("v.ead.xml"), dir.path().join("agents"));
    export_ok(&demo_st, &["--ead", s(&ead), "--eac", s(&eac)]);
    let (_, records) = check_ead(&ead, &eac);
    let rec = records.values().next().unwrap();
    assert!(eac_errors(rec).is_empty());
    let swapped = rec.replacen("<maintenanceStatus>derived</maintenanceStatus>", "", 1);
    assert!(!eac_errors(&swapped).is_empty(), "no maintenanceStatus");
    let no_type = rec.replacen("<entityType>person</entityType>", "", 1);
    assert!(!eac_errors(&no_type).is_empty(), "no entityType");
    let bad_type = rec.replacen(
        "<entityType>person</entityType>",
        "<entityType>human</entityType>",
        1,
    );
    assert!(!eac_errors(&bad_type).is_empty(), "entityType human");
    let unclosed = rec.replacen("</control>", "", 1);
    assert!(!eac_errors(&unclosed).is_empty(), "not well-formed");
    let broken = dir.path().join("broken.xml");
    let ead_xml = std::fs::read_to_string(&ead).unwrap();
    std::fs::write(
        &broken,
        ead_xml.replacen("level=\"item\"", "level=\"page\"", 1),
    )
    .unwrap();
    if root().join("../shared/schemas/ead/ead3.rng").exists() && have("jing", &["-h"]) {
        assert!(jing("ead/ead3.rng", &broken).is_err());
    }
}

// ---------------------------------------------------------------- the shared corpus

#[test]
fn shared_corpus_bag_cmif_ead_and_agents() {
    let stores = tempfile::tempdir().unwrap();
    let Some(st) = corpus(stores.path()) else {
        return;
    };
    let st = st.as_path();
    let v = "frus1958-60v18";
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<String> = (1..=11).map(|i| format!("d{i}")).collect();
    let docs: Vec<&str> = docs.iter().map(String::as_str).collect();

    let bag = dir.path().join("bag");
    export_ok(st, &["--bag", s(&bag), "--volume", v]);
    check_bag(&bag, v, &docs, &shared_corpus().unwrap());
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    assert!(
        info.contains(
            "External-Identifier: https://history.state.gov/historicaldocuments/frus1958-60v18\n"
        ),
        "{info}"
    );
    if let Some(r) = bagit_validate(&bag) {
        r.unwrap_or_else(|e| panic!("bagit.py rejects the corpus bag: {e}"));
        tamper(&bag.join(format!("data/rdf/{v}/d11.nq")));
        bagit_validate(&bag)
            .unwrap()
            .expect_err("a tampered bag is invalid");
    }

    let cmif = dir.path().join("frus.xml");
    export_ok(st, &["--cmif", s(&cmif)]);
    let xml = check_cmif(&cmif);
    let c = corresp(&xml);
    let d11 = c
        .iter()
        .find(|c| c.0.ends_with("/d11"))
        .expect("the MacArthur letter is correspondence");
    assert!(
        d11.1[0].starts_with("persName:Douglas MacArthur II"),
        "{d11:?}"
    );
    assert_eq!(d11.3, "when=1958-04-18");
    assert_eq!(d11.4, "Tokyo");
    // a party has a @ref exactly when the store links it to Wikidata
    let q = run(bin().arg("query").arg("--store").arg(st).args([
        "SELECT DISTINCT ?name ?w WHERE { ?d <http://schema.org/sender>|<http://schema.org/recipient> ?p . ?p <http://schema.org/name> ?name . OPTIONAL { ?p <http://www.w3.org/2002/07/owl#sameAs> ?w FILTER(STRSTARTS(STR(?w), \"http://www.wikidata.org/entity/\")) } }",
        "--format",
        "tsv",
    ]));
    assert!(q.status.success(), "{}", stderr(&q));
    let known: BTreeMap<String, String> = stdout(&q)
        .lines()
        .skip(1)
        .map(|l| {
            let (n, w) = l.split_once('\t').unwrap();
            (
                n.trim_matches('"').to_string(),
                w.trim_start_matches('<').trim_end_matches('>').to_string(),
            )
        })
        .collect();
    for party in c.iter().flat_map(|c| c.1.iter().chain(c.2.iter())) {
        let (_, rest) = party.split_once(':').unwrap();
        let (name, r) = rest
            .split_once(" http")
            .map(|(n, r)| (n, format!("http{r}")))
            .unwrap_or((rest, String::new()));
        assert_eq!(known.get(name), Some(&r), "{party}");
    }
    assert!(
        !xml.contains("<placeName ref="),
        "no GeoNames records are known"
    );

    let (ead, eac) = (dir.path().join("v.ead.xml"), dir.path().join("agents"));
    export_ok(st, &["--ead", s(&ead), "--eac", s(&eac)]);
    let (xml, records) = check_ead(&ead, &eac);
    let it = items(&xml);
    assert_eq!(it.len(), 11);
    let d11 = &it[10];
    assert_eq!(d11["unitid"], "d11");
    assert_eq!(d11["datesingle"], "1958-04-18");
    assert!(
        d11["originalsloc"].contains("Central Files") || d11["originalsloc"].len() > 10,
        "{d11:?}"
    );
    // dates inferred, some known only between two days
    let web = corpus_web_form(stores.path()).unwrap();
    let web = web.as_path();
    let (cmif, ead) = (dir.path().join("web.xml"), dir.path().join("web.ead.xml"));
    export_ok(web, &["--cmif", s(&cmif), "--volume", v]);
    let xml = check_cmif(&cmif);
    assert!(
        xml.contains(" notBefore=\"") && xml.contains(" cert=\"low\""),
        "{xml}"
    );
    export_ok(web, &["--ead", s(&ead)]);
    jing("ead/ead3.rng", &ead).unwrap_or_else(|e| panic!("EAD invalid: {e}"));
    let xml = std::fs::read_to_string(&ead).unwrap();
    assert!(
        xml.contains("<unitdatestructured certainty=\"inferred\">"),
        "{xml}"
    );
    assert!(xml.contains("<fromdate standarddate="), "{xml}");

    let macarthur = records
        .get("macarthur-douglas-ii.xml")
        .unwrap_or_else(|| panic!("a record for MacArthur: {:?}", records.keys()));
    assert!(macarthur.contains("Ambassador to Japan"), "{macarthur}");
    assert!(
        macarthur.contains(
            "<entityId localType=\"FRUS-list-of-persons\">https://history.state.gov/historicaldocuments/frus1958-60v18#p_MADII1</entityId>"
        ),
        "{macarthur}"
    );
    assert!(
        macarthur.contains("<fromDate standardDate=\"1909-07-05\">"),
        "life dates: {macarthur}"
    );
    assert!(
        macarthur.contains("resourceRelationType=\"creatorOf\""),
        "{macarthur}"
    );
}
