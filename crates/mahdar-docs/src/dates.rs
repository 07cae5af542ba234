//! Dates as official Moroccan documents write them: the Hijri date first, the Gregorian one in
//! brackets, with Moroccan month names («نونبر», «دجنبر»). The Hijri date is computed with the
//! Umm al-Qura rules; Moroccan months begin with the sighting of the moon, which can differ by
//! a day, so a correction of −1, 0 or +1 day is applied.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use icu_calendar::{Date, cal::Hijri};
use mahdar_model::Lang;

/// A day in the Hijri calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HijriDate {
    /// The year (1448).
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month.
    pub day: u8,
}

/// The Hijri date of a Gregorian day, shifted by `adjust` days (−1, 0, +1).
pub fn hijri(day: NaiveDate, adjust: i8) -> Option<HijriDate> {
    let shifted = match adjust {
        a if a > 0 => day.checked_add_days(Days::new(a as u64))?,
        a if a < 0 => day.checked_sub_days(Days::new(a.unsigned_abs() as u64))?,
        _ => day,
    };
    let iso = Date::try_new_iso(shifted.year(), shifted.month() as u8, shifted.day() as u8).ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    Some(HijriDate {
        year: h.year().extended_year(),
        month: h.month().ordinal,
        day: h.day_of_month().0,
    })
}

const HIJRI_AR: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];
const HIJRI_FR: [&str; 12] = [
    "mouharram",
    "safar",
    "rabia al-awal",
    "rabia ath-thani",
    "joumada al-oula",
    "joumada ath-thania",
    "rajab",
    "chaabane",
    "ramadan",
    "chaoual",
    "dou al-qi'da",
    "dou al-hijja",
];
const HIJRI_EN: [&str; 12] = [
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Thani",
    "Jumada al-Ula",
    "Jumada al-Akhira",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qadah",
    "Dhu al-Hijjah",
];
/// Gregorian months as Moroccan official texts name them.
const GREGORIAN_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
];
const GREGORIAN_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const GREGORIAN_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday(day: Weekday, lang: Lang) -> &'static str {
    let i = day.num_days_from_monday() as usize;
    let names: [[&str; 7]; 3] = [
        [
            "الاثنين",
            "الثلاثاء",
            "الأربعاء",
            "الخميس",
            "الجمعة",
            "السبت",
            "الأحد",
        ],
        [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
    ];
    names[lang as usize][i]
}

/// "28 نونبر 2026", "28 novembre 2026", "28 November 2026".
pub fn gregorian(day: NaiveDate, lang: Lang) -> String {
    let months = match lang {
        Lang::Ar => &GREGORIAN_AR,
        Lang::Fr => &GREGORIAN_FR,
        Lang::En => &GREGORIAN_EN,
    };
    format!(
        "{} {} {}",
        day.day(),
        months[day.month0() as usize],
        day.year()
    )
}

/// "17 جمادى الآخرة 1448", with the era mark in running text.
pub fn hijri_text(h: HijriDate, lang: Lang) -> String {
    let i = usize::from(h.month.clamp(1, 12) - 1);
    match lang {
        Lang::Ar => format!("{} {} {} هـ", h.day, HIJRI_AR[i], h.year),
        Lang::Fr => format!("{} {} {} H", h.day, HIJRI_FR[i], h.year),
        Lang::En => format!("{} {} {} AH", h.day, HIJRI_EN[i], h.year),
    }
}

/// The full official date: weekday, Hijri date, and the Gregorian date in brackets —
/// «السبت 18 جمادى الآخرة 1448 هـ (28 نونبر 2026 م)».
pub fn official(day: NaiveDate, lang: Lang, hijri_adjust: i8) -> String {
    let greg = gregorian(day, lang);
    match hijri(day, hijri_adjust) {
        Some(h) => match lang {
            Lang::Ar => format!(
                "{} {} ({} م)",
                weekday(day.weekday(), lang),
                hijri_text(h, lang),
                greg
            ),
            Lang::Fr | Lang::En => {
                let wd = weekday(day.weekday(), lang);
                format!("{wd} {greg} ({})", hijri_text(h, lang))
            }
        },
        None => greg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("valid date")
    }

    #[test]
    fn hijri_dates_follow_umm_al_qura_and_take_the_moroccan_correction() {
        // 28 November 2026 is 18 Jumada al-Akhira 1448 by Umm al-Qura.
        assert_eq!(
            hijri(day("2026-11-28"), 0),
            Some(HijriDate {
                year: 1448,
                month: 6,
                day: 18
            })
        );
        assert_eq!(hijri(day("2026-11-28"), -1).map(|h| h.day), Some(17));
        assert_eq!(hijri(day("2026-11-28"), 1).map(|h| h.day), Some(19));
        // 1 Ramadan 1447 fell on 18 February 2026 (Umm al-Qura).
        assert_eq!(
            hijri(day("2026-02-18"), 0),
            Some(HijriDate {
                year: 1447,
                month: 9,
                day: 1
            })
        );
    }

    #[test]
    fn official_dates_read_as_moroccan_documents_write_them() {
        assert_eq!(
            official(day("2026-11-28"), Lang::Ar, 0),
            "السبت 18 جمادى الآخرة 1448 هـ (28 نونبر 2026 م)"
        );
        assert_eq!(
            official(day("2026-11-28"), Lang::Fr, 0),
            "samedi 28 novembre 2026 (18 joumada ath-thania 1448 H)"
        );
        assert_eq!(gregorian(day("2026-12-01"), Lang::Ar), "1 دجنبر 2026");
        assert_eq!(gregorian(day("2026-08-15"), Lang::Ar), "15 غشت 2026");
    }
}
