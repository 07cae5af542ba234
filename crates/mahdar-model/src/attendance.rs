//! Who attended a meeting, as what, and how.

use crate::{Lang, MeetingId, ModelError, OrderKey, PersonId, optional_short_text};
use serde::{Deserialize, Serialize};

/// A part someone plays in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Chairs the meeting.
    Chair,
    /// Takes the floor.
    Speaker,
    /// Takes part.
    Member,
    /// Keeps the minutes.
    Secretary,
    /// Invited.
    Guest,
}

impl Role {
    /// The role's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Chair => lang.pick("رئاسة الاجتماع", "présidence", "chair"),
            Role::Speaker => lang.pick("متدخل", "intervenant", "speaker"),
            Role::Member => lang.pick("عضو", "membre", "member"),
            Role::Secretary => lang.pick("مقرر", "secrétaire de séance", "secretary"),
            Role::Guest => lang.pick("ضيف", "invité", "guest"),
        }
    }
}

/// In the room or connected remotely.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceMode {
    /// In the room.
    #[default]
    InPerson,
    /// Connected remotely.
    Remote,
}

impl AttendanceMode {
    /// The mode's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AttendanceMode::InPerson => lang.pick("حضوريا", "en présentiel", "in person"),
            AttendanceMode::Remote => lang.pick("عن بعد", "à distance", "remote"),
        }
    }
}

/// Whether the invitee came.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Attended.
    #[default]
    Present,
    /// Sent apologies.
    Excused,
    /// Did not come.
    Absent,
}

impl Presence {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Excused => "excused",
            Presence::Absent => "absent",
        }
    }

    /// The presence's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Presence::Present => lang.pick("حاضر", "présent", "present"),
            Presence::Excused => lang.pick("معتذر", "excusé", "excused"),
            Presence::Absent => lang.pick("غائب", "absent", "absent"),
        }
    }
}

/// One person or group on a meeting's attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// The meeting.
    pub meeting: MeetingId,
    /// Who, from the registry.
    pub person: PersonId,
    /// The title they held that day, copied from the registry when added so the minutes keep
    /// it after the person moves on.
    pub title: Option<String>,
    /// The parts they played (chair and speaker, say).
    #[serde(default)]
    pub roles: Vec<Role>,
    /// In the room or remote.
    #[serde(default)]
    pub mode: AttendanceMode,
    /// Present, excused or absent.
    #[serde(default)]
    pub presence: Presence,
    /// Position among those of equal precedence.
    #[serde(default)]
    pub order: OrderKey,
}

impl Attendance {
    /// Checks and tidies the entry.
    pub fn validated(mut self) -> Result<Attendance, ModelError> {
        self.title = optional_short_text("title", self.title.as_deref())?;
        self.roles.sort();
        self.roles.dedup();
        Ok(self)
    }
}
