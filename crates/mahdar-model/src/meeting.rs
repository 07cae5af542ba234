//! The meeting header: where, when, how, why, and where the minutes stand.

use crate::{
    AgendaItemId, Lang, MEETING_TIME_ZONE, ModelError, Region, SeriesId, long_texts,
    optional_short_text, short_text,
};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// The highest rank a meeting can have in its series.
pub const MAX_RANK: u32 = 10_000;

/// How people took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    /// Everyone in the room.
    InPerson,
    /// Everyone connected remotely.
    Online,
    /// In the room and online (بشكل جمع بين الحضوري والافتراضي).
    Hybrid,
}

impl MeetingFormat {
    /// The format's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MeetingFormat::InPerson => lang.pick("حضوري", "en présentiel", "in person"),
            MeetingFormat::Online => lang.pick("عن بعد", "à distance", "online"),
            MeetingFormat::Hybrid => lang.pick(
                "مختلط (حضوري وعن بعد)",
                "hybride (présentiel et à distance)",
                "hybrid",
            ),
        }
    }
}

/// Where the minutes stand. Approved and published minutes are read-only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// Being written.
    #[default]
    Draft,
    /// Sent to the approver.
    InReview,
    /// Approved: frozen.
    Approved,
    /// Published: frozen and distributed.
    Published,
}

impl MeetingStatus {
    /// Every status, in workflow order.
    pub const ALL: [MeetingStatus; 4] = [
        MeetingStatus::Draft,
        MeetingStatus::InReview,
        MeetingStatus::Approved,
        MeetingStatus::Published,
    ];

    /// The stable code (`in_review`).
    pub fn code(self) -> &'static str {
        match self {
            MeetingStatus::Draft => "draft",
            MeetingStatus::InReview => "in_review",
            MeetingStatus::Approved => "approved",
            MeetingStatus::Published => "published",
        }
    }

    /// The status's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MeetingStatus::Draft => lang.pick("مسودة", "brouillon", "draft"),
            MeetingStatus::InReview => lang.pick("قيد المراجعة", "en relecture", "in review"),
            MeetingStatus::Approved => lang.pick("مصادق عليه", "approuvé", "approved"),
            MeetingStatus::Published => lang.pick("منشور", "publié", "published"),
        }
    }

    /// The statuses that may follow this one.
    pub fn next(self) -> &'static [MeetingStatus] {
        match self {
            MeetingStatus::Draft => &[MeetingStatus::InReview],
            MeetingStatus::InReview => &[MeetingStatus::Draft, MeetingStatus::Approved],
            // Back to draft from approved or published minutes starts an amendment: the
            // approved version stays as it was approved (its snapshot is kept apart).
            MeetingStatus::Approved => &[MeetingStatus::Published, MeetingStatus::Draft],
            MeetingStatus::Published => &[MeetingStatus::Draft],
        }
    }

    /// Moves to `to`, or says which moves are allowed.
    pub fn transition(self, to: MeetingStatus) -> Result<MeetingStatus, ModelError> {
        if self.next().contains(&to) {
            Ok(to)
        } else {
            Err(ModelError::IllegalTransition {
                what: "meeting",
                from: self.code(),
                to: to.code(),
                allowed: list_codes(self.next().iter().map(|s| s.code())),
            })
        }
    }

    /// Whether the minutes are frozen.
    pub fn is_locked(self) -> bool {
        matches!(self, MeetingStatus::Approved | MeetingStatus::Published)
    }
}

pub(crate) fn list_codes<'a>(codes: impl Iterator<Item = &'a str>) -> String {
    let list: Vec<&str> = codes.collect();
    if list.is_empty() {
        "nothing (final status)".to_owned()
    } else {
        list.join(", ")
    }
}

impl std::str::FromStr for MeetingStatus {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MeetingStatus::ALL
            .into_iter()
            .find(|st| st.code() == s.trim().replace('-', "_"))
            .ok_or_else(|| {
                ModelError::invalid(
                    "status",
                    format!("\"{s}\" is not one of draft, in_review, approved, published"),
                )
            })
    }
}

