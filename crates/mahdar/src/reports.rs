//! "New meeting from a report": a press report becomes a draft meeting whose every extracted
//! item is a proposal tied to its span of text; a person accepts, edits or rejects each one,
//! and only accepted ones reach the meeting's record.
//!
//! The draft is one document, `report:<the meeting's uuid>`, holding the text as pasted and
//! the proposals with their status; it syncs like any other, so a colleague can finish the
//! review on another laptop.

use crate::{Error, Mahdar, NewAttendance, NewStatement, Position, Result, Stored};
use mahdar_model::{
    AttendanceId, DocKey, FollowUpAction, Lang, Meeting, MeetingId, MeetingStatus, Organisation,
    OrganisationId, PartyRef, Person, PersonId, PersonKind, Proposal, ProposalItem, ProposalStatus,
    ProposedParty, ReportDraft, ReportId, Series, SeriesId, SiteVisit, SourceRef, StatementId,
    TitleHeld, VisitId, fold_for_match,
};
use serde::Serialize;

/// A draft made from a report, as the review screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportView {
    /// The draft meeting.
    pub meeting: MeetingId,
    /// The report's language.
    pub lang: Lang,
    /// The text as pasted.
    pub source: String,
    /// Every proposal, by number.
    pub proposals: Vec<Proposal>,
    /// How many wait for a person.
    pub pending: usize,
    /// How many are in the record.
    pub accepted: usize,
    /// How many were turned down.
    pub rejected: usize,
    /// Proposals "accept all" could not accept, and why (they stay pending).
    pub problems: Vec<Problem>,
}

/// A proposal that could not be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Its number.
    pub no: u32,
    /// Why, in one line.
    pub message: String,
    /// Why, as a code the app words in the user's language: `unnamed` (an attendee known only
    /// by a title), `needs_rejected` (it needs a proposal that was rejected), `rank_taken`
    /// (the series already has a meeting of that rank), `other`.
    pub reason: &'static str,
}

impl Problem {
    fn of(no: u32, e: &Error) -> Problem {
        let message = e.to_string();
        let field = match e {
            Error::Model(mahdar_model::ModelError::Invalid { field, .. }) => *field,
            _ => "",
        };
        let reason = match field {
            "name" => "unnamed",
            "rank" => "rank_taken",
            "proposal" if message.contains("rejected") => "needs_rejected",
            _ => "other",
        };
        Problem {
            no,
            message,
            reason,
        }
    }
}

impl ReportView {
    /// The proposal with this number.
    pub fn proposal(&self, no: u32) -> Option<&Proposal> {
        self.proposals.iter().find(|p| p.no == no)
    }
}

impl From<ReportDraft> for ReportView {
    fn from(d: ReportDraft) -> ReportView {
        let count = |s: ProposalStatus| d.proposals.iter().filter(|p| p.status == s).count();
        ReportView {
            pending: count(ProposalStatus::Pending),
            accepted: count(ProposalStatus::Accepted),
            rejected: count(ProposalStatus::Rejected),
            problems: Vec::new(),
            meeting: d.meeting,
            lang: d.lang,
            source: d.source,
            proposals: d.proposals,
        }
    }
}

/// What a person decides about one proposal.
#[derive(Debug, Clone, PartialEq)]
pub enum Review {
    /// Put it in the record, as proposed or as edited (the same kind of item).
    Accept(Option<ProposalItem>),
    /// Turn it down: nothing is written.
    Reject,
    /// Bring a rejected proposal back to pending.
    Reopen,
}

/// An attendee known only by their title ("الوزيرة" with no name in the report): never
/// matched with the registry nor added to it until a person gives the name.
fn unnamed(name: &str, title: Option<&str>) -> bool {
    title.is_some_and(|t| mahdar_import::same_name(name, t))
}

/// The registry entry among `people` known by this name or one of these spellings.
fn named_in(people: &[Stored<Person>], name: &str, aliases: &[String]) -> Option<PersonId> {
    people
        .iter()
        .find(|person| {
            person.value.names().any(|known| {
                std::iter::once(name)
                    .chain(aliases.iter().map(String::as_str))
                    .any(|n| mahdar_import::same_name(known, n))
            })
        })
        .map(|person| person.id)
}

