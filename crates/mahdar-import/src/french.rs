//! The rules for French reports: the same record as the Arabic ones, read from French word
//! order (the subject comes before "a déclaré").

use crate::draft::{Attendee, Commitment, Draft, Extraction, Party, Said, Visit};
use crate::lexicon::{MONTHS, ORDINALS};
use crate::money::amounts;
use crate::text::{Sentence, Word, phrase, sentences, slice, words};
use chrono::NaiveDate;
use mahdar_model::{
    ActionStatus, Lang, MeetingFormat, Precedence, Prefecture, PrefectureKind, Region,
    StatementKind, fold_for_match,
};
use std::ops::Range;

/// Past participles of verbs of saying, after "a" ("a déclaré", "a-t-elle souligné").
const SAYING: &[&str] = &[
    "declare",
    "affirme",
    "souligne",
    "indique",
    "releve",
    "annonce",
    "estime",
    "explique",
    "insiste",
    "note",
    "precise",
    "ajoute",
    "appele",
    "rappele",
    "rappelle",
    "fait",
    "mis",
    "salue",
    "plaide",
    "assure",
    "reaffirme",
    "exprime",
    "deplore",
    "regrette",
    "recommande",
    "invite",
    "exhorte",
    "evoque",
    "tenu",
    "considere",
    "signale",
    "affirmee",
    "soutenu",
    "martele",
    "observe",
    "confie",
    "poursuivi",
    "conclu",
    "dit",
    "mentionne",
    "revele",
    "detaille",
    "expose",
    "presente",
];

/// What follows an ordinal that ranks a meeting in its series ("la huitième du genre").
const SERIES_NOUNS: &[&str] = &[
    "genre",
    "edition",
    "etape",
    "rencontre",
    "reunion",
    "session",
];

/// Title heads, singular, with rank and gender.
const TITLES: &[(&str, Precedence, bool)] = &[
    ("ministre", Precedence::Minister, false),
    ("secretaire", Precedence::Minister, false),
    ("wali", Precedence::Wali, false),
    ("gouverneur", Precedence::Governor, false),
    ("gouverneure", Precedence::Governor, true),
    ("president", Precedence::Other, false),
    ("presidente", Precedence::Other, true),
    ("directeur", Precedence::Official, false),
    ("directrice", Precedence::Official, true),
    ("delegue", Precedence::Official, false),
    ("deleguee", Precedence::Official, true),
    ("maire", Precedence::ElectedRepresentative, false),
    ("chef", Precedence::Official, false),
    ("representant", Precedence::Official, false),
    ("representante", Precedence::Official, true),
    ("coordinateur", Precedence::Official, false),
    ("coordinatrice", Precedence::Official, true),
    ("vice-president", Precedence::ElectedRepresentative, false),
    ("vice-presidente", Precedence::ElectedRepresentative, true),
];

/// Plural heads of groups.
const GROUPS: &[(&str, Precedence)] = &[
    ("gouverneurs", Precedence::Governor),
    ("walis", Precedence::Wali),
    ("elus", Precedence::ElectedRepresentative),
    ("elues", Precedence::ElectedRepresentative),
    ("parlementaires", Precedence::ElectedRepresentative),
    ("presidents", Precedence::ElectedRepresentative),
    ("representants", Precedence::Official),
    ("responsables", Precedence::Official),
    ("directeurs", Precedence::Official),
    ("membres", Precedence::Other),
    ("acteurs", Precedence::Other),
    ("professionnels", Precedence::Other),
    ("associations", Precedence::CivilSociety),
    ("societe", Precedence::CivilSociety),
    ("cadres", Precedence::Official),
    ("chefs", Precedence::Official),
    ("operateurs", Precedence::Other),
    ("partenaires", Precedence::Other),
];

/// Articles and prepositions that may open a mention.
const ARTICLES: &[&str] = &[
    "la", "le", "les", "l", "du", "de", "des", "d", "au", "aux", "a", "m", "mme", "mr", "mlle",
];

