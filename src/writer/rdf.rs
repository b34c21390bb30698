//! Writes a [`Document`] as RDF: schema.org, Dublin Core, RiC-O and
//! frus-ld's own vocabulary (`vocab/frus-ld.ttl`), through oxigraph's
//! serializers.

use crate::iri::{slug, Iris, VOCAB};
use crate::model::*;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};

pub const SCHEMA: &str = "http://schema.org/";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const RICO: &str = "https://www.ica.org/standards/RiC/ontology#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";

/// The prefixes every serialization declares.
pub const PREFIXES: [(&str, &str); 8] = [
    ("schema", SCHEMA),
    ("dcterms", DCTERMS),
    ("rico", RICO),
    ("prov", PROV),
    ("fl", VOCAB),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("hsg", crate::iri::HSG),
];

fn nn(iri: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(iri.into())
}

fn s(p: &str) -> NamedNode {
    nn(format!("{SCHEMA}{p}"))
}
fn dc(p: &str) -> NamedNode {
    nn(format!("{DCTERMS}{p}"))
}
fn rico(p: &str) -> NamedNode {
    nn(format!("{RICO}{p}"))
}
fn fl(p: &str) -> NamedNode {
    nn(format!("{VOCAB}{p}"))
}
fn prov(p: &str) -> NamedNode {
    nn(format!("{PROV}{p}"))
}

/// The triples of one document, in a fixed order.
pub struct Graph {
    /// The document's IRI, also the name of its graph in a store.
    pub name: NamedNode,
    pub triples: Vec<Triple>,
}

impl Graph {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.triples.push(Triple::new(NamedOrBlankNode::from(s.clone()), p, o.into()));
    }

    fn text(&mut self, s: &NamedNode, p: NamedNode, o: &str) {
        self.add(s, p, Literal::new_simple_literal(o));
    }

    /// The triples as quads in the document's named graph.
    pub fn quads(&self) -> impl Iterator<Item = Quad> + '_ {
        let g = GraphName::NamedNode(self.name.clone());
        self.triples.iter().map(move |t| t.clone().in_graph(g.clone()))
    }
}

/// A date as an RDF literal of the matching XSD type.
pub fn date_literal(d: &SimpleDate) -> Literal {
    let dt = match (d.month, d.day) {
        (Some(_), Some(_)) => xsd::DATE,
        (Some(_), None) => xsd::G_YEAR_MONTH,
        _ => xsd::G_YEAR,
    };
    Literal::new_typed_literal(d.iso(), dt)
}

