//! Integrity benchmark: reading PDFs, indexing their texts, comparing a whole venue, and
//! checking one new paper against a large installation.
//!
//! - Extraction: K distinct PDFs with real text layers (default 40; `XUEHUI_BENCH_PDF_KINDS`),
//!   half Chinese and half English, about six pages each, typeset by Typst; then read N times
//!   in all (default 20,000; `XUEHUI_BENCH_PDFS`) by the service's own reader
//!   (`integrity::extract::pdf`, poppler's pdftotext in a limited child), two at a time (the
//!   machine's two cores). Reports PDFs per second and the time for N.
//! - Indexing: D generated papers (default 20,000; `XUEHUI_BENCH_DOCS`), half Chinese (8,000
//!   characters) and half English (5,000 words), one in a hundred a near-copy of another,
//!   fingerprinted and stored through `integrity::store` in transactions of 100.
//! - Self-comparison of those D papers: `integrity::rescan::run`, as `xuehui integrity-rescan`
//!   does it. Target: under 5 minutes for 20,000.
//! - Check of a new paper against S stored documents (default 200,000; `XUEHUI_BENCH_STORED`):
//!   the index is filled with S documents' fingerprints (English, 3,000 words each), then 100
//!   new papers (ten of them near-copies of stored ones) are checked as the `integrity.compare`
//!   job does: boilerplate lookup, shared-fingerprint counts, candidates, exact comparison.
//!   The filler documents' texts are not stored (only their fingerprints), to keep the database
//!   within the machine's disk; the near-copies' are. Target: under 1 s per check.
//!
//! Run: `cargo bench --bench integrity` (SQLite), and with
//! `XUEHUI_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` for PostgreSQL.
//! `XUEHUI_BENCH_ONLY=extract|index|check` runs one part.

use std::time::Instant;

use chrono::Utc;

mod support;
use support::{env_or, ms, percentile};
use xuehui::integrity::extract::{self, Extracted, Limits};
use xuehui::integrity::model::{DocumentKind, TextState};
use xuehui::integrity::store::{self, Source};
use xuehui::integrity::{compare, fingerprint, rescan, rules};

const HANZI: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质";

/// A generator of reproducible pseudo-random numbers (no dependency needed for a benchmark).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// A made-up vocabulary of 20,000 words, drawn with a skew towards the first ones as real
/// vocabularies are.
fn vocabulary() -> Vec<String> {
    let syll = [
        "ka", "lo", "mi", "ter", "on", "sa", "vi", "re", "du", "pen", "sto", "al", "gen", "ic", "ra", "tum",
    ];
    let mut r = Lcg(7);
    (0..20_000)
        .map(|_| {
            (0..2 + r.next() % 3)
                .map(|_| syll[(r.next() % syll.len() as u64) as usize])
                .collect()
        })
        .collect()
}

fn english(words: &[String], seed: u64, n: usize) -> String {
    let mut r = Lcg(seed.wrapping_mul(31) + 1);
    let mut out = String::with_capacity(n * 7);
    for i in 0..n {
        // Squaring a uniform draw favours frequent words, like a real text.
        let u = (r.next() % 10_000) as f64 / 10_000.0;
        out.push_str(&words[((u * u) * words.len() as f64) as usize]);
        out.push(if i % 18 == 17 { '.' } else { ' ' });
        if i % 180 == 179 {
            out.push_str("\n\n");
        }
    }
    out
}

fn chinese(seed: u64, n: usize) -> String {
    let chars: Vec<char> = HANZI.chars().collect();
    let mut r = Lcg(seed.wrapping_mul(17) + 3);
    let mut out = String::with_capacity(n * 3);
    for i in 0..n {
        out.push(chars[(r.next() % chars.len() as u64) as usize]);
        if i % 40 == 39 {
            out.push('。');
        }
    }
    out
}

