//! Encryption at rest, as the use cases see it: encrypting a data folder that holds data in
//! clear, changing the passphrase, and finishing an encryption a power cut interrupted.
//!
//! Encrypting writes a sealed copy of the store beside it, then swaps the folders; every
//! step can be cut short and is finished (or undone) at the next opening:
//!
//! ```text
//! store.encrypting   the copy being written: incomplete, removed at the next opening
//! store.encrypted    the copy, complete and durable: it replaces `store`
//! store.clear        the store in clear, set aside: overwritten, then removed
//! ```
//!
//! Everything else that may hold words in clear is dealt with each time encrypted data is
//! opened, so that a cut at any point is made good later: the store in clear set aside, the
//! search index, backups written in clear (encrypted in place) and unfinished files of theirs.
//! The whole folder is locked meanwhile (`mahdar.lock`): no second process steps in.

use crate::{Error, Mahdar, Result};
use mahdar_store::{KdfParams, Passphrase, shred_dir, shred_file, sync_parent};
use std::path::Path;

const ENCRYPTING: &str = "store.encrypting";
const ENCRYPTED: &str = "store.encrypted";
const CLEAR: &str = "store.clear";

fn data_dir_error(path: &Path, what: &str, e: std::io::Error) -> Error {
    Error::DataDir {
        path: path.to_path_buf(),
        reason: format!("{what}: {e}"),
    }
}

/// Brings a data folder whose encryption was interrupted to a consistent state: the complete
/// encrypted copy in place (the store in clear set aside is overwritten once the encrypted one
/// has opened: see [`Mahdar::tidy_encrypted`]). Cheap when there is nothing to do. The caller
/// holds the folder's lock.
pub(crate) fn finish_interrupted(data_dir: &Path) -> Result<()> {
    let store = data_dir.join("store");
    let encrypting = data_dir.join(ENCRYPTING);
    let encrypted = data_dir.join(ENCRYPTED);
    let clear = data_dir.join(CLEAR);
    if encrypting.exists() {
        // Never finished: the store in clear is still the data.
        std::fs::remove_dir_all(&encrypting)
            .map_err(|e| data_dir_error(&encrypting, "removing an unfinished copy", e))?;
    }
    if encrypted.exists() {
        if store.exists() && !clear.exists() {
            std::fs::rename(&store, &clear)
                .map_err(|e| data_dir_error(&store, "setting the store in clear aside", e))?;
        }
        if !store.exists() {
            std::fs::rename(&encrypted, &store).map_err(|e| {
                data_dir_error(&encrypted, "putting the encrypted store in place", e)
            })?;
        }
        sync_parent(&store);
    }
    if clear.exists() && !store.exists() {
        // The store in clear set aside with no copy to replace it (moved by hand): it is the
        // data, so it goes back.
        std::fs::rename(&clear, &store)
            .map_err(|e| data_dir_error(&clear, "putting the store back", e))?;
        sync_parent(&store);
    }
    Ok(())
}

/// Whether a file name in `backups` is one a cut write left: a backup being written
/// (`.partial`) or being encrypted (`.sealing`).
fn unfinished(name: &str) -> bool {
    name.ends_with(".partial") || name.ends_with(".sealing")
}

impl Mahdar {
    /// Whether the data is encrypted at rest.
    pub fn is_encrypted(&self) -> bool {
        self.store.is_encrypted()
    }

    /// Makes good, each time encrypted data is opened, what an encryption cut short (or an
    /// older build) left in clear in the data folder: the store in clear set aside, the search
    /// index on disk, unfinished backup files, backups in clear (encrypted in place). Best
    /// effort: what fails now is tried again at the next opening; the data is safe either way.
    pub(crate) fn tidy_encrypted(&self) {
        let dir = &self.data_dir;
        let _ = shred_dir(&dir.join(CLEAR));
        let _ = shred_dir(&dir.join("search"));
        let backups = dir.join("backups");
        if let Ok(entries) = std::fs::read_dir(&backups) {
            for entry in entries.flatten() {
                if unfinished(&entry.file_name().to_string_lossy()) {
                    let _ = shred_file(&entry.path());
                }
            }
        }
        if let Ok(list) = Mahdar::backups(dir) {
            for backup in list.iter().filter(|b| !b.encrypted) {
                let _ = self.store.seal_backup(&backup.path);
            }
        }
    }

    /// Encrypts a data folder that holds data in clear, and returns it opened. The copy is
    /// complete and durable before the store in clear is touched; a power cut at any point
    /// loses nothing (see the module's notes). Every backup in clear is encrypted too, and
    /// the search index, which holds every word, is overwritten and kept in memory from now on.
    pub fn encrypt(self, passphrase: &Passphrase) -> Result<Mahdar> {
        if self.is_encrypted() {
            return Err(Error::AlreadyEncrypted);
        }
        if !passphrase.is_strong_enough() {
            return Err(Error::WeakPassphrase);
        }
        let data_dir = self.data_dir.clone();
        let clock = self.clock.clone();
        // An unfinished copy from an earlier attempt went when the folder was opened (under
        // the lock this instance still holds).
        let encrypting = data_dir.join(ENCRYPTING);
        // Damaged stores set aside by earlier recoveries are in clear: the user asks that
        // nothing be, and they were evidence only (their backup was restored).
        for entry in std::fs::read_dir(&data_dir)
            .map_err(|e| data_dir_error(&data_dir, "reading", e))?
            .flatten()
        {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with("store.damaged-")
            {
                shred_dir(&entry.path())
                    .map_err(|e| data_dir_error(&entry.path(), "overwriting", e))?;
            }
        }
        // `self` is owned here: no write can land in the store in clear after the copy, which
        // is read back and compared before it is marked complete.
        self.store
            .copy_encrypted(&encrypting, passphrase, KdfParams::default())?;
        sync_parent(&encrypting);
        std::fs::rename(&encrypting, data_dir.join(ENCRYPTED))
            .map_err(|e| data_dir_error(&encrypting, "marking the copy complete", e))?;
        sync_parent(&encrypting);
        // The folder's lock goes on being held while the store is closed and the folders swap.
        let Mahdar {
            store, folder_lock, ..
        } = self;
        drop(store);
        finish_interrupted(&data_dir)?;
        // Opening it encrypted also overwrites what was in clear (`tidy_encrypted`).
        Mahdar::open_as(&data_dir, clock, Some(passphrase), false, Some(folder_lock))
    }

    /// Wraps the data key under a new passphrase; `current` must be the present one. The
    /// data is not rewritten. (Backups written before keep opening with the passphrase of
    /// their day, and with this store's key.)
    pub fn change_passphrase(&self, current: &Passphrase, new: &Passphrase) -> Result<()> {
        if !self.is_encrypted() {
            return Err(Error::invalid(
                "passphrase",
                "the data is not encrypted: encrypt it first (mahdar init --encrypt)",
            ));
        }
        if !new.is_strong_enough() {
            return Err(Error::WeakPassphrase);
        }
        self.store
            .change_passphrase(current, new, KdfParams::default())?;
        Ok(())
    }
}
