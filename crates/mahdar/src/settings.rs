//! This laptop's settings: kept in a `_local` document, never replicated.

use crate::{Error, Mahdar, Result};
use mahdar_model::Lang;
use serde::{Deserialize, Serialize};

pub(crate) const SETTINGS: &str = "settings";

/// The most lines a letterhead has (kingdom, ministry, directorate, division, service).
pub const LETTERHEAD_MAX_LINES: usize = 5;
/// The longest a letterhead line may be, in characters.
pub const LETTERHEAD_MAX_CHARS: usize = 150;

/// Preferences of the person using this laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The language of the interface (Arabic by default).
    pub language: Lang,
    /// Days added to the computed Hijri date (−1, 0 or +1): Hijri months in Morocco begin
    /// with the sighting of the moon, which a calculation can miss by a day.
    pub hijri_adjust: i8,
    /// The lines at the top of the documents this laptop produces, per language.
    pub letterhead: LetterheadLines,
    /// Desktop notifications of actions due soon or overdue.
    pub reminders: crate::ReminderSettings,
    /// Minutes without a keystroke or a click after which the app locks encrypted data
    /// (0: never).
    pub auto_lock_minutes: u32,
    /// The largest file that may be attached, in MB.
    pub attachment_max_mb: u64,
    /// How the minutes (PDF and DOCX) show the site visits' photos.
    pub minutes_photos: mahdar_docs::PhotoLayout,
}

/// The largest attachment limit that may be set, in MB.
pub const MAX_ATTACHMENT_MB: u64 = 500;

/// The longest idle time before the app locks (8 hours: a working day).
pub const MAX_AUTO_LOCK_MINUTES: u32 = 480;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Lang::Ar,
            hijri_adjust: 0,
            letterhead: LetterheadLines::default(),
            reminders: crate::ReminderSettings::default(),
            auto_lock_minutes: 15,
            attachment_max_mb: 50,
            minutes_photos: mahdar_docs::PhotoLayout::default(),
        }
    }
}

/// A letterhead in each language, most general line first («المملكة المغربية», the ministry,
/// the directorate or regional delegation). Empty: the ministry's default letterhead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LetterheadLines {
    /// In Arabic.
    pub ar: Vec<String>,
    /// In French.
    pub fr: Vec<String>,
    /// In English.
    pub en: Vec<String>,
}

impl LetterheadLines {
    /// The lines for a language (empty when not set).
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Ar => &self.ar,
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    /// Lines trimmed, blank ones dropped; too many or too long ones refused.
    fn validated(self) -> Result<LetterheadLines> {
        let check = |lines: Vec<String>| -> Result<Vec<String>> {
            let lines: Vec<String> = lines
                .iter()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect();
            if lines.len() > LETTERHEAD_MAX_LINES {
                return Err(Error::invalid(
                    "letterhead",
                    format!("a letterhead has at most {LETTERHEAD_MAX_LINES} lines"),
                ));
            }
            if let Some(line) = lines
                .iter()
                .find(|l| l.chars().count() > LETTERHEAD_MAX_CHARS)
            {
                return Err(Error::invalid(
                    "letterhead",
                    format!(
                        "a letterhead line is at most {LETTERHEAD_MAX_CHARS} characters; \"{}…\" is longer",
                        line.chars().take(30).collect::<String>()
                    ),
                ));
            }
            if lines.iter().any(|l| l.chars().any(char::is_control)) {
                return Err(Error::invalid(
                    "letterhead",
                    "a letterhead line cannot hold control characters",
                ));
            }
            Ok(lines)
        };
        Ok(LetterheadLines {
            ar: check(self.ar)?,
            fr: check(self.fr)?,
            en: check(self.en)?,
        })
    }
}

impl Settings {
    /// Checks the values.
    pub fn validated(self) -> Result<Settings> {
        if !(-1..=1).contains(&self.hijri_adjust) {
            return Err(Error::invalid(
                "hijri_adjust",
                "the Hijri correction is −1, 0 or +1 day",
            ));
        }
        if self.auto_lock_minutes > MAX_AUTO_LOCK_MINUTES {
            return Err(Error::invalid(
                "auto_lock_minutes",
                format!("the app locks after 0 (never) to {MAX_AUTO_LOCK_MINUTES} minutes idle"),
            ));
        }
        if !(1..=MAX_ATTACHMENT_MB).contains(&self.attachment_max_mb) {
            return Err(Error::invalid(
                "attachment_max_mb",
                format!("files may be limited to 1 to {MAX_ATTACHMENT_MB} MB"),
            ));
        }
        Ok(Settings {
            letterhead: self.letterhead.validated()?,
            reminders: self.reminders.validated()?,
            ..self
        })
    }
}

impl Mahdar {
    /// The settings of this laptop (defaults until changed; unreadable ones fall back to them).
    pub fn settings(&self) -> Result<Settings> {
        Ok(self
            .store
            .get_local(SETTINGS)?
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default())
    }

    /// Saves the settings of this laptop, durably.
    pub fn set_settings(&self, settings: Settings) -> Result<Settings> {
        let settings = settings.validated()?;
        let value = serde_json::to_value(&settings)
            .map_err(|e| Error::invalid("settings", e.to_string()))?;
        self.store.put_local(SETTINGS, &value)?;
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_persist_and_refuse_wild_corrections() {
        let dir = tempfile::tempdir().expect("temp dir");
        let app = Mahdar::open(dir.path()).expect("opens");
        assert_eq!(
            app.settings().expect("read"),
            Settings::default(),
            "Arabic, no correction, at first"
        );
        let fr = Settings {
            language: Lang::Fr,
            hijri_adjust: -1,
            letterhead: LetterheadLines {
                fr: vec![
                    "Royaume du Maroc".into(),
                    "Délégation régionale de Fès-Meknès".into(),
                ],
                ..Default::default()
            },
            ..Settings::default()
        };
        // Blank lines and surrounding spaces go.
        let mut typed = fr.clone();
        typed.letterhead.fr = vec![
            " Royaume du Maroc ".into(),
            String::new(),
            "Délégation régionale de Fès-Meknès".into(),
            "  ".into(),
        ];
        assert_eq!(app.set_settings(typed).expect("saved"), fr);
        drop(app);
        let app = Mahdar::open(dir.path()).expect("reopens");
        assert_eq!(
            app.settings().expect("read"),
            fr,
            "settings survive a restart"
        );
        let wild = [
            Settings {
                hijri_adjust: 3,
                ..fr.clone()
            },
            Settings {
                auto_lock_minutes: MAX_AUTO_LOCK_MINUTES + 1,
                ..fr.clone()
            },
            Settings {
                reminders: crate::ReminderSettings {
                    enabled: true,
                    days: 0,
                },
                ..fr.clone()
            },
            Settings {
                letterhead: LetterheadLines {
                    ar: vec!["سطر".into(); LETTERHEAD_MAX_LINES + 1],
                    ..Default::default()
                },
                ..fr.clone()
            },
            Settings {
                letterhead: LetterheadLines {
                    en: vec!["x".repeat(LETTERHEAD_MAX_CHARS + 1)],
                    ..Default::default()
                },
                ..fr.clone()
            },
        ];
        for settings in wild {
            let err = app.set_settings(settings).expect_err("refused");
            assert_eq!(err.code(), "invalid_input");
            assert_eq!(
                app.settings().expect("read"),
                fr,
                "a refused change changes nothing"
            );
        }
    }
}
