//! Listing meetings and actions, overdue first, and adding up the money.

use crate::{open, seeded};
use mahdar::{ActionFilter, MeetingFilter, ProgressNote, TotalsBy, model::*, seed_meeting_id};

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn meetings_list_by_region_and_date() {
    let t = open();
    let mk = |region, date: Option<&str>| {
        t.app
            .create_meeting(Meeting {
                region: Some(region),
                date: date.map(day),
                ..Meeting::default()
            })
            .unwrap()
            .id
    };
    let old = mk(Region::FesMeknes, Some("2025-03-01"));
    let new = mk(Region::FesMeknes, Some("2026-06-01"));
    let draft = mk(Region::FesMeknes, None);
    let other = mk(Region::Oriental, Some("2026-01-01"));
    let ids = |f: MeetingFilter| {
        t.app
            .meetings(&f)
            .unwrap()
            .into_iter()
            .map(|m| m.meeting.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(MeetingFilter {
            region: Some(Region::FesMeknes),
            ..Default::default()
        }),
        [draft, new, old],
        "undated drafts first, then newest"
    );
    assert_eq!(ids(MeetingFilter::default()), [draft, new, other, old]);
    assert_eq!(
        ids(MeetingFilter {
            from: Some(day("2026-01-01")),
            ..Default::default()
        }),
        [new, other]
    );
    assert_eq!(
        ids(MeetingFilter {
            status: Some(MeetingStatus::Approved),
            ..Default::default()
        }),
        []
    );
}

#[test]
fn overdue_actions_come_first_and_totals_add_up() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let actions = t.app.actions_of(meeting).unwrap();
    let (women, income) = (actions[0].action.id, actions[1].action.id);
    t.app
        .set_action_due(income, Some(day("2026-06-30")))
        .unwrap();
    t.app
        .set_action_due(women, Some(day("2027-06-30")))
        .unwrap();

    let all = t.app.actions(&ActionFilter::default()).unwrap();
    let order: Vec<ActionId> = all.iter().map(|v| v.action.id).collect();
    assert_eq!(
        order[..2],
        [income, women],
        "overdue first, then by due date"
    );
    assert!(
        all[0].overdue && !all[1].overdue,
        "overdue on 29 November 2026"
    );
    assert_eq!(
        all[2].action.value.status,
        ActionStatus::Done,
        "done actions last"
    );

    let overdue = t
        .app
        .actions(&ActionFilter {
            overdue: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(overdue.len(), 1);
    let proposed = t
        .app
        .actions(&ActionFilter {
            status: Some(ActionStatus::Proposed),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(proposed.len(), 2);
    let ministry = actions[0].action.value.owner.unwrap();
    let owned = t
        .app
        .actions(&ActionFilter {
            owner: Some(ministry),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(owned.len(), 2, "the ministry owns two actions");
    assert!(
        t.app
            .actions(&ActionFilter {
                region: Some(Region::Oriental),
                ..Default::default()
            })
            .unwrap()
            .is_empty()
    );

    t.app
        .change_action_status(
            women,
            ActionStatus::InProgress,
            ProgressNote {
                note: "توقيع الاتفاقية".into(),
                delivered: Some(Money::mad(5_000_000).unwrap()),
                ..Default::default()
            },
        )
        .unwrap();
    let by_region = t
        .app
        .totals_by(TotalsBy::Region, &ActionFilter::default())
        .unwrap();
    assert_eq!(by_region.len(), 1);
    assert_eq!(by_region[0].key, "fes-meknes");
    assert_eq!(
        by_region[0].totals.committed,
        vec![Money::mad(30_000_000).unwrap()]
    );
    assert_eq!(
        by_region[0].totals.delivered,
        vec![Money::mad(5_000_000).unwrap()]
    );
    let by_owner = t
        .app
        .totals_by(TotalsBy::Owner, &ActionFilter::default())
        .unwrap();
    assert_eq!(
        by_owner
            .iter()
            .find(|r| r.key == ministry.to_string())
            .unwrap()
            .totals
            .committed,
        vec![Money::mad(30_000_000).unwrap()]
    );
    let by_meeting = t
        .app
        .totals_by(TotalsBy::Meeting, &ActionFilter::default())
        .unwrap();
    assert_eq!(by_meeting[0].totals.actions, 3);

    let (cancelled, _) = t
        .app
        .change_action_status(
            income,
            ActionStatus::Cancelled,
            ProgressNote {
                note: "ألغيت".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(cancelled.value.status, ActionStatus::Cancelled);
    assert_eq!(
        t.app.totals(&ActionFilter::default()).unwrap().committed,
        vec![Money::mad(26_000_000).unwrap()],
        "cancelled commitments no longer count"
    );
}

#[test]
fn deleting_a_draft_meeting_takes_everything_in_it() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let action = t.app.actions_of(meeting).unwrap()[0].action.id;
    t.app
        .add_progress(
            action,
            ProgressNote {
                note: "متابعة".into(),
                ..Default::default()
            },
        )
        .unwrap();
    t.app.delete_meeting(meeting).unwrap();
    assert!(t.app.meetings(&Default::default()).unwrap().is_empty());
    assert!(t.app.actions(&ActionFilter::default()).unwrap().is_empty());
    assert!(t.app.statements(meeting).unwrap().is_empty());
    assert!(t.app.progress(action).unwrap().is_empty());
    assert!(t.app.verify().unwrap().is_ok());
    assert_eq!(t.app.people().unwrap().len(), 6, "the registry stays");
}

#[test]
fn a_new_meeting_of_the_series_offers_the_open_actions_of_earlier_ones() {
    let t = seeded();
    let seed = t.app.meeting(seed_meeting_id()).unwrap().value;
    assert!(t.app.matters_arising(seed_meeting_id()).unwrap().is_empty());
    let tenth = t
        .app
        .create_meeting(Meeting {
            series: seed.series,
            rank: Some(10),
            region: seed.region,
            ..Meeting::default()
        })
        .unwrap();
    let arising = t.app.matters_arising(tenth.id).unwrap();
    // The seed meeting's two open actions (its third, the site visit, is done).
    assert_eq!(arising.len(), 2);
    assert!(
        arising
            .iter()
            .all(|a| a.action.value.meeting == seed_meeting_id())
    );
    // Updating one there updates the action itself; a closed one is no longer offered.
    let first = arising[0].action.id;
    t.app
        .change_action_status(
            first,
            ActionStatus::Agreed,
            ProgressNote {
                date: None,
                note: "نوقش في الاجتماع العاشر".into(),
                author: None,
                delivered: None,
            },
        )
        .unwrap();
    t.app
        .change_action_status(
            first,
            ActionStatus::Cancelled,
            ProgressNote {
                date: None,
                note: "أُلغي".into(),
                author: None,
                delivered: None,
            },
        )
        .unwrap();
    let arising = t.app.matters_arising(tenth.id).unwrap();
    assert_eq!(arising.len(), 1);
    assert!(arising.iter().all(|a| a.action.id != first));
    // A meeting elsewhere, of no series, is offered nothing.
    let elsewhere = t
        .app
        .create_meeting(Meeting {
            region: Some("souss-massa".parse().unwrap()),
            ..Meeting::default()
        })
        .unwrap();
    assert!(t.app.matters_arising(elsewhere.id).unwrap().is_empty());
}

#[test]
fn actions_are_filtered_by_partner_and_due_window() {
    let t = seeded();
    let all = t.app.actions(&ActionFilter::default()).unwrap();
    let with_partners: Vec<_> = all
        .iter()
        .filter(|a| !a.action.value.partners.is_empty())
        .collect();
    let partner = with_partners[0].action.value.partners[0];
    let by_partner = t
        .app
        .actions(&ActionFilter {
            partner: Some(partner),
            ..ActionFilter::default()
        })
        .unwrap();
    assert!(!by_partner.is_empty());
    assert!(
        by_partner
            .iter()
            .all(|a| a.action.value.partners.contains(&partner))
    );
    let action = all[0].action.id;
    t.app
        .set_action_due(action, Some("2027-03-15".parse().unwrap()))
        .unwrap();
    let window = |from: &str, to: &str| {
        t.app
            .actions(&ActionFilter {
                due_after: Some(from.parse().unwrap()),
                due_before: Some(to.parse().unwrap()),
                ..ActionFilter::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(window("2027-03-01", "2027-03-31"), 1);
    assert_eq!(window("2027-04-01", "2027-04-30"), 0);
}
