//! The `frus-ld` command line: a thin layer over the library.

use anyhow::{anyhow, bail, Context, Result};
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use frus_ld::authority;
use frus_ld::extract::{self, Knowledge};
use frus_ld::iri::{Iris, DEFAULT_BASE};
use frus_ld::load::{BulkWriter, DEFAULT_BATCH_QUADS, DEFAULT_COMMIT_QUADS};
use frus_ld::model::Document;
use frus_ld::output::write_atomic;
use frus_ld::reader::{self, ReadOptions};
use frus_ld::store::{self, ResultFormat};
use frus_ld::volume;
use frus_ld::writer::{rdf, tei};
use oxigraph::model::{NamedNode, Quad};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc: conversion allocates many small strings and triples on every
/// core, where it is markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "frus-ld",
    version,
    about = "Turns FRUS documents (Foreign Relations of the United States) into TEI P5 and linked data",
    long_about = "Turns FRUS documents (Foreign Relations of the United States), as history.state.gov shows \
them as text, into TEI P5 XML and RDF, and loads the RDF into an embedded Oxigraph store that answers SPARQL.",
    after_help = "Example:\n  frus-ld convert examples/frus-demo/d1.txt --to tei\n  frus-ld load examples/frus-demo\n  frus-ld query 'SELECT * WHERE { ?d <http://schema.org/sender> ?s } LIMIT 5'"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert FRUS text files to TEI or RDF.
    #[command(
        after_help = "Examples:\n  frus-ld convert d11.txt --to tei --volume frus1958-60v18 > d11.tei.xml\n  frus-ld convert d*.txt --to turtle -o out/   (one out/dN.ttl per input)"
    )]
    Convert(ConvertArgs),
    /// Load FRUS text files (converted on the way) and RDF files into the store.
    #[command(
        after_help = "The store is one named graph per document; loading a document again replaces its graph.\n\
Default store: $FRUS_LD_STORE, else $XDG_DATA_HOME/frus-ld/store, else ~/.local/share/frus-ld/store.\n\n\
Examples:\n  frus-ld load corpus/frus1958-60v18 --persons corpus/frus1958-60v18/persons.tsv\n  frus-ld load extra.ttl --store /tmp/store"
    )]
    Load(LoadArgs),
    /// Serve the store over HTTP: SPARQL at /query, graphs at /store, OAI-PMH at /oai, a query page at /.
    #[command(
        after_help = "The server binds to 127.0.0.1 unless --bind says otherwise and is read-only unless\n\
started with --allow-update, which takes the bearer token for writes from the environment\n\
variable FRUS_LD_TOKEN (never from the command line).\n\n\
Examples:\n  frus-ld serve\n  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query"
    )]
    Serve(ServeArgs),
    /// Send the store's graphs (or those of FRUS text and RDF files) to a SPARQL 1.1 Graph Store endpoint.
    #[command(
        after_help = "One PUT a graph (?graph=IRI, N-Triples), retried on connection errors and server\n\
errors, then a summary; the exit status is non-zero when a graph failed.\n\
Credentials come from the environment, never from the command line: FRUS_LD_PUSH_TOKEN (a bearer\n\
token), or FRUS_LD_PUSH_USER and FRUS_LD_PUSH_PASSWORD (HTTP Basic).\n\n\
Examples:\n  frus-ld push --endpoint http://127.0.0.1:7878/store\n  frus-ld push --endpoint http://localhost:3030/frus/data --graph-per-document corpus/frus1958-60v18 --volume frus1958-60v18"
    )]
    Push(PushArgs),
    /// Ask the store a SPARQL query.
    #[command(
        after_help = "SELECT and ASK print a table by default, or SPARQL results in JSON, CSV, TSV or XML;\n\
CONSTRUCT and DESCRIBE print Turtle.\n\n\
Example:\n  frus-ld query -f examples/queries/who-wrote-to-whom.rq\n  frus-ld query 'ASK { ?d a <http://schema.org/Message> }' --format json"
    )]
    Query(QueryArgs),
    /// Compact the store: merge the files a bulk load leaves, at once.
    #[command(
        after_help = "A bulk load leaves the store's files partly merged; RocksDB merges the rest in the background\n\
of whatever opens the store next (serve, query), and a query meanwhile looks each term up in many\n\
files. This merges them all now (Oxigraph's optimize, which it advises after a bulk load);\n\
`load --optimize` does it at the end of a load. What it changes depends on the store: on 10,000\n\
generated documents it took 21 s and made listing queries about twice as fast; on 100,000 loaded\n\
without annotations it took 47 s and left the store 45% smaller. RocksDB puts a merged file in\n\
place only once it is complete, so an interrupted compaction leaves the store whole.\n\n\
Example:\n  frus-ld optimize --store /tmp/store"
    )]
    Optimize(OptimizeArgs),
    /// Export what the store holds for archives and aggregators: BagIt, CMIF, EAD3 and EAC-CPF.
    #[command(
        after_help = "Exports read the store only (the default store unless --store names one), all of it\n\
or one --volume. Directories are built beside their target and moved into place when complete;\n\
an existing non-empty directory is refused. SOURCE_DATE_EPOCH, when set, gives the export date.\n\n\
Examples:\n  frus-ld export --bag frus1958-60v18-bag --volume frus1958-60v18\n  \
frus-ld export --cmif frus.xml --url https://example.org/cmif/frus.xml\n  \
frus-ld export --ead frus1958-60v18.ead.xml --eac agents/ --volume frus1958-60v18"
    )]
    Export(ExportArgs),
}

