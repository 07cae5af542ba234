//! The approval workflow from the command line: who may approve, the hash approving prints,
//! `verify-minutes` on the meeting and on its PDF, and the follow-up dashboard.

use mahdar_journeys::Session;

#[test]
fn the_seed_meeting_is_approved_and_its_hash_verified_on_the_meeting_and_the_pdf() {
    let s = Session::new();
    s.run(&["demo"]).ok();

    let dashboard = s
        .run(&["dashboard", "--region", "fes-meknes", "--json"])
        .json();
    assert_eq!(dashboard["total"]["actions"], 3);
    assert_eq!(
        dashboard["by_region"][0]["committed"][0]["centimes"], 3_000_000_000_i64,
        "30 000 000 MAD committed for Fès-Meknès: {dashboard}"
    );
    assert_eq!(dashboard["by_region"][0]["key"], "fes-meknes");
    let text = s.run(&["--lang", "fr", "dashboard"]).ok();
    assert!(text.contains("Fès-Meknès") && text.contains("30"), "{text}");

    // Nobody set up: refused in one line, nothing changed.
    let r = s.run(&["review", "018bcfe5"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("mahdar user set"), "{}", r.stderr);
    s.run(&["user", "set", "السعيد الزنيبر", "--role", "reviewer"])
        .ok();
    s.run(&["review", "018bcfe5"]).ok();
    let r = s.run(&["approve", "018bcfe5"]);
    assert_eq!(r.code, 2, "a reviewer does not approve: {}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1);
    let r = s.run(&["user", "set", "x", "--role", "boss"]);
    assert_eq!(r.code, 2, "{}", r.stderr);

    s.run(&["user", "set", "عواطف حيار", "--role", "approver"])
        .ok();
    let out = s.run(&["--lang", "en", "approve", "018bcfe5"]).ok();
    let hash = out
        .lines()
        .find_map(|l| l.strip_prefix("SHA-256 "))
        .expect("approving prints the SHA-256")
        .to_owned();
    assert_eq!(hash.len(), 64, "{out}");

    let v = s.run(&["verify-minutes", "018bcfe5", "--json"]).json();
    assert_eq!(v["matches"], true, "{v}");
    assert_eq!(v["current_sha256"], hash.as_str());
    let pdf = s.path("minutes.pdf");
    s.run(&[
        "export",
        "018bcfe5",
        "--format",
        "pdf",
        "-o",
        pdf.to_str().expect("path"),
    ])
    .ok();
    let out = s
        .run(&[
            "--lang",
            "en",
            "verify-minutes",
            pdf.to_str().expect("path"),
        ])
        .ok();
    assert!(out.contains("Matches the minutes approved"), "{out}");
    assert!(out.contains(&hash), "{out}");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(
        String::from_utf8_lossy(&text.stdout).contains(&hash),
        "the hash is printed in the PDF's footer"
    );

    // A PDF of something else is refused in one line; a PDF whose hash was tampered with is
    // not recognised.
    let mut forged = std::fs::read(&pdf).expect("read");
    let at = forged
        .windows(hash.len())
        .position(|w| w == hash.as_bytes())
        .expect("hash in the file");
    forged[at] = if forged[at] == b'0' { b'1' } else { b'0' };
    let other = s.path("forged.pdf");
    std::fs::write(&other, &forged).expect("write");
    let r = s.run(&["verify-minutes", other.to_str().expect("path")]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);

    // Published by the secretariat: still the approved minutes.
    s.run(&["user", "set", "الكتابة العامة", "--role", "secretary"])
        .ok();
    s.run(&["publish", "018bcfe5"]).ok();
    s.run(&["verify-minutes", "018bcfe5"]).ok();

    // A change to published minutes starts amendment 1; the approved version stays.
    s.run(&["amend", "018bcfe5"]).ok();
    let out = s.run(&["--lang", "en", "verify-minutes", "018bcfe5"]).ok();
    assert!(out.contains("Amendment 1 in preparation"), "{out}");
    assert!(out.contains(&hash), "{out}");
}
