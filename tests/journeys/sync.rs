//! Sync from the command line: a server, sync files, conflicts listed and resolved, and a
//! sync killed again and again in the middle that resumes without sending anything twice.

#[path = "../../crates/mahdar-sync/tests/pouchdb.rs"]
pub(crate) mod pouchdb;

use mahdar_journeys::Session;
use pouchdb::{PouchServer, http};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn get(server: &PouchServer, path: &str) -> Value {
    let (status, body) = http("GET", server.port, path, "", None);
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).expect("JSON")
}

#[test]
fn two_laptops_exchange_the_seed_meeting_by_server_and_by_encrypted_file() {
    let server = PouchServer::start();
    let url = server.url("mahdar");
    let a = Session::new();
    let b = Session::new();
    a.run(&["demo"]).ok();
    let out = a.run(&["--lang", "en", "sync", &url]).ok();
    assert!(out.contains("Synced with"), "{out}");
    let report = b.run(&["sync", &url, "--pull", "--json"]).json();
    assert!(
        report["pull"]["revisions"].as_u64().expect("count") > 20,
        "{report}"
    );
    assert!(report["push"].is_null());
    let meetings = |s: &Session| s.run(&["meetings", "--json"]).json();
    assert_eq!(meetings(&a), meetings(&b));

    // By file, encrypted, to a third laptop with no network.
    let c = Session::new();
    let pass = a.path("pass");
    std::fs::write(&pass, "عبارة سر طويلة\n").expect("write");
    let file = a.path("a.mahdar-sync");
    let out = a
        .run(&[
            "--lang",
            "en",
            "sync-export",
            "-o",
            file.to_str().expect("path"),
            "--encrypt",
            "--sync-passphrase-file",
            pass.to_str().expect("path"),
        ])
        .ok();
    assert!(out.contains("written"), "{out}");
    let wrong = c.path("wrong");
    std::fs::write(&wrong, "خطأ\n").expect("write");
    let refused = c.run(&[
        "sync-import",
        file.to_str().expect("path"),
        "--sync-passphrase-file",
        wrong.to_str().expect("path"),
    ]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(
        refused.stderr.trim().lines().count(),
        1,
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("passphrase"), "{}", refused.stderr);
    let without = c.run(&["sync-import", file.to_str().expect("path")]);
    assert_eq!(without.code, 2, "{}", without.stderr);
    c.run(&[
        "sync-import",
        file.to_str().expect("path"),
        "--sync-passphrase-file",
        pass.to_str().expect("path"),
    ])
    .ok();
    assert_eq!(meetings(&a), meetings(&c));
    // Exporting over an existing file is refused unless asked.
    let again = a.run(&["sync-export", "-o", file.to_str().expect("path")]);
    assert_eq!(again.code, 2, "{}", again.stderr);
}

#[test]
fn a_conflict_is_listed_side_by_side_and_resolved_from_the_command_line() {
    let server = PouchServer::start();
    let url = server.url("conflicts");
    let a = Session::new();
    a.run(&["demo"]).ok();
    a.run(&["sync", &url]).ok();
    assert_eq!(a.run(&["conflicts", "--json"]).json(), json!([]));

    // Two other laptops corrected one statement differently and pushed.
    let all = get(&server, "/conflicts/_all_docs?include_docs=true");
    let statement = all["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["doc"].clone())
        .find(|d| d["_id"].as_str().expect("id").starts_with("statement:"))
        .expect("a statement");
    let id = statement["_id"].as_str().expect("id").to_owned();
    let parent = statement["_rev"]
        .as_str()
        .expect("rev")
        .split('-')
        .nth(1)
        .expect("hash")
        .to_owned();
    let mut docs = Vec::new();
    for (hash, tag) in [
        ("a".repeat(32), "صيغة المكتب"),
        ("b".repeat(32), "صيغة الميدان"),
    ] {
        let mut d = statement.clone();
        d["text"] = json!(format!(
            "{} ({tag})",
            statement["text"].as_str().expect("text")
        ));
        d["_rev"] = json!(format!("2-{hash}"));
        d["_revisions"] = json!({ "start": 2, "ids": [hash, parent] });
        docs.push(d);
    }
    let body = json!({ "docs": docs, "new_edits": false }).to_string();
    let (status, answer) = http("POST", server.port, "/conflicts/_bulk_docs", &body, None);
    assert_eq!(status, 201, "{answer}");

    let out = a.run(&["--lang", "en", "sync", &url]).ok();
    assert!(out.contains("conflict awaiting a decision: 1 "), "{out}");
    let listed = a.run(&["conflicts", "--json"]).json();
    let c = &listed[0];
    assert_eq!(c["id"], id.as_str());
    assert_eq!(c["kind"], "edit");
    assert_eq!(c["fields"], json!(["text"]));
    assert_eq!(c["versions"].as_array().expect("versions").len(), 2);
    assert!(c["title"].as_str().expect("title").chars().count() <= 81);
    let text = a.run(&["--lang", "en", "conflicts"]).ok();
    assert!(
        text.contains("صيغة المكتب") && text.contains("صيغة الميدان"),
        "{text}"
    );

    // Bad input is refused in one line and changes nothing.
    for bad in [
        vec![
            "resolve",
            id.as_str(),
            "--keep",
            "9-00000000000000000000000000000000",
        ],
        vec!["resolve", id.as_str(), "--keep", "nonsense"],
        vec![
            "resolve",
            "statement:none",
            "--keep",
            "2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ],
        vec!["resolve", id.as_str()],
    ] {
        let r = a.run(&bad);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stderr);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{bad:?}: {}", r.stderr);
    }
    let not_a_statement = a.path("merged.json");
    std::fs::write(&not_a_statement, r#"{"text": 5}"#).expect("write");
    let r = a.run(&[
        "resolve",
        &id,
        "--merged",
        not_a_statement.to_str().expect("path"),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        a.run(&["conflicts", "--json"]).json(),
        listed,
        "nothing changed"
    );

    // Keep the field laptop's version; it travels to the server like any edit.
    let keep = c["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .find(|v| {
            v["body"]["text"]
                .as_str()
                .expect("text")
                .contains("صيغة الميدان")
        })
        .expect("the field version")["rev"]
        .as_str()
        .expect("rev")
        .to_owned();
    a.run(&["resolve", &id, "--keep", &keep]).ok();
    assert_eq!(a.run(&["conflicts", "--json"]).json(), json!([]));
    a.run(&["sync", &url]).ok();
    let doc = get(
        &server,
        &format!("/conflicts/{}?conflicts=true", id.replace(':', "%3A")),
    );
    assert!(doc.get("_conflicts").is_none(), "{doc}");
    assert!(doc["text"].as_str().expect("text").contains("صيغة الميدان"));
}

/// How many times the push is killed (`MAHDAR_SYNC_KILLS`; 8 in CI).
fn sync_kills() -> u64 {
    std::env::var("MAHDAR_SYNC_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8)
}

#[test]
fn a_push_killed_again_and_again_resumes_without_sending_anything_twice() {
    let server = PouchServer::start();
    let url = server.url("killed");
    let s = Session::new();
    s.run(&["init"]).ok();
    {
        // Many small documents, written straight into the laptop's store.
        let store = mahdar_store::Store::open(
            s.data_dir().join("store"),
            mahdar_store::StoreOptions {
                schema: mahdar::SCHEMA,
                ..Default::default()
            },
        )
        .expect("store");
        let edits = (0..20_000)
            .map(|i| mahdar_store::Edit::Put {
                id: format!("note:{i:06}"),
                base: None,
                body: json!({ "text": format!("ملاحظة رقم {i}") }),
            })
            .collect();
        store.write(edits).expect("write");
    }
    let count = || {
        let (status, body) = http("GET", server.port, "/killed", "", None);
        if status != 200 {
            return 0;
        }
        serde_json::from_str::<Value>(&body).map_or(0, |v| v["doc_count"].as_u64().unwrap_or(0))
    };
    let kills = sync_kills();
    // The last kill comes with at most 18 000 of the 20 000 on the server.
    let step = 18_000 / kills.max(1);
    let mut killed = 0;
    for k in 1..=kills {
        let mut child = s
            .command()
            .arg("--data-dir")
            .arg(s.data_dir())
            .args(["sync", &url, "--push"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("mahdar sync starts");
        let deadline = Instant::now() + Duration::from_secs(120);
        // Kill it once the server holds k steps of the documents.
        while count() < k * step {
            assert!(Instant::now() < deadline, "push {k} never got going");
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        if child.try_wait().expect("wait").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        }
        child.wait().expect("reaped");
    }
    let at_last_kill = count();
    assert!(
        killed >= kills / 2 && at_last_kill < 20_000,
        "killed in the middle {killed} times ({at_last_kill} of 20000 on the server)"
    );

    let report = s.run(&["sync", &url, "--push", "--json"]).json();
    let push = &report["push"];
    assert_eq!(push["resumed"], true, "{report}");
    let sent = push["revisions"].as_u64().expect("revisions");
    assert!(
        sent + at_last_kill >= 20_000 && sent <= 20_000 - at_last_kill + 500,
        "{sent} sent after {at_last_kill}"
    );
    let info = get(&server, "/killed");
    assert_eq!(info["doc_count"], 20_000);
    assert_eq!(
        info["update_seq"], 20_000,
        "every revision written once, through {killed} kills"
    );
    eprintln!(
        "sync: {killed} kills in the middle of 20 000 documents, every revision written once"
    );
}
