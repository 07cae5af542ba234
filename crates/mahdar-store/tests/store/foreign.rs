use crate::open_temp;
use mahdar_store::{ForeignRevision, Rev};
use serde_json::{Value, json};

fn child(parent: Option<&Rev>, body: &Value) -> Rev {
    Rev::compute(parent, false, body)
}

#[test]
fn a_second_live_leaf_is_a_conflict_kept_with_its_merge_base() {
    let t = open_temp();
    let s = &t.store;
    let base = json!({"speaker": "الوزيرة", "text": "نص"});
    let r1 = s.put("statement:1", None, base.clone()).unwrap();
    let mine = json!({"speaker": "الوزيرة", "text": "نص مصحح"});
    let r2 = s.put("statement:1", Some(&r1), mine.clone()).unwrap();

    let theirs = json!({"speaker": "الوزيرة عواطف حيار", "text": "نص"});
    let their_rev = child(Some(&r1), &theirs);
    let report = s
        .apply_foreign(vec![ForeignRevision {
            id: "statement:1".into(),
            history: vec![their_rev, r1],
            deleted: false,
            body: theirs.clone(),
        }])
        .unwrap();
    assert_eq!(report.revisions_added, 1);
    let doc = s.get("statement:1").unwrap().unwrap();
    let (winner, loser) = if r2 > their_rev {
        (r2, their_rev)
    } else {
        (their_rev, r2)
    };
    assert_eq!(
        doc.rev, winner,
        "the higher revision wins, on every replica"
    );
    assert_eq!(
        doc.conflicts,
        vec![loser],
        "the other version is kept as a conflict"
    );
    assert!(
        s.get_rev("statement:1", &loser).unwrap().is_some(),
        "its body is kept"
    );
    let (base_rev, base_body) = s
        .merge_base("statement:1", &r2, &their_rev)
        .unwrap()
        .unwrap();
    assert_eq!(
        (base_rev, base_body),
        (r1, base),
        "the merge base is the last agreed version"
    );
    assert_eq!(s.conflicted().unwrap().len(), 1);
    let change = s.changes_since(0, 10).unwrap().pop().unwrap();
    assert_eq!(change.leaves.len(), 2, "the feed lists every leaf");
}

#[test]
fn applying_the_same_revisions_twice_changes_nothing() {
    let t = open_temp();
    let s = &t.store;
    let body = json!({"v": 1});
    let r1 = child(None, &body);
    let f = ForeignRevision {
        id: "note:1".into(),
        history: vec![r1],
        deleted: false,
        body,
    };
    assert_eq!(s.apply_foreign(vec![f.clone()]).unwrap().revisions_added, 1);
    let seq = s.last_seq();
    assert_eq!(s.apply_foreign(vec![f]).unwrap().revisions_added, 0);
    assert_eq!(
        s.last_seq(),
        seq,
        "an idempotent apply does not touch the feed"
    );
}

#[test]
fn histories_must_hold_together() {
    let t = open_temp();
    let body = json!({"v": 1});
    let r1 = child(None, &body);
    let r3: Rev = "3-00000000000000000000000000000003".parse().unwrap();
    let err = t
        .store
        .apply_foreign(vec![ForeignRevision {
            id: "note:1".into(),
            history: vec![r3, r1],
            deleted: false,
            body,
        }])
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
    assert!(t.store.is_empty());
}

#[test]
fn a_stemmed_history_from_a_peer_is_accepted_and_revs_diff_sees_it() {
    let t = open_temp();
    let s = &t.store;
    let r5: Rev = "5-0000000000000000000000000000000a".parse().unwrap();
    let r4: Rev = "4-0000000000000000000000000000000b".parse().unwrap();
    s.apply_foreign(vec![ForeignRevision {
        id: "note:1".into(),
        history: vec![r5, r4],
        deleted: false,
        body: json!({"v": 5}),
    }])
    .unwrap();
    assert_eq!(s.get("note:1").unwrap().unwrap().rev, r5);
    let other: Rev = "5-0000000000000000000000000000000c".parse().unwrap();
    assert_eq!(
        s.revs_diff("note:1", &[r5, r4, other]).unwrap(),
        vec![r4, other],
        "ancestors without bodies and unknown revisions are missing"
    );
}

