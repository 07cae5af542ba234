//! The documents crate from outside: photos (what they are, their thumbnails, their location
//! removed) and the minutes' site-visit photos in the PDF and the DOCX, checked with the tools a
//! person would trust (pdfimages, pdftoppm, pdftotext, LibreOffice). Rendered pages are kept in
//! `<target>/docs-artifacts/` for a person to look at.

#![allow(clippy::unwrap_used, missing_docs)]

mod photos;
mod visit_photos;

use chrono::NaiveDate;
use exif::{Field, In, Rational, Tag, Value, experimental::Writer};
use image::{ImageEncoder, RgbImage, codecs::jpeg::JpegEncoder};
use mahdar_docs::{Attendee, Commitment, Minutes, Name, Said};
use mahdar_model::{
    ActionStatus, AttendanceMode, Currency, Lang, Meeting, MeetingFormat, MeetingStatus, Money,
    PersonKind, Prefecture, PrefectureKind, Presence, Region, Role, SiteVisit, StatementKind,
};
use std::{path::PathBuf, process::Command};

/// `<target>/docs-artifacts`: `CARGO_TARGET_DIR` when set, else the workspace's `target`.
pub fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("docs-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command-line tool and returns its standard output.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} runs (scripts/ci.sh setup installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Letters only, so text extracted from a PDF compares however lines were broken.
pub fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

pub const RED: [u8; 3] = [220, 20, 20];
pub const GREEN: [u8; 3] = [20, 170, 40];
pub const BLUE: [u8; 3] = [20, 40, 200];
pub const WHITE: [u8; 3] = [255, 255, 255];

/// A picture of `width` × `height` in `background`, its top-left quarter in `corner`: which way
/// up it is shows.
pub fn picture(width: u32, height: u32, corner: [u8; 3], background: [u8; 3]) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        image::Rgb(if x < width / 2 && y < height / 2 {
            corner
        } else {
            background
        })
    })
}

