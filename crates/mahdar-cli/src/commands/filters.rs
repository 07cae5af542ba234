//! The options that select meetings, shared by the commands that list or search them.

use crate::commands::parse;
use chrono::NaiveDate;
use mahdar::{
    MeetingFilter,
    model::{MeetingStatus, Region},
};

#[derive(Debug, clap::Args)]
pub struct MeetingArgs {
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
}

impl From<MeetingArgs> for MeetingFilter {
    fn from(a: MeetingArgs) -> MeetingFilter {
        MeetingFilter {
            region: a.region,
            series: None,
            status: a.status,
            from: a.from,
            to: a.to,
        }
    }
}
