//! The rule part of recognition: names introduced by a title ("Admiral
//! Stump"), first names and nicknames of persons already named, initials
//! that sign, offices that stand for their holder ("the President"),
//! organizations and treaties recognized by the shape of their names.

use super::authority::Authority;
use super::lexicon::{authority_entity, treaty_entity_of};
use super::persons::DocContext;
use super::{Knowledge, Span, What};
use crate::dates::{month_number, MONTH_PATTERN};
use crate::iri::slug;
use crate::model::*;
use crate::pattern::TextRegex;
use std::sync::LazyLock;

const TITLE: &str = r"(?:Mr\.|Mrs\.|Miss|Dr\.|Ambassador|Minister|Prime Minister|Foreign Minister|Finance Minister|Defense Minister|Vice Minister|Vice President|President|Premier|Chancellor|Senator|Congressman|Governor|General|Lieutenant General|Major General|Brigadier General|Admiral|Vice Admiral|Rear Admiral|Colonel|Lieutenant Colonel|Major|Captain|Commander|High Commissioner|Chairman|King|Queen|Emperor|Prince|Generalissimo|Marshal|Field Marshal|Secretary of State|Secretary of Defense|Secretary|Under Secretary|Assistant Secretary|Sir|Lord|FinMin|FonMin|PM|Deputy)";

static TITLED: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(&format!(
        r"\b{TITLE} (?P<name>(?:[A-Z][a-z]+ )?[A-Z][a-z]+(?:[-’'][A-Za-z][a-z]+)?|[A-Z][a-z]*[A-Z][a-z]+)\b"
    ))
    .expect("valid regex")
});

/// Words that follow a title but are not names.
const NOT_NAMES: [&str; 46] = [
    "Extraordinary",
    "Emeritus",
    "Ambassadors",
    "Ministers",
    "Generals",
    "Admirals",
    "Assembly",
    "Staff",
    "Counselor",
    "Counsel",
    "Secretary",
    "General",
    "Minister",
    "President",
    "Council",
    "Committee",
    "Government",
    "Department",
    "Office",
    "Embassy",
    "Agency",
    "Command",
    "Headquarters",
    "Affairs",
    "Plenipotentiary",
    "State",
    "Defense",
    "Commissioner",
    "Commander",
    "Ambassador",
    "Admiral",
    "Chief",
    "Chiefs",
    "Director",
    "Deputy",
    "Under",
    "Assistant",
    "Acting",
    "Special",
    "Executive",
    "Designate",
    "Elect",
    "The",
    "Treasury",
    "Foreign",
    "Prime",
];

fn is_name_word(w: &str, auth: &Authority) -> bool {
    !NOT_NAMES.contains(&w)
        && month_number(w).is_none()
        && !auth
            .places
            .iter()
            .any(|p| p.record.names().iter().any(|n| n == w) || p.demonyms.iter().any(|d| d == w))
        && !auth
            .orgs
            .iter()
            .any(|o| o.record.names().iter().any(|n| n == w))
}

/// Surnames the text introduces with a title that neither the list nor
/// the authority data knows: "Admiral Stump", "Minister Shimoda".
pub fn introduced_names(text: &str, k: &Knowledge, auth: &Authority) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in TITLED.captures_iter(text) {
        let name = c["name"].to_string();
        let surname = name.split_whitespace().last().unwrap_or("").to_string();
        if !name.split_whitespace().all(|w| is_name_word(w, auth)) {
            continue;
        }
        let known = k.lexicon_persons().iter().any(|p| p.surname == surname)
            || auth
                .persons
                .iter()
                .any(|p| p.family.as_deref() == Some(surname.as_str()));
        if !known && !out.contains(&surname) {
            out.push(surname);
        }
    }
    out
}

static FIRST_INITIAL_LAST: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(r"\b(?P<first>[A-Z][a-z]+) [A-Z]\. (?P<last>[A-Z][a-z]+(?:[A-Z][a-z]+)?)\b")
        .expect("valid regex")
});

