//! Files attached to a meeting, a site visit, a statement or a progress entry: photos from the
//! field, signed attendance sheets, scanned letters. The document holds what is known about the
//! file; the file itself is kept once, under its SHA-256.

use crate::{
    DocKey, MeetingId, ModelError, ProgressId, StatementId, VisitId, optional_short_text,
    short_text,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::{fmt, str::FromStr};

/// What a file is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttachedTo {
    /// A meeting as a whole (the signed attendance sheet).
    Meeting(MeetingId),
    /// A site visit (its photos).
    Visit(VisitId),
    /// A statement.
    Statement(StatementId),
    /// An entry of an action's progress log (the signed convention).
    Progress(ProgressId),
}

impl AttachedTo {
    /// The owner's document id.
    pub fn doc_id(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for AttachedTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttachedTo::Meeting(id) => id.fmt(f),
            AttachedTo::Visit(id) => id.fmt(f),
            AttachedTo::Statement(id) => id.fmt(f),
            AttachedTo::Progress(id) => id.fmt(f),
        }
    }
}

impl FromStr for AttachedTo {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let kind = s.split_once(':').map_or("", |(k, _)| k);
        match kind {
            "meeting" => MeetingId::parse_doc_id(s).map(AttachedTo::Meeting),
            "visit" => VisitId::parse_doc_id(s).map(AttachedTo::Visit),
            "statement" => StatementId::parse_doc_id(s).map(AttachedTo::Statement),
            "progress" => ProgressId::parse_doc_id(s).map(AttachedTo::Progress),
            _ => Err(ModelError::invalid(
                "owner",
                "files attach to a meeting, a site visit, a statement or a progress entry",
            )),
        }
    }
}

impl Serialize for AttachedTo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AttachedTo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where a photo was taken, from its EXIF data (degrees; south and west negative).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GpsPoint {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// The longest file name kept, in characters.
pub const MAX_FILE_NAME: usize = 255;

/// A file attached to a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// What it is attached to.
    pub owner: AttachedTo,
    /// The meeting the owner belongs to, when known (for lists and for locked minutes).
    #[serde(default)]
    pub meeting: Option<MeetingId>,
    /// The file's name as it was on the laptop: shown, never used as a path.
    pub name: String,
    /// Its media type (`image/jpeg`, `application/pdf`…), from its first bytes.
    pub media_type: String,
    /// Its size in bytes.
    pub length: u64,
    /// The SHA-256 of its bytes (64 lower-case hex digits): where it is kept.
    pub sha256: String,
    /// What it shows.
    #[serde(default)]
    pub caption: Option<String>,
    /// When it was attached.
    pub added_at: DateTime<Utc>,
    /// Where a photo was taken (EXIF).
    #[serde(default)]
    pub gps: Option<GpsPoint>,
    /// When a photo was taken (EXIF, as the camera wrote it).
    #[serde(default)]
    pub taken: Option<String>,
}

/// A file name reduced to what can be shown: its last path component, without control
/// characters or bidi overrides, at most [`MAX_FILE_NAME`] characters; `None` if nothing is
/// left.
pub fn clean_file_name(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .take(MAX_FILE_NAME)
        .collect();
    let cleaned = cleaned.trim();
    (!cleaned.is_empty() && cleaned != "." && cleaned != "..").then(|| cleaned.to_owned())
}

impl Attachment {
    /// Checks and tidies the metadata.
    pub fn validated(mut self) -> Result<Attachment, ModelError> {
        self.name = clean_file_name(&self.name)
            .ok_or_else(|| ModelError::invalid("name", "a file needs a name"))?;
        self.media_type = short_text("media_type", &self.media_type)?;
        if !(self.sha256.len() == 64
            && self
                .sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        {
            return Err(ModelError::invalid(
                "sha256",
                "must be 64 lower-case hex digits",
            ));
        }
        self.caption = optional_short_text("caption", self.caption.as_deref())?;
        self.taken = optional_short_text("taken", self.taken.as_deref())?;
        if let Some(g) = self.gps
            && !(g.lat.is_finite()
                && g.lon.is_finite()
                && (-90.0..=90.0).contains(&g.lat)
                && (-180.0..=180.0).contains(&g.lon))
        {
            self.gps = None;
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_never_a_path() {
        assert_eq!(
            clean_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            clean_file_name("..\\..\\boot.ini").as_deref(),
            Some("boot.ini")
        );
        assert_eq!(
            clean_file_name("صورة\u{202e}gpj.exe").as_deref(),
            Some("صورةgpj.exe")
        );
        assert_eq!(clean_file_name("a/.."), None);
        assert_eq!(clean_file_name("  "), None);
        assert_eq!(
            clean_file_name(&"x".repeat(400)).map(|n| n.chars().count()),
            Some(255)
        );
    }

    #[test]
    fn owners_are_the_four_kinds_only() {
        let m = "meeting:0193abcd-0000-7000-8000-000000000001";
        assert!(matches!(
            m.parse::<AttachedTo>(),
            Ok(AttachedTo::Meeting(_))
        ));
        assert!(
            "person:0193abcd-0000-7000-8000-000000000001"
                .parse::<AttachedTo>()
                .is_err()
        );
        assert!("../etc".parse::<AttachedTo>().is_err());
    }
}
