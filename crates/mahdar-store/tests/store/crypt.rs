//! Encryption at rest, on real sled folders: nothing people wrote is readable on disk, the
//! passphrase opens the store and its backups, a wrong one changes nothing.

use crate::options;
use mahdar_store::{
    KdfParams, Passphrase, RestoreMode, Store, StoreError, StoreOptions, check_backup,
    check_backup_with, is_encrypted_backup,
};
use serde_json::json;
use std::path::Path;

/// Light enough for a test run; the default (64 MiB) is exercised by the facade's tests.
const LIGHT: KdfParams = KdfParams { m: 256, t: 1, p: 1 };
const WORDS: [&str; 3] = ["الزنيبر", "التماسك", "الاجتماعية"];

fn encrypted(passphrase: &str) -> StoreOptions {
    StoreOptions {
        passphrase: Some(Passphrase::new(passphrase)),
        encrypt: true,
        kdf: LIGHT,
        ..options()
    }
}

fn unlock(passphrase: Option<&str>) -> StoreOptions {
    StoreOptions {
        passphrase: passphrase.map(Passphrase::new),
        ..options()
    }
}

fn fill(store: &Store) {
    let r = store
        .put(
            "note:1",
            None,
            json!({"topic": "budget", "text": "قال السعيد الزنيبر إن التماسك الاجتماعية"}),
        )
        .unwrap();
    store
        .put(
            "note:1",
            Some(&r),
            json!({"topic": "budget", "text": "أكد الزنيبر أهمية التماسك"}),
        )
        .unwrap();
    store
        .put_local("settings", &json!({"user": "السعيد الزنيبر"}))
        .unwrap();
}

/// The store's sled database opened directly, as someone with the disk could: once the store
/// just closed has let go of its lock (sled's flusher ends a few milliseconds later).
fn raw_sled(path: &Path) -> sled::Db {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if std::time::Instant::now() < deadline && e.to_string().contains("lock") => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("{e}"),
        }
    }
}

/// Every file under `dir`, searched for the UTF-8 bytes of each word.
fn found_on_disk(dir: &Path, words: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries: Vec<std::path::PathBuf> = if d.is_dir() {
            std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect()
        } else {
            vec![d.clone()]
        };
        for path in entries {
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            for w in words {
                if bytes.windows(w.len()).any(|win| win == w.as_bytes()) {
                    found.push(format!("{w} in {}", path.display()));
                }
            }
        }
    }
    found
}

#[test]
fn an_encrypted_store_keeps_no_word_in_clear_and_reads_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    {
        let store = Store::open(&path, encrypted("كلمة سر طويلة")).unwrap();
        assert!(store.is_encrypted());
        fill(&store);
        store
            .export_to(&dir.path().join("b.mahdar-backup"))
            .unwrap();
    }
    assert_eq!(found_on_disk(dir.path(), &WORDS), Vec::<String>::new());
    // The same words are on disk in a store in clear: the search above can find them.
    let clear = tempfile::tempdir().unwrap();
    fill(&Store::open(clear.path(), options()).unwrap());
    assert!(!found_on_disk(clear.path(), &WORDS).is_empty());

    let store = Store::open(&path, unlock(Some("كلمة سر طويلة"))).unwrap();
    let doc = store.get("note:1").unwrap().unwrap();
    assert_eq!(doc.body["text"], "أكد الزنيبر أهمية التماسك");
    assert_eq!(store.rev_tree("note:1").unwrap().unwrap().len(), 2);
    assert_eq!(
        store.get_local("settings").unwrap().unwrap()["user"],
        "السعيد الزنيبر"
    );
    assert_eq!(store.index_scan("by_topic", b"budget").unwrap().len(), 1);
    assert!(store.verify().unwrap().problems.is_empty());
}

#[test]
fn without_the_passphrase_or_with_a_wrong_one_nothing_opens_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    fill(&Store::open(&path, encrypted("كلمة سر طويلة")).unwrap());
    // sled pads its file with zeros when it opens it: compare what was written.
    let written = || {
        let mut bytes = std::fs::read(path.join("db")).unwrap();
        while bytes.last() == Some(&0) {
            bytes.pop();
        }
        bytes
    };
    let before = written();
    assert!(matches!(
        Store::open(&path, unlock(None)),
        Err(StoreError::Locked { .. })
    ));
    let wrong = Store::open(&path, unlock(Some("كلمة سر أخرى"))).unwrap_err();
    assert!(matches!(wrong, StoreError::WrongPassphrase), "{wrong}");
    assert_eq!(wrong.code(), "wrong_passphrase");
    assert!(written() == before, "the failed opens changed the file");
    assert!(Store::open(&path, unlock(Some("كلمة سر طويلة"))).is_ok());
}

