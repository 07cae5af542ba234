//! Encryption at rest through the facade: with the seed meeting loaded, searched, exported,
//! backed up and synced to a file, no Arabic word of it is anywhere in the data folder; a
//! data folder in clear is encrypted in place, even across a power cut; the passphrase
//! changes without rewriting the data; damaged encrypted data is recovered with it.

use crate::{backups::damage, found_in_files, now};
use mahdar::{
    ExportFormat, FixedClock, Mahdar, Passphrase, SearchFilter,
    model::{Lang, UserProfile, UserRole},
    seed_meeting_id,
};
use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    sync::Arc,
};

const PASSPHRASE: &str = "محضر الجهة 2026";

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(now()))
}

fn pass(text: &str) -> Passphrase {
    Passphrase::new(text)
}

/// Every Arabic word of three letters or more in the seed meeting's record, as the facade
/// returns it (speakers, statements, attendees, actions, the visit).
fn seed_words() -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let app = Mahdar::open_with_clock(dir.path(), clock()).unwrap();
    app.load_demo().unwrap();
    let record = serde_json::to_string(&app.meeting_record(seed_meeting_id()).unwrap()).unwrap();
    record
        .split(|c: char| !('\u{0621}'..='\u{064A}').contains(&c))
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_owned)
        .collect()
}

/// The files under `dir` holding any of `words`, with one word each.
fn grep(dir: &Path, words: &BTreeSet<String>) -> Vec<String> {
    found_in_files(dir, words.iter().map(String::as_str))
}

/// Everything a day of work writes into the data folder.
fn a_day_of_work(app: &Mahdar, elsewhere: &Path) {
    app.load_demo().unwrap();
    app.set_user_profile(UserProfile {
        name: "أمينة الكاتبة".into(),
        role: UserRole::Secretary,
    })
    .unwrap();
    let hits = app.search("الزنيبر", &SearchFilter::default()).unwrap();
    assert!(!hits.is_empty(), "the search finds the governor");
    let pdf = app
        .export(seed_meeting_id(), ExportFormat::Pdf, Lang::Ar)
        .unwrap();
    std::fs::write(elsewhere.join("minutes.pdf"), pdf).unwrap();
    app.daily_backup().unwrap().unwrap();
    app.sync_export(&elsewhere.join("to-laptop-b.mahdar-sync"), None, None)
        .unwrap();
}

#[test]
fn with_encryption_on_no_word_of_the_seed_meeting_is_in_the_data_folder() {
    let words = seed_words();
    assert!(words.len() > 100, "{} words", words.len());
    assert!(words.contains("الزنيبر") && words.contains("مكناس"));

    let dir = tempfile::tempdir().unwrap();
    let (data, elsewhere) = (dir.path().join("data"), dir.path().join("out"));
    std::fs::create_dir_all(&elsewhere).unwrap();
    let app = Mahdar::create_encrypted(&data, &pass(PASSPHRASE), clock()).unwrap();
    assert!(app.is_encrypted());
    a_day_of_work(&app, &elsewhere);
    drop(app);

    assert_eq!(grep(&data, &words), Vec::<String>::new());
    assert!(
        !data.join("search").exists(),
        "the search index stays in memory"
    );
    // The same day in a folder in clear leaves the words on disk: the grep can find them.
    let clear = tempfile::tempdir().unwrap();
    a_day_of_work(
        &Mahdar::open_with_clock(clear.path(), clock()).unwrap(),
        &elsewhere,
    );
    assert!(!grep(clear.path(), &words).is_empty());

    // The passphrase opens it all again, search included.
    let app = Mahdar::unlock_with_clock(&data, &pass(PASSPHRASE), clock()).unwrap();
    assert_eq!(app.statements(seed_meeting_id()).unwrap().len(), 8);
    assert!(
        !app.search("الزنيبر", &SearchFilter::default())
            .unwrap()
            .is_empty()
    );
    assert_eq!(app.user_profile().unwrap().unwrap().name, "أمينة الكاتبة");
    assert_eq!(app.verify().unwrap().problem_count, 0);
}

#[test]
fn without_the_right_passphrase_nothing_opens_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let app = Mahdar::create_encrypted(&data, &pass(PASSPHRASE), clock()).unwrap();
    app.load_demo().unwrap();
    drop(app);
    let e = Mahdar::open(&data).unwrap_err();
    assert_eq!(e.code(), "store_locked", "{e}");
    assert!(e.to_string().contains("MAHDAR_PASSPHRASE"), "{e}");
    let e = Mahdar::unlock(&data, &pass("ليست هي العبارة")).unwrap_err();
    assert_eq!(e.code(), "wrong_passphrase", "{e}");
    assert_eq!(e.to_string(), "wrong passphrase; nothing was changed");
    assert_eq!(
        Mahdar::create_encrypted(dir.path().join("new"), &pass("قصيرة"), clock())
            .unwrap_err()
            .code(),
        "weak_passphrase"
    );
    let app = Mahdar::unlock(&data, &pass(PASSPHRASE)).unwrap();
    assert_eq!(app.statements(seed_meeting_id()).unwrap().len(), 8);
}

