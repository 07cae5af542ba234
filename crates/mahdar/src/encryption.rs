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
//! Then the search index (in clear on disk) is overwritten and removed, and every backup in
//! clear is encrypted in place.

use crate::{Error, Mahdar, Result};
use mahdar_store::{KdfParams, Passphrase, shred_dir};
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

/// Overwrites and removes a folder of derived data in clear (the search index). A failure
/// leaves it for the next attempt; the data it derives from is safe either way.
pub(crate) fn wipe_dir(dir: &Path) {
    let _ = shred_dir(dir);
}

/// Brings a data folder whose encryption was interrupted to a consistent state: the complete
/// encrypted copy in place, the store in clear gone. Cheap when there is nothing to do.
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
    }
    if clear.exists() && store.exists() {
        shred_dir(&clear)
            .map_err(|e| data_dir_error(&clear, "overwriting the store in clear", e))?;
    }
    Ok(())
}

impl Mahdar {
    /// The error a passphrase too short to protect data is refused with.
    pub fn weak_passphrase() -> Error {
        Error::WeakPassphrase
    }

    /// Whether the data is encrypted at rest.
    pub fn is_encrypted(&self) -> bool {
        self.store.is_encrypted()
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
        let encrypting = data_dir.join(ENCRYPTING);
        if encrypting.exists() {
            std::fs::remove_dir_all(&encrypting)
                .map_err(|e| data_dir_error(&encrypting, "removing an unfinished copy", e))?;
        }
        // `self` is owned here: no write can land in the store in clear after the copy.
        self.store
            .copy_encrypted(&encrypting, passphrase, KdfParams::default())?;
        std::fs::rename(&encrypting, data_dir.join(ENCRYPTED))
            .map_err(|e| data_dir_error(&encrypting, "marking the copy complete", e))?;
        drop(self);
        finish_interrupted(&data_dir)?;
        let app = Mahdar::unlock_with_clock(&data_dir, passphrase, clock)?;
        wipe_dir(&data_dir.join("search"));
        for backup in Mahdar::backups(&data_dir)? {
            if !backup.encrypted {
                app.store.seal_backup(&backup.path)?;
            }
        }
        Ok(app)
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
