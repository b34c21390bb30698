//! The source note: "Source: Department of State, Central Files,
//! 794.5/4–1858. Secret; Official–Informal. Drafted by Parsons."

use crate::model::SourceNote;
use crate::pattern::TextRegex;
use regex::Regex;
use std::sync::LazyLock;

const CLASSIFICATIONS: [&str; 8] = [
    "Top Secret",
    "Secret",
    "Confidential",
    "Restricted",
    "Limited Official Use",
    "Official Use Only",
    "Unclassified",
    "No classification marking",
];

static FILE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{2,4}[A-Z]?(?:[.\-][0-9A-Z]+)*/\S+|Lot \d+ ?[A-Z] ?\d+)$")
        .expect("valid regex")
});
static LOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"Lot \d+ ?[A-Z] ?\d+").expect("valid regex"));
static PEOPLE: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(r"\b(?P<verb>[Dd]rafted|[Aa]pproved|[Cc]leared)(?: in draft)? (?:by|with) (?P<who>[^;,]+?)(?:,|;| and (?:cleared|approved|drafted)\b|\.?$)")
        .expect("valid regex")
});

/// Splits `text` into sentences at ". " followed by a capital, but not
/// after an initial ("Howard L. Parsons") or a common abbreviation.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'.' && (i + 1 == b.len() || b[i + 1] == b' ') {
            let before = &text[start..i];
            let word = before.rsplit([' ', '(']).next().unwrap_or("");
            let is_initial = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
            let is_abbrev = matches!(
                word,
                "Mr" | "Mrs"
                    | "Dr"
                    | "No"
                    | "U.S"
                    | "St"
                    | "Jr"
                    | "p"
                    | "pp"
                    | "vol"
                    | "Gen"
                    | "Adm"
            );
            let next_upper = text[i + 1..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| c.is_uppercase() || c == '(');
            if !is_initial && !is_abbrev && next_upper {
                out.push(text[start..i].trim());
                start = i + 1;
            }
        }
        i += 1;
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim().trim_end_matches('.'));
    }
    out
}

/// Parses a note's text when it is a source note.
pub fn parse(note: &str) -> Option<SourceNote> {
    let text = note.trim().strip_prefix("Source:")?.trim().to_string();
    let sents = sentences(&text);
    let citation = sents.first().map(|s| s.to_string()).unwrap_or_default();
    let mut sn = SourceNote {
        text: text.clone(),
        citation: citation.clone(),
        ..Default::default()
    };
    let parts: Vec<&str> = citation.split(", ").map(str::trim).collect();
    if let Some(first) = parts.first() {
        sn.repository = Some(first.to_string());
    }
    if parts.len() >= 2 {
        let last = parts[parts.len() - 1];
        if FILE_NUMBER.is_match(last) {
            sn.file_number = Some(last.to_string());
            if parts.len() > 2 {
                sn.file = Some(parts[1..parts.len() - 1].join(", "));
            }
        } else {
            sn.file = Some(parts[1..].join(", "));
            sn.file_number = LOT.find(&citation).map(|m| m.as_str().to_string());
        }
    }
    for s in sents.iter().skip(1) {
        let items: Vec<&str> = s
            .split(';')
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .collect();
        let is_marking = items.iter().all(|i| i.split_whitespace().count() <= 4)
            && !items.iter().any(|i| PEOPLE.is_match(i));
        if is_marking
            && sn.classification.is_none()
            && !s.starts_with("Repeated")
            && !s.starts_with("Transmitted")
        {
            for item in items {
                if sn.classification.is_none()
                    && CLASSIFICATIONS.iter().any(|c| c.eq_ignore_ascii_case(item))
                {
                    sn.classification = Some(item.to_string());
                } else {
                    sn.handling.push(item.to_string());
                }
            }
            continue;
        }
        for c in PEOPLE.captures_iter(s) {
            let names: Vec<String> = c["who"]
                .split(" and ")
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty() && n.chars().next().is_some_and(char::is_uppercase))
                .collect();
            match &c["verb"].to_lowercase()[..] {
                "drafted" => sn.drafted_by.extend(names),
                "approved" => sn.approved_by.extend(names),
                _ => sn.cleared_with.extend(names),
            }
        }
    }
    Some(sn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn central_files_citation_and_markings() {
        let s = parse(
            "Source: Department of State, Central Files, 794.5/4–1858. Secret; Official–Informal.",
        )
        .unwrap();
        assert_eq!(
            s.citation,
            "Department of State, Central Files, 794.5/4–1858"
        );
        assert_eq!(s.repository.as_deref(), Some("Department of State"));
        assert_eq!(s.file.as_deref(), Some("Central Files"));
        assert_eq!(s.file_number.as_deref(), Some("794.5/4–1858"));
        assert_eq!(s.classification.as_deref(), Some("Secret"));
        assert_eq!(s.handling, vec!["Official–Informal"]);
    }

    #[test]
    fn drafters_approvers_and_initials() {
        let s = parse(
            "Source: Department of State, Central Files, 611.94/3–158. Confidential; Priority. \
             Drafted by Howard L. Parsons, cleared with Defense and JCS, and approved by Robertson. \
             Repeated to CINCPAC.",
        )
        .unwrap();
        assert_eq!(s.classification.as_deref(), Some("Confidential"));
        assert_eq!(s.handling, vec!["Priority"]);
        assert_eq!(s.drafted_by, vec!["Howard L. Parsons"]);
        assert_eq!(s.cleared_with, vec!["Defense", "JCS"]);
        assert_eq!(s.approved_by, vec!["Robertson"]);
    }

    #[test]
    fn presidential_library_and_lot_files() {
        let s = parse("Source: Eisenhower Library, Whitman File, ACW Diary. Top Secret.").unwrap();
        assert_eq!(s.repository.as_deref(), Some("Eisenhower Library"));
        assert_eq!(s.file.as_deref(), Some("Whitman File, ACW Diary"));
        assert_eq!(s.file_number, None);
        assert_eq!(s.classification.as_deref(), Some("Top Secret"));
        let s = parse("Source: Department of State, PPS Files: Lot 67 D 548, Japan. Secret. Drafted by Smith and Jones and cleared in L.").unwrap();
        assert_eq!(s.file_number.as_deref(), Some("Lot 67 D 548"));
        assert_eq!(s.drafted_by, vec!["Smith", "Jones"]);
    }

    #[test]
    fn not_a_source_note() {
        assert!(parse("Document 5.").is_none());
    }
}
