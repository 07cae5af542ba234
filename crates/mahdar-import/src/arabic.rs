//! The rules for Arabic reports.

use crate::draft::{Attendee, Commitment, Draft, Extraction, Party, Said, Visit};
use crate::lexicon::{
    CHAIR_VERBS, COMPOUND_FIRST, FIRST, GROUPS, LEADS, MONTHS, ORDINALS, PLACE_NAMES, SAYING_VERBS,
    STOPS, TITLES, VISIT_VERBS,
};
use crate::money::amounts;
use crate::text::{Sentence, Word, end_with_stop, phrase, sentences, slice, start_after, words};
use chrono::NaiveDate;
use mahdar_model::{
    ActionStatus, Lang, MeetingFormat, Precedence, Prefecture, PrefectureKind, Region,
    StatementKind, fold_for_match,
};
use std::ops::Range;

/// A mention of someone: a name, a title, or both, and where the mention ends.
#[derive(Debug, Default)]
struct Mention {
    name: Option<(String, Range<usize>)>,
    title: Option<(String, Range<usize>)>,
    /// The first word after the mention.
    end: usize,
}

/// Adjectives that may follow a definite title ("الكاتب العام", "المدير الجهوي").
const DEFINITE_TAIL: &[&str] = &[
    "العام",
    "العامه",
    "الجهوي",
    "الجهويه",
    "الاقليمي",
    "الاقليميه",
    "المنتدب",
    "المنتدبه",
    "المدير",
    "الاول",
    "الاولي",
];

struct Reader<'s, 'w> {
    source: &'s str,
    w: &'w [Word<'s>],
    draft: Draft,
}

pub fn extract(source: &str) -> Extraction {
    let w = words(source);
    let ss = sentences(&w);
    let mut r = Reader {
        source,
        w: &w,
        draft: Draft::default(),
    };
    r.meeting_fields();
    r.sentences(&ss);
    r.draft.chair_by_rank();
    r.draft.finish(source, Lang::Ar)
}

fn is_title_head(fold: &str) -> bool {
    TITLES.contains_key(fold)
}

fn is_group_head(fold: &str) -> bool {
    GROUPS.contains_key(fold)
}

/// The word with a conjunction (و) stripped, when what follows is a title or group head or a
/// first name.
fn head_after_conjunction(fold: &str) -> Option<&str> {
    if is_title_head(fold) || is_group_head(fold) {
        return Some(fold);
    }
    let rest = fold.strip_prefix('و')?;
    (is_title_head(rest) || is_group_head(rest) || FIRST.contains(rest)).then_some(rest)
}

fn is_saying(fold: &str) -> Option<(&str, usize)> {
    let rest_of = |conj: &str| {
        fold.strip_prefix(conj)
            .filter(|r| SAYING_VERBS.contains(*r))
    };
    if SAYING_VERBS.contains(fold) {
        Some((fold, 0))
    } else if let Some(r) = rest_of("و") {
        Some((r, 'و'.len_utf8()))
    } else {
        rest_of("ف").map(|r| (r, 'ف'.len_utf8()))
    }
}

fn feminine_verb(fold: &str) -> bool {
    fold.ends_with('ت') && !["تابع", "ثبت", "لفت", "سكت"].contains(&fold)
}

/// A group's name in the nominative: "ممثلي الهيئات" → "ممثلو الهيئات", "المديرين الإقليميين
/// للقطاع" → "المديرون الإقليميون للقطاع".
fn nominative(group: &str) -> String {
    const GENITIVE: &[(&str, &str)] = &[
        ("ممثلي", "ممثلو"),
        ("منتخبي", "منتخبو"),
        ("مسوولي", "مسؤولو"),
        ("مديري", "مديرو"),
        ("برلمانيي", "برلمانيو"),
        ("مهنيي", "مهنيو"),
        ("اطري", "أطرو"),
    ];
    let mut out: Vec<String> = Vec::new();
    let mut plural = false;
    for (n, word) in group.split(' ').enumerate() {
        let f = fold_for_match(word);
        if n == 0 {
            if let Some((_, nom)) = GENITIVE.iter().find(|(g, _)| *g == f) {
                out.push((*nom).to_owned());
                continue;
            }
            if let Some(stem) = word.strip_suffix("ين")
                && GROUPS.contains_key(&f)
            {
                out.push(format!("{stem}ون"));
                plural = true;
                continue;
            }
        } else if plural {
            if let Some(stem) = word.strip_suffix("ين") {
                out.push(format!("{stem}ون"));
                continue;
            }
            plural = false;
        }
        out.push(word.to_owned());
    }
    out.join(" ")
}

fn group_precedence(fold: &str) -> Precedence {
    let has = |k: &str| fold.contains(k);
    if has("منتخب") || has("برلمان") || has("رؤساء الجماعات") || has("رووساء")
    {
        Precedence::ElectedRepresentative
    } else if has("المجتمع المدني") || has("جمعيات") || has("الجمعيات") || has("فعاليات")
    {
        Precedence::CivilSociety
    } else if fold.starts_with("عمال") {
        Precedence::Governor
    } else if fold.starts_with("ولاه") {
        Precedence::Wali
    } else {
        fold.split(' ')
            .next()
            .and_then(|h| GROUPS.get(h).copied())
            .unwrap_or_default()
    }
}

fn title_precedence(fold: &str) -> (Precedence, bool) {
    let head = fold.split(' ').next().unwrap_or_default();
    let (mut p, feminine) = TITLES.get(head).copied().unwrap_or_default();
    if head.ends_with("رييس") || head.ends_with("رييسه") {
        p = if fold.contains("الجهه") || fold.contains("مجلس جهه") || fold.contains("الجهوي")
        {
            Precedence::RegionalCouncilPresident
        } else if fold.contains("جماع") || fold.contains("مجلس") || fold.contains("بلدي")
        {
            Precedence::ElectedRepresentative
        } else {
            Precedence::Other
        };
    }
    (p, feminine)
}

/// "وزيرة التضامن …" → "وزارة التضامن …".
fn ministry_of(title: &str) -> Option<String> {
    let mut words = title.splitn(2, ' ');
    let head = fold_for_match(words.next()?);
    let rest = words.next()?;
    matches!(head.as_str(), "وزير" | "وزيره").then(|| format!("وزارة {rest}"))
}

/// Masdar of a verb of the fourth form written without its hamza after ل: "احداث" → "إحداث".
fn with_hamza(word: &str) -> String {
    const FOURTH: &[&str] = &[
        "احداث",
        "انشاء",
        "انجاز",
        "اعداد",
        "اطلاق",
        "ادماج",
        "اصلاح",
        "اعادة",
        "احياء",
        "ارساء",
        "اقامة",
        "انعاش",
        "اشراك",
        "احتضان",
        "ايواء",
        "اعمال",
        "اسكان",
        "انقاذ",
        "ادراج",
        "اتمام",
    ];
    let f = fold_for_match(word);
    if FOURTH.iter().any(|w| fold_for_match(w) == f) {
        let mut c = word.chars();
        c.next();
        format!("إ{}", c.as_str())
    } else {
        word.to_owned()
    }
}

/// A purpose clause without its leading ل: "لتعزيز …" → "تعزيز …", "للتكفل" → "التكفل".
fn without_lam(clause: &str) -> String {
    if let Some(rest) = clause.strip_prefix("لل") {
        format!("ال{rest}")
    } else if let Some(rest) = clause.strip_prefix('ل') {
        let mut words = rest.splitn(2, ' ');
        let first = with_hamza(words.next().unwrap_or_default());
        match words.next() {
            Some(more) => format!("{first} {more}"),
            None => first,
        }
    } else {
        clause.to_owned()
    }
}