const DIMINUTIVES: [(&str, &str); 24] = [
    ("Doug", "Douglas"),
    ("Walt", "Walter"),
    ("Bob", "Robert"),
    ("Bill", "William"),
    ("Jack", "John"),
    ("Jim", "James"),
    ("Jimmy", "James"),
    ("Tom", "Thomas"),
    ("Dick", "Richard"),
    ("Chip", "Charles"),
    ("Ike", "Dwight"),
    ("Chris", "Christian"),
    ("Mike", "Michael"),
    ("Dave", "David"),
    ("Joe", "Joseph"),
    ("Ed", "Edward"),
    ("Ted", "Edward"),
    ("Andy", "Andrew"),
    ("Tony", "Anthony"),
    ("Fred", "Frederick"),
    ("Larry", "Lawrence"),
    ("Ken", "Kenneth"),
    ("Al", "Allen"),
    ("Foster", "Foster"),
];

fn entity_span(start: usize, end: usize, entity: Entity, rule: &'static str, priority: u8) -> Span {
    Span {
        start,
        end,
        what: What::Entity {
            entity: Box::new(entity),
            rule,
        },
        priority,
    }
}

/// Where `word` stands in `text` as a whole word, without overlaps.
fn words(text: &str, word: &str) -> Vec<(usize, usize)> {
    if word.is_empty() {
        return Vec::new();
    }
    memchr::memmem::find_iter(text.as_bytes(), word)
        .map(|s| (s, s + word.len()))
        .filter(|&(s, e)| super::persons::word_bounded(text, s, e))
        .collect()
}

pub fn find(
    text: &str,
    cx: &DocContext,
    auth: &Authority,
    in_signature: bool,
    out: &mut Vec<Span>,
) {
    persons(text, cx, auth, in_signature, out);
    offices(text, cx, auth, out);
    organizations(text, cx, auth, out);
    treaties(text, cx, auth, out);
}

fn unknown_person(name: &str) -> Entity {
    Entity {
        key: format!("person/{}", slug(name)),
        kind: Some(EntityKind::Person),
        name: name.to_string(),
        ..Default::default()
    }
}

fn persons(text: &str, cx: &DocContext, auth: &Authority, in_signature: bool, out: &mut Vec<Span>) {
    let lp = cx.k.lexicon_persons();
    // names introduced by a title, and their later bare mentions
    for c in TITLED.captures_iter(text) {
        let m = c.name("name").expect("group");
        let surname = m.as_str().split_whitespace().last().unwrap_or("");
        if cx.introduced.iter().any(|n| n == surname) {
            out.push(entity_span(
                m.start(),
                m.end(),
                unknown_person(surname),
                "title-and-name",
                4,
            ));
            continue;
        }
        // a person of the authority data whom the title makes sure of:
        // "Foreign Minister Shigemitsu" in 1958, when he no longer was
        let listed = lp.iter().any(|p| p.surname == surname);
        let known: Vec<_> = auth
            .persons
            .iter()
            .filter(|p| p.family.as_deref() == Some(surname))
            .collect();
        if !listed && known.len() == 1 && m.as_str() == surname {
            let p = known[0];
            out.push(entity_span(
                m.start(),
                m.end(),
                authority_entity(&p.record, EntityKind::Person, &p.name),
                "title-and-name",
                4,
            ));
        }
    }
    for n in &cx.introduced {
        for (s, e) in words(text, n) {
            out.push(entity_span(
                s,
                e,
                unknown_person(n),
                "introduced-surname",
                4,
            ));
        }
    }
    // a forename, another middle initial, a listed surname: "Howard L. Parsons"
    for c in FIRST_INITIAL_LAST.captures_iter(text) {
        let (first, last) = (&c["first"], &c["last"]);
        let m = c.get(0).expect("match");
        if let Some(p) = lp
            .iter()
            .find(|p| p.surname == last && p.first_forename() == Some(first))
        {
            out.push(entity_span(
                m.start(),
                m.end(),
                p.entity(),
                "forename-initial-surname",
                3,
            ));
        }
    }
    // first names and nicknames of persons the document names
    let present: Vec<usize> = cx.present.clone();
    for (i, p) in lp.iter().enumerate() {
        if !present.contains(&i) {
            continue;
        }
        let Some(first) = p.first_forename() else {
            continue;
        };
        let sharing = present
            .iter()
            .filter(|&&j| lp[j].first_forename() == Some(first))
            .count();
        if sharing != 1 {
            continue;
        }
        let mut forms = vec![first.to_string()];
        for (short, long) in DIMINUTIVES {
            if long == first {
                forms.push(short.to_string());
            }
        }
        for f in forms {
            for (s, e) in words(text, &f) {
                // not when followed by the surname (that is a full name)
                if text[e..].trim_start().starts_with(p.surname.as_str()) {
                    continue;
                }
                out.push(entity_span(s, e, p.entity(), "first-name", 2));
            }
        }
    }
    // initials that sign: "JFD", "DDE"
    let t = text.trim();
    if in_signature && (2..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase()) {
        let s = text.find(t).unwrap_or(0);
        let by_list: Vec<usize> = (0..lp.len()).filter(|&i| lp[i].initials() == t).collect();
        let pick = by_list
            .iter()
            .find(|i| present.contains(i))
            .or(by_list.first())
            .copied();
        if let Some(i) = pick {
            out.push(entity_span(s, s + t.len(), lp[i].entity(), "initials", 5));
        } else if let Some(p) = auth.persons.iter().find(|p| {
            let (Some(g), Some(f)) = (&p.given, &p.family) else {
                return false;
            };
            let mut ini: String = g
                .split([' ', '.'])
                .filter_map(|w| w.chars().next())
                .collect();
            ini.extend(f.chars().next());
            ini == t
        }) {
            out.push(entity_span(
                s,
                s + t.len(),
                authority_entity(&p.record, EntityKind::Person, &p.name),
                "initials",
                5,
            ));
        }
    }
}

