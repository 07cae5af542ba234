//! Follow-up actions as CSV (Excel and LibreOffice open it with Arabic intact: UTF-8 with a
//! byte-order mark), and meetings and due dates as iCalendar (RFC 5545).

use crate::{DocError, dates};
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use mahdar_model::{ActionStatus, Lang, MEETING_TIME_ZONE, Meeting, Money, Region};

/// One row of the actions table: an action with its meeting's context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    /// The action's id.
    pub id: String,
    /// The meeting it was committed in.
    pub meeting_id: String,
    /// The meeting's title.
    pub meeting_title: String,
    /// The meeting's region.
    pub region: Option<Region>,
    /// What is to be done.
    pub title: String,
    /// Who is responsible.
    pub owner: Option<String>,
    /// Who takes part.
    pub partners: Vec<String>,
    /// How much.
    pub amount: Option<Money>,
    /// When.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    pub status: ActionStatus,
    /// Open and past due.
    pub overdue: bool,
}

/// The actions as CSV, headers in `lang`. Amounts are plain decimals (dot) with their currency
/// in a column of its own, so spreadsheets compute with them.
pub fn actions_csv(rows: &[ActionRow], lang: Lang) -> Result<Vec<u8>, DocError> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let header = [
            lang.pick("المعرف", "identifiant", "id"),
            lang.pick("الاجتماع", "réunion", "meeting"),
            lang.pick("الجهة", "région", "region"),
            lang.pick("الإجراء", "action", "action"),
            lang.pick("المسؤول", "responsable", "owner"),
            lang.pick("الشركاء", "partenaires", "partners"),
            lang.pick("المبلغ", "montant", "amount"),
            lang.pick("العملة", "devise", "currency"),
            lang.pick("الأجل", "échéance", "due"),
            lang.pick("الحالة", "statut", "status"),
            lang.pick("متأخر", "en retard", "overdue"),
        ];
        w.write_record(header)
            .map_err(|e| DocError::Write(e.to_string()))?;
        for r in rows {
            let amount = r
                .amount
                .map(|m| format!("{}.{:02}", m.centimes / 100, m.centimes % 100))
                .unwrap_or_default();
            let currency = r.amount.map(|m| m.currency.to_string()).unwrap_or_default();
            let record = [
                r.id.clone(),
                r.meeting_title.clone(),
                r.region
                    .map(|g| g.name(lang).to_owned())
                    .unwrap_or_default(),
                r.title.clone(),
                r.owner.clone().unwrap_or_default(),
                r.partners.join(" ; "),
                amount,
                currency,
                r.due.map(|d| d.to_string()).unwrap_or_default(),
                r.status.label(lang).to_owned(),
                if r.overdue {
                    lang.pick("نعم", "oui", "yes")
                } else {
                    ""
                }
                .to_owned(),
            ];
            w.write_record(&record)
                .map_err(|e| DocError::Write(e.to_string()))?;
        }
        w.flush().map_err(|e| DocError::Write(e.to_string()))?;
    }
    Ok(out)
}

/// A meeting for the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarMeeting {
    /// Its id (the event's UID).
    pub id: String,
    /// The header.
    pub meeting: Meeting,
}

/// Meetings (with a date) and the due dates of open actions as an iCalendar file. Meeting times
/// are Morocco wall-clock times, written in UTC so every calendar shows them right.
pub fn icalendar(meetings: &[CalendarMeeting], actions: &[ActionRow], lang: Lang) -> String {
    let mut cal = Calendar::new();
    cal.name(lang.pick(
        "محضر — الاجتماعات والآجال",
        "Mahdar — réunions et échéances",
        "Mahdar — meetings and due dates",
    ));
    for m in meetings {
        let Some(day) = m.meeting.date else { continue };
        let mut event = Event::new();
        event
            .uid(&format!("{}@mahdar", m.id))
            .summary(&m.meeting.display_title(lang));
        match m.meeting.start_utc() {
            Some(utc) => {
                let end_local = m.meeting.end_time.map(|e| NaiveDateTime::new(day, e));
                let end = end_local
                    .and_then(|e| MEETING_TIME_ZONE.from_local_datetime(&e).earliest())
                    .map(|e| e.with_timezone(&Utc))
                    .unwrap_or(utc + Duration::hours(2));
                event.starts(utc).ends(end);
            }
            None => {
                event.all_day(day);
            }
        }
        let mut place = Vec::new();
        if let Some(v) = &m.meeting.venue {
            place.push(v.clone());
        }
        if let Some(r) = m.meeting.region {
            place.push(r.display(lang));
        }
        if !place.is_empty() {
            event.location(&place.join(", "));
        }
        cal.push(event.done());
    }
    for a in actions.iter().filter(|a| a.status.is_open()) {
        let Some(due) = a.due else { continue };
        let mut event = Event::new();
        let label = lang.pick("أجل", "Échéance", "Due");
        event
            .uid(&format!("{}@mahdar", a.id))
            .summary(&format!("{label}: {}", a.title))
            .description(&format!(
                "{} — {}",
                a.meeting_title,
                dates::gregorian(due, lang)
            ))
            .all_day(due);
        cal.push(event.done());
    }
    cal.done().to_string()
}
