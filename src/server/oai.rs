//! An OAI-PMH 2.0 data provider at `/oai`.
//!
//! - **Records** are the documents of the store's catalog: each catalog
//!   entry (`fl:CatalogEntry`, written by `load`) names a loaded graph
//!   (`fl:entryFor`) and the time its content last changed
//!   (`dcterms:modified`), which is the record's datestamp; the graphs that
//!   are documents' (the document is a `schema:Message` in it) are records. A graph without
//!   a catalog entry (written through `/store`, or by a `load` older than
//!   the catalog) is not a record until it is loaded again.
//! - **Identifiers** are the documents' IRIs (their history.state.gov
//!   addresses), which are also the names of their graphs.
//! - **Sets** are the FRUS volumes; a set's spec is the volume's identifier
//!   (`frus1958-60v18`).
//! - **Formats**: `oai_dc`, and `tei` (the TEI that frus-ld wrote for the
//!   document and that the store holds).
//! - Lists are ordered by datestamp, then identifier, and paged by
//!   resumption tokens that carry the request's arguments and the last
//!   record sent (so a record changed during a harvest comes again at the
//!   end rather than shifting the pages). Tokens do not expire.
//! - Datestamps have seconds granularity; `from` and `until` take days or
//!   seconds, both inclusive. Deleted records are not kept.

use super::{Config, Reply};
use crate::iri::HSG;
use crate::vocab::{dcterms, fl, iri as nn, schema, DCTERMS, SCHEMA};
use crate::writer::xml::XmlOut;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::store::Store;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

const OAI_NS: &str = "http://www.openarchives.org/OAI/2.0/";
const OAI_DC_NS: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const TEI_MEDIA_TYPE: &str = "application/tei+xml";

/// What the catalog lacks an earliest datestamp for: an empty repository.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// The rights statement of every record.
pub const RIGHTS: &str = "Public domain: a record of the United States Government, \
published in Foreign Relations of the United States by the Office of the Historian \
(17 U.S.C. 105)";

/// The metadata formats this provider disseminates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    OaiDc,
    Tei,
}

impl Format {
    const ALL: [Format; 2] = [Format::OaiDc, Format::Tei];

    fn prefix(self) -> &'static str {
        match self {
            Format::OaiDc => "oai_dc",
            Format::Tei => "tei",
        }
    }
    fn from_prefix(p: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.prefix() == p)
    }
    fn schema(self) -> &'static str {
        match self {
            Format::OaiDc => "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            Format::Tei => "https://www.tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd",
        }
    }
    fn namespace(self) -> &'static str {
        match self {
            Format::OaiDc => OAI_DC_NS,
            Format::Tei => TEI_NS,
        }
    }
}

/// An OAI-PMH error: its code and a message for people.
#[derive(Debug)]
struct OaiError {
    code: &'static str,
    message: String,
}

fn err(code: &'static str, message: impl Into<String>) -> OaiError {
    OaiError {
        code,
        message: message.into(),
    }
}

fn bad_argument(message: impl Into<String>) -> OaiError {
    err("badArgument", message)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Identify,
    ListMetadataFormats,
    ListSets,
    ListIdentifiers,
    ListRecords,
    GetRecord,
}

impl Verb {
    fn parse(s: &str) -> Option<Verb> {
        Some(match s {
            "Identify" => Verb::Identify,
            "ListMetadataFormats" => Verb::ListMetadataFormats,
            "ListSets" => Verb::ListSets,
            "ListIdentifiers" => Verb::ListIdentifiers,
            "ListRecords" => Verb::ListRecords,
            "GetRecord" => Verb::GetRecord,
            _ => return None,
        })
    }
    fn name(self) -> &'static str {
        match self {
            Verb::Identify => "Identify",
            Verb::ListMetadataFormats => "ListMetadataFormats",
            Verb::ListSets => "ListSets",
            Verb::ListIdentifiers => "ListIdentifiers",
            Verb::ListRecords => "ListRecords",
            Verb::GetRecord => "GetRecord",
        }
    }
    /// The arguments the verb allows besides `verb`.
    fn allowed(self) -> &'static [&'static str] {
        match self {
            Verb::Identify => &[],
            Verb::ListMetadataFormats => &["identifier"],
            Verb::ListSets => &["resumptionToken"],
            Verb::ListIdentifiers | Verb::ListRecords => {
                &["metadataPrefix", "from", "until", "set", "resumptionToken"]
            }
            Verb::GetRecord => &["identifier", "metadataPrefix"],
        }
    }
}

/// The arguments of a request after the verb, checked against the verb.
struct Args<'a> {
    verb: Verb,
    list: Vec<(&'a str, &'a str)>,
}

impl Args<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.list.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
}

fn parse_args(ps: &[(String, String)]) -> Result<Args<'_>, OaiError> {
    let verbs: Vec<&str> = ps
        .iter()
        .filter(|(k, _)| k == "verb")
        .map(|(_, v)| v.as_str())
        .collect();
    let verb = match verbs.as_slice() {
        [] => return Err(err("badVerb", "the verb argument is missing")),
        [v] => {
            Verb::parse(v).ok_or_else(|| err("badVerb", format!("{v} is not an OAI-PMH verb")))?
        }
        _ => return Err(err("badVerb", "the verb argument is repeated")),
    };
    let mut list: Vec<(&str, &str)> = Vec::new();
    for (k, v) in ps.iter().filter(|(k, _)| k != "verb") {
        if !verb.allowed().contains(&k.as_str()) {
            return Err(bad_argument(format!(
                "{k} is not an argument of {}",
                verb.name()
            )));
        }
        if list.iter().any(|(x, _)| x == k) {
            return Err(bad_argument(format!("the argument {k} is repeated")));
        }
        if v.is_empty() {
            return Err(bad_argument(format!("the argument {k} is empty")));
        }
        list.push((k, v));
    }
    let args = Args { verb, list };
    if args.get("resumptionToken").is_some() && args.list.len() > 1 {
        return Err(bad_argument(
            "resumptionToken is an exclusive argument: send it alone with the verb",
        ));
    }
    Ok(args)
}

