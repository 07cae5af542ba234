//! Sync: with a CouchDB-protocol server, by sync file, and the conflicts a person resolves.
//!
//! The server address, user name and password live in this laptop's `_local` settings (never
//! replicated, never in a sync file). The password is sealed with ChaCha20-Poly1305 under a
//! key bound to this machine and this data folder, so a copied data folder does not give it
//! away; full encryption at rest is the store's own business.

use crate::{Error, Mahdar, Result};
use base64::Engine as _;
use chacha20poly1305::{
    XChaCha20Poly1305, XNonce,
    aead::{Aead, AeadCore, KeyInit, OsRng},
};
use mahdar_store::Rev;
use mahdar_sync::{
    Remote, RemoteConfig, Replicator, SyncReport,
    file::{ExportOptions, ExportReport, ImportReport},
    merge::{Conflict, Resolution},
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

pub(crate) const SYNC: &str = "sync-settings";
pub(crate) const SYNC_STATE: &str = "sync-state";

/// The sync settings as the UI sees them (the password never leaves the facade).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    /// The database address, e.g. `https://sync.example.org/mahdar`.
    pub url: Option<String>,
    /// The user name.
    pub user: Option<String>,
    /// Whether a password is stored.
    pub has_password: bool,
    /// Keep syncing while the app runs.
    pub continuous: bool,
}

/// New sync settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct SyncSettingsInput {
    /// The database address; empty or `None` turns sync off.
    pub url: Option<String>,
    /// The user name.
    pub user: Option<String>,
    /// `None` keeps the stored password, `""` removes it.
    pub password: Option<String>,
    /// Keep syncing while the app runs.
    pub continuous: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct Stored {
    url: Option<String>,
    user: Option<String>,
    /// Sealed: base64 of nonce ‖ ciphertext.
    password: Option<String>,
    continuous: bool,
}

/// Which server to sync with, when not the one in the settings, and how.
#[derive(Debug, Clone, Default)]
pub struct SyncTarget {
    /// The database address; `None` for the one in the settings.
    pub url: Option<String>,
    /// User name.
    pub user: Option<String>,
    /// Password.
    pub password: Option<String>,
    /// Certificate authorities to trust (PEM) for a server with a certificate of its own.
    pub ca_pem: Option<Vec<u8>>,
}

/// A conflict with what a person needs to recognise the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictView {
    /// The conflict itself: versions side by side, fields that differ.
    #[serde(flatten)]
    pub conflict: Conflict,
    /// A label: the meeting's title, the first words of a statement, a person's name.
    pub title: String,
    /// The meeting the document belongs to, if any.
    pub meeting: Option<String>,
}

impl Mahdar {
    fn stored_sync(&self) -> Result<Stored> {
        Ok(self
            .store
            .get_local(SYNC)?
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default())
    }

    /// The sync settings.
    pub fn sync_settings(&self) -> Result<SyncSettings> {
        let s = self.stored_sync()?;
        Ok(SyncSettings {
            url: s.url,
            user: s.user,
            has_password: s.password.is_some(),
            continuous: s.continuous,
        })
    }