#[test]
fn changing_the_passphrase_keeps_the_data_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let app = Mahdar::create_encrypted(&data, &pass(PASSPHRASE), clock()).unwrap();
    app.load_demo().unwrap();
    let new = pass("عبارة جديدة أطول");
    for (current, next, code) in [
        (pass("خطأ خطأ خطأ"), new.clone(), "wrong_passphrase"),
        (pass(PASSPHRASE), pass("قصيرة"), "weak_passphrase"),
    ] {
        let e = app.change_passphrase(&current, &next).unwrap_err();
        assert_eq!(e.code(), code, "{e}");
    }
    app.change_passphrase(&pass(PASSPHRASE), &new).unwrap();
    drop(app);
    assert_eq!(
        Mahdar::unlock(&data, &pass(PASSPHRASE)).unwrap_err().code(),
        "wrong_passphrase"
    );
    let app = Mahdar::unlock(&data, &new).unwrap();
    assert_eq!(app.statements(seed_meeting_id()).unwrap().len(), 8);
    // Data in clear has no passphrase to change.
    let clear = Mahdar::open(dir.path().join("clear")).unwrap();
    assert_eq!(
        clear.change_passphrase(&new, &new).unwrap_err().code(),
        "invalid_input"
    );
}

fn meeting_json(app: &Mahdar) -> serde_json::Value {
    serde_json::to_value(app.meeting_record(seed_meeting_id()).unwrap()).unwrap()
}

#[test]
fn data_in_clear_is_encrypted_in_place_backups_and_search_index_included() {
    let words = seed_words();
    let dir = tempfile::tempdir().unwrap();
    let (data, elsewhere) = (dir.path().join("data"), dir.path().join("out"));
    std::fs::create_dir_all(&elsewhere).unwrap();
    let app = Mahdar::open_with_clock(&data, clock()).unwrap();
    a_day_of_work(&app, &elsewhere);
    let before = meeting_json(&app);
    let replica = app.replica_id().to_owned();
    // What earlier days may have left in clear: a backup cut short by a power cut, and the
    // damaged store an earlier recovery set aside.
    let seed_text = serde_json::to_string(&before).unwrap();
    std::fs::write(
        data.join("backups").join("daily-2026-11-20.partial"),
        &seed_text,
    )
    .unwrap();
    std::fs::create_dir_all(data.join("store.damaged-20261101T000000Z")).unwrap();
    std::fs::write(
        data.join("store.damaged-20261101T000000Z").join("db"),
        &seed_text,
    )
    .unwrap();
    assert!(!grep(&data, &words).is_empty());

    assert!(!app.is_encrypted());
    let e = app.encrypt(&pass("قصيرة")).unwrap_err();
    assert_eq!(e.code(), "weak_passphrase");
    // Refused: the folder is as it was, in clear.
    let app = Mahdar::open_with_clock(&data, clock()).unwrap();
    assert_eq!(meeting_json(&app), before);

    let app = app.encrypt(&pass(PASSPHRASE)).unwrap();
    assert!(app.is_encrypted());
    assert_eq!(meeting_json(&app), before, "the same record, encrypted");
    assert_eq!(
        app.replica_id(),
        replica,
        "the same replica: peers' checkpoints hold"
    );
    assert_eq!(app.verify().unwrap().problem_count, 0);
    let backups = Mahdar::backups(&data).unwrap();
    assert!(
        !backups.is_empty() && backups.iter().all(|b| b.encrypted),
        "{backups:?}"
    );
    assert!(Mahdar::check_backup_with(&backups[0].path, Some(&pass(PASSPHRASE))).is_ok());
    assert_eq!(
        app.encrypt(&pass(PASSPHRASE)).unwrap_err().code(),
        "already_encrypted"
    );
    assert_eq!(grep(&data, &words), Vec::<String>::new());
    let left: Vec<PathBuf> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        left.iter().all(|p| !p.to_string_lossy().contains("store.")),
        "no copy left behind: {left:?}"
    );
}

