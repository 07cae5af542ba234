//! The store's behaviour, on real sled directories in temporary folders.

#![allow(clippy::unwrap_used)]

mod backup;
mod crypt;
mod foreign;
mod indexes;
mod local_edits;
mod property;
mod schema;

use mahdar_store::{IndexDef, Store, StoreOptions, index_key};
use serde_json::Value;

/// A temporary data folder with a store open in it.
#[derive(Debug)]
pub struct TempStore {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

/// An index of "note" documents by their `topic` field, for the tests.
pub fn by_topic(id: &str, body: &Value) -> Vec<Vec<u8>> {
    match (
        id.starts_with("note:"),
        body.get("topic").and_then(Value::as_str),
    ) {
        (true, Some(topic)) => vec![index_key(&[topic])],
        _ => Vec::new(),
    }
}

pub fn options() -> StoreOptions {
    StoreOptions {
        indexes: vec![IndexDef {
            name: "by_topic",
            version: 1,
            keys: by_topic,
        }],
        cache_capacity: 8 * 1024 * 1024,
        ..StoreOptions::default()
    }
}

pub fn open_temp() -> TempStore {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(dir.path().join("data"), options()).expect("a new store opens");
    TempStore { dir, store }
}

pub fn reopen(t: TempStore) -> TempStore {
    let TempStore { dir, store } = t;
    drop(store);
    let store = Store::open(dir.path().join("data"), options()).expect("the store reopens");
    TempStore { dir, store }
}
