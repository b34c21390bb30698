//! Finding footnote markers glued to the text.
//!
//! The web text prints a footnote marker as digits glued to the preceding
//! word, number or punctuation mark: "Dulles0", "meeting.2", "March 231"
//! (March 23, note 1), "19563" (1956, note 3), "1704,1 1705.2". Digits alone
//! cannot tell a marker from a number, but the markers of a document run in
//! order (0 or 1 for the source note, then 1, 2, 3, …) and their count is
//! known from the footnote list. So every place where each expected number
//! could be glued is a candidate, each candidate gets a plausibility score,
//! and the increasing sequence of candidates with the best total score wins.

use crate::dates::month_number;

/// A footnote marker found in segment `segment` at bytes `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub segment: usize,
    pub start: usize,
    pub end: usize,
    pub n: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkerError {
    /// The list has note `n` but no marker for it could be found in order.
    Missing { n: u32 },
    /// A marker `n` stands in segment `segment`, but the list has no note `n`.
    Unexplained { n: u32, segment: usize },
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    segment: usize,
    start: usize,
    end: usize,
    /// Plausibility, in tenths: 20 glued to a word or closing punctuation,
    /// less when it splits a number.
    score: u32,
}

fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | ')' | ']' | '”' | '’' | '"' | '\'' | '?' | '!' | '—'
    )
}

/// Candidates for the markers `first..=last` in `text`, pushed to
/// `levels[n - first]` in reading order. A marker `n` is the digits of `n`
/// ending a run of digits ("Dulles0", "March 231", "19563"), so one pass over
/// the runs finds the candidates of every number at once.
fn candidates_in(text: &str, segment: usize, first: u32, last: u32, levels: &mut [Vec<Candidate>]) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let end = i;
        // every suffix of the run that is a number of the range (the digits
        // of a number never begin with 0), longest first, as they stand
        let shortest = end.saturating_sub(10).max(run_start);
        for start in shortest..end {
            if bytes[start] == b'0' && start + 1 < end {
                continue;
            }
            let Ok(n) = text[start..end].parse::<u32>() else {
                continue;
            };
            if n < first || n > last {
                continue;
            }
            if let Some(c) = candidate(text, segment, start, end) {
                levels[(n - first) as usize].push(c);
            }
        }
    }
}

/// The candidate for a marker at `start..end`, digits that end a digit run,
/// if it is glued to something and is not an ordinal or a unit.
fn candidate(text: &str, segment: usize, start: usize, end: usize) -> Option<Candidate> {
    // glued to something
    let prev = text[..start].chars().next_back()?;
    if prev.is_whitespace() {
        return None;
    }
    let next = text[end..].chars().next();
    // a lower-case letter right after is an ordinal or a unit: "31st", "5km"
    if next.is_some_and(|c| c.is_lowercase() || c == '%' || c == '-' || c == '–') {
        return None;
    }
    let score = score(text, start, end, prev, next)?;
    Some(Candidate {
        segment,
        start,
        end,
        score,
    })
}

fn score(text: &str, start: usize, end: usize, prev: char, next: Option<char>) -> Option<u32> {
    let before = &text[..start];
    if prev.is_ascii_digit() {
        // splitting a number: "19563", "16231", "March 231"
        let run_start = before
            .rfind(|c: char| !c.is_ascii_digit())
            .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let rest = &text[run_start..start];
        let whole = &text[run_start..end];
        if rest.starts_with('0') && rest.len() > 1 {
            return None;
        }
        let before_run = text[..run_start].chars().next_back();
        // a decimal or thousands part: "39.95", "3,500"
        if matches!(before_run, Some('.') | Some(',')) {
            let b2 = text[..run_start].trim_end_matches(['.', ',']);
            if b2.ends_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
        }
        // after a month name, the rest must be a day and the whole must not be
        let word_before = text[..run_start]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        if before_run.is_some_and(char::is_whitespace) && month_number(word_before).is_some() {
            let day: u32 = rest.parse().ok()?;
            if !(1..=31).contains(&day) {
                return None;
            }
            let whole_n: u32 = whole.parse().unwrap_or(u32::MAX);
            return Some(if whole_n > 31 { 12 } else { 3 });
        }
        let is_year = |s: &str| s.len() == 4 && matches!(s.parse::<u32>(), Ok(1700..=2099));
        if is_year(whole) {
            return Some(2);
        }
        if is_year(rest) {
            return Some(12);
        }
        return Some(6);
    }
    if prev == ',' {
        // "1958,2 attaching" is a marker; "3,500" a thousands separator
        let before_punct = before[..before.len() - 1].chars().next_back();
        if before_punct.is_some_and(|c| c.is_ascii_digit()) && end - start == 3 {
            return None;
        }
        return Some(if before_punct.is_some_and(|c| c.is_ascii_digit()) {
            15
        } else {
            20
        });
    }
    if prev == '.' {
        // "1705.2 Matter" is a marker, "146.3 billion" a decimal
        let before_punct = before[..before.len() - 1].chars().next_back();
        if before_punct.is_some_and(|c| c.is_ascii_digit()) {
            let after = text[end..].trim_start();
            let ok = match next {
                None => true,
                Some(c) if c.is_whitespace() => after
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || c == '(' || c == '“'),
                Some(c) => c.is_uppercase(),
            };
            return ok.then_some(15);
        }
        return Some(20);
    }
    if prev.is_alphabetic() || is_closing_punct(prev) {
        return Some(20);
    }
    None
}

