//! What goes into the minutes: attendance, statements in order, decisions, site visits.

use crate::{Error, Mahdar, Result, Stored, indexes::CHILDREN, records::Record};
use chrono::{DateTime, Utc};
use mahdar_model::{
    AgendaItemId, Attendance, AttendanceId, AttendanceMode, Decision, DecisionId, DocKey, Lang,
    Meeting, MeetingId, OrderKey, Person, PersonId, Presence, Role, SiteVisit, Statement,
    StatementId, StatementKind, TextForm, VisitId,
};
use mahdar_store::{Rev, index_prefix};
use serde::Deserialize;

/// Where to put an item in an ordered list. In JSON: `{"at": "last"}`,
/// `{"at": "after", "id": "statement:…"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(tag = "at", content = "id", rename_all = "snake_case")]
pub enum Position<Id> {
    /// At the top.
    First,
    /// At the end (where new statements go while minute-taking).
    #[default]
    Last,
    /// Right after this item.
    After(Id),
    /// Right before this item.
    Before(Id),
}

impl<Id: PartialEq> Position<Id> {
    fn is_relative_to(&self, id: Id) -> bool {
        matches!(self, Position::After(t) | Position::Before(t) if *t == id)
    }
}

/// An item of a meeting that has a place in an ordered list.
pub(crate) trait Ordered {
    /// The meeting it belongs to.
    fn meeting(&self) -> MeetingId;
    /// The same item at another place.
    fn with_order(self, order: OrderKey) -> Self;
}

macro_rules! ordered {
    ($($t:ty),*) => {$(
        impl Ordered for $t {
            fn meeting(&self) -> MeetingId {
                self.meeting
            }
            fn with_order(self, order: OrderKey) -> Self {
                Self { order, ..self }
            }
        }
    )*};
}

ordered!(
    Attendance,
    Statement,
    Decision,
    mahdar_model::FollowUpAction
);

/// A new attendance entry.
#[derive(Debug, Clone, Deserialize)]
pub struct NewAttendance {
    /// Who, from the registry.
    pub person: PersonId,
    /// The title they held that day; by default the registry's title on the meeting's date.
    #[serde(default)]
    pub title: Option<String>,
    /// Their parts in the meeting.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// In the room or remote.
    #[serde(default)]
    pub mode: AttendanceMode,
    /// Present, excused or absent.
    #[serde(default)]
    pub presence: Presence,
}

/// A new statement.
#[derive(Debug, Clone, Deserialize)]
pub struct NewStatement {
    /// Who spoke.
    pub speaker: PersonId,
    /// What was said.
    pub text: String,
    /// Speech, intervention, question, answer, press statement.
    #[serde(default)]
    pub kind: StatementKind,
    /// In which capacity.
    #[serde(default)]
    pub speaking_as: Option<String>,
    /// Through which channel (a news agency).
    #[serde(default)]
    pub channel: Option<String>,
    /// To whom.
    #[serde(default)]
    pub addressee: Option<String>,
    /// Under which agenda item.
    #[serde(default)]
    pub agenda_item: Option<AgendaItemId>,
    /// Summary or verbatim.
    #[serde(default)]
    pub form: TextForm,
    /// When it was typed, during live minute-taking.
    #[serde(default)]
    pub recorded_at: Option<DateTime<Utc>>,
}

impl NewStatement {
    /// An intervention by `speaker`, summarised: the usual line of live minute-taking.
    pub fn new(speaker: PersonId, text: impl Into<String>) -> NewStatement {
        NewStatement {
            speaker,
            text: text.into(),
            kind: StatementKind::default(),
            speaking_as: None,
            channel: None,
            addressee: None,
            agenda_item: None,
            form: TextForm::default(),
            recorded_at: None,
        }
    }
}

impl Mahdar {
    /// The meeting, refusing if its minutes are approved.
    pub(crate) fn editable_meeting(&self, id: MeetingId) -> Result<Stored<Meeting>> {
        let meeting = self.load::<Meeting>(id)?;
        meeting.value.ensure_editable()?;
        // A version approved on another laptop locks the minutes even while a draft version
        // wins after a sync: approval is never undone by a concurrent edit.
        for rev in &meeting.conflicts {
            if let Some(body) = self.store.get_rev(&id.doc_id(), rev)?
                && let Ok(other) = serde_json::from_value::<Meeting>(body)
            {
                other.ensure_editable()?;
            }
        }
        Ok(meeting)
    }