impl<'s> Reader<'s, '_> {
    fn text(&self, from: usize, to: usize) -> &'s str {
        phrase(self.source, self.w, from, to)
    }

    fn range(&self, from: usize, to: usize) -> Range<usize> {
        self.w[from].range.start..self.w[to - 1].range.end
    }

    // ----- the meeting's own fields -----

    fn meeting_fields(&mut self) {
        let w = self.w;
        for i in 0..w.len() {
            let f = w[i].fold.as_str();
            // Region: "جهة فاس مكناس" (also بجهة، لجهة).
            if self.draft.region.is_none() && ["جهه", "بجهه", "لجهه", "وجهه"].contains(&f)
            {
                for n in (1..=4).rev() {
                    if i + 1 + n > w.len() {
                        continue;
                    }
                    let name = self.text(i + 1, i + 1 + n);
                    if let Ok(region) = name.parse::<Region>() {
                        self.draft.region = Some((region, self.range(i, i + 1 + n)));
                        break;
                    }
                }
            }
            // Prefecture or province: "عمالة فاس", "إقليم مولاي يعقوب".
            if self.draft.prefecture.is_none() {
                let kind = match f.trim_start_matches(['ب', 'ل', 'و']) {
                    "عماله" => Some(PrefectureKind::Prefecture),
                    "اقليم" => Some(PrefectureKind::Province),
                    _ => None,
                };
                if let Some(kind) = kind
                    && let Some(end) = self.place_name(i + 1)
                {
                    self.draft.prefecture = Some((
                        Prefecture {
                            kind,
                            name: self.text(i + 1, end).to_owned(),
                        },
                        self.range(i, end),
                    ));
                }
            }
            // Rank: "التاسع من نوعه".
            if i + 2 < w.len() && w[i + 1].fold == "من" && w[i + 2].fold.starts_with("نوع") {
                for (ordinal, n) in ORDINALS.iter() {
                    let k = ordinal.len();
                    if i + 1 >= k && (0..k).all(|d| w[i + 1 - k + d].fold == ordinal[d]) {
                        let start = i + 1 - k;
                        self.draft.series_mut().rank = Some(*n);
                        self.draft.widen_series(self.range(start, i + 3));
                        break;
                    }
                }
            }
            // Where the series began: "منذ إطلاق هذه السلسلة من اللقاءات بالداخلة".
            if ["اطلاق", "انطلاق", "انطلاقه", "انطلقت"].contains(&f)
                && self
                    .draft
                    .series
                    .as_ref()
                    .is_none_or(|s| s.launched_in.is_none())
            {
                let near = (i + 1..(i + 9).min(w.len())).find(|&k| {
                    let kf = w[k].fold.as_str();
                    kf.starts_with('ب')
                        && kf.chars().count() > 3
                        && !STOPS.contains(kf)
                        && !["بهذه", "بها", "بهذا", "بين"].contains(&kf)
                });
                if let Some(k) = near {
                    let mut start = k;
                    let mut conj = 'ب'.len_utf8();
                    if ["بمدينه", "بجهه", "بعماله", "باقليم"].contains(&w[k].fold.as_str())
                    {
                        start = k + 1;
                        conj = 0;
                    }
                    if let Some(end) = self.place_name_at(start, conj) {
                        let place = self.source[start_after(&w[start], conj)..w[end - 1].range.end]
                            .to_owned();
                        self.draft.series_mut().launched_in = Some(place);
                        self.draft.widen_series(self.range(i, end));
                    }
                }
            }
            // The date.
            if self.draft.date.is_none()
                && let Some((date, range)) = self.date_at(i)
            {
                self.draft.date = Some((date, range));
            }
        }
        self.meeting_format();
    }

    /// The end of a place name starting at word `i`: one word, two for names that begin with
    /// مولاي، سيدي، عين، بني، الدار, …
    fn place_name(&self, i: usize) -> Option<usize> {
        self.place_name_at(i, 0)
    }

    fn place_name_at(&self, i: usize, conj_bytes: usize) -> Option<usize> {
        let w = self.w.get(i)?;
        let f = &w.fold[conj_bytes.min(w.fold.len())..];
        if f.is_empty() || STOPS.contains(f) || is_group_head(f) || f.chars().count() < 2 {
            return None;
        }
        // A known prefecture or province, the longest that fits.
        for name in PLACE_NAMES.iter() {
            let n = name.len();
            if i + n <= self.w.len()
                && name[0] == f
                && (1..n).all(|d| self.w[i + d].fold == name[d])
                && !(i..i + n - 1).any(|k| self.w[k].comma || self.w[k].full_stop)
            {
                return Some(i + n);
            }
        }
        const TWO_WORDS: &[&str] = &[
            "مولاي",
            "سيدي",
            "عين",
            "بني",
            "الدار",
            "اولاد",
            "زاويه",
            "الفقيه",
            "قلعه",
            "سيد",
            "واد",
            "وادي",
            "ابن",
            "بن",
            "خميس",
            "سوق",
            "القصر",
            "فحص",
            "مقاطعات",
            "تيط",
        ];
        if TWO_WORDS.contains(&f) && !w.comma && !w.full_stop && i + 1 < self.w.len() {
            return Some(i + 2);
        }
        Some(i + 1)
    }

    fn date_at(&self, i: usize) -> Option<(NaiveDate, Range<usize>)> {
        let w = self.w;
        let day_word = &w[i];
        let day: u32 = if day_word.fold == "فاتح" || day_word.fold == "1er" {
            1
        } else {
            let d: String = fold_for_match(day_word.core);
            if d.len() > 2 || !d.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            d.parse().ok()?
        };
        let mut j = i + 1;
        let (month, len) = MONTHS.iter().find_map(|(names, n)| {
            (j + names.len() <= w.len() && (0..names.len()).all(|d| w[j + d].fold == names[d]))
                .then_some((*n, names.len()))
        })?;
        j += len;
        let year: i32 = w
            .get(j)
            .map(|y| fold_for_match(y.core))
            .filter(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))?
            .parse()
            .ok()?;
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        // Include the weekday before it ("يوم الثلاثاء 12 دجنبر 2023").
        let mut start = i;
        const WEEKDAYS: &[&str] = &[
            "الاثنين",
            "الثلاثاء",
            "الاربعاء",
            "الخميس",
            "الجمعه",
            "السبت",
            "الاحد",
            "lundi",
            "mardi",
            "mercredi",
            "jeudi",
            "vendredi",
            "samedi",
            "dimanche",
        ];
        if i > 0 && WEEKDAYS.contains(&w[i - 1].fold.as_str()) {
            start = i - 1;
            if i > 1 && (w[i - 2].fold == "يوم" || w[i - 2].fold == "le") {
                start = i - 2;
            }
        }
        Some((date, self.range(start, j + 1)))
    }

    fn meeting_format(&mut self) {
        let w = self.w;
        let mut in_person = None;
        let mut remote = None;
        let mut mixed = None;
        for (i, word) in w.iter().enumerate() {
            let f = word.fold.trim_start_matches('و');
            let f = f.strip_prefix("ال").unwrap_or(f);
            if f.starts_with("حضوري") && in_person.is_none() {
                in_person = Some(i..i + 1);
            } else if (f.starts_with("افتراضي")
                || f.starts_with("مريي")
                || f == "بعد" && i > 0 && w[i - 1].fold == "عن")
                && remote.is_none()
            {
                let after_words = f == "بعد"
                    || (f.starts_with("مريي") && i > 0 && w[i - 1].fold.contains("تناظر"));
                let start = if after_words { i - 1 } else { i };
                remote = Some(start..i + 1);
            } else if (f.starts_with("مختلط") || f.starts_with("هجين")) && mixed.is_none()
            {
                mixed = Some(i..i + 1);
            }
        }
        let found = match (in_person, remote, mixed) {
            (_, _, Some(m)) => Some((MeetingFormat::Hybrid, m)),
            (Some(a), Some(b), None) if a.start.abs_diff(b.start) < 12 => Some((
                MeetingFormat::Hybrid,
                a.start.min(b.start)..a.end.max(b.end),
            )),
            (_, Some(b), None) => Some((MeetingFormat::Online, b)),
            (Some(a), None, None) => Some((MeetingFormat::InPerson, a)),
            _ => None,
        };
        if let Some((format, words)) = found {
            // Widen to "بشكل جمع بين الحضوري والافتراضي" when the phrase is there.
            let mut start = words.start;
            while start > 0
                && words.end - start < 6
                && [
                    "بشكل",
                    "بصيغه",
                    "جمع",
                    "بين",
                    "عبر",
                    "تقنيه",
                    "بتقنيه",
                    "بطريقه",
                ]
                .contains(&w[start - 1].fold.as_str())
            {
                start -= 1;
            }
            self.draft.format = Some((format, self.range(start, words.end)));
        }
    }

    // ----- sentence by sentence -----

    fn sentences(&mut self, ss: &[Sentence]) {
        let mut speaker: Option<usize> = None;
        let mut statement: Option<usize> = None;
        let mut started = false;
        for s in ss {
            if !s.says_something(self.w) {
                continue;
            }
            self.chair_in(s);
            let i = self.skip_leads(s.first, s.end);
            if i >= s.end {
                continue;
            }
            let f = self.w[i].fold.clone();
            // "أما رئيس مجلس الجهة، عبد الواحد الأنصاري، فنوه …"
            if (f == "اما" || f == "واما")
                && let Some(verb) = (i + 1..s.end.min(i + 16)).find(|&k| {
                    self.w[k].fold.starts_with('ف') && is_saying(&self.w[k].fold).is_some()
                })
            {
                let m = self.mention(i + 1, verb);
                let fem = feminine_verb(is_saying(&self.w[verb].fold).map_or("", |v| v.0));
                if let Some(who) = self.resolve(&m, Some(fem)) {
                    speaker = Some(who);
                    statement = Some(self.say(who, s, verb, verb + 1));
                    started = true;
                    self.amounts_in(s, statement, speaker);
                    continue;
                }
            }
            if let Some((verb, _)) = is_saying(&f) {
                let fem = feminine_verb(verb);
                let m = self.mention(i + 1, s.end);
                let who = if m.name.is_some() || m.title.is_some() {
                    self.resolve(&m, Some(fem))
                } else {
                    self.last_of_gender(speaker, fem)
                };
                if let Some(who) = who {
                    speaker = Some(who);
                    statement = Some(self.say(who, s, i, m.end.max(i + 1)));
                    started = true;
                    self.amounts_in(s, statement, speaker);
                    continue;
                }
            }
            if self.visit(s, i, speaker).is_some() {
                continue;
            }
            if let Some(k) = (s.first..s.end).find(|&k| self.opens_attendance(k)) {
                self.attendance(k + 1, s.end);
            }
            if !started {
                self.purposes(s);
                continue;
            }
            // A sentence with no verb of saying, once statements have begun: the current
            // speaker goes on.
            if let Some(who) = speaker {
                if s.opens_para || statement.is_none() {
                    statement = Some(self.continue_as(who, s));
                } else if let Some(n) = statement {
                    self.extend(n, s);
                }
                self.amounts_in(s, statement, speaker);
            }
        }
    }

    /// Whether word `k` opens a list of those present: "بحضور", "بمشاركة", "حضره", "شارك في",
    /// "كل من", or "مشاركة"/"حضور" after "عرف"/"شهد" ("وعرف اللقاء مشاركة …"). The nouns
    /// alone are too common ("تعزيز مشاركة النساء") to be read as a list.
    fn opens_attendance(&self, k: usize) -> bool {
        let w = self.w;
        let f = w[k].fold.as_str();
        let next = |word: &str| w.get(k + 1).is_some_and(|x| x.fold == word);
        let after_a_verb_of_witness = (k.saturating_sub(3)..k).any(|x| {
            let v = w[x].fold.trim_start_matches('و');
            ["عرف", "عرفت", "شهد", "شهدت", "تميز", "تميزت"].contains(&v)
        });
        match f {
            "بحضور" | "وبحضور" | "بمشاركه" | "وبمشاركه" | "حضره" | "حضرها" => {
                true
            }
            "حضر" | "وحضر" | "شارك" | "وشارك" => true,
            "مشاركه" | "حضور" => after_a_verb_of_witness,
            "كل" => next("من"),
            _ => false,
        }
    }

    /// Skips what opens a sentence before its verb: a dateline ("وجدة - "), a lead ("ومن
    /// جانبه،"), or a framing phrase set off by a comma ("وفي ختام هذا الاجتماع،").
    fn skip_leads(&self, first: usize, end: usize) -> usize {
        let w = self.w;
        let mut i = first;
        if let Some(d) = (i..(i + 4).min(end)).find(|&k| matches!(w[k].core, "-" | "–" | "—")) {
            i = d + 1;
        }
        for lead in LEADS.iter() {
            let n = lead.len();
            if i + n <= end && (0..n).all(|d| w[i + d].fold == lead[d]) {
                return i + n;
            }
        }
        const OPENERS: &[&str] = &[
            "وفي",
            "وعلي",
            "وخلال",
            "وبعد",
            "وعقب",
            "واثر",
            "اثر",
            "وبهذه",
            "وبالمناسبه",
            "وفيما",
            "وقبل",
            "وبمناسبه",
            "في",
            "خلال",
            "وبخصوص",
            "وحول",
            "ولدي",
            "وامام",
        ];
        if i < end
            && OPENERS.contains(&w[i].fold.as_str())
            && let Some(c) = (i..(i + 8).min(end)).find(|&k| w[k].comma)
        {
            return c + 1;
        }
        i
    }

    /// "ترأست الوزيرة …", "الذي ترأسه وزير …، فلان،": whoever chairs.
    fn chair_in(&mut self, s: &Sentence) {
        let w = self.w;
        let Some(k) =
            (s.first..s.end).find(|&k| CHAIR_VERBS.contains(w[k].fold.trim_start_matches('و')))
        else {
            return;
        };
        // "وترأس هذا الاجتماع وزير …": the object may come first.
        let Some(at) = (k + 1..(k + 6).min(s.end)).find(|&x| {
            let f = w[x].fold.as_str();
            is_title_head(f) || FIRST.contains(f) || self.known_name_at(x, s.end).is_some()
        }) else {
            return;
        };
        let m = self.mention(at, s.end);
        let fem = feminine_verb(w[k].fold.trim_start_matches('و'));
        if (m.name.is_some() || m.title.is_some())
            && let Some(who) = self.resolve(&m, Some(fem))
        {
            self.draft.attendees[who].chair = true;
        }
    }

    /// Reads a mention of someone at `i` (before `end`): a title and a name in either order,
    /// a name alone, or a title alone.
    fn mention(&self, i: usize, end: usize) -> Mention {
        let w = self.w;
        let mut m = Mention {
            end: i,
            ..Mention::default()
        };
        if i >= end {
            return m;
        }
        let f = w[i].fold.as_str();
        if STOPS.contains(f) {
            return m;
        }
        if is_title_head(f) && f.starts_with("ال") {
            // A definite title ("الوزيرة", "الكاتب العام") refers back; only adjectives follow.
            let mut k = i + 1;
            while k < end && !w[k - 1].comma && DEFINITE_TAIL.contains(&w[k].fold.as_str()) {
                k += 1;
            }
            // "المدير العام لوكالة الحوض المائي لسوس ماسة، يوسف أمزيان،": the title runs to the
            // comma before a name.
            if !w[k - 1].comma
                && let Some(c) = (k..(k + 8).min(end)).find(|&x| {
                    w[x].comma
                        || STOPS.contains(w[x].fold.as_str())
                        || is_saying(&w[x].fold).is_some()
                })
                && w[c].comma
                && !STOPS.contains(w[c].fold.as_str())
                && w[k].fold.starts_with('ل')
                && self.name_piece(c + 1, end).is_some()
            {
                k = c + 1;
            }
            m.title = Some((self.text(i, k).to_owned(), self.range(i, k)));
            m.end = k;
            if w[k - 1].comma
                && k < end
                && let Some(e) = self.name_piece(k, end)
            {
                m.name = Some((self.text(k, e).to_owned(), self.range(k, e)));
                m.end = e;
            }
            return m;
        }
        if is_title_head(f) {
            // The title runs to a comma, a stop word or a first name.
            let mut k = i;
            let mut name_at = None;
            while k < end {
                let kf = w[k].fold.as_str();
                if k > i && (STOPS.contains(kf) || kf.starts_with("ف") && is_saying(kf).is_some())
                {
                    break;
                }
                if k > i && FIRST.contains(kf) && !w[k - 1].comma {
                    name_at = Some(k);
                    break;
                }
                if k > i && (is_saying(kf).is_some()) {
                    break;
                }
                k += 1;
                if w[k - 1].comma || w[k - 1].full_stop || k - i > 14 {
                    break;
                }
            }
            m.title = Some((self.text(i, k).to_owned(), self.range(i, k)));
            m.end = k;
            if let Some(n) = name_at {
                let e = self.name_end(n, end);
                m.name = Some((self.text(n, e).to_owned(), self.range(n, e)));
                m.end = e;
            } else if k > i && w[k - 1].comma && k < end {
                // ", NAME," after the title.
                if let Some(e) = self.name_piece(k, end) {
                    m.name = Some((self.text(k, e).to_owned(), self.range(k, e)));
                    m.end = e;
                }
            }
            return m;
        }
        if let Some(e) = self
            .known_name_at(i, end)
            .or_else(|| FIRST.contains(f).then(|| self.name_end(i, end)))
        {
            m.name = Some((self.text(i, e).to_owned(), self.range(i, e)));
            m.end = e;
            // "NAME، TITLE،"
            if w[e - 1].comma && e < end && is_title_head(&w[e].fold) {
                let mut k = e;
                while k < end && !(k > e && STOPS.contains(w[k].fold.as_str())) {
                    k += 1;
                    if w[k - 1].comma || w[k - 1].full_stop || k - e > 14 {
                        break;
                    }
                }
                m.title = Some((self.text(e, k).to_owned(), self.range(e, k)));
                m.end = k;
            }
        }
        m
    }

    /// A comma-delimited name: up to five words, none a stop word or a title head.
    fn name_piece(&self, i: usize, end: usize) -> Option<usize> {
        let w = self.w;
        let mut k = i;
        while k < end && k - i < 5 {
            let f = w[k].fold.as_str();
            if STOPS.contains(f) || is_title_head(f) || is_group_head(f) || is_saying(f).is_some() {
                return None;
            }
            k += 1;
            if w[k - 1].comma {
                return Some(k);
            }
            if w[k - 1].full_stop {
                return None;
            }
        }
        None
    }

    /// Where a name that starts with a first name ends: the first name (two words when
    /// compound) and one family name.
    fn name_end(&self, i: usize, end: usize) -> usize {
        let w = self.w;
        let mut k = i + 1;
        if COMPOUND_FIRST.contains(w[i].fold.as_str()) && k < end && !w[i].comma {
            k += 1;
        }
        if k < end && !w[k - 1].comma && !w[k - 1].full_stop {
            let f = w[k].fold.as_str();
            if !STOPS.contains(f) && !is_title_head(f) && is_saying(f).is_none() {
                k += 1;
            }
        }
        k.min(end)
    }

    /// A name of someone already found, at `i`: the longest spelling that matches.
    fn known_name_at(&self, i: usize, end: usize) -> Option<usize> {
        for n in (1..=4).rev() {
            if i + n > end {
                continue;
            }
            if (i..i + n - 1).any(|k| self.w[k].comma) {
                continue;
            }
            let text = self.text(i, i + n);
            if let Some(who) = self.draft.find_by_name(text)
                && !self.draft.attendees[who].group
            {
                return Some(i + n);
            }
        }
        None
    }

    /// Finds or adds the attendee a mention is about.
    fn resolve(&mut self, m: &Mention, feminine: Option<bool>) -> Option<usize> {
        let d = &mut self.draft;
        let by_name = m.name.as_ref().and_then(|(n, _)| d.find_by_name(n));
        let by_title = m
            .title
            .as_ref()
            .and_then(|(t, _)| find_by_title(d, t, feminine));
        let who = match (&m.name, by_name, by_title) {
            (_, Some(who), _) => who,
            (None, None, Some(who)) => who,
            (None, None, None) => {
                let (title, range) = m.title.clone()?;
                // A title alone that matches no one: "الوزيرة" with no minister found yet.
                let (precedence, fem) = title_precedence(&fold_for_match(&title));
                let name = title.clone();
                return d.add_attendee(Attendee {
                    name,
                    aliases: Vec::new(),
                    organisation: ministry_of(&title),
                    title: Some(title),
                    group: false,
                    precedence,
                    feminine: feminine.or(Some(fem)),
                    chair: false,
                    span: range,
                    also: Vec::new(),
                });
            }
            (Some((name, range)), None, _) => {
                let title = m.title.as_ref().map(|(t, _)| t.clone());
                let (precedence, fem) = title
                    .as_deref()
                    .map(|t| title_precedence(&fold_for_match(t)))
                    .unwrap_or_default();
                let span = match &m.title {
                    Some((_, tr)) => tr.start.min(range.start)..tr.end.max(range.end),
                    None => range.clone(),
                };
                return d.add_attendee(Attendee {
                    name: name.clone(),
                    aliases: Vec::new(),
                    organisation: title.as_deref().and_then(ministry_of),
                    title,
                    group: false,
                    precedence,
                    feminine: feminine.or(Some(fem).filter(|_| m.title.is_some())),
                    chair: false,
                    span,
                    also: Vec::new(),
                });
            }
        };
        // Known: note this spelling and a fuller title.
        if let Some((name, range)) = &m.name {
            d.note_spelling(who, name, range.clone());
        }
        if let Some((title, range)) = &m.title {
            let a = &mut d.attendees[who];
            let definite = fold_for_match(title).starts_with("ال");
            let longer = !definite
                && a.title
                    .as_ref()
                    .is_none_or(|t| title.split(' ').count() > t.split(' ').count());
            if longer {
                let (precedence, _) = title_precedence(&fold_for_match(title));
                if a.title.is_none() || precedence != Precedence::Other {
                    a.precedence = a.precedence.min(precedence);
                }
                a.title = Some(title.clone());
                if a.organisation.is_none() {
                    a.organisation = ministry_of(title);
                }
            }
            if m.name.is_none()
                && a.also.len() < crate::draft::MAX_MENTIONS
                && !a.also.contains(range)
                && *range != a.span
            {
                a.also.push(range.clone());
            }
        }
        if let Some(f) = feminine {
            self.draft.attendees[who].feminine.get_or_insert(f);
        }
        Some(who)
    }

    /// The speaker a bare verb refers to: the last one, or the last of the verb's gender.
    fn last_of_gender(&self, last: Option<usize>, feminine: bool) -> Option<usize> {
        let last = last?;
        let gender = |i: usize| self.draft.attendees[i].feminine;
        if gender(last).is_none_or(|g| g == feminine) {
            return Some(last);
        }
        self.draft
            .said
            .iter()
            .rev()
            .map(|s| s.speaker)
            .find(|&i| gender(i) == Some(feminine))
            .or(Some(last))
    }

    /// Records a statement: the verb (without its conjunction) and what follows the mention of
    /// the speaker (and a channel named right after it).
    fn say(&mut self, who: usize, s: &Sentence, verb: usize, after: usize) -> usize {
        let w = self.w;
        let conj = is_saying(&w[verb].fold).map_or(0, |(_, conj)| conj);
        let verb_text = &self.source[start_after(&w[verb], conj)..w[verb].range.end];
        // "في تصريح لوكالة المغرب العربي للأنباء", anywhere in the sentence.
        let mut channel = None;
        let mut press = false;
        let mut channel_words = None;
        if let Some(k) = (s.first..s.end).find(|&k| w[k].fold == "تصريح" || w[k].fold == "تصريحات")
        {
            press = true;
            if let Some((name, end)) = self.channel_at(k + 1, s.end) {
                channel = Some(name);
                channel_words = Some((k, end));
            }
        }
        // Between the speaker and what they said: the channel, or a framing phrase set off by
        // commas ("، في كلمة بالمناسبة،").
        let mut rest = after;
        loop {
            if rest >= s.end {
                break;
            }
            if let Some((k, end)) = channel_words
                && (k == rest || (k == rest + 1 && w[rest].fold == "في"))
            {
                rest = end;
                continue;
            }
            const FRAMING: &[&str] = &[
                "في",
                "خلال",
                "لدي",
                "امام",
                "بمناسبه",
                "يوم",
                "من",
                "اليوم",
                "صباح",
                "مساء",
                "عقب",
            ];
            if FRAMING.contains(&w[rest].fold.as_str())
                && rest > s.first
                && w[rest - 1].comma
                && let Some(c) = (rest..(rest + 8).min(s.end)).find(|&x| w[x].comma)
            {
                rest = c + 1;
                continue;
            }
            break;
        }
        let tail = slice(self.source, w, rest, s.end);
        let text = if tail.is_empty() {
            verb_text.to_owned()
        } else {
            format!("{verb_text} {tail}")
        };
        let chair = self.draft.attendees[who].chair
            || self.draft.attendees[who].precedence == Precedence::Minister;
        let kind = if channel.is_some() || press {
            StatementKind::PressStatement
        } else if chair || (s.first..verb).any(|k| w[k].fold.contains("كلمه")) {
            StatementKind::Speech
        } else {
            StatementKind::Intervention
        };
        let span = self.sentence_range(s);
        self.draft.add_said(Said {
            speaker: who,
            kind,
            channel,
            speaking_as: None,
            text,
            span,
        })
    }

    fn sentence_range(&self, s: &Sentence) -> Range<usize> {
        s.range(self.source, self.w)
    }

    /// A channel after "تصريح": "لوكالة المغرب العربي للأنباء" → "وكالة المغرب العربي للأنباء".
    fn channel_at(&self, i: usize, end: usize) -> Option<(String, usize)> {
        let w = self.w;
        let mut i = i;
        // "في تصريح خصت به وكالة …"
        while i < end
            && [
                "خص", "خصت", "خصه", "خصها", "به", "بها", "ادلي", "ادلت", "صحفي",
            ]
            .contains(&w[i].fold.as_str())
        {
            i += 1;
        }
        let first = w.get(i).filter(|_| i < end)?;
        let lam = first.fold.starts_with('ل');
        if first.fold.chars().count() < 4 || STOPS.contains(first.fold.as_str()) {
            return None;
        }
        let mut k = i + 1;
        while k < end && k - i < 6 && !w[k - 1].comma {
            let f = w[k].fold.as_str();
            if STOPS.contains(f)
                || f == "الي"
                || is_saying(f).is_some()
                || (f.starts_with('ب') && f != "بالمغرب")
            {
                break;
            }
            k += 1;
        }
        let start = start_after(first, if lam { 'ل'.len_utf8() } else { 0 });
        let text = &self.source[start..w[k - 1].range.end];
        let text = if lam && first.fold.starts_with("لل") {
            format!("ال{}", text.strip_prefix('ل').unwrap_or(text))
        } else {
            text.to_owned()
        };
        Some((text, k))
    }

    /// A paragraph that goes on with the same speaker without a verb of saying.
    fn continue_as(&mut self, who: usize, s: &Sentence) -> usize {
        let w = self.w;
        let text = slice(self.source, w, s.first, s.end).to_owned();
        let minister = self.draft.attendees[who].precedence == Precedence::Minister;
        let speaking_as = (s.first..s.end)
            .find(|&k| w[k].fold == "الوزاره" && minister)
            .map(|k| w[k].core.to_owned());
        let kind = self
            .draft
            .said
            .iter()
            .rev()
            .find(|x| x.speaker == who && x.kind != StatementKind::PressStatement)
            .map_or(StatementKind::Intervention, |x| x.kind);
        let span = self.sentence_range(s);
        self.draft.add_said(Said {
            speaker: who,
            kind,
            channel: None,
            speaking_as,
            text,
            span,
        })
    }

    fn extend(&mut self, n: usize, s: &Sentence) {
        let more = slice(self.source, self.w, s.first, s.end).to_owned();
        let end = self.sentence_range(s).end;
        let said = &mut self.draft.said[n];
        said.text.push(' ');
        said.text.push_str(&more);
        said.span.end = end;
    }

    // ----- attendance -----

    /// Reads an attendance list: "والي جهة …، السعيد الزنيبر، وعمال أقاليم … ورئيس الجهة …،
    /// وممثلي الهيئات المنتخبة والمجتمع المدني".
    fn attendance(&mut self, from: usize, end: usize) {
        let w = self.w;
        // Pieces: split at commas, and before a conjunction that opens a title, group or name.
        let mut pieces: Vec<(usize, usize, usize)> = Vec::new(); // (first, end, conj bytes)
        let mut start = from;
        let mut conj = 0;
        for k in from..end {
            if k > start
                && let Some(rest) = w[k].fold.strip_prefix('و')
                && !is_title_head(&w[k].fold)
                && head_after_conjunction(&w[k].fold).is_some_and(|h| h == rest)
            {
                pieces.push((start, k, conj));
                start = k;
                conj = 'و'.len_utf8();
            }
            if w[k].comma || k + 1 == end {
                pieces.push((start, k + 1, conj));
                start = k + 1;
                conj = w
                    .get(start)
                    .filter(|x| {
                        x.fold.starts_with('و')
                            && head_after_conjunction(&x.fold)
                                .is_some_and(|h| h.len() < x.fold.len())
                    })
                    .map_or(0, |_| 'و'.len_utf8());
            }
        }
        // Connectors that open a piece: "إلى جانب", "فضلا عن", "كل من".
        const CONNECTORS: &[&str] = &[
            "الي",
            "جانب",
            "فضلا",
            "عن",
            "اضافه",
            "بالاضافه",
            "علاوه",
            "علي",
            "كل",
            "من",
            "ثم",
            "كذا",
            "وكذا",
            "ايضا",
        ];
        for piece in &mut pieces {
            while piece.0 + 1 < piece.1 && CONNECTORS.contains(&w[piece.0].fold.as_str()) {
                piece.0 += 1;
                piece.2 = 0;
            }
            // "وممثلي": the conjunction of a piece's first word.
            if piece.2 == 0
                && let Some(rest) = w[piece.0].fold.strip_prefix('و')
                && !is_title_head(&w[piece.0].fold)
                && head_after_conjunction(&w[piece.0].fold) == Some(rest)
            {
                piece.2 = 'و'.len_utf8();
            }
        }
        let mut p = 0;
        while p < pieces.len() {
            let (a, b, c) = pieces[p];
            let first = &w[a].fold[c.min(w[a].fold.len())..];
            let text_of = |r: &Self, a: usize, b: usize, c: usize| -> (String, Range<usize>) {
                let range = start_after(&w[a], c)..w[b - 1].range.end;
                (r.source[range.clone()].to_owned(), range)
            };
            if is_group_head(first) && !is_title_head(first) {
                let (text, range) = text_of(self, a, b, c);
                let name = nominative(&text);
                if self.draft.find_by_name(&name).is_none() {
                    self.draft.add_attendee(Attendee {
                        precedence: group_precedence(&fold_for_match(&name)),
                        name,
                        aliases: Vec::new(),
                        title: None,
                        group: true,
                        feminine: None,
                        chair: false,
                        organisation: None,
                        span: range,
                        also: Vec::new(),
                    });
                }
                p += 1;
                continue;
            }
            let mut m = Mention::default();
            if is_title_head(first) {
                // A title, with the name inside or in the next piece.
                let name_at = (a + 1..b).find(|&k| FIRST.contains(w[k].fold.as_str()));
                let title_end = name_at.unwrap_or(b);
                m.title = Some(text_of(self, a, title_end, c));
                if let Some(n) = name_at {
                    m.name = Some(text_of(self, n, b, 0));
                    p += 1;
                } else if let Some(&(na, nb, nc)) = pieces.get(p + 1)
                    && self.looks_like_name(na, nb, nc)
                {
                    m.name = Some(text_of(self, na, nb, nc));
                    p += 2;
                } else {
                    p += 1;
                }
            } else if self.looks_like_name(a, b, c) {
                m.name = Some(text_of(self, a, b, c));
                // "NAME، TITLE" — unless the title has a name of its own after it.
                if let Some(&(ta, tb, tc)) = pieces.get(p + 1)
                    && is_title_head(&w[ta].fold[tc.min(w[ta].fold.len())..])
                    && !(ta + 1..tb).any(|k| FIRST.contains(w[k].fold.as_str()))
                    && !pieces
                        .get(p + 2)
                        .is_some_and(|&(na, nb, nc)| self.looks_like_name(na, nb, nc))
                {
                    m.title = Some(text_of(self, ta, tb, tc));
                    p += 2;
                } else {
                    p += 1;
                }
            } else {
                p += 1;
                continue;
            }
            self.resolve(&m, None);
        }
    }

    fn looks_like_name(&self, a: usize, b: usize, c: usize) -> bool {
        let w = self.w;
        let n = b - a;
        let first = &w[a].fold[c.min(w[a].fold.len())..];
        (1..=5).contains(&n)
            && !(a..b)
                .any(|k| STOPS.contains(w[k].fold.as_str()) || (k > a && is_title_head(&w[k].fold)))
            && !is_title_head(first)
            && !is_group_head(first)
            && (FIRST.contains(first) || (2..=4).contains(&n))
    }

    // ----- purposes and series -----

    fn purposes(&mut self, s: &Sentence) {
        let w = self.w;
        let trigger = (s.first..s.end).find_map(|k| {
            let f = w[k].fold.as_str();
            match f {
                "فرصه" | "مناسبه" | "بهدف" | "يروم" | "تروم" | "قصد" => {
                    Some(k + 1)
                }
                "يهدف" | "تهدف" | "الرامي" | "الراميه" | "الهادف" | "الهادفه"
                    if w.get(k + 1).is_some_and(|x| x.fold == "الي") =>
                {
                    Some(k + 2)
                }
                "اجل" if k > s.first && w[k - 1].fold == "من" => Some(k + 1),
                _ => None,
            }
        });
        let Some(mut start) = trigger else { return };
        let mut k = start;
        while k < s.end {
            let f = w[k].fold.as_str();
            let joins = ["وكذا", "فضلا", "علاوه", "واضافه", "اضافه"].contains(&f);
            if joins && k > start {
                self.purpose(start, k);
                start = if ["فضلا", "علاوه", "اضافه", "واضافه"].contains(&f) {
                    k + 2
                } else {
                    k + 1
                };
                k = start;
                continue;
            }
            k += 1;
        }
        self.purpose(start, s.end);
    }

    fn purpose(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let raw = self.text(from, to);
        let text = without_lam_if_purpose(raw);
        if text.split_whitespace().count() < 2 {
            return;
        }
        // The series is named after what its meetings build: "… في بلورة الاستراتيجية …" →
        // "اللقاءات الجهوية لبلورة الاستراتيجية …".
        const BUILDS: [&str; 5] = ["بلوره", "اعداد", "تنزيل", "تفعيل", "تقديم"];
        // The word itself, or after one clinging و، ل، ب or ف.
        let builds = |fold: &str| -> Option<usize> {
            if BUILDS.contains(&fold) {
                return Some(0);
            }
            let first = fold.chars().next()?;
            let rest = &fold[first.len_utf8()..];
            (['و', 'ل', 'ب', 'ف'].contains(&first) && BUILDS.contains(&rest)).then_some(1)
        };
        let untitled = self
            .draft
            .series
            .as_ref()
            .is_some_and(|s| s.title.is_empty());
        if untitled
            && let Some((k, prefix_chars)) =
                (from..to).find_map(|k| builds(&self.w[k].fold).map(|n| (k, n)))
        {
            let core = self.w[k].core;
            let skip = core
                .chars()
                .take(prefix_chars)
                .map(char::len_utf8)
                .sum::<usize>();
            let rest = &self.text(k, to)[skip..];
            let title = format!(
                "اللقاءات الجهوية ل{}",
                rest.trim_end_matches(['.', '،', ','])
            );
            if let Some(series) = self.draft.series.as_mut() {
                series.title = title;
            }
        }
        let range = self.range(from, to);
        self.draft.add_purpose(text, range);
    }

    // ----- money -----

    fn amounts_in(&mut self, s: &Sentence, statement: Option<usize>, speaker: Option<usize>) {
        let w = self.w;
        let ministry = (s.first..s.end).any(|k| w[k].fold == "الوزاره");
        for a in amounts(w, s.first, s.end) {
            if !self.draft.room_for_commitments() {
                return;
            }
            // The clause: from the last comma before the amount (within 40 words).
            let floor = a.first.saturating_sub(40).max(s.first);
            let clause_start = (floor..a.first)
                .rev()
                .find(|&k| w[k].comma)
                .map_or(floor, |k| k + 1);
            let clause_start = self.skip_leads(clause_start, a.first);
            // The purpose: the first word with ل (or قصد/بهدف) within four words after.
            let purpose_start = (a.end..(a.end + 5).min(s.end)).find(|&k| {
                let f = w[k].fold.as_str();
                (f.starts_with('ل')
                    && f.chars().count() > 3
                    && f != "لدي"
                    && f != "لها"
                    && f != "له")
                    || ["قصد", "بهدف", "لفايده"].contains(&f)
            });
            let purpose_end = purpose_start.map(|p| {
                let mut k = p;
                while k < s.end && k - p < 25 {
                    let f = w[k].fold.as_str();
                    if k > p && ["علما", "فيما", "بينما", "كما", "وذلك"].contains(&f)
                    {
                        break;
                    }
                    k += 1;
                    if w[k - 1].comma {
                        break;
                    }
                }
                k
            });
            let purpose = match (purpose_start, purpose_end) {
                (Some(p), Some(e)) if e > p => {
                    let p = if ["قصد", "بهدف"].contains(&w[p].fold.as_str()) && p + 1 < e {
                        p + 1
                    } else {
                        p
                    };
                    Some((p, e))
                }
                _ => None,
            };
            let purpose_text = purpose.map(|(p, e)| self.text(p, e).to_owned());
            let noun = (clause_start..a.first).find(|&k| {
                [
                    "شراكه",
                    "اتفاقيه",
                    "برنامج",
                    "مشروع",
                    "مخطط",
                    "اتفاقيات",
                    "مشاريع",
                    "برامج",
                ]
                .contains(&w[k].fold.trim_start_matches('و'))
            });
            let title = match (&purpose_text, noun) {
                (Some(p), Some(n)) => format!("{} {p}", w[n].core.trim_start_matches('و')),
                (Some(p), None) => without_lam(p),
                (None, Some(n)) => w[n].core.to_owned(),
                (None, None) => self.text(clause_start, a.end).to_owned(),
            };
            let beneficiaries = purpose_text.as_deref().and_then(beneficiaries_of);
            // Partners: "على السلطات المحلية والمجلس الجهوي" before the amount, or "بشراكة مع".
            let mut partners = Vec::new();
            let end_scan = purpose.map_or(a.end, |(_, e)| e);
            if let Some(on) =
                (clause_start..a.first).find(|&k| w[k].fold == "علي" || w[k].fold == "مع")
            {
                let stop = noun.filter(|&n| n > on).unwrap_or(a.first);
                self.parties(on + 1, stop, &mut partners);
            } else if let Some(with) = (a.end..end_scan).find(|&k| w[k].fold == "مع") {
                self.parties(with + 1, end_scan, &mut partners);
            }
            let owner = if ministry {
                Some(Party::Organisation(
                    speaker
                        .and_then(|i| self.draft.attendees[i].organisation.clone())
                        .or_else(|| {
                            self.draft
                                .attendees
                                .iter()
                                .find_map(|x| x.organisation.clone())
                        })
                        .unwrap_or_else(|| "الوزارة".to_owned()),
                ))
            } else {
                speaker.map(|i| match &self.draft.attendees[i].organisation {
                    Some(org) => Party::Organisation(org.clone()),
                    None => Party::Attendee(i),
                })
            };
            let span_end = purpose.map_or(a.end, |(_, e)| e);
            let range = self.range(clause_start, span_end);
            self.draft.commitments.push(Commitment {
                title,
                description: Some(self.source[range.clone()].to_owned()),
                owner,
                partners,
                amount: Some(a.money),
                beneficiaries,
                status: ActionStatus::Proposed,
                statement,
                visit: None,
                span: range,
            });
        }
    }

    /// Organisations named in `words[from..to]`, split at "و": "السلطات المحلية والمجلس الجهوي".
    fn parties(&self, from: usize, to: usize, out: &mut Vec<Party>) {
        let w = self.w;
        if from >= to {
            return;
        }
        let mut start = from;
        let mut conj = 0;
        for k in from..=to {
            let split = k == to
                || (k > start && w[k].fold.starts_with("وال") && w[k].fold.chars().count() > 4);
            if split {
                if k > start {
                    let text = &self.source[start_after(&w[start], conj)..w[k - 1].range.end];
                    out.push(Party::Organisation(text.to_owned()));
                }
                start = k;
                conj = 'و'.len_utf8();
            }
        }
    }

    // ----- visits -----

    fn visit(&mut self, s: &Sentence, i: usize, speaker: Option<usize>) -> Option<usize> {
        let w = self.w;
        let f = w[i].fold.trim_start_matches('و');
        if !VISIT_VERBS.contains(f) {
            return None;
        }
        let fem = feminine_verb(f);
        let mut k = i + 1;
        let m = self.mention(k, s.end);
        let who = if m.name.is_some() || m.title.is_some() {
            k = m.end;
            self.resolve(&m, Some(fem))
        } else {
            self.last_of_gender(speaker, fem)
        };
        // Companions: "والوفد المرافق لها".
        const WITH: &[&str] = &[
            "والوفد",
            "الوفد",
            "المرافق",
            "المرافقه",
            "له",
            "لها",
            "لهم",
            "رفقه",
            "صحبه",
            "مرفوقا",
            "مرفوقه",
            "والوفد",
            "ووفد",
            "وفد",
            "هام",
            "يضم",
        ];
        while k < s.end && WITH.contains(&w[k].fold.as_str()) {
            k += 1;
        }
        // "قام … بزيارة (ميدانية) (إلى|الى|ل)"
        if ["قام", "قامت", "قاموا"].contains(&f) {
            let z = (k..s.end.min(k + 6)).find(|&x| w[x].fold.starts_with("بزياره"))?;
            k = z + 1;
            while k < s.end
                && ["ميدانيه", "تفقديه", "عمل", "الي", "لي"].contains(&w[k].fold.as_str())
            {
                k += 1;
            }
        }
        if k >= s.end {
            return None;
        }
        let who = who.or_else(|| {
            // "قام الوفد بزيارة …": the delegation, led by whoever chairs.
            self.draft.attendees.iter().position(|a| a.chair)
        });
        let participants: Vec<usize> = who.into_iter().collect();
        let span = self.sentence_range(s);
        let verb_start = w[i].range.start;
        let last = s.end.min(i + 60);
        let description = self.source[verb_start..end_with_stop(self.source, &w[last - 1])]
            .trim_start_matches('و')
            .to_owned();
        // One place, then others joined by "ثم" or "و" after an aside ("، إحدى مؤسسات …،").
        let mut at = k;
        let mut first = None;
        while let Some(place) = self.place_at(at, s.end) {
            let purpose = (place.after..s.end)
                .find(|&x| {
                    ["قصد", "بهدف", "للاطلاع", "للوقوف", "لتفقد"].contains(&w[x].fold.as_str())
                })
                .map(|p| {
                    if ["قصد", "بهدف"].contains(&w[p].fold.as_str()) {
                        p + 1
                    } else {
                        p
                    }
                })
                .filter(|&from| from < s.end)
                .map(|from| without_lam_if_purpose(self.text(from, s.end)));
            let Some(visit) = self.draft.add_visit(Visit {
                place: place.name.clone(),
                province: place.province.clone(),
                purpose,
                participants: participants.clone(),
                span: span.clone(),
            }) else {
                break;
            };
            first.get_or_insert(visit);
            self.draft.commitments.push(Commitment {
                title: format!("زيارة {}", place.title),
                description: Some(description.clone()),
                owner: participants.first().map(|&p| Party::Attendee(p)),
                partners: Vec::new(),
                amount: None,
                beneficiaries: None,
                status: ActionStatus::Done,
                statement: None,
                visit: Some(visit),
                span: span.clone(),
            });
            // Another place?
            let mut next = place.stop;
            while next < s.end
                && ["احدي", "احد", "التي", "الذي", "وهي", "وهو"].contains(&w[next].fold.as_str())
            {
                match (next..s.end).find(|&x| w[x].comma) {
                    Some(c) => next = c + 1,
                    None => next = s.end,
                }
            }
            if next >= s.end || next == place.stop && !w[next - 1].comma {
                break;
            }
            let nf = w[next].fold.as_str();
            at = if nf == "ثم" || nf == "كما" {
                next + 1
            } else if nf.starts_with('و') && PLACE_NOUNS.contains(&&nf['و'.len_utf8()..]) {
                next
            } else {
                break;
            };
        }
        first
    }

    /// A place visited at `k`: the noun phrase up to a comma, a province ("على مستوى عمالة
    /// فاس", "بإقليم …") or a purpose ("قصد", "حيث").
    fn place_at(&self, k: usize, end: usize) -> Option<PlaceFound> {
        let w = self.w;
        if k >= end || ["الي", "لي"].contains(&w[k].fold.as_str()) {
            return None;
        }
        // "للمركز" → "المركز"; "والمركز", "ومركز" → without the conjunction.
        let f = w[k].fold.as_str();
        let (start_bytes, article) = if f.starts_with("لل") && w[k].core.starts_with("لل") {
            (start_after(&w[k], "لل".len()), "ال")
        } else if f.starts_with("وال")
            || f.strip_prefix('و')
                .is_some_and(|rest| PLACE_NOUNS.contains(&rest))
        {
            (start_after(&w[k], 'و'.len_utf8()), "")
        } else {
            (w[k].range.start, "")
        };
        let mut e = k;
        let mut province = None;
        let mut province_end = None;
        while e < end {
            let ef = w[e].fold.as_str();
            if ef == "علي" && w.get(e + 1).is_some_and(|x| x.fold == "مستوي") {
                if e + 2 < end
                    && ["عماله", "اقليم", "جماعه", "مدينه"].contains(&w[e + 2].fold.as_str())
                    && let Some(pe) = self.place_name(e + 3)
                {
                    province = Some(self.text(e + 2, pe).to_owned());
                    province_end = Some(pe);
                }
                break;
            }
            let bare = ef.trim_start_matches('ب');
            if ef.starts_with('ب') && ["عماله", "اقليم"].contains(&bare) {
                if let Some(pe) = self.place_name(e + 1) {
                    let start = start_after(&w[e], 'ب'.len_utf8());
                    province = Some(self.source[start..w[pe - 1].range.end].to_owned());
                    province_end = Some(pe);
                }
                break;
            }
            if ["قصد", "بهدف", "للاطلاع", "لتفقد", "حيث", "للوقوف", "ثم"].contains(&ef)
                || (ef == "اجل" && e > 0 && w[e - 1].fold == "من")
            {
                break;
            }
            e += 1;
            if w[e - 1].comma || w[e - 1].full_stop {
                break;
            }
        }
        let place_end = if e > k && w[e - 1].fold == "من" {
            e - 1
        } else {
            e
        };
        if place_end <= k {
            return None;
        }
        let name = format!(
            "{article}{}",
            &self.source[start_bytes..w[place_end - 1].range.end]
        );
        let title_end = province_end.unwrap_or(place_end);
        let title = format!(
            "{article}{}",
            &self.source[start_bytes..w[title_end - 1].range.end]
        );
        let after = province_end.unwrap_or(place_end);
        Some(PlaceFound {
            name,
            title,
            province,
            after,
            stop: (province_end.unwrap_or(e)).max(e),
        })
    }
}

