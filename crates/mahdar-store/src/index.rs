//! Secondary indexes: keys computed from each document's winning body, kept in step with every
//! write in the same transaction, and rebuilt from the documents whenever their definitions
//! change (they are derived data, never the source of truth).

use crate::{Store, StoreError};
use serde_json::Value;
use std::collections::BTreeSet;

/// Computes a document's keys in one index from its id and winning body (empty when the
/// document does not belong in the index).
pub type IndexFn = fn(id: &str, body: &Value) -> Vec<Vec<u8>>;

/// One secondary index. Bump `version` whenever `keys` changes: the store then rebuilds it.
#[derive(Debug, Clone, Copy)]
pub struct IndexDef {
    /// A unique name.
    pub name: &'static str,
    /// The version of the key function.
    pub version: u32,
    /// The key function.
    pub keys: IndexFn,
}

/// Joins key parts with NUL, the separator the store also puts before the document id.
pub fn index_key(parts: &[&str]) -> Vec<u8> {
    parts.join("\0").into_bytes()
}

/// The prefix matching every key that starts with these whole parts.
pub fn index_prefix(parts: &[&str]) -> Vec<u8> {
    let mut key = index_key(parts);
    key.push(0);
    key
}

#[derive(Debug, Clone)]
pub(crate) struct IndexSet {
    defs: Vec<IndexDef>,
}

const META_INDEXES: &[u8] = b"indexes";

impl IndexSet {
    pub(crate) fn new(defs: Vec<IndexDef>) -> Self {
        IndexSet { defs }
    }

    fn signature(&self) -> Vec<u8> {
        let mut sig: Vec<String> = self
            .defs
            .iter()
            .map(|d| format!("{}@{}", d.name, d.version))
            .collect();
        sig.sort();
        sig.join(",").into_bytes()
    }

    /// Every full index entry of a document (name, key, id), for a live body.
    pub(crate) fn keys_for(&self, id: &str, body: Option<&Value>) -> BTreeSet<Vec<u8>> {
        let mut out = BTreeSet::new();
        let Some(body) = body else { return out };
        for def in &self.defs {
            for key in (def.keys)(id, body) {
                let mut full = Vec::with_capacity(def.name.len() + key.len() + id.len() + 2);
                full.extend_from_slice(def.name.as_bytes());
                full.push(0);
                full.extend_from_slice(&key);
                full.push(0);
                full.extend_from_slice(id.as_bytes());
                out.insert(full);
            }
        }
        out
    }

    pub(crate) fn scan(
        &self,
        store: &Store,
        name: &str,
        prefix: &[u8],
    ) -> Result<Vec<(Vec<u8>, String)>, StoreError> {
        if !self.defs.iter().any(|d| d.name == name) {
            return Err(StoreError::InvalidId {
                id: name.to_owned(),
                reason: "no such index".into(),
            });
        }
        let mut full = Vec::with_capacity(name.len() + 1 + prefix.len());
        full.extend_from_slice(name.as_bytes());
        full.push(0);
        full.extend_from_slice(prefix);
        let mut out = Vec::new();
        for entry in store.index.scan_prefix(&full) {
            let (k, _) = entry?;
            let rest = &k[name.len() + 1..];
            let split = rest
                .iter()
                .rposition(|&b| b == 0)
                .ok_or_else(|| store.corrupt("an index entry has no document id"))?;
            let id = String::from_utf8(rest[split + 1..].to_vec())
                .map_err(|_| store.corrupt("an index entry's id is not text"))?;
            out.push((rest[..split].to_vec(), id));
        }
        Ok(out)
    }

    /// Rebuilds every index if the definitions differ from those the data was indexed with.
    /// The new signature is written only once the rebuild is complete, so a crash midway
    /// rebuilds again at the next start.
    pub(crate) fn refresh_if_changed(&self, store: &Store) -> Result<(), StoreError> {
        let sig = self.signature();
        if store.meta.get(META_INDEXES)?.as_deref() == Some(sig.as_slice()) {
            return Ok(());
        }
        self.rebuild(store)
    }

    /// Clears and recomputes every index from the documents' winning bodies. The signature is
    /// removed (durably) first and written back only once the rebuild is complete, so a crash
    /// midway leaves a store that rebuilds again at its next start.
    pub(crate) fn rebuild(&self, store: &Store) -> Result<(), StoreError> {
        let _guard = store.lock_writes();
        store.meta.remove(META_INDEXES)?;
        store.meta.flush()?;
        store.index.clear()?;
        let mut batch = sled::Batch::default();
        let mut pending = 0usize;
        for entry in store.docs.iter() {
            let (key, bytes) = entry?;
            let id = String::from_utf8(key.to_vec())
                .map_err(|_| store.corrupt("a document id is not text"))?;
            let record = store.decode_record(&key, bytes)?;
            let Some(winner) = record.tree.winner().filter(|w| !w.deleted) else {
                continue;
            };
            let body = store.load_body(&id, &winner.rev)?;
            for k in self.keys_for(&id, body.as_ref()) {
                batch.insert(k, Vec::new());
                pending += 1;
            }
            if pending >= 10_000 {
                store.index.apply_batch(std::mem::take(&mut batch))?;
                pending = 0;
            }
        }
        store.index.apply_batch(batch)?;
        store.index.flush()?;
        store.meta.insert(META_INDEXES, self.signature())?;
        store.meta.flush()?;
        Ok(())
    }
}

impl Store {
    /// Recomputes every secondary index from the documents.
    pub fn rebuild_indexes(&self) -> Result<(), StoreError> {
        self.indexes.rebuild(self)?;
        self.flush()
    }

    /// The index entries a document's current winner should have (for integrity checks).
    pub(crate) fn expected_index_keys(&self, id: &str, body: Option<&Value>) -> BTreeSet<Vec<u8>> {
        self.indexes.keys_for(id, body)
    }
}
