//! CMIF, the Correspondence Metadata Interchange Format of correspSearch:
//! one TEI file whose header holds a `correspDesc` per letter, telegram or
//! memorandum, with who sent it from where and when, and who received it.
//!
//! - the FRUS volume is a `bibl` of the `sourceDesc`, its `xml:id` the
//!   `@source` of each of its documents' `correspDesc`;
//! - persons are `persName`, offices and governments `orgName`, with `@ref`
//!   to the Wikidata (else VIAF or GND) record the store links them to;
//! - the place of the dateline is a `placeName`, with `@ref` only to a
//!   GeoNames record;
//! - a printed date is `@when`; a date known only between two days is
//!   `@notBefore`/`@notAfter`; an inferred date has `cert="low"`;
//! - an unknown party is `<persName>Unknown</persName>`, so that both
//!   actions are always there.

use super::{authority_ref, geonames_ref, Agent, Doc, DocDate, Selection, AGENT};
use crate::writer::xml::XmlOut;
use chrono::NaiveDate;

pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";
pub const CC_BY_4: &str = "https://creativecommons.org/licenses/by/4.0/";

/// The kinds of documents that are correspondence.
const KINDS: [&str; 8] = [
    "letter",
    "telegram",
    "memorandum",
    "message",
    "note",
    "instruction",
    "despatch",
    "airgram",
];

/// Whether a document goes into the CMIF: a letter, telegram, memorandum or
/// the like, with a sender or an addressee.
pub fn is_correspondence(d: &Doc) -> bool {
    d.kind.as_deref().is_some_and(|k| KINDS.contains(&k))
        && (!d.senders.is_empty() || !d.recipients.is_empty())
}

/// Writes the CMIF file of the selection. `url` is the file's own address.
pub fn write(sel: &Selection, url: &str, date: NaiveDate) -> Vec<u8> {
    let mut x = XmlOut::new();
    x.open("TEI", &[("xmlns", TEI_NS)]);
    x.open("teiHeader", &[]);
    x.open("fileDesc", &[]);
    x.open("titleStmt", &[]);
    let title = match sel.volumes.as_slice() {
        [v] => format!("{}: letters, telegrams and memoranda", v.title()),
        _ => "Foreign Relations of the United States: letters, telegrams and memoranda".into(),
    };
    x.leaf("title", &[], &title);
    x.leaf("editor", &[], AGENT);
    x.close("titleStmt");
    x.open("publicationStmt", &[]);
    x.leaf("publisher", &[], "frus-ld");
    x.leaf("idno", &[("type", "url")], url);
    let today = date.format("%Y-%m-%d").to_string();
    x.empty_block("date", &[("when", &today)]);
    x.open("availability", &[]);
    x.leaf(
        "licence",
        &[("target", CC_BY_4)],
        "This file is licensed under the terms of the Creative Commons License CC-BY 4.0",
    );
    x.close("availability");
    x.close("publicationStmt");
    x.open("sourceDesc", &[]);
    for v in &sel.volumes {
        x.open_inline_block("bibl", &[("type", "hybrid"), ("xml:id", &v.id)]);
        x.text(&format!(
            "{}. Office of the Historian, U.S. Department of State. ",
            v.title()
        ));
        x.start("ref", &[("target", &v.iri)]);
        x.text(&v.iri);
        x.end("ref");
        x.end("bibl");
    }
    x.close("sourceDesc");
    x.close("fileDesc");
    x.open("profileDesc", &[]);
    for d in sel.docs.iter().filter(|d| is_correspondence(d)) {
        let Some(vol) = &d.volume else {
            continue; // no bibl to point to
        };
        corresp_desc(&mut x, d, vol);
    }
    x.close("profileDesc");
    x.close("teiHeader");
    x.open("text", &[]);
    x.open("body", &[]);
    x.empty_block("p", &[]);
    x.close("body");
    x.close("text");
    x.close("TEI");
    x.finish()
}