/// Builds the RDF graph of a document.
pub fn graph(doc: &Document, iris: &Iris) -> Graph {
    let d = nn(iris.document(doc));
    let mut g = Graph {
        name: d.clone(),
        triples: Vec::new(),
    };
    g.add(&d, rdf::TYPE.into(), s("Message"));
    g.add(&d, rdf::TYPE.into(), rico("Record"));
    let title = plain_text(&doc.heading.content).trim().to_string();
    g.add(&d, dc("title"), Literal::new_language_tagged_literal_unchecked(&title, "en"));
    g.text(&d, dc("identifier"), &format!("d{}", doc.number));
    g.add(&d, s("position"), Literal::from(i64::from(doc.number)));
    g.text(&d, fl("documentKind"), doc.heading.kind.token());
    g.text(&d, dc("type"), &doc.heading.kind_text);
    if let Some(v) = &doc.volume {
        let vol = nn(iris.volume(v));
        g.add(&d, dc("isPartOf"), vol.clone());
        g.add(&d, rico("isOrWasIncludedIn"), vol.clone());
        g.add(&vol, rdf::TYPE.into(), s("PublicationVolume"));
        g.add(&vol, rdf::TYPE.into(), rico("RecordSet"));
        g.text(&vol, dc("identifier"), v);
        g.text(&vol, s("isPartOf"), "Foreign Relations of the United States");
    }
    for (p, party) in [
        ("sender", &doc.heading.sender),
        ("recipient", &doc.heading.addressee),
    ] {
        if let Some(party) = party {
            let node = party_node(&mut g, party, iris);
            g.add(&d, s(p), node.clone());
            g.add(&d, rico(if p == "sender" { "hasAuthor" } else { "hasAddressee" }), node);
        }
    }
    if let Some(date) = &doc.date {
        let lit = date_literal(&date.date);
        g.add(&d, s("dateSent"), lit.clone());
        g.add(&d, dc("date"), lit);
        g.text(&d, fl("dateEvidence"), &date.evidence.reason());
        g.text(
            &d,
            fl("dateCertainty"),
            if date.evidence.is_inferred() { "inferred" } else { "stated" },
        );
    }
    if let Some(place) = doc.dateline.as_ref().and_then(|dl| dl.place.as_deref()) {
        let p = nn(iris.entity("place", place));
        g.add(&d, s("locationCreated"), p.clone());
        g.add(&p, rdf::TYPE.into(), s("Place"));
        g.text(&p, s("name"), place);
    }
    if let Some(sn) = &doc.source_note {
        g.text(&d, dc("source"), &sn.citation);
        let orig = nn(format!("{}#archival-record", g.name.as_str()));
        g.add(&d, prov("wasDerivedFrom"), orig.clone());
        g.add(&orig, rdf::TYPE.into(), rico("Record"));
        g.text(&orig, rico("name"), &sn.citation);
        if let Some(n) = &sn.file_number {
            g.text(&orig, rico("identifier"), n);
        }
        if let Some(r) = &sn.repository {
            let repo = nn(iris.entity("org", r));
            g.add(&orig, rico("hasOrHadHolder"), repo.clone());
            g.add(&repo, rdf::TYPE.into(), rico("CorporateBody"));
            g.add(&repo, rdf::TYPE.into(), s("Organization"));
            g.text(&repo, s("name"), r);
            if let Some(f) = &sn.file {
                let file = nn(format!("{}/{}", iris.entity("org", r), slug(f)));
                g.add(&orig, rico("isOrWasIncludedIn"), file.clone());
                g.add(&file, rdf::TYPE.into(), rico("RecordSet"));
                g.text(&file, rico("name"), f);
                g.add(&file, rico("hasOrHadHolder"), repo);
            }
        }
        if let Some(c) = &sn.classification {
            g.text(&d, fl("classification"), c);
        }
        for h in &sn.handling {
            g.text(&d, fl("handling"), h);
        }
    }
    let pages: Vec<u32> = doc.page_breaks().iter().filter_map(|p| p.parse().ok()).collect();
    if let (Some(first), Some(last)) = (pages.first(), pages.last()) {
        g.text(&d, s("pageStart"), &first.saturating_sub(1).max(1).to_string());
        g.text(&d, s("pageEnd"), &last.to_string());
    }
    for p in doc.page_breaks() {
        let node = nn(format!("{}#page-{}", g.name.as_str(), p));
        g.add(&d, fl("pageBreak"), node.clone());
        g.add(&node, rdf::TYPE.into(), fl("PageBreak"));
        g.text(&node, s("pagination"), &p);
    }
    for note in &doc.notes {
        let node = nn(format!("{}#fn{}", g.name.as_str(), note.n));
        g.add(&d, fl("footnote"), node.clone());
        g.add(&node, rdf::TYPE.into(), fl(if note.is_source { "SourceNote" } else { "Footnote" }));
        g.add(&node, s("position"), Literal::from(i64::from(note.n)));
        g.text(&node, s("text"), &note.text);
        g.text(&node, fl("teiId"), &format!("d{}_fn{}", doc.number, note.n));
    }
    g
}

fn party_node(g: &mut Graph, p: &Party, iris: &Iris) -> NamedNode {
    match p.kind {
        PartyKind::Person => {
            let name = p.name.as_deref().unwrap_or(&p.phrase);
            let node = nn(iris.entity("person", name));
            g.add(&node, rdf::TYPE.into(), s("Person"));
            g.text(&node, s("name"), name);
            if let Some(o) = &p.office {
                g.text(&node, s("jobTitle"), o);
            }
            node
        }
        PartyKind::Organization => {
            let name = p.office.as_deref().unwrap_or(&p.phrase);
            let node = nn(iris.entity("org", name));
            g.add(&node, rdf::TYPE.into(), s("Organization"));
            g.text(&node, s("name"), name);
            node
        }
    }
}

/// RDF formats frus-ld writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
}

impl Syntax {
    pub fn format(self) -> RdfFormat {
        match self {
            Syntax::Turtle => RdfFormat::Turtle,
            Syntax::NTriples => RdfFormat::NTriples,
            Syntax::NQuads => RdfFormat::NQuads,
            Syntax::TriG => RdfFormat::TriG,
            Syntax::RdfXml => RdfFormat::RdfXml,
        }
    }
}

/// Serializes graphs: in their named graphs for N-Quads and TriG, merged
/// in the default graph otherwise.
pub fn serialize(graphs: &[Graph], syntax: Syntax) -> Vec<u8> {
    let mut ser = RdfSerializer::from_format(syntax.format());
    if matches!(syntax, Syntax::Turtle | Syntax::TriG | Syntax::RdfXml) {
        for (p, iri) in PREFIXES {
            ser = ser.with_prefix(p, iri).expect("valid prefix");
        }
    }
    let mut w = ser.for_writer(Vec::new());
    let named = syntax.format().supports_datasets();
    for g in graphs {
        if named {
            for q in g.quads() {
                w.serialize_quad(&q).expect("writing to memory");
            }
        } else {
            for t in &g.triples {
                w.serialize_triple(t).expect("writing to memory");
            }
        }
    }
    w.finish().expect("writing to memory")
}
