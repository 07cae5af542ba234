//! From a press report to a draft meeting: rule-based extraction, no network and no model.
//!
//! [`extract`] reads a report (Arabic or French, in the style of the news agencies' dispatches)
//! and returns proposals: the region, prefecture, format, series and rank, date and aims of the
//! meeting; who attended (a person with their title in either order, or a group; spellings of
//! one name merged); what each speaker said (reporting verbs, continuations, the channel of a
//! press statement); amounts of money as draft follow-up actions; site visits. Each proposal
//! carries the span of text it came from, so a person can check it against the source.
//!
//! Everything is found by rules over words: verbs of saying, title and group heads, a list of
//! first names, month names (Moroccan and Mashriq), ordinals and number words. What the text
//! does not say (a date, a venue) is not proposed, so the draft shows it as missing.

mod arabic;
mod draft;
mod french;
mod lexicon;
mod money;
mod text;

pub use draft::Extraction;

use mahdar_model::Lang;

/// The report's language: Arabic unless Latin letters clearly dominate.
pub fn language_of(source: &str) -> Lang {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in source.chars() {
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
        } else if c.is_alphabetic() && c.is_ascii() || ('À'..='ÿ').contains(&c) {
            latin += 1;
        }
    }
    if latin > arabic * 2 {
        Lang::Fr
    } else {
        Lang::Ar
    }
}

/// Reads a report and proposes a draft meeting. Never fails: a text with nothing recognisable
/// gives no proposals.
pub fn extract(source: &str) -> Extraction {
    match language_of(source) {
        Lang::Fr | Lang::En => french::extract(source),
        Lang::Ar => arabic::extract(source),
    }
}

/// Whether two spellings are of one name: the same letters once folded, give or take the
/// article on each word ("السعيد الزنيبر" = "السعيد زنيبر").
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (draft::name_key(a), draft::name_key(b));
    !a.is_empty() && a == b
}

/// Words the rules react to — verbs of saying, titles, names, amounts, dates, commas, dashes,
/// marks glued to words — for tests that generate reports to reach the rules rather than their
/// first "nothing here" (the property tests here and the facade's fuzz target).
#[doc(hidden)]
pub const TEST_WORDS: &[&str] = &[
    "وقالت",
    "وأكد",
    "أما",
    "فنوه",
    "ومن",
    "جانبه،",
    "الوزيرة",
    "وزيرة",
    "والي",
    "جهة",
    "فاس",
    "مكناس",
    "عامل",
    "عمالة",
    "إقليم",
    "رئيس",
    "مجلس",
    "الجهة،",
    "السعيد",
    "الزنيبر،",
    "عبد",
    "بحضور",
    "وعمال",
    "وممثلي",
    "والمجتمع",
    "المدني.",
    "26",
    "مليون",
    "ملايين",
    "مليار",
    "درهم",
    "لتعزيز",
    "لفائدة",
    "زارت",
    "قام",
    "بزيارة",
    "على",
    "مستوى",
    "قصد",
    "التاسع",
    "من",
    "نوعه",
    "إطلاق",
    "بالداخلة",
    "يوم",
    "الثلاثاء",
    "12",
    "دجنبر",
    "2023",
    "تصريح",
    "لوكالة",
    "إن",
    "أن",
    "،",
    ".",
    "-",
    "\n",
    "a",
    "déclaré",
    "la",
    "ministre",
    "Salma",
    "Benjelloun,",
    "wali",
    "région",
    "de",
    "30",
    "millions",
    "dirhams",
    "MDH",
    "pour",
    "présence",
    "du",
    "visité",
    "\u{202e}",
    "\u{0}",
    "٢٦",
    "999999999999999",
    "1,2",
    "ثم",
    "حيث",
    "ترأس",
    "كل",
    "وشارك",
    "الذي",
    "ترأسه",
    "ومركز",
    "إحدى",
    "s'est",
    "rendue",
    "Quant",
    "au",
    "il",
    "Elle",
];
