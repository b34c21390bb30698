//! `frus-ld serve`: the SPARQL 1.1 Protocol at `/query` (the path Oxigraph's
//! own server uses), the Graph Store Protocol at `/store`, a service
//! description, an OAI-PMH data provider at `/oai`, and a query page at `/`.
//!
//! Read-only unless started with `--allow-update` and a token; every query
//! has a time limit and a result limit; request bodies are limited; one log
//! line a request goes to standard error.

mod oai;
mod page;
mod update;

use crate::statistics::Change;
use crate::store::union_default_graph;
use anyhow::{anyhow, Context, Result};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Read;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response, Server};

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on: `127.0.0.1:7878` unless told otherwise.
    pub bind: String,
    /// The bearer token that `--allow-update` requires for writes; `None`
    /// keeps the server read-only.
    pub update_token: Option<String>,
    /// Longest a query may run.
    pub timeout: Duration,
    /// Most solutions (or triples) a query may return.
    pub max_results: usize,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// `Access-Control-Allow-Origin` to send, if any.
    pub cors: Option<String>,
    /// Worker threads.
    pub threads: usize,
    /// Records (or headers) on one page of an OAI-PMH list.
    pub oai_page_size: usize,
    /// The OAI-PMH repository's name (Identify).
    pub oai_repository_name: String,
    /// The OAI-PMH repository's administrator (Identify).
    pub oai_admin_email: String,
    /// What the server keeps between requests.
    pub state: Arc<State>,
}

/// What the server keeps between requests: the changes made through it
/// (while it serves a store, no other process can write to it, so these are
/// all the changes) and the OAI-PMH catalog read after the last of them.
#[derive(Default)]
pub struct State {
    changes: std::sync::atomic::AtomicU64,
    catalog: std::sync::Mutex<Option<(u64, Arc<oai::Catalog>)>>,
    /// Held by each change with its recount: a recount adds to the counts
    /// what its change did, which another change at the same time would
    /// make wrong.
    writing: std::sync::Mutex<()>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("changes", &self.changes)
            .finish_non_exhaustive()
    }
}

impl State {
    fn changed(&self) {
        self.changes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Before a change: the store's statistics graphs say that their counts
/// may be stale until [`recount`] makes them again, so that a change whose
/// recount fails or never comes is recounted by the next `load`.
fn begin_change(store: &Store) -> Result<Change<'_>, String> {
    Change::begin(store).map_err(|e| format!("{e:#}"))
}

/// After a change: the counts of the store's statistics graphs (written by
/// `load`) are brought up to date, from the named graphs the change
/// `touched` when they are known, so that they stay true to the documents.
/// A failure is reported, not hidden.
///
/// The graphs are those whose counts were current before the change, found
/// by their marks; only when there are none is every graph of the store
/// listed to find them (about 0.7 s at 100,000 documents).
fn recount(change: Change<'_>, store: &Store, touched: Option<&[NamedNode]>) -> Result<(), String> {
    let graphs = if change.current().is_empty() {
        crate::statistics::statistics_graphs(store).map_err(|e| format!("{e:#}"))?
    } else {
        change.current().to_vec()
    };
    for g in graphs {
        change.update(&g, touched).map_err(|e| format!("{e:#}"))?;
    }
    Ok(())
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:7878".into(),
            update_token: None,
            timeout: Duration::from_secs(30),
            max_results: 100_000,
            max_body: 16 * 1024 * 1024,
            cors: None,
            threads: 4,
            oai_page_size: 100,
            oai_repository_name: DEFAULT_REPOSITORY_NAME.into(),
            oai_admin_email: DEFAULT_ADMIN_EMAIL.into(),
            state: Arc::default(),
        }
    }
}

/// The OAI-PMH repository's name unless `--oai-repository-name` says otherwise.
pub const DEFAULT_REPOSITORY_NAME: &str =
    "frus-ld: Foreign Relations of the United States as TEI and linked data";

