//! The roles of a List of Persons, made structured: "Japanese Foreign
//! Minister July 1957–July 1960" → office, organization, period.

use crate::dates::{self, MONTH_PATTERN};
use crate::model::RoleSpan;
use regex::Regex;
use std::sync::LazyLock;

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    let when = format!(r"(?:{MONTH_PATTERN}\s+)?(?:\d{{1,2}},\s+)?\d{{4}}");
    Regex::new(&format!(
        r"(?:,\s*|\s+)(?:(?P<from>{when})\s*[–-]\s*(?P<to>{when})|(?:until|through|to)\s+(?P<until>{when})|(?:from|after|since|beginning)\s+(?P<since>{when}))\s*$"
    ))
    .expect("valid regex")
});

/// Adjectives of nationality that stand for a government in a role.
const NATIONALITIES: [(&str, &str); 14] = [
    ("Japanese", "Japan"),
    ("Korean", "Korea"),
    ("Chinese", "China"),
    ("Soviet", "Soviet Union"),
    ("British", "United Kingdom"),
    ("French", "France"),
    ("German", "Germany"),
    ("Italian", "Italy"),
    ("Philippine", "Philippines"),
    ("Indian", "India"),
    ("Indonesian", "Indonesia"),
    ("Australian", "Australia"),
    ("Canadian", "Canada"),
    ("Thai", "Thailand"),
];

fn iso(text: &str) -> Option<String> {
    dates::parse_date(text).map(|d| d.iso())
}

/// Parses a list description into roles, one per ";"-separated part.
pub fn parse(description: &str) -> Vec<RoleSpan> {
    description
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            let mut r = RoleSpan {
                text: part.to_string(),
                ..Default::default()
            };
            let mut rest = part.to_string();
            if let Some(c) = PERIOD.captures(part) {
                r.from = c
                    .name("from")
                    .or(c.name("since"))
                    .and_then(|m| iso(m.as_str()));
                r.to = c
                    .name("to")
                    .or(c.name("until"))
                    .and_then(|m| iso(m.as_str()));
                rest = part[..c.get(0).expect("match").start()].trim().to_string();
            }
            let (office, org) = match rest.split_once(", ") {
                Some((o, g)) => (o.to_string(), Some(g.to_string())),
                None => (rest.clone(), None),
            };
            r.organization = org;
            r.office = office.clone();
            for (adj, country) in NATIONALITIES {
                if let Some(o) = office.strip_prefix(adj).and_then(|o| o.strip_prefix(' ')) {
                    r.office = o.to_string();
                    if r.organization.is_none() {
                        r.organization = Some(format!("Government of {country}"));
                    }
                }
            }
            r
        })
        .collect()
}

/// Whether a role is held on an ISO date (open ends count as held).
pub fn held_on(r: &RoleSpan, date: &str) -> bool {
    let from_ok = r
        .from
        .as_deref()
        .is_none_or(|f| f <= &date[..f.len().min(date.len())]);
    let to_ok =
        r.to.as_deref()
            .is_none_or(|t| &date[..t.len().min(date.len())] <= t);
    from_ok && to_ok
}

/// A rough rank of an office, for choosing among namesakes.
pub fn seniority(office: &str) -> u32 {
    const RANKS: [(&str, u32); 14] = [
        ("President of the United States", 100),
        ("Secretary of State", 90),
        ("Prime Minister", 90),
        ("President", 85),
        ("Secretary of Defense", 80),
        ("Foreign Minister", 80),
        ("Director of Central Intelligence", 70),
        ("Under Secretary", 70),
        ("Ambassador", 60),
        ("Assistant Secretary", 60),
        ("Minister", 50),
        ("General", 50),
        ("Admiral", 50),
        ("Director", 40),
    ];
    RANKS
        .iter()
        .filter(|(k, _)| {
            office.contains(k)
                && !office.contains(&format!("Deputy {k}"))
                && !office.contains(&format!("Assistant to the {k}"))
        })
        .map(|(_, r)| *r)
        .max()
        .unwrap_or(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_organization_and_period() {
        let r = parse("Japanese Foreign Minister July 1957–July 1960");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].office, "Foreign Minister");
        assert_eq!(r[0].organization.as_deref(), Some("Government of Japan"));
        assert_eq!(
            (r[0].from.as_deref(), r[0].to.as_deref()),
            (Some("1957-07"), Some("1960-07"))
        );
        let r = parse("Ambassador to Laos through February 1958; Deputy Assistant Secretary of State for Far Eastern Affairs, March 1958–June 1959; Assistant Secretary of State for Far Eastern Affairs from July 1959");
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].to.as_deref(), Some("1958-02"));
        assert_eq!(
            r[1].office,
            "Deputy Assistant Secretary of State for Far Eastern Affairs"
        );
        assert_eq!(r[1].from.as_deref(), Some("1958-03"));
        assert_eq!(r[2].from.as_deref(), Some("1959-07"));
        let r = parse("Director of the Office of Northeast Asian Affairs, Bureau of Far Eastern Affairs, Department of State, until May 1959");
        assert_eq!(
            r[0].office,
            "Director of the Office of Northeast Asian Affairs"
        );
        assert_eq!(
            r[0].organization.as_deref(),
            Some("Bureau of Far Eastern Affairs, Department of State")
        );
        assert_eq!(r[0].to.as_deref(), Some("1959-05"));
        assert!(held_on(&r[0], "1958-04-18"));
        assert!(!held_on(&r[0], "1959-06-01"));
    }

    #[test]
    fn seniority_orders_namesakes() {
        assert!(
            seniority("Secretary of State until April 1959")
                > seniority("Director of Central Intelligence")
        );
        assert!(
            seniority("President of the United States")
                > seniority("Major, Assistant Staff Secretary to the President")
        );
    }
}
