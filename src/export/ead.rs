//! EAD3 finding aids of a volume and EAC-CPF records of its persons.
//!
//! The finding aid describes the volume as a collection and each document
//! as an item (`<c level="item">`): its number (`unitid`), heading
//! (`unittitle`), date (`unitdatestructured`), sender (`origination`),
//! addressee (`controlaccess`), the archival citation of its source note
//! (`originalsloc`: where the original is) and its address on the web
//! (`dao`). The store does not know the volume's chapters, so the items
//! stand directly in the `dsc`.
//!
//! The EAC-CPF records (EAC-CPF 2010, one file a person) give each person
//! who sends, receives or is named in the volume's documents, with the
//! names, life dates, offices and their dates, and links to Wikidata the
//! store holds, and the documents as resource relations.

use super::{authority_ref, Description, Doc, DocDate, Selection, Volume, AGENT};
use crate::vocab::{fl, iri as nn, schema, OWL};
use crate::writer::xml::XmlOut;
use anyhow::{anyhow, bail, Result};
use chrono::NaiveDate;
use oxigraph::model::{NamedNode, NamedOrBlankNode, TermRef};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};

pub const EAD_NS: &str = "http://ead3.archivists.org/schema/";
pub const EAC_NS: &str = "urn:isbn:1-931666-33-4";
pub const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// The one volume a finding aid describes: the volume asked for, or the
/// only one the store holds.
pub fn the_volume(sel: &Selection) -> Result<&Volume> {
    match sel.volumes.as_slice() {
        [v] => Ok(v),
        [] => bail!("the documents have no volume: a finding aid describes one volume"),
        vs => bail!(
            "the store holds {} volumes ({}): give --volume for the finding aid",
            vs.len(),
            vs.iter()
                .map(|v| v.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `<unitdatestructured>` of a date.
fn unitdate(x: &mut XmlOut, date: &DocDate, inferred: bool, inclusive: bool) {
    let mut attrs = Vec::new();
    if inclusive {
        attrs.push(("unitdatetype", "inclusive"));
    }
    if inferred {
        attrs.push(("certainty", "inferred"));
    }
    x.open("unitdatestructured", &attrs);
    match date {
        DocDate::When(w) => x.leaf("datesingle", &[("standarddate", w)], w),
        DocDate::Between(a, b) => {
            x.open("daterange", &[]);
            x.leaf("fromdate", &[("standarddate", a)], a);
            x.leaf("todate", &[("standarddate", b)], b);
            x.close("daterange");
        }
    }
    x.close("unitdatestructured");
}

fn ead_name(x: &mut XmlOut, a: &super::Agent, relator: Option<&str>) {
    let el = if a.is_person { "persname" } else { "corpname" };
    let mut attrs: Vec<(&str, &str)> = Vec::new();
    let identifier = authority_ref(&a.same_as).unwrap_or(&a.iri);
    attrs.push(("identifier", identifier));
    if identifier.contains("wikidata.org/") {
        attrs.push(("source", "wikidata"));
    }
    if let Some(r) = relator {
        attrs.push(("relator", r));
    }
    x.open(el, &attrs);
    x.leaf("part", &[], &a.name);
    x.close(el);
}

/// Writes the EAD3 finding aid of the selection's one volume.
pub fn write_ead(sel: &Selection, date: NaiveDate) -> Result<Vec<u8>> {
    let vol = the_volume(sel)?;
    let docs: Vec<&Doc> = sel
        .docs
        .iter()
        .filter(|d| d.volume.as_deref() == Some(vol.id.as_str()))
        .collect();
    let today = date.format("%Y-%m-%d").to_string();
    let mut x = XmlOut::new();
    x.open("ead", &[("xmlns", EAD_NS)]);
    x.open("control", &[]);
    x.leaf("recordid", &[], &vol.id);
    x.open("filedesc", &[]);
    x.open("titlestmt", &[]);
    x.leaf("titleproper", &[], &vol.title());
    x.leaf(
        "subtitle",
        &[],
        "A finding aid of the documents of the volume",
    );
    x.close("titlestmt");
    x.close("filedesc");
    x.empty_block("maintenancestatus", &[("value", "derived")]);
    x.open("maintenanceagency", &[]);
    x.leaf("agencyname", &[], "frus-ld");
    x.close("maintenanceagency");
    x.open("maintenancehistory", &[]);
    x.open("maintenanceevent", &[]);
    x.empty_block("eventtype", &[("value", "derived")]);
    x.leaf("eventdatetime", &[("standarddatetime", &today)], &today);
    x.empty_block("agenttype", &[("value", "machine")]);
    x.leaf("agent", &[], AGENT);
    x.leaf(
        "eventdescription",
        &[],
        "Derived from the RDF that a frus-ld store holds of the documents of the volume",
    );
    x.close("maintenanceevent");
    x.close("maintenancehistory");
    x.close("control");

    x.open("archdesc", &[("level", "collection")]);
    x.open("did", &[]);
    x.leaf("unitid", &[], &vol.id);
    x.leaf("unittitle", &[], &vol.title());
    let first = docs
        .iter()
        .filter_map(|d| d.date.as_ref())
        .map(DocDate::first)
        .min();
    let last = docs
        .iter()
        .filter_map(|d| d.date.as_ref())
        .map(DocDate::last)
        .max();
    if let (Some(a), Some(b)) = (first, last) {
        let range = if a == b {
            DocDate::When(a.to_string())
        } else {
            DocDate::Between(a.to_string(), b.to_string())
        };
        unitdate(&mut x, &range, false, true);
    }
    x.leaf(
        "physdesc",
        &[],
        &format!(
            "{} document{}",
            docs.len(),
            if docs.len() == 1 { "" } else { "s" }
        ),
    );
    x.empty_block(
        "dao",
        &[
            ("daotype", "derived"),
            ("href", &vol.iri),
            ("linktitle", "The volume on the web"),
        ],
    );
    x.close("did");
    x.open("otherfindaid", &[]);
    x.open_inline_block("p", &[]);
    x.text("The volume on the web, with its index and its lists of persons and abbreviations: ");
    x.start("ref", &[("href", &vol.iri)]);
    x.text(&vol.iri);
    x.end("ref");
    x.end("p");
    x.close("otherfindaid");
    x.open("dsc", &[]);
    let mut ids = BTreeSet::new();
    for d in &docs {
        let mut id = d.id.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{}-{n}", d.id);
            n += 1;
        }
        item(&mut x, d, &id);
    }
    x.close("dsc");
    x.close("archdesc");
    x.close("ead");
    Ok(x.finish())
}

fn item(x: &mut XmlOut, d: &Doc, id: &str) {
    x.open("c", &[("level", "item"), ("id", id)]);
    x.open("did", &[]);
    x.leaf("unitid", &[], &d.id);
    let title = d.title.clone().unwrap_or_else(|| d.id.clone());
    x.leaf("unittitle", &[], &title);
    if !d.senders.is_empty() {
        x.open("origination", &[("label", "Sender")]);
        for a in &d.senders {
            ead_name(x, a, None);
        }
        x.close("origination");
    }
    if let Some(date) = &d.date {
        unitdate(x, date, d.date_inferred, false);
    }
    x.empty_block(
        "dao",
        &[
            ("daotype", "derived"),
            ("href", &d.iri),
            ("linktitle", "The document on the web"),
        ],
    );
    x.close("did");
    if !d.recipients.is_empty() {
        x.open("controlaccess", &[]);
        for a in &d.recipients {
            ead_name(x, a, Some("addressee"));
        }
        x.close("controlaccess");
    }
    if let Some(c) = &d.citation {
        x.open("originalsloc", &[]);
        x.leaf("p", &[], c);
        x.close("originalsloc");
    }
    if let Some(c) = &d.classification {
        x.open("accessrestrict", &[]);
        x.leaf("p", &[], &format!("Classified {c} when written."));
        x.close("accessrestrict");
    }
    x.close("c");
}

/// An office, position or role a person held, with its dates when known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Office {
    from: Option<String>,
    to: Option<String>,
    term: String,
}

/// What the EAC-CPF record of a person says.
#[derive(Debug)]
struct Person {
    iri: String,
    name: String,
    family: Option<String>,
    given: Option<String>,
    alternates: Vec<String>,
    birth: Option<String>,
    death: Option<String>,
    same_as: Vec<String>,
    /// The entries of FRUS Lists of Persons that describe the person.
    list_entries: Vec<String>,
    offices: Vec<Office>,
    descriptions: Vec<String>,
}

fn date_value(d: &Description, p: &NamedNode) -> Option<String> {
    d.literal(p)
        .map(|l| l.value().to_string())
        .filter(|v| super::is_w3c_date(v))
}

impl Person {
    fn read(store: &Store, iri: &str) -> Result<Person> {
        let node = NamedNode::new(iri).map_err(|e| anyhow!("{iri}: {e}"))?;
        let d = Description::of(store, node.as_ref(), None)?;
        let mut offices = BTreeSet::new();
        // the roles of the volume's List of Persons
        for r in d.iris(&schema("hasOccupation")) {
            let rd = Description::of(store, r.as_ref(), None)?;
            if let Some(role) = rd.text(&schema("roleName")) {
                let term = match rd.text(&fl("organizationName")) {
                    Some(o) if !role.contains(&o) => format!("{role}, {o}"),
                    _ => role,
                };
                offices.insert(Office {
                    from: date_value(&rd, &schema("startDate")),
                    to: date_value(&rd, &schema("endDate")),
                    term,
                });
            }
        }
        // tenures of offices in the authority data
        let mut tenures = Vec::new();
        for q in store.quads_for_pattern(
            None,
            Some(fl("holder").as_ref()),
            Some(TermRef::NamedNode(node.as_ref())),
            None,
        ) {
            if let NamedOrBlankNode::NamedNode(t) = q?.subject {
                tenures.push(t);
            }
        }
        for t in tenures {
            let td = Description::of(store, t.as_ref(), None)?;
            let office = match td.iris(&fl("office")).first() {
                Some(o) => Description::of(store, o.as_ref(), None)?
                    .text(&nn("http://www.w3.org/2000/01/rdf-schema#label")),
                None => None,
            };
            if let Some(term) = office.or_else(|| td.text(&schema("roleName"))) {
                offices.insert(Office {
                    from: date_value(&td, &schema("startDate")),
                    to: date_value(&td, &schema("endDate")),
                    term,
                });
            }
        }
        if offices.is_empty() {
            if let Some(j) = d.text(&schema("jobTitle")) {
                offices.insert(Office {
                    from: None,
                    to: None,
                    term: j,
                });
            }
        }
        let mut descriptions = BTreeSet::new();
        let list_entries = d.iris(&fl("frusListEntry"));
        for e in &list_entries {
            if let Some(t) = Description::of(store, e.as_ref(), None)?.text(&schema("description"))
            {
                descriptions.insert(t);
            }
        }
        let name = d
            .text(&schema("name"))
            .unwrap_or_else(|| super::last_segment(iri).to_string());
        let mut alternates: BTreeSet<String> = d
            .all(&schema("alternateName"))
            .iter()
            .chain(d.all(&nn("http://www.w3.org/2004/02/skos/core#altLabel")))
            .filter_map(|t| match t {
                oxigraph::model::Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            })
            .collect();
        alternates.remove(&name);
        Ok(Person {
            iri: iri.to_string(),
            name,
            family: d.text(&schema("familyName")),
            given: d.text(&schema("givenName")),
            alternates: alternates.into_iter().collect(),
            birth: date_value(&d, &schema("birthDate")),
            death: date_value(&d, &schema("deathDate")),
            same_as: d
                .iris(&nn(format!("{OWL}sameAs")))
                .into_iter()
                .map(NamedNode::into_string)
                .collect(),
            list_entries: list_entries
                .into_iter()
                .map(NamedNode::into_string)
                .collect(),
            offices: offices.into_iter().collect(),
            descriptions: descriptions.into_iter().collect(),
        })
    }
}

/// The file name (without `.xml`) and record id of a person's record:
/// the key of a frus-ld person IRI (`…/person/kishi-nobusuke`), else a slug of the IRI.
pub fn person_key(iri: &str) -> String {
    match iri.rsplit_once("/person/") {
        Some((_, k)) if super::is_safe_name(k) => k.to_string(),
        _ => super::safe_name("p", iri),
    }
}

/// How a person is related to a document, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Relation {
    Sender,
    Addressee,
    Named,
}

/// The EAC-CPF records of the persons of the selection: file name → XML.
pub fn write_eac(
    store: &Store,
    sel: &Selection,
    date: NaiveDate,
) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut related: BTreeMap<String, BTreeMap<usize, Relation>> = BTreeMap::new();
    for (i, d) in sel.docs.iter().enumerate() {
        for p in d.persons(store)? {
            let rel = if d.senders.iter().any(|a| a.iri == p) {
                Relation::Sender
            } else if d.recipients.iter().any(|a| a.iri == p) {
                Relation::Addressee
            } else {
                Relation::Named
            };
            let e = related.entry(p).or_default().entry(i).or_insert(rel);
            *e = (*e).min(rel);
        }
    }
    let mut out = BTreeMap::new();
    for (iri, docs) in related {
        let person = Person::read(store, &iri)?;
        let mut key = person_key(&iri);
        let base = key.clone();
        let mut n = 2;
        while out.contains_key(&format!("{key}.xml")) {
            key = format!("{base}-{n}");
            n += 1;
        }
        let docs: Vec<(&Doc, Relation)> = docs.iter().map(|(i, r)| (&sel.docs[*i], *r)).collect();
        let xml = eac_record(&person, &key, &docs, sel, date);
        out.insert(format!("{key}.xml"), xml);
    }
    Ok(out)
}

