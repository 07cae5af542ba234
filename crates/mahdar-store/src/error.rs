//! The store's one error type. Messages say what happened and what the user can do about it.

use crate::Rev;
use std::path::PathBuf;

/// Something the store could not do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process (a second Mahdar window, a CLI command) has the data folder open.
    #[error("the data folder {path} is in use by another Mahdar process; close it and try again")]
    InUse {
        /// The data folder.
        path: PathBuf,
    },
    /// The files on disk cannot be read back.
    #[error(
        "the data in {path} is damaged ({detail}); `mahdar recover` restores the newest good backup (the damaged files are kept aside), then sync"
    )]
    Corrupt {
        /// The data folder.
        path: PathBuf,
        /// What was found.
        detail: String,
    },
    /// The store was written by a newer Mahdar.
    #[error(
        "this data folder was written by a newer Mahdar ({what} version {found}; this build reads up to {supported}); install the newer version"
    )]
    TooNew {
        /// `schema` or `storage format`.
        what: &'static str,
        /// The version found on disk.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A migration between schema versions is missing or failed.
    #[error("cannot upgrade the data from schema version {from} to {to}: {reason}")]
    Migration {
        /// The version on disk.
        from: u32,
        /// The version wanted.
        to: u32,
        /// Why it failed.
        reason: String,
    },
    /// The edit was based on a revision that is no longer current.
    #[error("{id} was changed meanwhile (now at {current}); reload it and apply the change again")]
    Conflict {
        /// The document.
        id: String,
        /// Its current winning revision, or `missing`.
        current: String,
    },
    /// An edit named a document that does not exist.
    #[error("{id} does not exist")]
    NotFound {
        /// The document.
        id: String,
    },
    /// A document id is malformed.
    #[error("invalid document id {id:?}: {reason}")]
    InvalidId {
        /// The id as given (shortened).
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// A revision is malformed.
    #[error("invalid revision {rev:?}: {reason}")]
    InvalidRev {
        /// The revision as given (shortened).
        rev: String,
        /// What is wrong.
        reason: String,
    },
    /// A document body is not acceptable.
    #[error("invalid body for {id}: {reason}")]
    InvalidBody {
        /// The document.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// A revision history received from elsewhere does not hold together.
    #[error("invalid history for {id} at {rev}: {reason}")]
    InvalidHistory {
        /// The document.
        id: String,
        /// The revision concerned.
        rev: Rev,
        /// What is wrong.
        reason: String,
    },
    /// A backup file cannot be used; nothing was written.
    #[error("{path}: line {line}: {reason}; nothing was restored")]
    Backup {
        /// The backup file.
        path: PathBuf,
        /// The line concerned (0 for the file as a whole).
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// Restoring into a store that already holds documents needs an explicit merge.
    #[error(
        "the data folder already holds {documents} documents; restore into an empty data folder, or merge the backup into this one"
    )]
    NotEmpty {
        /// How many documents it holds.
        documents: usize,
    },
    /// A file could not be read or written.
    #[error("{action} {path}: {source}")]
    File {
        /// What was being done (`reading`, `writing`).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The store is encrypted and no passphrase was given.
    #[error(
        "the data in {path} is encrypted: give the passphrase (--passphrase-file FILE or MAHDAR_PASSPHRASE)"
    )]
    Locked {
        /// The data folder.
        path: PathBuf,
    },
    /// The passphrase does not open the store or the backup; nothing was changed.
    #[error("wrong passphrase; nothing was changed")]
    WrongPassphrase,
    /// A backup is encrypted and neither the store's key nor a passphrase was at hand.
    #[error("{path} is encrypted: give the passphrase it was written with")]
    BackupLocked {
        /// The backup file.
        path: PathBuf,
    },
    /// Encryption could not be set up or read.
    #[error("encryption: {0}")]
    Crypto(String),
    /// The storage engine failed.
    #[error("storage error: {0}")]
    Engine(#[from] sled::Error),
}

impl StoreError {
    /// A stable, machine-readable code for the UI to translate.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::InUse { .. } => "store_in_use",
            StoreError::Corrupt { .. } => "store_corrupt",
            StoreError::TooNew { .. } => "store_too_new",
            StoreError::Migration { .. } => "store_migration",
            StoreError::Conflict { .. } => "conflict",
            StoreError::NotFound { .. } => "not_found",
            StoreError::InvalidId { .. }
            | StoreError::InvalidRev { .. }
            | StoreError::InvalidBody { .. }
            | StoreError::InvalidHistory { .. } => "invalid_input",
            StoreError::Backup { .. } => "invalid_backup",
            StoreError::NotEmpty { .. } => "store_not_empty",
            StoreError::File { .. } => "file",
            StoreError::Locked { .. } => "store_locked",
            StoreError::WrongPassphrase => "wrong_passphrase",
            StoreError::BackupLocked { .. } => "backup_locked",
            StoreError::Crypto(_) => "crypto",
            StoreError::Engine(_) => "storage",
        }
    }
}

impl From<sled::transaction::TransactionError<StoreError>> for StoreError {
    fn from(e: sled::transaction::TransactionError<StoreError>) -> Self {
        match e {
            sled::transaction::TransactionError::Abort(e) => e,
            sled::transaction::TransactionError::Storage(e) => StoreError::Engine(e),
        }
    }
}
