//! Site visits made during or after a meeting.

use crate::{
    MeetingId, ModelError, PersonId, long_text, long_texts, optional_short_text, short_text,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A visit to a place: institutions seen, who went, what they found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteVisit {
    /// The meeting it belongs to, if any.
    pub meeting: Option<MeetingId>,
    /// The day.
    pub date: Option<NaiveDate>,
    /// What was visited ("مؤسسات الحماية الاجتماعية").
    pub place: String,
    /// The commune.
    pub commune: Option<String>,
    /// The prefecture or province, as written ("عمالة فاس").
    pub province: Option<String>,
    /// Why.
    pub purpose: Option<String>,
    /// Who went.
    #[serde(default)]
    pub participants: Vec<PersonId>,
    /// What they found, one finding each.
    #[serde(default)]
    pub findings: Vec<String>,
}

impl SiteVisit {
    /// Checks and tidies the visit.
    pub fn validated(mut self) -> Result<SiteVisit, ModelError> {
        self.place = short_text("place", &self.place)?;
        self.commune = optional_short_text("commune", self.commune.as_deref())?;
        self.province = optional_short_text("province", self.province.as_deref())?;
        self.purpose = match self.purpose.as_deref() {
            Some(p) if !p.trim().is_empty() => Some(long_text("purpose", p)?),
            _ => None,
        };
        self.findings = long_texts("findings", &self.findings)?;
        self.participants.dedup();
        Ok(self)
    }
}
