//! Exact amounts of money: integer centimes and an ISO 4217 currency, never floating point.

use crate::{Lang, ModelError};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::{fmt, str::FromStr};

/// An ISO 4217 currency code. Mahdar's commitments are in Moroccan dirhams (`MAD`); other codes
/// are kept as given (a partner's contribution in euros, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The Moroccan dirham.
    pub const MAD: Currency = Currency(*b"MAD");

    /// The three-letter code.
    pub fn code(&self) -> &str {
        // Constructed only from three ASCII upper-case letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::MAD
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.trim().as_bytes();
        match b {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => {
                Ok(Currency([*a, *b, *c]))
            }
            _ => Err(ModelError::invalid(
                "currency",
                format!("\"{s}\" is not a three-letter ISO 4217 code such as MAD"),
            )),
        }
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// An amount of money: whole centimes (1/100) of a currency. Amounts of commitments are never
/// negative; an amount read from a document is checked like one typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "MoneyRepr")]
pub struct Money {
    /// The amount in centimes (26 000 000 MAD is 2 600 000 000).
    pub centimes: i64,
    /// The currency.
    pub currency: Currency,
}

#[derive(Deserialize)]
struct MoneyRepr {
    centimes: i64,
    currency: Currency,
}

impl TryFrom<MoneyRepr> for Money {
    type Error = ModelError;
    fn try_from(m: MoneyRepr) -> Result<Money, ModelError> {
        Money::new(m.centimes, m.currency)
    }
}

/// The largest amount accepted: a thousand billion, far beyond any budget line.
const MAX_CENTIMES: i64 = 100_000_000_000_000;

impl Money {
    /// An amount in centimes, checked to be non-negative and within bounds.
    pub fn new(centimes: i64, currency: Currency) -> Result<Money, ModelError> {
        if centimes < 0 {
            return Err(ModelError::invalid("amount", "must not be negative"));
        }
        if centimes > MAX_CENTIMES {
            return Err(ModelError::invalid(
                "amount",
                "is larger than any budget line (over 10^12)",
            ));
        }
        Ok(Money { centimes, currency })
    }

    /// Whole dirhams.
    pub fn mad(dirhams: i64) -> Result<Money, ModelError> {
        let centimes = dirhams
            .checked_mul(100)
            .ok_or_else(|| ModelError::invalid("amount", "is too large"))?;
        Money::new(centimes, Currency::MAD)
    }

    /// Zero of a currency.
    pub fn zero(currency: Currency) -> Money {
        Money {
            centimes: 0,
            currency,
        }
    }

    /// The sum of two amounts of the same currency.
    pub fn checked_add(self, other: Money) -> Result<Money, ModelError> {
        if self.currency != other.currency {
            return Err(ModelError::invalid(
                "amount",
                format!("cannot add {} to {}", other.currency, self.currency),
            ));
        }
        self.centimes
            .checked_add(other.centimes)
            .map(|centimes| Money {
                centimes,
                currency: self.currency,
            })
            .ok_or_else(|| ModelError::invalid("amount", "the total overflows"))
    }

    /// Formats the amount the way each language writes it in official documents:
    /// Arabic `26.000.000 درهم`, French `26 000 000,00 DH`, English `MAD 26,000,000.00`.
    /// Digits are always Western (as in Moroccan official usage); the French group separator is
    /// a no-break space so an amount never wraps across lines.
    pub fn format(&self, lang: Lang) -> String {
        let units = self.centimes / 100;
        let cents = self.centimes % 100;
        let mad = self.currency == Currency::MAD;
        match lang {
            Lang::Ar => {
                let mut s = group(units, '.');
                if cents != 0 {
                    s.push_str(&format!(",{cents:02}"));
                }
                let unit = if mad {
                    "درهم"
                } else {
                    self.currency.code()
                };
                format!("{s} {unit}")
            }
            Lang::Fr => {
                let unit = if mad { "DH" } else { self.currency.code() };
                format!("{},{cents:02}\u{a0}{unit}", group(units, '\u{a0}'))
            }
            Lang::En => format!(
                "{}\u{a0}{}.{cents:02}",
                self.currency.code(),
                group(units, ',')
            ),
        }
    }

    /// Reads an amount as people type it: `26000000`, `26 000 000,00`, `26.000.000 درهم`,
    /// `26,000,000.00 MAD`, `26 مليون درهم`, `4 ملايين`, `26 million DH`, `٢٦ مليون`.
    /// The currency defaults to MAD.
    pub fn parse(input: &str) -> Result<Money, ModelError> {
        parse_amount(input)
    }
}

impl fmt::Display for Money {
    /// A neutral, unambiguous form: `26000000.00 MAD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{:02} {}",
            self.centimes / 100,
            self.centimes % 100,
            self.currency
        )
    }
}

