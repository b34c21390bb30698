//! The dictionary part of recognition: every name form of the volume's
//! lists and of the authority data, found in one pass with Aho-Corasick.

use super::authority::Authority;
use super::persons::{list_person, DocContext, ListPerson};
use super::{Knowledge, Span, What};
use crate::authority::Entry;
use crate::iri::slug;
use crate::model::*;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::BTreeMap;

/// What a name form may refer to.
#[derive(Debug, Clone)]
enum Target {
    /// Persons of the list (indexes), by full name or surname.
    ListPerson { candidates: Vec<usize>, full: bool },
    /// "MacArthur, Douglas II", as archival citations invert a name: the
    /// surname and the forenames are marked each for itself.
    InvertedListPerson { index: usize, comma: usize },
    /// A person of the authority data, by full name or surname.
    AuthorityPerson { index: usize, full: bool },
    /// An abbreviation of the volume's list.
    Term { entity: Box<Entity>, short: bool },
    /// A place, organization or treaty of the authority data.
    Authority { entity: Box<Entity> },
    /// Treaties that share a name, chosen by the document's date.
    Treaties {
        entities: Vec<(Option<String>, Entity)>,
    },
}

pub(crate) struct Lexicon {
    ac: Option<AhoCorasick>,
    forms: Vec<(String, Vec<Target>)>,
    pub persons: Vec<ListPerson>,
    /// The forms that show a list person is named in a text (full forms,
    /// and the surname where it names one person alone), with the person.
    naming: Option<(AhoCorasick, Vec<usize>)>,
}

impl Knowledge {
    pub(crate) fn lexicon_persons(&self) -> &[ListPerson] {
        &self.lexicon.persons
    }

