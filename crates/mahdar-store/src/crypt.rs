//! Encryption at rest: every value of the trees that hold what people wrote (documents'
//! records, bodies, `_local` documents) sealed with XChaCha20-Poly1305 under a random data key,
//! the tree's name and the value's key as associated data (a value cannot be moved to another
//! key or tree unnoticed). The data key is wrapped by a key derived from the passphrase with
//! Argon2id; changing the passphrase re-wraps it and touches nothing else.
//!
//! Backups of an encrypted store are age files whose one recipient stanza (`mahdar-argon2id`)
//! carries the wrapped data key and the file key sealed under it: the app writes them without
//! the passphrase (it holds the data key while unlocked), and the passphrase alone opens them
//! anywhere, even when the store they came from is lost.

use crate::StoreError;
use age_core::{
    format::{FILE_KEY_BYTES, FileKey, Stanza},
    secrecy::ExposeSecret,
};
use base64::{Engine as _, engine::general_purpose::STANDARD_NO_PAD as B64};
use chacha20poly1305::{
    XChaCha20Poly1305, XNonce,
    aead::{Aead, AeadCore, KeyInit, OsRng, Payload, rand_core::RngCore},
};
use serde::{Deserialize, Serialize};
use std::{collections::HashSet, io::Write, path::Path};
use zeroize::Zeroizing;

/// The shortest passphrase the application accepts for a new one, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

const KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 24;
/// The first byte of every sealed value: the layout below.
pub(crate) const SEALED_V1: u8 = 1;
/// What the wrapped data key is bound to.
const WRAP_AAD: &[u8] = b"mahdar data key v1";
/// What a backup's file key is bound to.
const FILE_KEY_AAD: &[u8] = b"mahdar backup file key v1";
/// The tag of the age stanza of a backup of an encrypted store.
pub(crate) const STANZA_TAG: &str = "mahdar-argon2id";

/// A passphrase, wiped from memory when dropped and never printed.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase as typed, in Unicode's composed form (NFC): the same Arabic words
    /// typed in the app, on a terminal or into a file give the same key, whichever way each
    /// wrote their marks.
    pub fn new(text: impl Into<String>) -> Passphrase {
        use unicode_normalization::UnicodeNormalization;
        let typed = Zeroizing::new(text.into());
        Passphrase(Zeroizing::new(typed.nfc().collect()))
    }

    /// The passphrase itself.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether it is long enough to protect a new key ([`MIN_PASSPHRASE_CHARS`] characters).
    pub fn is_strong_enough(&self) -> bool {
        self.0.chars().count() >= MIN_PASSPHRASE_CHARS
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// The cost of deriving the key from the passphrase (Argon2id): memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory, in KiB.
    pub m: u32,
    /// Passes over it.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane: about half a second on a field laptop, once per unlock.
    fn default() -> Self {
        KdfParams {
            m: 64 * 1024,
            t: 3,
            p: 1,
        }
    }
}

impl KdfParams {
    /// Refuses costs far beyond any Mahdar writes: a hostile backup cannot ask for gigabytes
    /// of memory or minutes of work (at most 1 GiB, 10 passes, 8 lanes).
    fn check(&self) -> Result<(), StoreError> {
        let ok = (8..=1024 * 1024).contains(&self.m)
            && (1..=10).contains(&self.t)
            && (1..=8).contains(&self.p);
        if ok {
            Ok(())
        } else {
            Err(StoreError::Crypto(format!(
                "unsupported key derivation cost (m={}, t={}, p={})",
                self.m, self.t, self.p
            )))
        }
    }

    fn derive(&self, passphrase: &Passphrase, salt: &[u8]) -> Result<DataKey, StoreError> {
        self.check()?;
        let params = argon2::Params::new(self.m, self.t, self.p, Some(KEY_BYTES))
            .map_err(|e| StoreError::Crypto(e.to_string()))?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut key = Zeroizing::new([0u8; KEY_BYTES]);
        argon
            .hash_password_into(passphrase.expose().as_bytes(), salt, key.as_mut())
            .map_err(|e| StoreError::Crypto(e.to_string()))?;
        Ok(DataKey(key))
    }
}

/// A 256-bit key: the store's data key, or one derived from a passphrase.
#[derive(Clone)]
pub(crate) struct DataKey(Zeroizing<[u8; KEY_BYTES]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    OsRng.fill_bytes(&mut bytes);
    bytes
}

impl DataKey {
    pub(crate) fn generate() -> DataKey {
        DataKey(Zeroizing::new(random::<KEY_BYTES>()))
    }

    fn aead(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }

