//! The Mahdar facade: what the desktop app and the `mahdar` command both call.
//!
//! [`Mahdar::open`] opens a data folder; every method is one use case — record a meeting, add
//! a statement, move an action along, back up, verify. Rules come from `mahdar-model`, storage
//! from `mahdar-store`; this crate wires them together, keeps writes atomic and durable, and
//! returns one error type ([`Error`], or [`AppError`] once it crosses to the UI).

mod actions;
mod approvals;
mod attachments;
mod audit;
mod backups;
mod clock;
mod data_dir;
mod demo;
mod diagnostics;
mod documents;
mod encryption;
mod error;
mod first_run;
mod indexes;
mod maintenance;
mod meetings;
mod minutes;
mod record;
mod records;
mod registry;
mod reminders;
mod reports;
mod searching;
mod settings;
mod syncing;

pub use actions::{ActionFilter, ActionView, ProgressNote, Totals, TotalsBy, TotalsRow};
pub use approvals::{
    ApprovalSummary, Change, PDF_HASH_TAG, Verification, snapshot_changes, snapshot_sha256,
};
pub use attachments::{PREVIEW_SIDE, THUMB_SIDE};
pub use audit::HistoryEntry;
pub use backups::{BackupFile, DAILY_BACKUPS_KEPT, Recovery};
pub use clock::{Clock, FixedClock, SystemClock};
pub use data_dir::{DATA_DIR_ENV, default_data_dir};
pub use demo::{DemoReport, seed_meeting_id};
pub use diagnostics::{Diagnostics, LastBackup};
pub use documents::{ExportFormat, ImportReport, write_file_whole};
pub use error::{AppError, Error, Result};
pub use mahdar_docs::{self as docs, Minutes};
pub use mahdar_sync::{self as sync, merge::Resolution};
pub use meetings::{MeetingFilter, MeetingSummary};
pub use minutes::{NewAttendance, NewStatement, Position};
pub use record::{AttendanceView, MeetingRecord, StatementView};
pub use records::{Record, Stored};
pub use reminders::{MAX_REMINDER_DAYS, Notice, Reminder, ReminderSettings, notices};
pub use reports::{Problem, ReportView, Review};
pub use searching::{SearchFilter, SearchHit};
pub use settings::{
    LETTERHEAD_MAX_CHARS, LETTERHEAD_MAX_LINES, LetterheadLines, MAX_ATTACHMENT_MB,
    MAX_AUTO_LOCK_MINUTES, Settings,
};
pub use syncing::{ConflictView, SyncSettings, SyncSettingsInput, SyncTarget};

pub use mahdar_model as model;
pub use mahdar_search as search;
pub use mahdar_store::{
    ApplyReport, BackupSummary, ForeignRevision, KdfParams, MIN_PASSPHRASE_CHARS, Passphrase,
    RestoreMode, Rev, VerifyReport, is_encrypted_backup,
};

use mahdar_store::{Migration, Schema, Store, StoreOptions};
use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

/// The application schema. Append migrations here, never edit old ones (a test upgrades a
/// data folder written by the build before each step: `tests/facade/upgrade.rs`).
pub const SCHEMA: Schema = Schema {
    version: 2,
    migrations: &[Migration {
        to: 2,
        description: "the first run: marked done for data an older build already used",
        run: first_run::mark_done_when_used,
    }],
};

/// Takes the data folder's lock (`mahdar.lock`), waiting up to two seconds for a process that
/// is closing it.
fn lock_folder(data_dir: &Path) -> Result<std::fs::File> {
    let path = data_dir.join("mahdar.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::DataDir {
            path: path.clone(),
            reason: e.to_string(),
        })?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(mahdar_store::StoreError::InUse {
                    path: data_dir.to_path_buf(),
                }
                .into());
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::DataDir {
                    path,
                    reason: format!("cannot lock it: {e}"),
                });
            }
        }
    }
}

/// An open data folder.
#[derive(Debug)]
pub struct Mahdar {
    store: Store,
    clock: Arc<dyn Clock>,
    writes: std::sync::Mutex<()>,
    /// Serialises the review of reports' drafts (each acceptance is several writes, each
    /// taking `writes`): two windows never accept the same proposal twice.
    reviews: std::sync::Mutex<()>,
    data_dir: PathBuf,
    /// The search index, opened at the first search.
    search: std::sync::OnceLock<mahdar_search::SearchIndex>,
    /// One catch-up of the search index at a time.
    indexing: std::sync::Mutex<()>,
    /// One sync with a server at a time.
    syncing: std::sync::Mutex<()>,
    /// The data folder's lock, held while it is open: one process at a time, also for what
    /// happens around the store (an encryption's folder swap).
    folder_lock: std::fs::File,
}

