//! The approval workflow: the local user profile, who may move minutes where, and approvals
//! that freeze a snapshot of the minutes with its SHA-256 so a copy can be verified later.

use crate::{Error, Mahdar, Result, Stored, records::Record};
use mahdar_model::{Approval, ApprovalId, DocKey, MeetingId, MeetingStatus, UserProfile, UserRole};
use mahdar_store::canonical_json;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub(crate) const USER: &str = "user-profile";

/// The keys left out of a snapshot: revisions, and what follow-up may change after approval
/// (an action's status, due date, progress and what was delivered).
const VOLATILE: &[&str] = &[
    "rev",
    "conflicts",
    "status",
    "due",
    "overdue",
    "progress",
    "delivered",
    "totals",
    "approval",
];

pub use mahdar_docs::PDF_HASH_TAG;

/// What `verify-minutes` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    /// The meeting.
    pub meeting: String,
    /// The approval checked against, if any.
    pub approval: Option<ApprovalSummary>,
    /// SHA-256 of the minutes as they are now.
    pub current_sha256: String,
    /// Whether the minutes now are exactly the approved ones.
    pub matches: bool,
    /// What differs from the approved version, with the values before and after.
    pub changes: Vec<Change>,
    /// When the minutes went back to draft after an approval: the number of the amendment
    /// being prepared.
    pub amendment_in_progress: Option<u32>,
    /// For a file: the SHA-256 it carries.
    pub file_sha256: Option<String>,
}

/// An approval without its snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApprovalSummary {
    /// The approval document.
    pub id: String,
    /// 0, then 1, 2, … for amendments.
    pub amendment: u32,
    /// Who approved.
    pub approved_by: String,
    /// Their role.
    pub role: UserRole,
    /// When (RFC 3339).
    pub approved_at: String,
    /// The hash of the approved snapshot.
    pub sha256: String,
    /// Whether the stored snapshot still hashes to `sha256` (the approval record is intact).
    pub intact: bool,
}

fn strip(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !VOLATILE.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), strip(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
        other => other.clone(),
    }
}

