//! Converting the project's own FRUS-style fixtures (`examples/frus-demo`).

mod common;
use common::*;

const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).expect("well-formed XML")
}

/// Up to 24 characters of the text before each note in its block.
fn text_before_notes(doc: &roxmltree::Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for note in doc
        .descendants()
        .filter(|n| n.has_tag_name((TEI_NS, "note")) && n.attribute("place") == Some("foot"))
    {
        let block = note
            .ancestors()
            .find(|a| {
                ["p", "head", "signed", "salute", "item"]
                    .iter()
                    .any(|t| a.has_tag_name((TEI_NS, *t)))
            })
            .expect("a note stands in a block");
        let mut before = String::new();
        for d in block.descendants() {
            if d == note {
                break;
            }
            if d.is_text() && !d.ancestors().any(|a| a.has_tag_name((TEI_NS, "note"))) {
                before.push_str(d.text().unwrap_or(""));
            }
        }
        let chars: Vec<char> = before.chars().collect();
        let tail: String = chars[chars.len().saturating_sub(24)..].iter().collect();
        out.push((note.attribute("n").unwrap_or("").to_string(), tail));
    }
    out
}

/// The text of every element `tag`, notes left out, white space trimmed.
fn texts(doc: &roxmltree::Document, tag: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name((TEI_NS, tag)))
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text() && !d.ancestors().any(|a| a.has_tag_name((TEI_NS, "note"))))
                .map(|d| d.text().unwrap_or("").trim())
                .collect::<String>()
        })
        .collect()
}

fn attr_values(doc: &roxmltree::Document, tag: &str, attr: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name((TEI_NS, tag)))
        .filter_map(|n| n.attribute(attr).map(str::to_string))
        .collect()
}

#[test]
fn telegram_markers_glued_to_numbers_and_years() {
    for file in ["d1.txt", "d1.alt.txt"] {
        let xml = convert(&demo(file), "tei", &["--volume", "frus1958-60v99"]);
        validate_tei(&xml).unwrap_or_else(|e| panic!("{file} invalid: {e}"));
        let doc = parse(&xml);
        let notes = text_before_notes(&doc);
        let n: Vec<&str> = notes.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(n, ["0", "1", "2", "3", "4"], "{file}");
        assert!(notes[0].1.ends_with("Embassy in Korea"), "{notes:?}");
        assert!(notes[1].1.ends_with("Embtels 930, 931,"), "{notes:?}");
        assert!(notes[2].1.ends_with("931, 932."), "{notes:?}");
        assert!(notes[3].1.ends_with("adopted in 1957"), "{notes:?}");
        assert!(notes[4].1.ends_with("has replied."), "{notes:?}");
        // decimals are numbers, not markers
        assert!(xml.contains("215.4 million dollars of which 12.5 for"));
        assert_eq!(attr_values(&doc, "pb", "n"), ["2"]);
        assert_eq!(attr_values(&doc, "div", "subtype"), ["telegram"]);
        assert_eq!(texts(&doc, "correspAction"), ["Department of State1959-03-14", "Embassy in Korea"]
            .iter()
            .map(|t| if file.contains("alt") { t.replace("State1959", "StateWashington1959") } else { t.replace("1959-03-14", "1959-03-14: inferred from the date part of the central file number 795B.5-MSP/3–1459") })
            .collect::<Vec<_>>());
        assert_eq!(texts(&doc, "signed"), ["Herter"]);
    }
}

#[test]
fn dates_from_dateline_or_central_file() {
    let alt = convert(&demo("d1.alt.txt"), "tei", &[]);
    assert_eq!(sent_date(&alt), ("when".into(), "1959-03-14".into()));
    assert!(alt.contains("<placeName>Washington</placeName>"));
    let web = convert(&demo("d1.txt"), "tei", &[]);
    assert_eq!(sent_date(&web), ("notBefore".into(), "1959-03-14".into()));
    assert!(web.contains("central file number 795B.5-MSP/3–1459"));
}