#[derive(Args, Clone)]
struct DocOptions {
    /// The FRUS volume the documents belong to (e.g. frus1958-60v18); fixes their IRIs.
    /// Without it, a folder named like a volume gives it.
    #[arg(long, value_name = "ID")]
    volume: Option<String>,
    /// The volume's List of Persons (TSV: id, name, description).
    #[arg(long, value_name = "TSV")]
    persons: Option<PathBuf>,
    /// The volume's List of Abbreviations (TSV: id, name, description).
    #[arg(long, value_name = "TSV")]
    terms: Option<PathBuf>,
    /// The base under which frus-ld mints IRIs for persons, places, organizations.
    #[arg(long, value_name = "IRI", default_value = DEFAULT_BASE)]
    base_iri: String,
    /// Leave out the Web Annotation of each mention (its words, its place in the TEI, the rule
    /// that found it): about half the quads. Documents still link to every entity they
    /// mention (schema:mentions), and the TEI is unchanged.
    #[arg(long)]
    no_annotations: bool,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum To {
    Tei,
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Rdfxml,
    /// JSON-LD (its context: vocab/context.jsonld's prefixes).
    Jsonld,
    /// The document model, for debugging and for other tools.
    Json,
}

impl To {
    fn extension(self) -> &'static str {
        match self {
            To::Tei => "tei.xml",
            To::Turtle => "ttl",
            To::Ntriples => "nt",
            To::Nquads => "nq",
            To::Trig => "trig",
            To::Rdfxml => "rdf",
            To::Jsonld => "jsonld",
            To::Json => "json",
        }
    }
}

#[derive(Args)]
struct ConvertArgs {
    /// FRUS documents as text (dN.txt or dN.alt.txt), or folders of them
    /// (walked; of the two web forms of a document, dN.alt.txt is taken).
    #[arg(required = true, value_name = "FILE|DIR")]
    files: Vec<PathBuf>,
    /// What to write; several, comma-separated, need -o DIR (e.g. --to tei,nquads).
    #[arg(long, value_enum, default_value = "tei", value_delimiter = ',')]
    to: Vec<To>,
    /// Where to write: a file for one input, a directory for several (default: standard output for one input).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(flatten)]
    doc: DocOptions,
    #[command(flatten)]
    batch: BatchOptions,
}

#[derive(Args, Clone)]
struct BatchOptions {
    /// No progress bar: one summary line at the end.
    #[arg(short, long)]
    quiet: bool,
    /// Write the failures, one JSON object a line (file, line, error), to this file.
    #[arg(long, value_name = "FILE.jsonl")]
    report: Option<PathBuf>,
}

