//! Automatic backups and recovery: a daily backup in the data folder (the last seven kept, as
//! well as those written before every migration), and, when the storage engine reports its
//! files damaged, the way back — the damaged store set aside (never deleted), the newest good
//! backup restored into a fresh one, and a sync to bring back what came after it. The backups
//! of encrypted data are encrypted (age) and need its passphrase to restore elsewhere.

use crate::{Error, Mahdar, Result};
use chrono::NaiveDate;
use mahdar_store::{BackupSummary, Passphrase, RestoreMode};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many daily backups are kept.
pub const DAILY_BACKUPS_KEPT: usize = 7;
const DAILY_PREFIX: &str = "daily-";
const EXTENSION: &str = "mahdar-backup";

/// A backup file in the data folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupFile {
    /// Where it is.
    pub path: PathBuf,
    /// `daily`, `before_migration` or `other` (put there by a person).
    pub kind: &'static str,
    /// Its size in bytes.
    pub bytes: u64,
    /// When it was last written (RFC 3339), if the file system says.
    pub written: Option<String>,
    /// Whether it is encrypted (a backup of encrypted data).
    pub encrypted: bool,
}

/// What a recovery did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recovery {
    /// The backup restored.
    pub backup: PathBuf,
    /// Where the damaged store was set aside.
    pub damaged_store: PathBuf,
    /// What the backup held.
    pub restored: BackupSummary,
}

fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

fn kind_of(name: &str) -> &'static str {
    if name.starts_with(DAILY_PREFIX) {
        "daily"
    } else if name.starts_with("before-schema-") {
        "before_migration"
    } else {
        "other"
    }
}

impl Mahdar {
    /// Writes today's backup into the data folder's `backups`, unless it exists, and keeps the
    /// newest [`DAILY_BACKUPS_KEPT`]. Returns the file written, if one was. The app calls it once
    /// the first screen is drawn.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        let dir = backup_dir(&self.data_dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::DataDir {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        let today: NaiveDate = self.today();
        let path = dir.join(format!("{DAILY_PREFIX}{today}.{EXTENSION}"));
        if path.exists() {
            return Ok(None);
        }
        self.store.export_to(&path)?;
        let mut daily: Vec<PathBuf> = Mahdar::backups(&self.data_dir)?
            .into_iter()
            .filter(|b| b.kind == "daily")
            .map(|b| b.path)
            .collect();
        // Names carry the date: the oldest sort first.
        daily.sort();
        let extra = daily.len().saturating_sub(DAILY_BACKUPS_KEPT);
        for old in &daily[..extra] {
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(path))
    }

    /// The backups in a data folder's `backups`, newest first (by the time they were written).
    /// Needs no open store: it serves a recovery too.
    pub fn backups(data_dir: &Path) -> Result<Vec<BackupFile>> {
        let dir = backup_dir(data_dir);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(Error::DataDir {
                    path: dir,
                    reason: e.to_string(),
                });
            }
        };
        let mut out: Vec<(Option<std::time::SystemTime>, BackupFile)> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let meta = entry.metadata().ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            out.push((
                modified,
                BackupFile {
                    kind: kind_of(&name),
                    bytes: meta.map_or(0, |m| m.len()),
                    encrypted: mahdar_store::is_encrypted_backup(&path),
                    written: modified.map(|t| {
                        chrono::DateTime::<chrono::Utc>::from(t)
                            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    }),
                    path,
                },
            ));
        }
        out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.path.cmp(&a.1.path)));
        Ok(out.into_iter().map(|(_, b)| b).collect())
    }

    /// Recovers a data folder whose store is damaged: the newest backup that passes its check
    /// is restored into a fresh store, and the damaged one is set aside beside it
    /// (`store.damaged-<time>`), never deleted. With no good backup, nothing is touched and the
    /// error says so. A sync afterwards brings back what changed since the backup.
    ///
    /// Encrypted backups need `passphrase`; the store restored from one is encrypted with it.
    pub fn recover(data_dir: &Path, passphrase: Option<&Passphrase>) -> Result<Recovery> {
        match Mahdar::open_with_passphrase(data_dir, passphrase) {
            Ok(_) => {
                return Err(Error::invalid(
                    "recover",
                    "the data is not damaged: nothing to recover (to go back to a backup, restore it)",
                ));
            }
            Err(e) if e.code() == "store_corrupt" => {}
            Err(e) => return Err(e),
        }
        // The newest backup that passes its check; but an encrypted one the passphrase does
        // not open stops the search: going on would restore an older backup (one in clear,
        // even) in place of the newest, only because an old passphrase was typed.
        let mut good = None;
        for b in Mahdar::backups(data_dir)? {
            match Mahdar::check_backup_with(&b.path, passphrase) {
                Ok(_) => {
                    good = Some(b);
                    break;
                }
                Err(e) if matches!(e.code(), "wrong_passphrase" | "backup_locked") => {
                    return Err(e);
                }
                Err(_) => {}
            }
        }
        let good = good.ok_or_else(|| Error::DataDir {
            path: backup_dir(data_dir),
            reason: "no usable backup to recover from; nothing was changed".into(),
        })?;
        let store = data_dir.join("store");
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let aside = data_dir.join(format!("store.damaged-{stamp}"));
        if store.exists() {
            std::fs::rename(&store, &aside).map_err(|e| Error::DataDir {
                path: store.clone(),
                reason: format!("cannot set the damaged store aside: {e}"),
            })?;
        }
        let fresh = match passphrase {
            Some(p) if good.encrypted => {
                Mahdar::create_encrypted(data_dir, p, std::sync::Arc::new(crate::SystemClock))
            }
            _ => Mahdar::open(data_dir),
        };
        let restored =
            fresh.and_then(|app| app.restore_with(&good.path, RestoreMode::EmptyOnly, passphrase));
        match restored {
            Ok(restored) => Ok(Recovery {
                backup: good.path,
                damaged_store: aside,
                restored,
            }),
            Err(e) => {
                // Put things back as they were: the damaged store is still the evidence.
                let _ = std::fs::remove_dir_all(&store);
                let _ = std::fs::rename(&aside, &store);
                Err(e)
            }
        }
    }
}
