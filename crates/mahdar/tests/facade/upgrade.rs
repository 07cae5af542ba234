//! Upgrades keep data: data folders written by the build before schema 2 (the fixtures, made
//! by that build's `mahdar` command: see `tests/fixtures/README.md`) open in this one through
//! the migration path, after an automatic backup; data written by a newer build is refused
//! with a clear message and left as it was. And the first run, which schema 2 brought.

use crate::now;
use mahdar::{AppError, FixedClock, Mahdar, Passphrase, seed_meeting_id};
use mahdar_store::{Migration, Schema, Store, StoreOptions};
use std::{path::Path, process::Command, sync::Arc};

/// The passphrase of the encrypted fixture.
const FIXTURE_PASSPHRASE: &str = "مفتاح المحضر الاختباري ٢٠٢٦";
/// The photo attached in both fixtures: a 64×48 teal JPEG.
const FIXTURE_PHOTO_CAPTION: &str = "صورة من الزيارة الميدانية";

/// Unpacks a fixture into a temporary directory; returns it and the data folder inside.
fn unpack(name: &str, folder: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let archive = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success(), "tar could not unpack {archive:?}");
    let data = dir.path().join(folder);
    (dir, data)
}

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(now()))
}

fn assert_upgraded(app: &Mahdar, data: &Path) {
    // The data is all there.
    let record = app.meeting_record(seed_meeting_id()).unwrap();
    let json = serde_json::to_string(&record).unwrap();
    assert!(json.contains("فاس"), "the seed meeting is there");
    assert_eq!(
        app.user_profile().unwrap().unwrap().name,
        "فاطمة الزهراء بناني"
    );
    let files = app.meeting_attachments(seed_meeting_id()).unwrap();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(
        files[0].value.caption.as_deref(),
        Some(FIXTURE_PHOTO_CAPTION)
    );
    let (_, bytes) = app.attachment_bytes(files[0].id, false).unwrap();
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "a JPEG, whole");
    assert_eq!(bytes.len() as u64, files[0].value.length);
    assert!(app.verify().unwrap().is_ok());
    // Through the migration path: at schema 2, after a backup that holds everything.
    assert_eq!(app.diagnostics().unwrap().schema_version, 2);
    let backup = data.join("backups/before-schema-1-to-2.mahdar-backup");
    assert!(
        backup.is_file(),
        "the automatic backup before the migration"
    );
    let kinds: Vec<&str> = Mahdar::backups(data)
        .unwrap()
        .iter()
        .map(|b| b.kind)
        .collect();
    assert!(kinds.contains(&"before_migration"), "{kinds:?}");
    // Someone already used this data: the first-run screens are not shown to them.
    assert!(!app.first_run().unwrap());
}

#[test]
fn a_folder_written_by_the_previous_build_opens_upgraded_after_a_backup() {
    let (_dir, data) = unpack("store-schema-1.tar.gz", "data");
    let app = Mahdar::open_with_clock(&data, clock()).unwrap();
    assert_upgraded(&app, &data);
    let summary =
        Mahdar::check_backup(&data.join("backups/before-schema-1-to-2.mahdar-backup")).unwrap();
    assert!(summary.documents >= 30, "{summary:?}");
    // Edits go on as usual, and a second opening migrates nothing again.
    let photo = app
        .meeting_attachments(seed_meeting_id())
        .unwrap()
        .remove(0);
    app.update_attachment(photo.id, photo.rev, Some("تعليق بعد الترقية".into()))
        .unwrap();
    drop(app);
    let again = Mahdar::open_with_clock(&data, clock()).unwrap();
    let photo = again
        .meeting_attachments(seed_meeting_id())
        .unwrap()
        .remove(0);
    assert_eq!(photo.value.caption.as_deref(), Some("تعليق بعد الترقية"));
    let migration_backups = Mahdar::backups(&data)
        .unwrap()
        .iter()
        .filter(|b| b.kind == "before_migration")
        .count();
    assert_eq!(migration_backups, 1);
}

