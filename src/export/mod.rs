//! Exports of what a store holds, in the formats archives and aggregators
//! ingest: BagIt packages ([`bag`]), CMIF for correspSearch ([`cmif`]),
//! EAD3 finding aids and EAC-CPF records ([`ead`]).
//!
//! Exports are writers of the RDF the store holds: they read the store
//! through the Oxigraph API and never go back to the source files. This
//! module finds the documents of a store (or of one volume of it) and what
//! the exports say about them; each format is its own module.

pub mod bag;
pub mod cmif;
pub mod ead;

use crate::vocab::{dcterms, fl, iri as nn, schema, OWL};
use anyhow::{anyhow, bail, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, Term,
    TermRef,
};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The name and version frus-ld gives itself in what it exports.
pub const AGENT: &str = concat!("frus-ld ", env!("CARGO_PKG_VERSION"));

/// The organization whose records the documents are.
pub const SOURCE_ORGANIZATION: &str = "Office of the Historian, U.S. Department of State";

/// Opens a store for an export: read-only, so that an export sees one
/// state of the store and can run beside a server or another export.
pub fn open_store(path: &Path) -> Result<Store> {
    // an Oxigraph (RocksDB) store always has a CURRENT file
    if !path.is_dir() || !path.join("CURRENT").is_file() {
        bail!(
            "{}: no store here (run `frus-ld load` first, or give --store)",
            path.display()
        );
    }
    Store::open_read_only(path)
        .map_err(|e| anyhow!("{}: cannot open the store: {e}", path.display()))
}

/// The day an export is made: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, else today (UTC).
pub fn export_date() -> Result<chrono::NaiveDate> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| anyhow!("SOURCE_DATE_EPOCH={v:?}: not a number of seconds"))?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .ok_or_else(|| anyhow!("SOURCE_DATE_EPOCH={secs}: out of range"))
}

/// An address given on the command line: an absolute http(s) IRI.
pub fn check_url(u: &str) -> Result<String> {
    let n = NamedNode::new(u).map_err(|e| anyhow!("--url {u}: not an IRI: {e}"))?;
    if !(u.starts_with("http://") || u.starts_with("https://")) {
        bail!("--url {u}: give an http or https address");
    }
    Ok(n.into_string())
}

/// The base under which the store's documents were loaded: the prefix of
/// its shared graph (`{base}graph/shared`), else frus-ld's default base.
pub fn store_base(store: &Store) -> Result<String> {
    let mut bases = BTreeSet::new();
    for g in store.named_graphs() {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g? {
            if let Some(b) = n.as_str().strip_suffix("graph/shared") {
                bases.insert(b.to_string());
            }
        }
    }
    Ok(bases
        .into_iter()
        .next()
        .unwrap_or_else(|| crate::iri::DEFAULT_BASE.to_string()))
}

/// The default address of a CMIF file: `{base}cmif/` and the file's name.
pub fn default_cmif_url(store: &Store, file: &Path) -> Result<String> {
    let name = file
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .filter(|f| is_safe_name(f))
        .unwrap_or_else(|| "cmif.xml".to_string());
    Ok(format!("{}cmif/{name}", store_base(store)?))
}

/// What the store says about one subject: predicate → objects, sorted, so
/// that the first value of a property is always the same one.
#[derive(Debug, Default, Clone)]
pub struct Description(BTreeMap<String, Vec<Term>>);

impl Description {
    /// The subject's triples in `graph`, or in all graphs.
    pub fn of(
        store: &Store,
        subject: NamedNodeRef<'_>,
        graph: Option<NamedNodeRef<'_>>,
    ) -> Result<Self> {
        let mut map: BTreeMap<String, BTreeMap<String, Term>> = BTreeMap::new();
        for q in store.quads_for_pattern(
            Some(NamedOrBlankNodeRef::NamedNode(subject)),
            None,
            None,
            graph.map(GraphNameRef::NamedNode),
        ) {
            let q = q?;
            map.entry(q.predicate.into_string())
                .or_default()
                .insert(q.object.to_string(), q.object);
        }
        Ok(Description(
            map.into_iter()
                .map(|(k, v)| (k, v.into_values().collect()))
                .collect(),
        ))
    }

