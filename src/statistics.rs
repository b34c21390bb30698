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
//! The counts are brought up to date, in one transaction, after every
//! `load` that writes anything and after every change made through the
//! server, so they are never older than the documents ([`Change`]). Where
//! the named graphs a change touched are known, only the documents they
//! describe are counted, in a snapshot of the store as it was and in the
//! store as it is, and the difference is added to the counts held; where
//! they are not (a SPARQL update that clears every graph), where they are
//! many (a first load), or where the counts were stale before, everything
//! is counted again ([`refresh`]). Both give the same graph
//! (`tests/statistics.rs`). The graph says so itself
//! (`fl:countsCurrent`): the mark is taken away before a change begins and
//! written with the counts, so that a load or a change cut off before its
//! recount leaves counts that the next load makes again, and a load that
//! writes nothing (the same documents loaded again) need not recount.
//! SPARQL queries group the `schema:mentions` of every graph by entity (a
//! pass over one index), the annotations found by the rule
//! `list-abbreviation` by their body, and the mentions of persons by
//! document, for the pairs. Only the counts that changed are written. On
//! the store of 100,000 generated documents with annotations, counting
//! everything again takes 11 to 16 s; with the counts brought up to date,
//! one changed document loads in 0.3 s, a volume of 500 in 10 to 11 s, and
//! a graph written through the Graph Store Protocol in 20 to 70 ms
//! (`docs/benchmarks.md`, section 15), and a SPARQL update of one document
//! in 5 to 85 ms (section 16).
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
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term,
};
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

/// A change to the store under way: the statistics graphs are marked stale
/// ([`begin_change`]), and a view of the store as it was is kept, so that
/// afterwards the counts can be brought up to date from what the change
/// touched ([`Change::update`]) instead of counted again from every
/// document (11 to 16 s at 100,000 documents).
///
/// The view is a transaction that is never committed: the store must be on
/// disk, where transactions read a snapshot and do not wait on each other
/// (an in-memory store allows one transaction at a time, and the change
/// would wait on the view forever).
pub struct Change<'a> {
    store: &'a Store,
    before: Transaction<'a>,
    current: Vec<NamedNode>,
}

impl<'a> Change<'a> {
    /// Keeps a view of the store as it is, then marks its statistics graphs
    /// stale.
    pub fn begin(store: &'a Store) -> Result<Change<'a>> {
        let before = store
            .start_transaction()
            .map_err(|e| anyhow!("the store could not be read: {e}"))?;
        let current = begin_change(store)?;
        Ok(Change {
            store,
            before,
            current,
        })
    }

    /// The statistics graphs whose counts were current when the change
    /// began.
    pub fn current(&self) -> &[NamedNode] {
        &self.current
    }

    /// After a change that wrote nothing: the counts that were current
    /// still are.
    pub fn keep(self) -> Result<()> {
        keep_current(self.store, &self.current)
    }

    /// After the change: brings the counts of the statistics graph `graph`
    /// up to date, with the mark that they are. `touched` names every named
    /// graph whose content the change may have altered, or is `None` when
    /// that is not known (a SPARQL update of graphs it cannot name).
    ///
    /// When the counts were current before and the touched graphs are
    /// known, only the documents they describe are counted again, in the
    /// store as it was and as it is, and the difference is added to the
    /// counts held. The counts are then those that [`refresh`] would make,
    /// which it does instead whenever that cannot be guaranteed: counts
    /// stale before the change, a statistics graph among those touched, a
    /// pair of persons whose node's name is shared with another pair's
    /// (slugs that meet, numbered in the order of all pairs). Returns the
    /// number of entities counted, and how.
    pub fn update(&self, graph: &NamedNode, touched: Option<&[NamedNode]>) -> Result<Counted> {
        if let (Some(touched), true) = (touched, self.current.contains(graph)) {
            if let Some(entities) = update_incrementally(self.store, &self.before, graph, touched)?
            {
                return Ok(Counted {
                    entities,
                    from_touched: true,
                });
            }
        }
        Ok(Counted {
            entities: refresh(self.store, graph)?,
            from_touched: false,
        })
    }
}

/// What [`Change::update`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// Entities with a count of documents.
    pub entities: usize,
    /// Whether the counts were brought up to date from the graphs touched
    /// (or else counted again from every document).
    pub from_touched: bool,
}

/// What the documents and graphs a change touched add to the counts in one
/// view of the store (negated for the view before the change).
#[derive(Default)]
struct Contribution {
    documents: FxHashMap<NamedOrBlankNode, i64>,
    uses: FxHashMap<NamedOrBlankNode, i64>,
    in_documents: FxHashMap<NamedOrBlankNode, i64>,
    pairs: FxHashMap<(NamedNode, NamedNode), i64>,
}

/// Whether persons are typed `schema:Person` in some named graph of a view,
/// each looked up once.
struct Typed<'v, 't> {
    view: &'v Transaction<'t>,
    known: FxHashMap<NamedNode, bool>,
}