impl Mahdar {
    /// Opens the data folder, creating it if needed.
    pub fn open(data_dir: impl AsRef<Path>) -> Result<Mahdar> {
        Mahdar::open_with_clock(data_dir, Arc::new(SystemClock))
    }

    /// Opens the data folder with a given clock (tests, reproducible runs).
    pub fn open_with_clock(data_dir: impl AsRef<Path>, clock: Arc<dyn Clock>) -> Result<Mahdar> {
        Mahdar::open_as(data_dir.as_ref(), clock, None, false, None)
    }

    /// Opens an encrypted data folder with its passphrase (one in clear opens as usual).
    pub fn unlock(data_dir: impl AsRef<Path>, passphrase: &Passphrase) -> Result<Mahdar> {
        Mahdar::unlock_with_clock(data_dir, passphrase, Arc::new(SystemClock))
    }

    /// Opens the data folder with the passphrase when one is given ([`Mahdar::unlock`]), else
    /// as [`Mahdar::open`] does.
    pub fn open_with_passphrase(
        data_dir: impl AsRef<Path>,
        passphrase: Option<&Passphrase>,
    ) -> Result<Mahdar> {
        Mahdar::open_as(
            data_dir.as_ref(),
            Arc::new(SystemClock),
            passphrase,
            false,
            None,
        )
    }

    /// [`Mahdar::unlock`] with a given clock.
    pub fn unlock_with_clock(
        data_dir: impl AsRef<Path>,
        passphrase: &Passphrase,
        clock: Arc<dyn Clock>,
    ) -> Result<Mahdar> {
        Mahdar::open_as(data_dir.as_ref(), clock, Some(passphrase), false, None)
    }

    /// Opens the data folder, and when it is new (no store yet, or one without a document),
    /// encrypts it with `passphrase`: `mahdar init --encrypt`. A folder that already holds data
    /// in clear is encrypted by [`Mahdar::encrypt`].
    pub fn create_encrypted(
        data_dir: impl AsRef<Path>,
        passphrase: &Passphrase,
        clock: Arc<dyn Clock>,
    ) -> Result<Mahdar> {
        if !passphrase.is_strong_enough() {
            return Err(Error::WeakPassphrase);
        }
        Mahdar::open_as(data_dir.as_ref(), clock, Some(passphrase), true, None)
    }

    /// Opens the data folder (`folder_lock`: its lock, when the caller holds it already).
    fn open_as(
        data_dir: &Path,
        clock: Arc<dyn Clock>,
        passphrase: Option<&Passphrase>,
        encrypt: bool,
        folder_lock: Option<std::fs::File>,
    ) -> Result<Mahdar> {
        let data_dir = data_dir.to_path_buf();
        std::fs::create_dir_all(&data_dir).map_err(|e| Error::DataDir {
            path: data_dir.clone(),
            reason: e.to_string(),
        })?;
        let folder_lock = match folder_lock {
            Some(held) => held,
            None => lock_folder(&data_dir)?,
        };
        encryption::finish_interrupted(&data_dir)?;
        let options = StoreOptions {
            schema: SCHEMA,
            indexes: indexes::all(),
            backup_dir: Some(data_dir.join("backups")),
            passphrase: passphrase.cloned(),
            encrypt,
            ..StoreOptions::default()
        };
        let store = Store::open(data_dir.join("store"), options)?;
        let app = Mahdar {
            store,
            clock,
            data_dir,
            writes: std::sync::Mutex::new(()),
            reviews: std::sync::Mutex::new(()),
            search: std::sync::OnceLock::new(),
            indexing: std::sync::Mutex::new(()),
            syncing: std::sync::Mutex::new(()),
            folder_lock,
        };
        if app.store.is_encrypted() {
            app.tidy_encrypted();
        }
        Ok(app)
    }

    /// Whether a data folder already holds a Mahdar store.
    pub fn exists(data_dir: impl AsRef<Path>) -> bool {
        data_dir.as_ref().join("store").join("db").is_file()
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// This laptop's replica id.
    pub fn replica_id(&self) -> &str {
        self.store.replica_id()
    }

    /// Today in Morocco, by this instance's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }
}
