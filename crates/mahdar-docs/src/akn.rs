//! The minutes as an Akoma Ntoso 3.0 `debate` document (OASIS LegalDocML): people and roles in
//! the references (`TLCPerson`, `TLCRole`, `TLCOrganization` for channels), each statement a
//! `speech` with `by`, `as` and `to`. Valid against the official schema.

use crate::{DocError, DocOptions, Minutes, dates};
use mahdar_model::{Lang, ordinal};
use quick_xml::{
    Writer,
    events::{BytesDecl, BytesText, Event},
};
use std::collections::BTreeMap;

const NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

fn iso639_2(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "ara",
        Lang::Fr => "fra",
        Lang::En => "eng",
    }
}

/// The part of a document id after its kind, usable in URIs.
fn local(id: &str) -> &str {
    id.split_once(':').map_or(id, |(_, rest)| rest)
}

type W = Writer<Vec<u8>>;
type Res = std::io::Result<()>;

/// The four elements every FRBR level starts with.
fn frbr_core(w: &mut W, this: &str, uri: &str, date: &str, date_name: &str, author: &str) -> Res {
    w.create_element("FRBRthis")
        .with_attribute(("value", this))
        .write_empty()?;
    w.create_element("FRBRuri")
        .with_attribute(("value", uri))
        .write_empty()?;
    w.create_element("FRBRdate")
        .with_attributes([("date", date), ("name", date_name)])
        .write_empty()?;
    w.create_element("FRBRauthor")
        .with_attribute(("href", author))
        .write_empty()?;
    Ok(())
}

