//! The formal minutes as PDF, laid out by typst used as a library: no external program, no
//! network. The template (`templates/minutes.typ`) receives every text as JSON data, already in
//! the document's language; the fonts (Amiri, Arabic and Latin) are bundled. The site visits'
//! photos reach it as files of the typst world (`/photos/<n>.jpg`): re-encoded copies, never the
//! originals, so no EXIF (nor location) reaches the PDF and it stays small.

use crate::{
    DocError, DocOptions, Minutes, PhotoLayout, dates,
    photos::{self, PrintedPhoto, Unshown},
};
use mahdar_model::{AttendanceMode, Lang, Presence, ordinal};
use serde_json::{Value, json};
use std::{collections::HashMap, sync::OnceLock};
use typst::{
    Library, LibraryExt, World,
    diag::{FileError, FileResult},
    foundations::{Bytes, Datetime, Duration},
    syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot},
    text::{Font, FontBook},
    utils::LazyHash,
};
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("../templates/minutes.typ");
const AMIRI_REGULAR: &[u8] = include_bytes!("../fonts/Amiri-Regular.ttf");
const AMIRI_BOLD: &[u8] = include_bytes!("../fonts/Amiri-Bold.ttf");

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// The bundled fonts, read once. A missing glyph would print as an empty box without a warning,
/// so the font book is checked for the scripts the minutes use.
fn fonts() -> Result<&'static Fonts, DocError> {
    static FONTS: OnceLock<Result<Fonts, DocError>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut fonts = Vec::new();
            for (name, data) in [("Amiri-Regular", AMIRI_REGULAR), ("Amiri-Bold", AMIRI_BOLD)] {
                let font = Font::new(Bytes::new(data), 0).ok_or(DocError::Font(name))?;
                for c in ['م', 'ح', 'ض', 'ر', 'é', 'A', '0', '—'] {
                    if !font.info().coverage.contains(c as u32) {
                        return Err(DocError::Font(name));
                    }
                }
                fonts.push(font);
            }
            Ok(Fonts {
                book: LazyHash::new(FontBook::from_fonts(&fonts)),
                fonts,
            })
        })
        .as_ref()
        .map_err(|e| match e {
            DocError::Font(name) => DocError::Font(name),
            other => DocError::Layout(other.to_string()),
        })
}

