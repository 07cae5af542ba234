//! Backups, restores and integrity checks of the whole data folder.

use crate::{Mahdar, Result};
use mahdar_store::{BackupSummary, Passphrase, RestoreMode, VerifyReport};
use std::path::Path;

impl Mahdar {
    /// Writes a backup of everything to `file` (complete or not at all); encrypted, to this
    /// data's key, when the data is.
    pub fn backup(&self, file: &Path) -> Result<BackupSummary> {
        Ok(self.store.export_to(file)?)
    }

    /// Checks a backup file without restoring it, and without opening a data folder: whether
    /// it is complete, unaltered, and readable by this version.
    pub fn check_backup(file: &Path) -> Result<BackupSummary> {
        Mahdar::check_backup_with(file, None)
    }

    /// Checks a backup like [`Mahdar::check_backup`], opening an encrypted one with
    /// `passphrase`.
    pub fn check_backup_with(
        file: &Path,
        passphrase: Option<&Passphrase>,
    ) -> Result<BackupSummary> {
        Ok(mahdar_store::check_backup_with(
            file,
            crate::SCHEMA.version,
            passphrase,
        )?)
    }

    /// Restores a backup. The file is checked in full first; a damaged one restores nothing.
    pub fn restore(&self, file: &Path, mode: RestoreMode) -> Result<BackupSummary> {
        self.restore_with(file, mode, None)
    }

    /// Restores a backup like [`Mahdar::restore`], opening an encrypted one with this data's
    /// key or else `passphrase`.
    pub fn restore_with(
        &self,
        file: &Path,
        mode: RestoreMode,
        passphrase: Option<&Passphrase>,
    ) -> Result<BackupSummary> {
        let _writing = self.exclusive();
        Ok(self.store.import_with(file, mode, passphrase)?)
    }

    /// Checks the whole store.
    pub fn verify(&self) -> Result<VerifyReport> {
        Ok(self.store.verify()?)
    }

    /// Rebuilds every index from the documents.
    pub fn reindex(&self) -> Result<()> {
        let _writing = self.exclusive();
        self.store.rebuild_indexes()?;
        self.rebuild_search()?;
        Ok(())
    }

    /// Every revision of a document this laptop knows, oldest first (its revision tree).
    pub fn revisions(&self, doc_id: &str) -> Result<Vec<mahdar_store::Rev>> {
        Ok(self
            .store
            .rev_tree(doc_id)?
            .map(|t| t.nodes().map(|n| n.rev).collect())
            .unwrap_or_default())
    }

    /// Merges revisions received from a peer with their histories (sync, sync files). Nothing
    /// is overwritten; a second live version becomes a conflict a person resolves.
    pub fn apply_foreign(
        &self,
        revisions: Vec<mahdar_store::ForeignRevision>,
    ) -> Result<mahdar_store::ApplyReport> {
        let _writing = self.exclusive();
        Ok(self.store.apply_foreign(revisions)?)
    }

    /// Whether the store holds nothing yet.
    pub fn is_empty(&self) -> bool {
        self.store.is_empty()
    }

    /// The number of the last change written on this laptop (it moves with every write:
    /// what a refused input must leave as it was).
    pub fn last_change(&self) -> u64 {
        self.store.last_seq()
    }
}
