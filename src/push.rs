//! `frus-ld push`: sends a store's graphs to a SPARQL 1.1 Graph Store HTTP
//! Protocol endpoint, one `PUT ?graph=IRI` a graph (N-Triples), with
//! bounded retries on connection errors and server errors.
//!
//! Credentials come from the environment only: `FRUS_LD_PUSH_TOKEN` (a
//! bearer token), or `FRUS_LD_PUSH_USER` and `FRUS_LD_PUSH_PASSWORD`
//! (HTTP Basic).

use crate::writer::rdf::SCHEMA;
use anyhow::{anyhow, bail, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple,
};
use oxigraph::store::Store;
use std::collections::{BTreeSet, HashSet};
use std::time::Duration;

/// One graph to send: its name and its triples.
pub struct Outgoing {
    pub name: GraphName,
    pub triples: Vec<Triple>,
}

/// How the store's graphs are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Every graph as it is in the store: the documents' graphs, the
    /// shared graph, the catalog.
    AsStored,
    /// Each document's graph also carries the descriptions it uses from the
    /// shared graph (names, roles, coordinates, volumes, list entries), so
    /// that it stands alone; the shared graph is not sent by itself.
    GraphPerDocument,
}

/// The names of the store's graphs in order, the default graph first when
/// it holds anything.
pub fn graph_names(store: &Store) -> Result<Vec<GraphName>> {
    let mut names: BTreeSet<NamedNode> = BTreeSet::new();
    for g in store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g? {
            names.insert(n);
        }
    }
    let mut out = Vec::new();
    if store
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .next()
        .is_some()
    {
        out.push(GraphName::DefaultGraph);
    }
    out.extend(names.into_iter().map(GraphName::NamedNode));
    Ok(out)
}

/// The triples of one graph of the store.
pub fn triples_of(store: &Store, name: GraphNameRef<'_>) -> Result<Vec<Triple>> {
    let mut out = Vec::new();
    for q in store.quads_for_pattern(None, None, None, Some(name)) {
        let q = q?;
        out.push(Triple::new(q.subject, q.predicate, q.object));
    }
    Ok(out)
}

/// Is this graph a document's graph (the document is a message in it)?
fn is_document_graph(store: &Store, name: NamedNodeRef<'_>) -> Result<bool> {
    let message = NamedNode::new_unchecked(format!("{SCHEMA}Message"));
    Ok(store
        .quads_for_pattern(
            Some(name.into()),
            Some(rdf::TYPE),
            Some(message.as_ref().into()),
            Some(GraphNameRef::NamedNode(name)),
        )
        .next()
        .is_some())
}

/// A document's graph with the descriptions it uses from the shared graph:
/// what the shared graph says of the resources the document's triples
/// name (not of their classes), and of the resources those descriptions
/// name in turn (roles, geometries, list entries).
fn self_contained(store: &Store, doc: NamedNodeRef<'_>, shared: &NamedNode) -> Result<Vec<Triple>> {
    let mut triples = triples_of(store, GraphNameRef::NamedNode(doc))?;
    let mut seen: HashSet<Triple> = triples.iter().cloned().collect();
    let named = |ts: &[Triple]| -> BTreeSet<NamedNode> {
        ts.iter()
            .filter(|t| t.predicate != rdf::TYPE)
            .filter_map(|t| match &t.object {
                Term::NamedNode(n) => Some(n.clone()),
                _ => None,
            })
            .collect()
    };
    let mut frontier = named(&triples);
    let mut visited: BTreeSet<NamedNode> = BTreeSet::new();
    for _hop in 0..2 {
        let mut added = Vec::new();
        for n in &frontier {
            if !visited.insert(n.clone()) {
                continue;
            }
            for q in store.quads_for_pattern(
                Some(n.as_ref().into()),
                None,
                None,
                Some(GraphNameRef::NamedNode(shared.as_ref())),
            ) {
                let q = q?;
                let t = Triple::new(q.subject, q.predicate, q.object);
                if seen.insert(t.clone()) {
                    added.push(t);
                }
            }
        }
        frontier = named(&added);
        triples.extend(added);
    }
    Ok(triples)
}

