//! `mahdar import-report FILE|-` and `mahdar proposals MEETING`: a press report becomes a
//! draft meeting whose every item is a proposal, accepted, edited or rejected one by one.

use crate::{
    Context, Failure,
    commands::{limits, print_json, read_text_limited},
};
use mahdar::{
    ReportView, Review,
    model::{Lang, Proposal, ProposalItem, ProposalStatus, ProposedParty},
};
use serde_json::Value;
use std::{io::Read, path::PathBuf};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The report, as UTF-8 text; `-` reads it from standard input
    file: PathBuf,
    /// Print the draft with every proposal and the text of its span, as JSON
    #[arg(long)]
    json: bool,
    /// Accept every proposal at once (what the review screen's «قبول الكل» does)
    #[arg(long)]
    accept_all: bool,
}

#[derive(Debug, clap::Args)]
pub struct ProposalsArgs {
    /// The draft meeting (its id, or the start of it)
    meeting: String,
    /// Accept these proposals (numbers)
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    accept: Vec<u32>,
    /// Accept every pending proposal
    #[arg(long, conflicts_with = "accept")]
    accept_all: bool,
    /// Reject these proposals
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    reject: Vec<u32>,
    /// Bring these rejected proposals back to pending
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    reopen: Vec<u32>,
    /// Print the draft as JSON
    #[arg(long)]
    json: bool,
}

