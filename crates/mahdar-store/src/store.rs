//! The store itself: opening, reading, writing, the changes feed and `_local` documents.

use crate::{
    Rev, RevNode, RevTree, Schema, StoreError,
    blobs::{self, BLOBS},
    crypt::{DataKey, KdfParams, KeyHeader, Passphrase},
    index::{IndexDef, IndexSet},
    schema,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sled::{Transactional, transaction::ConflictableTransactionResult};
use std::{
    borrow::Cow,
    collections::BTreeMap,
    path::{Path, PathBuf},
    sync::{
        Mutex, MutexGuard,
        atomic::{AtomicU64, Ordering},
    },
};

/// The largest edit count accepted from a peer (a local edit adds one to it at most).
pub const MAX_FOREIGN_POS: u64 = crate::rev::MAX_POS - 1_000_000;

/// The largest document body accepted, in bytes of JSON.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The longest document id accepted, in bytes.
pub const MAX_ID_BYTES: usize = 512;

/// How to open a store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// The schema of the documents (version and migrations), owned by the application.
    pub schema: Schema,
    /// Secondary indexes, maintained on every write and rebuilt when their definitions change.
    pub indexes: Vec<IndexDef>,
    /// Memory the storage engine may use for its page cache.
    pub cache_capacity: u64,
    /// Where the automatic backup taken before a migration goes; `None` for a `backups`
    /// folder inside the store's own folder.
    pub backup_dir: Option<PathBuf>,
    /// The passphrase of an encrypted store (ignored by one that is not).
    pub passphrase: Option<Passphrase>,
    /// Encrypt a store created now with `passphrase` (a store that already exists keeps its
    /// state: see [`Store::copy_encrypted`]).
    pub encrypt: bool,
    /// The cost of deriving a key from a new passphrase.
    pub kdf: KdfParams,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            schema: Schema::initial(),
            indexes: Vec::new(),
            cache_capacity: 64 * 1024 * 1024,
            backup_dir: None,
            passphrase: None,
            encrypt: false,
            kdf: KdfParams::default(),
        }
    }
}

/// The winning revision of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// `<kind>:<uuid>`.
    pub id: String,
    /// The winning revision.
    pub rev: Rev,
    /// Whether the winner is a deletion.
    pub deleted: bool,
    /// The body of the winning revision.
    pub body: Value,
    /// Live leaves that lost (conflicts waiting for a person).
    pub conflicts: Vec<Rev>,
}

/// One entry of the changes feed: the document's state when it last changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Local sequence number; increases with every change.
    pub seq: u64,
    /// The document.
    pub id: String,
    /// Its winning revision.
    pub rev: Rev,
    /// Whether the winner is a deletion.
    pub deleted: bool,
    /// Every leaf (all conflicting versions), for `style=all_docs`.
    pub leaves: Vec<Rev>,
}

/// A local edit, one of a batch written atomically.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Create (no base) or update (base = the leaf being edited).
    Put {
        /// The document.
        id: String,
        /// The revision the edit is based on; `None` to create.
        base: Option<Rev>,
        /// The new body (a JSON object).
        body: Value,
    },
    /// Delete the leaf `base`.
    Delete {
        /// The document.
        id: String,
        /// The leaf being deleted.
        base: Rev,
    },
    /// End one branch of a conflicted document with a tombstone that carries a note (which
    /// revision it yielded to): how a resolved conflict is recorded. Unlike `Delete`, the leaf
    /// may itself be a deletion (a contested deletion, overruled).
    Retire {
        /// The document.
        id: String,
        /// The leaf whose branch ends.
        base: Rev,
        /// The tombstone's body (a JSON object).
        note: Value,
    },
}

/// The file, beside sled's, that says the store is encrypted: a store whose key header went
/// missing is then reported as damaged, never opened as one in clear.
const ENCRYPTED_MARKER: &str = "mahdar-encrypted";

fn mark_encrypted(path: &Path) -> Result<(), StoreError> {
    let marker = path.join(ENCRYPTED_MARKER);
    std::fs::write(&marker, "1\n")
        .and_then(|()| std::fs::File::open(&marker)?.sync_all())
        .map_err(|source| StoreError::File {
            action: "writing",
            path: marker,
            source,
        })
}

/// The file, beside sled's, that records the last change made durable: sled 0.34 may open a
/// damaged file as a shorter or empty store without an error, and this tells such a loss from
/// a store that never held more.
const WATERMARK_FILE: &str = "mahdar-watermark";

fn read_watermark(path: &Path) -> u64 {
    std::fs::read_to_string(path.join(WATERMARK_FILE))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

/// Whether sled refused to open a database because another handle holds its lock.
fn sled_locked(r: &std::thread::Result<sled::Result<sled::Db>>) -> bool {
    matches!(r, Ok(Err(sled::Error::Io(e))) if e.to_string().contains("could not acquire lock"))
}

/// Opens a sled database. A database just closed keeps its lock until sled's background
/// flusher has stopped (a few milliseconds): this waits that long (two seconds at most) before
/// the caller says another process holds it. sled 0.34 can panic instead of returning an error
/// on some damaged files: the panic comes back as the `Err` of the outer result.
fn open_sled(config: &sled::Config) -> std::thread::Result<sled::Result<sled::Db>> {
    let open = || std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open()));
    let mut opened = open();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while sled_locked(&opened) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        opened = open();
    }
    opened
}

/// Where one local edit went: its document, the revision written and its parent.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The document.
    pub id: String,
    /// The new revision.
    pub rev: Rev,
    /// Its parent (`None`: a new document; a re-created one continues after its deletion).
    pub parent: Option<Rev>,
    /// Whether it is a deletion (or a retired branch).
    pub deleted: bool,
}

