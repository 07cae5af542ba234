//! The first run: the app walks a new user through a few questions (language, name and role,
//! a passphrase, a sync server, the example meeting) once per data folder. Whether that was
//! done is a `_local` record, so it stays on this laptop and never syncs. A folder that already
//! holds documents is someone's data (prepared with the `mahdar` command, synced, or restored
//! from a backup), not a first run: the questions are not asked there.
//!
//! Schema version 2 exists for it: data written by an older build, which had no first run,
//! is marked done when it is upgraded, so someone who already works with Mahdar is not asked
//! again.

use crate::{Mahdar, Result};
use mahdar_store::{Store, StoreError};
use serde_json::json;

const FIRST_RUN: &str = "first-run";

/// The `_local` records an older build wrote once someone had used the app.
const SIGNS_OF_USE: &[&str] = &[
    crate::approvals::USER,
    crate::settings::SETTINGS,
    crate::syncing::SYNC,
    crate::syncing::SYNC_STATE,
];

impl Mahdar {
    /// Whether the first-run screens are to be shown when the app starts: never done on this
    /// data folder, which holds no document yet.
    pub fn first_run(&self) -> Result<bool> {
        Ok(self.store.is_empty() && self.store.get_local(FIRST_RUN)?.is_none())
    }

    /// Records that the first run is over (finished or skipped); it is not shown again.
    pub fn finish_first_run(&self) -> Result<()> {
        if self.store.get_local(FIRST_RUN)?.is_none() {
            let at = self.clock.now().to_rfc3339();
            self.store
                .put_local(FIRST_RUN, &json!({ "done": at, "by": "first_run" }))?;
        }
        Ok(())
    }
}

/// Migration to schema 2: data folders that an older build already used (a document, a
/// profile, settings or a sync server) have their first run marked done; an unused one keeps
/// it, so its first start still shows the first-run screens.
pub(crate) fn mark_done_when_used(store: &Store) -> std::result::Result<(), StoreError> {
    let mut used = !store.is_empty();
    for name in SIGNS_OF_USE {
        used = used || store.get_local(name)?.is_some();
    }
    if used && store.get_local(FIRST_RUN)?.is_none() {
        store.put_local(FIRST_RUN, &json!({ "done": null, "by": "upgrade" }))?;
    }
    Ok(())
}
