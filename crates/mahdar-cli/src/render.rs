//! Human-readable output, in the chosen language (Arabic by default). User text is printed as
//! recorded; only labels are translated.

use mahdar::{
    ActionView, Mahdar, MeetingRecord, Stored, Totals,
    model::{Lang, Meeting, MissingField, Money, ordinal},
};
use std::fmt::Write;

/// The mark for a detail the record lacks.
pub fn missing(lang: Lang) -> &'static str {
    lang.pick("⚠ ناقص", "⚠ manquant", "⚠ missing")
}

fn list_sep(lang: Lang) -> &'static str {
    lang.pick("، ", ", ", ", ")
}

fn colon(lang: Lang) -> &'static str {
    lang.pick(": ", " : ", ": ")
}

/// "⚠ ناقص: التاريخ، المكان" — or nothing when complete.
pub fn missing_line(fields: &[MissingField], lang: Lang) -> Option<String> {
    if fields.is_empty() {
        return None;
    }
    let names: Vec<&str> = fields.iter().map(|f| f.label(lang)).collect();
    Some(format!(
        "{}{}{}",
        missing(lang),
        colon(lang),
        names.join(list_sep(lang))
    ))
}

/// Sums per currency, "30.000.000 درهم" (or "—" when there is nothing).
pub fn money_list(sums: &[Money], lang: Lang) -> String {
    if sums.is_empty() {
        return "—".into();
    }
    sums.iter()
        .map(|m| m.format(lang))
        .collect::<Vec<_>>()
        .join(list_sep(lang))
}

/// One line per meeting for `mahdar meetings`.
pub fn meeting_line(m: &Stored<Meeting>, missing_fields: &[MissingField], lang: Lang) -> String {
    let v = &m.value;
    let date = v.date.map_or_else(|| "—".to_owned(), |d| d.to_string());
    let mut line = format!(
        "{}  {date}  {}  {}",
        m.id,
        v.status.label(lang),
        v.display_title(lang)
    );
    if let Some(missing) = missing_line(missing_fields, lang) {
        let _ = write!(line, "  ({missing})");
    }
    line
}

fn field(out: &mut String, label: &str, value: Option<String>, lang: Lang) {
    let value = value.unwrap_or_else(|| missing(lang).to_owned());
    let _ = writeln!(out, "{label}{}{value}", colon(lang));
}

fn heading(out: &mut String, label: &str, count: usize, lang: Lang) {
    let _ = writeln!(out);
    let _ = writeln!(out, "{label} ({count}){}", lang.pick(":", " :", ":"));
    if count == 0 {
        let _ = writeln!(out, "  {}", lang.pick("لا شيء", "néant", "none"));
    }
}

/// One action, as a line of the follow-up table.
pub fn action_line(app: &Mahdar, view: &ActionView, lang: Lang) -> Result<String, mahdar::Error> {
    let a = &view.action.value;
    let mut parts = vec![a.title.clone()];
    let owner = match a.owner {
        Some(o) => app.party_name(o, lang)?,
        None => missing(lang).to_owned(),
    };
    parts.push(format!(
        "{}{}{owner}",
        lang.pick("المسؤول", "responsable", "owner"),
        colon(lang)
    ));
    if !a.partners.is_empty() {
        let names = a
            .partners
            .iter()
            .map(|p| app.party_name(*p, lang))
            .collect::<Result<Vec<_>, _>>()?;
        parts.push(format!(
            "{}{}{}",
            lang.pick("الشركاء", "partenaires", "partners"),
            colon(lang),
            names.join(list_sep(lang))
        ));
    }
    if let Some(amount) = a.amount {
        parts.push(format!(
            "{}{}{}",
            lang.pick("المبلغ", "montant", "amount"),
            colon(lang),
            amount.format(lang)
        ));
    }
    let due = match a.due {
        Some(d) => d.to_string(),
        None if a.status.is_open() => lang
            .pick("⚠ غير محدد", "⚠ non fixée", "⚠ not set")
            .to_owned(),
        None => "—".to_owned(),
    };
    parts.push(format!(
        "{}{}{due}",
        lang.pick("الأجل", "échéance", "due"),
        colon(lang)
    ));
    parts.push(format!(
        "{}{}{}",
        lang.pick("الحالة", "statut", "status"),
        colon(lang),
        a.status.label(lang)
    ));
    let mut line = parts.join(" — ");
    if view.overdue {
        line = format!(
            "{} {line}",
            lang.pick("⚠ متأخر:", "⚠ en retard :", "⚠ overdue:")
        );
    }
    Ok(line)
}

