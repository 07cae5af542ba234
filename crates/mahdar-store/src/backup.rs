//! Logical backups: the whole store as JSON lines, closed by a line with the counts and the
//! SHA-256 of everything before it. A backup is checked in full — completeness, checksum, and
//! every rule a merge would apply — before a single document is restored.
//!
//! ```text
//! {"format":"mahdar-backup","version":2,"schema_version":1}
//! {"id":"meeting:…","revs":[{"rev":"1-…"},{"rev":"2-…","parent":"1-…"}]}   one per document: its tree
//! {"id":"meeting:…","rev":"1-…","body":{…}}                                 one per body held
//! {"blob":"<sha256>","n":0,"of":2,"data":"<base64>"}                         one per 1 MiB of an attached file
//! {"local":"settings","body":{…}}                                           one per _local document
//! {"end":{"documents":1,"bodies":2,"locals":1,"blobs":1,"sha256":"…"}}
//! ```
//!
//! Bodies have a line each, so no line outgrows what a body may weigh, however long a
//! document's history.
//!
//! The backup of an encrypted store is the same file encrypted with age, to the store's data
//! key (see [`crate::crypt`]): opened by that key, or by the passphrase alone.

use crate::{
    MAX_BODY_BYTES, Passphrase, Rev, Revision, Store, StoreError,
    crypt::{BackupIdentity, BackupRecipient, DataKey},
    store::{LOCAL, MAX_FOREIGN_POS, validate_body, validate_id, validate_local_name},
};
use base64::{Engine, engine::general_purpose::STANDARD as BASE64};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::{
    collections::{BTreeMap, BTreeSet},
    fs::File,
    io::{BufRead, BufReader, BufWriter, Read, Write},
    path::Path,
};

/// The version of this file format (3 added attached files; 2 is read too).
const BACKUP_VERSION: u32 = 3;
const OLDEST_READ: u32 = 2;
/// The longest tree line accepted: some 800 000 revisions of one document.
const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;
/// Restore writes in atomic chunks of about this many bytes of bodies…
const RESTORE_CHUNK_BYTES: usize = 16 * 1024 * 1024;
/// …or this many documents, whichever comes first (a chunk never splits a document).
const RESTORE_CHUNK_DOCS: usize = 500;

const FORMAT_NAME: &str = "mahdar-backup";

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    schema_version: u32,
}

/// A revision's place in the tree, without its body.
#[derive(Serialize, Deserialize)]
struct Node {
    rev: Rev,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<Rev>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
}

#[derive(Serialize, Deserialize)]
struct TreeLine {
    id: String,
    revs: Vec<Node>,
}

#[derive(Serialize, Deserialize)]
struct BodyLine {
    id: String,
    rev: Rev,
    body: Value,
}

#[derive(Serialize, Deserialize)]
struct LocalLine {
    local: String,
    body: Value,
}

#[derive(Serialize, Deserialize)]
struct Trailer {
    documents: usize,
    bodies: usize,
    locals: usize,
    #[serde(default)]
    blobs: usize,
    sha256: String,
}

/// One chunk of an attached file.
#[derive(Serialize, Deserialize)]
struct BlobLine {
    blob: String,
    n: u32,
    of: u32,
    data: String,
}

#[derive(Serialize, Deserialize)]
struct EndLine {
    end: Trailer,
}

/// What a backup holds, as counted when it was written or checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// Documents (each with its whole revision tree).
    pub documents: usize,
    /// Revision bodies.
    pub bodies: usize,
    /// `_local` documents.
    pub locals: usize,
    /// Attached files.
    pub blobs: usize,
    /// The schema version of the documents it holds.
    pub schema_version: u32,
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