/// The OAI-PMH administrator unless `--oai-admin-email` says otherwise.
pub const DEFAULT_ADMIN_EMAIL: &str = "oai-admin@example.org";

/// A response before it is sent.
struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn ok(content_type: &str, body: Vec<u8>) -> Self {
        Reply {
            status: 200,
            content_type: content_type.to_string(),
            body,
        }
    }
    fn error(status: u16, message: impl Into<String>) -> Self {
        let mut body = message.into().into_bytes();
        body.push(b'\n');
        Reply {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            body,
        }
    }
}

/// Starts serving `store`; returns only when the listener fails.
pub fn serve(store: Store, config: Config) -> Result<()> {
    let server =
        Server::http(&config.bind).map_err(|e| anyhow!("cannot listen on {}: {e}", config.bind))?;
    eprintln!(
        "frus-ld: serving SPARQL at http://{}/query ({}), the query page at http://{}/",
        config.bind,
        if config.update_token.is_some() {
            "updates allowed with the token"
        } else {
            "read-only"
        },
        config.bind
    );
    run(Arc::new(server), Arc::new(store), Arc::new(config));
    Ok(())
}

/// Serves on an already bound server with a pool of worker threads.
pub fn run(server: Arc<Server>, store: Arc<Store>, config: Arc<Config>) {
    let workers: Vec<_> = (0..config.threads.max(1))
        .map(|_| {
            let (server, store, config) = (server.clone(), store.clone(), config.clone());
            std::thread::spawn(move || {
                while let Ok(rq) = server.recv() {
                    handle(rq, &store, &config);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
}

fn handle(mut rq: Request, store: &Store, config: &Config) {
    let started = Instant::now();
    let method = rq.method().clone();
    let url = rq.url().to_string();
    let reply = route(&mut rq, store, config);
    let (status, len) = (reply.status, reply.body.len());
    let mut response = Response::from_data(reply.body).with_status_code(status);
    response.add_header(header("Content-Type", &reply.content_type));
    if let Some(origin) = &config.cors {
        response.add_header(header("Access-Control-Allow-Origin", origin));
        response.add_header(header(
            "Access-Control-Allow-Headers",
            "Content-Type, Accept, Authorization",
        ));
        response.add_header(header(
            "Access-Control-Allow-Methods",
            "GET, POST, PUT, DELETE, OPTIONS",
        ));
    }
    let _ = rq.respond(response);
    let path = url.split('?').next().unwrap_or("");
    eprintln!(
        "{method} {path} {status} {len} {}ms",
        started.elapsed().as_millis()
    );
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn header_value(rq: &Request, name: &'static str) -> Option<String> {
    rq.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str().to_string())
}

fn params(url: &str) -> Vec<(String, String)> {
    let q = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    form_urlencoded::parse(q.as_bytes()).into_owned().collect()
}

fn param<'a>(ps: &'a [(String, String)], name: &str) -> Option<&'a str> {
    ps.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A dataset's default graphs and named graphs.
type Dataset = (Vec<NamedNode>, Vec<NamedNode>);

/// The dataset that the SPARQL Protocol's parameters give: the graphs of
/// every `default` parameter (`default-graph-uri`, `using-graph-uri`) and
/// of every `named` one (`named-graph-uri`, `using-named-graph-uri`), or a
/// 400 naming the one that is not an IRI.
fn dataset_params(ps: &[(String, String)], default: &str, named: &str) -> Result<Dataset, Reply> {
    let graphs = |name: &str| -> Result<Vec<NamedNode>, Reply> {
        ps.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| {
                NamedNode::new(v.as_str())
                    .map_err(|e| Reply::error(400, format!("bad {name} {v}: {e}")))
            })
            .collect()
    };
    Ok((graphs(default)?, graphs(named)?))
}

fn read_body(rq: &mut Request, config: &Config) -> Result<Vec<u8>, Reply> {
    let mut body = Vec::new();
    rq.as_reader()
        .take(config.max_body as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| Reply::error(400, format!("cannot read the request body: {e}")))?;
    if body.len() > config.max_body {
        return Err(Reply::error(
            413,
            format!("request body over the limit of {} bytes", config.max_body),
        ));
    }
    Ok(body)
}

fn authorized(rq: &Request, config: &Config) -> Result<(), Reply> {
    let Some(token) = &config.update_token else {
        return Err(Reply::error(
            403,
            "this server is read-only (start it with --allow-update and FRUS_LD_TOKEN)",
        ));
    };
    match header_value(rq, "Authorization") {
        Some(v) if v.strip_prefix("Bearer ").is_some_and(|t| t == token) => Ok(()),
        _ => Err(Reply::error(
            401,
            "a valid bearer token is required to change the store",
        )),
    }
}

fn route(rq: &mut Request, store: &Store, config: &Config) -> Reply {
    let url = rq.url().to_string();
    let path = url.split('?').next().unwrap_or("").to_string();
    let ps = params(&url);
    let method = rq.method().clone();
    if method == Method::Options {
        return Reply {
            status: 204,
            content_type: "text/plain".into(),
            body: Vec::new(),
        };
    }
    match (method, path.as_str()) {
        (Method::Get, "/") | (Method::Get, "/index.html") => {
            Reply::ok("text/html; charset=utf-8", page::html().into_bytes())
        }
        (Method::Get, "/query") => match param(&ps, "query") {
            Some(q) => query(store, q, &ps, rq, config),
            None => service_description(rq, config),
        },
        (Method::Post, "/query") => {
            let body = match read_body(rq, config) {
                Ok(b) => b,
                Err(r) => return r,
            };
            let ct = header_value(rq, "Content-Type").unwrap_or_default();
            if ct.starts_with("application/sparql-query") {
                match String::from_utf8(body) {
                    Ok(q) => query(store, &q, &ps, rq, config),
                    Err(_) => Reply::error(400, "the query is not UTF-8"),
                }
            } else if ct.starts_with("application/x-www-form-urlencoded") {
                let form: Vec<(String, String)> =
                    form_urlencoded::parse(&body).into_owned().collect();
                match param(&form, "query") {
                    Some(q) => {
                        let q = q.to_string();
                        let mut all = ps.clone();
                        all.extend(form);
                        query(store, &q, &all, rq, config)
                    }
                    None => Reply::error(400, "no query parameter in the form"),
                }
            } else {
                Reply::error(
                    415,
                    "send application/sparql-query or application/x-www-form-urlencoded",
                )
            }
        }
        (Method::Post, "/update") => {
            if let Err(r) = authorized(rq, config) {
                return r;
            }
            let body = match read_body(rq, config) {
                Ok(b) => b,
                Err(r) => return r,
            };
            let ct = header_value(rq, "Content-Type").unwrap_or_default();
            let mut all = ps.clone();
            let text = if ct.starts_with("application/x-www-form-urlencoded") {
                let form: Vec<(String, String)> =
                    form_urlencoded::parse(&body).into_owned().collect();
                let text = param(&form, "update").unwrap_or_default().to_string();
                all.extend(form);
                text
            } else {
                String::from_utf8_lossy(&body).to_string()
            };
            let mut update = match spargebra::SparqlParser::new().parse_update(&text) {
                Ok(u) => u,
                Err(e) => return Reply::error(400, format!("malformed SPARQL update: {e}")),
            };
            // the dataset of the SPARQL Protocol, for the WHERE of each
            // DELETE/INSERT
            let (defaults, named) =
                match dataset_params(&all, "using-graph-uri", "using-named-graph-uri") {
                    Ok(d) => d,
                    Err(r) => return r,
                };
            if let Err(e) = update::use_dataset(&mut update, defaults, named) {
                return Reply::error(400, e);
            }
            let _writing = config.state.writing.lock();
            let change = match begin_change(store) {
                Ok(c) => c,
                Err(e) => return Reply::error(500, format!("not updated: {e}")),
            };
            match update::execute(store, update) {
                Ok(written) => {
                    config.state.changed();
                    match recount(change, store, update::touched(&written)) {
                        Ok(()) => Reply {
                            status: 204,
                            content_type: "text/plain".into(),
                            body: Vec::new(),
                        },
                        Err(e) => Reply::error(
                            500,
                            format!("updated, but the statistics could not be recounted: {e}"),
                        ),
                    }
                }
                Err(e) => {
                    // nothing was written: the counts are as they were
                    let _ = change.keep();
                    Reply::error(500, format!("update failed, nothing written: {e:#}"))
                }
            }
        }
        (m, "/store") => graph_store(m, rq, store, &ps, config),
        (Method::Get, "/oai") => oai::respond(store, &ps, &oai_base_url(rq, config), config),
        (Method::Post, "/oai") => {
            let body = match read_body(rq, config) {
                Ok(b) => b,
                Err(r) => return r,
            };
            // OAI-PMH arguments come as a form; anything else has none
            let ct = header_value(rq, "Content-Type").unwrap_or_default();
            let mut all = ps.clone();
            if ct.starts_with("application/x-www-form-urlencoded") {
                all.extend(form_urlencoded::parse(&body).into_owned());
            }
            oai::respond(store, &all, &oai_base_url(rq, config), config)
        }
        (Method::Get, "/tei") => tei(store, &ps),
        (_, "/query" | "/update" | "/" | "/tei" | "/oai") => {
            Reply::error(405, "method not allowed here")
        }
        _ => Reply::error(
            404,
            "not found: try / for the query page, /query for SPARQL, /store for graphs",
        ),
    }
}

/// The base URL of the OAI-PMH provider as the client addressed it.
fn oai_base_url(rq: &Request, config: &Config) -> String {
    let host = header_value(rq, "Host")
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or_else(|| config.bind.clone());
    format!("http://{host}/oai")
}

/// The media types a client accepts, in its order of preference.
fn accepted(rq: &Request) -> Vec<String> {
    let mut v: Vec<(f32, usize, String)> = header_value(rq, "Accept")
        .unwrap_or_default()
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut it = part.split(';');
            let media = it.next()?.trim().to_lowercase();
            let q = it
                .filter_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
                .next()
                .unwrap_or(1.0);
            (!media.is_empty()).then_some((q, i, media))
        })
        .collect();
    v.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    v.into_iter().map(|(_, _, m)| m).collect()
}

fn results_format(rq: &Request, ps: &[(String, String)]) -> Option<QueryResultsFormat> {
    if let Some(f) = param(ps, "format") {
        return match f {
            "json" => Some(QueryResultsFormat::Json),
            "xml" => Some(QueryResultsFormat::Xml),
            "csv" => Some(QueryResultsFormat::Csv),
            "tsv" => Some(QueryResultsFormat::Tsv),
            _ => None,
        };
    }
    let acc = accepted(rq);
    if acc.is_empty() {
        return Some(QueryResultsFormat::Json);
    }
    for m in acc {
        let f = match m.as_str() {
            "application/sparql-results+json" | "application/json" | "*/*" | "application/*" => {
                QueryResultsFormat::Json
            }
            "application/sparql-results+xml" | "application/xml" | "text/xml" => {
                QueryResultsFormat::Xml
            }
            "text/csv" => QueryResultsFormat::Csv,
            "text/tab-separated-values" => QueryResultsFormat::Tsv,
            _ => continue,
        };
        return Some(f);
    }
    None
}

fn graph_format(rq: &Request, ps: &[(String, String)]) -> Option<RdfFormat> {
    if let Some(f) = param(ps, "format") {
        return RdfFormat::from_extension(f).or(match f {
            "turtle" => Some(RdfFormat::Turtle),
            "ntriples" => Some(RdfFormat::NTriples),
            "jsonld" => Some(RdfFormat::JsonLd {
                profile: Default::default(),
            }),
            _ => None,
        });
    }
    let acc = accepted(rq);
    if acc.is_empty() {
        return Some(RdfFormat::Turtle);
    }
    for m in acc {
        if matches!(m.as_str(), "*/*" | "text/*") {
            return Some(RdfFormat::Turtle);
        }
        if let Some(f) = RdfFormat::from_media_type(&m) {
            return Some(f);
        }
    }
    None
}

/// Runs a query with a time limit that cancels it.
fn query(
    store: &Store,
    sparql: &str,
    ps: &[(String, String)],
    rq: &Request,
    config: &Config,
) -> Reply {
    let token = CancellationToken::new();
    let mut prepared = match SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .parse_query(sparql)
    {
        Ok(p) => p,
        Err(e) => return Reply::error(400, format!("malformed SPARQL query: {e}")),
    };
    // the dataset of the SPARQL Protocol: the default graph merged from the
    // default-graph-uri graphs, the named graphs those of named-graph-uri
    // (none when only the other is given); without either, every graph is
    // both
    let (defaults, named) = match dataset_params(ps, "default-graph-uri", "named-graph-uri") {
        Ok(d) => d,
        Err(r) => return r,
    };
    if defaults.is_empty() && named.is_empty() {
        union_default_graph(&mut prepared);
    } else {
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(defaults.into_iter().map(Into::into).collect());
        dataset.set_available_named_graphs(named.into_iter().map(Into::into).collect());
    }
    // evaluation runs on its own thread; when the time is up the client gets
    // the time-out error at once and the query is cancelled (Oxigraph stops
    // it at its next check)
    let formats = (results_format(rq, ps), graph_format(rq, ps));
    let (tx, rx) = mpsc::channel();
    {
        let store = store.clone();
        let limit = config.max_results;
        std::thread::spawn(move || {
            let _ = tx.send(evaluate(prepared, &store, formats, limit));
        });
    }
    match rx.recv_timeout(config.timeout) {
        Ok(Ok(r)) => r,
        Ok(Err(e)) if token.is_cancelled() => Reply::error(503, format!("query stopped: {e}")),
        Ok(Err(e)) => Reply::error(500, format!("{e:#}")),
        Err(_) => {
            token.cancel();
            Reply::error(
                503,
                format!(
                    "query stopped: over the time limit of {} s",
                    config.timeout.as_secs()
                ),
            )
        }
    }
}

type Formats = (Option<QueryResultsFormat>, Option<RdfFormat>);

fn evaluate(
    prepared: oxigraph::sparql::PreparedSparqlQuery,
    store: &Store,
    formats: Formats,
    limit: usize,
) -> Result<Reply> {
    let over = || anyhow!("query stopped: more than {limit} results (the server's result limit)");
    match prepared.on_store(store).execute()? {
        QueryResults::Boolean(b) => {
            let Some(f) = formats.0 else {
                return Ok(Reply::error(
                    406,
                    "acceptable: SPARQL results as JSON, XML, CSV or TSV",
                ));
            };
            let body = QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(Vec::new(), b)?;
            Ok(Reply::ok(f.media_type(), body))
        }
        QueryResults::Solutions(solutions) => {
            let Some(f) = formats.0 else {
                return Ok(Reply::error(
                    406,
                    "acceptable: SPARQL results as JSON, XML, CSV or TSV",
                ));
            };
            let vars = solutions.variables().to_vec();
            let mut w = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(Vec::new(), vars)?;
            for (n, s) in solutions.enumerate() {
                if n >= limit {
                    return Err(over());
                }
                w.serialize(&s?)?;
            }
            Ok(Reply::ok(f.media_type(), w.finish()?))
        }
        QueryResults::Graph(triples) => {
            let Some(f) = formats.1 else {
                return Ok(Reply::error(
                    406,
                    "acceptable: Turtle, N-Triples, RDF/XML or JSON-LD",
                ));
            };
            let mut ser = RdfSerializer::from_format(f);
            for (p, iri) in crate::writer::rdf::PREFIXES {
                ser = ser.with_prefix(p, iri)?;
            }
            let mut w = ser.for_writer(Vec::new());
            for (n, t) in triples.enumerate() {
                if n >= limit {
                    return Err(over());
                }
                w.serialize_triple(&t?)?;
            }
            Ok(Reply::ok(f.media_type(), w.finish()?))
        }
    }
}

fn service_description(rq: &Request, config: &Config) -> Reply {
    let host = header_value(rq, "Host").unwrap_or_else(|| config.bind.clone());
    let body = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
         @prefix fmt: <http://www.w3.org/ns/formats/> .\n\n\
         <http://{host}/query#service> a sd:Service ;\n\
         \x20   sd:endpoint <http://{host}/query> ;\n\
         \x20   sd:supportedLanguage sd:SPARQL11Query{} ;\n\
         \x20   sd:feature sd:UnionDefaultGraph, sd:BasicFederatedQuery ;\n\
         \x20   sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV, fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:RDF_XML, fmt:JSON-LD .\n",
        if config.update_token.is_some() { ", sd:SPARQL11Update" } else { "" }
    );
    Reply::ok("text/turtle", body.into_bytes())
}

