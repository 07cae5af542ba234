//! Conflicts: merged field by field when they can be, kept and shown when they cannot.
//!
//! When two replicas edit one document apart, the store keeps both leaves (nothing is ever
//! overwritten). [`settle`] then tries a three-way merge of each losing leaf into the winner,
//! against their most recent common ancestor (the merge base, whose body the store keeps):
//! different fields changed on each side merge; the same field changed on both sides to
//! different values is a real conflict, left for a person. A merge is written as ordinary
//! revisions — the merged body as a child of the winner, and the merged leaf ended by a
//! tombstone that names the revision it went into — so it replicates like any edit. Those
//! revisions are derived from their content alone, so two replicas that merge the same
//! conflict write the very same revisions and never conflict over the merge.
//!
//! A deletion on one side and an edit on the other is a conflict too: the edited version
//! stays visible (live beats deleted), and the deletion is shown beside it until a person
//! keeps one of them.

use crate::Result;
use mahdar_store::{Edit, Rev, RevNode, RevTree, Store, StoreError};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The field of a tombstone that ends a resolved branch: the revision it yielded to.
pub const RESOLVED_INTO: &str = "resolved_into";

/// Merges `theirs` into `ours`, both descended from `base`, field by field (objects
/// recursively; arrays and scalars whole). `Err` lists the paths changed differently on both
/// sides.
pub fn three_way(base: &Value, ours: &Value, theirs: &Value) -> Result<Value, Vec<String>> {
    let mut conflicts = Vec::new();
    let merged = merge_value(Some(base), Some(ours), Some(theirs), "", &mut conflicts);
    if conflicts.is_empty() {
        Ok(merged.unwrap_or(Value::Null))
    } else {
        Err(conflicts)
    }
}

fn merge_value(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    path: &str,
    conflicts: &mut Vec<String>,
) -> Option<Value> {
    if ours == theirs {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if theirs == base {
        return ours.cloned();
    }
    if let (Some(Value::Object(o)), Some(Value::Object(t))) = (ours, theirs) {
        let empty = Map::new();
        let b = match base {
            Some(Value::Object(b)) => b,
            _ => &empty,
        };
        let keys: BTreeSet<&String> = o.keys().chain(t.keys()).chain(b.keys()).collect();
        let mut out = Map::new();
        for k in keys {
            let sub = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            if let Some(v) = merge_value(b.get(k), o.get(k), t.get(k), &sub, conflicts) {
                out.insert(k.clone(), v);
            }
        }
        return Some(Value::Object(out));
    }
    conflicts.push(if path.is_empty() {
        "(document)".to_owned()
    } else {
        path.to_owned()
    });
    ours.cloned()
}

/// The paths whose values differ between two bodies (objects compared recursively).
pub fn differing_fields(a: &Value, b: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff_into(Some(a), Some(b), "", &mut out);
    out
}

fn diff_into(a: Option<&Value>, b: Option<&Value>, path: &str, out: &mut Vec<String>) {
    if a == b {
        return;
    }
    if let (Some(Value::Object(x)), Some(Value::Object(y))) = (a, b) {
        let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
        for k in keys {
            let sub = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            diff_into(x.get(k), y.get(k), &sub, out);
        }
    } else {
        out.push(if path.is_empty() {
            "(document)".to_owned()
        } else {
            path.to_owned()
        });
    }
}

/// What [`settle`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Settled {
    /// Documents whose conflicting versions were merged automatically.
    pub merged: usize,
    /// Documents left with a conflict for a person.
    pub conflicted: usize,
}

/// Deleted leaves that contest a live winner: deletions that were not the end of a resolved
/// branch (edit on one side, delete on the other).
fn contested_deletions(store: &Store, id: &str, tree: &RevTree) -> Result<Vec<Rev>> {
    let Some(winner) = tree.winner() else {
        return Ok(Vec::new());
    };
    if winner.deleted {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for leaf in tree.leaves() {
        if leaf.deleted && !is_resolution(store, id, &leaf)? {
            out.push(leaf.rev);
        }
    }
    Ok(out)
}

fn is_resolution(store: &Store, id: &str, leaf: &RevNode) -> Result<bool> {
    Ok(store
        .get_rev(id, &leaf.rev)?
        .is_some_and(|b| b.get(RESOLVED_INTO).is_some()))
}

fn note(into: &Rev) -> Value {
    serde_json::json!({ RESOLVED_INTO: into.to_string() })
}

/// Merges what can be merged in the given documents (those a pull or an import changed), and
/// counts what is left for a person.
pub fn settle<I, S>(store: &Store, ids: I) -> Result<Settled>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut settled = Settled::default();
    for id in ids {
        let id = id.as_ref();
        match settle_one(store, id) {
            Ok(Some(true)) => settled.merged += 1,
            Ok(Some(false)) | Ok(None) => {}
            // Someone edited the document meanwhile: the next sync merges it.
            Err(crate::SyncError::Store(StoreError::Conflict { .. })) => {}
            Err(e) => return Err(e),
        }
        if let Some(tree) = store.rev_tree(id)?
            && (!tree.conflicts().is_empty() || !contested_deletions(store, id, &tree)?.is_empty())
        {
            settled.conflicted += 1;
        }
    }
    Ok(settled)
}

