//! Amounts of money written in words or digits: "26 مليون درهم", "4 ملايين درهم", "خمسة ملايين
//! درهم", "مليار درهم", "1,2 مليار درهم", "150 ألف درهم", "30 millions de dirhams", "12 MDH".

use crate::lexicon::{CURRENCY, MULTIPLIERS, NUMBER_WORDS};
use crate::text::Word;
use mahdar_model::Money;

/// An amount found: its words `[first, end)` and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub first: usize,
    pub end: usize,
    pub money: Money,
}

/// Digits as a number: "26", "1,2", "1.5", "26.000.000", "30 000 000" (the groups are passed
/// joined), Arabic-Indic digits too.
fn number(s: &str) -> Option<f64> {
    let s: String = s
        .chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '٫' => ',',
            '٬' => '.',
            c => c,
        })
        .collect();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Thousands grouped: 26.000.000 or 26,000,000 (one separator alone is a decimal point).
    let groups: Vec<&str> = s.split(['.', ',']).collect();
    if groups.len() > 2 {
        return groups[1..]
            .iter()
            .all(|g| g.len() == 3)
            .then(|| groups.concat().parse().ok())
            .flatten();
    }
    s.replace(',', ".").parse().ok()
}

/// "150.000", "26,000": digits, one separator, exactly three digits — a thousands group.
fn thousands(s: &str) -> Option<f64> {
    let (head, tail) = s.split_once(['.', ','])?;
    let digits = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
    (digits(head) && head.len() <= 3 && tail.len() == 3 && digits(tail))
        .then(|| format!("{head}{tail}").parse().ok())
        .flatten()
}

/// The value of a number written in words at `words[i..]`: "خمسة", "عشرة", "ثلاثة وعشرين".
/// Returns (value, words used).
fn number_words(words: &[Word<'_>], i: usize) -> Option<(f64, usize)> {
    let first = NUMBER_WORDS.get(words.get(i)?.fold.as_str())?;
    // "ثلاثة وعشرين": a unit and a ten joined by و.
    if let Some(next) = words.get(i + 1)
        && let Some(rest) = next.fold.strip_prefix('و')
        && let Some(tens) = NUMBER_WORDS.get(rest)
        && *tens >= 20.0
        && *first < 10.0
    {
        return Some((first + tens, 2));
    }
    Some((*first, 1))
}

/// Every amount of money in `words[from..to]`.
pub fn amounts(words: &[Word<'_>], from: usize, to: usize) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if let Some(a) = amount_at(words, i, to) {
            i = a.end;
            out.push(a);
        } else {
            i += 1;
        }
    }
    out
}

/// A word without a clinging conjunction or preposition: "و3", "ومليون", "بثمانية".
fn bare(s: &str) -> &str {
    for p in ["و", "ب"] {
        if let Some(rest) = s.strip_prefix(p)
            && !rest.is_empty()
        {
            return rest;
        }
    }
    s
}

fn amount_at(words: &[Word<'_>], i: usize, to: usize) -> Option<Amount> {
    let mut j = i;
    let first_core = words[j].core;
    let first_fold = words[j].fold.as_str();
    // The number: digits (possibly grouped by spaces), words, or nothing before a multiplier
    // ("مليار درهم" is one billion).
    let mut value = if let Some(n) = number(first_core).or_else(|| number(bare(first_core))) {
        // "150.000 درهم", "750.000 dirhams": one separator before three digits, and no
        // multiplier after, groups thousands ("1,5 مليار" is a decimal).
        let followed_by_multiplier = words
            .get(i + 1)
            .is_some_and(|w| MULTIPLIERS.contains_key(w.fold.as_str()));
        let n = match thousands(bare(first_core)) {
            Some(t) if !followed_by_multiplier => t,
            _ => n,
        };
        let mut joined = bare(first_core).to_owned();
        j += 1;
        while j < to
            && words[j].core.len() == 3
            && words[j].core.chars().all(|c| c.is_ascii_digit())
            && !words[j - 1].comma
        {
            joined.push_str(words[j].core);
            j += 1;
        }
        if j > i + 1 { joined.parse().ok()? } else { n }
    } else if let Some((n, used)) = number_words(words, j) {
        j += used;
        n
    } else if let Some(n) = NUMBER_WORDS.get(bare(first_fold)) {
        j += 1;
        *n
    } else if MULTIPLIERS.contains_key(first_fold) || MULTIPLIERS.contains_key(bare(first_fold)) {
        1.0
    } else {
        return None;
    };
    let multiplier = |w: &Word<'_>| {
        MULTIPLIERS
            .get(w.fold.as_str())
            .or_else(|| {
                if j == i {
                    MULTIPLIERS.get(bare(&w.fold))
                } else {
                    None
                }
            })
            .copied()
    };
    if j < to
        && let Some(m) = multiplier(&words[j])
    {
        // The dual ("مليوني درهم") is two alone, but only the multiplier after a number.
        let dual = [2e3, 2e6, 2e9].contains(&m);
        value *= if dual && j > i { m / 2.0 } else { m };
        j += 1;
    }
    // "millions de dirhams"
    if j + 1 < to && words[j].fold == "de" {
        j += 1;
    }
    let currency = CURRENCY.get(words.get(j).filter(|_| j < to)?.fold.as_str())?;
    value *= currency;
    let dirhams = value.round();
    if !(1.0..=1e13).contains(&dirhams) {
        return None;
    }
    let money = Money::mad(dirhams as i64).ok()?;
    Some(Amount {
        first: i,
        end: j + 1,
        money,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn found(s: &str) -> Vec<i64> {
        let w = words(s);
        amounts(&w, 0, w.len())
            .into_iter()
            .map(|a| a.money.centimes / 100)
            .collect()
    }

    #[test]
    fn amounts_in_digits_and_words() {
        assert_eq!(
            found("غلافا ماليا من 26 مليون درهم لتعزيز، علما أن 4 ملايين درهم سترصد"),
            vec![26_000_000, 4_000_000]
        );
        assert_eq!(found("خمسة ملايين درهم"), vec![5_000_000]);
        assert_eq!(found("رصد مليار درهم"), vec![1_000_000_000]);
        assert_eq!(found("بقيمة 1,2 مليار درهم"), vec![1_200_000_000]);
        assert_eq!(found("150 ألف درهم"), vec![150_000]);
        assert_eq!(found("عشرة ملايين درهم"), vec![10_000_000]);
        assert_eq!(found("ثلاثة وعشرين مليون درهم"), vec![23_000_000]);
        assert_eq!(found("مليوني درهم"), vec![2_000_000]);
        assert_eq!(
            found("بقيمة 12 مليون درهم و3 ملايين درهم ومليون درهم"),
            vec![12_000_000, 3_000_000, 1_000_000]
        );
        assert_eq!(found("بثمانية ملايين درهم"), vec![8_000_000]);
        assert_eq!(found("30 millions de dirhams"), vec![30_000_000]);
        assert_eq!(found("12 MDH"), vec![12_000_000]);
        assert_eq!(found("1,5 milliard de dirhams"), vec![1_500_000_000]);
        assert_eq!(found("un budget de 30 000 000 MAD"), vec![30_000_000]);
        assert_eq!(found("مبلغ 26.000.000 درهم"), vec![26_000_000]);
        assert_eq!(
            found("150.000 درهم و750.000 dirhams"),
            vec![150_000, 750_000]
        );
        assert_eq!(
            found("1.500 مليون درهم"),
            vec![1_500_000],
            "a decimal before a multiplier"
        );
        assert!(found("التاسع من نوعه منذ 2021 في 12 جهة").is_empty());
    }
}
