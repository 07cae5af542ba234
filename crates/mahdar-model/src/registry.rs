//! The registry of people, groups and organisations, reused across meetings.
//!
//! A person's title changes over time (a governor becomes a wali); the registry keeps the
//! dated list, and each attendance entry keeps the title held on the day of its meeting.

use crate::{Lang, ModelError, OrganisationId, optional_short_text, short_text, short_texts};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether a registry entry is one person or a group attending as one
/// ("the governors of the region's provinces", "civil society").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// One named person.
    #[default]
    Individual,
    /// A group of people attending as one entry.
    Group,
}

/// Protocol precedence: the order in which minutes list those present. Lower comes first.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Precedence {
    /// A member of the government.
    Minister,
    /// The wali of a region.
    Wali,
    /// A governor of a province or prefecture.
    Governor,
    /// The president of a regional council.
    RegionalCouncilPresident,
    /// Elected representatives (councils, parliament).
    ElectedRepresentative,
    /// Senior officials of the administration.
    Official,
    /// Associations and civil society.
    CivilSociety,
    /// Anyone else.
    #[default]
    Other,
}

impl Precedence {
    /// Every rank, in protocol order.
    pub const ALL: [Precedence; 8] = [
        Precedence::Minister,
        Precedence::Wali,
        Precedence::Governor,
        Precedence::RegionalCouncilPresident,
        Precedence::ElectedRepresentative,
        Precedence::Official,
        Precedence::CivilSociety,
        Precedence::Other,
    ];

    /// The rank's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Precedence::Minister => lang.pick("وزير", "ministre", "minister"),
            Precedence::Wali => lang.pick("والٍ", "wali", "wali"),
            Precedence::Governor => lang.pick("عامل", "gouverneur", "governor"),
            Precedence::RegionalCouncilPresident => lang.pick(
                "رئيس مجلس الجهة",
                "président du conseil régional",
                "president of the regional council",
            ),
            Precedence::ElectedRepresentative => {
                lang.pick("منتخب", "élu", "elected representative")
            }
            Precedence::Official => {
                lang.pick("مسؤول إداري", "responsable administratif", "official")
            }
            Precedence::CivilSociety => {
                lang.pick("المجتمع المدني", "société civile", "civil society")
            }
            Precedence::Other => lang.pick("آخر", "autre", "other"),
        }
    }
}

/// A title a person held, and when. Open ends mean "since always" / "still".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleHeld {
    /// The title in Arabic ("والي جهة فاس مكناس عامل عمالة فاس").
    pub title_ar: String,
    /// The title in French, when known.
    pub title_fr: Option<String>,
    /// First day in office, when known.
    pub from: Option<NaiveDate>,
    /// Last day in office; `None` while still held.
    pub until: Option<NaiveDate>,
}

impl TitleHeld {
    /// A title held from an unknown date to now.
    pub fn current(title_ar: &str) -> TitleHeld {
        TitleHeld {
            title_ar: title_ar.to_owned(),
            title_fr: None,
            from: None,
            until: None,
        }
    }

    fn covers(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// The title in a language, falling back to Arabic.
    pub fn in_lang(&self, lang: Lang) -> &str {
        match (lang, &self.title_fr) {
            (Lang::Fr | Lang::En, Some(fr)) => fr,
            _ => &self.title_ar,
        }
    }
}

/// A person or a group in the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// One person or a group.
    #[serde(default)]
    pub kind: PersonKind,
    /// The name in Arabic script.
    pub name_ar: Option<String>,
    /// The name in Latin script.
    pub name_latin: Option<String>,
    /// Other spellings met in reports ("السعيد زنيبر" for "السعيد الزنيبر").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Titles over time.
    #[serde(default)]
    pub titles: Vec<TitleHeld>,
    /// Rank in protocol order.
    #[serde(default)]
    pub precedence: Precedence,
    /// The organisation they belong to or represent, if any.
    pub organisation: Option<OrganisationId>,
}

impl Person {
    /// A person known by an Arabic name.
    pub fn named(name_ar: &str, precedence: Precedence) -> Person {
        Person {
            kind: PersonKind::Individual,
            name_ar: Some(name_ar.to_owned()),
            name_latin: None,
            aliases: Vec::new(),
            titles: Vec::new(),
            precedence,
            organisation: None,
        }
    }

    /// A group attending as one entry.
    pub fn group(name_ar: &str, precedence: Precedence) -> Person {
        Person {
            kind: PersonKind::Group,
            ..Person::named(name_ar, precedence)
        }
    }

