//! The documents of the seed meeting, checked with the tools a person would trust: pdftotext
//! and pdftoppm on the PDF, xmllint against the official Akoma Ntoso schema, LibreOffice on the
//! DOCX, an independent iCalendar parser, a CSV reader. Rendered pages are kept in
//! `target/docs-artifacts/` for a person to look at.

use crate::{open, seeded};
use mahdar::{ExportFormat, model::*, seed_meeting_id};
use std::{
    io::Read,
    path::{Path, PathBuf},
    process::Command,
};

/// `<repo>/target/docs-artifacts`, whatever CARGO_TARGET_DIR says (a person looks there).
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/docs-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Removes the pages an earlier run rendered under `prefix`, so no stale page is looked at.
fn clear_pages(prefix: &Path) {
    let stem = prefix.file_name().unwrap().to_str().unwrap().to_owned() + "-";
    for entry in std::fs::read_dir(prefix.parent().unwrap()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(&stem) && name.ends_with(".png") {
            std::fs::remove_file(&path).unwrap();
        }
    }
}

/// The main part of a DOCX file.
fn docx_document(bytes: Vec<u8>) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut document = String::new();
    zip.by_name("word/document.xml")
        .expect("the document part")
        .read_to_string(&mut document)
        .unwrap();
    document
}

