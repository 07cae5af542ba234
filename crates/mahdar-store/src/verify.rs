//! An integrity check of the whole store: every record decodes, every leaf has its body, the
//! changes feed and the indexes agree with the documents.

use crate::{
    Store, StoreError,
    store::{META_SEQ, body_key},
};
use serde::Serialize;
use std::collections::BTreeSet;

/// At most this many problems are listed (all are counted).
const MAX_LISTED: usize = 100;

/// What [`Store::verify`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Documents checked.
    pub documents: usize,
    /// Revisions in all trees.
    pub revisions: usize,
    /// Bodies held.
    pub bodies: usize,
    /// Documents with conflicting live leaves (not a fault: they wait for a person).
    pub conflicted: usize,
    /// Entries in the secondary indexes.
    pub index_entries: usize,
    /// Attached files checked against their SHA-256.
    pub files: usize,
    /// Number of problems found.
    pub problem_count: usize,
    /// The first problems found, described.
    pub problems: Vec<String>,
}

impl VerifyReport {
    /// Whether the store is sound.
    pub fn is_ok(&self) -> bool {
        self.problem_count == 0
    }

    fn problem(&mut self, what: String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_LISTED {
            self.problems.push(what);
        }
    }
}

impl Store {
    /// Checks the whole store. Problems are reported, never repaired here.
    pub fn verify(&self) -> Result<VerifyReport, StoreError> {
        let mut report = VerifyReport::default();
        let mut expected_index = 0usize;
        let mut body_keys = BTreeSet::new();
        let mut max_seq = 0u64;
        for entry in self.docs.iter() {
            let (key, bytes) = entry?;
            report.documents += 1;
            let Ok(id) = String::from_utf8(key.to_vec()) else {
                report.problem("a document id is not UTF-8".into());
                continue;
            };
            let record = match self.decode_record(&key, bytes) {
                Ok(r) => r,
                Err(e) => {
                    report.problem(format!("{id}: record does not decode: {e}"));
                    continue;
                }
            };
            max_seq = max_seq.max(record.seq);
            report.revisions += record.tree.len();
            let leaves: BTreeSet<_> = record.tree.leaves().iter().map(|n| n.rev).collect();
            for node in record.tree.nodes() {
                if let Some(parent) = node.parent {
                    match record.tree.get(&parent) {
                        None => report.problem(format!(
                            "{id}: {} names a parent {parent} the tree lacks",
                            node.rev
                        )),
                        Some(p) if !node.rev.follows(&p.rev) => report.problem(format!(
                            "{id}: {} is not one edit after its parent",
                            node.rev
                        )),
                        Some(_) => {}
                    }
                }
                if leaves.contains(&node.rev) && !node.has_body {
                    report.problem(format!("{id}: the leaf {} has no body", node.rev));
                }
                if node.has_body {
                    body_keys.insert(body_key(&id, &node.rev));
                    match self.load_body(&id, &node.rev) {
                        Ok(Some(body)) if body.is_object() => report.bodies += 1,
                        Ok(Some(_)) => report
                            .problem(format!("{id}: the body of {} is not an object", node.rev)),
                        Ok(None) => {
                            report.problem(format!("{id}: the body of {} is missing", node.rev))
                        }
                        Err(e) => report.problem(format!("{id}: {e}")),
                    }
                }
            }
            if !record.tree.conflicts().is_empty() {
                report.conflicted += 1;
            }
            match self.changes.get(record.seq.to_be_bytes())? {
                Some(v) if v.as_ref() == id.as_bytes() => {}
                _ => report.problem(format!(
                    "{id}: missing from the changes feed at {}",
                    record.seq
                )),
            }
            let winner = record.tree.winner().filter(|w| !w.deleted);
            let body = match winner {
                Some(w) => self.load_body(&id, &w.rev).ok().flatten(),
                None => None,
            };
            for k in self.expected_index_keys(&id, body.as_ref()) {
                expected_index += 1;
                if !self.index.contains_key(&k)? {
                    report.problem(format!(
                        "{id}: an index entry is missing (run `mahdar reindex`)"
                    ));
                }
            }
        }
        for entry in self.changes.iter() {
            let (k, v) = entry?;
            let seq = <[u8; 8]>::try_from(k.as_ref())
                .map(u64::from_be_bytes)
                .unwrap_or(0);
            let id = String::from_utf8_lossy(&v).into_owned();
            match self
                .docs
                .get(v.as_ref())?
                .map(|b| self.decode_record(&v, b))
            {
                Some(Ok(r)) if r.seq == seq => {}
                _ => report.problem(format!("changes feed entry {seq} ({id}) is stale")),
            }
        }
        for entry in self.bodies.iter() {
            let (k, _) = entry?;
            if !body_keys.contains(k.as_ref()) {
                report.problem(format!(
                    "an orphan body: {}",
                    String::from_utf8_lossy(&k).replace('\0', " ")
                ));
            }
        }
        for sha in self.blob_shas()? {
            report.files += 1;
            if let Err(e) = self.blob(&sha) {
                report.problem(format!("attached file {sha}: {e}"));
            }
        }
        report.index_entries = self.index.len();
        if report.index_entries != expected_index {
            report.problem(format!(
                "the indexes hold {} entries where the documents call for {expected_index} (run `mahdar reindex`)",
                report.index_entries
            ));
        }
        let stored_seq = self
            .meta
            .get(META_SEQ)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map(u64::from_be_bytes)
            .unwrap_or(0);
        if stored_seq < max_seq {
            report.problem(format!(
                "the sequence counter ({stored_seq}) is behind the feed ({max_seq})"
            ));
        }
        Ok(report)
    }
}
