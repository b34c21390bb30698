//! Counts that questions about a whole corpus read instead of every
//! mention, in the store's statistics graph, `{base}graph/statistics`:
//!
//! - for each entity, the number of documents that mention it
//!   (`fl:documentCount`);
//! - for each entity named by an abbreviation of a volume's List of
//!   Abbreviations, how often it is so named (`fl:abbreviationUseCount`) and
//!   in how many documents (`fl:abbreviationDocumentCount`), from the
//!   annotations of the mentions (absent when a store has none);
//! - for each pair of persons named in the same documents, a node
//!   (`fl:CoMention`) with the two (`fl:coMentioned`) and the number of
//!   those documents (`fl:coMentionCount`): the network of persons named
//!   together.
//!
//! The counts are recomputed whole, in one transaction, after every `load`
//! that writes anything and after every change made through the server, so
//! they are never older than the documents. The graph says so itself
//! (`fl:countsCurrent`): the mark is taken away before a change begins and
//! written with the counts, so that a load or a change cut off before its
//! recount leaves counts that the next load makes again, and a load that
//! writes nothing (the same documents loaded again) need not recount.
//! SPARQL queries group the `schema:mentions` of every graph by entity (a
//! pass over one index), the annotations found by the rule
//! `list-abbreviation` by their body, and the mentions of persons by
//! document, for the pairs. Only the counts that changed are written. On
//! the store of 100,000 generated documents with annotations, loading one
//! document whose graph is unchanged takes 16 to 21 s when the counts are
//! made again and 5 s when they are kept (`docs/benchmarks.md`, sections
//! 12 and 13).
//!
//! ```sparql
//! SELECT ?organization ?name ?documents WHERE {
//!   ?organization a schema:Organization ; schema:name ?name ;
//!                 fl:documentCount ?documents .
//! }
//! ```

use crate::iri::slug;
use crate::vocab::{fl, oa, schema};
use anyhow::{anyhow, Result};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{QueryResults, QuerySolutionIter, SparqlEvaluator};
use oxigraph::store::{Store, Transaction};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// The statistics graph of a store whose IRIs are minted under `base`.
pub fn statistics_graph(base: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{base}{NAME}"))
}

/// The end of every statistics graph's name, whatever the base.
const NAME: &str = "graph/statistics";

/// Whether `graph` is a statistics graph (under any base, which ends in
/// "/" or "#").
pub fn is_statistics_graph(graph: &NamedNode) -> bool {
    graph
        .as_str()
        .strip_suffix(NAME)
        .is_some_and(|base| base.ends_with('/') || base.ends_with('#'))
}

/// The mark that the counts of the statistics graph `graph` are true to
/// the store as it is.
fn current_mark(graph: &NamedNode) -> Quad {
    Quad::new(
        graph.clone(),
        fl("countsCurrent"),
        Literal::from(true),
        graph.clone(),
    )
}

/// Before a change to the store: takes away the mark that the counts are
/// current from every statistics graph the store holds (whatever base it
/// was minted under), and returns the graphs whose counts were. Until the
/// counts are made again ([`refresh`]) or the change turns out to have
/// written nothing ([`keep_current`]), they are known to be stale, whatever
/// stops the change half way.
///
/// The marks are found by their predicate, a look-up in one index: listing
/// the store's graphs to find the statistics graphs would read every
/// document's name (about 0.7 s at 100,000 documents) on every change.
pub fn begin_change(store: &Store) -> Result<Vec<NamedNode>> {
    let counts_current = fl("countsCurrent");
    let mut current = Vec::new();
    for q in store.quads_for_pattern(None, Some(counts_current.as_ref()), None, None) {
        let q = q?;
        if let GraphName::NamedNode(graph) = &q.graph_name {
            if is_statistics_graph(graph) && q == current_mark(graph) {
                current.push(graph.clone());
            }
        }
    }
    for graph in &current {
        store
            .remove(&current_mark(graph))
            .map_err(|e| anyhow!("statistics could not be marked as stale: {e}"))?;
    }
    Ok(current)
}

/// After a change that wrote nothing: the graphs whose counts were current
/// when it began ([`begin_change`]) still are.
pub fn keep_current(store: &Store, graphs: &[NamedNode]) -> Result<()> {
    for graph in graphs {
        store
            .insert(&current_mark(graph))
            .map_err(|e| anyhow!("statistics could not be marked as current: {e}"))?;
    }
    Ok(())
}

