//! The seed meeting exactly as `shared/fixtures/seed-meeting.md` describes it.

use crate::{open, seeded};
use mahdar::{model::*, seed_meeting_id};

#[test]
fn the_seed_meeting_is_held_as_the_fixture_describes() {
    let t = seeded();
    let record = t.app.meeting_record(seed_meeting_id()).unwrap();
    let m = &record.meeting.value;
    assert_eq!(m.rank, Some(9), "the 9th of its series");
    assert_eq!(m.region, Some(Region::FesMeknes));
    assert_eq!(
        m.prefecture.as_ref().map(|p| p.display(Lang::Ar)),
        Some("عمالة فاس".to_owned())
    );
    assert_eq!(m.format, Some(MeetingFormat::Hybrid));
    assert_eq!(m.purpose.len(), 2, "the purpose has two parts");
    assert_eq!(
        record.missing,
        vec![
            MissingField::Date,
            MissingField::StartTime,
            MissingField::Venue
        ],
        "the source gives no date, time or venue: they are missing, not invented"
    );
    assert_eq!(
        record
            .series_record
            .as_ref()
            .and_then(|s| s.value.launched_in.as_deref()),
        Some("الداخلة")
    );

    let names: Vec<&str> = record
        .attendance
        .iter()
        .map(|a| {
            a.person
                .as_ref()
                .expect("in the registry")
                .value
                .display_name(Lang::Ar)
        })
        .collect();
    assert_eq!(
        names,
        [
            "عواطف حيار",
            "السعيد الزنيبر",
            "عمال أقاليم وعمالات الجهة",
            "عبد الواحد الأنصاري",
            "ممثلو الهيئات المنتخبة",
            "المجتمع المدني"
        ],
        "six attendance entries in protocol order"
    );
    assert_eq!(
        record.attendance[1].entry.value.title.as_deref(),
        Some("والي جهة فاس مكناس عامل عمالة فاس")
    );
    assert_eq!(
        record.attendance[0].entry.value.roles,
        vec![Role::Chair, Role::Speaker]
    );
    assert_eq!(
        record.attendance[2].person.as_ref().map(|p| p.value.kind),
        Some(PersonKind::Group)
    );

    let speakers: Vec<&str> = record
        .statements
        .iter()
        .map(|s| s.speaker_name.as_str())
        .collect();
    assert_eq!(
        speakers,
        [
            "عواطف حيار",
            "عواطف حيار",
            "عواطف حيار",
            "عواطف حيار",
            "السعيد الزنيبر",
            "السعيد الزنيبر",
            "عبد الواحد الأنصاري",
            "عبد الواحد الأنصاري"
        ],
        "eight statements in the source's order"
    );
    let third = &record.statements[2].statement.value;
    assert_eq!(third.kind, StatementKind::PressStatement);
    assert_eq!(
        third.channel.as_deref(),
        Some("وكالة المغرب العربي للأنباء"),
        "the statement to MAP keeps its channel"
    );
    assert!(
        record.statements[1].statement.value.text.contains("جول"),
        "the source's typo is kept as written"
    );
    assert!(
        record.statements[7]
            .statement
            .value
            .text
            .contains("برنامج استقلالية النساء")
    );

    assert_eq!(record.actions.len(), 3);
    let amounts: Vec<Option<i64>> = record
        .actions
        .iter()
        .map(|a| a.action.value.amount.map(|m| m.centimes))
        .collect();
    assert_eq!(amounts, [Some(2_600_000_000), Some(400_000_000), None]);
    assert_eq!(
        record.actions[2].action.value.status,
        ActionStatus::Done,
        "the site visit was made"
    );
    let proposal = record.statements[3].statement.id;
    assert_eq!(
        record.actions[0].action.value.source,
        Some(SourceRef::Statement(proposal)),
        "the action links back to the proposal"
    );
    assert_eq!(record.actions[0].action.value.partners.len(), 2);
    assert_eq!(
        record.totals.committed,
        vec![Money::mad(30_000_000).unwrap()],
        "30 000 000 MAD committed"
    );
    assert_eq!(
        record.totals.committed[0].format(Lang::Ar),
        "30.000.000 درهم"
    );
    assert_eq!(record.site_visits.len(), 1);
}