    /// The order keys of a meeting's children of one kind, in order, with their ids.
    fn sibling_orders(&self, meeting: MeetingId, kind: &str) -> Result<Vec<(OrderKey, String)>> {
        let entries = self
            .store
            .index_scan(CHILDREN, &index_prefix(&[&meeting.doc_id(), kind]))?;
        entries
            .into_iter()
            .map(|(key, id)| {
                let order = std::str::from_utf8(&key)
                    .ok()
                    .and_then(|k| k.rsplit('\0').next())
                    .unwrap_or_default();
                Ok((
                    OrderKey::parse(order).unwrap_or_else(|_| OrderKey::first()),
                    id,
                ))
            })
            .collect()
    }

    /// The ids of a meeting's children of one kind, in order.
    pub(crate) fn children<T: Record>(&self, meeting: MeetingId) -> Result<Vec<Stored<T>>> {
        let ids = self
            .sibling_orders(meeting, <T::Id as DocKey>::KIND)?
            .into_iter()
            .map(|(_, id)| id);
        self.load_ids(ids)
    }

    /// Moves an ordered item of a meeting: only that item is written.
    fn move_item<T: Record + Ordered>(
        &self,
        id: T::Id,
        position: Position<T::Id>,
    ) -> Result<Stored<T>> {
        let current = self.load::<T>(id)?;
        self.editable_meeting(current.value.meeting())?;
        if position.is_relative_to(id) {
            return Ok(current);
        }
        let order = self.order_at(current.value.meeting(), position, Some(id))?;
        self.save(id, current.rev, current.value.with_order(order))
    }

    /// Deletes an item of a meeting (every live version of it), unless the minutes are locked.
    pub(crate) fn delete_item<T: Record + Ordered>(&self, id: T::Id) -> Result<()> {
        let current = self.load::<T>(id)?;
        self.editable_meeting(current.value.meeting())?;
        self.commit(self.deletion_with_files(&id.doc_id())?)?;
        Ok(())
    }

    /// An order key for `position` among the meeting's children of the kind of `Id`, leaving
    /// out `moving` (the item being moved, if any).
    pub(crate) fn order_at<Id: DocKey>(
        &self,
        meeting: MeetingId,
        position: Position<Id>,
        moving: Option<Id>,
    ) -> Result<OrderKey> {
        let moving = moving.map(|m| m.doc_id());
        let siblings: Vec<(OrderKey, String)> = self
            .sibling_orders(meeting, Id::KIND)?
            .into_iter()
            .filter(|(_, id)| Some(id) != moving.as_ref())
            .collect();
        let find = |target: Id| {
            let target = target.doc_id();
            siblings
                .iter()
                .position(|(_, id)| *id == target)
                .ok_or_else(|| {
                    Error::invalid("position", format!("{target} is not in this meeting"))
                })
        };
        let (lower, upper) = match position {
            Position::First => (None, siblings.first()),
            Position::Last => (siblings.last(), None),
            Position::After(target) => {
                let i = find(target)?;
                (siblings.get(i), siblings.get(i + 1))
            }
            Position::Before(target) => {
                let i = find(target)?;
                (
                    i.checked_sub(1).and_then(|j| siblings.get(j)),
                    siblings.get(i),
                )
            }
        };
        Ok(OrderKey::between(
            lower.map(|(k, _)| k),
            upper.map(|(k, _)| k),
        ))
    }

    // ----- attendance -----

    /// Adds someone to a meeting's attendance list. Their title that day is copied from the
    /// registry unless given.
    pub fn add_attendance(
        &self,
        meeting: MeetingId,
        entry: NewAttendance,
    ) -> Result<Stored<Attendance>> {
        self.add_attendance_at(meeting, entry, Position::Last)
    }

    /// Adds someone to the attendance list at a given place among those of the same rank.
    pub(crate) fn add_attendance_at(
        &self,
        meeting: MeetingId,
        entry: NewAttendance,
        position: Position<AttendanceId>,
    ) -> Result<Stored<Attendance>> {
        let _writing = self.exclusive();
        let m = self.editable_meeting(meeting)?;
        let person = self.load::<Person>(entry.person)?;
        if self
            .attendance(meeting)?
            .iter()
            .any(|a| a.value.person == entry.person)
        {
            return Err(Error::invalid(
                "person",
                format!(
                    "{} is already on the attendance list",
                    person.value.display_name(Lang::Ar)
                ),
            ));
        }
        let title = entry.title.or_else(|| {
            person
                .value
                .title_on(m.value.date)
                .map(|t| t.title_ar.clone())
        });
        let order = self.order_at::<AttendanceId>(meeting, position, None)?;
        let attendance = Attendance {
            meeting,
            person: entry.person,
            title,
            roles: entry.roles,
            mode: entry.mode,
            presence: entry.presence,
            order,
        }
        .validated()?;
        self.insert(attendance)
    }

