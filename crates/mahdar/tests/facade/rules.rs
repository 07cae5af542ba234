//! The domain's rules, enforced through the use cases: refused changes write nothing.

use crate::{open, seeded};
use mahdar::{NewAttendance, NewStatement, Position, ProgressNote, model::*, seed_meeting_id};

fn statement(speaker: PersonId, text: &str) -> NewStatement {
    NewStatement::new(speaker, text)
}

#[test]
fn only_attendees_who_are_present_can_speak() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let stranger = t
        .app
        .create_person(Person::named("شخص غريب", Precedence::Other))
        .unwrap();
    let before = t.app.statements(meeting).unwrap().len();
    let err = t
        .app
        .add_statement(meeting, statement(stranger.id, "مداخلة"), Position::Last)
        .unwrap_err();
    assert_eq!(err.code(), "speaker_not_attending", "{err}");
    assert_eq!(
        t.app.statements(meeting).unwrap().len(),
        before,
        "a refused statement is not written"
    );

    t.app
        .add_attendance(
            meeting,
            NewAttendance {
                person: stranger.id,
                title: None,
                roles: vec![],
                mode: AttendanceMode::Remote,
                presence: Presence::Excused,
            },
        )
        .unwrap();
    let err = t
        .app
        .add_statement(meeting, statement(stranger.id, "مداخلة"), Position::Last)
        .unwrap_err();
    assert_eq!(err.code(), "speaker_not_present");
    let err = t
        .app
        .add_attendance(
            meeting,
            NewAttendance {
                person: stranger.id,
                title: None,
                roles: vec![],
                mode: AttendanceMode::Remote,
                presence: Presence::Present,
            },
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("already on the attendance list"),
        "{err}"
    );
}

#[test]
fn someone_who_spoke_stays_on_the_list() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let wali = t
        .app
        .attendance(meeting)
        .unwrap()
        .into_iter()
        .nth(1)
        .unwrap();
    let err = t.app.remove_attendance(wali.id).unwrap_err();
    assert!(err.to_string().contains("2 statement(s)"), "{err}");
    let absent = Attendance {
        presence: Presence::Absent,
        ..wali.value.clone()
    };
    assert!(
        t.app.update_attendance(wali.id, wali.rev, absent).is_err(),
        "a speaker cannot be marked absent"
    );
    let governors = t
        .app
        .attendance(meeting)
        .unwrap()
        .into_iter()
        .nth(2)
        .unwrap();
    t.app.remove_attendance(governors.id).unwrap();
    assert_eq!(t.app.attendance(meeting).unwrap().len(), 5);
}

#[test]
fn approved_minutes_are_read_only_but_follow_up_goes_on() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let minister = t.app.attendance(meeting).unwrap()[0].value.person;
    let err = t
        .app
        .set_meeting_status(meeting, MeetingStatus::Approved)
        .unwrap_err();
    assert_eq!(
        err.code(),
        "illegal_transition",
        "no approval without review: {err}"
    );
    t.app
        .set_user_profile(mahdar::model::UserProfile {
            name: "عواطف حيار".into(),
            role: mahdar::model::UserRole::Approver,
        })
        .unwrap();
    t.app
        .set_meeting_status(meeting, MeetingStatus::InReview)
        .unwrap();
    let approved = t
        .app
        .set_meeting_status(meeting, MeetingStatus::Approved)
        .unwrap();

    let err = t
        .app
        .add_statement(meeting, statement(minister, "إضافة"), Position::Last)
        .unwrap_err();
    assert_eq!(err.code(), "meeting_locked", "{err}");
    let venue = Meeting {
        venue: Some("مقر الولاية".into()),
        ..approved.value.clone()
    };
    assert_eq!(
        t.app
            .update_meeting(meeting, approved.rev, venue)
            .unwrap_err()
            .code(),
        "meeting_locked"
    );
    let first = t.app.statements(meeting).unwrap().remove(0);
    assert_eq!(
        t.app
            .move_statement(first.id, Position::Last)
            .unwrap_err()
            .code(),
        "meeting_locked"
    );
    assert_eq!(
        t.app.delete_meeting(meeting).unwrap_err().code(),
        "meeting_locked"
    );

    let action = t.app.actions_of(meeting).unwrap().remove(0).action;
    let (moved, entry) = t
        .app
        .change_action_status(
            action.id,
            ActionStatus::InProgress,
            ProgressNote {
                note: "توقيع الاتفاقية".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        moved.value.status,
        ActionStatus::InProgress,
        "follow-up goes on after approval"
    );
    assert_eq!(
        entry.value.status_change,
        Some(StatusChange {
            from: ActionStatus::Proposed,
            to: ActionStatus::InProgress
        })
    );
    assert_eq!(entry.value.date, t.app.today(), "dated today by default");
    let err = t
        .app
        .change_action_status(
            action.id,
            ActionStatus::Proposed,
            ProgressNote {
                note: "x".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "illegal_transition");
    assert_eq!(
        t.app.progress(action.id).unwrap().len(),
        1,
        "a refused move logs nothing"
    );
}

#[test]
fn reordering_writes_one_statement_and_keeps_the_rest() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let before = t.app.statements(meeting).unwrap();
    let last = before.last().unwrap();
    let history_of_others: Vec<_> = before[..7]
        .iter()
        .map(|s| t.app.revisions(&s.id.to_string()).unwrap())
        .collect();
    t.app
        .move_statement(last.id, Position::After(before[0].id))
        .unwrap();
    let after: Vec<StatementId> = t
        .app
        .statements(meeting)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    let mut expected: Vec<StatementId> = before.iter().map(|s| s.id).collect();
    let moved = expected.pop().unwrap();
    expected.insert(1, moved);
    assert_eq!(after, expected, "the last statement now comes second");
    let still: Vec<_> = before[..7]
        .iter()
        .map(|s| t.app.revisions(&s.id.to_string()).unwrap())
        .collect();
    assert_eq!(still, history_of_others, "no other statement was rewritten");
    let unchanged = t.app.move_statement(moved, Position::After(moved)).unwrap();
    assert_eq!(
        unchanged.rev,
        t.app.statements(meeting).unwrap()[1].rev,
        "moving next to itself writes nothing"
    );
    t.app
        .move_statement(moved, Position::Before(before[0].id))
        .unwrap();
    assert_eq!(
        t.app.statements(meeting).unwrap()[0].id,
        moved,
        "and it can go first"
    );
}