/// Recomputes the counts of the statistics graph `graph`, replacing what it
/// held, in one transaction, with the mark that they are current. Returns
/// the number of entities counted.
///
/// The new counts are compared with those the graph holds, and only what
/// differs is written: after a load of a few documents into a large store,
/// most counts and pairs are as they were, and rewriting them all (about
/// 400,000 changes for 50,000 pairs) was most of the recount's time.
pub fn refresh(store: &Store, graph: &NamedNode) -> Result<usize> {
    // the graph is kept even when no document is left to count, so that
    // the server, which finds it by name, goes on recounting it
    store.insert_named_graph(graph)?;
    let mut t = store
        .start_transaction()
        .map_err(|e| anyhow!("statistics could not be written: {e}"))?;
    let graph_name = GraphName::NamedNode(graph.clone());
    let mut counts: FxHashSet<Quad> = FxHashSet::default();
    counts.insert(current_mark(graph));
    let mut entities = 0;
    let document_count = fl("documentCount");
    for row in select(
        &t,
        &format!(
            "SELECT ?entity (COUNT(DISTINCT ?doc) AS ?documents)
             WHERE {{ GRAPH ?g {{ ?doc <{mentions}> ?entity }} }}
             GROUP BY ?entity",
            mentions = schema("mentions").as_str(),
        ),
    )? {
        let row = row.map_err(|e| anyhow!("statistics could not be counted: {e}"))?;
        if let (Some(entity), Some(n)) = (entity(row.get("entity")), row.get("documents")) {
            counts.insert(Quad::new(
                entity,
                document_count.clone(),
                n.clone(),
                graph_name.clone(),
            ));
            entities += 1;
        }
    }
    // the bodies of all annotations are read in one pass and joined by
    // hashing (the LIMIT keeps the planner from looking each one up by its
    // annotation): on 100,000 documents 5 s instead of 8 to 10
    let (uses, in_documents) = (fl("abbreviationUseCount"), fl("abbreviationDocumentCount"));
    for row in select(
        &t,
        &format!(
            "SELECT ?entity (COUNT(?annotation) AS ?uses) (COUNT(DISTINCT ?doc) AS ?documents)
             WHERE {{
               GRAPH ?doc {{ ?annotation <{rule}> \"list-abbreviation\" }}
               {{
                 SELECT ?annotation ?doc ?entity
                 WHERE {{ GRAPH ?doc {{ ?annotation <{body}> ?entity }} }}
                 LIMIT 1000000000000
               }}
             }}
             GROUP BY ?entity",
            rule = fl("rule").as_str(),
            body = oa("hasBody").as_str(),
        ),
    )? {
        let row = row.map_err(|e| anyhow!("statistics could not be counted: {e}"))?;
        if let (Some(entity), Some(u), Some(d)) = (
            entity(row.get("entity")),
            row.get("uses"),
            row.get("documents"),
        ) {
            counts.insert(Quad::new(
                entity.clone(),
                uses.clone(),
                u.clone(),
                graph_name.clone(),
            ));
            counts.insert(Quad::new(
                entity,
                in_documents.clone(),
                d.clone(),
                graph_name.clone(),
            ));
        }
    }
    let pairs = co_mentions(&t)?;
    for (s, p, o) in co_mention_quads(graph, &pairs) {
        counts.insert(Quad::new(s, p, o, graph_name.clone()));
    }
    let held: FxHashSet<Quad> = t
        .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow!("statistics could not be read: {e}"))?;
    for q in held.difference(&counts) {
        t.remove(q);
    }
    for q in counts.difference(&held) {
        t.insert(q);
    }
    t.commit()
        .map_err(|e| anyhow!("statistics could not be written: {e}"))?;
    Ok(entities)
}

/// The solutions of a SELECT query on the transaction's view of the store.
fn select<'a>(t: &'a Transaction<'_>, query: &str) -> Result<QuerySolutionIter<'a>> {
    match SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| anyhow!("statistics query: {e}"))?
        .on_transaction(t)
        .execute()
        .map_err(|e| anyhow!("statistics could not be counted: {e}"))?
    {
        QueryResults::Solutions(rows) => Ok(rows),
        _ => Err(anyhow!("statistics query: not a SELECT")),
    }
}

/// A counted entity (an IRI or a blank node) from a row's column.
fn entity(term: Option<&Term>) -> Option<NamedOrBlankNode> {
    NamedOrBlankNode::try_from(term?.clone()).ok()
}

/// Pairs of persons named in the same documents, each pair (its two IRIs in
/// order) with the number of documents that name both.
type CoMentions = BTreeMap<(NamedNode, NamedNode), u64>;