fn group(mut n: i64, sep: char) -> String {
    let mut groups = Vec::new();
    loop {
        if n < 1000 {
            groups.push(n.to_string());
            break;
        }
        groups.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// `s` without a trailing `suffix`, compared case-insensitively, char by char (never slicing
/// inside a character).
fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let n = suffix.chars().count();
    let start = s.char_indices().rev().nth(n.checked_sub(1)?)?.0;
    let tail = &s[start..];
    (tail.to_lowercase() == suffix).then(|| &s[..start])
}

fn parse_amount(input: &str) -> Result<Money, ModelError> {
    let bad = |why: &str| ModelError::invalid("amount", format!("\"{}\" {why}", input.trim()));
    // Western digits for Arabic-Indic and Eastern Arabic-Indic ones; Arabic separators.
    let normalised: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٫' => ',',
            '٬' | '\u{a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect();
    let mut s = normalised.trim();

    let mut currency = Currency::MAD;
    if let Some(rest) = s.strip_prefix("MAD") {
        s = rest.trim();
    } else {
        for (suffix, code) in [
            ("دراهم", None),
            ("درهم", None),
            ("dirhams", None),
            ("dirham", None),
            ("dhs", None),
            ("dh", None),
            ("mad", None),
            ("eur", Some(*b"EUR")),
            ("usd", Some(*b"USD")),
        ] {
            if let Some(rest) = strip_suffix_ci(s, suffix) {
                s = rest.trim();
                if let Some(code) = code {
                    currency = Currency(code);
                }
                break;
            }
        }
    }

    let mut multiplier: i64 = 1;
    for (word, factor) in [
        ("ملايين", 1_000_000),
        ("مليون", 1_000_000),
        ("millions", 1_000_000),
        ("million", 1_000_000),
        ("m", 1_000_000),
        ("مليار", 1_000_000_000),
        ("milliards", 1_000_000_000),
        ("milliard", 1_000_000_000),
        ("billion", 1_000_000_000),
        ("آلاف", 1_000),
        ("ألف", 1_000),
        ("k", 1_000),
    ] {
        if let Some(rest) = strip_suffix_ci(s, word) {
            s = rest.trim();
            multiplier = factor;
            break;
        }
    }

    let number: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if number.is_empty() {
        return Err(bad("has no number in it"));
    }
    if number.starts_with('-') {
        return Err(bad(
            "is negative; amounts of commitments are never negative",
        ));
    }
    // The last '.' or ',' followed by one or two digits is the decimal separator; every other
    // separator must be followed by exactly three digits (grouping).
    let (int_part, frac_part) = match number.rfind(['.', ',']) {
        Some(i) if (1..=2).contains(&(number.len() - i - 1)) => (&number[..i], &number[i + 1..]),
        _ => (number.as_str(), ""),
    };
    let mut digits = String::new();
    for (k, chunk) in int_part.split(['.', ',', ' ']).enumerate() {
        let ok = !chunk.is_empty()
            && chunk.chars().all(|c| c.is_ascii_digit())
            && (k == 0 || chunk.len() == 3);
        if !ok {
            return Err(bad(
                "is not an amount (e.g. 26 000 000, 26.000.000 or 26 مليون)",
            ));
        }
        digits.push_str(chunk);
    }
    if !frac_part.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad("is not an amount"));
    }
    let units: i64 = digits.parse().map_err(|_| bad("is too large"))?;
    let cents: i64 = match frac_part.len() {
        0 => 0,
        1 => {
            frac_part
                .parse::<i64>()
                .map_err(|_| bad("is not an amount"))?
                * 10
        }
        _ => frac_part.parse().map_err(|_| bad("is not an amount"))?,
    };
    // With a multiplier ("1,5 مليون") the fraction scales too.
    let centimes = units
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents))
        .and_then(|c| c.checked_mul(multiplier))
        .ok_or_else(|| bad("is too large"))?;
    Money::new(centimes, currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_each_language_writes_official_amounts() {
        let m = Money::mad(26_000_000).expect("valid");
        assert_eq!(m.format(Lang::Ar), "26.000.000 درهم");
        assert_eq!(m.format(Lang::Fr), "26\u{a0}000\u{a0}000,00\u{a0}DH");
        assert_eq!(m.format(Lang::En), "MAD\u{a0}26,000,000.00");
        let odd = Money::new(123_456_789, Currency::MAD).expect("valid");
        assert_eq!(
            odd.format(Lang::Ar),
            "1.234.567,89 درهم",
            "centimes appear when not zero"
        );
        assert_eq!(Money::zero(Currency::MAD).format(Lang::Fr), "0,00\u{a0}DH");
        assert_eq!(m.to_string(), "26000000.00 MAD");
    }

    #[test]
    fn reads_amounts_as_people_type_them() {
        let cases = [
            ("26000000", 2_600_000_000),
            ("26 000 000,00", 2_600_000_000),
            ("26.000.000 درهم", 2_600_000_000),
            ("26,000,000.00 MAD", 2_600_000_000),
            ("26 مليون درهم", 2_600_000_000),
            ("4 ملايين درهم", 400_000_000),
            ("٢٦ مليون", 2_600_000_000),
            ("1,5 million DH", 150_000_000),
            ("12.5", 1250),
            ("12,50", 1250),
            ("26\u{a0}000\u{a0}000,00\u{a0}DH", 2_600_000_000),
        ];
        for (input, centimes) in cases {
            let m = Money::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(
                m,
                Money {
                    centimes,
                    currency: Currency::MAD
                },
                "{input}"
            );
        }
        for bad in [
            "",
            "abc",
            "-5",
            "1.2.3,4",
            "26 0000",
            "99999999999999999999",
        ] {
            assert!(Money::parse(bad).is_err(), "\"{bad}\" must be refused");
        }
        assert_eq!(
            Money::parse("100 EUR")
                .map(|m| m.currency.to_string())
                .as_deref(),
            Ok("EUR")
        );
    }

    #[test]
    fn sums_are_exact_and_refuse_mixed_currencies() {
        let a = Money::mad(26_000_000).expect("valid");
        let b = Money::mad(4_000_000).expect("valid");
        assert_eq!(
            a.checked_add(b),
            Money::mad(30_000_000),
            "the seed meeting's total"
        );
        let eur = Money::new(100, "EUR".parse().expect("code")).expect("valid");
        assert!(
            a.checked_add(eur).is_err(),
            "dirhams and euros are never added"
        );
        assert!(Money::new(-1, Currency::MAD).is_err());
        let forged: Result<Money, _> =
            serde_json::from_value(serde_json::json!({"centimes": i64::MAX, "currency": "MAD"}));
        assert!(
            forged.is_err(),
            "an amount read from a document is checked too"
        );
        let json = serde_json::to_value(a).expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({"centimes": 2_600_000_000i64, "currency": "MAD"})
        );
    }
}