/// A `from` or `until` argument.
#[derive(Debug, Clone)]
struct Stamp {
    raw: String,
    at: NaiveDateTime,
    day: bool,
}

impl Stamp {
    fn parse(s: &str) -> Option<Stamp> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let day = b.len() == 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-';
        let day = day && digits(8..10);
        let seconds = b.len() == 20
            && s.get(0..10).and_then(Stamp::parse).is_some()
            && b[10] == b'T'
            && digits(11..13)
            && b[13] == b':'
            && digits(14..16)
            && b[16] == b':'
            && digits(17..19)
            && b[19] == b'Z';
        if day {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
            Some(Stamp {
                raw: s.to_string(),
                at: d.and_hms_opt(0, 0, 0)?,
                day: true,
            })
        } else if seconds {
            let at = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ").ok()?;
            Some(Stamp {
                raw: s.to_string(),
                at,
                day: false,
            })
        } else {
            None
        }
    }

    /// The first instant after the period the stamp names.
    fn end(&self) -> NaiveDateTime {
        self.at
            + if self.day {
                Duration::days(1)
            } else {
                Duration::seconds(1)
            }
    }
}

/// A datestamp of the catalog (an `xsd:dateTime`) at seconds granularity in UTC.
fn datestamp(lexical: &str) -> Option<String> {
    let (secs, _) = instant_of(lexical)?;
    Some(
        DateTime::from_timestamp(secs, 0)?
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
    )
}

/// A set spec as the protocol allows it.
fn valid_set_spec(s: &str) -> bool {
    !s.is_empty()
        && s.split(':').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c))
        })
}

/// What a list request asks for; a resumption token carries it.
#[derive(Debug, Clone)]
struct ListQuery {
    verb: Verb,
    format: Format,
    set: Option<String>,
    from: Option<Stamp>,
    until: Option<Stamp>,
}

