//! The formal minutes as a Word document (DOCX), the same content as the PDF. Arabic documents
//! have right-to-left paragraphs (`w:bidi`), runs (`w:rtl`, with the Arabic language for
//! complex scripts) and tables (`w:bidiVisual`), so Word and LibreOffice show them right to left.
//! As in the PDF, a paragraph a person wrote takes the direction of its first letter: an Arabic
//! statement in French minutes is a right-to-left paragraph. docx-rs writes paragraphs'
//! direction; the run and table properties it has no API for are added to the document part
//! before it is packed.

use crate::{DocError, DocOptions, Minutes, pdf::template_data};
use docx_rs::{
    AlignmentType, Docx, Footer, NumPages, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading,
    Table, TableCell, TableRow, WidthType,
};
use serde_json::Value;

const FONT: &str = "Amiri";
const ACCENT: &str = "0F5F63";

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
    let d = template_data(m, options);
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

    let visits = strings(&d["visits"]);
    if !visits.is_empty() {
        doc = doc.add_paragraph(w.heading(s(&labels["visits"])));
        for v in visits {
            doc = doc.add_paragraph(w.user(&format!("• {v}")));
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
