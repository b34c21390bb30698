//! BagIt 1.0 packages (RFC 8493) of what a store holds.
//!
//! ```text
//! DIR/
//!   bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt
//!   data/source/VOL/dN.alt.txt   the text the document was read from, when the store holds it
//!   data/tei/VOL/dN.xml          the document's TEI
//!   data/rdf/VOL/dN.nq           the document's graph, as N-Quads
//!   data/rdf/shared.nq           descriptions the documents share, vocabulary, authority data
//!   data/rdf/catalog.nq          the catalog entries of the documents, when the store has a catalog
//!   data/rdf/other/NAME.nq       other graphs (exports of the whole store only)
//! ```
//!
//! The statistics graph is left out: its counts are derived from the
//! documents, and loading the bag's RDF recounts them.
//!
//! The bag is built in a temporary directory beside `DIR` and renamed into
//! place once it is complete, so that a failure (a full disk) leaves no
//! half-written bag. Manifests are sorted and N-Quads lines too: the same
//! store gives the same bag, apart from its Bagging-Date.

use super::{graph_quads, nquads, Selection, AGENT, SOURCE_ORGANIZATION};
use crate::vocab::{fl, schema};
use anyhow::{anyhow, bail, Context, Result};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, QuadRef, TermRef};
use oxigraph::store::Store;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a bag holds, for the summary line.
#[derive(Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub sources: usize,
    pub tei: usize,
    pub files: usize,
    pub bytes: u64,
}

/// Refuses a target that exists and is not an empty directory; creates
/// the parent directories of one that does not exist yet.
pub(crate) fn check_target(dir: &Path) -> Result<PathBuf> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!(
                "{}: exists and is not a directory; refusing to overwrite it",
                dir.display()
            );
        }
        let mut entries = std::fs::read_dir(dir)
            .with_context(|| format!("{}: cannot read directory", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{}: exists and is not empty; refusing to overwrite it (remove it or name a new directory)",
                dir.display()
            );
        }
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("{}: cannot create directory", parent.display()))?;
    Ok(parent)
}

/// A directory built in a temporary directory beside its target and
/// renamed into place by [`StagedDir::commit`]; dropped uncommitted, it is
/// removed.
pub struct StagedDir {
    tmp: tempfile::TempDir,
    target: PathBuf,
}

impl StagedDir {
    pub(crate) fn new(target: &Path) -> Result<StagedDir> {
        let parent = check_target(target)?;
        let tmp = tempfile::Builder::new()
            .prefix(".frus-ld-")
            .tempdir_in(&parent)
            .with_context(|| format!("{}: cannot write here", parent.display()))?;
        Ok(StagedDir {
            tmp,
            target: target.to_path_buf(),
        })
    }

    /// Writes `bytes` to `rel` (a relative path with `/`) under the directory.
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.tmp.path().join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)
                .with_context(|| format!("{}: cannot create directory", self.shown(rel)))?;
        }
        let mut f = std::fs::File::create(&path)
            .with_context(|| format!("{}: cannot write", self.shown(rel)))?;
        f.write_all(bytes)
            .and_then(|_| f.flush())
            .with_context(|| format!("{}: cannot write", self.shown(rel)))?;
        Ok(())
    }

    /// The path a file will have once the directory is in place, for messages.
    fn shown(&self, rel: &str) -> String {
        self.target.join(rel).display().to_string()
    }

    /// Moves the finished directory into place.
    pub fn commit(self) -> Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(self.tmp.path(), std::fs::Permissions::from_mode(0o755))
                .with_context(|| format!("{}: cannot set permissions", self.target.display()))?;
        }
        // an empty directory at the target is replaced; anything else makes
        // the rename fail, and the temporary directory is removed
        std::fs::rename(self.tmp.path(), &self.target).with_context(|| {
            format!(
                "{}: cannot move the finished directory into place",
                self.target.display()
            )
        })?;
        // the directory now lives at the target: nothing left to remove
        let _ = self.tmp.keep();
        Ok(())
    }
}

/// The payload as it is written: path, SHA-256 and size of each file.
struct Payload {
    dir: StagedDir,
    files: Vec<(String, String, u64)>,
    used: BTreeSet<String>,
}

impl Payload {
    /// Adds a file under `data/`; a path already taken gets `-2`, `-3`, …
    /// before its extension.
    fn add(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        let rel = self.free_path(rel);
        self.dir.write(&rel, bytes)?;
        self.files
            .push((rel.clone(), sha256_hex(bytes), bytes.len() as u64));
        self.used.insert(rel);
        Ok(())
    }

    fn free_path(&self, rel: &str) -> String {
        if !self.used.contains(rel) {
            return rel.to_string();
        }
        let (stem, ext) = split_extension(rel);
        (2..)
            .map(|i| format!("{stem}-{i}{ext}"))
            .find(|p| !self.used.contains(p))
            .expect("a free name")
    }
}

