//! A press report turned into a draft meeting: the source text and what was found in it, each
//! item a proposal tied to the exact span of text it came from, waiting for a person to accept,
//! edit or reject it.
//!
//! The extraction itself lives in `mahdar-import`; applying a proposal (creating the attendance
//! entry, the statement, the action…) lives in the facade. This module is only the record.

use crate::{
    ActionStatus, Lang, MeetingFormat, MeetingId, ModelError, Money, PersonId, PersonKind,
    Precedence, Prefecture, Region, Role, StatementKind, long_text, optional_short_text,
    short_text,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest report accepted (characters): a press report is a page or two; a hundred
/// thousand characters is fifty pages.
pub const MAX_REPORT_CHARS: usize = 100_000;

/// A stretch of the source text, in characters (Unicode scalar values) from its start; `end`
/// is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// The first character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// The text the span covers (empty if it lies outside `source`).
    pub fn of<'a>(&self, source: &'a str) -> &'a str {
        if self.end <= self.start {
            return "";
        }
        let mut bounds = source
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(source.len()));
        let Some(start) = bounds.nth(self.start) else {
            return "";
        };
        let Some(end) = bounds.nth(self.end - self.start - 1) else {
            return "";
        };
        &source[start..end]
    }
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    /// Waiting for a person.
    #[default]
    Pending,
    /// Accepted (possibly after an edit): it is in the meeting's record.
    Accepted,
    /// Rejected: nothing was written.
    Rejected,
}

/// Who owns or partners on a proposed action: someone on the proposed attendance list, or an
/// organisation by name (matched against the registry when accepted, created otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposedParty {
    /// The attendee proposal with this number.
    Attendee(u32),
    /// An organisation, by its name as written ("الوزارة", "المجلس الجهوي").
    Organisation(String),
}

/// One thing found in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProposalItem {
    /// The meeting's region.
    Region {
        /// The region.
        region: Region,
    },
    /// The meeting's prefecture or province.
    Prefecture {
        /// It.
        prefecture: Prefecture,
    },
    /// In person, online or hybrid.
    Format {
        /// The format.
        format: MeetingFormat,
    },
    /// The meeting's series, and its rank in it ("التاسع من نوعه منذ إطلاق … بالداخلة").
    Series {
        /// The series' title (from the report's purpose; edit it freely).
        title: String,
        /// The meeting's rank in the series.
        rank: Option<u32>,
        /// Where the series began.
        launched_in: Option<String>,
        /// The organiser, by name.
        organiser: Option<String>,
    },
    /// The day of the meeting.
    Date {
        /// It.
        date: NaiveDate,
    },
    /// One aim of the meeting.
    Purpose {
        /// The aim, as written.
        text: String,
    },
    /// Someone who attended, a person or a group.
    Attendee {
        /// The name, in the report's script.
        name: String,
        /// Other spellings of the same name in the report.
        #[serde(default)]
        aliases: Vec<String>,
        /// The title that day, as written.
        title: Option<String>,
        /// One person or a group.
        person_kind: PersonKind,
        /// Protocol rank, from the title.
        precedence: Precedence,
        /// Their roles in the meeting.
        roles: Vec<Role>,
        /// The organisation they represent, by name, if the title names one.
        organisation: Option<String>,
        /// The registry entry this is, when one matched.
        matched: Option<PersonId>,
    },
    /// Something someone said.
    Statement {
        /// The attendee proposal of the speaker.
        speaker: u32,
        /// Speech, intervention, press statement…
        statement_kind: StatementKind,
        /// The channel of a press statement ("وكالة المغرب العربي للأنباء").
        channel: Option<String>,
        /// Speaking on behalf of ("الوزارة").
        speaking_as: Option<String>,
        /// What was said, as written.
        text: String,
    },
    /// A commitment: an amount and its purpose, or a visit made.
    Action {
        /// A short title.
        title: String,
        /// The clause it came from.
        description: Option<String>,
        /// Who owns it.
        owner: Option<ProposedParty>,
        /// With whom.
        #[serde(default)]
        partners: Vec<ProposedParty>,
        /// How much.
        amount: Option<Money>,
        /// For whom.
        beneficiaries: Option<String>,
        /// Where it stands (named apart from the proposal's own status).
        action_status: ActionStatus,
        /// The statement proposal it came from.
        statement: Option<u32>,
        /// The visit proposal it came from.
        visit: Option<u32>,
    },
    /// A site visit.
    Visit {
        /// What was visited.
        place: String,
        /// The prefecture or province, as written.
        province: Option<String>,
        /// Why.
        purpose: Option<String>,
        /// The attendee proposals of those who went.
        #[serde(default)]
        participants: Vec<u32>,
    },
}