/// A place visited, as read.
struct PlaceFound {
    name: String,
    /// The place with its province, for the action's title.
    title: String,
    province: Option<String>,
    /// The first word after the place (and its province).
    after: usize,
    /// Where reading stopped.
    stop: usize,
}

/// Nouns that open the name of a place visited ("ومركز التفتح …").
const PLACE_NOUNS: &[&str] = &[
    "مركز",
    "المركز",
    "مستشفي",
    "المستشفي",
    "موسسه",
    "الموسسه",
    "موسسات",
    "مدرسه",
    "المدرسه",
    "ثانويه",
    "الثانويه",
    "تعاونيه",
    "التعاونيه",
    "سد",
    "مشروع",
    "ورش",
    "دار",
    "مصنع",
    "ضيعه",
    "وحده",
    "محطه",
    "ميناء",
    "سوق",
    "مركب",
    "فضاء",
    "قريه",
    "مقر",
    "حي",
    "جماعه",
    "مستوصف",
    "مدينه",
    "منطقه",
    "المنطقه",
    "الحي",
    "السوق",
    "الميناء",
    "المحطه",
    "الوحده",
    "الضيعه",
];

/// A purpose as a noun phrase: "للاطلاع على …" → "الاطلاع على …"; a trailing full stop
/// dropped.
fn without_lam_if_purpose(text: &str) -> String {
    let t = text.trim_end_matches(['.', '،', ',']);
    if t.starts_with("لل") {
        without_lam(t)
    } else {
        t.to_owned()
    }
}

