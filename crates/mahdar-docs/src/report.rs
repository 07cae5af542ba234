//! The follow-up report: the actions a filter selected, as a printed PDF (landscape A4), with
//! what selected them, the money committed and delivered, and a line per region.

use crate::{ActionRow, DocError, DocOptions, dates, pdf};
use mahdar_model::{Lang, Money};
use serde_json::{Value, json};

const TEMPLATE: &str = include_str!("../templates/actions.typ");

/// What the report shows beyond the rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionsReport {
    /// The actions, in the order the follow-up list shows them (overdue first).
    pub rows: Vec<ActionRow>,
    /// What selected them, one line each, already in the document's language
    /// ("الجهة: فاس مكناس"); empty for every action.
    pub filters: Vec<String>,
    /// Committed, per currency.
    pub committed: Vec<Money>,
    /// Delivered, per currency.
    pub delivered: Vec<Money>,
    /// Per region (its name, or "no region"): committed and delivered.
    pub by_region: Vec<(String, Vec<Money>, Vec<Money>)>,
}

fn sums(money: &[Money], lang: Lang) -> String {
    if money.is_empty() {
        return "—".to_owned();
    }
    money
        .iter()
        .map(|m| m.format(lang))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The report as PDF.
pub fn actions_pdf(report: &ActionsReport, options: &DocOptions) -> Result<Vec<u8>, DocError> {
    pdf::to_pdf(&pdf::compile(TEMPLATE, &template_data(report, options))?)
}

fn template_data(r: &ActionsReport, options: &DocOptions) -> Value {
    let lang = options.lang;
    let l = |ar: &'static str, fr: &'static str, en: &'static str| lang.pick(ar, fr, en);
    let overdue = r.rows.iter().filter(|a| a.overdue).count();
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|a| {
            json!({
                "title": a.title,
                "meeting": a.meeting_title,
                "owner": a.owner.clone().unwrap_or_else(|| "—".to_owned()),
                "partners": if a.partners.is_empty() { "—".to_owned() } else { a.partners.join(l("، ", ", ", ", ")) },
                "amount": a.amount.map_or_else(|| "—".to_owned(), |m| m.format(lang)),
                "due": a.due.map_or_else(|| l("غير محدد", "non fixée", "not set").to_owned(), |d| dates::gregorian(d, lang)),
                "status": a.status.label(lang),
                "overdue": a.overdue,
            })
        })
        .collect();
    let regions: Vec<Value> = r
        .by_region
        .iter()
        .map(|(name, committed, delivered)| {
            json!([name, sums(committed, lang), sums(delivered, lang)])
        })
        .collect();
    let produced = dates::official(options.produced, lang, options.hijri_adjust);
    json!({
        "lang": lang.code(),
        "dir": if lang == Lang::Ar { "rtl" } else { "ltr" },
        "letterhead": options.letterhead.lines,
        "title": l("تقرير تتبع الإجراءات", "Rapport de suivi des actions", "Follow-up report"),
        "produced": format!("{} {produced}", l("بتاريخ", "Établi le", "As of")),
        "filters": if r.filters.is_empty() {
            vec![l("جميع الإجراءات", "Toutes les actions", "Every action").to_owned()]
        } else {
            r.filters.clone()
        },
        "labels": {
            "selection": l("نطاق التقرير", "Sélection", "Selection"),
            "summary": l("الخلاصة", "Synthèse", "Summary"),
            "count": l("عدد الإجراءات", "Nombre d'actions", "Actions"),
            "overdue": l("منها متأخرة", "dont en retard", "of which overdue"),
            "committed": l("المبالغ الملتزم بها", "Montants engagés", "Committed"),
            "delivered": l("المبالغ المنجزة", "Montants réalisés", "Delivered"),
            "by-region": l("حسب الجهة", "Par région", "By region"),
            "region-columns": [l("الجهة", "Région", "Region"), l("الملتزم به", "Engagé", "Committed"), l("المنجز", "Réalisé", "Delivered")],
            "actions": l("الإجراءات", "Actions", "Actions"),
            "columns": [
                l("الإجراء والاجتماع", "Action et réunion", "Action and meeting"),
                l("المسؤول", "Responsable", "Owner"),
                l("الشركاء", "Partenaires", "Partners"),
                l("المبلغ", "Montant", "Amount"),
                l("الأجل", "Échéance", "Due"),
                l("الحالة", "Statut", "Status"),
            ],
            "late": l("متأخر", "en retard", "overdue"),
            "none": l("لا توجد إجراءات مطابقة.", "Aucune action ne correspond.", "No action matches."),
            "page": l("الصفحة", "Page", "Page"),
            "of": l("من", "sur", "of"),
        },
        "summary": {
            "count": r.rows.len().to_string(),
            "overdue": overdue.to_string(),
            "committed": sums(&r.committed, lang),
            "delivered": sums(&r.delivered, lang),
        },
        "regions": regions,
        "rows": rows,
        "footer": format!("{} {}", l("أُعدّ بواسطة محضر في", "Établi avec Mahdar le", "Produced with Mahdar on"), dates::gregorian(options.produced, lang)),
    })
}
