//! The audit trail: every local write records who made it, when, on which laptop, and what it
//! changed, in an `audit:` document written in the same atomic write (so it replicates).
//!
//! A document's history reads those records and fills the gaps from the revision tree itself:
//! versions merged by a sync, or written before the trail existed, are listed as "derived",
//! with the changed fields when the store holds both bodies.

use crate::{
    Error, Mahdar, Result,
    approvals::snapshot_changes as field_changes,
    indexes::{AUDIT_BY_DOC, AUDIT_BY_MEETING, CHILDREN, PROGRESS},
    records::Record,
};
use chrono::{DateTime, Utc};
use mahdar_model::{
    AuditEntry, AuditId, AuditOp, AuditedEdit, Change, DocKey, MeetingId, UserRole,
};
use mahdar_store::{Edit, Rev, RevTree, StoreError, Written, index_prefix};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;

/// An audit entry larger than this has its long values shortened (a body may be 4 MB, and an
/// entry holds the values before and after).
const MAX_ENTRY_BYTES: usize = 1024 * 1024;
/// How many characters of a long value a shortened entry keeps.
const SHORTENED_CHARS: usize = 400;

/// One line of a document's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    /// The document.
    pub doc: String,
    /// Its kind (`statement`, `action`, …).
    pub kind: String,
    /// What it is, in a few words (a title, the start of a statement, a name).
    pub label: String,
    /// The revision written.
    pub rev: String,
    /// The revision it followed.
    pub base: Option<String>,
    /// What was done.
    pub op: AuditOp,
    /// When (`None`: not recorded).
    pub at: Option<DateTime<Utc>>,
    /// Who, when they said.
    pub by: Option<String>,
    /// Their role then.
    pub role: Option<UserRole>,
    /// The computer's name.
    pub machine: Option<String>,
    /// The laptop's replica id.
    pub replica: Option<String>,
    /// Whether an audit entry records it (otherwise it is derived from the revisions).
    pub recorded: bool,
    /// The fields changed, before and after.
    pub changes: Vec<Change>,
}

/// What an edit does, before it is written.
fn op_of(edit: &Edit) -> AuditOp {
    match edit {
        Edit::Put { base: None, .. } => AuditOp::Created,
        Edit::Put { .. } => AuditOp::Edited,
        Edit::Delete { .. } => AuditOp::Deleted,
        Edit::Retire { .. } => AuditOp::Discarded,
    }
}

fn kind(id: &str) -> &str {
    id.split_once(':').map_or("", |(k, _)| k)
}

fn without_type(body: &Value) -> Value {
    let mut body = body.clone();
    if let Some(map) = body.as_object_mut() {
        map.remove("type");
    }
    body
}

/// The changes from one body to the next (`type` left out; a field going from absent to null,
/// or back, is no change).
fn changes_between(before: Option<&Value>, after: &Value) -> Vec<Change> {
    let empty = Value::Object(Default::default());
    let nothing = |v: &Option<Value>| v.as_ref().is_none_or(Value::is_null);
    let mut changes = field_changes(
        &without_type(before.unwrap_or(&empty)),
        &without_type(after),
    );
    changes.retain(|c| !(nothing(&c.before) && nothing(&c.after)));
    changes
}

/// Shortens every string longer than `SHORTENED_CHARS` in a value.
fn shorten(value: &mut Value) {
    match value {
        Value::String(s) if s.chars().count() > SHORTENED_CHARS => {
            *s = s.chars().take(SHORTENED_CHARS).chain(['…']).collect();
        }
        Value::Array(items) => items.iter_mut().for_each(shorten),
        Value::Object(map) => map.values_mut().for_each(shorten),
        _ => {}
    }
}

fn store_error(id: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::InvalidBody {
        id: id.to_owned(),
        reason: e.to_string(),
    }
}

impl Mahdar {
    /// Writes edits atomically and durably, with the audit entry that records them, returning
    /// the new revisions of the edits.
    pub(crate) fn commit(&self, edits: Vec<Edit>) -> Result<Vec<Rev>> {
        if edits.is_empty() {
            return Ok(Vec::new());
        }
        let profile = self.user_profile()?;
        let audit_id = AuditId::from_uuid(self.clock.new_uuid()).doc_id();
        let at = self.clock.now();
        let planned: Vec<(AuditOp, Option<Value>)> = edits
            .iter()
            .map(|e| {
                let after = match e {
                    Edit::Put { body, .. } => Some(body.clone()),
                    _ => None,
                };
                (op_of(e), after)
            })
            .collect();
        let revs = self.store.write_then(edits, |written| {
            let mut entry = AuditEntry {
                at,
                by: profile.as_ref().map(|p| p.name.clone()),
                role: profile.as_ref().map(|p| p.role),
                machine: crate::syncing::machine_name(),
                replica: self.store.replica_id().to_owned(),
                edits: Vec::with_capacity(written.len()),
            };
            for (w, (op, after)) in written.iter().zip(planned) {
                entry.edits.push(self.audited_edit(w, op, after.as_ref())?);
            }
            let mut body = serde_json::to_value(&entry).map_err(|e| store_error(&audit_id, e))?;
            if body.to_string().len() > MAX_ENTRY_BYTES {
                for edit in body["edits"].as_array_mut().into_iter().flatten() {
                    for change in edit["changes"].as_array_mut().into_iter().flatten() {
                        shorten(&mut change["before"]);
                        shorten(&mut change["after"]);
                    }
                }
            }
            if let Some(map) = body.as_object_mut() {
                map.insert("type".into(), Value::String(AuditId::KIND.into()));
            }
            Ok(vec![Edit::Put {
                id: audit_id.clone(),
                base: None,
                body,
            }])
        })?;
        Ok(revs)
    }

