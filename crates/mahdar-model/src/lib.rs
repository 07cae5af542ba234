//! Mahdar's domain: what a meeting's record holds and the rules it obeys.
//!
//! Series, meetings, the registry of people, groups and organisations, attendance, statements,
//! decisions, follow-up actions with their progress log, and site visits. Money is exact
//! (integer centimes), Morocco's twelve regions are built in, and every rule the minutes must
//! obey lives here: a statement's speaker must attend the meeting, status machines refuse illegal
//! moves, approved minutes are read-only, and a draft may lack its date or venue but says so.
//!
//! This crate does no IO and reads no clock: ids, dates and "today" are passed in, so every rule
//! is tested exactly.

mod action;
mod amounts;
mod approval;
mod attachment;
mod attendance;
mod audit;
mod error;
mod ids;
mod lang;
mod meeting;
mod money;
mod order;
mod region;
mod registry;
mod report;
mod series;
mod statement;
mod text;
mod visit;

pub use action::{ActionStatus, FollowUpAction, ProgressEntry, SourceRef, StatusChange};
pub use amounts::amounts_in;
pub use approval::{Approval, MAX_USER_NAME, UserProfile, UserRole};
pub use attachment::{AttachedTo, Attachment, GpsPoint, MAX_FILE_NAME, clean_file_name};
pub use attendance::{Attendance, AttendanceMode, Presence, Role};
pub use audit::{AuditEntry, AuditOp, AuditedEdit, Change};
pub use error::ModelError;
pub use ids::{
    ActionId, AgendaItemId, ApprovalId, AttachmentId, AttendanceId, AuditId, DecisionId, DocKey,
    MeetingId, OrganisationId, PartyRef, PersonId, ProgressId, ReportId, SeriesId, StatementId,
    VisitId,
};
pub use lang::Lang;
pub use meeting::{
    AgendaItem, MAX_RANK, Meeting, MeetingFormat, MeetingStatus, MissingField, Prefecture,
    PrefectureKind,
};
pub use money::{Currency, Money};
pub use order::OrderKey;
pub use region::Region;
pub use registry::{Organisation, Person, PersonKind, Precedence, TitleHeld};
pub use report::{
    MAX_REPORT_CHARS, Proposal, ProposalItem, ProposalStatus, ProposedParty, ReportDraft, Span,
};
pub use series::{Series, ordinal};
pub use statement::{Decision, Statement, StatementKind, TextForm};
pub use text::{
    MAX_LONG_TEXT, MAX_SHORT_TEXT, fold_for_match, long_text, long_texts, optional_short_text,
    short_text, short_texts,
};
pub use visit::SiteVisit;

/// The time zone every meeting time is expressed in (wall-clock time in Morocco).
pub const MEETING_TIME_ZONE: chrono_tz::Tz = chrono_tz::Africa::Casablanca;
