use crate::{Context, Failure};
use mahdar::{ExportFormat, model::Lang};
use std::{io::Write, path::PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting: its id, or the first characters of its id (at least 4)
    meeting: String,
    /// pdf, docx (the formal minutes), akn (Akoma Ntoso XML), csv (its follow-up actions),
    /// ics (its date and the actions' due dates), json (the whole meeting, to import elsewhere)
    #[arg(long, short)]
    format: String,
    /// Where to write it ("-" for standard output)
    #[arg(long, short)]
    output: PathBuf,
    /// Replace the output file if it exists
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let format: ExportFormat = args.format.parse()?;
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout && args.output.exists() && !args.force {
        return Err(Failure::Input(format!(
            "{} already exists; choose another name or pass --force to replace it",
            args.output.display()
        )));
    }
    let app = ctx.open_existing()?;
    let id = app.resolve_meeting(&args.meeting)?;
    let bytes = app.export(id, format, ctx.lang)?;
    if to_stdout {
        std::io::stdout().lock().write_all(&bytes)?;
        return Ok(());
    }
    // Complete or not at all: written beside, then renamed.
    mahdar::write_file_whole(&args.output, &bytes)
        .map_err(|e| Failure::System(format!("writing {}: {e}", args.output.display())))?;
    let file = args.output.display();
    let size = bytes.len();
    println!(
        "{}",
        match ctx.lang {
            Lang::Ar => format!("كُتب {file} ({size} بايت)"),
            Lang::Fr => format!("{file} écrit ({size} octets)"),
            Lang::En => format!("Wrote {file} ({size} bytes)"),
        }
    );
    Ok(())
}
