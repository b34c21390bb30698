//! Loading many graphs into the store: Oxigraph's bulk loader in bounded
//! batches, and a catalog that says which graphs are completely loaded.
//!
//! Graphs are written in three steps: (1) one transaction clears the graphs
//! a batch replaces and removes their catalog entries; (2) the bulk loader
//! takes the batch's quads and writes them into files beside the store;
//! (3) when the loader has taken enough quads (a *commit*), it takes the
//! catalog entries of their graphs too, and its files enter the store all
//! at once: a graph and its entry appear together or not at all (RocksDB
//! takes in the files of every index in one step). A batch bounds the memory a load holds; a
//! commit bounds the work an interruption loses, and fewer commits load
//! faster (each commit waits for RocksDB to take its files in). A load that is
//! interrupted leaves the graphs of its last commit unwritten, or a graph
//! cleared in step 1 absent; running it again writes them. A graph whose content digest is already in the
//! catalog is not written again, so loading the same input twice gives the
//! same store, catalog dates included.
//!
//! The catalog lives in its own graph, `{base}graph/catalog`:
//!
//! ```text
//! <{base}catalog/…> a fl:CatalogEntry ;
//!     fl:entryFor <graph> ;
//!     fl:contentDigest "sha256:…" ;
//!     dcterms:modified "2026-12-01T07:00:00Z"^^xsd:dateTime .
//! ```
//!
//! `dcterms:modified` changes only when a graph's content does; it is the
//! datestamp that harvesters (OAI-PMH) select on.

use crate::iri::slug;
use crate::vocab::{dcterms, fl};
use anyhow::{anyhow, Context, Result};
use oxigraph::io::RdfParser;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{Store, Transaction};
use sha2::{Digest, Sha256};
use std::io::BufReader;
use std::path::Path;

/// Quads a batch holds before it is handed to the bulk loader; the loader
/// sorts and writes one batch on each of its threads while the next is
/// made.
pub const DEFAULT_BATCH_QUADS: usize = 250_000;

/// The memory Oxigraph's bulk loader is told to keep to: half a gigabyte,
/// which on 2 threads makes its batches about as large as ours.
const LOADER_MEGABYTES: usize = 512;

/// The memory of the loader of an RDF file, which streams the file in one
/// bulk load with no batches of ours: with 512 MB it loaded the N-Quads of
/// 10,000 documents (8.9 million quads) in 42 to 46 s, with 1 GB in 32 s,
/// at a peak of 0.7 and 1.0 GB (Oxigraph's own loader: 41 s, 1.8 GB).
const FILE_LOADER_MEGABYTES: usize = 1024;

/// Quads the bulk loader takes before they are committed into the store:
/// an interruption loses at most this much work (some 7,000 documents).
pub const DEFAULT_COMMIT_QUADS: usize = 50_000_000;

/// What a load did.
#[derive(Debug, Default, Clone, Copy)]
pub struct LoadStats {
    /// Graphs written (new or changed).
    pub graphs_written: usize,
    /// Graphs whose content was already in the store.
    pub graphs_unchanged: usize,
    /// Quads written.
    pub quads: usize,
}

/// What [`BulkWriter::finish`] reports.
#[derive(Debug)]
pub struct Loaded {
    pub stats: LoadStats,
    /// The graphs whose content the load may have altered, in name order.
    pub touched: Vec<NamedNode>,
    /// The graphs the store's catalog lists after the load (the documents'
    /// and the files' graphs it loaded).
    pub graphs: usize,
}

/// The digest of a graph's content: SHA-256 over its quads in N-Quads, in
/// the order given.
#[derive(Default, Clone)]
pub struct GraphDigest {
    hash: Sha256,
    /// The line of the quad being added.
    line: Vec<u8>,
}

impl GraphDigest {
    pub fn add(&mut self, q: &Quad) {
        // the quad without its graph name: the digest is of the content
        self.line.clear();
        crate::writer::nquads::write_triple(
            oxigraph::model::TripleRef::new(&q.subject, &q.predicate, &q.object),
            &mut self.line,
        );
        self.hash.update(&self.line);
    }

