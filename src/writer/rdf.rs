//! Writes a [`Document`] as RDF: schema.org, Dublin Core, RiC-O and
//! frus-ld's own vocabulary (`vocab/frus-ld.ttl`), through oxigraph's
//! serializers.

use crate::iri::{slug, Iris, VOCAB};
use crate::model::*;
use crate::writer::tei::entity_iri;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term, Triple,
};

use crate::vocab::{dcterms as dc, fl, iri as nn, oa, prov, rico, schema as s};
pub use crate::vocab::{DCTERMS, EDTF, GEO, OA, OWL, PROV, RICO, SCHEMA, SKOS, WD};

/// The prefixes every serialization declares.
pub const PREFIXES: [(&str, &str); 14] = [
    ("oa", OA),
    ("owl", OWL),
    ("skos", SKOS),
    ("geo", GEO),
    ("wd", WD),
    ("fla", crate::iri::DEFAULT_BASE),
    ("schema", SCHEMA),
    ("dcterms", DCTERMS),
    ("rico", RICO),
    ("prov", PROV),
    ("fl", VOCAB),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("hsg", crate::iri::HSG),
];

/// Triples kept once each, in the order they were first added.
pub type TripleSet = indexmap::IndexSet<Triple, rustc_hash::FxBuildHasher>;

/// The triples of one document, in a fixed order.
pub struct Graph {
    /// The document's IRI, also the name of its graph in a store.
    pub name: NamedNode,
    /// What the document says: its metadata, footnotes, mentions.
    pub triples: TripleSet,
    /// The name of the graph that holds what many documents share.
    pub shared_name: NamedNode,
    /// Descriptions of persons, places, organizations, volumes and the like,
    /// which every document that mentions them repeats: in a store they go
    /// to one shared graph, so that a query over all graphs sees them once.
    pub shared: TripleSet,
}

impl Graph {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.triples
            .insert(Triple::new(NamedOrBlankNode::from(s.clone()), p, o.into()));
    }

    fn text(&mut self, s: &NamedNode, p: NamedNode, o: &str) {
        self.add(s, p, Literal::new_simple_literal(o));
    }

    fn shared_add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.shared
            .insert(Triple::new(NamedOrBlankNode::from(s.clone()), p, o.into()));
    }

    fn shared_text(&mut self, s: &NamedNode, p: NamedNode, o: &str) {
        self.shared_add(s, p, Literal::new_simple_literal(o));
    }

    /// The document's triples in its named graph, then the shared ones in
    /// the shared graph.
    pub fn quads(&self) -> impl Iterator<Item = QuadRef<'_>> + '_ {
        let g = GraphNameRef::NamedNode(self.name.as_ref());
        let sh = GraphNameRef::NamedNode(self.shared_name.as_ref());
        self.triples
            .iter()
            .map(move |t| t.as_ref().in_graph(g))
            .chain(self.shared.iter().map(move |t| t.as_ref().in_graph(sh)))
    }

    /// [`quads`](Self::quads), owned.
    pub fn into_quads(self) -> impl Iterator<Item = Quad> {
        let g = GraphName::NamedNode(self.name);
        let sh = GraphName::NamedNode(self.shared_name);
        self.triples
            .into_iter()
            .map(move |t| t.in_graph(g.clone()))
            .chain(self.shared.into_iter().map(move |t| t.in_graph(sh.clone())))
    }

    /// All triples, the document's and the shared ones.
    pub fn all_triples(&self) -> impl Iterator<Item = &Triple> {
        self.triples.iter().chain(self.shared.iter())
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

/// What a document's graph holds besides the document's own description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphOptions {
    /// Each mention of an entity as a Web Annotation (the words, where they
    /// stand in the TEI, the rule that found them): about half of a
    /// document's quads. Without them the document still links to every
    /// entity it mentions (`schema:mentions`).
    pub annotations: bool,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions { annotations: true }
    }
}

/// Builds the RDF graph of a document, with every mention annotated.
pub fn graph(doc: &Document, iris: &Iris) -> Graph {
    graph_with(doc, iris, GraphOptions::default())
}