    /// Checks and tidies the entry: names trimmed, at least one name, titles well dated.
    pub fn validated(mut self) -> Result<Person, ModelError> {
        self.name_ar = optional_short_text("name_ar", self.name_ar.as_deref())?;
        self.name_latin = optional_short_text("name_latin", self.name_latin.as_deref())?;
        if self.name_ar.is_none() && self.name_latin.is_none() {
            return Err(ModelError::invalid(
                "name",
                "give a name in Arabic or Latin script",
            ));
        }
        self.aliases = short_texts("aliases", &self.aliases)?;
        for t in &mut self.titles {
            t.title_ar = short_text("title_ar", &t.title_ar)?;
            t.title_fr = optional_short_text("title_fr", t.title_fr.as_deref())?;
            if let (Some(from), Some(until)) = (t.from, t.until)
                && until < from
            {
                return Err(ModelError::invalid(
                    "titles",
                    format!(
                        "\"{}\" ends ({until}) before it starts ({from})",
                        t.title_ar
                    ),
                ));
            }
        }
        Ok(self)
    }

    /// The name to show in a language: Arabic first for Arabic, Latin first otherwise.
    pub fn display_name(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Ar => (&self.name_ar, &self.name_latin),
            Lang::Fr | Lang::En => (&self.name_latin, &self.name_ar),
        };
        first.as_deref().or(second.as_deref()).unwrap_or_default()
    }

    /// The title held on a day; without a day, the current (or latest) title.
    pub fn title_on(&self, day: Option<NaiveDate>) -> Option<&TitleHeld> {
        match day {
            Some(day) => self
                .titles
                .iter()
                .filter(|t| t.covers(day))
                .max_by_key(|t| t.from),
            None => self
                .titles
                .iter()
                .max_by_key(|t| (t.until.is_none(), t.until, t.from)),
        }
    }

    /// Every name this entry answers to (Arabic, Latin, aliases).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.name_ar
            .iter()
            .chain(self.name_latin.iter())
            .chain(self.aliases.iter())
            .map(String::as_str)
    }
}

/// An organisation: a ministry, a regional council, "the local authorities".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// The name in Arabic.
    pub name_ar: Option<String>,
    /// The name in French.
    pub name_fr: Option<String>,
    /// Other names it goes by ("الوزارة").
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Organisation {
    /// An organisation known by its Arabic and French names.
    pub fn named(name_ar: &str, name_fr: &str) -> Organisation {
        Organisation {
            name_ar: Some(name_ar.to_owned()),
            name_fr: Some(name_fr.to_owned()),
            aliases: Vec::new(),
        }
    }

    /// Checks and tidies the entry.
    pub fn validated(mut self) -> Result<Organisation, ModelError> {
        self.name_ar = optional_short_text("name_ar", self.name_ar.as_deref())?;
        self.name_fr = optional_short_text("name_fr", self.name_fr.as_deref())?;
        if self.name_ar.is_none() && self.name_fr.is_none() {
            return Err(ModelError::invalid(
                "name",
                "give a name in Arabic or French",
            ));
        }
        self.aliases = short_texts("aliases", &self.aliases)?;
        Ok(self)
    }

    /// The name to show in a language.
    pub fn display_name(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Ar => (&self.name_ar, &self.name_fr),
            Lang::Fr | Lang::En => (&self.name_fr, &self.name_ar),
        };
        first.as_deref().or(second.as_deref()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("test dates are valid")
    }

    #[test]
    fn a_meeting_keeps_the_title_held_that_day() {
        let mut p = Person::named("السعيد الزنيبر", Precedence::Wali);
        p.titles = vec![
            TitleHeld {
                title_ar: "عامل إقليم".into(),
                title_fr: None,
                from: Some(day("2015-01-01")),
                until: Some(day("2019-12-31")),
            },
            TitleHeld {
                title_ar: "والي جهة فاس مكناس عامل عمالة فاس".into(),
                title_fr: None,
                from: Some(day("2020-01-01")),
                until: None,
            },
        ];
        let p = p.validated().expect("valid person");
        assert_eq!(
            p.title_on(Some(day("2017-06-01")))
                .map(|t| t.title_ar.as_str()),
            Some("عامل إقليم")
        );
        assert_eq!(
            p.title_on(Some(day("2022-03-01")))
                .map(|t| t.title_ar.as_str()),
            Some("والي جهة فاس مكناس عامل عمالة فاس")
        );
        assert_eq!(
            p.title_on(None).map(|t| t.title_ar.as_str()),
            Some("والي جهة فاس مكناس عامل عمالة فاس"),
            "without a date, the current title"
        );
        assert!(
            p.title_on(Some(day("2010-01-01"))).is_none(),
            "no title before the first"
        );
    }

    #[test]
    fn a_registry_entry_needs_a_name_and_sane_dates() {
        let nameless = Person {
            name_ar: Some("  ".into()),
            ..Person::named("x", Precedence::Other)
        };
        assert!(nameless.validated().is_err());
        let mut p = Person::named("عواطف حيار", Precedence::Minister);
        p.titles.push(TitleHeld {
            title_ar: "وزيرة".into(),
            title_fr: None,
            from: Some(day("2021-10-07")),
            until: Some(day("2021-01-01")),
        });
        assert!(
            p.validated().is_err(),
            "a title cannot end before it starts"
        );
        assert!(
            Precedence::Minister < Precedence::Wali
                && Precedence::Governor < Precedence::CivilSociety
        );
    }
}
