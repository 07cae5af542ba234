//! Encryption at rest from the command line, as the README tells an IT officer to script it:
//! `init --encrypt` with the passphrase in a file or `MAHDAR_PASSPHRASE`, a wrong or missing
//! passphrase refused in one line, `passphrase change`, and encrypted backups restored
//! elsewhere. With encryption on, `grep -r` finds no Arabic word of the seed meeting.

use mahdar_journeys::{Run, Session};
use std::{collections::BTreeSet, path::Path, process::Command};

const PASSPHRASE: &str = "محضر الجهة 2026";
const NEW: &str = "عبارة جديدة للمرور";

fn env(p: &str) -> [(&'static str, &str); 1] {
    [("MAHDAR_PASSPHRASE", p)]
}

fn refused(run: &Run, code: i32, expected: &str) {
    assert_eq!(
        run.code, code,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
    assert!(
        run.stderr.contains(expected),
        "{expected:?} in {}",
        run.stderr
    );
}

/// Every Arabic word of three letters or more in the seed meeting, as `show --json` prints it.
fn seed_words() -> BTreeSet<String> {
    let s = Session::new();
    s.run(&["demo"]).ok();
    let id = s.run(&["meetings", "--json"]).json()[0]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let record = s.run(&["show", &id, "--json"]).ok();
    record
        .split(|c: char| !('\u{0621}'..='\u{064A}').contains(&c))
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_owned)
        .collect()
}

/// `grep -rlF` for each word, as the issue's "done means" says: the words found.
fn grep_r(dir: &Path, words: &BTreeSet<String>) -> Vec<String> {
    let mut patterns = tempfile::NamedTempFile::new().expect("temp file");
    use std::io::Write;
    for w in words {
        writeln!(patterns, "{w}").expect("write");
    }
    let out = Command::new("grep")
        .args(["-r", "-o", "-h", "-a", "-F", "-f"])
        .arg(patterns.path())
        .arg(dir)
        .env("LC_ALL", "C")
        .output()
        .expect("grep runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn with_encryption_on_grep_finds_no_word_of_the_seed_meeting() {
    let words = seed_words();
    assert!(words.len() > 100, "{} words", words.len());
    let s = Session::new();
    let pass_file = s.path("pass");
    std::fs::write(&pass_file, format!("{PASSPHRASE}\n")).expect("write");
    let pass_arg = pass_file.to_str().expect("utf-8");

    // A weak passphrase is refused before anything is created.
    refused(
        &s.run_env(&env("قصيرة"), &["init", "--encrypt"]),
        2,
        "too short",
    );
    assert!(!s.data_dir().join("store").exists());

    let out = s
        .run(&["--passphrase-file", pass_arg, "init", "--encrypt"])
        .ok();
    assert!(out.contains("مشفرا"), "{out}");
    assert!(out.contains("لا يمكن لأحد استرجاع عبارة المرور"), "{out}");

    // Without the passphrase: one line that says how to give it; a wrong one: another.
    refused(&s.run(&["demo"]), 2, "MAHDAR_PASSPHRASE");
    refused(
        &s.run_env(&env("ليست هي العبارة"), &["demo"]),
        2,
        "wrong passphrase",
    );

    s.run(&["--passphrase-file", pass_arg, "demo"]).ok();
    let id = s.run_env(&env(PASSPHRASE), &["meetings", "--json"]).json()[0]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let hits = s.run_env(&env(PASSPHRASE), &["search", "الزنيبر"]).ok();
    assert!(hits.contains("الزنيبر"), "{hits}");
    let pdf = s.path("minutes.pdf");
    s.run_env(
        &env(PASSPHRASE),
        &[
            "export",
            &id,
            "--format",
            "pdf",
            "-o",
            pdf.to_str().expect("utf-8"),
        ],
    )
    .ok();
    let backup = s.path("all.mahdar-backup");
    s.run_env(
        &env(PASSPHRASE),
        &["backup", backup.to_str().expect("utf-8")],
    )
    .ok();
    assert!(
        std::fs::read(&backup)
            .expect("backup")
            .starts_with(b"age-encryption.org/v1"),
        "the backup of encrypted data is an age file"
    );

    assert_eq!(grep_r(&s.data_dir(), &words), Vec::<String>::new());
    assert_eq!(grep_r(&backup, &words), Vec::<String>::new());
    // The same grep finds them in a folder in clear.
    let clear = Session::new();
    clear.run(&["demo"]).ok();
    assert!(grep_r(&clear.data_dir(), &words).contains(&"الزنيبر".to_owned()));

    // The passphrase changes; the old one no longer opens the data.
    let new_file = s.path("new");
    std::fs::write(&new_file, NEW).expect("write");
    let out = s
        .run_env(
            &env(PASSPHRASE),
            &[
                "passphrase",
                "change",
                "--new-passphrase-file",
                new_file.to_str().expect("utf-8"),
            ],
        )
        .ok();
    assert!(out.contains("غُيّرت عبارة المرور"), "{out}");
    refused(
        &s.run_env(&env(PASSPHRASE), &["meetings"]),
        2,
        "wrong passphrase",
    );
    assert!(
        s.run_env(&env(NEW), &["show", &id])
            .ok()
            .contains("الزنيبر")
    );

    // The restore drill: the backup into a new laptop's folder, with the passphrase of the
    // day it was written; the restored data is encrypted too.
    let laptop = Session::new();
    refused(
        &laptop.run(&["restore", backup.to_str().expect("utf-8")]),
        2,
        "MAHDAR_PASSPHRASE",
    );
    refused(
        &laptop.run_env(&env(NEW), &["restore", backup.to_str().expect("utf-8")]),
        2,
        "wrong passphrase",
    );
    assert!(!laptop.data_dir().exists(), "refused: nothing created");
    laptop
        .run_env(
            &env(PASSPHRASE),
            &["restore", backup.to_str().expect("utf-8")],
        )
        .ok();
    refused(&laptop.run(&["meetings"]), 2, "encrypted");
    let shown = laptop.run_env(&env(PASSPHRASE), &["show", &id]).ok();
    assert!(shown.contains("السعيد الزنيبر"), "{shown}");
    assert_eq!(grep_r(&laptop.data_dir(), &words), Vec::<String>::new());
}

#[test]
fn a_folder_in_clear_is_encrypted_in_place() {
    let words = seed_words();
    let s = Session::new();
    s.run(&["demo"]).ok();
    s.run(&["search", "الزنيبر"]).ok();
    // An old script's `sync-export --passphrase-file` (once the sync file's passphrase) on
    // data in clear: refused, rather than a sync file written in clear.
    let pass_file = s.path("pass");
    std::fs::write(&pass_file, "\u{feff}عبارة المرور\n").expect("write");
    let out = s.path("out.mahdar-sync");
    let old_script = [
        "sync-export",
        "-o",
        out.to_str().expect("utf-8"),
        "--passphrase-file",
        pass_file.to_str().expect("utf-8"),
    ];
    refused(&s.run(&old_script), 2, "--sync-passphrase-file");
    assert!(!out.exists(), "nothing written");
    assert!(!grep_r(&s.data_dir(), &words).is_empty());
    let out = s.run_env(&env(PASSPHRASE), &["init", "--encrypt"]).ok();
    assert!(out.contains("شُفّرت البيانات"), "{out}");
    assert_eq!(grep_r(&s.data_dir(), &words), Vec::<String>::new());
    let listed = s.run_env(&env(PASSPHRASE), &["meetings"]).ok();
    assert!(
        listed.contains("فاس مكناس") || listed.contains("فاس-مكناس"),
        "{listed}"
    );
    refused(
        &s.run_env(&env(PASSPHRASE), &["init", "--encrypt"]),
        2,
        "already encrypted",
    );
}