/// Builds the RDF graph of a document, holding what `options` ask for.
pub fn graph_with(doc: &Document, iris: &Iris, options: GraphOptions) -> Graph {
    let d = nn(iris.document(doc));
    let mut g = Graph {
        name: d.clone(),
        triples: TripleSet::default(),
        shared_name: nn(iris.shared_graph()),
        shared: TripleSet::default(),
    };
    g.add(&d, rdf::TYPE.into(), s("Message"));
    g.add(&d, rdf::TYPE.into(), rico("Record"));
    let title = plain_text(&doc.heading.content).trim().to_string();
    g.add(
        &d,
        dc("title"),
        Literal::new_language_tagged_literal_unchecked(&title, "en"),
    );
    g.text(&d, dc("identifier"), &format!("d{}", doc.number));
    g.add(&d, s("position"), Literal::from(i64::from(doc.number)));
    g.text(&d, fl("documentKind"), doc.heading.kind.token());
    g.text(&d, dc("type"), &doc.heading.kind_text);
    if let Some(v) = &doc.volume {
        let vol = nn(iris.volume(v));
        g.add(&d, dc("isPartOf"), vol.clone());
        g.add(&d, rico("isOrWasIncludedIn"), vol.clone());
        g.shared_add(&vol, rdf::TYPE.into(), s("PublicationVolume"));
        g.shared_add(&vol, rdf::TYPE.into(), rico("RecordSet"));
        g.shared_text(&vol, dc("identifier"), v);
        g.shared_text(
            &vol,
            s("isPartOf"),
            "Foreign Relations of the United States",
        );
    }
    for (p, party) in [
        ("sender", &doc.heading.sender),
        ("recipient", &doc.heading.addressee),
    ] {
        if let Some(party) = party {
            let node = match party.entity.as_deref().and_then(|k| doc.entity(k)) {
                Some(e) => nn(entity_iri(e, iris)),
                None => party_node(&mut g, party, iris),
            };
            g.add(&d, s(p), node.clone());
            g.add(
                &d,
                rico(if p == "sender" {
                    "hasAuthor"
                } else {
                    "hasAddressee"
                }),
                node,
            );
        }
    }
    if let Some(date) = &doc.date {
        match date.not_after {
            // only a range is known: an EDTF interval, no single sent date
            Some(last) => {
                g.add(
                    &d,
                    dc("date"),
                    Literal::new_typed_literal(
                        format!("{}/{}", date.date.iso(), last.iso()),
                        nn(EDTF),
                    ),
                );
            }
            None => {
                let lit = date_literal(&date.date);
                g.add(&d, s("dateSent"), lit.clone());
                g.add(&d, dc("date"), lit);
            }
        }
        g.text(&d, fl("dateEvidence"), &date.evidence.reason());
        g.text(
            &d,
            fl("dateCertainty"),
            if date.evidence.is_inferred() {
                "inferred"
            } else {
                "stated"
            },
        );
    }
    for run in doc.inline_runs() {
        date_mentions(&mut g, doc, &d, run);
    }
    if let Some(place) = doc.dateline.as_ref().and_then(|dl| dl.place.as_deref()) {
        let p = nn(iris.entity("place", place));
        g.add(&d, s("locationCreated"), p.clone());
        g.shared_add(&p, rdf::TYPE.into(), s("Place"));
        g.shared_text(&p, s("name"), place);
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
            g.shared_add(&repo, rdf::TYPE.into(), rico("CorporateBody"));
            g.shared_add(&repo, rdf::TYPE.into(), s("Organization"));
            g.shared_text(&repo, s("name"), r);
            if let Some(f) = &sn.file {
                let file = nn(format!("{}/{}", iris.entity("org", r), slug(f)));
                g.add(&orig, rico("isOrWasIncludedIn"), file.clone());
                g.shared_add(&file, rdf::TYPE.into(), rico("RecordSet"));
                g.shared_text(&file, rico("name"), f);
                g.shared_add(&file, rico("hasOrHadHolder"), repo);
            }
        }
        if let Some(c) = &sn.classification {
            g.text(&d, fl("classification"), c);
        }
        for h in &sn.handling {
            g.text(&d, fl("handling"), h);
        }
    }
    let pages: Vec<u32> = doc
        .page_breaks()
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect();
    if let (Some(first), Some(last)) = (pages.first(), pages.last()) {
        g.text(
            &d,
            s("pageStart"),
            &first.saturating_sub(1).max(1).to_string(),
        );
        g.text(&d, s("pageEnd"), &last.to_string());
    }
    for p in doc.page_breaks() {
        let node = nn(format!("{}#page-{}", g.name.as_str(), p));
        g.add(&d, fl("pageBreak"), node.clone());
        g.add(&node, rdf::TYPE.into(), fl("PageBreak"));
        g.text(&node, s("pagination"), &p);
    }
    if doc.heading.sender.is_none() {
        if let Some(e) = doc.signed_by.as_deref().and_then(|k| doc.entity(k)) {
            g.add(&d, s("sender"), nn(entity_iri(e, iris)));
            g.add(&d, rico("hasAuthor"), nn(entity_iri(e, iris)));
        }
    }
    provenance(&mut g, doc, &d, iris);
    entities(&mut g, doc, &d, iris);
    let tei = tei_description(&mut g, doc, &d, iris);
    if options.annotations {
        mentions(&mut g, doc, &d, &tei, iris);
    }
    for note in &doc.notes {
        let node = nn(iris.footnote(doc.volume.as_deref(), doc.number, note.n));
        g.add(&d, fl("footnote"), node.clone());
        g.add(
            &node,
            rdf::TYPE.into(),
            fl(if note.is_source {
                "SourceNote"
            } else {
                "Footnote"
            }),
        );
        g.add(&node, s("position"), Literal::from(i64::from(note.n)));
        g.text(&node, s("text"), &note.text);
        g.text(&node, fl("teiId"), &format!("d{}_fn{}", doc.number, note.n));
    }
    cross_references(&mut g, doc, &d, iris);
    g
}

