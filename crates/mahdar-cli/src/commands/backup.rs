use crate::{Context, Failure, commands::print_json};
use mahdar::model::Lang;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the backup
    file: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
    /// Print the summary as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    if args.file.exists() && !args.force {
        return Err(Failure::Input(format!(
            "{} already exists; choose another name or pass --force to replace it",
            args.file.display()
        )));
    }
    let app = ctx.open_existing()?;
    let summary = app.backup(&args.file)?;
    if args.json {
        return print_json(&summary);
    }
    let (file, docs) = (args.file.display(), summary.documents);
    println!(
        "{}",
        match ctx.lang {
            Lang::Ar => format!(
                "حُفظت نسخة احتياطية في {file}: {docs} وثيقة (SHA-256 {})",
                summary.sha256
            ),
            Lang::Fr => format!(
                "Sauvegarde écrite dans {file} : {docs} documents (SHA-256 {})",
                summary.sha256
            ),
            Lang::En => format!(
                "Backup written to {file}: {docs} documents (SHA-256 {})",
                summary.sha256
            ),
        }
    );
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Print the list as JSON
    #[arg(long)]
    json: bool,
}

/// `mahdar backups`: the backups kept in the data folder, newest first.
pub fn list(ctx: &Context, args: ListArgs) -> Result<(), Failure> {
    let backups = mahdar::Mahdar::backups(&ctx.data_dir)?;
    if args.json {
        return print_json(&backups);
    }
    if backups.is_empty() {
        println!(
            "{}",
            ctx.lang.pick(
                "لا توجد نسخ احتياطية في مجلد البيانات بعد.",
                "Aucune sauvegarde dans le dossier de données pour l'instant.",
                "No backups in the data folder yet.",
            )
        );
    }
    for b in &backups {
        let kind = match b.kind {
            "daily" => ctx.lang.pick("يومية", "quotidienne", "daily"),
            "before_migration" => {
                ctx.lang
                    .pick("قبل الترحيل", "avant migration", "before a migration")
            }
            _ => ctx.lang.pick("أخرى", "autre", "other"),
        };
        println!(
            "{}  {}  {} KB  ({kind}){}",
            b.written.as_deref().unwrap_or("?"),
            b.path.display(),
            b.bytes.div_ceil(1024),
            if b.encrypted { " 🔒" } else { "" }
        );
    }
    Ok(())
}

/// `mahdar recover`: after the storage engine reported its files damaged.
pub fn recover(ctx: &Context, args: ListArgs) -> Result<(), Failure> {
    // Encrypted backups need the passphrase: the one given, else asked.
    let encrypted = mahdar::Mahdar::backups(&ctx.data_dir)?
        .iter()
        .any(|b| b.encrypted);
    let passphrase = if encrypted {
        Some(ctx.passphrase()?)
    } else {
        ctx.given_passphrase()?
    };
    let r = mahdar::Mahdar::recover(&ctx.data_dir, passphrase.as_ref())?;
    if args.json {
        return print_json(&r);
    }
    let (backup, aside, docs) = (
        r.backup.display(),
        r.damaged_store.display(),
        r.restored.documents,
    );
    println!(
        "{}",
        ctx.lang.pick(
            format!("استُرجعت النسخة الاحتياطية {backup} ({docs} وثيقة)؛ حُفظت الملفات التالفة في {aside}. زامن الآن لاسترجاع ما تلاها."),
            format!("Sauvegarde {backup} restaurée ({docs} documents) ; les fichiers endommagés sont gardés dans {aside}. Synchronisez pour retrouver ce qui a suivi."),
            format!("Restored {backup} ({docs} documents); the damaged files are kept in {aside}. Sync now to bring back what came after it."),
        )
    );
    Ok(())
}
