//! Persons: the volume's List of Persons made into name forms, and the
//! context of one document that decides between namesakes.

use super::authority::Authority;
use super::roles;
use super::Knowledge;
use crate::authority::Entry;
use crate::iri::slug;
use crate::model::*;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

const SUFFIXES: [&str; 6] = ["II", "III", "IV", "Jr.", "Sr.", "2d"];
const TITLES: [&str; 12] = [
    "Lieutenant General",
    "Major General",
    "Brigadier General",
    "General",
    "Vice Admiral",
    "Rear Admiral",
    "Admiral",
    "Sir",
    "Colonel",
    "Captain",
    "Dr.",
    "Marshal",
];

/// A person of the volume's list, with the forms its name takes in text.
#[derive(Debug, Clone)]
pub struct ListPerson {
    pub entry: Entry,
    pub surname: String,
    /// "Douglas", "John Foster", "Walter S."
    pub forenames: String,
    pub suffix: Option<String>,
    /// "Douglas MacArthur II", "Walter S. Robertson", …
    pub full_forms: Vec<String>,
    /// Whether the surname alone may name this person (not for names
    /// written family-name first without a comma, like "Kim Il-sung").
    pub surname_alone: bool,
    pub roles: Vec<RoleSpan>,
    /// The key of the entity: the authority key when the authority data
    /// has this person, else one derived from the listed name.
    pub key: String,
    pub authority: Option<String>,
    pub wikidata: Option<String>,
    pub display: String,
}

impl ListPerson {
    pub fn first_forename(&self) -> Option<&str> {
        self.forenames
            .split_whitespace()
            .find(|w| !w.ends_with('.') && w.len() > 1)
    }

    /// "JFD" for John Foster Dulles, "DDE" for Dwight D. Eisenhower.
    pub fn initials(&self) -> String {
        let mut s: String = self
            .forenames
            .split([' ', '.'])
            .filter(|w| !w.is_empty())
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        if let Some(c) = self.surname.chars().next() {
            s.push(c);
        }
        s
    }

    pub fn entity(&self) -> Entity {
        Entity {
            key: self.key.clone(),
            kind: Some(EntityKind::Person),
            name: self.display.clone(),
            frus_id: Some(self.entry.id.clone()),
            list_label: Some(self.entry.name.clone()),
            description: Some(self.entry.description.clone()).filter(|d| !d.is_empty()),
            roles: self.roles.clone(),
            authority: self.authority.clone(),
            wikidata: self.wikidata.clone(),
            ..Default::default()
        }
    }
}

static PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\(([^)]*)\)").expect("valid regex"));

/// Parses "MacArthur, Douglas II", "Irwin, John N., II", "Moore, General
/// James E.", "Kim Il-sung", "Yu Chae-hung (Yu Jae Hung), Lieutenant General".
pub fn list_person(entry: &Entry, auth: &Authority) -> ListPerson {
    let mut alts = Vec::new();
    for c in PAREN.captures_iter(&entry.name) {
        alts.push(c[1].trim().to_string());
    }
    let name = PAREN.replace_all(&entry.name, "").to_string();
    let mut parts: Vec<String> = name
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    // a trailing title part: "…, Lieutenant General"
    if parts.len() >= 2 && TITLES.contains(&parts[parts.len() - 1].as_str()) {
        parts.pop();
    }
    let mut suffix = None;
    if parts.len() >= 3 && SUFFIXES.contains(&parts[parts.len() - 1].as_str()) {
        suffix = parts.pop();
    }
    let (surname, mut forenames, surname_alone) = if parts.len() >= 2 {
        (parts[0].clone(), parts[1..].join(" "), true)
    } else {
        // family name first, no comma: "Kim Il-sung"
        let mut w = parts.first().cloned().unwrap_or_default();
        let s = w.split_whitespace().next().unwrap_or("").to_string();
        w = w[s.len()..].trim().to_string();
        (s, w, false)
    };
    for t in TITLES {
        if let Some(rest) = forenames.strip_prefix(t) {
            if rest.starts_with(' ') {
                forenames = rest.trim().to_string();
            }
        }
    }
    let fw: Vec<&str> = forenames.split_whitespace().collect();
    if suffix.is_none() && fw.len() >= 2 && SUFFIXES.contains(fw.last().expect("non-empty")) {
        suffix = Some(fw.last().expect("non-empty").to_string());
        forenames = fw[..fw.len() - 1].join(" ");
    }
    let mut full_forms = Vec::new();
    let mut push = |s: String| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if !s.is_empty() && !full_forms.contains(&s) {
            full_forms.push(s);
        }
    };
    let display;
    if surname_alone {
        let base = format!("{forenames} {surname}");
        match &suffix {
            Some(sfx) => {
                push(format!("{base} {sfx}"));
                push(format!("{base}, {sfx}"));
                display = format!("{base} {sfx}");
            }
            None => display = base.clone(),
        }
        push(base);
        let first: Vec<&str> = forenames.split_whitespace().collect();
        if first.len() > 1 {
            // "Walter Robertson" for "Robertson, Walter S.", "Graham Parsons" for "J. Graham"
            if let Some(f) = first.iter().find(|w| !w.ends_with('.')) {
                push(format!("{f} {surname}"));
            }
        }
        // inverted, as in archival citations: "MacArthur, Douglas II"
        push(format!(
            "{surname}, {forenames}{}",
            suffix.as_ref().map(|s| format!(" {s}")).unwrap_or_default()
        ));
    } else {
        display = format!("{surname} {forenames}").trim().to_string();
        push(display.clone());
    }
    for a in alts {
        if a.split_whitespace().count() >= 2 {
            push(a.replace(',', ""));
        }
    }
    // the authority person with the same family name and first forename
    let first = forenames.split_whitespace().next().unwrap_or("");
    let suffix_of = |name: &str| {
        name.split_whitespace()
            .last()
            .map(|w| w.trim_start_matches(','))
            .filter(|w| SUFFIXES.contains(w))
            .map(str::to_string)
    };
    let auth_person = auth.persons.iter().find(|p| {
        p.family.as_deref() == Some(surname.as_str())
            && p.given.as_deref().is_some_and(|g| {
                !first.is_empty() && g.split_whitespace().next() == Some(first.trim_end_matches('.'))
            })
            // "Douglas MacArthur II" is not General Douglas MacArthur
            && suffix_of(&p.name) == suffix
    });
    let key = match auth_person {
        Some(p) => p.record.key(),
        None => format!(
            "person/{}",
            slug(&format!(
                "{surname} {forenames} {}",
                suffix.clone().unwrap_or_default()
            ))
        ),
    };
    ListPerson {
        roles: roles::parse(&entry.description),
        entry: entry.clone(),
        surname,
        forenames,
        suffix,
        full_forms,
        surname_alone,
        key,
        authority: auth_person.map(|p| p.record.iri.clone()),
        wikidata: auth_person.and_then(|p| p.record.wikidata()),
        // one name per person across documents: the authority data's
        display: auth_person
            .map(|p| p.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or(display),
    }
}

