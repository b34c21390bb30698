//! Regular expressions for running text, with word boundaries that stay fast.
//!
//! A Unicode word boundary (`\b`) makes the `regex` crate's lazy DFA give
//! up at the first non-ASCII character of the text: a curly quote, a dash,
//! "↩". The search then falls back to its backtracking engine, which clears
//! state for all the rest of the text at every match: on a long paragraph
//! with a few dates, most of a conversion's time.
//!
//! A [`TextRegex`] is compiled twice: as written, and with every `\b` and
//! `\B` ASCII (`(?-u:\b)`), which the DFA runs at full speed whatever the
//! text. The two agree on every text in which no character outside ASCII is
//! a word character (`\w`): there, each character is a word character for
//! one exactly when it is for the other, so each position is a boundary for
//! one exactly when it is for the other. Such texts (English prose with its
//! typographic quotes and dashes) get the ASCII one; a text with "é" or "ệ"
//! gets the one as written, so that "Diệm" is never cut at "Di". The matches
//! are the same either way; only the time differs.

use regex::{CaptureMatches, Match, Matches, Regex};

/// A regular expression whose `\b` is Unicode's, searched as fast as an
/// ASCII one wherever that gives the same matches.
#[derive(Debug, Clone)]
pub struct TextRegex {
    unicode: Regex,
    ascii: Regex,
}

impl TextRegex {
    /// Compiles `pattern` (the syntax of [`regex::Regex`]).
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        Ok(TextRegex {
            unicode: Regex::new(pattern)?,
            ascii: Regex::new(&ascii_word_boundaries(pattern))?,
        })
    }

    /// The compiled form to search `text` with: both give the same matches
    /// on it.
    pub fn for_text(&self, text: &str) -> &Regex {
        if only_ascii_words(text) {
            &self.ascii
        } else {
            &self.unicode
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.for_text(text).is_match(text)
    }

    pub fn find<'h>(&self, text: &'h str) -> Option<Match<'h>> {
        self.for_text(text).find(text)
    }

    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> Matches<'r, 'h> {
        self.for_text(text).find_iter(text)
    }

    pub fn captures_iter<'r, 'h>(&'r self, text: &'h str) -> CaptureMatches<'r, 'h> {
        self.for_text(text).captures_iter(text)
    }
}

/// Whether every word character (`\w`) of `text` is an ASCII one.
fn only_ascii_words(text: &str) -> bool {
    let mut rest = text;
    // only the characters outside ASCII are decoded
    while let Some(i) = rest.bytes().position(|b| !b.is_ascii()) {
        let Some(c) = rest[i..].chars().next() else {
            break;
        };
        // a character whose class cannot be told counts as a word one: the
        // pattern as written is then used
        if regex_syntax::try_is_word_character(c).unwrap_or(true) {
            return false;
        }
        rest = &rest[i + c.len_utf8()..];
    }
    true
}

/// `pattern` with each `\b` and `\B` made ASCII; every other part, escapes
/// and character classes (where `\b` is a backspace) included, as written.
fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    // how deep in character classes, and whether a `]` would be the first
    // character of one (and so a literal)
    let mut depth = 0usize;
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let at_class_start = std::mem::take(&mut class_start);
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if depth == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' => {
                depth += 1;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                class_start = true;
            }
            ']' if depth > 0 && !at_class_start => {
                depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_the_boundaries_are_rewritten() {
        assert_eq!(
            ascii_word_boundaries(r"\bMr\. \w+\b\\b\B[\b][]\b][^]a]\b"),
            r"(?-u:\b)Mr\. \w+(?-u:\b)\\b(?-u:\B)[\b][]\b][^]a](?-u:\b)"
        );
        assert_eq!(ascii_word_boundaries(r"a\d\s\\"), r"a\d\s\\");
    }

    #[test]
    fn prose_with_typographic_punctuation_gets_the_ascii_form() {
        let re = TextRegex::new(r"\bPresident (?P<name>[A-Z][a-z]+)\b").unwrap();
        let prose = "“The President Eisenhower’s letter” – ↩";
        assert!(std::ptr::eq(re.for_text(prose), &re.ascii));
        assert_eq!(re.find(prose).unwrap().as_str(), "President Eisenhower");
    }

    #[test]
    fn a_name_with_a_letter_outside_ascii_is_not_cut() {
        let re = TextRegex::new(r"\bPresident (?P<name>[A-Z][a-z]+)\b").unwrap();
        let text = "He met President Diệm in Saigon.";
        assert!(std::ptr::eq(re.for_text(text), &re.unicode));
        // the ASCII form alone would take "President Di"
        assert_eq!(
            re.ascii.find(text).map(|m| m.as_str()),
            Some("President Di")
        );
        assert_eq!(re.find(text), None);
        assert_eq!(
            re.find("President Diệm and President Nasser")
                .map(|m| m.as_str()),
            Some("President Nasser")
        );
    }

    fn prose() -> impl Strategy<Value = String> {
        // ASCII words and punctuation, typographic punctuation, letters
        // and digits outside ASCII
        let piece = prop::sample::select(vec![
            "Mr",
            "March",
            "23",
            "1958",
            "Dulles",
            "President",
            "Di",
            "ệm",
            "é",
            "’",
            "“",
            "”",
            "–",
            "—",
            "↩",
            "°",
            "٣",
            "_",
            " ",
            ", ",
            ". ",
            "-",
            "'",
            "s",
            "of",
            "in",
            "Treaty",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        /// Whatever the text, the matches are those of the pattern as
        /// written.
        #[test]
        fn matches_are_those_of_the_pattern_as_written(text in prose()) {
            let pattern = r"\b(?:Mr|President) (?P<n>[A-Z][a-z]+)\b|\bMarch\s+\d{1,2}\b|\bin\s+\d{4}\b|\BTreaty\B|s\b";
            let re = TextRegex::new(pattern).unwrap();
            let written = Regex::new(pattern).unwrap();
            let got: Vec<_> = re.captures_iter(&text).map(|c| (c.get(0).unwrap().range(), c.name("n").map(|m| m.range()))).collect();
            let want: Vec<_> = written.captures_iter(&text).map(|c| (c.get(0).unwrap().range(), c.name("n").map(|m| m.range()))).collect();
            prop_assert_eq!(got, want);
        }
    }
}
