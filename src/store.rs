//! The embedded Oxigraph store: loading graphs, answering SPARQL.
//!
//! The store only ever sees RDF. Each document lives in its own named graph
//! (the document's IRI); `crate::load` writes graphs in bulk, and loading a
//! document again replaces its graph.

use anyhow::{anyhow, Context, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the store lives when `--store` is not given: `$FRUS_LD_STORE`,
/// else `$XDG_DATA_HOME/frus-ld/store`, else `~/.local/share/frus-ld/store`.
pub fn default_location() -> PathBuf {
    if let Some(p) = std::env::var_os("FRUS_LD_STORE") {
        return PathBuf::from(p);
    }
    if let Some(p) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(p).join("frus-ld").join("store");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local/share/frus-ld/store"),
        None => PathBuf::from("frus-ld-store"),
    }
}

/// Opens (creating if needed) the store at `path` for writing.
pub fn open(path: &Path) -> Result<Store> {
    if path.exists() && !path.is_dir() {
        return Err(anyhow!(
            "{}: not a directory, cannot hold a store",
            path.display()
        ));
    }
    std::fs::create_dir_all(path)
        .with_context(|| format!("{}: cannot create the store directory", path.display()))?;
    Store::open(path).map_err(|e| anyhow!("{}: cannot open the store: {e}", path.display()))
}

/// Opens an existing store for reading.
pub fn open_existing(path: &Path) -> Result<Store> {
    if !path.is_dir() {
        return Err(anyhow!(
            "{}: no store here (run `frus-ld load` first, or give --store)",
            path.display()
        ));
    }
    Store::open(path).map_err(|e| anyhow!("{}: cannot open the store: {e}", path.display()))
}

/// Opens an existing store for reading only, even while another process
/// (`serve`, `load`) has it open; what that process writes later is not seen.
pub fn open_read_only(path: &Path) -> Result<Store> {
    if !path.is_dir() {
        return Err(anyhow!(
            "{}: no store here (run `frus-ld load` first, or give --store)",
            path.display()
        ));
    }
    Store::open_read_only(path)
        .map_err(|e| anyhow!("{}: cannot open the store: {e}", path.display()))
}

/// Merges the store's files (Oxigraph's optimize), so that a query looks a
/// term up in one file of each index rather than in each file a bulk load
/// left.
pub fn optimize(store: &Store) -> Result<()> {
    store.optimize()?;
    Ok(())
}

/// Adds frus-ld's own vocabulary and authority data (as compiled in) to the
/// shared graph, so that queries can join documents with them. The shared
/// graph also holds the descriptions the documents repeat, so that a query
/// over all graphs sees each fact once. Returns how many of its quads the
/// store did not hold yet (none when this version of frus-ld loaded them
/// before), so that a load can tell whether it changed anything.
pub fn load_reference_data(store: &Store, base: &str) -> Result<usize> {
    let graph = NamedNode::new(format!("{base}graph/shared"))?;
    let mut quads = Vec::new();
    let files = crate::extract::authority::FILES
        .iter()
        .copied()
        .chain(std::iter::once(("frus-ld.ttl", crate::VOCABULARY)));
    for (name, ttl) in files {
        for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
            let t = t.map_err(|e| anyhow!("vocab {name}: {e}"))?;
            quads.push(Quad::new(t.subject, t.predicate, t.object, graph.clone()));
        }
    }
    let mut t = store.start_transaction()?;
    let mut added = 0;
    for q in &quads {
        if !t.contains(q)? {
            t.insert(q);
            added += 1;
        }
    }
    t.commit()?;
    Ok(added)
}

/// The RDF syntax a file name says, if any.
pub fn rdf_format_of(path: &Path) -> Option<RdfFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    RdfFormat::from_extension(&ext)
}

/// The graph that the triples of an RDF file without graphs go into,
/// named after the file.
pub fn file_graph(path: &Path, base: &str) -> Result<NamedNode> {
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(NamedNode::new(format!(
        "{base}graph/{}",
        crate::iri::slug(&name)
    ))?)
}

/// The documents live in named graphs: without `FROM`, a query sees the
/// union of all graphs.
pub fn union_default_graph(prepared: &mut oxigraph::sparql::PreparedSparqlQuery) {
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
}

/// How query results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// A readable table (SELECT, ASK); Turtle for CONSTRUCT and DESCRIBE.
    Table,
    Json,
    Csv,
    Tsv,
    Xml,
}

/// Runs a SPARQL query and writes its results to `out`. Without `FROM`, the
/// default graph is the union of all graphs (every document's graph).
pub fn query(store: &Store, sparql: &str, format: ResultFormat, out: &mut dyn Write) -> Result<()> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(sparql)
        .map_err(|e| anyhow!("malformed SPARQL query: {e}"))?;
    union_default_graph(&mut prepared);
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| anyhow!("query failed: {e}"))?;
    let rformat = match format {
        ResultFormat::Table => None,
        ResultFormat::Json => Some(QueryResultsFormat::Json),
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
    };
    match results {
        QueryResults::Boolean(b) => match rformat {
            Some(f) => {
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut *out, b)?;
            }
            None => writeln!(out, "{}", if b { "yes" } else { "no" })?,
        },
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            match rformat {
                Some(f) => {
                    let mut w = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, vars)?;
                    for s in solutions {
                        w.serialize(&s.map_err(|e| anyhow!("query failed: {e}"))?)?;
                    }
                    w.finish()?;
                }
                None => {
                    let mut rows = Vec::new();
                    for s in solutions {
                        let s = s.map_err(|e| anyhow!("query failed: {e}"))?;
                        rows.push(
                            vars.iter()
                                .map(|v| s.get(v).map(term_cell).unwrap_or_default())
                                .collect::<Vec<_>>(),
                        );
                    }
                    let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                    write_table(out, &header, &rows)?;
                }
            }
        }
        QueryResults::Graph(triples) => {
            let mut ser = oxigraph::io::RdfSerializer::from_format(RdfFormat::Turtle);
            for (p, iri) in crate::writer::rdf::PREFIXES {
                ser = ser.with_prefix(p, iri)?;
            }
            let mut w = ser.for_writer(&mut *out);
            for t in triples {
                w.serialize_triple(&t.map_err(|e| anyhow!("query failed: {e}"))?)?;
            }
            w.finish()?;
        }
    }
    Ok(())
}

/// A term as a table cell: IRIs bare, literals as their text.
fn term_cell(t: &oxigraph::model::Term) -> String {
    match t {
        oxigraph::model::Term::NamedNode(n) => n.as_str().to_string(),
        oxigraph::model::Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

fn write_table(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - width(c))))
            .collect();
        writeln!(out, "| {} |", parts.join(" | "))
    };
    line(out, header)?;
    writeln!(
        out,
        "|{}|",
        widths
            .iter()
            .map(|w| "-".repeat(w + 2))
            .collect::<Vec<_>>()
            .join("|")
    )?;
    for r in rows {
        line(out, r)?;
    }
    writeln!(
        out,
        "{} row{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}