fn fold(s: &str) -> String {
    fold_for_match(s).replace(['’'], "'")
}

/// The word without an elided article: "l'Habitat" → "Habitat", "d'élus" → "élus".
fn unelided(core: &str) -> &str {
    for p in ["l'", "d'", "L'", "D'", "l’", "d’", "L’", "D’", "qu'", "qu’"] {
        if let Some(rest) = core.strip_prefix(p) {
            return rest;
        }
    }
    core
}

fn key(w: &Word<'_>) -> String {
    fold(unelided(w.core))
}

fn title_head(w: &Word<'_>) -> Option<(Precedence, bool)> {
    let k = key(w);
    TITLES
        .iter()
        .find(|(t, _, _)| *t == k)
        .map(|(_, p, f)| (*p, *f))
}

fn group_head(w: &Word<'_>) -> Option<Precedence> {
    let k = key(w);
    GROUPS.iter().find(|(t, _)| *t == k).map(|(_, p)| *p)
}

fn capitalised(w: &Word<'_>) -> bool {
    let c = unelided(w.core);
    c.chars().next().is_some_and(char::is_uppercase) && c.chars().count() > 1
}

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "la",
    "le",
    "les",
    "l",
    "il",
    "elle",
    "ils",
    "elles",
    "dans",
    "pour",
    "quant",
    "au",
    "de",
    "du",
    "des",
    "en",
    "a",
    "cette",
    "ce",
    "ces",
    "selon",
    "lors",
    "tenue",
    "tenu",
    "conseil",
    "region",
    "ministere",
    "ministre",
    "wali",
    "map",
    "s'exprimant",
    "apres",
    "par",
    "sur",
    "avec",
    "et",
    "un",
    "une",
    "mardi",
    "lundi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "au",
    "pour",
    "de",
    "etat",
];

/// The piece after a comma goes on with the title: "…, de l'Urbanisme, de l'Habitat et de la
/// Politique de la ville".
fn continues_title(words: &[Word<'_>], k: usize) -> bool {
    let Some(w) = words.get(k) else { return false };
    let f = w.fold.as_str();
    let opener =
        ["de", "du", "des", "et"].contains(&f) || f.starts_with("d'") || f.starts_with("d’");
    if !opener {
        return false;
    }
    // The word that carries the meaning: after "de la", "de l'", "et de".
    let mut j = k;
    while j < words.len()
        && (["de", "du", "des", "et", "la", "le", "les"].contains(&words[j].fold.as_str()))
    {
        j += 1;
    }
    words
        .get(j)
        .is_some_and(|x| capitalised(x) && title_head(x).is_none() && group_head(x).is_none())
}

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
    r.draft.finish(source, Lang::Fr)
}

#[derive(Debug, Default)]
struct Mention {
    name: Option<(String, Range<usize>)>,
    title: Option<(String, Range<usize>)>,
    pronoun: Option<bool>,
    end: usize,
}

