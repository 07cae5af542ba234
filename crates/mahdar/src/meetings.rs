//! Series and meetings: create, edit, move through the workflow, list, delete.

use crate::{
    Error, Mahdar, Result, Stored,
    indexes::{CHILDREN, MEETINGS_BY_REGION, MEETINGS_BY_SERIES, PROGRESS},
};
use chrono::NaiveDate;
use mahdar_model::{
    DocKey, Meeting, MeetingId, MeetingStatus, MissingField, Organisation, Region, Series, SeriesId,
};
use mahdar_store::{Rev, index_prefix};
use serde::{Deserialize, Serialize};

/// Which meetings to list. Empty means all.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingFilter {
    /// In this region.
    pub region: Option<Region>,
    /// Of this series.
    pub series: Option<SeriesId>,
    /// With this status.
    pub status: Option<MeetingStatus>,
    /// On or after this day.
    pub from: Option<NaiveDate>,
    /// On or before this day.
    pub to: Option<NaiveDate>,
}

/// A meeting as listed: its header and what it lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingSummary {
    /// The header.
    #[serde(flatten)]
    pub meeting: Stored<Meeting>,
    /// The details it lacks.
    pub missing: Vec<MissingField>,
}

impl Mahdar {
    // ----- series -----

    /// Starts a series of meetings.
    pub fn create_series(&self, series: Series) -> Result<Stored<Series>> {
        let _writing = self.exclusive();
        let series = series.validated()?;
        if let Some(org) = series.organiser {
            self.load::<Organisation>(org)?;
        }
        self.insert(series)
    }

    /// Saves an edited series.
    pub fn update_series(&self, id: SeriesId, rev: Rev, series: Series) -> Result<Stored<Series>> {
        let _writing = self.exclusive();
        let series = series.validated()?;
        if let Some(org) = series.organiser {
            self.load::<Organisation>(org)?;
        }
        self.save(id, rev, series)
    }

    /// One series.
    pub fn series(&self, id: SeriesId) -> Result<Stored<Series>> {
        self.load(id)
    }

    /// Every series, oldest first.
    pub fn series_list(&self) -> Result<Vec<Stored<Series>>> {
        self.all()
    }

    /// The rank the next meeting of a series would have (the 10th after the 9th).
    pub fn next_rank(&self, series: SeriesId) -> Result<u32> {
        let ranks = self.ranks_in(series)?;
        Ok(ranks
            .iter()
            .map(|(rank, _)| *rank)
            .max()
            .unwrap_or(0)
            .saturating_add(1))
    }

    fn ranks_in(&self, series: SeriesId) -> Result<Vec<(u32, String)>> {
        let entries = self
            .store
            .index_scan(MEETINGS_BY_SERIES, &index_prefix(&[&series.doc_id()]))?;
        Ok(entries
            .into_iter()
            .filter_map(|(key, id)| {
                let rank = std::str::from_utf8(&key)
                    .ok()?
                    .rsplit('\0')
                    .next()?
                    .parse()
                    .ok()?;
                Some((rank, id))
            })
            .collect())
    }

    fn check_series_and_rank(&self, meeting: &Meeting, this: Option<MeetingId>) -> Result<()> {
        let Some(series) = meeting.series else {
            return Ok(());
        };
        self.load::<Series>(series)?;
        if let Some(rank) = meeting.rank {
            let this = this.map(|id| id.doc_id());
            if let Some((_, other)) = self
                .ranks_in(series)?
                .into_iter()
                .find(|(r, id)| *r == rank && Some(id) != this.as_ref())
            {
                return Err(Error::invalid(
                    "rank",
                    format!(
                        "the series already has a meeting ranked {rank} ({other}); the next free rank is {}",
                        self.next_rank(series)?
                    ),
                ));
            }
        }
        Ok(())
    }

    // ----- meetings -----

    /// Records a new meeting, as a draft. Unknown details may stay empty: they are reported as
    /// missing, never blocking.
    pub fn create_meeting(&self, meeting: Meeting) -> Result<Stored<Meeting>> {
        let _writing = self.exclusive();
        let meeting = Meeting {
            status: MeetingStatus::Draft,
            ..meeting
        }
        .validated()?;
        self.check_series_and_rank(&meeting, None)?;
        self.insert(meeting)
    }

    /// Saves an edited header. Approved minutes are refused; the status moves only through
    /// [`Mahdar::set_meeting_status`].
    pub fn update_meeting(
        &self,
        id: MeetingId,
        rev: Rev,
        meeting: Meeting,
    ) -> Result<Stored<Meeting>> {
        let _writing = self.exclusive();
        let current = self.editable_meeting(id)?;
        if meeting.status != current.value.status {
            return Err(Error::invalid(
                "status",
                "change the status through the review workflow, not by editing",
            ));
        }
        let meeting = meeting.validated()?;
        self.check_series_and_rank(&meeting, Some(id))?;
        self.save(id, rev, meeting)
    }

