//! The audit trail: who changed what, when, on which laptop, recorded with every write and
//! carried to the other laptops by sync.

use crate::{open, seeded};
use mahdar::{
    Resolution,
    model::{AuditOp, UserProfile, UserRole},
    seed_meeting_id,
};
use serde_json::json;

fn as_user(t: &crate::TempData, name: &str, role: UserRole) {
    t.app
        .set_user_profile(UserProfile {
            name: name.into(),
            role,
        })
        .unwrap();
}

/// Laptop A with the seed meeting and a secretary; laptop B with A's data (by sync file) and a
/// reviewer.
fn two_laptops() -> (crate::TempData, crate::TempData) {
    let a = seeded();
    as_user(&a, "نادية الكاتبة", UserRole::Secretary);
    let to_b = a.dir.path().join("to-b.mahdar-sync");
    a.app.sync_export(&to_b, None, None).unwrap();
    let b = open();
    b.app.sync_import(&to_b, None, None).unwrap();
    as_user(&b, "كريم المراجع", UserRole::Reviewer);
    (a, b)
}

#[test]
fn an_edit_records_who_when_where_and_the_values_before_and_after() {
    let t = seeded();
    as_user(&t, "نادية الكاتبة", UserRole::Secretary);
    let s = t.app.statements(seed_meeting_id()).unwrap().remove(0);
    let before = s.value.text.clone();
    let mut edited = s.value.clone();
    edited.text = format!("{before} (صيغة منقحة)");
    let saved = t.app.update_statement(s.id, s.rev, edited).unwrap();

    let history = t.app.history(&s.id.to_string()).unwrap();
    let ops: Vec<AuditOp> = history.iter().map(|e| e.op).collect();
    assert_eq!(ops, [AuditOp::Created, AuditOp::Edited], "{history:#?}");
    // The demo was loaded before anyone said who they were: no name, but time and laptop.
    assert_eq!(history[0].by, None);
    assert!(history[0].recorded);
    assert!(history[0].changes.iter().any(|c| c.path == "text"));
    let edit = &history[1];
    assert_eq!(edit.by.as_deref(), Some("نادية الكاتبة"));
    assert_eq!(edit.role, Some(UserRole::Secretary));
    assert_eq!(edit.at, Some(crate::now()));
    assert_eq!(edit.replica.as_deref(), Some(t.app.replica_id()));
    assert_eq!(edit.rev, saved.rev.to_string());
    assert_eq!(edit.base, Some(s.rev.to_string()));
    assert_eq!(edit.changes.len(), 1, "{:?}", edit.changes);
    assert_eq!(edit.changes[0].path, "text");
    assert_eq!(edit.changes[0].before, Some(json!(before)));
    assert_eq!(
        edit.changes[0].after,
        Some(json!(format!("{before} (صيغة منقحة)")))
    );
    assert!(
        edit.label
            .starts_with(&before.chars().take(20).collect::<String>())
    );
}

#[test]
fn a_meeting_history_lists_its_deleted_statements_too() {
    let t = seeded();
    as_user(&t, "نادية الكاتبة", UserRole::Secretary);
    let s = t.app.statements(seed_meeting_id()).unwrap().pop().unwrap();
    t.app.delete_statement(s.id).unwrap();
    let history = t.app.history(&seed_meeting_id().to_string()).unwrap();
    let deleted: Vec<_> = history
        .iter()
        .filter(|e| e.op == AuditOp::Deleted)
        .collect();
    assert_eq!(deleted.len(), 1, "{history:#?}");
    assert_eq!(deleted[0].doc, s.id.to_string());
    assert_eq!(deleted[0].by.as_deref(), Some("نادية الكاتبة"));
    // Named by what it said, though it is gone.
    assert!(!deleted[0].label.is_empty());
    assert!(
        s.value
            .text
            .starts_with(deleted[0].label.trim_end_matches('…'))
    );
    // Everything the demo created is there, once, and every line is recorded.
    let created = history.iter().filter(|e| e.op == AuditOp::Created).count();
    assert!(created > 15, "{created}");
    assert!(history.iter().all(|e| e.recorded), "{history:#?}");
    // The history of a single statement is its own.
    let one = t.app.history(&s.id.to_string()).unwrap();
    assert_eq!(one.len(), 2);
    assert!(one.iter().all(|e| e.doc == s.id.to_string()));
}

