use crate::{Context, Failure, commands::print_json};
use mahdar::model::Lang;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print what was done as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open()?;
    let report = app.load_demo()?;
    if args.json {
        return print_json(&report);
    }
    let (id, new, old) = (report.meeting, report.created, report.already_present);
    let line = match ctx.lang {
        Lang::Ar if new == 0 => format!("الاجتماع التجريبي محمّل سلفا: {id} (لم يتغير شيء)"),
        Lang::Ar => format!("حُمّل الاجتماع التجريبي: {id} ({new} وثيقة جديدة، {old} موجودة سلفا)"),
        Lang::Fr if new == 0 => {
            format!("La réunion d'exemple est déjà chargée : {id} (rien n'a changé)")
        }
        Lang::Fr => {
            format!("Réunion d'exemple chargée : {id} ({new} documents créés, {old} déjà présents)")
        }
        Lang::En if new == 0 => {
            format!("The example meeting is already loaded: {id} (nothing changed)")
        }
        Lang::En => format!(
            "Loaded the example meeting: {id} ({new} documents created, {old} already present)"
        ),
    };
    println!("{line}");
    Ok(())
}