/// What the document cites of its volume ("See footnote 6, Document 5"):
/// the footnote or text that cites, `dcterms:references` the document or
/// footnote cited, and the document `dcterms:references` each document it
/// cites.
fn cross_references(g: &mut Graph, doc: &Document, d: &NamedNode, iris: &Iris) {
    let runs = doc.inline_runs();
    let in_text = runs.len() - doc.notes.len();
    let volume = doc.volume.as_deref();
    for (i, run) in runs.into_iter().enumerate() {
        let citing = match i.checked_sub(in_text) {
            Some(k) => nn(iris.footnote(volume, doc.number, doc.notes[k].n)),
            None => d.clone(),
        };
        for r in run.iter().filter_map(|x| match x {
            Inline::CrossRef(r) => Some(r),
            _ => None,
        }) {
            for &n in &r.documents {
                // the document's own link to each cited document is below
                if r.note.is_some() || citing != *d {
                    g.add(&citing, dc("references"), nn(iris.cited(volume, n, r.note)));
                }
                g.add(d, dc("references"), nn(iris.document_numbered(volume, n)));
            }
        }
    }
}

fn entities(g: &mut Graph, doc: &Document, d: &NamedNode, iris: &Iris) {
    for e in &doc.entities {
        let node = nn(entity_iri(e, iris));
        let (class, extra) = match e.kind() {
            EntityKind::Person => ("Person", None),
            EntityKind::Place => ("Place", None),
            EntityKind::Organization => ("Organization", None),
            EntityKind::Treaty => ("Legislation", None),
            EntityKind::Term => ("DefinedTerm", Some(fl("Abbreviation"))),
        };
        g.shared_add(&node, rdf::TYPE.into(), s(class));
        if let Some(x) = extra {
            g.shared_add(&node, rdf::TYPE.into(), x);
        }
        g.shared_text(&node, s("name"), &e.name);
        if let Some(x) = &e.expansion {
            if x != &e.name {
                g.shared_text(&node, s("alternateName"), x);
            }
            if e.kind() == EntityKind::Term {
                g.shared_text(&node, s("description"), x);
            }
        }
        if let Some(q) = &e.wikidata {
            g.shared_add(&node, nn(format!("{OWL}sameAs")), nn(format!("{WD}{q}")));
        }
        if let (Some(id), Some(v)) = (&e.frus_id, &doc.volume) {
            // the entry of the volume's list
            let entry = nn(format!("{}#{id}", iris.volume(v)));
            g.shared_add(&node, fl("frusListEntry"), entry.clone());
            g.shared_text(&entry, dc("identifier"), id);
            if let Some(label) = &e.list_label {
                g.shared_text(&entry, rdfs::LABEL.into(), label);
            }
            if let Some(desc) = &e.description {
                g.shared_text(&entry, s("description"), desc);
            }
        }
        g.shared_add(&node, fl("linked"), Literal::from(e.is_linked()));
        if let Some((lat, lon)) = e.coordinates {
            let geom = nn(format!("{}#geometry", node.as_str()));
            g.shared_add(&node, nn(format!("{GEO}hasGeometry")), geom.clone());
            g.shared_add(
                &geom,
                nn(format!("{GEO}asWKT")),
                Literal::new_typed_literal(
                    format!("POINT({lon} {lat})"),
                    nn(format!("{GEO}wktLiteral")),
                ),
            );
            g.shared_add(
                &node,
                s("latitude"),
                Literal::new_typed_literal(lat.to_string(), xsd::DECIMAL),
            );
            g.shared_add(
                &node,
                s("longitude"),
                Literal::new_typed_literal(lon.to_string(), xsd::DECIMAL),
            );
        }
        if let Some(t) = &e.treaty {
            if let Some(x) = &t.signed {
                g.shared_add(&node, s("legislationDate"), date_or_text(x));
            }
            if let Some(x) = &t.in_force {
                g.shared_add(&node, fl("entryIntoForce"), date_or_text(x));
            }
            if let Some(x) = &t.signed_at {
                g.shared_text(&node, fl("placeOfSignature"), x);
            }
            if let Some(x) = &t.citation {
                g.shared_text(&node, fl("citation"), x);
            }
            for p in &t.parties {
                g.shared_text(&node, fl("partyName"), p);
            }
        }
        for (i, r) in e.roles.iter().enumerate() {
            let role = nn(format!("{}#role-{}", node.as_str(), i + 1));
            g.shared_add(&node, s("hasOccupation"), role.clone());
            g.shared_add(&role, rdf::TYPE.into(), s("Role"));
            g.shared_text(&role, s("roleName"), &r.office);
            if let Some(o) = &r.organization {
                g.shared_text(&role, fl("organizationName"), o);
            }
            if let Some(f) = &r.from {
                g.shared_add(&role, s("startDate"), date_or_text(f));
            }
            if let Some(t) = &r.to {
                g.shared_add(&role, s("endDate"), date_or_text(t));
            }
        }
        // a place also by the property for the places a work is about,
        // so that a question about places (a map of a month's documents)
        // reads only the place links, not every mention
        if e.kind() == EntityKind::Place {
            g.add(d, s("contentLocation"), node.clone());
        }
        g.add(d, s("mentions"), node);
    }
}

