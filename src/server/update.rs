//! A SPARQL 1.1 Update through the server, with the named graphs it wrote.
//!
//! Knowing which graphs an update wrote lets the server do for it what it
//! does for a Graph Store change: bring the statistics up to date from
//! those graphs alone (milliseconds, where counting a store of 100,000
//! documents again takes seconds), and mark their catalog entries changed,
//! so that the next `load` of a document edited here writes it again
//! rather than take it for unchanged.
//!
//! The operations run one after another in one transaction, so that the
//! request is all or nothing. Before each, the graphs it will write are
//! found: named in the operation (`INSERT DATA`, `LOAD … INTO GRAPH`,
//! `CLEAR GRAPH`, a template's `GRAPH <…>`), or, for a template's
//! `GRAPH ?g`, the values of `?g` among the solutions of its `WHERE`,
//! evaluated on the transaction as the operation itself will evaluate it.
//! Where they cannot be known (`CLEAR ALL`, `DROP NAMED`, a graph named by
//! a blank node), the statistics are counted again in full.

use anyhow::{anyhow, Result};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator, Variable};
use oxigraph::store::{Store, Transaction};
use spargebra::algebra::{GraphPattern, GraphTarget, QueryDataset};
use spargebra::term::{GraphName, GraphNamePattern};
use spargebra::{GraphUpdateOperation, Query, Update};
use std::collections::BTreeSet;

/// More graphs than this written by one update and the statistics are
/// counted again in full: bringing them up to date costs about 3.6 ms a
/// graph at 100,000 documents, counting everything about 12.5 s.
const MOST_GRAPHS_UPDATED: usize = 1_000;

/// The named graphs an update wrote, when known.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// These graphs, in name order, and no other named graph.
    Graphs(Vec<NamedNode>),
    /// Any graph may have been written.
    Unknown,
}

/// Runs `update` on `store` in one transaction, each operation in turn,
/// and marks the catalog entries of the graphs it wrote changed (or removes
/// them with a graph it dropped, [`crate::load::catalog_entries_changed`]).
/// Nothing is written when an operation fails.
pub fn execute(store: &Store, update: Update) -> Result<Written> {
    let mut t = store.start_transaction()?;
    let mut graphs: BTreeSet<NamedNode> = BTreeSet::new();
    let mut known = true;
    let base_iri = update.base_iri.clone();
    for op in update.operations {
        known &= graphs_written(&t, &op, &mut graphs)?;
        let one = Update {
            base_iri: base_iri.clone(),
            operations: vec![op],
        };
        SparqlEvaluator::new()
            .for_update(one)
            .on_transaction(&mut t)
            .execute()?;
    }
    for g in &graphs {
        crate::load::catalog_entries_changed(&mut t, g)?;
    }
    t.commit()?;
    Ok(if known {
        Written::Graphs(graphs.into_iter().collect())
    } else {
        Written::Unknown
    })
}

/// Adds to `graphs` the named graphs `op` will write, evaluated on `t` as
/// it stands before `op`; false when they cannot all be known.
fn graphs_written(
    t: &Transaction<'_>,
    op: &GraphUpdateOperation,
    graphs: &mut BTreeSet<NamedNode>,
) -> Result<bool> {
    let target = |g: &GraphTarget, graphs: &mut BTreeSet<NamedNode>| match g {
        GraphTarget::NamedNode(n) => {
            graphs.insert(n.clone());
            true
        }
        GraphTarget::DefaultGraph => true,
        GraphTarget::NamedGraphs | GraphTarget::AllGraphs => false,
    };
    let named = |g: &GraphName, graphs: &mut BTreeSet<NamedNode>| {
        if let GraphName::NamedNode(n) = g {
            graphs.insert(n.clone());
        }
    };
    Ok(match op {
        GraphUpdateOperation::InsertData { data } => {
            data.iter().for_each(|q| named(&q.graph_name, graphs));
            true
        }
        // ground quads, where INSERT DATA's are quads: the same steps
        GraphUpdateOperation::DeleteData { data } => {
            data.iter().for_each(|q| named(&q.graph_name, graphs));
            true
        }
        GraphUpdateOperation::DeleteInsert {
            delete,
            insert,
            using,
            pattern,
        } => {
            let mut variables: Vec<Variable> = Vec::new();
            let names = delete
                .iter()
                .map(|q| &q.graph_name)
                .chain(insert.iter().map(|q| &q.graph_name));
            for name in names {
                match name {
                    GraphNamePattern::NamedNode(n) => {
                        graphs.insert(n.clone());
                    }
                    GraphNamePattern::DefaultGraph => {}
                    GraphNamePattern::Variable(v) => {
                        if !variables.contains(v) {
                            variables.push(v.clone());
                        }
                    }
                }
            }
            variables.is_empty() || bound_graphs(t, using, pattern, &variables, graphs)?
        }
        GraphUpdateOperation::Load { destination, .. } => {
            named(destination, graphs);
            true
        }
        GraphUpdateOperation::Clear { graph, .. } | GraphUpdateOperation::Drop { graph, .. } => {
            target(graph, graphs)
        }
        GraphUpdateOperation::Create { graph, .. } => {
            graphs.insert(graph.clone());
            true
        }
    })
}

