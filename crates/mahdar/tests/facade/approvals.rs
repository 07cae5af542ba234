//! The approval workflow: roles, the frozen snapshot and its SHA-256, verification of the
//! minutes and of their PDF, across laptops.

use crate::{open, seeded};
use mahdar::{
    ExportFormat, ProgressNote,
    model::{ActionStatus, Lang, MeetingStatus, UserProfile, UserRole},
    seed_meeting_id,
};

fn as_role(t: &crate::TempData, role: UserRole) {
    t.app
        .set_user_profile(UserProfile {
            name: "عواطف حيار".into(),
            role,
        })
        .unwrap();
}

/// The seed meeting sent to review and approved by an approver.
fn approve(t: &crate::TempData) {
    as_role(t, UserRole::Approver);
    for to in [MeetingStatus::InReview, MeetingStatus::Approved] {
        t.app.set_meeting_status(seed_meeting_id(), to).unwrap();
    }
}

#[test]
fn only_an_approver_approves_and_nobody_without_a_profile() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let e = t
        .app
        .set_meeting_status(meeting, MeetingStatus::InReview)
        .unwrap_err();
    assert_eq!(e.code(), "no_profile", "{e}");
    assert_eq!(
        t.app.meeting(meeting).unwrap().value.status,
        MeetingStatus::Draft
    );

    as_role(&t, UserRole::Secretary);
    t.app
        .set_meeting_status(meeting, MeetingStatus::InReview)
        .unwrap();
    for role in [UserRole::Secretary, UserRole::Reviewer] {
        as_role(&t, role);
        let e = t
            .app
            .set_meeting_status(meeting, MeetingStatus::Approved)
            .unwrap_err();
        assert_eq!(e.code(), "not_allowed", "{e}");
        assert!(e.to_string().contains("who may: approver"), "{e}");
    }
    assert_eq!(
        t.app.meeting(meeting).unwrap().value.status,
        MeetingStatus::InReview
    );
    assert!(
        t.app.approvals(meeting).unwrap().is_empty(),
        "nothing written"
    );

    as_role(&t, UserRole::Approver);
    t.app
        .set_meeting_status(meeting, MeetingStatus::Approved)
        .unwrap();
    let record = t.app.meeting_record(meeting).unwrap();
    let approval = record.approval.expect("the record names its approval");
    assert_eq!(approval.sha256.len(), 64);
    assert!(approval.sha256.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        (approval.amendment, approval.approved_by.as_str()),
        (0, "عواطف حيار")
    );
    assert!(approval.intact);
    // The secretariat publishes.
    as_role(&t, UserRole::Secretary);
    t.app
        .set_meeting_status(meeting, MeetingStatus::Published)
        .unwrap();
    let v = t.app.verify_meeting(meeting).unwrap();
    assert!(
        v.matches,
        "publishing does not change the minutes: {:?}",
        v.changes
    );
}

#[test]
fn the_hash_survives_follow_up_another_laptop_and_a_sync_round_trip() {
    let a = seeded();
    let meeting = seed_meeting_id();
    approve(&a);
    let approved = a.app.latest_approval(meeting).unwrap().unwrap().sha256;

    // Follow-up goes on after approval without touching the approved minutes.
    let action = a.app.actions_of(meeting).unwrap()[0].action.id;
    a.app
        .change_action_status(
            action,
            ActionStatus::Agreed,
            ProgressNote {
                date: None,
                note: "اتفاق مبدئي".into(),
                author: None,
                delivered: None,
            },
        )
        .unwrap();
    a.app
        .set_action_due(action, Some("2027-06-30".parse().unwrap()))
        .unwrap();
    let v = a.app.verify_meeting(meeting).unwrap();
    assert!(v.matches, "{:?}", v.changes);
    assert_eq!(v.current_sha256, approved);

    // Another laptop, by sync file: the same approval, the same hash computed there.
    let file = a.dir.path().join("to-b.mahdar-sync");
    a.app.sync_export(&file, None, None).unwrap();
    let b = open();
    b.app.sync_import(&file, None, None).unwrap();
    let there = b.app.verify_meeting(meeting).unwrap();
    assert!(there.matches, "{:?}", there.changes);
    assert_eq!(there.current_sha256, approved);
    assert_eq!(there.approval.unwrap().sha256, approved);
    // And back: nothing moves.
    let back = b.dir.path().join("to-a.mahdar-sync");
    b.app.sync_export(&back, None, None).unwrap();
    a.app.sync_import(&back, None, None).unwrap();
    assert_eq!(
        a.app.verify_meeting(meeting).unwrap().current_sha256,
        approved
    );
}

