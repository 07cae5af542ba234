//! Mahdar's full-text index: every meeting, statement, decision, follow-up action and person,
//! searchable in Arabic and French whatever the spelling (see [`analysis`]).
//!
//! The index is derived and never the source of truth. The facade feeds it from the store's
//! changes feed; each commit records the last sequence it holds, in the same atomic commit as
//! the documents, so an index cut short by a crash reopens at its last commit and catches up.
//! Deleting its folder, or [`SearchIndex::clear`], rebuilds it from the store.

pub mod analysis;

use serde::{Deserialize, Serialize};
use std::{path::Path, sync::Mutex};
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term,
    collector::TopDocs,
    query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery},
    schema::{
        Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
    },
    snippet::SnippetGenerator,
};

pub use analysis::{MahdarTokenizer, word_forms, words};

/// The index's layout; a different one is rebuilt from the store.
const LAYOUT: u32 = 1;

/// What went wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The search engine failed (disk, damaged files).
    #[error("search index: {0}")]
    Engine(#[from] tantivy::TantivyError),
    /// The index folder could not be prepared.
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
    /// A query the index cannot run.
    #[error("{0}")]
    Query(String),
}

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A meeting's header.
    Meeting,
    /// What someone said.
    Statement,
    /// A decision.
    Decision,
    /// A follow-up action.
    Action,
    /// A person, group or organisation of the registry.
    Person,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [
        Kind::Meeting,
        Kind::Statement,
        Kind::Decision,
        Kind::Action,
        Kind::Person,
    ];

    /// Its name in the index, the CLI and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Meeting => "meeting",
            Kind::Statement => "statement",
            Kind::Decision => "decision",
            Kind::Action => "action",
            Kind::Person => "person",
        }
    }

    /// The kind of a name, if it is one.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// One thing to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The document's id in the store.
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// The meeting it belongs to (a meeting: itself; a person: none).
    pub meeting: Option<String>,
    /// Its short label: a meeting's title, a speaker's or a person's name, an action's title.
    pub title: String,
    /// Its text.
    pub text: String,
}

/// A change to the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// Index this entry, replacing what was there under its id.
    Put(Entry),
    /// Forget this id.
    Remove(String),
}

/// Which hits a search keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only these kinds (all when empty).
    pub kinds: Vec<Kind>,
    /// Only hits in these meetings (`None`: anywhere, people included).
    pub meetings: Option<Vec<String>>,
    /// At most this many hits (20 when 0).
    pub limit: usize,
}

/// One result, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The document's id in the store.
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// The meeting it belongs to.
    pub meeting: Option<String>,
    /// Its short label.
    pub title: String,
    /// Byte ranges of `title` to highlight.
    pub title_highlights: Vec<(usize, usize)>,
    /// A passage of its text (or its label) around the words found, as written.
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
    /// Relevance (higher is better).
    pub score: f32,
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    meeting: Field,
    title: Field,
    text: Field,
}

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    layout: u32,
    seq: u64,
}