/// Every date expression of a run: its words, its TEI id and its value.
fn date_mentions(g: &mut Graph, doc: &Document, d: &NamedNode, run: &[Inline]) {
    for i in run {
        match i {
            Inline::Date(dm) => {
                let node = nn(joined(&[d.as_str(), "#t", &dm.id.to_string()]));
                let value = match &dm.value.when {
                    Some(w) => date_or_text(w),
                    None => Literal::new_typed_literal(&dm.value.edtf, nn(EDTF)),
                };
                g.add(d, fl("mentionsDate"), value.clone());
                g.add(&node, rdf::TYPE.into(), fl("DateMention"));
                g.add(&node, s("isPartOf"), d.clone());
                g.text(&node, s("text"), &dm.text);
                g.add(&node, fl("date"), value);
                g.text(
                    &node,
                    fl("teiId"),
                    &joined(&["d", &doc.number.to_string(), "_t", &dm.id.to_string()]),
                );
            }
            Inline::Mention(m) => date_mentions(g, doc, d, &m.parts),
            _ => {}
        }
    }
}

/// "1958-04-18" as `xsd:date`, "1958-04" as `xsd:gYearMonth`, "1958" as `xsd:gYear`.
fn date_or_text(x: &str) -> Literal {
    let dt = match x.len() {
        10 => xsd::DATE,
        7 => xsd::G_YEAR_MONTH,
        4 => xsd::G_YEAR,
        _ => xsd::STRING,
    };
    Literal::new_typed_literal(x, dt)
}