/// The states a power cut can leave an encryption in, each finished (or undone) at the next
/// opening with nothing lost.
#[test]
fn an_encryption_cut_short_is_finished_or_undone_at_the_next_opening() {
    let prepare = || {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let app = Mahdar::open_with_clock(&data, clock()).unwrap();
        app.load_demo().unwrap();
        let before = meeting_json(&app);
        drop(app);
        (dir, data, before)
    };
    let copy = |data: &Path, to: &str| {
        // An encrypted copy, written as `encrypt` writes it, by a second folder's encryption.
        let twin = data.with_file_name("twin");
        copy_dir(&data.join("store"), &twin.join("store"));
        let app = Mahdar::open_with_clock(&twin, clock()).unwrap();
        drop(app.encrypt(&pass(PASSPHRASE)).unwrap());
        std::fs::rename(twin.join("store"), data.join(to)).unwrap();
    };

    // Cut while the copy was being written: the copy goes, the data in clear stays.
    let (_d, data, before) = prepare();
    copy(&data, "store.encrypting");
    let app = Mahdar::open_with_clock(&data, clock()).unwrap();
    assert!(!app.is_encrypted());
    assert_eq!(meeting_json(&app), before);
    assert!(!data.join("store.encrypting").exists());

    // Cut after the copy was complete, before the swap: the swap is made.
    let (_d, data, before) = prepare();
    copy(&data, "store.encrypted");
    assert_eq!(Mahdar::open(&data).unwrap_err().code(), "store_locked");
    let app = Mahdar::unlock_with_clock(&data, &pass(PASSPHRASE), clock()).unwrap();
    assert!(app.is_encrypted());
    assert_eq!(meeting_json(&app), before);
    assert!(!data.join("store.encrypted").exists() && !data.join("store.clear").exists());

    // Cut in the middle of the swap: the store in clear set aside, the copy not yet in place.
    let (_d, data, before) = prepare();
    copy(&data, "store.encrypted");
    std::fs::rename(data.join("store"), data.join("store.clear")).unwrap();
    // Opened without the passphrase: the swap is made, the store in clear is kept until the
    // encrypted one has opened.
    assert_eq!(Mahdar::open(&data).unwrap_err().code(), "store_locked");
    assert!(data.join("store.clear").exists());
    let app = Mahdar::unlock_with_clock(&data, &pass(PASSPHRASE), clock()).unwrap();
    assert_eq!(meeting_json(&app), before);
    assert!(
        !data.join("store.clear").exists(),
        "the clear copy is removed"
    );
    drop(app);

    // The store in clear set aside by hand, nothing to replace it: it goes back.
    let (_d, data, before) = prepare();
    std::fs::rename(data.join("store"), data.join("store.clear")).unwrap();
    let app = Mahdar::open_with_clock(&data, clock()).unwrap();
    assert_eq!(meeting_json(&app), before);
}

#[test]
fn a_second_process_cannot_step_into_a_folder_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let app = Mahdar::open(dir.path()).unwrap();
    let e = Mahdar::open(dir.path()).unwrap_err();
    assert_eq!(e.code(), "store_in_use", "{e}");
    drop(app);
    assert!(Mahdar::open(dir.path()).is_ok());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn damaged_encrypted_data_is_recovered_with_the_passphrase_and_stays_encrypted() {
    let words = seed_words();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let app = Mahdar::create_encrypted(&data, &pass(PASSPHRASE), clock()).unwrap();
    app.load_demo().unwrap();
    app.daily_backup().unwrap().unwrap();
    drop(app);
    damage(&data);
    assert_eq!(
        Mahdar::unlock(&data, &pass(PASSPHRASE)).unwrap_err().code(),
        "store_corrupt"
    );
    let e = Mahdar::recover(&data, None).unwrap_err();
    assert_eq!(e.code(), "backup_locked", "{e}");
    let e = Mahdar::recover(&data, Some(&pass("خطأ خطأ خطأ"))).unwrap_err();
    assert_eq!(e.code(), "wrong_passphrase", "{e}");
    assert!(data.join("store").exists(), "refused: nothing moved");

    // The newest backup is encrypted with a passphrase the old one does not open: recovery
    // stops there instead of restoring an older backup.
    let newer = pass("العبارة الأحدث 2027");
    std::fs::rename(data.join("store"), data.join("store.hold")).unwrap();
    let tomorrow = Arc::new(FixedClock(now() + chrono::Duration::days(1)));
    let other = Mahdar::create_encrypted(&data, &newer, tomorrow).unwrap();
    other.load_demo().unwrap();
    other.daily_backup().unwrap().unwrap();
    drop(other);
    std::fs::remove_dir_all(data.join("store")).unwrap();
    std::fs::rename(data.join("store.hold"), data.join("store")).unwrap();
    let e = Mahdar::recover(&data, Some(&pass(PASSPHRASE))).unwrap_err();
    assert_eq!(e.code(), "wrong_passphrase", "{e}");
    let stale = Mahdar::backups(&data).unwrap();
    std::fs::remove_file(&stale[0].path).unwrap();

    let r = Mahdar::recover(&data, Some(&pass(PASSPHRASE))).unwrap();
    assert!(r.restored.documents >= 30);
    assert_eq!(Mahdar::open(&data).unwrap_err().code(), "store_locked");
    let app = Mahdar::unlock(&data, &pass(PASSPHRASE)).unwrap();
    assert!(app.is_encrypted());
    assert_eq!(app.statements(seed_meeting_id()).unwrap().len(), 8);
    drop(app);
    // The damaged files were encrypted; the restored store is too.
    assert_eq!(grep(&data, &words), Vec::<String>::new());
}
