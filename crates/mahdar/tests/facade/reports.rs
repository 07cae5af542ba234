//! "New meeting from a report": the seed report, imported and accepted in full, is the very
//! meeting `mahdar demo` loads; proposals are accepted, edited, rejected and reopened one by
//! one; bad input changes nothing.

use crate::{TempData, open, seeded};
use mahdar::{ForeignRevision, Mahdar, Rev, Review, model::*, seed_meeting_id};
use serde_json::{Value, json};

pub const SEED_REPORT: &str =
    include_str!("../../../mahdar-import/tests/reports/seed/000_55c442fd1a4eb5f5.txt");

/// A meeting's record with the ids replaced by names: what two laptops must agree on.
fn digest(app: &Mahdar, meeting: MeetingId) -> Value {
    let r = app.meeting_record(meeting).unwrap();
    let m = &r.meeting.value;
    let person = |id: PersonId| {
        app.person(id)
            .unwrap()
            .value
            .display_name(Lang::Ar)
            .to_owned()
    };
    let party = |p: &PartyRef| app.party_name(*p, Lang::Ar).unwrap();
    let org = |id: Option<OrganisationId>| {
        id.map(|id| {
            app.party_name(PartyRef::Organisation(id), Lang::Ar)
                .unwrap()
        })
    };
    let statement_no = |id: StatementId| r.statements.iter().position(|s| s.statement.id == id);
    let visit_no = |id: VisitId| r.site_visits.iter().position(|v| v.id == id);
    json!({
        "region": m.region, "prefecture": m.prefecture, "format": m.format, "rank": m.rank,
        "date": m.date, "venue": m.venue, "purpose": m.purpose, "status": m.status,
        "missing": r.missing,
        "series": r.series_record.as_ref().map(|s| json!({
            "title": s.value.title_ar, "launched_in": s.value.launched_in,
            "organiser": org(s.value.organiser),
        })),
        "attendance": r.attendance.iter().map(|a| {
            let p = &a.person.as_ref().unwrap().value;
            let mut aliases = p.aliases.clone();
            aliases.sort();
            json!({
                "name": p.name_ar, "aliases": aliases, "kind": p.kind, "precedence": p.precedence,
                "title": a.entry.value.title, "roles": a.entry.value.roles,
                "mode": a.entry.value.mode, "presence": a.entry.value.presence,
            })
        }).collect::<Vec<_>>(),
        "statements": r.statements.iter().map(|s| {
            let v = &s.statement.value;
            json!({
                "speaker": person(v.speaker), "kind": v.kind, "channel": v.channel,
                "speaking_as": v.speaking_as, "text": v.text, "form": v.form,
            })
        }).collect::<Vec<_>>(),
        "actions": r.actions.iter().map(|a| {
            let v = &a.action.value;
            json!({
                "title": v.title, "owner": v.owner.as_ref().map(party),
                "partners": v.partners.iter().map(party).collect::<Vec<_>>(),
                "amount": v.amount, "beneficiaries": v.beneficiaries, "status": v.status,
                "due": v.due,
                "source": match v.source {
                    Some(SourceRef::Statement(id)) => json!({"statement": statement_no(id)}),
                    Some(SourceRef::Visit(id)) => json!({"visit": visit_no(id)}),
                    Some(SourceRef::Decision(_)) => json!("decision"),
                    None => Value::Null,
                },
            })
        }).collect::<Vec<_>>(),
        "visits": r.site_visits.iter().map(|v| json!({
            "place": v.value.place, "province": v.value.province, "purpose": v.value.purpose,
            "participants": v.value.participants.iter().map(|p| person(*p)).collect::<Vec<_>>(),
            "date": v.value.date,
        })).collect::<Vec<_>>(),
        "totals": r.totals,
    })
}

fn import_seed(t: &TempData) -> MeetingId {
    t.app.import_report(SEED_REPORT).unwrap().meeting
}

