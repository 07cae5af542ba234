//! Bad input gets one line on stderr, exit code 2, and changes nothing.

use mahdar_journeys::{Run, Session};

fn state(s: &Session) -> String {
    // A backup covers every revision of every document: equal backups, equal stores.
    let file = s.path("state.backup");
    let _ = std::fs::remove_file(&file);
    s.run(&["backup", file.to_str().expect("utf-8")]).ok();
    let text = std::fs::read_to_string(&file).expect("backup written");
    std::fs::remove_file(&file).expect("cleanup");
    text
}

fn refused(run: Run, what: &str) -> String {
    assert_eq!(
        run.code, 2,
        "{what}: exit code 2 (stdout: {}, stderr: {})",
        run.stdout, run.stderr
    );
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "{what}: one line on stderr, got: {}",
        run.stderr
    );
    assert!(run.stderr.starts_with("mahdar: "), "{what}: {}", run.stderr);
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{what}: no crash"
    );
    run.stderr
}

#[test]
fn bad_input_changes_nothing() {
    let s = Session::new();
    s.run(&["demo"]).ok();
    let before = state(&s);

    let damaged = s.path("damaged.backup");
    std::fs::write(
        &damaged,
        "{\"format\":\"mahdar-backup\",\"version\":1,\"schema_version\":1}\n{\"id\":\"meeting:x\"",
    )
    .expect("write");
    let existing = s.path("existing.backup");
    std::fs::write(&existing, "keep me").expect("write");
    let (damaged_s, nowhere, existing_s) = (
        damaged.to_str().expect("utf-8").to_owned(),
        s.path("nowhere.backup").to_str().expect("utf-8").to_owned(),
        existing.to_str().expect("utf-8").to_owned(),
    );
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["frobnicate"], "unrecognized subcommand"),
        (vec!["show"], "<MEETING>"),
        (vec!["show", "meeting:not-a-uuid"], "not a meeting id"),
        (vec!["show", "ffffffff"], "no meeting"),
        (vec!["show", "0"], "at least its first 4 characters"),
        (
            vec!["meetings", "--region", "Atlantis"],
            "Morocco's 12 regions",
        ),
        (vec!["meetings", "--from", "2026-13-45"], "--from"),
        (vec!["actions", "--status", "maybe"], "not one of proposed"),
        (
            vec!["actions", "--owner", "meeting:123"],
            "neither a person",
        ),
        (vec!["--lang", "de", "meetings"], "not one of ar, fr, en"),
        (
            vec!["restore", &damaged_s, "--merge"],
            "nothing was restored",
        ),
        (vec!["restore", &nowhere], "no such file"),
        (vec!["backup", &existing_s], "already exists"),
    ];
    for (args, expected) in cases {
        let stderr = refused(s.run(&args), &args.join(" "));
        assert!(
            stderr.contains(expected),
            "{args:?}: expected {expected:?} in {stderr}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&existing).expect("read"),
        "keep me",
        "an existing file is not overwritten"
    );
    assert_eq!(state(&s), before, "no refused command changed the store");

    let full = s.path("full.backup");
    s.run(&["backup", full.to_str().expect("utf-8")]).ok();
    let stderr = refused(
        s.run(&["restore", full.to_str().expect("utf-8")]),
        "restore over data",
    );
    assert!(stderr.contains("--merge"), "{stderr}");
    assert_eq!(state(&s), before);

    let fresh = s.path("fresh");
    let stderr = refused(
        s.run_in(&fresh, &["restore", &damaged_s]),
        "restore a damaged file into a new folder",
    );
    assert!(stderr.contains("nothing was restored"), "{stderr}");
    assert!(!fresh.exists(), "a refused restore leaves no folder behind");
}