fn file_id(path: &str) -> FileId {
    // Both paths are constants known to be valid.
    let vpath = VirtualPath::new(path)
        .unwrap_or_else(|_| VirtualPath::new("/main.typ").expect("a valid constant path"));
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

struct MinutesWorld {
    library: LazyHash<Library>,
    fonts: &'static Fonts,
    main: Source,
    data: Bytes,
    data_id: FileId,
    /// Other files the template reads: the photos.
    files: HashMap<FileId, Bytes>,
}

impl World for MinutesWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(std::path::PathBuf::from("/")))
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if let Some(bytes) = self.files.get(&id) {
            Ok(bytes.clone())
        } else {
            Err(FileError::NotFound(std::path::PathBuf::from("/")))
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// The minutes as a PDF.
pub fn pdf(m: &Minutes, options: &DocOptions) -> Result<Vec<u8>, DocError> {
    to_pdf(&layout(m, options)?)
}

fn layout_error(errors: impl IntoIterator<Item = typst::diag::SourceDiagnostic>) -> DocError {
    DocError::Layout(
        errors
            .into_iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// The minutes laid out in pages (for the PDF, and for counting pages in tests and benchmarks).
pub fn layout(m: &Minutes, options: &DocOptions) -> Result<PagedDocument, DocError> {
    let photos = photos::printed(m, options.photos);
    let data = template_data(m, options, &photos);
    let files = photos
        .into_iter()
        .enumerate()
        .filter_map(|(i, p)| Some((file_id(&photo_path(i)), Bytes::new(p.image.ok()?.bytes))))
        .collect();
    compile_with(TEMPLATE, &data, files)
}

/// Where the template finds the `i`th printed photo.
fn photo_path(i: usize) -> String {
    format!("/photos/{i}.jpg")
}

/// Lays out a template with its data (read by the template as `/data.json`).
pub(crate) fn compile(template: &str, data: &Value) -> Result<PagedDocument, DocError> {
    compile_with(template, data, HashMap::new())
}

/// Lays out a template with its data and other files it reads.
fn compile_with(
    template: &str,
    data: &Value,
    files: HashMap<FileId, Bytes>,
) -> Result<PagedDocument, DocError> {
    let data = serde_json::to_vec(data).map_err(|e| DocError::Write(e.to_string()))?;
    let world = MinutesWorld {
        library: LazyHash::new(Library::builder().build()),
        fonts: fonts()?,
        main: Source::new(file_id("/main.typ"), template.to_owned()),
        data: Bytes::new(data),
        data_id: file_id("/data.json"),
        files,
    };
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(layout_error)
}

/// A laid-out document as PDF bytes.
pub(crate) fn to_pdf(doc: &PagedDocument) -> Result<Vec<u8>, DocError> {
    typst_pdf::pdf(doc, &typst_pdf::PdfOptions::default()).map_err(layout_error)
}

/// Everything the template shows, as text in the document's language; the photos printed, by
/// their place in `photos` (see [`photo_path`]).
pub(crate) fn template_data(
    m: &Minutes,
    options: &DocOptions,
    photos: &[PrintedPhoto<'_>],
) -> Value {
    let lang = options.lang;
    let l = |ar: &'static str, fr: &'static str, en: &'static str| lang.pick(ar, fr, en);
    let missing = l("غير محدد", "non renseigné", "not given");
    let meeting = &m.meeting;
    let title = meeting.display_title(lang);

    let mut details: Vec<(String, String, bool)> = Vec::new();
    let mut detail = |label: &str, value: Option<String>| {
        let is_missing = value.is_none();
        details.push((
            label.to_owned(),
            value.unwrap_or_else(|| missing.to_owned()),
            is_missing,
        ));
    };
    if let Some(series) = &m.series {
        let mut s = series.title(lang).to_owned();
        if let Some(rank) = meeting.rank {
            let nth = ordinal(rank, lang);
            s.push_str(&match lang {
                Lang::Ar => format!(" (الاجتماع {nth})"),
                Lang::Fr => format!(" ({nth} réunion)"),
                Lang::En => format!(" ({nth} meeting)"),
            });
        }
        detail(l("السلسلة", "Série", "Series"), Some(s));
    }
    detail(
        l("الجهة", "Région", "Region"),
        meeting.region.map(|r| r.display(lang)),
    );
    detail(
        l(
            "العمالة أو الإقليم",
            "Préfecture ou province",
            "Prefecture or province",
        ),
        meeting.prefecture.as_ref().map(|p| p.display(lang)),
    );
    detail(l("المكان", "Lieu", "Venue"), meeting.venue.clone());
    detail(
        l("التاريخ", "Date", "Date"),
        meeting
            .date
            .map(|d| dates::official(d, lang, options.hijri_adjust)),
    );
    let time = meeting.start_time.map(|s| match meeting.end_time {
        Some(e) => format!("{} – {}", s.format("%H:%M"), e.format("%H:%M")),
        None => s.format("%H:%M").to_string(),
    });
    detail(l("التوقيت", "Heure", "Time"), time);
    detail(
        l("صيغة الانعقاد", "Format", "Format"),
        meeting.format.map(|f| f.label(lang).to_owned()),
    );
    detail(
        l(
            "حالة المحضر",
            "Statut du procès-verbal",
            "Status of the minutes",
        ),
        Some(meeting.status.label(lang).to_owned()),
    );

    let sep = l("، ", ", ", ", ");
    let person_row = |a: &crate::Attendee| {
        json!({
            "name": a.name.get(lang),
            "title": a.title(lang).unwrap_or("—"),
            "roles": if a.roles.is_empty() { "—".to_owned() } else { a.roles.iter().map(|r| r.label(lang)).collect::<Vec<_>>().join(sep) },
        })
    };
    let mut attendance = Vec::new();
    for (mode, heading) in [
        (
            AttendanceMode::InPerson,
            l("الحاضرون حضوريا", "Présents en salle", "Present in person"),
        ),
        (
            AttendanceMode::Remote,
            l(
                "المشاركون عن بعد",
                "Participants à distance",
                "Taking part remotely",
            ),
        ),
    ] {
        let people: Vec<Value> = m
            .attendees
            .iter()
            .filter(|a| a.mode == mode && a.presence == Presence::Present)
            .map(person_row)
            .collect();
        if !people.is_empty() {
            attendance.push(json!({ "heading": heading, "people": people }));
        }
    }
    let away: Vec<Value> = m
        .attendees
        .iter()
        .filter(|a| a.presence != Presence::Present)
        .map(person_row)
        .collect();
    if !away.is_empty() {
        attendance.push(json!({ "heading": l("المعتذرون والغائبون", "Excusés et absents", "Excused and absent"), "people": away }));
    }

    let statements: Vec<Value> = m
        .statements
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let title = match lang {
                Lang::Ar => s.speaker_title.clone(),
                _ => s.speaker_title_fr.clone().or_else(|| s.speaker_title.clone()),
            };
            // Names typed in the other script (an Arabic channel in French minutes) are
            // isolated, so the words around them keep their order.
            let mut meta = vec![s.kind.label(lang).to_owned()];
            if let Some(c) = &s.channel {
                meta.push(format!("{} {}", l("عبر", "via", "via"), isolate(c)));
            }
            if let Some(a) = &s.speaking_as {
                meta.push(format!("{} {}", l("باسم", "au nom de", "on behalf of"), isolate(a)));
            }
            let title = title.map(|t| isolate(&t)).unwrap_or_default();
            json!({ "n": i + 1, "speaker": s.speaker.get(lang), "title": title, "meta": meta.join(sep), "text": s.text })
        })
        .collect();

    let rows: Vec<Vec<String>> = m
        .actions
        .iter()
        .map(|a| {
            let partners: Vec<&str> = a.partners.iter().map(|n| n.get(lang)).collect();
            vec![
                a.title.clone(),
                a.owner
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |o| o.get(lang).to_owned()),
                if partners.is_empty() {
                    "—".to_owned()
                } else {
                    partners.join(sep)
                },
                a.amount.map_or_else(|| "—".to_owned(), |x| x.format(lang)),
                a.due
                    .map_or_else(|| missing.to_owned(), |d| dates::gregorian(d, lang)),
                a.status.label(lang).to_owned(),
            ]
        })
        .collect();
    let total = if m.committed.is_empty() {
        "—".to_owned()
    } else {
        m.committed
            .iter()
            .map(|x| x.format(lang))
            .collect::<Vec<_>>()
            .join(" + ")
    };

    let unshown = |why: Unshown| match why {
        Unshown::Heic => l(
            "صورة بصيغة HEIC محفوظة، يتعذّر عرضها في هذه الوثيقة.",
            "Photo au format HEIC, conservée mais non reproduite dans ce document.",
            "HEIC photo, kept on file but not shown in this document.",
        ),
        Unshown::Unreadable => l(
            "تعذّرت قراءة هذه الصورة، فلم تُدرج في هذه الوثيقة.",
            "Photo illisible, non reproduite dans ce document.",
            "This photo could not be read and is not shown.",
        ),
    };
    let visits: Vec<Value> = m
        .visits
        .iter()
        .enumerate()
        .map(|(n, v)| {
            let mut parts = vec![v.place.clone()];
            parts.extend(v.province.clone());
            parts.extend(v.purpose.clone());
            let photos: Vec<Value> = photos
                .iter()
                .enumerate()
                .filter(|(_, p)| p.visit == n)
                .map(|(i, p)| match &p.image {
                    Ok(jpeg) => json!({
                        "file": photo_path(i),
                        "caption": p.caption.unwrap_or_default(),
                        "width": jpeg.width,
                        "height": jpeg.height,
                    }),
                    // Listed, so that the reader knows a photo was taken.
                    Err(why) => json!({
                        "file": null,
                        "caption": p.caption.unwrap_or(p.name),
                        "note": unshown(*why),
                    }),
                })
                .collect();
            json!({ "text": parts.join(" — "), "photos": photos })
        })
        .collect();

    let produced = dates::official(options.produced, lang, options.hijri_adjust);
    let place = meeting
        .prefecture
        .as_ref()
        .map(|p| p.name.clone())
        .or_else(|| meeting.region.map(|r| r.name(lang).to_owned()));
    let place_date = match (lang, place) {
        (Lang::Ar, Some(p)) => format!("حُرّر بـ{p} في {produced}"),
        (Lang::Ar, None) => format!("حُرّر في {produced}"),
        (Lang::Fr, Some(p)) => format!("Fait à {p}, le {produced}"),
        (Lang::Fr, None) => format!("Fait le {produced}"),
        (Lang::En, Some(p)) => format!("Done at {p} on {produced}"),
        (Lang::En, None) => format!("Done on {produced}"),
    };
    let note = if meeting.status.is_locked() {
        String::new()
    } else {
        l(
            "مشروع محضر: لم تتم المصادقة عليه بعد.",
            "Projet de procès-verbal : non encore approuvé.",
            "Draft minutes: not yet approved.",
        )
        .to_owned()
    };

    json!({
        "dir": if lang.is_rtl() { "rtl" } else { "ltr" },
        "lang": lang.code(),
        "letterhead": options.letterhead.lines,
        "title": title,
        "running": format!("{} — {}", l("محضر", "Procès-verbal", "Minutes"), title),
        "footer": format!("{} {}", l("أُعدّ بواسطة محضر في", "Établi avec Mahdar le", "Produced with Mahdar on"), dates::gregorian(options.produced, lang)),
        "approval": m.approval.as_ref().map(|a| json!({
            "line": format!(
                "{} {} {} {}",
                l("صودق عليه في", "Approuvé le", "Approved on"),
                dates::gregorian(a.approved_on, lang),
                l("من طرف", "par", "by"),
                isolate(&a.approved_by),
            ),
            "sha256": a.sha256,
            "keyword": format!("{}{}", crate::PDF_HASH_TAG, a.sha256),
        })),
        "labels": {
            "minutes": l("محضر اجتماع", "Procès-verbal de réunion", "Minutes of meeting"),
            "page": l("الصفحة", "Page", "Page"),
            "of": l("من", "sur", "of"),
            "purpose": l("أهداف الاجتماع", "Objectifs de la réunion", "Purpose of the meeting"),
            "attendance": l("الحضور", "Présents", "Attendance"),
            "attendance-columns": [l("ر.ت", "N°", "No."), l("الاسم", "Nom", "Name"), l("الصفة", "Qualité", "Title"), l("الدور", "Rôle", "Role")],
            "statements": l("المداخلات", "Interventions", "Statements"),
            "decisions": l("القرارات", "Décisions", "Decisions"),
            "actions": l("إجراءات التتبع", "Actions de suivi", "Follow-up actions"),
            "visits": l("الزيارات الميدانية", "Visites de terrain", "Site visits"),
            "photos": l("صور الزيارة الميدانية", "Photos de la visite", "Photos of the visit"),
            "none": l("لا شيء.", "Néant.", "None."),
        },
        "details": details.into_iter().map(|(a, b, c)| json!([a, b, c])).collect::<Vec<_>>(),
        "purpose": meeting.purpose,
        "attendance": attendance,
        "statements": statements,
        "decisions": m.decisions,
        "actions": {
            "headers": [l("ر.ت", "N°", "No."), l("الإجراء", "Action", "Action"), l("المسؤول", "Responsable", "Owner"), l("الشركاء", "Partenaires", "Partners"), l("المبلغ", "Montant", "Amount"), l("الأجل", "Échéance", "Due"), l("الحالة", "Statut", "Status")],
            "rows": rows,
            "total-label": l("المجموع الملتزم به", "Total engagé", "Total committed"),
            "total": total,
        },
        "visits": visits,
        "photo-layout": match options.photos {
            PhotoLayout::None => "none",
            PhotoLayout::Thumbnails => "thumbnails",
            PhotoLayout::FullWidth => "full-width",
        },
        "signature": {
            "place-date": place_date,
            "roles": [l("كاتب المحضر", "Le secrétaire de séance", "Secretary"), l("المصادق على المحضر", "L'approbateur", "Approved by")],
            "note": note,
        },
    })
}

/// Text set apart for the bidirectional algorithm (FIRST STRONG ISOLATE … POP DIRECTIONAL
/// ISOLATE): it takes its own direction without reordering what surrounds it.
fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}