/// The SPARQL 1.1 Graph Store HTTP Protocol: GET a graph; with updates
/// allowed, PUT (replace), POST (add) and DELETE.
fn graph_store(
    method: Method,
    rq: &mut Request,
    store: &Store,
    ps: &[(String, String)],
    config: &Config,
) -> Reply {
    let graph = match (param(ps, "graph"), ps.iter().any(|(k, _)| k == "default")) {
        (Some(g), _) => match NamedNode::new(g) {
            Ok(n) => Some(n),
            Err(e) => return Reply::error(400, format!("bad graph IRI {g}: {e}")),
        },
        (None, true) => None,
        (None, false) => return Reply::error(400, "give ?graph=IRI or ?default"),
    };
    let name = match &graph {
        Some(n) => GraphNameRef::NamedNode(n.as_ref()),
        None => GraphNameRef::DefaultGraph,
    };
    match method {
        Method::Get | Method::Head => {
            if let Some(n) = &graph {
                if !store.contains_named_graph(n).unwrap_or(false) {
                    return Reply::error(404, format!("no graph {n}"));
                }
            }
            let Some(f) = graph_format(rq, ps).filter(|f| !f.supports_datasets()) else {
                return Reply::error(406, "acceptable: Turtle, N-Triples, RDF/XML or JSON-LD");
            };
            let mut ser = RdfSerializer::from_format(f);
            for (p, iri) in crate::writer::rdf::PREFIXES {
                ser = ser.with_prefix(p, iri).expect("valid prefix");
            }
            let mut w = ser.for_writer(Vec::new());
            for q in store.quads_for_pattern(None, None, None, Some(name)) {
                match q {
                    Ok(q) => {
                        let t =
                            oxigraph::model::TripleRef::new(&q.subject, &q.predicate, &q.object);
                        if w.serialize_triple(t).is_err() {
                            return Reply::error(500, "cannot serialize");
                        }
                    }
                    Err(e) => return Reply::error(500, format!("{e}")),
                }
            }
            match w.finish() {
                Ok(body) => Reply::ok(f.media_type(), body),
                Err(e) => Reply::error(500, format!("{e}")),
            }
        }
        Method::Put | Method::Post | Method::Delete => {
            if let Err(r) = authorized(rq, config) {
                return r;
            }
            let body = match read_body(rq, config) {
                Ok(b) => b,
                Err(r) => return r,
            };
            let _writing = config.state.writing.lock();
            let change = match begin_change(store) {
                Ok(c) => c,
                Err(e) => return Reply::error(500, format!("not changed: {e}")),
            };
            let result = change_graph(store, &method, name, rq, &body);
            config.state.changed();
            // only the named graph can have changed (the default graph holds
            // nothing that is counted)
            let touched: Vec<NamedNode> = match name {
                GraphNameRef::NamedNode(n) => vec![n.into_owned()],
                _ => Vec::new(),
            };
            if let Err(e) = recount(change, store, Some(&touched)) {
                return Reply::error(
                    500,
                    format!("changed, but the statistics could not be recounted: {e}"),
                );
            }
            match result {
                Ok(status) => Reply {
                    status,
                    content_type: "text/plain".into(),
                    body: Vec::new(),
                },
                Err(e) => Reply::error(400, format!("{e:#}")),
            }
        }
        _ => Reply::error(405, "method not allowed here"),
    }
}

