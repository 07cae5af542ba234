//! Documents out and in: the formal minutes (PDF, DOCX, Akoma Ntoso), follow-up actions as CSV,
//! meetings and due dates as iCalendar, and a whole meeting as JSON — export and import,
//! lossless.

use crate::{ActionFilter, Error, Mahdar, Result, records::Record};
use mahdar_docs::{
    ActionRow, Attendee, CalendarMeeting, Commitment, DocOptions, Minutes, Name, Said,
};
use mahdar_model::{
    Attendance, Decision, DocKey, FollowUpAction, Lang, Meeting, MeetingId, Organisation, PartyRef,
    Person, ProgressEntry, Series, SiteVisit, Statement,
};
use mahdar_store::{ForeignRevision, Rev};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::{collections::BTreeMap, str::FromStr};

/// The formats a meeting can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The formal minutes, PDF.
    Pdf,
    /// The formal minutes, Word (DOCX).
    Docx,
    /// Akoma Ntoso `debate` XML.
    Akn,
    /// The meeting's follow-up actions, CSV.
    Csv,
    /// The meeting and its actions' due dates, iCalendar.
    Ics,
    /// The whole meeting, JSON (lossless; can be imported).
    Json,
}

impl ExportFormat {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Docx => "docx",
            ExportFormat::Akn => "xml",
            ExportFormat::Csv => "csv",
            ExportFormat::Ics => "ics",
            ExportFormat::Json => "json",
        }
    }

    /// What a save dialog's filter calls it (the same in every language).
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "PDF",
            ExportFormat::Docx => "Word (DOCX)",
            ExportFormat::Akn => "Akoma Ntoso (XML)",
            ExportFormat::Csv => "CSV",
            ExportFormat::Ics => "iCalendar",
            ExportFormat::Json => "JSON (Mahdar)",
        }
    }
}

impl FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "pdf" => ExportFormat::Pdf,
            "docx" => ExportFormat::Docx,
            "akn" | "xml" | "akoma-ntoso" => ExportFormat::Akn,
            "csv" => ExportFormat::Csv,
            "ics" | "ical" | "icalendar" => ExportFormat::Ics,
            "json" => ExportFormat::Json,
            other => {
                return Err(Error::invalid(
                    "format",
                    format!("\"{other}\" is not one of pdf, docx, akn, csv, ics, json"),
                ));
            }
        })
    }
}

/// The JSON file of one meeting: every document it is made of, with its revision.
#[derive(Debug, Serialize, Deserialize)]
struct MeetingFile {
    format: String,
    version: u32,
    meeting: String,
    documents: Vec<Map<String, Value>>,
}

const MEETING_FORMAT: &str = "mahdar-meeting";

/// What importing a meeting did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The meeting.
    pub meeting: MeetingId,
    /// Documents in the file.
    pub documents: usize,
    /// Revisions that were new here.
    pub added: usize,
}

fn name_of_person(p: &Person) -> Name {
    Name {
        ar: p.name_ar.clone(),
        latin: p.name_latin.clone(),
    }
}

fn name_of_org(o: &Organisation) -> Name {
    Name {
        ar: o.name_ar.clone(),
        latin: o.name_fr.clone(),
    }
}

impl Mahdar {
    fn party(&self, party: PartyRef) -> Result<Name> {
        Ok(match party {
            PartyRef::Person(id) => self.find::<Person>(id)?.map(|p| name_of_person(&p.value)),
            PartyRef::Organisation(id) => self
                .find::<Organisation>(id)?
                .map(|o| name_of_org(&o.value)),
        }
        .unwrap_or_else(|| Name {
            ar: None,
            latin: Some(party.to_string()),
        }))
    }