impl<'s> Reader<'s, '_> {
    fn text(&self, from: usize, to: usize) -> &'s str {
        phrase(self.source, self.w, from, to)
    }

    fn range(&self, from: usize, to: usize) -> Range<usize> {
        self.w[from].range.start..self.w[to - 1].range.end
    }

    /// The text of words `[from, to)` starting after an elided article.
    fn text_unelided(&self, from: usize, to: usize) -> (String, Range<usize>) {
        let w = &self.w[from];
        let skip = w.core.len() - unelided(w.core).len();
        let range = crate::text::start_after(w, skip)..self.w[to - 1].range.end;
        (self.source[range.clone()].to_owned(), range)
    }

    fn meeting_fields(&mut self) {
        let w = self.w;
        let n = w.len();
        for i in 0..n {
            let k = key(&w[i]);
            if self.draft.region.is_none() && (k == "region" || k == "regions") {
                let mut j = i + 1;
                while j < n && ["de", "du", "la"].contains(&w[j].fold.as_str()) {
                    j += 1;
                }
                for len in (1..=3).rev() {
                    if j + len <= n
                        && let Ok(region) = self.text(j, j + len).parse::<Region>()
                    {
                        self.draft.region = Some((region, self.range(i, j + len)));
                        break;
                    }
                }
            }
            if self.draft.prefecture.is_none() && (k == "prefecture" || k == "province") {
                let mut j = i + 1;
                while j < n && ["de", "du", "la", "d"].contains(&w[j].fold.as_str()) {
                    j += 1;
                }
                let start = j;
                while j < n
                    && j - start < 4
                    && capitalised(&w[j])
                    && !NOT_NAMES.contains(&key(&w[j]).as_str())
                {
                    j += 1;
                    if w[j - 1].comma || w[j - 1].full_stop {
                        break;
                    }
                }
                if j > start {
                    let (name, _) = self.text_unelided(start, j);
                    let kind = if k == "prefecture" {
                        PrefectureKind::Prefecture
                    } else {
                        PrefectureKind::Province
                    };
                    self.draft.prefecture = Some((Prefecture { kind, name }, self.range(i, j)));
                }
            }
            // Rank: "la huitième du genre", "quatrième étape", "9ème édition".
            if let Some((_, rank)) = ORDINALS
                .iter()
                .find(|(o, _)| o.len() == 1 && o[0] == w[i].fold)
                && (i + 1..(i + 3).min(n)).any(|x| SERIES_NOUNS.contains(&w[x].fold.as_str()))
                && self.draft.series.as_ref().is_none_or(|s| s.rank.is_none())
            {
                let end = (i + 1..(i + 3).min(n))
                    .find(|&x| SERIES_NOUNS.contains(&w[x].fold.as_str()))
                    .map_or(i + 1, |x| x + 1);
                self.draft.series_mut().rank = Some(*rank);
                self.draft.widen_series(self.range(i, end));
            }
            // Where the series began: "depuis le lancement de cette série … à Oujda", "entamée à Laâyoune".
            if [
                "lancement",
                "lancee",
                "lance",
                "entamee",
                "entame",
                "demarre",
                "demarree",
                "inauguree",
            ]
            .contains(&k.as_str())
                && self
                    .draft
                    .series
                    .as_ref()
                    .is_none_or(|s| s.launched_in.is_none())
                && let Some(a) = (i + 1..(i + 10).min(n))
                    .find(|&x| w[x].fold == "a" && x + 1 < n && capitalised(&w[x + 1]))
            {
                let mut e = a + 1;
                while e < n && e - a <= 3 && capitalised(&w[e]) {
                    e += 1;
                    if w[e - 1].comma || w[e - 1].full_stop {
                        break;
                    }
                }
                let (place, _) = self.text_unelided(a + 1, e);
                self.draft.series_mut().launched_in = Some(place);
                self.draft.widen_series(self.range(i, e));
            }
            if self.draft.date.is_none()
                && let Some(found) = self.date_at(i)
            {
                self.draft.date = Some(found);
            }
        }
        // Format.
        let has = |k: &str| w.iter().position(|x| x.fold.contains(k));
        let found = if let Some(i) = has("hybride").or_else(|| has("mixte")) {
            Some((MeetingFormat::Hybrid, i))
        } else {
            let present = has("presentiel");
            let remote = has("visioconference")
                .or_else(|| has("distanciel"))
                .or_else(|| {
                    w.windows(2)
                        .position(|p| p[0].fold == "a" && p[1].fold == "distance")
                });
            match (present, remote) {
                (Some(p), Some(_)) => Some((MeetingFormat::Hybrid, p)),
                (Some(p), None) => Some((MeetingFormat::InPerson, p)),
                (None, Some(r)) => Some((MeetingFormat::Online, r)),
                (None, None) => None,
            }
        };
        if let Some((format, i)) = found {
            let start = if i > 0 && ["en", "par", "sous"].contains(&w[i - 1].fold.as_str()) {
                i - 1
            } else {
                i
            };
            self.draft.format = Some((format, self.range(start, i + 1)));
        }
    }

    fn date_at(&self, i: usize) -> Option<(NaiveDate, Range<usize>)> {
        let w = self.w;
        let day: u32 = if w[i].fold == "1er" || w[i].fold == "premier" {
            1
        } else if w[i].core.len() <= 2 && w[i].core.chars().all(|c| c.is_ascii_digit()) {
            w[i].core.parse().ok()?
        } else {
            return None;
        };
        let month = MONTHS
            .iter()
            .find(|(m, _)| m.len() == 1 && w.get(i + 1).is_some_and(|x| x.fold == m[0]))?
            .1;
        let year: i32 = w
            .get(i + 2)
            .filter(|y| y.core.len() == 4)
            .and_then(|y| y.core.parse().ok())?;
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        const WEEKDAYS: &[&str] = &[
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ];
        let mut start = i;
        if i > 0 && WEEKDAYS.contains(&w[i - 1].fold.as_str()) {
            start = i - 1;
            if start > 0 && w[start - 1].fold == "le" {
                start -= 1;
            }
        }
        Some((date, self.range(start, i + 3)))
    }

    // ----- sentences -----

    fn sentences(&mut self, ss: &[Sentence]) {
        let w = self.w;
        let mut speaker: Option<usize> = None;
        let mut statement: Option<usize> = None;
        let mut started = false;
        for s in ss {
            if !s.says_something(self.w) {
                continue;
            }
            // A dateline.
            let first = s.after_dateline(self.w);
            // "a présidé": the chair.
            if let Some(v) = (first..s.end).find(|&k| {
                w[k].core == "a" && w.get(k + 1).is_some_and(|x| x.fold.starts_with("preside"))
            }) {
                let m = self.subject(first, v);
                if let Some(who) = self.resolve(&m) {
                    self.draft.attendees[who].chair = true;
                }
            }
            if let Some(k) = (first..s.end).find(|&k| {
                w[k].fold == "presence"
                    && w.get(k + 1).is_some_and(|x| {
                        ["de", "du", "des", "d"].contains(&key(x).as_str())
                            || x.fold.starts_with("d'")
                    })
            }) {
                self.attendance(k + 1, s.end);
            }
            if self.visit(s, first, speaker).is_some() {
                continue;
            }
            if let Some(verb) = self.saying_verb(first, s.end) {
                let m = self.subject(first, verb);
                let who = if m.name.is_some() || m.title.is_some() {
                    self.resolve(&m)
                } else {
                    self.last_of_gender(speaker, m.pronoun)
                };
                if let Some(who) = who {
                    speaker = Some(who);
                    statement = Some(self.say(who, s, first, verb));
                    started = true;
                    self.amounts_in(s, statement, speaker);
                    continue;
                }
            }
            if !started {
                continue;
            }
            if let Some(who) = speaker {
                if s.opens_para || statement.is_none() {
                    let text = slice(self.source, w, first, s.end).to_owned();
                    let span = self.sentence_range(s);
                    statement = Some(self.draft.add_said(Said {
                        speaker: who,
                        kind: StatementKind::Intervention,
                        channel: None,
                        speaking_as: None,
                        text,
                        span,
                    }));
                } else if let Some(n) = statement {
                    let more = slice(self.source, w, s.first, s.end).to_owned();
                    let end = self.sentence_range(s).end;
                    let said = &mut self.draft.said[n];
                    said.text.push(' ');
                    said.text.push_str(&more);
                    said.span.end = end;
                }
                self.amounts_in(s, statement, speaker);
            }
        }
    }

    fn sentence_range(&self, s: &Sentence) -> Range<usize> {
        s.range(self.source, self.w)
    }

    /// "a déclaré", "a-t-elle souligné", "a fait savoir": the word "a" and the end of the verb.
    fn saying_verb(&self, from: usize, end: usize) -> Option<usize> {
        let w = self.w;
        (from..end).find_map(|k| {
            // "a", not "à" (which folds the same): "tout à fait" is no verb.
            let core = w[k].core;
            let aux = core == "a" || core.starts_with("a-t-");
            let next = w.get(k + 1)?;
            (aux && SAYING.contains(&next.fold.as_str())).then_some(k)
        })
    }

    /// The subject before a verb: "la ministre", "Elle", "le wali", "Salma Benjelloun",
    /// "Quant au président du Conseil de la région, Mustapha Lahlou, il".
    fn subject(&self, from: usize, verb: usize) -> Mention {
        let w = self.w;
        let mut m = Mention::default();
        // The clause right before the verb: after the last comma that is not followed by a name.
        let mut start = from;
        // Skip framing phrases: "Pour sa part,", "De son côté,", "Dans une déclaration à la MAP,".
        loop {
            let f = w.get(start).map(|x| x.fold.as_str()).unwrap_or("");
            let framing = [
                "pour",
                "de",
                "dans",
                "s'exprimant",
                "au",
                "lors",
                "en",
                "selon",
                "prenant",
                "intervenant",
                "par",
                "a",
                "apres",
            ]
            .contains(&f);
            match (start..verb).find(|&k| w[k].comma) {
                Some(c) if framing && !self.has_person(start, c + 1) => start = c + 1,
                _ => break,
            }
        }
        if start < verb && ["quant"].contains(&w[start].fold.as_str()) {
            start += 1;
        }
        // Pronouns.
        if verb > start {
            let last = w[verb - 1].fold.as_str();
            if last == "il" || last == "elle" {
                m.pronoun = Some(last == "elle");
                // "Quant au président …, Name, il a …": the mention before the pronoun.
                if verb - 1 == start {
                    m.end = verb;
                    return m;
                }
            }
        }
        let mut k = start;
        while k < verb
            && ARTICLES.contains(&key(&w[k]).as_str())
            && title_head(&w[k]).is_none()
            && group_head(&w[k]).is_none()
        {
            k += 1;
        }
        if k < verb
            && (title_head(&w[k]).is_some()
                || (unelided(w[k].core) != w[k].core && title_head(&w[k]).is_some()))
        {
            // Title words up to a comma (or up to a name), titles joined by commas.
            let t0 = k;
            let mut t_end = k;
            let mut e = k;
            while e < verb {
                e += 1;
                if w[e - 1].comma {
                    t_end = e;
                    // Another title after the comma, or more of this one?
                    if e < verb && (title_head(&w[e]).is_some() || continues_title(w, e)) {
                        continue;
                    }
                    break;
                }
                t_end = e;
            }
            // Name after the title (comma-separated).
            let name_start = t_end;
            let mut n_end = name_start;
            while n_end < verb
                && capitalised(&w[n_end])
                && !NOT_NAMES.contains(&key(&w[n_end]).as_str())
            {
                n_end += 1;
                if w[n_end - 1].comma {
                    break;
                }
            }
            let (title, range) = self.text_unelided(t0, t_end);
            m.title = Some((title.trim_end_matches([',', '،']).to_owned(), range));
            if n_end > name_start {
                m.name = Some((
                    self.text(name_start, n_end).to_owned(),
                    self.range(name_start, n_end),
                ));
            }
            m.end = verb;
            return m;
        }
        // A name.
        let mut e = k;
        while e < verb && capitalised(&w[e]) && !NOT_NAMES.contains(&key(&w[e]).as_str()) {
            e += 1;
            if w[e - 1].comma {
                break;
            }
        }
        if e > k {
            m.name = Some((self.text(k, e).to_owned(), self.range(k, e)));
        }
        m.end = verb;
        m
    }

    fn has_person(&self, from: usize, to: usize) -> bool {
        (from..to).any(|k| title_head(&self.w[k]).is_some())
    }

    fn resolve(&mut self, m: &Mention) -> Option<usize> {
        let d = &mut self.draft;
        if let Some((name, range)) = &m.name
            && let Some(who) = d.find_by_name(name)
        {
            d.note_spelling(who, name, range.clone());
            if let Some((title, _)) = &m.title {
                let a = &mut d.attendees[who];
                if a.title.as_ref().is_none_or(|t| title.len() > t.len()) {
                    a.title = Some(title.clone());
                }
            }
            return Some(who);
        }
        if m.name.is_none()
            && let Some((title, range)) = &m.title
        {
            let head = fold(title).split(' ').next().unwrap_or_default().to_owned();
            let head = head.trim_end_matches('e').to_owned();
            let same: Vec<usize> = d
                .attendees
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    !a.group
                        && a.title.as_ref().is_some_and(|t| {
                            fold(t)
                                .split(' ')
                                .next()
                                .unwrap_or_default()
                                .trim_end_matches('e')
                                == head
                        })
                })
                .map(|(i, _)| i)
                .collect();
            if let Some(&who) = same.first() {
                let also = &mut d.attendees[who].also;
                if also.len() < crate::draft::MAX_MENTIONS && !also.contains(range) {
                    also.push(range.clone());
                }
                return Some(who);
            }
        }
        let (name, range) = match (&m.name, &m.title) {
            (Some((n, r)), _) => (n.clone(), r.clone()),
            (None, Some((t, r))) => (t.clone(), r.clone()),
            _ => return None,
        };
        let title = m.title.as_ref().map(|(t, _)| t.clone());
        let head = title.as_deref().map(fold).and_then(|t| {
            let h = t.split(' ').next().unwrap_or_default().to_owned();
            TITLES
                .iter()
                .find(|(x, _, _)| *x == h)
                .map(|(_, p, f)| (*p, *f))
        });
        let (mut precedence, fem) = head.unwrap_or_default();
        if let Some(t) = &title {
            let t = fold(t);
            if t.starts_with("president") && t.contains("region") {
                precedence = Precedence::RegionalCouncilPresident;
            }
        }
        let span = match &m.title {
            Some((_, tr)) => tr.start.min(range.start)..tr.end.max(range.end),
            None => range,
        };
        let organisation = title.as_deref().and_then(|t| {
            let rest = t
                .strip_prefix("ministre ")
                .or_else(|| t.strip_prefix("Ministre "))?;
            Some(format!("Ministère {rest}"))
        });
        d.add_attendee(Attendee {
            name,
            aliases: Vec::new(),
            title,
            group: false,
            precedence,
            feminine: Some(fem),
            chair: false,
            organisation,
            span,
            also: Vec::new(),
        })
    }

    fn last_of_gender(&self, last: Option<usize>, feminine: Option<bool>) -> Option<usize> {
        let last = last?;
        let Some(fem) = feminine else {
            return Some(last);
        };
        if self.draft.attendees[last].feminine.is_none_or(|g| g == fem) {
            return Some(last);
        }
        self.draft
            .said
            .iter()
            .rev()
            .map(|s| s.speaker)
            .find(|&i| self.draft.attendees[i].feminine == Some(fem))
            .or(Some(last))
    }

    fn say(&mut self, who: usize, s: &Sentence, first: usize, verb: usize) -> usize {
        let w = self.w;
        let mut text = slice(self.source, w, verb, s.end).to_owned();
        // "a-t-elle souligné" → "a souligné".
        if let Some(rest) = text
            .strip_prefix(w[verb].core)
            .filter(|_| w[verb].fold != "a")
        {
            text = format!("a{rest}");
        }
        let mut channel = None;
        for k in first..s.end {
            if w[k].fold.starts_with("declaration")
                && w.get(k + 1)
                    .is_some_and(|x| x.fold == "a" || x.fold == "au")
            {
                let start = k + 2;
                let mut e = start;
                while e < s.end && e - start < 5 {
                    e += 1;
                    if w[e - 1].comma {
                        break;
                    }
                }
                let c = self.text(start, e).to_owned();
                channel = Some(if w[k + 1].fold == "au" {
                    format!("le {c}")
                } else {
                    c
                });
                break;
            }
        }
        let chair = self.draft.attendees[who].chair
            || self.draft.attendees[who].precedence == Precedence::Minister;
        let kind = if channel.is_some() {
            StatementKind::PressStatement
        } else if chair {
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

    /// "en présence du wali …, gouverneur …, Name, du président …, Name, des gouverneurs …,
    /// ainsi que d'élus et de représentants …".
    fn attendance(&mut self, from: usize, end: usize) {
        let w = self.w;
        // Pieces at commas, "et" and "ainsi que".
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut start = from;
        let mut k = from;
        while k < end {
            let f = w[k].fold.as_str();
            if k > start
                && (f == "et" || (f == "ainsi" && w.get(k + 1).is_some_and(|x| x.fold == "que")))
            {
                pieces.push((start, k));
                k += if f == "ainsi" { 2 } else { 1 };
                start = k;
                continue;
            }
            k += 1;
            if w[k - 1].comma || k == end {
                pieces.push((start, k));
                start = k;
            }
        }
        let mut p = 0;
        while p < pieces.len() {
            let (mut a, b) = pieces[p];
            while a < b && ["ainsi", "que", "et", "notamment"].contains(&w[a].fold.as_str()) {
                a += 1;
            }
            while a < b
                && ARTICLES.contains(&w[a].fold.as_str())
                && title_head(&w[a]).is_none()
                && group_head(&w[a]).is_none()
            {
                a += 1;
            }
            if a >= b {
                p += 1;
                continue;
            }
            if let Some(precedence) = group_head(&w[a]) {
                let (name, range) = self.text_unelided(a, b);
                let name = name.trim_end_matches([',', '.']).to_owned();
                self.draft.add_attendee(Attendee {
                    name,
                    aliases: Vec::new(),
                    title: None,
                    group: true,
                    precedence,
                    feminine: None,
                    chair: false,
                    organisation: None,
                    span: range,
                    also: Vec::new(),
                });
                p += 1;
                continue;
            }
            if title_head(&w[a]).is_some() {
                // Titles, then a name.
                let t0 = a;
                let mut q = p + 1;
                let mut t_end = b;
                while let Some(&(na, nb)) = pieces.get(q) {
                    if title_head(&w[na]).is_some() || continues_title(w, na) {
                        t_end = nb;
                        q += 1;
                    } else {
                        break;
                    }
                }
                let (title, trange) = self.text_unelided(t0, t_end);
                let title = title.trim_end_matches([',', '،']).to_owned();
                let mut m = Mention {
                    title: Some((title, trange)),
                    ..Mention::default()
                };
                if let Some(&(na, nb)) = pieces.get(q)
                    && (na..nb).all(|x| capitalised(&w[x]))
                    && nb - na <= 4
                {
                    m.name = Some((self.text(na, nb).to_owned(), self.range(na, nb)));
                    q += 1;
                }
                self.resolve(&m);
                p = q;
                continue;
            }
            p += 1;
        }
    }

    fn amounts_in(&mut self, s: &Sentence, statement: Option<usize>, speaker: Option<usize>) {
        let w = self.w;
        let ministry = (s.first..s.end).any(|k| w[k].fold == "ministere");
        for a in amounts(w, s.first, s.end) {
            if !self.draft.room_for_commitments() {
                return;
            }
            let purpose_start = (a.end..(a.end + 4).min(s.end)).find(|&k| {
                [
                    "pour",
                    "afin",
                    "destinee",
                    "destines",
                    "destine",
                    "destinees",
                    "au",
                ]
                .contains(&w[k].fold.as_str())
            });
            let purpose = purpose_start.map(|p| {
                let mut e = p;
                while e < s.end && e - p < 25 {
                    let f = w[e].fold.as_str();
                    if e > p
                        && (f == "ainsi"
                            || f == "et"
                                && w.get(e + 1)
                                    .is_some_and(|x| x.fold.chars().all(|c| c.is_ascii_digit())))
                    {
                        break;
                    }
                    e += 1;
                    if w[e - 1].comma {
                        break;
                    }
                }
                (p, e)
            });
            let floor = a.first.saturating_sub(40).max(s.first);
            let clause_start = (floor..a.first)
                .rev()
                .find(|&k| w[k].comma)
                .map_or(floor, |k| k + 1);
            let purpose_text = purpose.map(|(p, e)| self.text(p, e).to_owned());
            let title = match &purpose_text {
                Some(p) => {
                    let t = p.split_once(' ').map_or(p.as_str(), |(_, r)| r);
                    let t = ["la ", "le ", "les ", "l'", "l’"]
                        .iter()
                        .find_map(|a| t.strip_prefix(a))
                        .unwrap_or(t);
                    let mut c = t.chars();
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default()
                }
                None => self.text(clause_start, a.end).to_owned(),
            };
            let owner = if ministry {
                speaker
                    .and_then(|i| self.draft.attendees[i].organisation.clone())
                    .map(Party::Organisation)
            } else {
                None
            }
            .or_else(|| speaker.map(Party::Attendee));
            let end = purpose.map_or(a.end, |(_, e)| e);
            let range = self.range(clause_start, end);
            self.draft.commitments.push(Commitment {
                title,
                description: Some(self.source[range.clone()].to_owned()),
                owner,
                partners: Vec::new(),
                amount: Some(a.money),
                beneficiaries: None,
                status: ActionStatus::Proposed,
                statement,
                visit: None,
                span: range,
            });
        }
    }

    /// "la ministre a visité le chantier …", "s'est rendue au …".
    fn visit(&mut self, s: &Sentence, first: usize, speaker: Option<usize>) -> Option<usize> {
        let w = self.w;
        let v = (first..s.end).find(|&k| {
            let f = w[k].fold.as_str();
            (w[k].core == "a" && w.get(k + 1).is_some_and(|x| x.fold == "visite"))
                || (f == "s'est" && w.get(k + 1).is_some_and(|x| x.fold.starts_with("rendu")))
        })?;
        let m = self.subject(first, v);
        let who = if m.name.is_some() || m.title.is_some() {
            self.resolve(&m)
        } else {
            self.last_of_gender(speaker, m.pronoun)
        };
        let mut k = v + 2;
        while k < s.end
            && ["le", "la", "les", "au", "aux", "a", "l", "un", "une"]
                .contains(&key(&w[k]).as_str())
            && unelided(w[k].core) == w[k].core
        {
            k += 1;
        }
        let start = k;
        let mut e = k;
        while e < s.end && !["ou", "afin", "pour", "dans"].contains(&w[e].fold.as_str()) {
            e += 1;
            if w[e - 1].comma {
                break;
            }
        }
        if e <= start {
            return None;
        }
        let (place, _) = self.text_unelided(start, e);
        let participants: Vec<usize> = who.into_iter().collect();
        let span = self.sentence_range(s);
        let visit = self.draft.add_visit(Visit {
            place: place.clone(),
            province: None,
            purpose: None,
            participants: participants.clone(),
            span: span.clone(),
        })?;
        self.draft.commitments.push(Commitment {
            title: format!("Visite : {place}"),
            description: Some(slice(self.source, w, first, s.end.min(first + 60)).to_owned()),
            owner: participants.first().map(|&p| Party::Attendee(p)),
            partners: Vec::new(),
            amount: None,
            beneficiaries: None,
            status: ActionStatus::Done,
            statement: None,
            visit: Some(visit),
            span,
        });
        Some(visit)
    }
}