fn sent_date(xml: &str) -> (String, String) {
    let doc = parse(xml);
    let ca = doc
        .descendants()
        .find(|n| n.has_tag_name((TEI_NS, "correspAction")) && n.attribute("type") == Some("sent"))
        .expect("a sent action");
    let date = ca
        .children()
        .find(|n| n.has_tag_name((TEI_NS, "date")))
        .expect("a date");
    for a in ["when", "notBefore"] {
        if let Some(v) = date.attribute(a) {
            return (a.to_string(), v.to_string());
        }
    }
    panic!("date without when/notBefore");
}

#[test]
fn letter_with_salute_gaps_signature_and_enclosure() {
    for file in ["d2.txt", "d2.alt.txt"] {
        let xml = convert(&demo(file), "tei", &[]);
        validate_tei(&xml).unwrap_or_else(|e| panic!("{file} invalid: {e}"));
        let doc = parse(&xml);
        let notes = text_before_notes(&doc);
        let n: Vec<&str> = notes.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(n, ["0", "1", "2", "3", "4", "5"], "{file}");
        assert!(notes[1].1.ends_with("your letter of May 4"), "{notes:?}");
        assert!(notes[3].1.ends_with("Enclosure"), "{notes:?}");
        assert!(notes[5].1.ends_with("Walter C. Dowling"), "{notes:?}");
        assert_eq!(texts(&doc, "salute"), ["Dear Mr. Secretary:"], "{file}");
        assert_eq!(texts(&doc, "signed"), ["Walt", "Walter C. Dowling"]);
        let encl: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((TEI_NS, "div")) && n.attribute("type") == Some("enclosure"))
            .collect();
        assert_eq!(encl.len(), 1);
        assert!(encl[0]
            .descendants()
            .any(|n| n.has_tag_name((TEI_NS, "signed"))));
        assert_eq!(attr_values(&doc, "pb", "n"), ["45", "46"]);
        let gaps: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((TEI_NS, "gap")))
            .collect();
        assert_eq!(gaps.len(), 2);
        assert_eq!(gaps[0].attribute("extent"), Some("2 lines of source text"));
        assert_eq!(gaps[0].attribute("quantity"), Some("2"));
        assert_eq!(gaps[1].attribute("unit"), Some("paragraph"));
        let mut all: Vec<String> = doc
            .descendants()
            .filter_map(|n| {
                n.attribute(("http://www.w3.org/XML/1998/namespace", "id"))
                    .map(str::to_string)
            })
            .collect();
        let count = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), count, "xml:ids are unique");
    }
}

#[test]
fn output_is_deterministic() {
    for to in ["tei", "turtle", "nquads", "json"] {
        let a = convert(&demo("d2.txt"), to, &["--volume", "frus1958-60v99"]);
        let b = convert(&demo("d2.txt"), to, &["--volume", "frus1958-60v99"]);
        assert_eq!(a, b, "{to}");
    }
}

#[test]
fn every_rdf_format_parses_back() {
    use oxigraph::io::{RdfFormat, RdfParser};
    let mut counts = Vec::new();
    for (to, format) in [
        ("turtle", RdfFormat::Turtle),
        ("ntriples", RdfFormat::NTriples),
        ("nquads", RdfFormat::NQuads),
        ("trig", RdfFormat::TriG),
        ("rdfxml", RdfFormat::RdfXml),
        (
            "jsonld",
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
    ] {
        let text = convert(&demo("d2.txt"), to, &["--volume", "frus1958-60v99"]);
        let quads: Vec<_> = RdfParser::from_format(format)
            .for_slice(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{to} does not parse: {e}"));
        counts.push(quads.len());
    }
    assert!(counts[0] > 30);
    assert!(counts.iter().all(|c| *c == counts[0]), "{counts:?}");
}

#[test]
fn json_dumps_the_model() {
    let j: serde_json::Value =
        serde_json::from_str(&convert(&demo("d2.alt.txt"), "json", &[])).unwrap();
    assert_eq!(j["number"], 2);
    assert_eq!(j["form"], "alt");
    assert_eq!(j["heading"]["sender"]["name"], "Dowling");
    assert_eq!(j["heading"]["addressee"]["office"], "Secretary of State");
    assert_eq!(j["source_note"]["classification"], "Secret");
    assert_eq!(j["dateline"]["place"], "Seoul");
    assert_eq!(j["notes"].as_array().unwrap().len(), 6);
}

#[test]
fn several_files_go_to_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(bin()
        .arg("convert")
        .arg(demo("d1.txt"))
        .arg(demo("d2.alt.txt"))
        .args(["--to", "turtle", "-o"])
        .arg(dir.path()));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("d1.ttl").exists());
    assert!(dir.path().join("d2.alt.ttl").exists());
}

