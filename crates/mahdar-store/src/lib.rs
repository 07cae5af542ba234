//! Mahdar's document store: small JSON documents with CouchDB-style revision trees, on sled.
//!
//! This is the only crate that touches sled. It knows nothing of meetings: it keeps documents
//! (`<kind>:<uuid>` ids, `N-<hash>` revisions), and guarantees what the rest of Mahdar relies on:
//!
//! - every revision ever written or received is kept; the winner is deterministic
//!   ([`RevTree::winner`]), so replicas agree without talking, and losing live leaves are
//!   conflicts, kept until a person resolves them;
//! - the bodies of past revisions stay readable, so a three-way merge has its base
//!   ([`Store::merge_base`]);
//! - a changes feed by local sequence number drives sync, the search index and the UI;
//! - secondary indexes ([`IndexDef`]) are updated in the same transaction as the documents and
//!   rebuilt from them whenever their definitions change;
//! - every local edit is durable (flushed) before [`Store::write`] returns;
//! - revisions from peers merge through [`Store::apply_foreign`] (`new_edits: false`);
//! - logical backups ([`Store::export_to`] / [`Store::import_from`]) are checked end to end
//!   before anything is restored; [`Store::verify`] checks the whole store;
//! - with a passphrase, everything people wrote is encrypted at rest ([`Passphrase`]), backups
//!   included.

mod backup;
mod blobs;
mod crypt;
mod error;
mod index;
mod rev;
mod schema;
mod store;
mod tree;
mod verify;

pub use backup::{
    BackupSummary, RestoreMode, check_backup, check_backup_with, is_encrypted_backup,
};
pub use blobs::{BLOB_CHUNK, MAX_BLOB_BYTES, sha256_hex, validate_sha256};
pub use crypt::{KdfParams, MIN_PASSPHRASE_CHARS, Passphrase, shred_dir, shred_file, sync_parent};
pub use error::StoreError;
pub use index::{IndexDef, IndexFn, index_key, index_prefix};
pub use rev::{MAX_POS, Rev, canonical_json};
pub use schema::{FORMAT_VERSION, Migration, MigrationFn, Schema};
pub use store::{
    ApplyReport, Change, Document, Edit, ForeignRevision, MAX_BODY_BYTES, MAX_FOREIGN_POS,
    MAX_ID_BYTES, Revision, Store, StoreOptions, Written, validate_id,
};
pub use tree::{RevNode, RevTree};
pub use verify::VerifyReport;
