//! Every document against every other in one pass (`xuehui integrity-rescan`): after the flag
//! rules change, or to check an installation whose papers predate the checks all at once. The
//! fingerprint table is read once in hash order; documents sharing a fingerprint are counted in
//! pairs, and only pairs sharing enough are compared in full. A document-by-document check
//! would instead query the index once per document.

use std::collections::HashMap;

use chrono::Utc;

use super::compare::flagged;
use super::rules::{COMMON_ABOVE, MIN_SHARED};
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Rows read per query.
const PAGE: i64 = 200_000;
/// Documents whose texts are held at once while comparing.
const BATCH: usize = 200;

/// Counts, from `(hash, document)` rows in hash order, how many fingerprints each pair of
/// documents shares; a hash held by more than `above` documents is boilerplate and skipped.
/// Pure.
#[derive(Debug, Default)]
pub struct PairCounter {
    above: usize,
    hash: Option<i64>,
    group: Vec<i64>,
    counts: HashMap<(i64, i64), u32>,
}

impl PairCounter {
    /// A counter skipping hashes held by more than `above` documents.
    pub fn new(above: usize) -> Self {
        PairCounter {
            above,
            ..Default::default()
        }
    }

    /// The next row; rows must come in hash order.
    pub fn push(&mut self, hash: i64, doc: i64) {
        if self.hash != Some(hash) {
            self.flush();
            self.hash = Some(hash);
        }
        self.group.push(doc);
    }

    fn flush(&mut self) {
        let g = std::mem::take(&mut self.group);
        if g.len() < 2 || g.len() > self.above {
            return;
        }
        for (i, &a) in g.iter().enumerate() {
            for &b in &g[i + 1..] {
                let key = if a < b { (a, b) } else { (b, a) };
                *self.counts.entry(key).or_default() += 1;
            }
        }
    }

    /// The pairs sharing at least `min` fingerprints, each once (smaller id first), sorted.
    pub fn pairs(mut self, min: u32) -> Vec<(i64, i64)> {
        self.flush();
        let mut v: Vec<(i64, i64)> = self.counts.into_iter().filter(|(_, n)| *n >= min).map(|(k, _)| k).collect();
        v.sort_unstable();
        v
    }
}

/// What a rescan did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Report {
    /// Fingerprint rows read.
    pub rows: u64,
    /// Pairs compared in full.
    pub compared: usize,
    /// Pairs whose overlap raises a flag (recorded on both sides).
    pub flagged: usize,
}

/// Compares every document with every other and records the flags.
pub fn run(conn: &mut AnyConnection) -> AppResult<Report> {
    run_paged(conn, PAGE)
}

/// [`run`], reading `page` rows per query.
pub fn run_paged(conn: &mut AnyConnection, page: i64) -> AppResult<Report> {
    let mut counter = PairCounter::new(COMMON_ABOVE as usize);
    let mut report = Report::default();
    let mut after: Option<i64> = None;
    loop {
        let mut rows = store::fingerprints_after(conn, after, page)?;
        let Some(&(last, _)) = rows.last() else { break };
        let full = rows.len() as i64 == page;
        if full {
            // The last hash's rows may go on in the next page: read them there, whole.
            let whole = rows.iter().rposition(|(h, _)| *h != last).map_or(0, |i| i + 1);
            if whole == 0 {
                // One hash fills a page: held by thousands of documents, boilerplate.
                after = Some(last);
                continue;
            }
            rows.truncate(whole);
        }
        let next = rows.last().map(|r| r.0);
        report.rows += rows.len() as u64;
        for (hash, doc) in rows {
            counter.push(hash, doc);
        }
        if !full {
            break;
        }
        after = next;
    }
    let pairs = counter.pairs(MIN_SHARED as u32);
    report.compared = pairs.len();
    // Compare per first document, its candidates' texts loaded in batches.
    let mut by_first: Vec<(i64, Vec<i64>)> = Vec::new();
    for (a, b) in pairs {
        match by_first.last_mut() {
            Some((x, v)) if *x == a => v.push(b),
            _ => by_first.push((a, vec![b])),
        }
    }
    for chunk in by_first.chunks(BATCH) {
        let mut ids: Vec<i64> = chunk
            .iter()
            .flat_map(|(a, v)| std::iter::once(*a).chain(v.iter().copied()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let bodies = store::bodies(conn, &ids)?;
        let now = Utc::now().naive_utc();
        let mut found = Vec::new();
        for (a, others) in chunk {
            let Some(own) = bodies.get(a) else { continue };
            let candidates: Vec<(i64, String)> = others.iter().filter_map(|b| Some((*b, bodies.get(b)?.clone()))).collect();
            for (b, o) in flagged(own, &candidates) {
                found.push((*a, b, o));
            }
        }
        report.flagged += found.len();
        crate::db::transaction(conn, |c| {
            for (a, b, o) in &found {
                let n = o.passages.len();
                store::put_flag(c, *a, *b, o.own_permille, o.other_permille, n, now)?;
                store::put_flag(c, *b, *a, o.other_permille, o.own_permille, n, now)?;
            }
            Ok(())
        })?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_counted_per_shared_hash_and_boilerplate_is_skipped() {
        let mut c = PairCounter::new(3);
        // Hash 1 in documents 1, 2; hash 2 in 1, 2, 3; hash 3 in 1..=4 (boilerplate); hash 4
        // only in 2.
        for (h, d) in [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2), (3, 3), (3, 4), (4, 2)] {
            c.push(h, d);
        }
        assert_eq!(c.pairs(2), [(1, 2)]);
        let mut c = PairCounter::new(3);
        for (h, d) in [(1, 1), (1, 2), (2, 3), (2, 1)] {
            c.push(h, d);
        }
        assert_eq!(c.pairs(1), [(1, 2), (1, 3)]);
    }
}
