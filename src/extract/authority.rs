//! frus-ld's curated authority data (`vocab/authority/*.ttl`): persons,
//! offices and their holders, places, organizations and treaties, with
//! their names, variants, dates and identifiers.
//!
//! The files are compiled into the binary and read once.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use std::collections::BTreeMap;
use std::sync::LazyLock;

pub const FLA: &str = "https://w3id.org/frus-ld/id/";
const SCHEMA: &str = "http://schema.org/";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const FL: &str = "https://w3id.org/frus-ld/vocab#";
const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// The authority files, as shipped.
pub const FILES: [(&str, &str); 5] = [
    (
        "persons.ttl",
        include_str!("../../vocab/authority/persons.ttl"),
    ),
    (
        "offices.ttl",
        include_str!("../../vocab/authority/offices.ttl"),
    ),
    (
        "places.ttl",
        include_str!("../../vocab/authority/places.ttl"),
    ),
    (
        "organizations.ttl",
        include_str!("../../vocab/authority/organizations.ttl"),
    ),
    (
        "treaties.ttl",
        include_str!("../../vocab/authority/treaties.ttl"),
    ),
];

/// One described resource: its IRI and its values by property.
#[derive(Debug, Default, Clone)]
pub struct Record {
    pub iri: String,
    pub values: BTreeMap<String, Vec<Term>>,
    /// The preferred name and all variants, gathered once.
    names: Vec<String>,
}

