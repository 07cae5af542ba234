//! The formal minutes as a Word document (DOCX), the same content as the PDF. Arabic documents
//! have right-to-left paragraphs (`w:bidi`), runs (`w:rtl`, with the Arabic language for
//! complex scripts) and tables (`w:bidiVisual`), so Word and LibreOffice show them right to left.
//! As in the PDF, a paragraph a person wrote takes the direction of its first letter: an Arabic
//! statement in French minutes is a right-to-left paragraph. docx-rs writes paragraphs'
//! direction; the run and table properties it has no API for are added to the document part
//! before it is packed.
//!
//! The site visits' photos are the PDF's re-encoded JPEG copies (no EXIF). docx-rs names every
//! picture part `….png`; each JPEG part gets an `Override` of its content type, so the package
//! says what the part holds.

use crate::{
    DocError, DocOptions, Minutes, PhotoLayout,
    pdf::template_data,
    photos::{self, Jpeg},
};
use docx_rs::{
    AlignmentType, Docx, Footer, NumPages, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts,
    Shading, Table, TableCell, TableRow, WidthType,
};
use serde_json::Value;

const FONT: &str = "Amiri";
const ACCENT: &str = "0F5F63";
/// EMU (the unit of a picture's size) in a twip (the unit of the page's).
const EMU_PER_TWIP: u64 = 635;
/// The text's width: an A4 page less its margins, in twips.
const TEXT_WIDTH: u64 = 11906 - 2 * 1247;
/// A full-width photo's height at most (16 cm, as in the PDF), in EMU.
const FULL_WIDTH_MAX_HEIGHT: u64 = 5_760_000;
/// The box a thumbnail fits in (a third of the text's width less the cell's margins, by
/// 4 cm, as in the PDF), in EMU.
const THUMBNAIL_BOX: (u64, u64) = ((TEXT_WIDTH / 3 - 240) * EMU_PER_TWIP, 1_440_000);
const THUMBNAILS_PER_ROW: usize = 3;

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| s(x).to_owned()).collect())
        .unwrap_or_default()
}

struct Writer {
    rtl: bool,
}

impl Writer {
    fn run(&self, text: &str) -> Run {
        Run::new()
            .add_text(text)
            .fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
            .size(24)
    }

    fn para(&self, runs: Vec<Run>) -> Paragraph {
        let mut p = Paragraph::new();
        for r in runs {
            p = p.add_run(r);
        }
        p.property = p.property.bidi(self.rtl);
        p
    }

    fn text(&self, text: &str) -> Paragraph {
        self.para(vec![self.run(text)])
    }

    /// A paragraph a person wrote: in the direction of its first letter.
    fn user(&self, text: &str) -> Paragraph {
        let mut p = Paragraph::new().add_run(self.run(text));
        p.property = p
            .property
            .bidi(first_letter_is_arabic(text).unwrap_or(self.rtl));
        p
    }

    fn heading(&self, text: &str) -> Paragraph {
        self.para(vec![self.run(text).bold().size(28).color(ACCENT)])
    }

    fn centered(&self, run: Run) -> Paragraph {
        self.para(vec![run]).align(AlignmentType::Center)
    }

    fn cell(&self, text: &str, header: bool) -> TableCell {
        let run = if header {
            self.run(text).bold().size(20)
        } else {
            self.run(text).size(20)
        };
        let cell = TableCell::new().add_paragraph(self.para(vec![run]));
        if header {
            cell.shading(Shading::new().fill("E8F1F1"))
        } else {
            cell
        }
    }

    /// A photo's caption, or what is said of a photo not shown: centred, in the direction of
    /// its first letter.
    fn caption(&self, text: &str, run: Run) -> Paragraph {
        let mut p = Paragraph::new().add_run(run).align(AlignmentType::Center);
        p.property = p
            .property
            .bidi(first_letter_is_arabic(text).unwrap_or(self.rtl));
        p
    }

    /// A photo, its caption under it; or a photo not shown, by its caption and a note.
    fn photo(&self, image: Option<Jpeg>, entry: &Value, fit: (u64, u64)) -> Vec<Paragraph> {
        let caption = s(&entry["caption"]);
        let Some(jpeg) = image else {
            return vec![
                self.caption(caption, self.run(caption).bold().size(20)),
                self.caption(s(&entry["note"]), self.run(s(&entry["note"])).size(18)),
            ];
        };
        let (width, height) = fitted_emu(jpeg.width, jpeg.height, fit);
        let pic = Pic::new_with_dimensions(jpeg.bytes, jpeg.width, jpeg.height).size(width, height);
        let mut paragraphs = vec![self.centered(Run::new().add_image(pic))];
        if !caption.is_empty() {
            paragraphs.push(self.caption(caption, self.run(caption).size(19)));
        }
        paragraphs
    }