fn corresp_desc(x: &mut XmlOut, d: &Doc, vol: &str) {
    let source = format!("#{vol}");
    x.open("correspDesc", &[("ref", &d.iri), ("source", &source)]);
    x.open("correspAction", &[("type", "sent")]);
    parties(x, &d.senders);
    if let Some(p) = &d.place {
        match geonames_ref(&p.same_as) {
            Some(r) => x.leaf("placeName", &[("ref", r)], &p.name),
            None => x.leaf("placeName", &[], &p.name),
        }
    }
    if let Some(date) = &d.date {
        let mut attrs: Vec<(&str, &str)> = match date {
            DocDate::When(w) => vec![("when", w)],
            DocDate::Between(a, b) => vec![("notBefore", a), ("notAfter", b)],
        };
        if d.date_inferred {
            attrs.push(("cert", "low"));
        }
        x.empty_block("date", &attrs);
    }
    x.close("correspAction");
    x.open("correspAction", &[("type", "received")]);
    parties(x, &d.recipients);
    x.close("correspAction");
    x.close("correspDesc");
}

fn parties(x: &mut XmlOut, agents: &[Agent]) {
    if agents.is_empty() {
        x.leaf("persName", &[], "Unknown");
    }
    for a in agents {
        let el = if a.is_person { "persName" } else { "orgName" };
        match authority_ref(&a.same_as) {
            Some(r) => x.leaf(el, &[("ref", r)], &a.name),
            None => x.leaf(el, &[], &a.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Doc, Volume};

    fn doc(kind: &str, senders: Vec<Agent>, recipients: Vec<Agent>, date: Option<DocDate>) -> Doc {
        Doc {
            iri: "https://history.state.gov/historicaldocuments/frus1958-60v18/d1".into(),
            volume: Some("frus1958-60v18".into()),
            id: "d1".into(),
            number: Some(1),
            title: None,
            kind: Some(kind.into()),
            date,
            date_inferred: true,
            citation: None,
            classification: None,
            senders,
            recipients,
            place: None,
        }
    }

    fn agent(name: &str, person: bool) -> Agent {
        Agent {
            iri: format!("https://w3id.org/frus-ld/id/x/{name}"),
            name: name.into(),
            is_person: person,
            same_as: vec![],
        }
    }

    fn cmif(docs: Vec<Doc>) -> String {
        let sel = Selection {
            docs,
            volumes: vec![Volume {
                id: "frus1958-60v18".into(),
                iri: "https://history.state.gov/historicaldocuments/frus1958-60v18".into(),
            }],
            volume: None,
        };
        let date = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
        String::from_utf8(write(&sel, "https://example.org/c.xml", date)).unwrap()
    }

    #[test]
    fn an_unknown_party_keeps_both_actions() {
        let xml = cmif(vec![doc(
            "memorandum",
            vec![agent("Robertson", true)],
            vec![],
            Some(DocDate::Between("1958-03-01".into(), "1958-03-28".into())),
        )]);
        let received = &xml[xml.find("<correspAction type=\"received\">").unwrap()..];
        assert!(
            received.starts_with(
                "<correspAction type=\"received\">\n          <persName>Unknown</persName>"
            ),
            "{xml}"
        );
        assert!(
            xml.contains("<date notBefore=\"1958-03-01\" notAfter=\"1958-03-28\" cert=\"low\"/>"),
            "{xml}"
        );
        assert!(xml.contains("<date when=\"2024-01-02\"/>"), "{xml}");
    }

    #[test]
    fn only_correspondence_with_a_party_goes_in() {
        let xml = cmif(vec![
            doc(
                "memorandum-of-conversation",
                vec![agent("A", true)],
                vec![],
                None,
            ),
            doc("editorial-note", vec![], vec![], None),
            doc("telegram", vec![], vec![], None),
        ]);
        assert!(!xml.contains("<correspDesc"), "{xml}");
        let xml = cmif(vec![doc(
            "telegram",
            vec![],
            vec![agent("Embassy", false)],
            None,
        )]);
        assert!(xml.contains("<orgName>Embassy</orgName>"), "{xml}");
        assert!(
            !xml.contains("<date notBefore"),
            "no date, no date element: {xml}"
        );
    }
}
