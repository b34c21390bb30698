//! The vocabularies frus-ld writes and reads: their namespaces, and their
//! terms as [`NamedNode`]s (`schema("name")` is `schema:name`).

use crate::iri::VOCAB;
use oxigraph::model::NamedNode;

pub const SCHEMA: &str = "http://schema.org/";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const RICO: &str = "https://www.ica.org/standards/RiC/ontology#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const GEO: &str = "http://www.opengis.net/ont/geosparql#";
pub const WD: &str = "http://www.wikidata.org/entity/";
/// The datatype of EDTF (ISO 8601-2) literals, for ranges and uncertain dates.
pub const EDTF: &str = "http://id.loc.gov/datatypes/edtf/EDTF";

/// A node of a full IRI, known to be valid.
pub fn iri(iri: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(iri.into())
}

/// A namespace and a local name, joined without the formatting machinery
/// (a document's graph names some thousand terms).
fn term(namespace: &str, local: &str) -> NamedNode {
    let mut s = String::with_capacity(namespace.len() + local.len());
    s.push_str(namespace);
    s.push_str(local);
    NamedNode::new_unchecked(s)
}

/// A term of schema.org.
pub fn schema(local: &str) -> NamedNode {
    term(SCHEMA, local)
}

/// A term of Dublin Core.
pub fn dcterms(local: &str) -> NamedNode {
    term(DCTERMS, local)
}

/// A term of RiC-O.
pub fn rico(local: &str) -> NamedNode {
    term(RICO, local)
}

/// A term of PROV-O.
pub fn prov(local: &str) -> NamedNode {
    term(PROV, local)
}

/// A term of the Web Annotation vocabulary.
pub fn oa(local: &str) -> NamedNode {
    term(OA, local)
}

/// A term of frus-ld's own vocabulary (`vocab/frus-ld.ttl`).
pub fn fl(local: &str) -> NamedNode {
    term(VOCAB, local)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_join_namespace_and_local_name() {
        assert_eq!(schema("name").as_str(), "http://schema.org/name");
        assert_eq!(dcterms("title").as_str(), "http://purl.org/dc/terms/title");
        assert_eq!(oa("hasBody").as_str(), "http://www.w3.org/ns/oa#hasBody");
        assert_eq!(fl("rule").as_str(), format!("{VOCAB}rule"));
    }
}
