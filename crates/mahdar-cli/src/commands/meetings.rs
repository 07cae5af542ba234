use crate::{
    Context, Failure,
    commands::{parse, print_json},
    render,
};
use chrono::NaiveDate;
use mahdar::{
    MeetingFilter,
    model::{MeetingStatus, Region},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this region (slug, number 1-12, or name: fes-meknes, 3, "فاس مكناس")
    #[arg(long, value_parser = parse::<Region>)]
    region: Option<Region>,
    /// Only this status: draft, in_review, approved, published
    #[arg(long, value_parser = parse::<MeetingStatus>)]
    status: Option<MeetingStatus>,
    /// Only meetings on or after this day (YYYY-MM-DD)
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Only meetings on or before this day (YYYY-MM-DD)
    #[arg(long)]
    to: Option<NaiveDate>,
    /// Print a JSON array of meetings, each with its id
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let filter = MeetingFilter {
        region: args.region,
        series: None,
        status: args.status,
        from: args.from,
        to: args.to,
    };
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
