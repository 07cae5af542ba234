//! Follow-up actions: what was committed, by whom, for how much, and what became of it.

use crate::{
    DecisionId, DocKey, Lang, MeetingId, ModelError, Money, OrderKey, PartyRef, StatementId,
    VisitId, long_text, meeting::list_codes, optional_short_text, short_text,
};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::{fmt, str::FromStr};

/// Where an action stands.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Put forward in the meeting.
    #[default]
    Proposed,
    /// Agreed by the parties.
    Agreed,
    /// Under way.
    InProgress,
    /// Delivered.
    Done,
    /// Stuck.
    Blocked,
    /// Dropped.
    Cancelled,
}

impl ActionStatus {
    /// Every status.
    pub const ALL: [ActionStatus; 6] = [
        ActionStatus::Proposed,
        ActionStatus::Agreed,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Blocked,
        ActionStatus::Cancelled,
    ];

    /// The stable code (`in_progress`).
    pub fn code(self) -> &'static str {
        match self {
            ActionStatus::Proposed => "proposed",
            ActionStatus::Agreed => "agreed",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Blocked => "blocked",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    /// The status's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ActionStatus::Proposed => lang.pick("مقترح", "proposée", "proposed"),
            ActionStatus::Agreed => lang.pick("متفق عليه", "convenue", "agreed"),
            ActionStatus::InProgress => lang.pick("قيد التنفيذ", "en cours", "in progress"),
            ActionStatus::Done => lang.pick("منجز", "réalisée", "done"),
            ActionStatus::Blocked => lang.pick("متعثر", "bloquée", "blocked"),
            ActionStatus::Cancelled => lang.pick("ملغى", "annulée", "cancelled"),
        }
    }

    /// The statuses that may follow this one. A done action can be reopened and a cancelled
    /// one put forward again; nothing jumps from proposed straight to done.
    pub fn next(self) -> &'static [ActionStatus] {
        use ActionStatus::*;
        match self {
            Proposed => &[Agreed, InProgress, Blocked, Cancelled],
            Agreed => &[InProgress, Done, Blocked, Cancelled],
            InProgress => &[Done, Blocked, Cancelled],
            Blocked => &[Agreed, InProgress, Cancelled],
            Done => &[InProgress],
            Cancelled => &[Proposed],
        }
    }

    /// Moves to `to`, or says which moves are allowed.
    pub fn transition(self, to: ActionStatus) -> Result<ActionStatus, ModelError> {
        if self.next().contains(&to) {
            Ok(to)
        } else {
            Err(ModelError::IllegalTransition {
                what: "action",
                from: self.code(),
                to: to.code(),
                allowed: list_codes(self.next().iter().map(|s| s.code())),
            })
        }
    }

    /// Whether someone still has to do something.
    pub fn is_open(self) -> bool {
        !matches!(self, ActionStatus::Done | ActionStatus::Cancelled)
    }
}

impl FromStr for ActionStatus {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        ActionStatus::ALL
            .into_iter()
            .find(|st| st.code() == key)
            .ok_or_else(|| {
                ModelError::invalid(
                    "status",
                    format!(
                        "\"{s}\" is not one of {}",
                        list_codes(ActionStatus::ALL.iter().map(|s| s.code()))
                    ),
                )
            })
    }
}

/// What an action came from: a statement, a decision or a site visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceRef {
    /// A statement ("the ministry proposes…").
    Statement(StatementId),
    /// A decision.
    Decision(DecisionId),
    /// A site visit.
    Visit(VisitId),
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceRef::Statement(id) => id.fmt(f),
            SourceRef::Decision(id) => id.fmt(f),
            SourceRef::Visit(id) => id.fmt(f),
        }
    }
}

impl FromStr for SourceRef {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once(':').map(|(kind, _)| kind) {
            Some(StatementId::KIND) => StatementId::parse_doc_id(s).map(SourceRef::Statement),
            Some(DecisionId::KIND) => DecisionId::parse_doc_id(s).map(SourceRef::Decision),
            Some(VisitId::KIND) => VisitId::parse_doc_id(s).map(SourceRef::Visit),
            _ => Err(ModelError::invalid(
                "source",
                format!("\"{s}\" is not a statement, decision or visit id"),
            )),
        }
    }
}