/// A near-copy: the text with every tenth paragraph replaced.
fn near_copy(text: &str, words: &[String], seed: u64) -> String {
    text.split("\n\n")
        .enumerate()
        .map(|(i, p)| {
            if i % 10 == 9 {
                english(words, seed + i as u64, 180)
            } else {
                p.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

async fn bench_extract(kinds: usize, total: usize) {
    let words = vocabulary();
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/support/typst"));
    let t = Instant::now();
    let pdfs: Vec<Vec<u8>> = (0..kinds)
        .map(|k| {
            let text = if k % 2 == 0 {
                chinese(k as u64, 9_000)
            } else {
                english(&words, k as u64, 4_500)
            };
            let paragraphs: Vec<&str> = text.split("。").collect();
            let data = serde_json::json!({"title": format!("Paper {k}"), "paragraphs": paragraphs});
            xuehui::reports::render::render(dir, None, "paper_text", &data)
                .expect("typesets (needs fonts-noto-cjk)")
                .pdf
        })
        .collect();
    let size: usize = pdfs.iter().map(Vec::len).sum::<usize>() / pdfs.len();
    println!(
        "\n{kinds} distinct PDFs typeset in {} (average {} KiB)",
        ms(t.elapsed()),
        size / 1024
    );
    let t = Instant::now();
    let mut times = Vec::with_capacity(total);
    let mut chars = 0usize;
    let mut i = 0;
    while i < total {
        // Two at a time: the worker's concurrency on a two-core machine.
        let a = extract::pdf("pdftotext", pdfs[i % kinds].clone(), Limits::default());
        let b = extract::pdf("pdftotext", pdfs[(i + 1) % kinds].clone(), Limits::default());
        let s = Instant::now();
        let (ra, rb) = tokio::join!(a, b);
        let d = s.elapsed();
        for r in [ra, rb] {
            match r {
                Extracted::Text(t) => chars += t.chars().count(),
                other => panic!("not read: {other:?}"),
            }
            times.push(d);
        }
        i += 2;
    }
    let all = t.elapsed();
    times.sort();
    println!(
        "extraction: {total} PDFs in {} ({:.0} PDFs/s), a pair p50 {} p99 {}, {} characters per PDF",
        ms(all),
        total as f64 / all.as_secs_f64(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        chars / total
    );
}

/// Stores `texts` as documents (bodies kept when `keep`), 100 per transaction; their ids.
fn store_docs(
    state: &xuehui::AppState,
    file: i64,
    first_source: i64,
    texts: impl Iterator<Item = String>,
    keep: bool,
) -> (Vec<i64>, usize) {
    let mut conn = state.db.conn().unwrap();
    let mut ids = Vec::new();
    let mut rows = 0;
    let texts: Vec<String> = texts.collect();
    for (chunk_no, chunk) in texts.chunks(100).enumerate() {
        let hashed: Vec<(String, Vec<i64>)> = chunk
            .iter()
            .map(|t| (t.clone(), fingerprint::of_text(t).into_iter().map(fingerprint::stored).collect()))
            .collect();
        xuehui::db::transaction(&mut conn, |c| {
            let now = Utc::now().naive_utc();
            for (i, (text, hashes)) in hashed.iter().enumerate() {
                let source = Source {
                    kind: DocumentKind::Paper,
                    source_id: first_source + (chunk_no * 100 + i) as i64,
                    venue_id: None,
                    journal_id: None,
                };
                let id = store::set_file(c, source, file, now)?;
                let body = if keep { text.as_str() } else { "" };
                store::set_text(c, id, TextState::Extracted, "", body, hashes, now)?;
                ids.push(id);
                rows += hashes.len();
            }
            Ok(())
        })
        .unwrap();
    }
    (ids, rows)
}

/// A `files` row for the documents to point at.
fn a_file(state: &xuehui::AppState) -> i64 {
    let mut conn = state.db.conn().unwrap();
    let sha = "0".repeat(64);
    let f = xuehui::files::model::NewFile {
        sha256: &sha,
        size_bytes: 1,
        content_type: "application/pdf",
        original_name: "bench.pdf",
        page_count: Some(1),
        uploaded_by: None,
    };
    xuehui::files::model::insert(&mut conn, &f).unwrap()
}

fn bench_index(state: &xuehui::AppState, docs: usize) {
    let words = vocabulary();
    let file = a_file(state);
    let texts = (0..docs).map(|i| {
        if i % 100 == 99 {
            near_copy(&english(&words, (i - 50) as u64, 5_000), &words, i as u64)
        } else if i % 2 == 0 {
            chinese(i as u64, 8_000)
        } else {
            english(&words, i as u64, 5_000)
        }
    });
    let t = Instant::now();
    let (_, rows) = store_docs(state, file, 1_000_000, texts, true);
    let took = t.elapsed();
    println!(
        "\nindexing: {docs} papers fingerprinted and stored in {} ({:.0} papers/s), {rows} fingerprints ({} per paper)",
        ms(took),
        docs as f64 / took.as_secs_f64(),
        rows / docs
    );
    let mut conn = state.db.conn().unwrap();
    let t = Instant::now();
    let r = rescan::run(&mut conn).unwrap();
    println!(
        "self-comparison: {docs} papers in {}: {} fingerprints read, {} pairs compared, {} flagged",
        ms(t.elapsed()),
        r.rows,
        r.compared,
        r.flagged
    );
}

fn bench_check(state: &xuehui::AppState, stored: usize) {
    let words = vocabulary();
    let file = a_file(state);
    let t = Instant::now();
    let mut done = 0;
    while done < stored {
        let n = (stored - done).min(10_000);
        let texts = (done..done + n).map(|i| english(&words, 5_000_000 + i as u64, 3_000));
        // The first ten are kept whole: the new near-copies are compared with them.
        store_docs(state, file, 5_000_000 + done as i64, texts, done == 0);
        done += n;
        eprintln!("  {done} of {stored} stored ({})", ms(t.elapsed()));
    }
    println!("\nfilling the index with {stored} documents took {}", ms(t.elapsed()));
    let mut conn = state.db.conn().unwrap();
    let mut times = Vec::new();
    let mut flagged = 0;
    for k in 0..100u64 {
        let text = if k < 10 {
            near_copy(&english(&words, 5_000_000 + k, 3_000), &words, 77 + k)
        } else {
            english(&words, 9_000_000 + k, 3_000)
        };
        let s = Instant::now();
        let hashes: Vec<i64> = fingerprint::of_text(&text).into_iter().map(fingerprint::stored).collect();
        let common = store::common(&mut conn, &hashes, rules::COMMON_ABOVE).unwrap();
        let rare: Vec<i64> = hashes.into_iter().filter(|h| !common.contains(h)).collect();
        let named = compare::candidates(store::sharing(&mut conn, -1, &rare).unwrap(), rules::MIN_SHARED, rules::CANDIDATES);
        let bodies = store::bodies(&mut conn, &named).unwrap();
        let candidates: Vec<(i64, String)> = named.iter().filter_map(|n| Some((*n, bodies.get(n)?.clone()))).collect();
        flagged += compare::flagged(&text, &candidates).len();
        times.push(s.elapsed());
    }
    times.sort();
    println!(
        "check of a new paper against {stored} documents: p50 {} p99 {} max {} ({flagged} of 10 near-copies flagged)",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap())
    );
}

#[tokio::main]
async fn main() {
    let only = std::env::var("XUEHUI_BENCH_ONLY").unwrap_or_default();
    let dir = tempfile::tempdir().unwrap();
    if only.is_empty() || only == "extract" {
        bench_extract(env_or("XUEHUI_BENCH_PDF_KINDS", 40), env_or("XUEHUI_BENCH_PDFS", 20_000)).await;
    }
    for (part, prefix) in [("index", "xh_integrity_i"), ("check", "xh_integrity_c")] {
        if !(only.is_empty() || only == part) {
            continue;
        }
        let sub = dir.path().join(part);
        std::fs::create_dir_all(&sub).unwrap();
        let (db_url, pg) = support::database(&sub, prefix);
        let backend = if pg.is_some() { "PostgreSQL" } else { "SQLite" };
        println!("\n{backend}");
        let state = support::demo_state(&sub, &db_url);
        if part == "index" {
            bench_index(&state, env_or("XUEHUI_BENCH_DOCS", 20_000));
        } else {
            bench_check(&state, env_or("XUEHUI_BENCH_STORED", 200_000));
        }
        drop(state);
        support::drop_database(pg);
    }
}