#[test]
fn a_document_not_declassified_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("d19.txt");
    std::fs::write(
        &f,
        "19. Memorandum From the Director of Central Intelligence (Smith) to the President0\n  1. Source: Central Intelligence Agency, Job 80B01676R, Box 4. Top Secret. 3 pages of source text not declassified.\n",
    )
    .unwrap();
    let xml = convert(&f, "tei", &[]);
    validate_tei(&xml).unwrap();
    let doc = parse(&xml);
    let gap = doc
        .descendants()
        .find(|n| n.has_tag_name((TEI_NS, "gap")))
        .expect("a gap");
    assert_eq!(gap.attribute("extent"), Some("3 pages of source text"));
    assert_eq!(xml.matches("place=\"foot\"").count(), 1);
    // "the President" is a person, the addressee
    assert!(xml.contains("<correspAction type=\"received\">"));
    assert!(!xml.contains("ref=\"#person-source\""), "{xml}");
}

#[test]
fn references_to_documents_of_the_volume_are_linked() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("d7.alt.txt");
    std::fs::write(
        &f,
        "7. Telegram From the Embassy in Japan to the Department of State0\n\n\
         Tokyo, April 2, 1958.\n\n\
         Your telegram1 repeats Documents 3 and 4, which we discussed today.2 \
         The formula of last year3 still stands.4\n\
         - Source: Department of State, Central Files, 794.5/4–258. Secret.↩\n\
         - See footnote 2, Document 5.↩\n\
         - Document 6.↩\n\
         - Printed in Foreign Relations, 1955–1957, vol. XXIII, Part 1, Document 12.↩\n\
         - Foreign Relations, 1955–1957, vol. XXIII, p. 9. See also Document 1.↩\n",
    )
    .unwrap();
    let hsg = "https://history.state.gov/historicaldocuments/frus1958-60v99";
    let xml = convert(&f, "tei", &["--volume", "frus1958-60v99"]);
    validate_tei(&xml).unwrap_or_else(|e| panic!("invalid: {e}\n{xml}"));
    let doc = parse(&xml);
    let refs: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((TEI_NS, "ref")) && n.text() != Some("frus1958-60v99"))
        .map(|n| {
            (
                n.text().unwrap_or("").to_string(),
                n.attribute("target").unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        refs,
        [
            // in reading order: the note stands where its marker stood
            (
                "footnote 2, Document 5".to_string(),
                format!("{hsg}/d5#fn2")
            ),
            (
                "Documents 3 and 4".to_string(),
                format!("{hsg}/d3 {hsg}/d4")
            ),
            ("Document 6".to_string(), format!("{hsg}/d6")),
            ("Document 1".to_string(), format!("{hsg}/d1")),
        ],
        "{xml}"
    );
    // the citation of another volume stays text
    assert!(xml.contains("vol. XXIII, Part 1, Document 12."), "{xml}");

    let nt = convert(&f, "ntriples", &["--volume", "frus1958-60v99"]);
    let refs = "<http://purl.org/dc/terms/references>";
    let mut cites: Vec<&str> = nt.lines().filter(|l| l.contains(refs)).collect();
    cites.sort();
    let d7 = format!("<{hsg}/d7>");
    let expected = [
        format!("<{hsg}/d7#fn1> {refs} <{hsg}/d5#fn2> ."),
        format!("<{hsg}/d7#fn2> {refs} <{hsg}/d6> ."),
        format!("<{hsg}/d7#fn4> {refs} <{hsg}/d1> ."),
        format!("{d7} {refs} <{hsg}/d1> ."),
        format!("{d7} {refs} <{hsg}/d3> ."),
        format!("{d7} {refs} <{hsg}/d4> ."),
        format!("{d7} {refs} <{hsg}/d5> ."),
        format!("{d7} {refs} <{hsg}/d6> ."),
    ];
    let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(cites, expected);
}

#[test]
fn odd_divisions_still_give_valid_tei() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &[&str]); 3] = [
        (
            // the same page printed twice
            "d5.alt.txt",
            "5. Telegram From the Department of State to the Embassy in Japan0\n\nText.\n\n[Page 24]\n\nMore text.\n\n[Page 24]\n\nThe end.\n- Source: Department of State, Central Files, 794.5/4–1858. Secret.↩\n",
            &["xml:id=\"d5_pb24\"", "xml:id=\"d5_pb24_2\""],
        ),
        (
            // an enclosure of a line and a signature
            "d6.alt.txt",
            "6. Letter From the Ambassador to Japan (MacArthur) to Secretary of State Dulles0\n\nDear Foster: The paper is enclosed.\n\nDoug\n\nEnclosure\n\nSincerely,\n\nDoug\n- Source: Department of State, Central Files, 794.5/4–1858. Secret.↩\n",
            &["<p xml:id=\"d6_p2\">Sincerely,</p>"],
        ),
        (
            // a page break and a signature, no text
            "d7.alt.txt",
            "7. Telegram From the Department of State to the Embassy in Japan0\n\n[Page 24]\n\nDulles\n- Source: Department of State, Central Files, 794.5/4–1858. Secret.↩\n",
            &["<p/>", "<signed>"],
        ),
    ];
    for (name, text, expect) in cases {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        let xml = convert(&f, "tei", &[]);
        validate_tei(&xml).unwrap_or_else(|e| panic!("{name} invalid: {e}\n{xml}"));
        for e in expect {
            assert!(xml.contains(e), "{name}: no {e}\n{xml}");
        }
    }
}