#[test]
fn a_change_made_on_another_laptop_shows_after_a_sync_with_its_author() {
    let (a, b) = two_laptops();
    let s = b.app.statements(seed_meeting_id()).unwrap().remove(1);
    let mut edited = s.value.clone();
    edited.text = "نص عدله المراجع على حاسوب آخر".into();
    b.app.update_statement(s.id, s.rev, edited).unwrap();

    let to_a = b.dir.path().join("to-a.mahdar-sync");
    b.app.sync_export(&to_a, None, None).unwrap();
    a.app.sync_import(&to_a, None, None).unwrap();

    let history = a.app.history(&s.id.to_string()).unwrap();
    let edit = history
        .iter()
        .find(|e| e.op == AuditOp::Edited)
        .unwrap_or_else(|| panic!("{history:#?}"));
    assert!(edit.recorded);
    assert_eq!(edit.by.as_deref(), Some("كريم المراجع"));
    assert_eq!(edit.role, Some(UserRole::Reviewer));
    assert_eq!(edit.replica.as_deref(), Some(b.app.replica_id()));
    assert_ne!(edit.replica.as_deref(), Some(a.app.replica_id()));
    assert_eq!(
        edit.changes[0].after,
        Some(json!("نص عدله المراجع على حاسوب آخر"))
    );
    // And in the meeting's history on laptop A.
    let meeting = a.app.history(&seed_meeting_id().to_string()).unwrap();
    assert!(
        meeting
            .iter()
            .any(|e| e.doc == s.id.to_string() && e.by.as_deref() == Some("كريم المراجع"))
    );
}

#[test]
fn merges_made_by_a_sync_and_resolved_conflicts_have_their_place_in_the_history() {
    let (a, b) = two_laptops();

    // Apart: A edits one statement's text, B another field of it, and both the same field
    // of a second statement.
    let statements = a.app.statements(seed_meeting_id()).unwrap();
    let (s1, s2) = (&statements[2], &statements[3]);
    let mut on_a = s1.value.clone();
    on_a.text = "صيغة أ".into();
    a.app.update_statement(s1.id, s1.rev, on_a).unwrap();
    let mut on_b = s1.value.clone();
    on_b.channel = Some("قناة ب".into());
    b.app.update_statement(s1.id, s1.rev, on_b).unwrap();
    for (app, text) in [(&a.app, "نص أ"), (&b.app, "نص ب")] {
        let mut v = s2.value.clone();
        v.text = text.into();
        app.update_statement(s2.id, s2.rev, v).unwrap();
    }
    let file = b.dir.path().join("to-a.mahdar-sync");
    b.app.sync_export(&file, None, None).unwrap();
    a.app.sync_import(&file, None, None).unwrap();

    // Different fields merged by the sync: a derived line, with what the merge changed.
    let h1 = a.app.history(&s1.id.to_string()).unwrap();
    let merged = h1
        .iter()
        .find(|e| e.op == AuditOp::Merged)
        .unwrap_or_else(|| panic!("{h1:#?}"));
    assert!(!merged.recorded);
    assert!(
        merged.changes.iter().any(|c| c.path == "channel"),
        "{merged:#?}"
    );
    assert!(h1.iter().any(|e| e.by.as_deref() == Some("كريم المراجع")));

    // The same field: a conflict, resolved on A and recorded as such.
    let conflict = a.app.conflicts().unwrap();
    assert_eq!(conflict.len(), 1);
    let theirs = conflict[0].conflict.versions[1].rev;
    a.app
        .resolve_conflict(&s2.id.to_string(), Resolution::Keep(theirs))
        .unwrap();
    let h2 = a.app.history(&s2.id.to_string()).unwrap();
    let discarded = h2
        .iter()
        .find(|e| e.op == AuditOp::Discarded)
        .unwrap_or_else(|| panic!("{h2:#?}"));
    assert!(discarded.recorded);
    assert_eq!(discarded.by.as_deref(), Some("نادية الكاتبة"));
}

#[test]
fn history_of_an_unknown_document_is_a_clear_error() {
    let t = seeded();
    let e = t
        .app
        .history("statement:00000000-0000-7000-8000-000000000000")
        .unwrap_err();
    assert_eq!(e.code(), "not_found", "{e}");
}
