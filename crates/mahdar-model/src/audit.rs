//! The audit trail: who changed which document, when, on which laptop, and what changed.
//!
//! Every local write stores one [`AuditEntry`] document in the same atomic write as the edits
//! it describes, so the trail replicates with the documents and a change made on another
//! laptop shows in this laptop's history after a sync. The changed values are kept in the
//! entry itself: a peer receives a document's newest version, not every body before it, so
//! "what changed" could not be derived there from the revisions alone.

use crate::UserRole;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One difference between two versions of a document (or of approved minutes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Where: `text`, `names.fr`, `statements[statement:0193…].text`.
    pub path: String,
    /// The value before (`None`: added).
    #[serde(default)]
    pub before: Option<Value>,
    /// The value after (`None`: removed).
    #[serde(default)]
    pub after: Option<Value>,
}

/// What an edit did to its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditOp {
    /// Created it (or re-created it after a deletion).
    Created,
    /// Saved a new version.
    Edited,
    /// Deleted it.
    Deleted,
    /// Set one of its conflicting versions aside, resolving a conflict.
    Discarded,
    /// Merged two versions edited apart (a sync does it, field by field; never recorded as
    /// an entry, only derived from the revisions).
    Merged,
}

impl AuditOp {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            AuditOp::Created => "created",
            AuditOp::Edited => "edited",
            AuditOp::Deleted => "deleted",
            AuditOp::Discarded => "discarded",
            AuditOp::Merged => "merged",
        }
    }

    /// What the edit did, in a sentence's verb.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            AuditOp::Created => lang.pick("إنشاء", "création", "created"),
            AuditOp::Edited => lang.pick("تعديل", "modification", "edited"),
            AuditOp::Deleted => lang.pick("حذف", "suppression", "deleted"),
            AuditOp::Discarded => lang.pick(
                "استبعاد نسخة متعارضة",
                "version en conflit écartée",
                "conflicting version set aside",
            ),
            AuditOp::Merged => {
                lang.pick("دمج تلقائي", "fusion automatique", "merged automatically")
            }
        }
    }
}

/// One document's edit within an audited write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditedEdit {
    /// The document.
    pub doc: String,
    /// The revision the edit wrote.
    pub rev: String,
    /// The revision it was based on (`None`: a new document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The meeting the document belongs to (itself for a meeting), so a meeting's history
    /// lists its deleted statements too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// What it did.
    pub op: AuditOp,
    /// The fields it changed, with their values before and after (empty for a deletion).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// One write, as the audit trail records it: a document of its own (`audit:<uuid>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (the laptop's user profile), when they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Their role then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<UserRole>,
    /// The computer's name, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine: Option<String>,
    /// The laptop's replica id.
    pub replica: String,
    /// The edits of the write, in order.
    pub edits: Vec<AuditedEdit>,
}
