//! `mahdar action ID`: moves one follow-up action along — its due date, its status with a note
//! in the progress log.

use crate::{Context, Failure, commands::parse, render};
use mahdar::{
    ProgressNote,
    model::{ActionId, ActionStatus},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The action's id (`action:…`, as `mahdar actions` lists it)
    #[arg(value_parser = parse::<ActionId>)]
    action: ActionId,
    /// Set its due date (YYYY-MM-DD)
    #[arg(long, value_name = "DAY", conflicts_with = "no_due")]
    due: Option<chrono::NaiveDate>,
    /// Clear its due date
    #[arg(long)]
    no_due: bool,
    /// Move it to this status: proposed, agreed, in_progress, done, blocked, cancelled
    #[arg(long, value_parser = parse::<ActionStatus>, requires = "note")]
    status: Option<ActionStatus>,
    /// What happened (written in the progress log with the new status)
    #[arg(long, value_name = "TEXT", requires = "status")]
    note: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    if args.due.is_none() && !args.no_due && args.status.is_none() {
        return Err(Failure::Input(
            "nothing to do: give --due DAY, --no-due, or --status STATUS --note TEXT".into(),
        ));
    }
    let app = ctx.open_existing()?;
    if args.due.is_some() || args.no_due {
        app.set_action_due(args.action, args.due)?;
    }
    if let (Some(status), Some(note)) = (args.status, args.note) {
        let author = app.user_profile()?.map(|p| p.name);
        app.change_action_status(
            args.action,
            status,
            ProgressNote {
                date: None,
                note,
                author,
                delivered: None,
            },
        )?;
    }
    let view = app.action_view(args.action)?;
    println!(
        "{}  {}",
        view.action.id,
        render::action_line(&app, &view, ctx.lang)?
    );
    Ok(())
}
