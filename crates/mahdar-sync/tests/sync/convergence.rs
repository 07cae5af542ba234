//! Two replicas edit offline and sync in every order until they agree.

use crate::{Replica, pouchdb::PouchServer};
use serde_json::json;

const MEETING: &str = "meeting:0193a000-0000-7000-8000-000000000001";
const SAME_FIELD: &str = "statement:0193a000-0000-7000-8000-000000000002";
const EDIT_DELETE: &str = "statement:0193a000-0000-7000-8000-000000000003";

/// Both replicas start from the same three documents, then work apart.
fn diverge(url: &str) -> (Replica, Replica) {
    let a = Replica::new();
    let b = Replica::new();
    a.put(
        MEETING,
        json!({ "title": "اللقاء التواصلي", "venue": "فاس", "region": "fes-meknes" }),
    );
    a.put(
        SAME_FIELD,
        json!({ "text": "النص الأول", "speaker": "person:1" }),
    );
    a.put(
        EDIT_DELETE,
        json!({ "text": "تصريح", "speaker": "person:2" }),
    );
    a.push(url);
    b.pull(url);
    assert_eq!(a.state(), b.state());

    // Different fields of one document.
    a.edit(MEETING, |m| m["title"] = json!("اللقاء التواصلي التاسع"));
    b.edit(MEETING, |m| m["venue"] = json!("مقر ولاية جهة فاس مكناس"));
    // The same field.
    a.edit(SAME_FIELD, |s| s["text"] = json!("صيغة المكتب"));
    b.edit(SAME_FIELD, |s| s["text"] = json!("صيغة الميدان"));
    // Edit against delete.
    a.delete(EDIT_DELETE);
    b.edit(EDIT_DELETE, |s| s["text"] = json!("تصريح معدل"));
    // A thousand new documents each.
    for (replica, tag) in [(&a, "a"), (&b, "b")] {
        for i in 0..1000 {
            replica.put(
                &format!("statement:{tag}-{i:04}"),
                json!({ "text": format!("مداخلة رقم {i}"), "order": i }),
            );
        }
    }
    (a, b)
}

/// One sync of a replica, in the given direction order.
fn sync(replica: &Replica, url: &str, pull_first: bool) {
    if pull_first {
        replica.pull(url);
        replica.push(url);
    } else {
        replica.push(url);
        replica.pull(url);
    }
}

/// Syncs round after round until both replicas hold the same winners and leaves and a round
/// changes nothing; returns the number of rounds.
fn converge(a: &Replica, b: &Replica, url: &str, b_first: bool, pull_first: bool) -> usize {
    let order: [&Replica; 2] = if b_first { [b, a] } else { [a, b] };
    for round in 1..=6 {
        let before = (a.state(), b.state());
        for r in order {
            sync(r, url, pull_first);
        }
        let after = (a.state(), b.state());
        if after.0 == after.1 && before == after {
            return round;
        }
    }
    panic!("the replicas did not agree after 6 rounds");
}

