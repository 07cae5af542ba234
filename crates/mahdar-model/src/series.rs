//! A series of meetings, and ranks within it ("the 9th since the series began in Dakhla").

use crate::{Lang, ModelError, OrganisationId, optional_short_text, short_text};
use serde::{Deserialize, Serialize};

/// A series of meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// The title in Arabic.
    pub title_ar: String,
    /// The title in French, when known.
    pub title_fr: Option<String>,
    /// Who organises it.
    pub organiser: Option<OrganisationId>,
    /// Where the series began ("الداخلة").
    pub launched_in: Option<String>,
}

impl Series {
    /// Checks and tidies the series.
    pub fn validated(mut self) -> Result<Series, ModelError> {
        self.title_ar = short_text("title_ar", &self.title_ar)?;
        self.title_fr = optional_short_text("title_fr", self.title_fr.as_deref())?;
        self.launched_in = optional_short_text("launched_in", self.launched_in.as_deref())?;
        Ok(self)
    }

    /// The title in a language, falling back to Arabic.
    pub fn title(&self, lang: Lang) -> &str {
        match (lang, &self.title_fr) {
            (Lang::Fr | Lang::En, Some(fr)) => fr,
            _ => &self.title_ar,
        }
    }
}

/// A rank as an ordinal: "التاسع", "9e", "9th". Arabic ordinals are masculine, agreeing with
/// "الاجتماع" / "اللقاء"; past the twentieth they are written as numbers.
pub fn ordinal(rank: u32, lang: Lang) -> String {
    const AR: [&str; 20] = [
        "الأول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
        "العاشر",
        "الحادي عشر",
        "الثاني عشر",
        "الثالث عشر",
        "الرابع عشر",
        "الخامس عشر",
        "السادس عشر",
        "السابع عشر",
        "الثامن عشر",
        "التاسع عشر",
        "العشرون",
    ];
    match lang {
        Lang::Ar => match rank {
            1..=20 => AR[rank as usize - 1].to_owned(),
            _ => format!("رقم {rank}"),
        },
        Lang::Fr => {
            if rank == 1 {
                "1er".to_owned()
            } else {
                format!("{rank}e")
            }
        }
        Lang::En => {
            let suffix = match (rank % 10, rank % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{rank}{suffix}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_naturally() {
        assert_eq!(
            ordinal(9, Lang::Ar),
            "التاسع",
            "the seed meeting is the 9th"
        );
        assert_eq!(ordinal(10, Lang::Ar), "العاشر");
        assert_eq!(ordinal(1, Lang::Fr), "1er");
        assert_eq!(ordinal(9, Lang::Fr), "9e");
        assert_eq!(ordinal(12, Lang::En), "12th");
        assert_eq!(ordinal(22, Lang::En), "22nd");
        assert_eq!(ordinal(25, Lang::Ar), "رقم 25");
    }
}