/// A revision as exchanged with peers and backups: its place in the tree and, when held, its
/// body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    /// The revision.
    pub rev: Rev,
    /// Its parent; `None` for a root or where a peer's history stops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Rev>,
    /// A deletion.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// The body, when held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// A revision received from a peer with its history (`new_edits: false` semantics).
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignRevision {
    /// The document.
    pub id: String,
    /// The revision first, then its ancestors, newest to oldest (CouchDB's `_revisions`).
    pub history: Vec<Rev>,
    /// A deletion.
    pub deleted: bool,
    /// The body of the revision.
    pub body: Value,
}

/// What applying revisions from elsewhere changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    /// Documents whose tree changed.
    pub documents_changed: usize,
    /// Revisions that were new here.
    pub revisions_added: usize,
}

/// A document's stored record: its revision tree and its place in the changes feed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DocRecord {
    pub(crate) tree: RevTree,
    pub(crate) seq: u64,
}

#[derive(Serialize, Deserialize)]
struct RecordRepr {
    s: u64,
    n: Vec<RevNode>,
}

impl DocRecord {
    pub(crate) fn encode(&self) -> Vec<u8> {
        let repr = RecordRepr {
            s: self.seq,
            n: self.tree.nodes().copied().collect(),
        };
        // Serialising plain data into a Vec cannot fail.
        serde_json::to_vec(&repr).unwrap_or_default()
    }

    pub(crate) fn decode(bytes: &[u8]) -> Result<DocRecord, String> {
        let repr: RecordRepr = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        Ok(DocRecord {
            tree: RevTree::from_nodes(repr.n),
            seq: repr.s,
        })
    }
}

/// A versioned document store on sled.
///
/// Every document keeps its whole revision tree; every body it has held stays readable (so the
/// merge base of a conflict is at hand and nothing is ever lost). Writes are atomic across the
/// store's trees and durable (flushed) before a local edit returns.
#[derive(Debug)]
pub struct Store {
    pub(crate) path: PathBuf,
    pub(crate) db: sled::Db,
    pub(crate) docs: sled::Tree,
    pub(crate) bodies: sled::Tree,
    pub(crate) changes: sled::Tree,
    pub(crate) local: sled::Tree,
    pub(crate) meta: sled::Tree,
    pub(crate) index: sled::Tree,
    pub(crate) indexes: IndexSet,
    pub(crate) schema: Schema,
    pub(crate) backup_dir: PathBuf,
    /// The data key of an encrypted store; `None` for one in clear.
    pub(crate) cipher: Option<DataKey>,
    replica: String,
    seq: AtomicU64,
    /// The last change recorded in the watermark file.
    watermark: AtomicU64,
    write_lock: Mutex<()>,
}

pub(crate) const META_SEQ: &[u8] = b"seq";
const META_REPLICA: &[u8] = b"replica";
/// The wrapped data key of an encrypted store.
pub(crate) const META_CIPHER: &[u8] = b"cipher";

/// The trees whose values are sealed in an encrypted store: everything people wrote. The
/// others hold sequence numbers, ids, dates and codes.
pub(crate) const DOCS: &str = "docs";
pub(crate) const BODIES: &str = "bodies";
pub(crate) const LOCAL: &str = "local";

/// Checks a document id: `<kind>:<rest>`, the kind lower-case ASCII, no control characters.
pub fn validate_id(id: &str) -> Result<(), StoreError> {
    let bad = |why: &str| StoreError::InvalidId {
        id: id.chars().take(80).collect(),
        reason: why.to_owned(),
    };
    if id.len() > MAX_ID_BYTES {
        return Err(bad("longer than 512 bytes"));
    }
    let (kind, rest) = id
        .split_once(':')
        .ok_or_else(|| bad("expected <kind>:<id>"))?;
    let kind_ok = kind.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !kind_ok {
        return Err(bad(
            "the kind must be lower-case ASCII letters, digits, '_' or '-'",
        ));
    }
    if rest.is_empty() {
        return Err(bad("nothing after the kind"));
    }
    if id.chars().any(char::is_control) {
        return Err(bad("contains control characters"));
    }
    Ok(())
}

pub(crate) fn validate_body(id: &str, body: &Value) -> Result<Vec<u8>, StoreError> {
    let bad = |why: String| StoreError::InvalidBody {
        id: id.to_owned(),
        reason: why,
    };
    let map = body
        .as_object()
        .ok_or_else(|| bad("a document body is a JSON object".into()))?;
    if let Some(k) = map.keys().find(|k| k.starts_with('_')) {
        return Err(bad(format!(
            "field {k:?}: names starting with '_' are reserved"
        )));
    }
    let bytes = serde_json::to_vec(body).map_err(|e| bad(e.to_string()))?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(bad(format!(
            "{} bytes; the limit is {MAX_BODY_BYTES}",
            bytes.len()
        )));
    }
    Ok(bytes)
}

pub(crate) fn body_key(id: &str, rev: &Rev) -> Vec<u8> {
    let mut key = Vec::with_capacity(id.len() + 40);
    key.extend_from_slice(id.as_bytes());
    key.push(0);
    key.extend_from_slice(rev.to_string().as_bytes());
    key
}

