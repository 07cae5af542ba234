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