#[test]
fn the_seed_report_accepted_in_full_is_the_demo_meeting() {
    let demo = seeded();
    let expected = digest(&demo.app, seed_meeting_id());

    let t = open();
    let draft = t.app.import_report(SEED_REPORT).unwrap();
    assert_eq!(draft.lang, Lang::Ar);
    assert!(draft.pending > 0 && draft.accepted == 0 && draft.rejected == 0);
    assert!(
        t.app
            .meeting_record(draft.meeting)
            .unwrap()
            .attendance
            .is_empty(),
        "nothing reaches the record before a person accepts it"
    );
    let done = t.app.accept_all_proposals(draft.meeting).unwrap();
    assert_eq!(
        (done.pending, done.rejected),
        (0, 0),
        "{:#?}",
        done.proposals
    );
    assert!(done.proposals.iter().all(|p| p.record.is_some()));
    let got = digest(&t.app, draft.meeting);
    assert_eq!(
        serde_json::to_string_pretty(&got).unwrap(),
        serde_json::to_string_pretty(&expected).unwrap(),
        "pasting the seed report and accepting everything gives the demo meeting"
    );
}

#[test]
fn every_proposal_points_at_the_text_it_came_from() {
    let t = open();
    let draft = t.app.import_report(SEED_REPORT).unwrap();
    assert_eq!(
        draft.source, SEED_REPORT,
        "the text is kept exactly as pasted"
    );
    let of = |kind: &str| -> Vec<&Proposal> {
        draft
            .proposals
            .iter()
            .filter(|p| p.item.kind() == kind)
            .collect()
    };
    assert_eq!(of("attendee").len(), 6);
    assert_eq!(of("statement").len(), 8);
    assert_eq!(of("action").len(), 3);
    assert_eq!(of("visit").len(), 1);
    assert!(
        of("date").is_empty(),
        "the report gives no date: none is proposed"
    );
    for p in &draft.proposals {
        assert!(
            !p.span.of(&draft.source).is_empty(),
            "proposal {} has a span inside the text",
            p.no
        );
    }
    let spans: Vec<&str> = of("attendee")
        .iter()
        .map(|p| p.span.of(&draft.source))
        .collect();
    assert!(spans.contains(&"والي جهة فاس مكناس عامل عمالة فاس، السعيد الزنيبر"));
    let wali = of("attendee")
        .into_iter()
        .find(|p| p.span.of(&draft.source).contains("الزنيبر"))
        .unwrap();
    assert!(
        wali.also
            .iter()
            .any(|s| s.of(&draft.source) == "السعيد زنيبر"),
        "the other spelling is marked too"
    );
    let map = of("statement")
        .into_iter()
        .find(|p| {
            matches!(
                &p.item,
                ProposalItem::Statement {
                    channel: Some(_),
                    ..
                }
            )
        })
        .unwrap();
    assert!(
        map.span
            .of(&draft.source)
            .starts_with("وأشارت الوزيرة في تصريح لوكالة المغرب العربي للأنباء")
    );
    let amount = of("action")[0];
    assert!(amount.span.of(&draft.source).contains("26 مليون درهم"));
}

