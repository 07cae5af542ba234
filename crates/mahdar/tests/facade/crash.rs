//! Crash safety: a writer process is SIGKILLed at random moments, 60 times in CI (`make crash`:
//! 500; `MAHDAR_CRASH_ROUNDS` sets it). It records, edits and moves statements, exports the
//! minutes as PDF and brings the search index up to date. After each kill the data folder
//! opens, passes its integrity check and holds every write acknowledged before the kill; the
//! exported file is absent or a whole PDF, never a cut one; and the search index catches up.
//!
//! The writer is this same test binary, re-run with `MAHDAR_CRASH_DIR` set so that the ignored
//! test `crash::writer_process` runs the write loop.

use mahdar::{Mahdar, NewStatement, Position, model::*, seed_meeting_id};
use std::{
    io::{BufRead, BufReader, Write},
    process::{Command, Stdio},
    time::Duration,
};

const DIR_ENV: &str = "MAHDAR_CRASH_DIR";
/// Kills in one run (60 unless `MAHDAR_CRASH_ROUNDS` says).
fn rounds() -> usize {
    std::env::var("MAHDAR_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60)
}

/// Where the writer exports the minutes, beside the data folder.
fn export_path(data: &std::path::Path) -> std::path::PathBuf {
    data.with_file_name("minutes.pdf")
}
const READY: &str = "mahdar-writer-ready";

/// The writer: records statements, edits and moves them, and after each write returns prints
/// `ack <doc id> <rev>` — the promise that the write survives anything from now on. Now and
/// then it exports the minutes (written whole, then renamed) and catches the search index up.
#[test]
#[ignore = "run by kill_the_writer_at_random_points, in a child process"]
fn writer_process() {
    let Ok(dir) = std::env::var(DIR_ENV) else {
        return;
    };
    let app = Mahdar::open(&dir).expect("the writer opens the data folder");
    app.load_demo().expect("the seed loads");
    let meeting = seed_meeting_id();
    let speakers: Vec<PersonId> = app
        .attendance(meeting)
        .unwrap()
        .iter()
        .map(|a| a.value.person)
        .collect();
    let speakers: Vec<PersonId> = speakers
        .into_iter()
        .filter(|p| [0, 1, 3].contains(&p.uuid().as_bytes()[15].wrapping_sub(20)))
        .collect();
    let mut out = std::io::stdout().lock();
    writeln!(out, "\n{READY}").unwrap();
    out.flush().unwrap();
    let mut rng = fastrand::Rng::new();
    let export = export_path(std::path::Path::new(&dir));
    for i in 0u64.. {
        match rng.u8(..10) {
            0 => {
                let pdf = app
                    .export(meeting, mahdar::ExportFormat::Pdf, Lang::Ar)
                    .unwrap();
                mahdar::write_file_whole(&export, &pdf).unwrap();
                writeln!(out, "exported {}", pdf.len()).unwrap();
                out.flush().unwrap();
            }
            1 => {
                app.catch_up_search().unwrap();
            }
            _ => {}
        }
        let existing = app.statements(meeting).unwrap();
        let (id, rev) = match (i % 4, existing.len()) {
            (3, n) if n > 2 => {
                let s = &existing[rng.usize(..n)];
                let edited = Statement {
                    text: format!("{} ✎{i}", s.value.text.chars().take(40).collect::<String>()),
                    ..s.value.clone()
                };
                let saved = app.update_statement(s.id, s.rev, edited).unwrap();
                (saved.id.to_string(), saved.rev)
            }
            (2, n) if n > 2 => {
                let s = &existing[rng.usize(..n)];
                let moved = app
                    .move_statement(s.id, Position::After(existing[0].id))
                    .unwrap();
                (moved.id.to_string(), moved.rev)
            }
            _ => {
                let new = NewStatement::new(
                    speakers[rng.usize(..speakers.len())],
                    format!("مداخلة رقم {i} — {}", "نص ".repeat(rng.usize(1..200))),
                );
                let saved = app.add_statement(meeting, new, Position::Last).unwrap();
                (saved.id.to_string(), saved.rev)
            }
        };
        writeln!(out, "ack {id} {rev}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn kill_the_writer_at_random_points() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let exe = std::env::current_exe().unwrap();
    let mut rng = fastrand::Rng::with_seed(0x6d61_6864_6172);
    let mut acknowledged: Vec<(String, mahdar::Rev)> = Vec::new();
    let mut exports = 0;
    let rounds = rounds();
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash::writer_process",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DIR_ENV, &data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the writer starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // libtest prints its own lines first; wait for the writer's.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let line = rx.recv_timeout(left).unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("round {round}: the writer reopens the folder after the previous kill")
            });
            if line.contains(READY) {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(rng.u64(0..600)));
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        reader.join().unwrap();
        let lines: Vec<String> = rx.try_iter().collect();
        exports += lines.iter().filter(|l| l.starts_with("exported ")).count();
        let acks: Vec<(String, mahdar::Rev)> = lines
            .iter()
            .filter_map(|line| {
                let mut parts = line.strip_prefix("ack ")?.split(' ');
                Some((parts.next()?.to_owned(), parts.next()?.parse().ok()?))
            })
            .collect();
        acknowledged.extend(acks);

        let app = Mahdar::open(&data)
            .unwrap_or_else(|e| panic!("round {round}: the data folder opens after a kill: {e}"));
        for (id, rev) in &acknowledged {
            assert!(
                app.revisions(id).unwrap().contains(rev),
                "round {round}: {id} {rev} was acknowledged before the kill and must survive it"
            );
        }
        let report = app.verify().unwrap();
        assert!(
            report.is_ok(),
            "round {round}: the store is consistent after a kill: {:?}",
            report.problems
        );
        // The export is all there or not there at all.
        if let Ok(pdf) = std::fs::read(export_path(&data)) {
            let end = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(32)..]).into_owned();
            assert!(
                pdf.starts_with(b"%PDF-") && end.trim_end().ends_with("%%EOF"),
                "round {round}: the exported minutes are a whole PDF ({} bytes)",
                pdf.len()
            );
        }
        // The search index catches up with what the killed writer left.
        app.catch_up_search()
            .unwrap_or_else(|e| panic!("round {round}: the search index catches up: {e}"));
        let hits = app
            .search("زنيبر", &mahdar::SearchFilter::default())
            .unwrap_or_else(|e| panic!("round {round}: search after a kill: {e}"));
        assert!(
            !hits.is_empty(),
            "round {round}: search finds the seed's speaker"
        );
    }
    eprintln!(
        "crash: {rounds} kills, {} writes acknowledged and kept, {exports} exports",
        acknowledged.len()
    );
    assert!(exports > 0, "some kills came after an export");
    assert!(
        acknowledged.len() > rounds,
        "the writer made progress between kills ({} acks)",
        acknowledged.len()
    );
}