#[test]
fn a_remote_deletion_does_not_hide_a_live_local_edit() {
    let t = open_temp();
    let s = &t.store;
    let r1 = s.put("note:1", None, json!({"v": 1})).unwrap();
    let r2 = s.put("note:1", Some(&r1), json!({"v": 2})).unwrap();
    let tomb_body = json!({});
    let tomb = Rev::compute(Some(&r1), true, &tomb_body);
    s.apply_foreign(vec![ForeignRevision {
        id: "note:1".into(),
        history: vec![tomb, r1],
        deleted: true,
        body: tomb_body,
    }])
    .unwrap();
    let doc = s.get("note:1").unwrap().expect("live beats deleted");
    assert_eq!(doc.rev, r2);
    assert!(doc.conflicts.is_empty(), "a deleted leaf is not a conflict");
    assert_eq!(
        s.rev_tree("note:1").unwrap().unwrap().leaves().len(),
        2,
        "but it is kept"
    );
}

#[test]
fn a_revision_whose_parent_never_arrived_keeps_the_tree_whole() {
    let t = open_temp();
    let r3: Rev = "3-0000000000000000000000000000000a".parse().unwrap();
    let r2: Rev = "2-0000000000000000000000000000000b".parse().unwrap();
    let revision = mahdar_store::Revision {
        rev: r3,
        parent: Some(r2),
        deleted: false,
        body: Some(json!({"v": 3})),
    };
    t.store
        .apply_revisions(vec![("note:1".into(), vec![revision])])
        .unwrap();
    assert_eq!(
        t.store.rev_tree("note:1").unwrap().unwrap().history(&r3),
        vec![r3, r2]
    );
    assert_eq!(
        t.store.revs_diff("note:1", &[r2]).unwrap(),
        vec![r2],
        "the parent's body is still wanted"
    );
    assert!(
        t.store.verify().unwrap().is_ok(),
        "{:?}",
        t.store.verify().unwrap()
    );
}

#[test]
fn implausible_edit_counts_from_a_peer_are_refused() {
    assert!(
        "18446744073709551615-0000000000000000000000000000000a"
            .parse::<Rev>()
            .is_err(),
        "u64::MAX never parses"
    );
    let t = open_temp();
    let huge = Rev::from_parts(mahdar_store::MAX_POS, "0000000000000000000000000000000a").unwrap();
    let err = t
        .store
        .apply_foreign(vec![ForeignRevision {
            id: "note:1".into(),
            history: vec![huge],
            deleted: false,
            body: json!({}),
        }])
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
    assert!(t.store.is_empty());
}

#[test]
fn an_empty_revision_list_writes_nothing() {
    let t = open_temp();
    t.store
        .apply_revisions(vec![("note:1".into(), vec![])])
        .unwrap();
    assert!(t.store.is_empty(), "no empty record is created");
    assert_eq!(t.store.last_seq(), 0);
}

#[test]
fn a_winner_whose_body_arrives_later_enters_the_indexes() {
    let t = open_temp();
    let body = json!({"topic": "budget"});
    let r1 = Rev::compute(None, false, &body);
    let node = |body: Option<serde_json::Value>| mahdar_store::Revision {
        rev: r1,
        parent: None,
        deleted: false,
        body,
    };
    t.store
        .apply_revisions(vec![("note:1".into(), vec![node(None)])])
        .unwrap();
    t.store
        .apply_revisions(vec![("note:1".into(), vec![node(Some(body))])])
        .unwrap();
    let hits = t
        .store
        .index_scan("by_topic", &mahdar_store::index_prefix(&["budget"]))
        .unwrap();
    assert_eq!(hits.len(), 1, "the index follows the body's arrival");
    assert!(t.store.verify().unwrap().is_ok());
}