impl ProposalItem {
    /// The kind's name, as in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            ProposalItem::Region { .. } => "region",
            ProposalItem::Prefecture { .. } => "prefecture",
            ProposalItem::Format { .. } => "format",
            ProposalItem::Series { .. } => "series",
            ProposalItem::Date { .. } => "date",
            ProposalItem::Purpose { .. } => "purpose",
            ProposalItem::Attendee { .. } => "attendee",
            ProposalItem::Statement { .. } => "statement",
            ProposalItem::Action { .. } => "action",
            ProposalItem::Visit { .. } => "visit",
        }
    }

    /// The other proposals this one refers to (a statement's speaker, an action's owner…).
    pub fn refers_to(&self) -> Vec<u32> {
        let party = |p: &ProposedParty| match p {
            ProposedParty::Attendee(n) => Some(*n),
            ProposedParty::Organisation(_) => None,
        };
        match self {
            ProposalItem::Statement { speaker, .. } => vec![*speaker],
            ProposalItem::Action {
                owner,
                partners,
                statement,
                visit,
                ..
            } => owner
                .iter()
                .chain(partners)
                .filter_map(party)
                .chain(*statement)
                .chain(*visit)
                .collect(),
            ProposalItem::Visit { participants, .. } => participants.clone(),
            _ => Vec::new(),
        }
    }

    /// Checks and tidies the item's own texts (references are checked against the draft).
    pub fn validated(self) -> Result<ProposalItem, ModelError> {
        // A person edits these lists one entry at a time: fifty is far beyond any meeting.
        const MAX_LIST: usize = 50;
        let too_long = |field: &'static str, n: usize| {
            (n > MAX_LIST).then(|| {
                ModelError::invalid(
                    field,
                    format!("{n} entries; at most {MAX_LIST} are accepted"),
                )
            })
        };
        let lists = match &self {
            ProposalItem::Attendee { aliases, roles, .. } => {
                too_long("aliases", aliases.len()).or_else(|| too_long("roles", roles.len()))
            }
            ProposalItem::Action { partners, .. } => too_long("partners", partners.len()),
            ProposalItem::Visit { participants, .. } => {
                too_long("participants", participants.len())
            }
            _ => None,
        };
        if let Some(e) = lists {
            return Err(e);
        }
        Ok(match self {
            ProposalItem::Series {
                title,
                rank,
                launched_in,
                organiser,
            } => ProposalItem::Series {
                title: short_text("title", &title)?,
                rank: match rank {
                    Some(r) if r == 0 || r > crate::MAX_RANK => {
                        return Err(ModelError::invalid(
                            "rank",
                            format!("{r} is not a rank in a series (1–{})", crate::MAX_RANK),
                        ));
                    }
                    r => r,
                },
                launched_in: optional_short_text("launched_in", launched_in.as_deref())?,
                organiser: optional_short_text("organiser", organiser.as_deref())?,
            },
            ProposalItem::Purpose { text } => ProposalItem::Purpose {
                text: long_text("purpose", &text)?,
            },
            ProposalItem::Attendee {
                name,
                aliases,
                title,
                person_kind,
                precedence,
                roles,
                organisation,
                matched,
            } => ProposalItem::Attendee {
                name: short_text("name", &name)?,
                aliases: crate::short_texts("aliases", &aliases)?,
                title: optional_short_text("title", title.as_deref())?,
                person_kind,
                precedence,
                roles,
                organisation: optional_short_text("organisation", organisation.as_deref())?,
                matched,
            },
            ProposalItem::Statement {
                speaker,
                statement_kind,
                channel,
                speaking_as,
                text,
            } => ProposalItem::Statement {
                speaker,
                statement_kind,
                channel: optional_short_text("channel", channel.as_deref())?,
                speaking_as: optional_short_text("speaking_as", speaking_as.as_deref())?,
                text: long_text("text", &text)?,
            },
            ProposalItem::Action {
                title,
                description,
                owner,
                partners,
                amount,
                beneficiaries,
                action_status,
                statement,
                visit,
            } => ProposalItem::Action {
                title: short_text("title", &title)?,
                description: match description.as_deref() {
                    Some(d) if !d.trim().is_empty() => Some(long_text("description", d)?),
                    _ => None,
                },
                owner,
                partners,
                amount,
                beneficiaries: optional_short_text("beneficiaries", beneficiaries.as_deref())?,
                action_status,
                statement,
                visit,
            },
            ProposalItem::Visit {
                place,
                province,
                purpose,
                participants,
            } => ProposalItem::Visit {
                place: short_text("place", &place)?,
                province: optional_short_text("province", province.as_deref())?,
                purpose: match purpose.as_deref() {
                    Some(p) if !p.trim().is_empty() => Some(long_text("purpose", p)?),
                    _ => None,
                },
                participants,
            },
            other => other,
        })
    }
}