    /// Only the given properties of the subject, in `graph` or in all
    /// graphs: what a long description (a document's mentions and notes)
    /// would cost to read whole is not read.
    pub fn some(
        store: &Store,
        subject: NamedNodeRef<'_>,
        graph: Option<NamedNodeRef<'_>>,
        props: &[NamedNode],
    ) -> Result<Self> {
        let mut map: BTreeMap<String, Vec<Term>> = BTreeMap::new();
        for p in props {
            let mut objects: BTreeMap<String, Term> = BTreeMap::new();
            for q in store.quads_for_pattern(
                Some(NamedOrBlankNodeRef::NamedNode(subject)),
                Some(p.as_ref()),
                None,
                graph.map(GraphNameRef::NamedNode),
            ) {
                let q = q?;
                objects.insert(q.object.to_string(), q.object);
            }
            if !objects.is_empty() {
                map.insert(p.as_str().to_string(), objects.into_values().collect());
            }
        }
        Ok(Description(map))
    }

    pub fn all(&self, p: &NamedNode) -> &[Term] {
        self.0.get(p.as_str()).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The first literal of a property, as text.
    pub fn text(&self, p: &NamedNode) -> Option<String> {
        self.all(p).iter().find_map(|t| match t {
            Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        })
    }

    pub fn literal(&self, p: &NamedNode) -> Option<&Literal> {
        self.all(p).iter().find_map(|t| match t {
            Term::Literal(l) => Some(l),
            _ => None,
        })
    }

    /// The IRIs a property points to.
    pub fn iris(&self, p: &NamedNode) -> Vec<NamedNode> {
        self.all(p)
            .iter()
            .filter_map(|t| match t {
                Term::NamedNode(n) => Some(n.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn has_type(&self, class: &NamedNode) -> bool {
        self.all(&rdf::TYPE.into_owned())
            .iter()
            .any(|t| matches!(t, Term::NamedNode(n) if n == class))
    }
}

/// A date as CMIF, EAD and EAC-CPF write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocDate {
    /// One day, month or year: `1958-04-18`, `1958-04`, `1958`.
    When(String),
    /// Only the earliest and latest possible days are known.
    Between(String, String),
}

/// Whether `s` is a W3C date, year-month or year (four-digit years), and a
/// real one: `1958-02-30` is not.
pub fn is_w3c_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        }
        10 => {
            digits(0..4)
                && b[4] == b'-'
                && b[7] == b'-'
                && digits(5..7)
                && digits(8..10)
                && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        _ => false,
    }
}

impl DocDate {
    /// The date of a literal: an `xsd:date`, `xsd:gYearMonth` or `xsd:gYear`,
    /// or an EDTF interval `a/b` of two such dates; anything else is no date.
    pub fn from_literal(l: &Literal) -> Option<DocDate> {
        let v = l.value();
        if let Some((a, b)) = v.split_once('/') {
            return (is_w3c_date(a) && is_w3c_date(b) && a <= b)
                .then(|| DocDate::Between(a.to_string(), b.to_string()));
        }
        let typed = [xsd::DATE, xsd::G_YEAR_MONTH, xsd::G_YEAR, xsd::STRING]
            .iter()
            .any(|t| *t == l.datatype())
            || l.datatype().as_str() == crate::writer::rdf::EDTF;
        (typed && is_w3c_date(v)).then(|| DocDate::When(v.to_string()))
    }

    /// The earliest day, for sorting and ranges.
    pub fn first(&self) -> &str {
        match self {
            DocDate::When(w) => w,
            DocDate::Between(a, _) => a,
        }
    }

    /// The latest day, for ranges.
    pub fn last(&self) -> &str {
        match self {
            DocDate::When(w) => w,
            DocDate::Between(_, b) => b,
        }
    }
}

/// A person or an organization that sends or receives a document.
#[derive(Debug, Clone)]
pub struct Agent {
    pub iri: String,
    pub name: String,
    pub is_person: bool,
    /// Authority records of the same entity (`owl:sameAs`): Wikidata, VIAF, GND…
    pub same_as: Vec<String>,
}

/// A place a document was written in.
#[derive(Debug, Clone)]
pub struct Place {
    pub iri: String,
    pub name: String,
    pub same_as: Vec<String>,
}

impl Agent {
    fn read(store: &Store, iri: &NamedNode) -> Result<Agent> {
        let d = Description::of(store, iri.as_ref(), None)?;
        Ok(Agent {
            iri: iri.as_str().to_string(),
            name: d
                .text(&schema("name"))
                .unwrap_or_else(|| last_segment(iri.as_str()).to_string()),
            is_person: d.has_type(&schema("Person")),
            same_as: same_as(&d),
        })
    }

    /// The Wikidata, VIAF or GND record the agent is the same as, in that order.
    pub fn authority(&self) -> Option<&str> {
        authority_ref(&self.same_as)
    }
}

fn same_as(d: &Description) -> Vec<String> {
    d.iris(&nn(format!("{OWL}sameAs")))
        .into_iter()
        .map(|n| n.into_string())
        .collect()
}

/// The first Wikidata, then VIAF, then GND identifier of a list of IRIs.
pub fn authority_ref(same_as: &[String]) -> Option<&str> {
    [
        "http://www.wikidata.org/entity/",
        "https://www.wikidata.org/entity/",
        "http://viaf.org/viaf/",
        "https://viaf.org/viaf/",
        "http://d-nb.info/gnd/",
        "https://d-nb.info/gnd/",
    ]
    .iter()
    .find_map(|p| same_as.iter().find(|s| s.starts_with(p)))
    .map(String::as_str)
}

/// The GeoNames record among a list of IRIs.
pub fn geonames_ref(same_as: &[String]) -> Option<&str> {
    same_as
        .iter()
        .find(|s| {
            [
                "http://sws.geonames.org/",
                "https://sws.geonames.org/",
                "http://www.geonames.org/",
                "https://www.geonames.org/",
            ]
            .iter()
            .any(|p| s.starts_with(p))
        })
        .map(String::as_str)
}

/// The last path segment of an IRI: `…/frus1958-60v18/d11` → `d11`.
pub fn last_segment(iri: &str) -> &str {
    iri.trim_end_matches('/')
        .rsplit(['/', '#'])
        .next()
        .unwrap_or(iri)
}

/// A document of the store and what the exports say about it.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The document's IRI, also the name of its graph.
    pub iri: String,
    /// The volume's identifier (`frus1958-60v18`), when the document has one.
    pub volume: Option<String>,
    /// `d11`.
    pub id: String,
    pub number: Option<i64>,
    pub title: Option<String>,
    /// `letter`, `telegram`, `memorandum`, … (`fl:documentKind`).
    pub kind: Option<String>,
    pub date: Option<DocDate>,
    /// The date was inferred rather than printed.
    pub date_inferred: bool,
    /// The archival citation of the source note.
    pub citation: Option<String>,
    pub classification: Option<String>,
    pub senders: Vec<Agent>,
    pub recipients: Vec<Agent>,
    pub place: Option<Place>,
}

impl Doc {
    fn read(store: &Store, iri: &NamedNode, volumes: &mut VolumeIds) -> Result<Doc> {
        let props = [
            dcterms("isPartOf"),
            schema("position"),
            dcterms("identifier"),
            schema("dateSent"),
            dcterms("date"),
            schema("sender"),
            schema("recipient"),
            schema("locationCreated"),
            dcterms("title"),
            fl("documentKind"),
            fl("dateCertainty"),
            dcterms("source"),
            fl("classification"),
        ];
        let d = Description::some(store, iri.as_ref(), Some(iri.as_ref()), &props)?;
        let volume = match d.iris(&dcterms("isPartOf")).first() {
            Some(v) => Some(volumes.id(store, v)?),
            None => None,
        };
        let number = d
            .literal(&schema("position"))
            .and_then(|l| l.value().parse().ok());
        let id = d
            .text(&dcterms("identifier"))
            .filter(|s| is_safe_name(s))
            .unwrap_or_else(|| match number {
                Some(n) => format!("d{n}"),
                None => safe_name("d", last_segment(iri.as_str())),
            });
        let date = d
            .literal(&schema("dateSent"))
            .and_then(DocDate::from_literal)
            .or_else(|| {
                d.all(&dcterms("date")).iter().find_map(|t| match t {
                    Term::Literal(l) => DocDate::from_literal(l),
                    _ => None,
                })
            });
        let agents = |p: &str| -> Result<Vec<Agent>> {
            d.iris(&schema(p))
                .iter()
                .map(|a| Agent::read(store, a))
                .collect()
        };
        let place = match d.iris(&schema("locationCreated")).first() {
            Some(p) => {
                let pd = Description::of(store, p.as_ref(), None)?;
                pd.text(&schema("name")).map(|name| Place {
                    iri: p.as_str().to_string(),
                    name,
                    same_as: same_as(&pd),
                })
            }
            None => None,
        };
        Ok(Doc {
            iri: iri.as_str().to_string(),
            volume,
            id,
            number,
            title: d.text(&dcterms("title")),
            kind: d.text(&fl("documentKind")),
            date,
            date_inferred: d.text(&fl("dateCertainty")).as_deref() == Some("inferred"),
            citation: d.text(&dcterms("source")),
            classification: d.text(&fl("classification")),
            senders: agents("sender")?,
            recipients: agents("recipient")?,
            place,
        })
    }