impl Store {
    /// Opens (or creates) the store in `path`, upgrading an older schema through the
    /// migrations and refusing a newer one.
    pub fn open(path: impl AsRef<Path>, options: StoreOptions) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        let config = sled::Config::new()
            .path(&path)
            .cache_capacity(options.cache_capacity);
        let opened = open_sled(&config);
        let db = match opened {
            Ok(Ok(db)) => db,
            r if sled_locked(&r) => return Err(StoreError::InUse { path }),
            Ok(Err(sled::Error::Corruption { .. })) => {
                return Err(StoreError::Corrupt {
                    path,
                    detail: "corrupted storage file".into(),
                });
            }
            Ok(Err(e)) => return Err(StoreError::Engine(e)),
            Err(panic) => {
                let detail = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_else(|| "the storage engine failed to open it".into());
                return Err(StoreError::Corrupt { path, detail });
            }
        };
        let tree = |name: &str| db.open_tree(name);
        let meta = tree("meta")?;
        let corrupt = |detail: String| StoreError::Corrupt {
            path: path.clone(),
            detail,
        };
        let cipher = match meta.get(META_CIPHER)? {
            Some(header) => {
                let header = KeyHeader::from_bytes(&header).map_err(corrupt)?;
                let passphrase = options
                    .passphrase
                    .as_ref()
                    .ok_or_else(|| StoreError::Locked { path: path.clone() })?;
                Some(header.unwrap(passphrase)?)
            }
            None => {
                // Encrypted data whose key header is gone (deleted, or lost to damage) must
                // never be taken for a store in clear and written to in clear.
                let sealed = |name: &str| -> Result<bool, StoreError> {
                    Ok(tree(name)?
                        .first()?
                        .is_some_and(|(_, v)| v.first() == Some(&crate::crypt::SEALED_V1)))
                };
                if path.join(ENCRYPTED_MARKER).exists() || sealed(DOCS)? || sealed(LOCAL)? {
                    return Err(corrupt(
                        "the data is encrypted but its key header is missing".into(),
                    ));
                }
                if options.encrypt {
                    let held = [DOCS, BODIES, LOCAL]
                        .iter()
                        .map(|name| tree(name).map(|t| !t.is_empty()))
                        .collect::<Result<Vec<bool>, _>>()?;
                    if held.contains(&true) {
                        return Err(StoreError::Crypto(
                            "the data folder already holds data in clear: encrypt it in place"
                                .into(),
                        ));
                    }
                    let passphrase = options.passphrase.as_ref().ok_or_else(|| {
                        StoreError::Crypto("a passphrase is needed to encrypt".into())
                    })?;
                    let key = DataKey::generate();
                    let header = KeyHeader::wrap(&key, passphrase, options.kdf)?;
                    meta.insert(META_CIPHER, header.to_bytes()?)?;
                    db.flush()?;
                    mark_encrypted(&path)?;
                    Some(key)
                } else {
                    None
                }
            }
        };
        let mut store = Store {
            docs: tree(DOCS)?,
            bodies: tree(BODIES)?,
            changes: tree("changes")?,
            local: tree(LOCAL)?,
            meta,
            index: tree("index")?,
            indexes: IndexSet::new(options.indexes),
            schema: options.schema,
            backup_dir: options.backup_dir.unwrap_or_else(|| path.join("backups")),
            cipher,
            replica: String::new(),
            seq: AtomicU64::new(0),
            watermark: AtomicU64::new(0),
            write_lock: Mutex::new(()),
            path,
            db,
        };
        store.seq = AtomicU64::new(store.read_seq()?);
        // sled may open a damaged file as a shorter, or empty, store without an error: a store
        // that once reached further than it now does has lost data.
        let reached = read_watermark(&store.path);
        if reached > store.last_seq() {
            return Err(StoreError::Corrupt {
                path: store.path.clone(),
                detail: format!(
                    "it holds {} changes, but {reached} had been written",
                    store.last_seq()
                ),
            });
        }
        store.watermark = AtomicU64::new(reached);
        store.replica = store.load_or_create_replica()?;
        schema::open_checks(&store)?;
        store.indexes.refresh_if_changed(&store)?;
        store.db.flush()?;
        Ok(store)
    }

    /// The data folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This replica's id, stable for the life of the data folder; peers key their sync
    /// checkpoints on it.
    pub fn replica_id(&self) -> &str {
        &self.replica
    }

    /// The schema version of the data.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::stored_version(self).map(|v| v.unwrap_or(self.schema.version))
    }

    fn read_seq(&self) -> Result<u64, StoreError> {
        Ok(self
            .meta
            .get(META_SEQ)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map(u64::from_be_bytes)
            .unwrap_or(0))
    }

    fn load_or_create_replica(&self) -> Result<String, StoreError> {
        if let Some(v) = self.meta.get(META_REPLICA)? {
            return String::from_utf8(v.to_vec())
                .map_err(|_| self.corrupt("the replica id is not text"));
        }
        let id = uuid::Uuid::new_v4().simple().to_string();
        self.meta.insert(META_REPLICA, id.as_bytes())?;
        Ok(id)
    }

    pub(crate) fn corrupt(&self, detail: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            detail: detail.into(),
        }
    }

    /// The last sequence number of the changes feed (0 for an empty store).
    pub fn last_seq(&self) -> u64 {
        self.seq.load(Ordering::SeqCst)
    }

    /// Whether the store holds no document at all.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Number of documents (deleted ones included). Walks the whole tree.
    pub fn document_count(&self) -> usize {
        self.docs.len()
    }

    /// Makes every write so far durable, and notes how far the changes feed has got.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        self.note_watermark();
        Ok(())
    }

    /// Records, beside sled's files, the last change made durable (see [`WATERMARK_FILE`]).
    /// Written after the flush and without one of its own: it may lag behind the store after a
    /// power cut, never run ahead of it.
    fn note_watermark(&self) {
        let seq = self.last_seq();
        if seq <= self.watermark.load(Ordering::SeqCst) {
            return;
        }
        let tmp = self.path.join(format!("{WATERMARK_FILE}.partial"));
        if std::fs::write(&tmp, seq.to_string()).is_ok()
            && std::fs::rename(&tmp, self.path.join(WATERMARK_FILE)).is_ok()
        {
            self.watermark.store(seq, Ordering::SeqCst);
        }
    }

    pub(crate) fn lock_writes(&self) -> MutexGuard<'_, ()> {
        // A panic while holding the lock cannot leave sled half-written (writes are
        // transactions), so a poisoned lock is safe to take over.
        self.write_lock.lock().unwrap_or_else(|p| p.into_inner())
    }

    // ----- encryption -----

    /// Wraps the data key under a new passphrase, once `current` is shown to be the present
    /// one. Nothing else is rewritten: the values stay sealed under the same key.
    pub fn change_passphrase(
        &self,
        current: &Passphrase,
        new: &Passphrase,
        kdf: KdfParams,
    ) -> Result<(), StoreError> {
        let _guard = self.lock_writes();
        let key = self.key_header()?.unwrap(current)?;
        let rewrapped = KeyHeader::wrap(&key, new, kdf)?;
        self.meta.insert(META_CIPHER, rewrapped.to_bytes()?)?;
        self.db.flush()?;
        Ok(())
    }

    /// Writes an encrypted copy of this store into `dest` (a folder that must not exist yet):
    /// every value of the documents, bodies and `_local` trees sealed under a new data key
    /// wrapped by `passphrase`, everything else (changes feed, indexes, sequence, replica id)
    /// as it is. Durable before returning; the caller swaps the folders.
    pub fn copy_encrypted(
        &self,
        dest: &Path,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<(), StoreError> {
        if self.cipher.is_some() {
            return Err(StoreError::Crypto("the data is already encrypted".into()));
        }
        if dest.exists() {
            return Err(StoreError::Crypto(format!(
                "{} exists already",
                dest.display()
            )));
        }
        let _guard = self.lock_writes();
        let key = DataKey::generate();
        let header = KeyHeader::wrap(&key, passphrase, kdf)?;
        const TREES: [&str; 6] = [DOCS, BODIES, LOCAL, "changes", "index", "meta"];
        let sealed = |name: &str| matches!(name, DOCS | BODIES | LOCAL);
        let db = sled::Config::new().path(dest).open()?;
        for name in TREES.into_iter().chain([BLOBS]) {
            let from = self.db.open_tree(name)?;
            let to = db.open_tree(name)?;
            let mut batch = sled::Batch::default();
            let (mut pending, mut bytes) = (0usize, 0usize);
            for entry in from.iter() {
                let (k, v) = entry?;
                // Attached files are renamed by their keyed hash, and sealed under it.
                let (k, v) = if name == BLOBS {
                    let k = sled::IVec::from(blobs::encrypted_key(&key, &k));
                    let v = key.seal(name, &k, &v)?.into();
                    (k, v)
                } else if sealed(name) {
                    let v = key.seal(name, &k, &v)?.into();
                    (k, v)
                } else {
                    (k, v)
                };
                bytes += v.len();
                batch.insert(k, v);
                pending += 1;
                if pending >= 2_000 || bytes >= 64 * 1024 * 1024 {
                    to.apply_batch(std::mem::take(&mut batch))?;
                    (pending, bytes) = (0, 0);
                }
            }
            to.apply_batch(batch)?;
        }
        db.open_tree("meta")?
            .insert(META_CIPHER, header.to_bytes()?)?;
        db.flush()?;
        drop(db);
        // Read the copy back from disk before anyone relies on it: every key in the same
        // order, every sealed value opening to the very bytes of the original.
        let copy = match open_sled(&sled::Config::new().path(dest)) {
            Ok(opened) => opened?,
            Err(_) => {
                return Err(StoreError::Crypto(
                    "the encrypted copy cannot be read back".into(),
                ));
            }
        };
        let differs =
            |what: String| StoreError::Crypto(format!("the encrypted copy differs: {what}"));
        let (from, to) = (self.db.open_tree(BLOBS)?, copy.open_tree(BLOBS)?);
        if from.len() != to.len() {
            return Err(differs(format!("{BLOBS} holds another number of entries")));
        }
        for entry in from.iter() {
            let (k, v) = entry?;
            let renamed = blobs::encrypted_key(&key, &k);
            let same = to
                .get(&renamed)?
                .is_some_and(|cv| key.open(BLOBS, &renamed, &cv).as_deref() == Some(v.as_ref()));
            if !same {
                return Err(differs(format!(
                    "{BLOBS} at {}",
                    String::from_utf8_lossy(&k).replace('\0', " ")
                )));
            }
        }
        for name in TREES {
            let (from, to) = (self.db.open_tree(name)?, copy.open_tree(name)?);
            // The copy's own key header is the one entry the original lacks.
            let mut theirs = to.iter().filter(|e| {
                !(name == "meta" && matches!(e, Ok((k, _)) if k.as_ref() == META_CIPHER))
            });
            for entry in from.iter() {
                let (k, v) = entry?;
                let (ck, cv) = theirs
                    .next()
                    .transpose()?
                    .ok_or_else(|| differs(format!("{name} is short")))?;
                let same = ck == k
                    && if sealed(name) {
                        key.open(name, &k, &cv).as_deref() == Some(v.as_ref())
                    } else {
                        cv == v
                    };
                if !same {
                    return Err(differs(format!(
                        "{name} at {}",
                        String::from_utf8_lossy(&k).replace('\0', " ")
                    )));
                }
            }
            if theirs.next().is_some() {
                return Err(differs(format!("{name} holds more")));
            }
        }
        drop(copy);
        let watermark = self.watermark.load(Ordering::SeqCst);
        if watermark > 0 {
            std::fs::write(dest.join(WATERMARK_FILE), watermark.to_string()).map_err(|source| {
                StoreError::File {
                    action: "writing",
                    path: dest.join(WATERMARK_FILE),
                    source,
                }
            })?;
        }
        mark_encrypted(dest)?;
        Ok(())
    }

    // ----- reading -----

    /// Whether the store is encrypted at rest.
    pub fn is_encrypted(&self) -> bool {
        self.cipher.is_some()
    }

    /// A value as it goes into `tree` under `key`: sealed when the store is encrypted.
    pub(crate) fn seal(
        &self,
        tree: &str,
        key: &[u8],
        plain: Vec<u8>,
    ) -> Result<Vec<u8>, StoreError> {
        match &self.cipher {
            Some(cipher) => cipher.seal(tree, key, &plain),
            None => Ok(plain),
        }
    }

    /// The wrapped data key of an encrypted store.
    pub(crate) fn key_header(&self) -> Result<KeyHeader, StoreError> {
        match self.meta.get(META_CIPHER)? {
            Some(bytes) => KeyHeader::from_bytes(&bytes).map_err(|e| self.corrupt(e)),
            None => Err(StoreError::Crypto("the data is not encrypted".into())),
        }
    }

    /// A value as read from `tree` under `key`, opened when the store is encrypted.
    pub(crate) fn unseal(
        &self,
        tree: &str,
        key: &[u8],
        stored: sled::IVec,
    ) -> Result<sled::IVec, StoreError> {
        match &self.cipher {
            None => Ok(stored),
            Some(cipher) => cipher
                .open(tree, key, &stored)
                .map(sled::IVec::from)
                .ok_or_else(|| {
                    self.corrupt(format!(
                        "a value of {tree} ({}) fails its authentication",
                        String::from_utf8_lossy(key).replace('\0', " ")
                    ))
                }),
        }
    }

    /// Decodes a stored document record.
    pub(crate) fn decode_record(
        &self,
        key: &[u8],
        stored: sled::IVec,
    ) -> Result<DocRecord, StoreError> {
        let bytes = self.unseal(DOCS, key, stored)?;
        DocRecord::decode(&bytes)
            .map_err(|e| self.corrupt(format!("record of {}: {e}", String::from_utf8_lossy(key))))
    }

    pub(crate) fn load_record(&self, id: &str) -> Result<Option<DocRecord>, StoreError> {
        match self.docs.get(id.as_bytes())? {
            None => Ok(None),
            Some(bytes) => self.decode_record(id.as_bytes(), bytes).map(Some),
        }
    }

    pub(crate) fn load_body(&self, id: &str, rev: &Rev) -> Result<Option<Value>, StoreError> {
        let key = body_key(id, rev);
        match self.bodies.get(&key)? {
            None => Ok(None),
            Some(stored) => serde_json::from_slice(&self.unseal(BODIES, &key, stored)?)
                .map(Some)
                .map_err(|e| self.corrupt(format!("body of {id} {rev}: {e}"))),
        }
    }

    fn document_from(&self, id: &str, record: &DocRecord) -> Result<Option<Document>, StoreError> {
        let Some(winner) = record.tree.winner() else {
            return Ok(None);
        };
        let body = if winner.deleted {
            self.load_body(id, &winner.rev)?
                .unwrap_or_else(|| Value::Object(Default::default()))
        } else {
            self.load_body(id, &winner.rev)?.ok_or_else(|| {
                self.corrupt(format!("{id}: the body of {} is missing", winner.rev))
            })?
        };
        Ok(Some(Document {
            id: id.to_owned(),
            rev: winner.rev,
            deleted: winner.deleted,
            body,
            conflicts: record.tree.conflicts(),
        }))
    }

    /// The winning revision of a live document; `None` if it does not exist or is deleted.
    pub fn get(&self, id: &str) -> Result<Option<Document>, StoreError> {
        Ok(self.get_including_deleted(id)?.filter(|d| !d.deleted))
    }

    /// The winning revision, deleted or not.
    pub fn get_including_deleted(&self, id: &str) -> Result<Option<Document>, StoreError> {
        match self.load_record(id)? {
            None => Ok(None),
            Some(record) => self.document_from(id, &record),
        }
    }

    /// The body of one revision, if this replica holds it.
    pub fn get_rev(&self, id: &str, rev: &Rev) -> Result<Option<Value>, StoreError> {
        self.load_body(id, rev)
    }

    /// The whole revision tree of a document.
    pub fn rev_tree(&self, id: &str) -> Result<Option<RevTree>, StoreError> {
        Ok(self.load_record(id)?.map(|r| r.tree))
    }

    /// The most recent common ancestor of two revisions whose body this replica holds: the
    /// base of a three-way merge.
    pub fn merge_base(
        &self,
        id: &str,
        a: &Rev,
        b: &Rev,
    ) -> Result<Option<(Rev, Value)>, StoreError> {
        let Some(record) = self.load_record(id)? else {
            return Ok(None);
        };
        for rev in record.tree.common_ancestors(a, b) {
            if let Some(body) = self.load_body(id, &rev)? {
                return Ok(Some((rev, body)));
            }
        }
        Ok(None)
    }

    /// Which of the given revisions this replica lacks (CouchDB `_revs_diff`).
    pub fn revs_diff(&self, id: &str, revs: &[Rev]) -> Result<Vec<Rev>, StoreError> {
        let tree = self.load_record(id)?.map(|r| r.tree).unwrap_or_default();
        Ok(revs
            .iter()
            .filter(|r| !tree.get(r).is_some_and(|n| n.has_body))
            .copied()
            .collect())
    }

    /// Live documents whose id starts with `prefix` (e.g. `"meeting:"`), in id order — which,
    /// for uuid v7 ids, is creation order.
    pub fn scan(&self, prefix: &str) -> impl Iterator<Item = Result<Document, StoreError>> + '_ {
        self.docs
            .scan_prefix(prefix.as_bytes())
            .filter_map(move |entry| {
                let result = (|| {
                    let (key, bytes) = entry?;
                    let id = String::from_utf8(key.to_vec())
                        .map_err(|_| self.corrupt("a document id is not text"))?;
                    let record = self.decode_record(&key, bytes)?;
                    self.document_from(&id, &record)
                })();
                match result {
                    Ok(Some(doc)) if !doc.deleted => Some(Ok(doc)),
                    Ok(_) => None,
                    Err(e) => Some(Err(e)),
                }
            })
    }

    /// Every document's revision tree, in id order, without reading any body: what a scan
    /// for conflicts needs.
    pub fn rev_trees(&self) -> impl Iterator<Item = Result<(String, RevTree), StoreError>> + '_ {
        self.docs.iter().map(move |entry| {
            let (key, bytes) = entry?;
            let id = String::from_utf8(key.to_vec())
                .map_err(|_| self.corrupt("a document id is not text"))?;
            let record = self.decode_record(&key, bytes)?;
            Ok((id, record.tree))
        })
    }

    /// Documents with conflicting live leaves.
    pub fn conflicted(&self) -> Result<Vec<Document>, StoreError> {
        let mut out = Vec::new();
        for doc in self.scan("") {
            let doc = doc?;
            if !doc.conflicts.is_empty() {
                out.push(doc);
            }
        }
        Ok(out)
    }

    /// Changes after `since`, oldest first, at most `limit`.
    pub fn changes_since(&self, since: u64, limit: usize) -> Result<Vec<Change>, StoreError> {
        let mut out = Vec::new();
        for entry in self.changes.range(since.saturating_add(1).to_be_bytes()..) {
            if out.len() >= limit {
                break;
            }
            let (key, id) = entry?;
            let seq = <[u8; 8]>::try_from(key.as_ref())
                .map(u64::from_be_bytes)
                .map_err(|_| self.corrupt("a changes key is not a sequence number"))?;
            let id = String::from_utf8(id.to_vec())
                .map_err(|_| self.corrupt("a changes entry is not text"))?;
            let record = self.load_record(&id)?.ok_or_else(|| {
                self.corrupt(format!("the changes feed names {id}, which has no record"))
            })?;
            let Some(winner) = record.tree.winner() else {
                continue;
            };
            out.push(Change {
                seq,
                id,
                rev: winner.rev,
                deleted: winner.deleted,
                leaves: record.tree.leaves().iter().map(|n| n.rev).collect(),
            });
        }
        Ok(out)
    }

    /// Document ids in an index whose key starts with `prefix`, in key order (then id order).
    pub fn index_scan(
        &self,
        index: &str,
        prefix: &[u8],
    ) -> Result<Vec<(Vec<u8>, String)>, StoreError> {
        self.indexes.scan(self, index, prefix)
    }

    // ----- writing -----

    /// Creates or updates one document, durably. Returns the new revision.
    pub fn put(&self, id: &str, base: Option<&Rev>, body: Value) -> Result<Rev, StoreError> {
        let revs = self.write(vec![Edit::Put {
            id: id.to_owned(),
            base: base.copied(),
            body,
        }])?;
        Ok(revs[0])
    }

    /// Deletes one leaf of a document, durably. Returns the tombstone's revision.
    pub fn delete(&self, id: &str, base: &Rev) -> Result<Rev, StoreError> {
        let revs = self.write(vec![Edit::Delete {
            id: id.to_owned(),
            base: *base,
        }])?;
        Ok(revs[0])
    }

    /// Writes a batch of local edits atomically and durably: all or nothing, flushed to disk
    /// before returning. Returns the new revision of each edit, in order.
    pub fn write(&self, edits: Vec<Edit>) -> Result<Vec<Rev>, StoreError> {
        self.write_then(edits, |_| Ok(Vec::new()))
    }

    /// Writes a batch of local edits like [`Store::write`], together with the edits `then`
    /// derives from what the batch wrote (an audit record of it), in the same atomic write.
    /// Returns the new revisions of `edits` only.
    pub fn write_then(
        &self,
        edits: Vec<Edit>,
        then: impl FnOnce(&[Written]) -> Result<Vec<Edit>, StoreError>,
    ) -> Result<Vec<Rev>, StoreError> {
        let _guard = self.lock_writes();
        let mut set = WriteSet::new(self);
        let mut written = Vec::with_capacity(edits.len());
        for edit in edits {
            written.push(set.local_edit(edit)?);
        }
        for edit in then(&written)? {
            set.local_edit(edit)?;
        }
        set.commit()?;
        self.flush()?;
        Ok(written.into_iter().map(|w| w.rev).collect())
    }

    /// Merges revisions from elsewhere (a peer, a sync file, a backup) into the revision trees,
    /// as CouchDB's `new_edits: false` does: nothing is ever overwritten, every leaf is kept,
    /// and the winner is recomputed. Idempotent. Durable before returning.
    pub fn apply_revisions(
        &self,
        docs: Vec<(String, Vec<Revision>)>,
    ) -> Result<ApplyReport, StoreError> {
        let _guard = self.lock_writes();
        let mut set = WriteSet::new(self);
        let mut report = ApplyReport::default();
        for (id, revisions) in docs {
            let added = set.merge_revisions(&id, revisions)?;
            report.revisions_added += added;
            if added > 0 {
                report.documents_changed += 1;
            }
        }
        set.commit()?;
        self.flush()?;
        Ok(report)
    }

    /// Merges revisions received with their history (`_bulk_get?revs=true` results).
    pub fn apply_foreign(
        &self,
        revisions: Vec<ForeignRevision>,
    ) -> Result<ApplyReport, StoreError> {
        let mut docs = Vec::with_capacity(revisions.len());
        for f in revisions {
            validate_id(&f.id)?;
            let Some(first) = f.history.first() else {
                return Err(StoreError::InvalidBody {
                    id: f.id,
                    reason: "empty revision history".into(),
                });
            };
            let leaf = *first;
            for pair in f.history.windows(2) {
                if !pair[0].follows(&pair[1]) {
                    return Err(StoreError::InvalidHistory {
                        id: f.id,
                        rev: pair[0],
                        reason: format!("followed by {}, not by its parent", pair[1]),
                    });
                }
            }
            let mut chain: Vec<Revision> = f
                .history
                .iter()
                .enumerate()
                .map(|(i, rev)| Revision {
                    rev: *rev,
                    parent: f.history.get(i + 1).copied(),
                    deleted: false,
                    body: None,
                })
                .collect();
            chain[0] = Revision {
                rev: leaf,
                parent: chain[0].parent,
                deleted: f.deleted,
                body: Some(f.body),
            };
            docs.push((f.id, chain));
        }
        self.apply_revisions(docs)
    }

    // ----- _local documents -----

    /// A `_local` document: settings and sync checkpoints, never replicated.
    pub fn get_local(&self, name: &str) -> Result<Option<Value>, StoreError> {
        match self.local.get(name.as_bytes())? {
            None => Ok(None),
            Some(bytes) => serde_json::from_slice(&self.unseal(LOCAL, name.as_bytes(), bytes)?)
                .map(Some)
                .map_err(|e| self.corrupt(format!("_local/{name}: {e}"))),
        }
    }

    /// Writes a `_local` document durably.
    pub fn put_local(&self, name: &str, body: &Value) -> Result<(), StoreError> {
        validate_local_name(name)?;
        let bytes = serde_json::to_vec(body).map_err(|e| StoreError::InvalidBody {
            id: format!("_local/{name}"),
            reason: e.to_string(),
        })?;
        self.local
            .insert(name.as_bytes(), self.seal(LOCAL, name.as_bytes(), bytes)?)?;
        self.db.flush()?;
        Ok(())
    }

    /// Removes a `_local` document.
    pub fn delete_local(&self, name: &str) -> Result<(), StoreError> {
        self.local.remove(name.as_bytes())?;
        self.db.flush()?;
        Ok(())
    }

    /// Every `_local` document, by name.
    pub fn locals(&self) -> Result<Vec<(String, Value)>, StoreError> {
        let mut out = Vec::new();
        for entry in self.local.iter() {
            let (k, v) = entry?;
            let name = String::from_utf8(k.to_vec())
                .map_err(|_| self.corrupt("a _local name is not text"))?;
            let body = serde_json::from_slice(&self.unseal(LOCAL, &k, v)?)
                .map_err(|e| self.corrupt(format!("_local/{name}: {e}")))?;
            out.push((name, body));
        }
        Ok(out)
    }

    pub(crate) fn next_seq(&self) -> u64 {
        self.seq.load(Ordering::SeqCst)
    }

    pub(crate) fn set_seq(&self, seq: u64) {
        self.seq.store(seq, Ordering::SeqCst);
    }
}

