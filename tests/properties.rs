//! Properties over generated input: whatever the bytes, reading them gives
//! a document or an error, never a panic; and a FRUS-like text that reads
//! is enriched and written as well-formed TEI and as N-Quads that parse.

mod common;
use common::jing_files;
use frus_ld::extract::{enrich, Knowledge};
use frus_ld::iri::Iris;
use frus_ld::model::Document;
use frus_ld::reader::{read, ReadOptions};
use frus_ld::writer::rdf::{self, Syntax};
use frus_ld::writer::tei;
use oxigraph::io::{RdfFormat, RdfParser};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use std::sync::LazyLock;

/// Headings, each with its source-note marker.
const HEADINGS: &[&str] = &[
    "11. Letter From the Ambassador to Japan (MacArthur) to Secretary of State Dulles0",
    "5. Telegram From the Department of State to the Embassy in Japan0",
    "7. Memorandum of Conversation0",
];

/// Pieces of body text that the extractors act on, and some that trouble
/// them: digits beside markers, stray arrows, spaces that are not ASCII,
/// a byte-order mark.
const BODY: &[&str] = &[
    "Tokyo, April 18, 1958.\n\n",
    "Dear Mr. Secretary:",
    "your memorandum of March 23",
    "Embtel 2118",
    "Document 5",
    "See footnote 6, Document 5.",
    "Documents 4–6 and 9",
    "Foreign Relations, 1955–1957, vol. XXIII, Document 12",
    "[Page 23]",
    "\n\n[Page 24]\n\n",
    "[2 lines of source text not declassified]",
    "\n\nEnclosure\n\n",
    "\n\n1. The Security Treaty between the United States and Japan.",
    "\n\na. Okinawa and the Bonins.",
    "Kishi and Fujiyama saw the President on May 7–9, 1958",
    "\n\nSincerely,\n\nDoug",
    "\n\n",
    "↩",
    "\u{a0}",
    "\u{feff}",
    "\t",
    "é",
];

/// Footnote texts.
const NOTES: &[&str] = &[
    "Not printed.",
    "Document 4.",
    "See footnote 2, Documents 3 and 4.",
    "The U.S.-Japan Security Treaty, signed at San Francisco September 8, 1951. For text, see 3 UST 3329.",
    "Printed in Foreign Relations, 1955–1957, vol. XXIII, Part 1, Document 46.",
    "",
];

static KNOWLEDGE: LazyLock<Knowledge> = LazyLock::new(|| Knowledge::new(Vec::new(), Vec::new()));

/// A document in either web form: a heading, body pieces (some followed by
/// a footnote marker glued to a word), words of any script, and the list
/// of footnotes the markers call for.
fn frus_like() -> impl Strategy<Value = String> {
    (
        select(HEADINGS),
        prop::collection::vec(
            (
                prop_oneof![
                    4 => select(BODY).prop_map(String::from),
                    1 => "\\PC{0,12}",
                ],
                any::<bool>(),
            ),
            0..24,
        ),
        any::<usize>(),
        any::<bool>(),
    )
        .prop_map(|(heading, body, pick, web)| {
            let mut text = format!("{heading}\n\n");
            let mut markers = 0;
            for (piece, marked) in body {
                text.push_str(&piece);
                if marked {
                    markers += 1;
                    text.push_str(&format!(" word{markers}"));
                }
                text.push(' ');
            }
            // the footnotes in either web form: "  1. …" (the source note
            // first) or "- …↩"
            let source = "Source: Department of State, Central Files, 794.5/4–1858. Secret.";
            let notes = std::iter::once(source)
                .chain((0..markers).map(|i| NOTES[(pick + i) % NOTES.len()]));
            text.push('\n');
            for (i, note) in notes.enumerate() {
                if web {
                    text.push_str(&format!("  {}. {note}\n", i + 1));
                } else {
                    text.push_str(&format!("- {note}↩\n"));
                }
            }
            text
        })
}

/// A generated text read as a document of a volume and enriched, if it
/// reads.
fn convert(text: &str) -> Option<Document> {
    let opts = ReadOptions {
        volume: Some("frus1958-60v99".into()),
    };
    let mut doc = read(text.as_bytes(), "x.txt", &opts).ok()?;
    enrich(&mut doc, &KNOWLEDGE);
    Some(doc)
}

#[test]
fn most_generated_documents_read() {
    // the property below means something only if most of what it is
    // given reads as a document
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = frus_like();
    let ok = (0..200)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            convert(&text).is_some()
        })
        .count();
    assert!(ok >= 120, "{ok} of 200 read");
}

#[test]
fn generated_documents_give_valid_tei() {
    let dir = tempfile::tempdir().unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = frus_like();
    let iris = Iris::default();
    let mut files = Vec::new();
    for i in 0..150 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let Some(doc) = convert(&text) else {
            continue;
        };
        let f = dir.path().join(format!("g{i}.xml"));
        std::fs::write(&f, tei::write(&doc, &iris)).unwrap();
        files.push(f);
    }
    assert!(files.len() >= 100, "{} of 150 read", files.len());
    let paths: Vec<&std::path::Path> = files.iter().map(|f| f.as_path()).collect();
    jing_files("tei_all.rng", &paths).unwrap_or_else(|e| panic!("invalid TEI: {e}"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_are_read_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = read(&bytes, "x.txt", &ReadOptions::default());
    }

    #[test]
    fn frus_like_text_is_written_or_refused(text in frus_like()) {
        let Some(doc) = convert(&text) else {
            return Ok(());
        };
        let iris = Iris::default();
        let xml = String::from_utf8(tei::write(&doc, &iris)).expect("UTF-8");
        prop_assert!(roxmltree::Document::parse(&xml).is_ok(), "TEI not well-formed:\n{}", xml);
        let nq = rdf::serialize(&[rdf::graph(&doc, &iris)], Syntax::NQuads);
        let parsed: Result<Vec<_>, _> = RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(&nq)
            .collect();
        prop_assert!(parsed.is_ok(), "N-Quads do not parse: {:?}", parsed.err());
        let graph = rdf::graph(&doc, &iris);
        let theirs = oxigraph_nquads(graph.quads());
        prop_assert_eq!(
            String::from_utf8_lossy(&nq),
            String::from_utf8_lossy(&theirs),
            "N-Quads differ from Oxigraph's serializer's"
        );
    }

    #[test]
    fn any_literal_is_written_as_oxigraph_writes_it(value in any::<String>(), tagged in any::<bool>()) {
        use oxigraph::model::{Literal, NamedNode, Quad};
        let s = NamedNode::new_unchecked("https://example.org/d1#m1");
        let p = NamedNode::new_unchecked("http://schema.org/text");
        let o = if tagged {
            Literal::new_language_tagged_literal_unchecked(value, "en")
        } else {
            Literal::new_simple_literal(value)
        };
        let q = Quad::new(s.clone(), p, o, s);
        let mut mine = Vec::new();
        frus_ld::writer::nquads::write_quad(q.as_ref(), &mut mine);
        let theirs = oxigraph_nquads([q.as_ref()]);
        prop_assert_eq!(mine, theirs);
    }
}

/// The quads as Oxigraph's own N-Quads serializer writes them.
fn oxigraph_nquads<'a>(quads: impl IntoIterator<Item = oxigraph::model::QuadRef<'a>>) -> Vec<u8> {
    let mut w = oxigraph::io::RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in quads {
        w.serialize_quad(q).expect("writing to memory");
    }
    w.finish().expect("writing to memory")
}