use crate::blobs::hex;

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
        let file = BufWriter::new(File::create(&tmp).map_err(|e| file_err("creating", e))?);
        let sink = match &self.cipher {
            None => Sink::Plain(file),
            Some(key) => Sink::Age(Box::new(
                self.age_writer(key, file)
                    .map_err(|e| file_err("writing", e))?,
            )),
        };
        let mut out = HashingWriter {
            inner: sink,
            hasher: Sha256::new(),
        };
        let written = self.export(&mut out).and_then(|summary| {
            out.inner.finish()?.sync_all()?;
            Ok(summary)
        });
        let summary = match written {
            Ok(summary) => summary,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(match e {
                    ExportError::Store(e) => e,
                    ExportError::Io(e) => file_err("writing", e),
                });
            }
        };
        std::fs::rename(&tmp, path).map_err(|e| file_err("renaming", e))?;
        Ok(summary)
    }

    fn export<W: Write>(&self, out: &mut HashingWriter<W>) -> Result<BackupSummary, ExportError> {
        let schema_version = self.schema_version()?;
        out.line(&Header {
            format: FORMAT_NAME.into(),
            version: BACKUP_VERSION,
            schema_version,
        })?;
        // The attached files first: a restore cut short never leaves a document whose file
        // it lacks.
        let shas = self.blob_shas()?;
        for sha in &shas {
            let bytes = self
                .blob(sha)?
                .ok_or_else(|| self.corrupt(format!("file {sha} vanished during the backup")))?;
            let of = bytes.len().div_ceil(crate::BLOB_CHUNK).max(1) as u32;
            for n in 0..of {
                let from = n as usize * crate::BLOB_CHUNK;
                let to = (from + crate::BLOB_CHUNK).min(bytes.len());
                out.line(&BlobLine {
                    blob: sha.clone(),
                    n,
                    of,
                    data: BASE64.encode(&bytes[from..to]),
                })?;
            }
        }
        let (mut documents, mut bodies) = (0, 0);
        for entry in self.docs.iter() {
            let (key, bytes) = entry.map_err(StoreError::from)?;
            let id = String::from_utf8(key.to_vec())
                .map_err(|_| self.corrupt("a document id is not text"))?;
            let record = self.decode_record(&key, bytes)?;
            let revs = record
                .tree
                .nodes()
                .map(|n| Node {
                    rev: n.rev,
                    parent: n.parent,
                    deleted: n.deleted,
                })
                .collect();
            let tree = TreeLine { id, revs };
            if out.line(&tree)? > MAX_LINE_BYTES as usize {
                return Err(StoreError::Backup {
                    path: Default::default(),
                    line: 0,
                    reason: format!("{} has too many revisions to back up", tree.id),
                }
                .into());
            }
            documents += 1;
            for node in record.tree.nodes().filter(|n| n.has_body) {
                let body = self.load_body(&tree.id, &node.rev)?.ok_or_else(|| {
                    self.corrupt(format!("{}: the body of {} is missing", tree.id, node.rev))
                })?;
                out.line(&BodyLine {
                    id: tree.id.clone(),
                    rev: node.rev,
                    body,
                })?;
                bodies += 1;
            }
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
            bodies,
            locals: locals.len(),
            blobs: shas.len(),
            sha256: sha256.clone(),
        };
        let mut end =
            serde_json::to_vec(&EndLine { end: trailer }).map_err(|e| ExportError::Io(e.into()))?;
        end.push(b'\n');
        out.inner.write_all(&end)?;
        Ok(BackupSummary {
            documents,
            bodies,
            locals: locals.len(),
            blobs: shas.len(),
            schema_version,
            sha256,
        })
    }

    /// Checks a backup file from end to end without touching the store.
    pub fn check_backup(&self, path: &Path) -> Result<BackupSummary, StoreError> {
        read_backup(path, self.schema.version, self.keys(None), |_| Ok(()))
    }

    fn keys<'a>(&'a self, passphrase: Option<&'a Passphrase>) -> Keys<'a> {
        Keys {
            key: self.cipher.as_ref(),
            passphrase,
        }
    }

    /// Restores a backup: checked in full first (a truncated, altered or inconsistent file
    /// restores nothing), then merged revision by revision, as a sync would.
    pub fn import_from(&self, path: &Path, mode: RestoreMode) -> Result<BackupSummary, StoreError> {
        self.import_with(path, mode, None)
    }

    /// Restores a backup like [`Store::import_from`], opening an encrypted one with this
    /// store's key or else `passphrase`.
    pub fn import_with(
        &self,
        path: &Path,
        mode: RestoreMode,
        passphrase: Option<&Passphrase>,
    ) -> Result<BackupSummary, StoreError> {
        let summary = read_backup(path, self.schema.version, self.keys(passphrase), |_| Ok(()))?;
        if mode == RestoreMode::EmptyOnly && !self.is_empty() {
            return Err(StoreError::NotEmpty {
                documents: self.document_count(),
            });
        }
        let mut chunk: Vec<(String, Vec<Revision>)> = Vec::new();
        let mut chunk_bytes = 0usize;
        read_backup(path, self.schema.version, self.keys(passphrase), |entry| {
            match entry {
                Entry::Tree(id, revs) => {
                    if chunk.len() >= RESTORE_CHUNK_DOCS || chunk_bytes >= RESTORE_CHUNK_BYTES {
                        self.apply_revisions(std::mem::take(&mut chunk))?;
                        chunk_bytes = 0;
                    }
                    chunk.push((id, revs));
                }
                Entry::Body(revision, size) => {
                    chunk_bytes += size;
                    if let Some((_, revs)) = chunk.last_mut() {
                        revs.push(revision);
                    }
                }
                Entry::Local(line) => {
                    let bytes =
                        serde_json::to_vec(&line.body).map_err(|e| StoreError::InvalidBody {
                            id: line.local.clone(),
                            reason: e.to_string(),
                        })?;
                    let key = line.local.as_bytes();
                    self.local.insert(key, self.seal(LOCAL, key, bytes)?)?;
                }
                Entry::Blob(bytes) => {
                    self.put_blob(&bytes)?;
                }
            }
            Ok(())
        })?;
        self.apply_revisions(chunk)?;
        self.flush()?;
        // Documents of an older schema go through the steps since, as an upgrade would take
        // them (the store itself is at the current version already).
        crate::schema::upgrade_restored(self, summary.schema_version)?;
        Ok(summary)
    }
}