/// Whether a territory is a prefecture (urban, عمالة) or a province (إقليم).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrefectureKind {
    /// عمالة
    Prefecture,
    /// إقليم
    Province,
}

/// The prefecture or province within the region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Prefecture {
    /// Prefecture or province.
    pub kind: PrefectureKind,
    /// Its name without the word "prefecture" ("فاس").
    pub name: String,
}

impl Prefecture {
    /// "عمالة فاس", "préfecture de فاس" — the name as running text.
    pub fn display(&self, lang: Lang) -> String {
        let word = match self.kind {
            PrefectureKind::Prefecture => lang.pick("عمالة", "préfecture de", "prefecture of"),
            PrefectureKind::Province => lang.pick("إقليم", "province de", "province of"),
        };
        format!("{word} {}", self.name)
    }
}

/// One item of a meeting's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// Stable within the meeting, so statements can point at it.
    pub id: AgendaItemId,
    /// What the item is about.
    pub title: String,
}

/// Something a complete record would have but this one does not (yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingField {
    /// The region.
    Region,
    /// The day of the meeting.
    Date,
    /// The time it started.
    StartTime,
    /// Where it was held.
    Venue,
    /// In person, online or hybrid.
    Format,
}

impl MissingField {
    /// The field's name, for the "missing" warnings.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MissingField::Region => lang.pick("الجهة", "région", "region"),
            MissingField::Date => lang.pick("التاريخ", "date", "date"),
            MissingField::StartTime => lang.pick("ساعة الانطلاق", "heure de début", "start time"),
            MissingField::Venue => lang.pick("المكان", "lieu", "venue"),
            MissingField::Format => lang.pick("صيغة الانعقاد", "format", "format"),
        }
    }
}

/// A meeting's header. Attendance, statements, decisions and actions are documents of their
/// own that point at the meeting, so two laptops editing one meeting rarely collide.
///
/// Times are wall-clock times in Morocco ([`MEETING_TIME_ZONE`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// A title of its own; when absent, one is derived from the series, rank and region.
    pub title: Option<String>,
    /// The series it belongs to.
    pub series: Option<SeriesId>,
    /// Its rank in the series (the 9th).
    pub rank: Option<u32>,
    /// The region.
    pub region: Option<Region>,
    /// The prefecture or province.
    pub prefecture: Option<Prefecture>,
    /// Where it was held.
    pub venue: Option<String>,
    /// The day.
    pub date: Option<NaiveDate>,
    /// Start time, Morocco wall clock.
    pub start_time: Option<NaiveTime>,
    /// End time, Morocco wall clock.
    pub end_time: Option<NaiveTime>,
    /// In person, online or hybrid.
    pub format: Option<MeetingFormat>,
    /// What the meeting is for; each element one aim.
    #[serde(default)]
    pub purpose: Vec<String>,
    /// The agenda, in order.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// Where the minutes stand.
    #[serde(default)]
    pub status: MeetingStatus,
    /// The languages the minutes are kept in, the first being the original.
    #[serde(default = "default_languages")]
    pub languages: Vec<Lang>,
}

fn default_languages() -> Vec<Lang> {
    vec![Lang::Ar]
}

impl Default for Meeting {
    fn default() -> Self {
        Meeting {
            title: None,
            series: None,
            rank: None,
            region: None,
            prefecture: None,
            venue: None,
            date: None,
            start_time: None,
            end_time: None,
            format: None,
            purpose: Vec::new(),
            agenda: Vec::new(),
            status: MeetingStatus::Draft,
            languages: default_languages(),
        }
    }
}