/// `data/tei/v/d1.xml` → (`data/tei/v/d1`, `.xml`); `d1.alt.txt` keeps `.alt.txt`.
fn split_extension(rel: &str) -> (&str, &str) {
    let name_start = rel.rfind('/').map(|i| i + 1).unwrap_or(0);
    match rel[name_start..].find('.') {
        Some(i) => rel.split_at(name_start + i),
        None => (rel, ""),
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The extension of a source text: `.alt.txt` for the dateline web form
/// (as its file was named), else `.txt`.
fn source_extension(name: Option<&str>) -> &'static str {
    match name {
        Some(n) if n.ends_with(".alt.txt") => ".alt.txt",
        _ => ".txt",
    }
}

/// Writes the bag of the selection to `dir`.
pub fn write(
    store: &Store,
    sel: &Selection,
    dir: &Path,
    date: chrono::NaiveDate,
) -> Result<Summary> {
    let mut p = Payload {
        dir: StagedDir::new(dir)?,
        files: Vec::new(),
        used: BTreeSet::new(),
    };
    let mut summary = Summary {
        documents: sel.docs.len(),
        ..Summary::default()
    };
    // each document's files under a name of its own: its volume and id
    let mut stems = BTreeSet::new();
    let jobs: Vec<(&super::Doc, String, String)> = sel
        .docs
        .iter()
        .map(|d| {
            let vol = d.volume.as_deref().unwrap_or("unknown-volume").to_string();
            let mut id = d.id.clone();
            let mut n = 2;
            while !stems.insert(format!("{vol}/{id}")) {
                id = format!("{}-{n}", d.id);
                n += 1;
            }
            (d, vol, id)
        })
        .collect();
    // documents are read and written in parallel: decoding the store's
    // terms is what takes the time
    let staged = &p.dir;
    let done: Vec<DocFiles> = jobs
        .par_iter()
        .map(|(d, vol, id)| doc_files(store, staged, d, vol, id))
        .collect::<Result<_>>()?;
    for f in done {
        summary.sources += usize::from(f.source);
        summary.tei += usize::from(f.tei);
        for e in f.files {
            p.used.insert(e.0.clone());
            p.files.push(e);
        }
    }
    let selected: BTreeSet<String> = sel.docs.iter().map(|d| d.iri.clone()).collect();

    // the graphs that are not documents' own
    let mut names: Vec<NamedNode> = Vec::new();
    for g in store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g? {
            names.push(n);
        }
    }
    names.sort();
    let message = schema("Message");
    for g in names {
        if selected.contains(g.as_str()) {
            continue;
        }
        let is_document = store.contains(QuadRef::new(
            g.as_ref(),
            rdf::TYPE,
            message.as_ref(),
            GraphNameRef::NamedNode(g.as_ref()),
        ))?;
        if is_document {
            continue; // a document of another volume
        }
        if crate::statistics::is_statistics_graph(&g) {
            // counts derived from the documents, recounted by the `load` of
            // the bag's RDF: not part of what is preserved
            continue;
        }
        if g.as_str().ends_with("/graph/shared") {
            p.add("data/rdf/shared.nq", &nquads(graph_quads(store, &g))?)?;
        } else if g.as_str().ends_with("/graph/catalog") {
            let bytes = if sel.volume.is_some() {
                nquads(catalog_entries(store, &g, &selected)?.into_iter().map(Ok))?
            } else {
                nquads(graph_quads(store, &g))?
            };
            p.add("data/rdf/catalog.nq", &bytes)?;
        } else if sel.volume.is_none() {
            let name = match crate::iri::slug(g.as_str()) {
                s if s.is_empty() => "graph".to_string(),
                s => s,
            };
            p.add(
                &format!("data/rdf/other/{name}.nq"),
                &nquads(graph_quads(store, &g))?,
            )?;
        }
    }
    if sel.volume.is_none() {
        let default: Vec<_> = store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .collect::<Result<_, _>>()?;
        if !default.is_empty() {
            p.add("data/rdf/default.nq", &nquads(default.into_iter().map(Ok))?)?;
        }
    }

    p.files.sort_by(|a, b| a.0.cmp(&b.0));
    summary.files = p.files.len();
    summary.bytes = p.files.iter().map(|f| f.2).sum();

    let bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
    let info = bag_info(sel, &summary, date);
    let manifest: String = p
        .files
        .iter()
        .map(|(path, hash, _)| format!("{hash}  {}\n", encode_path(path)))
        .collect();
    let dir = &p.dir;
    dir.write("bagit.txt", bagit.as_bytes())?;
    dir.write("bag-info.txt", info.as_bytes())?;
    dir.write("manifest-sha256.txt", manifest.as_bytes())?;
    let tags = [
        ("bag-info.txt", info.as_bytes()),
        ("bagit.txt", bagit.as_bytes()),
        ("manifest-sha256.txt", manifest.as_bytes()),
    ];
    let tagmanifest: String = tags
        .iter()
        .map(|(name, bytes)| format!("{}  {name}\n", sha256_hex(bytes)))
        .collect();
    dir.write("tagmanifest-sha256.txt", tagmanifest.as_bytes())?;
    p.dir.commit()?;
    Ok(summary)
}

