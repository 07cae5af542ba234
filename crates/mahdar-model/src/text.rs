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

/// A list of one-line texts (aliases): blanks dropped, each checked, duplicates removed.
pub fn short_texts(field: &'static str, items: &[String]) -> Result<Vec<String>, ModelError> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items.iter().filter(|i| !i.trim().is_empty()) {
        let item = short_text(field, item)?;
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

/// A list of texts that may span lines (purposes, findings): blanks dropped, each checked.
pub fn long_texts(field: &'static str, items: &[String]) -> Result<Vec<String>, ModelError> {
    items
        .iter()
        .filter(|i| !i.trim().is_empty())
        .map(|i| long_text(field, i))
        .collect()
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

/// Folds a name or phrase for forgiving matching as people type: case and Latin accents,
/// Arabic diacritics and tatweel, the hamza forms of alef (أ إ آ ٱ → ا), ta marbuta (ة → ه),
/// alef maqsura (ى → ي), hamza on waw and ya (ؤ → و, ئ → ي), Arabic-Indic digits, and runs of
/// spaces. Stored text is never changed: this is only for comparing.
pub fn fold_for_match(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            // harakat, Quranic marks, tatweel
            '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{0640}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' => 'ه',
            'ى' => 'ي',
            'ؤ' => 'و',
            'ئ' => 'ي',
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'û' | 'ü' | 'ù' | 'ú' => 'u',
            'ÿ' | 'ý' => 'y',
            'ñ' => 'n',
            'ç' => 'c',
            'œ' | 'æ' => {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push_str(if c == 'œ' { "oe" } else { "ae" });
                continue;
            }
            c if c.is_whitespace() || c == '-' || c == '\u{200F}' || c == '\u{200E}' => {
                space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod fold_tests {
    use super::fold_for_match;

    #[test]
    fn spelling_variants_meet() {
        assert!(fold_for_match("السعيد الزنيبر").contains(&fold_for_match("زنيبر")));
        assert_eq!(
            fold_for_match("الإدماج"),
            fold_for_match("الادماج"),
            "hamza forms"
        );
        assert_eq!(
            fold_for_match("مدرّة"),
            fold_for_match("مدره"),
            "shadda and ta marbuta"
        );
        assert_eq!(fold_for_match("  Saïd   Zniber "), "said zniber");
        assert_eq!(fold_for_match("٢٦"), "26");
        assert_eq!(fold_for_match("عـــواطف"), "عواطف", "tatweel");
    }
}
