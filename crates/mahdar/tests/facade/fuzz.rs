//! Bad input, generated: thousands of damaged meeting files, sync files and documents from a
//! server, made by mutating real ones (the seed meeting's) and by inventing JSON outright. None
//! may crash Mahdar; what is refused must change nothing; what is accepted must leave a sound
//! store.
//!
//! `MAHDAR_FUZZ_CASES` sets how many inputs each target runs (200 by default, for CI; `make
//! fuzz` runs 20 000). Each target writes how many it ran to `target/fuzz-report.txt`.

use crate::{open, seeded};
use mahdar::{Mahdar, VerifyReport, seed_meeting_id};
use proptest::{prelude::*, test_runner::TestCaseError};
use serde_json::{Value, json};
use std::path::Path;

fn cases() -> u32 {
    std::env::var("MAHDAR_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        // Shrinking a failure of an end-to-end import can take long; the seed says it all.
        max_shrink_iters: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// How many inputs a target accepted and refused (both must happen, or the target tests
/// nothing).
#[derive(Default)]
struct Outcomes {
    accepted: std::sync::atomic::AtomicUsize,
    refused: std::sync::atomic::AtomicUsize,
}

impl Outcomes {
    fn note<T, E>(&self, r: &Result<T, E>) {
        let counter = if r.is_ok() {
            &self.accepted
        } else {
            &self.refused
        };
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn counts(&self) -> (usize, usize) {
        (
            self.accepted.load(std::sync::atomic::Ordering::Relaxed),
            self.refused.load(std::sync::atomic::Ordering::Relaxed),
        )
    }
}

/// Writes "target: N inputs (A accepted, R refused), no crash" to the report CI prints, after
/// checking that the target both accepted and refused something.
fn report(target: &str, outcomes: &Outcomes) {
    let (accepted, refused) = outcomes.counts();
    assert!(
        accepted > 0 && refused > 0,
        "{target}: {accepted} accepted, {refused} refused — the inputs miss one side"
    );
    let inputs = accepted + refused;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-report.txt");
    let _ = std::fs::create_dir_all(path.parent().expect("a parent"));
    // One line per target, the latest run's.
    let mut lines: Vec<String> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with(&format!("{target}:")))
        .map(str::to_owned)
        .collect();
    lines.push(format!(
        "{target}: {inputs} inputs ({accepted} accepted, {refused} refused), no crash, nothing changed by a refusal"
    ));
    let _ = std::fs::write(&path, lines.join("\n") + "\n");
}

/// Any JSON: deep, wide, with Arabic, control characters, huge and negative numbers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|x| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("meeting:018bcfe5-6801-7d61-a864-617253656501"),
            Just("1-00000000000000000000000000000000"),
            Just("السعيد الزنيبر"),
            Just("\u{0}\u{202e}"),
            Just("999999999999-ffffffffffffffffffffffffffffffff"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One change to a JSON document: at the `at`-th node (in document order), replace it, remove
/// it from its parent, or add a field to it.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(Value),
    Remove,
    Add(String, Value),
}

fn mutation() -> impl Strategy<Value = (usize, Mutation)> {
    (
        any::<usize>(),
        prop_oneof![
            any_json().prop_map(Mutation::Replace),
            Just(Mutation::Remove),
            (
                "[a-z_]{1,10}|_id|_rev|_deleted|_revisions|type|meeting",
                any_json()
            )
                .prop_map(|(k, v)| Mutation::Add(k, v)),
        ],
    )
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// Applies a mutation to the node numbered `at` (modulo the number of nodes).
fn mutate(doc: &mut Value, at: usize, m: &Mutation) {
    fn walk(v: &mut Value, target: &mut usize, m: &Mutation) -> bool {
        // Children first get the chance to be removed by their parent.
        let children: Vec<String> = match v {
            Value::Object(o) => o.keys().cloned().collect(),
            Value::Array(a) => (0..a.len()).map(|i| i.to_string()).collect(),
            _ => Vec::new(),
        };
        if *target == 0 {
            match m {
                Mutation::Replace(new) => *v = new.clone(),
                Mutation::Add(k, new) => {
                    if let Value::Object(o) = v {
                        o.insert(k.clone(), new.clone());
                    } else {
                        *v = new.clone();
                    }
                }
                Mutation::Remove => *v = Value::Null,
            }
            return true;
        }
        *target -= 1;
        for key in children {
            let child = match v {
                Value::Object(o) => o.get_mut(&key),
                Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
                _ => None,
            };
            let Some(child) = child else { continue };
            if *target == 0 && matches!(m, Mutation::Remove) {
                match v {
                    Value::Object(o) => {
                        o.remove(&key);
                    }
                    Value::Array(a) => {
                        if let Ok(i) = key.parse::<usize>() {
                            a.remove(i);
                        }
                    }
                    _ => {}
                }
                return true;
            }
            if walk(child, target, m) {
                return true;
            }
        }
        false
    }
    let mut target = at % count(doc);
    walk(doc, &mut target, m);
}

/// What must not move when an input is refused (and must stay sound when one is accepted).
fn state(app: &Mahdar) -> Result<VerifyReport, TestCaseError> {
    let report = app
        .verify()
        .map_err(|e| TestCaseError::fail(format!("verify failed: {e}")))?;
    prop_assert_eq!(report.problem_count, 0, "{:?}", report.problems);
    Ok(report)
}

fn same(a: &VerifyReport, b: &VerifyReport) -> bool {
    (a.documents, a.revisions, a.bodies, a.index_entries)
        == (b.documents, b.revisions, b.bodies, b.index_entries)
}

/// Runs one input and checks what it did: refused in one readable line with nothing changed,
/// or accepted with the store sound.
fn attempt<T>(
    app: &Mahdar,
    outcomes: &Outcomes,
    run: impl FnOnce() -> mahdar::Result<T>,
) -> Result<(), TestCaseError> {
    let before = state(app)?;
    let result = run();
    outcomes.note(&result);
    match result {
        Ok(_) => {
            state(app)?;
        }
        Err(e) => {
            readable(&e)?;
            prop_assert!(same(&before, &state(app)?), "refused, yet changed: {e}");
        }
    }
    Ok(())
}

/// An error must be one line a person can read.
fn readable(e: &mahdar::Error) -> Result<(), TestCaseError> {
    let text = e.to_string();
    prop_assert!(!text.is_empty() && !text.contains('\n'), "{text:?}");
    Ok(())
}

#[test]
fn damaged_meeting_files_never_crash_and_a_refusal_changes_nothing() {
    let source = seeded();
    let exported: Value =
        serde_json::from_str(&source.app.export_meeting_json(seed_meeting_id()).unwrap()).unwrap();
    let target = open();
    let outcomes = Outcomes::default();
    let mut runner = proptest::test_runner::TestRunner::new(config());
    runner
        .run(&prop::collection::vec(mutation(), 1..4), |mutations| {
            let mut file = exported.clone();
            for (at, m) in &mutations {
                mutate(&mut file, *at, m);
            }
            attempt(&target.app, &outcomes, || {
                target.app.import_meeting_json(&file.to_string())
            })?;
            Ok(())
        })
        .unwrap();
    // Invented JSON and plain garbage too.
    proptest::test_runner::TestRunner::new(config())
        .run(&any_json(), |file| {
            attempt(&target.app, &outcomes, || {
                target.app.import_meeting_json(&file.to_string())
            })?;
            Ok(())
        })
        .unwrap();
    report(
        "meeting file import (mutated seed + invented JSON)",
        &outcomes,
    );
}

/// A sync file's lines re-sealed with a correct trailer, so the damage reaches the parser and
/// the merge, not only the checksum.
fn reseal(header: &str, docs: &[Value]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut out = format!("{header}\n").into_bytes();
    for d in docs {
        out.extend(d.to_string().into_bytes());
        out.push(b'\n');
    }
    let digest: String = Sha256::digest(&out)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    out.extend(
        json!({ "end": true, "documents": docs.len(), "sha256": digest })
            .to_string()
            .into_bytes(),
    );
    out.push(b'\n');
    out
}

/// The seed meeting's sync file: its header line and its documents, to damage and re-seal.
fn seed_sync_file() -> (String, Vec<Value>) {
    let source = seeded();
    let file = source.dir.path().join("seed.mahdar-sync");
    source.app.sync_export(&file, None, None).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let docs = lines[1..lines.len() - 1]
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lines[0].to_owned(), docs)
}

#[test]
fn damaged_sync_files_never_crash_and_a_refusal_changes_nothing() {
    let (header, docs) = seed_sync_file();
    let target = open();
    let damaged = target.dir.path().join("damaged.mahdar-sync");
    let outcomes = Outcomes::default();
    let mut runner = proptest::test_runner::TestRunner::new(config());
    runner
        .run(
            &(
                any::<usize>(),
                prop::collection::vec(mutation(), 1..4),
                any::<bool>(),
            ),
            |(which, mutations, truncate)| {
                let mut docs = docs.clone();
                let i = which % docs.len();
                for (at, m) in &mutations {
                    mutate(&mut docs[i], *at, m);
                }
                let mut bytes = reseal(&header, &docs);
                if truncate {
                    // Cut somewhere: the checksum must catch it.
                    bytes.truncate(which % bytes.len());
                }
                std::fs::write(&damaged, &bytes).unwrap();
                attempt(&target.app, &outcomes, || {
                    target.app.sync_import(&damaged, None, None)
                })?;
                Ok(())
            },
        )
        .unwrap();
    report(
        "sync file import (mutated seed, re-sealed or cut)",
        &outcomes,
    );
}

#[test]
fn documents_from_a_server_never_crash_and_a_refusal_changes_nothing() {
    let source = seeded();
    let file = source.dir.path().join("seed.mahdar-sync");
    source.app.sync_export(&file, None, None).unwrap();
    // The seed's documents as a CouchDB server sends them (`_bulk_get?revs=true`): the newest
    // body with `_id`, `_rev` and `_revisions`.
    let served: Vec<Value> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|line| {
            let leaf = line["revisions"]
                .as_array()?
                .iter()
                .filter(|r| r.get("body").is_some())
                .max_by_key(|r| r["rev"].as_str().unwrap_or_default().to_owned())?
                .clone();
            let rev = leaf["rev"].as_str()?;
            let (pos, hash) = rev.split_once('-')?;
            let mut doc = leaf["body"].clone();
            doc["_id"] = line["id"].clone();
            doc["_rev"] = json!(rev);
            doc["_revisions"] = json!({ "start": pos.parse::<u64>().ok()?, "ids": [hash] });
            Some(doc)
        })
        .collect();
    assert!(served.len() > 20);
    let target = open();
    let outcomes = Outcomes::default();
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let parse_and_apply = |docs: Vec<Value>| -> Result<(), TestCaseError> {
        let mut revisions = Vec::new();
        for d in &docs {
            // A document the client cannot read is refused, and skipped, as the replicator does.
            match mahdar::sync::foreign_revision(d) {
                Ok(r) => revisions.push(r),
                Err(why) => {
                    outcomes.note::<(), _>(&Err(()));
                    prop_assert!(!why.is_empty() && !why.contains('\n'), "{why:?}");
                }
            }
        }
        if revisions.is_empty() {
            return Ok(());
        }
        attempt(&target.app, &outcomes, || {
            target.app.apply_foreign(revisions)
        })?;
        Ok(())
    };
    runner
        .run(
            &(any::<usize>(), prop::collection::vec(mutation(), 1..4)),
            |(which, mutations)| {
                let mut doc = served[which % served.len()].clone();
                for (at, m) in &mutations {
                    mutate(&mut doc, *at, m);
                }
                parse_and_apply(vec![doc])
            },
        )
        .unwrap();
    proptest::test_runner::TestRunner::new(config())
        .run(&prop::collection::vec(any_json(), 1..4), parse_and_apply)
        .unwrap();
    report(
        "CouchDB documents (mutated seed + invented JSON)",
        &outcomes,
    );
}

/// A hostile server on 127.0.0.1: it speaks enough of the CouchDB protocol to reach the pull's
/// `_changes` and `_bulk_get`, and answers those with whatever the case holds.
struct HostileServer {
    url: String,
    answers: std::sync::Arc<std::sync::Mutex<(String, String)>>,
}

impl HostileServer {
    fn start() -> HostileServer {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/db", listener.local_addr().unwrap());
        let answers = std::sync::Arc::new(std::sync::Mutex::new((String::new(), String::new())));
        let shared = answers.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    continue;
                }
                let mut length = 0usize;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                    if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let (changes, bulk) = shared.lock().unwrap().clone();
                let (status, answer) =
                    match request.split_whitespace().take(2).collect::<Vec<_>>()[..] {
                        ["GET", p] if p.contains("/_local/") => {
                            (404, r#"{"error":"not_found"}"#.to_owned())
                        }
                        ["PUT", p] if p.contains("/_local/") => (201, r#"{"ok":true}"#.to_owned()),
                        ["GET", p] if p.contains("/_changes") => (200, changes),
                        ["POST", p] if p.contains("/_bulk_get") => (200, bulk),
                        ["GET", "/db"] => (200, r#"{"db_name":"db","update_seq":"1"}"#.to_owned()),
                        ["GET", "/"] => (200, r#"{"couchdb":"Welcome"}"#.to_owned()),
                        _ => (404, r#"{"error":"not_found"}"#.to_owned()),
                    };
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        HostileServer { url, answers }
    }
}

#[test]
fn a_hostile_server_never_crashes_a_pull_and_a_failed_pull_changes_nothing() {
    let server = HostileServer::start();
    let target = open();
    let remote = target
        .app
        .sync_remote(mahdar::SyncTarget {
            url: Some(server.url.clone()),
            user: None,
            password: None,
            ca_pem: None,
        })
        .unwrap();
    let hash = "0123456789abcdef0123456789abcdef";
    let changes = json!({
        "results": [{ "seq": 1, "id": "note:1", "changes": [{ "rev": format!("1-{hash}") }] }],
        "last_seq": 1,
    });
    let bulk = json!({ "results": [{ "id": "note:1", "docs": [{ "ok": {
        "_id": "note:1", "_rev": format!("1-{hash}"),
        "_revisions": { "start": 1, "ids": [hash] }, "text": "ملاحظة من الخادم",
    } }] }] });
    let outcomes = Outcomes::default();
    let mut runner = proptest::test_runner::TestRunner::new(config());
    runner
        .run(
            &(
                prop::collection::vec(mutation(), 0..3),
                prop::collection::vec(mutation(), 0..3),
            ),
            |(on_changes, on_bulk)| {
                let (mut c, mut b) = (changes.clone(), bulk.clone());
                for (at, m) in &on_changes {
                    mutate(&mut c, *at, m);
                }
                for (at, m) in &on_bulk {
                    mutate(&mut b, *at, m);
                }
                *server.answers.lock().unwrap() = (c.to_string(), b.to_string());
                attempt(&target.app, &outcomes, || {
                    target.app.sync_with(&remote, false, true, None)
                })?;
                Ok(())
            },
        )
        .unwrap();
    report(
        "CouchDB answers from a hostile server (_changes, _bulk_get)",
        &outcomes,
    );
}

/// Words the extractor reacts to, to build reports that reach its rules.
use mahdar_import::TEST_WORDS as REPORT_WORDS;

/// A report: the seed report damaged (cut, repeated, spliced with words of the rules), words
/// of the rules in any order, or any text at all (empty and over-long included).
fn any_report() -> impl Strategy<Value = String> {
    let seed = crate::reports::SEED_REPORT;
    let chars: Vec<char> = seed.chars().collect();
    let n = chars.len();
    let damaged = (
        prop::collection::vec((0..n, 0..n, prop::sample::select(REPORT_WORDS)), 1..6),
        any::<bool>(),
    )
        .prop_map(move |(cuts, repeat)| {
            let mut text = chars.clone();
            for (a, b, word) in cuts {
                let (a, b) = (a.min(b), a.max(b).min(text.len()));
                let a = a.min(text.len());
                if repeat {
                    let piece: Vec<char> = text[a..b].to_vec();
                    text.splice(a..a, piece);
                } else {
                    text.splice(a..b, word.chars());
                }
            }
            text.into_iter().collect::<String>()
        });
    let words =
        prop::collection::vec(prop::sample::select(REPORT_WORDS), 0..120).prop_map(|w| w.join(" "));
    prop_oneof![
        4 => damaged,
        4 => words,
        1 => "\\PC{0,300}",
        1 => prop_oneof![Just(String::new()), Just(" \n\t ".to_owned())],
        1 => (1usize..3).prop_map(|k| "وقالت الوزيرة إن ".repeat(k * 8_000)),
    ]
}

#[test]
fn press_reports_never_crash_and_a_refusal_changes_nothing() {
    // Each input makes a draft and accepts some twenty proposals (as many durable writes):
    // a fifth of the other targets' count, on a fresh data folder every 25 inputs so the
    // checks of the whole store stay quick. The extractor alone runs many more inputs
    // (mahdar-import's `extraction_never_panics`).
    let outcomes = Outcomes::default();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: (cases() / 5).max(20),
        ..config()
    });
    let target = std::cell::RefCell::new(open());
    let runs = std::cell::Cell::new(0u32);
    runner
        .run(&any_report(), |report| {
            runs.set(runs.get() + 1);
            if runs.get().is_multiple_of(25) {
                *target.borrow_mut() = open();
            }
            let target = target.borrow();
            attempt(&target.app, &outcomes, || {
                let draft = target.app.import_report(&report)?;
                // Accepting everything may leave some proposals pending (a reason each), but
                // never crashes and never leaves the store unsound.
                let done = target.app.accept_all_proposals(draft.meeting)?;
                for p in &done.proposals {
                    if p.status == mahdar::model::ProposalStatus::Accepted {
                        assert!(p.record.is_some(), "accepted without a record: {p:?}");
                    }
                }
                for problem in &done.problems {
                    assert!(!problem.message.contains('\n'), "{problem:?}");
                }
                Ok(done)
            })?;
            Ok(())
        })
        .unwrap();
    report(
        "press report import (damaged seed report, words of the rules, any text)",
        &outcomes,
    );
}

/// Found by the fuzz target above (a revision stripped of its body and left a leaf): every
/// pair of a removal and an emptying anywhere in the first document of the seed's sync file,
/// each into a new data folder, is refused or imported sound.
#[test]
fn a_sync_file_whose_leaf_lacks_its_body_is_refused_whole() {
    let (header, docs) = seed_sync_file();
    let n = count(&docs[0]);
    for a in 0..n {
        for b in 0..n {
            for order in [false, true] {
                let target = open();
                let damaged = target.dir.path().join("damaged.mahdar-sync");
                let mut d = docs.clone();
                let ms = if order {
                    [
                        (a, Mutation::Replace(Value::Array(vec![]))),
                        (b, Mutation::Remove),
                    ]
                } else {
                    [
                        (a, Mutation::Remove),
                        (b, Mutation::Replace(Value::Array(vec![]))),
                    ]
                };
                for (at, m) in &ms {
                    mutate(&mut d[0], *at, m);
                }
                std::fs::write(&damaged, reseal(&header, &d)).unwrap();
                let result = target.app.sync_import(&damaged, None, None);
                let v = target.app.verify().unwrap();
                assert_eq!(
                    v.problem_count,
                    0,
                    "{a} {b} {order}: {:?} {}",
                    result.map(|_| ()),
                    serde_json::to_string(&d[0]).unwrap()
                );
                if let Err(e) = result {
                    assert_eq!(
                        target.app.last_change(),
                        0,
                        "refused: nothing imported ({e})"
                    );
                }
            }
        }
    }
}
