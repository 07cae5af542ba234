//! What support needs to know about this laptop's Mahdar, and a bundle of it to send them.
//!
//! The bundle holds no user content unless it is asked for: no meeting text, no names, no
//! attached file, no letterhead, no server password. It says which version runs, where the
//! data is and how big it is, how many documents of each kind it holds, what the integrity
//! check found, which backups exist and when the last sync was.

use crate::{Mahdar, Result, backups::BackupFile};
use serde::Serialize;
use serde_json::{Value, json};
use std::{collections::BTreeMap, io::Write, path::Path};

/// The app's figures, for the About screen and the bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostics {
    /// The version of this build.
    pub version: &'static str,
    /// The schema version of the data (what documents mean).
    pub schema_version: u32,
    /// The storage format version (how records are written).
    pub format_version: u32,
    /// The data folder.
    pub data_dir: String,
    /// The data folder's size on disk, backups included, in bytes.
    pub store_bytes: u64,
    /// Whether the data is encrypted at rest.
    pub encrypted: bool,
    /// This laptop's replica id.
    pub replica_id: String,
    /// Documents (deleted ones left out).
    pub documents: usize,
    /// Attached files.
    pub attachments: usize,
    /// Their size, in bytes.
    pub attachment_bytes: u64,
    /// Backups kept in the data folder.
    pub backups: usize,
    /// The newest of them.
    pub last_backup: Option<LastBackup>,
    /// When this laptop last synced (RFC 3339).
    pub last_sync: Option<String>,
    /// The sync server's address, without user name or password.
    pub sync_server: Option<String>,
    /// The operating system (`linux`, `windows`, `macos`).
    pub os: &'static str,
    /// The processor architecture.
    pub arch: &'static str,
}

/// The newest backup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LastBackup {
    /// Its file name.
    pub name: String,
    /// When it was written (RFC 3339).
    pub at: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The bytes of every file under `dir` (0 for what cannot be read).
fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => folder_bytes(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum()
}

/// The kind of a document, from its id (`meeting:…` → `meeting`).
fn kind_of(id: &str) -> &str {
    id.split_once(':').map_or("other", |(kind, _)| kind)
}

impl Mahdar {
    /// The app's figures: version, data folder and its size, documents, backups, last sync.
    pub fn diagnostics(&self) -> Result<Diagnostics> {
        Ok(self.figures()?.0)
    }

    /// The figures, and the documents of each kind they were counted from.
    fn figures(&self) -> Result<(Diagnostics, BTreeMap<String, usize>)> {
        let (counts, attachment_bytes) = self.census()?;
        let attachments = counts.get("attachment").copied().unwrap_or(0);
        let backups = Mahdar::backups(&self.data_dir)?;
        let last_backup = newest(&backups);
        let figures = Diagnostics {
            version: env!("CARGO_PKG_VERSION"),
            schema_version: self.store.schema_version()?,
            format_version: mahdar_store::FORMAT_VERSION,
            data_dir: self.data_dir.display().to_string(),
            store_bytes: folder_bytes(&self.data_dir),
            encrypted: self.is_encrypted(),
            replica_id: self.replica_id().to_owned(),
            documents: counts.values().sum(),
            attachments,
            attachment_bytes,
            backups: backups.len(),
            last_backup,
            last_sync: self.last_sync()?,
            sync_server: self
                .sync_settings()?
                .url
                .and_then(|u| mahdar_sync::without_credentials(&u)),
            os: std::env::consts::OS,
            arch: std::env::consts::ARCH,
        };
        Ok((figures, counts))
    }

    /// The live documents of each kind, and the bytes of the attached files.
    fn census(&self) -> Result<(BTreeMap<String, usize>, u64)> {
        let mut counts = BTreeMap::new();
        let mut attached = 0;
        for change in self.store.changes_since(0, usize::MAX)? {
            if change.deleted {
                continue;
            }
            let kind = kind_of(&change.id);
            if kind == "attachment" {
                attached += self
                    .store
                    .get(&change.id)?
                    .and_then(|d| d.body.get("length").and_then(Value::as_u64))
                    .unwrap_or(0);
            }
            *counts.entry(kind.to_owned()).or_insert(0) += 1;
        }
        Ok((counts, attached))
    }

