//! The heading: "11. Letter From the Ambassador to Japan (MacArthur) to
//! Secretary of State Dulles" → kind, sender, addressee.

use crate::model::{DocumentKind, Party, PartyKind};

/// Words that, before " to ", make "to" part of an office title
/// ("Ambassador to Japan", "Special Assistant to the President").
const OFFICE_BEFORE_TO: [&str; 16] = [
    "Ambassador",
    "Minister",
    "Representative",
    "Delegation",
    "Mission",
    "Envoy",
    "Assistant",
    "Adviser",
    "Advisor",
    "Counselor",
    "Delegate",
    "Observer",
    "Commissioner",
    "Deputy",
    "Liaison",
    "Secretary",
];

/// Titles and offices that may stand before a surname.
const TITLES: [&str; 40] = [
    "Secretary of State",
    "Secretary of Defense",
    "Secretary of the Treasury",
    "Secretary of the Army",
    "Secretary of the Navy",
    "Secretary of the Air Force",
    "Secretary of Commerce",
    "Secretary of Agriculture",
    "Secretary-General",
    "Secretary General",
    "Under Secretary of State",
    "Deputy Under Secretary of State",
    "Assistant Secretary of State",
    "Acting Secretary of State",
    "Vice President",
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Premier",
    "Chancellor",
    "Chairman",
    "King",
    "Queen",
    "Emperor",
    "Ambassador",
    "Minister",
    "Senator",
    "Representative",
    "Governor",
    "General",
    "Lieutenant General",
    "Major General",
    "Admiral",
    "Vice Admiral",
    "Rear Admiral",
    "Colonel",
    "Captain",
    "Mr.",
    "Mrs.",
    "Dr.",
];

/// Words that begin the name of an organization or office in a heading.
const ORG_HEADS: [&str; 22] = [
    "Department",
    "Embassy",
    "Consulate",
    "Consulate General",
    "Legation",
    "Mission",
    "Delegation",
    "Office",
    "Bureau",
    "Joint Chiefs",
    "National Security Council",
    "Central Intelligence Agency",
    "Government",
    "Ministry",
    "Commander",
    "Commander in Chief",
    "Headquarters",
    "Staff",
    "White House",
    "Operations Coordinating Board",
    "Planning Board",
    "United States",
];

const KINDS: [(&str, DocumentKind); 19] = [
    (
        "Memorandum of Telephone Conversation",
        DocumentKind::MemorandumOfConversation,
    ),
    (
        "Memorandum of Conversation",
        DocumentKind::MemorandumOfConversation,
    ),
    (
        "Memorandum for the Record",
        DocumentKind::MemorandumForTheRecord,
    ),
    (
        "Memorandum for the File",
        DocumentKind::MemorandumForTheRecord,
    ),
    ("Memorandum", DocumentKind::Memorandum),
    ("Editorial Note", DocumentKind::EditorialNote),
    ("Telegram", DocumentKind::Telegram),
    ("Circular Telegram", DocumentKind::Telegram),
    ("Cablegram", DocumentKind::Telegram),
    ("Airgram", DocumentKind::Airgram),
    ("Despatch", DocumentKind::Despatch),
    ("Dispatch", DocumentKind::Despatch),
    ("Instruction", DocumentKind::Instruction),
    ("Letter", DocumentKind::Letter),
    ("Note", DocumentKind::Note),
    ("Message", DocumentKind::Message),
    ("Report", DocumentKind::Report),
    ("Paper", DocumentKind::Paper),
    ("Minutes", DocumentKind::Minutes),
];

/// What a heading says: kind, kind as printed, sender, addressee.
pub fn parse(title: &str) -> (DocumentKind, String, Option<Party>, Option<Party>) {
    let title = title.trim();
    let (head, from_to) = split_kind(title);
    let kind = KINDS
        .iter()
        .find(|(k, _)| head.starts_with(k) || head.split_whitespace().any(|w| w == *k))
        .map_or(DocumentKind::Other, |(_, k)| *k);
    let (sender, addressee) = match from_to {
        Some(Rest::FromTo(f, t)) => (f.map(party), t.map(party)),
        Some(Rest::Between(a, b)) => (Some(party(a)), Some(party(b))),
        None => (None, None),
    };
    (kind, head.to_string(), sender, addressee)
}

enum Rest<'a> {
    FromTo(Option<&'a str>, Option<&'a str>),
    Between(&'a str, &'a str),
}

fn split_kind(title: &str) -> (&str, Option<Rest<'_>>) {
    if let Some(i) = title.find(" From ") {
        let kind = &title[..i];
        let rest = &title[i + 6..];
        return match split_to(rest) {
            Some((f, t)) => (kind, Some(Rest::FromTo(Some(f), Some(t)))),
            None => (kind, Some(Rest::FromTo(Some(rest), None))),
        };
    }
    if let Some(i) = title.find(" Between ") {
        let kind = &title[..i];
        let rest = &title[i + 9..];
        if let Some(j) = rest.find(" and ") {
            return (kind, Some(Rest::Between(&rest[..j], &rest[j + 5..])));
        }
    }
    // "Letter to Prime Minister Kishi" (no sender named)
    for sep in [" to ", " for "] {
        if let Some((k, t)) = split_at_word(title, sep) {
            if KINDS.iter().any(|(kind, _)| k.starts_with(kind)) && !k.contains("Memorandum for") {
                if k == "Memorandum" && sep == " for " {
                    // "Memorandum for the Record" has no addressee
                    if t.starts_with("the Record") || t.starts_with("the File") {
                        return (title, None);
                    }
                }
                return (k, Some(Rest::FromTo(None, Some(t))));
            }
        }
    }
    (title, None)
}

