//! Extractors: find the persons, places, organizations, treaties, terms
//! and dates that a document mentions, and add them to its model.
//!
//! Everything here works on the document model only; the writers turn the
//! result into TEI markup and stand-off lists, or RDF.

pub mod authority;
mod crossrefs;
pub mod dates;
mod lexicon;
mod persons;
pub mod roles;
mod rules;
#[cfg(test)]
mod tests;

use crate::authority::Entry;
use crate::model::*;
pub use authority::{Authority, AUTHORITY};
use lexicon::Lexicon;
use std::collections::BTreeMap;

/// What the extractors know beyond the text: the volume's lists and the
/// curated authority data.
pub struct Knowledge {
    pub persons: Vec<Entry>,
    pub terms: Vec<Entry>,
    lexicon: Lexicon,
}

impl Knowledge {
    pub fn new(persons: Vec<Entry>, terms: Vec<Entry>) -> Self {
        let lexicon = Lexicon::build(&persons, &terms, &AUTHORITY);
        Knowledge {
            persons,
            terms,
            lexicon,
        }
    }
}

/// A candidate span of a text run.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub what: What,
    /// Higher wins among spans of the same extent.
    pub priority: u8,
}

#[derive(Debug, Clone)]
pub(crate) enum What {
    Entity {
        entity: Box<Entity>,
        rule: &'static str,
    },
    Date {
        value: DateValue,
        rule: &'static str,
    },
    CrossRef {
        documents: Vec<u32>,
        note: Option<u32>,
    },
}

/// Finds every mention in `doc` and records the entities they refer to.
pub fn enrich(doc: &mut Document, k: &Knowledge) {
    let cx = persons::DocContext::new(doc, k, &AUTHORITY);
    let doc_date = doc.date.as_ref().map(|d| d.date);
    let mut reg = Registry::default();
    let signed_runs = signature_texts(doc);
    let source_notes: Vec<String> = doc
        .notes
        .iter()
        .filter(|n| n.is_source)
        .map(|n| n.text.clone())
        .collect();
    for run in doc.inline_runs_mut() {
        let mut out = Vec::with_capacity(run.len());
        for inline in run.drain(..) {
            let Inline::Text { text } = inline else {
                out.push(inline);
                continue;
            };
            let in_signature = signed_runs.iter().any(|s| s == text.trim());
            let in_source_note = source_notes.contains(&text);
            let mut spans = Vec::new();
            k.lexicon.find(&text, &cx, in_source_note, &mut spans);
            rules::find(&text, &cx, &AUTHORITY, in_signature, &mut spans);
            for f in dates::find(&text, doc_date.as_ref()) {
                spans.push(Span {
                    start: f.start,
                    end: f.end,
                    what: What::Date {
                        value: f.value,
                        rule: f.rule,
                    },
                    priority: 1,
                });
            }
            for f in crossrefs::find(&text) {
                spans.push(Span {
                    start: f.start,
                    end: f.end,
                    what: What::CrossRef {
                        documents: f.documents,
                        note: f.note,
                    },
                    priority: 2,
                });
            }
            out.extend(reg.emit(&text, 0, text.len(), spans));
        }
        *run = out;
    }
    let Registry {
        mut entities,
        order,
        ..
    } = reg;
    doc.entities = order
        .into_iter()
        .filter_map(|k| entities.remove(&k))
        .collect();
    link_parties(doc);
}

/// Ties the heading's sender and addressee, and the signer, to entities.
fn link_parties(doc: &mut Document) {
    let heading: Vec<Mention> = mentions(&doc.heading.content);
    let mut new = Vec::new();
    for party in [&mut doc.heading.sender, &mut doc.heading.addressee]
        .into_iter()
        .flatten()
    {
        let found = match party.kind {
            PartyKind::Person => heading.iter().find(|m| {
                m.kind == EntityKind::Person
                    && (Some(&m.text) == party.name.as_ref()
                        || party.name.is_none()
                            && m.rule == "office"
                            && party.office.as_deref() == Some(m.text.as_str()))
            }),
            PartyKind::Organization => heading.iter().find(|m| {
                m.kind == EntityKind::Organization
                    && party
                        .office
                        .as_deref()
                        .is_some_and(|o| o == m.text || o.ends_with(&m.text))
            }),
        };
        party.entity = match found {
            Some(m) => Some(m.entity.clone()),
            None => {
                let e = match party.kind {
                    PartyKind::Person => Entity {
                        key: format!(
                            "person/{}",
                            crate::iri::slug(party.name.as_deref().unwrap_or(&party.phrase))
                        ),
                        kind: Some(EntityKind::Person),
                        name: party.name.clone().unwrap_or_else(|| party.phrase.clone()),
                        ..Default::default()
                    },
                    PartyKind::Organization => rules::org_entity(
                        party.office.as_deref().unwrap_or(&party.phrase),
                        &AUTHORITY,
                    ),
                };
                let key = e.key.clone();
                if !doc.entities.iter().any(|x| x.key == key)
                    && !new.iter().any(|x: &Entity| x.key == key)
                {
                    new.push(e);
                }
                Some(key)
            }
        };
    }
    doc.entities.extend(new);
    doc.signed_by = doc
        .body
        .signed
        .as_ref()
        .and_then(|s| {
            mentions(s)
                .into_iter()
                .find(|m| m.kind == EntityKind::Person)
        })
        .map(|m| m.entity);
}

