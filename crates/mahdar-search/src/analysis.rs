//! How text becomes index terms, the same way for what is stored and for what is searched.
//!
//! Arabic: diacritics and tatweel go; أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي; Arabic-Indic and
//! Eastern digits → 0-9. A word is indexed under several forms at one position, so spellings of
//! one word meet without one form swallowing another:
//! - its **primary** form: the article and the prefixes fused with it (ال، وال، بال، فال، كال،
//!   لل) removed — «الوزيرة», «والوزيرة» and «للوزيرة» are all «وزيره»;
//! - when it begins with one of و ف ب ك ل and is long enough, the form **without that letter**
//!   («ووزيرة» → «وزيره»). The letter may belong to the word («وزيرة»), so the unstripped form
//!   stays the primary one;
//! - a **light stem**: one plural or feminine ending removed (ات، ون، ين، ه) when at least
//!   three letters remain, so «مؤسسة» and «المؤسسات», «الجهوية» and «الجهوي» meet;
//! - for a word with a hamza on a seat (ؤ، ئ), a form with every hamza alike, so that
//!   «المسؤولية» and «المسئولية» meet although the required folds give و and ي.
//!
//! Latin (French, and the Latin spelling of names): lower case, elisions (l', d', qu'…) apart,
//! accents folded; the French Snowball stem as a second form.
//!
//! Stored text is never changed: tokens keep the byte offsets of the original words, so
//! highlights show the text as it was written.

use mahdar_model::fold_for_match;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the index knows this analysis by.
pub const TOKENIZER: &str = "mahdar";

const ARTICLES: [&str; 6] = ["وال", "بال", "فال", "كال", "لل", "ال"];
const PREFIX_LETTERS: [char; 5] = ['و', 'ف', 'ب', 'ك', 'ل'];
// Not «ي»: it would make «الاجتماعي» (social) a form of «اجتماعات» (meetings).
const SUFFIXES: [&str; 4] = ["ات", "ون", "ين", "ه"];
const ELISIONS: [&str; 10] = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu"];

fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0620..=0x064A | 0x066E..=0x06D3 | 0x06D5 | 0x06FA..=0x06FF)
}

fn is_arabic_mark(c: char) -> bool {
    matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640)
}

/// Whether a character belongs inside a word.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_arabic_mark(c)
}

/// The primary form of an Arabic word with every hamza on a seat written alike.
fn hamza_neutral(word: &str) -> String {
    let hamzas: String = word
        .chars()
        .map(|c| if matches!(c, 'ؤ' | 'ئ') { 'ء' } else { c })
        .collect();
    let folded = fold_for_match(&hamzas);
    ARTICLES
        .iter()
        .filter_map(|a| folded.strip_prefix(a))
        .find(|rest| letters(rest) >= 2)
        .unwrap_or(&folded)
        .to_owned()
}

fn letters(s: &str) -> usize {
    s.chars().count()
}

fn strip_suffix(word: &str) -> Option<&str> {
    SUFFIXES
        .iter()
        .filter_map(|s| word.strip_suffix(s))
        .find(|rest| letters(rest) >= 3)
}

/// The index forms of one word, the primary one first; empty for a word that is not indexed
/// (a lone elided article).
pub fn word_forms(word: &str) -> Vec<String> {
    let mut forms: Vec<String> = Vec::with_capacity(4);
    let push = |f: String, forms: &mut Vec<String>| {
        if !f.is_empty() && !forms.contains(&f) {
            forms.push(f);
        }
    };
    if word.chars().any(is_arabic_letter) {
        let folded = fold_for_match(word);
        let primary = ARTICLES
            .iter()
            .filter_map(|a| folded.strip_prefix(a))
            .find(|rest| letters(rest) >= 2)
            .unwrap_or(&folded)
            .to_owned();
        push(primary.clone(), &mut forms);
        if primary == folded
            && let Some(rest) = PREFIX_LETTERS
                .iter()
                .filter_map(|p| folded.strip_prefix(*p))
                .find(|rest| letters(rest) >= 3)
        {
            let rest = ARTICLES
                .iter()
                .filter_map(|a| rest.strip_prefix(a))
                .find(|r| letters(r) >= 2)
                .unwrap_or(rest);
            push(rest.to_owned(), &mut forms);
        }
        if word.contains(['ؤ', 'ئ']) {
            push(hamza_neutral(word), &mut forms);
        }
        let stems: Vec<String> = forms
            .iter()
            .filter_map(|f| strip_suffix(f).map(str::to_owned))
            .collect();
        for s in stems {
            push(s, &mut forms);
        }
    } else {
        let lower: String = word.chars().flat_map(char::to_lowercase).collect();
        if ELISIONS.contains(&fold_for_match(&lower).as_str()) {
            return forms;
        }
        push(fold_for_match(&lower), &mut forms);
        if lower.chars().any(char::is_alphabetic) && letters(&lower) > 3 {
            let stem = frostem::Stemmer::new(frostem::Algorithm::French)
                .stem(&lower)
                .into_owned();
            push(fold_for_match(&stem), &mut forms);
        }
    }
    forms
}

