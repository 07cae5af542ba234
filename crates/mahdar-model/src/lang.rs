//! The languages of the product: Arabic first, then French and English.

use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// A language Mahdar speaks and writes minutes in.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic, right to left: the default.
    #[default]
    Ar,
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language, Arabic first.
    pub const ALL: [Lang; 3] = [Lang::Ar, Lang::Fr, Lang::En];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Whether text in this language runs right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// Picks the text (or anything else) for this language out of a triple `(ar, fr, en)`.
    pub fn pick<T>(self, ar: T, fr: T, en: T) -> T {
        match self {
            Lang::Ar => ar,
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = crate::ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" => Ok(Lang::Ar),
            "fr" => Ok(Lang::Fr),
            "en" => Ok(Lang::En),
            other => Err(crate::ModelError::invalid(
                "language",
                format!("\"{other}\" is not one of ar, fr, en"),
            )),
        }
    }
}