pub(crate) fn validate_local_name(name: &str) -> Result<(), StoreError> {
    if name.is_empty() || name.len() > MAX_ID_BYTES || name.chars().any(char::is_control) {
        return Err(StoreError::InvalidId {
            id: format!("_local/{}", name.chars().take(80).collect::<String>()),
            reason: "a _local name is 1 to 512 bytes of printable text".into(),
        });
    }
    Ok(())
}

/// The documents touched by one atomic write, before and after.
struct Touched {
    before: Option<DocRecord>,
    after: DocRecord,
}

/// Accumulates one atomic write: records, bodies and the index and feed entries that follow.
pub(crate) struct WriteSet<'s> {
    store: &'s Store,
    docs: BTreeMap<String, Touched>,
    /// New bodies: their bytes to store, and the value itself (for the index keys).
    bodies: BTreeMap<Vec<u8>, (Vec<u8>, Value)>,
}

impl<'s> WriteSet<'s> {
    pub(crate) fn new(store: &'s Store) -> Self {
        WriteSet {
            store,
            docs: BTreeMap::new(),
            bodies: BTreeMap::new(),
        }
    }

    fn touch(&mut self, id: &str) -> Result<&mut DocRecord, StoreError> {
        if !self.docs.contains_key(id) {
            let before = self.store.load_record(id)?;
            let after = before.clone().unwrap_or(DocRecord {
                tree: RevTree::default(),
                seq: 0,
            });
            self.docs.insert(id.to_owned(), Touched { before, after });
        }
        // Inserted just above when absent.
        self.docs
            .get_mut(id)
            .map(|t| &mut t.after)
            .ok_or_else(|| StoreError::NotFound { id: id.to_owned() })
    }

