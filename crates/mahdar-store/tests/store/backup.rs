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

#[test]
fn a_long_history_of_large_bodies_backs_up_and_restores() {
    let a = open_temp();
    // 80 saves of a 0.9 MB statement: 72 MB of history for one document, more than any single
    // line of a backup may hold.
    let mut rev: Option<Rev> = None;
    for i in 0..80 {
        let text = format!("{i} {}", "نص ".repeat(150_000));
        rev = Some(
            a.store
                .put("note:long", rev.as_ref(), json!({"text": text}))
                .unwrap(),
        );
    }
    let file = a.dir.path().join("long.mahdar-backup");
    let summary = a.store.export_to(&file).unwrap();
    assert_eq!((summary.documents, summary.bodies), (1, 80));
    let b = open_temp();
    b.store.import_from(&file, RestoreMode::EmptyOnly).unwrap();
    assert_eq!(b.store.rev_tree("note:long").unwrap().unwrap().len(), 80);
    assert_eq!(b.store.get("note:long").unwrap().unwrap().rev, rev.unwrap());
    assert!(b.store.verify().unwrap().is_ok());
}

/// Writes a backup by hand, with a correct checksum, to test the consistency checks.
fn handmade(dir: &Path, name: &str, lines: &[serde_json::Value]) -> std::path::PathBuf {
    use sha2::{Digest, Sha256};
    let mut text = String::new();
    for l in lines {
        text.push_str(&l.to_string());
        text.push('\n');
    }
    let sha: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let docs = lines.iter().filter(|l| l.get("revs").is_some()).count();
    let bodies = lines.iter().filter(|l| l.get("rev").is_some()).count();
    let blobs = lines
        .iter()
        .filter_map(|l| l.get("blob").and_then(|b| b.as_str()))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    text.push_str(
        &json!({"end": {"documents": docs, "bodies": bodies, "locals": 0, "blobs": blobs, "sha256": sha}})
            .to_string(),
    );
    text.push('\n');
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_inconsistent_backup_with_a_good_checksum_restores_nothing() {
    let t = open_temp();
    let header = json!({"format": "mahdar-backup", "version": 2, "schema_version": 1});
    let r1 = Rev::compute(None, false, &json!({"v": 1}));
    let r3: Rev = "3-00000000000000000000000000000003".parse().unwrap();
    let good_doc = json!({"id": "note:1", "revs": [{"rev": r1}]});
    let good_body = json!({"id": "note:1", "rev": r1, "body": {"v": 1}});
    let cases = [
        (vec![header.clone(), good_doc.clone()], "has no body"),
        (
            vec![
                header.clone(),
                good_doc.clone(),
                good_body.clone(),
                good_body.clone(),
            ],
            "appears twice",
        ),
        (
            vec![
                header.clone(),
                json!({"id": "note:1", "revs": [{"rev": r3, "parent": r1}, {"rev": r1}]}),
                good_body.clone(),
            ],
            "not one edit after",
        ),
        (
            vec![
                header.clone(),
                good_doc.clone(),
                json!({"id": "note:1", "rev": r1, "body": [1]}),
            ],
            "JSON object",
        ),
        (
            vec![
                header.clone(),
                good_doc.clone(),
                json!({"id": "note:2", "rev": r1, "body": {}}),
            ],
            "without its tree",
        ),
        (
            vec![
                header.clone(),
                json!({"id": "Bad Id", "revs": [{"rev": r1}]}),
            ],
            "invalid document id",
        ),
    ];
    for (i, (lines, why)) in cases.into_iter().enumerate() {
        let file = handmade(t.dir.path(), &format!("case{i}.backup"), &lines);
        let err = t.store.import_from(&file, RestoreMode::Merge).unwrap_err();
        assert!(
            err.to_string().contains(why),
            "case {i}: expected {why:?}: {err}"
        );
        assert!(t.store.is_empty(), "case {i}: nothing was restored");
    }
    let file = handmade(t.dir.path(), "good.backup", &[header, good_doc, good_body]);
    t.store
        .import_from(&file, RestoreMode::EmptyOnly)
        .expect("the handmade backup is sound");
    assert_eq!(
        t.store.get("note:1").unwrap().unwrap().body,
        json!({"v": 1})
    );
}

#[test]
fn an_attached_file_damaged_inside_a_backup_with_a_good_checksum_restores_nothing() {
    use base64::{Engine, engine::general_purpose::STANDARD as B64};
    let t = open_temp();
    let header = json!({"format": "mahdar-backup", "version": 3, "schema_version": 1});
    let chunk = mahdar_store::BLOB_CHUNK;
    let file: Vec<u8> = (0..chunk + 1000).map(|i| (i * 7 % 251) as u8).collect();
    let sha = mahdar_store::sha256_hex(&file);
    let part = |n: u32, of: u32, bytes: &[u8]| json!({"blob": sha, "n": n, "of": of, "data": B64.encode(bytes)});
    let (first, second) = file.split_at(chunk);
    let mut altered = second.to_vec();
    altered[10] ^= 1;
    let cases = [
        (
            vec![header.clone(), part(0, 2, first), part(1, 2, &altered)],
            "does not match its SHA-256",
        ),
        (
            vec![header.clone(), part(1, 2, second), part(0, 2, first)],
            "parts out of order",
        ),
        (
            vec![
                header.clone(),
                part(0, 2, &first[..100]),
                part(1, 2, second),
            ],
            "a part of the wrong size",
        ),
        (vec![header.clone(), part(0, 2, first)], "stops after"),
        (
            vec![header.clone(), part(0, 4_000_000, first)],
            "larger than a file may be",
        ),
    ];
    for (i, (lines, why)) in cases.into_iter().enumerate() {
        let path = handmade(t.dir.path(), &format!("blob{i}.backup"), &lines);
        let err = t.store.import_from(&path, RestoreMode::Merge).unwrap_err();
        assert!(
            err.to_string().contains(why),
            "case {i}: expected {why:?}: {err}"
        );
        assert_eq!(
            t.store.blob_shas().unwrap(),
            Vec::<String>::new(),
            "case {i}"
        );
    }
    // The same file whole restores, byte for byte.
    let path = handmade(
        t.dir.path(),
        "good.backup",
        &[header, part(0, 2, first), part(1, 2, second)],
    );
    assert_eq!(
        t.store
            .import_from(&path, RestoreMode::Merge)
            .unwrap()
            .blobs,
        1
    );
    assert!(t.store.blob(&sha).unwrap().unwrap() == file);
}
