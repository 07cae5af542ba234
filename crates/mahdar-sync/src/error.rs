//! The sync crate's one error type: each message says what happened and what to do.

use mahdar_store::StoreError;

/// Something a sync could not do. Nothing stored locally is lost or half-written by any of
/// these: revisions are applied in atomic batches and checkpoints only move forward after a
/// batch is safely stored on both sides.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The server could not be reached (no network, server down, timeout).
    #[error("cannot reach {url}: {detail}; the sync will resume from where it stopped")]
    Offline {
        /// The server, without credentials.
        url: String,
        /// What the network layer said.
        detail: String,
    },
    /// The server's TLS certificate is not trusted (or TLS failed): retrying will not help.
    #[error(
        "the secure connection to {url} failed: {detail}; if the server uses its own certificate authority, give its certificate (--ca-file)"
    )]
    Tls {
        /// The server, without credentials.
        url: String,
        /// What TLS said.
        detail: String,
    },
    /// A certificate file is not usable.
    #[error("{0}")]
    BadCertificate(String),
    /// The server refused the credentials.
    #[error("{url} refused the user name or password; check the sync settings")]
    Unauthorized {
        /// The server, without credentials.
        url: String,
    },
    /// The server answered with an error.
    #[error("{method} {path} failed with HTTP {status}: {reason}")]
    Http {
        /// The request method.
        method: &'static str,
        /// The request path (no credentials).
        path: String,
        /// The HTTP status.
        status: u16,
        /// The server's reason, or the start of its answer.
        reason: String,
    },
    /// The server answered something that is not the CouchDB protocol.
    #[error("{url} does not speak the CouchDB replication protocol as expected: {detail}")]
    Protocol {
        /// The server, without credentials.
        url: String,
        /// What was wrong.
        detail: String,
    },
    /// The server address is not usable.
    #[error("invalid server address {url:?}: {reason}")]
    BadUrl {
        /// What was given (credentials removed).
        url: String,
        /// Why.
        reason: String,
    },
    /// The database does not exist on the server and creating it was not asked for.
    #[error("the database {url} does not exist")]
    NoDatabase {
        /// The database address.
        url: String,
    },
    /// A request that cannot be carried out as asked (resolving a document with no conflict,
    /// keeping a version it does not have).
    #[error("{0}")]
    Refused(String),
    /// Stopped on request.
    #[error("the sync was stopped; it will resume from its last checkpoint")]
    Cancelled,
    /// A sync file is not usable.
    #[error("{0}")]
    File(String),
    /// The passphrase does not open the sync file.
    #[error("the passphrase does not open this sync file")]
    WrongPassphrase,
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    /// A stable, machine-readable code for the UI and `--json` output.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Offline { .. } => "offline",
            SyncError::Unauthorized { .. } => "unauthorized",
            SyncError::Tls { .. } => "tls",
            SyncError::BadCertificate(_) => "bad_certificate",
            SyncError::Http { .. } => "http",
            SyncError::Protocol { .. } => "protocol",
            SyncError::BadUrl { .. } => "bad_url",
            SyncError::NoDatabase { .. } => "no_database",
            SyncError::Refused(_) => "refused",
            SyncError::Cancelled => "cancelled",
            SyncError::File(_) => "bad_sync_file",
            SyncError::WrongPassphrase => "wrong_passphrase",
            SyncError::Io { .. } => "io",
            SyncError::Store(e) => e.code(),
        }
    }

    /// Whether trying again later may succeed (the continuous mode waits and retries).
    pub fn is_transient(&self) -> bool {
        matches!(self, SyncError::Offline { .. })
            || matches!(self, SyncError::Http { status, .. } if *status >= 500 || *status == 429)
    }
}

/// Results of this crate.
pub type Result<T, E = SyncError> = std::result::Result<T, E>;