/// Counts the pairs of persons (`schema:Person`) that the documents name
/// together (`schema:mentions`): a document naming n persons gives n(n-1)/2
/// pairs. The store groups the mentions of persons by document, so that
/// only the persons' IRIs are read out (a document's IRI is not needed):
/// reading every mention out of the store instead took about 25 s on
/// 100,000 documents.
fn co_mentions(t: &Transaction<'_>) -> Result<CoMentions> {
    let query = format!(
        "SELECT (GROUP_CONCAT(STR(?person); separator=\" \") AS ?persons)
         WHERE {{
           GRAPH ?described {{ ?person a <{person}> }}
           GRAPH ?g {{ ?doc <{mentions}> ?person }}
           FILTER(isIRI(?person))
         }}
         GROUP BY ?doc",
        person = schema("Person").as_str(),
        mentions = schema("mentions").as_str(),
    );
    let rows = select(t, &query)?;
    // persons as small numbers, so that a document's persons are a few
    // integers however long their IRIs
    let mut persons: FxHashMap<String, u32> = FxHashMap::default();
    let mut counts: FxHashMap<(u32, u32), u64> = FxHashMap::default();
    let mut ps = Vec::new();
    for row in rows {
        let row = row.map_err(|e| anyhow!("co-mentions could not be counted: {e}"))?;
        let Some(Term::Literal(list)) = row.get("persons") else {
            continue;
        };
        ps.clear();
        // IRIs hold no spaces
        for iri in list.value().split(' ') {
            let next = u32::try_from(persons.len())?;
            ps.push(match persons.get(iri) {
                Some(&i) => i,
                None => {
                    persons.insert(iri.to_string(), next);
                    next
                }
            });
        }
        // a person described or mentioned in several graphs counts once
        ps.sort_unstable();
        ps.dedup();
        for (k, &a) in ps.iter().enumerate() {
            for &b in &ps[k + 1..] {
                *counts.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut names: Vec<NamedNode> = vec![NamedNode::new_unchecked(""); persons.len()];
    for (p, i) in persons {
        names[i as usize] = NamedNode::new_unchecked(p);
    }
    Ok(counts
        .into_iter()
        .map(|((a, b), n)| {
            let (a, b) = (names[a as usize].clone(), names[b as usize].clone());
            if a.as_str() < b.as_str() {
                ((a, b), n)
            } else {
                ((b, a), n)
            }
        })
        .collect())
}

/// The triples of the pairs: for each, a node of its own under the store's
/// base, `{base}co-mention/{first}--{second}`, typed `fl:CoMention`, with the
/// two persons (`fl:coMentioned`) and the count (`fl:coMentionCount`).
fn co_mention_quads(
    graph: &NamedNode,
    pairs: &CoMentions,
) -> Vec<(NamedOrBlankNode, NamedNode, Term)> {
    let base = graph.as_str().strip_suffix(NAME).unwrap_or(graph.as_str());
    // a person's part of the name: its IRI past the base, as a slug
    let part = |p: &NamedNode| slug(p.as_str().strip_prefix(base).unwrap_or(p.as_str()));
    let mut minted: FxHashSet<String> = FxHashSet::default();
    let mut out = Vec::with_capacity(pairs.len() * 4);
    for ((a, b), n) in pairs {
        let mut iri = format!("{base}co-mention/{}--{}", part(a), part(b));
        // slugs drop punctuation: two pairs whose slugs meet get numbers
        if !minted.insert(iri.clone()) {
            let mut k = 2;
            while !minted.insert(format!("{iri}-{k}")) {
                k += 1;
            }
            iri = format!("{iri}-{k}");
        }
        let node = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(iri));
        out.push((node.clone(), rdf::TYPE.into_owned(), fl("CoMention").into()));
        out.push((node.clone(), fl("coMentioned"), a.clone().into()));
        out.push((node.clone(), fl("coMentioned"), b.clone().into()));
        out.push((node, fl("coMentionCount"), Literal::from(*n as i64).into()));
    }
    out
}

/// The statistics graphs the store holds, by their names (`…graph/statistics`),
/// for a writer that does not know the base they were minted under.
pub fn statistics_graphs(store: &Store) -> Result<Vec<NamedNode>> {
    let mut graphs = Vec::new();
    for g in store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(g) = g? {
            if is_statistics_graph(&g) {
                graphs.push(g);
            }
        }
    }
    Ok(graphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_graphs_are_known_under_any_base() {
        for base in ["https://w3id.org/frus-ld/id/", "https://example.org/id#"] {
            assert!(is_statistics_graph(&statistics_graph(base)), "{base}");
        }
        for other in [
            "https://w3id.org/frus-ld/id/graph/shared",
            "https://example.org/mygraph/statistics",
        ] {
            assert!(
                !is_statistics_graph(&NamedNode::new_unchecked(other)),
                "{other}"
            );
        }
    }
}