impl Record {
    fn all(&self, p: &str) -> impl Iterator<Item = &Term> {
        self.values.get(p).into_iter().flatten()
    }
    fn literals(&self, p: &str) -> Vec<String> {
        self.all(p)
            .filter_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            })
            .collect()
    }
    fn literal(&self, p: &str) -> Option<String> {
        self.literals(p).into_iter().next()
    }
    fn iris(&self, p: &str) -> Vec<String> {
        self.all(p)
            .filter_map(|t| match t {
                Term::NamedNode(n) => Some(n.as_str().to_string()),
                _ => None,
            })
            .collect()
    }
    fn has_type(&self, t: &str) -> bool {
        self.iris(RDF_TYPE).iter().any(|i| i == t)
    }
    /// The key under the authority base: `person/dulles-john-foster`.
    pub fn key(&self) -> String {
        self.iri.strip_prefix(FLA).unwrap_or(&self.iri).to_string()
    }
    pub fn wikidata(&self) -> Option<String> {
        self.iris(OWL_SAME_AS).into_iter().find_map(|i| {
            i.strip_prefix("http://www.wikidata.org/entity/")
                .map(str::to_string)
        })
    }
    /// The preferred name and all variants.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    fn gather_names(&self) -> Vec<String> {
        let mut out = Vec::new();
        for p in [
            &format!("{SCHEMA}name"),
            &format!("{SCHEMA}alternateName"),
            &format!("{SKOS}altLabel"),
            &format!("{SKOS}prefLabel"),
            RDFS_LABEL,
        ] {
            for n in self.literals(p) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct Person {
    pub record: Record,
    pub name: String,
    pub family: Option<String>,
    pub given: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Tenure {
    pub office: String,
    pub role_name: String,
    pub holder: String,
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Office {
    pub iri: String,
    pub names: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub record: Record,
    pub name: String,
    pub place_type: Option<String>,
    pub lat_lon: Option<(f64, f64)>,
    pub demonyms: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub record: Record,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Treaty {
    pub record: Record,
    pub name: String,
    pub signed: Option<String>,
    pub in_force: Option<String>,
    pub citation: Option<String>,
    pub signed_at: Option<String>,
    pub parties: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Authority {
    pub persons: Vec<Person>,
    pub tenures: Vec<Tenure>,
    pub offices: Vec<Office>,
    pub places: Vec<Place>,
    pub orgs: Vec<Org>,
    pub treaties: Vec<Treaty>,
    /// The names and demonyms of countries, for counting them in a text
    /// in one pass; built at first use.
    country_names: std::sync::OnceLock<CountryNames>,
}

/// An automaton of country names and demonyms, and the index in
/// [`Authority::places`] of the country of each pattern.
#[derive(Debug)]
struct CountryNames {
    automaton: aho_corasick::AhoCorasick,
    place: Vec<usize>,
}

/// The shipped authority data, parsed once.
pub static AUTHORITY: LazyLock<Authority> =
    LazyLock::new(|| Authority::parse(&FILES).expect("the shipped authority data parses (tested)"));

fn records(ttl: &str, name: &str) -> Result<Vec<Record>, String> {
    let mut map: BTreeMap<String, Record> = BTreeMap::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
        let t = t.map_err(|e| format!("vocab/authority/{name}: {e}"))?;
        let s = match &t.subject {
            oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
            _ => continue,
        };
        let r = map.entry(s.clone()).or_insert_with(|| Record {
            iri: s,
            ..Record::default()
        });
        r.values
            .entry(t.predicate.as_str().to_string())
            .or_default()
            .push(t.object);
    }
    Ok(map
        .into_values()
        .map(|mut r| {
            r.names = r.gather_names();
            r
        })
        .collect())
}

fn number(l: Option<String>) -> Option<f64> {
    l.and_then(|v| v.parse().ok())
}

impl Authority {
    /// How often each country is named in `text` (by a name or demonym of
    /// more than three letters), as (index in [`Authority::places`],
    /// count), in the order of the places.
    pub fn country_counts(&self, text: &str) -> Vec<(usize, usize)> {
        let names = self.country_names.get_or_init(|| {
            let mut patterns = Vec::new();
            let mut place = Vec::new();
            for (i, p) in self.places.iter().enumerate() {
                if p.place_type.as_deref() != Some("country") {
                    continue;
                }
                for name in p.record.names().iter().chain(p.demonyms.iter()) {
                    if name.len() > 3 {
                        patterns.push(name.clone());
                        place.push(i);
                    }
                }
            }
            CountryNames {
                automaton: aho_corasick::AhoCorasick::new(&patterns)
                    .expect("country names make an automaton"),
                place,
            }
        });
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for m in names.automaton.find_overlapping_iter(text) {
            *counts
                .entry(names.place[m.pattern().as_usize()])
                .or_default() += 1;
        }
        counts.into_iter().collect()
    }

    pub fn parse(files: &[(&str, &str)]) -> Result<Authority, String> {
        let mut a = Authority::default();
        for (name, ttl) in files {
            for r in records(ttl, name)? {
                let s = |p: &str| format!("{SCHEMA}{p}");
                let f = |p: &str| format!("{FL}{p}");
                if r.has_type(&s("Person")) {
                    let name = r.literal(&s("name")).unwrap_or_default();
                    a.persons.push(Person {
                        family: r.literal(&s("familyName")),
                        given: r.literal(&s("givenName")),
                        name,
                        record: r,
                    });
                } else if r.has_type(&s("Role")) {
                    if let (Some(office), Some(holder)) =
                        (r.iris(&f("office")).pop(), r.iris(&f("holder")).pop())
                    {
                        a.tenures.push(Tenure {
                            office,
                            role_name: r.literal(&s("roleName")).unwrap_or_default(),
                            holder,
                            start: r.literal(&s("startDate")),
                            end: r.literal(&s("endDate")),
                        });
                    }
                } else if r.has_type(&f("Office")) {
                    a.offices.push(Office {
                        iri: r.iri.clone(),
                        names: r.names().to_vec(),
                    });
                } else if r.has_type(&s("Place"))
                    || r.has_type(&s("Country"))
                    || r.has_type(&s("City"))
                {
                    let lat = number(r.literal(&s("latitude")));
                    let lon = number(r.literal(&s("longitude")));
                    a.places.push(Place {
                        name: r.literal(&s("name")).unwrap_or_default(),
                        place_type: r.literal(&f("placeType")),
                        lat_lon: lat.zip(lon),
                        demonyms: r.literals(&f("demonym")),
                        record: r,
                    });
                } else if r.has_type(&s("Organization")) || r.has_type(&s("GovernmentOrganization"))
                {
                    a.orgs.push(Org {
                        name: r.literal(&s("name")).unwrap_or_default(),
                        record: r,
                    });
                } else if r.has_type(&s("Legislation")) {
                    a.treaties.push(Treaty {
                        name: r.literal(&s("name")).unwrap_or_default(),
                        signed: r.literal(&s("legislationDate")),
                        in_force: r.literal(&f("entryIntoForce")),
                        citation: r.literal(&f("citation")),
                        signed_at: r.iris(&f("placeOfSignature")).pop(),
                        parties: r.iris(&f("party")),
                        record: r,
                    });
                }
            }
        }
        Ok(a)
    }

    pub fn place_by_iri(&self, iri: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.record.iri == iri)
    }

    pub fn person_by_iri(&self, iri: &str) -> Option<&Person> {
        self.persons.iter().find(|p| p.record.iri == iri)
    }

    /// Who held an office (matched by any of its names) on an ISO date.
    pub fn holder_on(&self, office_name: &str, date: &str) -> Option<&Person> {
        let office = self
            .offices
            .iter()
            .find(|o| o.names.iter().any(|n| n.eq_ignore_ascii_case(office_name)))?;
        let t = self.tenures.iter().find(|t| {
            t.office == office.iri
                && t.start.as_deref().is_some_and(|s| s <= date)
                && t.end.as_deref().is_none_or(|e| date <= e)
        })?;
        self.person_by_iri(&t.holder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_authority_data_parses() {
        let a = Authority::parse(&FILES).unwrap();
        assert!(!a.persons.is_empty() || FILES[0].1.trim().is_empty());
    }
}