fn report_id(meeting: MeetingId) -> ReportId {
    ReportId::from_uuid(meeting.uuid())
}

fn label(p: &Proposal) -> String {
    match &p.item {
        ProposalItem::Attendee { name, .. } => format!("{} ({name})", p.no),
        _ => p.no.to_string(),
    }
}

impl Mahdar {
    /// Reads a press report and records a draft meeting with every proposal pending. People
    /// already in the registry are matched (by name or a known spelling), not duplicated.
    pub fn import_report(&self, source: &str) -> Result<ReportView> {
        ReportDraft::check_source(source)?;
        let extraction = mahdar_import::extract(source);
        let people = self.people()?;
        let mut proposals = extraction.proposals;
        for p in &mut proposals {
            if let ProposalItem::Attendee {
                name,
                aliases,
                title,
                matched,
                ..
            } = &mut p.item
                && !unnamed(name, title.as_deref())
            {
                *matched = named_in(&people, name, aliases);
            }
        }
        let _writing = self.exclusive();
        let meeting_id = MeetingId::from_uuid(self.clock.new_uuid());
        let meeting = Meeting {
            status: MeetingStatus::Draft,
            languages: vec![extraction.lang],
            ..Meeting::default()
        }
        .validated()?;
        let draft = ReportDraft {
            meeting: meeting_id,
            lang: extraction.lang,
            source: source.to_owned(),
            proposals,
        };
        let edits = vec![
            self.create_edit(meeting_id, &meeting)?,
            self.create_edit(report_id(meeting_id), &draft)?,
        ];
        self.commit(edits)?;
        Ok(draft.into())
    }

    /// The draft a meeting was made from, if it was made from a report.
    pub fn report_draft(&self, meeting: MeetingId) -> Result<Option<ReportView>> {
        Ok(self
            .find::<ReportDraft>(report_id(meeting))?
            .map(|d| d.value.into()))
    }

    fn load_draft(&self, meeting: MeetingId) -> Result<Stored<ReportDraft>> {
        self.find::<ReportDraft>(report_id(meeting))?
            .ok_or_else(|| Error::NotFound {
                what: "report draft",
                id: report_id(meeting).doc_id(),
            })
    }

    /// Accepts, rejects or reopens one proposal. Accepting writes it to the record (and first
    /// the proposals it needs: a statement's speaker, an action's owner); an accepted proposal
    /// stays accepted (its record is edited on the meeting page).
    pub fn review_proposal(
        &self,
        meeting: MeetingId,
        no: u32,
        review: Review,
    ) -> Result<ReportView> {
        let _reviewing = self.reviewing();
        self.editable_meeting(meeting)?;
        let mut draft = self.load_draft(meeting)?;
        let status = draft.value.proposal(no)?.status;
        match review {
            Review::Reject | Review::Reopen if status == ProposalStatus::Accepted => {
                return Err(Error::invalid(
                    "proposal",
                    format!(
                        "proposal {no} is already in the record; edit or delete it on the meeting page"
                    ),
                ));
            }
            Review::Reject => {
                self.set_status(&mut draft, no, ProposalStatus::Rejected)?;
            }
            Review::Reopen => {
                self.set_status(&mut draft, no, ProposalStatus::Pending)?;
            }
            Review::Accept(_) if status == ProposalStatus::Accepted => {
                return Err(Error::invalid(
                    "proposal",
                    format!("proposal {no} is already accepted"),
                ));
            }
            Review::Accept(edit) => {
                if let Some(item) = edit {
                    self.edit_proposal(&mut draft, no, item)?;
                }
                self.accept(&mut draft, no, &mut Vec::new())?;
            }
        }
        Ok(draft.value.into())
    }