    fn local_edit(&mut self, edit: Edit) -> Result<Written, StoreError> {
        let (id, base, body, deleted, retire) = match edit {
            Edit::Put { id, base, body } => (id, base, body, false, false),
            Edit::Delete { id, base } => (
                id,
                Some(base),
                Value::Object(Default::default()),
                true,
                false,
            ),
            Edit::Retire { id, base, note } => (id, Some(base), note, true, true),
        };
        validate_id(&id)?;
        let bytes = validate_body(&id, &body)?;
        let record = self.touch(&id)?;
        let parent = match base {
            Some(base) => {
                if !record.tree.is_leaf(&base) {
                    if record.tree.is_empty() {
                        return Err(StoreError::NotFound { id });
                    }
                    return Err(StoreError::Conflict {
                        id,
                        current: record_winner_text(record),
                    });
                }
                if deleted && !retire && record.tree.get(&base).is_some_and(|n| n.deleted) {
                    return Err(StoreError::NotFound { id });
                }
                Some(base)
            }
            None => match record.tree.winner() {
                None => None,
                // Re-creating a deleted document continues its history.
                Some(w) if w.deleted => Some(w.rev),
                Some(_) => {
                    return Err(StoreError::Conflict {
                        id,
                        current: record_winner_text(record),
                    });
                }
            },
        };
        let rev = Rev::compute(parent.as_ref(), deleted, &body);
        record.tree.insert(RevNode {
            rev,
            parent,
            deleted,
            has_body: true,
        });
        self.bodies.insert(body_key(&id, &rev), (bytes, body));
        Ok(Written {
            id,
            rev,
            parent,
            deleted,
        })
    }

