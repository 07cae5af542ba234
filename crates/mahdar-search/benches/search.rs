//! Search at scale, side by side in one run: Mahdar's index against SQLite FTS5 (rusqlite with
//! the bundled SQLite, `unicode61 remove_diacritics 2`) on the same seeded corpus — 12 regions,
//! years of meetings, `MAHDAR_SEARCH_BENCH_STATEMENTS` statements (default 1 000 000) in Arabic
//! and French, with words spelled the ways reports spell them. Prints indexing time, query p50
//! and p95 (top 20 with snippets), and recall on the variant queries; targets (issue 5): recall
//! ≥ 0.95, p95 < 20 ms at 1M statements, and faster than FTS5 at p95.
//!
//! `cargo bench -p mahdar-search --bench search`

#![allow(missing_docs)]

use mahdar_search::{Entry, Filter, Kind, SearchIndex, Update};
use rusqlite::{Connection, params};
use std::{
    collections::HashSet,
    time::{Duration, Instant},
};

/// A word the corpus spells several ways, and how a person searches for it.
struct Concept {
    query: &'static str,
    spellings: &'static [&'static str],
    french: bool,
}

const CONCEPTS: &[Concept] = &[
    Concept {
        query: "الوزيرة",
        spellings: &["الوزيرة", "وزيرة", "والوزيرة", "للوزيرة"],
        french: false,
    },
    Concept {
        query: "ادماج",
        spellings: &["إدماج", "ادماج", "الإدماج", "والادماج"],
        french: false,
    },
    Concept {
        query: "مستشفى",
        spellings: &["مستشفى", "المستشفى", "مستشفي", "بالمستشفى"],
        french: false,
    },
    Concept {
        query: "المسؤولية",
        spellings: &["المسؤولية", "المسئولية", "مسؤولية"],
        french: false,
    },
    Concept {
        query: "المؤسسات",
        spellings: &["مؤسسة", "المؤسسات", "والمؤسسات", "المؤسسة"],
        french: false,
    },
    Concept {
        query: "الزنيبر",
        spellings: &["زنيبر", "الزنيبر"],
        french: false,
    },
    Concept {
        query: "مدرسه",
        spellings: &["مدرسة", "المدرسة", "بالمدرسة"],
        french: false,
    },
    Concept {
        query: "تعزيز",
        spellings: &["تَعْزِيز", "تعزيز", "لتعزيز"],
        french: false,
    },
    Concept {
        query: "اجتماع",
        spellings: &["الاجتمـاع", "الاجتماع", "اجتماع"],
        french: false,
    },
    Concept {
        query: "٢٠٢٦",
        spellings: &["٢٠٢٦", "2026"],
        french: false,
    },
    Concept {
        query: "réunion",
        spellings: &["réunion", "reunion", "Réunions"],
        french: true,
    },
    Concept {
        query: "stratégie",
        spellings: &["stratégie", "strategie", "stratégies"],
        french: true,
    },
    Concept {
        query: "femme",
        spellings: &["femmes", "femme", "Femmes"],
        french: true,
    },
    Concept {
        query: "école",
        spellings: &["écoles", "école", "ecole"],
        french: true,
    },
];

/// Words of ordinary minutes that none of the concepts' spellings share.
const ARABIC: &[&str] = &[
    "أكد",
    "أبرز",
    "قال",
    "أشار",
    "أوضح",
    "دعا",
    "أعلن",
    "تابع",
    "شدد",
    "نوه",
    "على",
    "أن",
    "في",
    "من",
    "إلى",
    "مع",
    "هذا",
    "هذه",
    "الذي",
    "التي",
    "البرنامج",
    "المشروع",
    "الجهة",
    "الإقليم",
    "الجماعة",
    "التنمية",
    "القطاع",
    "الشراكة",
    "المجلس",
    "الساكنة",
    "الخدمات",
    "التضامن",
    "الأسرة",
    "الشباب",
    "التكوين",
    "الشغل",
    "الصحة",
    "الماء",
    "الطرق",
    "الفلاحة",
    "السكن",
    "الثقافة",
    "الرياضة",
    "المرأة",
    "الطفولة",
    "الدعم",
    "التمويل",
    "الميزانية",
    "المخطط",
    "الاستراتيجية",
    "الجديد",
    "المحلية",
    "الوطنية",
    "العمومية",
    "الخاصة",
    "المبادرة",
    "البشرية",
    "الإنجاز",
    "الأشغال",
    "الدراسة",
    "التقييم",
    "التتبع",
    "اللجنة",
    "الدورة",
    "المقبلة",
    "الحالية",
    "السنة",
    "الشهر",
    "مليون",
    "درهم",
    "غلاف",
    "مالي",
    "رصد",
    "تخصيص",
    "إحداث",
    "تأهيل",
    "توسيع",
    "بناء",
    "تجهيز",
    "المركز",
    "الفضاء",
    "الحي",
    "القرية",
    "المدينة",
    "العالم",
    "القروي",
    "الحضري",
    "الهشاشة",
    "الفقر",
    "الإعاقة",
    "المسنين",
    "الأطفال",
    "النساء",
    "الأرامل",
    "الجمعيات",
    "التعاونيات",
];
const FRENCH: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "un",
    "une",
    "et",
    "pour",
    "avec",
    "dans",
    "sur",
    "par",
    "wali",
    "gouverneur",
    "président",
    "conseil",
    "région",
    "province",
    "commune",
    "programme",
    "projet",
    "développement",
    "partenariat",
    "budget",
    "millions",
    "dirhams",
    "centre",
    "santé",
    "jeunes",
    "enfants",
    "emploi",
    "formation",
    "eau",
    "routes",
    "agriculture",
    "logement",
    "culture",
    "sport",
    "soutien",
    "financement",
    "plan",
    "nouveau",
    "locale",
    "nationale",
    "initiative",
    "humaine",
    "travaux",
    "étude",
    "évaluation",
    "suivi",
    "comité",
    "session",
    "prochaine",
    "année",
    "mois",
    "création",
    "mise",
    "niveau",
    "extension",
    "construction",
    "équipement",
    "quartier",
    "village",
    "ville",
    "rural",
    "urbain",
    "précarité",
    "pauvreté",
    "handicap",
    "personnes",
    "âgées",
    "associations",
    "coopératives",
    "a",
    "souligné",
    "annoncé",
];