    /// Checks and saves the sync settings (the address must be usable; nothing is sent).
    pub fn set_sync_settings(&self, input: SyncSettingsInput) -> Result<SyncSettings> {
        let mut s = self.stored_sync()?;
        let url = input
            .url
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty());
        if let Some(u) = &url {
            Remote::new(RemoteConfig::new(u.clone()))?;
        }
        s.url = url;
        s.user = input
            .user
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty());
        match input.password.as_deref() {
            None => {}
            Some("") => s.password = None,
            Some(p) => s.password = Some(self.seal(p)),
        }
        s.continuous = input.continuous && s.url.is_some();
        self.store
            .put_local(SYNC, &serde_json::to_value(&s).unwrap_or(Value::Null))?;
        self.sync_settings()
    }

    /// A connection to the server named in `target`, or to the one in the settings;
    /// credentials given in `target` win over those in the address, which win over the
    /// stored ones.
    pub fn sync_remote(&self, target: SyncTarget) -> Result<Remote> {
        let s = self.stored_sync()?;
        let (url, stored_user, stored_password) = match target.url {
            Some(u) => (u, None, None),
            None => {
                let Some(u) = s.url.clone() else {
                    return Err(Error::Sync(mahdar_sync::SyncError::BadUrl {
                        url: String::new(),
                        reason: "no sync server is set; give one, or set it in the settings".into(),
                    }));
                };
                let p = s.password.as_deref().and_then(|p| self.unseal(p));
                (u, s.user.clone(), p)
            }
        };
        let mut config = RemoteConfig::new(url);
        config.user = target.user.or(stored_user);
        config.password = target.password.or(stored_password);
        config.ca_pem = target.ca_pem;
        Ok(Remote::new(config)?)
    }

    /// Pushes and/or pulls once (creating the database on the server if needed).
    pub fn sync_with(
        &self,
        remote: &Remote,
        push: bool,
        pull: bool,
        progress: Option<&(dyn Fn(&mahdar_sync::Progress) + Sync)>,
    ) -> Result<SyncReport> {
        let mut replicator = Replicator::new(&self.store, remote).exclusive(&self.syncing);
        if let Some(p) = progress {
            replicator = replicator.on_progress(p);
        }
        let report = replicator.sync(push, pull, true)?;
        self.record_sync()?;
        Ok(report)
    }

    /// Notes when the last sync succeeded. The time is shown to the minute, so the continuous
    /// mode's idle rounds (every few seconds) rewrite it at most once a minute.
    fn record_sync(&self) -> Result<()> {
        let now = self.clock.now();
        let recent = self
            .last_sync()?
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
            .is_some_and(|t| (now - t.with_timezone(&chrono::Utc)).num_seconds().abs() < 60);
        if !recent {
            let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            self.store
                .put_local(SYNC_STATE, &serde_json::json!({ "last_sync": at }))?;
        }
        Ok(())
    }

    /// When this laptop last synced with its server successfully (RFC 3339), if ever.
    pub fn last_sync(&self) -> Result<Option<String>> {
        Ok(self
            .store
            .get_local(SYNC_STATE)?
            .and_then(|v| v.get("last_sync")?.as_str().map(str::to_owned)))
    }

    /// Syncs until `stop` is set (see [`mahdar_sync::run_continuous`]).
    pub fn sync_continuously(
        &self,
        remote: &Remote,
        stop: &std::sync::atomic::AtomicBool,
        on_status: &dyn Fn(&mahdar_sync::Status, Option<&SyncReport>),
    ) -> Result<()> {
        let replicator = Replicator::new(&self.store, remote).exclusive(&self.syncing);
        let recorded = |status: &mahdar_sync::Status, report: Option<&SyncReport>| {
            if matches!(status, mahdar_sync::Status::UpToDate { .. }) {
                let _ = self.record_sync();
            }
            on_status(status, report);
        };
        Ok(mahdar_sync::run_continuous(
            &replicator,
            true,
            true,
            true,
            std::time::Duration::from_secs(10),
            stop,
            &recorded,
        )?)
    }

    /// Writes a sync file: everything, or what `peer` has not acknowledged.
    pub fn sync_export(
        &self,
        path: &Path,
        peer: Option<String>,
        passphrase: Option<String>,
    ) -> Result<ExportReport> {
        let options = ExportOptions {
            peer,
            name: machine_name(),
            passphrase,
        };
        let (bytes, report) = mahdar_sync::file::export(&self.store, &options)?;
        crate::write_file_whole(path, &bytes).map_err(|source| mahdar_sync::SyncError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(report)
    }

    /// Imports a sync file through the same merge path as a pull.
    pub fn sync_import(
        &self,
        path: &Path,
        passphrase: Option<&str>,
        peer: Option<&str>,
    ) -> Result<ImportReport> {
        Ok(mahdar_sync::file::import_file(
            &self.store,
            path,
            passphrase,
            peer,
        )?)
    }

    /// Every document that needs a person, with a label for each.
    pub fn conflicts(&self) -> Result<Vec<ConflictView>> {
        let conflicts = mahdar_sync::merge::conflicts(&self.store)?;
        Ok(conflicts.into_iter().map(|c| self.label(c)).collect())
    }

    /// How many documents need a person.
    pub fn conflict_count(&self) -> Result<usize> {
        Ok(mahdar_sync::merge::conflicts(&self.store)?.len())
    }

    /// Resolves a conflict: keep one version, or a merged body. Returns the revision that now
    /// wins. The other versions stay in the history.
    pub fn resolve_conflict(&self, id: &str, resolution: Resolution) -> Result<Rev> {
        if let Resolution::Merged(body) = &resolution {
            self.check_merged(id, body)?;
        }
        let _writing = self.exclusive();
        let (edits, kept) = mahdar_sync::merge::resolution_edits(&self.store, id, resolution)?;
        self.commit(edits)?;
        Ok(kept)
    }

    /// A merged body must still be a valid document of its kind.
    fn check_merged(&self, id: &str, body: &Value) -> Result<()> {
        let kind = id.split(':').next().unwrap_or_default();
        crate::records::check_body(kind, body).map_err(|reason| {
            Error::Sync(mahdar_sync::SyncError::Refused(format!(
                "the merged version of {id} is {reason}"
            )))
        })
    }

    fn label(&self, conflict: Conflict) -> ConflictView {
        let body = conflict
            .versions
            .iter()
            .find_map(|v| v.body.clone())
            .unwrap_or(Value::Null);
        let title = self
            .describe(&conflict.id, &body)
            .ok()
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| conflict.id.clone());
        let meeting = if conflict.id.starts_with("meeting:") {
            Some(conflict.id.clone())
        } else {
            body.get("meeting")
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        ConflictView {
            conflict,
            title,
            meeting,
        }
    }

    fn credentials_key(&self) -> [u8; 32] {
        let machine = ["/etc/machine-id", "/var/lib/dbus/machine-id"]
            .iter()
            .find_map(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default();
        let mut h = Sha256::new();
        h.update(b"mahdar sync credentials\n");
        h.update(machine.trim().as_bytes());
        h.update(b"\n");
        h.update(self.store.replica_id().as_bytes());
        h.finalize().into()
    }

    fn seal(&self, password: &str) -> String {
        let cipher = XChaCha20Poly1305::new(&self.credentials_key().into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = cipher
            .encrypt(&nonce, password.as_bytes())
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend(sealed);
        base64::engine::general_purpose::STANDARD.encode(out)
    }

    fn unseal(&self, sealed: &str) -> Option<String> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let cipher = XChaCha20Poly1305::new(&self.credentials_key().into());
        let plain = cipher
            .decrypt(XNonce::from_slice(&bytes[..24]), &bytes[24..])
            .ok()?;
        String::from_utf8(plain).ok()
    }
}

pub(crate) fn shorten(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// This computer's name, for the header of the sync files it writes and the audit trail (read
/// once: every write records it).
pub(crate) fn machine_name() -> Option<String> {
    static NAME: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .or_else(|| std::env::var("COMPUTERNAME").ok())
            .or_else(|| std::env::var("HOSTNAME").ok())
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
    })
    .clone()
}