/// Merges the losing live leaves of one document into its winner where that is clean.
/// `Some(true)` if something was merged.
fn settle_one(store: &Store, id: &str) -> Result<Option<bool>> {
    let Some(tree) = store.rev_tree(id)? else {
        return Ok(None);
    };
    let losers = tree.conflicts();
    if losers.is_empty() {
        return Ok(None);
    }
    let Some(winner) = tree.winner() else {
        return Ok(None);
    };
    let Some(winner_body) = store.get_rev(id, &winner.rev)? else {
        return Ok(Some(false));
    };
    let mut merged = winner_body.clone();
    let mut absorbed = Vec::new();
    for loser in losers {
        let Some(theirs) = store.get_rev(id, &loser)? else {
            continue;
        };
        if theirs == merged {
            absorbed.push(loser);
            continue;
        }
        let Some((_, base)) = store.merge_base(id, &winner.rev, &loser)? else {
            continue;
        };
        if let Ok(m) = three_way(&base, &merged, &theirs) {
            merged = m;
            absorbed.push(loser);
        }
    }
    if absorbed.is_empty() {
        return Ok(Some(false));
    }
    let mut edits = Vec::new();
    let into = if merged == winner_body {
        winner.rev
    } else {
        edits.push(Edit::Put {
            id: id.to_owned(),
            base: Some(winner.rev),
            body: merged.clone(),
        });
        Rev::compute(Some(&winner.rev), false, &merged)
    };
    for loser in absorbed {
        edits.push(Edit::Retire {
            id: id.to_owned(),
            base: loser,
            note: note(&into),
        });
    }
    store.write(edits)?;
    Ok(Some(true))
}

/// One version of a conflicted document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Version {
    /// Its revision.
    pub rev: Rev,
    /// A deletion.
    pub deleted: bool,
    /// Whether it currently wins (is what the app shows).
    pub winner: bool,
    /// Its body (`None` for a deletion or a body this replica never received).
    pub body: Option<Value>,
}

/// A document that needs a person: its competing versions, field by field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The document.
    pub id: String,
    /// `edit` (two edited versions) or `edit_delete` (edited on one side, deleted on the
    /// other).
    pub kind: &'static str,
    /// The versions, the winner first.
    pub versions: Vec<Version>,
    /// The fields that differ between the versions.
    pub fields: Vec<String>,
    /// The body of their common ancestor, when held (what each side changed from).
    pub base: Option<Value>,
}

/// The conflict in one document, if it has one.
pub fn conflict(store: &Store, id: &str) -> Result<Option<Conflict>> {
    let Some(tree) = store.rev_tree(id)? else {
        return Ok(None);
    };
    let Some(winner) = tree.winner() else {
        return Ok(None);
    };
    let live = tree.conflicts();
    let contested = contested_deletions(store, id, &tree)?;
    if live.is_empty() && contested.is_empty() {
        return Ok(None);
    }
    let winner_body = store.get_rev(id, &winner.rev)?;
    let mut versions = vec![Version {
        rev: winner.rev,
        deleted: false,
        winner: true,
        body: winner_body.clone(),
    }];
    let mut fields = BTreeSet::new();
    let mut base = None;
    for rev in &live {
        let body = store.get_rev(id, rev)?;
        if let (Some(a), Some(b)) = (&winner_body, &body) {
            fields.extend(differing_fields(a, b));
        }
        if base.is_none() {
            base = store.merge_base(id, &winner.rev, rev)?.map(|(_, b)| b);
        }
        versions.push(Version {
            rev: *rev,
            deleted: false,
            winner: false,
            body,
        });
    }
    for rev in &contested {
        // What the edit changed since the version that was deleted elsewhere.
        if let Some((_, b)) = store.merge_base(id, &winner.rev, rev)? {
            if let Some(w) = &winner_body {
                fields.extend(differing_fields(&b, w));
            }
            base.get_or_insert(b);
        }
        versions.push(Version {
            rev: *rev,
            deleted: true,
            winner: false,
            body: None,
        });
    }
    Ok(Some(Conflict {
        id: id.to_owned(),
        kind: if live.is_empty() {
            "edit_delete"
        } else {
            "edit"
        },
        versions,
        fields: fields.into_iter().collect(),
        base,
    }))
}

/// Every document that needs a person, in id order.
pub fn conflicts(store: &Store) -> Result<Vec<Conflict>> {
    let mut out = Vec::new();
    for entry in store.rev_trees() {
        let (id, tree) = entry?;
        // Only a live winner with another leaf (live, or a deletion that may contest it) can
        // be in conflict: the bodies of the others are never read.
        let candidate = tree.winner().is_some_and(|w| !w.deleted) && tree.leaves().len() > 1;
        if candidate && let Some(c) = conflict(store, &id)? {
            out.push(c);
        }
    }
    Ok(out)
}

