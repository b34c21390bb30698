//! Extractors: find the persons, places, organizations, treaties, terms
//! and dates that a document mentions, and add them to its model.
//!
//! Everything here works on the document model only; the writers turn the
//! result into TEI markup and stand-off lists, or RDF.

pub mod authority;
pub mod dates;
mod lexicon;
mod persons;
pub mod roles;
mod rules;

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
}

/// Finds every mention in `doc` and records the entities they refer to.
pub fn enrich(doc: &mut Document, k: &Knowledge) {
    let cx = persons::DocContext::new(doc, k, &AUTHORITY);
    let doc_date = doc.date.as_ref().map(|d| d.date);
    let mut registry: BTreeMap<String, Entity> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let (mut next_mention, mut next_date) = (1u32, 1u32);
    let signed_runs = signature_texts(doc);
    let source_notes: Vec<String> = doc.notes.iter().filter(|n| n.is_source).map(|n| n.text.clone()).collect();
    for run in doc.inline_runs_mut() {
        let mut out = Vec::with_capacity(run.len());
        for inline in run.drain(..) {
            let Inline::Text { text } = inline else {
                out.push(inline);
                continue;
            };
            let in_signature = signed_runs.iter().any(|s| s == text.trim());
            let in_source_note = source_notes.iter().any(|s| *s == text);
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
            let chosen = choose(spans);
            let mut at = 0;
            for s in chosen {
                if s.start > at {
                    out.push(Inline::text(&text[at..s.start]));
                }
                let surface = text[s.start..s.end].to_string();
                match s.what {
                    What::Entity { entity, rule } => {
                        let key = entity.key.clone();
                        let kind = entity.kind();
                        match registry.get_mut(&key) {
                            Some(e) => merge(e, *entity),
                            None => {
                                order.push(key.clone());
                                registry.insert(key.clone(), *entity);
                            }
                        }
                        out.push(Inline::Mention(Mention {
                            id: next_mention,
                            entity: key,
                            kind,
                            text: surface,
                            rule,
                        }));
                        next_mention += 1;
                    }
                    What::Date { value, rule } => {
                        out.push(Inline::Date(DateMention {
                            id: next_date,
                            text: surface,
                            value,
                            rule,
                        }));
                        next_date += 1;
                    }
                }
                at = s.end;
            }
            if at < text.len() {
                out.push(Inline::text(&text[at..]));
            }
        }
        *run = out;
    }
    doc.entities = order.into_iter().filter_map(|k| registry.remove(&k)).collect();
}

/// Keeps what a later sighting of an entity adds.
fn merge(into: &mut Entity, from: Entity) {
    if into.frus_id.is_none() {
        into.frus_id = from.frus_id;
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

/// Non-overlapping spans, leftmost first, the longest where they overlap.
fn choose(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(b.priority.cmp(&a.priority))
    });
    let mut out: Vec<Span> = Vec::new();
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
                    out.pop();
                    out.push(s);
                }
            }
            _ => out.push(s),
        }
    }
    out
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
