//! `mahdar conflicts` and `mahdar resolve`: the documents that need a person.

use crate::{
    Context, Failure,
    commands::{limits, print_json, read_text_limited},
    render,
};
use mahdar::{Resolution, Rev, model::Lang};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the conflicts as JSON (every version's whole body)
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let conflicts = app.conflicts()?;
    if args.json {
        return print_json(&conflicts);
    }
    let lang = ctx.lang;
    if conflicts.is_empty() {
        println!(
            "{}",
            match lang {
                Lang::Ar => "لا تعارض: كل الوثائق متسقة",
                Lang::Fr => "Aucun conflit : tous les documents sont cohérents",
                Lang::En => "No conflicts: every document is consistent",
            }
        );
        return Ok(());
    }
    for c in &conflicts {
        let kind = match (c.conflict.kind, lang) {
            ("edit_delete", Lang::Ar) => "عُدلت في جهاز وحُذفت في آخر",
            ("edit_delete", Lang::Fr) => "modifié d'un côté, supprimé de l'autre",
            ("edit_delete", Lang::En) => "edited on one side, deleted on the other",
            (_, Lang::Ar) => "عُدلت في جهازين",
            (_, Lang::Fr) => "modifié des deux côtés",
            (_, Lang::En) => "edited on both sides",
        };
        println!("{} — {} ({kind})", c.conflict.id, c.title);
        for v in &c.conflict.versions {
            let tag = match (v.winner, v.deleted, lang) {
                (true, _, Lang::Ar) => "المعروضة",
                (true, _, Lang::Fr) => "affichée",
                (true, _, Lang::En) => "shown",
                (_, true, Lang::Ar) => "حذف",
                (_, true, Lang::Fr) => "suppression",
                (_, true, Lang::En) => "deletion",
                (_, _, Lang::Ar) => "الأخرى",
                (_, _, Lang::Fr) => "autre",
                (_, _, Lang::En) => "other",
            };
            println!("  {} [{tag}]", v.rev);
            if let Some(body) = &v.body {
                for f in &c.conflict.fields {
                    let at = format!("/{}", f.replace('.', "/"));
                    println!("    {f}: {}", render::json_value(body.pointer(&at)));
                }
            }
        }
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// The conflicted document
    id: String,
    /// Keep this version (one of those `mahdar conflicts` lists, a deletion included)
    #[arg(
        long,
        value_name = "REV",
        conflicts_with = "merged",
        required_unless_present = "merged"
    )]
    keep: Option<String>,
    /// Keep this body instead (a JSON object: the whole document as it should be)
    #[arg(long, value_name = "FILE.json")]
    merged: Option<PathBuf>,
}

pub fn resolve(ctx: &Context, args: ResolveArgs) -> Result<(), Failure> {
    let resolution = match (&args.keep, &args.merged) {
        (Some(rev), _) => Resolution::Keep(
            rev.parse::<Rev>()
                .map_err(|e| Failure::Input(e.to_string()))?,
        ),
        (None, Some(file)) => {
            let text = read_text_limited(file, limits::MERGED_BODY, "merged version")?;
            let body: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Failure::Input(format!("{} is not JSON: {e}", file.display())))?;
            if !body.is_object() {
                return Err(Failure::Input(format!(
                    "{} must hold a JSON object (the document's fields)",
                    file.display()
                )));
            }
            Resolution::Merged(body)
        }
        (None, None) => {
            return Err(Failure::Input(
                "give --keep REV or --merged FILE.json".into(),
            ));
        }
    };
    let app = ctx.open_existing()?;
    let rev = app.resolve_conflict(&args.id, resolution)?;
    println!(
        "{}",
        match ctx.lang {
            Lang::Ar => format!(
                "حُسم التعارض في {}: المعتمدة الآن {rev}، وبقيت الصيغ الأخرى في السجل",
                args.id
            ),
            Lang::Fr => format!(
                "Conflit de {} résolu : {rev} fait foi, les autres versions restent dans l'historique",
                args.id
            ),
            Lang::En => format!(
                "Conflict in {} resolved: {rev} now stands; the other versions stay in the history",
                args.id
            ),
        }
    );
    Ok(())
}