/// "the President" and "the Secretary" for their holders on the document's date.
fn offices(text: &str, cx: &DocContext, auth: &Authority, out: &mut Vec<Span>) {
    let Some(date) = &cx.date else { return };
    let state = cx.parties.iter().any(|p| {
        p.office
            .as_deref()
            .is_some_and(|o| o.contains("Secretary of State") || o.contains("Department of State"))
    });
    for (phrase, office) in [
        ("the President", "President of the United States"),
        ("the Vice President", "Vice President of the United States"),
        ("the Secretary", "Secretary of State"),
    ] {
        if office == "Secretary of State" && !state {
            continue;
        }
        let found = words(text, phrase);
        if found.is_empty() {
            continue;
        }
        let Some(p) = auth.holder_on(office, date) else {
            continue;
        };
        for (s, e) in found {
            // "the Secretary of Defense", "the President of Korea": another office
            if text[e..].starts_with(" of") {
                continue;
            }
            let s = s + 4; // without "the "
            let entity = match cx
                .k
                .lexicon_persons()
                .iter()
                .find(|lpers| lpers.authority.as_deref() == Some(p.record.iri.as_str()))
            {
                Some(lpers) => lpers.entity(),
                None => authority_entity(&p.record, EntityKind::Person, &p.name),
            };
            out.push(entity_span(s, e, entity, "office", 2));
        }
    }
}

static GOVERNMENT: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(r"\b(?:(?P<adj>[A-Z][a-z]+) Government|Government of (?P<of>[A-Z][a-z]+(?: [A-Z][a-z]+)?))\b").expect("valid regex")
});
static PARTY: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(r"\b(?:[A-Z][a-z]+ )?(?:Socialist|Communist|Liberal|Democratic|Conservative|Labour|Labor|Republican|Progressive|Nationalist|Workers’|Workers'|People’s|Liberal Democratic|Social Democratic|Democratic Socialist)(?: [A-Z][a-z]+)? Party\b")
        .expect("valid regex")
});
static UNIT: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(r"\b(?:\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth) (?:Fleet|Army|Air Force|Marine Division|Infantry Division|Division|Corps)\b")
        .expect("valid regex")
});
static INSTITUTION: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(r"\b(?:[A-Z][A-Za-z’'-]+ (?:on |of |for |and )?){0,5}(?:Committee|Council|Commission|Agency|Bureau|Board|Library|Ministry|Department|Embassy|Consulate|Legation|Staff|Diet|Senate|Congress|Cabinet|Foreign Office|Office)(?: (?:of|on|for|in) (?:the )?[A-Z][A-Za-z-]+(?: (?:and )?[A-Z][A-Za-z-]+){0,4})?\b")
        .expect("valid regex")
});
static DEFENSE: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(r"(?:\b(?:State and|with|and|to|from|by|of) )(?P<d>Defense)\b(?: (?:concur|recogni|agree|has|had|is|was|would|will|and)|[.,;)])").expect("valid regex")
});