    /// A zip for support: `diagnostics.json` (the figures), `documents-by-kind.json`,
    /// `verify.json` (the integrity check), `backups.json`, `settings.json` (without the
    /// letterhead's text) and `sync.json` (without password), and, only when
    /// `include_content`, `documents.jsonl`: every document as stored, with its text.
    /// Attached files are never included.
    pub fn diagnostics_bundle(&self, include_content: bool) -> Result<Vec<u8>> {
        let (mut diagnostics, counts) = self.figures()?;
        // The folder under the home folder, which is named after the person.
        if let Some(home) = dirs::home_dir()
            && let Ok(inside) = self.data_dir.strip_prefix(&home)
        {
            diagnostics.data_dir = Path::new("~").join(inside).display().to_string();
        }
        let settings = self.settings()?;
        let letterhead = &settings.letterhead;
        let sync = self.sync_settings()?;
        let backups: Vec<Value> = Mahdar::backups(&self.data_dir)?
            .iter()
            .map(|b| {
                json!({
                    // Backups put there by a person may be named anything.
                    "name": if b.kind == "other" { None } else { Some(file_name(b)) },
                    "kind": b.kind,
                    "bytes": b.bytes,
                    "written": b.written,
                    "encrypted": b.encrypted,
                })
            })
            .collect();
        let mut files: Vec<(&str, Vec<u8>)> = vec![
            ("diagnostics.json", pretty(&diagnostics)),
            ("documents-by-kind.json", pretty(&counts)),
            ("verify.json", pretty(&self.verify()?)),
            ("backups.json", pretty(&backups)),
            (
                "settings.json",
                pretty(&json!({
                    "language": settings.language,
                    "hijri_adjust": settings.hijri_adjust,
                    "letterhead_lines": {
                        "ar": letterhead.ar.len(),
                        "fr": letterhead.fr.len(),
                        "en": letterhead.en.len(),
                    },
                    "reminders": settings.reminders,
                    "auto_lock_minutes": settings.auto_lock_minutes,
                    "attachment_max_mb": settings.attachment_max_mb,
                    "minutes_photos": settings.minutes_photos,
                })),
            ),
            (
                "sync.json",
                pretty(&json!({
                    "server": diagnostics.sync_server,
                    "has_user": sync.user.is_some(),
                    "has_password": sync.has_password,
                    "continuous": sync.continuous,
                    "last_sync": diagnostics.last_sync,
                    "conflicts": self.conflict_count()?,
                })),
            ),
        ];
        if include_content {
            files.push(("documents.jsonl", self.documents_jsonl()?));
        }
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            zip.start_file(name, options).map_err(zip_error)?;
            zip.write_all(&bytes)
                .map_err(|e| crate::Error::invalid("diagnostics", e.to_string()))?;
        }
        Ok(zip.finish().map_err(zip_error)?.into_inner())
    }

    /// Every live document, one JSON line each: id, revision and body.
    fn documents_jsonl(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        for change in self.store.changes_since(0, usize::MAX)? {
            if change.deleted {
                continue;
            }
            if let Some(doc) = self.store.get(&change.id)? {
                let line =
                    json!({ "_id": change.id, "_rev": change.rev.to_string(), "body": doc.body });
                out.extend_from_slice(line.to_string().as_bytes());
                out.push(b'\n');
            }
        }
        Ok(out)
    }
}

fn newest(backups: &[BackupFile]) -> Option<LastBackup> {
    backups
        .iter()
        .filter_map(|b| Some((b, b.written.clone()?)))
        .max_by(|(_, a), (_, b)| a.cmp(b))
        .map(|(b, at)| LastBackup {
            name: file_name(b),
            at,
            bytes: b.bytes,
        })
}

fn file_name(b: &BackupFile) -> String {
    b.path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn pretty<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap_or_default()
}

fn zip_error(e: zip::result::ZipError) -> crate::Error {
    crate::Error::invalid("diagnostics", e.to_string())
}