#[test]
fn a_changed_name_breaks_the_match_but_never_the_approved_snapshot() {
    let t = seeded();
    let meeting = seed_meeting_id();
    approve(&t);
    let approved = t.app.latest_approval(meeting).unwrap().unwrap();
    let pdf = t.app.export(meeting, ExportFormat::Pdf, Lang::Ar).unwrap();
    assert!(
        pdf.windows(64).any(|w| w == approved.sha256.as_bytes()),
        "the PDF carries the hash"
    );
    let v = t.app.verify_file(&pdf).unwrap();
    assert!(v.matches && v.file_sha256.as_deref() == Some(approved.sha256.as_str()));

    // The registry is not frozen: renaming an attendee changes what the minutes would say.
    let person = t.app.attendance(meeting).unwrap()[0].value.person;
    let stored = t
        .app
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.id == person)
        .unwrap();
    let mut renamed = stored.value.clone();
    renamed.name_ar = Some("اسم آخر".into());
    t.app.update_person(person, stored.rev, renamed).unwrap();
    let v = t.app.verify_meeting(meeting).unwrap();
    assert!(!v.matches);
    assert!(
        v.changes.iter().any(|c| c.path.contains("name_ar")),
        "{:?}",
        v.changes
    );
    // The approval itself is untouched, and the old PDF is named as what it was.
    let after = t.app.latest_approval(meeting).unwrap().unwrap();
    assert_eq!(after, approved);
    let old = t.app.verify_file(&pdf).unwrap();
    assert!(!old.matches && old.approval.unwrap().intact);
    // A PDF made now no longer carries the approval it does not match.
    let now = t.app.export(meeting, ExportFormat::Pdf, Lang::Ar).unwrap();
    assert!(!now.windows(64).any(|w| w == approved.sha256.as_bytes()));
    let e = t.app.verify_file(&now).unwrap_err();
    assert_eq!(e.code(), "invalid_input", "{e}");
}

#[test]
fn the_user_profile_is_checked() {
    let t = open();
    assert!(t.app.user_profile().unwrap().is_none());
    let e = t
        .app
        .set_user_profile(UserProfile {
            name: "  ".into(),
            role: UserRole::Approver,
        })
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(t.app.user_profile().unwrap().is_none(), "nothing kept");
    let p = t
        .app
        .set_user_profile(UserProfile {
            name: " السعيد  الزنيبر ".into(),
            role: UserRole::Reviewer,
        })
        .unwrap();
    assert_eq!(p.name, "السعيد الزنيبر");
    assert_eq!(t.app.user_profile().unwrap(), Some(p));
}

#[test]
fn editing_after_approval_starts_amendment_1_with_a_diff_and_keeps_the_approved_version() {
    let t = seeded();
    let meeting = seed_meeting_id();
    approve(&t);
    let approved = t.app.latest_approval(meeting).unwrap().unwrap();
    let statement = t.app.statements(meeting).unwrap()[2].clone();
    let e = t
        .app
        .update_statement(statement.id, statement.rev, statement.value.clone())
        .unwrap_err();
    assert_eq!(
        e.code(),
        "meeting_locked",
        "approved minutes are not edited in place"
    );

    // A reviewer may not reopen approved minutes; the secretariat may.
    as_role(&t, UserRole::Reviewer);
    assert_eq!(
        t.app
            .set_meeting_status(meeting, MeetingStatus::Draft)
            .unwrap_err()
            .code(),
        "not_allowed"
    );
    as_role(&t, UserRole::Secretary);
    t.app
        .set_meeting_status(meeting, MeetingStatus::Draft)
        .unwrap();
    let mut edited = statement.value.clone();
    edited.text = format!("{} (تصويب)", statement.value.text);
    t.app
        .update_statement(statement.id, statement.rev, edited.clone())
        .unwrap();

    let v = t.app.verify_meeting(meeting).unwrap();
    assert!(!v.matches);
    assert_eq!(v.amendment_in_progress, Some(1));
    let change = v
        .changes
        .iter()
        .find(|c| c.path.ends_with(".text"))
        .expect("the statement's text is named");
    assert!(
        change.path.contains(&statement.id.to_string()),
        "{change:?}"
    );
    assert_eq!(
        change.before.as_ref().unwrap(),
        statement.value.text.as_str()
    );
    assert_eq!(change.after.as_ref().unwrap(), edited.text.as_str());
    assert_eq!(v.changes.len(), 1, "{:?}", v.changes);
    // The approved version is unchanged.
    assert_eq!(t.app.latest_approval(meeting).unwrap().unwrap(), approved);

    // Approved again: amendment 1, and both approvals kept.
    approve(&t);
    let all = t.app.approvals(meeting).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].value.sha256, approved.sha256);
    let second = t.app.latest_approval(meeting).unwrap().unwrap();
    assert_eq!(second.amendment, 1);
    assert_ne!(second.sha256, approved.sha256);
    let v = t.app.verify_meeting(meeting).unwrap();
    assert!(v.matches && v.amendment_in_progress.is_none());
}
