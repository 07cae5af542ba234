//! The field delegation's photos (journey 3): a site visit with three photos, recorded on one
//! laptop with no network, reaches a second laptop through the server — photos included, byte
//! for byte — and is printed in both laptops' minutes. A 20 MB photo goes through the server,
//! a sync file and a pull cut short again and again; an unchanged photo is never sent twice.

#[path = "../photos.rs"]
mod photos;

use crate::sync::pouchdb::{PouchServer, http, repo_root};
use mahdar_journeys::Session;
use photos::{big_jpeg, jpeg};
use serde_json::Value;
use std::{
    path::Path,
    process::Command,
    time::{Duration, Instant},
};

const COLOURS: [[u8; 3]; 3] = [[230, 20, 20], [20, 190, 20], [20, 20, 230]];
const CAPTIONS: [&str; 3] = [
    "واجهة مركز الحماية الاجتماعية",
    "ورشة التكوين المهني للنساء",
    "قاعة استقبال الأشخاص في وضعية إعاقة",
];

fn seed() -> String {
    mahdar::seed_meeting_id().to_string()
}

fn seed_visit(s: &Session) -> String {
    let meeting = s.run(&["show", &seed(), "--json"]).json();
    meeting["site_visits"][0]["id"]
        .as_str()
        .expect("the seed meeting has its visit")
        .to_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Renders every page of a PDF to PNG (`pdftoppm`), returns the pages.
fn render(pdf: &Path, prefix: &Path) -> Vec<image::RgbImage> {
    let ok = Command::new("pdftoppm")
        .args(["-png", "-r", "60", path_str(pdf), path_str(prefix)])
        .status()
        .expect("pdftoppm is installed");
    assert!(ok.success());
    let dir = prefix.parent().expect("folder");
    let stem = prefix
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "png")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&stem))
        })
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|p| image::open(p).expect("a PNG").to_rgb8())
        .collect()
}

/// Pixels close to `rgb` on a page.
fn pixels_of(page: &image::RgbImage, rgb: [u8; 3]) -> usize {
    page.pixels()
        .filter(|p| p.0.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) < 40))
        .count()
}

/// The page of the minutes with the three photos, saved for a person to look at; asserts each
/// photo's colour covers a visible area of it.
fn photos_page(s: &Session, label: &str) {
    let pdf = s.path(&format!("{label}.pdf"));
    s.run(&["export", &seed(), "-f", "pdf", "-o", path_str(&pdf)])
        .ok();
    let list = Command::new("pdfimages")
        .args(["-list", path_str(&pdf)])
        .output()
        .expect("pdfimages is installed");
    let listed = String::from_utf8_lossy(&list.stdout);
    assert_eq!(listed.lines().skip(2).count(), 3, "{listed}");
    let pages = render(&pdf, &s.path(&format!("{label}-page")));
    let page = pages
        .iter()
        .find(|p| COLOURS.iter().all(|c| pixels_of(p, *c) > 2_000))
        .unwrap_or_else(|| panic!("no page of the {label} minutes shows the three photos"));
    let shots = repo_root().join("target").join("e2e-screenshots");
    std::fs::create_dir_all(&shots).expect("folder");
    page.save(shots.join(format!("attachments-{label}-minutes.png")))
        .expect("saved");
}