#[derive(Args)]
struct LoadArgs {
    /// FRUS text files, RDF files (.ttl .nt .nq .trig), or directories of them.
    #[arg(required = true, value_name = "FILE|DIR")]
    inputs: Vec<PathBuf>,
    /// The store directory.
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
    #[command(flatten)]
    doc: DocOptions,
    #[command(flatten)]
    batch: BatchOptions,
    /// Quads held in memory before they are written through the bulk loader.
    #[arg(long, default_value_t = DEFAULT_BATCH_QUADS, value_name = "N")]
    batch_quads: usize,
    /// Quads the bulk loader takes before they enter the store and the
    /// catalog. Smaller commits lose less to an interruption, larger ones
    /// load faster.
    #[arg(long, default_value_t = DEFAULT_COMMIT_QUADS, value_name = "N")]
    commit_quads: usize,
    /// Compact the store at the end, as `frus-ld optimize` does.
    #[arg(long)]
    optimize: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// The store directory.
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    bind: String,
    /// Accept SPARQL updates and Graph Store writes from clients that send the
    /// bearer token of the environment variable FRUS_LD_TOKEN.
    #[arg(long)]
    allow_update: bool,
    /// Longest a query may run, in seconds.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    timeout: u64,
    /// Most results a query may return.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    max_results: usize,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    max_body: usize,
    /// Send Access-Control-Allow-Origin with this value (e.g. '*').
    #[arg(long, value_name = "ORIGIN")]
    cors: Option<String>,
    /// Records (or headers) on one page of an OAI-PMH list at /oai.
    #[arg(long, default_value_t = 100, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000))]
    oai_page_size: u64,
    /// The OAI-PMH repository's name, as Identify gives it.
    #[arg(long, default_value = frus_ld::server::DEFAULT_REPOSITORY_NAME, value_name = "NAME")]
    oai_repository_name: String,
    /// The e-mail address of the OAI-PMH repository's administrator, as Identify gives it.
    #[arg(long, default_value = frus_ld::server::DEFAULT_ADMIN_EMAIL, value_name = "ADDRESS")]
    oai_admin_email: String,
}

#[derive(Args)]
struct PushArgs {
    /// The Graph Store Protocol endpoint (Oxigraph: http://HOST:7878/store; Fuseki: http://HOST:3030/DATASET/data).
    #[arg(long, value_name = "URL")]
    endpoint: String,
    /// The store to push (the default store unless files are given).
    #[arg(long, value_name = "DIR", conflicts_with = "inputs")]
    store: Option<PathBuf>,
    /// FRUS text files (converted on the way), RDF files (.ttl .nt .nq .trig), or directories of
    /// them, to push instead of a store: their graphs are those `load` would give them.
    #[arg(value_name = "FILE|DIR")]
    inputs: Vec<PathBuf>,
    /// Each document's graph also carries what it uses from the shared graph (names, roles,
    /// places, volumes), so that it stands alone; the shared graph is not sent by itself.
    #[arg(long)]
    graph_per_document: bool,
    /// Attempts after the first on a connection error or a server error (5xx).
    #[arg(long, default_value_t = 4, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=20))]
    retries: u32,
    /// Longest one request may take, in seconds.
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    timeout: u64,
    #[command(flatten)]
    doc: DocOptions,
}

#[derive(Args)]
struct OptimizeArgs {
    /// The store directory.
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
}

#[derive(Args)]
struct QueryArgs {
    /// The SPARQL query.
    #[arg(
        value_name = "QUERY",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    query: Option<String>,
    /// Read the query from a file.
    #[arg(short, long, value_name = "FILE.rq")]
    file: Option<PathBuf>,
    /// The store directory.
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
    /// How to print results.
    #[arg(long, value_enum, default_value = "table")]
    format: ResultFormat,
}

#[derive(Args)]
#[command(group(ArgGroup::new("format").required(true).args(["bag", "cmif", "ead"])))]
struct ExportArgs {
    /// Write a BagIt 1.0 package (RFC 8493) of sources, TEI and RDF (N-Quads) into this
    /// directory, which must not exist or be empty.
    #[arg(long, value_name = "DIR")]
    bag: Option<PathBuf>,
    /// Write the letters, telegrams and memoranda as CMIF, correspSearch's
    /// Correspondence Metadata Interchange Format.
    #[arg(long, value_name = "FILE")]
    cmif: Option<PathBuf>,
    /// The CMIF file's own address (its idno type="url"); default: the base IRI's
    /// cmif/ followed by the file's name.
    #[arg(long, value_name = "URL", requires = "cmif")]
    url: Option<String>,
    /// Write an EAD3 finding aid of a volume (the volume a collection, documents items).
    #[arg(long, value_name = "FILE")]
    ead: Option<PathBuf>,
    /// With --ead: an EAC-CPF record of each person of the volume, one file each,
    /// into this directory, which must not exist or be empty.
    #[arg(long, value_name = "DIR", requires = "ead")]
    eac: Option<PathBuf>,
    /// The store directory.
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
    /// Export only this volume (e.g. frus1958-60v18).
    #[arg(long, value_name = "ID")]
    volume: Option<String>,
}