/// How the graph came about: frus-ld of this version read this input
/// (its file name, which is all that stays the same across machines).
fn provenance(g: &mut Graph, doc: &Document, d: &NamedNode, iris: &Iris) {
    let agent = nn(format!(
        "{}agent/frus-ld/{}",
        iris.base(),
        env!("CARGO_PKG_VERSION")
    ));
    let activity = nn(format!("{}#conversion", d.as_str()));
    let input = std::path::Path::new(&doc.source_path)
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    g.add(d, prov("wasGeneratedBy"), activity.clone());
    g.add(d, prov("wasAttributedTo"), agent.clone());
    g.add(&activity, rdf::TYPE.into(), prov("Activity"));
    g.add(&activity, prov("wasAssociatedWith"), agent.clone());
    g.shared_add(&agent, rdf::TYPE.into(), prov("SoftwareAgent"));
    g.shared_text(
        &agent,
        s("name"),
        concat!("frus-ld ", env!("CARGO_PKG_VERSION")),
    );
    g.text(
        &activity,
        s("description"),
        &format!(
            "read from the {} web text {input}",
            match doc.form {
                TextForm::Web => "footnote-list",
                TextForm::Alt => "dateline",
            }
        ),
    );
    if let Some(v) = &doc.volume {
        g.add(
            &activity,
            prov("used"),
            nn(format!("{}/d{}", iris.volume(v), doc.number)),
        );
    }
}

/// The document's TEI encoding, which the annotations' targets are part of;
/// its IRI.
fn tei_description(g: &mut Graph, doc: &Document, d: &NamedNode, iris: &Iris) -> NamedNode {
    let tei = nn(iris.tei(doc));
    g.add(&tei, rdf::TYPE.into(), s("DigitalDocument"));
    g.add(&tei, s("about"), d.clone());
    g.text(&tei, s("encodingFormat"), "application/tei+xml");
    tei
}

/// Each mention as a Web Annotation, in the fewest triples the model
/// allows: the entity is the body; the target is the TEI element, named by
/// its `xml:id` as the fragment of the TEI document's IRI (RFC 7303), a
/// specific resource of that document selected by the quoted words. The
/// rule that found it is the annotation's own provenance; the rest (frus-ld
/// made it, converting this input) is the provenance of the document's
/// graph, which holds every annotation of the document.
fn mentions(g: &mut Graph, doc: &Document, d: &NamedNode, tei: &NamedNode, iris: &Iris) {
    // what every annotation repeats, made once (a document has some sixty)
    let annotation_prefix = format!("{}#m", d.as_str());
    let target_prefix = format!("{}#d{}_m", tei.as_str(), doc.number);
    let [ty, has_body, has_target, rule, has_source, has_selector, exact] = [
        rdf::TYPE.into_owned(),
        oa("hasBody"),
        oa("hasTarget"),
        fl("rule"),
        oa("hasSource"),
        oa("hasSelector"),
        oa("exact"),
    ];
    let [annotation, specific_resource, quote_selector] = [
        oa("Annotation"),
        oa("SpecificResource"),
        oa("TextQuoteSelector"),
    ];
    // entities by key, each IRI made once
    let mut bodies: rustc_hash::FxHashMap<&str, NamedNode> = Default::default();
    for e in &doc.entities {
        // the first of a key, as `Document::entity` finds it
        bodies
            .entry(e.key.as_str())
            .or_insert_with(|| nn(entity_iri(e, iris)));
    }
    for run in doc.inline_runs() {
        for m in crate::extract::mentions(run) {
            let Some(body) = bodies.get(m.entity.as_str()) else {
                continue;
            };
            let id = m.id.to_string();
            let a = nn(joined(&[&annotation_prefix, &id]));
            let target = nn(joined(&[&target_prefix, &id]));
            let quote = nn(joined(&[&annotation_prefix, &id, "-quote"]));
            g.add(&a, ty.clone(), annotation.clone());
            g.add(&a, has_body.clone(), body.clone());
            g.add(&a, has_target.clone(), target.clone());
            g.text(&a, rule.clone(), m.rule);
            g.add(&target, ty.clone(), specific_resource.clone());
            g.add(&target, has_source.clone(), tei.clone());
            g.add(&target, has_selector.clone(), quote.clone());
            g.add(&quote, ty.clone(), quote_selector.clone());
            g.text(&quote, exact.clone(), &m.text);
        }
    }
}

