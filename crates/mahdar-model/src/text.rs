//! Checks on the text a person types: trimmed, not empty where required, bounded, and free of
//! control characters that would corrupt exports.

use crate::ModelError;

/// The longest a name, title or place may be, in characters.
pub const MAX_SHORT_TEXT: usize = 500;
/// The longest a statement, description or finding may be, in characters.
pub const MAX_LONG_TEXT: usize = 100_000;

fn check(
    field: &'static str,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<String, ModelError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ModelError::invalid(field, "must not be empty"));
    }
    let count = trimmed.chars().count();
    if count > max {
        return Err(ModelError::invalid(
            field,
            format!("is {count} characters long; the limit is {max}"),
        ));
    }
    // Bidi marks (U+200E/F, U+2066–2069) are legitimate in Arabic text; C0/C1 controls are not.
    let bad = trimmed
        .chars()
        .find(|&c| c.is_control() && !(multiline && (c == '\n' || c == '\t')));
    if let Some(c) = bad {
        return Err(ModelError::invalid(
            field,
            format!(
                "contains the control character U+{:04X}; remove it",
                c as u32
            ),
        ));
    }
    Ok(trimmed.to_owned())
}

/// A required one-line text (name, title, place).
pub fn short_text(field: &'static str, value: &str) -> Result<String, ModelError> {
    check(field, value, MAX_SHORT_TEXT, false)
}

/// An optional one-line text: blank becomes `None`.
pub fn optional_short_text(
    field: &'static str,
    value: Option<&str>,
) -> Result<Option<String>, ModelError> {
    match value {
        Some(v) if !v.trim().is_empty() => short_text(field, v).map(Some),
        _ => Ok(None),
    }
}

/// A required text that may span lines (statement, description).
pub fn long_text(field: &'static str, value: &str) -> Result<String, ModelError> {
    check(field, value, MAX_LONG_TEXT, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_refuses_blank_or_controls() {
        assert_eq!(
            short_text("name", "  عواطف حيار \n").as_deref(),
            Ok("عواطف حيار")
        );
        assert!(
            short_text("name", "   ").is_err(),
            "blank names are refused"
        );
        assert!(
            short_text("name", "a\u{0007}b").is_err(),
            "bell characters never reach exports"
        );
        assert!(short_text("name", "a\nb").is_err(), "names are one line");
        assert_eq!(
            long_text("text", "سطر\nسطر").as_deref(),
            Ok("سطر\nسطر"),
            "statements keep lines"
        );
        assert_eq!(
            optional_short_text("venue", Some("  ")),
            Ok(None),
            "a blank optional field is simply missing"
        );
        assert!(
            long_text("text", &"ا".repeat(MAX_LONG_TEXT + 1)).is_err(),
            "size is bounded"
        );
    }
}
