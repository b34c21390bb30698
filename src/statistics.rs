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
//! The counts are recomputed whole, in one SPARQL update (one transaction),
//! after every `load` and after every change made through the server, so
//! they are never older than the documents: a SPARQL update groups the
//! `schema:mentions` of every graph by entity, a pass over one index, and the
//! annotations found by the rule `list-abbreviation`; the pairs of persons
//! come from one more pass over the mentions, in the same transaction.
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
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::SparqlEvaluator;
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

/// Recomputes the counts of the statistics graph `graph`, replacing what it
/// held, in one transaction. Returns the number of entities counted.
pub fn refresh(store: &Store, graph: &NamedNode) -> Result<usize> {
    // the graph is kept even when no document is left to count, so that
    // the server, which finds it by name, goes on recounting it
    store.insert_named_graph(graph)?;
    let g = graph.as_str();
    let update = format!(
        "CLEAR SILENT GRAPH <{g}> ;
         INSERT {{ GRAPH <{g}> {{ ?entity <{count}> ?documents }} }}
         WHERE {{
           SELECT ?entity (COUNT(DISTINCT ?doc) AS ?documents)
           WHERE {{ GRAPH ?g {{ ?doc <{mentions}> ?entity }} }}
           GROUP BY ?entity
         }} ;
         INSERT {{ GRAPH <{g}> {{ ?entity <{uses}> ?uses ; <{in_documents}> ?documents }} }}
         WHERE {{
           SELECT ?entity (COUNT(?annotation) AS ?uses) (COUNT(DISTINCT ?doc) AS ?documents)
           WHERE {{
             GRAPH ?doc {{ ?annotation <{rule}> \"list-abbreviation\" ; <{body}> ?entity }}
           }}
           GROUP BY ?entity
         }}",
        count = fl("documentCount").as_str(),
        mentions = schema("mentions").as_str(),
        uses = fl("abbreviationUseCount").as_str(),
        in_documents = fl("abbreviationDocumentCount").as_str(),
        rule = fl("rule").as_str(),
        body = oa("hasBody").as_str(),
    );
    let mut t = store
        .start_transaction()
        .map_err(|e| anyhow!("statistics could not be written: {e}"))?;
    SparqlEvaluator::new()
        .parse_update(&update)
        .map_err(|e| anyhow!("statistics update: {e}"))?
        .on_transaction(&mut t)
        .execute()
        .map_err(|e| anyhow!("statistics could not be written: {e}"))?;
    let pairs = co_mentions(&t)?;
    let graph_name = GraphName::NamedNode(graph.clone());
    for quad in co_mention_quads(graph, &pairs) {
        t.insert(&Quad::new(quad.0, quad.1, quad.2, graph_name.clone()));
    }
    t.commit()
        .map_err(|e| anyhow!("statistics could not be written: {e}"))?;
    let count = fl("documentCount");
    Ok(store
        .quads_for_pattern(
            None,
            Some(count.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        )
        .count())
}

/// Pairs of persons named in the same documents, each pair (its two IRIs in
/// order) with the number of documents that name both.
type CoMentions = BTreeMap<(NamedNode, NamedNode), u64>;

/// Counts the pairs of persons (`schema:Person`) that the documents name
/// together (`schema:mentions`), in one pass over the mentions: a document
/// naming n persons gives n(n-1)/2 pairs.
fn co_mentions(t: &Transaction<'_>) -> Result<CoMentions> {
    // persons as small numbers, so that a document's persons are a few
    // integers however long their IRIs
    let mut persons: FxHashMap<NamedNode, u32> = FxHashMap::default();
    let person = schema("Person");
    for q in t.quads_for_pattern(None, Some(rdf::TYPE), Some(person.as_ref().into()), None) {
        if let NamedOrBlankNode::NamedNode(p) = q?.subject {
            let next = u32::try_from(persons.len())?;
            persons.entry(p).or_insert(next);
        }
    }
    if persons.len() < 2 {
        return Ok(CoMentions::new());
    }
    let mentions = schema("mentions");
    let mut by_document: FxHashMap<NamedOrBlankNode, Vec<u32>> = FxHashMap::default();
    for q in t.quads_for_pattern(None, Some(mentions.as_ref()), None, None) {
        let q = q?;
        let Term::NamedNode(o) = &q.object else {
            continue;
        };
        if let Some(&i) = persons.get(o) {
            match by_document.get_mut(&q.subject) {
                Some(v) => v.push(i),
                None => {
                    by_document.insert(q.subject, vec![i]);
                }
            }
        }
    }
    let mut counts: FxHashMap<(u32, u32), u64> = FxHashMap::default();
    for (_, mut ps) in by_document {
        // a person named in several graphs about one document counts once
        ps.sort_unstable();
        ps.dedup();
        for (k, &a) in ps.iter().enumerate() {
            for &b in &ps[k + 1..] {
                *counts.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut names: Vec<Option<NamedNode>> = vec![None; persons.len()];
    for (p, i) in persons {
        names[i as usize] = Some(p);
    }
    let name = |i: u32| {
        names[i as usize]
            .clone()
            .expect("every number names a person")
    };
    Ok(counts
        .into_iter()
        .map(|((a, b), n)| {
            let (a, b) = (name(a), name(b));
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
