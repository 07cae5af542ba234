//! "Done means" of the press-report import, through the command line: the seed report, its
//! proposals all accepted, is the meeting `mahdar demo` loads; bad input changes nothing.

use mahdar_journeys::Session;
use serde_json::Value;
use std::io::Write;
use std::process::Stdio;

const SEED_REPORT: &str =
    include_str!("../../crates/mahdar-import/tests/reports/seed/000_55c442fd1a4eb5f5.txt");

/// `show --json` without what differs between two data folders by nature: ids, revisions,
/// and the wording a person writes by hand in the demo (descriptions, Latin names, French
/// titles).
fn comparable(record: &Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(o) => {
                for key in [
                    "id",
                    "rev",
                    "meeting",
                    "person",
                    "speaker",
                    "series",
                    "source",
                    "order",
                    "owner",
                    "partners",
                    "participants",
                    "organisation",
                    "organiser",
                    "description",
                    "name_latin",
                    "title_fr",
                    "name_fr",
                    "titles",
                    "languages",
                    "conflicts",
                    "aliases",
                    "recorded_at",
                ] {
                    o.remove(key);
                }
                o.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = record.clone();
    strip(&mut v);
    v
}

#[test]
fn the_seed_report_accepted_in_full_shows_as_the_demo_meeting() {
    let demo = Session::new();
    demo.run(&["demo"]).ok();
    let demo_id = demo.run(&["meetings", "--json"]).json()[0]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let expected = demo.run(&["show", &demo_id, "--json"]).json();

    let s = Session::new();
    // Pasted into standard input, as a script would.
    let mut child = s
        .command()
        .args(["--data-dir", s.data_dir().to_str().expect("utf-8")])
        .args(["import-report", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mahdar runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(SEED_REPORT.as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("finished");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    assert!(id.starts_with("meeting:"), "prints the draft's id: {id}");

    let draft = s.run(&["proposals", &id, "--json"]).json();
    assert_eq!(draft["pending"], 24);
    let quotes: Vec<&str> = draft["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .map(|p| p["quote"].as_str().expect("each with its span's text"))
        .collect();
    assert!(quotes.contains(&"بشكل جمع بين الحضوري والافتراضي"));

    let listed = s.run(&["--lang", "ar", "proposals", &id[8..16], "--accept-all"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed.stderr.contains("0 في الانتظار، 24 مقبولة، 0 مرفوضة"),
        "{}",
        listed.stderr
    );

    let got = s.run(&["show", &id, "--json"]).json();
    assert_eq!(
        serde_json::to_string_pretty(&comparable(&got)).expect("json"),
        serde_json::to_string_pretty(&comparable(&expected)).expect("json"),
        "the same meeting as `mahdar demo`"
    );
}

#[test]
fn bad_reports_are_refused_in_one_line_and_change_nothing() {
    let s = Session::new();
    s.run(&["demo"]).ok();
    let before = s.run(&["meetings", "--json"]).ok();

    let empty = s.path("empty.txt");
    std::fs::write(&empty, "  \n").expect("write");
    let binary = s.path("binary.txt");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).expect("write");
    let huge = s.path("huge.txt");
    std::fs::write(&huge, "ا".repeat(600_000)).expect("write");
    let long = s.path("long.txt");
    std::fs::write(&long, "ا".repeat(100_001)).expect("write");
    for (file, expected) in [
        (&empty, "the report is empty"),
        (&binary, "not UTF-8"),
        (&huge, "at most 1.0 MB"),
        (&long, "at most 100000"),
    ] {
        let run = s.run(&["import-report", file.to_str().expect("utf-8")]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
    let run = s.run(&["proposals", "018bcfe5", "--accept", "1"]);
    assert_eq!(run.code, 2, "the demo meeting was not made from a report");
    assert!(
        run.stderr.contains("not made from a report"),
        "{}",
        run.stderr
    );
    assert_eq!(
        s.run(&["meetings", "--json"]).ok(),
        before,
        "nothing changed"
    );
}