/// The totals line.
pub fn totals_line(totals: &Totals, lang: Lang) -> String {
    let mut line = format!(
        "{}{}{}",
        lang.pick("المجموع الملتزم به", "Total engagé", "Total committed"),
        colon(lang),
        money_list(&totals.committed, lang)
    );
    if !totals.delivered.is_empty() {
        let _ = write!(
            line,
            " — {}{}{}",
            lang.pick("المنجز", "réalisé", "delivered"),
            colon(lang),
            money_list(&totals.delivered, lang)
        );
    }
    line
}

/// The whole record of a meeting, as `mahdar show` prints it.
pub fn meeting_record(
    app: &Mahdar,
    r: &MeetingRecord,
    lang: Lang,
) -> Result<String, mahdar::Error> {
    let m = &r.meeting.value;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}{}",
        lang.pick(
            "محضر اجتماع",
            "Procès-verbal de réunion",
            "Minutes of meeting"
        ),
        colon(lang),
        m.display_title(lang)
    );
    field(
        &mut out,
        lang.pick("المعرف", "identifiant", "id"),
        Some(r.meeting.id.to_string()),
        lang,
    );
    if let Some(series) = &r.series_record {
        let mut s = series.value.title(lang).to_owned();
        if let Some(rank) = m.rank {
            let _ = write!(
                s,
                " ({}{}{}",
                lang.pick("الرتبة", "rang", "rank"),
                colon(lang),
                ordinal(rank, lang)
            );
            if let Some(place) = &series.value.launched_in {
                let since = match lang {
                    Lang::Ar => format!("منذ إطلاق السلسلة ب{place}"),
                    Lang::Fr => format!("depuis le lancement de la série à {place}"),
                    Lang::En => format!("since the series began in {place}"),
                };
                let _ = write!(s, "{}{since}", list_sep(lang));
            }
            s.push(')');
        }
        field(
            &mut out,
            lang.pick("السلسلة", "série", "series"),
            Some(s),
            lang,
        );
    }
    field(
        &mut out,
        lang.pick("الجهة", "région", "region"),
        m.region.map(|r| r.display(lang)),
        lang,
    );
    field(
        &mut out,
        lang.pick(
            "العمالة أو الإقليم",
            "préfecture ou province",
            "prefecture or province",
        ),
        m.prefecture.as_ref().map(|p| p.display(lang)),
        lang,
    );
    field(
        &mut out,
        lang.pick("المكان", "lieu", "venue"),
        m.venue.clone(),
        lang,
    );
    field(
        &mut out,
        lang.pick("التاريخ", "date", "date"),
        m.date.map(|d| d.to_string()),
        lang,
    );
    let time = m.start_time.map(|s| match m.end_time {
        Some(e) => format!("{} – {}", s.format("%H:%M"), e.format("%H:%M")),
        None => s.format("%H:%M").to_string(),
    });
    field(&mut out, lang.pick("التوقيت", "heure", "time"), time, lang);
    field(
        &mut out,
        lang.pick("صيغة الانعقاد", "format", "format"),
        m.format.map(|f| f.label(lang).to_owned()),
        lang,
    );
    field(
        &mut out,
        lang.pick("الحالة", "statut", "status"),
        Some(m.status.label(lang).to_owned()),
        lang,
    );
    if !m.purpose.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            lang.pick("الأهداف", "objectifs", "purpose"),
            lang.pick(":", " :", ":")
        );
        for p in &m.purpose {
            let _ = writeln!(out, "  - {p}");
        }
    }
    if !m.agenda.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            lang.pick("جدول الأعمال", "ordre du jour", "agenda"),
            lang.pick(":", " :", ":")
        );
        for (i, item) in m.agenda.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, item.title);
        }
    }

    heading(
        &mut out,
        lang.pick("الحضور", "Présents", "Attendance"),
        r.attendance.len(),
        lang,
    );
    for (i, a) in r.attendance.iter().enumerate() {
        let e = &a.entry.value;
        let person = a.person.as_ref().map(|p| &p.value);
        let name = person.map_or_else(|| e.person.to_string(), |p| p.display_name(lang).to_owned());
        let mut parts = vec![name];
        if let Some(title) = &e.title {
            // The title held that day, in the output language when the registry knows it.
            let translated = person
                .and_then(|p| p.titles.iter().find(|t| &t.title_ar == title))
                .map(|t| t.in_lang(lang));
            parts.push(translated.unwrap_or(title).to_owned());
        }
        if !e.roles.is_empty() {
            parts.push(
                e.roles
                    .iter()
                    .map(|r| r.label(lang))
                    .collect::<Vec<_>>()
                    .join(list_sep(lang)),
            );
        }
        parts.push(e.mode.label(lang).to_owned());
        if e.presence != mahdar::model::Presence::Present {
            parts.push(e.presence.label(lang).to_owned());
        }
        let _ = writeln!(out, "  {}. {}", i + 1, parts.join(" — "));
    }

    heading(
        &mut out,
        lang.pick("المداخلات", "Interventions", "Statements"),
        r.statements.len(),
        lang,
    );
    for (i, s) in r.statements.iter().enumerate() {
        let st = &s.statement.value;
        let speaker = match lang {
            Lang::Ar => s.speaker_name.clone(),
            _ => app.party_name(st.speaker.into(), lang)?,
        };
        let mut about = vec![st.kind.label(lang).to_owned()];
        if let Some(channel) = &st.channel {
            about.push(format!("{} {channel}", lang.pick("عبر", "via", "via")));
        }
        if let Some(as_) = &st.speaking_as {
            about.push(format!(
                "{} {as_}",
                lang.pick("باسم", "au nom de", "on behalf of")
            ));
        }
        let _ = writeln!(
            out,
            "  {}. {speaker} ({}){}{}",
            i + 1,
            about.join(list_sep(lang)),
            colon(lang),
            st.text
        );
    }

    heading(
        &mut out,
        lang.pick("القرارات", "Décisions", "Decisions"),
        r.decisions.len(),
        lang,
    );
    for (i, d) in r.decisions.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, d.value.text);
    }

    heading(
        &mut out,
        lang.pick("إجراءات التتبع", "Actions de suivi", "Follow-up actions"),
        r.actions.len(),
        lang,
    );
    for (i, a) in r.actions.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, action_line(app, a, lang)?);
    }

    heading(
        &mut out,
        lang.pick("الزيارات الميدانية", "Visites de terrain", "Site visits"),
        r.site_visits.len(),
        lang,
    );
    for v in &r.site_visits {
        let v = &v.value;
        let mut parts = vec![v.place.clone()];
        parts.extend(v.province.clone());
        parts.extend(v.purpose.clone());
        let _ = writeln!(out, "  - {}", parts.join(" — "));
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "{}", totals_line(&r.totals, lang));
    if let Some(missing) = missing_line(&r.missing, lang) {
        let _ = writeln!(out, "{missing}");
    }
    Ok(out)
}

/// A JSON value as a person reads it: text as written, anything else as compact JSON; "—"
/// when absent.
pub fn json_value(v: Option<&serde_json::Value>) -> String {
    match v {
        None => "—".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}