/// Words that start an institution name only when capitalized for the
/// sentence, not as part of the name.
const NOT_NAME_START: [&str; 64] = [
    "The", "This", "That", "These", "Those", "Our", "Their", "His", "Her", "Its", "My", "Your",
    "In", "At", "On", "For", "When", "If", "As", "But", "And", "Both", "Since", "While",
    "Although", "Though", "However", "Also", "See", "Cf", "Inform", "Tell", "Request", "Please",
    "Ask", "Advise", "Instruct", "Urge", "With", "Without", "From", "To", "By", "Under", "Over",
    "Until", "Unless", "After", "Before", "During", "Where", "Which", "What", "Whether", "Then",
    "Thus", "There", "Such", "Some", "Any", "All", "Each", "Every", "Only",
];

pub fn org_entity(name: &str, auth: &Authority) -> Entity {
    if let Some(o) = auth.orgs.iter().find(|o| {
        o.record
            .names()
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
    }) {
        return authority_entity(&o.record, EntityKind::Organization, &o.name);
    }
    Entity {
        key: format!("org/{}", slug(name)),
        kind: Some(EntityKind::Organization),
        name: name.to_string(),
        ..Default::default()
    }
}

fn country_of_demonym<'a>(adj: &str, auth: &'a Authority) -> Option<&'a str> {
    auth.places
        .iter()
        .find(|p| p.demonyms.iter().any(|d| d == adj))
        .map(|p| p.name.as_str())
}

/// The matches of a pattern that cannot match without `needed`: where the
/// text lacks those words, the search (with captures, costly for the longer
/// patterns) is not run.
fn captures_where<'r, 't>(
    re: &'r TextRegex,
    text: &'t str,
    needed: &str,
) -> impl Iterator<Item = regex::Captures<'t>> + use<'r, 't> {
    text.contains(needed)
        .then(|| re.captures_iter(text))
        .into_iter()
        .flatten()
}

fn organizations(text: &str, cx: &DocContext, auth: &Authority, out: &mut Vec<Span>) {
    for c in captures_where(&GOVERNMENT, text, "Government") {
        let m = c.get(0).expect("match");
        let country = match (c.name("adj"), c.name("of")) {
            (Some(a), _) => country_of_demonym(a.as_str(), auth).map(str::to_string),
            (_, Some(o)) => Some(o.as_str().to_string()),
            _ => None,
        };
        if let Some(country) = country {
            out.push(entity_span(
                m.start(),
                m.end(),
                org_entity(&format!("Government of {country}"), auth),
                "government",
                3,
            ));
        }
    }
    for re in [&*PARTY, &*UNIT] {
        for m in re.find_iter(text) {
            out.push(entity_span(
                m.start(),
                m.end(),
                org_entity(m.as_str(), auth),
                "organization-name",
                3,
            ));
        }
    }
    for m in INSTITUTION.find_iter(text) {
        let mut s = m.start();
        let mut name = m.as_str();
        while let Some(first) = name.split_whitespace().next() {
            if NOT_NAME_START.contains(&first) {
                s += first.len() + 1;
                name = &text[s..m.end()];
            } else {
                break;
            }
        }
        if name.split_whitespace().count() < 2
            && !matches!(
                name,
                "Diet" | "Senate" | "Congress" | "Cabinet" | "Embassy" | "Department"
            )
        {
            continue;
        }
        // "Department of State Bulletin" is a periodical
        if name.ends_with(" Bulletin") || text[m.end()..].starts_with(" Bulletin") {
            continue;
        }
        // a bare "Embassy"/"Department": the party of the document it stands for
        let entity = match name {
            "Embassy" => {
                // the embassy of a party: "the Embassy in Japan", or the
                // embassy of "the Ambassador to Japan"
                let office = cx
                    .parties
                    .iter()
                    .filter_map(|p| p.office.as_deref())
                    .find_map(|o| {
                        if o.starts_with("Embassy") {
                            Some(o.to_string())
                        } else {
                            o.strip_prefix("Ambassador to ")
                                .map(|c| format!("Embassy in {c}"))
                        }
                    });
                match office {
                    Some(o) => org_entity(&o, auth),
                    None => continue,
                }
            }
            "Department" => org_entity("Department of State", auth),
            _ => org_entity(name, auth),
        };
        out.push(entity_span(s, m.end(), entity, "institution-name", 2));
    }
    for c in captures_where(&DEFENSE, text, "Defense") {
        let d = c.name("d").expect("group");
        out.push(entity_span(
            d.start(),
            d.end(),
            org_entity("Department of Defense", auth),
            "defense",
            2,
        ));
    }
}