impl Serialize for SourceRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SourceRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A commitment made in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpAction {
    /// The meeting it was committed in.
    pub meeting: MeetingId,
    /// What is to be done, in a line.
    pub title: String,
    /// Details.
    pub description: Option<String>,
    /// Who is responsible.
    pub owner: Option<PartyRef>,
    /// Who takes part.
    #[serde(default)]
    pub partners: Vec<PartyRef>,
    /// How much is committed.
    pub amount: Option<Money>,
    /// Who benefits ("الأشخاص في وضعية هشاشة").
    pub beneficiaries: Option<String>,
    /// When it is due; flagged while unknown.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    #[serde(default)]
    pub status: ActionStatus,
    /// The statement, decision or visit it came from.
    pub source: Option<SourceRef>,
    /// Position in the minutes' follow-up table.
    #[serde(default)]
    pub order: OrderKey,
}

impl FollowUpAction {
    /// Checks and tidies the action.
    pub fn validated(mut self) -> Result<FollowUpAction, ModelError> {
        self.title = short_text("title", &self.title)?;
        self.description = match self.description.as_deref() {
            Some(d) if !d.trim().is_empty() => Some(long_text("description", d)?),
            _ => None,
        };
        self.beneficiaries = optional_short_text("beneficiaries", self.beneficiaries.as_deref())?;
        if let Some(amount) = self.amount {
            Money::new(amount.centimes, amount.currency)?;
        }
        let mut seen = Vec::new();
        for p in &self.partners {
            if Some(*p) == self.owner {
                return Err(ModelError::invalid(
                    "partners",
                    "the owner is not also a partner",
                ));
            }
            if seen.contains(p) {
                return Err(ModelError::invalid(
                    "partners",
                    format!("{p} is listed twice"),
                ));
            }
            seen.push(*p);
        }
        Ok(self)
    }

    /// Open and past its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due.is_some_and(|d| d < today)
    }
}

/// A change of status recorded in the progress log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// Before.
    pub from: ActionStatus,
    /// After.
    pub to: ActionStatus,
}

/// A dated entry of an action's progress log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressEntry {
    /// The action.
    pub action: crate::ActionId,
    /// The day it happened.
    pub date: NaiveDate,
    /// What happened ("convention signed").
    pub note: String,
    /// Who wrote it.
    pub author: Option<String>,
    /// The status change it records, if any.
    pub status_change: Option<StatusChange>,
    /// Money actually delivered with this step.
    pub delivered: Option<Money>,
}

impl ProgressEntry {
    /// Checks and tidies the entry.
    pub fn validated(mut self) -> Result<ProgressEntry, ModelError> {
        self.note = long_text("note", &self.note)?;
        self.author = optional_short_text("author", self.author.as_deref())?;
        if let Some(d) = self.delivered {
            Money::new(d.centimes, d.currency)?;
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn the_action_status_machine_refuses_jumps() {
        use ActionStatus::*;
        assert_eq!(Proposed.transition(Agreed), Ok(Agreed));
        assert_eq!(
            Proposed.transition(InProgress),
            Ok(InProgress),
            "convention signed"
        );
        assert_eq!(InProgress.transition(Done), Ok(Done));
        assert_eq!(
            Done.transition(InProgress),
            Ok(InProgress),
            "a done action can be reopened"
        );
        let err = Proposed
            .transition(Done)
            .expect_err("nothing is done without being agreed");
        assert_eq!(err.code(), "illegal_transition");
        assert!(
            err.to_string()
                .contains("agreed, in_progress, blocked, cancelled"),
            "{err}"
        );
        assert!(Cancelled.transition(Done).is_err());
        assert!(
            Done.transition(Done).is_err(),
            "a status does not move to itself"
        );
        assert_eq!("in progress".parse::<ActionStatus>(), Ok(InProgress));
    }

    #[test]
    fn overdue_means_open_and_past_due() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let mut a = FollowUpAction {
            meeting: MeetingId::from_uuid(Uuid::from_u128(1)),
            title: "شراكة".into(),
            description: None,
            owner: None,
            partners: vec![],
            amount: None,
            beneficiaries: None,
            due: NaiveDate::from_ymd_opt(2026, 6, 30),
            status: ActionStatus::Proposed,
            source: None,
            order: OrderKey::first(),
        };
        assert!(a.is_overdue(today));
        a.status = ActionStatus::Done;
        assert!(!a.is_overdue(today), "done actions are never overdue");
        a.status = ActionStatus::Agreed;
        a.due = None;
        assert!(
            !a.is_overdue(today),
            "without a due date nothing is overdue (it is flagged instead)"
        );
    }

    #[test]
    fn sources_keep_their_kind() {
        let s = SourceRef::Statement(StatementId::from_uuid(Uuid::from_u128(5)));
        let parsed: SourceRef = s.to_string().parse().expect("round trip");
        assert_eq!(parsed, s);
        assert!(
            "meeting:00000000-0000-0000-0000-000000000005"
                .parse::<SourceRef>()
                .is_err()
        );
    }
}
