//! Sync files: the same revision histories as the network protocol, in a file carried by USB
//! stick or e-mail, optionally encrypted with a passphrase (the age format). Importing one goes
//! through the same merge path as a pull.
//!
//! The file is JSON lines: a header (who wrote it, up to which change, what it has seen of
//! others), one line per document with its whole revision tree and every body held, and a
//! trailer with the document count and a SHA-256 of everything before it, so a cut or damaged
//! file is refused before anything is stored.
//!
//! Peers acknowledge each other through the headers: each file says up to which change of
//! every other replica its writer has imported. `--peer NAME` then exports only what that peer
//! has not acknowledged, so a lost file is simply sent again next time.

use crate::{Result, SyncError, merge};
use age::secrecy::SecretString;
use base64::{Engine, engine::general_purpose::STANDARD as BASE64};
use mahdar_store::{Revision, Store};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::{
    collections::{BTreeMap, BTreeSet},
    io::{Read, Write},
    path::Path,
};

const FORMAT: &str = "mahdar-sync";
/// The format version: 2 when the file carries attached files (which version 1 readers would
/// not understand), 1 otherwise.
const VERSION: u32 = 2;
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// The largest sync file read (decrypted).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;
const PEERS: &str = "sync-files";
const BATCH: usize = 500;

/// The first line of a sync file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Always `mahdar-sync`.
    pub format: String,
    /// The file format version.
    pub version: u32,
    /// The writer's replica id.
    pub replica: String,
    /// The writer's name for itself (a computer or person), if it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The writer's last change included.
    pub seq: u64,
    /// The file holds the writer's changes after this one (0: everything).
    pub since: u64,
    /// Up to which change of each other replica the writer has imported.
    #[serde(default)]
    pub acks: BTreeMap<String, u64>,
}

#[derive(Serialize, Deserialize)]
struct DocLine {
    id: String,
    revisions: Vec<Revision>,
}

/// An attached file, whole (written after the documents, read before them).
#[derive(Serialize, Deserialize)]
struct FileLine {
    file: String,
    data: String,
}

/// What a file line starts with (the writer puts `file` first).
const FILE_LINE_START: &[u8] = b"{\"file\":";

#[derive(Serialize, Deserialize)]
struct Trailer {
    end: bool,
    documents: usize,
    #[serde(default)]
    files: usize,
    sha256: String,
}

/// What this replica knows of the peers it exchanges files with.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Peers {
    /// Up to which change of each replica we have imported.
    #[serde(default)]
    seen: BTreeMap<String, u64>,
    /// Up to which of our changes each replica has acknowledged.
    #[serde(default)]
    acked: BTreeMap<String, u64>,
    /// Names → replica ids.
    #[serde(default)]
    names: BTreeMap<String, String>,
}