    fn merge_revisions(&mut self, id: &str, revisions: Vec<Revision>) -> Result<usize, StoreError> {
        validate_id(id)?;
        if revisions.is_empty() {
            return Ok(0);
        }
        let mut checked = Vec::with_capacity(revisions.len());
        for r in revisions {
            if r.rev.pos() > MAX_FOREIGN_POS {
                return Err(StoreError::InvalidHistory {
                    id: id.to_owned(),
                    rev: r.rev,
                    reason: "the edit count is implausibly large".into(),
                });
            }
            if let Some(parent) = r.parent
                && !r.rev.follows(&parent)
            {
                return Err(StoreError::InvalidHistory {
                    id: id.to_owned(),
                    rev: r.rev,
                    reason: format!("its parent {parent} is not one edit before it"),
                });
            }
            let bytes = match &r.body {
                Some(body) => Some(validate_body(id, body)?),
                None => None,
            };
            checked.push((r, bytes));
        }
        let record = self.touch(id)?;
        let mut added = 0;
        let mut new_bodies = Vec::new();
        // A parent named but never received (a peer's stemmed history) is kept as a body-less
        // ancestor, so every parent link in the tree resolves.
        let given: Vec<Rev> = checked.iter().map(|(r, _)| r.rev).collect();
        for (r, _) in &checked {
            if let Some(parent) = r.parent
                && !given.contains(&parent)
                && !record.tree.contains(&parent)
            {
                record.tree.insert(RevNode {
                    rev: parent,
                    parent: None,
                    deleted: false,
                    has_body: false,
                });
            }
        }
        for (r, bytes) in checked {
            let had_body = record.tree.get(&r.rev).is_some_and(|n| n.has_body);
            let node = RevNode {
                rev: r.rev,
                parent: r.parent,
                deleted: r.deleted,
                has_body: bytes.is_some(),
            };
            if record.tree.insert(node) {
                added += 1;
            }
            if let (Some(bytes), Some(body), false) = (bytes, r.body, had_body) {
                new_bodies.push((body_key(id, &r.rev), (bytes, body)));
            }
        }
        self.bodies.extend(new_bodies);
        Ok(added)
    }