    /// A meeting's record with every name resolved: what the documents are made from.
    pub fn minutes(&self, id: MeetingId) -> Result<Minutes> {
        let record = self.meeting_record(id)?;
        // Approved minutes carry their approval only while they are exactly as approved.
        let approval = match &record.approval {
            Some(a) if record.meeting.value.status.is_locked() => {
                let (_, now) = crate::approvals::snapshot_of(&record)?;
                (now == a.sha256).then(|| {
                    let on = chrono::DateTime::parse_from_rfc3339(&a.approved_at)
                        .map(|t| {
                            t.with_timezone(&mahdar_model::MEETING_TIME_ZONE)
                                .date_naive()
                        })
                        .unwrap_or_else(|_| self.clock.today());
                    mahdar_docs::ApprovalStamp {
                        sha256: a.sha256.clone(),
                        approved_by: a.approved_by.clone(),
                        approved_on: on,
                        amendment: a.amendment,
                    }
                })
            }
            _ => None,
        };
        let mut attendees = Vec::new();
        let mut titles: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
        for a in &record.attendance {
            let person = a.person.as_ref().map(|p| &p.value);
            let title_fr = person.and_then(|p| {
                p.titles
                    .iter()
                    .find(|t| Some(&t.title_ar) == a.entry.value.title.as_ref())
                    .and_then(|t| t.title_fr.clone())
            });
            titles.insert(
                a.entry.value.person.doc_id(),
                (a.entry.value.title.clone(), title_fr.clone()),
            );
            attendees.push(Attendee {
                id: a.entry.value.person.doc_id(),
                name: person.map(name_of_person).unwrap_or_default(),
                kind: person.map(|p| p.kind).unwrap_or_default(),
                title: a.entry.value.title.clone(),
                title_fr,
                roles: a.entry.value.roles.clone(),
                mode: a.entry.value.mode,
                presence: a.entry.value.presence,
            });
        }
        let mut statements = Vec::new();
        for s in &record.statements {
            let st = &s.statement.value;
            let (title, title_fr) = titles
                .get(&st.speaker.doc_id())
                .cloned()
                .unwrap_or_default();
            statements.push(Said {
                id: s.statement.id.doc_id(),
                speaker_id: st.speaker.doc_id(),
                speaker: self.party(st.speaker.into())?,
                speaker_title: title,
                speaker_title_fr: title_fr,
                kind: st.kind,
                channel: st.channel.clone(),
                speaking_as: st.speaking_as.clone(),
                text: st.text.clone(),
                recorded_at: st.recorded_at,
            });
        }
        let mut actions = Vec::new();
        for a in &record.actions {
            let v = &a.action.value;
            actions.push(Commitment {
                id: a.action.id.doc_id(),
                title: v.title.clone(),
                owner: v.owner.map(|o| self.party(o)).transpose()?,
                partners: v
                    .partners
                    .iter()
                    .map(|p| self.party(*p))
                    .collect::<Result<_>>()?,
                amount: v.amount,
                due: v.due,
                status: v.status,
            });
        }
        Ok(Minutes {
            id: id.doc_id(),
            meeting: record.meeting.value.clone(),
            series: record.series_record.map(|s| s.value),
            attendees,
            statements,
            decisions: record.decisions.into_iter().map(|d| d.value.text).collect(),
            actions,
            visits: record.site_visits.into_iter().map(|v| v.value).collect(),
            photos: Vec::new(),
            committed: record.totals.committed,
            approval,
        })
    }

    /// The minutes as the PDF and the DOCX print them: with the site visits' photos unless
    /// the settings leave them out.
    pub fn printed_minutes(&self, id: MeetingId, options: &DocOptions) -> Result<Minutes> {
        let mut minutes = self.minutes(id)?;
        if options.photos != mahdar_docs::PhotoLayout::None {
            let visits: Vec<_> = self.visits(id)?.into_iter().map(|v| v.id).collect();
            minutes.photos = self.visit_photos(id, &visits)?;
        }
        Ok(minutes)
    }

    /// The options documents are produced with: the language asked for, this laptop's Hijri
    /// correction and letterhead (the ministry's by default), today.
    pub fn doc_options(&self, lang: Lang) -> Result<DocOptions> {
        let settings = self.settings()?;
        let mut options = DocOptions::new(lang, self.clock.today());
        options.hijri_adjust = settings.hijri_adjust;
        options.photos = settings.minutes_photos;
        let lines = settings.letterhead.get(lang);
        if !lines.is_empty() {
            options.letterhead = mahdar_docs::Letterhead {
                lines: lines.to_vec(),
            };
        }
        Ok(options)
    }

    /// The name a meeting's export is offered under in a save dialog: what it is and which
    /// meeting, in the document's language, safe on every file system.
    pub fn export_file_name(
        &self,
        id: MeetingId,
        format: ExportFormat,
        lang: Lang,
    ) -> Result<String> {
        let meeting = self.load::<Meeting>(id)?;
        let what = match format {
            ExportFormat::Pdf | ExportFormat::Docx | ExportFormat::Akn => {
                lang.pick("محضر", "Procès-verbal", "Minutes")
            }
            ExportFormat::Csv => {
                lang.pick("إجراءات التتبع", "Actions de suivi", "Follow-up actions")
            }
            ExportFormat::Ics => lang.pick("المواعيد", "Calendrier", "Calendar"),
            ExportFormat::Json => lang.pick("اجتماع", "Réunion", "Meeting"),
        };
        let title = meeting.value.display_title(lang);
        // File systems take 255 bytes; an Arabic letter is two.
        let name: String = format!("{what} - {title}")
            .chars()
            .take(100)
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        Ok(format!(
            "{}.{}",
            name.trim().trim_matches('.'),
            format.extension()
        ))
    }