impl Store {
    /// An age stream into `out`, to this store's data key (the recipient stanza carries the
    /// wrapped key, so the passphrase alone opens the file later).
    fn age_writer<W: Write>(
        &self,
        key: &DataKey,
        out: W,
    ) -> std::io::Result<age::stream::StreamWriter<W>> {
        let header = self.key_header().map_err(std::io::Error::other)?;
        let recipient = BackupRecipient {
            header: &header,
            key,
        };
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(std::io::Error::other)?
            .wrap_output(out)
    }

    /// Encrypts, in place, a backup written in clear (before this store was encrypted) to this
    /// store's key. The encrypted file replaces the clear one in one rename (a cut leaves one or
    /// the other whole, never neither); the clear bytes are then overwritten through a handle
    /// still open on them. The file keeps its time (backups are ordered by it). A backup
    /// already encrypted is left as it is.
    pub fn seal_backup(&self, path: &Path) -> Result<(), StoreError> {
        let file_err = |action, source| StoreError::File {
            action,
            path: path.to_path_buf(),
            source,
        };
        let Some(key) = &self.cipher else {
            return Err(StoreError::Crypto("the data is not encrypted".into()));
        };
        if is_encrypted_backup(path) {
            return Ok(());
        }
        let tmp = path.with_extension("sealing");
        let mut clear = File::options()
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| file_err("opening", e))?;
        let written = clear.metadata().and_then(|m| m.modified()).ok();
        let sealed = (|| -> std::io::Result<()> {
            let mut out = self.age_writer(key, BufWriter::new(File::create(&tmp)?))?;
            std::io::copy(&mut clear, &mut out)?;
            let file = out.finish()?.into_inner().map_err(|e| e.into_error())?;
            if let Some(t) = written {
                file.set_modified(t)?;
            }
            file.sync_all()
        })();
        if let Err(e) = sealed {
            let _ = std::fs::remove_file(&tmp);
            return Err(file_err("encrypting", e));
        }
        std::fs::rename(&tmp, path).map_err(|e| file_err("renaming", e))?;
        crate::crypt::sync_parent(path);
        crate::crypt::overwrite(&mut clear).map_err(|e| file_err("overwriting", e))
    }
}

/// Checks a backup file from end to end, without a store: whether it is complete, unaltered,
/// consistent (every rule a merge applies), and readable by a build whose schema version is
/// `supported_schema`.
pub fn check_backup(path: &Path, supported_schema: u32) -> Result<BackupSummary, StoreError> {
    check_backup_with(path, supported_schema, None)
}