fn change_graph(
    store: &Store,
    method: &Method,
    name: GraphNameRef<'_>,
    rq: &Request,
    body: &[u8],
) -> Result<u16> {
    let existed = match name {
        GraphNameRef::NamedNode(n) => store.contains_named_graph(n)?,
        _ => true,
    };
    let mut t = store.start_transaction()?;
    if *method == Method::Delete {
        if !existed {
            return Ok(404);
        }
        match name {
            GraphNameRef::NamedNode(n) => {
                t.remove_named_graph(n)?;
                crate::load::catalog_entries_changed(&mut t, &n.into_owned())?;
            }
            _ => t.clear_graph(name)?,
        }
        t.commit()?;
        return Ok(204);
    }
    let ct = header_value(rq, "Content-Type").unwrap_or_else(|| "text/turtle".into());
    let media = ct.split(';').next().unwrap_or("").trim();
    let format = RdfFormat::from_media_type(media)
        .ok_or_else(|| anyhow!("unsupported Content-Type {media}"))?;
    if *method == Method::Put {
        t.clear_graph(name)?;
    }
    if let GraphNameRef::NamedNode(n) = name {
        t.insert_named_graph(n);
        crate::load::catalog_entries_changed(&mut t, &n.into_owned())?;
    }
    for triple in RdfParser::from_format(format).for_slice(body) {
        let q = triple.context("invalid RDF in the request body")?;
        t.insert(oxigraph::model::QuadRef::new(
            &q.subject,
            &q.predicate,
            &q.object,
            name,
        ));
    }
    t.commit()?;
    Ok(if existed { 204 } else { 201 })
}

/// The TEI of a loaded document, as frus-ld wrote it.
fn tei(store: &Store, ps: &[(String, String)]) -> Reply {
    let Some(doc) = param(ps, "doc") else {
        return Reply::error(400, "give ?doc=IRI of a document");
    };
    let Ok(d) = NamedNodeRef::new(doc) else {
        return Reply::error(400, "not an IRI");
    };
    let q = format!(
        "SELECT ?t WHERE {{ GRAPH <{d}> {{ ?x <http://schema.org/about> <{d}> ; <http://schema.org/encodingFormat> \"application/tei+xml\" ; <http://schema.org/text> ?t }} }}",
        d = d.as_str()
    );
    let found = SparqlEvaluator::new().parse_query(&q).ok().and_then(|p| {
        match p.on_store(store).execute() {
            Ok(QueryResults::Solutions(mut s)) => s
                .next()
                .and_then(|r| r.ok())
                .and_then(|r| r.get("t").cloned()),
            _ => None,
        }
    });
    match found {
        Some(oxigraph::model::Term::Literal(l)) => Reply::ok(
            "application/tei+xml; charset=utf-8",
            l.value().as_bytes().to_vec(),
        ),
        _ => Reply::error(404, format!("no TEI for {doc}")),
    }
}