    /// A meeting exported in a format and language.
    pub fn export(&self, id: MeetingId, format: ExportFormat, lang: Lang) -> Result<Vec<u8>> {
        let options = self.doc_options(lang)?;
        let doc = |r: std::result::Result<Vec<u8>, mahdar_docs::DocError>| {
            r.map_err(|e| Error::Document(e.to_string()))
        };
        Ok(match format {
            ExportFormat::Pdf => doc(mahdar_docs::pdf(
                &self.printed_minutes(id, &options)?,
                &options,
            ))?,
            ExportFormat::Docx => doc(mahdar_docs::docx(
                &self.printed_minutes(id, &options)?,
                &options,
            ))?,
            ExportFormat::Akn => {
                doc(mahdar_docs::akoma_ntoso(&self.minutes(id)?, &options).map(String::into_bytes))?
            }
            ExportFormat::Csv => {
                let filter = ActionFilter {
                    meeting: Some(id),
                    ..ActionFilter::default()
                };
                self.actions_csv(&filter, lang)?
            }
            ExportFormat::Ics => {
                let meeting = self.load::<Meeting>(id)?;
                let rows = self.action_rows(
                    &ActionFilter {
                        meeting: Some(id),
                        ..ActionFilter::default()
                    },
                    lang,
                )?;
                let meetings = [CalendarMeeting {
                    id: id.doc_id(),
                    meeting: meeting.value,
                }];
                mahdar_docs::icalendar(&meetings, &rows, lang).into_bytes()
            }
            ExportFormat::Json => self.export_meeting_json(id)?.into_bytes(),
        })
    }

    fn action_rows(&self, filter: &ActionFilter, lang: Lang) -> Result<Vec<ActionRow>> {
        let mut titles: BTreeMap<MeetingId, String> = BTreeMap::new();
        let mut rows = Vec::new();
        for v in self.actions(filter)? {
            let a = &v.action.value;
            if let std::collections::btree_map::Entry::Vacant(slot) = titles.entry(a.meeting) {
                let title = self
                    .find::<Meeting>(a.meeting)?
                    .map(|m| m.value.display_title(lang))
                    .unwrap_or_default();
                slot.insert(title);
            }
            rows.push(ActionRow {
                id: v.action.id.doc_id(),
                meeting_id: a.meeting.doc_id(),
                meeting_title: titles[&a.meeting].clone(),
                region: v.region,
                title: a.title.clone(),
                owner: a
                    .owner
                    .map(|o| self.party(o).map(|n| n.get(lang).to_owned()))
                    .transpose()?,
                partners: a
                    .partners
                    .iter()
                    .map(|p| self.party(*p).map(|n| n.get(lang).to_owned()))
                    .collect::<Result<_>>()?,
                amount: a.amount,
                due: a.due,
                status: a.status,
                overdue: v.overdue,
            });
        }
        Ok(rows)
    }

    /// Follow-up actions (those the filter selects) as CSV.
    pub fn actions_csv(&self, filter: &ActionFilter, lang: Lang) -> Result<Vec<u8>> {
        mahdar_docs::actions_csv(&self.action_rows(filter, lang)?, lang)
            .map_err(|e| Error::Document(e.to_string()))
    }

    /// The actions a filter selects as a printed follow-up report (PDF): what selected them,
    /// the money committed and delivered, a line per region, and the list, overdue first.
    pub fn actions_pdf(&self, filter: &ActionFilter, lang: Lang) -> Result<Vec<u8>> {
        let totals = self.totals(filter)?;
        let by_region = self
            .totals_by(crate::TotalsBy::Region, filter)?
            .into_iter()
            .map(|row| {
                let name = mahdar_model::Region::from_str(&row.key).map_or_else(
                    |_| lang.pick("دون جهة", "sans région", "no region").to_owned(),
                    |r| r.name(lang).to_owned(),
                );
                (name, row.totals.committed, row.totals.delivered)
            })
            .collect();
        let report = mahdar_docs::ActionsReport {
            rows: self.action_rows(filter, lang)?,
            filters: self.describe_filter(filter, lang)?,
            committed: totals.committed,
            delivered: totals.delivered,
            by_region,
        };
        mahdar_docs::actions_pdf(&report, &self.doc_options(lang)?)
            .map_err(|e| Error::Document(e.to_string()))
    }