    /// `[1][nonce: 24][ciphertext + tag]`.
    fn seal_with(&self, aad: &[u8], plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        // Fails only past 256 GiB, far beyond a body's 4 MB limit; an error all the same.
        let sealed = self
            .aead()
            .encrypt(&nonce, Payload { msg: plain, aad })
            .map_err(|_| StoreError::Crypto("a value could not be encrypted".into()))?;
        let mut out = Vec::with_capacity(1 + NONCE_BYTES + sealed.len());
        out.push(SEALED_V1);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    fn open_with(&self, aad: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        if sealed.len() < 1 + NONCE_BYTES || sealed[0] != SEALED_V1 {
            return None;
        }
        let nonce = XNonce::from_slice(&sealed[1..1 + NONCE_BYTES]);
        self.aead()
            .decrypt(
                nonce,
                Payload {
                    msg: &sealed[1 + NONCE_BYTES..],
                    aad,
                },
            )
            .ok()
            .map(Zeroizing::new)
    }

    /// Seals a value of `tree` stored under `key`.
    /// The name an attached file is kept under in an encrypted store: a keyed hash of its
    /// SHA-256, so the store's keys do not tell which known file it holds.
    pub(crate) fn blob_name(&self, sha: &str) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(b"mahdar-blob-name\0");
        h.update(self.0.as_slice());
        h.update(sha.as_bytes());
        crate::blobs::hex(&h.finalize())
    }

    pub(crate) fn seal(&self, tree: &str, key: &[u8], plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        self.seal_with(&value_aad(tree, key), plain)
    }

    /// Opens a value sealed by [`DataKey::seal`] for the same tree and key.
    pub(crate) fn open(&self, tree: &str, key: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
        self.open_with(&value_aad(tree, key), sealed)
            .map(|v| v.to_vec())
    }
}

fn value_aad(tree: &str, key: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(tree.len() + 1 + key.len());
    aad.extend_from_slice(tree.as_bytes());
    aad.push(0);
    aad.extend_from_slice(key);
    aad
}

/// The wrapped data key as the store keeps it (in its `meta` tree) and as a backup carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KeyHeader {
    /// The layout of this header.
    v: u32,
    kdf: KdfParams,
    salt: String,
    /// The data key sealed under the key derived from the passphrase.
    key: String,
}

impl KeyHeader {
    /// Wraps `data` under `passphrase` with a fresh salt.
    pub(crate) fn wrap(
        data: &DataKey,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<KeyHeader, StoreError> {
        let salt = random::<16>();
        let kek = kdf.derive(passphrase, &salt)?;
        Ok(KeyHeader {
            v: 1,
            kdf,
            salt: B64.encode(salt),
            key: B64.encode(kek.seal_with(WRAP_AAD, data.0.as_ref())?),
        })
    }

    /// The data key, if `passphrase` is the one it was wrapped with.
    pub(crate) fn unwrap(&self, passphrase: &Passphrase) -> Result<DataKey, StoreError> {
        if self.v != 1 {
            return Err(StoreError::Crypto(format!(
                "key layout {} is not one this build reads",
                self.v
            )));
        }
        let bad = |what: &str| StoreError::Crypto(format!("the key header's {what} is malformed"));
        let salt = B64.decode(&self.salt).map_err(|_| bad("salt"))?;
        let sealed = B64.decode(&self.key).map_err(|_| bad("key"))?;
        let kek = self.kdf.derive(passphrase, &salt)?;
        let plain = kek
            .open_with(WRAP_AAD, &sealed)
            .ok_or(StoreError::WrongPassphrase)?;
        let bytes: [u8; KEY_BYTES] = plain.as_slice().try_into().map_err(|_| bad("key"))?;
        Ok(DataKey(Zeroizing::new(bytes)))
    }

    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>, StoreError> {
        serde_json::to_vec(self).map_err(|e| StoreError::Crypto(e.to_string()))
    }

    /// Reads a key header; one that cannot be read is damage (reported as such, so that a
    /// recovery is offered).
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<KeyHeader, String> {
        serde_json::from_slice(bytes).map_err(|e| format!("the key header cannot be read: {e}"))
    }
}

/// Encrypts a backup to the data key: the stanza carries the wrapped key, so the passphrase
/// alone opens the file later.
pub(crate) struct BackupRecipient<'a> {
    pub(crate) header: &'a KeyHeader,
    pub(crate) key: &'a DataKey,
}

impl age::Recipient for BackupRecipient<'_> {
    fn wrap_file_key(
        &self,
        file_key: &FileKey,
    ) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        let h = self.header;
        let stanza = Stanza {
            tag: STANZA_TAG.to_owned(),
            args: vec![
                h.v.to_string(),
                h.kdf.m.to_string(),
                h.kdf.t.to_string(),
                h.kdf.p.to_string(),
                h.salt.clone(),
                h.key.clone(),
            ],
            body: self
                .key
                .seal_with(FILE_KEY_AAD, file_key.expose_secret())
                .map_err(|e| age::EncryptError::Io(std::io::Error::other(e.to_string())))?,
        };
        Ok((vec![stanza], HashSet::new()))
    }
}

/// Opens a backup of an encrypted store with the data key at hand, or else the passphrase.
pub(crate) struct BackupIdentity<'a> {
    pub(crate) key: Option<&'a DataKey>,
    pub(crate) passphrase: Option<&'a Passphrase>,
}