#[test]
fn people_already_in_the_registry_are_matched_not_duplicated() {
    let t = seeded();
    let people_before = t.app.people().unwrap().len();
    let orgs_before = t.app.organisations().unwrap().len();
    let series_before = t.app.series_list().unwrap().len();
    let draft = t.app.import_report(SEED_REPORT).unwrap();
    let matched: Vec<bool> = draft
        .proposals
        .iter()
        .filter_map(|p| match &p.item {
            ProposalItem::Attendee { matched, .. } => Some(matched.is_some()),
            _ => None,
        })
        .collect();
    assert_eq!(matched, vec![true; 6], "all six are known from the demo");

    let done = t.app.accept_all_proposals(draft.meeting).unwrap();
    assert_eq!(t.app.people().unwrap().len(), people_before, "no one twice");
    assert_eq!(
        t.app.organisations().unwrap().len(),
        orgs_before,
        "the ministry, the local authorities and the regional council are known"
    );
    assert_eq!(
        t.app.series_list().unwrap().len(),
        series_before,
        "the same series"
    );
    // The demo already holds the 9th meeting of the series: that one proposal waits, with
    // the reason; everything else is accepted.
    let series = done
        .proposals
        .iter()
        .find(|p| p.item.kind() == "series")
        .unwrap();
    assert_eq!(series.status, ProposalStatus::Pending);
    assert_eq!(done.pending, 1, "{:#?}", done.problems);
    assert_eq!(done.problems.len(), 1);
    assert_eq!(done.problems[0].reason, "rank_taken");
    assert!(
        done.problems[0].message.contains("ranked 9"),
        "{:?}",
        done.problems
    );
    let record = t.app.meeting_record(draft.meeting).unwrap();
    assert_eq!(record.attendance.len(), 6);
    assert_eq!(record.statements.len(), 8);
    // Accepted with another rank, it joins the demo's series.
    let edited = ProposalItem::Series {
        title: "اللقاءات الجهوية لبلورة الاستراتيجية الجديدة ومخطط عمل القطب الاجتماعي".into(),
        rank: Some(10),
        launched_in: Some("الداخلة".into()),
        organiser: None,
    };
    let after = t
        .app
        .review_proposal(draft.meeting, series.no, Review::Accept(Some(edited)))
        .unwrap();
    assert_eq!(after.pending, 0);
    let m = t.app.meeting(draft.meeting).unwrap().value;
    assert_eq!(m.rank, Some(10));
    assert_eq!(
        m.series,
        t.app.meeting(seed_meeting_id()).unwrap().value.series
    );
}

#[test]
fn accept_edit_reject_and_reopen_one_by_one() {
    let t = open();
    let meeting = import_seed(&t);
    let draft = t.app.report_draft(meeting).unwrap().unwrap();
    let no_of = |kind: &str, n: usize| {
        draft
            .proposals
            .iter()
            .filter(|p| p.item.kind() == kind)
            .nth(n)
            .unwrap()
            .no
    };

    // A statement accepted first brings its speaker with it.
    let first_statement = no_of("statement", 0);
    let v = t
        .app
        .review_proposal(meeting, first_statement, Review::Accept(None))
        .unwrap();
    assert_eq!(v.accepted, 2, "the statement and its speaker");
    let record = t.app.meeting_record(meeting).unwrap();
    assert_eq!(record.attendance.len(), 1);
    assert_eq!(record.statements[0].speaker_name, "عواطف حيار");

    // Edited, then accepted: the record holds the edit.
    let president = no_of("attendee", 3);
    let ProposalItem::Attendee {
        name,
        aliases,
        person_kind,
        precedence,
        roles,
        organisation,
        matched,
        ..
    } = draft.proposal(president).unwrap().item.clone()
    else {
        panic!("an attendee")
    };
    assert_eq!(name, "عبد الواحد الأنصاري");
    let edit = ProposalItem::Attendee {
        name,
        aliases,
        title: Some("رئيس مجلس جهة فاس مكناس".into()),
        person_kind,
        precedence,
        roles,
        organisation,
        matched,
    };
    let v = t
        .app
        .review_proposal(meeting, president, Review::Accept(Some(edit)))
        .unwrap();
    let p = v.proposals.iter().find(|p| p.no == president).unwrap();
    assert!(p.edited && p.status == ProposalStatus::Accepted);
    let record = t.app.meeting_record(meeting).unwrap();
    assert!(
        record
            .attendance
            .iter()
            .any(|a| a.entry.value.title.as_deref() == Some("رئيس مجلس جهة فاس مكناس"))
    );

    // Rejected: nothing written; a statement of the rejected speaker says why it cannot go in.
    let wali = no_of("attendee", 1);
    let v = t
        .app
        .review_proposal(meeting, wali, Review::Reject)
        .unwrap();
    assert_eq!(v.rejected, 1);
    let wali_statement = draft
        .proposals
        .iter()
        .find(|p| matches!(p.item, ProposalItem::Statement { speaker, .. } if speaker == wali))
        .unwrap()
        .no;
    let err = t
        .app
        .review_proposal(meeting, wali_statement, Review::Accept(None))
        .unwrap_err();
    assert!(
        err.to_string().contains("rejected"),
        "a clear reason: {err}"
    );
    assert_eq!(
        t.app.meeting_record(meeting).unwrap().statements.len(),
        1,
        "the refused accept wrote nothing"
    );
    // Reopened, the statement goes in with its speaker.
    t.app
        .review_proposal(meeting, wali, Review::Reopen)
        .unwrap();
    t.app
        .review_proposal(meeting, wali_statement, Review::Accept(None))
        .unwrap();
    assert_eq!(t.app.meeting_record(meeting).unwrap().statements.len(), 2);

    // An accepted proposal stays accepted; edits of another kind and dangling references are
    // refused with one line, and change nothing.
    let before = t.app.report_draft(meeting).unwrap().unwrap();
    assert!(
        t.app
            .review_proposal(meeting, first_statement, Review::Reject)
            .is_err()
    );
    assert!(
        t.app
            .review_proposal(meeting, first_statement, Review::Accept(None))
            .is_err()
    );
    let region = no_of("region", 0);
    let wrong_kind = ProposalItem::Purpose {
        text: "شيء آخر".into(),
    };
    let err = t
        .app
        .review_proposal(meeting, region, Review::Accept(Some(wrong_kind)))
        .unwrap_err();
    assert!(!err.to_string().contains('\n'), "{err}");
    let dangling = ProposalItem::Statement {
        speaker: 999,
        statement_kind: StatementKind::Speech,
        channel: None,
        speaking_as: None,
        text: "نص".into(),
    };
    assert!(
        t.app
            .review_proposal(
                meeting,
                no_of("statement", 2),
                Review::Accept(Some(dangling))
            )
            .is_err()
    );
    assert!(
        t.app
            .review_proposal(meeting, 10_000, Review::Accept(None))
            .is_err()
    );
    assert_eq!(t.app.report_draft(meeting).unwrap().unwrap(), before);
}

