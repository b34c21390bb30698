//! The statistics graph brought up to date from the graphs a change
//! touched holds what counting every document again gives.

use frus_ld::statistics::{refresh, statistics_graph, Change};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, GraphName, GraphNameRef, Literal, NamedNode, Quad, Term};
use oxigraph::store::Store;
use proptest::prelude::*;
use std::collections::BTreeSet;

const BASE: &str = "http://example.org/";

fn iri(s: &str) -> NamedNode {
    NamedNode::new(format!("{BASE}{s}")).unwrap()
}

/// The named graphs a change may touch: four documents' and one of
/// descriptions (where persons are typed, as in the shared graph).
fn graph(k: u8) -> NamedNode {
    match k % 5 {
        4 => iri("graph/shared"),
        k => iri(&format!("doc/d{k}")),
    }
}

/// One quad of a graph, from three small numbers: a mention (a document
/// names an entity, a person, or a literal), a person typed, or an
/// annotation with its rule and body.
fn quad(g: impl Into<GraphName>, (kind, a, b): (u8, u8, u8)) -> Quad {
    let g: GraphName = g.into();
    // persons p0 to p4, and two IRIs whose slugs meet ("p.x" and "p-x"),
    // so that pairs' node names meet too
    let entity = |b: u8| -> Term {
        match b % 9 {
            0..=4 => iri(&format!("person/p{}", b % 9)).into(),
            5 => iri("person/p.x").into(),
            6 => iri("person/p-x").into(),
            7 => iri("org/o").into(),
            _ => Literal::new_simple_literal("words").into(),
        }
    };
    let doc = iri(&format!("doc/d{}", a % 4));
    let annotation = iri(&format!("doc/d{}#m{}", a % 4, a % 3));
    match kind % 4 {
        0 | 1 => Quad::new(
            doc,
            iri_of("http://schema.org/mentions"),
            entity(b),
            g.clone(),
        ),
        2 => match entity(b) {
            Term::NamedNode(p) => {
                Quad::new(p, rdf::TYPE, iri_of("http://schema.org/Person"), g.clone())
            }
            _ => Quad::new(
                doc,
                rdf::TYPE,
                iri_of("http://schema.org/Message"),
                g.clone(),
            ),
        },
        _ => {
            if b % 2 == 0 {
                Quad::new(
                    annotation,
                    iri_of("https://w3id.org/frus-ld/vocab#rule"),
                    Literal::new_simple_literal(if a % 3 == 2 {
                        "surname"
                    } else {
                        "list-abbreviation"
                    }),
                    g.clone(),
                )
            } else {
                Quad::new(
                    annotation,
                    iri_of("http://www.w3.org/ns/oa#hasBody"),
                    entity(b / 2),
                    g.clone(),
                )
            }
        }
    }
}

fn iri_of(s: &str) -> NamedNode {
    NamedNode::new(s).unwrap()
}

fn statistics(store: &Store) -> BTreeSet<String> {
    let g = statistics_graph(BASE);
    store
        .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
        .map(|q| q.unwrap().to_string())
        .collect()
}

