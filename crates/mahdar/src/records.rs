//! Typed documents over the untyped store: every model entity is one document of its kind.
//!
//! Fields a newer Mahdar added to a document are kept when this version edits it (they are
//! carried over from the stored body), so replicas on different versions never erase each
//! other's data.

use crate::{Error, Mahdar, Result};
use mahdar_model::{
    ActionId, Attendance, AttendanceId, Decision, DecisionId, DocKey, FollowUpAction, Meeting,
    MeetingId, Organisation, OrganisationId, Person, PersonId, ProgressEntry, ProgressId, Series,
    SeriesId, SiteVisit, Statement, StatementId, VisitId,
};
use mahdar_store::{Document, Edit, Rev};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

/// A model entity stored as one document.
pub trait Record: Serialize + DeserializeOwned + Clone {
    /// Its typed id.
    type Id: DocKey + Serialize;
    /// What to call it in messages.
    const WHAT: &'static str;
}

macro_rules! record {
    ($t:ty, $id:ty, $what:literal) => {
        impl Record for $t {
            type Id = $id;
            const WHAT: &'static str = $what;
        }
    };
}

record!(Series, SeriesId, "series");
record!(Meeting, MeetingId, "meeting");
record!(Person, PersonId, "person");
record!(Organisation, OrganisationId, "organisation");
record!(Attendance, AttendanceId, "attendance entry");
record!(Statement, StatementId, "statement");
record!(Decision, DecisionId, "decision");
record!(FollowUpAction, ActionId, "action");
record!(ProgressEntry, ProgressId, "progress entry");
record!(SiteVisit, VisitId, "site visit");
record!(
    mahdar_model::ReportDraft,
    mahdar_model::ReportId,
    "report draft"
);

/// A stored entity with its id and revision. Serialised flat: `{"id", "rev", ...fields}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stored<T: Record> {
    /// The document id.
    pub id: T::Id,
    /// The current (winning) revision; pass it back when saving an edit.
    pub rev: Rev,
    /// The entity.
    #[serde(flatten)]
    pub value: T,
    /// Other live versions waiting for a person to choose (after concurrent edits).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Rev>,
}

/// The body a value is stored as: its fields plus `type`, over whatever else the stored
/// version held.
pub(crate) fn body_of<T: Record>(value: &T, previous: Option<&Value>) -> Result<Value> {
    let mut body = match previous {
        Some(Value::Object(old)) => old.clone(),
        _ => serde_json::Map::new(),
    };
    let Value::Object(fields) =
        serde_json::to_value(value).map_err(|e| Error::invalid("body", e.to_string()))?
    else {
        return Err(Error::invalid(
            "body",
            "an entity must serialise to an object",
        ));
    };
    body.extend(fields);
    body.insert("type".into(), Value::String(<T::Id as DocKey>::KIND.into()));
    Ok(Value::Object(body))
}

pub(crate) fn decode<T: Record>(doc: Document) -> Result<Stored<T>> {
    let id = T::Id::parse_doc_id(&doc.id).map_err(|e| Error::Unreadable {
        id: doc.id.clone(),
        reason: e.to_string(),
    })?;
    let value = serde_json::from_value(doc.body).map_err(|e| Error::Unreadable {
        id: doc.id.clone(),
        reason: e.to_string(),
    })?;
    Ok(Stored {
        id,
        rev: doc.rev,
        value,
        conflicts: doc.conflicts,
    })
}

impl Mahdar {
    /// One entity, or `NotFound`.
    pub(crate) fn load<T: Record>(&self, id: T::Id) -> Result<Stored<T>> {
        self.find(id)?.ok_or_else(|| Error::NotFound {
            what: T::WHAT,
            id: id.doc_id(),
        })
    }

    /// One entity, if it exists.
    pub(crate) fn find<T: Record>(&self, id: T::Id) -> Result<Option<Stored<T>>> {
        self.store.get(&id.doc_id())?.map(decode).transpose()
    }

    /// Every live entity of a kind, in creation order. Documents this version cannot read
    /// (from a newer Mahdar) are left out of lists rather than failing them; see
    /// [`Mahdar::unreadable_documents`].
    pub(crate) fn all<T: Record>(&self) -> Result<Vec<Stored<T>>> {
        let prefix = format!("{}:", <T::Id as DocKey>::KIND);
        let mut out = Vec::new();
        for doc in self.store.scan(&prefix) {
            if let Ok(stored) = decode(doc?) {
                out.push(stored);
            }
        }
        Ok(out)
    }

    /// Documents this version of Mahdar cannot read (written by a newer version, or damaged):
    /// kept and synced untouched, but left out of lists. `(id, reason)`.
    pub fn unreadable_documents(&self) -> Result<Vec<(String, String)>> {
        fn check<T: Record>(app: &Mahdar, out: &mut Vec<(String, String)>) -> Result<()> {
            let prefix = format!("{}:", <T::Id as DocKey>::KIND);
            for doc in app.store.scan(&prefix) {
                let doc = doc?;
                let id = doc.id.clone();
                if let Err(e) = decode::<T>(doc) {
                    out.push((id, e.to_string()));
                }
            }
            Ok(())
        }
        let mut out = Vec::new();
        check::<Series>(self, &mut out)?;
        check::<Meeting>(self, &mut out)?;
        check::<Person>(self, &mut out)?;
        check::<Organisation>(self, &mut out)?;
        check::<Attendance>(self, &mut out)?;
        check::<Statement>(self, &mut out)?;
        check::<Decision>(self, &mut out)?;
        check::<FollowUpAction>(self, &mut out)?;
        check::<ProgressEntry>(self, &mut out)?;
        check::<SiteVisit>(self, &mut out)?;
        check::<mahdar_model::Attachment>(self, &mut out)?;
        check::<mahdar_model::ReportDraft>(self, &mut out)?;
        check::<mahdar_model::Approval>(self, &mut out)?;
        check::<mahdar_model::AuditEntry>(self, &mut out)?;
        Ok(out)
    }

