//! `mahdar sync`, `sync-export`, `sync-import`: replication with a server or by file.

use crate::{
    Context, Failure,
    commands::{first_line, limits, print_json, read_limited},
};
use mahdar::{
    Mahdar,
    model::Lang,
    sync::{PassReport, Progress, Status, SyncReport},
};
use std::{
    io::Write,
    path::{Path, PathBuf},
    sync::{Arc, atomic::AtomicBool},
};

/// The environment variable a script can put a sync file's passphrase in.
pub const PASSPHRASE_ENV: &str = "MAHDAR_SYNC_PASSPHRASE";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The database, e.g. https://sync.example.org/mahdar [default: the one in the settings]
    url: Option<String>,
    /// Only send this laptop's changes
    #[arg(long, conflicts_with = "pull")]
    push: bool,
    /// Only fetch the server's changes
    #[arg(long)]
    pull: bool,
    /// Keep syncing until interrupted: while online, and waiting quietly offline
    #[arg(long)]
    continuous: bool,
    /// User name (overrides the one in the address or the settings)
    #[arg(long)]
    user: Option<String>,
    /// A file whose first line is the password
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
    /// Trust the certificate authority in this PEM file (a server with a certificate of its own)
    #[arg(long, value_name = "FILE")]
    ca_file: Option<PathBuf>,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let password = args
        .password_file
        .as_deref()
        .map(|p| first_line(p, "password"))
        .transpose()?;
    let ca_pem = args
        .ca_file
        .as_deref()
        .map(|f| read_limited(f, limits::CERTIFICATE, "certificate file"))
        .transpose()?;
    let app = ctx.open()?;
    let remote = app.sync_remote(mahdar::SyncTarget {
        url: args.url,
        user: args.user,
        password,
        ca_pem,
    })?;
    let (push, pull) = match (args.push, args.pull) {
        (true, false) => (true, false),
        (false, true) => (false, true),
        _ => (true, true),
    };
    let lang = ctx.lang;
    if args.continuous {
        return continuous(&app, remote, lang);
    }
    let quiet = args.json;
    let progress = move |p: &Progress| {
        if !quiet {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{}", progress_line(p, lang));
        }
    };
    let report = app.sync_with(&remote, push, pull, Some(&progress))?;
    let conflicts = app.conflict_count()?;
    if args.json {
        return print_json(&serde_json::json!({
            "server": remote.url(),
            "push": report.push,
            "pull": report.pull,
            "conflicts": conflicts,
        }));
    }
    print_report(&report, conflicts, remote.url(), lang);
    Ok(())
}

/// The line that says documents await a person's decision.
fn conflicts_line(n: usize, lang: Lang) -> String {
    lang.pick(
        format!("وثائق فيها تعارض ينتظر قرارا: {n} (انظر `mahdar conflicts`)"),
        format!("Documents en conflit attendant une décision : {n} (voir `mahdar conflicts`)"),
        format!("Documents with a conflict awaiting a decision: {n} (see `mahdar conflicts`)"),
    )
}

fn progress_line(p: &Progress, lang: Lang) -> String {
    let (d, r) = (p.documents, p.revisions);
    match p.direction {
        mahdar::sync::Direction::Push => lang.pick(
            format!("إرسال: {d} وثيقة فُحصت، {r} مراجعة أُرسلت"),
            format!("Envoi : {d} documents examinés, {r} révisions envoyées"),
            format!("Push: {d} documents examined, {r} revisions sent"),
        ),
        mahdar::sync::Direction::Pull => lang.pick(
            format!("استقبال: {d} وثيقة فُحصت، {r} مراجعة استُقبلت"),
            format!("Réception : {d} documents examinés, {r} révisions reçues"),
            format!("Pull: {d} documents examined, {r} revisions received"),
        ),
    }
}

