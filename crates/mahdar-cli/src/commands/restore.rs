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
    // A damaged backup is refused before any data folder is created or opened.
    mahdar::Mahdar::check_backup(&args.file)?;
    let app = ctx.open()?;
    let mode = if args.merge {
        RestoreMode::Merge
    } else {
        RestoreMode::EmptyOnly
    };
    let summary = match app.restore(&args.file, mode) {
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
