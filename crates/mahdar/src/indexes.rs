//! The secondary indexes the use cases query. Each reads only the document's own body; bump
//! an index's version whenever its key function changes and the store rebuilds it.

use mahdar_store::{IndexDef, index_key};
use serde_json::Value;

/// Children of a meeting by kind and order: `[meeting, kind, order]`.
pub(crate) const CHILDREN: &str = "children";
/// Progress entries of an action by date: `[action, date]`.
pub(crate) const PROGRESS: &str = "progress";
/// Meetings by region and date: `[region, date]` (`~` sorts a missing date last).
pub(crate) const MEETINGS_BY_REGION: &str = "meetings_by_region";
/// Meetings by series and rank: `[series, rank]`.
pub(crate) const MEETINGS_BY_SERIES: &str = "meetings_by_series";
/// Actions by status and due date: `[status, due]`.
pub(crate) const ACTIONS_BY_STATUS: &str = "actions_by_status";
/// Actions by owner and due date: `[owner, due]`.
pub(crate) const ACTIONS_BY_OWNER: &str = "actions_by_owner";

/// Audit entries by the documents they record: `[doc, at]`.
pub(crate) const AUDIT_BY_DOC: &str = "audit_by_doc";
/// Audit entries by the meetings of the documents they record: `[meeting, at]`.
pub(crate) const AUDIT_BY_MEETING: &str = "audit_by_meeting";

/// Attached files by what they are attached to: `[owner, added_at]`.
pub(crate) const ATTACHMENTS_BY_OWNER: &str = "attachments_by_owner";
/// Attached files by the meeting of what they are attached to: `[meeting, added_at]`.
pub(crate) const ATTACHMENTS_BY_MEETING: &str = "attachments_by_meeting";

/// How a missing date sorts: after every real one.
pub(crate) const NO_DATE: &str = "~";

fn kind(id: &str) -> &str {
    id.split_once(':').map_or("", |(k, _)| k)
}

fn text<'a>(body: &'a Value, field: &str) -> Option<&'a str> {
    body.get(field).and_then(Value::as_str)
}

fn children(id: &str, body: &Value) -> Vec<Vec<u8>> {
    let k = kind(id);
    if !matches!(
        k,
        "attendance" | "statement" | "decision" | "action" | "visit"
    ) {
        return Vec::new();
    }
    match text(body, "meeting") {
        Some(meeting) => vec![index_key(&[meeting, k, text(body, "order").unwrap_or("")])],
        None => Vec::new(),
    }
}

fn progress(id: &str, body: &Value) -> Vec<Vec<u8>> {
    match (kind(id), text(body, "action")) {
        ("progress", Some(action)) => {
            vec![index_key(&[action, text(body, "date").unwrap_or(NO_DATE)])]
        }
        _ => Vec::new(),
    }
}

fn meetings_by_region(id: &str, body: &Value) -> Vec<Vec<u8>> {
    match (kind(id), text(body, "region")) {
        ("meeting", Some(region)) => {
            vec![index_key(&[region, text(body, "date").unwrap_or(NO_DATE)])]
        }
        _ => Vec::new(),
    }
}

fn meetings_by_series(id: &str, body: &Value) -> Vec<Vec<u8>> {
    match (kind(id), text(body, "series")) {
        ("meeting", Some(series)) => {
            let rank = body
                .get("rank")
                .and_then(Value::as_u64)
                .map_or_else(|| NO_DATE.to_owned(), |r| format!("{r:010}"));
            vec![index_key(&[series, &rank])]
        }
        _ => Vec::new(),
    }
}

fn actions_by(field: &str, id: &str, body: &Value) -> Vec<Vec<u8>> {
    match (kind(id), text(body, field)) {
        ("action", Some(value)) => vec![index_key(&[value, text(body, "due").unwrap_or(NO_DATE)])],
        _ => Vec::new(),
    }
}

fn actions_by_status(id: &str, body: &Value) -> Vec<Vec<u8>> {
    actions_by("status", id, body)
}

fn actions_by_owner(id: &str, body: &Value) -> Vec<Vec<u8>> {
    actions_by("owner", id, body)
}

fn audit_by(field: &str, id: &str, body: &Value) -> Vec<Vec<u8>> {
    if kind(id) != "audit" {
        return Vec::new();
    }
    let at = text(body, "at").unwrap_or(NO_DATE);
    let keys: std::collections::BTreeSet<&str> = body
        .get("edits")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| text(e, field))
        .collect();
    keys.into_iter().map(|k| index_key(&[k, at])).collect()
}

fn attachments_by(field: &str, id: &str, body: &Value) -> Vec<Vec<u8>> {
    match (kind(id), text(body, field)) {
        ("attachment", Some(key)) => {
            vec![index_key(&[key, text(body, "added_at").unwrap_or(NO_DATE)])]
        }
        _ => Vec::new(),
    }
}

fn attachments_by_owner(id: &str, body: &Value) -> Vec<Vec<u8>> {
    attachments_by("owner", id, body)
}

fn attachments_by_meeting(id: &str, body: &Value) -> Vec<Vec<u8>> {
    attachments_by("meeting", id, body)
}

fn audit_by_doc(id: &str, body: &Value) -> Vec<Vec<u8>> {
    audit_by("doc", id, body)
}

fn audit_by_meeting(id: &str, body: &Value) -> Vec<Vec<u8>> {
    audit_by("meeting", id, body)
}

/// Every index of the application.
pub(crate) fn all() -> Vec<IndexDef> {
    vec![
        IndexDef {
            name: CHILDREN,
            version: 1,
            keys: children,
        },
        IndexDef {
            name: PROGRESS,
            version: 1,
            keys: progress,
        },
        IndexDef {
            name: MEETINGS_BY_REGION,
            version: 1,
            keys: meetings_by_region,
        },
        IndexDef {
            name: MEETINGS_BY_SERIES,
            version: 1,
            keys: meetings_by_series,
        },
        IndexDef {
            name: ACTIONS_BY_STATUS,
            version: 1,
            keys: actions_by_status,
        },
        IndexDef {
            name: ACTIONS_BY_OWNER,
            version: 1,
            keys: actions_by_owner,
        },
        IndexDef {
            name: AUDIT_BY_DOC,
            version: 1,
            keys: audit_by_doc,
        },
        IndexDef {
            name: AUDIT_BY_MEETING,
            version: 1,
            keys: audit_by_meeting,
        },
        IndexDef {
            name: ATTACHMENTS_BY_OWNER,
            version: 1,
            keys: attachments_by_owner,
        },
        IndexDef {
            name: ATTACHMENTS_BY_MEETING,
            version: 1,
            keys: attachments_by_meeting,
        },
    ]
}