#[test]
fn the_record_keeps_the_order_of_the_text_whatever_the_order_of_acceptance() {
    let t = open();
    let meeting = import_seed(&t);
    let draft = t.app.report_draft(meeting).unwrap().unwrap();
    let mut numbers: Vec<u32> = draft.proposals.iter().map(|p| p.no).collect();
    numbers.reverse();
    for no in numbers {
        if t.app
            .report_draft(meeting)
            .unwrap()
            .unwrap()
            .proposal(no)
            .unwrap()
            .status
            == ProposalStatus::Pending
        {
            t.app
                .review_proposal(meeting, no, Review::Accept(None))
                .unwrap();
        }
    }
    let demo = seeded();
    assert_eq!(
        digest(&t.app, meeting),
        digest(&demo.app, seed_meeting_id()),
        "accepted last to first, the record is still the demo meeting"
    );
}

#[test]
fn a_person_named_in_two_reports_is_one_person_whatever_the_order() {
    let t = open();
    let first = "وقالت وزيرة الصحة، ليلى بناني، إن المستشفيات ستتعزز.";
    let second = "وأكدت وزيرة الصحة، ليلى بناني، أن العمل سيتواصل.";
    // Both imported before either is accepted: nothing to match at import.
    let a = t.app.import_report(first).unwrap();
    let b = t.app.import_report(second).unwrap();
    t.app.accept_all_proposals(a.meeting).unwrap();
    let people = t.app.people().unwrap().len();
    let done = t.app.accept_all_proposals(b.meeting).unwrap();
    assert_eq!(done.pending, 0, "{:?}", done.problems);
    assert_eq!(
        t.app.people().unwrap().len(),
        people,
        "matched when accepted, not added twice"
    );
}