/// The words of a text with their byte ranges. Apostrophes split («l'Insertion» → «l»,
/// «Insertion»); digits stay in words, so «26.000.000» gives 26, 000, 000.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start: Option<usize> = None;
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

/// The analysis as a tantivy tokenizer: every form of a word at the word's position, with the
/// word's offsets in the original text.
#[derive(Debug, Clone, Default)]
pub struct MahdarTokenizer;

/// The tokens of one text.
#[derive(Debug)]
pub struct MahdarTokens {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for MahdarTokenizer {
    type TokenStream<'a> = MahdarTokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MahdarTokens {
        let mut tokens = Vec::new();
        let mut position = 0;
        for (at, word) in words(text) {
            let forms = word_forms(word);
            if forms.is_empty() {
                continue;
            }
            for form in forms {
                tokens.push(Token {
                    offset_from: at,
                    offset_to: at + word.len(),
                    position,
                    text: form,
                    position_length: 1,
                });
            }
            position += 1;
        }
        MahdarTokens { tokens, next: 0 }
    }
}

impl TokenStream for MahdarTokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let i = self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn primary(word: &str) -> String {
        word_forms(word).first().cloned().unwrap_or_default()
    }

    fn meet(a: &str, b: &str) -> bool {
        let (fa, fb) = (word_forms(a), word_forms(b));
        fa.iter().any(|f| fb.contains(f))
    }

    #[test]
    fn spellings_of_one_word_meet() {
        for (a, b) in [
            ("الوزيرة", "وزيرة"),
            ("والوزيرة", "وزيرة"),
            ("للوزيرة", "الوزيرة"),
            ("ووزيرة", "وزيرة"),
            ("أحمد", "احمد"),
            ("إدماج", "ادماج"),
            ("الإدماج", "الادماج"),
            ("مؤسسة", "المؤسسات"),
            ("الجهوية", "الجهوي"),
            ("زنيبر", "الزنيبر"),
            ("مستشفى", "مستشفي"),
            ("مسؤول", "مسوول"),
            ("المسؤولية", "المسئولية"),
            ("عَمَّالُ", "عمال"),
            ("الاجتمـــاع", "اجتماع"),
            ("٢٠٢٦", "2026"),
            ("۲۶", "26"),
            ("Société", "societe"),
            ("régionale", "régionales"),
            ("Fès", "fes"),
        ] {
            assert!(
                meet(a, b),
                "{a} / {b}: {:?} {:?}",
                word_forms(a),
                word_forms(b)
            );
        }
    }

    #[test]
    fn different_words_stay_apart() {
        for (a, b) in [
            ("وزيرة", "وزارة"),
            ("حيار", "حياة"),
            ("مدينة", "دين"),
            ("Fès", "fesse"),
            ("اجتماعات", "الاجتماعي"),
        ] {
            assert!(
                !meet(a, b),
                "{a} / {b}: {:?} {:?}",
                word_forms(a),
                word_forms(b)
            );
        }
        // A short word keeps its letters: «ولد» is not «ل» + «د».
        assert_eq!(primary("ولد"), "ولد");
    }

    #[test]
    fn elisions_and_numbers() {
        let words: Vec<&str> = words("l'Insertion — 26.000.000 درهم")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, ["l", "Insertion", "26", "000", "000", "درهم"]);
        assert!(word_forms("l").is_empty());
        assert_eq!(primary("Insertion"), "insertion");
    }

    #[test]
    fn tokens_keep_the_original_offsets() {
        let text = "قالت الوزيرة: 26 مليون";
        let mut t = MahdarTokenizer;
        let mut stream = t.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let tok = stream.token();
            seen.push((
                tok.position,
                tok.text.clone(),
                &text[tok.offset_from..tok.offset_to],
            ));
        }
        assert!(
            seen.contains(&(1, "وزيره".to_owned(), "الوزيرة")),
            "{seen:?}"
        );
        assert!(seen.contains(&(2, "26".to_owned(), "26")), "{seen:?}");
    }
}