fn stanza_header(stanza: &Stanza) -> Option<KeyHeader> {
    let [v, m, t, p, salt, key] = stanza.args.as_slice() else {
        return None;
    };
    Some(KeyHeader {
        v: v.parse().ok()?,
        kdf: KdfParams {
            m: m.parse().ok()?,
            t: t.parse().ok()?,
            p: p.parse().ok()?,
        },
        salt: salt.clone(),
        key: key.clone(),
    })
}

impl BackupIdentity<'_> {
    fn file_key(key: &DataKey, body: &[u8]) -> Option<FileKey> {
        let plain = key.open_with(FILE_KEY_AAD, body)?;
        let bytes: [u8; FILE_KEY_BYTES] = plain.as_slice().try_into().ok()?;
        Some(FileKey::new(Box::new(bytes)))
    }
}

impl age::Identity for BackupIdentity<'_> {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        if stanza.tag != STANZA_TAG {
            return None;
        }
        if let Some(found) = self.key.and_then(|k| Self::file_key(k, &stanza.body)) {
            return Some(Ok(found));
        }
        let passphrase = self.passphrase?;
        let header = stanza_header(stanza)?;
        let opened = header
            .unwrap(passphrase)
            .ok()
            .and_then(|key| Self::file_key(&key, &stanza.body));
        Some(opened.ok_or(age::DecryptError::DecryptionFailed))
    }
}

/// Overwrites a file with zeros, syncs, then removes it: what was in clear does not stay in
/// the blocks it occupied, on file systems that write in place. (Solid-state drives and
/// copy-on-write file systems may keep old blocks: whole-disk encryption covers those.)
pub fn shred_file(path: &Path) -> std::io::Result<()> {
    overwrite(&mut std::fs::OpenOptions::new().write(true).open(path)?)?;
    std::fs::remove_file(path)
}

/// Overwrites an open file's bytes with zeros, from the start, and syncs.
pub(crate) fn overwrite(file: &mut std::fs::File) -> std::io::Result<()> {
    use std::io::Seek;
    let len = file.metadata()?.len();
    file.seek(std::io::SeekFrom::Start(0))?;
    let zeros = [0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_all()
}

/// Makes a rename in `path`'s folder durable (on file systems that need the folder synced);
/// a folder that cannot be synced this way is left to the file system.
pub fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
}

/// [`shred_file`] for every file under a folder, then the folder; a folder that does not exist
/// is not an error.
pub fn shred_dir(dir: &Path) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            shred_dir(&path)?;
        } else {
            shred_file(&path)?;
        }
    }
    std::fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIGHT: KdfParams = KdfParams { m: 64, t: 1, p: 1 };

    #[test]
    fn a_value_opens_only_under_its_own_tree_and_key() {
        let key = DataKey::generate();
        let sealed = key
            .seal("bodies", b"meeting:1\x001-a", "ملتقى جهوي".as_bytes())
            .expect("sealed");
        assert!(!sealed.windows(6).any(|w| w == &"ملتقى".as_bytes()[..6]));
        assert_eq!(
            key.open("bodies", b"meeting:1\x001-a", &sealed).as_deref(),
            Some("ملتقى جهوي".as_bytes())
        );
        assert_eq!(key.open("bodies", b"meeting:2\x001-a", &sealed), None);
        assert_eq!(key.open("local", b"meeting:1\x001-a", &sealed), None);
        assert_eq!(
            DataKey::generate().open("bodies", b"meeting:1\x001-a", &sealed),
            None
        );
        // Two seals of one value differ (a fresh nonce each time).
        let again = key.seal("bodies", b"meeting:1\x001-a", "ملتقى جهوي".as_bytes());
        assert_ne!(Some(sealed), again.ok());
    }

    #[test]
    fn the_data_key_unwraps_with_the_right_passphrase_only() {
        let key = DataKey::generate();
        let header = KeyHeader::wrap(&key, &Passphrase::new("كلمة سر طويلة"), LIGHT).expect("wrap");
        let back = header
            .unwrap(&Passphrase::new("كلمة سر طويلة"))
            .expect("unwrap");
        assert_eq!(back.0.as_ref(), key.0.as_ref());
        assert!(matches!(
            header.unwrap(&Passphrase::new("كلمة سر خاطئة")),
            Err(StoreError::WrongPassphrase)
        ));
        let round = KeyHeader::from_bytes(&header.to_bytes().expect("bytes")).expect("read back");
        assert_eq!(round, header);
    }

    #[test]
    fn hostile_costs_are_refused_before_any_work() {
        let header = KeyHeader {
            v: 1,
            kdf: KdfParams {
                m: u32::MAX,
                t: 1,
                p: 1,
            },
            salt: B64.encode([0u8; 16]),
            key: B64.encode([0u8; 73]),
        };
        assert!(matches!(
            header.unwrap(&Passphrase::new("x")),
            Err(StoreError::Crypto(_))
        ));
    }

    #[test]
    fn passphrase_length_counts_characters() {
        assert!(Passphrase::new("كلمةسرية").is_strong_enough());
        assert!(!Passphrase::new("سرية").is_strong_enough());
        assert_eq!(format!("{:?}", Passphrase::new("secret")), "Passphrase(…)");
    }
}
