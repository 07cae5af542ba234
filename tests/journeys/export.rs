//! Formal minutes out: every export format through the `mahdar` binary, and a meeting carried
//! from one laptop to another as JSON.

use mahdar_journeys::Session;

fn seed_id(s: &Session) -> String {
    s.run(&["demo"]).ok();
    s.run(&["meetings", "--json"]).json()[0]["id"]
        .as_str()
        .expect("the seed meeting has an id")
        .to_owned()
}

#[test]
fn every_format_is_written_whole() {
    let s = Session::new();
    let id = seed_id(&s);
    let prefix = &id["meeting:".len()..][..8];
    for (format, lang, starts) in [
        ("pdf", "ar", &b"%PDF-"[..]),
        ("pdf", "fr", b"%PDF-"),
        ("docx", "ar", b"PK\x03\x04"),
        ("akn", "ar", b"<?xml"),
        ("csv", "fr", "\u{feff}".as_bytes()),
        ("ics", "ar", b"BEGIN:VCALENDAR"),
        ("json", "ar", b"{"),
    ] {
        let file = s.path(&format!("minutes-{lang}.{format}"));
        let out = s
            .run(&[
                "--lang",
                lang,
                "export",
                prefix,
                "--format",
                format,
                "-o",
                file.to_str().expect("utf-8 path"),
            ])
            .ok();
        assert!(
            out.contains(file.to_str().expect("utf-8 path")),
            "{format}: says where: {out}"
        );
        let bytes = std::fs::read(&file).expect("written");
        assert!(
            bytes.starts_with(starts),
            "{format} {lang}: starts with {starts:?}"
        );
        let partial = file.with_extension(format!("{format}.partial"));
        assert!(!partial.exists(), "no partial file left behind");
    }
    // Standard output, for pipes.
    let run = s.run(&["export", &id, "--format", "csv", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("عواطف حيار") || run.stdout.contains("الزنيبر"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let s = Session::new();
    let id = seed_id(&s);
    let file = s.path("keep.pdf");
    std::fs::write(&file, "keep me").expect("write");
    let run = s.run(&[
        "export",
        &id,
        "--format",
        "pdf",
        "-o",
        file.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(run.code, 2, "refused: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).expect("file readable"),
        "keep me"
    );

    let run = s.run(&[
        "export",
        &id,
        "--format",
        "odt",
        "-o",
        s.path("x.odt").to_str().expect("utf-8 path"),
    ]);
    assert_eq!(run.code, 2, "unknown format: {}", run.stderr);
    assert!(
        run.stderr.contains("pdf"),
        "names the formats: {}",
        run.stderr
    );
    assert!(!s.path("x.odt").exists());

    s.run(&[
        "export",
        &id,
        "--format",
        "pdf",
        "-o",
        file.to_str().expect("utf-8 path"),
        "--force",
    ])
    .ok();
    assert!(
        std::fs::read(&file)
            .expect("file readable")
            .starts_with(b"%PDF-")
    );
}

#[test]
fn a_meeting_travels_as_json_without_loss() {
    let office = Session::new();
    let id = seed_id(&office);
    let file = office.path("meeting.json");
    office
        .run(&[
            "export",
            &id,
            "--format",
            "json",
            "-o",
            file.to_str().expect("utf-8 path"),
        ])
        .ok();

    let field = Session::new();
    let report = field
        .run(&["import", file.to_str().expect("utf-8 path"), "--json"])
        .json();
    assert_eq!(report["meeting"].as_str(), Some(id.as_str()), "{report}");
    let again = field.path("again.json");
    field
        .run(&[
            "export",
            &id,
            "--format",
            "json",
            "-o",
            again.to_str().expect("utf-8 path"),
        ])
        .ok();
    assert_eq!(
        std::fs::read_to_string(&file).expect("file readable"),
        std::fs::read_to_string(&again).expect("file readable"),
        "export → import into an empty store → export gives the same JSON"
    );
    // Importing twice changes nothing.
    let report = field
        .run(&["import", file.to_str().expect("utf-8 path"), "--json"])
        .json();
    assert_eq!(report["added"], 0, "{report}");

    let broken = field.path("broken.json");
    std::fs::write(&broken, "{\"format\": \"mahdar-meeting\"").expect("file readable");
    let run = field.run(&["import", broken.to_str().expect("utf-8 path")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}