    /// Accepts every pending proposal, in order. One that cannot be accepted (a rank already
    /// taken in its series) stays pending and is listed in `problems`; the others go on.
    pub fn accept_all_proposals(&self, meeting: MeetingId) -> Result<ReportView> {
        let _reviewing = self.reviewing();
        self.editable_meeting(meeting)?;
        let mut draft = self.load_draft(meeting)?;
        let pending: Vec<u32> = draft
            .value
            .proposals
            .iter()
            .filter(|p| p.status == ProposalStatus::Pending)
            .map(|p| p.no)
            .collect();
        let mut problems = Vec::new();
        for no in pending {
            if draft.value.proposal(no)?.status == ProposalStatus::Pending
                && let Err(e) = self.accept(&mut draft, no, &mut Vec::new())
            {
                problems.push(Problem::of(no, &e));
                // What was accepted before the failure is saved; start again from it.
                draft = self.load_draft(meeting)?;
            }
        }
        let mut view: ReportView = draft.value.into();
        view.problems = problems;
        Ok(view)
    }

    /// Holds the review of drafts for one use case (not `exclusive()`: each acceptance calls
    /// use cases that take it).
    fn reviewing(&self) -> std::sync::MutexGuard<'_, ()> {
        self.reviews.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn save_draft(&self, draft: &mut Stored<ReportDraft>) -> Result<()> {
        let _writing = self.exclusive();
        let saved = self.save(draft.id, draft.rev, draft.value.clone())?;
        *draft = saved;
        Ok(())
    }

    fn set_status(
        &self,
        draft: &mut Stored<ReportDraft>,
        no: u32,
        status: ProposalStatus,
    ) -> Result<()> {
        if let Some(p) = draft.value.proposals.iter_mut().find(|p| p.no == no) {
            p.status = status;
        }
        self.save_draft(draft)
    }

    /// Replaces a proposal's item with a person's edit: the same kind, references to proposals
    /// of the right kinds.
    fn edit_proposal(
        &self,
        draft: &mut Stored<ReportDraft>,
        no: u32,
        item: ProposalItem,
    ) -> Result<()> {
        let current = draft.value.proposal(no)?;
        if current.item.kind() != item.kind() {
            return Err(Error::invalid(
                "proposal",
                format!(
                    "proposal {no} is a {}; an edit cannot make it a {}",
                    current.item.kind(),
                    item.kind()
                ),
            ));
        }
        let item = item.validated()?;
        let expect = |n: u32, kind: &str| -> Result<()> {
            match draft.value.proposals.iter().find(|p| p.no == n) {
                Some(p) if p.item.kind() == kind => Ok(()),
                _ => Err(Error::invalid(
                    "proposal",
                    format!("proposal {no} refers to {n}, which is not a {kind} of this draft"),
                )),
            }
        };
        match &item {
            ProposalItem::Statement { speaker, .. } => expect(*speaker, "attendee")?,
            ProposalItem::Visit { participants, .. } => {
                for n in participants {
                    expect(*n, "attendee")?;
                }
            }
            ProposalItem::Action {
                owner,
                partners,
                statement,
                visit,
                ..
            } => {
                for party in owner.iter().chain(partners) {
                    if let ProposedParty::Attendee(n) = party {
                        expect(*n, "attendee")?;
                    }
                }
                if let Some(n) = statement {
                    expect(*n, "statement")?;
                }
                if let Some(n) = visit {
                    expect(*n, "visit")?;
                }
            }
            _ => {}
        }
        if let Some(p) = draft.value.proposals.iter_mut().find(|p| p.no == no) {
            p.item = item;
            p.edited = true;
        }
        Ok(())
    }