#[test]
fn without_annotations_only_the_annotations_are_left_out() {
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::{vocab::rdf, NamedNodeRef, Quad};
    use std::collections::HashSet;
    let args = ["--volume", "frus1958-60v99"];
    let quads = |extra: &[&str]| -> HashSet<Quad> {
        let text = convert(&demo("d2.txt"), "nquads", &[&args[..], extra].concat());
        RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(text.as_bytes())
            .map(|q| q.expect("N-Quads parse"))
            .collect()
    };
    let full = quads(&[]);
    let lean = quads(&["--no-annotations"]);
    assert!(lean.is_subset(&full));
    let oa = "<http://www.w3.org/ns/oa#";
    assert!(
        !lean.iter().any(|q| q.to_string().contains(oa)),
        "an annotation is left"
    );
    // what is left out is the annotations, their targets and their selectors:
    // nine quads each, every subject one of those three
    let left_out: Vec<&Quad> = full.difference(&lean).collect();
    let annotation = NamedNodeRef::new_unchecked("http://www.w3.org/ns/oa#Annotation");
    let annotations = left_out
        .iter()
        .filter(|q| q.object == annotation.into())
        .count();
    assert!(annotations > 5, "{annotations} annotations");
    assert_eq!(left_out.len(), 9 * annotations);
    for q in &left_out {
        let types: Vec<&&Quad> = left_out
            .iter()
            .filter(|t| t.subject == q.subject && t.predicate == rdf::TYPE)
            .collect();
        assert_eq!(types.len(), 1, "{q}");
        assert!(types[0].object.to_string().starts_with(oa), "{q}");
    }
    // documents still link to every entity they mention
    let mentions = |s: &HashSet<Quad>| -> Vec<String> {
        let mut m: Vec<String> = s
            .iter()
            .filter(|q| q.predicate.as_str() == "http://schema.org/mentions")
            .map(Quad::to_string)
            .collect();
        m.sort();
        m
    };
    assert!(!mentions(&lean).is_empty());
    assert_eq!(mentions(&lean), mentions(&full));
    // the TEI does not change
    assert_eq!(
        convert(&demo("d2.txt"), "tei", &args),
        convert(
            &demo("d2.txt"),
            "tei",
            &[&args[..], &["--no-annotations"]].concat()
        )
    );
}
