use crate::{
    Context, Failure,
    commands::{parse, print_json},
    render,
};
use mahdar::{
    ActionFilter,
    model::{ActionStatus, PartyRef, Region},
};
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this status: proposed, agreed, in_progress, done, blocked, cancelled
    #[arg(long, value_parser = parse::<ActionStatus>)]
    status: Option<ActionStatus>,
    /// Only open actions past their due date
    #[arg(long)]
    overdue: bool,
    /// Only actions owned by this person or organisation (its id)
    #[arg(long, value_parser = parse::<PartyRef>)]
    owner: Option<PartyRef>,
    /// Only actions from meetings in this region
    #[arg(long, value_parser = parse::<Region>)]
    region: Option<Region>,
    /// Only actions in which this person or organisation (its id) is a partner
    #[arg(long, value_parser = parse::<PartyRef>)]
    partner: Option<PartyRef>,
    /// Only actions due on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DAY")]
    due_after: Option<chrono::NaiveDate>,
    /// Only actions due on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DAY")]
    due_before: Option<chrono::NaiveDate>,
    /// Instead: the matters arising for this meeting (open actions of earlier meetings of its
    /// series or region)
    #[arg(long, value_name = "MEETING", conflicts_with_all = ["status", "overdue", "owner", "region", "partner", "due_after", "due_before"])]
    arising_for: Option<String>,
    /// Print JSON: the actions (overdue first) and the totals
    #[arg(long)]
    json: bool,
    /// Write the list to FILE instead: a printed follow-up report (FILE.pdf) or a spreadsheet
    /// (FILE.csv), in the language of --lang
    #[arg(long, short, value_name = "FILE", conflicts_with_all = ["json", "arising_for"])]
    output: Option<std::path::PathBuf>,
}

#[derive(Serialize)]
struct Listing {
    actions: Vec<mahdar::ActionView>,
    totals: mahdar::Totals,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let filter = ActionFilter {
        status: args.status,
        owner: args.owner,
        region: args.region,
        overdue: args.overdue,
        partner: args.partner,
        due_after: args.due_after,
        due_before: args.due_before,
        ..ActionFilter::default()
    };
    if let Some(path) = &args.output {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let bytes = match ext.as_deref() {
            Some("pdf") => app.actions_pdf(&filter, ctx.lang)?,
            Some("csv") => app.actions_csv(&filter, ctx.lang)?,
            _ => {
                return Err(Failure::Input(format!(
                    "{}: the file name must end in .pdf (a report) or .csv (a spreadsheet)",
                    path.display()
                )));
            }
        };
        mahdar::write_file_whole(path, &bytes)
            .map_err(|e| Failure::System(format!("cannot write {}: {e}", path.display())))?;
        println!("{}", path.display());
        return Ok(());
    }
    let (actions, totals) = match &args.arising_for {
        Some(meeting) => {
            let id = app.resolve_meeting(meeting)?;
            let actions = app.matters_arising(id)?;
            let totals = mahdar::Totals::of(&actions);
            (actions, totals)
        }
        None => (app.actions(&filter)?, app.totals(&filter)?),
    };
    if args.json {
        return print_json(&Listing { actions, totals });
    }
    if actions.is_empty() {
        println!(
            "{}",
            ctx.lang
                .pick("لا توجد إجراءات.", "Aucune action.", "No actions.")
        );
        return Ok(());
    }
    for a in &actions {
        println!(
            "{}  {}",
            a.action.id,
            render::action_line(&app, a, ctx.lang)?
        );
    }
    println!();
    println!("{}", render::totals_line(&totals, ctx.lang));
    Ok(())
}