/// The index, on disk or in memory.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analysis::TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        meeting: b.add_text_field("meeting", STRING | STORED),
        title: b.add_text_field("title", analysed.clone()),
        text: b.add_text_field("text", analysed),
    };
    (b.build(), fields)
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it; an index of another layout, or one that cannot be
    /// read, is emptied (the caller then feeds it again from sequence 0).
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let usable = Index::open_in_dir(dir).ok().filter(|index| {
            index.schema() == schema && payload(index).is_some_and(|p| p.layout == LAYOUT)
        });
        let index = match usable {
            Some(index) => index,
            None => {
                for entry in std::fs::read_dir(dir)? {
                    let path = entry?.path();
                    if path.is_dir() {
                        std::fs::remove_dir_all(&path)?;
                    } else {
                        std::fs::remove_file(&path)?;
                    }
                }
                Index::create_in_dir(dir, schema)?
            }
        };
        SearchIndex::with(index, fields)
    }

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        SearchIndex::with(Index::create_in_ram(schema), fields)
    }

    fn with(index: Index, fields: Fields) -> Result<SearchIndex, SearchError> {
        index
            .tokenizers()
            .register(analysis::TOKENIZER, MahdarTokenizer);
        let writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000)?;
        // A writer killed in the middle of a commit leaves files no commit names (a segment's
        // deletions at the next opstamp, say): this writer would trip over them, so they go.
        writer.garbage_collect_files().wait()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let me = SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
        };
        if payload(&me.index).is_none() {
            me.commit(0)?;
        }
        Ok(me)
    }

    /// The last store sequence this index holds (0: nothing yet).
    pub fn indexed_seq(&self) -> u64 {
        payload(&self.index).map_or(0, |p| p.seq)
    }

    fn writer(&self) -> std::sync::MutexGuard<'_, IndexWriter> {
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn commit(&self, seq: u64) -> Result<(), SearchError> {
        let mut writer = self.writer();
        let mut prepared = writer.prepare_commit()?;
        let payload = serde_json::json!({ "layout": LAYOUT, "seq": seq }).to_string();
        prepared.set_payload(&payload);
        prepared.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Applies changes and records that the index now holds the store up to `seq`, in one
    /// commit: after a crash the index is as it was before or after, never half-way.
    pub fn apply(&self, updates: &[Update], seq: u64) -> Result<(), SearchError> {
        {
            let writer = self.writer();
            let f = self.fields;
            for u in updates {
                match u {
                    Update::Put(e) => {
                        writer.delete_term(Term::from_field_text(f.id, &e.id));
                        let mut doc = TantivyDocument::default();
                        doc.add_text(f.id, &e.id);
                        doc.add_text(f.kind, e.kind.as_str());
                        if let Some(m) = &e.meeting {
                            doc.add_text(f.meeting, m);
                        }
                        doc.add_text(f.title, &e.title);
                        doc.add_text(f.text, &e.text);
                        writer.add_document(doc)?;
                    }
                    Update::Remove(id) => {
                        writer.delete_term(Term::from_field_text(f.id, id));
                    }
                }
            }
        }
        self.commit(seq)
    }

    /// Forgets everything (the caller feeds the index again from sequence 0).
    pub fn clear(&self) -> Result<(), SearchError> {
        {
            // Whatever a failed update left pending, and the files it left, go first.
            let mut writer = self.writer();
            writer.rollback()?;
            writer.garbage_collect_files().wait()?;
            writer.delete_all_documents()?;
        }
        self.commit(0)
    }

    /// How many entries the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Searches: every word must be found (in any of its spellings), `"…"` finds words in a
    /// row, `word*` finds words that begin so. Hits best first.
    pub fn search(&self, query: &str, filter: &Filter) -> Result<Vec<Hit>, SearchError> {
        let Some(words) = self.words_query(query)? else {
            return Ok(Vec::new());
        };
        let f = self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words)];
        if !filter.kinds.is_empty() {
            must.push((
                Occur::Must,
                any_of(f.kind, filter.kinds.iter().map(|k| k.as_str())),
            ));
        }
        if let Some(meetings) = &filter.meetings {
            must.push((
                Occur::Must,
                any_of(f.meeting, meetings.iter().map(String::as_str)),
            ));
        }
        let query = BooleanQuery::new(must);
        let searcher = self.reader.searcher();
        let limit = if filter.limit == 0 { 20 } else { filter.limit };
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut text_snippets = SnippetGenerator::create(&searcher, &query, f.text)?;
        text_snippets.set_max_num_chars(180);
        let mut title_snippets = SnippetGenerator::create(&searcher, &query, f.title)?;
        title_snippets.set_max_num_chars(1_000);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let get = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            // The passage of the text with the words found; when only the label matched (a
            // speaker's name), the start of the text, and the label's words are marked.
            let snippet = text_snippets.snippet_from_doc(&doc);
            let (fragment, highlights) = if snippet.fragment().is_empty() {
                let text = get(f.text);
                let start = match text.char_indices().nth(180) {
                    // Cut at a word's end, and say so.
                    Some((i, _)) => format!(
                        "{}…",
                        text[..i].rsplit_once(' ').map_or(&text[..i], |(a, _)| a)
                    ),
                    None => text,
                };
                (start, Vec::new())
            } else {
                (
                    snippet.fragment().to_owned(),
                    merged(snippet.highlighted().iter().map(|r| (r.start, r.end))),
                )
            };
            let title_snippet = title_snippets.snippet_from_doc(&doc);
            let title = get(f.title);
            let title_highlights = if title_snippet.fragment() == title {
                merged(title_snippet.highlighted().iter().map(|r| (r.start, r.end)))
            } else {
                Vec::new()
            };
            let kind = Kind::parse(&get(f.kind))
                .ok_or_else(|| SearchError::Query("an entry of an unknown kind".into()))?;
            let meeting = Some(get(f.meeting)).filter(|m| !m.is_empty());
            hits.push(Hit {
                id: get(f.id),
                kind,
                meeting,
                title,
                title_highlights,
                snippet: fragment,
                highlights,
                score,
            });
        }
        Ok(hits)
    }

    /// The query's words, all required; `None` when it has none.
    fn words_query(&self, query: &str) -> Result<Option<Box<dyn Query>>, SearchError> {
        let f = self.fields;
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for part in parse(query) {
            let q: Box<dyn Query> = match part {
                Part::Word(w) => {
                    let forms = word_forms(&w);
                    if forms.is_empty() {
                        continue;
                    }
                    // The spelling as typed counts most; the other forms widen the net.
                    let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                    for (i, form) in forms.iter().enumerate() {
                        let boost = if i == 0 { 1.0 } else { 0.5 };
                        for field in [f.title, f.text] {
                            let term = TermQuery::new(
                                Term::from_field_text(field, form),
                                IndexRecordOption::WithFreqs,
                            );
                            any.push((
                                Occur::Should,
                                Box::new(BoostQuery::new(Box::new(term), boost)),
                            ));
                        }
                    }
                    Box::new(BooleanQuery::new(any))
                }
                Part::Prefix(w) => {
                    let Some(form) = word_forms(&w).into_iter().next() else {
                        continue;
                    };
                    // Forms are letters and digits only: nothing to escape.
                    let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                    for field in [f.title, f.text] {
                        let q = RegexQuery::from_pattern(&format!("{form}.*"), field)
                            .map_err(|e| SearchError::Query(e.to_string()))?;
                        any.push((Occur::Should, Box::new(q)));
                    }
                    Box::new(BooleanQuery::new(any))
                }
                Part::Phrase(ws) => {
                    let forms: Vec<String> = ws
                        .iter()
                        .filter_map(|w| word_forms(w).into_iter().next())
                        .collect();
                    let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                    for field in [f.title, f.text] {
                        let terms: Vec<Term> = forms
                            .iter()
                            .map(|w| Term::from_field_text(field, w))
                            .collect();
                        let q: Box<dyn Query> = match terms.len() {
                            0 => continue,
                            1 => Box::new(TermQuery::new(
                                terms[0].clone(),
                                IndexRecordOption::WithFreqs,
                            )),
                            _ => Box::new(PhraseQuery::new(terms)),
                        };
                        any.push((Occur::Should, q));
                    }
                    if any.is_empty() {
                        continue;
                    }
                    Box::new(BooleanQuery::new(any))
                }
            };
            parts.push((Occur::Must, q));
        }
        Ok((!parts.is_empty()).then(|| Box::new(BooleanQuery::new(parts)) as Box<dyn Query>))
    }
}

