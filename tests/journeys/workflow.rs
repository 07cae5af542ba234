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

    // The audit trail says who moved the minutes where, and when.
    let out = s.run(&["history", "018bcfe5"]).ok();
    assert!(out.contains("الكتابة العامة (كاتب/ة المحضر)"), "{out}");
    assert!(out.contains("status: «published» → «draft»"), "{out}");
    assert!(out.contains("عواطف حيار (مصادق/ة)"), "{out}");
    let history = s.run(&["history", "018bcfe5", "--json"]).json();
    let moves: Vec<(String, String)> = history
        .as_array()
        .expect("a list")
        .iter()
        .filter(|e| e["kind"] == "meeting" && e["op"] == "edited")
        .map(|e| {
            (
                e["by"].as_str().unwrap_or_default().to_owned(),
                e["changes"][0]["after"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    let expected = [
        ("السعيد الزنيبر", "in_review"),
        ("عواطف حيار", "approved"),
        ("الكتابة العامة", "published"),
        ("الكتابة العامة", "draft"),
    ];
    assert_eq!(
        moves,
        expected.map(|(a, b)| (a.to_owned(), b.to_owned())),
        "{history:#}"
    );
    let r = s.run(&["history", "statement:00000000-0000-7000-8000-000000000000"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn the_follow_up_list_leaves_as_a_printed_report_and_a_spreadsheet() {
    let s = Session::new();
    s.run(&["demo"]).ok();
    let pdf = s.path("report.pdf");
    s.run(&[
        "actions",
        "--region",
        "fes-meknes",
        "-o",
        pdf.to_str().expect("path"),
    ])
    .ok();
    let text = |path: &std::path::Path| {
        let out = std::process::Command::new("pdftotext")
            .arg(path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let ar = text(&pdf);
    for expected in [
        "تقرير تتبع الإجراءات",
        "فاس مكناس",
        "شراكة لتعزيز الاندماج الاقتصادي للنساء",
        "إحداث أنشطة مدرة للدخل",
        "عدد الإجراءات",
        "30.000.000",
        "26.000.000",
        "4.000.000",
    ] {
        assert!(ar.contains(expected), "{expected} missing from:\n{ar}");
    }
    // The page is drawn: rendered, it is not blank.
    let png = s.path("report");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "40", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(&png)
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(status.success());
    assert!(
        std::fs::metadata(png.with_extension("png"))
            .expect("png")
            .len()
            > 5_000
    );

    let fr = s.path("rapport.pdf");
    s.run(&[
        "--lang",
        "fr",
        "actions",
        "--status",
        "proposed",
        "-o",
        fr.to_str().expect("path"),
    ])
    .ok();
    let fr = text(&fr);
    assert!(fr.contains("Rapport de suivi des actions"), "{fr}");
    assert!(fr.contains("Statut : proposée"), "{fr}");
    assert!(fr.contains("30 000 000,00 DH"), "{fr}");

    let csv = s.path("actions.csv");
    s.run(&["actions", "-o", csv.to_str().expect("path")]).ok();
    let bytes = std::fs::read(&csv).expect("csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    assert_eq!(String::from_utf8_lossy(&bytes).lines().count(), 4);

    let r = s.run(&["actions", "-o", s.path("list.txt").to_str().expect("path")]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(".pdf"), "{}", r.stderr);
    assert!(!s.path("list.txt").exists(), "nothing written");
}