    pub fn finish(self) -> String {
        let bytes = self.hash.finalize();
        let mut s = String::with_capacity(7 + 64);
        s.push_str("sha256:");
        for b in bytes {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}

/// The digest of the quads of `quads` that are in `graph`.
pub fn graph_digest(graph: &NamedNode, quads: &[Quad]) -> String {
    let mut digest = GraphDigest::default();
    for q in quads {
        if q.graph_name.as_ref() == GraphNameRef::NamedNode(graph.as_ref()) {
            digest.add(q);
        }
    }
    digest.finish()
}

/// The catalog graph of a store whose IRIs are minted under `base`.
pub fn catalog_graph(base: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{base}graph/catalog"))
}

/// The shared graph, which loads add to but never replace.
pub fn shared_graph(base: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{base}graph/shared"))
}

fn modified() -> NamedNode {
    dcterms("modified")
}

/// The time now, as the catalog records when a graph's content changed.
fn now() -> Literal {
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    Literal::new_typed_literal(now, xsd::DATE_TIME)
}

/// The quads of every catalog entry that names `graph`, in the catalog
/// graph `catalog`, or in any (the server knows no base).
fn catalog_entries_of(
    t: &Transaction<'_>,
    graph: &NamedNode,
    catalog: Option<&NamedNode>,
) -> Result<Vec<Quad>> {
    let mut quads = Vec::new();
    for e in t.quads_for_pattern(
        None,
        Some(fl("entryFor").as_ref()),
        Some(graph.as_ref().into()),
        catalog.map(|c| GraphNameRef::NamedNode(c.as_ref())),
    ) {
        let e = e?;
        for q in t.quads_for_pattern(
            Some(e.subject.as_ref()),
            None,
            None,
            Some(e.graph_name.as_ref()),
        ) {
            quads.push(q?);
        }
    }
    Ok(quads)
}

/// In a transaction that removes or replaces `graph`: its catalog entries
/// (in the catalog graph `catalog`, or in any) go with it.
pub fn remove_catalog_entries(
    t: &mut Transaction<'_>,
    graph: &NamedNode,
    catalog: Option<&NamedNode>,
) -> Result<()> {
    for q in catalog_entries_of(t, graph, catalog)? {
        t.remove(&q);
    }
    Ok(())
}

/// In a transaction that has changed `graph` other than by a load (through
/// the server), after the change: when the graph is gone its catalog
/// entries go with it; otherwise they lose their digest, so that the next
/// load of its document writes it again rather than take it for unchanged,
/// and record that its content changed now (the datestamp of its OAI-PMH
/// record).
pub fn catalog_entries_changed(t: &mut Transaction<'_>, graph: &NamedNode) -> Result<()> {
    if !t.contains_named_graph(graph)? {
        return remove_catalog_entries(t, graph, None);
    }
    let (entry_for, digest, modified) = (fl("entryFor"), fl("contentDigest"), modified());
    let now = now();
    for q in catalog_entries_of(t, graph, None)? {
        if q.predicate == digest || q.predicate == modified {
            t.remove(&q);
        } else if q.predicate == entry_for {
            t.insert(QuadRef::new(&q.subject, &modified, &now, &q.graph_name));
        }
    }
    Ok(())
}

/// Writes graphs into a store in bounded batches through the bulk loader.
pub struct BulkWriter<'a> {
    store: &'a Store,
    base: String,
    catalog: NamedNode,
    shared: NamedNode,
    now: Literal,
    max_quads: usize,
    commit_quads: usize,
    /// Graphs of the batch, with their digests.
    graphs: Vec<(NamedNode, String)>,
    quads: Vec<Quad>,
    /// The bulk loader, while it holds quads not yet committed.
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    /// Graphs the loader holds, with their digests, and how many quads.
    pending: Vec<(NamedNode, String)>,
    /// The names of the graphs of the batch and of the loader.
    pending_names: rustc_hash::FxHashSet<NamedNode>,
    pending_quads: usize,
    /// Quads of the shared graph this writer has already taken: every
    /// document repeats the descriptions of the entities it mentions, which
    /// need loading once. Bounded: when full it starts afresh, and a quad
    /// loaded twice is still stored once.
    shared_seen: rustc_hash::FxHashSet<Quad>,
    /// The catalog's digests by graph (`None`: no entry), as far as they
    /// are known, kept up to date. At first each graph's entry is looked up
    /// when the graph comes, so that a load of a few documents into a large
    /// store does not read the whole catalog (4.4 to 5.1 s at 100,000
    /// documents); past [`LOOKUPS_BEFORE_READING`] look-ups the catalog is
    /// read whole, once, since a look-up per document would read a store
    /// whose files multiply as a large load goes on.
    digests: rustc_hash::FxHashMap<NamedNode, Option<String>>,
    /// Whether `digests` holds the whole catalog.
    catalog_read: bool,
    /// Entries looked up so far, and how many before the catalog is read.
    lookups: usize,
    lookups_before_reading: usize,
    /// The graphs whose content a commit may have altered: those written,
    /// every graph an RDF file names, and the shared graph, for the
    /// statistics to be brought up to date from.
    touched: rustc_hash::FxHashSet<NamedNode>,
    stats: LoadStats,
}

/// The catalog entries a [`BulkWriter`] looks up one by one before it reads
/// the whole catalog.
const LOOKUPS_BEFORE_READING: usize = 5_000;

/// The most shared-graph quads a [`BulkWriter`] remembers.
const SHARED_SEEN_MAX: usize = 500_000;

impl<'a> BulkWriter<'a> {
    /// `max_quads` bounds the quads held in memory before they are handed
    /// to the bulk loader, `commit_quads` the quads it takes before they
    /// are committed.
    pub fn new(
        store: &'a Store,
        base: &str,
        max_quads: usize,
        commit_quads: usize,
    ) -> Result<BulkWriter<'a>> {
        let catalog = catalog_graph(base);
        Ok(BulkWriter {
            store,
            base: base.to_string(),
            catalog,
            shared: shared_graph(base),
            now: now(),
            max_quads: max_quads.max(1),
            commit_quads: commit_quads.max(1),
            graphs: Vec::new(),
            quads: Vec::new(),
            loader: None,
            pending: Vec::new(),
            pending_names: Default::default(),
            pending_quads: 0,
            shared_seen: Default::default(),
            digests: Default::default(),
            catalog_read: false,
            lookups: 0,
            lookups_before_reading: LOOKUPS_BEFORE_READING,
            touched: Default::default(),
            stats: LoadStats::default(),
        })
    }