impl Meeting {
    /// Checks and tidies the header. Missing details are allowed (see [`Meeting::missing`]);
    /// wrong ones are not.
    pub fn validated(mut self) -> Result<Meeting, ModelError> {
        self.title = optional_short_text("title", self.title.as_deref())?;
        self.venue = optional_short_text("venue", self.venue.as_deref())?;
        if self.rank == Some(0) {
            return Err(ModelError::invalid("rank", "ranks in a series start at 1"));
        }
        if self.rank.is_some_and(|r| r > MAX_RANK) {
            return Err(ModelError::invalid(
                "rank",
                format!("a series has at most {MAX_RANK} meetings"),
            ));
        }
        if self.rank.is_some() && self.series.is_none() {
            return Err(ModelError::invalid(
                "rank",
                "a rank needs a series to be a rank in",
            ));
        }
        if let Some(p) = &mut self.prefecture {
            p.name = short_text("prefecture", &p.name)?;
        }
        self.purpose = long_texts("purpose", &self.purpose)?;
        for item in &mut self.agenda {
            item.title = short_text("agenda", &item.title)?;
        }
        let mut ids: Vec<AgendaItemId> = self.agenda.iter().map(|a| a.id).collect();
        ids.sort();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(ModelError::invalid(
                "agenda",
                "two agenda items share an id",
            ));
        }
        if let (Some(start), Some(end)) = (self.start_time, self.end_time)
            && end < start
        {
            return Err(ModelError::invalid(
                "end_time",
                format!("ends at {end} before it starts at {start}"),
            ));
        }
        if let (Some(date), Some(time)) = (self.date, self.start_time)
            && MEETING_TIME_ZONE
                .from_local_datetime(&date.and_time(time))
                .earliest()
                .is_none()
        {
            return Err(ModelError::invalid(
                "start_time",
                format!("{date} {time} does not exist in Morocco (the clocks changed)"),
            ));
        }
        let mut langs = Vec::new();
        for l in &self.languages {
            if !langs.contains(l) {
                langs.push(*l);
            }
        }
        if langs.is_empty() {
            langs.push(Lang::Ar);
        }
        self.languages = langs;
        Ok(self)
    }

    /// The details a complete record would have but this one lacks. Never a blocker while a
    /// draft: the UI shows them as warnings.
    pub fn missing(&self) -> Vec<MissingField> {
        let mut missing = Vec::new();
        if self.region.is_none() {
            missing.push(MissingField::Region);
        }
        if self.date.is_none() {
            missing.push(MissingField::Date);
        }
        if self.start_time.is_none() {
            missing.push(MissingField::StartTime);
        }
        if self.venue.is_none() {
            missing.push(MissingField::Venue);
        }
        if self.format.is_none() {
            missing.push(MissingField::Format);
        }
        missing
    }

    /// Refuses any change to approved or published minutes.
    pub fn ensure_editable(&self) -> Result<(), ModelError> {
        if self.status.is_locked() {
            Err(ModelError::MeetingLocked {
                status: self.status.code(),
            })
        } else {
            Ok(())
        }
    }

    /// The start as an instant, when date and time are known.
    pub fn start_utc(&self) -> Option<DateTime<Utc>> {
        let local = self.date?.and_time(self.start_time?);
        MEETING_TIME_ZONE
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The title to show: its own, or one made from the rank and region ("الاجتماع التاسع —
    /// جهة فاس مكناس").
    pub fn display_title(&self, lang: Lang) -> String {
        if let Some(title) = &self.title {
            return title.clone();
        }
        let word = lang.pick("الاجتماع", "réunion", "meeting");
        let head = match (self.rank, lang) {
            (Some(rank), Lang::Ar) => format!("{word} {}", crate::ordinal(rank, lang)),
            (Some(rank), Lang::Fr) => format!("{} {word}", crate::ordinal(rank, lang)),
            (Some(rank), Lang::En) => format!("{} {word}", crate::ordinal(rank, lang)),
            (None, Lang::Ar) => word.to_owned(),
            (None, Lang::Fr) => "Réunion".to_owned(),
            (None, Lang::En) => "Meeting".to_owned(),
        };
        let head = match lang {
            Lang::Ar => head,
            _ => {
                let mut chars = head.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        };
        match self.region {
            Some(region) => format!("{head} — {}", region.display(lang)),
            None => head,
        }
    }

    /// Whether an agenda item belongs to this meeting.
    pub fn has_agenda_item(&self, id: AgendaItemId) -> bool {
        self.agenda.iter().any(|a| a.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn the_minutes_workflow_refuses_shortcuts() {
        use MeetingStatus::*;
        assert_eq!(Draft.transition(InReview), Ok(InReview));
        assert_eq!(
            InReview.transition(Draft),
            Ok(Draft),
            "a reviewer can send a draft back"
        );
        assert_eq!(InReview.transition(Approved), Ok(Approved));
        assert_eq!(Approved.transition(Published), Ok(Published));
        let err = Draft
            .transition(Approved)
            .expect_err("no approval without review");
        assert_eq!(
            err.to_string(),
            "cannot move meeting from \"draft\" to \"approved\"; allowed from \"draft\": in_review"
        );
        assert_eq!(
            Published.transition(Draft),
            Ok(Draft),
            "a change to published minutes starts an amendment"
        );
        assert!(Published.transition(InReview).is_err());
        assert!(Published.transition(Approved).is_err());
        assert!(Approved.transition(Approved).is_err());
    }

    #[test]
    fn approved_minutes_are_read_only() {
        let mut m = Meeting::default();
        assert!(m.ensure_editable().is_ok());
        m.status = MeetingStatus::Approved;
        assert_eq!(
            m.ensure_editable().map_err(|e| e.code()),
            Err("meeting_locked"),
            "approved minutes are read-only"
        );
    }

    #[test]
    fn a_draft_may_lack_date_and_venue_and_says_so() {
        let m = Meeting {
            region: Some(Region::FesMeknes),
            format: Some(MeetingFormat::Hybrid),
            ..Meeting::default()
        }
        .validated()
        .expect("a draft without date or venue is valid");
        assert_eq!(
            m.missing(),
            vec![
                MissingField::Date,
                MissingField::StartTime,
                MissingField::Venue
            ]
        );
    }

    #[test]
    fn wrong_details_are_refused() {
        let base = Meeting::default;
        let bad_rank = Meeting {
            rank: Some(0),
            ..base()
        };
        assert!(bad_rank.validated().is_err(), "ranks start at 1");
        let orphan_rank = Meeting {
            rank: Some(9),
            ..base()
        };
        assert!(orphan_rank.validated().is_err(), "a rank needs a series");
        let backwards = Meeting {
            start_time: NaiveTime::from_hms_opt(11, 0, 0),
            end_time: NaiveTime::from_hms_opt(10, 0, 0),
            ..base()
        };
        assert!(
            backwards.validated().is_err(),
            "a meeting cannot end before it starts"
        );
        let id = AgendaItemId(Uuid::from_u128(1));
        let dup = Meeting {
            agenda: vec![
                AgendaItem {
                    id,
                    title: "أ".into(),
                },
                AgendaItem {
                    id,
                    title: "ب".into(),
                },
            ],
            ..base()
        };
        assert!(dup.validated().is_err(), "agenda ids are unique");
    }

    #[test]
    fn titles_are_derived_from_rank_and_region() {
        let m = Meeting {
            rank: Some(9),
            region: Some(Region::FesMeknes),
            ..Meeting::default()
        };
        assert_eq!(m.display_title(Lang::Ar), "الاجتماع التاسع — جهة فاس مكناس");
        assert_eq!(m.display_title(Lang::Fr), "9e réunion — région Fès-Meknès");
        assert_eq!(m.display_title(Lang::En), "9th meeting — Fez-Meknes region");
        assert_eq!(Meeting::default().display_title(Lang::Fr), "Réunion");
        let own = Meeting {
            title: Some("لقاء خاص".into()),
            ..m
        };
        assert_eq!(
            own.display_title(Lang::Ar),
            "لقاء خاص",
            "a title of its own wins"
        );
    }

    #[test]
    fn start_is_converted_from_morocco_wall_clock() {
        let m = Meeting {
            date: NaiveDate::from_ymd_opt(2026, 11, 28),
            start_time: NaiveTime::from_hms_opt(10, 0, 0),
            ..Meeting::default()
        };
        // Morocco is on UTC+1 outside Ramadan.
        assert_eq!(
            m.start_utc().map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-11-28T09:00:00+00:00")
        );
    }
}