    fn body_of(&self, id: &str, rev: &Rev) -> Result<Option<Value>, StoreError> {
        match self.bodies.get(&body_key(id, rev)) {
            Some((_, body)) => Ok(Some(body.clone())),
            None => self.store.load_body(id, rev),
        }
    }

    /// Writes everything in one transaction: records, bodies, the changes feed, the indexes.
    pub(crate) fn commit(self) -> Result<(), StoreError> {
        let store = self.store;
        let mut seq = store.next_seq();
        let mut ops = Ops::default();
        for (id, touched) in &self.docs {
            let Touched { before, after } = touched;
            if before.as_ref().map(|b| &b.tree) == Some(&after.tree) || after.tree.is_empty() {
                continue;
            }
            seq += 1;
            if let Some(before) = before {
                ops.changes.push((before.seq.to_be_bytes().to_vec(), None));
            }
            ops.changes
                .push((seq.to_be_bytes().to_vec(), Some(id.as_bytes().to_vec())));
            let record = DocRecord {
                tree: after.tree.clone(),
                seq,
            };
            ops.docs
                .push((id.as_bytes().to_vec(), Some(record.encode())));

            let old = before.as_ref().and_then(|b| b.tree.winner());
            let new = after.tree.winner();
            let same = match (&old, &new) {
                // A winner that just gained its body gains its index entries too.
                (Some(o), Some(n)) => {
                    o.rev == n.rev && o.deleted == n.deleted && o.has_body == n.has_body
                }
                (None, None) => true,
                _ => false,
            };
            if !same {
                // The old entries come from the state before this write, the new ones from
                // the state after it (a body arriving now counts only for the latter).
                let old_body = match old {
                    Some(w) if !w.deleted && w.has_body => store.load_body(id, &w.rev)?,
                    _ => None,
                };
                let new_body = match new {
                    Some(w) if !w.deleted && w.has_body => self.body_of(id, &w.rev)?,
                    _ => None,
                };
                let old_keys = store.indexes.keys_for(id, old_body.as_ref());
                let new_keys = store.indexes.keys_for(id, new_body.as_ref());
                for k in old_keys.difference(&new_keys) {
                    ops.index.push((k.clone(), None));
                }
                for k in new_keys.difference(&old_keys) {
                    ops.index.push((k.clone(), Some(Vec::new())));
                }
            }
        }
        for (k, (bytes, _)) in self.bodies {
            ops.bodies.push((k, Some(bytes)));
        }
        if seq != store.next_seq() {
            ops.meta
                .push((META_SEQ.to_vec(), Some(seq.to_be_bytes().to_vec())));
        }
        ops.apply(store)?;
        store.set_seq(seq);
        Ok(())
    }
}

