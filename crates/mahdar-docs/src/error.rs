//! The documents crate's one error type.

/// A document could not be produced or read.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// The PDF could not be laid out (a template fault, reported with typst's message).
    #[error("the minutes could not be laid out: {0}")]
    Layout(String),
    /// A document could not be written.
    #[error("the document could not be written: {0}")]
    Write(String),
    /// A font the documents need is missing or unreadable.
    #[error("the bundled font {0} cannot be read")]
    Font(&'static str),
    /// A photo cannot be shown or changed: HEIC, not an image, damaged, too large. The
    /// message says which, in one line.
    #[error("{0}")]
    Image(String),
}
