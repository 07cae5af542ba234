//! Logical backups: the whole store as JSON lines — every revision tree with every body held,
//! and the `_local` documents — closed by a line with the counts and the SHA-256 of everything
//! before it. A backup is checked in full before a single document is restored.

use crate::{
    Revision, Store, StoreError,
    schema::FORMAT_VERSION,
    store::{DocRecord, validate_local_name},
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::{
    fs::File,
    io::{BufRead, BufReader, BufWriter, Read, Write},
    path::Path,
};

/// The longest line a backup may have (one document with all its revisions).
const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;
/// Documents restored per atomic write.
const RESTORE_CHUNK: usize = 500;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    schema_version: u32,
}

#[derive(Serialize, Deserialize)]
struct DocLine {
    id: String,
    revs: Vec<Revision>,
}

#[derive(Serialize, Deserialize)]
struct LocalLine {
    local: String,
    body: Value,
}

#[derive(Serialize, Deserialize)]
struct Trailer {
    documents: usize,
    locals: usize,
    sha256: String,
}

#[derive(Serialize, Deserialize)]
struct EndLine {
    end: Trailer,
}

const FORMAT_NAME: &str = "mahdar-backup";

/// What a backup holds, as counted when it was written or checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// Documents (each with its whole revision tree).
    pub documents: usize,
    /// `_local` documents.
    pub locals: usize,
    /// SHA-256 of the content, as recorded in the last line.
    pub sha256: String,
}

/// Whether a restore may go into a store that already holds documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreMode {
    /// Only into an empty store (the usual restore).
    EmptyOnly,
    /// Merge into whatever is there: revisions are added, nothing is overwritten.
    Merge,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// Writes the whole store to `path` as a backup. The file appears complete or not at all
    /// (written beside it, synced, then renamed).
    pub fn export_to(&self, path: &Path) -> Result<BackupSummary, StoreError> {
        let file_err = |action, source| StoreError::File {
            action,
            path: path.to_path_buf(),
            source,
        };
        let tmp = path.with_extension("partial");
        let file = File::create(&tmp).map_err(|e| file_err("creating", e))?;
        let mut out = HashingWriter {
            inner: BufWriter::new(file),
            hasher: Sha256::new(),
        };
        let summary = self.export(&mut out).map_err(|e| match e {
            ExportError::Store(e) => e,
            ExportError::Io(e) => file_err("writing", e),
        });
        let summary = match summary {
            Ok(s) => s,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        let file = out
            .inner
            .into_inner()
            .map_err(|e| file_err("writing", e.into_error()))?;
        file.sync_all().map_err(|e| file_err("syncing", e))?;
        std::fs::rename(&tmp, path).map_err(|e| file_err("renaming", e))?;
        Ok(summary)
    }

    fn export<W: Write>(&self, out: &mut HashingWriter<W>) -> Result<BackupSummary, ExportError> {
        let schema_version = self.schema_version()?;
        let header = Header {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            schema_version,
        };
        out.line(&header)?;
        let mut documents = 0;
        for entry in self.docs.iter() {
            let (key, bytes) = entry.map_err(StoreError::from)?;
            let id = String::from_utf8(key.to_vec())
                .map_err(|_| self.corrupt("a document id is not text"))?;
            let record = DocRecord::decode(&bytes)
                .map_err(|e| self.corrupt(format!("record of {id}: {e}")))?;
            let mut revs = Vec::with_capacity(record.tree.len());
            for node in record.tree.nodes() {
                let body = if node.has_body {
                    self.load_body(&id, &node.rev)?
                } else {
                    None
                };
                revs.push(Revision {
                    rev: node.rev,
                    parent: node.parent,
                    deleted: node.deleted,
                    body,
                });
            }
            out.line(&DocLine { id, revs })?;
            documents += 1;
        }
        let locals = self.locals()?;
        for (name, body) in &locals {
            out.line(&LocalLine {
                local: name.clone(),
                body: body.clone(),
            })?;
        }
        let sha256 = hex(&out.hasher.clone().finalize());
        let trailer = Trailer {
            documents,
            locals: locals.len(),
            sha256: sha256.clone(),
        };
        let mut end =
            serde_json::to_vec(&EndLine { end: trailer }).map_err(|e| ExportError::Io(e.into()))?;
        end.push(b'\n');
        out.inner.write_all(&end)?;
        Ok(BackupSummary {
            documents,
            locals: locals.len(),
            sha256,
        })
    }

    /// Checks a backup file from end to end without touching the store.
    pub fn check_backup(&self, path: &Path) -> Result<BackupSummary, StoreError> {
        check_backup(path, self.schema.version)
    }

    /// Restores a backup: checked in full first (a truncated or altered file restores nothing),
    /// then merged revision by revision, as a sync would.
    pub fn import_from(&self, path: &Path, mode: RestoreMode) -> Result<BackupSummary, StoreError> {
        let summary = self.check_backup(path)?;
        if mode == RestoreMode::EmptyOnly && !self.is_empty() {
            return Err(StoreError::NotEmpty {
                documents: self.document_count(),
            });
        }
        let mut docs = Vec::new();
        read_backup(path, self.schema.version, |entry| {
            match entry {
                Entry::Doc(line) => {
                    docs.push((line.id, line.revs));
                    if docs.len() >= RESTORE_CHUNK {
                        self.apply_revisions(std::mem::take(&mut docs))?;
                    }
                }
                Entry::Local(line) => {
                    self.local.insert(
                        line.local.as_bytes(),
                        serde_json::to_vec(&line.body).unwrap_or_default(),
                    )?;
                }
            }
            Ok(())
        })?;
        self.apply_revisions(docs)?;
        self.flush()?;
        Ok(summary)
    }
}

