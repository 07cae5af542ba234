//! The site visit's photos in the minutes: none, thumbnails or full width, in the PDF and the
//! DOCX, captions right to left, and never the originals (no EXIF, no location).

use crate::{
    BLUE, GREEN, RED, WHITE, artifacts, heic, jpeg, letters, phone_photo, picture, seed_minutes,
    tool,
};
use image::RgbImage;
use mahdar_docs::{DocOptions, Minutes, Photo, PhotoLayout, docx, pdf};
use mahdar_model::Lang;
use std::{io::Read, path::Path};

const CAPTIONS: [&str; 3] = [
    "مدخل مؤسسة الرعاية الاجتماعية بفاس",
    "قاعة الأنشطة بعد تأهيلها",
    "لقاء السيدة الوزيرة مع الأطر العاملة",
];

/// The seed-like minutes with three photos on the visit: red (landscape), green (a phone's
/// portrait, EXIF orientation 6, with its location), blue (square).
fn minutes_with_photos() -> Minutes {
    let mut m = seed_minutes();
    let files = [
        jpeg(&picture(1200, 800, WHITE, RED)),
        phone_photo(1200, 800, WHITE, GREEN),
        jpeg(&picture(900, 900, WHITE, BLUE)),
    ];
    m.photos = files
        .into_iter()
        .zip(CAPTIONS)
        .enumerate()
        .map(|(i, (bytes, caption))| Photo {
            visit: 0,
            caption: Some(caption.to_owned()),
            name: format!("IMG_20{i}.jpg"),
            bytes,
        })
        .collect();
    m
}

fn options(lang: Lang, photos: PhotoLayout) -> DocOptions {
    let mut o = DocOptions::new(lang, chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
    o.photos = photos;
    o
}

fn layout_name(layout: PhotoLayout) -> &'static str {
    match layout {
        PhotoLayout::None => "none",
        PhotoLayout::Thumbnails => "thumbnails",
        PhotoLayout::FullWidth => "full-width",
    }
}

/// The images `pdfimages -list` finds in a PDF, one line each.
fn pdf_images(file: &Path) -> Vec<String> {
    tool("pdfimages", &["-list", file.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(str::to_owned)
        .collect()
}

/// The PDF's pages rendered (`<prefix>-<n>.png`, earlier renderings removed), decoded.
fn pages(file: &Path, prefix: &str) -> Vec<RgbImage> {
    let dir = artifacts();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(&format!("{prefix}-")) && name.ends_with(".png") {
            std::fs::remove_file(&path).unwrap();
        }
    }
    let out = dir.join(prefix);
    tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            file.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(&format!("{prefix}-")) && name.ends_with(".png")
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| image::open(p).unwrap().to_rgb8())
        .collect()
}

/// How many pixels of the pages are close to a colour.
fn pixels_near(pages: &[RgbImage], colour: [u8; 3]) -> usize {
    pages
        .iter()
        .flat_map(|p| p.pixels())
        .filter(|p| p.0.iter().zip(colour).all(|(&a, b)| a.abs_diff(b) < 30))
        .count()
}

#[test]
fn the_pdf_shows_the_visit_photos_in_each_layout() {
    let m = minutes_with_photos();
    for lang in [Lang::Ar, Lang::Fr] {
        for layout in [
            PhotoLayout::None,
            PhotoLayout::Thumbnails,
            PhotoLayout::FullWidth,
        ] {
            let what = format!("{lang} {}", layout_name(layout));
            let bytes = pdf(&m, &options(lang, layout)).unwrap();
            let name = format!("visit-photos-{lang}-{}", layout_name(layout));
            let file = artifacts().join(format!("{name}.pdf"));
            std::fs::write(&file, &bytes).unwrap();
            assert!(
                !bytes.windows(6).any(|w| w == b"Exif\0\0"),
                "{what}: no EXIF (nor location) reaches the PDF"
            );
            let images = pdf_images(&file);
            let text = letters(&tool("pdftotext", &[file.to_str().unwrap(), "-"]));
            let heading = match lang {
                Lang::Ar => "صور الزيارة الميدانية",
                _ => "Photos de la visite",
            };
            let pages = pages(&file, &name);
            let colours = [RED, GREEN, BLUE].map(|c| pixels_near(&pages, c));
            if layout == PhotoLayout::None {
                assert!(images.is_empty(), "{what}: no images: {images:?}");
                assert!(
                    !text.contains(&letters(heading)),
                    "{what}: no photos heading"
                );
                assert!(colours.iter().all(|&n| n == 0), "{what}: nothing coloured");
                continue;
            }
            assert_eq!(images.len(), 3, "{what}: one image per photo: {images:?}");
            assert!(
                images.iter().all(|line| line.contains("jpeg")),
                "{what}: the photos are embedded as JPEG: {images:?}"
            );
            assert!(
                text.contains(&letters(heading)),
                "{what}: the photos' heading"
            );
            for caption in CAPTIONS {
                assert!(
                    text.contains(&letters(caption)),
                    "{what}: the caption «{caption}» is in the text, in reading order"
                );
            }
            // At 60 dpi a thumbnail is ≈ 125 × 83 pixels; full width, ≈ 390 wide.
            let least = if layout == PhotoLayout::Thumbnails {
                3_000
            } else {
                30_000
            };
            for (colour, n) in ["red", "green", "blue"].iter().zip(colours) {
                assert!(
                    n > least,
                    "{what}: the {colour} photo is on a page ({n} pixels)"
                );
            }
        }
    }
}

