//! `mahdar about`: the version, the data folder and its size, backups and last sync, for
//! support; `--bundle FILE` writes the diagnostics bundle (no user content unless
//! `--with-content`).

use crate::{
    Context, Failure,
    commands::{attach::size_text, print_json, refuse_overwrite, write_output},
};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the figures as JSON
    #[arg(long)]
    json: bool,
    /// Write a diagnostics bundle (a zip) for support to FILE
    #[arg(long, value_name = "FILE")]
    bundle: Option<PathBuf>,
    /// Put the documents themselves (the meetings' text) in the bundle too
    #[arg(long, requires = "bundle")]
    with_content: bool,
    /// Replace FILE if it exists
    #[arg(long, requires = "bundle")]
    force: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    if let Some(output) = &args.bundle {
        refuse_overwrite(output, args.force)?;
    }
    let app = ctx.open_existing()?;
    if let Some(output) = &args.bundle {
        let bytes = app.diagnostics_bundle(args.with_content)?;
        return write_output(ctx.lang, output, &bytes);
    }
    let d = app.diagnostics()?;
    if args.json {
        return print_json(&d);
    }
    let lang = ctx.lang;
    let yes_no = |b: bool| {
        if b {
            lang.pick("نعم", "oui", "yes")
        } else {
            lang.pick("لا", "non", "no")
        }
    };
    let never = lang.pick("لم تتم بعد", "jamais", "never");
    let rows = [
        (
            lang.pick("الإصدار", "Version", "Version"),
            d.version.to_owned(),
        ),
        (
            lang.pick("إصدار المخطط", "Version du schéma", "Schema version"),
            d.schema_version.to_string(),
        ),
        (
            lang.pick("مجلد البيانات", "Dossier de données", "Data folder"),
            d.data_dir.clone(),
        ),
        (
            lang.pick("الحجم", "Taille", "Size"),
            size_text(d.store_bytes, lang),
        ),
        (
            lang.pick("الوثائق", "Documents", "Documents"),
            d.documents.to_string(),
        ),
        (
            lang.pick("الملفات المرفقة", "Fichiers joints", "Attached files"),
            format!(
                "{} ({})",
                d.attachments,
                size_text(d.attachment_bytes, lang)
            ),
        ),
        (
            lang.pick("مشفرة", "Chiffrées", "Encrypted"),
            yes_no(d.encrypted).to_owned(),
        ),
        (
            lang.pick("آخر نسخة احتياطية", "Dernière sauvegarde", "Last backup"),
            d.last_backup
                .as_ref()
                .map(|b| format!("{} ({})", b.at, b.name))
                .unwrap_or_else(|| never.to_owned()),
        ),
        (
            lang.pick("آخر مزامنة", "Dernière synchronisation", "Last sync"),
            d.last_sync.clone().unwrap_or_else(|| never.to_owned()),
        ),
        (
            lang.pick("خادم المزامنة", "Serveur de synchronisation", "Sync server"),
            d.sync_server
                .clone()
                .unwrap_or_else(|| lang.pick("لا يوجد", "aucun", "none").to_owned()),
        ),
        (
            lang.pick("النظام", "Système", "System"),
            format!("{} {}", d.os, d.arch),
        ),
    ];
    for (label, value) in rows {
        println!("{label}: {value}");
    }
    Ok(())
}