#[test]
fn reading_commands_never_create_a_data_folder() {
    let s = Session::new();
    for args in [
        &["meetings"][..],
        &["show", "abcd"],
        &["actions"],
        &["verify"],
        &["people"],
    ] {
        let stderr = refused(s.run(args), &args.join(" "));
        assert!(stderr.contains("mahdar init"), "{stderr}");
    }
    assert!(
        !s.data_dir().exists(),
        "a typo in --data-dir does not leave an empty folder behind"
    );
}

#[test]
fn help_and_version_succeed() {
    let s = Session::new();
    assert!(s.run(&["--help"]).ok().contains("demo"));
    assert!(s.run(&["--version"]).ok().starts_with("mahdar "));
}

#[test]
fn a_two_gigabyte_file_is_refused_at_once_and_changes_nothing() {
    let s = Session::new();
    s.run(&["demo"]).ok();
    let before = state(&s);
    // Sparse: 2 GB long, no disk used.
    let huge = s.path("huge.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(2 * 1024 * 1024 * 1024))
        .expect("a sparse file");
    let huge_s = huge.to_str().expect("utf-8");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["import", huge_s], "a meeting file is at most 64.0 MB"),
        (vec!["sync-import", huge_s], "sync files are limited to"),
        (vec!["verify-minutes", huge_s], "a PDF is at most 200.0 MB"),
        (
            vec![
                "resolve",
                "statement:018bcfe5-6820-7d61-a864-617253656520",
                "--merged",
                huge_s,
            ],
            "a merged version is at most 8.0 MB",
        ),
        (
            vec!["sync", "http://127.0.0.1:9/x", "--password-file", huge_s],
            "a password file is at most",
        ),
        (vec!["restore", huge_s, "--merge"], "huge.json"),
    ];
    for (args, expected) in cases {
        let started = std::time::Instant::now();
        let err = refused(s.run(&args), &args.join(" "));
        assert!(err.contains(expected), "{}: {err}", args.join(" "));
        assert!(
            err.contains("2.0 GB") || args[0] == "sync-import" || args[0] == "restore",
            "{err}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{} took {:?}: the file was read",
            args.join(" "),
            started.elapsed()
        );
    }
    assert_eq!(state(&s), before, "nothing changed");
}

#[test]
fn damaged_data_is_reported_plainly_and_recovered_from_the_newest_good_backup() {
    let s = Session::new();
    s.run(&["demo"]).ok();
    let before = s.run(&["show", "018bcfe5", "--json"]).ok();
    let backups = s.data_dir().join("backups");
    std::fs::create_dir_all(&backups).expect("backups folder");
    let kept = backups.join("before-the-trip.mahdar-backup");
    s.run(&["backup", kept.to_str().expect("utf-8")]).ok();
    let r = s.run(&["recover"]);
    assert!(
        refused(r, "recover while sound").contains("not damaged"),
        "nothing to recover from sound data"
    );

    // The disk fails under sled's configuration file.
    let conf = s.data_dir().join("store").join("conf");
    let mut bytes = std::fs::read(&conf).expect("conf");
    bytes[5..17].copy_from_slice(b"XXXXXXXXXXXX");
    std::fs::write(&conf, bytes).expect("damaged");
    let r = s.run(&["show", "018bcfe5"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("damaged") && r.stderr.contains("mahdar recover"),
        "{}",
        r.stderr
    );

    let listed = s.run(&["backups", "--json"]).json();
    assert_eq!(listed[0]["kind"], "other", "{listed}");
    let out = s.run(&["--lang", "en", "recover"]).ok();
    assert!(out.contains("before-the-trip.mahdar-backup"), "{out}");
    assert!(out.contains("Sync now"), "{out}");
    assert_eq!(
        s.run(&["show", "018bcfe5", "--json"]).ok(),
        before,
        "everything back"
    );
    let aside: Vec<_> = std::fs::read_dir(s.data_dir())
        .expect("data folder")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("store.damaged-")
        })
        .collect();
    assert_eq!(aside.len(), 1, "the damaged files are kept aside");
}