fn text(w: &mut W, name: &str, value: &str) -> Res {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn p(w: &mut W, value: &str) -> Res {
    text(w, "p", value)
}

/// Writes the minutes as Akoma Ntoso XML.
pub fn akoma_ntoso(m: &Minutes, options: &DocOptions) -> Result<String, DocError> {
    write(m, options).map_err(|e| DocError::Write(e.to_string()))
}

fn write(m: &Minutes, options: &DocOptions) -> std::io::Result<String> {
    let lang = options.lang;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;

    // References: a TLCPerson per attendee, a TLCRole per distinct title, a TLCOrganization per
    // channel.
    let mut persons: BTreeMap<&str, String> = BTreeMap::new();
    let mut roles: BTreeMap<String, String> = BTreeMap::new();
    let mut channels: BTreeMap<String, String> = BTreeMap::new();
    for (i, a) in m.attendees.iter().enumerate() {
        persons.insert(&a.id, format!("person_{}", i + 1));
        if let Some(title) = a.title(lang) {
            let n = roles.len() + 1;
            roles
                .entry(title.to_owned())
                .or_insert_with(|| format!("role_{n}"));
        }
    }
    for s in &m.statements {
        if let Some(c) = &s.channel {
            let n = channels.len() + 1;
            channels
                .entry(c.clone())
                .or_insert_with(|| format!("channel_{n}"));
        }
    }

    let date = m.meeting.date;
    let work_date = date.unwrap_or(options.produced).to_string();
    let date_name = if date.is_some() {
        "meeting"
    } else {
        "recorded"
    };
    let work_uri = format!("/akn/ma/debate/{work_date}/{}", local(&m.id));
    let expr_uri = format!("{work_uri}/{}@", iso639_2(lang));
    let title = format!(
        "{} {}",
        lang.pick("محضر", "Procès-verbal —", "Minutes —"),
        m.meeting.display_title(lang)
    );

    w.create_element("akomaNtoso")
        .with_attribute(("xmlns", NS))
        .write_inner_content(|w| {
            w.create_element("debate")
                .with_attribute(("name", "minutes"))
                .write_inner_content(|w| {
                    w.create_element("meta").write_inner_content(|w| {
                        w.create_element("identification")
                            .with_attribute(("source", "#mahdar"))
                            .write_inner_content(|w| {
                                w.create_element("FRBRWork").write_inner_content(|w| {
                                    let this = format!("{work_uri}/!main");
                                    frbr_core(
                                        w,
                                        &this,
                                        &work_uri,
                                        &work_date,
                                        date_name,
                                        "#secretariat",
                                    )?;
                                    w.create_element("FRBRcountry")
                                        .with_attribute(("value", "ma"))
                                        .write_empty()?;
                                    Ok(())
                                })?;
                                w.create_element("FRBRExpression")
                                    .write_inner_content(|w| {
                                        let this = format!("{expr_uri}/!main");
                                        frbr_core(
                                            w,
                                            &this,
                                            &expr_uri,
                                            &work_date,
                                            date_name,
                                            "#secretariat",
                                        )?;
                                        w.create_element("FRBRlanguage")
                                            .with_attribute(("language", iso639_2(lang)))
                                            .write_empty()?;
                                        Ok(())
                                    })?;
                                w.create_element("FRBRManifestation")
                                    .write_inner_content(|w| {
                                        let this = format!("{expr_uri}/!main.xml");
                                        let uri = format!("{expr_uri}.akn");
                                        let produced = options.produced.to_string();
                                        frbr_core(w, &this, &uri, &produced, "export", "#mahdar")
                                    })?;
                                Ok(())
                            })?;
                        w.create_element("references")
                            .with_attribute(("source", "#mahdar"))
                            .write_inner_content(|w| {
                                w.create_element("TLCOrganization")
                                    .with_attributes([
                                        ("eId", "mahdar"),
                                        ("href", "/ontology/organization/mahdar"),
                                        ("showAs", "Mahdar"),
                                    ])
                                    .write_empty()?;
                                let secretariat = options
                                    .letterhead
                                    .lines
                                    .last()
                                    .map_or("Secretariat", String::as_str);
                                w.create_element("TLCOrganization")
                                    .with_attributes([
                                        ("eId", "secretariat"),
                                        ("href", "/ontology/organization/secretariat"),
                                        ("showAs", secretariat),
                                    ])
                                    .write_empty()?;
                                for (name, eid) in &channels {
                                    w.create_element("TLCOrganization")
                                        .with_attributes([
                                            ("eId", eid.as_str()),
                                            (
                                                "href",
                                                format!("/ontology/organization/{eid}").as_str(),
                                            ),
                                            ("showAs", name.as_str()),
                                        ])
                                        .write_empty()?;
                                }
                                for a in &m.attendees {
                                    let eid = &persons[a.id.as_str()];
                                    w.create_element("TLCPerson")
                                        .with_attributes([
                                            ("eId", eid.as_str()),
                                            (
                                                "href",
                                                format!("/ontology/person/{}", local(&a.id))
                                                    .as_str(),
                                            ),
                                            ("showAs", a.name.get(lang)),
                                        ])
                                        .write_empty()?;
                                }
                                for (title, eid) in &roles {
                                    w.create_element("TLCRole")
                                        .with_attributes([
                                            ("eId", eid.as_str()),
                                            ("href", format!("/ontology/role/{eid}").as_str()),
                                            ("showAs", title.as_str()),
                                        ])
                                        .write_empty()?;
                                }
                                Ok(())
                            })?;
                        Ok(())
                    })?;

                    w.create_element("preface").write_inner_content(|w| {
                        w.create_element("p")
                            .write_inner_content(|w| text(w, "docTitle", &title))?;
                        if let Some(day) = date {
                            w.create_element("p").write_inner_content(|w| {
                                w.create_element("docDate")
                                    .with_attribute(("date", day.to_string().as_str()))
                                    .write_text_content(BytesText::new(&dates::official(
                                        day,
                                        lang,
                                        options.hijri_adjust,
                                    )))?;
                                Ok(())
                            })?;
                        }
                        if let Some(series) = &m.series {
                            let rank = m
                                .meeting
                                .rank
                                .map(|r| format!(" — {}", ordinal(r, lang)))
                                .unwrap_or_default();
                            p(w, &format!("{}{rank}", series.title(lang)))?;
                        }
                        if let Some(region) = m.meeting.region {
                            p(w, &region.display(lang))?;
                        }
                        if let Some(venue) = &m.meeting.venue {
                            p(w, venue)?;
                        }
                        Ok(())
                    })?;

                    w.create_element("debateBody").write_inner_content(|w| {
                        w.create_element("debateSection")
                            .with_attributes([("eId", "dbsect_1"), ("name", "attendance")])
                            .write_inner_content(|w| {
                                text(w, "heading", lang.pick("الحضور", "Présents", "Attendance"))?;
                                for a in &m.attendees {
                                    let eid = format!("#{}", persons[a.id.as_str()]);
                                    let role = a
                                        .title(lang)
                                        .and_then(|t| roles.get(t))
                                        .map(|r| format!("#{r}"));
                                    w.create_element("p").write_inner_content(|w| {
                                        let mut el = w
                                            .create_element("person")
                                            .with_attribute(("refersTo", eid.as_str()));
                                        if let Some(role) = &role {
                                            el = el.with_attribute(("as", role.as_str()));
                                        }
                                        el.write_text_content(BytesText::new(a.name.get(lang)))?;
                                        let mut rest = String::new();
                                        if let Some(t) = a.title(lang) {
                                            rest.push_str(&format!(
                                                "{}{t}",
                                                lang.pick("، ", ", ", ", ")
                                            ));
                                        }
                                        rest.push_str(&format!(" ({})", a.mode.label(lang)));
                                        w.write_event(Event::Text(BytesText::new(&rest)))?;
                                        Ok(())
                                    })?;
                                }
                                Ok(())
                            })?;
                        w.create_element("debateSection")
                            .with_attributes([("eId", "dbsect_2"), ("name", "proceedings")])
                            .write_inner_content(|w| {
                                text(
                                    w,
                                    "heading",
                                    lang.pick("المداخلات", "Interventions", "Statements"),
                                )?;
                                if m.statements.is_empty() {
                                    p(w, lang.pick("لا شيء", "Néant", "None"))?;
                                }
                                for (i, s) in m.statements.iter().enumerate() {
                                    let eid = format!("dbsect_2__speech_{}", i + 1);
                                    let by =
                                        persons.get(s.speaker_id.as_str()).map(|e| format!("#{e}"));
                                    let title = match lang {
                                        Lang::Ar => s.speaker_title.as_deref(),
                                        _ => s
                                            .speaker_title_fr
                                            .as_deref()
                                            .or(s.speaker_title.as_deref()),
                                    };
                                    let role =
                                        title.and_then(|t| roles.get(t)).map(|r| format!("#{r}"));
                                    let to = s
                                        .channel
                                        .as_ref()
                                        .and_then(|c| channels.get(c))
                                        .map(|c| format!("#{c}"));
                                    let mut el = w
                                        .create_element("speech")
                                        .with_attribute(("eId", eid.as_str()));
                                    // `by` is required: someone no longer on the list speaks as themselves.
                                    let by = by.unwrap_or_else(|| "#secretariat".to_owned());
                                    el = el.with_attribute(("by", by.as_str()));
                                    if let Some(role) = &role {
                                        el = el.with_attribute(("as", role.as_str()));
                                    }
                                    if let Some(to) = &to {
                                        el = el.with_attribute(("to", to.as_str()));
                                    }
                                    el.write_inner_content(|w| {
                                        text(w, "from", s.speaker.get(lang))?;
                                        for para in
                                            s.text.split('\n').filter(|l| !l.trim().is_empty())
                                        {
                                            p(w, para)?;
                                        }
                                        Ok(())
                                    })?;
                                }
                                Ok(())
                            })?;
                        w.create_element("debateSection")
                            .with_attributes([("eId", "dbsect_3"), ("name", "decisions")])
                            .write_inner_content(|w| {
                                text(
                                    w,
                                    "heading",
                                    lang.pick("القرارات", "Décisions", "Decisions"),
                                )?;
                                if m.decisions.is_empty() {
                                    p(w, lang.pick("لا شيء", "Néant", "None"))?;
                                }
                                for d in &m.decisions {
                                    p(w, d)?;
                                }
                                Ok(())
                            })?;
                        w.create_element("debateSection")
                            .with_attributes([("eId", "dbsect_4"), ("name", "followUp")])
                            .write_inner_content(|w| {
                                text(
                                    w,
                                    "heading",
                                    lang.pick(
                                        "إجراءات التتبع",
                                        "Actions de suivi",
                                        "Follow-up actions",
                                    ),
                                )?;
                                if m.actions.is_empty() {
                                    return p(w, lang.pick("لا شيء", "Néant", "None"));
                                }
                                w.create_element("table")
                                    .with_attribute(("eId", "dbsect_4__table_1"))
                                    .write_inner_content(|w| {
                                        w.create_element("tr").write_inner_content(|w| {
                                            for h in [
                                                lang.pick("الإجراء", "Action", "Action"),
                                                lang.pick("المسؤول", "Responsable", "Owner"),
                                                lang.pick("الشركاء", "Partenaires", "Partners"),
                                                lang.pick("المبلغ", "Montant", "Amount"),
                                                lang.pick("الأجل", "Échéance", "Due"),
                                                lang.pick("الحالة", "Statut", "Status"),
                                            ] {
                                                w.create_element("th")
                                                    .write_inner_content(|w| p(w, h))?;
                                            }
                                            Ok(())
                                        })?;
                                        for a in &m.actions {
                                            w.create_element("tr").write_inner_content(|w| {
                                                let partners: Vec<&str> = a
                                                    .partners
                                                    .iter()
                                                    .map(|n| n.get(lang))
                                                    .collect();
                                                let cells = [
                                                    a.title.clone(),
                                                    a.owner.as_ref().map_or_else(
                                                        || "—".to_owned(),
                                                        |o| o.get(lang).to_owned(),
                                                    ),
                                                    if partners.is_empty() {
                                                        "—".to_owned()
                                                    } else {
                                                        partners.join(lang.pick("، ", ", ", ", "))
                                                    },
                                                    a.amount.map_or_else(
                                                        || "—".to_owned(),
                                                        |m| m.format(lang),
                                                    ),
                                                    a.due.map_or_else(
                                                        || "—".to_owned(),
                                                        |d| dates::gregorian(d, lang),
                                                    ),
                                                    a.status.label(lang).to_owned(),
                                                ];
                                                for c in cells {
                                                    w.create_element("td")
                                                        .write_inner_content(|w| p(w, &c))?;
                                                }
                                                Ok(())
                                            })?;
                                        }
                                        Ok(())
                                    })?;
                                let total: Vec<String> =
                                    m.committed.iter().map(|m| m.format(lang)).collect();
                                if !total.is_empty() {
                                    p(
                                        w,
                                        &format!(
                                            "{}{}",
                                            lang.pick(
                                                "المجموع الملتزم به: ",
                                                "Total engagé : ",
                                                "Total committed: "
                                            ),
                                            total.join(" + ")
                                        ),
                                    )?;
                                }
                                Ok(())
                            })?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    String::from_utf8(w.into_inner()).map_err(std::io::Error::other)
}
