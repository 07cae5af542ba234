use crate::{Context, Failure, commands::print_json, render};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting: its id, or the first characters of its id (at least 4)
    meeting: String,
    /// Print the record as JSON: the meeting with its attendance, statements, decisions and
    /// actions as arrays, in order
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let id = app.resolve_meeting(&args.meeting)?;
    let record = app.meeting_record(id)?;
    if args.json {
        return print_json(&record);
    }
    print!("{}", render::meeting_record(&app, &record, ctx.lang)?);
    Ok(())
}
