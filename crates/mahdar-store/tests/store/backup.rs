use crate::{open_temp, options};
use mahdar_store::{ForeignRevision, RestoreMode, Rev, Store};
use serde_json::json;
use std::{fs, path::Path};

fn sample(store: &Store) {
    let r = store
        .put(
            "note:1",
            None,
            json!({"topic": "budget", "text": "26 مليون درهم"}),
        )
        .unwrap();
    store
        .put(
            "note:1",
            Some(&r),
            json!({"topic": "budget", "text": "26.000.000 درهم"}),
        )
        .unwrap();
    let gone = store.put("note:2", None, json!({"text": "حذف"})).unwrap();
    store.delete("note:2", &gone).unwrap();
    let theirs = json!({"topic": "visit", "text": "نسخة أخرى"});
    store
        .apply_foreign(vec![ForeignRevision {
            id: "note:1".into(),
            history: vec![Rev::compute(Some(&r), false, &theirs), r],
            deleted: false,
            body: theirs,
        }])
        .unwrap();
    store.put_local("settings", &json!({"lang": "ar"})).unwrap();
}

fn doc_lines(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap();
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[..lines.len() - 1].to_vec()
}

#[test]
fn a_backup_restores_every_revision_conflict_and_local_document() {
    let a = open_temp();
    sample(&a.store);
    let file = a.dir.path().join("one.mahdar-backup");
    let summary = a.store.export_to(&file).unwrap();
    assert_eq!((summary.documents, summary.locals), (2, 1));

    let b = open_temp();
    b.store.import_from(&file, RestoreMode::EmptyOnly).unwrap();
    for id in ["note:1", "note:2"] {
        assert_eq!(
            a.store.rev_tree(id).unwrap(),
            b.store.rev_tree(id).unwrap(),
            "{id}: same tree"
        );
        assert_eq!(
            a.store.get_including_deleted(id).unwrap(),
            b.store.get_including_deleted(id).unwrap()
        );
    }
    assert_eq!(
        b.store.get("note:1").unwrap().unwrap().conflicts.len(),
        1,
        "the conflict survives"
    );
    assert_eq!(
        b.store.get_local("settings").unwrap(),
        Some(json!({"lang": "ar"}))
    );
    assert!(b.store.verify().unwrap().is_ok());

    let again = b.dir.path().join("two.mahdar-backup");
    b.store.export_to(&again).unwrap();
    assert_eq!(
        fs::read(&file).unwrap(),
        fs::read(&again).unwrap(),
        "export → import → export is byte-identical"
    );
    let _ = doc_lines(&file);
}

#[test]
fn a_damaged_or_truncated_backup_restores_nothing() {
    let a = open_temp();
    sample(&a.store);
    let file = a.dir.path().join("b.mahdar-backup");
    a.store.export_to(&file).unwrap();
    let bytes = fs::read(&file).unwrap();

    let cut = a.dir.path().join("cut.mahdar-backup");
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let altered = a.dir.path().join("altered.mahdar-backup");
    fs::write(
        &altered,
        String::from_utf8(bytes.clone())
            .unwrap()
            .replace("26.000.000", "96.000.000"),
    )
    .unwrap();
    let no_end = a.dir.path().join("no-end.mahdar-backup");
    let text = String::from_utf8(bytes).unwrap();
    let without_last: Vec<&str> = text.lines().collect();
    fs::write(
        &no_end,
        without_last[..without_last.len() - 1].join("\n") + "\n",
    )
    .unwrap();
    let not_backup = a.dir.path().join("x.json");
    fs::write(&not_backup, "{\"hello\": 1}\n").unwrap();

    let b = open_temp();
    for (bad, why) in [
        (&cut, "incomplete"),
        (&altered, "checksum"),
        (&no_end, "incomplete"),
        (&not_backup, "not a Mahdar backup"),
    ] {
        let err = b
            .store
            .import_from(bad, RestoreMode::EmptyOnly)
            .unwrap_err();
        assert_eq!(err.code(), "invalid_backup");
        assert!(err.to_string().contains(why), "{bad:?}: {err}");
        assert!(b.store.is_empty(), "{bad:?}: nothing was restored");
    }
}

#[test]
fn restoring_over_data_needs_an_explicit_merge() {
    let a = open_temp();
    sample(&a.store);
    let file = a.dir.path().join("b.mahdar-backup");
    a.store.export_to(&file).unwrap();
    let b = open_temp();
    b.store
        .put("note:9", None, json!({"text": "محلي"}))
        .unwrap();
    let err = b
        .store
        .import_from(&file, RestoreMode::EmptyOnly)
        .unwrap_err();
    assert_eq!(err.code(), "store_not_empty");
    assert!(b.store.get("note:1").unwrap().is_none());
    b.store.import_from(&file, RestoreMode::Merge).unwrap();
    assert!(
        b.store.get("note:1").unwrap().is_some() && b.store.get("note:9").unwrap().is_some(),
        "merge keeps both"
    );
    let _ = options();
}
