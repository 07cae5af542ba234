//! The JSON the UI sends (ui/src/lib/ipc/api.ts) reads into the facade's types.

use mahdar::{
    ActionFilter, MeetingFilter, NewAttendance, NewStatement, Position, ProgressNote, Settings,
    model::*,
};
use serde_json::json;

#[test]
fn positions_read_as_the_ui_writes_them() {
    let s = "statement:0193abcd-0000-7000-8000-000000000001";
    let id: StatementId = s.parse().unwrap();
    let read = |v| serde_json::from_value::<Position<StatementId>>(v).unwrap();
    assert_eq!(read(json!({"at": "last"})), Position::Last);
    assert_eq!(read(json!({"at": "first"})), Position::First);
    assert_eq!(read(json!({"at": "after", "id": s})), Position::After(id));
    assert_eq!(read(json!({"at": "before", "id": s})), Position::Before(id));
    assert!(serde_json::from_value::<Position<StatementId>>(json!({"at": "after"})).is_err());
    assert!(
        serde_json::from_value::<Position<StatementId>>(
            json!({"at": "after", "id": "meeting:0193abcd-0000-7000-8000-000000000001"})
        )
        .is_err(),
        "a meeting id is not a statement position"
    );
}

#[test]
fn filters_and_new_records_need_only_what_the_user_gave() {
    let f: MeetingFilter = serde_json::from_value(json!({})).unwrap();
    assert!(f.region.is_none());
    let f: MeetingFilter =
        serde_json::from_value(json!({"region": "fes-meknes", "from": "2026-01-01"})).unwrap();
    assert_eq!(f.region, Some(Region::FesMeknes));
    let a: ActionFilter = serde_json::from_value(json!({"overdue": true})).unwrap();
    assert!(a.overdue);
    let person = "person:0193abcd-0000-7000-8000-000000000002";
    let s: NewStatement = serde_json::from_value(json!({"speaker": person, "text": "نص"})).unwrap();
    assert_eq!(s.kind, StatementKind::Intervention);
    let e: NewAttendance = serde_json::from_value(json!({"person": person})).unwrap();
    assert_eq!(
        (e.mode, e.presence),
        (AttendanceMode::InPerson, Presence::Present)
    );
    let n: ProgressNote = serde_json::from_value(json!({"note": "توقيع الاتفاقية"})).unwrap();
    assert!(n.date.is_none());
    let settings: Settings = serde_json::from_value(json!({"language": "fr"})).unwrap();
    assert_eq!(
        settings,
        Settings {
            language: Lang::Fr,
            hijri_adjust: 0,
            letterhead: Default::default(),
            reminders: mahdar::ReminderSettings {
                enabled: true,
                days: 7
            },
            auto_lock_minutes: 15,
            attachment_max_mb: 50,
            minutes_photos: mahdar::docs::PhotoLayout::Thumbnails,
        }
    );
}

#[test]
fn an_action_from_the_ui_needs_no_order() {
    let action: FollowUpAction = serde_json::from_value(json!({
        "meeting": "meeting:0193abcd-0000-7000-8000-000000000003",
        "title": "شراكة",
        "description": null, "owner": null, "partners": [],
        "amount": {"centimes": 2_600_000_000i64, "currency": "MAD"},
        "beneficiaries": null, "due": null, "status": "proposed", "source": null
    }))
    .unwrap();
    assert_eq!(action.amount, Some(Money::mad(26_000_000).unwrap()));
    let forged = serde_json::from_value::<FollowUpAction>(json!({
        "meeting": "meeting:0193abcd-0000-7000-8000-000000000003", "title": "x", "description": null,
        "owner": null, "partners": [], "amount": {"centimes": -5, "currency": "MAD"},
        "beneficiaries": null, "due": null, "status": "proposed", "source": null
    }));
    assert!(forged.is_err(), "a negative amount never gets in");
}