/// SHA-256 of a snapshot's canonical JSON, 64 lower-case hex digits.
pub fn snapshot_sha256(snapshot: &Value) -> String {
    Sha256::digest(canonical_json(snapshot))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One difference between the approved minutes and the minutes now (or between two versions
/// of a document, in the audit trail).
pub use mahdar_model::Change;

/// What differs between two snapshots; items of lists are matched by their `id`, so an added,
/// removed or edited statement is named as such, with its values before and after.
pub fn snapshot_changes(before: &Value, after: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    diff(Some(before), Some(after), "", &mut out);
    out
}

fn diff(a: Option<&Value>, b: Option<&Value>, path: &str, out: &mut Vec<Change>) {
    if a == b {
        return;
    }
    let join = |k: &str| {
        if path.is_empty() {
            k.to_owned()
        } else {
            format!("{path}.{k}")
        }
    };
    let keyed = |v: &Vec<Value>| {
        v.iter()
            .all(|i| i.get("id").and_then(Value::as_str).is_some())
    };
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                diff(x.get(k), y.get(k), &join(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if keyed(x) && keyed(y) => {
            let id = |v: &Value| v["id"].as_str().unwrap_or_default().to_owned();
            let by_id = |items: &[Value]| -> BTreeMap<String, Value> {
                items.iter().map(|v| (id(v), v.clone())).collect()
            };
            let (bx, by) = (by_id(x), by_id(y));
            for item in x {
                diff(
                    Some(item),
                    by.get(&id(item)),
                    &format!("{path}[{}]", id(item)),
                    out,
                );
            }
            for item in y.iter().filter(|i| !bx.contains_key(&id(i))) {
                diff(None, Some(item), &format!("{path}[{}]", id(item)), out);
            }
            let order = |items: &[Value]| -> Vec<String> {
                items
                    .iter()
                    .map(id)
                    .filter(|i| bx.contains_key(i) && by.contains_key(i))
                    .collect()
            };
            if order(x) != order(y) {
                out.push(Change {
                    path: format!("{path} (order)"),
                    before: Some(Value::Array(
                        order(x).into_iter().map(Value::String).collect(),
                    )),
                    after: Some(Value::Array(
                        order(y).into_iter().map(Value::String).collect(),
                    )),
                });
            }
        }
        _ => out.push(Change {
            path: if path.is_empty() {
                "(minutes)".to_owned()
            } else {
                path.to_owned()
            },
            before: a.cloned(),
            after: b.cloned(),
        }),
    }
}

/// The snapshot of a meeting's record (see [`Mahdar::minutes_snapshot`]) and its SHA-256.
pub(crate) fn snapshot_of(record: &crate::MeetingRecord) -> Result<(Value, String)> {
    let value = serde_json::to_value(record).map_err(|e| Error::Document(e.to_string()))?;
    let snapshot = strip(&value);
    let hash = snapshot_sha256(&snapshot);
    Ok((snapshot, hash))
}

fn summary(stored: &Stored<Approval>) -> ApprovalSummary {
    let a = &stored.value;
    ApprovalSummary {
        id: stored.id.doc_id(),
        amendment: a.amendment,
        approved_by: a.approved_by.clone(),
        role: a.role,
        approved_at: a
            .approved_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        sha256: a.sha256.clone(),
        intact: snapshot_sha256(&a.snapshot) == a.sha256,
    }
}

impl Mahdar {
    /// The person using this laptop, if they said who they are.
    pub fn user_profile(&self) -> Result<Option<UserProfile>> {
        Ok(self
            .store
            .get_local(USER)?
            .and_then(|v| serde_json::from_value(v).ok()))
    }

    /// Says who uses this laptop (kept on this laptop only).
    pub fn set_user_profile(&self, profile: UserProfile) -> Result<UserProfile> {
        let profile = profile.validated()?;
        self.store
            .put_local(USER, &serde_json::to_value(&profile).unwrap_or(Value::Null))?;
        Ok(profile)
    }

    /// Checks that this laptop's user may move minutes to `to`.
    pub(crate) fn check_role(&self, from: MeetingStatus, to: MeetingStatus) -> Result<UserProfile> {
        let profile = self.user_profile()?.ok_or(Error::NoProfile)?;
        if !profile.role.may_move(from, to) {
            return Err(Error::NotAllowed {
                role: profile.role,
                from,
                to,
            });
        }
        Ok(profile)
    }

    /// The minutes of a meeting as a snapshot: the whole record without revisions and without
    /// what follow-up may change after approval; and its SHA-256.
    pub fn minutes_snapshot(&self, id: MeetingId) -> Result<(Value, String)> {
        snapshot_of(&self.meeting_record(id)?)
    }

    /// The approval document an approval of `meeting` writes now (with the edit of the meeting
    /// itself, in one atomic write).
    pub(crate) fn approval_edit(
        &self,
        meeting: MeetingId,
        profile: &UserProfile,
    ) -> Result<mahdar_store::Edit> {
        let (snapshot, sha256) = self.minutes_snapshot(meeting)?;
        let amendment = self
            .approvals(meeting)?
            .iter()
            .map(|a| a.value.amendment + 1)
            .max()
            .unwrap_or(0);
        let approval = Approval {
            meeting,
            amendment,
            approved_by: profile.name.clone(),
            role: profile.role,
            approved_at: self.clock.now(),
            machine: self.store.replica_id().to_owned(),
            sha256,
            snapshot,
        };
        self.create_edit(ApprovalId::from_uuid(self.clock.new_uuid()), &approval)
    }

    /// Every approval of a meeting, oldest first.
    pub fn approvals(&self, meeting: MeetingId) -> Result<Vec<Stored<Approval>>> {
        let mut out: Vec<Stored<Approval>> = self
            .all::<Approval>()?
            .into_iter()
            .filter(|a| a.value.meeting == meeting)
            .collect();
        out.sort_by_key(|a| (a.value.amendment, a.value.approved_at));
        Ok(out)
    }

    /// The latest approval of a meeting, without its snapshot.
    pub fn latest_approval(&self, meeting: MeetingId) -> Result<Option<ApprovalSummary>> {
        Ok(self.approvals(meeting)?.last().map(summary))
    }

    /// Whether a meeting's minutes are still exactly the approved ones, and what changed.
    pub fn verify_meeting(&self, meeting: MeetingId) -> Result<Verification> {
        self.verify_against(meeting, self.approvals(meeting)?.last())
    }

    /// The meeting's minutes now against one approval of them (none: not approved yet).
    fn verify_against(
        &self,
        meeting: MeetingId,
        approval: Option<&Stored<Approval>>,
    ) -> Result<Verification> {
        let record = self.meeting_record(meeting)?;
        let (current, current_sha256) = snapshot_of(&record)?;
        let amendment_in_progress = record
            .approval
            .as_ref()
            .filter(|_| !record.meeting.value.status.is_locked())
            .map(|latest| latest.amendment + 1);
        Ok(Verification {
            meeting: meeting.doc_id(),
            approval: approval.map(summary),
            matches: approval.is_some_and(|a| a.value.sha256 == current_sha256),
            changes: approval
                .map(|a| snapshot_changes(&a.value.snapshot, &current))
                .unwrap_or_default(),
            amendment_in_progress,
            current_sha256,
            file_sha256: None,
        })
    }

    /// Checks a file (a PDF of the minutes) against the approvals this laptop holds: the
    /// SHA-256 it carries must be that of an approved snapshot; then whether that meeting still
    /// matches it.
    pub fn verify_file(&self, bytes: &[u8]) -> Result<Verification> {
        let tag = PDF_HASH_TAG.as_bytes();
        let carried = bytes
            .windows(tag.len() + 64)
            .find(|w| w.starts_with(tag) && w[tag.len()..].iter().all(u8::is_ascii_hexdigit))
            .map(|w| String::from_utf8_lossy(&w[tag.len()..]).to_ascii_lowercase())
            .ok_or_else(|| {
                Error::invalid(
                    "file",
                    "this file carries no SHA-256 of approved minutes (only PDFs of approved minutes made by Mahdar do)",
                )
            })?;
        let approval = self
            .all::<Approval>()?
            .into_iter()
            .find(|a| a.value.sha256 == carried)
            .ok_or_else(|| {
                Error::invalid(
                    "file",
                    format!("the SHA-256 this file carries ({carried}) is not that of any approved minutes on this laptop; sync, then try again"),
                )
            })?;
        let mut v = self.verify_against(approval.value.meeting, Some(&approval))?;
        v.file_sha256 = Some(carried);
        Ok(v)
    }
}

impl Record for Approval {
    type Id = ApprovalId;
    const WHAT: &'static str = "approval";
}