    /// How many catalog entries to look up one by one before the whole
    /// catalog is read (by default [`LOOKUPS_BEFORE_READING`]).
    pub fn with_lookups_before_reading(mut self, lookups: usize) -> Self {
        self.lookups_before_reading = lookups;
        self
    }

    /// The catalog entry of a graph.
    fn entry(&self, graph: &NamedNode) -> NamedNode {
        NamedNode::new_unchecked(format!("{}catalog/{}", self.base, slug(graph.as_str())))
    }

    /// The digest the catalog holds for a graph, if it is completely loaded.
    pub fn stored_digest(&mut self, graph: &NamedNode) -> Result<Option<&str>> {
        if !self.catalog_read && !self.digests.contains_key(graph) {
            if self.lookups < self.lookups_before_reading {
                self.lookups += 1;
                let digest = self.look_up(graph)?;
                self.digests.insert(graph.clone(), digest);
            } else {
                self.read_catalog()?;
            }
        }
        Ok(self.digests.get(graph).and_then(|d| d.as_deref()))
    }

    /// The digest of one graph's catalog entry: none when the entry is not
    /// the graph's or holds other than one digest.
    fn look_up(&self, graph: &NamedNode) -> Result<Option<String>> {
        let entry = self.entry(graph);
        let catalog = GraphNameRef::NamedNode(self.catalog.as_ref());
        let entry_for = fl("entryFor");
        if !self
            .store
            .contains(QuadRef::new(&entry, &entry_for, graph, catalog))?
        {
            return Ok(None);
        }
        let digest = fl("contentDigest");
        let mut held = self.store.quads_for_pattern(
            Some(entry.as_ref().into()),
            Some(digest.as_ref()),
            None,
            Some(catalog),
        );
        Ok(match (held.next().transpose()?, held.next()) {
            (Some(q), None) => match q.object {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            },
            _ => None,
        })
    }

    /// Reads every entry's digest, the two of an entry's four properties
    /// needed, each by its predicate.
    fn read_catalog(&mut self) -> Result<()> {
        let catalog = GraphNameRef::NamedNode(self.catalog.as_ref());
        let mut entry_for = rustc_hash::FxHashMap::default();
        let mut entry_digest = rustc_hash::FxHashMap::default();
        let (entry_for_p, digest_p) = (fl("entryFor"), fl("contentDigest"));
        for q in self
            .store
            .quads_for_pattern(None, Some(entry_for_p.as_ref()), None, Some(catalog))
        {
            let q = q?;
            if let Term::NamedNode(g) = q.object {
                entry_for.insert(q.subject, g);
            }
        }
        for q in self
            .store
            .quads_for_pattern(None, Some(digest_p.as_ref()), None, Some(catalog))
        {
            let q = q?;
            if let Term::Literal(l) = q.object {
                entry_digest.insert(q.subject, l.value().to_string());
            }
        }
        self.digests.clear();
        for (entry, graph) in entry_for {
            if let Some(d) = entry_digest.remove(&entry) {
                self.digests.insert(graph, Some(d));
            }
        }
        self.catalog_read = true;
        Ok(())
    }

