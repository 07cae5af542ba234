//! Attached files, content-addressed: a file is kept once under the SHA-256 of its bytes,
//! however many documents refer to it, in 1 MiB chunks sealed like every other value when the
//! store is encrypted. A file name never becomes a path: the name is a document's field.
//!
//! ```text
//! tree "blobs":  h/<name>           → the file's length (u64, big-endian) and its SHA-256,
//!                                     written last
//!                c/<name>/<n:u32 BE> → chunk n
//! ```
//!
//! `<name>` is the SHA-256 itself in a store in clear; in an encrypted store it is a hash of
//! it keyed by the data key, so the store's keys do not tell which known file it holds.
//!
//! The chunks and the head are written in one atomic batch and flushed, so a file is present
//! whole or not at all; a file already present is not written again.

use crate::{Store, StoreError, crypt::DataKey};
use sha2::{Digest, Sha256};

pub(crate) const BLOBS: &str = "blobs";
/// The size of a stored chunk.
pub const BLOB_CHUNK: usize = 1024 * 1024;
/// The largest file kept (Mahdar's attachment limit is at most 500 MB).
pub const MAX_BLOB_BYTES: u64 = 512 * 1024 * 1024;

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of bytes, as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Checks a blob address: 64 lower-case hex digits.
pub fn validate_sha256(sha: &str) -> Result<(), StoreError> {
    if sha.len() == 64 && sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(())
    } else {
        Err(StoreError::InvalidBody {
            id: "blob".into(),
            reason: "a file's address must be 64 lower-case hex digits (SHA-256)".into(),
        })
    }
}

/// The name a file is kept under: its SHA-256, or its keyed hash in an encrypted store.
pub(crate) fn blob_name(cipher: Option<&DataKey>, sha: &str) -> String {
    match cipher {
        Some(key) => key.blob_name(sha),
        None => sha.to_owned(),
    }
}

pub(crate) fn head_key(name: &str) -> Vec<u8> {
    format!("h/{name}").into_bytes()
}

pub(crate) fn chunk_key(name: &str, n: u32) -> Vec<u8> {
    let mut key = format!("c/{name}/").into_bytes();
    key.extend_from_slice(&n.to_be_bytes());
    key
}

/// A key of the blobs tree of a store in clear (`h/<sha>` or `c/<sha>/<n>`), renamed for an
/// encrypted store.
pub(crate) fn encrypted_key(cipher: &DataKey, key: &[u8]) -> Vec<u8> {
    let split = key.len().min(2 + 64);
    let (start, rest) = key.split_at(split);
    let (kind, sha) = start.split_at(start.len().min(2));
    let mut out = kind.to_vec();
    out.extend_from_slice(cipher.blob_name(&String::from_utf8_lossy(sha)).as_bytes());
    out.extend_from_slice(rest);
    out
}

/// A head's value: the length, then the SHA-256 in ASCII.
fn head_value(length: u64, sha: &str) -> Vec<u8> {
    let mut v = length.to_be_bytes().to_vec();
    v.extend_from_slice(sha.as_bytes());
    v
}

impl Store {
    fn blob_tree(&self) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree(BLOBS)?)
    }

    /// Keeps a file; returns its SHA-256. Writing a file already kept changes nothing.
    pub fn put_blob(&self, bytes: &[u8]) -> Result<String, StoreError> {
        if bytes.len() as u64 > MAX_BLOB_BYTES {
            return Err(StoreError::InvalidBody {
                id: "blob".into(),
                reason: format!(
                    "a file of {} MB is over the {} MB a file may be",
                    bytes.len() / (1024 * 1024),
                    MAX_BLOB_BYTES / (1024 * 1024)
                ),
            });
        }
        let sha = sha256_hex(bytes);
        if self.blob_len(&sha)?.is_some() {
            return Ok(sha);
        }
        let name = blob_name(self.cipher.as_ref(), &sha);
        let tree = self.blob_tree()?;
        let mut batch = sled::Batch::default();
        for (n, chunk) in bytes.chunks(BLOB_CHUNK).enumerate() {
            let key = chunk_key(&name, n as u32);
            let value = self.seal(BLOBS, &key, chunk.to_vec())?;
            batch.insert(key, value);
        }
        let head = head_key(&name);
        let value = self.seal(BLOBS, &head, head_value(bytes.len() as u64, &sha))?;
        batch.insert(head, value);
        tree.apply_batch(batch)?;
        tree.flush()?;
        Ok(sha)
    }

    /// A head, read: the file's length and SHA-256.
    fn read_head(&self, key: &[u8], stored: sled::IVec) -> Result<(u64, String), StoreError> {
        let bytes = self.unseal(BLOBS, key, stored)?;
        let unreadable = || {
            self.corrupt(format!(
                "the record of an attached file ({}) is unreadable",
                String::from_utf8_lossy(key)
            ))
        };
        if bytes.len() != 8 + 64 {
            return Err(unreadable());
        }
        let length = u64::from_be_bytes(bytes[..8].try_into().map_err(|_| unreadable())?);
        let sha = String::from_utf8(bytes[8..].to_vec()).map_err(|_| unreadable())?;
        if validate_sha256(&sha).is_err() || length > MAX_BLOB_BYTES {
            return Err(unreadable());
        }
        Ok((length, sha))
    }

    /// The length of a kept file, or `None` when it is not here.
    pub fn blob_len(&self, sha: &str) -> Result<Option<u64>, StoreError> {
        validate_sha256(sha)?;
        let head = head_key(&blob_name(self.cipher.as_ref(), sha));
        match self.blob_tree()?.get(&head)? {
            None => Ok(None),
            Some(stored) => Ok(Some(self.read_head(&head, stored)?.0)),
        }
    }

    /// A kept file, checked against its SHA-256; `None` when it is not here.
    pub fn blob(&self, sha: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(length) = self.blob_len(sha)? else {
            return Ok(None);
        };
        let name = blob_name(self.cipher.as_ref(), sha);
        let tree = self.blob_tree()?;
        let mut out = Vec::with_capacity(length as usize);
        let chunks = (length as usize).div_ceil(BLOB_CHUNK);
        for n in 0..chunks {
            let key = chunk_key(&name, n as u32);
            let stored = tree
                .get(&key)?
                .ok_or_else(|| self.corrupt(format!("file {sha}: part {n} is missing")))?;
            out.extend_from_slice(&self.unseal(BLOBS, &key, stored)?);
        }
        if out.len() as u64 != length || sha256_hex(&out) != sha {
            return Err(self.corrupt(format!(
                "file {sha} does not match its SHA-256: it was damaged"
            )));
        }
        Ok(Some(out))
    }

    /// The SHA-256 of every kept file.
    pub fn blob_shas(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for entry in self.blob_tree()?.scan_prefix(b"h/") {
            let (key, stored) = entry?;
            out.push(self.read_head(&key, stored)?.1);
        }
        Ok(out)
    }
}
