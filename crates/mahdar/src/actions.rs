//! Follow-up actions: committing, moving along, logging progress, finding what is overdue, and
//! adding up the money.

use crate::{
    Error, Mahdar, Result, Stored,
    indexes::{ACTIONS_BY_OWNER, ACTIONS_BY_STATUS, PROGRESS},
    minutes::Position,
};
use chrono::NaiveDate;
use mahdar_model::{
    ActionId, ActionStatus, Currency, Decision, DocKey, FollowUpAction, Meeting, MeetingId, Money,
    PartyRef, ProgressEntry, ProgressId, Region, SeriesId, SiteVisit, SourceRef, Statement,
    StatusChange,
};
use mahdar_store::{Rev, index_prefix};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which actions to list. Empty means all.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActionFilter {
    /// With this status.
    pub status: Option<ActionStatus>,
    /// Owned by this party.
    pub owner: Option<PartyRef>,
    /// From meetings in this region.
    pub region: Option<Region>,
    /// From meetings of this series.
    pub series: Option<SeriesId>,
    /// From this meeting.
    pub meeting: Option<MeetingId>,
    /// Only open actions past their due date.
    pub overdue: bool,
    /// Only actions due on or before this day.
    pub due_before: Option<NaiveDate>,
    /// Only actions due on or after this day.
    pub due_after: Option<NaiveDate>,
    /// Only actions in which this party is a partner.
    pub partner: Option<PartyRef>,
}

/// An action as the follow-up officer sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionView {
    /// The action.
    #[serde(flatten)]
    pub action: Stored<FollowUpAction>,
    /// Open and past its due date, today.
    pub overdue: bool,
    /// The region of its meeting.
    pub region: Option<Region>,
    /// Money delivered so far, from the progress log.
    pub delivered: Vec<Money>,
    /// The progress log, oldest first.
    pub progress: Vec<Stored<ProgressEntry>>,
}

/// Sums of money per currency: committed (every action not cancelled) and delivered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Committed, per currency.
    pub committed: Vec<Money>,
    /// Delivered, per currency.
    pub delivered: Vec<Money>,
    /// Number of actions counted.
    pub actions: usize,
}

impl Totals {
    /// The sums over some actions.
    pub fn of(actions: &[ActionView]) -> Totals {
        let mut sums = Sums::default();
        for v in actions {
            sums.add(v);
        }
        sums.totals()
    }
}

/// How to group totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalsBy {
    /// Per meeting.
    Meeting,
    /// Per region.
    Region,
    /// Per owner.
    Owner,
}

/// One group's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotalsRow {
    /// The meeting or owner id, or the region slug; `none` for actions without one.
    pub key: String,
    /// The sums.
    #[serde(flatten)]
    pub totals: Totals,
}

#[derive(Default)]
struct Sums {
    committed: BTreeMap<Currency, i64>,
    delivered: BTreeMap<Currency, i64>,
    actions: usize,
}

impl Sums {
    fn add(&mut self, view: &ActionView) {
        self.actions += 1;
        let action = &view.action.value;
        if let (true, Some(m)) = (action.status != ActionStatus::Cancelled, action.amount) {
            let sum = self.committed.entry(m.currency).or_default();
            *sum = sum.saturating_add(m.centimes);
        }
        for m in &view.delivered {
            let sum = self.delivered.entry(m.currency).or_default();
            *sum = sum.saturating_add(m.centimes);
        }
    }

    fn totals(self) -> Totals {
        let list = |map: BTreeMap<Currency, i64>| {
            map.into_iter()
                .map(|(currency, centimes)| Money { centimes, currency })
                .collect()
        };
        Totals {
            committed: list(self.committed),
            delivered: list(self.delivered),
            actions: self.actions,
        }
    }
}

/// A progress note, with or without a change of status.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProgressNote {
    /// The day it happened; today by default.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// What happened.
    pub note: String,
    /// Who writes it.
    #[serde(default)]
    pub author: Option<String>,
    /// Money delivered with this step.
    #[serde(default)]
    pub delivered: Option<Money>,
}

impl Mahdar {
    fn check_action(&self, action: &FollowUpAction) -> Result<()> {
        if let Some(owner) = action.owner {
            self.ensure_party(owner)?;
        }
        for p in &action.partners {
            self.ensure_party(*p)?;
        }
        let source_meeting = match action.source {
            None => return Ok(()),
            Some(SourceRef::Statement(id)) => Some(self.load::<Statement>(id)?.value.meeting),
            Some(SourceRef::Decision(id)) => Some(self.load::<Decision>(id)?.value.meeting),
            Some(SourceRef::Visit(id)) => self.load::<SiteVisit>(id)?.value.meeting,
        };
        if source_meeting.is_some_and(|m| m != action.meeting) {
            return Err(Error::invalid(
                "source",
                "the action's source belongs to another meeting",
            ));
        }
        Ok(())
    }

