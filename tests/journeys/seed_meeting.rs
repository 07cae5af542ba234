//! "Done means" of the foundation: the seed meeting through the command line.

use mahdar_journeys::Session;
use serde_json::Value;

fn seed_id(s: &Session) -> String {
    s.run(&["demo"]).ok();
    let meetings = s.run(&["meetings", "--json"]).json();
    let list = meetings
        .as_array()
        .expect("meetings --json prints an array");
    assert_eq!(list.len(), 1, "one meeting after the demo");
    list[0]["id"]
        .as_str()
        .expect("each meeting has its id")
        .to_owned()
}

#[test]
fn the_seed_meeting_reads_as_the_source_tells_it() {
    let s = Session::new();
    let id = seed_id(&s);
    let text = s.run(&["show", &id]).ok();

    let section = |title: &str| -> Vec<String> {
        let start = text
            .find(title)
            .unwrap_or_else(|| panic!("section {title} in:\n{text}"));
        text[start..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .map(str::to_owned)
            .collect()
    };
    let attendance = section("الحضور (6):");
    assert_eq!(attendance.len(), 6, "six attendance entries");
    for (line, who) in attendance.iter().zip([
        "عواطف حيار",
        "السعيد الزنيبر",
        "عمال أقاليم وعمالات الجهة",
        "عبد الواحد الأنصاري",
        "ممثلو الهيئات المنتخبة",
        "المجتمع المدني",
    ]) {
        assert!(line.contains(who), "{who} in protocol order: {line}");
    }
    let statements = section("المداخلات (8):");
    let speakers = [
        "عواطف حيار",
        "عواطف حيار",
        "عواطف حيار",
        "عواطف حيار",
        "السعيد الزنيبر",
        "السعيد الزنيبر",
        "عبد الواحد الأنصاري",
        "عبد الواحد الأنصاري",
    ];
    assert_eq!(statements.len(), 8, "eight statements");
    for (i, (line, who)) in statements.iter().zip(speakers).enumerate() {
        assert!(
            line.starts_with(&format!("  {}. {who} (", i + 1)),
            "statement {} by {who}: {line}",
            i + 1
        );
    }
    assert!(
        statements[2].contains("وكالة المغرب العربي للأنباء"),
        "the press statement names its channel"
    );
    assert!(statements[3].contains("26 مليون درهم"));
    assert_eq!(
        section("إجراءات التتبع (3):").len(),
        3,
        "three follow-up actions"
    );
    assert!(
        text.contains("المجموع الملتزم به: 30.000.000 درهم"),
        "the total is 30 000 000 MAD:\n{text}"
    );
    assert!(
        text.contains("المكان: ⚠ ناقص") && text.contains("التاريخ: ⚠ ناقص"),
        "date and venue are shown as missing"
    );

    let fr = s.run(&["--lang", "fr", "show", &id]).ok();
    assert!(
        fr.contains("Total engagé : 30\u{a0}000\u{a0}000,00\u{a0}DH"),
        "French writes the total its way:\n{fr}"
    );
    assert!(fr.contains("lieu : ⚠ manquant"));
}

#[test]
fn show_json_has_the_record_as_ordered_arrays() {
    let s = Session::new();
    let id = seed_id(&s);
    let record = s.run(&["show", &id, "--json"]).json();
    let len = |k: &str| record[k].as_array().map(Vec::len);
    assert_eq!(
        (
            len("attendance"),
            len("statements"),
            len("decisions"),
            len("actions")
        ),
        (Some(6), Some(8), Some(0), Some(3))
    );
    assert_eq!(record["id"], Value::String(id.clone()));
    assert_eq!(record["rank"], 9);
    assert_eq!(record["region"], "fes-meknes");
    assert_eq!(record["venue"], Value::Null, "no venue is invented");
    assert_eq!(
        record["missing"],
        serde_json::json!(["date", "start_time", "venue"])
    );
    assert_eq!(record["statements"][4]["speaker_name"], "السعيد الزنيبر");
    assert_eq!(
        record["totals"]["committed"],
        serde_json::json!([{"centimes": 3_000_000_000i64, "currency": "MAD"}])
    );
    let short = &id["meeting:".len()..][..8];
    assert_eq!(
        s.run(&["show", short, "--json"]).json(),
        record,
        "a prefix of the id finds the same meeting"
    );
}

#[test]
fn running_the_demo_twice_duplicates_nothing() {
    let s = Session::new();
    let id = seed_id(&s);
    let before = s.run(&["show", &id, "--json"]).ok();
    let again = s.run(&["demo", "--json"]).json();
    assert_eq!(again["created"], 0, "nothing new the second time");
    assert_eq!(
        s.run(&["meetings", "--json"])
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        s.run(&["show", &id, "--json"]).ok(),
        before,
        "not a byte changed"
    );
}

#[test]
fn backup_then_restore_into_an_empty_folder_gives_the_same_record() {
    let s = Session::new();
    let id = seed_id(&s);
    let original = s.run(&["show", &id, "--json"]).ok();
    let file = s.path("mahdar.backup");
    s.run(&["backup", file.to_str().expect("utf-8 path")]).ok();

    let elsewhere = s.path("restored");
    s.run_in(&elsewhere, &["restore", file.to_str().expect("utf-8 path")])
        .ok();
    let restored = s.run_in(&elsewhere, &["show", &id, "--json"]).ok();
    assert_eq!(
        restored, original,
        "byte-identical show --json after backup and restore"
    );
    assert!(s.run_in(&elsewhere, &["verify"]).ok().contains("✓"));
}

#[test]
fn without_a_data_folder_option_the_per_user_folder_is_used() {
    let s = Session::new();
    s.run_default(&["init"]).ok();
    let default = s.root.path().join("home/.local/share/mahdar/store");
    assert!(default.is_dir(), "the store lives in ~/.local/share/mahdar");
    let mut cmd = s.command();
    let out = cmd
        .env("MAHDAR_DATA_DIR", s.path("from-env"))
        .args(["init"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(
        s.path("from-env/store").is_dir(),
        "MAHDAR_DATA_DIR overrides it"
    );
}

#[test]
fn verify_reports_a_sound_store_and_reindex_keeps_it_so() {
    let s = Session::new();
    seed_id(&s);
    let report = s.run(&["verify", "--json"]).json();
    assert_eq!(report["problem_count"], 0);
    assert_eq!(
        report["documents"], 30,
        "the seed meeting is 29 documents, and the audit entry of loading it"
    );
    s.run(&["reindex"]).ok();
    assert_eq!(s.run(&["verify", "--json"]).json()["problem_count"], 0);
    let actions = s.run(&["actions", "--json"]).json();
    assert_eq!(actions["actions"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        actions["totals"]["committed"][0]["centimes"],
        3_000_000_000i64
    );
    assert_eq!(
        s.run(&["actions", "--status", "done", "--json"]).json()["actions"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let people = s.run(&["people", "زنيبر"]).ok();
    assert!(
        people
            .lines()
            .next()
            .is_some_and(|l| l.contains("السعيد الزنيبر")),
        "{people}"
    );
}

#[test]
fn show_json_never_repeats_a_key() {
    let s = Session::new();
    let id = seed_id(&s);
    let text = s.run(&["show", &id, "--json"]).ok();
    // serde_json keeps the last of two equal keys: count keys in the raw text per object.
    let mut depth_keys: Vec<Vec<String>> = vec![Vec::new()];
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    let mut current = String::new();
    let mut escaped = false;
    while let Some(c) = chars.next() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                // A string followed by ':' is a key.
                let rest: String = chars
                    .clone()
                    .take_while(|c| c.is_whitespace() || *c == ':')
                    .collect();
                if rest.contains(':') {
                    let keys = depth_keys.last_mut().expect("inside an object");
                    assert!(
                        !keys.contains(&current),
                        "key {current:?} appears twice in one object"
                    );
                    keys.push(current.clone());
                }
                continue;
            }
            current.push(c);
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                current.clear();
            }
            '{' => depth_keys.push(Vec::new()),
            '}' => {
                depth_keys.pop();
            }
            _ => {}
        }
    }
}
