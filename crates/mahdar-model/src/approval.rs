//! Who may move minutes through the workflow, and the record of an approval.
//!
//! Each laptop has a local user profile: a name and a role. Anyone may send minutes to review;
//! a reviewer or an approver may send them back; only an approver approves; an approver or the
//! secretariat publishes. Approving freezes a snapshot of the minutes and its SHA-256.

use crate::{Lang, MeetingId, MeetingStatus, ModelError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest user name, in characters.
pub const MAX_USER_NAME: usize = 120;

/// What the person using this laptop does in the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    /// Writes the minutes (the secretariat).
    Secretary,
    /// Reads them and sends them back or on.
    Reviewer,
    /// Approves them.
    Approver,
}

impl UserRole {
    /// Every role.
    pub const ALL: [UserRole; 3] = [UserRole::Secretary, UserRole::Reviewer, UserRole::Approver];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            UserRole::Secretary => "secretary",
            UserRole::Reviewer => "reviewer",
            UserRole::Approver => "approver",
        }
    }

    /// The role's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            UserRole::Secretary => lang.pick("كاتب/ة المحضر", "secrétaire", "secretary"),
            UserRole::Reviewer => lang.pick("مراجع/ة", "relecteur/relectrice", "reviewer"),
            UserRole::Approver => lang.pick("مصادق/ة", "approbateur/approbatrice", "approver"),
        }
    }

    /// The roles that may move minutes from `from` to `to`: anyone sends to review; a
    /// reviewer or an approver sends back; only an approver approves; the secretariat or an
    /// approver publishes, or starts an amendment of approved minutes.
    pub fn allowed(from: MeetingStatus, to: MeetingStatus) -> &'static [UserRole] {
        match (from, to) {
            (_, MeetingStatus::InReview) => &UserRole::ALL,
            (MeetingStatus::Approved | MeetingStatus::Published, MeetingStatus::Draft) => {
                &[UserRole::Secretary, UserRole::Approver]
            }
            (_, MeetingStatus::Draft) => &[UserRole::Reviewer, UserRole::Approver],
            (_, MeetingStatus::Approved) => &[UserRole::Approver],
            (_, MeetingStatus::Published) => &[UserRole::Secretary, UserRole::Approver],
        }
    }

    /// Whether this role may move minutes from `from` to `to` (the status machine decides
    /// separately whether the move exists).
    pub fn may_move(self, from: MeetingStatus, to: MeetingStatus) -> bool {
        UserRole::allowed(from, to).contains(&self)
    }
}

impl std::str::FromStr for UserRole {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        UserRole::ALL
            .into_iter()
            .find(|r| {
                r.code() == s
                    || [Lang::Ar, Lang::Fr, Lang::En]
                        .iter()
                        .any(|l| r.label(*l).eq_ignore_ascii_case(s))
            })
            .ok_or_else(|| ModelError::invalid("role", "one of: secretary, reviewer, approver"))
    }
}

/// The person using this laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserProfile {
    /// Their name, as it appears in approvals and the audit trail.
    pub name: String,
    /// What they do in the workflow.
    pub role: UserRole,
}

impl UserProfile {
    /// The name trimmed; empty, too long or control characters refused.
    pub fn validated(self) -> Result<UserProfile, ModelError> {
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(ModelError::invalid("name", "a name is needed"));
        }
        if name.chars().count() > MAX_USER_NAME {
            return Err(ModelError::invalid(
                "name",
                format!("at most {MAX_USER_NAME} characters"),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(ModelError::invalid(
                "name",
                "control characters are not allowed",
            ));
        }
        Ok(UserProfile { name, ..self })
    }
}

/// The record of one approval: the minutes as approved, frozen, and their SHA-256. A
/// document of its own, so it replicates and any laptop can verify a printed copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    /// The meeting approved.
    pub meeting: MeetingId,
    /// 0 for the first approval, then 1, 2, … for amendments.
    pub amendment: u32,
    /// Who approved.
    pub approved_by: String,
    /// Their role then.
    pub role: UserRole,
    /// When.
    pub approved_at: DateTime<Utc>,
    /// On which laptop (its replica id).
    pub machine: String,
    /// SHA-256 of the canonical JSON of `snapshot`, 64 lower-case hex digits.
    pub sha256: String,
    /// The minutes as approved.
    pub snapshot: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_approver_approves_and_anyone_sends_to_review() {
        use MeetingStatus::*;
        use UserRole::*;
        for role in UserRole::ALL {
            assert!(role.may_move(Draft, InReview));
        }
        assert!(Approver.may_move(InReview, Approved));
        assert!(!Reviewer.may_move(InReview, Approved));
        assert!(!Secretary.may_move(InReview, Approved));
        assert!(!Secretary.may_move(InReview, Draft));
        assert!(Reviewer.may_move(InReview, Draft));
        assert!(Secretary.may_move(Approved, Published));
        assert!(!Reviewer.may_move(Approved, Published));
        // An amendment is started by the secretariat or an approver.
        assert!(Secretary.may_move(Approved, Draft));
        assert!(Approver.may_move(Published, Draft));
        assert!(!Reviewer.may_move(Published, Draft));
    }

    #[test]
    fn roles_are_read_in_any_language_and_names_are_checked() {
        assert_eq!("approver".parse::<UserRole>(), Ok(UserRole::Approver));
        assert_eq!(
            "relecteur/relectrice".parse::<UserRole>(),
            Ok(UserRole::Reviewer)
        );
        assert_eq!("مصادق/ة".parse::<UserRole>(), Ok(UserRole::Approver));
        assert!("boss".parse::<UserRole>().is_err());
        let p = UserProfile {
            name: "  عواطف   حيار ".into(),
            role: UserRole::Approver,
        };
        assert_eq!(p.validated().map(|p| p.name), Ok("عواطف حيار".into()));
        for bad in ["", "   ", "a\u{7}b"] {
            let p = UserProfile {
                name: bad.into(),
                role: UserRole::Secretary,
            };
            assert!(p.validated().is_err(), "{bad:?}");
        }
        let long = UserProfile {
            name: "م".repeat(121),
            role: UserRole::Secretary,
        };
        assert!(long.validated().is_err());
    }
}