fn any_of<'a>(field: Field, values: impl Iterator<Item = &'a str>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        values
            .map(|v| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect(),
    ))
}

/// Ranges in order, overlapping ones (the forms of one word) made one.
fn merged(ranges: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = ranges.collect();
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

fn payload(index: &Index) -> Option<Payload> {
    index
        .load_metas()
        .ok()?
        .payload
        .and_then(|p| serde_json::from_str(&p).ok())
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Word(String),
    Prefix(String),
    Phrase(Vec<String>),
}

/// The parts of a query: words, `word*` prefixes, `"…"` phrases (an unclosed quote runs to
/// the end).
fn parse(query: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    for (i, chunk) in query.split('"').enumerate() {
        if i % 2 == 1 {
            let ws: Vec<String> = words(chunk).map(|(_, w)| w.to_owned()).collect();
            if !ws.is_empty() {
                parts.push(Part::Phrase(ws));
            }
            continue;
        }
        for raw in chunk.split_whitespace() {
            let prefix = raw.ends_with('*');
            let found: Vec<&str> = words(raw).map(|(_, w)| w).collect();
            for (j, w) in found.iter().enumerate() {
                if prefix && j + 1 == found.len() {
                    parts.push(Part::Prefix((*w).to_owned()));
                } else {
                    parts.push(Part::Word((*w).to_owned()));
                }
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, kind: Kind, meeting: Option<&str>, title: &str, text: &str) -> Update {
        Update::Put(Entry {
            id: id.into(),
            kind,
            meeting: meeting.map(Into::into),
            title: title.into(),
            text: text.into(),
        })
    }

    fn ids(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.id.as_str()).collect()
    }

    #[test]
    fn queries_parse_into_words_prefixes_and_phrases() {
        assert_eq!(
            parse(r#"الوزيرة "26 مليون" زنيب*"#),
            vec![
                Part::Word("الوزيرة".into()),
                Part::Phrase(vec!["26".into(), "مليون".into()]),
                Part::Prefix("زنيب".into()),
            ]
        );
    }

    #[test]
    fn spellings_meet_snippets_keep_the_original_and_filters_filter() {
        let index = SearchIndex::in_memory().expect("an index");
        index
            .apply(
                &[
                    entry(
                        "statement:1",
                        Kind::Statement,
                        Some("meeting:a"),
                        "عواطف حيار",
                        "قالت الوزيرة إن الوزارة تعبئ غلافا ماليا من 26 مليون درهم",
                    ),
                    entry(
                        "statement:2",
                        Kind::Statement,
                        Some("meeting:b"),
                        "السعيد الزنيبر",
                        "أبرز والي الجهة المكانة المركزية للقطاع الاجتماعي",
                    ),
                    entry(
                        "person:1",
                        Kind::Person,
                        None,
                        "السعيد الزنيبر",
                        "والي جهة فاس مكناس — Saïd Zniber",
                    ),
                ],
                3,
            )
            .expect("indexed");
        assert_eq!(index.indexed_seq(), 3);

        let hits = index.search("وزيرة", &Filter::default()).expect("search");
        assert_eq!(ids(&hits), ["statement:1"]);
        let h = &hits[0];
        let (a, b) = h.highlights[0];
        assert_eq!(&h.snippet[a..b], "الوزيرة", "highlighted as written");

        let hits = index.search("زنيبر", &Filter::default()).expect("search");
        assert_eq!(hits.len(), 2, "{hits:?}");
        let only_people = Filter {
            kinds: vec![Kind::Person],
            ..Filter::default()
        };
        assert_eq!(
            ids(&index.search("زنيبر", &only_people).expect("search")),
            ["person:1"]
        );
        let in_b = Filter {
            meetings: Some(vec!["meeting:b".into()]),
            ..Filter::default()
        };
        assert_eq!(
            ids(&index.search("زنيبر", &in_b).expect("search")),
            ["statement:2"]
        );

        assert_eq!(
            ids(&index.search("\"26 مليون\"", &Filter::default()).expect("s")),
            ["statement:1"]
        );
        assert!(
            index
                .search("\"مليون 26\"", &Filter::default())
                .expect("s")
                .is_empty()
        );
        assert_eq!(
            ids(&index.search("Zni*", &Filter::default()).expect("s")),
            ["person:1"]
        );
        assert_eq!(
            ids(&index.search("said zniber", &Filter::default()).expect("s")),
            ["person:1"]
        );
        assert!(index.search("", &Filter::default()).expect("s").is_empty());

        index
            .apply(&[Update::Remove("statement:1".into())], 4)
            .expect("removed");
        assert!(
            index
                .search("وزيرة", &Filter::default())
                .expect("s")
                .is_empty()
        );
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn the_index_reopens_at_its_last_commit_and_can_be_cleared() {
        let dir = tempfile::tempdir().expect("a folder");
        {
            let index = SearchIndex::open(dir.path()).expect("created");
            assert_eq!(index.indexed_seq(), 0);
            index
                .apply(
                    &[entry(
                        "meeting:a",
                        Kind::Meeting,
                        Some("meeting:a"),
                        "الاجتماع التاسع",
                        "فاس مكناس",
                    )],
                    7,
                )
                .expect("indexed");
        }
        let index = SearchIndex::open(dir.path()).expect("reopened");
        assert_eq!(index.indexed_seq(), 7);
        assert_eq!(
            ids(&index.search("مكناس", &Filter::default()).expect("s")),
            ["meeting:a"]
        );
        index.clear().expect("cleared");
        assert_eq!((index.indexed_seq(), index.len()), (0, 0));
    }
}
