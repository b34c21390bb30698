//! Date expressions in running text, normalized against the document's own
//! date: "March 23", "May 7–9", "early in June", "last June", "next year",
//! "January 1957", "February 22, 1958", and central-file dates "4–1858".

use crate::dates::{is_valid, month_number, parse_file_date, MONTH_PATTERN};
use crate::model::{DateValue, SimpleDate};
use crate::pattern::TextRegex;
use std::sync::LazyLock;

/// A date expression found at `start..end` of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
    pub rule: &'static str,
}

static DATES: LazyLock<TextRegex> = LazyLock::new(|| {
    let m = MONTH_PATTERN;
    TextRegex::new(&format!(
        r"(?x)
        \b(?P<range>(?P<rm>{m})\s+(?P<rd1>\d{{1,2}})\s*[–-]\s*(?P<rd2>\d{{1,2}})(?:,\s+(?P<ry>\d{{4}}))?)\b
      | \b(?P<full>(?P<fm>{m})\s+(?P<fd>\d{{1,2}})(?:,\s+(?P<fy>\d{{4}}))?)\b
      | \b(?P<my>(?P<mym>{m})\s+(?P<myy>\d{{4}}))\b
      | \b(?P<part>(?P<pw>early|late|mid|the\s+middle\s+of|the\s+end\s+of|the\s+beginning\s+of)(?:\s+in|\s*-)?\s+(?P<pm>{m}))\b
      | \b(?P<rel>(?P<rw>last|next|this)\s+(?P<rt>year|month|{m}))\b
      | \b(?P<yr>(?:in|of|since|until|by|before|after|during|from)\s+(?P<yy>1[89]\d\d))\b
      | (?P<file>\d{{2,4}}[A-Z]?(?:[.\-][0-9A-Z]+)*/(?P<fpart>\d{{1,2}}[–-]\d{{3,4}}))\b
    "
    ))
    .expect("valid regex")
});

fn month(s: &str) -> u32 {
    month_number(s).unwrap_or(1)
}