#[test]
fn an_encrypted_folder_of_the_previous_build_upgrades_once_unlocked_and_stays_sealed() {
    let (_dir, data) = unpack("store-schema-1-encrypted.tar.gz", "data-encrypted");
    // Locked: nothing can be migrated, nothing is touched.
    let locked = Mahdar::open_with_clock(&data, clock()).unwrap_err();
    assert_eq!(AppError::from(&locked).code, "store_locked");
    assert!(
        !data
            .join("backups/before-schema-1-to-2.mahdar-backup")
            .exists()
    );
    let app =
        Mahdar::unlock_with_clock(&data, &Passphrase::new(FIXTURE_PASSPHRASE), clock()).unwrap();
    assert_upgraded(&app, &data);
    let backup = data.join("backups/before-schema-1-to-2.mahdar-backup");
    assert!(mahdar::is_encrypted_backup(&backup));
    drop(app);
    // No plaintext anywhere in the folder, the new backup included.
    for needle in ["الزهراء", "فاس", FIXTURE_PHOTO_CAPTION] {
        let found = Command::new("grep")
            .args(["-r", "-l", needle])
            .arg(&data)
            .output()
            .unwrap();
        assert!(
            found.stdout.is_empty(),
            "{needle} found in {}",
            String::from_utf8_lossy(&found.stdout)
        );
    }
}

#[test]
fn an_unused_folder_of_the_previous_build_still_gets_the_first_run() {
    let dir = tempfile::tempdir().unwrap();
    // What the previous build left after starting once and being closed at once.
    drop(
        Store::open(
            dir.path().join("store"),
            StoreOptions {
                schema: Schema::initial(),
                ..StoreOptions::default()
            },
        )
        .unwrap(),
    );
    let app = Mahdar::open_with_clock(dir.path(), clock()).unwrap();
    assert_eq!(app.diagnostics().unwrap().schema_version, 2);
    assert!(
        app.first_run().unwrap(),
        "never used: the first run is shown"
    );
}

#[test]
fn data_written_by_a_newer_build_is_refused_plainly_and_left_as_it_was() {
    let (_dir, data) = unpack("store-schema-1.tar.gz", "data");
    drop(Mahdar::open_with_clock(&data, clock()).unwrap());
    // A newer build (schema 3) opens the folder and upgrades it.
    fn to_three(_: &Store) -> Result<(), mahdar_store::StoreError> {
        Ok(())
    }
    static NEWER: &[Migration] = &[Migration {
        to: 3,
        description: "a newer build's step",
        run: to_three,
    }];
    drop(
        Store::open(
            data.join("store"),
            StoreOptions {
                schema: Schema {
                    version: 3,
                    migrations: NEWER,
                },
                backup_dir: Some(data.join("backups")),
                ..StoreOptions::default()
            },
        )
        .unwrap(),
    );
    let listing = |dir: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(dir.join("backups"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let before = listing(&data);
    let db_before = std::fs::read(data.join("store/db")).unwrap();
    // This build refuses it, with a message that says what to do, and a code for the UI.
    let err = Mahdar::open_with_clock(&data, clock()).unwrap_err();
    let app_error = AppError::from(&err);
    assert_eq!(app_error.code, "store_too_new");
    let message = err.to_string();
    assert!(message.contains("newer Mahdar"), "{message}");
    assert!(message.contains("schema version 3"), "{message}");
    assert!(message.contains("install the newer version"), "{message}");
    // Nothing was changed: no backup written, the version on disk still 3, the data whole.
    assert_eq!(listing(&data), before);
    assert_eq!(std::fs::read(data.join("store/db")).unwrap(), db_before);
    let newer = Store::open(
        data.join("store"),
        StoreOptions {
            schema: Schema {
                version: 3,
                migrations: NEWER,
            },
            ..StoreOptions::default()
        },
    )
    .unwrap();
    assert_eq!(newer.schema_version().unwrap(), 3);
    assert!(newer.get(&seed_meeting_id().to_string()).unwrap().is_some());
}

#[test]
fn the_first_run_is_shown_once_per_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let app = Mahdar::open_with_clock(dir.path(), clock()).unwrap();
    assert!(app.first_run().unwrap(), "a new folder");
    let change = app.last_change();
    app.finish_first_run().unwrap();
    assert!(!app.first_run().unwrap());
    assert_eq!(
        app.last_change(),
        change,
        "a record of this laptop: nothing to sync"
    );
    app.finish_first_run().unwrap();
    drop(app);
    let again = Mahdar::open_with_clock(dir.path(), clock()).unwrap();
    assert!(!again.first_run().unwrap());
}

#[test]
fn a_folder_that_holds_documents_is_no_first_run() {
    // Prepared with the command line (or synced, or restored from a backup) before the app
    // first opens it: someone's data, not a new laptop.
    let dir = tempfile::tempdir().unwrap();
    let app = Mahdar::open_with_clock(dir.path(), clock()).unwrap();
    app.load_demo().unwrap();
    assert!(!app.first_run().unwrap());
    drop(app);
    let again = Mahdar::open_with_clock(dir.path(), clock()).unwrap();
    assert!(!again.first_run().unwrap());
}