#[test]
fn the_pdf_lists_a_photo_it_cannot_show_and_still_renders() {
    let mut m = minutes_with_photos();
    m.photos.push(Photo {
        visit: 0,
        caption: None,
        name: "IMG_0042.HEIC".to_owned(),
        bytes: heic(),
    });
    m.photos.push(Photo {
        visit: 0,
        caption: Some("صورة تالفة".to_owned()),
        name: "broken.jpg".to_owned(),
        bytes: vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J'],
    });
    m.photos.push(Photo {
        visit: 7,
        caption: Some("a visit that does not exist".to_owned()),
        name: "lost.jpg".to_owned(),
        bytes: jpeg(&picture(10, 10, RED, RED)),
    });
    for layout in [PhotoLayout::Thumbnails, PhotoLayout::FullWidth] {
        let bytes = pdf(&m, &options(Lang::Ar, layout)).expect("the PDF is made all the same");
        let file = artifacts().join(format!("visit-photos-unshown-{}.pdf", layout_name(layout)));
        std::fs::write(&file, &bytes).unwrap();
        assert_eq!(pdf_images(&file).len(), 3, "the three readable photos");
        let text = letters(&tool("pdftotext", &[file.to_str().unwrap(), "-"]));
        for listed in [
            "IMG_0042.HEIC",
            "صورة بصيغة HEIC محفوظة",
            "صورة تالفة",
            "قراءة هذه الصورة",
        ] {
            assert!(text.contains(&letters(listed)), "«{listed}» is listed");
        }
        assert!(
            !text.contains("exist"),
            "a photo of no visit is not printed"
        );
    }
    pages(
        &artifacts().join("visit-photos-unshown-thumbnails.pdf"),
        "visit-photos-unshown-thumbnails",
    );
}

/// The DOCX's parts: name → bytes.
fn docx_parts(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            (part.name().to_owned(), bytes)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, Vec<u8>)], name: &str) -> &'a str {
    let (_, bytes) = parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("the DOCX has {name}"));
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn the_docx_carries_the_photos_and_their_captions() {
    let m = minutes_with_photos();
    for layout in [
        PhotoLayout::None,
        PhotoLayout::Thumbnails,
        PhotoLayout::FullWidth,
    ] {
        let what = layout_name(layout);
        let bytes = docx(&m, &options(Lang::Ar, layout)).unwrap();
        let file = artifacts().join(format!("visit-photos-ar-{what}.docx"));
        std::fs::write(&file, &bytes).unwrap();
        let parts = docx_parts(bytes);
        let media: Vec<&(String, Vec<u8>)> = parts
            .iter()
            .filter(|(n, _)| n.starts_with("word/media/") && !n.ends_with('/'))
            .collect();
        let document = part(&parts, "word/document.xml");
        if layout == PhotoLayout::None {
            assert!(media.is_empty(), "{what}: no pictures");
            assert!(!document.contains(CAPTIONS[0]), "{what}: no captions");
            continue;
        }
        assert_eq!(media.len(), 3, "{what}: one picture per photo");
        let types = part(&parts, "[Content_Types].xml");
        for (name, bytes) in &media {
            assert!(
                bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
                "{what}: {name} is a JPEG copy"
            );
            assert!(
                !bytes.windows(4).any(|w| w == b"Exif"),
                "{what}: {name} has no EXIF"
            );
            assert!(
                types.contains(&format!(
                    r#"<Override PartName="/{name}" ContentType="image/jpeg" />"#
                )),
                "{what}: {name} is declared a JPEG"
            );
        }
        for caption in CAPTIONS {
            assert!(
                document.contains(caption),
                "{what}: the caption «{caption}»"
            );
            let at = document.find(caption).unwrap();
            let paragraph = &document[document[..at].rfind("<w:p ").unwrap()..at];
            assert!(
                paragraph.contains("<w:bidi />") && paragraph.contains("<w:rtl />"),
                "{what}: «{caption}» is a right-to-left paragraph"
            );
        }
        assert_eq!(
            document.matches("<pic:pic").count(),
            3,
            "{what}: three pictures in the text"
        );
    }
}

#[test]
fn libreoffice_shows_the_docx_photos() {
    let dir = tempfile::tempdir().unwrap();
    let m = minutes_with_photos();
    let file = dir.path().join("minutes.docx");
    std::fs::write(
        &file,
        docx(&m, &options(Lang::Ar, PhotoLayout::Thumbnails)).unwrap(),
    )
    .unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    tool(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.path().to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    let converted = dir.path().join("minutes.pdf");
    let kept = artifacts().join("visit-photos-ar-thumbnails-docx.pdf");
    std::fs::copy(&converted, &kept).unwrap();
    assert_eq!(
        pdf_images(&kept).len(),
        3,
        "LibreOffice reads the three JPEG parts"
    );
    let pages = pages(&kept, "visit-photos-ar-thumbnails-docx");
    for (colour, name) in [(RED, "red"), (GREEN, "green"), (BLUE, "blue")] {
        assert!(
            pixels_near(&pages, colour) > 3_000,
            "the {name} photo is shown"
        );
    }
}