#[test]
fn live_minute_taking_appends_in_order() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let minister = t.app.attendance(meeting).unwrap()[0].value.person;
    for i in 0..50 {
        let mut s = statement(minister, &format!("مداخلة رقم {i}"));
        s.recorded_at = Some(crate::now());
        t.app.add_statement(meeting, s, Position::Last).unwrap();
    }
    let texts: Vec<String> = t
        .app
        .statements(meeting)
        .unwrap()
        .into_iter()
        .skip(8)
        .map(|s| s.value.text)
        .collect();
    let expected: Vec<String> = (0..50).map(|i| format!("مداخلة رقم {i}")).collect();
    assert_eq!(texts, expected);
}

#[test]
fn bad_input_is_refused_with_the_field_named() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let minister = t.app.attendance(meeting).unwrap()[0].value.person;
    let err = t
        .app
        .add_statement(meeting, statement(minister, "   "), Position::Last)
        .unwrap_err();
    assert_eq!(
        (err.code(), err.to_string()),
        ("invalid_input", "text: must not be empty".to_owned())
    );
    let series = t.app.meeting(meeting).unwrap().value.series;
    let dup = Meeting {
        series,
        rank: Some(9),
        ..Meeting::default()
    };
    let err = t.app.create_meeting(dup).unwrap_err();
    assert!(err.to_string().contains("next free rank is 10"), "{err}");
    let err = t.app.resolve_meeting("zz").unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(
        t.app.resolve_meeting("ffffffff").unwrap_err().code(),
        "not_found"
    );
    let short = &seed_meeting_id().to_string()["meeting:".len()..][..8];
    assert_eq!(
        t.app.resolve_meeting(short).unwrap(),
        seed_meeting_id(),
        "a unique prefix finds the meeting"
    );
    let open = open();
    assert_eq!(open.app.meeting(meeting).unwrap_err().code(), "not_found");
}

#[test]
fn fields_from_a_newer_version_survive_an_edit_here() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let id = meeting.to_string();
    // A newer Mahdar on another laptop added a field; it reaches this laptop through sync.
    let mut body = serde_json::to_value(&t.app.meeting(meeting).unwrap().value).unwrap();
    body["type"] = "meeting".into();
    body["weather"] = "ممطر".into();
    let base = t.app.meeting(meeting).unwrap().rev;
    let newer = mahdar::Rev::compute(Some(&base), false, &body);
    t.app
        .apply_foreign(vec![mahdar::ForeignRevision {
            id,
            history: vec![newer, base],
            deleted: false,
            body,
        }])
        .unwrap();
    let current = t.app.meeting(meeting).unwrap();
    assert_eq!(current.rev, newer);
    let edited = Meeting {
        venue: Some("مقر ولاية جهة فاس مكناس".into()),
        ..current.value
    };
    t.app.update_meeting(meeting, current.rev, edited).unwrap();
    let dir = t.dir.path().join("b.mahdar-backup");
    t.app.backup(&dir).unwrap();
    let text = std::fs::read_to_string(&dir).unwrap();
    assert!(
        text.contains("\"weather\":\"ممطر\"") && text.contains("مقر ولاية"),
        "the unknown field is kept beside the edit"
    );
}
