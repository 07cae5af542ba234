use crate::{Context, Failure, commands::print_json};
use mahdar::{RestoreMode, model::Lang};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The backup to restore
    file: PathBuf,
    /// Merge into a data folder that already holds documents (nothing is overwritten;
    /// concurrent versions become conflicts to resolve)
    #[arg(long)]
    merge: bool,
    /// Print the summary as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    if !args.file.is_file() {
        return Err(Failure::Input(format!(
            "{}: no such file",
            args.file.display()
        )));
    }
    // A damaged backup is refused before any data folder is created or opened; an encrypted
    // one needs its passphrase, and a new data folder restored from it is encrypted with it.
    let encrypted = mahdar::is_encrypted_backup(&args.file);
    let passphrase = if encrypted {
        Some(ctx.passphrase()?)
    } else {
        None
    };
    mahdar::Mahdar::check_backup_with(&args.file, passphrase.as_ref())?;
    let app = match &passphrase {
        Some(p) if !mahdar::Mahdar::exists(&ctx.data_dir) => mahdar::Mahdar::create_encrypted(
            &ctx.data_dir,
            p,
            std::sync::Arc::new(mahdar::SystemClock),
        )?,
        _ => ctx.open()?,
    };
    let mode = if args.merge {
        RestoreMode::Merge
    } else {
        RestoreMode::EmptyOnly
    };
    let summary = match app.restore_with(&args.file, mode, passphrase.as_ref()) {
        Err(mahdar::Error::Store(e)) if e.code() == "store_not_empty" => {
            return Err(Failure::Input(format!("{e} with --merge")));
        }
        other => other?,
    };
    if args.json {
        return print_json(&summary);
    }
    let docs = summary.documents;
    println!(
        "{}",
        match ctx.lang {
            Lang::Ar => format!("استُرجعت {docs} وثيقة من {}", args.file.display()),
            Lang::Fr => format!("{docs} documents restaurés depuis {}", args.file.display()),
            Lang::En => format!("Restored {docs} documents from {}", args.file.display()),
        }
    );
    Ok(())
}