#[test]
fn loading_the_seed_twice_changes_nothing() {
    let t = open();
    let first = t.app.load_demo().unwrap();
    assert!(first.created > 20, "the seed has every document: {first:?}");
    let history = t.app.revisions(&seed_meeting_id().to_string()).unwrap();
    let again = t.app.load_demo().unwrap();
    assert_eq!(again.created, 0, "nothing is duplicated");
    assert_eq!(again.already_present, first.created);
    assert_eq!(
        t.app.revisions(&seed_meeting_id().to_string()).unwrap(),
        history,
        "nothing is rewritten"
    );
    assert_eq!(t.app.meetings(&Default::default()).unwrap().len(), 1);
}

#[test]
fn two_laptops_loading_the_seed_hold_the_same_revisions() {
    let (a, b) = (seeded(), seeded());
    let ra = serde_json::to_string(&a.app.meeting_record(seed_meeting_id()).unwrap()).unwrap();
    let rb = serde_json::to_string(&b.app.meeting_record(seed_meeting_id()).unwrap()).unwrap();
    assert_eq!(
        ra, rb,
        "same ids, same revisions: nothing to reconcile when they sync"
    );
}

#[test]
fn the_registry_finds_people_however_their_name_is_typed() {
    let t = seeded();
    for query in ["زنيبر", "الزنيبر", "السعيد زنيبر", "zniber", "ZNIBER"] {
        let hits = t.app.find_people(query).unwrap();
        assert_eq!(
            hits.first().map(|p| p.value.display_name(Lang::Ar)),
            Some("السعيد الزنيبر"),
            "{query} finds the wali"
        );
    }
    assert_eq!(
        t.app.find_people("الانصاري").unwrap().len(),
        1,
        "hamza-free spelling"
    );
    assert!(t.app.find_people("غير موجود").unwrap().is_empty());
}

#[test]
fn the_next_meeting_of_the_series_is_the_tenth() {
    let t = seeded();
    let series = t
        .app
        .meeting(seed_meeting_id())
        .unwrap()
        .value
        .series
        .unwrap();
    assert_eq!(t.app.next_rank(series).unwrap(), 10);
}

#[test]
fn the_ministrys_proposal_becomes_an_action_in_one_step() {
    let t = seeded();
    let proposal = t.app.statements(seed_meeting_id()).unwrap()[3].id;
    let draft = t.app.suggest_action(proposal).unwrap();
    assert_eq!(
        draft.amount,
        Some(Money::mad(26_000_000).unwrap()),
        "the first amount mentioned"
    );
    assert_eq!(
        draft.source,
        Some(SourceRef::Statement(proposal)),
        "linked back to the statement"
    );
    assert_eq!(draft.due, None, "the due date is left to be set");
    let name = |p: PartyRef| t.app.party_name(p, Lang::Ar).unwrap();
    assert_eq!(
        draft.owner.map(name).as_deref(),
        Some("وزارة التضامن والادماج الاجتماعي والأسرة"),
        "the ministry owns it"
    );
    let partners: Vec<String> = draft.partners.iter().map(|p| name(*p)).collect();
    assert_eq!(
        partners,
        ["السلطات المحلية", "المجلس الجهوي"],
        "the partners the statement names"
    );
    assert!(
        draft.title.contains("26 مليون درهم") && !draft.title.starts_with("ولتجاوز"),
        "{}",
        draft.title
    );
    let saved = t.app.add_action(draft).unwrap();
    assert_eq!(
        t.app
            .actions_of(seed_meeting_id())
            .unwrap()
            .last()
            .map(|a| a.action.id),
        Some(saved.id)
    );
}