    /// Records a commitment in a meeting. Its position is at the end of the follow-up table
    /// (the `order` given is replaced).
    pub fn add_action(&self, action: FollowUpAction) -> Result<Stored<FollowUpAction>> {
        self.add_action_at(action, Position::Last)
    }

    /// Records a commitment at a given place in the follow-up table.
    pub(crate) fn add_action_at(
        &self,
        action: FollowUpAction,
        position: Position<ActionId>,
    ) -> Result<Stored<FollowUpAction>> {
        let _writing = self.exclusive();
        self.editable_meeting(action.meeting)?;
        let order = self.order_at::<ActionId>(action.meeting, position, None)?;
        let action = FollowUpAction { order, ..action }.validated()?;
        self.check_action(&action)?;
        self.insert(action)
    }

    /// Saves an edited commitment. Approved minutes are refused (their due date can still be
    /// set with [`Mahdar::set_action_due`]); the status moves only through
    /// [`Mahdar::change_action_status`].
    pub fn update_action(
        &self,
        id: ActionId,
        rev: Rev,
        action: FollowUpAction,
    ) -> Result<Stored<FollowUpAction>> {
        let _writing = self.exclusive();
        let current = self.load::<FollowUpAction>(id)?;
        if action.meeting != current.value.meeting {
            return Err(Error::invalid(
                "meeting",
                "an action cannot move to another meeting",
            ));
        }
        if action.status != current.value.status {
            return Err(Error::invalid(
                "status",
                "change the status with a progress entry, not by editing",
            ));
        }
        self.editable_meeting(action.meeting)?;
        let action = action.validated()?;
        self.check_action(&action)?;
        self.save(id, rev, action)
    }

    /// Sets or clears the due date; allowed on approved minutes too, since follow-up goes on
    /// after approval.
    pub fn set_action_due(
        &self,
        id: ActionId,
        due: Option<NaiveDate>,
    ) -> Result<Stored<FollowUpAction>> {
        let _writing = self.exclusive();
        let current = self.load::<FollowUpAction>(id)?;
        self.save(
            id,
            current.rev,
            FollowUpAction {
                due,
                ..current.value
            },
        )
    }

    /// Moves an action to a new status and logs it, in one atomic write. Allowed on approved
    /// minutes: follow-up goes on after approval.
    pub fn change_action_status(
        &self,
        id: ActionId,
        to: ActionStatus,
        note: ProgressNote,
    ) -> Result<(Stored<FollowUpAction>, Stored<ProgressEntry>)> {
        let _writing = self.exclusive();
        let current = self.load::<FollowUpAction>(id)?;
        let from = current.value.status;
        let status = from.transition(to)?;
        let entry = self.progress_entry(id, note, Some(StatusChange { from, to: status }))?;
        let action = FollowUpAction {
            status,
            ..current.value
        };
        let entry_id = ProgressId::from_uuid(self.clock.new_uuid());
        let edits = vec![
            self.update_edit(id, current.rev, &action)?,
            self.create_edit(entry_id, &entry)?,
        ];
        let revs = self.commit(edits)?;
        Ok((
            Stored {
                id,
                rev: revs[0],
                value: action,
                conflicts: Vec::new(),
            },
            Stored {
                id: entry_id,
                rev: revs[1],
                value: entry,
                conflicts: Vec::new(),
            },
        ))
    }

    fn progress_entry(
        &self,
        action: ActionId,
        note: ProgressNote,
        status_change: Option<StatusChange>,
    ) -> Result<ProgressEntry> {
        Ok(ProgressEntry {
            action,
            date: note.date.unwrap_or_else(|| self.clock.today()),
            note: note.note,
            author: note.author,
            status_change,
            delivered: note.delivered,
        }
        .validated()?)
    }

    /// Logs progress on an action without changing its status.
    pub fn add_progress(
        &self,
        action: ActionId,
        note: ProgressNote,
    ) -> Result<Stored<ProgressEntry>> {
        let _writing = self.exclusive();
        self.load::<FollowUpAction>(action)?;
        let entry = self.progress_entry(action, note, None)?;
        self.insert(entry)
    }

    /// An action's progress log, oldest first.
    pub fn progress(&self, action: ActionId) -> Result<Vec<Stored<ProgressEntry>>> {
        let ids = self
            .store
            .index_scan(PROGRESS, &index_prefix(&[&action.doc_id()]))?;
        self.load_ids(ids.into_iter().map(|(_, id)| id))
    }

