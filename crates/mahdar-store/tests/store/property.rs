//! Applying the same revisions in any order, in any batches, on any number of replicas — and
//! through backups — yields the same winners, leaves and bodies everywhere.

use crate::{TempStore, open_temp};
use mahdar_store::{ForeignRevision, RestoreMode, Rev, RevNode, RevTree, Store};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// One step of a random edit history: which existing revision it edits, whether it deletes.
#[derive(Debug, Clone)]
struct Step {
    doc: usize,
    parent: usize,
    deleted: bool,
    value: u8,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        (
            0usize..3,
            any::<usize>(),
            prop::bool::weighted(0.15),
            any::<u8>(),
        )
            .prop_map(|(doc, parent, deleted, value)| Step {
                doc,
                parent,
                deleted,
                value,
            }),
        1..30,
    )
}

/// Builds every revision the steps produce, each with its full history.
fn revisions(steps: &[Step]) -> Vec<ForeignRevision> {
    let mut trees: BTreeMap<usize, RevTree> = BTreeMap::new();
    let mut out = Vec::new();
    for step in steps {
        let tree = trees.entry(step.doc).or_default();
        let nodes: Vec<RevNode> = tree.nodes().copied().collect();
        let parent = if nodes.is_empty() {
            None
        } else {
            Some(nodes[step.parent % nodes.len()].rev)
        };
        let body = if step.deleted {
            json!({})
        } else {
            json!({"v": step.value, "doc": step.doc})
        };
        let rev = Rev::compute(parent.as_ref(), step.deleted, &body);
        tree.insert(RevNode {
            rev,
            parent,
            deleted: step.deleted,
            has_body: true,
        });
        out.push(ForeignRevision {
            id: format!("note:{}", step.doc),
            history: tree.history(&rev),
            deleted: step.deleted,
            body,
        });
    }
    out
}

type Snapshot = BTreeMap<String, (Rev, bool, Vec<Rev>, Vec<Rev>, Value, Vec<RevNode>)>;

fn snapshot(store: &Store) -> Snapshot {
    let mut out = BTreeMap::new();
    for i in 0..3 {
        let id = format!("note:{i}");
        let Some(tree) = store.rev_tree(&id).unwrap() else {
            continue;
        };
        let doc = store.get_including_deleted(&id).unwrap().unwrap();
        let leaves = tree.leaves().iter().map(|n| n.rev).collect();
        let nodes = tree.nodes().copied().collect();
        out.insert(
            id,
            (doc.rev, doc.deleted, leaves, doc.conflicts, doc.body, nodes),
        );
    }
    out
}

fn apply_shuffled(store: &Store, mut revs: Vec<ForeignRevision>, seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed);
    rng.shuffle(&mut revs);
    // Deliver some twice, in batches of random sizes.
    let extra: Vec<ForeignRevision> = revs.iter().filter(|_| rng.bool()).cloned().collect();
    revs.extend(extra);
    while !revs.is_empty() {
        let n = rng.usize(1..=revs.len().min(5));
        let batch: Vec<ForeignRevision> = revs.drain(..n).collect();
        store.apply_foreign(batch).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_whatever_the_order(steps in steps(), seeds in prop::collection::vec(any::<u64>(), 2..4)) {
        let revs = revisions(&steps);
        let replicas: Vec<TempStore> = seeds.iter().map(|_| open_temp()).collect();
        for (replica, seed) in replicas.iter().zip(&seeds) {
            apply_shuffled(&replica.store, revs.clone(), *seed);
        }
        let reference = snapshot(&replicas[0].store);
        prop_assert!(!reference.is_empty());
        for replica in &replicas[1..] {
            prop_assert_eq!(&snapshot(&replica.store), &reference, "same trees, winners, leaves and bodies");
        }

        // A replica that got half directly and the rest through a backup of another agrees too.
        let half = open_temp();
        apply_shuffled(&half.store, revs[..revs.len() / 2].to_vec(), seeds[0] ^ 1);
        let file = replicas[1].dir.path().join("all.mahdar-backup");
        replicas[1].store.export_to(&file).unwrap();
        half.store.import_from(&file, RestoreMode::Merge).unwrap();
        prop_assert_eq!(&snapshot(&half.store), &reference, "merging through a backup converges");
        for r in replicas.iter().chain([&half]) {
            let report = r.store.verify().unwrap();
            prop_assert!(report.is_ok(), "{:?}", report);
        }
    }
}
