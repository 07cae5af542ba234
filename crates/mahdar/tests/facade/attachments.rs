//! Photos and documents attached to a site visit, a meeting, a statement or a progress entry:
//! kept byte for byte and once, never under their own name, refused over the limit, sealed
//! when the data is encrypted, carried by backups and sync files, printed in the minutes.

use crate::{found_in_files, now, open, seeded};
use mahdar::{
    ExportFormat, FixedClock, Mahdar, Passphrase, ProgressNote, RestoreMode, Settings,
    docs::PhotoLayout,
    model::{AttachedTo, Lang, MeetingStatus, UserProfile, UserRole},
    seed_meeting_id,
};
use std::{path::Path, sync::Arc};

#[path = "../../../../tests/photos.rs"]
mod photos;
use photos::{big_jpeg, jpeg};

fn visit_of(app: &Mahdar) -> AttachedTo {
    AttachedTo::Visit(app.visits(seed_meeting_id()).unwrap()[0].id)
}

#[test]
fn a_twenty_megabyte_photo_comes_back_byte_for_byte_and_is_kept_once() {
    let t = seeded();
    let photo = big_jpeg(20);
    assert!(photo.len() >= 20 * 1024 * 1024);
    let visit = visit_of(&t.app);
    let a = t
        .app
        .attach(
            visit,
            "IMG_0001.jpg",
            Some("مركز الحماية الاجتماعية".into()),
            &photo,
        )
        .unwrap();
    assert_eq!(a.value.media_type, "image/jpeg");
    assert_eq!(a.value.length, photo.len() as u64);
    assert_eq!(a.value.meeting, Some(seed_meeting_id()));
    let (_, back) = t.app.attachment_bytes(a.id, false).unwrap();
    assert!(back == photo, "the file comes back byte for byte");

    // The same file attached to the meeting too: a second record, the same kept file.
    let size_before = dir_size(t.dir.path());
    let again = t
        .app
        .attach(
            AttachedTo::Meeting(seed_meeting_id()),
            "copy.jpg",
            None,
            &photo,
        )
        .unwrap();
    assert_eq!(again.value.sha256, a.value.sha256);
    assert!(
        dir_size(t.dir.path()) < size_before + 5 * 1024 * 1024,
        "not kept twice"
    );
    assert_eq!(t.app.attachments(visit).unwrap().len(), 1);
    assert_eq!(
        t.app.meeting_attachments(seed_meeting_id()).unwrap().len(),
        2
    );
    // A thumbnail is made from it, upright and small.
    let thumb = t.app.attachment_image(a.id, mahdar::THUMB_SIDE).unwrap();
    let img = image::load_from_memory(&thumb).unwrap();
    assert_eq!((img.width(), img.height()), (320, 240));
    // And it survives closing and reopening.
    let data = t.app.data_dir().to_path_buf();
    drop(t.app);
    let app = Mahdar::open(&data).unwrap();
    assert!(app.attachment_bytes(a.id, false).unwrap().1 == photo);
}

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        total += if meta.is_dir() {
            dir_size(&entry.path())
        } else {
            meta.len()
        };
    }
    total
}

