//! Sync for Mahdar: nothing recorded on a laptop is ever lost on its way to another.
//!
//! - [`Replicator`] speaks the CouchDB replication protocol with Apache CouchDB or PouchDB
//!   Server: push and pull in batches (`_changes?style=all_docs`, `_revs_diff`, `_bulk_get`
//!   or `open_revs`, `_bulk_docs` with `new_edits: false`), checkpoints on both sides so a
//!   stopped sync resumes, retries with backoff, and [`run_continuous`] for staying in sync.
//! - [`merge`] settles what a pull brings: conflicting versions are merged field by field
//!   against their common ancestor where the fields differ, and kept side by side for a person
//!   where they do not ([`merge::conflicts`], [`merge::resolve`]).
//! - [`file`] carries the same revision histories in a sync file, optionally encrypted, for
//!   places with no network at all.

pub mod error;
pub mod file;
pub mod files;
pub mod merge;
mod remote;
mod replicate;

pub use error::{Result, SyncError};
pub use remote::{AuthMode, Remote, RemoteConfig, redact, without_credentials};
pub use replicate::{
    DEFAULT_BATCH, Direction, PassReport, Progress, Replicator, Status, SyncReport,
    foreign_revision, run_continuous,
};
