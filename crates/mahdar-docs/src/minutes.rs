//! What a minutes document is made from: one meeting's record with every name resolved, so the
//! renderers never look anything up. The facade builds it (`Mahdar::minutes`).

use chrono::{DateTime, NaiveDate, Utc};
use mahdar_model::{
    ActionStatus, AttendanceMode, Lang, Meeting, Money, PersonKind, Presence, Role, Series,
    SiteVisit, StatementKind,
};
use serde::{Deserialize, Serialize};

/// A name in Arabic and Latin script, either possibly missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// In Arabic script.
    pub ar: Option<String>,
    /// In Latin script.
    pub latin: Option<String>,
}

impl Name {
    /// The name for a document in `lang`: Arabic first in Arabic, Latin first otherwise.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Ar => (&self.ar, &self.latin),
            Lang::Fr | Lang::En => (&self.latin, &self.ar),
        };
        first.as_deref().or(second.as_deref()).unwrap_or("—")
    }
}

/// Someone on the attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// The registry id (`person:…`).
    pub id: String,
    /// Their name.
    pub name: Name,
    /// One person or a group.
    pub kind: PersonKind,
    /// The title held that day, in Arabic.
    pub title: Option<String>,
    /// The same title in French, when the registry has it.
    pub title_fr: Option<String>,
    /// Their parts in the meeting.
    pub roles: Vec<Role>,
    /// In the room or remote.
    pub mode: AttendanceMode,
    /// Present, excused or absent.
    pub presence: Presence,
}

impl Attendee {
    /// The title in a document's language (French for French and English when known).
    pub fn title(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ar => self.title.as_deref(),
            Lang::Fr | Lang::En => self.title_fr.as_deref().or(self.title.as_deref()),
        }
    }
}

/// A statement, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    /// The statement's id.
    pub id: String,
    /// The speaker's registry id.
    pub speaker_id: String,
    /// The speaker's name.
    pub speaker: Name,
    /// The speaker's title that day (from the attendance list), Arabic and French.
    pub speaker_title: Option<String>,
    /// The same in French, when known.
    pub speaker_title_fr: Option<String>,
    /// Speech, intervention, question, answer, press statement.
    pub kind: StatementKind,
    /// The channel (a news agency).
    pub channel: Option<String>,
    /// In which capacity.
    pub speaking_as: Option<String>,
    /// What was said, as recorded.
    pub text: String,
    /// When it was typed during the meeting.
    pub recorded_at: Option<DateTime<Utc>>,
}

/// A follow-up action, as the minutes' table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// The action's id.
    pub id: String,
    /// What is to be done.
    pub title: String,
    /// Who is responsible.
    pub owner: Option<Name>,
    /// Who takes part.
    pub partners: Vec<Name>,
    /// How much.
    pub amount: Option<Money>,
    /// When.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    pub status: ActionStatus,
}

/// One meeting's minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Minutes {
    /// The meeting's id.
    pub id: String,
    /// The header.
    pub meeting: Meeting,
    /// Its series.
    pub series: Option<Series>,
    /// Attendance, in protocol order.
    pub attendees: Vec<Attendee>,
    /// Statements, in order.
    pub statements: Vec<Said>,
    /// Decisions, in order.
    pub decisions: Vec<String>,
    /// Follow-up actions, in order.
    pub actions: Vec<Commitment>,
    /// Site visits.
    pub visits: Vec<SiteVisit>,
    /// Photos of the site visits, in the order they were attached (the original files; the
    /// renderers re-encode them, oriented and without metadata).
    #[serde(skip)]
    pub photos: Vec<Photo>,
    /// Money committed, per currency (actions not cancelled).
    pub committed: Vec<Money>,
    /// For approved minutes that are still exactly as approved: the approval, whose SHA-256
    /// the documents carry.
    #[serde(default)]
    pub approval: Option<ApprovalStamp>,
}

/// A photo attached to a site visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// The visit's place in [`Minutes::visits`].
    pub visit: usize,
    /// The caption, if any.
    pub caption: Option<String>,
    /// The file's original name (metadata only).
    pub name: String,
    /// The file as attached.
    pub bytes: Vec<u8>,
}

/// How the minutes show the site visits' photos.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoLayout {
    /// No photos.
    None,
    /// Small photos, several to a row, each with its caption.
    #[default]
    Thumbnails,
    /// Each photo across the page's width, with its caption.
    FullWidth,
}

/// What approved minutes print about their approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalStamp {
    /// SHA-256 of the approved snapshot (64 lower-case hex digits).
    pub sha256: String,
    /// Who approved.
    pub approved_by: String,
    /// When (in Morocco).
    pub approved_on: NaiveDate,
    /// 0, or the amendment's number.
    pub amendment: u32,
}

/// The lines at the top of the first page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterhead {
    /// One per line, most general first («المملكة المغربية», the ministry, the department).
    pub lines: Vec<String>,
}

impl Letterhead {
    /// The ministry's letterhead in a language (the default until configured).
    pub fn default_for(lang: Lang) -> Letterhead {
        let lines: &[&str] = match lang {
            Lang::Ar => &["المملكة المغربية", "وزارة التضامن والادماج الاجتماعي والأسرة"],
            Lang::Fr => &[
                "Royaume du Maroc",
                "Ministère de la Solidarité, de l'Insertion sociale et de la Famille",
            ],
            Lang::En => &[
                "Kingdom of Morocco",
                "Ministry of Solidarity, Social Inclusion and Family",
            ],
        };
        Letterhead {
            lines: lines.iter().map(|l| (*l).to_owned()).collect(),
        }
    }
}

/// How a document is produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocOptions {
    /// Its language.
    pub lang: Lang,
    /// Correction of the computed Hijri date (−1, 0, +1 day).
    pub hijri_adjust: i8,
    /// The letterhead.
    pub letterhead: Letterhead,
    /// The day it is produced (printed in the footer).
    pub produced: NaiveDate,
    /// How the site visits' photos are shown.
    pub photos: PhotoLayout,
}

impl DocOptions {
    /// Options for a language with its default letterhead.
    pub fn new(lang: Lang, produced: NaiveDate) -> DocOptions {
        DocOptions {
            lang,
            hijri_adjust: 0,
            letterhead: Letterhead::default_for(lang),
            produced,
            photos: PhotoLayout::default(),
        }
    }
}
