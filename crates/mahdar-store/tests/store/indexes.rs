use crate::{open_temp, options};
use mahdar_store::{IndexDef, Store, index_key, index_prefix};
use serde_json::{Value, json};

fn ids(t: &Store, topic: &str) -> Vec<String> {
    t.index_scan("by_topic", &index_prefix(&[topic]))
        .unwrap()
        .into_iter()
        .map(|(_, id)| id)
        .collect()
}

#[test]
fn indexes_follow_the_winner() {
    let t = open_temp();
    let s = &t.store;
    let r = s.put("note:1", None, json!({"topic": "budget"})).unwrap();
    s.put("note:2", None, json!({"topic": "budget"})).unwrap();
    s.put("other:3", None, json!({"topic": "budget"})).unwrap();
    assert_eq!(ids(s, "budget"), ["note:1", "note:2"]);
    let r = s
        .put("note:1", Some(&r), json!({"topic": "visit"}))
        .unwrap();
    assert_eq!(
        ids(s, "budget"),
        ["note:2"],
        "an edit moves the document in the index"
    );
    assert_eq!(ids(s, "visit"), ["note:1"]);
    s.delete("note:1", &r).unwrap();
    assert!(
        ids(s, "visit").is_empty(),
        "a deleted document leaves the index"
    );
    assert!(s.verify().unwrap().is_ok(), "{:?}", s.verify().unwrap());
    assert!(
        s.index_scan("nope", b"").is_err(),
        "an unknown index is an error"
    );
}

fn by_topic_upper(id: &str, body: &Value) -> Vec<Vec<u8>> {
    crate::by_topic(id, body)
        .into_iter()
        .map(|k| String::from_utf8_lossy(&k).to_uppercase().into_bytes())
        .collect()
}

#[test]
fn a_changed_definition_rebuilds_the_index_from_the_documents() {
    let t = open_temp();
    t.store
        .put("note:1", None, json!({"topic": "budget"}))
        .unwrap();
    let crate::TempStore { dir, store } = t;
    drop(store);
    let mut opts = options();
    opts.indexes = vec![IndexDef {
        name: "by_topic",
        version: 2,
        keys: by_topic_upper,
    }];
    let store = Store::open(dir.path().join("data"), opts).unwrap();
    assert_eq!(
        store
            .index_scan("by_topic", &index_key(&["BUDGET"]))
            .unwrap()
            .len(),
        1,
        "the new key function was applied to existing documents"
    );
    assert!(ids(&store, "budget").is_empty(), "old entries are gone");
    assert!(store.verify().unwrap().is_ok());
}