fn record_winner_text(record: &DocRecord) -> String {
    record
        .tree
        .winner()
        .map_or_else(|| "missing".to_owned(), |w| w.rev.to_string())
}

type KeyOps = Vec<(Vec<u8>, Option<Vec<u8>>)>;

/// The values of `ops` as they go into `tree`: sealed when the store is encrypted.
fn sealed_ops<'a>(
    store: &Store,
    tree: &str,
    ops: &'a KeyOps,
) -> Result<Cow<'a, KeyOps>, StoreError> {
    if store.cipher.is_none() {
        return Ok(Cow::Borrowed(ops));
    }
    ops.iter()
        .map(|(k, v)| {
            let v = v.clone().map(|v| store.seal(tree, k, v)).transpose()?;
            Ok((k.clone(), v))
        })
        .collect::<Result<KeyOps, StoreError>>()
        .map(Cow::Owned)
}

/// Inserts and removals per tree, applied in one sled transaction.
#[derive(Default)]
pub(crate) struct Ops {
    pub(crate) docs: KeyOps,
    pub(crate) bodies: KeyOps,
    pub(crate) changes: KeyOps,
    pub(crate) meta: KeyOps,
    pub(crate) index: KeyOps,
}

impl Ops {
    pub(crate) fn apply(&self, store: &Store) -> Result<(), StoreError> {
        // Sealed outside the transaction, which sled may run more than once.
        let (docs_ops, bodies_ops) = (
            sealed_ops(store, DOCS, &self.docs)?,
            sealed_ops(store, BODIES, &self.bodies)?,
        );
        let (docs_ops, bodies_ops) = (docs_ops.as_ref(), bodies_ops.as_ref());
        let trees = (
            &store.docs,
            &store.bodies,
            &store.changes,
            &store.meta,
            &store.index,
        );
        trees.transaction(|(docs, bodies, changes, meta, index)| -> ConflictableTransactionResult<(), StoreError> {
            for (tree, ops) in [
                (docs, docs_ops),
                (bodies, bodies_ops),
                (changes, &self.changes),
                (meta, &self.meta),
                (index, &self.index),
            ] {
                for (k, v) in ops {
                    match v {
                        Some(v) => tree.insert(k.as_slice(), v.as_slice())?,
                        None => tree.remove(k.as_slice())?,
                    };
                }
            }
            Ok(())
        })?;
        Ok(())
    }
}