/// Checks a backup like [`check_backup`], opening an encrypted one with `passphrase`.
pub fn check_backup_with(
    path: &Path,
    supported_schema: u32,
    passphrase: Option<&Passphrase>,
) -> Result<BackupSummary, StoreError> {
    let keys = Keys {
        key: None,
        passphrase,
    };
    read_backup(path, supported_schema, keys, |_| Ok(()))
}

/// Whether a backup file is encrypted (an age file), judged by its first bytes.
pub fn is_encrypted_backup(path: &Path) -> bool {
    let mut start = [0u8; AGE_MAGIC.len()];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok_and(|()| start == *AGE_MAGIC)
}

const AGE_MAGIC: &[u8; 21] = b"age-encryption.org/v1";

/// What may open an encrypted backup.
#[derive(Clone, Copy)]
struct Keys<'a> {
    key: Option<&'a DataKey>,
    passphrase: Option<&'a Passphrase>,
}

/// Opens a backup for reading, decrypting it when it is an age file.
fn open_backup(path: &Path, keys: Keys<'_>) -> Result<Box<dyn BufRead>, StoreError> {
    let file = File::open(path).map_err(|source| StoreError::File {
        action: "opening",
        path: path.to_path_buf(),
        source,
    })?;
    let mut reader = BufReader::new(file);
    let start = reader.fill_buf().map_err(|source| StoreError::File {
        action: "reading",
        path: path.to_path_buf(),
        source,
    })?;
    if !start.starts_with(AGE_MAGIC) {
        return Ok(Box::new(reader));
    }
    let broken = |e: age::DecryptError| StoreError::Backup {
        path: path.to_path_buf(),
        line: 0,
        reason: format!("the encrypted file cannot be read: {e}"),
    };
    let decryptor = age::Decryptor::new_buffered(reader).map_err(broken)?;
    if keys.key.is_none() && keys.passphrase.is_none() {
        return Err(StoreError::BackupLocked {
            path: path.to_path_buf(),
        });
    }
    let identity = BackupIdentity {
        key: keys.key,
        passphrase: keys.passphrase,
    };
    match decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)) {
        Ok(stream) => Ok(Box::new(BufReader::new(stream))),
        Err(age::DecryptError::DecryptionFailed) if keys.passphrase.is_some() => {
            Err(StoreError::WrongPassphrase)
        }
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
            Err(StoreError::BackupLocked {
                path: path.to_path_buf(),
            })
        }
        Err(e) => Err(broken(e)),
    }
}

/// What a backup line gives the restore.
enum Entry {
    /// A document's tree (revisions without bodies).
    Tree(String, Vec<Revision>),
    /// A body, as the revision it completes, and its size.
    Body(Revision, usize),
    /// A `_local` document.
    Local(LocalLine),
    /// An attached file, whole and checked against its SHA-256.
    Blob(Vec<u8>),
}

/// The attached file whose chunks are being read.
struct PendingBlob {
    sha: String,
    next: u32,
    of: u32,
    bytes: Vec<u8>,
    line: usize,
}

/// The document whose tree and bodies are being read.
struct Current {
    id: String,
    nodes: BTreeMap<Rev, Node>,
    with_body: BTreeSet<Rev>,
    line: usize,
}

impl Current {
    /// Every leaf must come with its body.
    fn finish(&self) -> Result<(), String> {
        let parents: BTreeSet<Rev> = self.nodes.values().filter_map(|n| n.parent).collect();
        match self
            .nodes
            .keys()
            .find(|r| !parents.contains(r) && !self.with_body.contains(r))
        {
            Some(leaf) => Err(format!(
                "{}: the current version {leaf} has no body",
                self.id
            )),
            None => Ok(()),
        }
    }
}