    /// The record of one edit, as written.
    fn audited_edit(
        &self,
        w: &Written,
        op: AuditOp,
        after: Option<&Value>,
    ) -> std::result::Result<AuditedEdit, StoreError> {
        let before = match &w.parent {
            Some(parent) => self.store.get_rev(&w.id, parent)?,
            None => None,
        };
        let changes = match after {
            Some(after) => changes_between(before.as_ref(), after),
            None => Vec::new(),
        };
        let meeting = self.meeting_of(&w.id, after.or(before.as_ref()))?;
        Ok(AuditedEdit {
            doc: w.id.clone(),
            rev: w.rev.to_string(),
            base: w.parent.map(|r| r.to_string()),
            meeting,
            op,
            changes,
        })
    }

    /// The meeting a document belongs to: itself for a meeting, its `meeting` field, or the
    /// meeting of its action for a progress entry.
    fn meeting_of(
        &self,
        id: &str,
        body: Option<&Value>,
    ) -> std::result::Result<Option<String>, StoreError> {
        if kind(id) == MeetingId::KIND {
            return Ok(Some(id.to_owned()));
        }
        let Some(body) = body else { return Ok(None) };
        if let Some(meeting) = body.get("meeting").and_then(Value::as_str) {
            return Ok(Some(meeting.to_owned()));
        }
        if let Some(action) = body.get("action").and_then(Value::as_str) {
            return Ok(self.store.get_including_deleted(action)?.and_then(|d| {
                d.body
                    .get("meeting")
                    .and_then(Value::as_str)
                    .map(Into::into)
            }));
        }
        Ok(None)
    }

    fn audit_entries(&self, index: &str, key: &str) -> Result<Vec<AuditEntry>> {
        let ids: BTreeSet<String> = self
            .store
            .index_scan(index, &index_prefix(&[key]))?
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        Ok(self
            .load_ids::<AuditEntry>(ids)?
            .into_iter()
            .map(|s| s.value)
            .collect())
    }

    /// The history of one document, oldest first: every recorded edit, and the versions its
    /// revision tree holds that no entry records (merges made by a sync). A meeting's id gives
    /// the history of the whole meeting ([`Mahdar::meeting_history`]).
    pub fn history(&self, doc_id: &str) -> Result<Vec<HistoryEntry>> {
        if let Ok(meeting) = MeetingId::parse_doc_id(doc_id) {
            return self.meeting_history(meeting);
        }
        let entries = self.audit_entries(AUDIT_BY_DOC, doc_id)?;
        let tree = self.store.rev_tree(doc_id)?;
        if entries.is_empty() && tree.is_none() {
            return Err(Error::NotFound {
                what: "document",
                id: doc_id.to_owned(),
            });
        }
        let mut out = Vec::new();
        let label = self.label_of(doc_id)?;
        self.recorded(&entries, |e| e.doc == doc_id, &mut out, &mut |_| {
            label.clone()
        });
        if let Some(tree) = tree {
            self.derived(doc_id, &tree, &label, &mut out)?;
        }
        out.sort_by(|a, b| {
            let pos =
                |e: &HistoryEntry| e.rev.split('-').next().and_then(|p| p.parse::<u64>().ok());
            (pos(a), a.at).cmp(&(pos(b), b.at))
        });
        Ok(out)
    }

