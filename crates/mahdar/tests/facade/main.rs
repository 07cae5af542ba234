//! The use cases, on a real data folder in a temporary directory.

#![allow(clippy::unwrap_used)]

mod approvals;
mod attachments;
mod audit;
mod backups;
mod crash;
mod diagnostics;
mod documents;
mod encryption;
mod fuzz;
mod queries;
mod reminders;
mod replicas;
mod reports;
mod rules;
mod search;
mod seed;
mod sync_settings;
mod ui_json;
mod upgrade;

use chrono::{DateTime, Utc};
use mahdar::{FixedClock, Mahdar};
use std::{path::Path, sync::Arc};

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

/// Every file under `dir` that holds one of `words` (its bytes, anywhere in the file), named
/// with the first such word: what `grep -r` would find.
pub fn found_in_files<'w>(dir: &Path, words: impl IntoIterator<Item = &'w str>) -> Vec<String> {
    let words: Vec<&str> = words.into_iter().collect();
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            if let Some(w) = words
                .iter()
                .find(|w| bytes.windows(w.len()).any(|b| b == w.as_bytes()))
            {
                found.push(format!("{w} in {}", path.display()));
            }
        }
    }
    found
}

/// A data folder with the seed meeting loaded.
pub fn seeded() -> TempData {
    let t = open();
    t.app.load_demo().unwrap();
    t
}
