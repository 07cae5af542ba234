use crate::{
    Context, Failure,
    commands::{refuse_overwrite, write_output},
};
use mahdar::ExportFormat;
use std::path::PathBuf;

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
    refuse_overwrite(&args.output, args.force)?;
    let app = ctx.open_existing()?;
    let id = app.resolve_meeting(&args.meeting)?;
    let bytes = app.export(id, format, ctx.lang)?;
    // Complete or not at all: written beside, then renamed.
    write_output(ctx.lang, &args.output, &bytes)
}