static TREATY: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(r"\b(?:(?:[A-Z][A-Za-z.’'/-]*[A-Za-z]|U\.S\.(?:-[A-Z]+)?) ){0,6}(?:Treaty|Agreement|Pact|Convention|Protocol|Charter|Accords?)(?: (?:of|on|between|with|for) (?:the )?[A-Z][A-Za-z-]+(?: (?:and |with )?[A-Z][A-Za-z-]+){0,4})?\b")
        .expect("valid regex")
});
static ARTICLE: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(r"\bArticle (?P<n>\d+|[IVXL]+) of the (?:(?P<adj>[A-Z][a-z]+) )?Constitution\b")
        .expect("valid regex")
});
static DESCRIBED: LazyLock<TextRegex> = LazyLock::new(|| {
    let date = format!(r"{MONTH_PATTERN}\s+\d{{1,2}},\s+\d{{4}}");
    TextRegex::new(&format!(
        r"(?P<name>[A-Z][^;:]{{6,300}}?),(?: with [^,;]+,)? (?:signed at (?P<at>[A-Z][A-Za-z .]+?),? (?P<signed>{date})|effected (?:through|by) an exchange of notes at (?P<at2>[A-Z][A-Za-z .]+?),? (?P<signed2>{date}))(?:;|,)? (?:and )?entered into force(?: for [^,]+,)? (?P<force>{date}|the same day)\.(?: For text, see (?P<cit>\d+ UST (?:\(pt\. ?\d+\) )?\d+))?"
    ))
    .expect("valid regex")
});

/// The treaty of the authority data that a name means on the document's
/// date: by one of its names; or, for "the Japanese Security Treaty" and
/// "the Security Treaty with Japan", by the rest of the name and a party.
fn authority_treaty<'a>(
    name: &str,
    cx: &DocContext,
    auth: &'a Authority,
) -> Option<&'a super::authority::Treaty> {
    let date = cx.date.clone().unwrap_or_else(|| "9999".into());
    let named = |core: &str, party: Option<&str>| {
        auth.treaties
            .iter()
            .filter(|t| {
                t.record
                    .names()
                    .iter()
                    .any(|n| n.trim_start_matches("the ").eq_ignore_ascii_case(core))
            })
            .filter(|t| {
                party.is_none_or(|p| {
                    t.parties
                        .iter()
                        .filter_map(|i| auth.place_by_iri(i))
                        .any(|pl| pl.name == p || pl.record.names().iter().any(|n| n == p))
                })
            })
            .filter(|t| t.signed.as_deref().is_none_or(|s| s <= date.as_str()))
            .max_by(|a, b| a.signed.cmp(&b.signed))
    };
    if let Some(t) = named(name, None) {
        return Some(t);
    }
    let (first, rest) = name.split_once(' ')?;
    if let Some(country) = country_of_demonym(first, auth) {
        if let Some(t) = named(rest, Some(country)) {
            return Some(t);
        }
    }
    for sep in [" with ", " between the United States and "] {
        if let Some((core, party)) = name.split_once(sep) {
            if let Some(t) = named(core, Some(party)) {
                return Some(t);
            }
        }
    }
    None
}

fn treaty_entity(name: &str, cx: &DocContext, auth: &Authority) -> Entity {
    if let Some(t) = authority_treaty(name, cx, auth) {
        return treaty_entity_of(t, auth);
    }
    Entity {
        key: format!("treaty/{}", slug(name)),
        kind: Some(EntityKind::Treaty),
        name: name.to_string(),
        ..Default::default()
    }
}

