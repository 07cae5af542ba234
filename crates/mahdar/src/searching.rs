//! Search across every meeting, statement, decision, action and person, through the derived
//! index in `<data folder>/search` (in memory when the data is encrypted). The index catches up
//! with the store's changes feed before each search; `mahdar reindex` rebuilds it from nothing.

use crate::{Error, Mahdar, MeetingFilter, Result, records::decode};
use mahdar_model::{
    Decision, DocKey, FollowUpAction, Lang, Meeting, Organisation, PartyRef, Person, Statement,
};
use mahdar_search::{Entry, Filter, Hit, Kind, SearchIndex, Update};
use mahdar_store::Document;
use serde::Deserialize;

/// How many changes go into one commit of the index while it catches up.
const BATCH: usize = 2_000;

/// Where to search.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchFilter {
    /// Only these kinds (all when empty).
    pub kinds: Vec<Kind>,
    /// Only in the meetings this selects (region, series, status, dates); people are then
    /// left out.
    #[serde(flatten)]
    pub meetings: MeetingFilter,
    /// At most this many hits (20 when 0).
    pub limit: usize,
}

/// One search result.
pub type SearchHit = Hit;

impl Mahdar {
    fn search_index(&self) -> Result<&SearchIndex> {
        if let Some(index) = self.search.get() {
            return Ok(index);
        }
        // An encrypted store's index stays in memory: on disk it would hold every word in
        // clear (one left from before the encryption went when the data was opened). It is fed
        // again from the start after each unlock.
        let index = if self.store.is_encrypted() {
            SearchIndex::in_memory()
        } else {
            SearchIndex::open(&self.data_dir.join("search"))
        }
        .map_err(|e| Error::Search(e.to_string()))?;
        // Another thread may have opened it meanwhile: keep the first.
        let _ = self.search.set(index);
        self.search
            .get()
            .ok_or_else(|| Error::Search("the search index did not open".into()))
    }

    /// Brings the index up to date with the store's changes feed. Each batch is committed with
    /// the sequence it reaches, so an interrupted catch-up resumes where it stopped.
    pub fn catch_up_search(&self) -> Result<u64> {
        let index = self.search_index()?;
        let _one_at_a_time = self.indexing.lock().unwrap_or_else(|p| p.into_inner());
        let mut seq = index.indexed_seq();
        // The index is derived: if it cannot take the changes, it is emptied and fed again
        // from the store, once.
        let mut rebuilt = false;
        loop {
            let changes = self.store.changes_since(seq, BATCH)?;
            let Some(last) = changes.last().map(|c| c.seq) else {
                return Ok(seq);
            };
            let mut updates = Vec::with_capacity(changes.len());
            for change in changes {
                let update = match self.store.get(&change.id)? {
                    Some(doc) if !doc.deleted => self.search_entry(doc)?.map(Update::Put),
                    _ => Some(Update::Remove(change.id)),
                };
                updates.extend(update);
            }
            if let Err(e) = index.apply(&updates, last) {
                if rebuilt {
                    return Err(Error::Search(e.to_string()));
                }
                eprintln!("mahdar: the search index is rebuilt from the store ({e})");
                index.clear().map_err(|e| Error::Search(e.to_string()))?;
                rebuilt = true;
                seq = 0;
                continue;
            }
            seq = last;
        }
    }

    /// Empties the search index and builds it again from the store.
    pub fn rebuild_search(&self) -> Result<u64> {
        let index = self.search_index()?;
        {
            let _one_at_a_time = self.indexing.lock().unwrap_or_else(|p| p.into_inner());
            index.clear().map_err(|e| Error::Search(e.to_string()))?;
        }
        self.catch_up_search()
    }