/// What one document says about who is who.
pub struct DocContext<'a> {
    pub k: &'a Knowledge,
    pub auth: &'a Authority,
    /// The document's date, ISO.
    pub date: Option<String>,
    pub parties: Vec<Party>,
    /// Indexes into the list of persons named in full, or as a party.
    pub present: Vec<usize>,
    /// Surnames of persons the text introduces with a title but no list knows.
    pub introduced: Vec<String>,
    /// The text of the whole document, for look-ups.
    pub all_text: String,
    /// The country the document is most about, for "the Government", "the Constitution".
    pub main_country: Option<String>,
    /// Whether the surname alone may name a person of the authority data
    /// (by index), once decided: a surname is often named many times.
    pub authority_surname_ok: RefCell<FxHashMap<usize, bool>>,
}

impl<'a> DocContext<'a> {
    pub fn new(doc: &Document, k: &'a Knowledge, auth: &'a Authority) -> Self {
        let all_text: String = doc
            .inline_runs()
            .iter()
            .map(|r| plain_text(r))
            .collect::<Vec<_>>()
            .join("\n");
        let parties: Vec<Party> = [&doc.heading.sender, &doc.heading.addressee]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        let lp = k.lexicon_persons();
        let named = k.persons_named_in(&all_text);
        let mut present = Vec::new();
        for (i, p) in lp.iter().enumerate() {
            let party = parties.iter().any(|pt| party_matches(pt, p));
            if named.binary_search(&i).is_ok() || party {
                present.push(i);
            }
        }
        let introduced = super::rules::introduced_names(&all_text, k, auth);
        let main_country = main_country(&all_text, auth);
        DocContext {
            k,
            auth,
            date: doc.date.as_ref().map(|d| d.date.iso()),
            parties,
            present,
            introduced,
            all_text,
            main_country,
            authority_surname_ok: RefCell::default(),
        }
    }