impl Typed<'_, '_> {
    fn get(&mut self, x: &NamedNode) -> Result<bool> {
        if let Some(&b) = self.known.get(x) {
            return Ok(b);
        }
        let person = schema("Person");
        let mut typed = false;
        for q in self.view.quads_for_pattern(
            Some(x.as_ref().into()),
            Some(rdf::TYPE),
            Some(person.as_ref().into()),
            None,
        ) {
            if !q?.graph_name.is_default_graph() {
                typed = true;
                break;
            }
        }
        self.known.insert(x.clone(), typed);
        Ok(typed)
    }
}

impl Contribution {
    /// Adds `sign` times what `docs` (their mentions in every named graph)
    /// and the graphs `touched` (their annotations of abbreviations) give
    /// in `view`.
    fn add(
        &mut self,
        typed: &mut Typed<'_, '_>,
        docs: &FxHashSet<NamedOrBlankNode>,
        touched: &[NamedNode],
        sign: i64,
    ) -> Result<()> {
        let view = typed.view;
        let mentions = schema("mentions");
        for d in docs {
            let mut entities: FxHashSet<NamedOrBlankNode> = FxHashSet::default();
            for q in view.quads_for_pattern(Some(d.as_ref()), Some(mentions.as_ref()), None, None) {
                let q = q?;
                if !q.graph_name.is_default_graph() {
                    if let Some(e) = entity(Some(&q.object)) {
                        entities.insert(e);
                    }
                }
            }
            let mut persons = Vec::new();
            for e in &entities {
                *self.documents.entry(e.clone()).or_default() += sign;
                if let NamedOrBlankNode::NamedNode(p) = e {
                    if typed.get(p)? {
                        persons.push(p.clone());
                    }
                }
            }
            persons.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
            for (k, a) in persons.iter().enumerate() {
                for b in &persons[k + 1..] {
                    *self.pairs.entry((a.clone(), b.clone())).or_default() += sign;
                }
            }
        }
        let (rule, body) = (fl("rule"), oa("hasBody"));
        let abbreviation = Literal::new_simple_literal("list-abbreviation");
        for g in touched {
            let g = GraphNameRef::NamedNode(g.as_ref());
            let mut named: FxHashSet<NamedOrBlankNode> = FxHashSet::default();
            for q in view.quads_for_pattern(
                None,
                Some(rule.as_ref()),
                Some(abbreviation.as_ref().into()),
                Some(g),
            ) {
                let annotation = q?.subject;
                for q in view.quads_for_pattern(
                    Some(annotation.as_ref()),
                    Some(body.as_ref()),
                    None,
                    Some(g),
                ) {
                    if let Some(e) = entity(Some(&q?.object)) {
                        *self.uses.entry(e.clone()).or_default() += sign;
                        named.insert(e);
                    }
                }
            }
            for e in named {
                *self.in_documents.entry(e).or_default() += sign;
            }
        }
        Ok(())
    }
}