/// The paragraph of a DOCX document part that holds `text`.
fn docx_paragraph<'a>(document: &'a str, text: &str) -> &'a str {
    let at = document
        .find(text)
        .unwrap_or_else(|| panic!("«{text}» is in the document"));
    let start = document[..at].rfind("<w:p ").unwrap();
    let end = at + document[at..].find("</w:p>").unwrap();
    &document[start..end]
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} runs (scripts/ci.sh setup installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Letters only, so text extracted from a PDF compares however lines were broken.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_pdf(lang: Lang, names: &[&str], total: &str) {
    let t = seeded();
    let bytes = t
        .app
        .export(seed_meeting_id(), ExportFormat::Pdf, lang)
        .unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let file = artifacts().join(format!("seed-minutes-{lang}.pdf"));
    std::fs::write(&file, &bytes).unwrap();
    let text = tool("pdftotext", &[file.to_str().unwrap(), "-"]);
    let flat = letters(&text);
    // Names in table cells may wrap: pdftotext's reading order interleaves the cells of a row,
    // its raw (content) order keeps each cell whole.
    let raw = letters(&tool("pdftotext", &["-raw", file.to_str().unwrap(), "-"]));
    for name in names {
        let name = letters(name);
        assert!(
            flat.contains(&name) || raw.contains(&name),
            "{lang}: {name} is in the PDF's text"
        );
    }
    for s in t.app.statements(seed_meeting_id()).unwrap() {
        let start = first_words(&s.value.text, 3);
        assert!(
            flat.contains(&letters(&start)),
            "{lang}: the statement starting «{start}» is in the PDF"
        );
    }
    assert!(
        flat.contains(&letters(total)),
        "{lang}: the total {total} is in the PDF"
    );
    let prefix = artifacts().join(format!("seed-minutes-{lang}-page"));
    clear_pages(&prefix);
    tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            file.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
}

#[test]
fn the_arabic_minutes_pdf_reads_back_in_logical_order() {
    check_pdf(
        Lang::Ar,
        &[
            "عواطف حيار",
            "السعيد الزنيبر",
            "عمال أقاليم وعمالات الجهة",
            "عبد الواحد الأنصاري",
            "ممثلو الهيئات المنتخبة",
            "المجتمع المدني",
        ],
        "30.000.000 درهم",
    );
}

#[test]
fn the_french_minutes_pdf_reads_back_too() {
    check_pdf(
        Lang::Fr,
        &[
            "Aawatif Hayar",
            "Saïd Zniber",
            "Gouverneurs des provinces et préfectures de la région",
            "Abdelouahed El Ansari",
            "Société civile",
        ],
        "30 000 000,00 DH",
    );
}

#[test]
fn the_akoma_ntoso_export_is_valid_against_the_official_schema() {
    let t = seeded();
    for lang in [Lang::Ar, Lang::Fr] {
        let xml = t
            .app
            .export(seed_meeting_id(), ExportFormat::Akn, lang)
            .unwrap();
        let file = artifacts().join(format!("seed-minutes-{lang}.akn.xml"));
        std::fs::write(&file, &xml).unwrap();
        let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../mahdar-docs/schemas/akoma-ntoso/akomantoso30.xsd");
        assert!(schema.exists(), "the schema is at {}", schema.display());
        let out = Command::new("xmllint")
            .args([
                "--noout",
                "--schema",
                schema.to_str().unwrap(),
                file.to_str().unwrap(),
            ])
            .output()
            .expect("xmllint runs (scripts/ci.sh setup installs libxml2-utils)");
        assert!(
            out.status.success(),
            "{lang}: valid Akoma Ntoso: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(xml).unwrap();
        assert_eq!(
            text.matches("<speech ").count(),
            8,
            "one speech per statement"
        );
        assert!(
            text.contains("to=\"#channel_1\""),
            "the press statement is addressed to its channel"
        );
        assert!(text.contains("<TLCPerson") && text.contains("<TLCRole"));
    }
}

#[test]
fn the_docx_is_right_to_left_and_libreoffice_opens_it() {
    let t = seeded();
    let bytes = t
        .app
        .export(seed_meeting_id(), ExportFormat::Docx, Lang::Ar)
        .unwrap();
    let file = artifacts().join("seed-minutes-ar.docx");
    std::fs::write(&file, &bytes).unwrap();
    let document = docx_document(bytes);
    assert!(document.contains("<w:bidi"), "paragraphs right to left");
    assert!(document.contains("<w:rtl"), "runs right to left");
    assert!(document.contains("<w:bidiVisual"), "tables right to left");
    assert!(
        document.contains(r#"w:bidi="ar-MA""#),
        "Arabic as the complex-script language"
    );
    assert!(document.contains("عواطف حيار"));

    let out_dir = tempfile::tempdir().unwrap();
    let out = Command::new("soffice")
        .args([
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            out_dir.path().to_str().unwrap(),
            file.to_str().unwrap(),
        ])
        .env("HOME", out_dir.path())
        .output()
        .expect("LibreOffice runs (scripts/ci.sh setup installs libreoffice-writer-nogui)");
    assert!(
        out.status.success(),
        "LibreOffice converts it: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = out_dir.path().join("seed-minutes-ar.pdf");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        letters(&text).contains(&letters("السعيد الزنيبر")),
        "the converted document has the names"
    );
    std::fs::copy(&pdf, artifacts().join("seed-minutes-ar.docx.pdf")).unwrap();
    let prefix = artifacts().join("seed-minutes-ar-docx-page");
    clear_pages(&prefix);
    tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "2",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
}

#[test]
fn calendar_and_csv_parse_back() {
    let t = seeded();
    let meeting = seed_meeting_id();
    let current = t.app.meeting(meeting).unwrap();
    let dated = Meeting {
        date: "2026-11-28".parse().ok(),
        start_time: "10:00:00".parse().ok(),
        end_time: "13:00:00".parse().ok(),
        ..current.value
    };
    t.app.update_meeting(meeting, current.rev, dated).unwrap();
    let action = t.app.actions_of(meeting).unwrap()[0].action.id;
    t.app
        .set_action_due(action, "2027-06-30".parse().ok())
        .unwrap();

    let ics =
        String::from_utf8(t.app.export(meeting, ExportFormat::Ics, Lang::Ar).unwrap()).unwrap();
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("it parses");
    assert_eq!(
        calendar.events.len(),
        2,
        "the meeting and the one open action with a due date"
    );
    let start = calendar.events[0]
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .and_then(|p| p.value.clone());
    assert_eq!(
        start.as_deref(),
        Some("20261128T090000Z"),
        "10:00 in Morocco is 09:00 UTC"
    );
    let summaries: Vec<String> = calendar
        .events
        .iter()
        .flat_map(|e| e.properties.iter())
        .filter(|p| p.name == "SUMMARY")
        .filter_map(|p| p.value.clone())
        .collect();
    assert!(
        summaries
            .iter()
            .any(|s| s.contains("شراكة لتعزيز الاندماج الاقتصادي للنساء")),
        "{summaries:?}"
    );

    let csv_bytes = t.app.export(meeting, ExportFormat::Csv, Lang::Ar).unwrap();
    assert!(
        csv_bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark, so Excel reads UTF-8"
    );
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let amounts: Vec<&str> = rows.iter().map(|r| &r[6]).collect();
    assert!(
        amounts.contains(&"26000000.00") && amounts.contains(&"4000000.00"),
        "{amounts:?}"
    );
    assert!(
        rows.iter()
            .any(|r| &r[3] == "شراكة لتعزيز الاندماج الاقتصادي للنساء"),
        "Arabic intact"
    );
}

#[test]
fn a_meeting_exported_as_json_imports_into_an_empty_store_unchanged() {
    let a = seeded();
    let json = a.app.export_meeting_json(seed_meeting_id()).unwrap();
    let b = open();
    let report = b.app.import_meeting_json(&json).unwrap();
    assert_eq!(
        report.documents, 29,
        "every document of the seed meeting, registry included"
    );
    assert_eq!(
        b.app.export_meeting_json(seed_meeting_id()).unwrap(),
        json,
        "export → import → export is identical"
    );
    assert_eq!(
        b.app
            .meeting_record(seed_meeting_id())
            .unwrap()
            .statements
            .len(),
        8
    );
    assert!(b.app.verify().unwrap().is_ok());

    let broken = json.replace("\"in_person\"", "\"on_the_moon\"");
    let c = open();
    let err = c.app.import_meeting_json(&broken).unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
    assert!(c.app.is_empty(), "an invalid file imports nothing");
}

#[test]
fn exports_are_offered_under_a_readable_safe_name() {
    let t = seeded();
    let id = seed_meeting_id();
    let ar = t
        .app
        .export_file_name(id, ExportFormat::Pdf, Lang::Ar)
        .unwrap();
    assert!(ar.starts_with("محضر - "), "{ar}");
    assert!(ar.ends_with(".pdf") && ar.contains("فاس"), "{ar}");
    let fr = t
        .app
        .export_file_name(id, ExportFormat::Csv, Lang::Fr)
        .unwrap();
    assert!(
        fr.starts_with("Actions de suivi - ") && fr.ends_with(".csv"),
        "{fr}"
    );
    for format in [
        ExportFormat::Docx,
        ExportFormat::Akn,
        ExportFormat::Ics,
        ExportFormat::Json,
    ] {
        let name = t.app.export_file_name(id, format, Lang::En).unwrap();
        assert!(
            !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
            "{name}"
        );
        assert!(
            name.ends_with(&format!(".{}", format.extension())),
            "{name}"
        );
    }
    // A very long title still makes a name a file system takes.
    let long = "اللقاء الجهوي ".repeat(30);
    let mut meeting = t.app.meeting(id).unwrap();
    meeting.value.title = Some(long);
    t.app
        .update_meeting(id, meeting.rev, meeting.value)
        .unwrap();
    let name = t
        .app
        .export_file_name(id, ExportFormat::Docx, Lang::Ar)
        .unwrap();
    assert!(
        name.len() < 255 && name.ends_with(".docx"),
        "{} bytes",
        name.len()
    );
}

#[test]
fn the_letterhead_is_the_one_set_on_this_laptop_for_the_language() {
    let t = seeded();
    let id = seed_meeting_id();
    let mut settings = t.app.settings().unwrap();
    settings.letterhead.ar = vec![
        "المملكة المغربية".into(),
        "وزارة التضامن والادماج الاجتماعي والأسرة".into(),
        "المنسقية الجهوية لجهة فاس مكناس".into(),
    ];
    t.app.set_settings(settings).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let pdf_text = |lang: Lang| {
        let file = dir.path().join(format!("minutes-{lang}.pdf"));
        let bytes = t.app.export(id, ExportFormat::Pdf, lang).unwrap();
        std::fs::write(&file, bytes).unwrap();
        letters(&tool("pdftotext", &[file.to_str().unwrap(), "-"]))
    };
    let ar = pdf_text(Lang::Ar);
    assert!(
        ar.contains(&letters("المنسقية الجهوية لجهة فاس مكناس")),
        "the Arabic minutes carry the letterhead set for Arabic"
    );
    // French has none set: the ministry's, in French.
    let fr = pdf_text(Lang::Fr);
    assert!(fr.contains(&letters("Royaume du Maroc")));
    assert!(!fr.contains(&letters("المنسقية الجهوية")));

    let document = docx_document(t.app.export(id, ExportFormat::Docx, Lang::Ar).unwrap());
    assert!(document.contains("المنسقية الجهوية لجهة فاس مكناس"));
}

#[test]
fn in_the_french_docx_an_arabic_statement_is_a_right_to_left_paragraph() {
    let t = seeded();
    let document = docx_document(
        t.app
            .export(seed_meeting_id(), ExportFormat::Docx, Lang::Fr)
            .unwrap(),
    );
    let statement = docx_paragraph(&document, "قالت إن هذه اللقاءات");
    assert!(statement.contains("<w:bidi />"), "{statement}");
    assert!(statement.contains("<w:rtl />"), "{statement}");
    let letterhead = docx_paragraph(&document, "Royaume du Maroc");
    assert!(
        !letterhead.contains("<w:bidi") && !letterhead.contains("<w:rtl"),
        "{letterhead}"
    );
    assert!(
        !document.contains("<w:bidiVisual"),
        "French tables read left to right"
    );
}