    /// The persons the document sends, receives or mentions.
    pub fn persons(&self, store: &Store) -> Result<Vec<String>> {
        let doc = nn(self.iri.clone());
        let d = Description::some(
            store,
            doc.as_ref(),
            Some(doc.as_ref()),
            &[schema("sender"), schema("recipient"), schema("mentions")],
        )?;
        let mut persons = BTreeSet::new();
        for p in ["sender", "recipient", "mentions"] {
            for e in d.iris(&schema(p)) {
                if is_person(store, &e)? {
                    persons.insert(e.into_string());
                }
            }
        }
        Ok(persons.into_iter().collect())
    }

    /// The document's TEI, as the store holds it.
    pub fn tei(&self, store: &Store) -> Result<Option<String>> {
        Ok(attached(store, &self.iri, "application/tei+xml")?.map(|(_, t)| t))
    }

    /// The document's source text and its file name, when the store holds them.
    pub fn source(&self, store: &Store) -> Result<Option<(Option<String>, String)>> {
        attached(store, &self.iri, "text/plain")
    }
}

fn is_person(store: &Store, e: &NamedNode) -> Result<bool> {
    Ok(store
        .quads_for_pattern(
            Some(NamedOrBlankNodeRef::NamedNode(e.as_ref())),
            Some(rdf::TYPE),
            Some(schema("Person").as_ref().into()),
            None,
        )
        .next()
        .transpose()?
        .is_some())
}

/// The name and text of the resource `about` a document, in the document's
/// graph, with the given media type.
fn attached(store: &Store, doc: &str, format: &str) -> Result<Option<(Option<String>, String)>> {
    let doc = nn(doc.to_string());
    let mut found = Vec::new();
    for q in store.quads_for_pattern(
        None,
        Some(schema("about").as_ref()),
        Some(TermRef::NamedNode(doc.as_ref())),
        Some(GraphNameRef::NamedNode(doc.as_ref())),
    ) {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(s) = q?.subject {
            found.push(s);
        }
    }
    found.sort();
    for s in found {
        let d = Description::of(store, s.as_ref(), Some(doc.as_ref()))?;
        if d.text(&schema("encodingFormat")).as_deref() == Some(format) {
            if let Some(text) = d.text(&schema("text")) {
                return Ok(Some((d.text(&schema("name")), text)));
            }
        }
    }
    Ok(None)
}

/// A name that can be a file name and an XML id as it is: `d11`, `frus1958-60v18`.
pub fn is_safe_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A slug of `s` that is a file name and an XML id: prefixed with
/// `prefix-` unless it starts with a letter.
pub(crate) fn safe_name(prefix: &str, s: &str) -> String {
    let slug: String = crate::iri::slug(s).chars().take(150).collect();
    if is_safe_name(&slug) {
        slug
    } else {
        format!("{prefix}-{slug}")
    }
}

/// Volume IRIs and their identifiers, looked up once each.
#[derive(Default)]
struct VolumeIds(BTreeMap<String, String>);

impl VolumeIds {
    fn id(&mut self, store: &Store, v: &NamedNode) -> Result<String> {
        if let Some(id) = self.0.get(v.as_str()) {
            return Ok(id.clone());
        }
        let d = Description::of(store, v.as_ref(), None)?;
        let id = d
            .text(&dcterms("identifier"))
            .filter(|s| is_safe_name(s))
            .unwrap_or_else(|| safe_name("v", last_segment(v.as_str())));
        self.0.insert(v.as_str().to_string(), id.clone());
        Ok(id)
    }
}

/// A FRUS volume as the exports describe it.
#[derive(Debug, Clone)]
pub struct Volume {
    pub id: String,
    pub iri: String,
}

impl Volume {
    /// The volume's title from its identifier: `frus1958-60v18` →
    /// "Foreign Relations of the United States, 1958–1960, Volume XVIII".
    pub fn title(&self) -> String {
        volume_title(&self.id)
    }
}

/// "Foreign Relations of the United States, 1958–1960, Volume XVIII, Part 2"
/// from `frus1958-60v18p2`; the identifier itself when it is not of that shape.
pub fn volume_title(id: &str) -> String {
    const SERIES: &str = "Foreign Relations of the United States";
    let re = regex::Regex::new(r"^frus(\d{4})(?:-(\d{2,4}))?(?:v(\d+))?(?:p(\d+))?(.*)$")
        .expect("valid regex");
    let Some(c) = re.captures(id) else {
        return format!("{SERIES}, {id}");
    };
    let y1 = &c[1];
    let mut out = format!("{SERIES}, {y1}");
    if let Some(y2) = c.get(2) {
        let y2 = y2.as_str();
        let full = if y2.len() == 2 {
            format!("{}{y2}", &y1[..2])
        } else {
            y2.to_string()
        };
        out.push('–');
        out.push_str(&full);
    }
    if let Some(v) = c.get(3).and_then(|v| v.as_str().parse::<u32>().ok()) {
        out.push_str(&format!(", Volume {}", roman(v)));
    }
    if let Some(p) = c.get(4) {
        out.push_str(&format!(", Part {}", p.as_str()));
    }
    let rest = &c[5];
    if !rest.is_empty() {
        out.push_str(&format!(" ({rest})"));
    }
    out
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The documents an export covers, in order of volume and number.
pub struct Selection {
    pub docs: Vec<Doc>,
    pub volumes: Vec<Volume>,
    /// The volume asked for, if any.
    pub volume: Option<String>,
}

impl Selection {
    /// The documents of the store, or of one volume of it. A volume the
    /// store does not hold, or a store without documents, is an error that
    /// says what the store holds.
    pub fn read(store: &Store, volume: Option<&str>, store_path: &Path) -> Result<Selection> {
        let mut ids = VolumeIds::default();
        let mut graphs = BTreeSet::new();
        for q in store.quads_for_pattern(
            None,
            Some(rdf::TYPE),
            Some(schema("Message").as_ref().into()),
            None,
        ) {
            let q = q?;
            if let (oxigraph::model::NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                (&q.subject, &q.graph_name)
            {
                if s == g {
                    graphs.insert(g.clone());
                }
            }
        }
        let mut docs = Vec::new();
        let mut vol_iris: BTreeMap<String, String> = BTreeMap::new();
        for g in &graphs {
            let d = Description::some(store, g.as_ref(), Some(g.as_ref()), &[dcterms("isPartOf")])?;
            let vid = match d.iris(&dcterms("isPartOf")).first() {
                Some(v) => {
                    let id = ids.id(store, v)?;
                    vol_iris
                        .entry(id.clone())
                        .or_insert_with(|| v.as_str().to_string());
                    Some(id)
                }
                None => None,
            };
            if volume.is_some() && vid.as_deref() != volume {
                continue;
            }
            docs.push(Doc::read(store, g, &mut ids)?);
        }
        if docs.is_empty() {
            let held: Vec<&str> = vol_iris.keys().map(String::as_str).collect();
            return Err(match volume {
                Some(v) if !held.is_empty() => anyhow!(
                    "volume {v}: the store at {} holds no documents of it (it holds {})",
                    store_path.display(),
                    held.join(", ")
                ),
                Some(v) => anyhow!(
                    "volume {v}: the store at {} holds no documents",
                    store_path.display()
                ),
                None => anyhow!(
                    "{}: the store holds no documents (run `frus-ld load` first)",
                    store_path.display()
                ),
            });
        }
        docs.sort_by(|a, b| (&a.volume, a.number, &a.iri).cmp(&(&b.volume, b.number, &b.iri)));
        let mut volumes: Vec<Volume> = docs
            .iter()
            .filter_map(|d| d.volume.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|id| Volume {
                iri: vol_iris
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("{}{id}", crate::iri::HSG)),
                id,
            })
            .collect();
        volumes.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Selection {
            docs,
            volumes,
            volume: volume.map(str::to_string),
        })
    }
}

/// The quads of a graph as N-Quads, one a line, sorted, so that the same
/// graph always gives the same bytes.
pub fn nquads<I>(quads: I) -> Result<Vec<u8>>
where
    I: IntoIterator<Item = Result<Quad>>,
{
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in quads {
        w.serialize_quad(&q?)?;
    }
    let bytes = w.finish()?;
    let text = String::from_utf8(bytes).map_err(|e| anyhow!("N-Quads: {e}"))?;
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines.dedup();
    let mut out = lines.join("\n").into_bytes();
    if !out.is_empty() {
        out.push(b'\n');
    }
    Ok(out)
}

/// The quads of one named graph of the store.
pub fn graph_quads(store: &Store, graph: &NamedNode) -> impl Iterator<Item = Result<Quad>> {
    store
        .quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        )
        .map(|q| q.map_err(anyhow::Error::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_titles() {
        assert_eq!(
            volume_title("frus1958-60v18"),
            "Foreign Relations of the United States, 1958–1960, Volume XVIII"
        );
        assert_eq!(
            volume_title("frus1969-76v17p2"),
            "Foreign Relations of the United States, 1969–1976, Volume XVII, Part 2"
        );
        assert_eq!(
            volume_title("frus1945Berlinv01"),
            "Foreign Relations of the United States, 1945 (Berlinv01)"
        );
        assert_eq!(
            volume_title("x"),
            "Foreign Relations of the United States, x"
        );
    }

    #[test]
    fn names_are_file_names_and_xml_ids() {
        assert_eq!(safe_name("v", "frus1958-60v18"), "frus1958-60v18");
        assert_eq!(safe_name("v", "1958v18"), "v-1958v18");
        assert_eq!(safe_name("d", ""), "d-");
        assert!(is_safe_name("d-"));
        assert!(!is_safe_name("../d1"));
        assert!(!is_safe_name("1d"));
    }

    #[test]
    fn w3c_dates() {
        assert!(is_w3c_date("1958-04-18"));
        assert!(is_w3c_date("1958-04"));
        assert!(is_w3c_date("1958"));
        assert!(!is_w3c_date("1958-02-30"));
        assert!(!is_w3c_date("1958-13"));
        assert!(!is_w3c_date("58-04-18"));
        assert!(!is_w3c_date("1958-4-18"));
        assert!(!is_w3c_date("April 1958"));
    }

    #[test]
    fn dates_of_literals() {
        let d = Literal::new_typed_literal("1958-04-18", xsd::DATE);
        assert_eq!(
            DocDate::from_literal(&d),
            Some(DocDate::When("1958-04-18".into()))
        );
        let r = Literal::new_typed_literal(
            "1958-04-01/1958-04-30",
            NamedNode::new_unchecked(crate::writer::rdf::EDTF),
        );
        assert_eq!(
            DocDate::from_literal(&r),
            Some(DocDate::Between("1958-04-01".into(), "1958-04-30".into()))
        );
        let bad = Literal::new_typed_literal("1958-04-30/1958-04-01", xsd::STRING);
        assert_eq!(DocDate::from_literal(&bad), None);
        let text = Literal::new_simple_literal("spring 1958");
        assert_eq!(DocDate::from_literal(&text), None);
    }
}