/// The picture as a JPEG, as a camera would store it (before any EXIF is added).
pub fn jpeg(picture: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// Where the test photos were taken: Fès (34.0331 N, 4.9998 W).
pub const FES: (f64, f64) = (34.0331, -4.9998);

/// What a test photo's EXIF says.
#[derive(Debug, Clone, Copy)]
pub struct Camera {
    pub orientation: u16,
    pub gps: Option<(f64, f64)>,
    pub taken: Option<&'static str>,
}

/// Degrees as EXIF writes them: degrees, minutes, seconds (in hundredths).
fn dms(value: f64) -> Vec<Rational> {
    let value = value.abs();
    let degrees = value.trunc();
    let minutes = ((value - degrees) * 60.0).trunc();
    let seconds = ((value - degrees) * 60.0 - minutes) * 60.0;
    vec![
        Rational::from((degrees as u32, 1)),
        Rational::from((minutes as u32, 1)),
        Rational::from(((seconds * 100.0).round() as u32, 100)),
    ]
}

/// An EXIF block (a TIFF structure), written with kamadak-exif.
pub fn exif_block(camera: Camera) -> Vec<u8> {
    let field = |tag, value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    let ascii = |s: &str| Value::Ascii(vec![s.as_bytes().to_vec()]);
    let mut fields = vec![
        field(Tag::Make, ascii("Mahdar")),
        field(Tag::Model, ascii("Test camera")),
        field(Tag::Orientation, Value::Short(vec![camera.orientation])),
    ];
    if let Some(taken) = camera.taken {
        fields.push(field(Tag::DateTimeOriginal, ascii(taken)));
    }
    if let Some((lat, lon)) = camera.gps {
        fields.extend([
            field(
                Tag::GPSLatitudeRef,
                ascii(if lat < 0.0 { "S" } else { "N" }),
            ),
            field(Tag::GPSLatitude, Value::Rational(dms(lat))),
            field(
                Tag::GPSLongitudeRef,
                ascii(if lon < 0.0 { "W" } else { "E" }),
            ),
            field(Tag::GPSLongitude, Value::Rational(dms(lon))),
            field(Tag::GPSAltitude, Value::Rational(vec![(405, 1).into()])),
        ]);
    }
    let mut writer = Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    writer.write(&mut out, false).unwrap();
    out.into_inner()
}

/// A JPEG with an EXIF segment spliced in after its start marker, as cameras write it.
pub fn with_exif(jpeg: &[u8], camera: Camera) -> Vec<u8> {
    let tiff = exif_block(camera);
    let length = u16::try_from(2 + 6 + tiff.len()).unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(length.to_be_bytes());
    out.extend(b"Exif\0\0");
    out.extend(tiff);
    out.extend(&jpeg[2..]);
    out
}

/// A phone's photo: `width` × `height` as stored, turned by `orientation`, taken in Fès.
pub fn phone_photo(width: u32, height: u32, corner: [u8; 3], background: [u8; 3]) -> Vec<u8> {
    with_exif(
        &jpeg(&picture(width, height, corner, background)),
        Camera {
            orientation: 6,
            gps: Some(FES),
            taken: Some("2026:11:28 10:15:00"),
        },
    )
}

/// The first bytes of an iPhone's HEIC photo (enough to be recognised; not decodable).
pub fn heic() -> Vec<u8> {
    let mut bytes = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    bytes.extend(b"\0\0\0\x08free");
    bytes
}

/// Minutes like the seed meeting's (Fès-Meknès, the minister's site visit), in Arabic.
pub fn seed_minutes() -> Minutes {
    let name = |ar: &str, latin: &str| Name {
        ar: Some(ar.to_owned()),
        latin: Some(latin.to_owned()),
    };
    let minister = name("عواطف حيار", "Aawatif Hayar");
    let wali = name("السعيد الزنيبر", "Saïd Zniber");
    let attendee =
        |id: &str, name: &Name, title: &str, title_fr: &str, roles: Vec<Role>| Attendee {
            id: id.to_owned(),
            name: name.clone(),
            kind: PersonKind::Individual,
            title: Some(title.to_owned()),
            title_fr: Some(title_fr.to_owned()),
            roles,
            mode: AttendanceMode::InPerson,
            presence: Presence::Present,
        };
    let said = |n: u32, who: &Name, id: &str, text: &str| Said {
        id: format!("statement:{n}"),
        speaker_id: id.to_owned(),
        speaker: who.clone(),
        speaker_title: None,
        speaker_title_fr: None,
        kind: StatementKind::Speech,
        channel: None,
        speaking_as: None,
        text: text.to_owned(),
        recorded_at: None,
    };
    let amount = Money {
        centimes: 3_000_000_000,
        currency: Currency::MAD,
    };
    Minutes {
        id: "meeting:1".to_owned(),
        meeting: Meeting {
            rank: Some(9),
            region: Some(Region::FesMeknes),
            prefecture: Some(Prefecture {
                kind: PrefectureKind::Prefecture,
                name: "فاس".to_owned(),
            }),
            format: Some(MeetingFormat::Hybrid),
            purpose: vec![
                "تعزيز الانسجام بين المخطط وبرامج التنمية الترابية في المجالات الاجتماعية".to_owned(),
            ],
            status: MeetingStatus::Draft,
            languages: vec![Lang::Ar, Lang::Fr],
            title: Some(
                "اللقاء الجهوي التاسع لبلورة الاستراتيجية الجديدة للقطب الاجتماعي".to_owned(),
            ),
            ..Meeting::default()
        },
        series: None,
        attendees: vec![
            attendee(
                "person:1",
                &minister,
                "وزيرة التضامن والادماج الاجتماعي والأسرة",
                "Ministre de la Solidarité, de l'Insertion sociale et de la Famille",
                vec![Role::Chair, Role::Speaker],
            ),
            attendee(
                "person:2",
                &wali,
                "والي جهة فاس مكناس عامل عمالة فاس",
                "Wali de la région Fès-Meknès",
                vec![Role::Speaker],
            ),
        ],
        statements: vec![
            said(
                1,
                &minister,
                "person:1",
                "أكدت السيدة الوزيرة على أهمية اشراك الفاعلين الترابيين في بلورة الاستراتيجية الجديدة ومخطط عمل القطب الاجتماعي.",
            ),
            said(
                2,
                &wali,
                "person:2",
                "نوّه السيد الوالي بالمجهودات المبذولة لتأهيل مؤسسات الحماية الاجتماعية بالجهة.",
            ),
        ],
        decisions: vec!["إحداث لجنة جهوية لتتبع تنفيذ مخطط العمل.".to_owned()],
        actions: vec![Commitment {
            id: "action:1".to_owned(),
            title: "تأهيل مؤسسات الحماية الاجتماعية بعمالة فاس".to_owned(),
            owner: Some(minister.clone()),
            partners: vec![wali.clone()],
            amount: Some(amount),
            due: NaiveDate::from_ymd_opt(2027, 6, 30),
            status: ActionStatus::Agreed,
        }],
        visits: vec![SiteVisit {
            meeting: None,
            date: None,
            place: "مؤسسات الحماية الاجتماعية".to_owned(),
            commune: None,
            province: Some("عمالة فاس".to_owned()),
            purpose: Some("الاطلاع على الاكراهات التي تواجهها".to_owned()),
            participants: Vec::new(),
            findings: Vec::new(),
        }],
        photos: Vec::new(),
        committed: vec![amount],
        approval: None,
    }
}
