//! Readers: turn a source form into the [`crate::model::Document`].
//!
//! Only the FRUS web text (both of the forms history.state.gov shows) is read
//! for now; other forms get a module of their own beside it.

pub mod frus_text;
pub mod heading;
pub mod markers;
pub mod source_note;

pub use frus_text::{read, read_file, ReadOptions};