fn split_at_word<'a>(s: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    let i = s.find(sep)?;
    Some((&s[..i], &s[i + sep.len()..]))
}

/// Splits "A to B" at the " to " that separates sender from addressee.
fn split_to(s: &str) -> Option<(&str, &str)> {
    let mut from = 0;
    while let Some(off) = s[from..].find(" to ") {
        let i = from + off;
        from = i + 4;
        let left = &s[..i];
        let last_word = left.rsplit(' ').next().unwrap_or("");
        if OFFICE_BEFORE_TO.contains(&last_word) {
            continue;
        }
        if left.matches('(').count() != left.matches(')').count() {
            continue;
        }
        return Some((left.trim(), s[i + 4..].trim()));
    }
    None
}

/// Interprets a sender or addressee phrase.
pub fn party(phrase: &str) -> Party {
    let phrase = phrase.trim().trim_end_matches([',', '.']);
    let bare = phrase.strip_prefix("the ").unwrap_or(phrase);
    // "the Ambassador to Japan (MacArthur)"
    if let (Some(o), true) = (bare.rfind('('), bare.ends_with(')')) {
        let name = bare[o + 1..bare.len() - 1].trim();
        return Party {
            phrase: phrase.to_string(),
            kind: PartyKind::Person,
            name: Some(name.to_string()),
            office: Some(bare[..o].trim().to_string()),
            entity: None,
        };
    }
    // "Secretary of State Dulles", "President Eisenhower"
    let mut titles: Vec<&&str> = TITLES.iter().collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for t in titles {
        if let Some(rest) = bare.strip_prefix(*t) {
            let rest = rest.trim();
            let is_name = !rest.is_empty()
                && rest
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && rest.split_whitespace().count() <= 4
                && !rest.starts_with("of ");
            if is_name && bare[t.len()..].starts_with(' ') {
                return Party {
                    phrase: phrase.to_string(),
                    kind: PartyKind::Person,
                    name: Some(rest.to_string()),
                    office: Some(t.trim_end_matches('.').to_string())
                        .filter(|o| !matches!(&o[..], "Mr" | "Mrs" | "Dr")),
                    entity: None,
                };
            }
        }
    }
    // an office held by one person at a time: "the President"
    const PERSON_OFFICES: [&str; 8] = [
        "President",
        "Vice President",
        "Secretary of State",
        "Secretary of Defense",
        "Secretary",
        "Under Secretary of State",
        "Acting Secretary of State",
        "Prime Minister",
    ];
    if PERSON_OFFICES.contains(&bare) {
        return Party {
            phrase: phrase.to_string(),
            kind: PartyKind::Person,
            name: None,
            office: Some(bare.to_string()),
            entity: None,
        };
    }
    let is_org = ORG_HEADS.iter().any(|h| bare.starts_with(h))
        || phrase.starts_with("the ")
        || bare
            .split_whitespace()
            .all(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == '/'));
    if is_org {
        return Party {
            phrase: phrase.to_string(),
            kind: PartyKind::Organization,
            name: None,
            office: Some(bare.to_string()),
            entity: None,
        };
    }
    // a bare name: "John Foster Dulles"
    Party {
        phrase: phrase.to_string(),
        kind: PartyKind::Person,
        name: Some(bare.to_string()),
        office: None,
        entity: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_from_an_ambassador_to_the_secretary() {
        let (kind, _, s, a) =
            parse("Letter From the Ambassador to Japan (MacArthur) to Secretary of State Dulles");
        assert_eq!(kind, DocumentKind::Letter);
        let s = s.unwrap();
        assert_eq!(s.kind, PartyKind::Person);
        assert_eq!(s.name.as_deref(), Some("MacArthur"));
        assert_eq!(s.office.as_deref(), Some("Ambassador to Japan"));
        let a = a.unwrap();
        assert_eq!(a.name.as_deref(), Some("Dulles"));
        assert_eq!(a.office.as_deref(), Some("Secretary of State"));
    }

    #[test]
    fn telegram_between_offices() {
        let (kind, _, s, a) =
            parse("Telegram From the Department of State to the Embassy in Japan");
        assert_eq!(kind, DocumentKind::Telegram);
        assert_eq!(s.unwrap().kind, PartyKind::Organization);
        let a = a.unwrap();
        assert_eq!(a.kind, PartyKind::Organization);
        assert_eq!(a.office.as_deref(), Some("Embassy in Japan"));
    }

    #[test]
    fn conversation_between_two_persons() {
        let (kind, k, s, a) = parse("Memorandum of Telephone Conversation Between President Eisenhower and Secretary of State Dulles");
        assert_eq!(kind, DocumentKind::MemorandumOfConversation);
        assert_eq!(k, "Memorandum of Telephone Conversation");
        assert_eq!(s.unwrap().name.as_deref(), Some("Eisenhower"));
        assert_eq!(a.unwrap().name.as_deref(), Some("Dulles"));
    }

    #[test]
    fn special_assistant_to_the_president() {
        let (_, _, s, a) = parse("Memorandum From the Special Assistant to the President (Cutler) to the Secretary of Defense (Wilson)");
        assert_eq!(s.unwrap().name.as_deref(), Some("Cutler"));
        assert_eq!(a.unwrap().name.as_deref(), Some("Wilson"));
    }

    #[test]
    fn memorandum_for_the_record_has_no_parties() {
        let (kind, _, s, a) = parse("Memorandum for the Record");
        assert_eq!(kind, DocumentKind::MemorandumForTheRecord);
        assert!(s.is_none() && a.is_none());
        let (kind, _, s, _) = parse("Editorial Note");
        assert_eq!(kind, DocumentKind::EditorialNote);
        assert!(s.is_none());
    }
}