#[test]
fn a_site_visit_with_three_photos_reaches_a_second_laptop_and_both_minutes() {
    let server = PouchServer::start();
    let url = server.url("visits");
    let (a, b) = (Session::new(), Session::new());
    a.run(&["demo"]).ok();
    b.run(&["demo"]).ok();
    let visit = seed_visit(&a);

    // Laptop A, offline at the site: three photos with captions, and a 20 MB one.
    let mut files = Vec::new();
    for (i, (rgb, caption)) in COLOURS.iter().zip(CAPTIONS).enumerate() {
        let file = a.path(&format!("IMG_{i}.jpg"));
        let bytes = jpeg(*rgb, 1600, 1200, &format!("photo {i}"));
        std::fs::write(&file, &bytes).expect("write");
        let id = a
            .run(&["attach", &visit, path_str(&file), "--caption", caption])
            .ok();
        assert!(id.trim().starts_with("attachment:"), "{id}");
        files.push((file, bytes));
    }
    let big = a.path("DSC_big.jpg");
    let big_bytes = big_jpeg(20);
    std::fs::write(&big, &big_bytes).expect("write");
    a.run(&[
        "attach",
        &seed(),
        path_str(&big),
        "--caption",
        "ورقة الحضور الموقعة",
    ])
    .ok();
    let listed = a.run(&["attachments", &visit, "--json"]).json();
    assert_eq!(listed.as_array().map(Vec::len), Some(3), "{listed}");
    photos_page(&a, "laptop-a");

    // Back at the ministry: A syncs (the four files, once each), B pulls.
    let pushed = a.run(&["sync", &url, "--json"]).json();
    assert_eq!(pushed["push"]["files"], 4, "{pushed}");
    let pulled = b.run(&["sync", &url, "--pull", "--json"]).json();
    assert_eq!(pulled["pull"]["files"], 4, "{pulled}");
    let on_b = b.run(&["attachments", &visit, "--json"]).json();
    let captions: Vec<&str> = on_b
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|x| x["caption"].as_str())
        .collect();
    assert_eq!(captions, CAPTIONS);
    for (i, (_, bytes)) in files.iter().enumerate() {
        let out = b.path(&format!("back-{i}.jpg"));
        b.run(&[
            "extract",
            &visit,
            &format!("IMG_{i}.jpg"),
            "-o",
            path_str(&out),
        ])
        .ok();
        assert!(
            std::fs::read(&out).expect("read") == *bytes,
            "photo {i} byte for byte"
        );
    }
    let out = b.path("big-back.jpg");
    b.run(&["extract", &seed(), "DSC_big.jpg", "-o", path_str(&out)])
        .ok();
    assert!(
        std::fs::read(&out).expect("read") == big_bytes,
        "20 MB byte for byte"
    );
    photos_page(&b, "laptop-b");

    // On the server each record carries its file as a CouchDB attachment with its digest.
    let id = on_b[0]["id"].as_str().expect("id");
    let (status, doc) = http("GET", server.port, &format!("/visits/{id}"), "", None);
    assert_eq!(status, 200, "{doc}");
    let doc: Value = serde_json::from_str(&doc).expect("JSON");
    let file = &doc["_attachments"]["file"];
    assert_eq!(file["content_type"], "image/jpeg", "{doc}");
    assert_eq!(
        file["digest"].as_str(),
        Some(mahdar::sync::files::couch_digest(&files[0].1).as_str())
    );

    // A caption corrected on A: the record goes again, the unchanged photo does not (the
    // server keeps it from revision 1).
    {
        let app = mahdar::Mahdar::open(a.data_dir()).expect("open A");
        let id: mahdar::model::AttachmentId = id.parse().expect("id");
        let rec = app.attachment(id).expect("record");
        app.update_attachment(id, rec.rev, Some("واجهة المركز بعد الترميم".into()))
            .expect("caption");
    }
    let pushed = a.run(&["sync", &url, "--json"]).json();
    // The record and its audit entry.
    assert_eq!(pushed["push"]["revisions"], 2, "{pushed}");
    assert_eq!(pushed["push"]["files"], 0, "not sent twice: {pushed}");
    let (_, doc) = http("GET", server.port, &format!("/visits/{id}"), "", None);
    let doc: Value = serde_json::from_str(&doc).expect("JSON");
    assert!(
        doc["_rev"].as_str().is_some_and(|r| r.starts_with("2-")),
        "{doc}"
    );
    assert_eq!(
        doc["_attachments"]["file"]["digest"].as_str(),
        Some(mahdar::sync::files::couch_digest(&files[0].1).as_str()),
        "the server still holds the photo: {doc}"
    );
    let pulled = b.run(&["sync", &url, "--pull", "--json"]).json();
    assert_eq!(
        pulled["pull"]["files"], 0,
        "nothing fetched twice: {pulled}"
    );
    assert_eq!(
        b.run(&["attachments", &visit, "--json"]).json()[0]["caption"],
        "واجهة المركز بعد الترميم"
    );

    // A laptop with no network gets it all by sync file.
    let c = Session::new();
    let file = a.path("to-c.mahdar-sync");
    a.run(&["sync-export", "-o", path_str(&file)]).ok();
    c.run(&["sync-import", path_str(&file)]).ok();
    let out = c.path("big-c.jpg");
    c.run(&["extract", &seed(), "DSC_big.jpg", "-o", path_str(&out)])
        .ok();
    assert!(std::fs::read(&out).expect("read") == big_bytes);
    assert_eq!(c.run(&["verify"]).code, 0);
}