/// Checks a backup file from end to end, without a store: whether it is complete, unaltered,
/// and readable by a build whose schema version is `supported_schema`.
pub fn check_backup(path: &Path, supported_schema: u32) -> Result<BackupSummary, StoreError> {
    read_backup(path, supported_schema, |_| Ok(()))
}

/// Reads a backup line by line, handing each entry to `visit`, and checks the last line.
fn read_backup(
    path: &Path,
    supported_schema: u32,
    mut visit: impl FnMut(Entry) -> Result<(), StoreError>,
) -> Result<BackupSummary, StoreError> {
    let fail = |line: usize, reason: String| StoreError::Backup {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let file = File::open(path).map_err(|source| StoreError::File {
        action: "opening",
        path: path.to_path_buf(),
        source,
    })?;
    let mut reader = BufReader::new(file);
    let mut hasher = Sha256::new();
    let mut buf = Vec::new();
    let mut number = 0usize;
    let mut documents = 0usize;
    let mut locals = 0usize;
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| fail(number + 1, format!("cannot read: {e}")))?;
        if n == 0 {
            return Err(fail(
                number,
                "the file ends before its closing line: it is incomplete".into(),
            ));
        }
        number += 1;
        if buf.len() as u64 > MAX_LINE_BYTES {
            return Err(fail(number, "line longer than 64 MiB".into()));
        }
        if buf.last() != Some(&b'\n') {
            return Err(fail(
                number,
                "the last line is cut short: the file is incomplete".into(),
            ));
        }
        let value: Value =
            serde_json::from_slice(&buf).map_err(|e| fail(number, format!("not JSON: {e}")))?;
        if number == 1 {
            let header: Header = serde_json::from_value(value)
                .map_err(|_| fail(1, "not a Mahdar backup (no backup header)".into()))?;
            if header.format != FORMAT_NAME {
                return Err(fail(1, "not a Mahdar backup".into()));
            }
            if header.version > FORMAT_VERSION || header.schema_version > supported_schema {
                return Err(fail(
                    1,
                    format!(
                        "written by a newer Mahdar (backup format {}, schema {}); install the newer version",
                        header.version, header.schema_version
                    ),
                ));
            }
            hasher.update(&buf);
            continue;
        }
        if value.get("end").is_some() {
            let end: EndLine = serde_json::from_value(value)
                .map_err(|e| fail(number, format!("bad closing line: {e}")))?;
            let actual = hex(&hasher.finalize());
            if end.end.sha256 != actual {
                return Err(fail(
                    number,
                    "the checksum does not match: the file was altered or damaged".into(),
                ));
            }
            if end.end.documents != documents || end.end.locals != locals {
                return Err(fail(number, "the counts do not match the content".into()));
            }
            let mut rest = [0u8; 1];
            if reader
                .read(&mut rest)
                .map_err(|e| fail(number, e.to_string()))?
                != 0
            {
                return Err(fail(number + 1, "content after the closing line".into()));
            }
            return Ok(BackupSummary {
                documents,
                locals,
                sha256: actual,
            });
        }
        hasher.update(&buf);
        if value.get("local").is_some() {
            let line: LocalLine =
                serde_json::from_value(value).map_err(|e| fail(number, e.to_string()))?;
            validate_local_name(&line.local).map_err(|e| fail(number, e.to_string()))?;
            locals += 1;
            visit(Entry::Local(line))?;
        } else {
            let line: DocLine =
                serde_json::from_value(value).map_err(|e| fail(number, e.to_string()))?;
            crate::store::validate_id(&line.id).map_err(|e| fail(number, e.to_string()))?;
            if line.revs.is_empty() {
                return Err(fail(number, format!("{} has no revisions", line.id)));
            }
            documents += 1;
            visit(Entry::Doc(line))?;
        }
    }
}

enum Entry {
    Doc(DocLine),
    Local(LocalLine),
}

enum ExportError {
    Store(StoreError),
    Io(std::io::Error),
}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Store(e)
    }
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Io(e)
    }
}

struct HashingWriter<W: Write> {
    inner: W,
    hasher: Sha256,
}

impl<W: Write> HashingWriter<W> {
    fn line<T: Serialize>(&mut self, value: &T) -> Result<(), ExportError> {
        let mut bytes = serde_json::to_vec(value).map_err(|e| ExportError::Io(e.into()))?;
        bytes.push(b'\n');
        self.hasher.update(&bytes);
        self.inner.write_all(&bytes)?;
        Ok(())
    }
}
