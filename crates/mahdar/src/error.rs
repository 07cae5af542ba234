//! The one error type of the facade, and the form it takes when it crosses to the UI.

use mahdar_model::ModelError;
use mahdar_store::StoreError;
use serde::Serialize;
use std::path::PathBuf;

/// Anything a use case can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule of the domain was broken.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The thing asked for does not exist.
    #[error("no {what} {id}")]
    NotFound {
        /// `meeting`, `statement`, …
        what: &'static str,
        /// What was asked for.
        id: String,
    },
    /// A document exists but this version cannot read it (written by a newer Mahdar, or
    /// damaged).
    #[error("{id} cannot be read by this version of Mahdar: {reason}")]
    Unreadable {
        /// The document.
        id: String,
        /// Why.
        reason: String,
    },
    /// A document could not be produced.
    #[error("{0}")]
    Document(String),
    /// The search index failed (it is derived: `mahdar reindex` rebuilds it).
    #[error("{0}")]
    Search(String),
    /// Nobody said who uses this laptop, and the workflow needs to know.
    #[error(
        "no user profile on this laptop: say who you are first (`mahdar user set NAME --role ROLE`, or Settings)"
    )]
    NoProfile,
    /// This laptop's user may not make this move.
    #[error("a {} may not move minutes from \"{}\" to \"{}\"; who may: {}", role.code(), from.code(), to.code(), mahdar_model::UserRole::allowed(*from, *to).iter().map(|r| r.code()).collect::<Vec<_>>().join(", "))]
    NotAllowed {
        /// The user's role.
        role: mahdar_model::UserRole,
        /// The status the minutes are in.
        from: mahdar_model::MeetingStatus,
        /// The status asked for.
        to: mahdar_model::MeetingStatus,
    },
    /// Sync with a server or by file failed.
    #[error(transparent)]
    Sync(#[from] mahdar_sync::SyncError),
    /// A new passphrase is too short to protect the data.
    #[error(
        "the passphrase is too short: at least {} characters",
        mahdar_store::MIN_PASSPHRASE_CHARS
    )]
    WeakPassphrase,
    /// Encryption was asked for data that is encrypted already.
    #[error("the data is already encrypted; to change the passphrase: mahdar passphrase change")]
    AlreadyEncrypted,
    /// A file is over the size limit set for attachments.
    #[error("the file is {size_mb} MB; files may be attached up to {limit_mb} MB (Settings)")]
    TooLarge {
        /// The file's size, rounded up.
        size_mb: u64,
        /// The limit.
        limit_mb: u64,
    },
    /// An attached file whose record is here but whose bytes have not reached this laptop.
    #[error("the file «{0}» has not reached this laptop yet: sync to fetch it")]
    FileMissing(String),
    /// A picture was asked of a file that is not a photo Mahdar can show.
    #[error("{0}")]
    NotAnImage(String),
    /// The data folder cannot be used.
    #[error("data folder {path}: {reason}")]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable code; the UI translates it.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Model(e) => e.code(),
            Error::Store(e) => e.code(),
            Error::NotFound { .. } => "not_found",
            Error::Unreadable { .. } => "unreadable_document",
            Error::DataDir { .. } => "data_dir",
            Error::Document(_) => "document",
            Error::Search(_) => "search",
            Error::Sync(e) => e.code(),
            Error::NoProfile => "no_profile",
            Error::TooLarge { .. } => "too_large",
            Error::NotAnImage(_) => "not_an_image",
            Error::FileMissing(_) => "file_missing",
            Error::NotAllowed { .. } => "not_allowed",
            Error::WeakPassphrase => "weak_passphrase",
            Error::AlreadyEncrypted => "already_encrypted",
        }
    }

    /// Whether the error is the user's input (bad value, unknown id, a rule refused), as
    /// opposed to the machine (disk, damaged data, folder in use).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self.code(),
            "invalid_input"
                | "not_found"
                | "speaker_not_attending"
                | "speaker_not_present"
                | "illegal_transition"
                | "meeting_locked"
                | "conflict"
                | "invalid_backup"
                | "store_not_empty"
                | "file"
                | "bad_url"
                | "unauthorized"
                | "no_database"
                | "bad_sync_file"
                | "wrong_passphrase"
                | "weak_passphrase"
                | "already_encrypted"
                | "store_locked"
                | "backup_locked"
                | "refused"
                | "tls"
                | "bad_certificate"
                | "no_profile"
                | "not_allowed"
        )
    }

    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Error {
        Error::Model(ModelError::invalid(field, reason))
    }
}

/// The error as the UI receives it: a stable `code` to translate, an English `message` for
/// logs, and optional `details`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppError {
    /// Stable code (`meeting_locked`, `speaker_not_attending`, …).
    pub code: String,
    /// What happened, in English.
    pub message: String,
    /// Structured details, when there are any.
    pub details: Option<serde_json::Value>,
}

impl From<&Error> for AppError {
    fn from(e: &Error) -> Self {
        let details = match e {
            Error::Model(ModelError::Invalid { field, .. }) => {
                Some(serde_json::json!({ "field": field }))
            }
            Error::NotFound { what, id } => Some(serde_json::json!({ "what": what, "id": id })),
            Error::TooLarge { size_mb, limit_mb } => {
                Some(serde_json::json!({ "size_mb": size_mb, "limit_mb": limit_mb }))
            }
            Error::NotAllowed { role, from, to } => Some(
                serde_json::json!({ "role": role.code(), "from": from.code(), "to": to.code() }),
            ),
            _ => None,
        };
        AppError {
            code: e.code().to_owned(),
            message: e.to_string(),
            details,
        }
    }
}

impl AppError {
    /// An error with a code and a message, no details (for failures outside the use cases).
    pub fn new(code: &str, message: impl Into<String>) -> AppError {
        AppError {
            code: code.to_owned(),
            message: message.into(),
            details: None,
        }
    }
}

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        AppError::from(&e)
    }
}

/// The facade's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