    /// A meeting's attendance list, in protocol order.
    pub fn attendance(&self, meeting: MeetingId) -> Result<Vec<Stored<Attendance>>> {
        let entries = self.children::<Attendance>(meeting)?;
        let mut with_rank = Vec::with_capacity(entries.len());
        for a in entries {
            let precedence = self
                .find::<Person>(a.value.person)?
                .map(|p| p.value.precedence)
                .unwrap_or_default();
            with_rank.push((precedence, a));
        }
        with_rank.sort_by(|(pa, a), (pb, b)| {
            (pa, &a.value.order, a.id).cmp(&(pb, &b.value.order, b.id))
        });
        Ok(with_rank.into_iter().map(|(_, a)| a).collect())
    }

    fn statements_by(&self, meeting: MeetingId, person: PersonId) -> Result<usize> {
        Ok(self
            .statements(meeting)?
            .iter()
            .filter(|s| s.value.speaker == person)
            .count())
    }

    /// Saves an edited attendance entry. Someone who spoke stays on the list, present.
    pub fn update_attendance(
        &self,
        id: AttendanceId,
        rev: Rev,
        entry: Attendance,
    ) -> Result<Stored<Attendance>> {
        let _writing = self.exclusive();
        let current = self.load::<Attendance>(id)?;
        if entry.meeting != current.value.meeting {
            return Err(Error::invalid(
                "meeting",
                "an attendance entry cannot move to another meeting",
            ));
        }
        self.editable_meeting(entry.meeting)?;
        self.load::<Person>(entry.person)?;
        let leaves_speaker =
            entry.person != current.value.person || entry.presence != Presence::Present;
        if leaves_speaker {
            let spoke = self.statements_by(entry.meeting, current.value.person)?;
            if spoke > 0 {
                return Err(Error::invalid(
                    "attendance",
                    format!(
                        "this person made {spoke} statement(s) in the meeting; reassign or delete them first"
                    ),
                ));
            }
        }
        self.save(id, rev, entry.validated()?)
    }

    /// Takes someone off the attendance list, unless they spoke.
    pub fn remove_attendance(&self, id: AttendanceId) -> Result<()> {
        let _writing = self.exclusive();
        let current = self.load::<Attendance>(id)?;
        self.editable_meeting(current.value.meeting)?;
        let spoke = self.statements_by(current.value.meeting, current.value.person)?;
        if spoke > 0 {
            return Err(Error::invalid(
                "attendance",
                format!(
                    "this person made {spoke} statement(s) in the meeting; reassign or delete them first"
                ),
            ));
        }
        self.commit(self.deletion(&id.doc_id())?)?;
        Ok(())
    }

    // ----- statements -----

    /// Records a statement (at the end by default), durably: when this returns, it survives a
    /// power cut.
    pub fn add_statement(
        &self,
        meeting: MeetingId,
        new: NewStatement,
        position: Position<StatementId>,
    ) -> Result<Stored<Statement>> {
        let _writing = self.exclusive();
        let m = self.editable_meeting(meeting)?;
        let attendance: Vec<Attendance> = self
            .attendance(meeting)?
            .into_iter()
            .map(|a| a.value)
            .collect();
        let order = self.order_at(meeting, position, None)?;
        let statement = Statement {
            meeting,
            speaker: new.speaker,
            speaking_as: new.speaking_as,
            kind: new.kind,
            channel: new.channel,
            addressee: new.addressee,
            agenda_item: new.agenda_item,
            order,
            text: new.text,
            form: new.form,
            recorded_at: new.recorded_at,
        }
        .validated(&m.value, &attendance)?;
        self.insert(statement)
    }

    /// Saves an edited statement.
    pub fn update_statement(
        &self,
        id: StatementId,
        rev: Rev,
        statement: Statement,
    ) -> Result<Stored<Statement>> {
        let _writing = self.exclusive();
        let current = self.load::<Statement>(id)?;
        if statement.meeting != current.value.meeting {
            return Err(Error::invalid(
                "meeting",
                "a statement cannot move to another meeting",
            ));
        }
        let m = self.editable_meeting(statement.meeting)?;
        let attendance: Vec<Attendance> = self
            .attendance(statement.meeting)?
            .into_iter()
            .map(|a| a.value)
            .collect();
        self.save(id, rev, statement.validated(&m.value, &attendance)?)
    }