#[test]
fn changing_the_passphrase_rewraps_the_key_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    {
        let store = Store::open(&path, encrypted("الأولى 12345")).unwrap();
        fill(&store);
        let wrong = store.change_passphrase(
            &Passphrase::new("ليست هي"),
            &Passphrase::new("الثانية 67890"),
            LIGHT,
        );
        assert!(matches!(wrong, Err(StoreError::WrongPassphrase)));
        store
            .change_passphrase(
                &Passphrase::new("الأولى 12345"),
                &Passphrase::new("الثانية 67890"),
                LIGHT,
            )
            .unwrap();
        assert_eq!(store.get("note:1").unwrap().unwrap().rev.pos(), 2);
    }
    assert!(matches!(
        Store::open(&path, unlock(Some("الأولى 12345"))),
        Err(StoreError::WrongPassphrase)
    ));
    let store = Store::open(&path, unlock(Some("الثانية 67890"))).unwrap();
    assert_eq!(
        store.get("note:1").unwrap().unwrap().body["topic"],
        "budget"
    );
}

#[test]
fn a_store_in_clear_is_copied_into_an_encrypted_one_entirely() {
    let dir = tempfile::tempdir().unwrap();
    let clear = Store::open(dir.path().join("clear"), options()).unwrap();
    fill(&clear);
    let dest = dir.path().join("sealed");
    clear
        .copy_encrypted(&dest, &Passphrase::new("كلمة سر طويلة"), LIGHT)
        .unwrap();
    assert_eq!(found_on_disk(&dest, &WORDS), Vec::<String>::new());
    let sealed = Store::open(&dest, unlock(Some("كلمة سر طويلة"))).unwrap();
    assert!(sealed.is_encrypted());
    assert_eq!(sealed.replica_id(), clear.replica_id());
    assert_eq!(sealed.last_seq(), clear.last_seq());
    assert_eq!(
        sealed.rev_tree("note:1").unwrap(),
        clear.rev_tree("note:1").unwrap()
    );
    assert_eq!(
        sealed.changes_since(0, 100).unwrap(),
        clear.changes_since(0, 100).unwrap()
    );
    assert!(sealed.verify().unwrap().problems.is_empty());
    // Writing goes on where it was.
    let doc = sealed.get("note:1").unwrap().unwrap();
    sealed
        .put(
            "note:1",
            Some(&doc.rev),
            json!({"topic": "t", "text": "ثالثة"}),
        )
        .unwrap();
    assert!(
        clear
            .copy_encrypted(&dest, &Passphrase::new("كلمة سر طويلة"), LIGHT)
            .is_err()
    );
}

#[test]
fn the_backup_of_an_encrypted_store_is_age_and_opens_with_the_key_or_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data"), encrypted("كلمة سر طويلة")).unwrap();
    fill(&store);
    let file = dir.path().join("b.mahdar-backup");
    let summary = store.export_to(&file).unwrap();
    assert!(is_encrypted_backup(&file));
    assert!(
        std::fs::read(&file)
            .unwrap()
            .starts_with(b"age-encryption.org/v1")
    );
    // The store's own key reads it.
    assert_eq!(store.check_backup(&file).unwrap(), summary);
    // Without a key: a clear error; with a wrong passphrase: another.
    assert!(matches!(
        check_backup(&file, 1),
        Err(StoreError::BackupLocked { .. })
    ));
    assert!(matches!(
        check_backup_with(&file, 1, Some(&Passphrase::new("خطأ خطأ خطأ"))),
        Err(StoreError::WrongPassphrase)
    ));
    assert_eq!(
        check_backup_with(&file, 1, Some(&Passphrase::new("كلمة سر طويلة"))).unwrap(),
        summary
    );
    // The restore drill: into a new encrypted store with a key of its own, by passphrase.
    let other = Store::open(dir.path().join("other"), encrypted("أخرى تماما 123")).unwrap();
    assert!(matches!(
        other.import_from(&file, RestoreMode::EmptyOnly),
        Err(StoreError::BackupLocked { .. })
    ));
    other
        .import_with(
            &file,
            RestoreMode::EmptyOnly,
            Some(&Passphrase::new("كلمة سر طويلة")),
        )
        .unwrap();
    assert_eq!(
        other.get("note:1").unwrap().unwrap(),
        store.get("note:1").unwrap().unwrap()
    );
    assert_eq!(
        other.get_local("settings").unwrap(),
        store.get_local("settings").unwrap()
    );
    drop(other);
    assert_eq!(found_on_disk(dir.path(), &WORDS), Vec::<String>::new());

    // A cut or altered file restores nothing.
    let bytes = std::fs::read(&file).unwrap();
    let cut = dir.path().join("cut.mahdar-backup");
    std::fs::write(&cut, &bytes[..bytes.len() - 40]).unwrap();
    assert!(store.check_backup(&cut).is_err());
    let mut flipped = bytes.clone();
    let at = bytes.len() - 100;
    flipped[at] ^= 1;
    std::fs::write(&cut, &flipped).unwrap();
    assert!(store.check_backup(&cut).is_err());
}

