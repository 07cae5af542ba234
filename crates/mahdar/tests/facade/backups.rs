//! Automatic backups and recovery: a daily backup, the last seven kept; damaged data detected
//! on opening and recovered from the newest good backup, the damaged files kept aside.

use crate::seeded;
use mahdar::{DAILY_BACKUPS_KEPT, FixedClock, Mahdar, seed_meeting_id};
use std::sync::Arc;

fn on(day: u32) -> Arc<FixedClock> {
    Arc::new(FixedClock(
        format!("2026-12-{day:02}T09:00:00Z").parse().unwrap(),
    ))
}

#[test]
fn a_backup_a_day_and_the_last_seven_kept() {
    let t = seeded();
    let data = t.app.data_dir().to_path_buf();
    let first = t.app.daily_backup().unwrap().expect("today's backup");
    assert!(
        first.ends_with("backups/daily-2026-11-29.mahdar-backup"),
        "{first:?}"
    );
    assert_eq!(t.app.daily_backup().unwrap(), None, "once a day");
    drop(t.app);
    for day in 1..=9 {
        let app = Mahdar::open_with_clock(&data, on(day)).unwrap();
        assert!(app.daily_backup().unwrap().is_some());
    }
    let backups = Mahdar::backups(&data).unwrap();
    let daily: Vec<String> = backups
        .iter()
        .filter(|b| b.kind == "daily")
        .map(|b| b.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(daily.len(), DAILY_BACKUPS_KEPT, "{daily:?}");
    assert!(daily.contains(&"daily-2026-12-09.mahdar-backup".to_owned()));
    assert!(
        !daily.contains(&"daily-2026-12-02.mahdar-backup".to_owned()),
        "{daily:?}"
    );
    assert!(!daily.contains(&"daily-2026-11-29.mahdar-backup".to_owned()));
    assert_eq!(daily[0], "daily-2026-12-09.mahdar-backup", "newest first");
    // Each one is a sound backup of everything.
    for b in &backups {
        let summary = Mahdar::check_backup(&b.path).unwrap();
        assert!(summary.documents >= 30, "{summary:?}");
    }
}

/// Damages the storage engine's file all through, as a failing disk would: sled 0.34 then
/// opens it as an empty store, without an error of its own.
pub fn damage(data: &std::path::Path) {
    use std::io::{Seek, SeekFrom, Write};
    let db = data.join("store").join("db");
    let len = std::fs::metadata(&db).unwrap().len();
    let mut f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
    for at in (0..len).step_by(4096) {
        f.seek(SeekFrom::Start(at + 100)).unwrap();
        f.write_all(&[0xA5; 200]).unwrap();
    }
    f.sync_all().unwrap();
}

/// Damages sled's own configuration file, which sled checks and reports.
fn damage_conf(data: &std::path::Path) {
    let conf = data.join("store").join("conf");
    let mut bytes = std::fs::read(&conf).unwrap();
    bytes[5..17].copy_from_slice(b"XXXXXXXXXXXX");
    std::fs::write(&conf, bytes).unwrap();
}

#[test]
fn damaged_data_is_detected_and_recovered_from_the_newest_good_backup() {
    let t = seeded();
    let data = t.app.data_dir().to_path_buf();
    t.app.daily_backup().unwrap().unwrap();
    drop(t.app);
    // A broken backup newer than the good one is passed over.
    std::fs::write(
        data.join("backups").join("newer-but-broken.mahdar-backup"),
        "{\"format\":\"mahdar-backup\"",
    )
    .unwrap();
    // Nothing to recover while the data is sound.
    let e = Mahdar::recover(&data, None).unwrap_err();
    assert_eq!(e.code(), "invalid_input", "{e}");
    assert!(!data.join("store.damaged").exists());
    damage(&data);

    let e = Mahdar::open(&data).unwrap_err();
    assert_eq!(e.code(), "store_corrupt", "{e}");
    assert!(e.to_string().contains("mahdar recover"), "{e}");

    let r = Mahdar::recover(&data, None).unwrap();
    assert!(
        r.backup.ends_with("daily-2026-11-29.mahdar-backup"),
        "{r:?}"
    );
    assert!(r.damaged_store.exists(), "the damaged files are kept");
    assert!(r.restored.documents >= 30);
    let app = Mahdar::open(&data).unwrap();
    assert_eq!(app.verify().unwrap().problem_count, 0);
    assert_eq!(app.statements(seed_meeting_id()).unwrap().len(), 8);
}

#[test]
fn damage_sled_reports_is_recovered_too() {
    let t = seeded();
    let data = t.app.data_dir().to_path_buf();
    t.app.daily_backup().unwrap().unwrap();
    drop(t.app);
    damage_conf(&data);
    let e = Mahdar::open(&data).unwrap_err();
    assert_eq!(e.code(), "store_corrupt", "{e}");
    Mahdar::recover(&data, None).unwrap();
    let app = Mahdar::open(&data).unwrap();
    assert_eq!(app.statements(seed_meeting_id()).unwrap().len(), 8);
}

#[test]
fn with_no_good_backup_nothing_is_touched() {
    let t = seeded();
    let data = t.app.data_dir().to_path_buf();
    drop(t.app);
    damage(&data);
    let e = Mahdar::recover(&data, None).unwrap_err();
    assert!(e.to_string().contains("no usable backup"), "{e}");
    assert!(
        data.join("store").join("db").exists(),
        "the damaged store stays where it was"
    );
    assert_eq!(Mahdar::open(&data).unwrap_err().code(), "store_corrupt");
}
