//! Writers: read the [`crate::model::Document`], never change it.

pub mod nquads;
pub mod rdf;
pub mod tei;
pub(crate) mod xml;