#[test]
fn a_pull_of_a_large_photo_cut_short_again_and_again_finishes_cleanly() {
    let server = PouchServer::start();
    let url = server.url("cut");
    let (a, b) = (Session::new(), Session::new());
    a.run(&["demo"]).ok();
    let big = a.path("big.jpg");
    let bytes = big_jpeg(20);
    std::fs::write(&big, &bytes).expect("write");
    let visit = seed_visit(&a);
    a.run(&["attach", &visit, path_str(&big)]).ok();
    a.run(&["sync", &url, "--push"]).ok();
    b.run(&["init"]).ok();
    let mut killed = 0;
    for k in 0..6u64 {
        let mut child = b
            .command()
            .arg("--data-dir")
            .arg(b.data_dir())
            .args(["sync", &url, "--pull"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("mahdar sync starts");
        let until = Instant::now() + Duration::from_millis(40 + 150 * k);
        while Instant::now() < until && child.try_wait().expect("wait").is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        if child.try_wait().expect("wait").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        }
        child.wait().expect("reaped");
    }
    eprintln!("pull killed {killed} times of 6");
    assert!(killed > 0, "at least one pull was cut short");
    b.run(&["sync", &url, "--pull"]).ok();
    let out = b.path("back.jpg");
    b.run(&["extract", &visit, "big.jpg", "-o", path_str(&out)])
        .ok();
    assert!(std::fs::read(&out).expect("read") == bytes, "byte for byte");
    assert_eq!(b.run(&["verify"]).code, 0);
}

#[test]
fn a_photo_captioned_before_its_first_sync_still_takes_its_file_to_the_server() {
    let server = PouchServer::start();
    let url = server.url("late");
    let a = Session::new();
    a.run(&["demo"]).ok();
    let visit = seed_visit(&a);
    let photo = a.path("p.jpg");
    let bytes = jpeg([200, 100, 0], 400, 300, "late");
    std::fs::write(&photo, &bytes).expect("write");
    let id = a.run(&["attach", &visit, path_str(&photo)]).ok();
    let id = id.trim();
    {
        // Its second revision is the first the server sees: the stub is refused, the file
        // goes with it.
        let app = mahdar::Mahdar::open(a.data_dir()).expect("open");
        let att: mahdar::model::AttachmentId = id.parse().expect("id");
        let rec = app.attachment(att).expect("record");
        app.update_attachment(att, rec.rev, Some("قبل المزامنة".into()))
            .expect("caption");
    }
    a.run(&["sync", &url, "--push"]).ok();
    let (status, body) = http("GET", server.port, &format!("/late/{id}"), "", None);
    assert_eq!(status, 200, "{body}");
    let doc: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(
        doc["_attachments"]["file"]["digest"].as_str(),
        Some(mahdar::sync::files::couch_digest(&bytes).as_str()),
        "{doc}"
    );
    let b = Session::new();
    b.run(&["sync", &url, "--pull"]).ok();
    let out = b.path("p.jpg");
    b.run(&["extract", id, "p.jpg", "-o", path_str(&out)]).ok();
    assert!(std::fs::read(&out).expect("read") == bytes);
}

#[test]
fn a_record_whose_file_is_missing_never_blocks_a_sync() {
    let server = PouchServer::start();
    let url = server.url("gap");
    let (a, b) = (Session::new(), Session::new());
    a.run(&["demo"]).ok();
    let visit = seed_visit(&a);
    let photo = a.path("p.jpg");
    let bytes = jpeg([10, 10, 10], 200, 150, "gap");
    std::fs::write(&photo, &bytes).expect("write");
    let id = a.run(&["attach", &visit, path_str(&photo)]).ok();
    let id = id.trim();
    // A server that holds the record but not its file (written there by another program).
    let mut record = a.run(&["attachments", &visit, "--json"]).json()[0].clone();
    let fields = record.as_object_mut().expect("an object");
    fields.remove("id");
    fields.remove("rev");
    fields.insert("type".into(), "attachment".into());
    let (status, body) = http("PUT", server.port, "/gap", "", None);
    assert!(status == 201 || status == 412, "{body}");
    let (status, body) = http(
        "PUT",
        server.port,
        &format!("/gap/{id}"),
        &record.to_string(),
        None,
    );
    assert_eq!(status, 201, "{body}");

    // B pulls it: the record comes, the file cannot; the sync still succeeds.
    b.run(&["demo"]).ok();
    let pulled = b.run(&["sync", &url, "--json"]).json();
    assert!(
        pulled["pull"]["skipped"]
            .to_string()
            .contains("does not have its file"),
        "{pulled}"
    );
    let missing = b.run(&["extract", id, "p.jpg", "-o", path_str(&b.path("x.jpg"))]);
    assert_ne!(missing.code, 0, "{}", missing.stderr);
    assert_eq!(
        missing.stderr.trim().lines().count(),
        1,
        "{}",
        missing.stderr
    );
    assert!(missing.stderr.contains("sync"), "{}", missing.stderr);
    // B captions it and syncs again: pushing a record whose file B lacks does not block.
    {
        let app = mahdar::Mahdar::open(b.data_dir()).expect("open");
        let att: mahdar::model::AttachmentId = id.parse().expect("id");
        let rec = app.attachment(att).expect("record");
        app.update_attachment(att, rec.rev, Some("بلا ملف بعد".into()))
            .expect("caption");
    }
    b.run(&["sync", &url]).ok();
    b.run(&["sync", &url]).ok();
    // The file reaches B from A by sync file; every later pull stays quiet.
    let file = a.path("to-b.mahdar-sync");
    a.run(&["sync-export", "-o", path_str(&file)]).ok();
    b.run(&["sync-import", path_str(&file)]).ok();
    let out = b.path("p.jpg");
    b.run(&["extract", id, "p.jpg", "-o", path_str(&out)]).ok();
    assert!(std::fs::read(&out).expect("read") == bytes);
}