/// How a person resolves a conflict.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Keep this version (a live one, or the deletion) and end the others.
    Keep(Rev),
    /// Keep this body, written as a new revision of the winner; the others end.
    Merged(Value),
}

/// Resolves a conflict with ordinary revisions (which replicate like any edit). Returns the
/// revision that now wins. Nothing is lost: the ended versions stay in the history.
pub fn resolve(store: &Store, id: &str, resolution: Resolution) -> Result<Rev> {
    let (edits, kept) = resolution_edits(store, id, resolution)?;
    store.write(edits)?;
    Ok(kept)
}

/// The edits that resolve a conflict (to be written in one atomic write), and the revision
/// that will win once they are written.
pub fn resolution_edits(
    store: &Store,
    id: &str,
    resolution: Resolution,
) -> Result<(Vec<Edit>, Rev)> {
    let Some(c) = conflict(store, id)? else {
        return Err(crate::SyncError::Refused(format!(
            "{id} has no conflict to resolve"
        )));
    };
    let winner = c.versions[0].rev;
    let mut edits = Vec::new();
    let kept = match resolution {
        Resolution::Keep(rev) => {
            if !c.versions.iter().any(|v| v.rev == rev) {
                let listed: Vec<String> = c.versions.iter().map(|v| v.rev.to_string()).collect();
                return Err(crate::SyncError::Refused(format!(
                    "{rev} is not one of the versions of {id} ({})",
                    listed.join(", ")
                )));
            }
            rev
        }
        Resolution::Merged(body) => {
            let rev = Rev::compute(Some(&winner), false, &body);
            edits.push(Edit::Put {
                id: id.to_owned(),
                base: Some(winner),
                body,
            });
            rev
        }
    };
    let keeps_deletion = c.versions.iter().any(|v| v.rev == kept && v.deleted);
    for v in &c.versions {
        if v.rev == kept || (edits.len() == 1 && v.rev == winner) {
            continue;
        }
        // Keeping a deletion leaves the other deletions as they are.
        if keeps_deletion && v.deleted {
            continue;
        }
        edits.push(Edit::Retire {
            id: id.to_owned(),
            base: v.rev,
            note: note(&kept),
        });
    }
    Ok((edits, kept))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn different_fields_merge_and_the_same_field_conflicts() {
        let base = json!({ "title": "لقاء", "venue": "فاس", "names": { "ar": "أ", "fr": "A" } });
        let ours =
            json!({ "title": "لقاء جهوي", "venue": "فاس", "names": { "ar": "أ", "fr": "A" } });
        let theirs =
            json!({ "title": "لقاء", "venue": "مكناس", "names": { "ar": "أ", "fr": "B" } });
        assert_eq!(
            three_way(&base, &ours, &theirs),
            Ok(
                json!({ "title": "لقاء جهوي", "venue": "مكناس", "names": { "ar": "أ", "fr": "B" } })
            )
        );
        let clash =
            json!({ "title": "لقاء آخر", "venue": "فاس", "names": { "ar": "ب", "fr": "A" } });
        assert_eq!(
            three_way(&base, &ours, &clash),
            Err(vec!["title".to_owned()])
        );
        let nested = json!({ "title": "لقاء", "venue": "فاس", "names": { "ar": "ج", "fr": "A" } });
        assert_eq!(
            three_way(&base, &clash, &nested),
            Err(vec!["names.ar".to_owned()])
        );
    }

    #[test]
    fn added_and_removed_fields_merge_and_identical_changes_agree() {
        let base = json!({ "a": 1, "b": 2 });
        let ours = json!({ "a": 1, "b": 2, "c": 3 });
        let theirs = json!({ "a": 1 });
        assert_eq!(
            three_way(&base, &ours, &theirs),
            Ok(json!({ "a": 1, "c": 3 }))
        );
        let both = json!({ "a": 5, "b": 2 });
        assert_eq!(three_way(&base, &both, &both), Ok(both.clone()));
        // Removed on one side, changed on the other: a conflict, not a silent loss.
        let changed = json!({ "a": 1, "b": 7 });
        assert_eq!(
            three_way(&base, &theirs, &changed),
            Err(vec!["b".to_owned()])
        );
        // Arrays are whole values.
        let base = json!({ "l": [1, 2] });
        assert_eq!(
            three_way(
                &base,
                &json!({ "l": [1, 2, 3] }),
                &json!({ "l": [0, 1, 2] })
            ),
            Err(vec!["l".to_owned()])
        );
    }

    #[test]
    fn differing_fields_are_listed_by_path() {
        let a = json!({ "t": 1, "n": { "ar": "x", "fr": "y" }, "gone": true });
        let b = json!({ "t": 1, "n": { "ar": "z", "fr": "y" }, "new": 1 });
        assert_eq!(differing_fields(&a, &b), ["gone", "n.ar", "new"]);
    }
}