    fn table(&self, header: &[String], rows: &[Vec<String>]) -> Table {
        let mut all = vec![TableRow::new(
            header.iter().map(|h| self.cell(h, true)).collect(),
        )];
        for r in rows {
            all.push(TableRow::new(
                r.iter().map(|c| self.cell(c, false)).collect(),
            ));
        }
        Table::new(all).width(5000, WidthType::Pct)
    }
}

/// The minutes as a DOCX file.
pub fn docx(m: &Minutes, options: &DocOptions) -> Result<Vec<u8>, DocError> {
    let printed = photos::printed(m, options.photos);
    let d = template_data(m, options, &printed);
    // Each visit's photos, in order (the template data lists them in the same order).
    let mut images: Vec<Vec<Option<Jpeg>>> = m.visits.iter().map(|_| Vec::new()).collect();
    for p in printed {
        if let Some(visit) = images.get_mut(p.visit) {
            visit.push(p.image.ok());
        }
    }
    let w = Writer {
        rtl: options.lang.is_rtl(),
    };
    let labels = &d["labels"];
    let mut doc = Docx::new().page_size(11906, 16838).page_margin(
        PageMargin::new()
            .top(1474)
            .bottom(1361)
            .left(1247)
            .right(1247),
    );

    for line in strings(&d["letterhead"]) {
        doc = doc.add_paragraph(w.centered(w.run(&line).bold()));
    }
    doc = doc
        .add_paragraph(w.centered(w.run(s(&labels["minutes"])).bold().size(36)))
        .add_paragraph(w.centered(w.run(s(&d["title"])).size(28)));

    let details: Vec<Vec<String>> = d["details"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| vec![s(&r[0]).to_owned(), s(&r[1]).to_owned()])
                .collect()
        })
        .unwrap_or_default();
    let mut rows = vec![];
    for r in &details {
        rows.push(TableRow::new(vec![
            w.cell(&r[0], true),
            w.cell(&r[1], false),
        ]));
    }
    doc = doc.add_table(Table::new(rows).width(5000, WidthType::Pct));

    let purpose = strings(&d["purpose"]);
    if !purpose.is_empty() {
        doc = doc.add_paragraph(w.heading(s(&labels["purpose"])));
        for p in purpose {
            doc = doc.add_paragraph(w.user(&format!("• {p}")));
        }
    }

    doc = doc.add_paragraph(w.heading(s(&labels["attendance"])));
    let columns = strings(&labels["attendance-columns"]);
    for group in d["attendance"].as_array().into_iter().flatten() {
        doc = doc.add_paragraph(w.para(vec![w.run(s(&group["heading"])).bold()]));
        let rows: Vec<Vec<String>> = group["people"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, p)| {
                vec![
                    (i + 1).to_string(),
                    s(&p["name"]).to_owned(),
                    s(&p["title"]).to_owned(),
                    s(&p["roles"]).to_owned(),
                ]
            })
            .collect();
        doc = doc.add_table(w.table(&columns, &rows));
    }

    doc = doc.add_paragraph(w.heading(s(&labels["statements"])));
    let statements = d["statements"].as_array().cloned().unwrap_or_default();
    if statements.is_empty() {
        doc = doc.add_paragraph(w.text(s(&labels["none"])));
    }
    for st in statements {
        let mut head = vec![
            w.run(&format!("{}. {}", st["n"], s(&st["speaker"])))
                .bold()
                .color(ACCENT),
        ];
        if !s(&st["title"]).is_empty() {
            head.push(w.run(&format!(" ({})", s(&st["title"]))).size(21));
        }
        if !s(&st["meta"]).is_empty() {
            head.push(w.run(&format!(" — {}", s(&st["meta"]))).size(21).italic());
        }
        doc = doc.add_paragraph(w.para(head));
        for line in s(&st["text"]).split('\n') {
            doc = doc.add_paragraph(w.user(line));
        }
    }

    doc = doc.add_paragraph(w.heading(s(&labels["decisions"])));
    let decisions = strings(&d["decisions"]);
    if decisions.is_empty() {
        doc = doc.add_paragraph(w.text(s(&labels["none"])));
    }
    for (i, dec) in decisions.iter().enumerate() {
        doc = doc.add_paragraph(w.user(&format!("{}. {dec}", i + 1)));
    }

    doc = doc.add_paragraph(w.heading(s(&labels["actions"])));
    let actions = &d["actions"];
    let rows: Vec<Vec<String>> = actions["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, r)| {
            std::iter::once((i + 1).to_string())
                .chain(strings(r))
                .collect()
        })
        .collect();
    if rows.is_empty() {
        doc = doc.add_paragraph(w.text(s(&labels["none"])));
    } else {
        let mut table = w.table(&strings(&actions["headers"]), &rows);
        table = table.add_row(TableRow::new(vec![
            w.cell(s(&actions["total-label"]), true).grid_span(4),
            w.cell(s(&actions["total"]), true).grid_span(3),
        ]));
        doc = doc.add_table(table);
    }

    let visits = d["visits"].as_array().cloned().unwrap_or_default();
    if !visits.is_empty() {
        doc = doc.add_paragraph(w.heading(s(&labels["visits"])));
    }
    for (v, images) in visits.iter().zip(images) {
        doc = doc.add_paragraph(w.user(&format!("• {}", s(&v["text"]))));
        let entries = v["photos"].as_array().cloned().unwrap_or_default();
        if entries.is_empty() {
            continue;
        }
        doc = doc.add_paragraph(w.para(vec![w.run(s(&labels["photos"])).bold()]));
        let photos: Vec<(Option<Jpeg>, Value)> = images.into_iter().zip(entries).collect();
        if options.photos == PhotoLayout::Thumbnails {
            doc = doc.add_table(thumbnails(&w, photos));
        } else {
            let fit = (TEXT_WIDTH * EMU_PER_TWIP, FULL_WIDTH_MAX_HEIGHT);
            for (image, entry) in photos {
                for p in w.photo(image, &entry, fit) {
                    doc = doc.add_paragraph(p);
                }
            }
        }
    }

    let signature = &d["signature"];
    doc = doc
        .add_paragraph(w.text(""))
        .add_paragraph(w.text(s(&signature["place-date"])));
    let roles = strings(&signature["roles"]);
    doc = doc.add_table(
        Table::new(vec![
            TableRow::new(
                roles
                    .iter()
                    .map(|r| TableCell::new().add_paragraph(w.centered(w.run(r).bold())))
                    .collect(),
            ),
            TableRow::new(
                roles
                    .iter()
                    .map(|_| {
                        TableCell::new()
                            .add_paragraph(w.text("\u{a0}"))
                            .add_paragraph(w.text("\u{a0}"))
                    })
                    .collect(),
            ),
        ])
        .width(5000, WidthType::Pct),
    );
    if !s(&signature["note"]).is_empty() {
        doc = doc.add_paragraph(w.para(vec![w.run(s(&signature["note"])).size(19).italic()]));
    }

    let mut footer = Footer::new().add_paragraph(
        w.para(vec![
            w.run(&format!("{} — {} ", s(&d["footer"]), s(&labels["page"])))
                .size(18),
        ])
        .add_page_num(PageNum::new())
        .add_run(w.run(&format!(" {} ", s(&labels["of"]))).size(18))
        .add_num_pages(NumPages::new()),
    );
    if let Some(approval) = d["approval"].as_object() {
        let line = approval["line"].as_str().unwrap_or_default();
        let hash = approval["sha256"].as_str().unwrap_or_default();
        footer = footer
            .add_paragraph(w.para(vec![w.run(&format!("{line} — SHA-256: {hash}")).size(15)]));
    }
    doc = doc.footer(footer);

    let mut xml = doc.build();
    declare_jpeg_parts(&mut xml);
    xml.document = right_to_left(&xml.document, w.rtl);
    xml.footers = xml
        .footers
        .iter()
        .map(|f| right_to_left(f, w.rtl))
        .collect();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocError::Write(e.to_string()))?;
    Ok(out.into_inner())
}