fn read_report(file: &std::path::Path) -> Result<String, Failure> {
    if file.as_os_str() != "-" {
        return read_text_limited(file, limits::REPORT, "report");
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limits::REPORT + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limits::REPORT {
        return Err(Failure::Input(format!(
            "the report on standard input is over {} bytes",
            limits::REPORT
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| Failure::Input("the report on standard input is not UTF-8 text".into()))
}

/// The draft as JSON, each proposal with the text of its span (`quote`).
fn with_quotes(view: &ReportView) -> Result<Value, Failure> {
    let mut value = serde_json::to_value(view).map_err(|e| Failure::System(e.to_string()))?;
    if let Some(list) = value.get_mut("proposals").and_then(Value::as_array_mut) {
        for (json, p) in list.iter_mut().zip(&view.proposals) {
            json["quote"] = Value::String(p.span.of(&view.source).to_owned());
        }
    }
    Ok(value)
}

fn kind_label(item: &ProposalItem, lang: Lang) -> &'static str {
    match item {
        ProposalItem::Region { .. } => lang.pick("الجهة", "région", "region"),
        ProposalItem::Prefecture { .. } => {
            lang.pick("العمالة أو الإقليم", "préfecture", "prefecture")
        }
        ProposalItem::Format { .. } => lang.pick("الصيغة", "format", "format"),
        ProposalItem::Series { .. } => lang.pick("السلسلة", "série", "series"),
        ProposalItem::Date { .. } => lang.pick("التاريخ", "date", "date"),
        ProposalItem::Purpose { .. } => lang.pick("الهدف", "objectif", "purpose"),
        ProposalItem::Attendee { .. } => lang.pick("حضور", "présent", "attendee"),
        ProposalItem::Statement { .. } => lang.pick("مداخلة", "intervention", "statement"),
        ProposalItem::Action { .. } => lang.pick("إجراء", "action", "action"),
        ProposalItem::Visit { .. } => lang.pick("زيارة ميدانية", "visite", "site visit"),
    }
}

fn status_label(status: ProposalStatus, lang: Lang) -> &'static str {
    match status {
        ProposalStatus::Pending => lang.pick("في الانتظار", "en attente", "pending"),
        ProposalStatus::Accepted => lang.pick("مقبول", "accepté", "accepted"),
        ProposalStatus::Rejected => lang.pick("مرفوض", "rejeté", "rejected"),
    }
}

/// One line: what the proposal says, in a few words.
fn summary(p: &Proposal, view: &ReportView, lang: Lang) -> String {
    let name = |no: u32| match view.proposal(no).map(|p| &p.item) {
        Some(ProposalItem::Attendee { name, .. }) => name.clone(),
        _ => format!("#{no}"),
    };
    let party = |party: &ProposedParty| match party {
        ProposedParty::Attendee(no) => name(*no),
        ProposedParty::Organisation(org) => org.clone(),
    };
    match &p.item {
        ProposalItem::Region { region } => region.display(lang),
        ProposalItem::Prefecture { prefecture } => prefecture.display(lang),
        ProposalItem::Format { format } => format.label(lang).to_owned(),
        ProposalItem::Series {
            title,
            rank,
            launched_in,
            ..
        } => format!(
            "{title} — {} {} — {}",
            lang.pick("الرتبة", "rang", "rank"),
            rank.map_or("?".into(), |r| r.to_string()),
            launched_in.as_deref().unwrap_or("?")
        ),
        ProposalItem::Date { date } => date.to_string(),
        ProposalItem::Purpose { text } => text.clone(),
        ProposalItem::Attendee {
            name,
            title,
            matched,
            ..
        } => {
            let known = if matched.is_some() {
                lang.pick(" (في السجل)", " (connu)", " (known)")
            } else {
                ""
            };
            match title {
                Some(t) => format!("{name}، {t}{known}"),
                None => format!("{name}{known}"),
            }
        }
        ProposalItem::Statement { speaker, text, .. } => {
            let short: String = text.chars().take(70).collect();
            format!("{}: {short}…", name(*speaker))
        }
        ProposalItem::Action {
            title,
            amount,
            owner,
            ..
        } => {
            let mut line = title.clone();
            if let Some(m) = amount {
                line.push_str(&format!(" — {}", m.format(lang)));
            }
            if let Some(o) = owner {
                line.push_str(&format!(" — {}", party(o)));
            }
            line
        }
        ProposalItem::Visit {
            place, province, ..
        } => match province {
            Some(p) => format!("{place}، {p}"),
            None => place.clone(),
        },
    }
}

fn print_view(ctx: &Context, view: &ReportView) {
    let lang = ctx.lang;
    for p in &view.proposals {
        println!(
            "{:>3}  [{}]  {}: {}",
            p.no,
            status_label(p.status, lang),
            kind_label(&p.item, lang),
            summary(p, view, lang)
        );
    }
    for problem in &view.problems {
        eprintln!("{:>3}  {}", problem.no, problem.message);
    }
    eprintln!(
        "{}",
        match lang {
            Lang::Ar => format!(
                "{} في الانتظار، {} مقبولة، {} مرفوضة",
                view.pending, view.accepted, view.rejected
            ),
            Lang::Fr => format!(
                "{} en attente, {} acceptées, {} rejetées",
                view.pending, view.accepted, view.rejected
            ),
            Lang::En => format!(
                "{} pending, {} accepted, {} rejected",
                view.pending, view.accepted, view.rejected
            ),
        }
    );
}

pub fn import(ctx: &Context, args: ImportArgs) -> Result<(), Failure> {
    let text = read_report(&args.file)?;
    let app = ctx.open()?;
    let mut view = app.import_report(&text)?;
    if args.accept_all {
        view = app.accept_all_proposals(view.meeting)?;
    }
    if args.json {
        return print_json(&with_quotes(&view)?);
    }
    println!("{}", view.meeting);
    let m = view.meeting;
    let (n, pending) = (view.proposals.len(), view.pending);
    eprintln!(
        "{}",
        match ctx.lang {
            Lang::Ar => format!(
                "أُنشئ مشروع الاجتماع {m}: {n} مقترحا، {pending} منها في انتظار المراجعة (mahdar proposals {m})"
            ),
            Lang::Fr => format!(
                "Projet de réunion {m} créé : {n} propositions, dont {pending} à examiner (mahdar proposals {m})"
            ),
            Lang::En => format!(
                "Draft meeting {m} created: {n} proposals, {pending} to review (mahdar proposals {m})"
            ),
        }
    );
    for problem in &view.problems {
        eprintln!("{:>3}  {}", problem.no, problem.message);
    }
    Ok(())
}

pub fn proposals(ctx: &Context, args: ProposalsArgs) -> Result<(), Failure> {
    let app = ctx.open()?;
    let meeting = app.resolve_meeting(&args.meeting)?;
    let mut view = app.report_draft(meeting)?.ok_or_else(|| {
        Failure::Input(format!("the meeting {meeting} was not made from a report"))
    })?;
    for &no in &args.reject {
        view = app.review_proposal(meeting, no, Review::Reject)?;
    }
    for &no in &args.reopen {
        view = app.review_proposal(meeting, no, Review::Reopen)?;
    }
    for &no in &args.accept {
        view = app.review_proposal(meeting, no, Review::Accept(None))?;
    }
    if args.accept_all {
        view = app.accept_all_proposals(meeting)?;
    }
    if args.json {
        return print_json(&with_quotes(&view)?);
    }
    print_view(ctx, &view);
    Ok(())
}
