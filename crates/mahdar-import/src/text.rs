//! Words and sentences of a report, each with its byte range in the source, so that whatever
//! the rules find can point back at the exact text it came from.

use mahdar_model::fold_for_match;
use std::ops::Range;

/// Punctuation that clings to words.
const CLINGING: &[char] = &[
    ',', '،', '.', ';', '؛', ':', '!', '?', '؟', '(', ')', '«', '»', '"', '\'', '“', '”', '[', ']',
];

/// One word of the source.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// The word without clinging punctuation.
    pub core: &'a str,
    /// Where `core` is in the source.
    pub range: Range<usize>,
    /// `core` folded for matching (hamza forms, ta marbuta, diacritics, case).
    pub fold: String,
    /// A comma follows the word.
    pub comma: bool,
    /// The word ends a sentence (a full stop, question or exclamation mark).
    pub full_stop: bool,
    /// The word is the last of its paragraph (line).
    pub para_end: bool,
}

/// Marks that fold away (bidi controls, tatweel) or a dash glued to a word: not part of it.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{061C}' | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' | '\u{0640}' | '-' | '–' | '—'
    )
}

/// Where a word's text starts once a prefix of `bytes` (a conjunction "و", a preposition "ب"
/// read on its folded form) is left out; the word's own start if the prefix is not there as
/// such in the text.
pub fn start_after(word: &Word<'_>, bytes: usize) -> usize {
    if bytes <= word.core.len() && word.core.is_char_boundary(bytes) {
        word.range.start + bytes
    } else {
        word.range.start
    }
}

/// The words of `source`, in order.
pub fn words(source: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let before = out.len();
        // Words are separated by any whitespace (a no-break space too) or control character;
        // offsets are kept exact whatever the separators' width.
        let separator = |c: char| c.is_whitespace() || c.is_control();
        let mut pieces = Vec::new();
        let mut piece_start = None;
        for (i, c) in line.char_indices() {
            match (separator(c), piece_start) {
                (true, Some(st)) => {
                    pieces.push((st, &line[st..i]));
                    piece_start = None;
                }
                (false, None) => piece_start = Some(i),
                _ => {}
            }
        }
        if let Some(st) = piece_start {
            pieces.push((st, &line[st..]));
        }
        for (at, raw) in pieces {
            let start = line_start + at;
            let mut lead = raw.len() - raw.trim_start_matches(CLINGING).len();
            // "‏وقال", "-وممثلي": the mark or dash glued before a word is not part of it (a
            // dash alone, a dateline's, stays a word).
            let unmarked = raw[lead..].trim_start_matches(invisible);
            if unmarked.chars().any(char::is_alphanumeric) {
                lead = raw.len() - unmarked.trim_start_matches(CLINGING).len();
            }
            let body = &raw[lead..];
            let core = body.trim_end_matches(CLINGING).trim_end_matches(invisible);
            let core = if core.is_empty() {
                body.trim_end_matches(CLINGING)
            } else {
                core
            };
            let tail = &body[core.len()..];
            if core.is_empty() {
                // Punctuation standing alone ("، " or " .") belongs to the word before.
                let has_prev = out.len() > before;
                if let Some(prev) = out.last_mut().filter(|_| has_prev) {
                    prev.comma |= raw.contains([',', '،']);
                    prev.full_stop |= raw.contains(['.', '!', '?', '؟']);
                }
                continue;
            }
            // "26.5" keeps its point (inside the core); a word ending in "." ends the sentence.
            let full_stop = tail.contains(['.', '!', '?', '؟']);
            out.push(Word {
                core,
                range: start + lead..start + lead + core.len(),
                fold: fold_for_match(core),
                comma: tail.contains([',', '،', ';', '؛']),
                full_stop,
                para_end: false,
            });
        }
        if out.len() > before
            && let Some(last) = out.last_mut()
        {
            last.para_end = true;
        }
    }
    out
}

/// A sentence: a run of words ending at a full stop or a paragraph's end.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// Index of its first word.
    pub first: usize,
    /// One past its last word.
    pub end: usize,
    /// It opens its paragraph.
    pub opens_para: bool,
}