/// Reads a backup line by line, checking each and handing it to `visit`, then checks the last
/// line against everything read.
fn read_backup(
    path: &Path,
    supported_schema: u32,
    keys: Keys<'_>,
    mut visit: impl FnMut(Entry) -> Result<(), StoreError>,
) -> Result<BackupSummary, StoreError> {
    let fail = |line: usize, reason: String| StoreError::Backup {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let mut reader = open_backup(path, keys)?;
    let mut hasher = Sha256::new();
    let mut buf = Vec::new();
    let mut number = 0usize;
    let (mut documents, mut bodies, mut locals) = (0usize, 0usize, 0usize);
    let mut current: Option<Current> = None;
    let mut seen_ids = BTreeSet::new();
    let mut blob: Option<PendingBlob> = None;
    let mut seen_blobs = BTreeSet::new();
    let mut schema_version = 0;
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
            if !(OLDEST_READ..=BACKUP_VERSION).contains(&header.version)
                || header.schema_version > supported_schema
            {
                return Err(fail(
                    1,
                    format!(
                        "written by another version of Mahdar (backup format {}, schema {}); this one reads format {BACKUP_VERSION}, schema up to {supported_schema}",
                        header.version, header.schema_version
                    ),
                ));
            }
            schema_version = header.schema_version;
            hasher.update(&buf);
            continue;
        }
        // A file's parts come one after another: any other line ends them.
        if let Some(pending) =
            blob.take_if(|p| value.get("blob").and_then(Value::as_str) != Some(p.sha.as_str()))
        {
            return Err(fail(
                pending.line,
                format!(
                    "file {} stops after {} of its {} parts",
                    pending.sha, pending.next, pending.of
                ),
            ));
        }
        if value.get("end").is_some() {
            if let Some(doc) = &current {
                doc.finish().map_err(|e| fail(doc.line, e))?;
            }
            let end: EndLine = serde_json::from_value(value)
                .map_err(|e| fail(number, format!("bad closing line: {e}")))?;
            let actual = hex(&hasher.finalize());
            if end.end.sha256 != actual {
                return Err(fail(
                    number,
                    "the checksum does not match: the file was altered or damaged".into(),
                ));
            }
            if (
                end.end.documents,
                end.end.bodies,
                end.end.locals,
                end.end.blobs,
            ) != (documents, bodies, locals, seen_blobs.len())
            {
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
                bodies,
                locals,
                blobs: seen_blobs.len(),
                schema_version,
                sha256: actual,
            });
        }
        hasher.update(&buf);
        if value.get("blob").is_some() {
            let line: BlobLine =
                serde_json::from_value(value).map_err(|e| fail(number, e.to_string()))?;
            crate::validate_sha256(&line.blob).map_err(|e| fail(number, e.to_string()))?;
            let mut pending = match blob.take() {
                Some(p) => p,
                None => {
                    if !seen_blobs.insert(line.blob.clone()) {
                        return Err(fail(number, format!("file {} appears twice", line.blob)));
                    }
                    PendingBlob {
                        sha: line.blob.clone(),
                        next: 0,
                        of: line.of,
                        bytes: Vec::new(),
                        line: number,
                    }
                }
            };
            if line.n != pending.next || line.of != pending.of || line.n >= line.of {
                return Err(fail(
                    number,
                    format!("file {}: parts out of order", line.blob),
                ));
            }
            if u64::from(line.of) * crate::BLOB_CHUNK as u64
                > crate::MAX_BLOB_BYTES + crate::BLOB_CHUNK as u64
                || line.data.len() > crate::BLOB_CHUNK.div_ceil(3) * 4
            {
                return Err(fail(
                    number,
                    format!("file {}: larger than a file may be", line.blob),
                ));
            }
            let data = BASE64
                .decode(line.data.as_bytes())
                .map_err(|e| fail(number, format!("file {}: {e}", line.blob)))?;
            let last = line.n + 1 == line.of;
            if (!last && data.len() != crate::BLOB_CHUNK) || data.is_empty() {
                return Err(fail(
                    number,
                    format!("file {}: a part of the wrong size", line.blob),
                ));
            }
            pending.bytes.extend_from_slice(&data);
            pending.next += 1;
            if pending.next == pending.of {
                if crate::sha256_hex(&pending.bytes) != pending.sha {
                    return Err(fail(
                        number,
                        format!("file {} does not match its SHA-256", pending.sha),
                    ));
                }
                visit(Entry::Blob(pending.bytes))?;
            } else {
                blob = Some(pending);
            }
        } else if value.get("local").is_some() {
            let line: LocalLine =
                serde_json::from_value(value).map_err(|e| fail(number, e.to_string()))?;
            validate_local_name(&line.local).map_err(|e| fail(number, e.to_string()))?;
            locals += 1;
            visit(Entry::Local(line))?;
        } else if value.get("revs").is_some() {
            if let Some(doc) = &current {
                doc.finish().map_err(|e| fail(doc.line, e))?;
            }
            let line: TreeLine =
                serde_json::from_value(value).map_err(|e| fail(number, e.to_string()))?;
            validate_id(&line.id).map_err(|e| fail(number, e.to_string()))?;
            if !seen_ids.insert(line.id.clone()) {
                return Err(fail(number, format!("{} appears twice", line.id)));
            }
            if line.revs.is_empty() {
                return Err(fail(number, format!("{} has no revisions", line.id)));
            }
            let mut nodes = BTreeMap::new();
            for node in line.revs {
                nodes.insert(node.rev, node);
            }
            for node in nodes.values() {
                if node.rev.pos() > MAX_FOREIGN_POS {
                    return Err(fail(
                        number,
                        format!("{}: {} is implausible", line.id, node.rev),
                    ));
                }
                match node.parent.map(|p| (p, nodes.contains_key(&p))) {
                    Some((p, false)) => {
                        return Err(fail(
                            number,
                            format!(
                                "{}: the parent {p} of {} is not in the tree",
                                line.id, node.rev
                            ),
                        ));
                    }
                    Some((p, true)) if !node.rev.follows(&p) => {
                        return Err(fail(
                            number,
                            format!("{}: {} is not one edit after {p}", line.id, node.rev),
                        ));
                    }
                    _ => {}
                }
            }
            let revs = nodes
                .values()
                .map(|n| Revision {
                    rev: n.rev,
                    parent: n.parent,
                    deleted: n.deleted,
                    body: None,
                })
                .collect();
            documents += 1;
            visit(Entry::Tree(line.id.clone(), revs))?;
            current = Some(Current {
                id: line.id,
                nodes,
                with_body: BTreeSet::new(),
                line: number,
            });
        } else {
            let line: BodyLine =
                serde_json::from_value(value).map_err(|e| fail(number, e.to_string()))?;
            let doc = current
                .as_mut()
                .filter(|d| d.id == line.id)
                .ok_or_else(|| {
                    fail(
                        number,
                        format!("a body of {} comes without its tree", line.id),
                    )
                })?;
            let node = doc.nodes.get(&line.rev).ok_or_else(|| {
                fail(
                    number,
                    format!("{} {} is not in its tree", line.id, line.rev),
                )
            })?;
            if !doc.with_body.insert(line.rev) {
                return Err(fail(
                    number,
                    format!("{} {} appears twice", line.id, line.rev),
                ));
            }
            let size = validate_body(&line.id, &line.body)
                .map_err(|e| fail(number, e.to_string()))?
                .len();
            bodies += 1;
            let revision = Revision {
                rev: line.rev,
                parent: node.parent,
                deleted: node.deleted,
                body: Some(line.body),
            };
            visit(Entry::Body(revision, size))?;
        }
    }
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