/// The graphs to send, in order; `shared` names the shared graph (which
/// [`Layout::GraphPerDocument`] folds into the documents' graphs). `each` is
/// called with every graph.
pub fn plan(
    store: &Store,
    layout: Layout,
    shared: &NamedNode,
    mut each: impl FnMut(Outgoing) -> Result<()>,
) -> Result<()> {
    for name in graph_names(store)? {
        let triples = match (&name, layout) {
            (GraphName::NamedNode(n), Layout::GraphPerDocument) => {
                let sh = shared;
                if n == sh {
                    continue;
                }
                if is_document_graph(store, n.as_ref())? {
                    self_contained(store, n.as_ref(), sh)?
                } else {
                    triples_of(store, name.as_ref())?
                }
            }
            _ => triples_of(store, name.as_ref())?,
        };
        each(Outgoing { name, triples })?;
    }
    Ok(())
}

/// How the endpoint is told who is pushing.
#[derive(Debug, Clone)]
pub enum Credentials {
    None,
    Bearer(String),
    Basic(String, String),
}

impl Credentials {
    /// From `FRUS_LD_PUSH_TOKEN`, or `FRUS_LD_PUSH_USER` and
    /// `FRUS_LD_PUSH_PASSWORD`.
    pub fn from_env() -> Result<Credentials> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        match (
            var("FRUS_LD_PUSH_TOKEN"),
            var("FRUS_LD_PUSH_USER"),
            var("FRUS_LD_PUSH_PASSWORD"),
        ) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => bail!(
                "set either FRUS_LD_PUSH_TOKEN or FRUS_LD_PUSH_USER and FRUS_LD_PUSH_PASSWORD, not both"
            ),
            (Some(t), None, None) => Ok(Credentials::Bearer(t)),
            (None, Some(u), Some(p)) => Ok(Credentials::Basic(u, p)),
            (None, Some(_), None) => bail!("FRUS_LD_PUSH_USER is set but FRUS_LD_PUSH_PASSWORD is not"),
            (None, None, Some(_)) => bail!("FRUS_LD_PUSH_PASSWORD is set but FRUS_LD_PUSH_USER is not"),
            (None, None, None) => Ok(Credentials::None),
        }
    }

    fn header(&self) -> Option<String> {
        match self {
            Credentials::None => None,
            Credentials::Bearer(t) => Some(format!("Bearer {t}")),
            Credentials::Basic(u, p) => Some(format!(
                "Basic {}",
                crate::base64::encode(format!("{u}:{p}").as_bytes())
            )),
        }
    }
}

/// How to push.
#[derive(Debug, Clone)]
pub struct Options {
    pub endpoint: String,
    pub credentials: Credentials,
    /// Attempts after the first, on a connection error or a 5xx answer.
    pub retries: u32,
    /// The wait before the first retry; it doubles each time, up to 30 s.
    pub backoff: Duration,
    /// The longest one request may take.
    pub timeout: Duration,
}

/// What a push did.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub graphs: usize,
    pub triples: usize,
    pub failed: Vec<(String, String)>,
}

/// The endpoint's address for one graph.
pub fn graph_url(endpoint: &str, name: &GraphName) -> String {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    match name {
        GraphName::NamedNode(n) => format!(
            "{endpoint}{sep}graph={}",
            form_urlencoded::byte_serialize(n.as_str().as_bytes()).collect::<String>()
        ),
        _ => format!("{endpoint}{sep}default"),
    }
}

fn graph_label(name: &GraphName) -> String {
    match name {
        GraphName::NamedNode(n) => n.as_str().to_string(),
        _ => "the default graph".into(),
    }
}

/// What one PUT came to.
enum Outcome {
    Done,
    /// The endpoint answered no (4xx other than the credentials'), or kept
    /// failing (5xx): the graph failed, the others may still go.
    Failed(String),
}

/// Sends graphs to a Graph Store Protocol endpoint.
pub struct Pusher {
    agent: ureq::Agent,
    options: Options,
    pub summary: Summary,
}

