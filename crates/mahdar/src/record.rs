//! A meeting's whole record in one value: header, series, attendance, statements, decisions,
//! actions with their progress, site visits, what is missing and the money committed. This is
//! what `mahdar show` prints and what the documents are made from.

use crate::{ActionFilter, ActionView, Mahdar, Result, Stored, Totals};
use mahdar_model::{
    Attendance, Decision, Lang, Meeting, MeetingId, MissingField, Person, Series, SiteVisit,
    Statement,
};
use serde::Serialize;

/// An attendance entry with the registry entry it points at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendanceView {
    /// The entry.
    #[serde(flatten)]
    pub entry: Stored<Attendance>,
    /// Who (as the registry has them now; the entry keeps the title held that day). `None`
    /// if the registry entry is gone (deleted on another laptop). In JSON `person_record`,
    /// beside the entry's own `person` id.
    #[serde(rename = "person_record")]
    pub person: Option<Stored<Person>>,
}

/// A statement with its speaker's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementView {
    /// The statement.
    #[serde(flatten)]
    pub statement: Stored<Statement>,
    /// The speaker's name in Arabic (or Latin script when it has none).
    pub speaker_name: String,
}

/// Everything recorded about one meeting, in the order the minutes present it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingRecord {
    /// The header.
    #[serde(flatten)]
    pub meeting: Stored<Meeting>,
    /// Its series.
    pub series_record: Option<Stored<Series>>,
    /// What the header lacks.
    pub missing: Vec<MissingField>,
    /// Who attended, in protocol order.
    pub attendance: Vec<AttendanceView>,
    /// What was said, in order.
    pub statements: Vec<StatementView>,
    /// What was decided, in order.
    pub decisions: Vec<Stored<Decision>>,
    /// What was committed, in the order of the follow-up table.
    pub actions: Vec<ActionView>,
    /// Site visits.
    pub site_visits: Vec<Stored<SiteVisit>>,
    /// Money committed and delivered in this meeting.
    pub totals: Totals,
    /// The latest approval of the minutes, if they were approved.
    pub approval: Option<crate::ApprovalSummary>,
}

impl Mahdar {
    /// The whole record of a meeting.
    pub fn meeting_record(&self, id: MeetingId) -> Result<MeetingRecord> {
        let meeting = self.load::<Meeting>(id)?;
        let series_record = match meeting.value.series {
            Some(s) => self.find::<Series>(s)?,
            None => None,
        };
        let mut attendance = Vec::new();
        for entry in self.attendance(id)? {
            let person = self.find::<Person>(entry.value.person)?;
            attendance.push(AttendanceView { entry, person });
        }
        let mut statements = Vec::new();
        for statement in self.statements(id)? {
            let speaker_name = self.party_name(statement.value.speaker.into(), Lang::Ar)?;
            statements.push(StatementView {
                statement,
                speaker_name,
            });
        }
        let filter = ActionFilter {
            meeting: Some(id),
            ..ActionFilter::default()
        };
        Ok(MeetingRecord {
            missing: meeting.value.missing(),
            series_record,
            attendance,
            statements,
            decisions: self.decisions(id)?,
            actions: self.actions_of(id)?,
            site_visits: self.visits(id)?,
            totals: self.totals(&filter)?,
            approval: self.latest_approval(id)?,
            meeting,
        })
    }
}