/// Where a backup is written: the file itself, or an age stream into it.
enum Sink {
    Plain(BufWriter<File>),
    Age(Box<age::stream::StreamWriter<BufWriter<File>>>),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(buf),
            Sink::Age(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Age(w) => w.flush(),
        }
    }
}

impl Sink {
    /// Ends the stream (age's last chunk) and hands back the file, everything written to it.
    fn finish(self) -> std::io::Result<File> {
        let buffered = match self {
            Sink::Plain(w) => w,
            Sink::Age(w) => w.finish()?,
        };
        buffered.into_inner().map_err(|e| e.into_error())
    }
}

struct HashingWriter<W: Write> {
    inner: W,
    hasher: Sha256,
}

impl<W: Write> HashingWriter<W> {
    /// Writes one line; returns its length.
    fn line<T: Serialize>(&mut self, value: &T) -> Result<usize, ExportError> {
        let mut bytes = serde_json::to_vec(value).map_err(|e| ExportError::Io(e.into()))?;
        bytes.push(b'\n');
        self.hasher.update(&bytes);
        self.inner.write_all(&bytes)?;
        Ok(bytes.len())
    }
}

const _: () = assert!(
    MAX_BODY_BYTES < MAX_LINE_BYTES as usize,
    "a body always fits on a line"
);