/// Where a list goes on: how many records were sent, and the last one's
/// datestamp (as the catalog has it) and identifier.
#[derive(Debug, Clone, Default)]
struct Position {
    cursor: u64,
    last: Option<(String, String)>,
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

const TOKEN_VERSION: &str = "1";

fn encode_token(q: &ListQuery, p: &Position) -> String {
    let (m, g) = p.last.clone().unwrap_or_default();
    let payload = [
        TOKEN_VERSION,
        q.verb.name(),
        q.format.prefix(),
        q.set.as_deref().unwrap_or(""),
        q.from.as_ref().map(|s| s.raw.as_str()).unwrap_or(""),
        q.until.as_ref().map(|s| s.raw.as_str()).unwrap_or(""),
        &p.cursor.to_string(),
        &m,
        &g,
    ]
    .join("\n");
    format!(
        "{}.{:016x}",
        crate::base64::encode_url(payload.as_bytes()),
        fnv(payload.as_bytes())
    )
}

fn decode_token(token: &str, verb: Verb) -> Result<(ListQuery, Position), OaiError> {
    let bad = || {
        err(
            "badResumptionToken",
            format!("{token} is not a resumption token of this repository"),
        )
    };
    let (data, sum) = token.split_once('.').ok_or_else(bad)?;
    let payload = crate::base64::decode_url(data).ok_or_else(bad)?;
    if sum.len() != 16 || format!("{:016x}", fnv(&payload)) != sum {
        return Err(bad());
    }
    let payload = String::from_utf8(payload).map_err(|_| bad())?;
    let f: Vec<&str> = payload.split('\n').collect();
    let [version, v, prefix, set, from, until, cursor, m, g] = f.as_slice() else {
        return Err(bad());
    };
    if *version != TOKEN_VERSION || *v != verb.name() {
        return Err(err(
            "badResumptionToken",
            format!("{token} is not a resumption token of {}", verb.name()),
        ));
    }
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let stamp = |s: &str| -> Result<Option<Stamp>, OaiError> {
        if s.is_empty() {
            Ok(None)
        } else {
            Stamp::parse(s).map(Some).ok_or_else(bad)
        }
    };
    let q = ListQuery {
        verb,
        format: Format::from_prefix(prefix).ok_or_else(bad)?,
        set: opt(set),
        from: stamp(from)?,
        until: stamp(until)?,
    };
    if q.set.as_deref().is_some_and(|s| !valid_set_spec(s)) {
        return Err(bad());
    }
    let cursor: u64 = cursor.parse().map_err(|_| bad())?;
    if m.is_empty() || datestamp(m).is_none() || NamedNode::new(*g).is_err() {
        return Err(bad());
    }
    Ok((
        q,
        Position {
            cursor,
            last: Some((m.to_string(), g.to_string())),
        },
    ))
}

/// Answers one OAI-PMH request (its arguments from the query string or the
/// POSTed form). Every answer is HTTP 200 with an OAI-PMH document.
pub(super) fn respond(
    store: &Store,
    ps: &[(String, String)],
    base_url: &str,
    config: &Config,
) -> Reply {
    let now = DateTime::from_timestamp(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
        0,
    )
    .unwrap_or_default();
    let mut x = XmlOut::new();
    x.open(
        "OAI-PMH",
        &[
            ("xmlns", OAI_NS),
            ("xmlns:xsi", XSI_NS),
            (
                "xsi:schemaLocation",
                "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
            ),
        ],
    );
    x.leaf(
        "responseDate",
        &[],
        &now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    );
    let args = match parse_args(ps) {
        Ok(a) => a,
        Err(e) => {
            // badVerb and badArgument: the request element has no attributes
            x.leaf("request", &[], base_url);
            write_error(&mut x, &e);
            return finish(x);
        }
    };
    // the request's arguments, where their values are of the types the
    // protocol gives them (an error may be about an argument of no such type)
    let mut request: Vec<(&str, &str)> = vec![("verb", args.verb.name())];
    request.extend(args.list.iter().copied().filter(|(k, v)| match *k {
        "identifier" => NamedNode::new(*v).is_ok(),
        "metadataPrefix" => valid_set_spec(v) && !v.contains(':'),
        "set" => valid_set_spec(v),
        "from" | "until" => Stamp::parse(v).is_some(),
        _ => true,
    }));
    let body = answer(store, &args, base_url, config);
    match body {
        Err(e) if e.code == INTERNAL => return Reply::error(500, e.message),
        Ok(content) => {
            x.leaf("request", &request, base_url);
            content.write(&mut x);
        }
        Err(e) => {
            if e.code == "badArgument" {
                x.leaf("request", &[], base_url);
            } else {
                x.leaf("request", &request, base_url);
            }
            write_error(&mut x, &e);
        }
    }
    finish(x)
}

fn finish(mut x: XmlOut) -> Reply {
    x.close("OAI-PMH");
    Reply::ok("text/xml; charset=utf-8", x.finish())
}

fn write_error(x: &mut XmlOut, e: &OaiError) {
    x.leaf("error", &[("code", e.code)], &e.message);
}

/// The verb's element, ready to be written.
enum Content {
    Identify {
        name: String,
        base_url: String,
        email: String,
        earliest: String,
    },
    Formats(Vec<Format>),
    Sets(Vec<(String, String)>),
    Record(Record, Format),
    List {
        query: ListQuery,
        records: Vec<Record>,
        /// The token, the list's size and the cursor of this page.
        token: Option<(String, u64, u64)>,
    },
}

impl Content {
    fn write(&self, x: &mut XmlOut) {
        match self {
            Content::Identify {
                name,
                base_url,
                email,
                earliest,
            } => {
                x.open("Identify", &[]);
                x.leaf("repositoryName", &[], name);
                x.leaf("baseURL", &[], base_url);
                x.leaf("protocolVersion", &[], "2.0");
                x.leaf("adminEmail", &[], email);
                x.leaf("earliestDatestamp", &[], earliest);
                x.leaf("deletedRecord", &[], "no");
                x.leaf("granularity", &[], "YYYY-MM-DDThh:mm:ssZ");
                x.close("Identify");
            }
            Content::Formats(fs) => {
                x.open("ListMetadataFormats", &[]);
                for f in fs {
                    x.open("metadataFormat", &[]);
                    x.leaf("metadataPrefix", &[], f.prefix());
                    x.leaf("schema", &[], f.schema());
                    x.leaf("metadataNamespace", &[], f.namespace());
                    x.close("metadataFormat");
                }
                x.close("ListMetadataFormats");
            }
            Content::Sets(sets) => {
                x.open("ListSets", &[]);
                for (spec, name) in sets {
                    x.open("set", &[]);
                    x.leaf("setSpec", &[], spec);
                    x.leaf("setName", &[], name);
                    x.close("set");
                }
                x.close("ListSets");
            }
            Content::Record(r, f) => {
                x.open("GetRecord", &[]);
                r.write(x, Some(*f));
                x.close("GetRecord");
            }
            Content::List {
                query,
                records,
                token,
            } => {
                let el = query.verb.name();
                x.open(el, &[]);
                let format = (query.verb == Verb::ListRecords).then_some(query.format);
                for r in records {
                    r.write(x, format);
                }
                // on the last page of a paged list, the token is empty
                if let Some((t, size, cursor)) = token {
                    x.leaf(
                        "resumptionToken",
                        &[
                            ("completeListSize", &size.to_string()),
                            ("cursor", &cursor.to_string()),
                        ],
                        t,
                    );
                }
                x.close(el);
            }
        }
    }
}

/// A record as it is sent: its header, and its metadata when asked for.
struct Record {
    identifier: String,
    datestamp: String,
    sets: Vec<String>,
    metadata: Option<Metadata>,
}

enum Metadata {
    Dc(Vec<(&'static str, String)>),
    Tei(String),
}

impl Record {
    fn write(&self, x: &mut XmlOut, format: Option<Format>) {
        if format.is_some() {
            x.open("record", &[]);
        }
        x.open("header", &[]);
        x.leaf("identifier", &[], &self.identifier);
        x.leaf("datestamp", &[], &self.datestamp);
        for s in &self.sets {
            x.leaf("setSpec", &[], s);
        }
        x.close("header");
        if format.is_none() {
            return;
        }
        x.open("metadata", &[]);
        match &self.metadata {
            Some(Metadata::Dc(elements)) => {
                x.open(
                    "oai_dc:dc",
                    &[
                        ("xmlns:oai_dc", OAI_DC_NS),
                        ("xmlns:dc", DC_NS),
                        ("xmlns:xsi", XSI_NS),
                        (
                            "xsi:schemaLocation",
                            "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
                        ),
                    ],
                );
                for (name, value) in elements {
                    x.leaf(&format!("dc:{name}"), &[], value);
                }
                x.close("oai_dc:dc");
            }
            Some(Metadata::Tei(tei)) => x.raw_block(tei),
            None => {}
        }
        x.close("metadata");
        x.close("record");
    }
}

fn answer(
    store: &Store,
    args: &Args<'_>,
    base_url: &str,
    config: &Config,
) -> Result<Content, OaiError> {
    match args.verb {
        Verb::Identify => Ok(Content::Identify {
            name: config.oai_repository_name.clone(),
            base_url: base_url.to_string(),
            email: config.oai_admin_email.clone(),
            earliest: earliest_datestamp(store, config)?,
        }),
        Verb::ListMetadataFormats => match args.get("identifier") {
            None => Ok(Content::Formats(Format::ALL.to_vec())),
            Some(id) => {
                let (doc, _) = catalogued(store, id)?;
                let mut fs = vec![Format::OaiDc];
                if tei_text(store, doc.as_ref())?.is_some() {
                    fs.push(Format::Tei);
                }
                Ok(Content::Formats(fs))
            }
        },
        Verb::ListSets => {
            if let Some(t) = args.get("resumptionToken") {
                return Err(err(
                    "badResumptionToken",
                    format!("{t}: the list of sets is never paged"),
                ));
            }
            let sets = sets(store)?;
            if sets.is_empty() {
                return Err(err("noSetHierarchy", "the store holds no FRUS volume"));
            }
            Ok(Content::Sets(sets))
        }
        Verb::GetRecord => {
            let id = args
                .get("identifier")
                .ok_or_else(|| bad_argument("GetRecord needs an identifier"))?;
            let prefix = args
                .get("metadataPrefix")
                .ok_or_else(|| bad_argument("GetRecord needs a metadataPrefix"))?;
            let format = format_of(prefix)?;
            let (doc, stamp) = catalogued(store, id)?;
            let record = record(store, doc.as_ref(), &stamp, Some(format))?.ok_or_else(|| {
                err(
                    "cannotDisseminateFormat",
                    format!("{id} has no TEI in the store"),
                )
            })?;
            Ok(Content::Record(record, format))
        }
        Verb::ListIdentifiers | Verb::ListRecords => list(store, args, config),
    }
}

fn format_of(prefix: &str) -> Result<Format, OaiError> {
    Format::from_prefix(prefix).ok_or_else(|| {
        err(
            "cannotDisseminateFormat",
            format!("{prefix} is not a metadata format of this repository (oai_dc, tei)"),
        )
    })
}

/// A failure of the store, not of the request: OAI-PMH has no code for it,
/// so it is answered with HTTP 500.
const INTERNAL: &str = "internal";

fn internal(e: impl std::fmt::Display) -> OaiError {
    err(INTERNAL, format!("the store failed: {e}"))
}

/// An instant of the catalog, comparable: seconds and nanoseconds in UTC.
type Instant = (i64, u32);

fn instant_of(lexical: &str) -> Option<Instant> {
    let t = match DateTime::parse_from_rfc3339(lexical) {
        Ok(t) => t.with_timezone(&Utc).naive_utc(),
        Err(_) => NaiveDateTime::parse_from_str(lexical, "%Y-%m-%dT%H:%M:%S%.f").ok()?,
    };
    let t = t.and_utc();
    Some((t.timestamp(), t.timestamp_subsec_nanos()))
}

fn instant(t: NaiveDateTime) -> Instant {
    let t = t.and_utc();
    (t.timestamp(), t.timestamp_subsec_nanos())
}

/// A catalog entry: when the document last changed, and the document.
pub(super) struct Entry {
    at: Instant,
    stored: String,
    doc: NamedNode,
}

/// Every entry of the catalog, read from the store's indexes (a scan of two
/// predicates, joined here: much faster than the same join and sort in
/// SPARQL on a large store), in datestamp order, then by identifier.
fn read_catalog(store: &Store) -> Result<Vec<Entry>, OaiError> {
    let entry_for = fl("entryFor");
    let modified = dcterms("modified");
    let mut stamps: HashMap<(NamedOrBlankNode, GraphName), (Instant, String)> = HashMap::new();
    for q in store.quads_for_pattern(None, Some(modified.as_ref()), None, None) {
        let q = q.map_err(internal)?;
        if let Term::Literal(l) = q.object {
            if let Some(at) = instant_of(l.value()) {
                stamps.insert((q.subject, q.graph_name), (at, l.value().to_string()));
            }
        }
    }
    // the catalog has every loaded graph; the records are the documents'
    let message = schema("Message");
    let mut documents = HashSet::new();
    for q in store.quads_for_pattern(None, Some(rdf::TYPE), Some(message.as_ref().into()), None) {
        let q = q.map_err(internal)?;
        if let (NamedOrBlankNode::NamedNode(d), GraphName::NamedNode(g)) = (q.subject, q.graph_name)
        {
            if d == g {
                documents.insert(d);
            }
        }
    }
    let mut entries = Vec::with_capacity(stamps.len());
    for q in store.quads_for_pattern(None, Some(entry_for.as_ref()), None, None) {
        let q = q.map_err(internal)?;
        if let Term::NamedNode(doc) = q.object {
            if !documents.contains(&doc) {
                continue;
            }
            if let Some((at, stored)) = stamps.remove(&(q.subject, q.graph_name)) {
                entries.push(Entry { at, stored, doc });
            }
        }
    }
    entries.sort_by(|a, b| {
        a.at.cmp(&b.at)
            .then_with(|| a.doc.as_str().cmp(b.doc.as_str()))
    });
    Ok(entries)
}

/// The catalog as read after the last change made through the server, and
/// (once asked for) which of its documents have TEI.
pub(super) struct Catalog {
    entries: Vec<Entry>,
    with_tei: std::sync::OnceLock<HashSet<NamedNode>>,
}

impl Catalog {
    fn with_tei(&self, store: &Store) -> Result<&HashSet<NamedNode>, OaiError> {
        if let Some(s) = self.with_tei.get() {
            return Ok(s);
        }
        let s = documents_with_tei(store)?;
        Ok(self.with_tei.get_or_init(|| s))
    }
}

/// The catalog, as read after the last change made through the server.
fn catalog(store: &Store, config: &Config) -> Result<Arc<Catalog>, OaiError> {
    let state = &config.state;
    let mut cached = state.catalog.lock().unwrap_or_else(|e| e.into_inner());
    let now = state.changes.load(std::sync::atomic::Ordering::SeqCst);
    if let Some((at, entries)) = cached.as_ref() {
        if *at == now {
            return Ok(entries.clone());
        }
    }
    let catalog = Arc::new(Catalog {
        entries: read_catalog(store)?,
        with_tei: Default::default(),
    });
    *cached = Some((now, catalog.clone()));
    Ok(catalog)
}

fn earliest_datestamp(store: &Store, config: &Config) -> Result<String, OaiError> {
    Ok(catalog(store, config)?
        .entries
        .first()
        .and_then(|e| datestamp(&e.stored))
        .unwrap_or_else(|| EPOCH.to_string()))
}

fn catalogued(store: &Store, id: &str) -> Result<(NamedNode, String), OaiError> {
    let unknown = || err("idDoesNotExist", format!("{id} is not in this repository"));
    let doc = NamedNode::new(id).map_err(|_| unknown())?;
    if !is_document(store, doc.as_ref())? {
        return Err(unknown());
    }
    let entry_for = fl("entryFor");
    let modified = dcterms("modified");
    for q in store.quads_for_pattern(
        None,
        Some(entry_for.as_ref()),
        Some(doc.as_ref().into()),
        None,
    ) {
        let q = q.map_err(internal)?;
        for m in store.quads_for_pattern(
            Some(q.subject.as_ref()),
            Some(modified.as_ref()),
            None,
            Some(q.graph_name.as_ref()),
        ) {
            if let Term::Literal(l) = m.map_err(internal)?.object {
                if datestamp(l.value()).is_some() {
                    return Ok((doc, l.value().to_string()));
                }
            }
        }
    }
    Err(unknown())
}

/// Is this the graph of a document (the document is a message in it)?
fn is_document(store: &Store, doc: NamedNodeRef<'_>) -> Result<bool, OaiError> {
    let message = schema("Message");
    match store
        .quads_for_pattern(
            Some(doc.into()),
            Some(rdf::TYPE),
            Some(message.as_ref().into()),
            Some(GraphNameRef::NamedNode(doc)),
        )
        .next()
    {
        Some(q) => q.map(|_| true).map_err(internal),
        None => Ok(false),
    }
}

/// One set per FRUS volume the store describes.
fn sets(store: &Store) -> Result<Vec<(String, String)>, OaiError> {
    let volume = schema("PublicationVolume");
    let mut volumes = BTreeSet::new();
    for q in store.quads_for_pattern(None, Some(rdf::TYPE), Some(volume.as_ref().into()), None) {
        if let NamedOrBlankNode::NamedNode(v) = q.map_err(internal)?.subject {
            volumes.insert(v);
        }
    }
    let mut sets = std::collections::BTreeMap::new();
    for v in volumes {
        let ids = texts(&objects(
            store,
            v.as_ref(),
            &format!("{DCTERMS}identifier"),
            None,
        )?);
        let spec = ids
            .into_iter()
            .next()
            .or_else(|| v.as_str().strip_prefix(HSG).map(str::to_string));
        let Some(spec) = spec.filter(|s| valid_set_spec(s)) else {
            continue;
        };
        let name = texts(&objects(store, v.as_ref(), &format!("{SCHEMA}name"), None)?)
            .into_iter()
            .next()
            .unwrap_or_else(|| format!("Foreign Relations of the United States, {spec}"));
        sets.entry(spec).or_insert(name);
    }
    Ok(sets.into_iter().collect())
}

/// The documents of a set: those that are part of its volume.
fn documents_in_set(store: &Store, spec: &str) -> Result<HashSet<NamedNode>, OaiError> {
    let volume = nn(format!("{HSG}{spec}"));
    let part_of = dcterms("isPartOf");
    let mut docs = HashSet::new();
    for q in store.quads_for_pattern(
        None,
        Some(part_of.as_ref()),
        Some(volume.as_ref().into()),
        None,
    ) {
        let q = q.map_err(internal)?;
        if let (NamedOrBlankNode::NamedNode(d), GraphName::NamedNode(g)) = (q.subject, q.graph_name)
        {
            if d == g {
                docs.insert(d);
            }
        }
    }
    Ok(docs)
}

/// The documents whose graph holds a TEI text.
fn documents_with_tei(store: &Store) -> Result<HashSet<NamedNode>, OaiError> {
    let format = schema("encodingFormat");
    let tei = oxigraph::model::Literal::new_simple_literal(TEI_MEDIA_TYPE);
    let mut docs = HashSet::new();
    for q in store.quads_for_pattern(None, Some(format.as_ref()), Some(tei.as_ref().into()), None) {
        if let GraphName::NamedNode(g) = q.map_err(internal)?.graph_name {
            docs.insert(g);
        }
    }
    Ok(docs)
}

fn list(store: &Store, args: &Args<'_>, config: &Config) -> Result<Content, OaiError> {
    let (query, position, was_resumed) = match args.get("resumptionToken") {
        Some(t) => {
            let (q, p) = decode_token(t, args.verb)?;
            (q, p, true)
        }
        None => {
            let prefix = args.get("metadataPrefix").ok_or_else(|| {
                bad_argument(format!("{} needs a metadataPrefix", args.verb.name()))
            })?;
            let stamp = |name: &str| -> Result<Option<Stamp>, OaiError> {
                args.get(name)
                    .map(|v| {
                        Stamp::parse(v).ok_or_else(|| {
                            bad_argument(format!(
                                "{name}={v} is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDThh:mm:ssZ)"
                            ))
                        })
                    })
                    .transpose()
            };
            let (from, until) = (stamp("from")?, stamp("until")?);
            if let (Some(f), Some(u)) = (&from, &until) {
                if f.day != u.day {
                    return Err(bad_argument(
                        "from and until must have the same granularity",
                    ));
                }
                if f.at > u.at {
                    return Err(bad_argument("from is later than until"));
                }
            }
            let set = args.get("set").map(str::to_string);
            if let Some(s) = &set {
                if !valid_set_spec(s) {
                    return Err(bad_argument(format!("{s} is not a set spec")));
                }
            }
            let format = format_of(prefix)?;
            (
                ListQuery {
                    verb: args.verb,
                    format,
                    set,
                    from,
                    until,
                },
                Position::default(),
                false,
            )
        }
    };
    let in_set = query
        .set
        .as_deref()
        .map(|s| documents_in_set(store, s))
        .transpose()?;
    let catalog = catalog(store, config)?;
    let with_tei = (query.format == Format::Tei && query.verb == Verb::ListRecords)
        .then(|| catalog.with_tei(store))
        .transpose()?;
    let (from, until) = (
        query.from.as_ref().map(|f| instant(f.at)),
        query.until.as_ref().map(|u| instant(u.end())),
    );
    let matching: Vec<&Entry> = catalog
        .entries
        .iter()
        .filter(|e| from.is_none_or(|f| e.at >= f) && until.is_none_or(|u| e.at < u))
        .filter(|e| in_set.as_ref().is_none_or(|s| s.contains(&e.doc)))
        .filter(|e| with_tei.is_none_or(|s| s.contains(&e.doc)))
        .collect();
    let size = matching.len() as u64;
    let after = match &position.last {
        Some((m, g)) => {
            let at = instant_of(m).ok_or_else(|| internal("a token's datestamp"))?;
            matching.partition_point(|e| (e.at, e.doc.as_str()) <= (at, g.as_str()))
        }
        None => 0,
    };
    let page_size = config.oai_page_size.max(1);
    let page: Vec<&Entry> = matching[after..].iter().take(page_size).copied().collect();
    let more = matching.len() > after + page.len();
    if page.is_empty() {
        if was_resumed {
            return Err(err(
                "badResumptionToken",
                "the list this token continues has no more records",
            ));
        }
        return Err(err(
            "noRecordsMatch",
            "no record matches the arguments of the request",
        ));
    }
    let format = (query.verb == Verb::ListRecords).then_some(query.format);
    let mut records = Vec::with_capacity(page.len());
    for e in &page {
        if let Some(r) = record(store, e.doc.as_ref(), &e.stored, format)? {
            records.push(r);
        }
    }
    let token = if more || was_resumed {
        let cursor = position.cursor;
        if more {
            let last = page
                .last()
                .map(|e| (e.stored.clone(), e.doc.as_str().to_string()));
            let next = Position {
                cursor: cursor + page.len() as u64,
                last,
            };
            Some((encode_token(&query, &next), size, cursor))
        } else {
            // the last page: an empty token, with the list's size and cursor
            Some((String::new(), size, cursor))
        }
    } else {
        None
    };
    Ok(Content::List {
        query,
        records,
        token,
    })
}

/// The objects of `s p ?o` in graph `g` (any graph when `None`), in order.
fn objects(
    store: &Store,
    s: NamedNodeRef<'_>,
    p: &str,
    g: Option<NamedNodeRef<'_>>,
) -> Result<Vec<Term>, OaiError> {
    let p = nn(p.to_string());
    let mut out = Vec::new();
    let subject: NamedOrBlankNode = s.into_owned().into();
    for q in store.quads_for_pattern(
        Some(subject.as_ref()),
        Some(p.as_ref()),
        None,
        g.map(GraphNameRef::NamedNode),
    ) {
        out.push(q.map_err(internal)?.object);
    }
    out.sort_by_cached_key(|t| t.to_string());
    out.dedup();
    Ok(out)
}

fn texts(terms: &[Term]) -> Vec<String> {
    terms
        .iter()
        .filter_map(|t| match t {
            Term::Literal(l) => Some(l.value().to_string()),
            Term::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        })
        .collect()
}

/// The name of an entity, from any graph: the first in order.
fn name_of(store: &Store, e: &Term) -> Result<Option<String>, OaiError> {
    let Term::NamedNode(n) = e else {
        return Ok(None);
    };
    Ok(
        texts(&objects(store, n.as_ref(), &format!("{SCHEMA}name"), None)?)
            .into_iter()
            .next(),
    )
}

/// A record of a catalogued document; `None` when the format asked for is
/// one the document cannot be given in (no TEI).
fn record(
    store: &Store,
    doc: NamedNodeRef<'_>,
    stored_stamp: &str,
    format: Option<Format>,
) -> Result<Option<Record>, OaiError> {
    let g = Some(doc);
    let sets: BTreeSet<String> = texts(&objects(store, doc, &format!("{DCTERMS}isPartOf"), g)?)
        .into_iter()
        .filter_map(|v| v.strip_prefix(HSG).map(str::to_string))
        .filter(|s| valid_set_spec(s))
        .collect();
    let metadata = match format {
        None => None,
        Some(Format::OaiDc) => Some(Metadata::Dc(dublin_core(store, doc)?)),
        Some(Format::Tei) => match tei_text(store, doc)? {
            Some(t) => Some(Metadata::Tei(t)),
            None => return Ok(None),
        },
    };
    Ok(Some(Record {
        identifier: doc.as_str().to_string(),
        datestamp: datestamp(stored_stamp).unwrap_or_else(|| EPOCH.to_string()),
        sets: sets.into_iter().collect(),
        metadata,
    }))
}

/// Simple Dublin Core of a document, from its graph and the names in the
/// shared graph.
fn dublin_core(
    store: &Store,
    doc: NamedNodeRef<'_>,
) -> Result<Vec<(&'static str, String)>, OaiError> {
    let g = Some(doc);
    let mut dc: Vec<(&'static str, String)> = Vec::new();
    let get = |p: String| objects(store, doc, &p, g);
    for t in texts(&get(format!("{DCTERMS}title"))?) {
        dc.push(("title", t));
    }
    for s in get(format!("{SCHEMA}sender"))? {
        if let Some(n) = name_of(store, &s)? {
            dc.push(("creator", n));
        }
    }
    let subject_types = [schema("Person"), schema("Place"), schema("Legislation")];
    let rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    let mut subjects = BTreeSet::new();
    for e in get(format!("{SCHEMA}mentions"))? {
        let Term::NamedNode(n) = &e else { continue };
        let types = objects(store, n.as_ref(), rdf_type, None)?;
        if !types.iter().any(|t| match t {
            Term::NamedNode(t) => subject_types.contains(t),
            _ => false,
        }) {
            continue;
        }
        if let Some(name) = name_of(store, &e)? {
            subjects.insert(name);
        }
    }
    dc.extend(subjects.into_iter().map(|s| ("subject", s)));
    for s in get(format!("{SCHEMA}recipient"))? {
        if let Some(n) = name_of(store, &s)? {
            dc.push(("contributor", n));
        }
    }
    for d in texts(&get(format!("{DCTERMS}date"))?) {
        dc.push(("date", d));
    }
    dc.push(("type", "Text".into()));
    for t in texts(&get(format!("{DCTERMS}type"))?) {
        dc.push(("type", t));
    }
    dc.push(("identifier", doc.as_str().to_string()));
    for s in texts(&get(format!("{DCTERMS}source"))?) {
        dc.push(("source", s));
    }
    dc.push(("language", "en".into()));
    // the volume, then the documents of it that this one cites
    for p in ["isPartOf", "references"] {
        for v in texts(&get(format!("{DCTERMS}{p}"))?) {
            dc.push(("relation", v));
        }
    }
    dc.push(("rights", RIGHTS.into()));
    Ok(dc)
}

/// The document's TEI as the store holds it (the text of the resource that
/// is `schema:about` the document and encoded as TEI), without its prolog,
/// if it is well-formed XML.
fn tei_text(store: &Store, doc: NamedNodeRef<'_>) -> Result<Option<String>, OaiError> {
    let about = schema("about");
    let mut resources = BTreeSet::new();
    for q in store.quads_for_pattern(
        None,
        Some(about.as_ref()),
        Some(doc.into()),
        Some(GraphNameRef::NamedNode(doc)),
    ) {
        if let NamedOrBlankNode::NamedNode(n) = q.map_err(internal)?.subject {
            resources.insert(n);
        }
    }
    for r in resources {
        let formats = texts(&objects(
            store,
            r.as_ref(),
            &format!("{SCHEMA}encodingFormat"),
            Some(doc),
        )?);
        if !formats.iter().any(|f| f == TEI_MEDIA_TYPE) {
            continue;
        }
        for t in texts(&objects(
            store,
            r.as_ref(),
            &format!("{SCHEMA}text"),
            Some(doc),
        )?) {
            if let Some(body) = without_prolog(&t) {
                return Ok(Some(body.trim_end().to_string()));
            }
        }
    }
    Ok(None)
}

/// The root element of an XML document, without the XML declaration,
/// processing instructions, comments or a document type before it; `None`
/// unless the document is well-formed with a root in the TEI namespace.
fn without_prolog(xml: &str) -> Option<&str> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut start = None;
    let mut depth = 0usize;
    let mut roots = 0;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event().ok()? {
            Event::Start(e) => {
                if depth == 0 {
                    roots += 1;
                    start.get_or_insert((before, e.name().into_inner().to_string()));
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 0 => {
                roots += 1;
                start.get_or_insert((before, e.name().into_inner().to_string()));
            }
            Event::End(_) => depth = depth.checked_sub(1)?,
            Event::Text(t)
                if depth == 0 && !t.clone().into_inner().chars().all(char::is_whitespace) =>
            {
                return None;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let (at, name) = start?;
    if roots != 1 || depth != 0 || name != "TEI" {
        return None;
    }
    let body = xml.get(at..)?;
    body.contains(&format!("xmlns=\"{TEI_NS}\""))
        .then_some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(verb: Verb) -> ListQuery {
        ListQuery {
            verb,
            format: Format::OaiDc,
            set: Some("frus1958-60v18".into()),
            from: Stamp::parse("2026-01-01"),
            until: None,
        }
    }

    #[test]
    fn tokens_round_trip_and_refuse_tampering() {
        let p = Position {
            cursor: 3,
            last: Some((
                "2026-12-01T07:00:00Z".into(),
                "https://history.state.gov/historicaldocuments/frus1958-60v18/d3".into(),
            )),
        };
        let t = encode_token(&q(Verb::ListRecords), &p);
        assert!(t
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
        let (back, pos) = decode_token(&t, Verb::ListRecords).unwrap();
        assert_eq!(back.set.as_deref(), Some("frus1958-60v18"));
        assert_eq!(back.from.unwrap().raw, "2026-01-01");
        assert_eq!(pos.cursor, 3);
        assert_eq!(pos.last, p.last);
        assert_eq!(
            decode_token(&t, Verb::ListIdentifiers).unwrap_err().code,
            "badResumptionToken"
        );
        let mut tampered = t.clone().into_bytes();
        tampered[2] = if tampered[2] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        for bad in [&tampered, "", "x", "abc.def", "....", "\u{e9}"] {
            assert_eq!(
                decode_token(bad, Verb::ListRecords).unwrap_err().code,
                "badResumptionToken",
                "{bad}"
            );
        }
    }

    #[test]
    fn stamps_at_two_granularities() {
        let d = Stamp::parse("2026-12-01").unwrap();
        assert!(d.day);
        assert_eq!(d.end().to_string(), "2026-12-02 00:00:00");
        let s = Stamp::parse("2026-12-01T07:00:59Z").unwrap();
        assert!(!s.day);
        assert_eq!(s.end().to_string(), "2026-12-01 07:01:00");
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "2026-1-01",
            "2026-12-01T07:00:00",
            "2026-12-01T07:00:00.5Z",
            "2026-12-01T25:00:00Z",
            "2026-12-01 07:00:00Z",
            "20261201",
            "",
            "12026-12-01",
        ] {
            assert!(Stamp::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(
            datestamp("2026-12-01T07:00:00.25Z").as_deref(),
            Some("2026-12-01T07:00:00Z")
        );
        assert_eq!(
            datestamp("2026-12-01T09:00:00+02:00").as_deref(),
            Some("2026-12-01T07:00:00Z")
        );
        assert_eq!(datestamp("yesterday"), None);
    }

    #[test]
    fn arguments_are_checked_against_the_verb() {
        let ps = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let code = |v: &[(&str, &str)]| parse_args(&ps(v)).err().map(|e| e.code);
        assert_eq!(code(&[]), Some("badVerb"));
        assert_eq!(code(&[("verb", "Frobnicate")]), Some("badVerb"));
        assert_eq!(
            code(&[("verb", "Identify"), ("verb", "Identify")]),
            Some("badVerb")
        );
        assert_eq!(
            code(&[("verb", "Identify"), ("set", "x")]),
            Some("badArgument")
        );
        assert_eq!(
            code(&[
                ("verb", "ListRecords"),
                ("metadataPrefix", "oai_dc"),
                ("metadataPrefix", "oai_dc")
            ]),
            Some("badArgument")
        );
        assert_eq!(
            code(&[
                ("verb", "ListRecords"),
                ("metadataPrefix", "oai_dc"),
                ("resumptionToken", "x")
            ]),
            Some("badArgument")
        );
        assert_eq!(
            code(&[("verb", "ListRecords"), ("metadataPrefix", "oai_dc")]),
            None
        );
    }

    #[test]
    fn the_prolog_goes_and_bad_xml_is_refused() {
        let tei = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-model href=\"x\"?>\n<!-- c -->\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text/></TEI>\n";
        assert_eq!(
            without_prolog(tei),
            Some("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text/></TEI>\n")
        );
        for bad in [
            "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text></TEI>",
            "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"/><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"/>",
            "<html/>",
            "<TEI/>",
            "text <TEI xmlns=\"http://www.tei-c.org/ns/1.0\"/>",
            "",
        ] {
            assert_eq!(without_prolog(bad), None, "{bad}");
        }
    }

    #[test]
    fn set_specs() {
        assert!(valid_set_spec("frus1958-60v18"));
        assert!(valid_set_spec("a:b"));
        assert!(!valid_set_spec("a b"));
        assert!(!valid_set_spec("a::b"));
        assert!(!valid_set_spec(""));
    }
}
