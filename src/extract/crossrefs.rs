//! References to other documents of the same volume: "Document 5", "See
//! footnote 6, Document 5", "Documents 4 and 5". The Office of the
//! Historian's TEI links these (`<ref target="#d5fn6">`); frus-ld links them
//! to the document's IRI, or to the footnote's.
//!
//! A citation of another volume ("Foreign Relations, 1955–1957, vol. XXIII,
//! Document 12") names a document of that volume, not of this one, and is
//! left as text.

use crate::pattern::TextRegex;
use regex::Regex;
use std::sync::LazyLock;

/// A reference found in a run of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub documents: Vec<u32>,
    pub note: Option<u32>,
}

static REFERENCE: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(
        r"(?x)
        (?:\b[Ff]ootnote\s+(?P<note>\d{1,3}),?\s+(?:to\s+|in\s+)?)?
        \bDocuments?\s+(?P<list>\d{1,4}(?:[–-]\d{1,4})?(?:(?:,\s+|,?\s+and\s+)\d{1,4}(?:[–-]\d{1,4})?)*)\b",
    )
    .expect("valid regex")
});

/// A number of a list, or a range of numbers ("45–47").
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+)(?:[–-](\d+))?").expect("valid regex"));

/// The widest range that is read as a list of documents ("Documents 45–47");
/// a wider one is more likely a misprint than a citation of fifty documents.
const WIDEST_RANGE: u32 = 50;

/// The document numbers of a printed list: "4 and 5", "3, 7, and 9", "45–47".
fn numbers(list: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for c in NUMBER.captures_iter(list) {
        let Ok(first) = c[1].parse::<u32>() else {
            continue;
        };
        match c.get(2).and_then(|m| m.as_str().parse::<u32>().ok()) {
            Some(last) if last > first && last - first <= WIDEST_RANGE => out.extend(first..=last),
            _ => out.push(first),
        }
    }
    out.retain(|&n| n > 0);
    out
}

/// Words that make the reference one to another volume when they come
/// before it in the same citation.
const OTHER_VOLUME: [&str; 4] = ["Foreign Relations", "vol.", "volume", "Vol."];

/// Abbreviations after which a full stop does not end a citation.
const ABBREVIATIONS: [&str; 6] = ["vol", "Vol", "p", "pp", "No", "Nos"];

/// The start of the citation that holds `text[..at]`: after the last
/// semicolon, or after the last full stop that ends a sentence.
fn citation_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let mut start = before.rfind(';').map_or(0, |i| i + 1);
    for (i, _) in before.match_indices(". ") {
        if i < start {
            continue;
        }
        let word = before[..i]
            .rsplit(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("");
        // "vol. XXIII" and "p. 12" go on; "1957. See Document 5" ends one
        if !ABBREVIATIONS.contains(&word) {
            start = i + 2;
        }
    }
    start
}

/// The references to documents of the same volume in `text`.
pub fn find(text: &str) -> Vec<Found> {
    if !text.contains("Document") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in REFERENCE.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let clause = &text[citation_start(text, whole.start())..whole.start()];
        if OTHER_VOLUME.iter().any(|w| clause.contains(w)) && !clause.contains("this volume") {
            continue;
        }
        let list = c.name("list").expect("list");
        let documents = numbers(list.as_str());
        if documents.is_empty() {
            continue;
        }
        let note = c
            .name("note")
            .and_then(|m| m.as_str().parse().ok())
            .filter(|_| documents.len() == 1);
        // "footnote 6," belongs to the reference only when it names one document
        let start = if note.is_some() {
            whole.start()
        } else {
            whole.start() + whole.as_str().find("Document").unwrap_or(0)
        };
        out.push(Found {
            start,
            end: whole.end(),
            documents,
            note,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<(String, Vec<u32>, Option<u32>)> {
        find(text)
            .into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.documents, f.note))
            .collect()
    }

    #[test]
    fn a_document_of_the_volume() {
        assert_eq!(
            refs("See Document 5."),
            vec![("Document 5".into(), vec![5], None)]
        );
        assert_eq!(
            refs("Document 12."),
            vec![("Document 12".into(), vec![12], None)]
        );
    }

    #[test]
    fn a_footnote_of_a_document() {
        assert_eq!(
            refs("See footnote 6, Document 5."),
            vec![("footnote 6, Document 5".into(), vec![5], Some(6))]
        );
        assert_eq!(
            refs("See footnote 2 to Document 40."),
            vec![("footnote 2 to Document 40".into(), vec![40], Some(2))]
        );
    }

    #[test]
    fn several_documents() {
        assert_eq!(
            refs("See Documents 4 and 5."),
            vec![("Documents 4 and 5".into(), vec![4, 5], None)]
        );
        assert_eq!(
            refs("Documents 3, 7, and 9 are printed."),
            vec![("Documents 3, 7, and 9".into(), vec![3, 7, 9], None)]
        );
        assert_eq!(
            refs("See Documents 45–47 and 50."),
            vec![("Documents 45–47 and 50".into(), vec![45, 46, 47, 50], None)]
        );
        // a reversed or too wide range is read as its first number
        assert_eq!(
            refs("Documents 9–3").first().map(|r| r.1.clone()),
            Some(vec![9])
        );
        assert_eq!(
            refs("Documents 1–200").first().map(|r| r.1.clone()),
            Some(vec![1])
        );
        // a footnote of several documents is not one footnote
        assert_eq!(
            refs("See footnote 2, Documents 4 and 5."),
            vec![("Documents 4 and 5".into(), vec![4, 5], None)]
        );
    }

    #[test]
    fn another_volume_is_left_as_text() {
        assert!(
            refs("Printed in Foreign Relations, 1955–1957, vol. XXIII, Part 1, Document 12.")
                .is_empty()
        );
        assert!(refs("See vol. XVII, Document 3.").is_empty());
        // the other volume's citation ends; the next one is of this volume
        assert_eq!(
            refs("See Foreign Relations, 1955–1957, vol. XXIII, p. 12. See also Document 5."),
            vec![("Document 5".into(), vec![5], None)]
        );
        // "this volume" is the same volume
        assert_eq!(
            refs("Printed in this volume as Document 7."),
            vec![("Document 7".into(), vec![7], None)]
        );
        assert_eq!(
            refs("Foreign Relations, 1952–1954, vol. XIV, p. 9; Document 2."),
            vec![("Document 2".into(), vec![2], None)]
        );
    }

    #[test]
    fn other_words_are_not_references() {
        assert!(refs("The document was not found.").is_empty());
        assert!(refs("Documents on Germany, p. 5").is_empty());
        assert!(refs("Document A").is_empty());
        assert!(refs("Document 0").is_empty());
    }
}
