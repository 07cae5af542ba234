//! Document ids: `<kind>:<uuid>`, one newtype per kind so a statement id can never be passed
//! where a meeting id is expected.
//!
//! Ids are serialised as the full document id string (`"meeting:0193…"`), so a reference inside
//! a document says what it points at, in the store and on a CouchDB server alike.

use crate::ModelError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::{fmt, str::FromStr};
use uuid::Uuid;

/// A typed key of one kind of document.
pub trait DocKey: Copy + Eq + fmt::Debug {
    /// The kind prefix of the document id (`meeting`, `statement`, …).
    const KIND: &'static str;

    /// Wraps a uuid.
    fn from_uuid(uuid: Uuid) -> Self;

    /// The uuid inside.
    fn uuid(&self) -> Uuid;

    /// The full document id, `<kind>:<uuid>`.
    fn doc_id(&self) -> String {
        format!("{}:{}", Self::KIND, self.uuid())
    }

    /// Parses a full document id of this kind. Only the canonical form is accepted (lower-case,
    /// hyphenated), so that one record never has two spellings of its id.
    fn parse_doc_id(s: &str) -> Result<Self, ModelError> {
        let rest = s
            .strip_prefix(Self::KIND)
            .and_then(|r| r.strip_prefix(':'))
            .ok_or_else(|| {
                ModelError::invalid(
                    "id",
                    format!(
                        "\"{s}\" is not a {} id (expected {}:<uuid>)",
                        Self::KIND,
                        Self::KIND
                    ),
                )
            })?;
        let uuid = Uuid::parse_str(rest)
            .map_err(|e| ModelError::invalid("id", format!("\"{s}\": {e}")))?;
        if uuid.hyphenated().to_string() != rest {
            return Err(ModelError::invalid(
                "id",
                format!("\"{s}\" is not in canonical form (lower-case, hyphenated uuid)"),
            ));
        }
        Ok(Self::from_uuid(uuid))
    }
}

macro_rules! doc_key {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl DocKey for $name {
            const KIND: &'static str = $kind;
            fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }
            fn uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}:{}", $kind, self.0)
            }
        }

        impl FromStr for $name {
            type Err = ModelError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse_doc_id(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                Self::parse_doc_id(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

doc_key!(
    /// A series of meetings ("the regional meetings on the social pole strategy").
    SeriesId, "series"
);
doc_key!(
    /// A meeting header.
    MeetingId, "meeting"
);
doc_key!(
    /// A person or a group of people in the registry.
    PersonId, "person"
);
doc_key!(
    /// An organisation in the registry (a ministry, a regional council, local authorities).
    OrganisationId, "org"
);
doc_key!(
    /// One attendance entry of one meeting.
    AttendanceId, "attendance"
);
doc_key!(
    /// One statement made in a meeting.
    StatementId, "statement"
);
doc_key!(
    /// One decision of a meeting.
    DecisionId, "decision"
);
doc_key!(
    /// One follow-up action.
    ActionId, "action"
);
doc_key!(
    /// One dated entry of an action's progress log.
    ProgressId, "progress"
);
doc_key!(
    /// One site visit.
    VisitId, "visit"
);
doc_key!(
    /// One attached file's record.
    AttachmentId, "attachment"
);
doc_key!(
    /// One approval of a meeting's minutes (a frozen snapshot and its hash).
    ApprovalId, "approval"
);
doc_key!(
    /// A press report imported as a draft meeting, with its proposals (same uuid as the
    /// meeting).
    ReportId, "report"
);
doc_key!(
    /// One entry of the audit trail (one audited write).
    AuditId, "audit"
);

/// An agenda item, local to its meeting (it lives inside the meeting document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AgendaItemId(pub Uuid);

impl fmt::Display for AgendaItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Who can own or partner on an action: a person (or group) or an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartyRef {
    /// A person or group of the registry.
    Person(PersonId),
    /// An organisation of the registry.
    Organisation(OrganisationId),
}

impl PartyRef {
    /// The full document id of the party.
    pub fn doc_id(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for PartyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartyRef::Person(id) => id.fmt(f),
            PartyRef::Organisation(id) => id.fmt(f),
        }
    }
}

impl FromStr for PartyRef {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.starts_with("person:") {
            PersonId::parse_doc_id(s).map(PartyRef::Person)
        } else if s.starts_with("org:") {
            OrganisationId::parse_doc_id(s).map(PartyRef::Organisation)
        } else {
            Err(ModelError::invalid(
                "party",
                format!("\"{s}\" is neither a person: nor an org: id"),
            ))
        }
    }
}

impl From<PersonId> for PartyRef {
    fn from(id: PersonId) -> Self {
        PartyRef::Person(id)
    }
}

impl From<OrganisationId> for PartyRef {
    fn from(id: OrganisationId) -> Self {
        PartyRef::Organisation(id)
    }
}

impl Serialize for PartyRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartyRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ids_round_trip_and_keep_their_kind() {
        let id = MeetingId::from_uuid(Uuid::from_u128(0x0193_abcd_0000_7000_8000_0000_0000_0001));
        let s = id.doc_id();
        assert_eq!(s, "meeting:0193abcd-0000-7000-8000-000000000001");
        assert_eq!(
            s.parse::<MeetingId>(),
            Ok(id),
            "a doc id parses back to itself"
        );
        assert!(
            s.replace("meeting", "statement")
                .parse::<MeetingId>()
                .is_err(),
            "a statement id is never accepted as a meeting id"
        );
        assert!(
            s.to_uppercase()
                .replace("MEETING", "meeting")
                .parse::<MeetingId>()
                .is_err(),
            "one record has one spelling of its id"
        );
        let json = serde_json::to_string(&id).expect("ids serialise");
        assert_eq!(json, format!("\"{s}\""));
    }

    #[test]
    fn party_refs_know_their_kind_from_the_prefix() {
        let org = OrganisationId::from_uuid(Uuid::from_u128(7));
        let party: PartyRef = org.doc_id().parse().expect("org ids are parties");
        assert_eq!(party, PartyRef::Organisation(org));
        assert!(
            "meeting:00000000-0000-0000-0000-000000000007"
                .parse::<PartyRef>()
                .is_err()
        );
    }
}