/// A conversion keeps the memory it frees for the next document. By
/// default mimalloc gives freed pages back to the system a second later,
/// and taking them again costs a page fault and the zeroing of the page
/// (often a 2 MB huge page): 30,000 to 44,000 faults in a conversion of
/// 10,000 documents, against some 770 with them kept, at the same peak.
/// Not for `load` or `push`, whose bulk loader's threads come and go:
/// with nothing given back, a load of 100,000 documents peaked at 2.2 GB
/// instead of 1.3 GB.
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc.h (the same in versions 2 and 3);
    // -1: never purge
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets a process-wide option of the allocator, at the start of
    // `main` before any worker thread exists; it takes no pointers
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, Command::Convert(_)) {
        keep_freed_memory();
    }
    let result = match cli.command {
        Command::Convert(a) => convert(a),
        Command::Load(a) => load(a),
        Command::Query(a) => query(a),
        Command::Optimize(a) => optimize(a),
        Command::Serve(a) => serve(a),
        Command::Push(a) => push(a),
        Command::Export(a) => export(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("frus-ld: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// What every document conversion needs, checked once.
struct Context_ {
    read: ReadOptions,
    iris: Iris,
    graph: rdf::GraphOptions,
    knowledge: Knowledge,
    /// Lists were given on the command line: a folder's own lists are not used.
    lists_given: bool,
}

fn context(o: &DocOptions) -> Result<Context_> {
    let persons = o
        .persons
        .as_deref()
        .map(authority::read_list)
        .transpose()?
        .unwrap_or_default();
    let terms = o
        .terms
        .as_deref()
        .map(authority::read_list)
        .transpose()?
        .unwrap_or_default();
    oxigraph::model::NamedNode::new(&o.base_iri)
        .map_err(|e| anyhow!("--base-iri {}: {e}", o.base_iri))?;
    Ok(Context_ {
        read: ReadOptions {
            volume: o.volume.clone(),
        },
        iris: Iris::new(&o.base_iri),
        graph: rdf::GraphOptions {
            annotations: !o.no_annotations,
        },
        knowledge: Knowledge::new(persons, terms),
        lists_given: o.persons.is_some() || o.terms.is_some(),
    })
}

/// Reads a document and adds its entities.
fn read(path: &Path, cx: &Context_) -> Result<Document> {
    let mut doc = reader::read_file(path, &cx.read)?;
    let own = folder_knowledge(std::slice::from_ref(&path.to_path_buf()), cx);
    extract::enrich(&mut doc, own.as_ref().unwrap_or(&cx.knowledge));
    Ok(doc)
}

/// Reads several documents; those of one volume are dated against each
/// other before their entities are found. Failures stay in place.
fn read_batch(paths: &[PathBuf], cx: &Context_) -> Vec<(PathBuf, Result<Document>)> {
    let own = folder_knowledge(paths, cx);
    let knowledge = own.as_ref().unwrap_or(&cx.knowledge);
    let mut docs: Vec<(PathBuf, Result<Document>)> = paths
        .par_iter()
        .map(|p| {
            (
                p.clone(),
                reader::read_file(p, &cx.read).map_err(anyhow::Error::from),
            )
        })
        .collect();
    let mut volumes: Vec<Option<String>> = docs
        .iter()
        .filter_map(|(_, d)| d.as_ref().ok().map(|d| d.volume.clone()))
        .collect();
    volumes.sort();
    volumes.dedup();
    for v in volumes {
        let mut group: Vec<&mut Document> = docs
            .iter_mut()
            .filter_map(|(_, d)| d.as_mut().ok())
            .filter(|d| d.volume == v)
            .collect();
        volume::infer_dates(&mut group);
    }
    docs.par_iter_mut().for_each(|(_, d)| {
        if let Ok(d) = d {
            extract::enrich(d, knowledge);
        }
    });
    docs
}

/// A volume folder's own List of Persons and List of Abbreviations
/// (`persons.tsv`, `terms.tsv` beside the documents), unless lists were given.
/// A list that cannot be read is reported and left out.
fn folder_knowledge(paths: &[PathBuf], cx: &Context_) -> Option<Knowledge> {
    if cx.lists_given {
        return None;
    }
    let dir = paths.first()?.parent()?;
    let list = |name: &str| {
        let p = dir.join(name);
        if !p.is_file() {
            return Vec::new();
        }
        authority::read_list(&p).unwrap_or_else(|e| {
            eprintln!(
                "frus-ld: {e:#}; the documents of {} are read without it",
                dir.display()
            );
            Vec::new()
        })
    };
    let (persons, terms) = (list("persons.tsv"), list("terms.tsv"));
    if persons.is_empty() && terms.is_empty() {
        return None;
    }
    Some(Knowledge::new(persons, terms))
}

fn render(doc: &Document, to: To, cx: &Context_) -> Result<Vec<u8>> {
    Ok(match to {
        To::Tei => tei::write(doc, &cx.iris),
        To::Json => {
            let mut v = serde_json::to_vec_pretty(doc)?;
            v.push(b'\n');
            v
        }
        _ => {
            let syntax = match to {
                To::Turtle => rdf::Syntax::Turtle,
                To::Ntriples => rdf::Syntax::NTriples,
                To::Nquads => rdf::Syntax::NQuads,
                To::Trig => rdf::Syntax::TriG,
                To::Jsonld => rdf::Syntax::JsonLd,
                _ => rdf::Syntax::RdfXml,
            };
            rdf::serialize(&[rdf::graph_with(doc, &cx.iris, cx.graph)], syntax)
        }
    })
}

/// The output name for an input: `d11.alt.txt` → `d11.alt.ttl`.
fn output_name(input: &Path, to: To) -> PathBuf {
    let stem = input
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem = stem.strip_suffix(".txt").unwrap_or(&stem);
    PathBuf::from(format!("{stem}.{}", to.extension()))
}

fn convert(a: ConvertArgs) -> Result<ExitCode> {
    let cx = context(&a.doc)?;
    let mut formats = a.to.clone();
    formats.dedup();
    let single = a.files.len() == 1 && a.files[0].is_file();
    if single && formats.len() == 1 && a.output.as_ref().is_none_or(|o| !o.is_dir()) {
        let doc = read(&a.files[0], &cx)?;
        let bytes = render(&doc, formats[0], &cx)?;
        match &a.output {
            Some(o) => write_atomic(o, &bytes)?,
            None => std::io::stdout().lock().write_all(&bytes)?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let dir = a
        .output
        .as_ref()
        .ok_or_else(|| anyhow!("several inputs or several formats: give -o DIR for the outputs"))?;
    // each file with the folder, under -o, its outputs go to: a folder
    // given as input is mirrored, so that volumes keep apart
    let mut inputs: Vec<(PathBuf, PathBuf)> = Vec::new();
    for i in &a.files {
        if i.is_dir() {
            for f in one_form_each(collect_inputs(std::slice::from_ref(i))?) {
                if f.extension().is_some_and(|e| e == "txt") {
                    let rel = f
                        .parent()
                        .and_then(|p| p.strip_prefix(i).ok())
                        .map(Path::to_path_buf)
                        .unwrap_or_default();
                    inputs.push((f, rel));
                }
            }
        } else {
            inputs.push((i.clone(), PathBuf::new()));
        }
    }
    let files: Vec<PathBuf> = inputs.iter().map(|(f, _)| f.clone()).collect();
    let out_dir: std::collections::HashMap<&PathBuf, PathBuf> =
        inputs.iter().map(|(f, rel)| (f, dir.join(rel))).collect();
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create directory", dir.display()))?;

    let mut batch = frus_ld::batch::Batch::new(
        "converted",
        &files,
        a.batch.quiet,
        a.batch.report.as_deref(),
    );
    // two inputs must not write the same output
    let mut owner: std::collections::BTreeMap<PathBuf, &PathBuf> =
        std::collections::BTreeMap::new();
    for f in &files {
        owner
            .entry(out_dir[f].join(output_name(f, formats[0])))
            .or_insert(f);
    }
    for group in volume_groups(&files) {
        let results: Vec<(PathBuf, Result<()>)> = read_batch(group, &cx)
            .into_par_iter()
            .map(|(f, doc)| {
                let out = &out_dir[&f];
                let name = out.join(output_name(&f, formats[0]));
                if owner.get(&name).is_some_and(|o| **o != f) {
                    let first = owner[&name].display().to_string();
                    return (f, Err(anyhow!("{} would be written by {first} too; give the inputs separate -o directories", name.display())));
                }
                let r = doc.and_then(|doc| {
                    std::fs::create_dir_all(out)
                        .with_context(|| format!("{}: cannot create directory", out.display()))?;
                    for &to in &formats {
                        let bytes = render(&doc, to, &cx)?;
                        write_atomic(&out.join(output_name(&f, to)), &bytes)?;
                    }
                    Ok(())
                });
                (f, r)
            })
            .collect();
        for (f, r) in results {
            batch.record(&f, r);
        }
    }
    let failed = batch.finish()?;
    if failed > 0 {
        bail!("{failed} of {} documents failed", files.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// Files under the inputs that `load` takes, in a stable order.
fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(i)
                .with_context(|| format!("{}: cannot read directory", i.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            for e in entries {
                if e.is_dir() {
                    out.extend(collect_inputs(&[e])?);
                } else if is_loadable(&e) {
                    out.push(e);
                }
            }
        } else if i.exists() {
            out.push(i.clone());
        } else {
            bail!("{}: no such file or directory", i.display());
        }
    }
    Ok(out)
}

/// Of both web forms of one document, the one with the dateline
/// (`dN.alt.txt`) is kept.
fn one_form_each(mut files: Vec<PathBuf>) -> Vec<PathBuf> {
    let alts: std::collections::BTreeSet<PathBuf> = files
        .iter()
        .filter(|f| f.to_string_lossy().ends_with(".alt.txt"))
        .map(|f| PathBuf::from(f.to_string_lossy().replace(".alt.txt", ".txt")))
        .collect();
    files.retain(|f| !alts.contains(f));
    files
}

fn is_loadable(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    [".txt", ".ttl", ".nt", ".nq", ".trig"]
        .iter()
        .any(|x| name.ends_with(x))
}

fn load(a: LoadArgs) -> Result<ExitCode> {
    let cx = context(&a.doc)?;
    let files = one_form_each(collect_inputs(&a.inputs)?);
    let path = a.store.clone().unwrap_or_else(store::default_location);
    let st = store::open(&path)?;
    let statistics = frus_ld::statistics::statistics_graph(cx.iris.base());
    // until the counts are made again, the store says they may be stale
    let change = frus_ld::statistics::Change::begin(&st)?;
    let reference_added = store::load_reference_data(&st, cx.iris.base())?;
    let (texts, rdf_files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .iter()
        .cloned()
        .partition(|f| f.extension().is_some_and(|e| e == "txt"));
    let mut batch =
        frus_ld::batch::Batch::new("loaded", &files, a.batch.quiet, a.batch.report.as_deref());
    let mut writer = BulkWriter::new(&st, cx.iris.base(), a.batch_quads, a.commit_quads)?;
    for group in volume_groups(&texts) {
        let graphs: Vec<(PathBuf, Result<DocumentQuads>)> = read_batch(group, &cx)
            .into_par_iter()
            .map(|(f, doc)| {
                let r = doc.and_then(|doc| document_quads(&f, &doc, &cx));
                (f, r)
            })
            .collect();
        for (f, r) in graphs {
            let r = r.and_then(|(name, quads, digest)| {
                writer.add_digested_graph(name, quads, digest).map(drop)
            });
            batch.record(&f, r);
        }
    }
    for f in &rdf_files {
        let r = store::file_graph(f, cx.iris.base()).and_then(|g| writer.load_file(f, g));
        batch.record(f, r);
    }
    let loaded = writer.finish()?;
    let stats = loaded.stats;
    // the counts that aggregate queries read, for the store as it now is:
    // kept when the load wrote nothing into a store whose counts were
    // current; brought up to date from the graphs it touched when they are
    // a thirtieth of the catalog or less; otherwise made again. (At 100,000
    // documents, bringing the counts up to date took about 3.6 ms a graph
    // touched and counting everything again about 12.5 s: they meet near
    // 3,500 graphs.)
    let counted = if change.current().contains(&statistics)
        && reference_added == 0
        && stats.graphs_written == 0
        && stats.quads == 0
    {
        change.keep()?;
        "counts unchanged".to_string()
    } else {
        let touched = (reference_added == 0 && loaded.touched.len() * 30 <= loaded.graphs)
            .then_some(loaded.touched.as_slice());
        let counted = change.update(&statistics, touched)?;
        if counted.from_touched {
            format!(
                "{} entities counted (from the {} graphs touched)",
                counted.entities,
                loaded.touched.len()
            )
        } else {
            format!("{} entities counted", counted.entities)
        }
    };
    let failed = batch.finish()?;
    eprintln!(
        "{} graphs written, {} unchanged, {} quads written, {counted}, in the store at {}",
        stats.graphs_written,
        stats.graphs_unchanged,
        stats.quads,
        path.display()
    );
    if a.optimize {
        compact(&st, &path, a.batch.quiet)?;
    }
    if failed > 0 {
        bail!("{failed} of {} files failed to load", files.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// A document's graph name and its quads.
type DocumentQuads = (NamedNode, Vec<Quad>, String);

/// A document's graph as the store holds it: its RDF, its TEI and the text
/// it was read from.
fn document_quads(path: &Path, doc: &Document, cx: &Context_) -> Result<DocumentQuads> {
    let mut g = rdf::graph_with(doc, &cx.iris, cx.graph);
    rdf::attach_tei(&mut g, doc, &tei::write(doc, &cx.iris), &cx.iris);
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    rdf::attach_source(&mut g, doc, &name, &text, &cx.iris);
    let name = g.name.clone();
    let quads: Vec<Quad> = g.into_quads().collect();
    let digest = frus_ld::load::graph_digest(&name, &quads);
    Ok((name, quads, digest))
}

/// Documents are read a folder at a time (a folder is a volume), so that
/// volume-level work sees all of a volume while memory holds no more than
/// one; a folder of more than `VOLUME_CHUNK` files is read in chunks.
const VOLUME_CHUNK: usize = 2000;

fn volume_groups(files: &[PathBuf]) -> Vec<&[PathBuf]> {
    let mut groups = Vec::new();
    let mut start = 0;
    for i in 1..=files.len() {
        if i == files.len()
            || files[i].parent() != files[start].parent()
            || i - start >= VOLUME_CHUNK
        {
            if i > start {
                groups.push(&files[start..i]);
            }
            start = i;
        }
    }
    groups
}

fn serve(a: ServeArgs) -> Result<ExitCode> {
    let path = a.store.clone().unwrap_or_else(store::default_location);
    let update_token = if a.allow_update {
        let t = std::env::var("FRUS_LD_TOKEN").map_err(|_| {
            anyhow!("--allow-update needs a token in the environment variable FRUS_LD_TOKEN")
        })?;
        if t.len() < 8 {
            bail!("FRUS_LD_TOKEN is too short: use at least 8 characters");
        }
        Some(t)
    } else {
        None
    };
    let email = &a.oai_admin_email;
    let valid_email = email.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !email.chars().any(char::is_whitespace)
    });
    if !valid_email {
        bail!("--oai-admin-email {email}: not an e-mail address");
    }
    let st = if a.allow_update {
        store::open(&path)?
    } else {
        store::open_existing(&path)?
    };
    frus_ld::server::serve(
        st,
        frus_ld::server::Config {
            bind: a.bind,
            update_token,
            timeout: std::time::Duration::from_secs(a.timeout),
            max_results: a.max_results,
            max_body: a.max_body,
            cors: a.cors,
            threads: 4,
            oai_page_size: a.oai_page_size as usize,
            oai_repository_name: a.oai_repository_name,
            oai_admin_email: a.oai_admin_email,
            ..Default::default()
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

fn push(a: PushArgs) -> Result<ExitCode> {
    use frus_ld::push::{Credentials, Layout, Options, Pusher};
    let credentials = Credentials::from_env()?;
    let cx = context(&a.doc)?;
    let shared = oxigraph::model::NamedNode::new(cx.iris.shared_graph())?;
    let mut pusher = Pusher::new(Options {
        endpoint: a.endpoint.clone(),
        credentials,
        retries: a.retries,
        backoff: std::time::Duration::from_millis(250),
        timeout: std::time::Duration::from_secs(a.timeout.max(1)),
    })?;
    let scratch = tempfile::Builder::new().prefix("frus-ld-push-").tempdir()?;
    let st = if a.inputs.is_empty() {
        let path = a.store.clone().unwrap_or_else(store::default_location);
        store::open_read_only(&path)?
    } else {
        // the files' graphs as `load` would store them, in a temporary
        // store (the bulk loader needs one on disk); nothing is sent unless
        // every file could be read
        let st = store::open(scratch.path())?;
        store::load_reference_data(&st, cx.iris.base())?;
        let files = one_form_each(collect_inputs(&a.inputs)?);
        let (texts, rdf_files): (Vec<PathBuf>, Vec<PathBuf>) = files
            .into_iter()
            .partition(|f| f.extension().is_some_and(|e| e == "txt"));
        let mut failed = 0;
        let mut writer = BulkWriter::new(
            &st,
            cx.iris.base(),
            DEFAULT_BATCH_QUADS,
            DEFAULT_COMMIT_QUADS,
        )?;
        for group in volume_groups(&texts) {
            for (f, doc) in read_batch(group, &cx) {
                let r = doc.and_then(|doc| document_quads(&f, &doc, &cx)).and_then(
                    |(name, quads, digest)| {
                        writer.add_digested_graph(name, quads, digest).map(drop)
                    },
                );
                if let Err(e) = r {
                    eprintln!("frus-ld: {}: {e:#}", f.display());
                    failed += 1;
                }
            }
        }
        for f in &rdf_files {
            let r = store::file_graph(f, cx.iris.base()).and_then(|g| writer.load_file(f, g));
            if let Err(e) = r {
                eprintln!("frus-ld: {}: {e:#}", f.display());
                failed += 1;
            }
        }
        writer.finish()?;
        if failed > 0 {
            bail!("{failed} files could not be read; nothing was pushed");
        }
        st
    };
    let layout = if a.graph_per_document {
        Layout::GraphPerDocument
    } else {
        Layout::AsStored
    };
    let r = frus_ld::push::plan(&st, layout, &shared, |g| pusher.push(g));
    let s = &pusher.summary;
    eprintln!(
        "pushed {} graphs, {} triples to {}; {} failed",
        s.graphs,
        s.triples,
        a.endpoint,
        s.failed.len()
    );
    r?;
    if !s.failed.is_empty() {
        bail!("{} graphs failed", s.failed.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn query(a: QueryArgs) -> Result<ExitCode> {
    let sparql = match (&a.query, &a.file) {
        (Some(q), _) => q.clone(),
        (None, Some(f)) => {
            std::fs::read_to_string(f).with_context(|| format!("{}: cannot read", f.display()))?
        }
        (None, None) => bail!("give a query or -f FILE"),
    };
    let path = a.store.clone().unwrap_or_else(store::default_location);
    let st = store::open_existing(&path)?;
    let mut out = Vec::new();
    store::query(&st, &sparql, a.format, &mut out).map_err(|e| match &a.file {
        Some(f) => anyhow!("{}: {e:#}", f.display()),
        None => e,
    })?;
    std::io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn optimize(a: OptimizeArgs) -> Result<ExitCode> {
    let path = a.store.clone().unwrap_or_else(store::default_location);
    let st = store::open_existing(&path)?;
    compact(&st, &path, false)?;
    Ok(ExitCode::SUCCESS)
}

/// Compacts the store at `path`, saying how long it took unless `quiet`.
fn compact(st: &oxigraph::store::Store, path: &Path, quiet: bool) -> Result<()> {
    let started = std::time::Instant::now();
    if !quiet {
        eprintln!("compacting the store at {} …", path.display());
    }
    store::optimize(st).with_context(|| format!("{}: cannot compact the store", path.display()))?;
    if !quiet {
        eprintln!(
            "compacted the store at {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

fn export(a: ExportArgs) -> Result<ExitCode> {
    use frus_ld::export::{self as ex, bag, cmif, ead};
    let path = a.store.clone().unwrap_or_else(store::default_location);
    let st = ex::open_store(&path)?;
    let sel = ex::Selection::read(&st, a.volume.as_deref(), &path)?;
    let date = ex::export_date()?;
    if let Some(dir) = &a.bag {
        let s = bag::write(&st, &sel, dir, date)?;
        eprintln!(
            "bag of {} documents ({} source texts, {} TEI, {} payload files, {} bytes) at {}",
            s.documents,
            s.sources,
            s.tei,
            s.files,
            s.bytes,
            dir.display()
        );
    } else if let Some(file) = &a.cmif {
        let url = match &a.url {
            Some(u) => ex::check_url(u)?,
            None => ex::default_cmif_url(&st, file)?,
        };
        let xml = cmif::write(&sel, &url, date);
        write_atomic(file, &xml)?;
        let n = sel
            .docs
            .iter()
            .filter(|d| cmif::is_correspondence(d))
            .count();
        eprintln!(
            "{n} letters, telegrams and memoranda of {} documents in {}",
            sel.docs.len(),
            file.display()
        );
    } else if let Some(file) = &a.ead {
        let xml = ead::write_ead(&sel, date)?;
        let vol = ead::the_volume(&sel)?.id.clone();
        let items = sel.docs.len();
        match &a.eac {
            Some(dir) => {
                let records = ead::write_eac(&st, &sel, date)?;
                // the records are staged first, so that a refused directory writes nothing
                let staged = ead::stage_eac_dir(&records, dir)?;
                write_atomic(file, &xml)?;
                staged.commit()?;
                eprintln!(
                    "finding aid of {vol} ({items} items) in {}; {} EAC-CPF records in {}",
                    file.display(),
                    records.len(),
                    dir.display()
                );
            }
            None => {
                write_atomic(file, &xml)?;
                eprintln!("finding aid of {vol} ({items} items) in {}", file.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
