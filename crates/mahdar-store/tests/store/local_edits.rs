use crate::{open_temp, reopen};
use mahdar_store::{Edit, Rev, Store, StoreError};
use serde_json::json;

#[test]
fn create_update_delete_recreate_keep_one_history() {
    let t = open_temp();
    let s = &t.store;
    let r1 = s.put("note:1", None, json!({"text": "أول"})).unwrap();
    assert_eq!(r1.pos(), 1);
    let r2 = s.put("note:1", Some(&r1), json!({"text": "ثان"})).unwrap();
    assert_eq!(r2.pos(), 2);
    let doc = s.get("note:1").unwrap().expect("the note exists");
    assert_eq!((doc.rev, doc.body), (r2, json!({"text": "ثان"})));
    assert_eq!(
        s.get_rev("note:1", &r1).unwrap(),
        Some(json!({"text": "أول"})),
        "old bodies stay readable"
    );

    let r3 = s.delete("note:1", &r2).unwrap();
    assert!(
        s.get("note:1").unwrap().is_none(),
        "a deleted document is not returned"
    );
    assert!(
        s.get_including_deleted("note:1")
            .unwrap()
            .is_some_and(|d| d.deleted && d.rev == r3)
    );
    let r4 = s.put("note:1", None, json!({"text": "عاد"})).unwrap();
    assert_eq!(
        r4.pos(),
        4,
        "re-creating continues the deleted document's history"
    );
    assert_eq!(
        s.rev_tree("note:1").unwrap().unwrap().history(&r4),
        vec![r4, r3, r2, r1]
    );
}

#[test]
fn stale_or_missing_bases_are_refused_and_change_nothing() {
    let t = open_temp();
    let s = &t.store;
    let r1 = s.put("note:1", None, json!({"v": 1})).unwrap();
    let _r2 = s.put("note:1", Some(&r1), json!({"v": 2})).unwrap();
    let seq = s.last_seq();
    let err = s
        .put("note:1", Some(&r1), json!({"v": "stale"}))
        .unwrap_err();
    assert_eq!(
        err.code(),
        "conflict",
        "an edit of an old revision is refused: {err}"
    );
    let err = s.put("note:1", None, json!({"v": "dup"})).unwrap_err();
    assert_eq!(
        err.code(),
        "conflict",
        "creating an existing document is refused"
    );
    let err = s.delete("note:2", &r1).unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(s.last_seq(), seq, "refused edits write nothing");
    assert_eq!(s.get("note:1").unwrap().unwrap().body, json!({"v": 2}));
}

#[test]
fn a_batch_is_all_or_nothing() {
    let t = open_temp();
    let s = &t.store;
    let r1 = s.put("note:1", None, json!({"v": 1})).unwrap();
    let err = s
        .write(vec![
            Edit::Put {
                id: "note:2".into(),
                base: None,
                body: json!({"v": 2}),
            },
            Edit::Put {
                id: "note:1".into(),
                base: None,
                body: json!({"v": "conflict"}),
            },
        ])
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        s.get("note:2").unwrap().is_none(),
        "the first edit of a failed batch is not written"
    );
    let revs = s
        .write(vec![
            Edit::Put {
                id: "note:2".into(),
                base: None,
                body: json!({"v": 2}),
            },
            Edit::Put {
                id: "note:1".into(),
                base: Some(r1),
                body: json!({"v": 11}),
            },
        ])
        .unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(s.get("note:2").unwrap().unwrap().rev, revs[0]);
}

#[test]
fn bad_ids_and_bodies_get_clear_errors() {
    let t = open_temp();
    let s = &t.store;
    for id in [
        "",
        "nokind",
        ":x",
        "Note:1",
        "note:",
        "note:\u{0}",
        "_design:x",
    ] {
        let err = s.put(id, None, json!({})).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{id:?} is refused");
    }
    for body in [json!([1]), json!("text"), json!({"_id": "x"})] {
        let err = s.put("note:1", None, body.clone()).unwrap_err();
        assert!(
            matches!(err, StoreError::InvalidBody { .. }),
            "{body} is refused: {err}"
        );
    }
    let huge = json!({"text": "ا".repeat(3 * 1024 * 1024)});
    assert!(s.put("note:1", None, huge).is_err(), "bodies are bounded");
    assert!(s.is_empty(), "nothing was written");
}

#[test]
fn the_changes_feed_lists_each_document_once_at_its_last_change() {
    let t = open_temp();
    let s = &t.store;
    let a = s.put("note:a", None, json!({"v": 1})).unwrap();
    s.put("note:b", None, json!({"v": 1})).unwrap();
    s.put("note:a", Some(&a), json!({"v": 2})).unwrap();
    let feed = s.changes_since(0, 100).unwrap();
    let ids: Vec<&str> = feed.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["note:b", "note:a"],
        "a document moves to the end when it changes"
    );
    assert_eq!(feed[1].seq, 3);
    assert_eq!(
        s.changes_since(2, 100).unwrap().len(),
        1,
        "since is exclusive"
    );
    assert_eq!(s.changes_since(0, 1).unwrap().len(), 1, "limit is honoured");
    let t = reopen(t);
    assert_eq!(t.store.last_seq(), 3, "the sequence survives a restart");
    t.store.put("note:c", None, json!({})).unwrap();
    assert_eq!(t.store.last_seq(), 4, "and continues after it");
}

#[test]
fn local_documents_are_kept_apart_and_survive_restarts() {
    let t = open_temp();
    t.store
        .put_local("sync-checkpoint-peer", &json!({"seq": 42}))
        .unwrap();
    assert_eq!(
        t.store.last_seq(),
        0,
        "_local documents are not in the changes feed"
    );
    let t = reopen(t);
    assert_eq!(
        t.store.get_local("sync-checkpoint-peer").unwrap(),
        Some(json!({"seq": 42}))
    );
    t.store.delete_local("sync-checkpoint-peer").unwrap();
    assert_eq!(t.store.get_local("sync-checkpoint-peer").unwrap(), None);
    assert!(t.store.put_local("", &json!({})).is_err());
}

#[test]
fn a_second_process_is_told_the_folder_is_in_use() {
    let t = open_temp();
    let err = Store::open(t.dir.path().join("data"), crate::options()).unwrap_err();
    assert_eq!(err.code(), "store_in_use", "{err}");
    assert!(
        err.to_string().contains("in use by another Mahdar process"),
        "{err}"
    );
}

#[test]
fn scans_return_live_documents_of_a_kind_in_id_order() {
    let t = open_temp();
    let s = &t.store;
    for i in 0..5 {
        s.put(&format!("note:{i}"), None, json!({"i": i})).unwrap();
    }
    s.put("other:1", None, json!({})).unwrap();
    let r = s.get("note:3").unwrap().unwrap().rev;
    s.delete("note:3", &r).unwrap();
    let ids: Vec<String> = s.scan("note:").map(|d| d.unwrap().id).collect();
    assert_eq!(ids, ["note:0", "note:1", "note:2", "note:4"]);
    let _: Rev = r;
}