impl Pusher {
    pub fn new(options: Options) -> Result<Pusher> {
        if !(options.endpoint.starts_with("http://") || options.endpoint.starts_with("https://")) {
            bail!(
                "--endpoint {}: give the endpoint's http:// or https:// address",
                options.endpoint
            );
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(options.timeout))
            .user_agent(concat!("frus-ld/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Pusher {
            agent,
            options,
            summary: Summary::default(),
        })
    }

    /// Sends one graph. An error (the endpoint cannot be reached, or refuses
    /// the credentials) stops the push; a graph the endpoint does not take
    /// is counted as failed.
    pub fn push(&mut self, g: Outgoing) -> Result<()> {
        let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
        for t in &g.triples {
            w.serialize_triple(t)?;
        }
        let body = w.finish()?;
        let url = graph_url(&self.options.endpoint, &g.name);
        match self.put(&url, &body)? {
            Outcome::Done => {
                self.summary.graphs += 1;
                self.summary.triples += g.triples.len();
            }
            Outcome::Failed(why) => {
                let label = graph_label(&g.name);
                eprintln!("frus-ld: {label}: {why}");
                self.summary.failed.push((label, why));
            }
        }
        Ok(())
    }

    fn put(&self, url: &str, body: &[u8]) -> Result<Outcome> {
        let attempts = self.options.retries + 1;
        let mut wait = self.options.backoff;
        let mut last = String::new();
        for attempt in 1..=attempts {
            if attempt > 1 {
                std::thread::sleep(wait);
                wait = (wait * 2).min(Duration::from_secs(30));
            }
            let mut rq = self
                .agent
                .put(url)
                .header("Content-Type", "application/n-triples");
            if let Some(h) = self.options.credentials.header() {
                rq = rq.header("Authorization", &h);
            }
            match rq.send(body) {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    if (200..300).contains(&status) {
                        return Ok(Outcome::Done);
                    }
                    let text = resp
                        .body_mut()
                        .with_config()
                        .limit(64 * 1024)
                        .read_to_string()
                        .unwrap_or_default();
                    let text = text.trim();
                    let said = if text.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", text.lines().next().unwrap_or(""))
                    };
                    if status == 401 || status == 403 {
                        bail!(
                            "{} refused the credentials (HTTP {status}{said}); set FRUS_LD_PUSH_TOKEN, or FRUS_LD_PUSH_USER and FRUS_LD_PUSH_PASSWORD",
                            self.options.endpoint
                        );
                    }
                    if status < 500 {
                        return Ok(Outcome::Failed(format!("HTTP {status}{said}")));
                    }
                    last = format!("HTTP {status}{said}");
                }
                Err(e) if retryable(&e) => last = e.to_string(),
                Err(e) => bail!("{url}: {e}"),
            }
            if attempt < attempts {
                eprintln!(
                    "frus-ld: {url}: {last}; trying again in {} ms",
                    wait.as_millis()
                );
            }
        }
        if last.starts_with("HTTP ") {
            return Ok(Outcome::Failed(format!(
                "{last} (after {attempts} attempts)"
            )));
        }
        Err(anyhow!(
            "cannot reach {}: {last} (after {attempts} attempts)",
            self.options.endpoint
        ))
    }
}

fn retryable(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::HostNotFound
            | ureq::Error::ConnectionFailed
            | ureq::Error::Protocol(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_urls() {
        let g = GraphName::NamedNode(NamedNode::new_unchecked(
            "https://history.state.gov/historicaldocuments/frus1958-60v18/d11",
        ));
        assert_eq!(
            graph_url("http://127.0.0.1:7878/store", &g),
            "http://127.0.0.1:7878/store?graph=https%3A%2F%2Fhistory.state.gov%2Fhistoricaldocuments%2Ffrus1958-60v18%2Fd11"
        );
        assert_eq!(
            graph_url("http://h/ds?x=1", &GraphName::DefaultGraph),
            "http://h/ds?x=1&default"
        );
    }

    #[test]
    fn basic_credentials() {
        assert_eq!(
            Credentials::Basic("Aladdin".into(), "open sesame".into()).header(),
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".into())
        );
    }
}