    /// Deletes a commitment and its progress log.
    pub fn delete_action(&self, id: ActionId) -> Result<()> {
        let _writing = self.exclusive();
        let current = self.load::<FollowUpAction>(id)?;
        self.editable_meeting(current.value.meeting)?;
        let mut edits = self.deletion(&id.doc_id())?;
        for p in self.progress(id)? {
            edits.extend(self.deletion_with_files(&p.id.doc_id())?);
        }
        self.commit(edits)?;
        Ok(())
    }

    /// One action.
    pub fn action(&self, id: ActionId) -> Result<Stored<FollowUpAction>> {
        self.load(id)
    }

    /// One action as the follow-up officer sees it (with its progress log).
    pub fn action_view(&self, id: ActionId) -> Result<ActionView> {
        let action = self.load::<FollowUpAction>(id)?;
        let region = self
            .find::<Meeting>(action.value.meeting)?
            .and_then(|m| m.value.region);
        self.view(action, region)
    }

    /// A meeting's actions, in the order of its follow-up table.
    pub fn actions_of(&self, meeting: MeetingId) -> Result<Vec<ActionView>> {
        let actions = self.children::<FollowUpAction>(meeting)?;
        let region = self.find::<Meeting>(meeting)?.and_then(|m| m.value.region);
        actions.into_iter().map(|a| self.view(a, region)).collect()
    }

    fn view(&self, action: Stored<FollowUpAction>, region: Option<Region>) -> Result<ActionView> {
        let progress = self.progress(action.id)?;
        let delivered = progress.iter().filter_map(|p| p.value.delivered).collect();
        Ok(ActionView {
            overdue: action.value.is_overdue(self.clock.today()),
            region,
            delivered,
            progress,
            action,
        })
    }

    /// Actions across all meetings: overdue first (most overdue first), then open ones by due
    /// date, undated ones, and finally those done or cancelled.
    pub fn actions(&self, filter: &ActionFilter) -> Result<Vec<ActionView>> {
        let actions: Vec<Stored<FollowUpAction>> = if let Some(meeting) = filter.meeting {
            self.children(meeting)?
        } else if let Some(status) = filter.status {
            let ids = self
                .store
                .index_scan(ACTIONS_BY_STATUS, &index_prefix(&[status.code()]))?;
            self.load_ids(ids.into_iter().map(|(_, id)| id))?
        } else if let Some(owner) = filter.owner {
            let ids = self
                .store
                .index_scan(ACTIONS_BY_OWNER, &index_prefix(&[&owner.doc_id()]))?;
            self.load_ids(ids.into_iter().map(|(_, id)| id))?
        } else {
            self.all()?
        };
        let today = self.clock.today();
        let mut meetings: BTreeMap<MeetingId, Option<Meeting>> = BTreeMap::new();
        let mut views = Vec::new();
        for a in actions {
            let v = &a.value;
            let keep = filter.status.is_none_or(|s| v.status == s)
                && filter.owner.is_none_or(|o| v.owner == Some(o))
                && filter.meeting.is_none_or(|m| v.meeting == m)
                && (!filter.overdue || v.is_overdue(today))
                && filter
                    .due_before
                    .is_none_or(|d| v.due.is_some_and(|due| due <= d))
                && filter
                    .due_after
                    .is_none_or(|d| v.due.is_some_and(|due| due >= d))
                && filter.partner.is_none_or(|p| v.partners.contains(&p));
            if !keep {
                continue;
            }
            let meeting = match meetings.entry(v.meeting) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(self.find::<Meeting>(v.meeting)?.map(|m| m.value))
                }
            };
            let meeting = meeting.as_ref();
            if filter
                .region
                .is_some_and(|r| meeting.and_then(|m| m.region) != Some(r))
                || filter
                    .series
                    .is_some_and(|s| meeting.and_then(|m| m.series) != Some(s))
            {
                continue;
            }
            views.push(self.view(a, meeting.and_then(|m| m.region))?);
        }
        views.sort_by(|a, b| {
            let key = |v: &ActionView| {
                let act = &v.action.value;
                let group = if v.overdue {
                    0
                } else if act.status.is_open() && act.due.is_some() {
                    1
                } else if act.status.is_open() {
                    2
                } else {
                    3
                };
                (group, act.due, v.action.id)
            };
            key(a).cmp(&key(b))
        });
        Ok(views)
    }

    /// Matters arising for a meeting: the open actions of earlier meetings of the same series
    /// or the same region (earlier by date when both are dated, else by creation), overdue
    /// first. They are the actions themselves: updating one updates the action.
    pub fn matters_arising(&self, id: MeetingId) -> Result<Vec<ActionView>> {
        let this = self.load::<Meeting>(id)?.value;
        if this.series.is_none() && this.region.is_none() {
            return Ok(Vec::new());
        }
        let earlier: std::collections::BTreeSet<MeetingId> = self
            .all::<Meeting>()?
            .into_iter()
            .filter(|m| {
                let v = &m.value;
                let related = (this.series.is_some() && v.series == this.series)
                    || (this.region.is_some() && v.region == this.region);
                let before = match (v.date, this.date) {
                    (Some(a), Some(b)) => a < b,
                    _ => m.id < id,
                };
                m.id != id && related && before
            })
            .map(|m| m.id)
            .collect();
        Ok(self
            .actions(&ActionFilter::default())?
            .into_iter()
            .filter(|v| {
                earlier.contains(&v.action.value.meeting) && v.action.value.status.is_open()
            })
            .collect())
    }

    /// Money committed and delivered, in total, for the actions the filter selects.
    pub fn totals(&self, filter: &ActionFilter) -> Result<Totals> {
        Ok(Totals::of(&self.actions(filter)?))
    }

    /// Money committed and delivered per meeting, region or owner.
    pub fn totals_by(&self, by: TotalsBy, filter: &ActionFilter) -> Result<Vec<TotalsRow>> {
        let mut groups: BTreeMap<String, Sums> = BTreeMap::new();
        for v in self.actions(filter)? {
            let key = match by {
                TotalsBy::Meeting => v.action.value.meeting.doc_id(),
                TotalsBy::Region => v
                    .region
                    .map_or_else(|| "none".to_owned(), |r| r.slug().to_owned()),
                TotalsBy::Owner => v
                    .action
                    .value
                    .owner
                    .map_or_else(|| "none".to_owned(), |o| o.doc_id()),
            };
            groups.entry(key).or_default().add(&v);
        }
        Ok(groups
            .into_iter()
            .map(|(key, sums)| TotalsRow {
                key,
                totals: sums.totals(),
            })
            .collect())
    }
}

