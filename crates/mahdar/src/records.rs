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

    /// Every live entity of a kind, in creation order.
    pub(crate) fn all<T: Record>(&self) -> Result<Vec<Stored<T>>> {
        let prefix = format!("{}:", <T::Id as DocKey>::KIND);
        self.store.scan(&prefix).map(|doc| decode(doc?)).collect()
    }

    /// Loads the entities whose ids an index scan returned.
    pub(crate) fn load_ids<T: Record>(
        &self,
        ids: impl IntoIterator<Item = String>,
    ) -> Result<Vec<Stored<T>>> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(doc) = self.store.get(&id)? {
                out.push(decode(doc)?);
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

    /// Writes edits atomically and durably, returning the new revisions.
    pub(crate) fn commit(&self, edits: Vec<Edit>) -> Result<Vec<Rev>> {
        Ok(self.store.write(edits)?)
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
