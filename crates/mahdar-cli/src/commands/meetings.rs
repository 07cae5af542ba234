use crate::{
    Context, Failure,
    commands::{filters::MeetingArgs, print_json},
    render,
};
use mahdar::MeetingFilter;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    meetings: MeetingArgs,
    /// Print a JSON array of meetings, each with its id
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let filter = MeetingFilter::from(args.meetings);
    let meetings = app.meetings(&filter)?;
    if args.json {
        return print_json(&meetings);
    }
    if meetings.is_empty() {
        println!(
            "{}",
            ctx.lang
                .pick("لا توجد اجتماعات.", "Aucune réunion.", "No meetings.")
        );
    }
    for m in &meetings {
        println!("{}", render::meeting_line(&m.meeting, &m.missing, ctx.lang));
    }
    Ok(())
}
