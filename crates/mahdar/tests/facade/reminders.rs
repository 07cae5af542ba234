//! Due reminders: which actions, worded how, and at most once a day each.

use crate::seeded;
use mahdar::{
    FixedClock, Mahdar, ReminderSettings,
    model::{ActionStatus, Lang},
    notices, seed_meeting_id,
};
use std::sync::Arc;

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn overdue_and_soon_due_actions_are_reminded_once_a_day() {
    let t = seeded();
    let actions = t.app.actions_of(seed_meeting_id()).unwrap();
    let (women, income, visit) = (
        actions[0].action.id,
        actions[1].action.id,
        actions[2].action.id,
    );
    assert_eq!(actions[2].action.value.status, ActionStatus::Done);
    // Today is 29 November 2026.
    t.app
        .set_action_due(women, Some(day("2026-12-03")))
        .unwrap();
    t.app
        .set_action_due(income, Some(day("2026-11-20")))
        .unwrap();
    // Done: never reminded, however late.
    t.app
        .set_action_due(visit, Some(day("2026-10-01")))
        .unwrap();

    let due = t.app.due_reminders().unwrap();
    let got: Vec<_> = due
        .iter()
        .map(|r| (r.action.action.id, r.days_left))
        .collect();
    assert_eq!(got, [(income, -9), (women, 4)], "overdue first");

    let ar = notices(&due, Lang::Ar);
    assert_eq!(ar.len(), 2, "one notification each for a few");
    assert_eq!(ar[0].title, "محضر: إجراء تتبع متأخر");
    assert!(ar[0].body.contains("متأخر بـ9 أيام"), "{}", ar[0].body);
    assert!(ar[0].body.contains("2026-11-20"), "{}", ar[0].body);
    assert!(ar[1].body.contains("يحل أجله بعد 4 أيام"), "{}", ar[1].body);
    let fr = notices(&due, Lang::Fr);
    assert!(
        fr[0].body.contains("en retard de 9 jours"),
        "{}",
        fr[0].body
    );

    // Shown: not again today.
    t.app
        .mark_reminded(&due.iter().map(|r| r.action.action.id).collect::<Vec<_>>())
        .unwrap();
    assert!(t.app.due_reminders().unwrap().is_empty());

    // Tomorrow, again (the same data folder, a day later).
    let path = t.app.data_dir().to_path_buf();
    drop(t.app);
    let tomorrow: chrono::DateTime<chrono::Utc> = "2026-11-30T09:00:00Z".parse().unwrap();
    let app = Mahdar::open_with_clock(&path, Arc::new(FixedClock(tomorrow))).unwrap();
    let again: Vec<_> = app
        .due_reminders()
        .unwrap()
        .iter()
        .map(|r| (r.action.action.id, r.days_left))
        .collect();
    assert_eq!(again, [(income, -10), (women, 3)]);

    // A shorter warning leaves the action due in 3 days out; switched off, nothing.
    let mut settings = app.settings().unwrap();
    settings.reminders = ReminderSettings {
        enabled: true,
        days: 2,
    };
    app.set_settings(settings.clone()).unwrap();
    assert_eq!(app.due_reminders().unwrap().len(), 1);
    settings.reminders.enabled = false;
    app.set_settings(settings.clone()).unwrap();
    assert!(app.due_reminders().unwrap().is_empty());

    // An unreasonable warning is refused and changes nothing.
    settings.reminders = ReminderSettings {
        enabled: true,
        days: 365,
    };
    let e = app.set_settings(settings).unwrap_err();
    assert_eq!(e.code(), "invalid_input", "{e}");
    assert!(!app.settings().unwrap().reminders.enabled);
}

#[test]
fn many_reminders_make_one_summary() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let template = t.app.actions_of(meeting).unwrap()[0].action.value.clone();
    for n in 0..5 {
        let a = t
            .app
            .add_action(mahdar::model::FollowUpAction {
                title: format!("إجراء رقم {n}"),
                ..template.clone()
            })
            .unwrap();
        t.app
            .set_action_due(
                a.id,
                Some(day(if n < 2 { "2026-11-01" } else { "2026-12-01" })),
            )
            .unwrap();
    }
    let due = t.app.due_reminders().unwrap();
    assert_eq!(due.len(), 5);
    let ar = notices(&due, Lang::Ar);
    assert_eq!(ar.len(), 1);
    assert_eq!(
        ar[0].title,
        "محضر: 5 إجراءات تتطلب المتابعة (2 متأخرة، 3 يحل أجلها قريبا)"
    );
    assert_eq!(ar[0].body.lines().count(), 4, "{}", ar[0].body);
    let en = notices(&due, Lang::En);
    assert_eq!(
        en[0].title,
        "Mahdar: 5 actions need follow-up (2 overdue, 3 due soon)"
    );
}
