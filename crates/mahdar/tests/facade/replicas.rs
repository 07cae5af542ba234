//! What another laptop's versions, arriving by sync, must not break: approval, deletion, the
//! seed, lists.

use crate::seeded;
use mahdar::{ForeignRevision, Mahdar, NewStatement, Position, Rev, model::*, seed_meeting_id};
use serde_json::{Value, json};

/// Another laptop's edit of a document, based on `base`, arriving by sync.
fn arrives(app: &Mahdar, id: &str, base: Rev, body: Value) -> Rev {
    let rev = Rev::compute(Some(&base), false, &body);
    app.apply_foreign(vec![ForeignRevision {
        id: id.into(),
        history: vec![rev, base],
        deleted: false,
        body,
    }])
    .unwrap();
    rev
}

fn body_of(app: &Mahdar, meeting: &Meeting) -> Value {
    let mut body = serde_json::to_value(meeting).unwrap();
    body["type"] = "meeting".into();
    let _ = app;
    body
}

#[test]
fn a_concurrent_draft_edit_does_not_unlock_approved_minutes() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let id = meeting.to_string();
    let before = t.app.meeting(meeting).unwrap();
    // Laptop B, offline, edits the header twice while laptop A (this one) approves.
    let draft = Meeting {
        venue: Some("قاعة الاجتماعات".into()),
        ..before.value.clone()
    };
    let b1 = arrives(&t.app, &id, before.rev, body_of(&t.app, &draft));
    let draft2 = Meeting {
        venue: Some("قاعة الاجتماعات الكبرى".into()),
        ..draft
    };
    let b2 = Rev::compute(Some(&b1), false, &body_of(&t.app, &draft2));
    let draft3 = Meeting {
        venue: Some("قاعة الاجتماعات الكبرى بالولاية".into()),
        ..draft2.clone()
    };
    let b3 = Rev::compute(Some(&b2), false, &body_of(&t.app, &draft3));
    // A's approval happened on the original before the sync: replay it on the old branch.
    let in_review = Meeting {
        status: MeetingStatus::InReview,
        ..before.value.clone()
    };
    let a1 = Rev::compute(Some(&before.rev), false, &body_of(&t.app, &in_review));
    let approved = Meeting {
        status: MeetingStatus::Approved,
        ..before.value.clone()
    };
    let a2 = Rev::compute(Some(&a1), false, &body_of(&t.app, &approved));
    t.app
        .apply_foreign(vec![
            ForeignRevision {
                id: id.clone(),
                history: vec![a2, a1, before.rev],
                deleted: false,
                body: body_of(&t.app, &approved),
            },
            ForeignRevision {
                id: id.clone(),
                history: vec![b3, b2, b1, before.rev],
                deleted: false,
                body: body_of(&t.app, &draft3),
            },
        ])
        .unwrap();
    let current = t.app.meeting(meeting).unwrap();
    assert_eq!(
        current.conflicts.len(),
        1,
        "the two versions are kept side by side"
    );
    let minister = t.app.attendance(meeting).unwrap()[0].value.person;
    let err = t
        .app
        .add_statement(
            meeting,
            NewStatement {
                kind: StatementKind::Speech,
                ..NewStatement::new(minister, "إضافة")
            },
            Position::Last,
        )
        .unwrap_err();
    assert_eq!(
        err.code(),
        "meeting_locked",
        "an approved version locks the minutes whichever version wins: {err}"
    );
}

#[test]
fn deleting_a_document_with_two_versions_deletes_both() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let decision = t
        .app
        .add_decision(meeting, "تشكيل لجنة للتتبع", None, Position::Last)
        .unwrap();
    let mut other = serde_json::to_value(&decision.value).unwrap();
    other["type"] = "decision".into();
    other["text"] = "تشكيل لجنة جهوية للتتبع".into();
    // This laptop corrected the same decision meanwhile.
    let mine = Decision {
        text: "تشكيل لجنة محلية للتتبع".into(),
        ..decision.value.clone()
    };
    t.app
        .update_decision(decision.id, decision.rev, mine)
        .unwrap();
    arrives(&t.app, &decision.id.to_string(), decision.rev, other);
    assert_eq!(t.app.decisions(meeting).unwrap()[0].conflicts.len(), 1);
    t.app.delete_decision(decision.id).unwrap();
    assert!(
        t.app.decisions(meeting).unwrap().is_empty(),
        "the losing version does not come back"
    );
}

#[test]
fn the_demo_does_not_bring_back_what_someone_deleted() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let last = t.app.statements(meeting).unwrap().pop().unwrap();
    t.app.delete_statement(last.id).unwrap();
    let report = t.app.load_demo().unwrap();
    assert_eq!(report.created, 0);
    assert_eq!(
        t.app.statements(meeting).unwrap().len(),
        7,
        "a deleted seed statement stays deleted"
    );
}

#[test]
fn a_document_from_a_newer_version_is_kept_but_left_out_of_lists() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let newer = json!({
        "type": "statement", "meeting": meeting.to_string(), "speaker": t.app.attendance(meeting).unwrap()[0].value.person.to_string(),
        "kind": "sign_language", "order": "ff80", "text": "نوع جديد", "form": "summary", "speaking_as": null,
        "channel": null, "addressee": null, "agenda_item": null, "recorded_at": null,
    });
    let id = "statement:0193aaaa-0000-7000-8000-000000000001";
    t.app
        .apply_foreign(vec![ForeignRevision {
            id: id.into(),
            history: vec![Rev::compute(None, false, &newer)],
            deleted: false,
            body: newer,
        }])
        .unwrap();
    assert_eq!(
        t.app.statements(meeting).unwrap().len(),
        8,
        "the list still shows the eight it can read"
    );
    assert!(
        t.app.meeting_record(meeting).is_ok(),
        "the meeting still opens"
    );
    let unreadable = t.app.unreadable_documents().unwrap();
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0].0, id);
    assert!(t.app.verify().unwrap().is_ok(), "kept intact in the store");
}

#[test]
fn a_speaker_gone_from_the_registry_does_not_hide_the_meeting() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let group = t.app.attendance(meeting).unwrap()[5].value.person;
    let entry = t.app.person(group).unwrap();
    // Deleted on another laptop, arriving by sync.
    let tomb = Rev::compute(Some(&entry.rev), true, &json!({}));
    t.app
        .apply_foreign(vec![ForeignRevision {
            id: group.to_string(),
            history: vec![tomb, entry.rev],
            deleted: true,
            body: json!({}),
        }])
        .unwrap();
    let record = t.app.meeting_record(meeting).unwrap();
    assert_eq!(record.attendance.len(), 6);
    assert!(
        record.attendance[5].person.is_none(),
        "shown without its registry entry"
    );
}