fn load_peers(store: &Store) -> Result<Peers> {
    Ok(store
        .get_local(PEERS)?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

fn save_peers(store: &Store, peers: &Peers) -> Result<()> {
    store.put_local(PEERS, &serde_json::to_value(peers).unwrap_or(Value::Null))?;
    Ok(())
}

/// How to write a sync file.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Only what this peer (a name, or a replica id of at least 8 characters) has not
    /// acknowledged.
    pub peer: Option<String>,
    /// This replica's name in the header.
    pub name: Option<String>,
    /// Encrypt with this passphrase.
    pub passphrase: Option<String>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportReport {
    /// Documents in the file.
    pub documents: usize,
    /// Revisions in the file.
    pub revisions: usize,
    /// Attached files in the file.
    pub files: usize,
    /// Whether everything asked for is in the file; if not, the next export carries on where
    /// this one stopped (a sync file is at most 1 GB).
    pub complete: bool,
    /// Size of the file.
    pub bytes: u64,
    /// Our changes after this one are in the file (0: everything).
    pub since: u64,
    /// The peer named, when it was known (otherwise everything was exported).
    pub peer: Option<String>,
    /// Whether the file is encrypted.
    pub encrypted: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    /// The writer's replica id.
    pub from: String,
    /// The writer's name, if given.
    pub name: Option<String>,
    /// Documents in the file.
    pub documents: usize,
    /// Attached files in the file.
    pub files: usize,
    /// Revisions new here.
    pub revisions: usize,
    /// Conflicts merged automatically.
    pub merged: usize,
    /// Documents left with a conflict for a person.
    pub conflicted: usize,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> SyncError + '_ {
    move |source| SyncError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn resolve_peer(peers: &Peers, peer: &str) -> Option<String> {
    if let Some(r) = peers.names.get(peer) {
        return Some(r.clone());
    }
    if peer.len() >= 8 {
        let known: BTreeSet<&String> = peers.seen.keys().chain(peers.acked.keys()).collect();
        let matching: Vec<&&String> = known.iter().filter(|r| r.starts_with(peer)).collect();
        if let [one] = matching.as_slice() {
            return Some((**one).clone());
        }
    }
    None
}

/// Makes a sync file: its bytes (encrypted when asked) and what is in it. The caller writes
/// them (whole or not at all).
pub fn export(store: &Store, options: &ExportOptions) -> Result<(Vec<u8>, ExportReport)> {
    let peers = load_peers(store)?;
    let peer_replica = options
        .peer
        .as_deref()
        .and_then(|p| resolve_peer(&peers, p));
    let since = peer_replica
        .as_ref()
        .and_then(|r| peers.acked.get(r).copied())
        .unwrap_or(0);
    let seq = store.last_seq();
    let mut header = Header {
        format: FORMAT.into(),
        version: 1,
        replica: store.replica_id().to_owned(),
        name: options.name.clone(),
        seq,
        since,
        acks: peers.seen.clone(),
    };
    let mut out = Vec::new();
    // The attached files the documents name, written after them; with them, the file stays
    // under what an import reads (the rest goes in the next file).
    let mut files: Vec<String> = Vec::new();
    let mut files_bytes = 0u64;
    let limit = MAX_FILE_BYTES - 1024 * 1024;
    let mut complete = true;
    let mut documents = 0;
    let mut revisions = 0;
    let mut cursor = since;
    'changes: loop {
        let changes = store.changes_since(cursor, BATCH)?;
        let Some(last) = changes.last() else {
            break;
        };
        cursor = last.seq;
        for change in changes.iter().filter(|c| c.seq <= seq) {
            let Some(tree) = store.rev_tree(&change.id)? else {
                continue;
            };
            let mut revs = Vec::with_capacity(tree.len());
            for node in tree.nodes() {
                let body = if node.has_body {
                    store.get_rev(&change.id, &node.rev)?
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
            let mut file = None;
            if crate::files::is_attachment(&change.id)
                && let Some(doc) = store.get(&change.id)?
                && let Some((sha, _, _)) = crate::files::named_file(&doc.body)
                && !files.iter().any(|s| s == sha)
                && let Some(length) = store.blob_len(sha)?
            {
                file = Some((sha.to_owned(), length.div_ceil(3) * 4 + 100));
            }
            let doc_line = serde_json::to_vec(&DocLine {
                id: change.id.clone(),
                revisions: revs,
            })
            .map_err(|e| SyncError::File(e.to_string()))?;
            let adds = doc_line.len() as u64 + 1 + file.as_ref().map_or(0, |(_, b)| *b);
            if documents > 0 && out.len() as u64 + files_bytes + adds > limit {
                complete = false;
                header.seq = change.seq - 1;
                break 'changes;
            }
            if let Some((sha, bytes)) = file {
                files.push(sha);
                files_bytes += bytes;
            }
            revisions += tree.len();
            documents += 1;
            out.extend_from_slice(&doc_line);
            out.push(b'\n');
        }
        if cursor >= seq {
            break;
        }
    }
    for sha in &files {
        let Some(bytes) = store.blob(sha)? else {
            continue;
        };
        line(
            &FileLine {
                file: sha.clone(),
                data: BASE64.encode(&bytes),
            },
            &mut out,
        );
    }
    if !files.is_empty() {
        header.version = VERSION;
    }
    let mut head = Vec::new();
    line(&header, &mut head);
    out.splice(0..0, head);
    let digest = hex(&Sha256::digest(&out));
    line(
        &Trailer {
            end: true,
            documents,
            files: files.len(),
            sha256: digest,
        },
        &mut out,
    );
    let bytes = match &options.passphrase {
        None => out,
        Some(p) => encrypt(&out, p)?,
    };
    let report = ExportReport {
        documents,
        revisions,
        complete,
        files: files.len(),
        bytes: bytes.len() as u64,
        since,
        peer: peer_replica.and(options.peer.clone()),
        encrypted: options.passphrase.is_some(),
    };
    Ok((bytes, report))
}

/// Appends one JSON line (plain data: serialising cannot fail).
fn line<T: Serialize>(value: &T, out: &mut Vec<u8>) {
    let _ = serde_json::to_writer(&mut *out, value);
    out.push(b'\n');
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn encrypt(plain: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_owned()));
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| SyncError::File(format!("cannot encrypt the sync file: {e}")))?;
    writer
        .write_all(plain)
        .and_then(|()| writer.finish().map(|_| ()))
        .map_err(|e| SyncError::File(format!("cannot encrypt the sync file: {e}")))?;
    Ok(out)
}

/// Whether the file is encrypted (so a passphrase is needed to import it).
pub fn is_encrypted(path: &Path) -> Result<bool> {
    let mut start = [0u8; 21];
    let mut f = std::fs::File::open(path).map_err(io(path))?;
    let n = f.read(&mut start).map_err(io(path))?;
    Ok(start[..n] == *AGE_MAGIC)
}

/// Reads and checks a sync file without storing anything: its header and documents.
fn read_file(
    path: &Path,
    passphrase: Option<&str>,
) -> Result<(Header, Vec<DocLine>, Vec<Vec<u8>>)> {
    let size = std::fs::metadata(path).map_err(io(path))?.len();
    if size > MAX_FILE_BYTES {
        return Err(SyncError::File(format!(
            "{} is {} MB; sync files are limited to {} MB",
            path.display(),
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        )));
    }
    let raw = std::fs::read(path).map_err(io(path))?;
    let plain = if raw.starts_with(AGE_MAGIC) {
        let Some(p) = passphrase else {
            return Err(SyncError::File(format!(
                "{} is encrypted; give its passphrase",
                path.display()
            )));
        };
        decrypt(&raw, p)?
    } else {
        raw
    };
    let not_sync = || SyncError::File(format!("{} is not a Mahdar sync file", path.display()));
    let damaged = |why: &str| {
        SyncError::File(format!(
            "{} is damaged or incomplete ({why}); nothing was imported",
            path.display()
        ))
    };
    let body_end = plain[..plain.len().saturating_sub(1)]
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|i| i + 1)
        .ok_or_else(not_sync)?;
    let header_end = plain
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(not_sync)?;
    let header: Header = serde_json::from_slice(&plain[..header_end]).map_err(|_| not_sync())?;
    if header.format != FORMAT {
        return Err(not_sync());
    }
    if header.version > VERSION {
        return Err(SyncError::File(format!(
            "{} was written by a newer Mahdar (sync file version {}); update this one",
            path.display(),
            header.version
        )));
    }
    let trailer: Trailer = serde_json::from_slice(&plain[body_end..])
        .map_err(|_| damaged("its last line is missing"))?;
    if !trailer.end || hex(&Sha256::digest(&plain[..body_end])) != trailer.sha256 {
        return Err(damaged("its checksum does not match"));
    }
    let mut docs = Vec::with_capacity(trailer.documents);
    let mut files = Vec::new();
    for (i, line) in plain[header_end + 1..body_end]
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if line.starts_with(FILE_LINE_START) {
            let file: FileLine = serde_json::from_slice(line)
                .map_err(|e| damaged(&format!("line {}: {e}", i + 2)))?;
            let bytes = BASE64
                .decode(file.data.as_bytes())
                .map_err(|e| damaged(&format!("line {}: {e}", i + 2)))?;
            if mahdar_store::sha256_hex(&bytes) != file.file {
                return Err(damaged(&format!(
                    "line {}: an attached file does not match its SHA-256",
                    i + 2
                )));
            }
            files.push(bytes);
            continue;
        }
        let doc: DocLine = serde_json::from_slice(line)
            .map_err(|e| damaged(&format!("document {}: {e}", i + 1)))?;
        docs.push(doc);
    }
    if docs.len() != trailer.documents || files.len() != trailer.files {
        return Err(damaged("the count of documents or files does not match"));
    }
    Ok((header, docs, files))
}