fn pass_line(pass: &PassReport, push: bool, lang: Lang) -> String {
    let r = pass.revisions;
    let mut line = match (push, lang) {
        (true, Lang::Ar) => format!("أُرسلت {r} مراجعة"),
        (true, Lang::Fr) => format!("{r} révisions envoyées"),
        (true, Lang::En) => format!("{r} revisions sent"),
        (false, Lang::Ar) => format!("استُقبلت {r} مراجعة"),
        (false, Lang::Fr) => format!("{r} révisions reçues"),
        (false, Lang::En) => format!("{r} revisions received"),
    };
    if pass.merged > 0 {
        let m = pass.merged;
        line.push_str(&lang.pick(
            format!("، ودُمجت {m} وثيقة تلقائيا"),
            format!(", {m} documents fusionnés automatiquement"),
            format!(", {m} documents merged automatically"),
        ));
    }
    if !pass.skipped.is_empty() {
        let n = pass.skipped.len();
        line.push_str(&lang.pick(
            format!("، وتُركت {n} وثيقة غير صالحة من الخادم"),
            format!(", {n} documents invalides du serveur ignorés"),
            format!(", {n} invalid documents from the server left out"),
        ));
    }
    line
}

fn print_report(report: &SyncReport, conflicts: usize, server: &str, lang: Lang) {
    let mut parts = Vec::new();
    if let Some(p) = &report.push {
        parts.push(pass_line(p, true, lang));
    }
    if let Some(p) = &report.pull {
        parts.push(pass_line(p, false, lang));
    }
    let sep = if lang == Lang::Ar { "؛ " } else { "; " };
    println!(
        "{}",
        lang.pick(
            format!("تمت المزامنة مع {server}: {}", parts.join(sep)),
            format!("Synchronisé avec {server} : {}", parts.join(sep)),
            format!("Synced with {server}: {}", parts.join(sep)),
        )
    );
    if conflicts > 0 {
        println!("{}", conflicts_line(conflicts, lang));
    }
}

