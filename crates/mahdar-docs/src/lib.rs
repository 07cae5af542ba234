//! Mahdar's documents out and in: the formal minutes ("محضر اجتماع") as PDF (typst, used as a
//! library) and DOCX, the Akoma Ntoso `debate` XML, follow-up actions as CSV, meetings and due
//! dates as iCalendar. Arabic first, right to left; French and English too.
//!
//! The renderers take a [`Minutes`]: one meeting's record with every name resolved, built by the
//! facade. Nothing here touches the store.

mod akn;
pub mod dates;
mod docx;
mod error;
mod minutes;
mod pdf;
pub mod photos;
mod report;
mod tabular;

pub use akn::akoma_ntoso;
pub use docx::docx;
pub use error::DocError;
pub use minutes::{
    ApprovalStamp, Attendee, Commitment, DocOptions, Letterhead, Minutes, Name, Photo, PhotoLayout,
    Said,
};

/// The prefix under which a PDF of approved minutes carries their SHA-256 (in its keywords),
/// for `verify-minutes` to read back.
pub const PDF_HASH_TAG: &str = "mahdar-sha256:";
pub use pdf::{layout, pdf};
pub use report::{ActionsReport, actions_pdf};
pub use tabular::{ActionRow, CalendarMeeting, actions_csv, icalendar};
