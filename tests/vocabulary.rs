//! Every term frus-ld uses in its own namespace is defined in `vocab/`.

mod common;
use common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use std::collections::BTreeSet;

const FL: &str = "https://w3id.org/frus-ld/vocab#";

fn terms_in(text: &str, format: RdfFormat) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for q in RdfParser::from_format(format).for_slice(text.as_bytes()) {
        let q = q.expect("parses");
        for t in [q.predicate.to_string(), q.object.to_string()] {
            if let Some(rest) = t.strip_prefix('<').and_then(|t| t.strip_prefix(FL)) {
                out.insert(rest.trim_end_matches('>').to_string());
            }
        }
    }
    out
}

#[test]
fn every_term_used_is_defined_with_label_comment_and_alignment() {
    let vocab = std::fs::read_to_string(root().join("vocab/frus-ld.ttl")).unwrap();
    let mut used = BTreeSet::new();
    for f in ["d1.txt", "d2.alt.txt"] {
        used.extend(terms_in(
            &convert(&demo(f), "nquads", &["--volume", "frus1959v99"]),
            RdfFormat::NQuads,
        ));
    }
    for f in std::fs::read_dir(root().join("vocab/authority")).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "ttl") {
            used.extend(terms_in(
                &std::fs::read_to_string(&p).unwrap(),
                RdfFormat::Turtle,
            ));
        }
    }
    assert!(used.len() > 15, "{used:?}");
    let defs: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(vocab.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    for term in &used {
        let iri = format!("<{FL}{term}>");
        let about: Vec<String> = defs
            .iter()
            .filter(|q| q.subject.to_string() == iri)
            .map(|q| q.predicate.to_string())
            .collect();
        for p in [
            "rdf-syntax-ns#type>",
            "rdf-schema#label>",
            "rdf-schema#comment>",
        ] {
            assert!(about.iter().any(|a| a.ends_with(p)), "fl:{term} lacks {p}");
        }
        let is_class = defs
            .iter()
            .any(|q| q.subject.to_string() == iri && q.object.to_string().ends_with("owl#Class>"));
        let aligned = about.iter().any(|a| {
            a.contains("skos/core#")
                || a.ends_with("subClassOf>")
                || a.ends_with("subPropertyOf>")
                || a.ends_with("equivalentClass>")
        });
        let typed = about
            .iter()
            .any(|a| a.ends_with("rdf-schema#domain>") || a.ends_with("rdf-schema#range>"));
        assert!(is_class || typed, "fl:{term} lacks a domain or range");
        assert!(aligned, "fl:{term} is aligned to no standard vocabulary");
    }
}

#[test]
fn the_published_json_ld_context_names_every_prefix() {
    let text = std::fs::read_to_string(root().join("vocab/context.jsonld")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).expect("context.jsonld is JSON");
    let ctx = &v["@context"];
    for (p, iri) in [
        ("schema", "http://schema.org/"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("rico", "https://www.ica.org/standards/RiC/ontology#"),
        ("oa", "http://www.w3.org/ns/oa#"),
        ("fl", FL),
    ] {
        let got = ctx[p].as_str().or_else(|| ctx[p]["@id"].as_str());
        assert_eq!(got, Some(iri), "prefix {p}");
    }
}