    /// Chooses among list persons that share a name form.
    pub fn resolve(&self, candidates: &[usize]) -> Option<usize> {
        if candidates.len() <= 1 {
            return candidates.first().copied();
        }
        let lp = self.k.lexicon_persons();
        // a party of the document, by name and office
        if let Some(c) = candidates.iter().find(|&&c| {
            self.parties
                .iter()
                .any(|pt| party_matches(pt, &lp[c]) && pt.office.is_some())
        }) {
            return Some(*c);
        }
        let named: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|c| self.present.contains(c))
            .collect();
        if named.len() == 1 {
            return Some(named[0]);
        }
        let pool = if named.is_empty() {
            candidates.to_vec()
        } else {
            named
        };
        let active = |c: usize| -> Vec<&RoleSpan> {
            match &self.date {
                Some(d) => lp[c]
                    .roles
                    .iter()
                    .filter(|r| roles::held_on(r, d))
                    .collect(),
                None => lp[c].roles.iter().collect(),
            }
        };
        // colleagues: others named in the document who work in the same office
        let colleagues = |c: usize| -> u32 {
            let mine: Vec<String> = active(c).iter().flat_map(|r| units(&r.text)).collect();
            self.present
                .iter()
                .filter(|&&o| !candidates.contains(&o))
                .filter(|&&o| {
                    lp[o]
                        .roles
                        .iter()
                        .any(|r| units(&r.text).iter().any(|u| mine.contains(u)))
                })
                .count() as u32
        };
        let score = |c: usize| -> u32 {
            colleagues(c) * 1000
                + active(c)
                    .iter()
                    .map(|r| roles::seniority(&r.text))
                    .max()
                    .unwrap_or(0)
        };
        pool.iter()
            .copied()
            .max_by(|a, b| score(*a).cmp(&score(*b)).then(b.cmp(a)))
    }
}

/// The offices and bureaus a role names: "Office of Northeast Asian Affairs".
fn units(role: &str) -> Vec<String> {
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:Office|Bureau|Embassy|Mission|Division) (?:of|in|to) (?:the )?[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*")
            .expect("valid regex")
    });
    UNIT.find_iter(role)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Whether a heading party names this list person.
pub fn party_matches(party: &Party, p: &ListPerson) -> bool {
    let Some(name) = &party.name else {
        return false;
    };
    if name != &p.surname && !p.full_forms.contains(name) {
        return false;
    }
    match &party.office {
        Some(o) => {
            p.roles.iter().any(|r| {
                let office = o.trim_start_matches("the ");
                r.text.contains(office) || office.contains(&r.office) && !r.office.is_empty()
            }) || p.roles.is_empty()
        }
        None => true,
    }
}

/// Whether `needle` stands in `hay` as whole words.
pub fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let finder = memchr::memmem::Finder::new(needle);
    let mut from = 0;
    while let Some(i) = finder.find(&hay.as_bytes()[from..]) {
        let s = from + i;
        if word_bounded(hay, s, s + needle.len()) {
            return true;
        }
        from = s + 1;
    }
    false
}

/// Whether `text[s..e]` has no letter or digit right before or after it.
pub(super) fn word_bounded(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The country named most often (by name or demonym) in a text.
fn main_country(text: &str, auth: &Authority) -> Option<String> {
    let mut best: Option<(usize, usize)> = None;
    for (place, n) in auth.country_counts(text) {
        if best.is_none_or(|(b, _)| n > b) {
            best = Some((n, place));
        }
    }
    best.map(|(_, i)| auth.places[i].name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, desc: &str) -> Entry {
        Entry {
            id: "p_X1".into(),
            name: name.into(),
            description: desc.into(),
        }
    }

    #[test]
    fn list_names_and_their_forms() {
        let a = Authority::default();
        let p = list_person(&e("MacArthur, Douglas II", "Ambassador to Japan"), &a);
        assert_eq!(p.surname, "MacArthur");
        assert_eq!(p.forenames, "Douglas");
        assert_eq!(p.suffix.as_deref(), Some("II"));
        assert!(p.full_forms.contains(&"Douglas MacArthur II".to_string()));
        assert_eq!(p.display, "Douglas MacArthur II");
        let p = list_person(&e("Robertson, Walter S.", ""), &a);
        assert!(p.full_forms.contains(&"Walter S. Robertson".to_string()));
        assert!(p.full_forms.contains(&"Walter Robertson".to_string()));
        assert_eq!(p.first_forename(), Some("Walter"));
        let p = list_person(&e("Irwin, John N., II", ""), &a);
        assert_eq!(
            (p.forenames.as_str(), p.suffix.as_deref()),
            ("John N.", Some("II"))
        );
        let p = list_person(&e("Moore, General James E.", ""), &a);
        assert_eq!(p.forenames, "James E.");
        let p = list_person(&e("Kim Il-sung", ""), &a);
        assert_eq!((p.surname.as_str(), p.surname_alone), ("Kim", false));
        let p = list_person(&e("Dulles, John Foster", ""), &a);
        assert_eq!(p.initials(), "JFD");
        let p = list_person(&e("Eisenhower, Dwight D.", ""), &a);
        assert_eq!(p.initials(), "DDE");
        assert_eq!(p.key, "person/eisenhower-dwight-d");
    }

    #[test]
    fn whole_words() {
        assert!(contains_word("met Kishi today", "Kishi"));
        assert!(!contains_word("Kishiyama", "Kishi"));
        // a letter outside ASCII is a letter; a curly quote is not
        assert!(!contains_word("Kishié", "Kishi"));
        assert!(contains_word("“Kishi’s”", "Kishi"));
        // the first occurrence fails, a later one counts
        assert!(contains_word("Kishiyama and Kishi", "Kishi"));
        assert!(!contains_word("anything", ""));
    }
}
