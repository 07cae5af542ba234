//! About and diagnostics: the figures support asks for, and a bundle that holds no user
//! content unless it is asked for.

use crate::seeded;
use mahdar::{SyncSettingsInput, model::AttachedTo, seed_meeting_id};
use std::io::Read;

const CAPTION: &str = "واجهة المستوصف القروي بعد الترميم";
const SECRET: &str = "s3cret-Pa55";

/// The files of a zip, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().to_owned(), text)
        })
        .collect()
}

/// Arabic words of the seed meeting's record: names, statements, places.
fn seed_words(app: &mahdar::Mahdar) -> Vec<String> {
    let record = serde_json::to_string(&app.meeting_record(seed_meeting_id()).unwrap()).unwrap();
    let mut words: Vec<String> = record
        .split(|c: char| !('\u{0621}'..='\u{064A}').contains(&c))
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_owned)
        .collect();
    words.sort();
    words.dedup();
    words
}

#[test]
fn the_figures_and_a_bundle_without_user_content_unless_asked() {
    let t = seeded();
    let app = &t.app;
    let photo = vec![0xA5u8; 40_000];
    app.attach(
        AttachedTo::Meeting(seed_meeting_id()),
        "facade.jpg",
        Some(CAPTION.into()),
        &photo,
    )
    .unwrap();
    app.set_sync_settings(SyncSettingsInput {
        url: Some(format!("http://delegation:{SECRET}@127.0.0.1:5984/mahdar")),
        user: None,
        password: Some(SECRET.into()),
        continuous: false,
    })
    .unwrap();
    app.daily_backup().unwrap().expect("today's backup");

    let d = app.diagnostics().unwrap();
    assert_eq!(d.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(d.schema_version, mahdar::SCHEMA.version);
    assert_eq!(d.data_dir, app.data_dir().display().to_string());
    assert!(d.documents >= 30, "{d:?}");
    assert_eq!(d.attachments, 1);
    assert_eq!(d.attachment_bytes, 40_000);
    assert!(d.store_bytes > 40_000, "{d:?}");
    assert!(!d.encrypted);
    assert_eq!(d.backups, 1);
    let last = d.last_backup.as_ref().unwrap();
    assert_eq!(last.name, "daily-2026-11-29.mahdar-backup");
    assert!(last.bytes > 0 && last.at.starts_with("20"), "{last:?}");
    assert_eq!(d.last_sync, None);
    let server = d.sync_server.as_deref().unwrap();
    assert_eq!(
        server, "http://127.0.0.1:5984/mahdar",
        "no user, no password"
    );
    assert_eq!(d.os, std::env::consts::OS);

    let change = app.last_change();
    let plain = unzip(&app.diagnostics_bundle(false).unwrap());
    let names: Vec<&str> = plain.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "diagnostics.json",
            "documents-by-kind.json",
            "verify.json",
            "backups.json",
            "settings.json",
            "sync.json"
        ]
    );
    let all: String = plain.iter().map(|(_, text)| text.as_str()).collect();
    let words = seed_words(app);
    assert!(words.len() > 100, "{}", words.len());
    let leaked: Vec<&String> = words.iter().filter(|w| all.contains(w.as_str())).collect();
    assert!(leaked.is_empty(), "user content in the bundle: {leaked:?}");
    assert!(!all.contains(CAPTION) && !all.contains("facade.jpg"));
    assert!(!all.contains(SECRET), "the server's password");
    assert!(!all.contains("delegation"), "the server's user");
    assert!(all.contains("\"meeting\": 1"), "counts by kind");
    assert!(all.contains("\"problem_count\": 0"), "the integrity check");
    assert!(all.contains("daily-2026-11-29.mahdar-backup"));
    assert_eq!(app.last_change(), change, "a bundle changes nothing");

    let full = unzip(&app.diagnostics_bundle(true).unwrap());
    let (name, documents) = full.last().unwrap();
    assert_eq!(name, "documents.jsonl");
    assert!(documents.lines().count() >= 30);
    assert!(
        documents.contains(CAPTION),
        "asked for: the content is there"
    );
    assert!(words.iter().all(|w| documents.contains(w.as_str())));
    assert!(!documents.contains(SECRET));
}