/// How often a statement carries a given concept.
const CONCEPT_RATE: f64 = 0.01;

struct Corpus {
    texts: Vec<(String, String)>,
    /// For each concept, the ids of the statements that carry it.
    truth: Vec<HashSet<String>>,
}

fn corpus(n: usize) -> Corpus {
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut texts = Vec::with_capacity(n);
    let mut truth = vec![HashSet::new(); CONCEPTS.len()];
    for i in 0..n {
        let french = rng.f64() < 0.2;
        let vocab = if french { FRENCH } else { ARABIC };
        let mut words: Vec<&str> = (0..rng.usize(14..40))
            .map(|_| vocab[rng.usize(..vocab.len())])
            .collect();
        let id = format!("statement:{i:08}");
        for (c, concept) in CONCEPTS.iter().enumerate() {
            if concept.french == french && rng.f64() < CONCEPT_RATE {
                let at = rng.usize(..=words.len());
                words.insert(at, concept.spellings[rng.usize(..concept.spellings.len())]);
                truth[c].insert(id.clone());
            }
        }
        texts.push((id, words.join(" ")));
    }
    Corpus { texts, truth }
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    times[((times.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Queries a person types: the variant queries, and two words of the ordinary vocabulary.
fn timing_queries(rng: &mut fastrand::Rng) -> Vec<String> {
    let mut qs: Vec<String> = CONCEPTS.iter().map(|c| c.query.to_owned()).collect();
    for _ in 0..186 {
        let vocab = if rng.f64() < 0.2 { FRENCH } else { ARABIC };
        let a = vocab[rng.usize(20..vocab.len())];
        let b = vocab[rng.usize(20..vocab.len())];
        qs.push(format!("{a} {b}"));
    }
    qs
}

fn main() {
    let n: usize = std::env::var("MAHDAR_SEARCH_BENCH_STATEMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_default();
    println!("== Mahdar search vs SQLite FTS5 ==");
    println!(
        "machine: {cpu}, {} cores; SQLite {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        rusqlite::version()
    );
    let t = Instant::now();
    let corpus = corpus(n);
    println!(
        "corpus: {n} statements (80 % Arabic, 20 % French), generated in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir().expect("a temporary folder");

    // Mahdar: the index on disk, fed in batches as the facade feeds it.
    let index = SearchIndex::open(&dir.path().join("mahdar")).expect("the index");
    let t = Instant::now();
    for (b, chunk) in corpus.texts.chunks(50_000).enumerate() {
        let updates: Vec<Update> = chunk
            .iter()
            .enumerate()
            .map(|(i, (id, text))| {
                Update::Put(Entry {
                    id: id.clone(),
                    kind: Kind::Statement,
                    meeting: Some(format!("meeting:{:05}", (b * 50_000 + i) / 100)),
                    title: String::new(),
                    text: text.clone(),
                })
            })
            .collect();
        index.apply(&updates, (b + 1) as u64).expect("indexed");
    }
    let mahdar_indexing = t.elapsed();

    // FTS5.
    let db = Connection::open(dir.path().join("fts.sqlite")).expect("the database");
    db.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE VIRTUAL TABLE statements USING fts5(id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');",
    )
    .expect("the FTS5 table");
    let t = Instant::now();
    for chunk in corpus.texts.chunks(50_000) {
        let tx = db.unchecked_transaction().expect("a transaction");
        {
            let mut insert = tx
                .prepare_cached("INSERT INTO statements (id, text) VALUES (?1, ?2)")
                .expect("insert");
            for (id, text) in chunk {
                insert.execute(params![id, text]).expect("inserted");
            }
        }
        tx.commit().expect("committed");
    }
    let fts_indexing = t.elapsed();

    // Recall on the variant queries: every statement carrying the concept, in any spelling.
    let (mut m_found, mut f_found, mut expected) = (0usize, 0usize, 0usize);
    println!();
    println!(
        "{:<12} {:>8} {:>14} {:>14}",
        "query", "expected", "Mahdar recall", "FTS5 recall"
    );
    for (c, concept) in CONCEPTS.iter().enumerate() {
        let truth = &corpus.truth[c];
        let hits = index
            .search(
                concept.query,
                &Filter {
                    limit: truth.len() * 3 + 100,
                    ..Filter::default()
                },
            )
            .expect("search");
        let m = hits.iter().filter(|h| truth.contains(&h.id)).count();
        let mut stmt = db
            .prepare("SELECT id FROM statements WHERE statements MATCH ?1")
            .expect("query");
        let fts_query = format!("\"{}\"", concept.query.replace('"', ""));
        let f = stmt
            .query_map([fts_query], |r| r.get::<_, String>(0))
            .expect("rows")
            .filter_map(Result::ok)
            .filter(|id| truth.contains(id))
            .count();
        println!(
            "{:<12} {:>8} {:>14.3} {:>14.3}",
            concept.query,
            truth.len(),
            m as f64 / truth.len() as f64,
            f as f64 / truth.len() as f64
        );
        m_found += m;
        f_found += f;
        expected += truth.len();
    }

    // Query times: top 20 with snippets, as the search box asks.
    let mut rng = fastrand::Rng::with_seed(7);
    let queries = timing_queries(&mut rng);
    let top = Filter {
        limit: 20,
        ..Filter::default()
    };
    for q in queries.iter().take(20) {
        let _ = index.search(q, &top); // warm-up
    }
    let mut m_times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            let _ = index.search(q, &top).expect("search");
            t.elapsed()
        })
        .collect();
    let mut stmt = db
        .prepare("SELECT id, snippet(statements, 1, '[', ']', '…', 24) FROM statements WHERE statements MATCH ?1 ORDER BY rank LIMIT 20")
        .expect("query");
    let fts = |q: &str| {
        q.split_whitespace()
            .map(|w| format!("\"{}\"", w.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for q in queries.iter().take(20) {
        let _ = stmt
            .query_map([fts(q)], |r| r.get::<_, String>(0))
            .map(|rows| rows.count());
    }
    let mut f_times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            let rows = stmt
                .query_map([fts(q)], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .expect("rows")
                .count();
            std::hint::black_box(rows);
            t.elapsed()
        })
        .collect();
    let (m50, m95) = (
        percentile(&mut m_times, 0.5),
        percentile(&mut m_times, 0.95),
    );
    let (f50, f95) = (
        percentile(&mut f_times, 0.5),
        percentile(&mut f_times, 0.95),
    );
    let m_recall = m_found as f64 / expected as f64;
    let f_recall = f_found as f64 / expected as f64;

    println!();
    println!(
        "{} queries (the variant queries and two-word queries), top 20 with snippets:",
        queries.len()
    );
    println!(
        "{:<8} {:>13} {:>10} {:>10} {:>15}",
        "engine", "indexing s", "p50 ms", "p95 ms", "variant recall"
    );
    println!(
        "{:<8} {:>13.1} {:>10.2} {:>10.2} {:>15.3}",
        "Mahdar",
        mahdar_indexing.as_secs_f64(),
        ms(m50),
        ms(m95),
        m_recall
    );
    println!(
        "{:<8} {:>13.1} {:>10.2} {:>10.2} {:>15.3}",
        "FTS5",
        fts_indexing.as_secs_f64(),
        ms(f50),
        ms(f95),
        f_recall
    );
    println!();
    let met = |ok: bool| if ok { "met" } else { "NOT met" };
    println!(
        "target: recall ≥ 0.95 on the variant set: {} ({m_recall:.3})",
        met(m_recall >= 0.95)
    );
    println!(
        "target: p95 under 20 ms at {n} statements: {} ({:.2} ms)",
        met(ms(m95) < 20.0),
        ms(m95)
    );
    println!(
        "target: faster than FTS5 at p95: {} ({:.2} ms vs {:.2} ms, {:.2}×)",
        met(m95 < f95),
        ms(m95),
        ms(f95),
        ms(f95) / ms(m95)
    );
}