type Content = Vec<(u8, u8, u8)>;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn counts_from_the_graphs_touched_are_the_counts_made_again(
        first in proptest::collection::vec((0u8..6, proptest::collection::vec(any::<(u8, u8, u8)>(), 0..10)), 1..6),
        changes in proptest::collection::vec((0u8..5, 0u8..4, proptest::collection::vec(any::<(u8, u8, u8)>(), 0..10)), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let stats = statistics_graph(BASE);
        // a graph named by a blank node too, which no change touches but
        // which counts as the named graphs do
        for (g, content) in &first {
            let g: GraphName = if *g == 5 {
                BlankNode::new("b").unwrap().into()
            } else {
                graph(*g).into()
            };
            for q in content {
                store.insert(&quad(g.clone(), *q)).unwrap();
            }
        }
        refresh(&store, &stats).unwrap();
        let mut incremental = 0;
        for (g, how, content) in &changes {
            let g = graph(*g);
            let content: &Content = content;
            let change = Change::begin(&store).unwrap();
            match how {
                // replaced, added to, emptied, removed
                0 => {
                    store.clear_graph(GraphNameRef::NamedNode(g.as_ref())).unwrap();
                    for q in content {
                        store.insert(&quad(g.clone(), *q)).unwrap();
                    }
                }
                1 => {
                    for q in content {
                        store.insert(&quad(g.clone(), *q)).unwrap();
                    }
                }
                2 => store.clear_graph(GraphNameRef::NamedNode(g.as_ref())).unwrap(),
                _ => store.remove_named_graph(g.as_ref()).unwrap(),
            }
            let counted = change.update(&stats, Some(std::slice::from_ref(&g))).unwrap();
            drop(change);
            incremental += usize::from(counted.from_touched);
            let updated = statistics(&store);
            prop_assert!(updated.iter().any(|q| q.contains("countsCurrent")));
            let n = refresh(&store, &stats).unwrap();
            prop_assert_eq!(n, counted.entities);
            prop_assert_eq!(&updated, &statistics(&store), "after {:?} of {}", how, g);
        }
        // the names of pairs met only where the two slug-alike persons are
        // named together with another: most changes are counted from what
        // they touched
        prop_assert!(incremental * 3 >= changes.len() * 2 || changes.len() < 3,
            "{incremental} of {} changes counted from the graphs touched", changes.len());
    }
}

#[test]
fn counts_stale_before_a_change_are_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let stats = statistics_graph(BASE);
    let d0 = graph(0);
    store.insert(&quad(d0.clone(), (0, 0, 1))).unwrap();
    refresh(&store, &stats).unwrap();
    // a change that never recounted leaves the counts stale
    drop(Change::begin(&store).unwrap());
    store.insert(&quad(d0.clone(), (0, 0, 2))).unwrap();
    let change = Change::begin(&store).unwrap();
    store.insert(&quad(d0.clone(), (0, 0, 3))).unwrap();
    let counted = change.update(&stats, Some(&[d0])).unwrap();
    assert!(!counted.from_touched);
    assert_eq!(counted.entities, 3);
    let held = statistics(&store);
    refresh(&store, &stats).unwrap();
    assert_eq!(held, statistics(&store));
}

#[test]
fn a_change_to_one_document_is_counted_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let stats = statistics_graph(BASE);
    let (d0, d1, shared) = (graph(0), graph(1), graph(4));
    for (g, q) in [
        (&d0, (0, 0, 1)),
        (&d0, (0, 0, 2)),
        (&d1, (0, 1, 1)),
        (&d1, (0, 1, 2)),
        (&shared, (2, 0, 1)),
        (&shared, (2, 0, 2)),
    ] {
        store.insert(&quad(g.clone(), q)).unwrap();
    }
    refresh(&store, &stats).unwrap();
    let pairs = |store: &Store| {
        statistics(store)
            .into_iter()
            .filter(|q| q.contains("coMentionCount"))
            .collect::<Vec<_>>()
    };
    assert_eq!(pairs(&store).len(), 1);
    assert!(pairs(&store)[0].contains("\"2\""), "{:?}", pairs(&store));
    // d1 no longer names p2: the pair's count falls to one
    let change = Change::begin(&store).unwrap();
    store
        .clear_graph(GraphNameRef::NamedNode(d1.as_ref()))
        .unwrap();
    store.insert(&quad(d1.clone(), (0, 1, 1))).unwrap();
    let counted = change.update(&stats, Some(&[d1])).unwrap();
    assert!(counted.from_touched);
    assert!(pairs(&store)[0].contains("\"1\""), "{:?}", pairs(&store));
    let held = statistics(&store);
    refresh(&store, &stats).unwrap();
    assert_eq!(held, statistics(&store));
}