/// The mentions of a run, nested ones included.
pub fn mentions(run: &[Inline]) -> Vec<Mention> {
    let mut out = Vec::new();
    for i in run {
        if let Inline::Mention(m) = i {
            out.push(m.clone());
            out.extend(mentions(&m.parts));
        }
    }
    out
}

/// The entities found so far and the numbering of mentions.
#[derive(Default)]
struct Registry {
    entities: BTreeMap<String, Entity>,
    order: Vec<String>,
    next_mention: u32,
    next_date: u32,
}

impl Registry {
    /// The inlines of `text[from..to]` with the chosen spans as mentions;
    /// spans inside a chosen entity span become its nested parts.
    fn emit(&mut self, text: &str, from: usize, to: usize, spans: Vec<Span>) -> Vec<Inline> {
        let (chosen, rest) = choose(spans);
        let mut out = Vec::new();
        let mut at = from;
        for s in chosen {
            if s.start > at {
                out.push(Inline::text(&text[at..s.start]));
            }
            let surface = text[s.start..s.end].to_string();
            match s.what {
                What::Entity { entity, rule } => {
                    let key = entity.key.clone();
                    let kind = entity.kind();
                    match self.entities.get_mut(&key) {
                        Some(e) => merge(e, *entity),
                        None => {
                            self.order.push(key.clone());
                            self.entities.insert(key.clone(), *entity);
                        }
                    }
                    self.next_mention += 1;
                    let id = self.next_mention;
                    // only names nest in treaty and organization names
                    let inner: Vec<Span> = rest
                        .iter()
                        .filter(|r| {
                            r.start >= s.start
                                && r.end <= s.end
                                && (r.start, r.end) != (s.start, s.end)
                        })
                        .filter(|r| match &r.what {
                            // places and abbreviations nest in organization and treaty
                            // names ("Embassy in Japan", "U.S.-ROC Mutual Defense
                            // Treaty"), organizations in treaty names; a person's
                            // name in "Eisenhower Library" is not a mention of him
                            What::Entity { entity, .. } => matches!(
                                (kind, entity.kind()),
                                (
                                    EntityKind::Organization,
                                    EntityKind::Place | EntityKind::Term
                                ) | (
                                    EntityKind::Treaty,
                                    EntityKind::Place | EntityKind::Term | EntityKind::Organization
                                )
                            ),
                            What::Date { .. } | What::CrossRef { .. } => false,
                        })
                        .cloned()
                        .collect();
                    let parts = if inner.is_empty() {
                        Vec::new()
                    } else {
                        self.emit(text, s.start, s.end, inner)
                    };
                    out.push(Inline::Mention(Mention {
                        id,
                        entity: key,
                        kind,
                        text: surface,
                        parts,
                        rule,
                    }));
                }
                What::Date { value, rule } => {
                    self.next_date += 1;
                    out.push(Inline::Date(DateMention {
                        id: self.next_date,
                        text: surface,
                        value,
                        rule,
                    }));
                }
                What::CrossRef { documents, note } => {
                    out.push(Inline::CrossRef(CrossRef {
                        text: surface,
                        documents,
                        note,
                    }));
                }
            }
            at = s.end;
        }
        if at < to {
            out.push(Inline::text(&text[at..to]));
        }
        out
    }
}

/// Keeps what a later sighting of an entity adds.
fn merge(into: &mut Entity, from: Entity) {
    if into.frus_id.is_none() {
        into.frus_id = from.frus_id;
        into.list_label = from.list_label;
        if into.description.is_none() {
            into.description = from.description;
            into.roles = from.roles;
        }
    }
    if into.expansion.is_none() {
        into.expansion = from.expansion;
    }
    if into.authority.is_none() {
        into.authority = from.authority;
        into.wikidata = from.wikidata;
    }
    if into.coordinates.is_none() {
        into.coordinates = from.coordinates;
    }
    if into.treaty.is_none() {
        into.treaty = from.treaty;
    }
}

/// Non-overlapping spans, leftmost first, the longest where they overlap;
/// and the spans left out.
fn choose(mut spans: Vec<Span>) -> (Vec<Span>, Vec<Span>) {
    spans.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(b.priority.cmp(&a.priority))
    });
    let mut out: Vec<Span> = Vec::new();
    let mut rest: Vec<Span> = Vec::new();
    for s in spans {
        if s.end <= s.start {
            continue;
        }
        match out.last() {
            Some(last) if s.start < last.end => {
                // a longer span starting inside the previous one wins only
                // when it is strictly longer and of higher priority
                let longer = (s.end - s.start) > (last.end - last.start);
                if longer && s.priority > last.priority {
                    rest.extend(out.pop());
                    out.push(s);
                } else {
                    rest.push(s);
                }
            }
            _ => out.push(s),
        }
    }
    (out, rest)
}

fn signature_texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(d: &Division, out: &mut Vec<String>) {
        if let Some(s) = &d.signed {
            out.push(plain_text(s).trim().to_string());
        }
        for e in &d.enclosures {
            walk(e, out);
        }
    }
    walk(&doc.body, &mut out);
    out
}