#[test]
fn replicas_converge_in_every_order_and_lose_nothing() {
    let server = PouchServer::start();
    for (n, (b_first, pull_first)) in [(false, false), (true, false), (false, true), (true, true)]
        .into_iter()
        .enumerate()
    {
        let url = server.url(&format!("converge-{n}"));
        let (a, b) = diverge(&url);
        let rounds = converge(&a, &b, &url, b_first, pull_first);
        assert!(rounds <= 3, "took {rounds} rounds");
        let (sa, sb) = (a.state(), b.state());
        assert_eq!(sa, sb, "same winners and leaves");
        assert_eq!(sa.len(), 3 + 2000);

        // Different fields merged, on both replicas, with no conflict left.
        for r in [&a, &b] {
            let m = r.body(MEETING).expect("meeting");
            assert_eq!(m["title"], "اللقاء التواصلي التاسع");
            assert_eq!(m["venue"], "مقر ولاية جهة فاس مكناس");
            assert_eq!(m["region"], "fes-meknes");
        }
        // The same field: a real conflict, both versions kept, listed alike on both sides.
        let ca = a.conflicts();
        assert_eq!(ca, b.conflicts());
        let ids: Vec<(&str, &str)> = ca.iter().map(|(id, k, _)| (id.as_str(), *k)).collect();
        assert_eq!(ids, [(SAME_FIELD, "edit"), (EDIT_DELETE, "edit_delete")]);
        let c = mahdar_sync::merge::conflict(&a.store, SAME_FIELD)
            .expect("conflict")
            .expect("some");
        let texts: Vec<String> = c
            .versions
            .iter()
            .map(|v| {
                v.body.as_ref().expect("body")["text"]
                    .as_str()
                    .expect("text")
                    .to_owned()
            })
            .collect();
        assert_eq!(texts.len(), 2);
        assert!(texts.contains(&"صيغة المكتب".to_owned()));
        assert!(texts.contains(&"صيغة الميدان".to_owned()));
        assert_eq!(c.fields, ["text"]);
        // Edit against delete: the edit stays visible, the deletion is shown beside it.
        assert_eq!(a.body(EDIT_DELETE).expect("edited")["text"], "تصريح معدل");

        // A person resolves each on a different laptop; the resolutions travel.
        let keep = c.versions.iter().find(|v| !v.winner).expect("loser").rev;
        mahdar_sync::merge::resolve(
            &a.store,
            SAME_FIELD,
            mahdar_sync::merge::Resolution::Keep(keep),
        )
        .expect("resolve");
        let d = mahdar_sync::merge::conflict(&b.store, EDIT_DELETE)
            .expect("conflict")
            .expect("some");
        let deletion = d.versions.iter().find(|v| v.deleted).expect("deletion").rev;
        mahdar_sync::merge::resolve(
            &b.store,
            EDIT_DELETE,
            mahdar_sync::merge::Resolution::Keep(deletion),
        )
        .expect("resolve");
        converge(&a, &b, &url, b_first, pull_first);
        assert_eq!(a.state(), b.state());
        assert!(a.conflicts().is_empty() && b.conflicts().is_empty());
        let kept_text = texts
            .iter()
            .find(|t| {
                c.versions
                    .iter()
                    .any(|v| v.rev == keep && v.body.as_ref().is_some_and(|b| b["text"] == **t))
            })
            .expect("kept text")
            .clone();
        for r in [&a, &b] {
            assert_eq!(
                r.body(SAME_FIELD).expect("kept")["text"],
                kept_text.as_str()
            );
            assert!(r.body(EDIT_DELETE).is_none(), "the deletion was kept");
            // Nothing lost: every version is still in the history.
            let tree = r.store.rev_tree(SAME_FIELD).expect("tree").expect("some");
            for v in &c.versions {
                assert!(r.store.get_rev(SAME_FIELD, &v.rev).expect("rev").is_some());
                assert!(tree.contains(&v.rev));
            }
        }
    }
}

#[test]
fn an_edit_merged_on_two_laptops_at_once_gives_the_same_revisions() {
    let server = PouchServer::start();
    let url = server.url("same-merge");
    let (a, b) = diverge(&url);
    // Each pushes, then each pulls: both merge the meeting independently.
    a.push(&url);
    b.push(&url);
    a.pull(&url);
    b.pull(&url);
    let (sa, sb) = (a.state(), b.state());
    assert_eq!(sa[MEETING], sb[MEETING]);
    let tree = a.store.rev_tree(MEETING).expect("tree").expect("some");
    assert!(
        a.store
            .get(MEETING)
            .expect("get")
            .expect("doc")
            .conflicts
            .is_empty()
    );
    assert_eq!(tree.leaves().iter().filter(|l| !l.deleted).count(), 1);
}

#[test]
fn keeping_the_edit_over_a_deletion_travels_and_leaves_no_conflict() {
    let server = PouchServer::start();
    let url = server.url("keep-edit");
    let a = Replica::new();
    let b = Replica::new();
    a.put(
        EDIT_DELETE,
        json!({ "text": "تصريح", "speaker": "person:2" }),
    );
    a.sync(&url);
    b.sync(&url);
    a.delete(EDIT_DELETE);
    b.edit(EDIT_DELETE, |s| s["text"] = json!("تصريح مصحح"));
    converge(&a, &b, &url, false, false);
    let c = mahdar_sync::merge::conflict(&a.store, EDIT_DELETE)
        .expect("conflict")
        .expect("some");
    assert_eq!(c.kind, "edit_delete");
    // What the edit changed is named, even though the other side has no body to compare.
    assert_eq!(c.fields, ["text"]);
    let edited = c
        .versions
        .iter()
        .find(|v| !v.deleted)
        .expect("the edit")
        .rev;
    mahdar_sync::merge::resolve(
        &a.store,
        EDIT_DELETE,
        mahdar_sync::merge::Resolution::Keep(edited),
    )
    .expect("resolve");
    converge(&a, &b, &url, true, false);
    assert_eq!(a.state(), b.state());
    for r in [&a, &b] {
        assert!(r.conflicts().is_empty());
        assert_eq!(r.body(EDIT_DELETE).expect("kept")["text"], "تصريح مصحح");
    }
    // A third laptop that only ever pulls sees the same, with no conflict either.
    let c = Replica::new();
    c.pull(&url);
    assert_eq!(c.state(), a.state());
    assert!(c.conflicts().is_empty());
}
