//! What the rules found, before numbering: attendees are kept by index so statements, actions
//! and visits can point at them; [`Draft::finish`] numbers everything and turns byte ranges
//! into character spans.

use chrono::NaiveDate;
use mahdar_model::{
    ActionStatus, Lang, MeetingFormat, Money, PersonKind, Precedence, Prefecture, Proposal,
    ProposalItem, ProposalStatus, ProposedParty, Region, Role, Span, StatementKind, fold_for_match,
};
use std::ops::Range;

/// A report's proposals, numbered from 1 in the order: the meeting's own fields, attendees,
/// statements, actions, visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    /// The report's language.
    pub lang: Lang,
    /// What was found.
    pub proposals: Vec<Proposal>,
}

#[derive(Debug, Clone)]
pub(crate) struct Attendee {
    pub name: String,
    pub aliases: Vec<String>,
    pub title: Option<String>,
    pub group: bool,
    pub precedence: Precedence,
    pub feminine: Option<bool>,
    pub chair: bool,
    pub organisation: Option<String>,
    pub span: Range<usize>,
    pub also: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Said {
    pub speaker: usize,
    pub kind: StatementKind,
    pub channel: Option<String>,
    pub speaking_as: Option<String>,
    pub text: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Party {
    Attendee(usize),
    Organisation(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Commitment {
    pub title: String,
    pub description: Option<String>,
    pub owner: Option<Party>,
    pub partners: Vec<Party>,
    pub amount: Option<Money>,
    pub beneficiaries: Option<String>,
    pub status: ActionStatus,
    pub statement: Option<usize>,
    pub visit: Option<usize>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Visit {
    pub place: String,
    pub province: Option<String>,
    pub purpose: Option<String>,
    pub participants: Vec<usize>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct SeriesFound {
    pub title: String,
    pub rank: Option<u32>,
    pub launched_in: Option<String>,
    pub span: Option<Range<usize>>,
}

/// Everything found, with byte ranges.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub region: Option<(Region, Range<usize>)>,
    pub prefecture: Option<(Prefecture, Range<usize>)>,
    pub format: Option<(MeetingFormat, Range<usize>)>,
    pub series: Option<SeriesFound>,
    pub date: Option<(NaiveDate, Range<usize>)>,
    pub purposes: Vec<(String, Range<usize>)>,
    pub attendees: Vec<Attendee>,
    pub said: Vec<Said>,
    pub commitments: Vec<Commitment>,
    pub visits: Vec<Visit>,
}

/// Byte offsets → character offsets.
struct Chars {
    starts: Vec<usize>,
}

impl Chars {
    fn new(source: &str) -> Chars {
        Chars {
            starts: source.char_indices().map(|(i, _)| i).collect(),
        }
    }

    fn at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }

    fn span(&self, r: &Range<usize>) -> Span {
        Span {
            start: self.at(r.start),
            end: self.at(r.end),
        }
    }
}

/// The most of each kind one report may propose: far more than any real report holds (the
/// seed has 6 attendees and 8 statements), few enough that a pathological text of 100 000
/// characters stays quick and small. Past the cap, further attendees and visits are not
/// proposed, statements go on the last one, amounts are not read.
pub(crate) const MAX_ATTENDEES: usize = 150;
pub(crate) const MAX_STATEMENTS: usize = 300;
pub(crate) const MAX_COMMITMENTS: usize = 150;
pub(crate) const MAX_VISITS: usize = 50;
pub(crate) const MAX_PURPOSES: usize = 20;
/// Spellings kept per attendee, and other mentions of them marked in the text.
pub(crate) const MAX_ALIASES: usize = 10;
pub(crate) const MAX_MENTIONS: usize = 50;

impl Draft {
    /// Adds an attendee, unless the cap is reached.
    pub fn add_attendee(&mut self, a: Attendee) -> Option<usize> {
        (self.attendees.len() < MAX_ATTENDEES).then(|| {
            self.attendees.push(a);
            self.attendees.len() - 1
        })
    }

    /// Adds a statement; past the cap, what was said goes on the last one.
    pub fn add_said(&mut self, s: Said) -> usize {
        if self.said.len() >= MAX_STATEMENTS
            && let Some(last) = self.said.last_mut()
        {
            last.text.push(' ');
            last.text.push_str(&s.text);
            last.span.end = last.span.end.max(s.span.end);
            return self.said.len() - 1;
        }
        self.said.push(s);
        self.said.len() - 1
    }

    /// Whether more commitments may be proposed.
    pub fn room_for_commitments(&self) -> bool {
        self.commitments.len() < MAX_COMMITMENTS
    }

    /// Adds a site visit, unless the cap is reached.
    pub fn add_visit(&mut self, v: Visit) -> Option<usize> {
        (self.visits.len() < MAX_VISITS).then(|| {
            self.visits.push(v);
            self.visits.len() - 1
        })
    }

    /// Adds an aim, unless the cap is reached.
    pub fn add_purpose(&mut self, text: String, range: Range<usize>) {
        if self.purposes.len() < MAX_PURPOSES {
            self.purposes.push((text, range));
        }
    }

    /// The series found so far, made on first use.
    pub fn series_mut(&mut self) -> &mut SeriesFound {
        self.series.get_or_insert_with(|| SeriesFound {
            title: String::new(),
            rank: None,
            launched_in: None,
            span: None,
        })
    }

    /// Widens the series' span to cover `r`.
    pub fn widen_series(&mut self, r: Range<usize>) {
        let s = self.series_mut();
        s.span = Some(match s.span.take() {
            Some(x) => x.start.min(r.start)..x.end.max(r.end),
            None => r,
        });
    }

    /// Whoever chairs: the one a report says chaired, else the highest-ranking minister.
    pub fn chair_by_rank(&mut self) {
        if self.attendees.iter().any(|a| a.chair) {
            return;
        }
        if let Some(m) = self
            .attendees
            .iter_mut()
            .find(|a| a.precedence == Precedence::Minister && !a.group)
        {
            m.chair = true;
        }
    }

    /// Finds an attendee by name: the same spelling, the same words give or take the article
    /// ("السعيد الزنيبر" = "السعيد زنيبر"), or the family name alone.
    pub fn find_by_name(&self, name: &str) -> Option<usize> {
        let key = name_key(name);
        if key.is_empty() {
            return None;
        }
        let exact = self.attendees.iter().position(|a| {
            std::iter::once(&a.name)
                .chain(&a.aliases)
                .any(|n| name_key(n) == key)
        });
        exact.or_else(|| {
            // A family name alone ("الزنيبر"), or the full name where only part was known.
            let words: Vec<&str> = key.split(' ').collect();
            let mut found = self.attendees.iter().enumerate().filter(|(_, a)| {
                !a.group && {
                    let theirs = name_key(&a.name);
                    let their_words: Vec<&str> = theirs.split(' ').collect();
                    (words.len() == 1
                        && their_words.len() > 1
                        && their_words.last() == words.last())
                        || (their_words.len() == 1
                            && words.len() > 1
                            && words.last() == their_words.last())
                }
            });
            match (found.next(), found.next()) {
                (Some((i, _)), None) => Some(i),
                _ => None,
            }
        })
    }

    /// Adds a spelling of an attendee's name met in the text.
    pub fn note_spelling(&mut self, who: usize, spelled: &str, range: Range<usize>) {
        let a = &mut self.attendees[who];
        if spelled != a.name
            && a.aliases.len() < MAX_ALIASES
            && !a.aliases.iter().any(|x| x == spelled)
            && name_key(spelled).contains(' ')
        {
            a.aliases.push(spelled.to_owned());
        }
        if range != a.span && a.also.len() < MAX_MENTIONS && !a.also.contains(&range) {
            a.also.push(range);
        }
    }

    /// Numbers the proposals and turns byte ranges into character spans.
    pub fn finish(self, source: &str, lang: Lang) -> Extraction {
        let chars = Chars::new(source);
        let mut proposals = Vec::new();
        if let Some((region, r)) = &self.region {
            push(
                &mut proposals,
                &chars,
                ProposalItem::Region { region: *region },
                r,
                Vec::new(),
            );
        }
        if let Some((prefecture, r)) = &self.prefecture {
            push(
                &mut proposals,
                &chars,
                ProposalItem::Prefecture {
                    prefecture: prefecture.clone(),
                },
                r,
                Vec::new(),
            );
        }
        if let Some((format, r)) = &self.format {
            push(
                &mut proposals,
                &chars,
                ProposalItem::Format { format: *format },
                r,
                Vec::new(),
            );
        }
        let organiser = self
            .attendees
            .iter()
            .find(|a| a.precedence == Precedence::Minister && a.organisation.is_some())
            .and_then(|a| a.organisation.clone());
        if let Some(s) = &self.series {
            push(
                &mut proposals,
                &chars,
                ProposalItem::Series {
                    title: if s.title.is_empty() {
                        match lang {
                            Lang::Ar => "سلسلة اللقاءات الجهوية".to_owned(),
                            _ => "Rencontres régionales".to_owned(),
                        }
                    } else {
                        s.title.clone()
                    },
                    rank: s.rank,
                    launched_in: s.launched_in.clone(),
                    organiser: organiser.clone(),
                },
                &s.span.clone().unwrap_or_default(),
                Vec::new(),
            );
        }
        if let Some((date, r)) = &self.date {
            push(
                &mut proposals,
                &chars,
                ProposalItem::Date { date: *date },
                r,
                Vec::new(),
            );
        }
        for (text, r) in &self.purposes {
            push(
                &mut proposals,
                &chars,
                ProposalItem::Purpose { text: text.clone() },
                r,
                Vec::new(),
            );
        }

        // Attendees: whoever chairs first, then in the order of the text.
        let mut order: Vec<usize> = (0..self.attendees.len()).collect();
        order.sort_by_key(|&i| (!self.attendees[i].chair, self.attendees[i].span.start));
        let speakers: Vec<usize> = self.said.iter().map(|s| s.speaker).collect();
        let mut number_of = vec![0u32; self.attendees.len()];
        for &i in &order {
            let a = &self.attendees[i];
            let mut roles = Vec::new();
            if a.chair {
                roles.push(Role::Chair);
            }
            if speakers.contains(&i) {
                roles.push(Role::Speaker);
            }
            if roles.is_empty() {
                roles.push(Role::Member);
            }
            let mut also: Vec<Span> = a
                .also
                .iter()
                .take(MAX_MENTIONS)
                .map(|r| chars.span(r))
                .collect();
            also.sort();
            also.dedup();
            number_of[i] = push(
                &mut proposals,
                &chars,
                ProposalItem::Attendee {
                    name: a.name.clone(),
                    aliases: a.aliases.clone(),
                    title: a.title.clone(),
                    person_kind: if a.group {
                        PersonKind::Group
                    } else {
                        PersonKind::Individual
                    },
                    precedence: a.precedence,
                    roles,
                    organisation: a.organisation.clone(),
                    matched: None,
                },
                &a.span,
                also,
            );
        }
        let party = |p: &Party| match p {
            Party::Attendee(i) => ProposedParty::Attendee(number_of[*i]),
            Party::Organisation(name) => ProposedParty::Organisation(name.clone()),
        };
        let mut statement_no = Vec::new();
        for s in &self.said {
            statement_no.push(push(
                &mut proposals,
                &chars,
                ProposalItem::Statement {
                    speaker: number_of[s.speaker],
                    statement_kind: s.kind,
                    channel: s.channel.clone(),
                    speaking_as: s.speaking_as.clone(),
                    text: s.text.clone(),
                },
                &s.span,
                Vec::new(),
            ));
        }
        // Visits are numbered after the actions, which refer to them: count ahead.
        let first_visit = proposals.len() as u32 + self.commitments.len() as u32 + 1;
        for c in &self.commitments {
            push(
                &mut proposals,
                &chars,
                ProposalItem::Action {
                    title: c.title.clone(),
                    description: c.description.clone(),
                    owner: c.owner.as_ref().map(party),
                    partners: c.partners.iter().map(party).collect(),
                    amount: c.amount,
                    beneficiaries: c.beneficiaries.clone(),
                    action_status: c.status,
                    statement: c.statement.map(|i| statement_no[i]),
                    visit: c.visit.map(|i| first_visit + i as u32),
                },
                &c.span,
                Vec::new(),
            );
        }
        for v in &self.visits {
            push(
                &mut proposals,
                &chars,
                ProposalItem::Visit {
                    place: v.place.clone(),
                    province: v.province.clone(),
                    purpose: v.purpose.clone(),
                    participants: v.participants.iter().map(|&i| number_of[i]).collect(),
                },
                &v.span,
                Vec::new(),
            );
        }
        Extraction { lang, proposals }
    }
}

/// Fields of a proposal that are one short line in the record.
const SHORT_FIELDS: &[&str] = &[
    "name",
    "aliases",
    "title",
    "channel",
    "speaking_as",
    "place",
    "province",
    "organisation",
    "launched_in",
    "organiser",
    "beneficiaries",
];

/// What the rules took from the text, made fit for the record: control characters (which a
/// pasted text may hold) become spaces, and a short field longer than the record allows is
/// cut (a person sees the source beside it and can edit).
fn fit(item: ProposalItem) -> ProposalItem {
    fn clean(s: &str, short: bool) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            let c = if (short || c != '\n') && c.is_control() {
                ' '
            } else {
                c
            };
            if !(c == ' ' && out.ends_with(' ')) {
                out.push(c);
            }
        }
        let out = out.trim();
        if short && out.chars().count() > mahdar_model::MAX_SHORT_TEXT {
            let cut: String = out.chars().take(mahdar_model::MAX_SHORT_TEXT - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            out.to_owned()
        }
    }
    fn walk(v: &mut serde_json::Value, short: bool) {
        match v {
            serde_json::Value::String(s) => *s = clean(s, short),
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| walk(x, short)),
            serde_json::Value::Object(o) => {
                for (k, x) in o.iter_mut() {
                    walk(x, SHORT_FIELDS.contains(&k.as_str()));
                }
            }
            _ => {}
        }
    }
    let Ok(mut value) = serde_json::to_value(&item) else {
        return item;
    };
    walk(&mut value, false);
    serde_json::from_value(value).unwrap_or(item)
}

fn push(
    proposals: &mut Vec<Proposal>,
    chars: &Chars,
    item: ProposalItem,
    range: &Range<usize>,
    also: Vec<Span>,
) -> u32 {
    let item = fit(item);
    let no = proposals.len() as u32 + 1;
    proposals.push(Proposal {
        no,
        span: chars.span(range),
        also,
        status: ProposalStatus::Pending,
        edited: false,
        record: None,
        item,
    });
    no
}

/// A name folded for comparing spellings: without articles on its words.
pub(crate) fn name_key(name: &str) -> String {
    fold_for_match(name)
        .split(' ')
        .map(crate::text::without_article)
        .collect::<Vec<_>>()
        .join(" ")
}