/// The files of one document: path, SHA-256 and size of each.
struct DocFiles {
    files: Vec<(String, String, u64)>,
    source: bool,
    tei: bool,
}

fn doc_files(
    store: &Store,
    dir: &StagedDir,
    d: &super::Doc,
    vol: &str,
    id: &str,
) -> Result<DocFiles> {
    let mut out = DocFiles {
        files: Vec::new(),
        source: false,
        tei: false,
    };
    let mut add = |rel: String, bytes: &[u8]| -> Result<()> {
        dir.write(&rel, bytes)?;
        out.files.push((rel, sha256_hex(bytes), bytes.len() as u64));
        Ok(())
    };
    if let Some((name, text)) = d.source(store)? {
        add(
            format!(
                "data/source/{vol}/{id}{}",
                source_extension(name.as_deref())
            ),
            text.as_bytes(),
        )?;
        out.source = true;
    }
    if let Some(tei) = d.tei(store)? {
        add(format!("data/tei/{vol}/{id}.xml"), tei.as_bytes())?;
        out.tei = true;
    }
    let g = NamedNode::new(d.iri.clone()).map_err(|e| anyhow!("{}: {e}", d.iri))?;
    add(
        format!("data/rdf/{vol}/{id}.nq"),
        &nquads(graph_quads(store, &g))?,
    )?;
    Ok(out)
}

/// The catalog's entries for the selected documents: every triple of each
/// entry whose `fl:entryFor` is one of them.
fn catalog_entries(
    store: &Store,
    catalog: &NamedNode,
    selected: &BTreeSet<String>,
) -> Result<Vec<oxigraph::model::Quad>> {
    let mut out = Vec::new();
    let entry_for = fl("entryFor");
    for q in store.quads_for_pattern(
        None,
        Some(entry_for.as_ref()),
        None,
        Some(GraphNameRef::NamedNode(catalog.as_ref())),
    ) {
        let q = q?;
        let TermRef::NamedNode(target) = q.object.as_ref() else {
            continue;
        };
        if !selected.contains(target.as_str()) {
            continue;
        }
        for e in store.quads_for_pattern(
            Some(q.subject.as_ref()),
            None,
            None,
            Some(GraphNameRef::NamedNode(catalog.as_ref())),
        ) {
            out.push(e?);
        }
    }
    Ok(out)
}

/// RFC 8493 §2.1.3: CR, LF and `%` in manifest paths are percent-encoded.
fn encode_path(p: &str) -> String {
    p.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn bag_info(sel: &Selection, s: &Summary, date: chrono::NaiveDate) -> String {
    let what = match (&sel.volume, sel.volumes.as_slice()) {
        (Some(_), [v]) => format!("{} ({})", v.title(), v.id),
        (_, [v]) => format!("{} ({})", v.title(), v.id),
        (_, vs) if !vs.is_empty() => format!(
            "Foreign Relations of the United States, {} volumes ({})",
            vs.len(),
            vs.iter()
                .map(|v| v.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => "Foreign Relations of the United States".to_string(),
    };
    let mut info = String::new();
    info.push_str(&format!("Source-Organization: {SOURCE_ORGANIZATION}\n"));
    info.push_str(&format!(
        "External-Description: {what}: {} documents as RDF in N-Quads (one named graph a document, and the graph of the descriptions they share), {} as TEI P5 XML, {} as the source text they were read from\n",
        s.documents, s.tei, s.sources
    ));
    if let [v] = sel.volumes.as_slice() {
        info.push_str(&format!("External-Identifier: {}\n", v.iri));
    }
    info.push_str(&format!("Bagging-Date: {}\n", date.format("%Y-%m-%d")));
    info.push_str(&format!("Bag-Software-Agent: {AGENT}\n"));
    info.push_str(&format!("Payload-Oxum: {}.{}\n", s.bytes, s.files));
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_encoding() {
        assert_eq!(
            split_extension("data/tei/v/d1.xml"),
            ("data/tei/v/d1", ".xml")
        );
        assert_eq!(
            split_extension("data/source/v/d1.alt.txt"),
            ("data/source/v/d1", ".alt.txt")
        );
        assert_eq!(split_extension("data/x/name"), ("data/x/name", ""));
        assert_eq!(encode_path("a%b\nc"), "a%25b%0Ac");
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(source_extension(Some("d1.alt.txt")), ".alt.txt");
        assert_eq!(source_extension(Some("../d1.txt")), ".txt");
        assert_eq!(source_extension(None), ".txt");
    }
}