    /// The history of a meeting and everything in it (attendance, statements, decisions,
    /// actions and their progress, visits, approvals), deleted items included, oldest first;
    /// versions no entry records come last.
    pub fn meeting_history(&self, meeting: MeetingId) -> Result<Vec<HistoryEntry>> {
        let id = meeting.doc_id();
        let entries = self.audit_entries(AUDIT_BY_MEETING, &id)?;
        if entries.is_empty() && self.store.rev_tree(&id)?.is_none() {
            return Err(Error::NotFound {
                what: "meeting",
                id,
            });
        }
        let mut labels = std::collections::BTreeMap::new();
        let mut out = Vec::new();
        let mut label = |doc: &str| -> String {
            labels
                .entry(doc.to_owned())
                .or_insert_with(|| self.label_of(doc).unwrap_or_default())
                .clone()
        };
        self.recorded(
            &entries,
            |e| e.meeting.as_deref() == Some(id.as_str()),
            &mut out,
            &mut label,
        );
        // Documents of the meeting now, for the versions no entry records.
        let mut docs = vec![id.clone()];
        for (_, child) in self.store.index_scan(CHILDREN, &index_prefix(&[&id]))? {
            if kind(&child) == "action" {
                for (_, progress) in self.store.index_scan(PROGRESS, &index_prefix(&[&child]))? {
                    docs.push(progress);
                }
            }
            docs.push(child);
        }
        docs.extend(self.approvals(meeting)?.iter().map(|a| a.id.doc_id()));
        for doc in docs {
            if let Some(tree) = self.store.rev_tree(&doc)? {
                let l = label(&doc);
                self.derived(&doc, &tree, &l, &mut out)?;
            }
        }
        out.sort_by_key(|e| (e.at.is_none(), e.at));
        Ok(out)
    }

    fn recorded(
        &self,
        entries: &[AuditEntry],
        keep: impl Fn(&AuditedEdit) -> bool,
        out: &mut Vec<HistoryEntry>,
        label: &mut dyn FnMut(&str) -> String,
    ) {
        for entry in entries {
            for edit in entry.edits.iter().filter(|e| keep(e)) {
                out.push(HistoryEntry {
                    doc: edit.doc.clone(),
                    kind: kind(&edit.doc).to_owned(),
                    label: label(&edit.doc),
                    rev: edit.rev.clone(),
                    base: edit.base.clone(),
                    op: edit.op,
                    at: Some(entry.at),
                    by: entry.by.clone(),
                    role: entry.role,
                    machine: entry.machine.clone(),
                    replica: Some(entry.replica.clone()),
                    recorded: true,
                    changes: edit.changes.clone(),
                });
            }
        }
    }

    /// The versions of a document no entry in `out` records, read from its revision tree.
    fn derived(
        &self,
        doc: &str,
        tree: &RevTree,
        label: &str,
        out: &mut Vec<HistoryEntry>,
    ) -> Result<()> {
        let recorded: BTreeSet<String> = out
            .iter()
            .filter(|e| e.doc == doc)
            .map(|e| e.rev.clone())
            .collect();
        let body = |rev: &Rev| -> Result<Option<Value>> { Ok(self.store.get_rev(doc, rev)?) };
        // Where merged branches went: the tombstones that ended them name the merge.
        let mut merges = BTreeSet::new();
        for node in tree.nodes().filter(|n| n.deleted) {
            if let Some(into) = body(&node.rev)?
                .as_ref()
                .and_then(|b| b.get("resolved_into"))
                .and_then(Value::as_str)
            {
                merges.insert(into.to_owned());
            }
        }
        for node in tree.nodes() {
            let rev = node.rev.to_string();
            if recorded.contains(&rev) {
                continue;
            }
            let this = body(&node.rev)?;
            let op = if node.deleted {
                if this
                    .as_ref()
                    .is_some_and(|b| b.get("resolved_into").is_some())
                {
                    AuditOp::Discarded
                } else {
                    AuditOp::Deleted
                }
            } else if merges.contains(&rev) {
                AuditOp::Merged
            } else if node.parent.is_none() {
                AuditOp::Created
            } else {
                AuditOp::Edited
            };
            let changes = match (&this, &node.parent) {
                _ if node.deleted => Vec::new(),
                (Some(after), None) => changes_between(None, after),
                (Some(after), Some(parent)) => match body(parent)? {
                    Some(before) => changes_between(Some(&before), after),
                    None => Vec::new(),
                },
                (None, _) => Vec::new(),
            };
            out.push(HistoryEntry {
                doc: doc.to_owned(),
                kind: kind(doc).to_owned(),
                label: label.to_owned(),
                rev,
                base: node.parent.map(|r| r.to_string()),
                op,
                at: None,
                by: None,
                role: None,
                machine: None,
                replica: None,
                recorded: false,
                changes,
            });
        }
        Ok(())
    }

    /// What a document is, in a few words: its title, the start of its text, a name. A
    /// deleted document is named by its last live version.
    fn label_of(&self, doc: &str) -> Result<String> {
        let Some(current) = self.store.get_including_deleted(doc)? else {
            return Ok(String::new());
        };
        let body = if current.deleted {
            let parent = self
                .store
                .rev_tree(doc)?
                .and_then(|t| t.get(&current.rev).and_then(|n| n.parent));
            match parent {
                Some(p) => self.store.get_rev(doc, &p)?.unwrap_or(Value::Null),
                None => Value::Null,
            }
        } else {
            current.body
        };
        self.describe(doc, &body)
    }
}

impl Record for AuditEntry {
    type Id = AuditId;
    const WHAT: &'static str = "audit entry";
}
