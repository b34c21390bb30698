//! Calendar dates as FRUS prints them.

use crate::model::SimpleDate;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number of a month name or its usual abbreviation
/// ("April", "Apr", "Apr.", "Sept"); `None` for anything else.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

/// Whether year-month-day is a real calendar day.
pub fn is_valid(year: i32, month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(year, month, day).is_some()
}

/// The regular expression fragment that matches a month name or abbreviation.
pub const MONTH_PATTERN: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})$"
    ))
    .expect("valid regex")
});

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<month>{MONTH_PATTERN})\s+(?P<year>\d{{4}})$"
    ))
    .expect("valid regex")
});

/// Parses "April 18, 1958", "Apr. 18, 1958", "April 1958" or "1958".
pub fn parse_date(text: &str) -> Option<SimpleDate> {
    let t = text.trim();
    if let Some(c) = FULL_DATE.captures(t) {
        let month = month_number(&c["month"])?;
        let day: u32 = c["day"].parse().ok()?;
        let year: i32 = c["year"].parse().ok()?;
        return is_valid(year, month, day).then(|| SimpleDate::ymd(year, month, day));
    }
    if let Some(c) = MONTH_YEAR.captures(t) {
        return Some(SimpleDate {
            year: c["year"].parse().ok()?,
            month: Some(month_number(&c["month"])?),
            day: None,
        });
    }
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Some(SimpleDate {
            year: t.parse().ok()?,
            month: None,
            day: None,
        });
    }
    None
}

/// The date named by the part of a State Department central-file number
/// after the slash: "4–1858" is April 18, 1958; "12–3057" December 30,
/// 1957; "4–158" April 1, 1958. `century_hint` is a year near the
/// document's (e.g. the first year of its volume), used to pick the century
/// of the two-digit year; without it the 1900s are assumed.
pub fn parse_file_date(part: &str, century_hint: Option<i32>) -> Option<SimpleDate> {
    let (m, rest) = part.split_once(['–', '-', '—'])?;
    let month: u32 = m.trim().parse().ok()?;
    let rest = rest.trim();
    if !(3..=4).contains(&rest.len()) || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (d, y) = rest.split_at(rest.len() - 2);
    let day: u32 = d.parse().ok()?;
    let yy: i32 = y.parse().ok()?;
    let year = match century_hint {
        Some(h) => {
            // the year ending in `yy` closest to the hint
            let base = h - h.rem_euclid(100);
            [base - 100 + yy, base + yy, base + 100 + yy]
                .into_iter()
                .min_by_key(|c| (c - h).abs())
                .unwrap_or(1900 + yy)
        }
        None => 1900 + yy,
    };
    is_valid(year, month, day).then(|| SimpleDate::ymd(year, month, day))
}

/// The first year a FRUS volume identifier names: `frus1958-60v18` → 1958.
pub fn volume_first_year(volume: &str) -> Option<i32> {
    let digits: String = volume
        .strip_prefix("frus")?
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_abbreviations() {
        assert_eq!(month_number("April"), Some(4));
        assert_eq!(month_number("Feb"), Some(2));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Mayor"), None);
    }

    #[test]
    fn full_and_partial_dates() {
        assert_eq!(
            parse_date("April 18, 1958"),
            Some(SimpleDate::ymd(1958, 4, 18))
        );
        assert_eq!(
            parse_date("Feb. 1, 1958"),
            Some(SimpleDate::ymd(1958, 2, 1))
        );
        assert_eq!(parse_date("February 30, 1958"), None);
        assert_eq!(
            parse_date("January 1957").map(|d| d.iso()),
            Some("1957-01".into())
        );
        assert_eq!(parse_date("1955").map(|d| d.iso()), Some("1955".into()));
        assert_eq!(parse_date("Tokyo"), None);
    }

    #[test]
    fn central_file_dates() {
        assert_eq!(
            parse_file_date("4–1858", None),
            Some(SimpleDate::ymd(1958, 4, 18))
        );
        assert_eq!(
            parse_file_date("12–3057", None),
            Some(SimpleDate::ymd(1957, 12, 30))
        );
        assert_eq!(
            parse_file_date("4–158", None),
            Some(SimpleDate::ymd(1958, 4, 1))
        );
        assert_eq!(parse_file_date("2–3061", Some(1961)), None);
        assert_eq!(parse_file_date("13–158", None), None);
        assert_eq!(
            parse_file_date("1–0302", Some(1898)),
            Some(SimpleDate::ymd(1902, 1, 3))
        );
    }

    #[test]
    fn volume_years() {
        assert_eq!(volume_first_year("frus1958-60v18"), Some(1958));
        assert_eq!(volume_first_year("frus1969-76v19p1"), Some(1969));
        assert_eq!(volume_first_year("d11"), None);
    }
}