    /// Accepts one proposal, after the ones it refers to.
    fn accept(&self, draft: &mut Stored<ReportDraft>, no: u32, path: &mut Vec<u32>) -> Result<()> {
        if path.contains(&no) {
            return Err(Error::invalid(
                "proposal",
                format!("proposal {no} refers to itself through {path:?}"),
            ));
        }
        path.push(no);
        let proposal = draft.value.proposal(no)?.clone();
        for dep in proposal.item.refers_to() {
            let needed = draft.value.proposal(dep)?;
            match needed.status {
                ProposalStatus::Accepted => {}
                ProposalStatus::Pending => self.accept(draft, dep, path)?,
                ProposalStatus::Rejected => {
                    return Err(Error::invalid(
                        "proposal",
                        format!(
                            "proposal {no} needs proposal {}, which was rejected; edit {no} or reopen {dep}",
                            label(needed)
                        ),
                    ));
                }
            }
        }
        let record = self.apply(&draft.value, &proposal)?;
        if let Some(p) = draft.value.proposals.iter_mut().find(|p| p.no == no) {
            p.status = ProposalStatus::Accepted;
            p.record = Some(record);
        }
        path.pop();
        self.save_draft(draft)
    }

    /// Where an accepted proposal goes among its kind: before the first one accepted that
    /// comes after it in the text (and is still in the record), so the record keeps the text's
    /// order whatever the order of acceptance.
    fn place_of<Id: std::str::FromStr>(&self, draft: &ReportDraft, p: &Proposal) -> Position<Id> {
        draft
            .proposals
            .iter()
            .filter(|q| {
                q.no > p.no
                    && q.item.kind() == p.item.kind()
                    && q.status == ProposalStatus::Accepted
            })
            .filter_map(|q| q.record.as_deref())
            // A record deleted on the meeting page since is no landmark.
            .filter(|id| matches!(self.store.get(id), Ok(Some(_))))
            .find_map(|id| id.parse::<Id>().ok())
            .map_or(Position::Last, Position::Before)
    }

    /// The registry entry behind an accepted attendee proposal.
    fn person_of(&self, draft: &ReportDraft, no: u32) -> Result<PersonId> {
        let p = draft.proposal(no)?;
        let id: AttendanceId = p
            .record
            .as_deref()
            .ok_or_else(|| Error::invalid("proposal", format!("proposal {no} is not accepted")))?
            .parse()?;
        Ok(self.load::<mahdar_model::Attendance>(id)?.value.person)
    }

    fn proposed_party(&self, draft: &ReportDraft, party: &ProposedParty) -> Result<PartyRef> {
        Ok(match party {
            ProposedParty::Attendee(n) => PartyRef::Person(self.person_of(draft, *n)?),
            ProposedParty::Organisation(name) => {
                PartyRef::Organisation(self.organisation_named(name)?)
            }
        })
    }

    /// The registry entry known by this name or one of these spellings.
    fn person_named(&self, name: &str, aliases: &[String]) -> Result<Option<PersonId>> {
        Ok(named_in(&self.people()?, name, aliases))
    }

    /// The organisation of that name (or alias) in the registry, created when there is none.
    fn organisation_named(&self, name: &str) -> Result<OrganisationId> {
        let key = fold_for_match(name);
        let known = self.organisations()?.into_iter().find(|o| {
            let v = &o.value;
            v.name_ar
                .iter()
                .chain(&v.name_fr)
                .chain(&v.aliases)
                .any(|n| fold_for_match(n) == key)
        });
        if let Some(o) = known {
            return Ok(o.id);
        }
        let arabic = name.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        let org = Organisation {
            name_ar: arabic.then(|| name.to_owned()),
            name_fr: (!arabic).then(|| name.to_owned()),
            aliases: Vec::new(),
        };
        Ok(self.create_organisation(org)?.id)
    }