fn decrypt(raw: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    let decryptor = age::Decryptor::new(raw)
        .map_err(|e| SyncError::File(format!("cannot read the encrypted sync file: {e}")))?;
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                SyncError::WrongPassphrase
            }
            e => SyncError::File(format!("cannot decrypt the sync file: {e}")),
        })?;
    let mut out = Vec::new();
    reader
        .by_ref()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| SyncError::File(format!("the encrypted sync file is damaged: {e}")))?;
    Ok(out)
}

/// The header of a sync file (to show who wrote it before importing).
pub fn read_header(path: &Path, passphrase: Option<&str>) -> Result<Header> {
    read_file(path, passphrase).map(|(h, _, _)| h)
}

/// The first of `revisions` that is a leaf of their tree and carries no body.
fn leaf_without_body(revisions: &[Revision]) -> Option<mahdar_store::Rev> {
    let tree = mahdar_store::RevTree::from_nodes(revisions.iter().map(|r| mahdar_store::RevNode {
        rev: r.rev,
        parent: r.parent,
        deleted: r.deleted,
        has_body: r.body.is_some(),
    }));
    let leaves: std::collections::BTreeSet<_> = tree.leaves().into_iter().map(|n| n.rev).collect();
    revisions
        .iter()
        .find(|r| r.body.is_none() && leaves.contains(&r.rev))
        .map(|r| r.rev)
}