/// Who a purpose is for: "لفائدة الأشخاص في وضعية هشاشة" → "الأشخاص في وضعية هشاشة";
/// "… للنساء" → "النساء".
fn beneficiaries_of(purpose: &str) -> Option<String> {
    let words: Vec<&str> = purpose.split_whitespace().collect();
    if let Some(k) = words.iter().position(|x| fold_for_match(x) == "لفايده") {
        let rest = words[k + 1..].join(" ");
        return (!rest.is_empty()).then_some(rest);
    }
    let last = words.last()?;
    let rest = last.strip_prefix("لل")?;
    (words.len() > 1 && rest.chars().count() >= 3).then(|| format!("ال{rest}"))
}

/// The attendee a title refers to: the same head and the same last word, or the only one
/// with that head.
fn find_by_title(d: &Draft, title: &str, feminine: Option<bool>) -> Option<usize> {
    let f = fold_for_match(title);
    let words: Vec<&str> = f.split(' ').collect();
    let head = words.first()?.strip_prefix("ال").unwrap_or(words[0]);
    let head = head.trim_end_matches('ه');
    let same_head: Vec<usize> = d
        .attendees
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            !a.group
                && a.title.as_ref().is_some_and(|t| {
                    let tf = fold_for_match(t);
                    tf.split(' ')
                        .next()
                        .is_some_and(|h| h.trim_end_matches('ه') == head)
                })
                && feminine.is_none_or(|fem| a.feminine.is_none_or(|g| g == fem))
        })
        .map(|(i, _)| i)
        .collect();
    if same_head.len() == 1 {
        return same_head.first().copied();
    }
    same_head.into_iter().find(|&i| {
        d.attendees[i].title.as_ref().is_some_and(|t| {
            let tf = fold_for_match(t);
            tf == f || (words.len() > 1 && tf.split(' ').next_back() == words.last().copied())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_named_in_the_nominative() {
        assert_eq!(
            nominative("ممثلي الهيئات المنتخبة"),
            "ممثلو الهيئات المنتخبة"
        );
        assert_eq!(
            nominative("المديرين الإقليميين للقطاع"),
            "المديرون الإقليميون للقطاع"
        );
        assert_eq!(nominative("منتخبين"), "منتخبون");
        assert_eq!(
            nominative("عمال أقاليم وعمالات الجهة"),
            "عمال أقاليم وعمالات الجهة"
        );
    }

    #[test]
    fn purposes_lose_their_lam_and_keep_their_hamza() {
        assert_eq!(
            without_lam("لاحداث أنشطة مدرة للدخل"),
            "إحداث أنشطة مدرة للدخل"
        );
        assert_eq!(without_lam("لتعزيز الاندماج"), "تعزيز الاندماج");
        assert_eq!(without_lam("للتكفل بالأشخاص"), "التكفل بالأشخاص");
        assert_eq!(
            beneficiaries_of("لفائدة الأشخاص في وضعية هشاشة").as_deref(),
            Some("الأشخاص في وضعية هشاشة")
        );
        assert_eq!(
            beneficiaries_of("لتعزيز الاندماج الاقتصادي للنساء").as_deref(),
            Some("النساء")
        );
    }

    #[test]
    fn verbs_tell_the_speakers_gender() {
        assert!(feminine_verb("قالت"));
        assert!(!feminine_verb("قال"));
        assert!(
            !feminine_verb("تابع"),
            "a masculine verb that ends in ت… no: in ع"
        );
        assert!(!feminine_verb("لفت"), "لفت is masculine");
        assert_eq!(
            ministry_of("وزيرة التضامن والادماج الاجتماعي والأسرة").as_deref(),
            Some("وزارة التضامن والادماج الاجتماعي والأسرة")
        );
        assert_eq!(ministry_of("والي جهة فاس مكناس"), None);
    }

    #[test]
    fn titles_give_a_rank() {
        let rank = |t: &str| title_precedence(&fold_for_match(t)).0;
        assert_eq!(
            rank("رئيس مجلس الجهة"),
            Precedence::RegionalCouncilPresident
        );
        assert_eq!(
            rank("رئيس المجلس الجماعي"),
            Precedence::ElectedRepresentative
        );
        assert_eq!(rank("والي جهة فاس مكناس عامل عمالة فاس"), Precedence::Wali);
        assert_eq!(
            group_precedence(&fold_for_match("ممثلو الهيئات المنتخبة")),
            Precedence::ElectedRepresentative
        );
    }
}