    /// Writes one proposal to the record; returns the id of the document it became.
    fn apply(&self, draft: &ReportDraft, p: &Proposal) -> Result<String> {
        let meeting_id = draft.meeting;
        let update_meeting = |change: &dyn Fn(&mut Meeting)| -> Result<String> {
            let current = self.meeting(meeting_id)?;
            let mut m = current.value.clone();
            change(&mut m);
            self.update_meeting(meeting_id, current.rev, m)?;
            Ok(meeting_id.doc_id())
        };
        match &p.item {
            ProposalItem::Region { region } => update_meeting(&|m| m.region = Some(*region)),
            ProposalItem::Prefecture { prefecture } => {
                update_meeting(&|m| m.prefecture = Some(prefecture.clone()))
            }
            ProposalItem::Format { format } => update_meeting(&|m| m.format = Some(*format)),
            ProposalItem::Date { date } => update_meeting(&|m| m.date = Some(*date)),
            ProposalItem::Purpose { text } => {
                // Before the aims accepted from later in the text.
                let later: Vec<&str> = draft
                    .proposals
                    .iter()
                    .filter(|q| q.no > p.no && q.status == ProposalStatus::Accepted)
                    .filter_map(|q| match &q.item {
                        ProposalItem::Purpose { text } => Some(text.as_str()),
                        _ => None,
                    })
                    .collect();
                update_meeting(&|m| {
                    if !m.purpose.contains(text) {
                        let at = m
                            .purpose
                            .iter()
                            .position(|x| later.contains(&x.as_str()))
                            .unwrap_or(m.purpose.len());
                        m.purpose.insert(at, text.clone());
                    }
                })
            }
            ProposalItem::Series {
                title,
                rank,
                launched_in,
                organiser,
            } => {
                let series =
                    self.series_for(title, launched_in.as_deref(), organiser.as_deref())?;
                update_meeting(&|m| {
                    m.series = Some(series);
                    m.rank = *rank;
                })?;
                Ok(series.doc_id())
            }
            ProposalItem::Attendee {
                name,
                aliases,
                title,
                person_kind,
                precedence,
                roles,
                organisation,
                matched,
            } => {
                if unnamed(name, title.as_deref()) {
                    return Err(Error::invalid(
                        "name",
                        format!(
                            "proposal {} names no one, only the title «{name}»: edit it to give the person's name",
                            p.no
                        ),
                    ));
                }
                // Matched at import, or since (another report accepted meanwhile, an earlier
                // attempt cut short): never the same person twice.
                let matched = match matched {
                    Some(id) if self.find::<Person>(*id)?.is_some() => Some(*id),
                    _ => self.person_named(name, aliases)?,
                };
                let person = match matched {
                    Some(id) => {
                        // Keep the spellings met in this report.
                        let current = self.person(id)?;
                        let mut person = current.value.clone();
                        for n in std::iter::once(name).chain(aliases) {
                            if !person.names().any(|k| k == n) {
                                person.aliases.push(n.clone());
                            }
                        }
                        if person != current.value {
                            self.update_person(id, current.rev, person)?;
                        }
                        id
                    }
                    None => {
                        let arabic = name.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
                        let organisation = match organisation {
                            Some(o) => Some(self.organisation_named(o)?),
                            None => None,
                        };
                        let person = Person {
                            kind: *person_kind,
                            name_ar: arabic.then(|| name.clone()),
                            name_latin: (!arabic).then(|| name.clone()),
                            aliases: aliases.clone(),
                            titles: title
                                .iter()
                                .filter(|_| *person_kind == PersonKind::Individual)
                                .map(|t| TitleHeld::current(t))
                                .collect(),
                            precedence: *precedence,
                            organisation,
                        };
                        self.create_person(person)?.id
                    }
                };
                // Someone already on the list (an earlier attempt, or added by hand) is kept.
                if let Some(entry) = self
                    .attendance(meeting_id)?
                    .into_iter()
                    .find(|a| a.value.person == person)
                {
                    return Ok(entry.id.doc_id());
                }
                let entry = self.add_attendance_at(
                    meeting_id,
                    NewAttendance {
                        person,
                        title: title.clone(),
                        roles: roles.clone(),
                        mode: Default::default(),
                        presence: Default::default(),
                    },
                    self.place_of(draft, p),
                )?;
                Ok(entry.id.doc_id())
            }
            ProposalItem::Statement {
                speaker,
                statement_kind,
                channel,
                speaking_as,
                text,
            } => {
                let speaker = self.person_of(draft, *speaker)?;
                // Already there (an acceptance cut short after its write): the same record.
                if let Some(same) = self
                    .statements(meeting_id)?
                    .into_iter()
                    .find(|s| s.value.speaker == speaker && s.value.text == *text)
                {
                    return Ok(same.id.doc_id());
                }
                let mut new = NewStatement::new(speaker, text.clone());
                new.kind = *statement_kind;
                new.channel = channel.clone();
                new.speaking_as = speaking_as.clone();
                Ok(self
                    .add_statement(meeting_id, new, self.place_of(draft, p))?
                    .id
                    .doc_id())
            }
            ProposalItem::Visit {
                place,
                province,
                purpose,
                participants,
            } => {
                let people = participants
                    .iter()
                    .map(|n| self.person_of(draft, *n))
                    .collect::<Result<Vec<_>>>()?;
                if let Some(same) = self
                    .visits(meeting_id)?
                    .into_iter()
                    .find(|v| v.value.place == *place && v.value.province == *province)
                {
                    return Ok(same.id.doc_id());
                }
                let visit = SiteVisit {
                    meeting: Some(meeting_id),
                    date: self.meeting(meeting_id)?.value.date,
                    place: place.clone(),
                    commune: None,
                    province: province.clone(),
                    purpose: purpose.clone(),
                    participants: people,
                    findings: Vec::new(),
                };
                Ok(self.add_visit(visit)?.id.doc_id())
            }
            ProposalItem::Action {
                title,
                description,
                owner,
                partners,
                amount,
                beneficiaries,
                action_status,
                statement,
                visit,
            } => {
                let record_of = |n: u32| -> Result<String> {
                    draft.proposal(n)?.record.clone().ok_or_else(|| {
                        Error::invalid("proposal", format!("proposal {n} is not accepted"))
                    })
                };
                let source = match (statement, visit) {
                    (Some(n), _) => {
                        Some(SourceRef::Statement(record_of(*n)?.parse::<StatementId>()?))
                    }
                    (None, Some(n)) => Some(SourceRef::Visit(record_of(*n)?.parse::<VisitId>()?)),
                    (None, None) => None,
                };
                if let Some(same) = self
                    .actions_of(meeting_id)?
                    .into_iter()
                    .find(|a| a.action.value.title == *title && a.action.value.amount == *amount)
                {
                    return Ok(same.action.id.doc_id());
                }
                let action = FollowUpAction {
                    meeting: meeting_id,
                    title: title.clone(),
                    description: description.clone(),
                    owner: owner
                        .as_ref()
                        .map(|o| self.proposed_party(draft, o))
                        .transpose()?,
                    partners: partners
                        .iter()
                        .map(|o| self.proposed_party(draft, o))
                        .collect::<Result<Vec<_>>>()?,
                    amount: *amount,
                    beneficiaries: beneficiaries.clone(),
                    due: None,
                    status: *action_status,
                    source,
                    order: mahdar_model::OrderKey::first(),
                };
                Ok(self
                    .add_action_at(action, self.place_of(draft, p))?
                    .id
                    .doc_id())
            }
        }
    }

    /// The series a report's meeting belongs to: one already recorded with the same title, or
    /// launched in the same place by the same organiser; otherwise a new one.
    fn series_for(
        &self,
        title: &str,
        launched_in: Option<&str>,
        organiser: Option<&str>,
    ) -> Result<SeriesId> {
        let organiser_id = match organiser {
            Some(o) => Some(self.organisation_named(o)?),
            None => None,
        };
        let same = |a: Option<&str>, b: Option<&str>| match (a, b) {
            (Some(a), Some(b)) => fold_for_match(a) == fold_for_match(b),
            _ => false,
        };
        let known = self.series_list()?.into_iter().find(|s| {
            fold_for_match(&s.value.title_ar) == fold_for_match(title)
                || (same(s.value.launched_in.as_deref(), launched_in)
                    && (organiser_id.is_none() || s.value.organiser == organiser_id))
        });
        if let Some(s) = known {
            return Ok(s.id);
        }
        let series = Series {
            title_ar: title.to_owned(),
            title_fr: None,
            organiser: organiser_id,
            launched_in: launched_in.map(str::to_owned),
        };
        Ok(self.create_series(series)?.id)
    }
}
