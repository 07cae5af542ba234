//! The use cases, on a real data folder in a temporary directory.

#![allow(clippy::unwrap_used)]

mod approvals;
mod audit;
mod backups;
mod crash;
mod documents;
mod fuzz;
mod queries;
mod reminders;
mod replicas;
mod rules;
mod search;
mod seed;
mod sync_settings;
mod ui_json;

use chrono::{DateTime, Utc};
use mahdar::{FixedClock, Mahdar};
use std::sync::Arc;

/// A data folder in a temporary directory, open.
#[derive(Debug)]
pub struct TempData {
    pub dir: tempfile::TempDir,
    pub app: Mahdar,
}

/// 29 November 2026, 10:00 in Morocco.
pub fn now() -> DateTime<Utc> {
    "2026-11-29T09:00:00Z".parse().unwrap()
}

pub fn open() -> TempData {
    let dir = tempfile::tempdir().unwrap();
    let app =
        Mahdar::open_with_clock(dir.path().join("data"), Arc::new(FixedClock(now()))).unwrap();
    TempData { dir, app }
}

/// A data folder with the seed meeting loaded.
pub fn seeded() -> TempData {
    let t = open();
    t.app.load_demo().unwrap();
    t
}