    /// What a filter selects, one line per criterion, in `lang`.
    fn describe_filter(&self, f: &ActionFilter, lang: Lang) -> Result<Vec<String>> {
        let l = |ar: &'static str, fr: &'static str, en: &'static str| lang.pick(ar, fr, en);
        let sep = l(": ", " : ", ": ");
        let mut out = Vec::new();
        if let Some(region) = f.region {
            out.push(format!(
                "{}{sep}{}",
                l("الجهة", "Région", "Region"),
                region.name(lang)
            ));
        }
        if let Some(series) = f.series {
            let title = self
                .find::<Series>(series)?
                .map(|s| s.value.title(lang).to_owned())
                .unwrap_or_else(|| series.doc_id());
            out.push(format!("{}{sep}{title}", l("السلسلة", "Série", "Series")));
        }
        if let Some(meeting) = f.meeting {
            let title = self
                .find::<Meeting>(meeting)?
                .map(|m| m.value.display_title(lang))
                .unwrap_or_else(|| meeting.doc_id());
            out.push(format!(
                "{}{sep}{title}",
                l("الاجتماع", "Réunion", "Meeting")
            ));
        }
        if let Some(owner) = f.owner {
            let name = self.party(owner)?;
            out.push(format!(
                "{}{sep}{}",
                l("المسؤول", "Responsable", "Owner"),
                name.get(lang)
            ));
        }
        if let Some(partner) = f.partner {
            let name = self.party(partner)?;
            out.push(format!(
                "{}{sep}{}",
                l("الشريك", "Partenaire", "Partner"),
                name.get(lang)
            ));
        }
        if let Some(status) = f.status {
            out.push(format!(
                "{}{sep}{}",
                l("الحالة", "Statut", "Status"),
                status.label(lang)
            ));
        }
        if f.overdue {
            out.push(
                l(
                    "المتأخرة عن أجلها فقط",
                    "En retard seulement",
                    "Overdue only",
                )
                .to_owned(),
            );
        }
        let day = |d: chrono::NaiveDate| mahdar_docs::dates::gregorian(d, lang);
        match (f.due_after, f.due_before) {
            (Some(a), Some(b)) => out.push(format!(
                "{}{sep}{} – {}",
                l("الأجل", "Échéance", "Due"),
                day(a),
                day(b)
            )),
            (Some(a), None) => out.push(format!(
                "{}{sep}{} {}",
                l("الأجل", "Échéance", "Due"),
                l("ابتداء من", "à partir du", "from"),
                day(a)
            )),
            (None, Some(b)) => out.push(format!(
                "{}{sep}{} {}",
                l("الأجل", "Échéance", "Due"),
                l("إلى غاية", "jusqu'au", "until"),
                day(b)
            )),
            (None, None) => {}
        }
        Ok(out)
    }

    /// Every dated meeting and every open action's due date, as iCalendar.
    pub fn calendar(&self, lang: Lang) -> Result<String> {
        let meetings: Vec<CalendarMeeting> = self
            .all::<Meeting>()?
            .into_iter()
            .map(|m| CalendarMeeting {
                id: m.id.doc_id(),
                meeting: m.value,
            })
            .collect();
        let rows = self.action_rows(&ActionFilter::default(), lang)?;
        Ok(mahdar_docs::icalendar(&meetings, &rows, lang))
    }