#[test]
fn a_file_name_never_becomes_a_path() {
    let t = seeded();
    let root = t.dir.path();
    let a = t
        .app
        .attach(
            visit_of(&t.app),
            "../../etc/passwd",
            None,
            b"root:x:0:0:root:/root:/bin/bash\n",
        )
        .unwrap();
    assert_eq!(a.value.name, "passwd");
    assert_eq!(a.value.media_type, "application/octet-stream");
    // Nothing was written under that name anywhere near the data folder.
    assert!(!root.join("etc").exists() && !root.parent().unwrap().join("etc/passwd").exists());
    let mut names = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            names.push(p.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(!names.iter().any(|n| n == "passwd"), "{names:?}");
    // Names that are nothing but path are refused, and nothing is written.
    let seq = t.app.last_change();
    let e = t
        .app
        .attach(visit_of(&t.app), "../..", None, b"x")
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input", "{e}");
    assert_eq!(t.app.last_change(), seq);
}

#[test]
fn over_the_limit_empty_or_ownerless_files_are_refused_and_change_nothing() {
    let t = seeded();
    t.app
        .set_settings(Settings {
            attachment_max_mb: 1,
            ..t.app.settings().unwrap()
        })
        .unwrap();
    let seq = t.app.last_change();
    let e = t
        .app
        .attach(visit_of(&t.app), "big.jpg", None, &big_jpeg(2))
        .unwrap_err();
    assert_eq!(e.code(), "too_large");
    assert_eq!(
        e.to_string(),
        "the file is 3 MB; files may be attached up to 1 MB (Settings)"
    );
    assert_eq!(
        t.app
            .attach(visit_of(&t.app), "empty.pdf", None, b"")
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let nobody: AttachedTo = "visit:0193abcd-0000-7000-8000-000000000001"
        .parse()
        .unwrap();
    assert_eq!(
        t.app
            .attach(nobody, "a.pdf", None, b"%PDF-1.4")
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(t.app.last_change(), seq);
    assert!(t.app.attachments(visit_of(&t.app)).unwrap().is_empty());
    // A document is no photo: asking for its thumbnail is a clear refusal.
    t.app
        .set_settings(Settings {
            attachment_max_mb: 50,
            ..t.app.settings().unwrap()
        })
        .unwrap();
    let pdf = t
        .app
        .attach(visit_of(&t.app), "letter.pdf", None, b"%PDF-1.4\n%%EOF\n")
        .unwrap();
    assert_eq!(pdf.value.media_type, "application/pdf");
    let e = t.app.attachment_image(pdf.id, 320).unwrap_err();
    assert_eq!(e.code(), "not_an_image", "{e}");
}

#[test]
fn captions_are_edited_and_attachments_removed_but_approved_minutes_take_none() {
    let t = seeded();
    let visit = visit_of(&t.app);
    let a = t
        .app
        .attach(visit, "a.jpg", None, &jpeg([200, 0, 0], 64, 48, "a"))
        .unwrap();
    let a = t
        .app
        .update_attachment(a.id, a.rev, Some("  زيارة دار الطالبة  ".into()))
        .unwrap();
    assert_eq!(a.value.caption.as_deref(), Some("زيارة دار الطالبة"));
    let a = t
        .app
        .update_attachment(a.id, a.rev, Some(" ".into()))
        .unwrap();
    assert_eq!(a.value.caption, None);
    t.app.delete_attachment(a.id).unwrap();
    assert!(t.app.attachments(visit).unwrap().is_empty());

    // Deleting a statement takes its files' records with it, in the same write.
    let statement = t.app.statements(seed_meeting_id()).unwrap()[7].id;
    t.app
        .attach(
            AttachedTo::Statement(statement),
            "s.pdf",
            None,
            b"%PDF-1.4\n%%EOF\n",
        )
        .unwrap();
    t.app.delete_statement(statement).unwrap();
    assert!(
        t.app
            .attachments(AttachedTo::Statement(statement))
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        t.app.meeting_attachments(seed_meeting_id()).unwrap().len(),
        0
    );

    // Approved minutes are frozen: no new photo on their visit; the follow-up goes on, so a
    // progress entry still takes the signed convention.
    t.app
        .set_user_profile(UserProfile {
            name: "عواطف حيار".into(),
            role: UserRole::Approver,
        })
        .unwrap();
    for to in [MeetingStatus::InReview, MeetingStatus::Approved] {
        t.app.set_meeting_status(seed_meeting_id(), to).unwrap();
    }
    let seq = t.app.last_change();
    let e = t
        .app
        .attach(visit, "late.jpg", None, &jpeg([0, 0, 0], 8, 8, "late"))
        .unwrap_err();
    assert_eq!(e.code(), "meeting_locked", "{e}");
    assert_eq!(t.app.last_change(), seq);
    let action = t.app.actions_of(seed_meeting_id()).unwrap()[0].action.id;
    let entry = t
        .app
        .add_progress(
            action,
            serde_json::from_value::<ProgressNote>(serde_json::json!({"note": "توقيع الاتفاقية"}))
                .unwrap(),
        )
        .unwrap();
    let signed = t
        .app
        .attach(
            AttachedTo::Progress(entry.id),
            "convention.pdf",
            None,
            b"%PDF-1.7\n%%EOF\n",
        )
        .unwrap();
    assert_eq!(signed.value.meeting, Some(seed_meeting_id()));
}

#[test]
fn with_encryption_no_byte_of_a_photo_or_its_caption_is_on_disk() {
    const MARK: &str = "MAHDAR-PHOTO-MARK-5c1e9a";
    const CAPTION: &str = "مركز التكوين بالحي الحسني";
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Attached in clear, then the data folder is encrypted in place.
    let app = Mahdar::open_with_clock(&data, Arc::new(FixedClock(now()))).unwrap();
    app.load_demo().unwrap();
    let photo = jpeg([0, 160, 0], 640, 480, MARK);
    let a = app
        .attach(visit_of(&app), "field.jpg", Some(CAPTION.into()), &photo)
        .unwrap();
    assert!(
        !found_in_files(&data, [MARK]).is_empty(),
        "in clear it is there"
    );
    let pass = Passphrase::new("محضر الجهة 2026");
    let app = app.encrypt(&pass).unwrap();
    let b = app
        .attach(
            AttachedTo::Meeting(seed_meeting_id()),
            "second.jpg",
            Some(CAPTION.into()),
            &jpeg([0, 0, 160], 320, 240, &format!("{MARK}-2")),
        )
        .unwrap();
    app.daily_backup().unwrap().unwrap();
    app.export(seed_meeting_id(), ExportFormat::Pdf, Lang::Ar)
        .unwrap();
    drop(app);
    // Nor which file it is: its SHA-256 is nowhere either (the store's keys included).
    let sha = a.value.sha256.clone();
    assert_eq!(
        found_in_files(
            &data,
            [MARK, CAPTION, sha.as_str(), b.value.sha256.as_str()]
        ),
        Vec::<String>::new()
    );
    let app = Mahdar::unlock(&data, &pass).unwrap();
    assert!(app.attachment_bytes(a.id, false).unwrap().1 == photo);
    assert_eq!(
        app.attachment(b.id).unwrap().value.caption.as_deref(),
        Some(CAPTION)
    );
    assert_eq!(app.verify().unwrap().problem_count, 0);
}

#[test]
fn backups_and_sync_files_carry_the_files() {
    let t = seeded();
    let photo = big_jpeg(3);
    let a = t
        .app
        .attach(visit_of(&t.app), "p.jpg", Some("صورة".into()), &photo)
        .unwrap();
    // Restore drill: a backup restored into an empty folder gives the file back.
    let backup = t.dir.path().join("all.mahdar-backup");
    let summary = t.app.backup(&backup).unwrap();
    assert_eq!(summary.blobs, 1);
    let other = open();
    other.app.restore(&backup, RestoreMode::EmptyOnly).unwrap();
    assert!(other.app.attachment_bytes(a.id, false).unwrap().1 == photo);
    // A backup whose file was altered is refused whole.
    let text = std::fs::read_to_string(&backup).unwrap();
    let damaged = t.dir.path().join("damaged.mahdar-backup");
    let at = text.find("\"data\":\"").unwrap() + 20;
    let mut bytes = text.into_bytes();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(&damaged, bytes).unwrap();
    let third = open();
    assert!(third.app.restore(&damaged, RestoreMode::EmptyOnly).is_err());
    assert!(third.app.is_empty());

    // A sync file to a laptop with no network.
    let file = t.dir.path().join("to-b.mahdar-sync");
    let report = t.app.sync_export(&file, None, None).unwrap();
    assert_eq!(report.files, 1);
    let b = open();
    let imported = b.app.sync_import(&file, None, None).unwrap();
    assert_eq!(imported.files, 1);
    assert!(b.app.attachment_bytes(a.id, false).unwrap().1 == photo);
    assert_eq!(
        b.app.attachments(visit_of(&b.app)).unwrap()[0]
            .value
            .caption
            .as_deref(),
        Some("صورة")
    );
}

#[test]
fn the_minutes_print_the_visits_photos_as_the_settings_say() {
    let t = seeded();
    for (i, rgb) in [[230, 20, 20], [20, 200, 20], [20, 20, 230]]
        .into_iter()
        .enumerate()
    {
        t.app
            .attach(
                visit_of(&t.app),
                &format!("{i}.jpg"),
                Some(format!("الصورة {}", i + 1)),
                &jpeg(rgb, 1200, 800, "x"),
            )
            .unwrap();
    }
    let images = |layout: PhotoLayout| {
        t.app
            .set_settings(Settings {
                minutes_photos: layout,
                ..t.app.settings().unwrap()
            })
            .unwrap();
        let pdf = t
            .app
            .export(seed_meeting_id(), ExportFormat::Pdf, Lang::Ar)
            .unwrap();
        // Every image XObject in the file.
        pdf.windows(b"/Subtype /Image".len())
            .filter(|w| *w == b"/Subtype /Image")
            .count()
            + pdf
                .windows(b"/Subtype/Image".len())
                .filter(|w| *w == b"/Subtype/Image")
                .count()
    };
    assert_eq!(images(PhotoLayout::None), 0);
    assert_eq!(images(PhotoLayout::Thumbnails), 3);
    assert_eq!(images(PhotoLayout::FullWidth), 3);
}