/// [`Change::update`] from the graphs touched, or `None` where only a
/// recount gives the counts that [`refresh`] makes.
fn update_incrementally(
    store: &Store,
    before: &Transaction<'_>,
    graph: &NamedNode,
    touched: &[NamedNode],
) -> Result<Option<usize>> {
    if touched.iter().any(is_statistics_graph) {
        return Ok(None);
    }
    let read = |e: oxigraph::store::StorageError| anyhow!("statistics could not be read: {e}");
    let mut t = store
        .start_transaction()
        .map_err(|e| anyhow!("statistics could not be written: {e}"))?;
    let (mentions, person) = (schema("mentions"), schema("Person"));
    // the documents whose mentions the touched graphs hold, before or after,
    // and the persons typed there
    let mut docs: FxHashSet<NamedOrBlankNode> = FxHashSet::default();
    let mut typed_there: FxHashSet<NamedNode> = FxHashSet::default();
    for g in touched {
        let g = GraphNameRef::NamedNode(g.as_ref());
        for view in [before, &t] {
            for q in view.quads_for_pattern(None, Some(mentions.as_ref()), None, Some(g)) {
                docs.insert(q.map_err(read)?.subject);
            }
            for q in
                view.quads_for_pattern(None, Some(rdf::TYPE), Some(person.as_ref().into()), Some(g))
            {
                if let NamedOrBlankNode::NamedNode(x) = q.map_err(read)?.subject {
                    typed_there.insert(x);
                }
            }
        }
    }
    let mut typed_before = Typed {
        view: before,
        known: FxHashMap::default(),
    };
    let mut typed_after = Typed {
        view: &t,
        known: FxHashMap::default(),
    };
    // a person who became typed or ceased to be changes the pairs of every
    // document that mentions him
    for x in &typed_there {
        if typed_before.get(x)? != typed_after.get(x)? {
            for view in [before, &t] {
                for q in view.quads_for_pattern(
                    None,
                    Some(mentions.as_ref()),
                    Some(x.as_ref().into()),
                    None,
                ) {
                    let q = q.map_err(read)?;
                    if !q.graph_name.is_default_graph() {
                        docs.insert(q.subject);
                    }
                }
            }
        }
    }
    let mut delta = Contribution::default();
    delta.add(&mut typed_before, &docs, touched, -1)?;
    delta.add(&mut typed_after, &docs, touched, 1)?;
    drop((typed_before, typed_after));

    let g = GraphNameRef::NamedNode(graph.as_ref());
    for (counts, predicate) in [
        (&delta.documents, fl("documentCount")),
        (&delta.uses, fl("abbreviationUseCount")),
        (&delta.in_documents, fl("abbreviationDocumentCount")),
    ] {
        for (e, &d) in counts {
            if d == 0 {
                continue;
            }
            let held: Vec<Quad> = t
                .quads_for_pattern(Some(e.as_ref()), Some(predicate.as_ref()), None, Some(g))
                .collect::<Result<_, _>>()
                .map_err(read)?;
            let Some(n) = count_after(&held, d) else {
                return Ok(None);
            };
            for q in &held {
                t.remove(q);
            }
            if n > 0 {
                t.insert(QuadRef::new(e, &predicate, &Literal::from(n), g));
            }
        }
    }
    let base = graph.as_str().strip_suffix(NAME).unwrap_or(graph.as_str());
    let (co_mentioned, co_mention_count) = (fl("coMentioned"), fl("coMentionCount"));
    let mut pairs: Vec<_> = delta.pairs.into_iter().filter(|(_, d)| *d != 0).collect();
    pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for ((a, b), d) in pairs {
        let iri = co_mention_iri(base, &a, &b);
        // a name that another pair's numbered name was made from: the
        // numbers follow the order of all pairs
        let numbered = NamedNode::new_unchecked(format!("{iri}-2"));
        if t.quads_for_pattern(Some(numbered.as_ref().into()), None, None, Some(g))
            .next()
            .is_some()
        {
            return Ok(None);
        }
        let node = NamedNode::new_unchecked(iri);
        let held: Vec<Quad> = t
            .quads_for_pattern(Some(node.as_ref().into()), None, None, Some(g))
            .collect::<Result<_, _>>()
            .map_err(read)?;
        let (ta, tb) = (Term::from(a), Term::from(b));
        // a node of that name for another pair: the names met
        let persons: Vec<&Term> = held
            .iter()
            .filter(|q| q.predicate == co_mentioned)
            .map(|q| &q.object)
            .collect();
        let ours = persons.len() == 2 && persons.contains(&&ta) && persons.contains(&&tb);
        if !held.is_empty() && !ours {
            return Ok(None);
        }
        let counts: Vec<Quad> = held
            .iter()
            .filter(|q| q.predicate == co_mention_count)
            .cloned()
            .collect();
        let Some(n) = count_after(&counts, d) else {
            return Ok(None);
        };
        for q in &held {
            t.remove(q);
        }
        if n > 0 {
            let s = NamedOrBlankNode::NamedNode(node);
            for (p, o) in [
                (rdf::TYPE.into_owned(), Term::from(fl("CoMention"))),
                (co_mentioned.clone(), ta),
                (co_mentioned.clone(), tb),
                (co_mention_count.clone(), Literal::from(n).into()),
            ] {
                t.insert(QuadRef::new(&s, &p, &o, g));
            }
        }
    }
    let entities = t
        .quads_for_pattern(None, Some(fl("documentCount").as_ref()), None, Some(g))
        .count();
    t.insert(&current_mark(graph));
    t.commit()
        .map_err(|e| anyhow!("statistics could not be written: {e}"))?;
    Ok(Some(entities))
}

/// The count that a statistics graph holds in `held` (none: 0) with
/// `delta` added, or `None` when that is no count: more than one held, one
/// that is no integer, or a sum below 0.
fn count_after(held: &[Quad], delta: i64) -> Option<i64> {
    let n: i64 = match held {
        [] => 0,
        [q] => match &q.object {
            Term::Literal(l) => l.value().parse().ok()?,
            _ => return None,
        },
        _ => return None,
    };
    n.checked_add(delta).filter(|n| *n >= 0)
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
    let mut minted: FxHashSet<String> = FxHashSet::default();
    let mut out = Vec::with_capacity(pairs.len() * 4);
    for ((a, b), n) in pairs {
        let mut iri = co_mention_iri(base, a, b);
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

/// The name of the node of a pair of persons under the store's `base`,
/// before any number that sets it apart from another pair's: each person's
/// part is its IRI past the base, as a slug.
fn co_mention_iri(base: &str, a: &NamedNode, b: &NamedNode) -> String {
    let part = |p: &NamedNode| slug(p.as_str().strip_prefix(base).unwrap_or(p.as_str()));
    format!("{base}co-mention/{}--{}", part(a), part(b))
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
