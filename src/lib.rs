//! frus-ld: FRUS documents to TEI P5 and linked data.
//!
//! The pipeline, one module a stage:
//!
//! ```text
//! reader (web text) ──► model::Document ──► extract (entities, dates) ──► writer::tei (TEI P5)
//!                                                                     └──► writer::rdf (RDF) ──► store
//! ```
//!
//! Readers build the model; writers only read it; the store only sees RDF.

pub mod authority;
pub mod base64;
pub mod batch;
pub mod dates;
pub mod error;
pub mod export;
pub mod extract;
pub mod iri;
pub mod load;
pub mod model;
pub mod output;
pub mod pattern;
pub mod push;
pub mod reader;
pub mod server;
pub mod statistics;
pub mod store;
pub mod vocab;
pub mod volume;
pub mod writer;

/// frus-ld's own RDF vocabulary (`vocab/frus-ld.ttl`).
pub const VOCABULARY: &str = include_str!("../vocab/frus-ld.ttl");
