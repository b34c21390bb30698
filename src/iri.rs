//! The IRIs frus-ld gives to what it describes.
//!
//! Documents and volumes keep the Office of the Historian's own addresses;
//! everything frus-ld mints lives under one configurable base and is
//! derived from stable keys (a volume and a document number, a normalized
//! name), so converting the same corpus twice gives the same graph.

use crate::model::Document;

/// The Office of the Historian's address for FRUS documents and volumes.
pub const HSG: &str = "https://history.state.gov/historicaldocuments/";

/// The default base under which frus-ld mints IRIs.
pub const DEFAULT_BASE: &str = "https://w3id.org/frus-ld/id/";

/// The vocabulary namespace of frus-ld's own terms (`vocab/frus-ld.ttl`).
pub const VOCAB: &str = "https://w3id.org/frus-ld/vocab#";

#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Iris::new(DEFAULT_BASE)
    }
}

impl Iris {
    pub fn new(base: &str) -> Self {
        let mut base = base.to_string();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        Iris { base }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `https://history.state.gov/historicaldocuments/frus1958-60v18/d11`,
    /// or a minted IRI when the volume is unknown.
    pub fn document(&self, doc: &Document) -> String {
        self.document_numbered(doc.volume.as_deref(), doc.number)
    }

    /// The IRI of document `number` of `volume` (as for [`Iris::document`]).
    pub fn document_numbered(&self, volume: Option<&str>, number: u32) -> String {
        match volume {
            Some(v) => format!("{HSG}{v}/d{number}"),
            None => format!("{}document/unknown-volume/d{number}", self.base),
        }
    }

    /// The IRI of footnote `note` of document `number` of `volume`.
    pub fn footnote(&self, volume: Option<&str>, number: u32, note: u32) -> String {
        format!("{}#fn{note}", self.document_numbered(volume, number))
    }

    /// What a reference cites: document `number` of `volume`, or its
    /// footnote `note` when one is named.
    pub fn cited(&self, volume: Option<&str>, number: u32, note: Option<u32>) -> String {
        match note {
            Some(note) => self.footnote(volume, number, note),
            None => self.document_numbered(volume, number),
        }
    }

    /// The TEI that frus-ld writes for a document, as a resource that
    /// annotations can point into.
    pub fn tei(&self, doc: &Document) -> String {
        format!(
            "{}tei/{}/d{}",
            self.base,
            doc.volume.as_deref().unwrap_or("unknown-volume"),
            doc.number
        )
    }

    /// The text a document was read from, as a resource of the store.
    pub fn source(&self, doc: &Document) -> String {
        format!(
            "{}source/{}/d{}",
            self.base,
            doc.volume.as_deref().unwrap_or("unknown-volume"),
            doc.number
        )
    }

    /// The store's graph for descriptions that many documents share.
    pub fn shared_graph(&self) -> String {
        format!("{}graph/shared", self.base)
    }

    pub fn volume(&self, volume: &str) -> String {
        format!("{HSG}{volume}")
    }

    /// An entity minted from its kind and a key: `person/dulles`.
    pub fn entity(&self, kind: &str, key: &str) -> String {
        format!("{}{kind}/{}", self.base, slug(key))
    }
}

/// A lower-case, hyphen-separated key: "Embassy in Japan" → `embassy-in-japan`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' && c != '.' {
            dash = true;
        }
    }
    out
}

/// Folds common accented Latin letters to ASCII for keys.
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' | 'ø' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'Á' | 'À' | 'Â' | 'Ä' => 'A',
        'É' | 'È' => 'E',
        'Ó' | 'Ö' => 'O',
        'Ü' | 'Ú' => 'U',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_keys() {
        assert_eq!(slug("Embassy in Japan"), "embassy-in-japan");
        assert_eq!(slug("MacArthur, Douglas, II"), "macarthur-douglas-ii");
        assert_eq!(slug("Shigemitsu Mamoru’s"), "shigemitsu-mamorus");
        assert_eq!(slug("Department of State, U.S."), "department-of-state-us");
        assert_eq!(slug("Kōno"), "kono");
    }

    #[test]
    fn base_gets_a_slash() {
        assert_eq!(
            Iris::new("http://example.org/x").entity("person", "Dulles"),
            "http://example.org/x/person/dulles"
        );
    }
}