    /// Searches everything: every word must be found, in any of its spellings (see
    /// `mahdar_search::analysis`); `"…"` finds words in a row, `word*` words that begin so.
    pub fn search(&self, query: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>> {
        if query.chars().count() > 500 {
            return Err(Error::invalid(
                "query",
                "a search is at most 500 characters",
            ));
        }
        self.catch_up_search()?;
        let m = &filter.meetings;
        let by_meeting = m.region.is_some()
            || m.series.is_some()
            || m.status.is_some()
            || m.from.is_some()
            || m.to.is_some();
        let meetings = by_meeting
            .then(|| self.meetings(m))
            .transpose()?
            .map(|ms| ms.into_iter().map(|m| m.meeting.id.doc_id()).collect());
        let filter = Filter {
            kinds: filter.kinds.clone(),
            meetings,
            limit: filter.limit,
        };
        self.search_index()?
            .search(query, &filter)
            .map_err(|e| Error::Search(e.to_string()))
    }

    /// What the index holds for a document (`None`: a kind that is not searched).
    fn search_entry(&self, doc: Document) -> Result<Option<Entry>> {
        let id = doc.id.clone();
        let kind = id.split_once(':').map_or("", |(k, _)| k);
        // A document this version cannot read is left out of the index, as out of lists.
        let entry = match kind {
            "meeting" => decode::<Meeting>(doc).ok().map(|m| Entry {
                id: id.clone(),
                kind: Kind::Meeting,
                meeting: Some(id.clone()),
                title: both(
                    &m.value.display_title(Lang::Ar),
                    &m.value.display_title(Lang::Fr),
                ),
                text: [
                    m.value.venue.clone().unwrap_or_default(),
                    m.value
                        .region
                        .map(|r| both(r.name(Lang::Ar), r.name(Lang::Fr)))
                        .unwrap_or_default(),
                    m.value
                        .prefecture
                        .as_ref()
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    m.value.purpose.join("\n"),
                ]
                .join("\n"),
            }),
            "statement" => match decode::<Statement>(doc).ok() {
                Some(s) => Some(Entry {
                    id,
                    kind: Kind::Statement,
                    meeting: Some(s.value.meeting.doc_id()),
                    title: self.names_of(PartyRef::Person(s.value.speaker))?,
                    text: [s.value.text, s.value.channel.unwrap_or_default()].join("\n"),
                }),
                None => None,
            },
            "decision" => decode::<Decision>(doc).ok().map(|d| Entry {
                id,
                kind: Kind::Decision,
                meeting: Some(d.value.meeting.doc_id()),
                title: String::new(),
                text: d.value.text,
            }),
            "action" => match decode::<FollowUpAction>(doc).ok() {
                Some(a) => {
                    let mut parties = Vec::new();
                    for p in a.value.owner.iter().chain(&a.value.partners) {
                        parties.push(self.names_of(*p)?);
                    }
                    Some(Entry {
                        id,
                        kind: Kind::Action,
                        meeting: Some(a.value.meeting.doc_id()),
                        title: a.value.title,
                        text: [
                            a.value.description.unwrap_or_default(),
                            parties.join("\n"),
                            a.value
                                .amount
                                .map(|m| m.format(Lang::Ar))
                                .unwrap_or_default(),
                            a.value.beneficiaries.unwrap_or_default(),
                        ]
                        .join("\n"),
                    })
                }
                None => None,
            },
            "person" => decode::<Person>(doc).ok().map(|p| Entry {
                id,
                kind: Kind::Person,
                meeting: None,
                title: p.value.names().collect::<Vec<_>>().join(" — "),
                text: p
                    .value
                    .titles
                    .iter()
                    .flat_map(|t| std::iter::once(t.title_ar.clone()).chain(t.title_fr.clone()))
                    .collect::<Vec<_>>()
                    .join("\n"),
            }),
            "organisation" => decode::<Organisation>(doc).ok().map(|o| Entry {
                id,
                kind: Kind::Person,
                meeting: None,
                title: organisation_names(&o.value),
                text: String::new(),
            }),
            _ => None,
        };
        Ok(entry)
    }

    /// Every name of a party, so that either spelling finds it.
    fn names_of(&self, party: PartyRef) -> Result<String> {
        Ok(match party {
            PartyRef::Person(id) => self
                .find::<Person>(id)?
                .map(|p| p.value.names().collect::<Vec<_>>().join(" — ")),
            PartyRef::Organisation(id) => self
                .find::<Organisation>(id)?
                .map(|o| organisation_names(&o.value)),
        }
        .unwrap_or_default())
    }
}

/// Two spellings of one thing, once if they are the same.
fn both(a: &str, b: &str) -> String {
    if a == b {
        a.to_owned()
    } else {
        format!("{a} — {b}")
    }
}

fn organisation_names(o: &Organisation) -> String {
    o.name_ar
        .iter()
        .chain(&o.name_fr)
        .chain(&o.aliases)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" — ")
}
