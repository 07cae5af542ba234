//! Morocco's twelve regions (the 2015 division), built in as reference data.

use crate::{Lang, ModelError, fold_for_match};
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// One of Morocco's twelve regions. Serialised as a stable slug (`fes-meknes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// 1. Tanger-Tétouan-Al Hoceïma — طنجة تطوان الحسيمة
    TangerTetouanAlHoceima,
    /// 2. L'Oriental — الشرق
    Oriental,
    /// 3. Fès-Meknès — فاس مكناس
    FesMeknes,
    /// 4. Rabat-Salé-Kénitra — الرباط سلا القنيطرة
    RabatSaleKenitra,
    /// 5. Béni Mellal-Khénifra — بني ملال خنيفرة
    BeniMellalKhenifra,
    /// 6. Casablanca-Settat — الدار البيضاء سطات
    CasablancaSettat,
    /// 7. Marrakech-Safi — مراكش آسفي
    MarrakechSafi,
    /// 8. Drâa-Tafilalet — درعة تافيلالت
    DraaTafilalet,
    /// 9. Souss-Massa — سوس ماسة
    SoussMassa,
    /// 10. Guelmim-Oued Noun — كلميم واد نون
    GuelmimOuedNoun,
    /// 11. Laâyoune-Sakia El Hamra — العيون الساقية الحمراء
    LaayouneSakiaElHamra,
    /// 12. Dakhla-Oued Ed-Dahab — الداخلة وادي الذهب
    DakhlaOuedEdDahab,
}

/// (region, slug, Arabic, French, English)
const TABLE: [(Region, &str, &str, &str, &str); 12] = [
    (
        Region::TangerTetouanAlHoceima,
        "tanger-tetouan-al-hoceima",
        "طنجة تطوان الحسيمة",
        "Tanger-Tétouan-Al Hoceïma",
        "Tangier-Tetouan-Al Hoceima",
    ),
    (
        Region::Oriental,
        "oriental",
        "الشرق",
        "L'Oriental",
        "Oriental",
    ),
    (
        Region::FesMeknes,
        "fes-meknes",
        "فاس مكناس",
        "Fès-Meknès",
        "Fez-Meknes",
    ),
    (
        Region::RabatSaleKenitra,
        "rabat-sale-kenitra",
        "الرباط سلا القنيطرة",
        "Rabat-Salé-Kénitra",
        "Rabat-Sale-Kenitra",
    ),
    (
        Region::BeniMellalKhenifra,
        "beni-mellal-khenifra",
        "بني ملال خنيفرة",
        "Béni Mellal-Khénifra",
        "Beni Mellal-Khenifra",
    ),
    (
        Region::CasablancaSettat,
        "casablanca-settat",
        "الدار البيضاء سطات",
        "Casablanca-Settat",
        "Casablanca-Settat",
    ),
    (
        Region::MarrakechSafi,
        "marrakech-safi",
        "مراكش آسفي",
        "Marrakech-Safi",
        "Marrakesh-Safi",
    ),
    (
        Region::DraaTafilalet,
        "draa-tafilalet",
        "درعة تافيلالت",
        "Drâa-Tafilalet",
        "Draa-Tafilalet",
    ),
    (
        Region::SoussMassa,
        "souss-massa",
        "سوس ماسة",
        "Souss-Massa",
        "Souss-Massa",
    ),
    (
        Region::GuelmimOuedNoun,
        "guelmim-oued-noun",
        "كلميم واد نون",
        "Guelmim-Oued Noun",
        "Guelmim-Oued Noun",
    ),
    (
        Region::LaayouneSakiaElHamra,
        "laayoune-sakia-el-hamra",
        "العيون الساقية الحمراء",
        "Laâyoune-Sakia El Hamra",
        "Laayoune-Sakia El Hamra",
    ),
    (
        Region::DakhlaOuedEdDahab,
        "dakhla-oued-ed-dahab",
        "الداخلة وادي الذهب",
        "Dakhla-Oued Ed-Dahab",
        "Dakhla-Oued Ed-Dahab",
    ),
];

