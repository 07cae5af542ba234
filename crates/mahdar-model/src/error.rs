//! The one error type of the domain rules.

/// A rule of the domain was broken. Messages say what is wrong and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// A value given by the user is not acceptable.
    #[error("{field}: {reason}")]
    Invalid {
        /// The field, as the user knows it (e.g. `text`, `amount`).
        field: &'static str,
        /// What is wrong with it, and how to fix it.
        reason: String,
    },
    /// The speaker of a statement is not on the meeting's attendance list.
    #[error("the speaker {speaker} does not attend this meeting: add them to the attendance first")]
    SpeakerNotAttending {
        /// The registry id of the speaker.
        speaker: String,
    },
    /// The speaker is listed, but as excused or absent.
    #[error("the speaker {speaker} is marked {presence} for this meeting: mark them present first")]
    SpeakerNotPresent {
        /// The registry id of the speaker.
        speaker: String,
        /// How they are marked.
        presence: &'static str,
    },
    /// A status machine refused a move.
    #[error("cannot move {what} from \"{from}\" to \"{to}\"; allowed from \"{from}\": {allowed}")]
    IllegalTransition {
        /// `meeting` or `action`.
        what: &'static str,
        /// The current status.
        from: &'static str,
        /// The requested status.
        to: &'static str,
        /// The statuses that can follow `from`, comma separated.
        allowed: String,
    },
    /// Approved or published minutes cannot be edited in place.
    #[error(
        "this meeting's minutes are {status} and read-only; changes need a new amended version"
    )]
    MeetingLocked {
        /// `approved` or `published`.
        status: &'static str,
    },
}

impl ModelError {
    /// Shorthand for [`ModelError::Invalid`].
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        ModelError::Invalid {
            field,
            reason: reason.into(),
        }
    }

    /// A stable, machine-readable code for the UI to translate.
    pub fn code(&self) -> &'static str {
        match self {
            ModelError::Invalid { .. } => "invalid_input",
            ModelError::SpeakerNotAttending { .. } => "speaker_not_attending",
            ModelError::SpeakerNotPresent { .. } => "speaker_not_present",
            ModelError::IllegalTransition { .. } => "illegal_transition",
            ModelError::MeetingLocked { .. } => "meeting_locked",
        }
    }
}