#[test]
fn someone_known_only_by_a_title_waits_for_a_name() {
    let t = open();
    let v = t
        .app
        .import_report("وقالت الوزيرة إن اللقاء مكن من الوقوف على الاكراهات.")
        .unwrap();
    let unnamed = v
        .proposals
        .iter()
        .find(|p| p.item.kind() == "attendee")
        .expect("the speaker is proposed");
    let done = t.app.accept_all_proposals(v.meeting).unwrap();
    assert_eq!(
        done.proposal(unnamed.no).unwrap().status,
        ProposalStatus::Pending,
        "not added to the registry under a title"
    );
    assert!(
        done.problems.iter().any(|p| p.no == unnamed.no
            && p.reason == "unnamed"
            && p.message.contains("names no one")),
        "{:?}",
        done.problems
    );
    assert!(t.app.people().unwrap().is_empty());
    // Named by a person, it goes in, with its statement.
    let ProposalItem::Attendee {
        title,
        aliases,
        person_kind,
        precedence,
        roles,
        organisation,
        ..
    } = unnamed.item.clone()
    else {
        panic!("an attendee")
    };
    let named = ProposalItem::Attendee {
        name: "عواطف حيار".into(),
        aliases,
        title,
        person_kind,
        precedence,
        roles,
        organisation,
        matched: None,
    };
    t.app
        .review_proposal(v.meeting, unnamed.no, Review::Accept(Some(named)))
        .unwrap();
    let done = t.app.accept_all_proposals(v.meeting).unwrap();
    assert_eq!(done.pending, 0, "{:?}", done.problems);
    assert_eq!(t.app.meeting_record(v.meeting).unwrap().statements.len(), 1);
}

#[test]
fn an_acceptance_cut_short_after_its_write_is_not_written_twice() {
    // The record written, the draft not yet saved (a power cut between the two writes): the
    // proposal is still pending. Accepting it again links the record already there.
    let t = open();
    let meeting = import_seed(&t);
    let done = t.app.accept_all_proposals(meeting).unwrap();
    let before = digest(&t.app, meeting);
    // The draft as it was before any acceptance, as if none of its saves had reached the disk.
    let mut undone = ReportDraft {
        meeting,
        lang: done.lang,
        source: done.source.clone(),
        proposals: done.proposals.clone(),
    };
    for p in &mut undone.proposals {
        p.status = ProposalStatus::Pending;
        p.record = None;
    }
    let mut body = serde_json::to_value(&undone).unwrap();
    body["type"] = json!("report");
    // Arriving as a version with a longer history than the accepted one, it wins.
    let mut history = vec![Rev::compute(None, false, &body)];
    for _ in 0..60 {
        let next = Rev::compute(history.last(), false, &body);
        history.push(next);
    }
    history.reverse();
    t.app
        .apply_foreign(vec![ForeignRevision {
            id: ReportId::from_uuid(meeting.uuid()).doc_id(),
            history,
            deleted: false,
            body,
        }])
        .unwrap();
    assert_eq!(
        t.app.report_draft(meeting).unwrap().unwrap().pending,
        done.proposals.len()
    );
    let again = t.app.accept_all_proposals(meeting).unwrap();
    assert_eq!(again.pending, 0, "{:?}", again.problems);
    assert_eq!(digest(&t.app, meeting), before, "nothing twice");
}

#[test]
fn bad_reports_are_refused_and_nothing_is_written() {
    let t = open();
    let before = t.app.meetings(&Default::default()).unwrap().len();
    for bad in ["", "   \n\t  "] {
        let err = t.app.import_report(bad).unwrap_err();
        assert_eq!(err.to_string(), "report: the report is empty");
    }
    let long = "ا".repeat(MAX_REPORT_CHARS + 1);
    let err = t.app.import_report(&long).unwrap_err();
    assert!(err.to_string().contains("at most 100000"), "{err}");
    assert_eq!(t.app.meetings(&Default::default()).unwrap().len(), before);

    // Text with nothing recognisable still makes a draft (with no proposals): the person can
    // fill it in by hand.
    let v = t.app.import_report("نص لا علاقة له باجتماع.").unwrap();
    assert!(v.proposals.is_empty());
    assert!(t.app.meeting(v.meeting).is_ok());
}

#[test]
fn a_draft_is_deleted_with_its_meeting() {
    let t = open();
    let meeting = import_seed(&t);
    t.app.delete_meeting(meeting).unwrap();
    assert!(t.app.report_draft(meeting).unwrap().is_none());
    assert!(t.app.accept_all_proposals(meeting).is_err());
    assert!(t.app.unreadable_documents().unwrap().is_empty());
}