fn ymd(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn last_day(y: i32, m: u32) -> u32 {
    (28..=31).rev().find(|d| is_valid(y, m, *d)).unwrap_or(28)
}

/// The year that puts month/day closest before (or shortly after) the
/// document's date: a letter of April 1958 that mentions "December 20"
/// means December 1957.
fn infer_year(doc: &SimpleDate, m: u32, d: u32) -> i32 {
    let dm = doc.month.unwrap_or(6) as i32;
    let dd = doc.day.unwrap_or(15) as i32;
    let delta = (m as i32 - dm) * 31 + (d as i32 - dd);
    if delta > 92 {
        doc.year - 1
    } else {
        doc.year
    }
}

fn single(when: String) -> DateValue {
    DateValue {
        edtf: when.clone(),
        when: Some(when),
        ..Default::default()
    }
}

fn range(from: String, to: String) -> DateValue {
    DateValue {
        edtf: format!("{from}/{to}"),
        from: Some(from),
        to: Some(to),
        ..Default::default()
    }
}

fn uncertain(nb: String, na: String) -> DateValue {
    DateValue {
        edtf: format!("{nb}/{na}"),
        not_before: Some(nb),
        not_after: Some(na),
        ..Default::default()
    }
}

/// Finds the date expressions of `text`; `doc` is the document's date, for
/// expressions without a year.
pub fn find(text: &str, doc: Option<&SimpleDate>) -> Vec<Found> {
    let mut out = Vec::new();
    for c in DATES.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let (mut start, end) = (whole.start(), whole.end());
        let found = if c.name("range").is_some() {
            let m = month(&c["rm"]);
            let (d1, d2): (u32, u32) =
                (c["rd1"].parse().unwrap_or(0), c["rd2"].parse().unwrap_or(0));
            let y = match c.name("ry") {
                Some(y) => y.as_str().parse().ok(),
                None => doc.map(|doc| infer_year(doc, m, d1)),
            };
            y.filter(|y| d1 < d2 && is_valid(*y, m, d1) && is_valid(*y, m, d2))
                .map(|y| (range(ymd(y, m, d1), ymd(y, m, d2)), "month-day-range"))
        } else if c.name("full").is_some() {
            let m = month(&c["fm"]);
            let d: u32 = c["fd"].parse().unwrap_or(0);
            let y = match c.name("fy") {
                Some(y) => y.as_str().parse().ok(),
                None => doc.map(|doc| infer_year(doc, m, d)),
            };
            let rule = if c.name("fy").is_some() {
                "month-day-year"
            } else {
                "month-day"
            };
            y.filter(|y| is_valid(*y, m, d))
                .map(|y| (single(ymd(y, m, d)), rule))
        } else if c.name("my").is_some() {
            let y: i32 = c["myy"].parse().unwrap_or(0);
            Some((
                single(format!("{y:04}-{:02}", month(&c["mym"]))),
                "month-year",
            ))
        } else if c.name("part").is_some() {
            doc.map(|doc| {
                let m = month(&c["pm"]);
                let y = infer_year(doc, m, 15);
                let (a, b) = match &c["pw"] {
                    w if w.starts_with("early") || w.contains("beginning") => (1, 10),
                    w if w.starts_with("mid") || w.contains("middle") => (11, 20),
                    _ => (21, last_day(y, m)),
                };
                (uncertain(ymd(y, m, a), ymd(y, m, b)), "part-of-month")
            })
        } else if c.name("rel").is_some() {
            doc.and_then(|doc| {
                let w = &c["rw"];
                let shift = match w {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                match &c["rt"] {
                    "year" => {
                        let y = doc.year + shift;
                        Some((single(format!("{y:04}")), "relative-year"))
                    }
                    "month" => {
                        let dm = doc.month? as i32 - 1 + shift;
                        let (y, m) = (doc.year + dm.div_euclid(12), dm.rem_euclid(12) + 1);
                        Some((single(format!("{y:04}-{m:02}")), "relative-month"))
                    }
                    name => {
                        // "last June": the most recent June before the document
                        let m = month(name) as i32;
                        let dm = doc.month? as i32;
                        let y = match shift {
                            -1 if m < dm => doc.year,
                            -1 => doc.year - 1,
                            1 if m > dm => doc.year,
                            1 => doc.year + 1,
                            _ => doc.year,
                        };
                        Some((single(format!("{y:04}-{m:02}")), "relative-month"))
                    }
                }
            })
        } else if c.name("yr").is_some() {
            let y = c.name("yy").expect("group");
            start = y.start();
            Some((single(y.as_str().to_string()), "year"))
        } else if let Some(p) = c.name("fpart") {
            start = p.start();
            parse_file_date(p.as_str(), doc.map(|d| d.year))
                .map(|d| (single(d.iso()), "central-file-number"))
        } else {
            None
        };
        if let Some((value, rule)) = found {
            out.push(Found {
                start,
                end,
                value,
                rule,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (String, DateValue) {
        let doc = SimpleDate::ymd(1958, 4, 18);
        let f = find(text, Some(&doc));
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        (text[f[0].start..f[0].end].to_string(), f[0].value.clone())
    }

    #[test]
    fn dates_of_every_kind() {
        assert_eq!(
            one("your memorandum of March 23 in which")
                .1
                .when
                .as_deref(),
            Some("1958-03-23")
        );
        let (t, v) = one("the Council Meeting at Copenhagen May 7–9.");
        assert_eq!(t, "May 7–9");
        assert_eq!(
            (v.from.as_deref(), v.to.as_deref()),
            (Some("1958-05-07"), Some("1958-05-09"))
        );
        assert_eq!(v.edtf, "1958-05-07/1958-05-09");
        assert_eq!(
            one("his press conference of April 1 that")
                .1
                .when
                .as_deref(),
            Some("1958-04-01")
        );
        let (t, v) = one("probably early in June, I would");
        assert_eq!(t, "early in June");
        assert_eq!(
            (v.not_before.as_deref(), v.not_after.as_deref()),
            (Some("1958-06-01"), Some("1958-06-10"))
        );
        assert_eq!(
            one("which you reiterated to me last June,")
                .1
                .when
                .as_deref(),
            Some("1957-06")
        );
        assert_eq!(
            one("some time before next year.").1.when.as_deref(),
            Some("1959")
        );
        assert_eq!(
            one("in January 1957 before I came").1.when.as_deref(),
            Some("1957-01")
        );
        assert_eq!(
            one("at Washington, February 22, 1958; entered")
                .1
                .when
                .as_deref(),
            Some("1958-02-22")
        );
        let (t, v) = one("Central Files, 794.5/4–1858. Secret");
        assert_eq!(t, "4–1858");
        assert_eq!(v.when.as_deref(), Some("1958-04-18"));
        assert_eq!(
            one("Telephone conversation, December 20.")
                .1
                .when
                .as_deref(),
            Some("1957-12-20")
        );
        let (t, v) = one("agreed to in 1956 would apply");
        assert_eq!((t.as_str(), v.when.as_deref()), ("1956", Some("1956")));
    }

    #[test]
    fn numbers_that_are_not_dates() {
        let doc = SimpleDate::ymd(1958, 4, 18);
        assert!(find("Embtel 1705 and Deptel 1479", Some(&doc)).is_empty());
        assert!(find("February 30, 1958", Some(&doc)).is_empty());
        assert!(find("Article 9 of the Constitution", Some(&doc)).is_empty());
    }
}