impl Mahdar {
    /// A follow-up action drafted from a statement (not saved): the amount it mentions, the
    /// organisation it speaks for as owner, the organisations it names as partners, the clause
    /// around the amount as title, and a link back to the statement. The due date is left
    /// empty, to be flagged.
    pub fn suggest_action(&self, statement: mahdar_model::StatementId) -> Result<FollowUpAction> {
        use mahdar_model::{Organisation, Person, amounts_in, fold_for_match};
        let s = self.load::<Statement>(statement)?.value;
        let found = amounts_in(&s.text);
        let amount = found.first().map(|(_, m)| *m);
        let organisations = self.organisations()?;
        let names = |o: &Organisation| -> Vec<String> {
            o.name_ar
                .iter()
                .chain(o.name_fr.iter())
                .chain(o.aliases.iter())
                .map(|n| fold_for_match(n))
                .collect()
        };
        let speaks_for = s.speaking_as.as_deref().map(fold_for_match);
        let mut owner = speaks_for.and_then(|who| {
            organisations
                .iter()
                .find(|o| names(&o.value).contains(&who))
                .map(|o| PartyRef::Organisation(o.id))
        });
        if owner.is_none() {
            let speaker = self.find::<Person>(s.speaker)?;
            owner = Some(match speaker.and_then(|p| p.value.organisation) {
                Some(org) => PartyRef::Organisation(org),
                None => PartyRef::Person(s.speaker),
            });
        }
        let text = fold_for_match(&s.text);
        let partners = organisations
            .iter()
            .map(|o| PartyRef::Organisation(o.id))
            .filter(|p| Some(*p) != owner)
            .filter(|p| {
                let PartyRef::Organisation(id) = p else {
                    return false;
                };
                organisations.iter().find(|o| o.id == *id).is_some_and(|o| {
                    names(&o.value)
                        .iter()
                        .any(|n| n.chars().count() >= 6 && text.contains(n.as_str()))
                })
            })
            .collect();
        // The clause that holds the amount, else the opening of the statement.
        let clause = match found.first() {
            Some((span, _)) => {
                let start = s.text[..span.start]
                    .rfind(['،', ',', '.', '؛'])
                    .map_or(0, |i| {
                        i + s.text[i..].chars().next().map_or(1, char::len_utf8)
                    });
                let end = s.text[span.end..]
                    .find(['،', ',', '.', '؛'])
                    .map_or(s.text.len(), |i| span.end + i);
                s.text[start..end].trim().to_owned()
            }
            None => s.text.clone(),
        };
        let title: String = clause.chars().take(160).collect();
        Ok(FollowUpAction {
            meeting: s.meeting,
            title,
            description: Some(s.text.clone()),
            owner,
            partners,
            amount,
            beneficiaries: None,
            due: None,
            status: ActionStatus::Proposed,
            source: Some(SourceRef::Statement(statement)),
            order: Default::default(),
        })
    }
}
