//! Whatever the text, the extractor returns proposals that hold together: spans inside the
//! text, numbers from 1 in order, references to proposals of the right kinds.
//!
//! `MAHDAR_FUZZ_CASES` sets how many inputs run (2 000 by default; `make fuzz` runs 100 000).

use mahdar_import::extract;
use mahdar_model::{ProposalItem, ProposedParty};
use proptest::prelude::*;

use mahdar_import::TEST_WORDS as WORDS;

fn cases() -> u32 {
    std::env::var("MAHDAR_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(2_000, |n| n.saturating_mul(5))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let found = extract(text);
    let ps = &found.proposals;
    let chars = text.chars().count();
    for (i, p) in ps.iter().enumerate() {
        prop_assert_eq!(p.no as usize, i + 1);
        prop_assert!(
            p.span.start < p.span.end && p.span.end <= chars,
            "{:?}",
            p.span
        );
        for s in &p.also {
            prop_assert!(s.start < s.end && s.end <= chars);
        }
        let kind_of = |n: u32| ps.get((n as usize).wrapping_sub(1)).map(|q| q.item.kind());
        for n in p.item.refers_to() {
            prop_assert!(kind_of(n).is_some(), "{} refers to {n}", p.no);
        }
        match &p.item {
            ProposalItem::Statement { speaker, text, .. } => {
                prop_assert_eq!(kind_of(*speaker), Some("attendee"));
                prop_assert!(!text.trim().is_empty());
            }
            ProposalItem::Action {
                owner,
                statement,
                visit,
                ..
            } => {
                if let Some(ProposedParty::Attendee(n)) = owner {
                    prop_assert_eq!(kind_of(*n), Some("attendee"));
                }
                if let Some(n) = statement {
                    prop_assert_eq!(kind_of(*n), Some("statement"));
                }
                if let Some(n) = visit {
                    prop_assert_eq!(kind_of(*n), Some("visit"));
                }
            }
            _ => {}
        }
        prop_assert!(p.item.clone().validated().is_ok(), "{:?}", p.item);
    }
    Ok(())
}

/// Writes "target: N inputs …" to the report CI prints (one line per target, the latest run's).
fn report(target: &str, inputs: u32) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-report.txt");
    let _ = std::fs::create_dir_all(path.parent().expect("a parent"));
    let mut lines: Vec<String> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with(&format!("{target}:")))
        .map(str::to_owned)
        .collect();
    lines.push(format!(
        "{target}: {inputs} inputs, no panic, every proposal well formed"
    ));
    let _ = std::fs::write(&path, lines.join("\n") + "\n");
}

fn run(target: &str, strategy: impl Strategy<Value = String>) {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let runs = std::cell::Cell::new(0u32);
    runner
        .run(&strategy, |text| {
            runs.set(runs.get() + 1);
            check(&text)
        })
        .unwrap();
    report(target, runs.get());
}

#[test]
fn extraction_never_panics_on_words_of_the_rules() {
    run(
        "press report extractor (words of the rules in any order, sometimes glued)",
        (
            prop::collection::vec(prop::sample::select(WORDS), 0..200),
            prop::sample::select(&[" ", " ", " ", "", "\u{a0}", "،"][..]),
        )
            .prop_map(|(w, glue)| w.join(glue)),
    );
}

/// The longest report accepted, made of what costs the rules most: amounts with no comma,
/// visits of place after place, an endless attendance list, a statement per line.
#[test]
fn the_longest_reports_stay_quick_and_small() {
    let fill = |unit: &str| -> String {
        let n = 99_000 / unit.chars().count();
        unit.repeat(n)
    };
    let cases = [
        ("amounts", format!("قال الوزير {}", fill("1 درهم لتعزيز "))),
        ("visits", format!("زار الوزير {}", fill("مركز، ثم "))),
        (
            "attendance",
            format!("بحضور {}", fill("عبد الواحد الأنصاري، ")),
        ),
        ("names", format!("بحضور {}", fill("اب تث، "))),
        ("statements", fill("وقالت الوزيرة إن الأمر مهم.\n")),
        (
            "french",
            fill("Elle a déclaré que 30 millions de dirhams pour la ville. "),
        ),
    ];
    for (what, text) in cases {
        let started = std::time::Instant::now();
        check(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
        let found = extract(&text);
        let bytes: usize = found
            .proposals
            .iter()
            .map(|p| serde_json::to_string(p).map_or(0, |j| j.len()))
            .sum();
        println!(
            "{what}: {} characters, {} proposals, {} KB of proposals, {:.2} s",
            text.chars().count(),
            found.proposals.len(),
            bytes / 1024,
            started.elapsed().as_secs_f64()
        );
        assert!(
            found.proposals.len() <= 700,
            "{what}: capped, not {}",
            found.proposals.len()
        );
        assert!(
            bytes < 3 * 1024 * 1024,
            "{what}: the draft fits a document ({bytes} bytes)"
        );
    }
}

#[test]
fn extraction_never_panics_on_any_text() {
    run("press report extractor (any text)", "\\PC{0,400}");
}

#[test]
fn extraction_holds_on_every_report_of_the_corpus_cut_anywhere() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reports");
    for dir in ["seed", "dev", "heldout"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("the corpus") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).expect("text");
                let chars: Vec<char> = text.chars().collect();
                for cut in (0..chars.len()).step_by(37) {
                    let head: String = chars[..cut].iter().collect();
                    let tail: String = chars[cut..].iter().collect();
                    check(&head).expect("the head of a report");
                    check(&tail).expect("the tail of a report");
                }
            }
        }
    }
}