impl Region {
    /// All twelve, in the official order.
    pub const ALL: [Region; 12] = [
        Region::TangerTetouanAlHoceima,
        Region::Oriental,
        Region::FesMeknes,
        Region::RabatSaleKenitra,
        Region::BeniMellalKhenifra,
        Region::CasablancaSettat,
        Region::MarrakechSafi,
        Region::DraaTafilalet,
        Region::SoussMassa,
        Region::GuelmimOuedNoun,
        Region::LaayouneSakiaElHamra,
        Region::DakhlaOuedEdDahab,
    ];

    fn row(
        self,
    ) -> &'static (
        Region,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ) {
        // TABLE is in the declaration order of the enum.
        &TABLE[self as usize]
    }

    /// The official number, 1 to 12.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The stable slug used in documents and on the command line.
    pub fn slug(self) -> &'static str {
        self.row().1
    }

    /// The region's name (without the word "region").
    pub fn name(self, lang: Lang) -> &'static str {
        let (_, _, ar, fr, en) = self.row();
        lang.pick(ar, fr, en)
    }

    /// The name as it appears in running text: "جهة فاس مكناس", "région Fès-Meknès",
    /// "Fez-Meknes region".
    pub fn display(self, lang: Lang) -> String {
        match lang {
            Lang::Ar => format!("جهة {}", self.name(lang)),
            Lang::Fr => format!("région {}", self.name(lang)),
            Lang::En => format!("{} region", self.name(lang)),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// Folds a region name for comparison: what [`fold_for_match`] folds, and everything that is
/// not a letter or a digit dropped ("L'Oriental" = "loriental").
fn fold(s: &str) -> String {
    fold_for_match(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

impl FromStr for Region {
    type Err = ModelError;

    /// Accepts the slug, the number (1–12), or the name in Arabic, French or English, with or
    /// without the word for "region", accents and hyphens optional.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if let Ok(n) = t.parse::<usize>()
            && (1..=12).contains(&n)
        {
            return Ok(Region::ALL[n - 1]);
        }
        let mut key = fold(t);
        for prefix in ["جهه", "region", "laregion", "regionde", "regiondel"] {
            if let Some(rest) = key.strip_prefix(prefix) {
                key = rest.to_owned();
            }
        }
        if let Some(rest) = key.strip_suffix("region") {
            key = rest.to_owned();
        }
        TABLE
            .iter()
            .find(|(_, slug, ar, fr, en)| {
                [slug, ar, fr, en].iter().any(|name| fold(name) == key)
                    || (key.len() >= 3 && fold(fr).trim_start_matches('l') == key)
            })
            .map(|row| row.0)
            .ok_or_else(|| {
                ModelError::invalid(
                    "region",
                    format!(
                        "\"{t}\" is not one of Morocco's 12 regions (e.g. fes-meknes, 3, \"فاس مكناس\")"
                    ),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_enum_and_numbers_run_one_to_twelve() {
        for (i, region) in Region::ALL.iter().enumerate() {
            assert_eq!(TABLE[i].0, *region, "TABLE rows follow the enum order");
            assert_eq!(usize::from(region.number()), i + 1);
            assert_eq!(
                region.slug().parse::<Region>(),
                Ok(*region),
                "slugs parse back"
            );
            for lang in Lang::ALL {
                assert_eq!(
                    region.name(lang).parse::<Region>(),
                    Ok(*region),
                    "{lang} names parse"
                );
            }
            let json = serde_json::to_string(region).expect("serialise");
            assert_eq!(
                json,
                format!("\"{}\"", region.slug()),
                "the slug is the stored form"
            );
        }
    }

    #[test]
    fn people_type_region_names_loosely() {
        for input in [
            "جهة فاس مكناس",
            "فاس-مكناس",
            "Fès-Meknès",
            "fes meknes",
            "3",
            "Fez-Meknes region",
        ] {
            assert_eq!(input.parse::<Region>(), Ok(Region::FesMeknes), "{input}");
        }
        assert_eq!("Oriental".parse::<Region>(), Ok(Region::Oriental));
        assert_eq!(
            "مراكش اسفي".parse::<Region>(),
            Ok(Region::MarrakechSafi),
            "hamza-free spelling"
        );
        assert!("Atlantis".parse::<Region>().is_err());
        assert!("13".parse::<Region>().is_err());
        assert_eq!(Region::FesMeknes.display(Lang::Ar), "جهة فاس مكناس");
    }
}