/// Thumbnails three to a row, in a table without borders (right to left in Arabic, as every
/// table).
fn thumbnails(w: &Writer, photos: Vec<(Option<Jpeg>, Value)>) -> Table {
    let column = usize::try_from(TEXT_WIDTH).unwrap_or(9412) / THUMBNAILS_PER_ROW;
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let count = photos.len();
    for (i, (image, entry)) in photos.into_iter().enumerate() {
        let mut cell = TableCell::new().width(column, WidthType::Dxa);
        for p in w.photo(image, &entry, THUMBNAIL_BOX) {
            cell = cell.add_paragraph(p);
        }
        cells.push(cell);
        if cells.len() == THUMBNAILS_PER_ROW || i + 1 == count {
            while cells.len() < THUMBNAILS_PER_ROW {
                cells.push(
                    TableCell::new()
                        .width(column, WidthType::Dxa)
                        .add_paragraph(Paragraph::new()),
                );
            }
            rows.push(TableRow::new(std::mem::take(&mut cells)));
        }
    }
    Table::without_borders(rows)
        .set_grid(vec![column; THUMBNAILS_PER_ROW])
        .width(5000, WidthType::Pct)
}

/// A picture's size in EMU: as large as fits in `(width, height)`, its proportions kept.
fn fitted_emu(width_px: u32, height_px: u32, (width, height): (u64, u64)) -> (u32, u32) {
    let (w, h) = (u64::from(width_px.max(1)), u64::from(height_px.max(1)));
    // Width-bound unless that makes it too tall.
    let (fw, fh) = if h * width / w <= height {
        (width, h * width / w)
    } else {
        (w * height / h, height)
    };
    (
        u32::try_from(fw).unwrap_or(u32::MAX),
        u32::try_from(fh).unwrap_or(u32::MAX),
    )
}

