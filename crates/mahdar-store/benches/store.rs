//! Store benchmarks: durable single writes (p50/p99), a bulk insert of 100k statements, opening
//! a store of 10k meetings / 1M statements, and listing one meeting's statements — each beside
//! raw sled doing the nearest equivalent in the same run (the peer), with the ratio.
//!
//! Encryption at rest is measured against the same store in clear: durable writes, reads of
//! every document, bulk inserts, and the open (the passphrase's key derivation).
//!
//! `cargo bench -p mahdar-store` prints the figures, then runs the criterion groups.
//! `MAHDAR_BENCH_FIGURES_ONLY=1` stops after the figures.
//! `MAHDAR_BENCH_MEETINGS` (default 10 000) and `MAHDAR_BENCH_PER_MEETING` (default 100) size
//! the large store, which is built once under `MAHDAR_BENCH_DIR` (default
//! `/var/tmp/mahdar-bench`) and reused by later runs.

#![allow(clippy::unwrap_used, missing_docs)]

use criterion::{BenchmarkId, Criterion};
use mahdar_store::{Edit, IndexDef, Passphrase, Store, StoreOptions, index_key, index_prefix};
use serde_json::{Value, json};
use std::{
    hint::black_box,
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

const TEXT: &str = "أبرز المكانة المركزية التي يحتلها القطاع الاجتماعي في المخططات الجهوية والمحلية على اعتبار مساهمته في تحسين المستوى المعيشي للساكنة وتعزيز التضامن مع الفئات الهشة، مضيفا أن العقد برنامج بين الدولة والجهة ومخطط التنمية الجهوية مكنا من انبثاق مشاريع تستهدف مجمل المجالات الترابية المحتاجة.";

/// The facade's "children" index: a meeting's statements in order.
fn children(id: &str, body: &Value) -> Vec<Vec<u8>> {
    match (
        id.split_once(':').map(|(k, _)| k),
        body.get("meeting").and_then(Value::as_str),
    ) {
        (Some(kind), Some(meeting)) => {
            vec![index_key(&[
                meeting,
                kind,
                body.get("order").and_then(Value::as_str).unwrap_or(""),
            ])]
        }
        _ => Vec::new(),
    }
}

fn options() -> StoreOptions {
    StoreOptions {
        indexes: vec![IndexDef {
            name: "children",
            version: 1,
            keys: children,
        }],
        ..StoreOptions::default()
    }
}

fn meeting_id(m: usize) -> String {
    format!("meeting:00000000-0000-7000-8000-{m:012}")
}

fn statement(m: usize, n: usize) -> (String, Value) {
    (
        format!("statement:{m:08}-{n:04}-7000-8000-000000000000"),
        json!({
            "type": "statement",
            "meeting": meeting_id(m),
            "speaker": "person:00000000-0000-7000-8000-000000000001",
            "kind": "intervention",
            "order": format!("{:04x}80", n + 1),
            "text": TEXT,
            "form": "summary",
            "recorded_at": null,
        }),
    )
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Durable single writes: p50 and p99 of 2000 puts, each flushed, beside raw sled.
fn single_write_figures(dir: &Path) {
    const N: usize = 2000;
    let store = Store::open(dir.join("single"), options()).unwrap();
    let mut ours = Vec::with_capacity(N);
    for n in 0..N {
        let (id, body) = statement(1, n);
        let t = Instant::now();
        store.put(&id, None, body).unwrap();
        ours.push(t.elapsed());
    }
    let raw = sled::open(dir.join("single-raw")).unwrap();
    let mut peer = Vec::with_capacity(N);
    for n in 0..N {
        let (id, body) = statement(1, n);
        let t = Instant::now();
        raw.insert(id.as_bytes(), serde_json::to_vec(&body).unwrap())
            .unwrap();
        raw.flush().unwrap();
        peer.push(t.elapsed());
    }
    ours.sort();
    peer.sort();
    let (p50, p99) = (percentile(&ours, 0.5), percentile(&ours, 0.99));
    let (r50, r99) = (percentile(&peer, 0.5), percentile(&peer, 0.99));
    println!("durable single write (put + flush), {N} writes:");
    println!(
        "  mahdar-store  p50 {:>8.1} µs   p99 {:>8.1} µs",
        micros(p50),
        micros(p99)
    );
    println!(
        "  raw sled      p50 {:>8.1} µs   p99 {:>8.1} µs",
        micros(r50),
        micros(r99)
    );
    println!(
        "  ratio (ours / raw sled)  p50 {:.2}×   p99 {:.2}×",
        micros(p50) / micros(r50),
        micros(p99) / micros(r99)
    );
}

/// The same work on an encrypted store and on one in clear: the cost of encryption at rest.
fn encryption_figures(dir: &Path) {
    const N: usize = 2000;
    let passphrase = Passphrase::new("عبارة مرور للقياس");
    let encrypted = || StoreOptions {
        passphrase: Some(passphrase.clone()),
        encrypt: true,
        ..options()
    };
    let timed_writes = |store: &Store| {
        let mut times = Vec::with_capacity(N);
        for n in 0..N {
            let (id, body) = statement(1_000_000, n);
            let t = Instant::now();
            store.put(&id, None, body).unwrap();
            times.push(t.elapsed());
        }
        times.sort();
        times
    };
    let read_all = |store: &Store| {
        let t = Instant::now();
        for n in 0..N {
            black_box(store.get(&statement(1_000_000, n).0).unwrap().unwrap());
        }
        t.elapsed()
    };
    let t = Instant::now();
    let sealed = Store::open(dir.join("sealed"), encrypted()).unwrap();
    let create = t.elapsed();
    let clear = Store::open(dir.join("clear"), options()).unwrap();
    let (sw, cw) = (timed_writes(&sealed), timed_writes(&clear));
    let (sr, cr) = (read_all(&sealed), read_all(&clear));
    let (sb, cb) = (
        bulk_insert(&sealed, 20, 1000),
        bulk_insert(&clear, 20, 1000),
    );
    drop(sealed);
    let t = Instant::now();
    let _unlocked = Store::open(dir.join("sealed"), encrypted()).unwrap();
    let unlock = t.elapsed();
    println!("encryption at rest (XChaCha20-Poly1305 values, Argon2id 64 MiB × 3 key):");
    println!(
        "  durable write p50   encrypted {:>8.1} µs   in clear {:>8.1} µs   ratio {:.2}×",
        micros(percentile(&sw, 0.5)),
        micros(percentile(&cw, 0.5)),
        micros(percentile(&sw, 0.5)) / micros(percentile(&cw, 0.5))
    );
    println!(
        "  read {N} documents  encrypted {:>8.1} ms   in clear {:>8.1} ms   ratio {:.2}×",
        sr.as_secs_f64() * 1e3,
        cr.as_secs_f64() * 1e3,
        sr.as_secs_f64() / cr.as_secs_f64()
    );
    println!(
        "  bulk 20 000 statements  encrypted {:>6.2} s   in clear {:>6.2} s   ratio {:.2}×",
        sb.as_secs_f64(),
        cb.as_secs_f64(),
        sb.as_secs_f64() / cb.as_secs_f64()
    );
    println!(
        "  create with a passphrase {:.0} ms; open (unlock) {:.0} ms — the key derivation",
        create.as_secs_f64() * 1e3,
        unlock.as_secs_f64() * 1e3
    );
}

/// Inserts `meetings × per_meeting` statements in durable batches of 1000. Returns the time.
fn bulk_insert(store: &Store, meetings: usize, per_meeting: usize) -> Duration {
    let start = Instant::now();
    let mut batch = Vec::with_capacity(1000);
    for m in 0..meetings {
        for n in 0..per_meeting {
            let (id, body) = statement(m, n);
            batch.push(Edit::Put {
                id,
                base: None,
                body,
            });
            if batch.len() == 1000 {
                store.write(std::mem::take(&mut batch)).unwrap();
            }
        }
    }
    if !batch.is_empty() {
        store.write(batch).unwrap();
    }
    start.elapsed()
}

fn bulk_figures(dir: &Path) {
    const N: usize = 100_000;
    let store = Store::open(dir.join("bulk"), options()).unwrap();
    let ours = bulk_insert(&store, N / 100, 100);
    drop(store);
    let raw = sled::open(dir.join("bulk-raw")).unwrap();
    let start = Instant::now();
    let mut batch = sled::Batch::default();
    for i in 0..N {
        let (id, body) = statement(i / 100, i % 100);
        batch.insert(id.as_bytes(), serde_json::to_vec(&body).unwrap());
        if (i + 1) % 1000 == 0 {
            raw.apply_batch(std::mem::take(&mut batch)).unwrap();
            raw.flush().unwrap();
        }
    }
    let peer = start.elapsed();
    println!("bulk insert of {N} statements, durable batches of 1000:");
    println!(
        "  mahdar-store  {:>8.2} s   ({:.0} statements/s, with revision trees, changes feed and index)",
        ours.as_secs_f64(),
        N as f64 / ours.as_secs_f64()
    );
    println!(
        "  raw sled      {:>8.2} s   ({:.0} statements/s, bodies only)",
        peer.as_secs_f64(),
        N as f64 / peer.as_secs_f64()
    );
    println!(
        "  ratio (ours / raw sled)  {:.2}×",
        ours.as_secs_f64() / peer.as_secs_f64()
    );
}

fn bench_dir() -> PathBuf {
    std::env::var_os("MAHDAR_BENCH_DIR")
        .map_or_else(|| PathBuf::from("/var/tmp/mahdar-bench"), PathBuf::from)
}

/// The peer's large store: raw sled with the ideal layout for listing, `meeting \0 order` →
/// body. Built once, reused by later runs.
fn large_raw_store(meetings: usize, per_meeting: usize) -> PathBuf {
    let path = bench_dir().join(format!("raw-{meetings}x{per_meeting}"));
    let done = path.join("complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&path);
        let db = sled::open(&path).unwrap();
        let mut batch = sled::Batch::default();
        for m in 0..meetings {
            for n in 0..per_meeting {
                let (_, body) = statement(m, n);
                let key = index_key(&[&meeting_id(m), body["order"].as_str().unwrap()]);
                batch.insert(key, serde_json::to_vec(&body).unwrap());
            }
            if m % 10 == 9 {
                db.apply_batch(std::mem::take(&mut batch)).unwrap();
            }
        }
        db.apply_batch(batch).unwrap();
        db.flush().unwrap();
        drop(db);
        std::fs::write(&done, b"").unwrap();
    }
    path
}

/// The large store: built once, reused by later runs.
fn large_store(meetings: usize, per_meeting: usize) -> PathBuf {
    let path = bench_dir().join(format!(
        "store-v{}-{meetings}x{per_meeting}",
        mahdar_store::FORMAT_VERSION
    ));
    let done = path.join("complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&path);
        println!(
            "building the large store ({meetings} meetings × {per_meeting} statements) in {} …",
            path.display()
        );
        let store = Store::open(&path, options()).unwrap();
        let mut batch = Vec::new();
        for m in 0..meetings {
            batch.push(Edit::Put {
                id: meeting_id(m),
                base: None,
                body: json!({"type": "meeting", "rank": m}),
            });
        }
        store.write(batch).unwrap();
        let took = bulk_insert(&store, meetings, per_meeting);
        println!("  built in {:.1} s", took.as_secs_f64());
        drop(store);
        std::fs::write(&done, b"").unwrap();
    }
    path
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn open_and_list_figures(path: &Path, meetings: usize, per_meeting: usize) {
    let mut opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let store = Store::open(path, options()).unwrap();
        opens.push(t.elapsed());
        drop(store);
    }
    let mut raw_opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let db = sled::open(path).unwrap();
        raw_opens.push(t.elapsed());
        drop(db);
    }
    opens.sort();
    raw_opens.sort();
    println!(
        "open a store of {meetings} meetings / {} statements ({:.0} MB on disk), median of 5:",
        meetings * per_meeting,
        dir_size(path) as f64 / 1e6
    );
    println!(
        "  mahdar-store  {:>8.1} ms   (schema and index checks included)",
        opens[2].as_secs_f64() * 1e3
    );
    println!(
        "  raw sled      {:>8.1} ms",
        raw_opens[2].as_secs_f64() * 1e3
    );

    let store = Store::open(path, options()).unwrap();
    let raw = sled::open(large_raw_store(meetings, per_meeting)).unwrap();
    let sample: Vec<String> = (0..200)
        .map(|i| meeting_id((i * 7919) % meetings))
        .collect();
    let ours = |m: &str| -> usize {
        store
            .index_scan("children", &index_prefix(&[m, "statement"]))
            .unwrap()
            .into_iter()
            .map(|(_, id)| store.get(&id).unwrap().unwrap().body)
            .collect::<Vec<Value>>()
            .len()
    };
    let peer = |m: &str| -> usize {
        raw.scan_prefix(index_prefix(&[m]))
            .map(|e| serde_json::from_slice::<Value>(&e.unwrap().1).unwrap())
            .collect::<Vec<Value>>()
            .len()
    };
    // One pass to warm the caches, then the measured pass.
    for m in &sample {
        assert_eq!((ours(m), peer(m)), (per_meeting, per_meeting));
    }
    let mut lists = Vec::new();
    let mut raw_lists = Vec::new();
    for m in &sample {
        let t = Instant::now();
        black_box(ours(m));
        lists.push(t.elapsed());
        let t = Instant::now();
        black_box(peer(m));
        raw_lists.push(t.elapsed());
    }
    lists.sort();
    raw_lists.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "list one meeting's {per_meeting} statements in order, with bodies parsed, 200 meetings (warm):"
    );
    println!(
        "  mahdar-store  p50 {:.2} ms   p99 {:.2} ms   (index scan, then each document's winner)",
        ms(lists[100]),
        ms(percentile(&lists, 0.99))
    );
    println!(
        "  raw sled      p50 {:.2} ms   p99 {:.2} ms   (one prefix scan over bodies keyed by meeting and order)",
        ms(raw_lists[100]),
        ms(percentile(&raw_lists, 0.99))
    );
    println!(
        "  ratio (ours / raw sled)  p50 {:.2}×",
        ms(lists[100]) / ms(raw_lists[100])
    );
}