/// Finds the markers `first..=last` in reading order over `segments`.
pub fn find_markers(segments: &[&str], first: u32, last: u32) -> Result<Vec<Marker>, MarkerError> {
    if last < first {
        return Ok(Vec::new());
    }
    // candidates per expected marker, in reading order
    let mut levels: Vec<Vec<Candidate>> = vec![Vec::new(); (last - first) as usize + 1];
    for (i, s) in segments.iter().enumerate() {
        candidates_in(s, i, first, last, &mut levels);
    }
    // best[l][j]: best total score of a valid sequence ending with levels[l][j]
    let pos = |c: &Candidate| (c.segment, c.start);
    let mut best: Vec<Vec<Option<(u32, usize)>>> = Vec::with_capacity(levels.len());
    for (l, level) in levels.iter().enumerate() {
        let mut row = Vec::with_capacity(level.len());
        for c in level {
            let entry = if l == 0 {
                Some((c.score, usize::MAX))
            } else {
                let mut pick: Option<(u32, usize)> = None;
                for (j, p) in levels[l - 1].iter().enumerate() {
                    let Some((s, _)) = best[l - 1][j] else {
                        continue;
                    };
                    let after = (p.segment, p.end) <= pos(c);
                    // ties go to the earlier predecessor
                    if after && pick.is_none_or(|(ps, _)| s > ps) {
                        pick = Some((s, j));
                    }
                }
                pick.map(|(s, j)| (s + c.score, j))
            };
            row.push(entry);
        }
        if row.iter().all(Option::is_none) {
            return Err(MarkerError::Missing {
                n: first + l as u32,
            });
        }
        best.push(row);
    }
    // the best end, ties to the earliest; then walk back
    let last_row = best.last().expect("at least one level");
    let mut j = (0..last_row.len())
        .filter(|&j| last_row[j].is_some())
        .max_by(|&a, &b| {
            let (sa, sb) = (last_row[a].unwrap().0, last_row[b].unwrap().0);
            sa.cmp(&sb).then(b.cmp(&a))
        })
        .expect("a reachable end");
    let mut out = Vec::with_capacity(levels.len());
    for l in (0..levels.len()).rev() {
        let c = levels[l][j];
        out.push(Marker {
            segment: c.segment,
            start: c.start,
            end: c.end,
            n: first + l as u32,
        });
        j = best[l][j].expect("on the path").1;
    }
    out.reverse();
    // a marker after the last one, glued to a word, that the list does not explain
    let tail = out.last().copied();
    let mut extra = [Vec::new()];
    for (i, s) in segments.iter().enumerate() {
        candidates_in(s, i, last + 1, last + 1, &mut extra);
    }
    let [extra] = extra;
    if let Some(c) = extra
        .into_iter()
        .find(|c| c.score >= 20 && tail.is_none_or(|t| (t.segment, t.end) <= (c.segment, c.start)))
    {
        return Err(MarkerError::Unexplained {
            n: last + 1,
            segment: c.segment,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(segments: &[&str], first: u32, last: u32) -> Vec<String> {
        find_markers(segments, first, last)
            .unwrap()
            .iter()
            .map(|m| format!("{}|{}", &segments[m.segment][..m.start], m.n))
            .collect()
    }

    #[test]
    fn markers_glued_to_telegram_numbers_and_years() {
        let text = "Embtels 1703, 1704,1 1705.2 Agreed total 146.3 billion yen and 18.3 more. \
                    Formula agreed to in 19563 would apply.";
        let got = split(&[text], 1, 3);
        assert!(got[0].ends_with("1704,|1"), "{got:?}");
        assert!(got[1].ends_with("1705.|2"), "{got:?}");
        assert!(got[2].ends_with("in 1956|3"), "{got:?}");
    }

    #[test]
    fn source_marker_zero_and_day_of_month() {
        let segs = [
            "Letter From the Ambassador (Smith) to Secretary of State Jones0",
            "Your memorandum of March 231 asked for my views on the meeting.2",
        ];
        let m = find_markers(&segs, 0, 2).unwrap();
        assert_eq!(
            (m[0].segment, &segs[0][..m[0].start]),
            (0, &segs[0][..segs[0].len() - 1])
        );
        assert_eq!(&segs[1][..m[1].start], "Your memorandum of March 23");
        assert_eq!(&segs[1][m[2].start..m[2].end], "2");
    }

    #[test]
    fn marker_after_a_year_and_comma() {
        let got = split(
            &["your letter dated February 18, 1958,2 attaching a draft and 3,500 men"],
            2,
            2,
        );
        assert_eq!(got, vec!["your letter dated February 18, 1958,|2"]);
        assert_eq!(
            find_markers(&["about 3,500 men"], 500, 500),
            Err(MarkerError::Missing { n: 500 })
        );
    }

    #[test]
    fn marker_glued_before_the_next_word() {
        let got = split(&["Deptel 1479,1Embtel 1840.2 Cabinet approved"], 1, 2);
        assert_eq!(got, vec!["Deptel 1479,|1", "Deptel 1479,1Embtel 1840.|2"]);
    }

    #[test]
    fn a_real_day_is_not_split_when_a_word_marker_follows() {
        // "March 21" is a day; the marker 1 is the one glued to "talks"
        let got = split(&["On March 21 he began talks.1 Then more."], 1, 1);
        assert_eq!(got, vec!["On March 21 he began talks.|1"]);
    }

    #[test]
    fn missing_and_unexplained_markers() {
        assert_eq!(
            find_markers(&["No markers here at all."], 1, 1),
            Err(MarkerError::Missing { n: 1 })
        );
        assert_eq!(
            find_markers(&["One here.1 And another here.2"], 1, 1),
            Err(MarkerError::Unexplained { n: 2, segment: 0 })
        );
    }

    #[test]
    fn standalone_numbers_are_not_markers() {
        assert_eq!(
            find_markers(&["Paragraph (1) and item 2 of 3 lists."], 1, 1),
            Err(MarkerError::Missing { n: 1 })
        );
    }

    /// The candidates of one pass over the digit runs are those of a search
    /// for each number's digits where they end a run, in the same order.
    mod one_pass {
        use super::super::*;
        use proptest::prelude::*;

        fn searched(text: &str, n: u32) -> Vec<(usize, usize, u32)> {
            let digits = n.to_string();
            let bytes = text.as_bytes();
            let mut out = Vec::new();
            let mut from = 0;
            while let Some(off) = text[from..].find(&digits) {
                let start = from + off;
                let end = start + digits.len();
                from = start + 1;
                if end < bytes.len() && bytes[end].is_ascii_digit() {
                    continue;
                }
                if let Some(c) = candidate(text, 0, start, end) {
                    out.push((c.start, c.end, c.score));
                }
            }
            out
        }

        proptest! {
            #[test]
            fn one_pass_finds_what_a_search_per_number_finds(
                text in "[0-9a-zA-Z .,;)”’—-]{0,60}",
                first in 0u32..3,
                count in 0u32..25,
            ) {
                let last = first + count;
                let mut levels = vec![Vec::new(); count as usize + 1];
                candidates_in(&text, 0, first, last, &mut levels);
                for (l, level) in levels.iter().enumerate() {
                    let got: Vec<_> = level.iter().map(|c| (c.start, c.end, c.score)).collect();
                    prop_assert_eq!(got, searched(&text, first + l as u32));
                }
            }
        }
    }
}
