//! `mahdar attach DOC_ID FILE`, `mahdar attachments DOC_ID`, `mahdar extract DOC_ID NAME -o
//! FILE`: photos and documents kept with a meeting, a site visit, a statement or a progress
//! entry.

use crate::{
    Context, Failure,
    commands::{print_json, read_limited, refuse_overwrite, write_output},
};
use mahdar::{
    Error, Mahdar, Stored,
    model::{AttachedTo, Attachment, AttachmentId, Lang},
};
use std::{io::Write, path::PathBuf};

#[derive(Debug, clap::Args)]
pub struct AttachArgs {
    /// What the file belongs to: `meeting:…` (or the start of a meeting's id), `visit:…`,
    /// `statement:…` or `progress:…`
    doc: String,
    /// The file (a photo, a PDF, an office document)
    file: PathBuf,
    /// What it shows
    #[arg(long)]
    caption: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// A meeting (everything attached to it, its visits, statements and progress entries), or
    /// one visit, statement or progress entry
    doc: String,
    /// Print them as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// What the file belongs to (as for `attach`), or the attachment's own id
    doc: String,
    /// The file's name as attached (or the start of its SHA-256)
    name: String,
    /// Where to write it ("-" for standard output)
    #[arg(long, short)]
    output: PathBuf,
    /// Remove the place the photo was taken (EXIF GPS); every other byte is kept
    #[arg(long)]
    strip_gps: bool,
    /// Replace the output file if it exists
    #[arg(long)]
    force: bool,
}

/// The owner a user names: a full document id, or the start of a meeting's id.
fn owner(app: &Mahdar, given: &str) -> Result<AttachedTo, Failure> {
    let given = given.trim();
    match given.parse::<AttachedTo>() {
        Ok(owner) => Ok(owner),
        Err(_) if !given.contains(':') || given.starts_with("meeting:") => {
            Ok(AttachedTo::Meeting(app.resolve_meeting(given)?))
        }
        Err(e) => Err(Failure::Input(e.to_string())),
    }
}

pub fn attach(ctx: &Context, args: AttachArgs) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let owner = owner(&app, &args.doc)?;
    let limit_mb = app.settings()?.attachment_max_mb;
    let size = std::fs::metadata(&args.file)
        .map_err(|e| Failure::Input(format!("cannot read the file {}: {e}", args.file.display())))?
        .len();
    if size > limit_mb * 1024 * 1024 {
        return Err(Error::TooLarge {
            size_mb: size.div_ceil(1024 * 1024),
            limit_mb,
        }
        .into());
    }
    let bytes = read_limited(&args.file, limit_mb * 1024 * 1024, "file to attach")?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stored = app.attach(owner, &name, args.caption, &bytes)?;
    println!("{}", stored.id);
    Ok(())
}

pub fn size_text(bytes: u64, lang: Lang) -> String {
    let (kb, mb) = (1024.0, 1024.0 * 1024.0);
    let b = bytes as f64;
    if b >= mb {
        format!("{:.1} {}", b / mb, lang.pick("م.ب", "Mo", "MB"))
    } else if b >= kb {
        format!("{:.0} {}", b / kb, lang.pick("ك.ب", "Ko", "KB"))
    } else {
        format!("{bytes} {}", lang.pick("بايت", "octets", "bytes"))
    }
}

fn listed(app: &Mahdar, given: &str) -> Result<Vec<Stored<Attachment>>, Failure> {
    Ok(match owner(app, given)? {
        AttachedTo::Meeting(m) => app.meeting_attachments(m)?,
        other => app.attachments(other)?,
    })
}

pub fn list(ctx: &Context, args: ListArgs) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let list = listed(&app, &args.doc)?;
    if args.json {
        return print_json(&list);
    }
    let mut out = std::io::stdout().lock();
    if list.is_empty() {
        writeln!(
            out,
            "{}",
            ctx.lang
                .pick("لا مرفقات.", "Aucune pièce jointe.", "No attachments.")
        )?;
    }
    for a in &list {
        let v = &a.value;
        write!(
            out,
            "{}  {}  {}  {}  {}",
            a.id,
            v.name,
            v.media_type,
            size_text(v.length, ctx.lang),
            v.sha256.get(..12).unwrap_or(&v.sha256)
        )?;
        if let Some(c) = &v.caption {
            write!(out, "  «{c}»")?;
        }
        if let Some(g) = v.gps {
            write!(out, "  GPS {:.5}, {:.5}", g.lat, g.lon)?;
        }
        writeln!(out, "  ← {}", v.owner)?;
    }
    Ok(())
}

pub fn extract(ctx: &Context, args: ExtractArgs) -> Result<(), Failure> {
    refuse_overwrite(&args.output, args.force)?;
    let app = ctx.open_existing()?;
    let candidates = match args.doc.trim().parse::<AttachmentId>() {
        Ok(id) => vec![app.attachment(id)?],
        Err(_) => listed(&app, &args.doc)?,
    };
    let wanted = args.name.trim();
    let mut found: Vec<&Stored<Attachment>> = candidates
        .iter()
        .filter(|a| a.value.name == wanted)
        .collect();
    if found.is_empty() && wanted.len() >= 6 {
        found = candidates
            .iter()
            .filter(|a| a.value.sha256.starts_with(wanted))
            .collect();
    }
    let chosen = match found.as_slice() {
        [one] => *one,
        [] => {
            return Err(Failure::Input(format!(
                "no file named «{wanted}» is attached to {}; `mahdar attachments {}` lists them",
                args.doc, args.doc
            )));
        }
        many => {
            return Err(Failure::Input(format!(
                "{} files are named «{wanted}»; give the start of the SHA-256 instead: {}",
                many.len(),
                many.iter()
                    .map(|a| a.value.sha256.get(..12).unwrap_or(&a.value.sha256))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    };
    let (_, bytes) = app.attachment_bytes(chosen.id, args.strip_gps)?;
    write_output(ctx.lang, &args.output, &bytes)
}