/// One proposal: an item, where it came from, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Its number in the draft, from 1; other proposals refer to it by this.
    pub no: u32,
    /// The text it came from.
    pub span: Span,
    /// Other places the same thing is mentioned (a name's later spellings).
    #[serde(default)]
    pub also: Vec<Span>,
    /// Pending, accepted or rejected.
    #[serde(default)]
    pub status: ProposalStatus,
    /// Whether a person changed it before accepting.
    #[serde(default)]
    pub edited: bool,
    /// The document it became, once accepted.
    pub record: Option<String>,
    /// What was found.
    #[serde(flatten)]
    pub item: ProposalItem,
}

/// A report imported as a draft meeting: the text as pasted and the proposals made from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDraft {
    /// The draft meeting.
    pub meeting: MeetingId,
    /// The report's language.
    pub lang: Lang,
    /// The text, exactly as pasted.
    pub source: String,
    /// What was found, in the order of the text within each kind.
    pub proposals: Vec<Proposal>,
}

impl ReportDraft {
    /// The proposal with this number.
    pub fn proposal(&self, no: u32) -> Result<&Proposal, ModelError> {
        self.proposals.iter().find(|p| p.no == no).ok_or_else(|| {
            ModelError::invalid(
                "proposal",
                format!(
                    "this draft has no proposal {no} (1–{})",
                    self.proposals.len()
                ),
            )
        })
    }

    /// Checks a report before extraction: not empty, not too long.
    pub fn check_source(source: &str) -> Result<(), ModelError> {
        if source.trim().is_empty() {
            return Err(ModelError::invalid("report", "the report is empty"));
        }
        let chars = source.chars().count();
        if chars > MAX_REPORT_CHARS {
            return Err(ModelError::invalid(
                "report",
                format!(
                    "the report has {chars} characters; at most {MAX_REPORT_CHARS} are accepted"
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edited_lists_are_bounded() {
        let visit = |n: u32| ProposalItem::Visit {
            place: "مركز".into(),
            province: None,
            purpose: None,
            participants: (1..=n).collect(),
        };
        assert!(visit(50).validated().is_ok());
        let err = visit(51).validated().expect_err("too many");
        assert_eq!(
            err.to_string(),
            "participants: 51 entries; at most 50 are accepted"
        );
    }

    #[test]
    fn spans_count_characters() {
        let s = "وقالت الوزيرة";
        assert_eq!(Span { start: 0, end: 5 }.of(s), "وقالت");
        assert_eq!(Span { start: 6, end: 13 }.of(s), "الوزيرة");
        assert_eq!(Span { start: 6, end: 99 }.of(s), "", "outside the text");
        assert_eq!(Span { start: 3, end: 3 }.of(s), "", "empty");
    }

    #[test]
    fn proposals_round_trip_as_flat_json() {
        let p = Proposal {
            no: 3,
            span: Span { start: 1, end: 4 },
            also: Vec::new(),
            status: ProposalStatus::Pending,
            edited: false,
            record: None,
            item: ProposalItem::Statement {
                speaker: 1,
                statement_kind: StatementKind::PressStatement,
                channel: Some("وكالة المغرب العربي للأنباء".into()),
                speaking_as: None,
                text: "أشارت".into(),
            },
        };
        let json = serde_json::to_value(&p).expect("serialises");
        assert_eq!(json["kind"], "statement");
        assert_eq!(json["speaker"], 1);
        assert_eq!(json["status"], "pending");
        let back: Proposal = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, p);

        // An action's own status does not collide with the proposal's.
        let action = Proposal {
            item: ProposalItem::Action {
                title: "شراكة".into(),
                description: None,
                owner: Some(ProposedParty::Organisation("الوزارة".into())),
                partners: vec![ProposedParty::Attendee(2)],
                amount: Some(Money::mad(26_000_000).expect("valid")),
                beneficiaries: None,
                action_status: ActionStatus::Done,
                statement: Some(3),
                visit: None,
            },
            status: ProposalStatus::Rejected,
            ..p
        };
        let json = serde_json::to_value(&action).expect("serialises");
        assert_eq!(json["status"], "rejected");
        assert_eq!(json["action_status"], "done");
        assert_eq!(
            json["owner"],
            serde_json::json!({"organisation": "الوزارة"})
        );
        let back: Proposal = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, action);
    }
}
