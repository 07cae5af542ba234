//! Replication speed, side by side in one run: 10 000 documents pushed from a fresh replica to
//! PouchDB Server and pulled into another fresh replica, by Mahdar and by PouchDB's own
//! replicator (Node, in-memory databases), on the same data and the same server; then 20
//! photos of 2 MB (attachment documents with their files) the same way.
//!
//!   cargo bench -p mahdar-sync --bench replicate        (MAHDAR_BENCH_DOCS, MAHDAR_BENCH_RUNS)
//!
//! Prints the median of the runs for each side and the ratio Mahdar / PouchDB (≤ 1.0: Mahdar
//! is no slower). Needs `npm --prefix tests/sync ci`.

#[path = "../tests/pouchdb.rs"]
mod pouchdb;

use mahdar_store::{Edit, Store, StoreOptions};
use mahdar_sync::{Remote, RemoteConfig, Replicator};
use serde_json::{Value, json};
use std::{process::Command, time::Instant};

const WORDS: &[&str] = &[
    "اللقاء",
    "التواصلي",
    "الجهوي",
    "الوزيرة",
    "التنمية",
    "الاجتماعية",
    "الأسرة",
    "الإدماج",
    "المجتمع",
    "المدني",
    "الجهة",
    "الإقليم",
    "مليون",
    "درهم",
    "المشاريع",
    "الأشخاص",
    "وضعية",
    "إعاقة",
    "المسنين",
    "الطفولة",
    "مراكز",
    "الحماية",
    "برنامج",
    "تمويل",
    "شراكة",
    "الولاية",
];

fn documents(n: usize) -> Vec<(String, Value)> {
    let mut rng = fastrand_lite(42);
    (0..n)
        .map(|i| {
            let text: Vec<&str> = (0..60).map(|_| WORDS[rng() % WORDS.len()]).collect();
            (
                format!("statement:bench-{i:06}"),
                json!({
                    "meeting": format!("meeting:bench-{:03}", i / 100),
                    "speaker": format!("person:bench-{:03}", i % 37),
                    "kind": "said",
                    "order": format!("a{i:06}"),
                    "text": text.join(" "),
                }),
            )
        })
        .collect()
}

/// A small deterministic generator (xorshift), so both sides get the very same data.
fn fastrand_lite(seed: u64) -> impl FnMut() -> usize {
    let mut x = seed;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as usize
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {cores} cores")
}

/// Attachment documents naming `count` photos of `size` bytes each (noise: nothing compresses),
/// and the photos.
fn photos(count: usize, size: usize) -> (Vec<(String, Value)>, Vec<Vec<u8>>) {
    let mut rng = fastrand_lite(7);
    let files: Vec<Vec<u8>> = (0..count)
        .map(|_| (0..size).map(|_| rng() as u8).collect())
        .collect();
    let docs = files
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            (
                format!("attachment:bench-{i:04}"),
                json!({
                    "owner": "visit:bench", "name": format!("IMG_{i:04}.jpg"),
                    "media_type": "image/jpeg", "length": bytes.len(),
                    "sha256": mahdar_store::sha256_hex(bytes),
                    "added_at": "2026-11-30T10:00:00Z",
                }),
            )
        })
        .collect();
    (docs, files)
}

/// Medians of push and pull, Mahdar then PouchDB, for the same documents (and files).
fn compare(
    label: &str,
    server: &pouchdb::PouchServer,
    docs: &[(String, Value)],
    files: &[Vec<u8>],
    runs: usize,
) {
    use base64::Engine;
    let dir = tempfile::tempdir().expect("dir");
    let docs_file = dir.path().join("docs.json");
    let couch_docs: Vec<Value> = docs
        .iter()
        .zip(files.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|((id, body), file)| {
            let mut d = body.clone();
            d["_id"] = json!(id);
            if let Some(bytes) = file {
                d["_attachments"] = json!({ "file": {
                    "content_type": "image/jpeg",
                    "data": base64::engine::general_purpose::STANDARD.encode(bytes),
                }});
            }
            d
        })
        .collect();
    std::fs::write(&docs_file, serde_json::to_vec(&couch_docs).expect("json")).expect("write");
    let n = docs.len();
    let (mut m_push, mut m_pull, mut p_push, mut p_pull) = (vec![], vec![], vec![], vec![]);
    for run in 0..runs {
        // Mahdar.
        let source = Store::open(dir.path().join(format!("a{run}")), StoreOptions::default())
            .expect("store");
        for bytes in files {
            source.put_blob(bytes).expect("file");
        }
        source
            .write(
                docs.iter()
                    .map(|(id, body)| Edit::Put {
                        id: id.clone(),
                        base: None,
                        body: body.clone(),
                    })
                    .collect(),
            )
            .expect("write");
        let url = server.url(&format!("mahdar-{label}-{run}"));
        let remote = Remote::new(RemoteConfig::new(&url)).expect("remote");
        let t = Instant::now();
        Replicator::new(&source, &remote)
            .sync(true, false, true)
            .expect("push");
        m_push.push(t.elapsed().as_secs_f64());
        let target = Store::open(dir.path().join(format!("b{run}")), StoreOptions::default())
            .expect("store");
        let t = Instant::now();
        let pulled = Replicator::new(&target, &remote)
            .sync(false, true, false)
            .expect("pull");
        m_pull.push(t.elapsed().as_secs_f64());
        assert_eq!(target.document_count(), n);
        assert_eq!(pulled.pull.map(|p| p.files), Some(files.len()));

        // PouchDB's replicator, same data, same server, a database of its own.
        let out = Command::new("node")
            .arg(pouchdb::peers_dir().join("peer.mjs"))
            .args(["bench", &server.url(&format!("pouchdb-{label}-{run}"))])
            .arg(&docs_file)
            .output()
            .expect("node runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(v["docs"].as_u64(), Some(n as u64));
        p_push.push(v["push_ms"].as_f64().expect("push") / 1000.0);
        p_pull.push(v["pull_ms"].as_f64().expect("pull") / 1000.0);
        println!(
            "  run {}: Mahdar push {:.2} s, pull {:.2} s | PouchDB push {:.2} s, pull {:.2} s",
            run + 1,
            m_push[run],
            m_pull[run],
            p_push[run],
            p_pull[run]
        );
    }
    let (mp, ml, pp, pl) = (
        median(m_push),
        median(m_pull),
        median(p_push),
        median(p_pull),
    );
    println!("{label:<10} {:>10} {:>10} {:>10}", "push", "pull", "total");
    println!(
        "{:<10} {:>9.2}s {:>9.2}s {:>9.2}s",
        "Mahdar",
        mp,
        ml,
        mp + ml
    );
    println!(
        "{:<10} {:>9.2}s {:>9.2}s {:>9.2}s",
        "PouchDB",
        pp,
        pl,
        pp + pl
    );
    println!(
        "ratio Mahdar/PouchDB: push {:.2}, pull {:.2}, total {:.2} (≤ 1.0: Mahdar no slower)",
        mp / pp,
        ml / pl,
        (mp + ml) / (pp + pl)
    );
}

fn main() {
    let n: usize = std::env::var("MAHDAR_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runs: usize = std::env::var("MAHDAR_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let node = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    println!(
        "replication of {n} documents, then of 20 photos of 2 MB, median of {runs} runs; {} ; Node {node}",
        machine()
    );
    let server = pouchdb::PouchServer::start();
    compare("documents", &server, &documents(n), &[], runs);
    let (docs, files) = photos(20, 2 * 1024 * 1024);
    compare("photos", &server, &docs, &files, runs);
}
