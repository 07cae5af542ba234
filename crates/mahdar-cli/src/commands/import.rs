use crate::{
    Context, Failure,
    commands::{limits, print_json, read_text_limited},
};
use mahdar::model::Lang;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A meeting exported as JSON (`mahdar export … --format json`)
    file: PathBuf,
    /// Print what was done as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let text = read_text_limited(&args.file, limits::MEETING_FILE, "meeting file")?;
    let app = ctx.open()?;
    let report = app.import_meeting_json(&text)?;
    if args.json {
        return print_json(&report);
    }
    let (m, n, added) = (report.meeting, report.documents, report.added);
    println!(
        "{}",
        match ctx.lang {
            Lang::Ar => format!("استُورد الاجتماع {m}: {n} وثيقة، منها {added} مراجعة جديدة"),
            Lang::Fr =>
                format!("Réunion {m} importée : {n} documents, {added} révisions nouvelles"),
            Lang::En => format!("Imported meeting {m}: {n} documents, {added} new revisions"),
        }
    );
    Ok(())
}
