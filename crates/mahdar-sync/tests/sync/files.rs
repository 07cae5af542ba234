//! Sync files: everything, or only what a peer has not acknowledged; encrypted or not; a bad
//! file changes nothing.

use crate::Replica;
use mahdar_store::Store;
use mahdar_sync::file::{ExportOptions, ExportReport, import_file, is_encrypted};
use std::path::Path;

/// Writes a sync file as the facade does.
fn export_file(
    store: &Store,
    path: &Path,
    options: &ExportOptions,
) -> mahdar_sync::Result<ExportReport> {
    let (bytes, report) = mahdar_sync::file::export(store, options)?;
    std::fs::write(path, bytes).expect("write the sync file");
    Ok(report)
}
use serde_json::json;

fn options(name: &str) -> ExportOptions {
    ExportOptions {
        name: Some(name.into()),
        ..ExportOptions::default()
    }
}

#[test]
fn a_file_carries_everything_and_merges_like_a_pull() {
    let dir = tempfile::tempdir().expect("dir");
    let a = Replica::new();
    let b = Replica::new();
    a.put("meeting:f1", json!({ "title": "اجتماع", "venue": "فاس" }));
    a.put("statement:f2", json!({ "text": "قال الوالي" }));
    let first = dir.path().join("a-1.mahdar-sync");
    let report = export_file(&a.store, &first, &options("bureau")).expect("export");
    assert_eq!(
        (report.documents, report.revisions, report.since),
        (2, 2, 0)
    );
    let imported = import_file(&b.store, &first, None, None).expect("import");
    assert_eq!((imported.documents, imported.revisions), (2, 2));
    assert_eq!(imported.name.as_deref(), Some("bureau"));
    assert_eq!(a.state(), b.state());
    // Importing the same file again changes nothing.
    let seq = b.store.last_seq();
    assert_eq!(
        import_file(&b.store, &first, None, None)
            .expect("again")
            .revisions,
        0
    );
    assert_eq!(b.store.last_seq(), seq);

    // Edits apart, files both ways: different fields merge, the same field is a conflict.
    a.edit("meeting:f1", |m| m["title"] = json!("اجتماع جهوي"));
    b.edit("meeting:f1", |m| m["venue"] = json!("مكناس"));
    a.edit("statement:f2", |s| s["text"] = json!("قال السيد الوالي"));
    b.edit("statement:f2", |s| s["text"] = json!("صرح الوالي"));
    let to_b = dir.path().join("a-2");
    let to_a = dir.path().join("b-1");
    export_file(&a.store, &to_b, &options("bureau")).expect("export a");
    export_file(&b.store, &to_a, &options("terrain")).expect("export b");
    import_file(&b.store, &to_b, None, None).expect("import into b");
    import_file(&a.store, &to_a, None, None).expect("import into a");
    // The merges each made travel back once more.
    let (x, y) = (dir.path().join("a-3"), dir.path().join("b-2"));
    export_file(&a.store, &x, &options("bureau")).expect("export");
    export_file(&b.store, &y, &options("terrain")).expect("export");
    import_file(&b.store, &x, None, None).expect("import");
    import_file(&a.store, &y, None, None).expect("import");
    assert_eq!(a.state(), b.state());
    let m = a.body("meeting:f1").expect("meeting");
    assert_eq!(
        (m["title"].as_str(), m["venue"].as_str()),
        (Some("اجتماع جهوي"), Some("مكناس"))
    );
    assert_eq!(a.conflicts(), b.conflicts());
    assert_eq!(a.conflicts().len(), 1);
}

#[test]
fn only_what_the_peer_has_not_acknowledged_is_exported() {
    let dir = tempfile::tempdir().expect("dir");
    let a = Replica::new();
    let b = Replica::new();
    for i in 0..10 {
        a.put(
            &format!("statement:p{i}"),
            json!({ "text": format!("نص {i}") }),
        );
    }
    // An unknown peer gets everything.
    let f = dir.path().join("1");
    let r = export_file(
        &a.store,
        &f,
        &ExportOptions {
            peer: Some("terrain".into()),
            ..options("bureau")
        },
    )
    .expect("export");
    assert_eq!((r.documents, r.peer.as_deref()), (10, None));
    import_file(&b.store, &f, None, None).expect("import");
    // B answers with a file of its own, which acknowledges what it received.
    b.put("statement:from-b", json!({ "text": "من الميدان" }));
    let back = dir.path().join("2");
    export_file(&b.store, &back, &options("terrain")).expect("export b");
    import_file(&a.store, &back, None, None).expect("import into a");
    a.edit("statement:p3", |s| s["text"] = json!("نص معدل"));
    let delta = dir.path().join("3");
    let r = export_file(
        &a.store,
        &delta,
        &ExportOptions {
            peer: Some("terrain".into()),
            ..options("bureau")
        },
    )
    .expect("export delta");
    assert_eq!(r.peer.as_deref(), Some("terrain"));
    // The edit, and B's own document which A now holds: nothing B acknowledged.
    assert_eq!(r.documents, 2, "{r:?}");
    import_file(&b.store, &delta, None, None).expect("import delta");
    assert_eq!(a.state(), b.state());
}

#[test]
fn an_encrypted_file_needs_its_passphrase_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let a = Replica::new();
    let b = Replica::new();
    a.put(
        "meeting:secret",
        json!({ "title": "اللقاء التواصلي الجهوي" }),
    );
    let f = dir.path().join("sealed");
    let r = export_file(
        &a.store,
        &f,
        &ExportOptions {
            passphrase: Some("كلمة سر طويلة".into()),
            ..options("bureau")
        },
    )
    .expect("export");
    assert!(r.encrypted && is_encrypted(&f).expect("read"));
    let raw = std::fs::read(&f).expect("read");
    let needle = "اللقاء".as_bytes();
    assert!(
        !raw.windows(needle.len()).any(|w| w == needle),
        "plain text in the file"
    );

    let seq = b.store.last_seq();
    let e = import_file(&b.store, &f, None, None).expect_err("no passphrase");
    assert!(e.to_string().contains("encrypted"), "{e}");
    let e = import_file(&b.store, &f, Some("خطأ"), None).expect_err("wrong passphrase");
    assert_eq!(e.code(), "wrong_passphrase");
    assert_eq!(b.store.last_seq(), seq);
    import_file(&b.store, &f, Some("كلمة سر طويلة"), None).expect("import");
    assert_eq!(a.state(), b.state());

    // Cut short, altered, or not a sync file at all: refused whole.
    let plain = dir.path().join("plain");
    export_file(&a.store, &plain, &options("bureau")).expect("export");
    let bytes = std::fs::read(&plain).expect("read");
    let c = Replica::new();
    let cut = dir.path().join("cut");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).expect("write");
    let altered = dir.path().join("altered");
    let text = String::from_utf8(bytes.clone())
        .expect("utf-8")
        .replace("التواصلي", "التواصلى");
    std::fs::write(&altered, text).expect("write");
    let other = dir.path().join("other");
    std::fs::write(&other, "{\"hello\": 1}\n").expect("write");
    for bad in [&cut, &altered, &other] {
        let e = import_file(&c.store, bad, None, None).expect_err("bad file");
        assert_eq!(e.code(), "bad_sync_file", "{e}");
        assert!(!e.to_string().contains('\n'));
        assert_eq!(
            c.store.last_seq(),
            0,
            "nothing imported from {}",
            bad.display()
        );
    }
}
