//! N-Quads and N-Triples written straight into a byte buffer.
//!
//! The bytes are those of Oxigraph's own serializers (`oxttl`), which
//! format every term through `Display` and write a literal a character at a
//! time; here IRIs are copied whole and a literal in runs between the
//! characters that need escaping. A document's N-Quads are about 65 times
//! its text, so this is where conversion spends much of its time.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, LiteralRef, NamedOrBlankNodeRef, QuadRef, TermRef, TripleRef};
use std::io::Write;

/// Appends one quad as a line of N-Quads; a quad of the default graph is a
/// line of N-Triples.
pub fn write_quad(q: QuadRef<'_>, out: &mut Vec<u8>) {
    write_terms(q.subject, q.predicate.as_str(), q.object, out);
    match q.graph_name {
        GraphNameRef::NamedNode(g) => {
            out.extend_from_slice(b" <");
            out.extend_from_slice(g.as_str().as_bytes());
            out.push(b'>');
        }
        GraphNameRef::BlankNode(b) => {
            let _ = write!(out, " {b}");
        }
        GraphNameRef::DefaultGraph => {}
    }
    out.extend_from_slice(b" .\n");
}

/// Appends one triple as a line of N-Triples.
pub fn write_triple(t: TripleRef<'_>, out: &mut Vec<u8>) {
    write_terms(t.subject, t.predicate.as_str(), t.object, out);
    out.extend_from_slice(b" .\n");
}

/// Subject, predicate and object, separated by spaces.
fn write_terms(s: NamedOrBlankNodeRef<'_>, p: &str, o: TermRef<'_>, out: &mut Vec<u8>) {
    match s {
        NamedOrBlankNodeRef::NamedNode(n) => write_iri(n.as_str(), out),
        other => {
            let _ = write!(out, "{other}");
        }
    }
    out.push(b' ');
    write_iri(p, out);
    out.push(b' ');
    match o {
        TermRef::NamedNode(n) => write_iri(n.as_str(), out),
        TermRef::Literal(l) => write_literal(l, out),
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

fn write_iri(iri: &str, out: &mut Vec<u8>) {
    out.push(b'<');
    out.extend_from_slice(iri.as_bytes());
    out.push(b'>');
}

fn write_literal(l: LiteralRef<'_>, out: &mut Vec<u8>) {
    write_quoted(l.value(), out);
    if let Some(language) = l.language() {
        out.push(b'@');
        out.extend_from_slice(language.as_bytes());
    } else if l.datatype() != xsd::STRING {
        out.extend_from_slice(b"^^");
        write_iri(l.datatype().as_str(), out);
    }
}

/// A string between double quotes, escaped as N-Triples wants (and as
/// `oxrdf` does): the named escapes, `\uXXXX` for other control characters
/// and for the noncharacters U+FFFE and U+FFFF.
fn write_quoted(value: &str, out: &mut Vec<u8>) {
    let bytes = value.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escape: Option<&[u8]> = match b {
            0x08 => Some(b"\\b"),
            b'\t' => Some(b"\\t"),
            b'\n' => Some(b"\\n"),
            0x0C => Some(b"\\f"),
            b'\r' => Some(b"\\r"),
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            0x00..=0x1F | 0x7F => Some(&[]),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                Some(&[])
            }
            _ => None,
        };
        let Some(escape) = escape else {
            i += 1;
            continue;
        };
        out.extend_from_slice(&bytes[run..i]);
        if escape.is_empty() {
            let (c, len) = if b == 0xEF {
                (0xFFFE + u32::from(bytes[i + 2] - 0xBE), 3)
            } else {
                (u32::from(b), 1)
            };
            let _ = write!(out, "\\u{c:04X}");
            i += len;
        } else {
            out.extend_from_slice(escape);
            i += 1;
        }
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfSerializer};
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    /// What Oxigraph's N-Quads serializer writes for the quad.
    fn oxigraph_line(q: &Quad) -> Vec<u8> {
        let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
        w.serialize_quad(q).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn lines_are_those_of_oxigraphs_serializer() {
        let s = NamedNode::new_unchecked("https://example.org/d1#m1");
        let p = NamedNode::new_unchecked("http://schema.org/text");
        let g = GraphName::NamedNode(NamedNode::new_unchecked("https://example.org/d1"));
        let objects: Vec<oxigraph::model::Term> = vec![
            s.clone().into(),
            Literal::new_simple_literal("plain").into(),
            Literal::new_simple_literal("").into(),
            Literal::new_simple_literal("quote \" back\\slash\ttab\nline\rcr\u{8}\u{c}").into(),
            Literal::new_simple_literal("ctl \u{0}\u{1}\u{1f}\u{7f} end").into(),
            Literal::new_simple_literal("non\u{fffe}char\u{ffff}s \u{fffd} kept").into(),
            Literal::new_simple_literal("Tōkyō — “MacArthur” 日本 😀").into(),
            Literal::new_language_tagged_literal_unchecked("Letter", "en").into(),
            Literal::new_typed_literal("1958-04-18", xsd::DATE).into(),
            Literal::from(11_i64).into(),
            Literal::from(true).into(),
        ];
        for o in objects {
            for graph in [g.clone(), GraphName::DefaultGraph] {
                let q = Quad::new(s.clone(), p.clone(), o.clone(), graph);
                let mut mine = Vec::new();
                write_quad(q.as_ref(), &mut mine);
                assert_eq!(
                    String::from_utf8_lossy(&mine),
                    String::from_utf8_lossy(&oxigraph_line(&q)),
                    "{q}"
                );
            }
        }
    }
}