fn continuous(app: &Mahdar, remote: mahdar::sync::Remote, lang: Lang) -> Result<(), Failure> {
    let stop = Arc::new(AtomicBool::new(false));
    let remote = remote.with_cancel(stop.clone());
    let on_status = |s: &Status, report: Option<&SyncReport>| {
        let line = match s {
            Status::Syncing => return,
            Status::Offline { detail } => lang.pick(
                format!("غير متصل ({detail})؛ ستُستأنف المزامنة تلقائيا"),
                format!("Hors ligne ({detail}) ; la synchronisation reprendra seule"),
                format!("Offline ({detail}); syncing will resume by itself"),
            ),
            Status::Failed { message, .. } => message.clone(),
            Status::UpToDate { conflicts } => {
                let moved = report.is_some_and(|r| {
                    r.push.as_ref().is_some_and(|p| p.revisions > 0)
                        || r.pull.as_ref().is_some_and(|p| p.revisions > 0)
                });
                if !moved {
                    return;
                }
                let c = conflicts;
                lang.pick(
                    format!("محين ({c} تعارض)"),
                    format!("À jour ({c} conflits)"),
                    format!("Up to date ({c} conflicts)"),
                )
            }
        };
        let stamp = chrono::Local::now().format("%H:%M:%S");
        println!("{stamp} {line}");
    };
    app.sync_continuously(&remote, &stop, &on_status)?;
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Where to write the sync file
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Only what this peer (the name in its sync files, or given at import) has not
    /// acknowledged; everything when the peer is not known yet
    #[arg(long)]
    peer: Option<String>,
    /// Encrypt the file with a passphrase (from --sync-passphrase-file or MAHDAR_SYNC_PASSPHRASE)
    #[arg(long)]
    encrypt: bool,
    /// A file whose first line is the sync file's passphrase (the data's own passphrase is
    /// --passphrase-file)
    #[arg(long, value_name = "FILE")]
    sync_passphrase_file: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

fn passphrase(file: Option<&Path>) -> Result<Option<String>, Failure> {
    if let Some(f) = file {
        return first_line(f, "passphrase").map(Some);
    }
    Ok(std::env::var(PASSPHRASE_ENV).ok().filter(|p| !p.is_empty()))
}

/// `--passphrase-file` is the data's passphrase; before it existed, it was the sync file's. An
/// old script that passes it for data in clear meant to encrypt the file: refuse, rather than
/// write the file in clear.
fn refuse_data_passphrase_on_clear(ctx: &Context, app: &mahdar::Mahdar) -> Result<(), Failure> {
    if ctx.passphrase_file.is_some() && !app.is_encrypted() {
        return Err(Failure::Input(
            "--passphrase-file is the passphrase of encrypted data, and this data is not encrypted; a sync file's passphrase is --sync-passphrase-file (or MAHDAR_SYNC_PASSPHRASE)"
                .into(),
        ));
    }
    Ok(())
}

pub fn export(ctx: &Context, args: ExportArgs) -> Result<(), Failure> {
    if args.output.exists() && !args.force {
        return Err(Failure::Input(format!(
            "{} already exists; choose another name or pass --force to replace it",
            args.output.display()
        )));
    }
    let pass = if args.encrypt || args.sync_passphrase_file.is_some() {
        Some(passphrase(args.sync_passphrase_file.as_deref())?.ok_or_else(|| {
            Failure::Input(format!(
                "--encrypt needs a passphrase: give --sync-passphrase-file FILE or set {PASSPHRASE_ENV}"
            ))
        })?)
    } else {
        None
    };
    let app = ctx.open_existing()?;
    refuse_data_passphrase_on_clear(ctx, &app)?;
    let report = app.sync_export(&args.output, args.peer.clone(), pass)?;
    if args.json {
        return print_json(&report);
    }
    let (file, d, r) = (args.output.display(), report.documents, report.revisions);
    let lock = if report.encrypted { " 🔒" } else { "" };
    println!(
        "{}",
        ctx.lang.pick(
            format!("كُتب ملف المزامنة {file}{lock}: {d} وثيقة، {r} مراجعة"),
            format!("Fichier de synchronisation {file}{lock} écrit : {d} documents, {r} révisions"),
            format!("Sync file {file}{lock} written: {d} documents, {r} revisions"),
        )
    );
    if !report.complete {
        println!(
            "{}",
            ctx.lang.pick(
                "بلغ الملف حده الأقصى (1 غيغابايت) فلم يتسع لكل شيء: بعد استيراده في الحاسوب الآخر، صدّر ملفا جديدا مع --peer لنقل الباقي",
                "Le fichier a atteint sa taille maximale (1 Go) sans tout contenir : une fois importé sur l'autre poste, exportez un nouveau fichier avec --peer pour le reste",
                "The file reached its largest size (1 GB) before holding everything: once it is imported on the other laptop, export a new file with --peer for the rest",
            )
        );
    }
    if let (Some(peer), None) = (&args.peer, &report.peer) {
        println!(
            "{}",
            ctx.lang.pick(
                format!("«{peer}» غير معروف بعد (لم يُستورد منه أي ملف)، فصُدّر كل شيء"),
                format!(
                    "« {peer} » n'est pas encore connu (aucun de ses fichiers importé) : tout a été exporté"
                ),
                format!(
                    "\"{peer}\" is not known yet (none of its files imported): everything was exported"
                ),
            )
        );
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The sync file
    file: PathBuf,
    /// A file whose first line is the sync file's passphrase (or MAHDAR_SYNC_PASSPHRASE)
    #[arg(long, value_name = "FILE")]
    sync_passphrase_file: Option<PathBuf>,
    /// A name for the laptop that wrote the file, for later `sync-export --peer NAME`
    #[arg(long)]
    peer: Option<String>,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

pub fn import(ctx: &Context, args: ImportArgs) -> Result<(), Failure> {
    let pass = passphrase(args.sync_passphrase_file.as_deref())?;
    if !args.file.is_file() {
        return Err(Failure::Input(format!(
            "{} is not a file",
            args.file.display()
        )));
    }
    let app = ctx.open()?;
    refuse_data_passphrase_on_clear(ctx, &app)?;
    let report = app.sync_import(&args.file, pass.as_deref(), args.peer.as_deref())?;
    let conflicts = app.conflict_count()?;
    if args.json {
        return print_json(&serde_json::json!({ "import": report, "conflicts": conflicts }));
    }
    let from = report
        .name
        .clone()
        .unwrap_or_else(|| report.from.chars().take(8).collect());
    let (d, r, m) = (report.documents, report.revisions, report.merged);
    println!(
        "{}",
        ctx.lang.pick(
            format!("استُورد ملف المزامنة من «{from}»: {d} وثيقة، {r} مراجعة جديدة، {m} دمج تلقائي"),
            format!(
                "Fichier de synchronisation de « {from} » importé : {d} documents, {r} nouvelles révisions, {m} fusions automatiques"
            ),
            format!(
                "Sync file from \"{from}\" imported: {d} documents, {r} new revisions, {m} automatic merges"
            ),
        )
    );
    if conflicts > 0 {
        println!("{}", conflicts_line(conflicts, ctx.lang));
    }
    Ok(())
}
