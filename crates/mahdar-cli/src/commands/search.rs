use crate::{
    Context, Failure,
    commands::{filters::MeetingArgs, print_json},
};
use mahdar::{SearchFilter, search::Kind};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to find, in any spelling ("الوزيرة" finds "وزيرة"); "…" for words in a row,
    /// word* for words that begin so
    query: String,
    /// Only this kind: meeting, statement, decision, action, person (repeatable)
    #[arg(long, value_parser = parse_kind)]
    kind: Vec<Kind>,
    #[command(flatten)]
    meetings: MeetingArgs,
    /// At most this many hits
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print the ranked hits as JSON: id, kind, meeting, title, snippet, highlights, score
    #[arg(long)]
    json: bool,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        format!("\"{s}\" is not a kind: meeting, statement, decision, action or person")
    })
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let filter = SearchFilter {
        kinds: args.kind,
        meetings: args.meetings.into(),
        limit: args.limit.max(1),
    };
    let hits = app.search(&args.query, &filter)?;
    if args.json {
        return print_json(&hits);
    }
    if hits.is_empty() {
        println!(
            "{}",
            ctx.lang.pick("لا نتائج", "Aucun résultat", "No results")
        );
    }
    for h in &hits {
        // The words found, in brackets, as written.
        let mut snippet = String::new();
        let mut at = 0;
        for &(a, b) in &h.highlights {
            snippet.push_str(&h.snippet[at..a]);
            snippet.push('[');
            snippet.push_str(&h.snippet[a..b]);
            snippet.push(']');
            at = b;
        }
        snippet.push_str(&h.snippet[at..]);
        let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        println!("{}  {}  {}", h.kind.as_str(), h.id, h.title);
        println!("    {snippet}");
    }
    Ok(())
}