/// Imports a sync file: checks all of it first, then merges its revisions in atomic batches
/// and settles conflicts as a pull does. `peer` names the writer for later `--peer` exports.
pub fn import_file(
    store: &Store,
    path: &Path,
    passphrase: Option<&str>,
    peer: Option<&str>,
) -> Result<ImportReport> {
    let (header, docs, files) = read_file(path, passphrase)?;
    for (n, d) in docs.iter().enumerate() {
        mahdar_store::validate_id(&d.id)?;
        // A writer sends every body it holds, and it holds its leaves': a leaf without one
        // would leave a document that cannot be read.
        if let Some(rev) = leaf_without_body(&d.revisions) {
            return Err(SyncError::File(format!(
                "{} is damaged (document {}, {}: its revision {rev} has no body); nothing was imported",
                path.display(),
                n + 1,
                d.id
            )));
        }
    }
    // The files first: a document never arrives before the file it names. Only files a
    // document of the file names are kept (a hostile file cannot fill the disk with others).
    let named: std::collections::BTreeSet<&str> = docs
        .iter()
        .flat_map(|d| d.revisions.iter().map(move |r| (&d.id, r)))
        .filter_map(|(id, r)| r.body.as_ref().and_then(|b| crate::files::named_by(id, b)))
        .map(|(sha, _, _)| sha)
        .collect();
    for bytes in &files {
        if named.contains(mahdar_store::sha256_hex(bytes).as_str()) {
            store.put_blob(bytes)?;
        }
    }
    let documents = docs.len();
    let mut revisions = 0;
    let mut merged = 0;
    let mut conflicted = 0;
    let mut docs = docs.into_iter().peekable();
    while docs.peek().is_some() {
        let batch: Vec<(String, Vec<Revision>)> = docs
            .by_ref()
            .take(BATCH)
            .map(|d| (d.id, d.revisions))
            .collect();
        let ids: Vec<String> = batch.iter().map(|(id, _)| id.clone()).collect();
        revisions += store.apply_revisions(batch)?.revisions_added;
        let settled = merge::settle(store, &ids)?;
        merged += settled.merged;
        conflicted += settled.conflicted;
    }
    let mut peers = load_peers(store)?;
    if header.replica != store.replica_id() {
        let seen = peers.seen.get(&header.replica).copied().unwrap_or(0);
        if header.since == 0 || header.since <= seen {
            peers
                .seen
                .insert(header.replica.clone(), seen.max(header.seq));
        }
        if let Some(ack) = header.acks.get(store.replica_id()) {
            let acked = peers.acked.entry(header.replica.clone()).or_insert(0);
            *acked = (*acked).max(*ack);
        }
        for name in [header.name.as_deref(), peer].into_iter().flatten() {
            peers.names.insert(name.to_owned(), header.replica.clone());
        }
        save_peers(store, &peers)?;
    }
    Ok(ImportReport {
        from: header.replica,
        name: header.name,
        documents,
        files: files.len(),
        revisions,
        merged,
        conflicted,
    })
}