    /// Every document a meeting is made of, registry entries included, as JSON: the format
    /// `import_meeting_json` reads back. Export → import into an empty store → export gives the
    /// same bytes.
    pub fn export_meeting_json(&self, id: MeetingId) -> Result<String> {
        let record = self.meeting_record(id)?;
        let mut ids: Vec<String> = vec![id.doc_id()];
        let mut parties: Vec<PartyRef> = Vec::new();
        if let Some(s) = &record.series_record {
            ids.push(s.id.doc_id());
            parties.extend(s.value.organiser.map(PartyRef::Organisation));
        }
        for a in &record.attendance {
            ids.push(a.entry.id.doc_id());
            parties.push(a.entry.value.person.into());
        }
        for s in &record.statements {
            ids.push(s.statement.id.doc_id());
            parties.push(s.statement.value.speaker.into());
        }
        ids.extend(record.decisions.iter().map(|d| d.id.doc_id()));
        for a in &record.actions {
            ids.push(a.action.id.doc_id());
            parties.extend(a.action.value.owner);
            parties.extend(a.action.value.partners.iter().copied());
            ids.extend(a.progress.iter().map(|p| p.id.doc_id()));
        }
        for v in &record.site_visits {
            ids.push(v.id.doc_id());
            parties.extend(v.value.participants.iter().map(|p| PartyRef::Person(*p)));
        }
        // People's organisations come along too.
        let mut i = 0;
        while i < parties.len() {
            if let PartyRef::Person(p) = parties[i]
                && let Some(org) = self.find::<Person>(p)?.and_then(|p| p.value.organisation)
            {
                parties.push(PartyRef::Organisation(org));
            }
            i += 1;
        }
        ids.extend(parties.iter().map(PartyRef::doc_id));
        ids.sort();
        ids.dedup();
        let mut documents = Vec::new();
        for doc_id in ids {
            let Some(doc) = self.store.get(&doc_id)? else {
                continue;
            };
            let mut map = Map::new();
            map.insert("_id".into(), Value::String(doc.id.clone()));
            map.insert("_rev".into(), Value::String(doc.rev.to_string()));
            if let Value::Object(body) = doc.body {
                map.extend(body);
            }
            documents.push(map);
        }
        let file = MeetingFile {
            format: MEETING_FORMAT.into(),
            version: 1,
            meeting: id.doc_id(),
            documents,
        };
        serde_json::to_string_pretty(&file).map_err(|e| Error::Document(e.to_string()))
    }

    /// Reads a meeting exported as JSON into this store. Every document is checked first (an
    /// invalid file imports nothing); revisions are merged as a sync would merge them, so nothing
    /// here is overwritten.
    pub fn import_meeting_json(&self, json: &str) -> Result<ImportReport> {
        let _writing = self.exclusive();
        let bad = |why: String| Error::invalid("file", why);
        let file: MeetingFile = serde_json::from_str(json)
            .map_err(|e| bad(format!("not a Mahdar meeting file: {e}")))?;
        if file.format != MEETING_FORMAT || file.version != 1 {
            return Err(bad(format!(
                "not a Mahdar meeting file (format {} version {})",
                file.format, file.version
            )));
        }
        let meeting: MeetingId = file.meeting.parse()?;
        let mut revisions = Vec::new();
        for mut doc in file.documents {
            let id = doc
                .remove("_id")
                .and_then(|v| v.as_str().map(str::to_owned))
                .ok_or_else(|| bad("a document has no _id".into()))?;
            let rev: Rev = doc
                .remove("_rev")
                .and_then(|v| v.as_str().map(str::to_owned))
                .ok_or_else(|| bad(format!("{id} has no _rev")))?
                .parse()?;
            let body = Value::Object(doc);
            check_document(&id, &body).map_err(|why| bad(format!("{id}: {why}")))?;
            revisions.push(ForeignRevision {
                id,
                history: vec![rev],
                deleted: false,
                body,
            });
        }
        if !revisions.iter().any(|r| r.id == meeting.doc_id()) {
            return Err(bad(format!("the file does not hold {meeting}")));
        }
        let documents = revisions.len();
        let report = self.store.apply_foreign(revisions)?;
        Ok(ImportReport {
            meeting,
            documents,
            added: report.revisions_added,
        })
    }
}

/// Whether a document's body is a valid entity of the kind its id says.
fn check_document(id: &str, body: &Value) -> std::result::Result<(), String> {
    fn is<T: Record>(body: &Value) -> std::result::Result<(), String> {
        serde_json::from_value::<T>(body.clone())
            .map(drop)
            .map_err(|e| e.to_string())
    }
    match id.split_once(':').map(|(k, _)| k) {
        Some("meeting") => is::<Meeting>(body),
        Some("series") => is::<Series>(body),
        Some("person") => is::<Person>(body),
        Some("org") => is::<Organisation>(body),
        Some("attendance") => is::<Attendance>(body),
        Some("statement") => is::<Statement>(body),
        Some("decision") => is::<Decision>(body),
        Some("action") => is::<FollowUpAction>(body),
        Some("progress") => is::<ProgressEntry>(body),
        Some("visit") => is::<SiteVisit>(body),
        Some("report") => is::<mahdar_model::ReportDraft>(body),
        _ => Err("not a kind of document Mahdar knows".into()),
    }
}

/// Writes a file whole or not at all: the bytes go to a `.partial` file beside it, reach the
/// disk, and only then take the file's name. An existing file is replaced only at that moment.
pub fn write_file_whole(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let result = (|| {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, path)?;
        // The new name, on disk too (where a folder can be opened to be synced).
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Ok(dir) = std::fs::File::open(dir)
        {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