/// The parts, one after the other, in a string of just their length.
fn joined(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

fn party_node(g: &mut Graph, p: &Party, iris: &Iris) -> NamedNode {
    match p.kind {
        PartyKind::Person => {
            let name = p.name.as_deref().unwrap_or(&p.phrase);
            let node = nn(iris.entity("person", name));
            g.shared_add(&node, rdf::TYPE.into(), s("Person"));
            g.shared_text(&node, s("name"), name);
            if let Some(o) = &p.office {
                g.shared_text(&node, s("jobTitle"), o);
            }
            node
        }
        PartyKind::Organization => {
            let name = p.office.as_deref().unwrap_or(&p.phrase);
            let node = nn(iris.entity("org", name));
            g.shared_add(&node, rdf::TYPE.into(), s("Organization"));
            g.shared_text(&node, s("name"), name);
            node
        }
    }
}

/// Adds the document's TEI to its graph, as the text of the TEI resource, so
/// that a store holds everything a reader of the document needs.
pub fn attach_tei(g: &mut Graph, doc: &Document, tei: &[u8], iris: &Iris) {
    let node = nn(iris.tei(doc));
    g.text(&node, s("text"), &String::from_utf8_lossy(tei));
}

/// Adds the text the document was read from to its graph, as the
/// `schema:text` of a source resource, so that a store can give back (and
/// package) the very input it was built from.
pub fn attach_source(g: &mut Graph, doc: &Document, file_name: &str, text: &str, iris: &Iris) {
    let node = nn(iris.source(doc));
    let d = g.name.clone();
    g.add(&node, rdf::TYPE.into(), s("DigitalDocument"));
    g.add(&node, s("about"), d);
    g.text(&node, s("encodingFormat"), "text/plain");
    g.text(&node, s("name"), file_name);
    g.text(&node, s("text"), text);
}

/// RDF formats frus-ld writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
    /// JSON-LD, with the prefixes of `vocab/context.jsonld` as its context.
    JsonLd,
}

impl Syntax {
    pub fn format(self) -> RdfFormat {
        match self {
            Syntax::Turtle => RdfFormat::Turtle,
            Syntax::NTriples => RdfFormat::NTriples,
            Syntax::NQuads => RdfFormat::NQuads,
            Syntax::TriG => RdfFormat::TriG,
            Syntax::RdfXml => RdfFormat::RdfXml,
            Syntax::JsonLd => RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        }
    }
}

/// Serializes graphs: in their named graphs for N-Quads and TriG, merged
/// in the default graph otherwise.
pub fn serialize(graphs: &[Graph], syntax: Syntax) -> Vec<u8> {
    // room for the whole output at once: a line of N-Quads is about 200 bytes
    let triples: usize = graphs
        .iter()
        .map(|g| g.triples.len() + g.shared.len())
        .sum();
    match syntax {
        Syntax::NQuads => {
            let mut out = Vec::with_capacity(triples * 256);
            for q in graphs.iter().flat_map(Graph::quads) {
                crate::writer::nquads::write_quad(q, &mut out);
            }
            return out;
        }
        Syntax::NTriples => {
            let mut out = Vec::with_capacity(triples * 256);
            for t in graphs.iter().flat_map(Graph::all_triples) {
                crate::writer::nquads::write_triple(t.as_ref(), &mut out);
            }
            return out;
        }
        _ => {}
    }
    let mut ser = RdfSerializer::from_format(syntax.format());
    if matches!(
        syntax,
        Syntax::Turtle | Syntax::TriG | Syntax::RdfXml | Syntax::JsonLd
    ) {
        for (p, iri) in PREFIXES {
            ser = ser.with_prefix(p, iri).expect("valid prefix");
        }
    }
    let mut w = ser.for_writer(Vec::with_capacity(triples * 256));
    let named = syntax.format().supports_datasets();
    for g in graphs {
        if named {
            for q in g.quads() {
                w.serialize_quad(q).expect("writing to memory");
            }
        } else {
            for t in g.all_triples() {
                w.serialize_triple(t).expect("writing to memory");
            }
        }
    }
    w.finish().expect("writing to memory")
}