    /// The graphs the catalog lists: counted by the store, whose query
    /// engine reads no term out to count them.
    fn catalog_size(&self) -> Result<usize> {
        if self.catalog_read {
            return Ok(self.digests.values().filter(|d| d.is_some()).count());
        }
        let query = format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?entry <{}> ?digest }} }}",
            self.catalog.as_str(),
            fl("contentDigest").as_str()
        );
        let n = match SparqlEvaluator::new()
            .parse_query(&query)?
            .on_store(self.store)
            .execute()?
        {
            QueryResults::Solutions(mut rows) => match rows.next().transpose()? {
                Some(row) => match row.get("n") {
                    Some(Term::Literal(l)) => l.value().parse().ok(),
                    _ => None,
                },
                None => None,
            },
            _ => None,
        };
        n.ok_or_else(|| anyhow!("the catalog could not be counted"))
    }

    /// Adds one graph, named `graph`, whose quads are `quads` (quads in the
    /// shared graph are added to it). Returns whether the graph is written:
    /// false when the catalog already has its content.
    pub fn add_graph(&mut self, graph: NamedNode, quads: Vec<Quad>) -> Result<bool> {
        let digest = graph_digest(&graph, &quads);
        self.add_digested_graph(graph, quads, digest)
    }

    /// [`add_graph`](Self::add_graph) with the digest computed beforehand
    /// ([`graph_digest`]), e.g. on another thread.
    pub fn add_digested_graph(
        &mut self,
        graph: NamedNode,
        quads: Vec<Quad>,
        digest: String,
    ) -> Result<bool> {
        if self.stored_digest(&graph)? == Some(digest.as_str()) {
            self.stats.graphs_unchanged += 1;
            return Ok(false);
        }
        if !self.pending_names.insert(graph.clone()) {
            // a graph given twice: the second replaces the first, which
            // has to be in the store for that
            self.flush()?;
            self.commit()?;
            self.pending_names.insert(graph.clone());
        }
        self.graphs.push((graph, digest));
        for q in quads {
            if matches!(&q.graph_name, GraphName::NamedNode(g) if *g == self.shared) {
                if self.shared_seen.len() >= SHARED_SEEN_MAX {
                    self.shared_seen.clear();
                }
                if !self.shared_seen.insert(q.clone()) {
                    continue;
                }
            }
            self.quads.push(q);
        }
        if self.quads.len() >= self.max_quads {
            self.flush()?;
        }
        Ok(true)
    }

    /// Hands the batch to the bulk loader (after clearing the graphs it
    /// replaces), and commits when the loader holds enough.
    pub fn flush(&mut self) -> Result<()> {
        if self.graphs.is_empty() {
            return Ok(());
        }
        let graphs = std::mem::take(&mut self.graphs);
        let quads = std::mem::take(&mut self.quads);
        let count = quads.len();
        self.clear(&graphs)?;
        self.loader(LOADER_MEGABYTES).load_quads(quads)?;
        self.pending.extend(graphs);
        self.pending_quads += count;
        if self.pending_quads >= self.commit_quads {
            self.commit()?;
        }
        Ok(())
    }

    /// Step 3: the loader takes the catalog entries of its graphs, then
    /// its quads and the entries become visible together.
    pub fn commit(&mut self) -> Result<()> {
        if self.loader.is_none() && self.pending.is_empty() {
            return Ok(());
        }
        // the store's own graphs (shared, catalog) have no entry, and are
        // never cleared
        let graphs: Vec<(NamedNode, String)> = std::mem::take(&mut self.pending)
            .into_iter()
            .filter(|(g, _)| !self.is_store_graph(g))
            .collect();
        let entries = self.catalog_entries(&graphs);
        if !entries.is_empty() {
            self.loader(LOADER_MEGABYTES).load_quads(entries)?;
        }
        if let Some(loader) = self.loader.take() {
            loader
                .commit()
                .map_err(|e| anyhow!("bulk load failed: {e}"))?;
        }
        self.pending_names.clear();
        self.stats.graphs_written += graphs.len();
        if !graphs.is_empty() {
            self.touched.insert(self.shared.clone());
        }
        for (g, digest) in graphs {
            self.touched.insert(g.clone());
            self.digests.insert(g, Some(digest));
        }
        self.stats.quads += std::mem::take(&mut self.pending_quads);
        Ok(())
    }

    /// The bulk loader, started when first needed, with `megabytes` of
    /// memory (batches and files differ; a commit ends a loader).
    fn loader(&mut self, megabytes: usize) -> &mut oxigraph::store::BulkLoader<'a> {
        let store = self.store;
        self.loader.get_or_insert_with(|| {
            store
                .bulk_loader()
                .with_max_memory_size_in_megabytes(megabytes)
        })
    }

    /// Is this one of the store's own graphs, which loads add to (shared)
    /// or keep to themselves (catalog), but never replace?
    fn is_store_graph(&self, g: &NamedNode) -> bool {
        *g == self.shared || *g == self.catalog
    }

    /// Step 1: one transaction clears the graphs and their catalog entries;
    /// a graph the store does not hold has nothing to clear.
    fn clear(&mut self, graphs: &[(NamedNode, String)]) -> Result<()> {
        // a graph with a catalog entry is in the store; one without may be
        // too (written through the server), which one look-up tells: the
        // store's graphs are not all listed, which took 0.7 s at 100,000
        // documents on every load
        let mut stale: Vec<&NamedNode> = Vec::new();
        for (g, _) in graphs {
            if !self.is_store_graph(g)
                && (matches!(self.digests.get(g), Some(Some(_)))
                    || self.store.contains_named_graph(g)?)
            {
                stale.push(g);
            }
        }
        if stale.is_empty() {
            return Ok(());
        }
        let mut t = self.store.start_transaction()?;
        for g in &stale {
            t.clear_graph(GraphNameRef::NamedNode(g.as_ref()))?;
            remove_catalog_entries(&mut t, g, Some(&self.catalog))?;
        }
        t.commit()?;
        for g in stale {
            self.digests.insert(g.clone(), None);
        }
        Ok(())
    }

    /// The catalog entries of `graphs`, for the loader to take with them.
    fn catalog_entries(&self, graphs: &[(NamedNode, String)]) -> Vec<Quad> {
        let c = GraphName::NamedNode(self.catalog.clone());
        let mut quads = Vec::with_capacity(4 * graphs.len());
        for (g, digest) in graphs {
            let s = NamedOrBlankNode::from(self.entry(g));
            quads.push(Quad::new(
                s.clone(),
                rdf::TYPE,
                fl("CatalogEntry"),
                c.clone(),
            ));
            quads.push(Quad::new(s.clone(), fl("entryFor"), g.clone(), c.clone()));
            quads.push(Quad::new(
                s.clone(),
                fl("contentDigest"),
                Literal::new_simple_literal(digest),
                c.clone(),
            ));
            quads.push(Quad::new(s, modified(), self.now.clone(), c.clone()));
        }
        quads
    }

    /// Streams an RDF file into the bulk loader: quads keep their graphs,
    /// triples go into `file_graph`. Every graph the file names is
    /// replaced, except the shared graph, which is added to. The file is
    /// committed on its own, since the graphs it names are known only once
    /// it is read: a graph that two files name is replaced by the second.
    pub fn load_file(&mut self, path: &Path, file_graph: NamedNode) -> Result<()> {
        self.flush()?;
        self.commit()?;
        let format = crate::store::rdf_format_of(path)
            .ok_or_else(|| anyhow!("{}: not an RDF file name", path.display()))?;
        let file = std::fs::File::open(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        // the digests of the graphs left, and of the graph being read: a
        // file's quads come graph after graph, so one comparison a quad
        // finds its digest
        let mut digests: rustc_hash::FxHashMap<NamedNode, GraphDigest> = Default::default();
        let mut current: Option<(NamedNode, GraphDigest)> = None;
        let catalog = self.catalog.clone();
        let mut count = 0usize;
        let parsed = RdfParser::from_format(format)
            .for_reader(BufReader::with_capacity(1 << 20, file))
            .map(|q| -> Result<Option<Quad>> {
                let mut q = q.map_err(|e| anyhow!("{}: {e}", path.display()))?;
                if q.graph_name == GraphName::DefaultGraph {
                    q.graph_name = file_graph.clone().into();
                }
                if let GraphName::NamedNode(g) = &q.graph_name {
                    if *g == catalog {
                        // the store's own bookkeeping is not taken from files
                        return Ok(None);
                    }
                    match &mut current {
                        Some((c, d)) if c == g => d.add(&q),
                        _ => {
                            let mut d = digests.remove(g).unwrap_or_default();
                            d.add(&q);
                            if let Some((c, d)) = current.replace((g.clone(), d)) {
                                digests.insert(c, d);
                            }
                        }
                    }
                }
                count += 1;
                Ok(Some(q))
            })
            .filter_map(Result::transpose);
        // the commit above ended the batches' loader: the file gets its own
        let loaded = self
            .loader(FILE_LOADER_MEGABYTES)
            .load_ok_quads::<anyhow::Error, anyhow::Error>(parsed);
        if let Err(e) = loaded {
            // what the file gave before its error is in this loader alone
            // (its earlier batches as files not yet in the store): dropped
            // uncommitted, it leaves the store as it was
            self.loader = None;
            return Err(e);
        }
        if let Some((c, d)) = current {
            digests.insert(c, d);
        }
        let mut graphs: Vec<(NamedNode, String)> =
            digests.into_iter().map(|(g, d)| (g, d.finish())).collect();
        graphs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // a graph whose content is unchanged keeps its catalog date
        let mut changed = Vec::new();
        for (g, d) in graphs {
            // its quads are loaded again all the same
            self.touched.insert(g.clone());
            if !self.is_store_graph(&g) && self.stored_digest(&g)? == Some(d.as_str()) {
                self.stats.graphs_unchanged += 1;
            } else {
                changed.push((g, d));
            }
        }
        // the file's graphs are known once it is parsed: they are cleared
        // while the loader holds them, which a store on disk allows (an
        // in-memory store would wait on its own lock: files are for stores
        // on disk)
        self.clear(&changed)?;
        self.pending.extend(changed);
        self.pending_quads += count;
        self.commit()
    }

    /// Writes and commits what is left; what the load did, and the graphs
    /// it touched (in name order), of which the store now holds `graphs` in
    /// all.
    pub fn finish(mut self) -> Result<Loaded> {
        self.flush()?;
        self.commit()?;
        let graphs = self.catalog_size()?;
        let mut touched: Vec<NamedNode> = self.touched.into_iter().collect();
        touched.sort_unstable();
        Ok(Loaded {
            stats: self.stats,
            touched,
            graphs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quads(g: &NamedNode, n: usize) -> Vec<Quad> {
        (0..n)
            .map(|k| Quad::new(g.clone(), fl("n"), Literal::from(k as i64), g.clone()))
            .collect()
    }

    #[test]
    fn the_catalog_looked_up_entry_by_entry_or_read_whole_gives_the_same_answers() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let base = "http://example.org/";
        let graphs: Vec<NamedNode> = (0..6)
            .map(|k| NamedNode::new(format!("{base}doc/d{k}")).unwrap())
            .collect();
        let mut w = BulkWriter::new(&store, base, 1000, 1000).unwrap();
        for g in &graphs {
            assert!(w.add_graph(g.clone(), quads(g, 3)).unwrap());
        }
        let loaded = w.finish().unwrap();
        assert_eq!((loaded.stats.graphs_written, loaded.graphs), (6, 6));
        // read whole at once, after two look-ups, or never
        for (round, lookups) in [0, 2, 100].into_iter().enumerate() {
            let mut w = BulkWriter::new(&store, base, 1000, 1000)
                .unwrap()
                .with_lookups_before_reading(lookups);
            for g in &graphs[..4] {
                assert!(!w.add_graph(g.clone(), quads(g, 3)).unwrap(), "{g}");
            }
            // a graph changed: written in place of the old
            let n = 4 + round;
            assert!(w
                .add_graph(graphs[4].clone(), quads(&graphs[4], n))
                .unwrap());
            let loaded = w.finish().unwrap();
            assert_eq!(
                (
                    loaded.stats.graphs_unchanged,
                    loaded.stats.graphs_written,
                    loaded.graphs
                ),
                (4, 1, 6),
                "{lookups}"
            );
            let held = store
                .quads_for_pattern(None, None, None, Some(graphs[4].as_ref().into()))
                .count();
            assert_eq!(held, n, "{lookups}");
        }
    }
}