    /// Moves the minutes through draft → in review → approved → published.
    ///
    /// The move must exist and this laptop's user must have a role that may make it; approving
    /// also writes, in the same atomic write, the approval: a snapshot of the minutes and its
    /// SHA-256.
    pub fn set_meeting_status(&self, id: MeetingId, to: MeetingStatus) -> Result<Stored<Meeting>> {
        let _writing = self.exclusive();
        let current = self.load::<Meeting>(id)?;
        let status = current.value.status.transition(to)?;
        let profile = self.check_role(current.value.status, to)?;
        let meeting = Meeting {
            status,
            ..current.value
        };
        let mut edits = vec![self.update_edit(id, current.rev, &meeting)?];
        if to == MeetingStatus::Approved {
            edits.push(self.approval_edit(id, &profile)?);
        }
        let rev = self.commit(edits)?[0];
        let conflicts = self.conflicts_besides(&id.doc_id(), rev)?;
        Ok(Stored {
            id,
            rev,
            value: meeting,
            conflicts,
        })
    }

    /// One meeting header.
    pub fn meeting(&self, id: MeetingId) -> Result<Stored<Meeting>> {
        self.load(id)
    }

    /// Deletes a draft meeting and everything recorded in it, in one atomic write.
    pub fn delete_meeting(&self, id: MeetingId) -> Result<()> {
        let _writing = self.exclusive();
        self.editable_meeting(id)?;
        let mut edits = self.deletion(&id.doc_id())?;
        // The report it was drafted from, if any.
        edits.extend(self.deletion(&mahdar_model::ReportId::from_uuid(id.uuid()).doc_id())?);
        for (_, child) in self
            .store
            .index_scan(CHILDREN, &index_prefix(&[&id.doc_id()]))?
        {
            if child.starts_with("action:") {
                for (_, entry) in self.store.index_scan(PROGRESS, &index_prefix(&[&child]))? {
                    edits.extend(self.deletion(&entry)?);
                }
            }
            edits.extend(self.deletion(&child)?);
        }
        // The records of its attached files (the files stay kept, as history does).
        for a in self.meeting_attachments(id)? {
            edits.extend(self.deletion(&a.id.doc_id())?);
        }
        self.commit(edits)?;
        Ok(())
    }

    /// Meetings matching the filter: undated drafts first, then the newest first.
    pub fn meetings(&self, filter: &MeetingFilter) -> Result<Vec<MeetingSummary>> {
        let mut meetings: Vec<Stored<Meeting>> = match (filter.region, filter.series) {
            (Some(region), _) => {
                let ids = self
                    .store
                    .index_scan(MEETINGS_BY_REGION, &index_prefix(&[region.slug()]))?;
                self.load_ids(ids.into_iter().map(|(_, id)| id))?
            }
            (None, Some(series)) => {
                let ids = self
                    .store
                    .index_scan(MEETINGS_BY_SERIES, &index_prefix(&[&series.doc_id()]))?;
                self.load_ids(ids.into_iter().map(|(_, id)| id))?
            }
            (None, None) => self.all()?,
        };
        meetings.retain(|m| {
            let v = &m.value;
            filter.series.is_none_or(|s| v.series == Some(s))
                && filter.status.is_none_or(|s| v.status == s)
                && filter
                    .from
                    .is_none_or(|from| v.date.is_some_and(|d| d >= from))
                && filter.to.is_none_or(|to| v.date.is_some_and(|d| d <= to))
        });
        // None sorts first; then the newest date first; creation order among equals.
        meetings.sort_by(|a, b| {
            let key =
                |m: &Stored<Meeting>| (m.value.date.is_some(), std::cmp::Reverse(m.value.date));
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        });
        Ok(meetings
            .into_iter()
            .map(|meeting| MeetingSummary {
                missing: meeting.value.missing(),
                meeting,
            })
            .collect())
    }

    /// Finds a meeting by its full id, its bare uuid, or the first characters of the uuid
    /// (at least four), as people type them.
    pub fn resolve_meeting(&self, given: &str) -> Result<MeetingId> {
        let given = given.trim();
        if let Ok(id) = given.parse::<MeetingId>() {
            return self.load::<Meeting>(id).map(|m| m.id);
        }
        let bare = given
            .strip_prefix("meeting:")
            .unwrap_or(given)
            .to_ascii_lowercase();
        if bare.len() < 4 || !bare.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(Error::invalid(
                "meeting",
                format!(
                    "\"{given}\" is not a meeting id (give the id, or at least its first 4 characters)"
                ),
            ));
        }
        let matches: Vec<MeetingId> = self
            .store
            .scan(&format!("meeting:{bare}"))
            .map(|doc| {
                doc.map_err(Error::from)
                    .and_then(|d| d.id.parse::<MeetingId>().map_err(Error::from))
            })
            .collect::<Result<_>>()?;
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => Err(Error::NotFound {
                what: "meeting",
                id: given.to_owned(),
            }),
            many => Err(Error::invalid(
                "meeting",
                format!(
                    "\"{given}\" matches {} meetings; give more of the id",
                    many.len()
                ),
            )),
        }
    }
}