impl Sentence {
    /// Where the sentence is in the source, its full stop included.
    pub fn range(&self, source: &str, words: &[Word<'_>]) -> Range<usize> {
        words[self.first].range.start..end_with_stop(source, &words[self.end - 1])
    }

    /// Whether it has a letter or a digit at all (a "sentence" of stray marks says nothing).
    pub fn says_something(&self, words: &[Word<'_>]) -> bool {
        words[self.first..self.end]
            .iter()
            .any(|w| w.core.chars().any(char::is_alphanumeric))
    }

    /// The first word after a dateline ("وجدة - ", "Marrakech - "), or the first word.
    pub fn after_dateline(&self, words: &[Word<'_>]) -> usize {
        (self.first..(self.first + 4).min(self.end))
            .find(|&k| matches!(words[k].core, "-" | "–" | "—"))
            .map_or(self.first, |d| d + 1)
    }
}

/// The sentences of a list of words.
pub fn sentences(words: &[Word<'_>]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut opens_para = true;
    for (i, w) in words.iter().enumerate() {
        if w.full_stop || w.para_end {
            out.push(Sentence {
                first,
                end: i + 1,
                opens_para,
            });
            first = i + 1;
            opens_para = w.para_end;
        }
    }
    if first < words.len() {
        out.push(Sentence {
            first,
            end: words.len(),
            opens_para,
        });
    }
    out
}

/// The source text from the start of word `from` to the end of word `to - 1`, with the
/// punctuation that ends it (a sentence keeps its full stop).
pub fn slice<'a>(source: &'a str, words: &[Word<'_>], from: usize, to: usize) -> &'a str {
    if from >= to || to > words.len() {
        return "";
    }
    &source[words[from].range.start..end_with_stop(source, &words[to - 1])]
}

/// The end of a word in the source, past a full stop that ends it.
pub fn end_with_stop(source: &str, word: &Word<'_>) -> usize {
    let mut end = word.range.end;
    if word.full_stop {
        let rest = &source[end..];
        let punct = rest.len() - rest.trim_start_matches(CLINGING).len();
        let stop = rest[..punct].rfind(['.', '!', '?', '؟']).map_or(0, |i| {
            i + rest[i..].chars().next().map_or(1, char::len_utf8)
        });
        end += stop;
    }
    end
}

/// The source from the start of word `from` to the end of word `to - 1`, bare (no trailing
/// punctuation).
pub fn phrase<'a>(source: &'a str, words: &[Word<'_>], from: usize, to: usize) -> &'a str {
    if from >= to || to > words.len() {
        return "";
    }
    &source[words[from].range.start..words[to - 1].range.end]
}

/// A folded word without the article ال (and a leading conjunction before it), for comparing
/// spellings of one name ("الزنيبر" = "زنيبر").
pub fn without_article(fold: &str) -> &str {
    let s = fold
        .strip_prefix("و")
        .filter(|r| r.starts_with("ال"))
        .unwrap_or(fold);
    s.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_place() {
        let s = "وقالت الوزيرة، عواطف حيار، إن 26.5 مليون.\nسطر ثان";
        let w = words(s);
        assert_eq!(w[1].core, "الوزيرة");
        assert!(w[1].comma);
        assert_eq!(&s[w[2].range.clone()], "عواطف");
        assert_eq!(w[5].core, "26.5");
        assert!(!w[5].full_stop);
        assert!(w[6].full_stop && w[6].para_end);
        let ss = sentences(&w);
        assert_eq!(ss.len(), 2);
        assert_eq!(
            slice(s, &w, ss[0].first, ss[0].end),
            "وقالت الوزيرة، عواطف حيار، إن 26.5 مليون."
        );
        assert!(ss[1].opens_para);
    }

    #[test]
    fn wide_separators_keep_offsets_exact() {
        let s = "قالت\u{a0}الوزيرة\u{2003}\u{0}إن\r\nسطر";
        let w = words(s);
        let cores: Vec<&str> = w.iter().map(|x| x.core).collect();
        assert_eq!(cores, ["قالت", "الوزيرة", "إن", "سطر"]);
        for x in &w {
            assert_eq!(&s[x.range.clone()], x.core);
        }
        assert!(w[2].para_end);
    }

    #[test]
    fn marks_and_dashes_glued_to_a_word_are_left_out() {
        let s = "\u{200F}وقال -وممثلي وجدة - ترأس";
        let w = words(s);
        let cores: Vec<&str> = w.iter().map(|x| x.core).collect();
        assert_eq!(cores, ["وقال", "وممثلي", "وجدة", "-", "ترأس"]);
        for x in &w {
            assert_eq!(&s[x.range.clone()], x.core);
        }
        assert_eq!(start_after(&w[0], 'و'.len_utf8()), w[0].range.start + 2);
        assert_eq!(
            start_after(&w[3], 'و'.len_utf8()),
            w[3].range.start,
            "not there as such"
        );
    }

    #[test]
    fn conjunctions_and_articles() {
        assert_eq!(without_article("الزنيبر"), "زنيبر");
        assert_eq!(without_article("زنيبر"), "زنيبر");
    }
}