fn treaties(text: &str, cx: &DocContext, auth: &Authority, out: &mut Vec<Span>) {
    for m in TREATY.find_iter(text) {
        let mut s = m.start();
        let mut name = m.as_str();
        while let Some(first) = name.split_whitespace().next() {
            if NOT_NAME_START.contains(&first) || first == "A" || first == "An" {
                s += first.len() + 1;
                name = &text[s..m.end()];
            } else {
                break;
            }
        }
        // a bare "Treaty" or "Agreement" is too vague
        if name.split_whitespace().count() < 2 {
            continue;
        }
        out.push(entity_span(
            s,
            m.end(),
            treaty_entity(name, cx, auth),
            "treaty-name",
            2,
        ));
    }
    for c in captures_where(&ARTICLE, text, "Article ") {
        let m = c.get(0).expect("match");
        let country = c
            .name("adj")
            .and_then(|a| country_of_demonym(a.as_str(), auth).map(str::to_string))
            .or_else(|| cx.main_country.clone());
        let name = match &country {
            Some(k) => format!("Article {} of the Constitution of {k}", &c["n"]),
            None => format!("Article {} of the Constitution", &c["n"]),
        };
        let e = Entity {
            key: format!("treaty/{}", slug(&name)),
            kind: Some(EntityKind::Treaty),
            name,
            ..Default::default()
        };
        out.push(entity_span(
            m.start(),
            m.end(),
            e,
            "constitution-article",
            4,
        ));
    }
    for c in captures_where(&DESCRIBED, text, "entered into force") {
        let n = c.name("name").expect("group");
        // the name starts at the last sentence start before it
        let name = n.as_str();
        let cut = name.rfind(". ").map(|i| i + 2).unwrap_or(0);
        let name_s = n.start() + cut;
        let name = &text[name_s..n.end()];
        let signed = c
            .name("signed")
            .or(c.name("signed2"))
            .and_then(|d| crate::dates::parse_date(d.as_str()));
        let force = match c.name("force").map(|f| f.as_str()) {
            Some("the same day") => signed,
            Some(d) => crate::dates::parse_date(d),
            None => None,
        };
        let mut e = treaty_entity(name, cx, auth);
        let signed_differs = e.treaty.as_ref().and_then(|t| t.signed.clone()).is_some()
            && e.treaty.as_ref().and_then(|t| t.signed.clone()) != signed.map(|d| d.iso());
        if e.authority.is_none() || signed_differs {
            // the same instrument in the authority data: signed the same day,
            // and most of the words of its name the same
            let words = |s: &str| -> Vec<String> {
                s.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() > 3)
                    .map(str::to_lowercase)
                    .collect()
            };
            let ours = words(name);
            let overlap = |t: &super::authority::Treaty| -> usize {
                t.record
                    .names()
                    .iter()
                    .map(|n| {
                        let theirs = words(n);
                        let common = ours.iter().filter(|w| theirs.contains(w)).count();
                        if common * 2 >= ours.len().min(theirs.len()).max(1) {
                            common * 100 / (ours.len() + theirs.len() - common).max(1)
                        } else {
                            0
                        }
                    })
                    .max()
                    .unwrap_or(0)
            };
            let same = auth
                .treaties
                .iter()
                .filter(|t| t.signed.is_some() && t.signed == signed.map(|d| d.iso()))
                .filter(|t| overlap(t) > 0)
                .max_by_key(|t| overlap(t));
            if let Some(t) = same {
                e = treaty_entity_of(t, auth);
            }
        }
        if e.authority.is_none() {
            e.key = format!(
                "treaty/{}",
                slug(&format!(
                    "{} {}",
                    name.chars().take(80).collect::<String>(),
                    signed.map(|d| d.iso()).unwrap_or_default()
                ))
            );
        }
        e.treaty = Some(TreatyFacts {
            signed: signed.map(|d| d.iso()),
            signed_at: c
                .name("at")
                .or(c.name("at2"))
                .map(|a| a.as_str().trim().to_string()),
            in_force: force.map(|d| d.iso()),
            citation: c.name("cit").map(|m| m.as_str().to_string()),
            parties: Vec::new(),
        });
        out.push(entity_span(name_s, n.end(), e, "described-agreement", 5));
    }
}
