//! Finding amounts of money in running text ("… غلافا ماليا من 26 مليون درهم …"), so a statement
//! can become a follow-up action with its amount already filled in.

use crate::Money;
use std::ops::Range;

const CURRENCY_WORDS: [&str; 7] = ["درهم", "دراهم", "dh", "dhs", "mad", "dirhams", "dirham"];
const MULTIPLIER_WORDS: [&str; 8] = [
    "مليون",
    "ملايين",
    "مليار",
    "ألف",
    "آلاف",
    "million",
    "millions",
    "milliards",
];
const TRAILING_PUNCTUATION: &[char] = &[',', '،', '.', ';', '؛', ':', ')', '(', '»', '«', '"'];

fn is_numeric(word: &str) -> bool {
    word.chars()
        .any(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
        && word.chars().all(|c| {
            c.is_ascii_digit() || ('٠'..='٩').contains(&c) || matches!(c, '.' | ',' | '٫' | '٬')
        })
}

fn bare(word: &str) -> &str {
    word.trim_matches(TRAILING_PUNCTUATION)
}

/// Every amount written in `text` with its currency ("26 مليون درهم", "4 ملايين درهم",
/// "26.000.000 DH", "30 000 000 MAD"), with its byte range in the text. A number without a
/// currency word is not taken for money.
pub fn amounts_in(text: &str) -> Vec<(Range<usize>, Money)> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (start, first) = words[i];
        if !is_numeric(bare(first)) {
            i += 1;
            continue;
        }
        // Digits grouped by spaces: "30 000 000".
        let mut j = i + 1;
        while j < words.len()
            && bare(words[j].1).len() == 3
            && bare(words[j].1).chars().all(|c| c.is_ascii_digit())
        {
            j += 1;
        }
        if j < words.len() && MULTIPLIER_WORDS.contains(&bare(words[j].1).to_lowercase().as_str()) {
            j += 1;
        }
        let currency = words.get(j).map(|(_, w)| bare(w).to_lowercase());
        if currency.is_some_and(|c| CURRENCY_WORDS.contains(&c.as_str())) {
            let (end_start, end_word) = words[j];
            let end = end_start + end_word.trim_end_matches(TRAILING_PUNCTUATION).len();
            let candidate: Vec<&str> = words[i..=j].iter().map(|(_, w)| bare(w)).collect();
            if let Ok(money) = Money::parse(&candidate.join(" ")) {
                found.push((start..end, money));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_amounts_of_the_seed_proposal() {
        let text = "ولتجاوز هذا الوضع، تقترح الوزارة على السلطات المحلية والمجلس الجهوي شراكة تعبئ غلافا ماليا من 26 مليون درهم لتعزيز الاندماج الاقتصادي للنساء، علما أن 4 ملايين درهم سترصد أيضا";
        let found = amounts_in(text);
        let amounts: Vec<Money> = found.iter().map(|(_, m)| *m).collect();
        assert_eq!(
            amounts,
            vec![
                Money::mad(26_000_000).expect("valid"),
                Money::mad(4_000_000).expect("valid")
            ]
        );
        assert_eq!(
            &text[found[0].0.clone()],
            "26 مليون درهم",
            "the span is the amount as written"
        );
    }

    #[test]
    fn other_spellings_and_non_amounts() {
        let found = |t: &str| {
            amounts_in(t)
                .into_iter()
                .map(|(_, m)| m.centimes / 100)
                .collect::<Vec<_>>()
        };
        assert_eq!(found("un budget de 30 000 000 MAD, voté"), vec![30_000_000]);
        assert_eq!(found("مبلغ 26.000.000 درهم."), vec![26_000_000]);
        assert_eq!(found("١٢ مليون درهم"), vec![12_000_000]);
        assert!(
            found("التاسع من نوعه منذ 2021 في 12 جهة").is_empty(),
            "numbers without a currency are not money"
        );
    }
}