/// The values the graph `variables` of a `DELETE`/`INSERT` template take
/// among the solutions of its `WHERE`, added to `graphs`; false when one is
/// a blank node (a graph this module cannot name).
fn bound_graphs(
    t: &Transaction<'_>,
    using: &Option<QueryDataset>,
    pattern: &GraphPattern,
    variables: &[Variable],
    graphs: &mut BTreeSet<NamedNode>,
) -> Result<bool> {
    let query = Query::Select {
        dataset: using.clone(),
        pattern: GraphPattern::Distinct {
            inner: Box::new(GraphPattern::Project {
                inner: Box::new(pattern.clone()),
                variables: variables.to_vec(),
            }),
        },
        base_iri: None,
    };
    let QueryResults::Solutions(rows) = SparqlEvaluator::new()
        .for_query(query)
        .on_transaction(t)
        .execute()?
    else {
        return Err(anyhow!("a SELECT gave no solutions"));
    };
    let mut known = true;
    for row in rows {
        for (_, term) in row?.iter() {
            match term {
                Term::NamedNode(n) => {
                    graphs.insert(n.clone());
                }
                Term::BlankNode(_) => known = false,
                _ => {}
            }
        }
    }
    Ok(known)
}

/// Gives each `DELETE`/`INSERT` of `update` the dataset of the SPARQL
/// Protocol's `using-graph-uri` (the default graph) and
/// `using-named-graph-uri` (the named graphs) parameters, when there are
/// any; an update that names its own (`USING`, `USING NAMED`, `WITH`) is
/// refused, as the Protocol says.
pub fn use_dataset(
    update: &mut Update,
    default: Vec<NamedNode>,
    named: Vec<NamedNode>,
) -> Result<(), String> {
    if default.is_empty() && named.is_empty() {
        return Ok(());
    }
    for op in &mut update.operations {
        if let GraphUpdateOperation::DeleteInsert { using, .. } = op {
            if using.is_some() {
                return Err("the update has USING, USING NAMED or WITH: give them or \
                     using-graph-uri/using-named-graph-uri, not both"
                    .into());
            }
            *using = Some(QueryDataset {
                default: default.clone(),
                named: Some(named.clone()),
            });
        }
    }
    Ok(())
}

/// After an update: the statistics brought up to date from the graphs it
/// wrote when they are known and not too many, counted again otherwise.
pub fn touched(written: &Written) -> Option<&[NamedNode]> {
    match written {
        Written::Graphs(g) if g.len() <= MOST_GRAPHS_UPDATED => Some(g),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, GraphNameRef, Literal, QuadRef};

    fn run(store: &Store, update: &str) -> Result<Written> {
        execute(store, spargebra::SparqlParser::new().parse_update(update)?)
    }

    fn names(iris: &[&str]) -> Written {
        Written::Graphs(iris.iter().map(|i| NamedNode::new(*i).unwrap()).collect())
    }

    #[test]
    fn the_graphs_an_update_writes_are_found_operation_by_operation() {
        let store = Store::new().unwrap();
        // the second operation's WHERE sees what the first inserted
        let w = run(
            &store,
            "INSERT DATA { GRAPH <http://ex.org/g1> { <http://ex.org/s> <http://ex.org/p> 1 } } ;
             INSERT { GRAPH ?g { <http://ex.org/s> <http://ex.org/q> 2 } }
             WHERE { GRAPH ?g { <http://ex.org/s> <http://ex.org/p> 1 } }",
        )
        .unwrap();
        assert_eq!(w, names(&["http://ex.org/g1"]));
        let w = run(
            &store,
            "INSERT DATA { <http://ex.org/s> <http://ex.org/p> 1 } ;
             CREATE GRAPH <http://ex.org/g3> ; DROP GRAPH <http://ex.org/g1>",
        )
        .unwrap();
        assert_eq!(w, names(&["http://ex.org/g1", "http://ex.org/g3"]));
        // a WHERE that matches nothing writes nothing
        let w = run(
            &store,
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s <http://ex.org/none> ?o } }",
        )
        .unwrap();
        assert_eq!(w, names(&[]));
        assert_eq!(run(&store, "CLEAR NAMED").unwrap(), Written::Unknown);
        // a graph named by a blank node cannot be named to the counts
        let b = BlankNode::default();
        store
            .insert(QuadRef::new(
                NamedNode::new("http://ex.org/s").unwrap().as_ref(),
                NamedNode::new("http://ex.org/p").unwrap().as_ref(),
                Literal::from(1).as_ref(),
                GraphNameRef::BlankNode(b.as_ref()),
            ))
            .unwrap();
        let w = run(
            &store,
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
        )
        .unwrap();
        assert_eq!(w, Written::Unknown);
    }

    #[test]
    fn an_update_that_fails_writes_nothing() {
        let store = Store::new().unwrap();
        run(&store, "CREATE GRAPH <http://ex.org/g1>").unwrap();
        let e = run(
            &store,
            "INSERT DATA { GRAPH <http://ex.org/g2> { <http://ex.org/s> <http://ex.org/p> 1 } } ;
             CREATE GRAPH <http://ex.org/g1>",
        );
        assert!(e.is_err(), "{e:?}");
        assert_eq!(store.len().unwrap(), 0);
        assert!(!store
            .contains_named_graph(NamedNode::new("http://ex.org/g2").unwrap().as_ref())
            .unwrap());
    }
}
