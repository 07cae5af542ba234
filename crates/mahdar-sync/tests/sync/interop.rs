//! PouchDB's own replicator and Mahdar read each other's data the same way.

use crate::{
    Replica,
    pouchdb::{PouchServer, peers_dir},
};
use serde_json::{Value, json};
use std::{collections::BTreeMap, process::Command};

/// Runs `node peer.mjs ARGS` and parses its JSON view: id → (winner, conflicts).
fn peer(args: &[&str]) -> BTreeMap<String, (String, Vec<String>)> {
    let out = Command::new("node")
        .arg(peers_dir().join("peer.mjs"))
        .args(args)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "peer.mjs {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let view: BTreeMap<String, Value> = serde_json::from_slice(&out.stdout).expect("JSON view");
    view.into_iter()
        .map(|(id, v)| {
            let winner = v["winner"].as_str().expect("winner").to_owned();
            let conflicts = v["conflicts"]
                .as_array()
                .expect("conflicts")
                .iter()
                .map(|c| c.as_str().expect("rev").to_owned())
                .collect();
            (id, (winner, conflicts))
        })
        .collect()
}

/// Mahdar's view of its live documents, in the same shape.
fn view(r: &Replica) -> BTreeMap<String, (String, Vec<String>)> {
    r.store
        .scan("")
        .map(|d| {
            let d = d.expect("doc");
            let mut conflicts: Vec<String> = d.conflicts.iter().map(ToString::to_string).collect();
            conflicts.sort();
            (d.id, (d.rev.to_string(), conflicts))
        })
        .collect()
}

#[test]
fn pouchdb_pulls_what_mahdar_pushed_with_the_same_winners_and_conflicts() {
    let server = PouchServer::start();
    let url = server.url("interop-out");
    let a = Replica::new();
    let b = Replica::new();
    for i in 0..50 {
        a.put(
            &format!("statement:i{i:03}"),
            json!({ "text": format!("مداخلة {i}") }),
        );
    }
    a.put("meeting:i", json!({ "title": "لقاء", "venue": "فاس" }));
    a.sync(&url);
    b.sync(&url);
    a.edit("statement:i007", |s| s["text"] = json!("صيغة أ"));
    b.edit("statement:i007", |s| s["text"] = json!("صيغة ب"));
    a.edit("meeting:i", |m| m["title"] = json!("لقاء جهوي"));
    b.edit("meeting:i", |m| m["venue"] = json!("مكناس"));
    b.delete("statement:i010");
    for _ in 0..2 {
        a.sync(&url);
        b.sync(&url);
    }
    assert_eq!(a.state(), b.state());
    assert_eq!(a.conflicts().len(), 1);
    let theirs = peer(&["pull", &url]);
    assert_eq!(theirs, view(&a));
    assert_eq!(
        theirs["statement:i007"].1.len(),
        1,
        "the conflict travelled"
    );
}

#[test]
fn mahdar_pulls_what_pouchdb_pushed_with_the_same_winners_and_conflicts() {
    let server = PouchServer::start();
    let url = server.url("interop-in");
    let dir = tempfile::tempdir().expect("dir");
    let mut docs = Vec::new();
    for i in 0..30 {
        docs.push(
            json!({ "_id": format!("person:p{i:02}"), "names": { "ar": format!("شخص {i}") } }),
        );
    }
    let spec = json!({
        "docs": docs,
        "conflicts": [
            { "_id": "person:p03", "hash": "0123456789abcdef0123456789abcdef",
              "ours": { "names": { "ar": "اسم معدل" } },
              "theirs": { "names": { "ar": "اسم آخر" } } },
            { "_id": "person:p04", "hash": "fedcba9876543210fedcba9876543210",
              "ours": { "names": { "ar": "اسم مصحح" } },
              "theirs": { "names": { "ar": "اسم ثالث" } } },
        ],
    });
    let file = dir.path().join("spec.json");
    std::fs::write(&file, spec.to_string()).expect("spec");
    let theirs = peer(&["push", &url, file.to_str().expect("path")]);
    assert_eq!(
        theirs["person:p03"].1.len() + theirs["person:p04"].1.len(),
        2
    );
    let c = Replica::new();
    let report = c.pull(&url).pull.expect("pull");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(view(&c), theirs);
    assert_eq!(c.conflicts().len(), 2);
}

#[test]
fn without_bulk_get_the_pull_uses_open_revs_and_gets_the_same_revisions() {
    let server = PouchServer::start();
    let url = server.url("open-revs");
    let a = Replica::new();
    let b = Replica::new();
    for i in 0..40 {
        a.put(
            &format!("statement:o{i:03}"),
            json!({ "text": format!("مداخلة {i}") }),
        );
    }
    a.sync(&url);
    b.sync(&url);
    a.edit("statement:o001", |s| s["text"] = json!("صيغة أ"));
    b.edit("statement:o001", |s| s["text"] = json!("صيغة ب"));
    a.delete("statement:o002");
    a.sync(&url);
    b.sync(&url);
    let c = Replica::new();
    let remote = crate::remote(&url);
    let report = mahdar_sync::Replicator::new(&c.store, &remote)
        .without_bulk_get()
        .batch_size(7)
        .sync(false, true, false)
        .expect("pull with open_revs");
    assert!(report.pull.expect("pull").skipped.is_empty());
    assert_eq!(c.state(), b.state());
    assert_eq!(c.conflicts(), b.conflicts());
    assert_eq!(c.conflicts().len(), 1);
}