#[test]
fn a_value_moved_between_keys_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    {
        let store = Store::open(&path, encrypted("كلمة سر طويلة")).unwrap();
        store.put("note:a", None, json!({"text": "أ"})).unwrap();
        store.put("note:b", None, json!({"text": "ب"})).unwrap();
    }
    // Swap the two records with sled directly, as someone with the disk could.
    {
        let db = raw_sled(&path);
        let docs = db.open_tree("docs").unwrap();
        let a = docs.get("note:a").unwrap().unwrap();
        let b = docs.get("note:b").unwrap().unwrap();
        docs.insert("note:a", b).unwrap();
        docs.insert("note:b", a).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&path, unlock(Some("كلمة سر طويلة"))).unwrap();
    let err = store.get("note:a").unwrap_err();
    assert_eq!(err.code(), "store_corrupt", "{err}");
}

#[test]
fn an_encrypted_store_whose_key_header_is_gone_is_damage_not_a_store_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    fill(&Store::open(&path, encrypted("كلمة سر طويلة")).unwrap());
    {
        let db = raw_sled(&path);
        db.open_tree("meta").unwrap().remove("cipher").unwrap();
        db.flush().unwrap();
    }
    for opened in [
        Store::open(&path, unlock(None)),
        Store::open(&path, unlock(Some("كلمة سر طويلة"))),
    ] {
        let e = opened.unwrap_err();
        assert_eq!(e.code(), "store_corrupt", "{e}");
        assert!(e.to_string().contains("key header is missing"), "{e}");
    }
    // Without the marker file too: the sealed values themselves say so.
    std::fs::remove_file(path.join("mahdar-encrypted")).unwrap();
    assert_eq!(
        Store::open(&path, unlock(None)).unwrap_err().code(),
        "store_corrupt"
    );
}

#[test]
fn encryption_is_never_switched_on_over_data_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    fill(&Store::open(&path, options()).unwrap());
    let e = Store::open(&path, encrypted("كلمة سر طويلة")).unwrap_err();
    assert!(e.to_string().contains("encrypt it in place"), "{e}");
    let store = Store::open(&path, options()).unwrap();
    assert!(!store.is_encrypted());
    assert_eq!(store.get("note:1").unwrap().unwrap().rev.pos(), 2);
}

#[test]
fn a_backup_in_clear_sealed_in_place_keeps_its_time_and_opens_with_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let clear = Store::open(dir.path().join("clear"), options()).unwrap();
    fill(&clear);
    let file = dir.path().join("old.mahdar-backup");
    let summary = clear.export_to(&file).unwrap();
    let when = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_780_000_000);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(when)
        .unwrap();
    let sealed = Store::open(dir.path().join("sealed"), encrypted("كلمة سر طويلة")).unwrap();
    sealed.seal_backup(&file).unwrap();
    assert!(is_encrypted_backup(&file));
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), when);
    assert_eq!(sealed.check_backup(&file).unwrap(), summary);
    assert!(!dir.path().join("old.sealing").exists());
    assert_eq!(found_on_disk(&file, &WORDS), Vec::<String>::new());
    // Twice: nothing more happens.
    sealed.seal_backup(&file).unwrap();
    assert_eq!(sealed.check_backup(&file).unwrap(), summary);
}