/// docx-rs names every picture part `word/media/<id>.png` and declares `.png` as PNG: each part
/// that holds a JPEG gets its own content type, as Open Packaging allows.
fn declare_jpeg_parts(xml: &mut docx_rs::XMLDocx) {
    let overrides: String = xml
        .media
        .iter()
        .filter(|(_, bytes)| bytes.starts_with(&[0xFF, 0xD8, 0xFF]))
        .map(|(id, _)| {
            format!(r#"<Override PartName="/word/media/{id}.png" ContentType="image/jpeg" />"#)
        })
        .collect();
    if overrides.is_empty() {
        return;
    }
    let types = String::from_utf8_lossy(&xml.content_type);
    if let Some(end) = types.rfind("</Types>") {
        xml.content_type = format!("{}{overrides}{}", &types[..end], &types[end..]).into_bytes();
    }
}

/// Whether the first letter of a text is Arabic (`None`: it has no letter).
fn first_letter_is_arabic(text: &str) -> Option<bool> {
    text.chars().find(|c| c.is_alphabetic()).map(|c| {
        matches!(c as u32,
            0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
    })
}

/// Adds what docx-rs cannot say: every run of a right-to-left paragraph (`w:bidi`) right to
/// left, with Arabic as its complex-script language; in a right-to-left document, every table
/// laid out right to left. The elements go where the OOXML schema's order wants them (`w:rtl`
/// and `w:lang` close a run's properties; `w:bidiVisual` opens a table's, which carry no style
/// here).
fn right_to_left(part: &[u8], rtl_document: bool) -> Vec<u8> {
    const MARKS: &str = r#"<w:rtl /><w:lang w:bidi="ar-MA" />"#;
    let xml = String::from_utf8_lossy(part);
    let mut out = String::with_capacity(xml.len() + xml.len() / 4);
    let mut rest: &str = &xml;
    // Paragraphs never nest (a table's paragraphs sit in its cells, not in a paragraph).
    while let Some(start) = [rest.find("<w:p>"), rest.find("<w:p ")]
        .into_iter()
        .flatten()
        .min()
    {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</w:p>")
            .map_or(rest.len(), |e| start + e + "</w:p>".len());
        let paragraph = &rest[start..end];
        if paragraph.contains("<w:bidi />") {
            out.push_str(
                &paragraph
                    .replace("</w:rPr>", &format!("{MARKS}</w:rPr>"))
                    .replace("<w:rPr />", &format!("<w:rPr>{MARKS}</w:rPr>")),
            );
        } else {
            out.push_str(paragraph);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    if rtl_document {
        out = out.replace("<w:tblPr>", "<w:tblPr><w:bidiVisual />");
    }
    out.into_bytes()
}
