//! Versions of what is on disk, and the ordered migrations between them.
//!
//! Two numbers are kept: the store's own storage format (how records are encoded, owned by this
//! crate) and the application's schema (what documents mean, owned by the application and
//! passed in as a [`Schema`]). A data folder newer than the binary is refused with a clear
//! message; an older one is upgraded step by step, after a backup.

use crate::{Store, StoreError};

/// Upgrades the data from the version before `to` to `to`.
pub type MigrationFn = fn(&Store) -> Result<(), StoreError>;

/// One step of the upgrade path.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version this step produces.
    pub to: u32,
    /// What it does, for the log and the user.
    pub description: &'static str,
    /// The step itself.
    pub run: MigrationFn,
}

/// The application's schema: its current version and how to get there from older ones.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// The version this build writes.
    pub version: u32,
    /// Every step from version 1, in order.
    pub migrations: &'static [Migration],
}

impl Schema {
    /// Version 1, with nothing to migrate.
    pub const fn initial() -> Schema {
        Schema {
            version: 1,
            migrations: &[],
        }
    }
}

/// The storage format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

const META_FORMAT: &[u8] = b"format";
const META_SCHEMA: &[u8] = b"schema_version";

fn read_u32(store: &Store, key: &[u8]) -> Result<Option<u32>, StoreError> {
    match store.meta.get(key)? {
        None => Ok(None),
        Some(v) => <[u8; 4]>::try_from(v.as_ref())
            .map(|b| Some(u32::from_be_bytes(b)))
            .map_err(|_| {
                store.corrupt(format!(
                    "{} is not a version number",
                    String::from_utf8_lossy(key)
                ))
            }),
    }
}

fn write_u32(store: &Store, key: &[u8], value: u32) -> Result<(), StoreError> {
    store.meta.insert(key, &value.to_be_bytes())?;
    Ok(())
}

/// The schema version recorded on disk, if any.
pub(crate) fn stored_version(store: &Store) -> Result<Option<u32>, StoreError> {
    read_u32(store, META_SCHEMA)
}

/// Checks versions at open; upgrades an older schema.
pub(crate) fn open_checks(store: &Store) -> Result<(), StoreError> {
    match read_u32(store, META_FORMAT)? {
        None => write_u32(store, META_FORMAT, FORMAT_VERSION)?,
        Some(found) if found > FORMAT_VERSION => {
            return Err(StoreError::TooNew {
                what: "storage format",
                found,
                supported: FORMAT_VERSION,
            });
        }
        Some(_) => {}
    }
    let wanted = store.schema.version;
    match stored_version(store)? {
        None => write_u32(store, META_SCHEMA, wanted)?,
        Some(found) if found > wanted => {
            return Err(StoreError::TooNew {
                what: "schema",
                found,
                supported: wanted,
            });
        }
        Some(found) if found < wanted => migrate(store, found, wanted)?,
        Some(_) => {}
    }
    Ok(())
}

/// The steps from `from` to `to`, every one of them, or an error before anything is touched.
fn steps(store: &Store, from: u32, to: u32) -> Result<Vec<&'static Migration>, StoreError> {
    let mut steps = Vec::new();
    for version in from + 1..=to {
        let step = store
            .schema
            .migrations
            .iter()
            .find(|m| m.to == version)
            .ok_or_else(|| StoreError::Migration {
                from,
                to,
                reason: format!("no migration to version {version}"),
            })?;
        steps.push(step);
    }
    Ok(steps)
}

fn migrate(store: &Store, from: u32, to: u32) -> Result<(), StoreError> {
    // Every step must exist before anything is touched.
    let steps = steps(store, from, to)?;
    let backups = store.backup_dir.clone();
    std::fs::create_dir_all(&backups).map_err(|source| StoreError::File {
        action: "creating",
        path: backups.clone(),
        source,
    })?;
    store.export_to(&backups.join(format!("before-schema-{from}-to-{to}.mahdar-backup")))?;
    for step in steps {
        (step.run)(store).map_err(|e| StoreError::Migration {
            from,
            to: step.to,
            reason: format!("{}: {e}", step.description),
        })?;
        write_u32(store, META_SCHEMA, step.to)?;
        store.flush()?;
    }
    Ok(())
}

/// After a restore of documents written at schema `from` into this (current) store: the steps
/// since, on them. Steps are written to be run again safely (a restore may merge into data
/// that had them already).
pub(crate) fn upgrade_restored(store: &Store, from: u32) -> Result<(), StoreError> {
    let to = store.schema.version;
    for step in steps(store, from, to)? {
        (step.run)(store).map_err(|e| StoreError::Migration {
            from,
            to: step.to,
            reason: format!("{}: {e}", step.description),
        })?;
    }
    store.flush()?;
    Ok(())
}
