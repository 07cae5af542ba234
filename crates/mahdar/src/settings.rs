//! This laptop's settings: kept in a `_local` document, never replicated.

use crate::{Error, Mahdar, Result};
use mahdar_model::Lang;
use serde::{Deserialize, Serialize};

const SETTINGS: &str = "settings";

/// Preferences of the person using this laptop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The language of the interface (Arabic by default).
    pub language: Lang,
    /// Days added to the computed Hijri date (−1, 0 or +1): Hijri months in Morocco begin
    /// with the sighting of the moon, which a calculation can miss by a day.
    pub hijri_adjust: i8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Lang::Ar,
            hijri_adjust: 0,
        }
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
        Ok(self)
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
        let value = serde_json::to_value(settings)
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
        };
        app.set_settings(fr).expect("saved");
        drop(app);
        let app = Mahdar::open(dir.path()).expect("reopens");
        assert_eq!(
            app.settings().expect("read"),
            fr,
            "settings survive a restart"
        );
        let err = app
            .set_settings(Settings {
                hijri_adjust: 3,
                ..fr
            })
            .expect_err("refused");
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(
            app.settings().expect("read"),
            fr,
            "a refused change changes nothing"
        );
    }
}
