//! `mahdar user`, `review`, `approve`, `publish`, `verify-minutes`, `dashboard`: the approval
//! workflow and the follow-up totals.

use crate::{
    Context, Failure,
    commands::{limits, parse, print_json, read_limited},
    render,
};
use mahdar::{
    ActionFilter, TotalsBy,
    model::{Lang, MeetingStatus, Region, UserProfile, UserRole},
};

#[derive(Debug, clap::Args)]
pub struct UserArgs {
    #[command(subcommand)]
    action: Option<UserAction>,
}

#[derive(Debug, clap::Subcommand)]
enum UserAction {
    /// Say who uses this laptop: a name and a role (secretary, reviewer or approver)
    Set {
        /// The name, as approvals will carry it
        name: String,
        /// secretary, reviewer or approver
        #[arg(long, value_parser = parse::<UserRole>)]
        role: UserRole,
    },
}

fn profile_line(p: &UserProfile, lang: Lang) -> String {
    format!("{} — {}", p.name, p.role.label(lang))
}

pub fn user(ctx: &Context, args: UserArgs) -> Result<(), Failure> {
    match args.action {
        Some(UserAction::Set { name, role }) => {
            let app = ctx.open()?;
            let p = app.set_user_profile(UserProfile { name, role })?;
            println!("{}", profile_line(&p, ctx.lang));
        }
        None => {
            let app = ctx.open_existing()?;
            match app.user_profile()? {
                Some(p) => println!("{}", profile_line(&p, ctx.lang)),
                None => println!(
                    "{}",
                    ctx.lang.pick(
                        "لم يُحدَّد مستعمل هذا الحاسوب بعد: mahdar user set الاسم --role approver",
                        "Aucun utilisateur défini sur ce poste : mahdar user set NOM --role approver",
                        "Nobody is set up on this laptop yet: mahdar user set NAME --role approver",
                    )
                ),
            }
        }
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct MoveArgs {
    /// The meeting: its id, or the first characters of its id (at least 4)
    meeting: String,
    /// Print the result as JSON
    #[arg(long)]
    json: bool,
}

/// `review`, `approve`, `publish`: one move of the minutes through the workflow.
pub fn move_to(ctx: &Context, args: MoveArgs, to: MeetingStatus) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let id = app.resolve_meeting(&args.meeting)?;
    let stored = app.set_meeting_status(id, to)?;
    let approval = app.latest_approval(id)?;
    if args.json {
        return print_json(&serde_json::json!({
            "meeting": stored.id,
            "status": stored.value.status,
            "approval": if to == MeetingStatus::Approved { approval } else { None },
        }));
    }
    let status = stored.value.status.label(ctx.lang);
    println!(
        "{}",
        ctx.lang.pick(
            &format!("المحضر الآن: {status}"),
            &format!("Procès-verbal désormais : {status}"),
            &format!("The minutes are now: {status}"),
        )
    );
    if to == MeetingStatus::Approved
        && let Some(a) = approval
    {
        println!("SHA-256 {}", a.sha256);
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// A PDF of approved minutes made by Mahdar, or a meeting (its id or the first characters)
    target: String,
    /// Print the verification as JSON
    #[arg(long)]
    json: bool,
}

pub fn verify(ctx: &Context, args: VerifyArgs) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let path = std::path::Path::new(&args.target);
    let v = if path.is_file() {
        let bytes = read_limited(path, limits::PDF, "PDF")?;
        app.verify_file(&bytes)?
    } else {
        let id = app.resolve_meeting(&args.target)?;
        app.verify_meeting(id)?
    };
    if args.json {
        print_json(&v)?;
    } else {
        let lang = ctx.lang;
        match &v.approval {
            None => println!(
                "{}",
                lang.pick(
                    "لم تتم المصادقة على هذا المحضر بعد",
                    "Ce procès-verbal n'a pas encore été approuvé",
                    "These minutes have not been approved yet",
                )
            ),
            Some(a) => {
                let who = format!("{} ({})", a.approved_by, a.role.label(lang));
                let when = a.approved_at.get(..10).unwrap_or(&a.approved_at);
                if v.matches {
                    println!(
                        "{}",
                        lang.pick(
                            &format!("مطابق للمحضر المصادق عليه في {when} من طرف {who}"),
                            &format!("Conforme au procès-verbal approuvé le {when} par {who}"),
                            &format!("Matches the minutes approved on {when} by {who}"),
                        )
                    );
                } else {
                    println!(
                        "{}",
                        lang.pick(
                            &format!("غير مطابق للمحضر المصادق عليه في {when} من طرف {who}؛ الاختلافات:"),
                            &format!("Ne correspond pas au procès-verbal approuvé le {when} par {who} ; différences :"),
                            &format!("Does not match the minutes approved on {when} by {who}; what differs:"),
                        )
                    );
                    for c in &v.changes {
                        println!("  {}", change_line(c, lang));
                    }
                }
                println!("SHA-256 {}", a.sha256);
                if let Some(n) = v.amendment_in_progress {
                    println!(
                        "{}",
                        lang.pick(
                            &format!("التعديل رقم {n} قيد الإعداد؛ تبقى الصيغة المصادق عليها كما هي"),
                            &format!("Amendement n° {n} en préparation ; la version approuvée reste inchangée"),
                            &format!("Amendment {n} in preparation; the approved version stays as it was"),
                        )
                    );
                }
                if !a.intact {
                    println!(
                        "{}",
                        lang.pick(
                            "تنبيه: سجل المصادقة نفسه لم يعد يطابق بصمته",
                            "Attention : l'enregistrement de l'approbation ne correspond plus à son empreinte",
                            "Warning: the approval record itself no longer matches its hash",
                        )
                    );
                }
            }
        }
    }
    let intact = v.approval.as_ref().is_some_and(|a| a.intact);
    if v.matches && intact {
        Ok(())
    } else {
        Err(Failure::Reported)
    }
}

/// A value as a person reads it: text as written, short; anything else as compact JSON.
fn shown(v: &serde_json::Value) -> String {
    let text = render::json_value(Some(v));
    let mut short: String = text.chars().take(120).collect();
    if text.chars().count() > 120 {
        short.push('…');
    }
    format!("«{short}»")
}

pub(crate) fn change_line(c: &mahdar::Change, lang: Lang) -> String {
    match (&c.before, &c.after) {
        (Some(b), Some(a)) => format!("{}: {} → {}", c.path, shown(b), shown(a)),
        (None, Some(a)) => format!(
            "{} ({}): {}",
            c.path,
            lang.pick("أضيف", "ajouté", "added"),
            shown(a)
        ),
        (Some(b), None) => format!(
            "{} ({}): {}",
            c.path,
            lang.pick("حُذف", "supprimé", "removed"),
            shown(b)
        ),
        (None, None) => c.path.clone(),
    }
}

#[derive(Debug, clap::Args)]
pub struct DashboardArgs {
    /// Only actions from meetings in this region
    #[arg(long, value_parser = parse::<Region>)]
    region: Option<Region>,
    /// Print the totals as JSON
    #[arg(long)]
    json: bool,
}

pub fn dashboard(ctx: &Context, args: DashboardArgs) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let filter = ActionFilter {
        region: args.region,
        ..ActionFilter::default()
    };
    let total = app.totals(&filter)?;
    let by_region = app.totals_by(TotalsBy::Region, &filter)?;
    let by_owner = app.totals_by(TotalsBy::Owner, &filter)?;
    let overdue = app
        .actions(&ActionFilter {
            overdue: true,
            ..filter.clone()
        })?
        .len();
    if args.json {
        return print_json(&serde_json::json!({
            "total": total,
            "overdue": overdue,
            "by_region": by_region,
            "by_owner": by_owner,
        }));
    }
    let lang = ctx.lang;
    let (c, d) = (
        lang.pick("الملتزم به", "engagé", "committed"),
        lang.pick("المنجز", "réalisé", "delivered"),
    );
    println!(
        "{}: {} — {c}: {} — {d}: {} — {}: {overdue}",
        lang.pick("الإجراءات", "Actions", "Actions"),
        total.actions,
        render::money_list(&total.committed, lang),
        render::money_list(&total.delivered, lang),
        lang.pick("متأخرة", "en retard", "overdue"),
    );
    for (title, rows, regions) in [
        (
            lang.pick("حسب الجهة", "Par région", "By region"),
            &by_region,
            true,
        ),
        (
            lang.pick("حسب المسؤول", "Par responsable", "By owner"),
            &by_owner,
            false,
        ),
    ] {
        println!("{title}");
        for row in rows {
            let name = if regions {
                row.key
                    .parse::<Region>()
                    .map(|r| r.name(lang).to_owned())
                    .unwrap_or_else(|_| row.key.clone())
            } else {
                row.key
                    .parse::<mahdar::model::PartyRef>()
                    .ok()
                    .and_then(|p| app.party_name(p, lang).ok())
                    .unwrap_or_else(|| row.key.clone())
            };
            println!(
                "  {name}: {c} {} — {d} {} ({})",
                render::money_list(&row.totals.committed, lang),
                render::money_list(&row.totals.delivered, lang),
                row.totals.actions
            );
        }
    }
    Ok(())
}