    /// The list persons a text names (by a full form, or by a surname that
    /// only one of them has), as sorted indexes: one pass over the text.
    pub(crate) fn persons_named_in(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let Some((ac, who)) = &self.lexicon.naming else {
            return out;
        };
        for m in ac.find_overlapping_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                out.push(who[m.pattern().as_usize()]);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The automaton of [`Knowledge::persons_named_in`].
fn naming_forms(lp: &[ListPerson]) -> Option<(AhoCorasick, Vec<usize>)> {
    let mut patterns = Vec::new();
    let mut who = Vec::new();
    for (i, p) in lp.iter().enumerate() {
        if p.surname_alone && lp.iter().filter(|q| q.surname == p.surname).count() == 1 {
            patterns.push(p.surname.clone());
            who.push(i);
        }
        for f in &p.full_forms {
            patterns.push(f.clone());
            who.push(i);
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .ok()?;
    Some((ac, who))
}

/// The entity for an abbreviation: an organization or place when the
/// authority data knows its expansion, else a term of its own.
fn term_entity(t: &Entry, auth: &Authority) -> Entity {
    let exp = t.description.trim();
    let same = |names: &[String]| {
        names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(exp) || n == &t.name)
    };
    let mut e = Entity {
        frus_id: Some(t.id.clone()),
        list_label: Some(t.name.clone()),
        expansion: Some(exp.to_string()).filter(|e| !e.is_empty()),
        ..Default::default()
    };
    if let Some(o) = auth.orgs.iter().find(|o| same(o.record.names())) {
        e.key = o.record.key();
        e.kind = Some(EntityKind::Organization);
        e.name = o.name.clone();
        e.authority = Some(o.record.iri.clone());
        e.wikidata = o.record.wikidata();
    } else if let Some(p) = auth.places.iter().find(|p| same(p.record.names())) {
        e.key = p.record.key();
        e.kind = Some(EntityKind::Place);
        e.name = p.name.clone();
        e.authority = Some(p.record.iri.clone());
        e.wikidata = p.record.wikidata();
        e.coordinates = p.lat_lon;
    } else if exp == "Department" {
        // in the State Department's own series, "the Department" is the Department of State
        let d = super::rules::org_entity("Department of State", auth);
        e.key = d.key;
        e.kind = d.kind;
        e.name = d.name;
        e.authority = d.authority;
        e.wikidata = d.wikidata;
    } else if exp.starts_with("Government of") || looks_like_org(exp) {
        let first = exp.split(';').next().unwrap_or(exp).trim();
        e.key = format!("org/{}", slug(first));
        e.kind = Some(EntityKind::Organization);
        e.name = first.to_string();
    } else {
        e.key = format!("term/{}", slug(&t.name));
        e.kind = Some(EntityKind::Term);
        e.name = t.name.clone();
    }
    e
}

fn looks_like_org(s: &str) -> bool {
    const HEADS: [&str; 22] = [
        "Office",
        "Bureau",
        "Department",
        "Agency",
        "Board",
        "Council",
        "Committee",
        "Staff",
        "Command",
        "Organization",
        "Government",
        "Embassy",
        "Ministry",
        "Party",
        "Forces",
        "Commission",
        "Administration",
        "Mission",
        "Chiefs",
        "Commander",
        "Headquarters",
        "Fleet",
    ];
    // the head noun ends the name ("Policy Planning Staff") or starts it
    // before "of" ("Bureau of Far Eastern Affairs"); "Embassy telegram" is no
    // organization
    let first = s.split([',', ';']).next().unwrap_or(s).trim();
    let words: Vec<&str> = first.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    let proper = last.chars().next().is_some_and(char::is_uppercase);
    HEADS.contains(&last)
        || (words.len() > 2 && HEADS.contains(&words[0]) && words[1] == "of" && proper)
}

pub fn authority_entity(r: &super::authority::Record, kind: EntityKind, name: &str) -> Entity {
    Entity {
        key: r.key(),
        kind: Some(kind),
        name: name.to_string(),
        authority: Some(r.iri.clone()),
        wikidata: r.wikidata(),
        ..Default::default()
    }
}

/// A treaty of the authority data as an entity, with its facts.
pub fn treaty_entity_of(t: &super::authority::Treaty, auth: &Authority) -> Entity {
    let mut e = authority_entity(&t.record, EntityKind::Treaty, &t.name);
    e.treaty = Some(TreatyFacts {
        signed: t.signed.clone(),
        signed_at: t
            .signed_at
            .as_ref()
            .and_then(|p| auth.place_by_iri(p))
            .map(|p| p.name.clone()),
        in_force: t.in_force.clone(),
        citation: t.citation.clone(),
        parties: t
            .parties
            .iter()
            .filter_map(|p| auth.place_by_iri(p))
            .map(|p| p.name.clone())
            .collect(),
    });
    e
}

impl Lexicon {
    pub fn build(persons: &[Entry], terms: &[Entry], auth: &Authority) -> Lexicon {
        let mut forms: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        let mut add = |form: &str, t: Target| {
            let form = form.trim();
            let form = form.strip_prefix("the ").unwrap_or(form);
            if form.chars().count() < 2 && !matches!(t, Target::Term { .. }) {
                return;
            }
            if !form
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && !matches!(t, Target::Term { .. })
            {
                return;
            }
            forms.entry(form.to_string()).or_default().push(t);
        };
        let lp: Vec<ListPerson> = persons.iter().map(|p| list_person(p, auth)).collect();
        // list persons: full forms, then surnames (ambiguous ones grouped)
        let mut surnames: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, p) in lp.iter().enumerate() {
            for f in &p.full_forms {
                match f.strip_prefix(&format!("{}, ", p.surname)) {
                    Some(_) => add(
                        f,
                        Target::InvertedListPerson {
                            index: i,
                            comma: p.surname.len(),
                        },
                    ),
                    None => add(
                        f,
                        Target::ListPerson {
                            candidates: vec![i],
                            full: true,
                        },
                    ),
                }
            }
            if p.surname_alone {
                surnames.entry(p.surname.clone()).or_default().push(i);
                if let Some(s) = &p.suffix {
                    surnames
                        .entry(format!("{} {s}", p.surname))
                        .or_default()
                        .push(i);
                }
            }
        }
        for (s, c) in surnames {
            add(
                &s,
                Target::ListPerson {
                    candidates: c,
                    full: false,
                },
            );
        }
        for t in terms {
            let e = term_entity(t, auth);
            let short = t.name.chars().filter(|c| c.is_alphanumeric()).count() <= 1;
            add(
                &t.name,
                Target::Term {
                    entity: Box::new(e.clone()),
                    short,
                },
            );
            if t.name.contains('.') {
                add(
                    &t.name.replace('.', ""),
                    Target::Term {
                        entity: Box::new(e.clone()),
                        short,
                    },
                );
            }
            // "govt" is printed "Govt" at the start of a phrase
            if t.name.len() >= 3 && t.name.chars().all(|c| c.is_ascii_lowercase()) {
                let cap = t.name[..1].to_uppercase() + &t.name[1..];
                add(
                    &cap,
                    Target::Term {
                        entity: Box::new(e.clone()),
                        short,
                    },
                );
            }
            // "COMUS/JAPAN" is printed "COMUS/Japan"
            if let Some((head, tail)) = t.name.split_once('/') {
                if tail.len() > 2 && tail.chars().all(|c| c.is_ascii_uppercase()) {
                    let title: String = tail[..1].to_string() + &tail[1..].to_lowercase();
                    add(
                        &format!("{head}/{title}"),
                        Target::Term {
                            entity: Box::new(e),
                            short,
                        },
                    );
                }
            }
        }
        for (i, p) in auth.persons.iter().enumerate() {
            for n in p.record.names() {
                add(
                    n,
                    Target::AuthorityPerson {
                        index: i,
                        full: true,
                    },
                );
            }
            if let (Some(g), Some(f)) = (&p.given, &p.family) {
                add(
                    &format!("{g} {f}"),
                    Target::AuthorityPerson {
                        index: i,
                        full: true,
                    },
                );
                add(
                    f,
                    Target::AuthorityPerson {
                        index: i,
                        full: false,
                    },
                );
            }
        }
        for p in &auth.places {
            let mut e = authority_entity(&p.record, EntityKind::Place, &p.name);
            e.coordinates = p.lat_lon;
            for n in p.record.names() {
                add(
                    n,
                    Target::Authority {
                        entity: Box::new(e.clone()),
                    },
                );
            }
        }
        for o in &auth.orgs {
            let e = authority_entity(&o.record, EntityKind::Organization, &o.name);
            for n in o.record.names() {
                add(
                    n,
                    Target::Authority {
                        entity: Box::new(e.clone()),
                    },
                );
            }
        }
        let mut treaty_forms: BTreeMap<String, Vec<(Option<String>, Entity)>> = BTreeMap::new();
        for t in &auth.treaties {
            let e = treaty_entity_of(t, auth);
            for n in t.record.names() {
                let n = n.strip_prefix("the ").unwrap_or(n).to_string();
                treaty_forms
                    .entry(n)
                    .or_default()
                    .push((t.signed.clone(), e.clone()));
            }
        }
        for (n, es) in treaty_forms {
            add(&n, Target::Treaties { entities: es });
        }
        let forms: Vec<(String, Vec<Target>)> = forms.into_iter().collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(forms.iter().map(|(f, _)| f.as_str()))
            .ok();
        Lexicon {
            ac,
            forms,
            naming: naming_forms(&lp),
            persons: lp,
        }
    }

    /// Adds the spans of `text` that name something this lexicon knows.
    pub fn find(&self, text: &str, cx: &DocContext, in_source_note: bool, out: &mut Vec<Span>) {
        let Some(ac) = &self.ac else { return };
        for m in ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let (_, targets) = &self.forms[m.pattern().as_usize()];
            let before = text[..s].chars().next_back();
            if before.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let after = &text[e..];
            let next = after.chars().next();
            // "Dulles Papers", "Eisenhower Library": a collection or an
            // institution named after a person is not a mention of him;
            // "Department of State Bulletin" is a periodical
            const EPONYMOUS: [&str; 5] = [" Papers", " Library", " Diary", " File", " Files"];
            let eponymous = EPONYMOUS.iter().any(|x| after.starts_with(x));
            if names_a_periodical(after) {
                continue;
            }
            let plural_ok = after.starts_with('s')
                && !after[1..].chars().next().is_some_and(char::is_alphanumeric);
            let boundary = !next.is_some_and(char::is_alphanumeric);
            for t in targets {
                let ok = match t {
                    Target::Term { .. } => boundary || plural_ok,
                    Target::ListPerson { .. }
                    | Target::InvertedListPerson { .. }
                    | Target::AuthorityPerson { .. } => boundary && !eponymous,
                    _ => boundary,
                };
                if !ok {
                    continue;
                }
                if let Target::InvertedListPerson { index, comma } = t {
                    let p = &self.persons[*index];
                    for (a, b) in [(s, s + comma), (s + comma + 2, e)] {
                        out.push(Span {
                            start: a,
                            end: b,
                            what: What::Entity {
                                entity: Box::new(p.entity()),
                                rule: "list-inverted-name",
                            },
                            priority: 7,
                        });
                    }
                    continue;
                }
                if let Some(span) = self.span(t, s, e, text, cx, in_source_note) {
                    out.push(span);
                }
            }
        }
    }

    fn span(
        &self,
        t: &Target,
        s: usize,
        e: usize,
        text: &str,
        cx: &DocContext,
        in_source_note: bool,
    ) -> Option<Span> {
        let (entity, rule, priority) = match t {
            Target::ListPerson { candidates, full } => {
                let i = cx.resolve(candidates)?;
                (
                    self.persons[i].entity(),
                    if *full {
                        "list-full-name"
                    } else {
                        "list-surname"
                    },
                    6,
                )
            }
            Target::AuthorityPerson { index, full } => {
                let p = &cx.auth.persons[*index];
                if !*full
                    && !*cx
                        .authority_surname_ok
                        .borrow_mut()
                        .entry(*index)
                        .or_insert_with(|| authority_surname_ok(p, cx))
                {
                    return None;
                }
                let mut ent = authority_entity(&p.record, EntityKind::Person, &p.name);
                ent.key = p.record.key();
                (
                    ent,
                    if *full {
                        "authority-full-name"
                    } else {
                        "authority-surname"
                    },
                    4,
                )
            }
            Target::InvertedListPerson { .. } => return None,
            Target::Term { entity, short } => {
                if *short && !(in_source_note && office_list_context(text, s, e)) {
                    return None;
                }
                ((**entity).clone(), "list-abbreviation", 5)
            }
            Target::Authority { entity } => {
                // "Japanese" is a demonym, not Japan: the lexicon holds names only
                ((**entity).clone(), "authority-name", 3)
            }
            Target::Treaties { entities } => {
                let date = cx.date.clone().unwrap_or_else(|| "9999".into());
                let pick = entities
                    .iter()
                    .filter(|(signed, _)| signed.as_deref().is_none_or(|d| d <= date.as_str()))
                    .max_by(|a, b| a.0.cmp(&b.0))
                    .or_else(|| entities.first())?;
                (pick.1.clone(), "authority-treaty", 3)
            }
        };
        Some(Span {
            start: s,
            end: e,
            what: What::Entity {
                entity: Box::new(entity),
                rule,
            },
            priority,
        })
    }
}

/// Whether the capitalized words that follow end a periodical's title:
/// "[Department] of State Bulletin".
fn names_a_periodical(after: &str) -> bool {
    let mut words = after.split_whitespace();
    for _ in 0..4 {
        match words.next() {
            Some("Bulletin" | "Bulletin," | "Bulletin.") => return true,
            Some(w) if w == "of" || w.chars().next().is_some_and(char::is_uppercase) => {}
            _ => return false,
        }
    }
    false
}

/// A one-letter office symbol ("L", "C") counts only in a list of offices
/// of a source note: "concurred in by S/P, C, and L."
fn office_list_context(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].trim_end();
    let after = &text[e..];
    let before_ok = before.ends_with(',')
        || [" by", " in", " with", " and", " to"]
            .iter()
            .any(|w| before.ends_with(w));
    let after_ok =
        after.is_empty() || after.starts_with([',', '.', ';', ')']) || after.starts_with(" and ");
    before_ok && after_ok
}

/// The surname alone names a person of the authority data only when the
/// document names him in full, or he held an office on its date.
fn authority_surname_ok(p: &super::authority::Person, cx: &DocContext) -> bool {
    let full = p
        .record
        .names()
        .iter()
        .any(|n| n.contains(' ') && super::persons::contains_word(&cx.all_text, n));
    if full {
        return true;
    }
    let Some(date) = &cx.date else { return false };
    cx.auth.tenures.iter().any(|t| {
        t.holder == p.record.iri
            && t.start.as_deref().is_some_and(|s| s <= date.as_str())
            && t.end.as_deref().is_none_or(|e| date.as_str() <= e)
    })
}
