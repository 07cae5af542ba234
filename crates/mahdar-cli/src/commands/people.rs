use crate::{Context, Failure, commands::print_json};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Part of a name, in any spelling ("زنيبر" finds "السعيد الزنيبر")
    query: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let people = app.find_people(args.query.as_deref().unwrap_or(""))?;
    if args.json {
        return print_json(&people);
    }
    for p in &people {
        let title = p
            .value
            .title_on(None)
            .map(|t| format!(" — {}", t.in_lang(ctx.lang)))
            .unwrap_or_default();
        println!("{}  {}{title}", p.id, p.value.display_name(ctx.lang));
    }
    Ok(())
}
