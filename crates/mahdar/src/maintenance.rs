//! Backups, restores and integrity checks of the whole data folder.

use crate::{Mahdar, Result};
use mahdar_store::{BackupSummary, RestoreMode, VerifyReport};
use std::path::Path;

impl Mahdar {
    /// Writes a backup of everything to `file` (complete or not at all).
    pub fn backup(&self, file: &Path) -> Result<BackupSummary> {
        Ok(self.store.export_to(file)?)
    }

    /// Checks a backup file without restoring it, and without opening a data folder: whether
    /// it is complete, unaltered, and readable by this version.
    pub fn check_backup(file: &Path) -> Result<BackupSummary> {
        Ok(mahdar_store::check_backup(file, crate::SCHEMA.version)?)
    }

    /// Restores a backup. The file is checked in full first; a damaged one restores nothing.
    pub fn restore(&self, file: &Path, mode: RestoreMode) -> Result<BackupSummary> {
        let _writing = self.exclusive();
        Ok(self.store.import_from(file, mode)?)
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
}