    /// Moves a statement; only that statement is written. Moving it next to itself changes
    /// nothing.
    pub fn move_statement(
        &self,
        id: StatementId,
        position: Position<StatementId>,
    ) -> Result<Stored<Statement>> {
        let _writing = self.exclusive();
        self.move_item(id, position)
    }

    /// Deletes a statement.
    pub fn delete_statement(&self, id: StatementId) -> Result<()> {
        let _writing = self.exclusive();
        self.delete_item::<Statement>(id)
    }

    /// A meeting's statements, in order.
    pub fn statements(&self, meeting: MeetingId) -> Result<Vec<Stored<Statement>>> {
        self.children(meeting)
    }

    // ----- decisions -----

    /// Records a decision.
    pub fn add_decision(
        &self,
        meeting: MeetingId,
        text: &str,
        agenda_item: Option<AgendaItemId>,
        position: Position<DecisionId>,
    ) -> Result<Stored<Decision>> {
        let _writing = self.exclusive();
        let m = self.editable_meeting(meeting)?;
        let order = self.order_at(meeting, position, None)?;
        let decision = Decision {
            meeting,
            agenda_item,
            order,
            text: text.to_owned(),
        }
        .validated(&m.value)?;
        self.insert(decision)
    }

    /// Saves an edited decision.
    pub fn update_decision(
        &self,
        id: DecisionId,
        rev: Rev,
        decision: Decision,
    ) -> Result<Stored<Decision>> {
        let _writing = self.exclusive();
        let current = self.load::<Decision>(id)?;
        if decision.meeting != current.value.meeting {
            return Err(Error::invalid(
                "meeting",
                "a decision cannot move to another meeting",
            ));
        }
        let m = self.editable_meeting(decision.meeting)?;
        self.save(id, rev, decision.validated(&m.value)?)
    }

    /// Moves a decision. Moving it next to itself changes nothing.
    pub fn move_decision(
        &self,
        id: DecisionId,
        position: Position<DecisionId>,
    ) -> Result<Stored<Decision>> {
        let _writing = self.exclusive();
        self.move_item(id, position)
    }

    /// Deletes a decision.
    pub fn delete_decision(&self, id: DecisionId) -> Result<()> {
        let _writing = self.exclusive();
        self.delete_item::<Decision>(id)
    }

    /// A meeting's decisions, in order.
    pub fn decisions(&self, meeting: MeetingId) -> Result<Vec<Stored<Decision>>> {
        self.children(meeting)
    }

    // ----- site visits -----

    fn check_visit(&self, visit: &SiteVisit) -> Result<()> {
        if let Some(meeting) = visit.meeting {
            self.editable_meeting(meeting)?;
        }
        for p in &visit.participants {
            self.load::<Person>(*p)?;
        }
        Ok(())
    }

    /// Records a site visit.
    pub fn add_visit(&self, visit: SiteVisit) -> Result<Stored<SiteVisit>> {
        let _writing = self.exclusive();
        let visit = visit.validated()?;
        self.check_visit(&visit)?;
        self.insert(visit)
    }

    /// Saves an edited site visit.
    pub fn update_visit(
        &self,
        id: VisitId,
        rev: Rev,
        visit: SiteVisit,
    ) -> Result<Stored<SiteVisit>> {
        let _writing = self.exclusive();
        let current = self.load::<SiteVisit>(id)?;
        if let Some(m) = current.value.meeting {
            self.editable_meeting(m)?;
        }
        let visit = visit.validated()?;
        self.check_visit(&visit)?;
        self.save(id, rev, visit)
    }

    /// The site visits of a meeting, in the order they were recorded.
    pub fn visits(&self, meeting: MeetingId) -> Result<Vec<Stored<SiteVisit>>> {
        self.children(meeting)
    }

    /// Deletes a site visit.
    pub fn delete_visit(&self, id: VisitId) -> Result<()> {
        let _writing = self.exclusive();
        let current = self.load::<SiteVisit>(id)?;
        if let Some(m) = current.value.meeting {
            self.editable_meeting(m)?;
        }
        self.commit(self.deletion_with_files(&id.doc_id())?)?;
        Ok(())
    }
}
