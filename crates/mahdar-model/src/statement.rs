//! What was said and what was decided.

use crate::{
    AgendaItemId, Attendance, Lang, Meeting, MeetingId, ModelError, OrderKey, PersonId, Presence,
    long_text, optional_short_text,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The kind of statement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// A prepared address.
    Speech,
    /// Taking the floor in the discussion.
    #[default]
    Intervention,
    /// A question.
    Question,
    /// An answer.
    Answer,
    /// A statement to the press, through a channel (a news agency).
    PressStatement,
}

impl StatementKind {
    /// Every kind.
    pub const ALL: [StatementKind; 5] = [
        StatementKind::Speech,
        StatementKind::Intervention,
        StatementKind::Question,
        StatementKind::Answer,
        StatementKind::PressStatement,
    ];

    /// The kind's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StatementKind::Speech => lang.pick("كلمة", "allocution", "speech"),
            StatementKind::Intervention => lang.pick("مداخلة", "intervention", "intervention"),
            StatementKind::Question => lang.pick("سؤال", "question", "question"),
            StatementKind::Answer => lang.pick("جواب", "réponse", "answer"),
            StatementKind::PressStatement => {
                lang.pick("تصريح صحفي", "déclaration à la presse", "press statement")
            }
        }
    }
}

/// Whether the text is a summary or the speaker's own words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextForm {
    /// Reported speech, as minutes usually are.
    #[default]
    Summary,
    /// A verbatim quote.
    Verbatim,
}

/// One statement made in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The meeting.
    pub meeting: MeetingId,
    /// Who spoke; they must be on the attendance list and present.
    pub speaker: PersonId,
    /// In which capacity, when it matters ("on behalf of the ministry").
    pub speaking_as: Option<String>,
    /// Speech, intervention, question, answer, press statement.
    #[serde(default)]
    pub kind: StatementKind,
    /// Through which channel ("وكالة المغرب العربي للأنباء" for a statement to MAP).
    pub channel: Option<String>,
    /// To whom it was addressed, when to someone in particular.
    pub addressee: Option<String>,
    /// The agenda item it was made under.
    pub agenda_item: Option<AgendaItemId>,
    /// Position in the minutes.
    #[serde(default)]
    pub order: OrderKey,
    /// What was said, as written (typos included: the record keeps the source).
    pub text: String,
    /// Summary or verbatim.
    #[serde(default)]
    pub form: TextForm,
    /// When it was typed during the meeting (live minute-taking), if it was.
    pub recorded_at: Option<DateTime<Utc>>,
}

impl Statement {
    /// Checks the statement against its meeting: the text is there, the speaker attends and is
    /// present, the agenda item belongs to the meeting.
    pub fn validated(
        mut self,
        meeting: &Meeting,
        attendance: &[Attendance],
    ) -> Result<Statement, ModelError> {
        self.text = long_text("text", &self.text)?;
        self.speaking_as = optional_short_text("speaking_as", self.speaking_as.as_deref())?;
        self.channel = optional_short_text("channel", self.channel.as_deref())?;
        self.addressee = optional_short_text("addressee", self.addressee.as_deref())?;
        let entry = attendance
            .iter()
            .find(|a| a.person == self.speaker && a.meeting == self.meeting)
            .ok_or_else(|| ModelError::SpeakerNotAttending {
                speaker: self.speaker.to_string(),
            })?;
        if entry.presence != Presence::Present {
            return Err(ModelError::SpeakerNotPresent {
                speaker: self.speaker.to_string(),
                presence: entry.presence.code(),
            });
        }
        if let Some(item) = self.agenda_item
            && !meeting.has_agenda_item(item)
        {
            return Err(ModelError::invalid(
                "agenda_item",
                "is not on this meeting's agenda",
            ));
        }
        Ok(self)
    }
}

/// What a meeting agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The meeting.
    pub meeting: MeetingId,
    /// The agenda item it settles.
    pub agenda_item: Option<AgendaItemId>,
    /// Position in the minutes.
    #[serde(default)]
    pub order: OrderKey,
    /// What was decided.
    pub text: String,
}

impl Decision {
    /// Checks the decision against its meeting.
    pub fn validated(mut self, meeting: &Meeting) -> Result<Decision, ModelError> {
        self.text = long_text("text", &self.text)?;
        if let Some(item) = self.agenda_item
            && !meeting.has_agenda_item(item)
        {
            return Err(ModelError::invalid(
                "agenda_item",
                "is not on this meeting's agenda",
            ));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AttendanceMode, DocKey};
    use uuid::Uuid;

    fn ids() -> (MeetingId, PersonId, PersonId) {
        (
            MeetingId::from_uuid(Uuid::from_u128(1)),
            PersonId::from_uuid(Uuid::from_u128(2)),
            PersonId::from_uuid(Uuid::from_u128(3)),
        )
    }

    fn statement(meeting: MeetingId, speaker: PersonId, text: &str) -> Statement {
        Statement {
            meeting,
            speaker,
            speaking_as: None,
            kind: StatementKind::Intervention,
            channel: None,
            addressee: None,
            agenda_item: None,
            order: OrderKey::first(),
            text: text.into(),
            form: TextForm::Summary,
            recorded_at: None,
        }
    }

    #[test]
    fn a_speaker_must_attend_and_be_present() {
        let (meeting, minister, stranger) = ids();
        let mut attendance = vec![Attendance {
            meeting,
            person: minister,
            title: None,
            roles: vec![],
            mode: AttendanceMode::InPerson,
            presence: Presence::Present,
            order: OrderKey::first(),
        }];
        let m = Meeting::default();
        assert!(
            statement(meeting, minister, "نص")
                .validated(&m, &attendance)
                .is_ok()
        );
        assert_eq!(
            statement(meeting, stranger, "نص")
                .validated(&m, &attendance)
                .map_err(|e| e.code()),
            Err("speaker_not_attending"),
            "someone not on the list cannot be recorded as speaking"
        );
        attendance[0].presence = Presence::Excused;
        assert_eq!(
            statement(meeting, minister, "نص")
                .validated(&m, &attendance)
                .map_err(|e| e.code()),
            Err("speaker_not_present"),
            "an excused invitee did not speak"
        );
        attendance[0].presence = Presence::Present;
        assert!(
            statement(meeting, minister, "  ")
                .validated(&m, &attendance)
                .is_err(),
            "an empty statement is not saved"
        );
        let mut s = statement(meeting, minister, "نص");
        s.agenda_item = Some(AgendaItemId(Uuid::from_u128(99)));
        assert!(
            s.validated(&m, &attendance).is_err(),
            "agenda items come from the meeting"
        );
    }
}
