//! Sync against a real CouchDB-protocol server: PouchDB Server on 127.0.0.1, real sled stores
//! in temporary folders, and PouchDB's own replicator as the interoperability peer.

#[path = "../pouchdb.rs"]
mod pouchdb;

mod convergence;
mod files;
mod interop;
mod resume;
mod server;

use mahdar_store::{Rev, Store, StoreOptions};
use mahdar_sync::{Remote, RemoteConfig, Replicator, SyncReport};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A replica: a real store in a temporary folder.
#[derive(Debug)]
pub struct Replica {
    pub store: Store,
    _dir: tempfile::TempDir,
}

impl Default for Replica {
    fn default() -> Self {
        Replica::new()
    }
}

impl Replica {
    pub fn new() -> Replica {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::open(dir.path().join("store"), StoreOptions::default()).expect("open");
        Replica { store, _dir: dir }
    }

    pub fn put(&self, id: &str, body: Value) -> Rev {
        let base = self.store.get(id).expect("get").map(|d| d.rev);
        self.store.put(id, base.as_ref(), body).expect("put")
    }

    pub fn edit(&self, id: &str, f: impl FnOnce(&mut Value)) -> Rev {
        let doc = self.store.get(id).expect("get").expect("exists");
        let mut body = doc.body;
        f(&mut body);
        self.store.put(id, Some(&doc.rev), body).expect("edit")
    }

    pub fn delete(&self, id: &str) -> Rev {
        let doc = self.store.get(id).expect("get").expect("exists");
        self.store.delete(id, &doc.rev).expect("delete")
    }

    pub fn body(&self, id: &str) -> Option<Value> {
        self.store.get(id).expect("get").map(|d| d.body)
    }

    /// Push then pull once.
    pub fn sync(&self, url: &str) -> SyncReport {
        let remote = remote(url);
        Replicator::new(&self.store, &remote)
            .batch_size(250)
            .sync(true, true, true)
            .expect("sync")
    }

    pub fn pull(&self, url: &str) -> SyncReport {
        let remote = remote(url);
        Replicator::new(&self.store, &remote)
            .sync(false, true, true)
            .expect("pull")
    }

    pub fn push(&self, url: &str) -> SyncReport {
        let remote = remote(url);
        Replicator::new(&self.store, &remote)
            .sync(true, false, true)
            .expect("push")
    }

    /// Every document's winner and leaves (deleted ones included).
    pub fn state(&self) -> BTreeMap<String, (Rev, BTreeSet<Rev>)> {
        let mut out = BTreeMap::new();
        let mut since = 0;
        loop {
            let changes = self.store.changes_since(since, 1000).expect("changes");
            let Some(last) = changes.last() else { break };
            since = last.seq;
            for c in changes {
                out.insert(c.id, (c.rev, c.leaves.into_iter().collect()));
            }
        }
        out
    }

    /// The conflicts a person would see: (id, kind, revisions).
    pub fn conflicts(&self) -> Vec<(String, &'static str, BTreeSet<Rev>)> {
        mahdar_sync::merge::conflicts(&self.store)
            .expect("conflicts")
            .into_iter()
            .map(|c| (c.id, c.kind, c.versions.iter().map(|v| v.rev).collect()))
            .collect()
    }
}

pub fn remote(url: &str) -> Remote {
    Remote::new(RemoteConfig::new(url)).expect("remote")
}

/// The server's view of a database: `GET /db`.
pub fn db_info(url: &str) -> Value {
    remote(url).ensure_db(false).expect("GET /db")
}