fn eac_dates(x: &mut XmlOut, from: Option<&str>, to: Option<&str>) {
    match (from, to) {
        (Some(a), Some(b)) if a == b => x.leaf("date", &[("standardDate", a)], a),
        (None, None) => {}
        (a, b) => {
            x.open("dateRange", &[]);
            if let Some(a) = a {
                x.leaf("fromDate", &[("standardDate", a)], a);
            }
            if let Some(b) = b {
                x.leaf("toDate", &[("standardDate", b)], b);
            }
            x.close("dateRange");
        }
    }
}

fn eac_record(
    p: &Person,
    key: &str,
    docs: &[(&Doc, Relation)],
    sel: &Selection,
    date: NaiveDate,
) -> Vec<u8> {
    let today = date.format("%Y-%m-%d").to_string();
    let mut x = XmlOut::new();
    x.open("eac-cpf", &[("xmlns", EAC_NS), ("xmlns:xlink", XLINK_NS)]);
    x.open("control", &[]);
    x.leaf("recordId", &[], key);
    x.leaf("maintenanceStatus", &[], "derived");
    x.open("maintenanceAgency", &[]);
    x.leaf("agencyName", &[], "frus-ld");
    x.close("maintenanceAgency");
    x.open("languageDeclaration", &[]);
    x.leaf("language", &[("languageCode", "eng")], "English");
    x.leaf("script", &[("scriptCode", "Latn")], "Latin");
    x.close("languageDeclaration");
    x.open("maintenanceHistory", &[]);
    x.open("maintenanceEvent", &[]);
    x.leaf("eventType", &[], "derived");
    x.leaf("eventDateTime", &[("standardDateTime", &today)], &today);
    x.leaf("agentType", &[], "machine");
    x.leaf("agent", &[], AGENT);
    x.leaf(
        "eventDescription",
        &[],
        "Derived from the RDF that a frus-ld store holds: the List of Persons of the FRUS volume and curated authority data",
    );
    x.close("maintenanceEvent");
    x.close("maintenanceHistory");
    x.open("sources", &[]);
    for v in &sel.volumes {
        x.open(
            "source",
            &[("xlink:type", "simple"), ("xlink:href", &v.iri)],
        );
        x.leaf("sourceEntry", &[], &v.title());
        x.close("source");
    }
    x.close("sources");
    x.close("control");

    x.open("cpfDescription", &[]);
    x.open("identity", &[]);
    x.leaf("entityId", &[], &p.iri);
    for e in &p.list_entries {
        x.leaf("entityId", &[("localType", "FRUS-list-of-persons")], e);
    }
    for s in &p.same_as {
        x.leaf("entityId", &[], s);
    }
    x.leaf("entityType", &[], "person");
    x.open("nameEntry", &[]);
    x.leaf("part", &[], &p.name);
    x.leaf("authorizedForm", &[], "frus-ld");
    x.close("nameEntry");
    if let (Some(f), Some(g)) = (&p.family, &p.given) {
        x.open("nameEntry", &[]);
        x.leaf("part", &[("localType", "surname")], f);
        x.leaf("part", &[("localType", "forename")], g);
        x.leaf("alternativeForm", &[], "frus-ld");
        x.close("nameEntry");
    }
    for a in &p.alternates {
        x.open("nameEntry", &[]);
        x.leaf("part", &[], a);
        x.leaf("alternativeForm", &[], "frus-ld");
        x.close("nameEntry");
    }
    x.close("identity");

    let has_description = p.birth.is_some()
        || p.death.is_some()
        || !p.offices.is_empty()
        || !p.descriptions.is_empty();
    if has_description {
        x.open("description", &[]);
        if p.birth.is_some() || p.death.is_some() {
            x.open("existDates", &[]);
            x.open("dateRange", &[]);
            if let Some(b) = &p.birth {
                x.leaf("fromDate", &[("standardDate", b)], b);
            }
            if let Some(d) = &p.death {
                x.leaf("toDate", &[("standardDate", d)], d);
            }
            x.close("dateRange");
            x.close("existDates");
        }
        if !p.offices.is_empty() {
            x.open("occupations", &[]);
            for o in &p.offices {
                x.open("occupation", &[]);
                x.leaf("term", &[], &o.term);
                eac_dates(&mut x, o.from.as_deref(), o.to.as_deref());
                x.close("occupation");
            }
            x.close("occupations");
        }
        if !p.descriptions.is_empty() {
            x.open("biogHist", &[]);
            for d in &p.descriptions {
                x.leaf("p", &[], d);
            }
            x.close("biogHist");
        }
        x.close("description");
    }

    if !p.same_as.is_empty() || !docs.is_empty() {
        x.open("relations", &[]);
        for s in &p.same_as {
            x.open(
                "cpfRelation",
                &[
                    ("cpfRelationType", "identity"),
                    ("xlink:type", "simple"),
                    ("xlink:href", s),
                ],
            );
            let what = if s.contains("wikidata.org/") {
                "Wikidata"
            } else {
                "Authority record"
            };
            x.leaf("relationEntry", &[], what);
            x.close("cpfRelation");
        }
        for (d, rel) in docs {
            let (kind, role) = match rel {
                Relation::Sender => ("creatorOf", None),
                Relation::Addressee => ("other", Some("addressee")),
                Relation::Named => ("subjectOf", None),
            };
            x.open(
                "resourceRelation",
                &[
                    ("resourceRelationType", kind),
                    ("xlink:type", "simple"),
                    ("xlink:href", &d.iri),
                ],
            );
            let title = d.title.clone().unwrap_or_else(|| d.id.clone());
            match role {
                Some(r) => x.leaf("relationEntry", &[("localType", r)], &title),
                None => x.leaf("relationEntry", &[], &title),
            }
            if let Some(date) = &d.date {
                match date {
                    DocDate::When(w) => x.leaf("date", &[("standardDate", w)], w),
                    DocDate::Between(a, b) => {
                        x.open("dateRange", &[]);
                        x.leaf("fromDate", &[("standardDate", a)], a);
                        x.leaf("toDate", &[("standardDate", b)], b);
                        x.close("dateRange");
                    }
                }
            }
            x.close("resourceRelation");
        }
        x.close("relations");
    }
    x.close("cpfDescription");
    x.close("eac-cpf");
    x.finish()
}

/// Writes the EAC-CPF records into a directory beside `dir`, to be moved
/// into place by `commit`; an existing non-empty `dir` is refused.
pub fn stage_eac_dir(
    records: &BTreeMap<String, Vec<u8>>,
    dir: &std::path::Path,
) -> Result<super::bag::StagedDir> {
    let staged = super::bag::StagedDir::new(dir)?;
    for (name, xml) in records {
        staged.write(name, xml)?;
    }
    Ok(staged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_keys() {
        assert_eq!(
            person_key("https://w3id.org/frus-ld/id/person/kishi-nobusuke"),
            "kishi-nobusuke"
        );
        assert_eq!(
            person_key("http://example.org/people#A B"),
            "http-exampleorg-people-a-b"
        );
        assert_eq!(person_key("urn:1"), "urn-1");
        assert_eq!(person_key("1"), "p-1");
    }
}
