use crate::{Context, Failure, commands::print_json};
use mahdar::model::Lang;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    let report = app.verify()?;
    // Documents from a newer Mahdar are kept and synced untouched; they are worth knowing
    // about, not a fault.
    let unreadable = app.unreadable_documents()?;
    if args.json {
        #[derive(serde::Serialize)]
        struct Output<'a> {
            #[serde(flatten)]
            report: &'a mahdar::VerifyReport,
            unreadable: Vec<serde_json::Value>,
        }
        let unreadable = unreadable
            .iter()
            .map(|(id, why)| serde_json::json!({"id": id, "reason": why}))
            .collect();
        print_json(&Output {
            report: &report,
            unreadable,
        })?;
    } else {
        for (id, why) in &unreadable {
            println!(
                "  ⚠ {id}: {} ({why})",
                ctx.lang.pick(
                    "محفوظة لكن لا يقرؤها هذا الإصدار؛ حدّث محضر",
                    "conservé, mais illisible pour cette version ; mettez Mahdar à jour",
                    "kept, but this version cannot read it; update Mahdar"
                )
            );
        }
        let (d, r, c) = (report.documents, report.revisions, report.conflicted);
        println!(
            "{}",
            match ctx.lang {
                Lang::Ar =>
                    format!("فُحصت {d} وثيقة و{r} مراجعة؛ {c} وثيقة بها نسخ متعارضة تنتظر الحسم"),
                Lang::Fr => format!(
                    "{d} documents et {r} révisions vérifiés ; {c} documents en conflit attendent un arbitrage"
                ),
                Lang::En => format!(
                    "Checked {d} documents and {r} revisions; {c} documents have conflicting versions waiting for a person"
                ),
            }
        );
        for p in &report.problems {
            println!("  ✗ {p}");
        }
        if report.is_ok() {
            println!(
                "{}",
                ctx.lang.pick(
                    "✓ المخزن سليم",
                    "✓ le stockage est intègre",
                    "✓ the store is sound"
                )
            );
        } else {
            println!(
                "{}",
                match ctx.lang {
                    Lang::Ar => format!("✗ {} مشكلة", report.problem_count),
                    Lang::Fr => format!("✗ {} problèmes", report.problem_count),
                    Lang::En => format!("✗ {} problems", report.problem_count),
                }
            );
        }
    }
    if report.is_ok() {
        Ok(())
    } else {
        Err(Failure::Reported)
    }
}

pub fn reindex(ctx: &Context) -> Result<(), Failure> {
    let app = ctx.open_existing()?;
    app.reindex()?;
    println!(
        "{}",
        ctx.lang
            .pick("أُعيد بناء الفهارس", "Index reconstruits", "Indexes rebuilt")
    );
    Ok(())
}