fn criterion_groups(c: &mut Criterion, dir: &Path, large: &Path, meetings: usize) {
    let store = Store::open(dir.join("criterion"), options()).unwrap();
    let raw = sled::open(dir.join("criterion-raw")).unwrap();
    let mut group = c.benchmark_group("durable_single_write");
    let mut n = 0usize;
    group.bench_function("mahdar_store_put", |b| {
        b.iter(|| {
            n += 1;
            let (id, body) = statement(1_000_000, n);
            store.put(&id, None, body).unwrap()
        })
    });
    group.bench_function("raw_sled_insert_flush", |b| {
        b.iter(|| {
            n += 1;
            let (id, body) = statement(1_000_000, n);
            raw.insert(id.as_bytes(), serde_json::to_vec(&body).unwrap())
                .unwrap();
            raw.flush().unwrap()
        })
    });
    group.finish();

    let store = Store::open(large, options()).unwrap();
    let mut group = c.benchmark_group("list_meeting_statements");
    let mut i = 0usize;
    group.bench_function(
        BenchmarkId::new("index_scan_and_bodies", "100 statements"),
        |b| {
            b.iter(|| {
                i += 1;
                let m = meeting_id((i * 7919) % meetings);
                let ids = store
                    .index_scan("children", &index_prefix(&[&m, "statement"]))
                    .unwrap();
                let docs: Vec<_> = ids
                    .into_iter()
                    .map(|(_, id)| store.get(&id).unwrap())
                    .collect();
                black_box(docs)
            })
        },
    );
    group.finish();
    drop(store);

    let mut group = c.benchmark_group("open_large_store");
    group.sample_size(10);
    group.bench_function("mahdar_store_open", |b| {
        b.iter(|| drop(Store::open(large, options()).unwrap()))
    });
    group.finish();
}

fn main() {
    let meetings = env_usize("MAHDAR_BENCH_MEETINGS", 10_000);
    let per_meeting = env_usize("MAHDAR_BENCH_PER_MEETING", 100);
    let scratch = tempfile::tempdir().unwrap();
    println!(
        "== Mahdar store figures ({} cores) ==",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    single_write_figures(scratch.path());
    encryption_figures(scratch.path());
    if std::env::var("MAHDAR_BENCH_FIGURES_ONLY").is_ok_and(|v| v == "1") {
        return;
    }
    bulk_figures(scratch.path());
    let large = large_store(meetings, per_meeting);
    open_and_list_figures(&large, meetings, per_meeting);
    println!("== criterion ==");
    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(5));
    criterion_groups(&mut c, scratch.path(), &large, meetings);
    c.final_summary();
}