    /// The edits that delete a document: every live version of it, so that deleting a
    /// document with conflicting versions does not bring the other one back.
    pub(crate) fn deletion(&self, doc_id: &str) -> Result<Vec<Edit>> {
        let Some(tree) = self.store.rev_tree(doc_id)? else {
            return Ok(Vec::new());
        };
        Ok(tree
            .leaves()
            .into_iter()
            .filter(|n| !n.deleted)
            .map(|n| Edit::Delete {
                id: doc_id.to_owned(),
                base: n.rev,
            })
            .collect())
    }

    /// Serialises the use cases that write: each checks its rules and writes with no other
    /// write in between (a speaker cannot leave the list between the check and the write).
    pub(crate) fn exclusive(&self) -> std::sync::MutexGuard<'_, ()> {
        // A panic while holding it leaves nothing half-done (writes are atomic).
        self.writes.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Loads the entities whose ids an index scan returned.
    pub(crate) fn load_ids<T: Record>(
        &self,
        ids: impl IntoIterator<Item = String>,
    ) -> Result<Vec<Stored<T>>> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(Ok(stored)) = self.store.get(&id)?.map(decode) {
                out.push(stored);
            }
        }
        Ok(out)
    }

    /// The edit that creates a new entity.
    pub(crate) fn create_edit<T: Record>(&self, id: T::Id, value: &T) -> Result<Edit> {
        Ok(Edit::Put {
            id: id.doc_id(),
            base: None,
            body: body_of(value, None)?,
        })
    }

    /// The edit that saves a new version over `base`, keeping fields this version does not know.
    pub(crate) fn update_edit<T: Record>(&self, id: T::Id, base: Rev, value: &T) -> Result<Edit> {
        let previous = self.store.get_rev(&id.doc_id(), &base)?;
        Ok(Edit::Put {
            id: id.doc_id(),
            base: Some(base),
            body: body_of(value, previous.as_ref())?,
        })
    }

    /// Creates one entity durably.
    pub(crate) fn insert<T: Record>(&self, value: T) -> Result<Stored<T>> {
        let id = T::Id::from_uuid(self.clock.new_uuid());
        let edit = self.create_edit(id, &value)?;
        let rev = self.commit(vec![edit])?[0];
        Ok(Stored {
            id,
            rev,
            value,
            conflicts: Vec::new(),
        })
    }

    /// Saves a new version of one entity durably.
    pub(crate) fn save<T: Record>(&self, id: T::Id, base: Rev, value: T) -> Result<Stored<T>> {
        let edit = self.update_edit(id, base, &value)?;
        let rev = self.commit(vec![edit])?[0];
        let conflicts = self.conflicts_besides(&id.doc_id(), rev)?;
        Ok(Stored {
            id,
            rev,
            value,
            conflicts,
        })
    }

    /// What a document is, in a few words, from one of its bodies: a title, the start of its
    /// text, a person's name (an attendance entry is named by its person), an approval's
    /// number. Empty when the body says nothing of the kind.
    pub(crate) fn describe(&self, id: &str, body: &Value) -> Result<String> {
        let text = |field: &str| body.get(field).and_then(Value::as_str).map(str::to_owned);
        let person = |body: Value| {
            serde_json::from_value::<Person>(body)
                .ok()
                .map(|p| p.display_name(mahdar_model::Lang::Ar).to_owned())
        };
        let label = match id.split_once(':').map_or("", |(k, _)| k) {
            "attendance" => match text("person") {
                Some(p) => self.store.get(&p)?.and_then(|d| person(d.body)),
                None => None,
            },
            "person" => person(body.clone()),
            "approval" => body
                .get("amendment")
                .and_then(Value::as_u64)
                .map(|n| format!("#{n}")),
            _ => [
                "title",
                "name_ar",
                "title_ar",
                "name_latin",
                "name_fr",
                "text",
                "note",
                "place",
                "caption",
                "name",
            ]
            .iter()
            .find_map(|f| text(f)),
        };
        Ok(crate::syncing::shorten(&label.unwrap_or_default(), 80))
    }

    /// The other live leaves of a document, after `rev` was written.
    pub(crate) fn conflicts_besides(&self, id: &str, rev: Rev) -> Result<Vec<Rev>> {
        let Some(tree) = self.store.rev_tree(id)? else {
            return Ok(Vec::new());
        };
        Ok(tree
            .leaves()
            .into_iter()
            .filter(|n| !n.deleted && n.rev != rev)
            .map(|n| n.rev)
            .collect())
    }
}

/// Checks that a body (a merged version written by a person) reads as a document of its kind;
/// the reason when it does not. Kinds this version does not know pass unchecked.
pub(crate) fn check_body(kind: &str, body: &Value) -> std::result::Result<(), String> {
    fn is<T: Record>(body: &Value) -> std::result::Result<(), String> {
        serde_json::from_value::<T>(body.clone())
            .map(|_| ())
            .map_err(|e| format!("not a valid {}: {e}", T::WHAT))
    }
    macro_rules! by_kind {
        ($($t:ty),*) => {
            $(if kind == <<$t as Record>::Id as DocKey>::KIND {
                return is::<$t>(body);
            })*
        };
    }
    by_kind!(
        Series,
        Meeting,
        Person,
        Organisation,
        Attendance,
        Statement,
        Decision,
        FollowUpAction,
        ProgressEntry,
        SiteVisit,
        mahdar_model::Attachment,
        mahdar_model::Approval,
        mahdar_model::AuditEntry
    );
    Ok(())
}
