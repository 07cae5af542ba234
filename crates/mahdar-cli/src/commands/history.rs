//! `mahdar history DOC_ID`: the audit trail of a document, or of a whole meeting.

use crate::{
    Context, Failure,
    commands::{print_json, workflow::change_line},
};
use mahdar::{HistoryEntry, model::Lang};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A document id (`statement:…`, `action:…`), or a meeting (its id or first characters):
    /// the history of the meeting and everything in it
    doc: String,
    /// Print the history as JSON
    #[arg(long)]
    json: bool,
}

/// What a kind of document is called.
fn kind_name(kind: &str, lang: Lang) -> &str {
    match kind {
        "meeting" => lang.pick("الاجتماع", "réunion", "meeting"),
        "attendance" => lang.pick("حضور", "présence", "attendance"),
        "statement" => lang.pick("مداخلة", "intervention", "statement"),
        "decision" => lang.pick("قرار", "décision", "decision"),
        "action" => lang.pick("إجراء تتبع", "action de suivi", "follow-up action"),
        "progress" => lang.pick("تقدم الإنجاز", "avancement", "progress entry"),
        "visit" => lang.pick("زيارة ميدانية", "visite de terrain", "site visit"),
        "approval" => lang.pick("مصادقة", "approbation", "approval"),
        "person" => lang.pick("شخص", "personne", "person"),
        "org" => lang.pick("هيئة", "organisme", "organisation"),
        "series" => lang.pick("سلسلة", "série", "series"),
        other => other,
    }
}

fn heading(e: &HistoryEntry, lang: Lang) -> String {
    let when = match e.at {
        Some(at) => at.format("%Y-%m-%d %H:%M UTC").to_string(),
        None => lang
            .pick(
                "(وقت غير مسجل)",
                "(heure non enregistrée)",
                "(time not recorded)",
            )
            .to_owned(),
    };
    let who = if !e.recorded {
        lang.pick(
            "مستخلص من سجل النسخ",
            "déduit de l'historique des versions",
            "derived from the revisions",
        )
        .to_owned()
    } else {
        let name = e.by.clone().unwrap_or_else(|| {
            lang.pick("مستعمل غير محدد", "utilisateur non défini", "unnamed user")
                .to_owned()
        });
        let role = e
            .role
            .map(|r| format!(" ({})", r.label(lang)))
            .unwrap_or_default();
        let place = e.machine.as_deref().or(e.replica.as_deref()).unwrap_or("?");
        format!("{name}{role} · {place}")
    };
    let label = if e.label.is_empty() {
        String::new()
    } else {
        format!(" «{}»", e.label)
    };
    format!(
        "{when}  {} {}{label}  [{}]  — {who}",
        e.op.label(lang),
        kind_name(&e.kind, lang),
        e.rev
    )
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let doc = if args.doc.contains(':') {
        args.doc.clone()
    } else {
        app.resolve_meeting(&args.doc)?.to_string()
    };
    let history = app.history(&doc)?;
    if args.json {
        return print_json(&history);
    }
    for e in &history {
        println!("{}", heading(e, ctx.lang));
        // A creation's fields are the document itself (`--json` has them); an edit's are what
        // changed.
        if e.op == mahdar::model::AuditOp::Created {
            continue;
        }
        for c in &e.changes {
            println!("    {}", change_line(c, ctx.lang));
        }
    }
    Ok(())
}
