//! The two jobs of an integrity check: `integrity.extract` reads a document's PDF, keeps its
//! text and fingerprints; `integrity.compare` looks the document up in the fingerprint index of
//! the whole installation and records the overlaps as flags on both sides.

use chrono::{NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::compare::{candidates, flagged};
use super::extract::{self, Extracted, Limits};
use super::fingerprint;
use super::model::{DocumentKind, TextState};
use super::rules::{CANDIDATES, COMMON_ABOVE, MIN_SHARED};
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::jobs::Registry;
use crate::jobs::typed::{JobPayload, enqueue};
use crate::web::AppState;

/// Reads file `file` as the text of document `document`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extract {
    /// The document.
    pub document: i64,
    /// The PDF it had when the job was queued; a newer one has its own job.
    pub file: i64,
}

impl JobPayload for Extract {
    const KIND: &'static str = "integrity.extract";
}

/// Compares document `document` with every other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compare {
    /// The document.
    pub document: i64,
}

impl JobPayload for Compare {
    const KIND: &'static str = "integrity.compare";
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Mounts both jobs.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register_job(state.clone(), |state: AppState, job: Extract| async move {
        extract_one(&state, job).await.map_err(anyhow::Error::from)
    });
    registry.register_job(state, |state: AppState, job: Compare| async move {
        compare_one(&state, job.document).await.map_err(anyhow::Error::from)
    });
}

async fn extract_one(state: &AppState, job: Extract) -> AppResult<()> {
    let Extract { document, file } = job;
    let Some(doc) = state.db.run(move |c| store::find(c, document)).await? else {
        return Ok(());
    };
    if doc.file_id != Some(file) || doc.state != TextState::Pending {
        return Ok(());
    }
    let stored = state.db.run(move |c| crate::files::model::get(c, file)).await?;
    // Storage trouble is retried by the queue; only the reader's verdict is final.
    let copy = state.files.local_copy(&stored.sha256).await.map_err(crate::files::storage_error)?;
    let bytes = tokio::fs::read(&*copy)
        .await
        .map_err(|e| AppError::caused("reading a stored PDF", e))?;
    drop(copy);
    let got = extract::pdf(&state.config.pdftotext, bytes, Limits::default()).await;
    if got == Extracted::Unavailable {
        tracing::warn!("pdftotext is not installed: integrity checks cannot read PDFs (install poppler-utils)");
    }
    let hashes = match &got {
        Extracted::Text(t) => {
            let t = t.clone();
            tokio::task::spawn_blocking(move || fingerprint::of_text(&t))
                .await
                .map_err(|e| AppError::caused("fingerprinting", e))?
        }
        _ => Vec::new(),
    };
    state.db.tx(move |c| record(c, document, Some(file), got, &hashes, now())).await
}

/// Stores what reading document `id` gave (with the fingerprints of its text) and queues its
/// comparison; nothing when the document has moved on to another file than `file`.
pub fn record(conn: &mut AnyConnection, id: i64, file: Option<i64>, got: Extracted, hashes: &[u64], now: NaiveDateTime) -> AppResult<()> {
    let Some(doc) = store::find(conn, id)? else { return Ok(()) };
    if doc.file_id != file {
        return Ok(());
    }
    let stored: Vec<i64> = hashes.iter().map(|h| fingerprint::stored(*h)).collect();
    let (state, problem, body) = match got {
        Extracted::Text(t) => (TextState::Extracted, String::new(), t),
        Extracted::NoText => (TextState::NoText, String::new(), String::new()),
        Extracted::Failed(why) => (TextState::Failed, why, String::new()),
        Extracted::Unavailable => (TextState::Unavailable, "pdftotext is not installed".into(), String::new()),
    };
    store::set_text(conn, id, state, &problem, &body, &stored, now)?;
    // Search finds a paper by its full text, so it reads the paper again.
    if doc.kind == DocumentKind::Paper {
        crate::jobs::changes::paper(conn, doc.source_id)?;
    }
    if state == TextState::Extracted {
        enqueue(conn, &Compare { document: id })?;
    } else {
        store::clear_others(conn, id, &[], now)?;
    }
    Ok(())
}

async fn compare_one(state: &AppState, id: i64) -> AppResult<()> {
    let Some(doc) = state.db.run(move |c| store::find(c, id)).await? else {
        return Ok(());
    };
    if doc.state != TextState::Extracted {
        return Ok(());
    }
    let texts = state
        .db
        .run(move |c| {
            let hashes = store::fingerprints_of(c, id)?;
            let common = store::common(c, &hashes, COMMON_ABOVE)?;
            let rare: Vec<i64> = hashes.into_iter().filter(|h| !common.contains(h)).collect();
            let named = candidates(store::sharing(c, id, &rare)?, MIN_SHARED, CANDIDATES);
            let mut ids = named.clone();
            ids.push(id);
            let mut bodies = store::bodies(c, &ids)?;
            let own = bodies.remove(&id).unwrap_or_default();
            let others: Vec<(i64, String)> = named.into_iter().filter_map(|n| Some((n, bodies.remove(&n)?))).collect();
            Ok((own, others))
        })
        .await?;
    let found = tokio::task::spawn_blocking(move || flagged(&texts.0, &texts.1))
        .await
        .map_err(|e| AppError::caused("comparing texts", e))?;
    state
        .db
        .tx(move |c| {
            let now = now();
            // The document may have been read again meanwhile; its own job compares that text.
            if store::find(c, id)?.is_none_or(|d| d.updated_at != doc.updated_at) {
                return Ok(());
            }
            let mut keep = Vec::with_capacity(found.len());
            for (other, o) in &found {
                let n = o.passages.len();
                store::put_flag(c, id, *other, o.own_permille, o.other_permille, n, now)?;
                store::put_flag(c, *other, id, o.other_permille, o.own_permille, n, now)?;
                keep.push(*other);
            }
            store::clear_others(c, id, &keep, now)?;
            store::set_compared(c, id, now)
        })
        .await
}

/// Queues a document for every paper and manuscript that has a PDF and none yet (from before
/// integrity checks, or written by the demo); how many.
pub fn fill_missing(conn: &mut AnyConnection) -> AppResult<usize> {
    let papers = store::papers_without_document(conn, 10_000)?;
    for &(paper, venue, file) in &papers {
        super::queue::paper(conn, venue, paper, file)?;
    }
    let mut manuscripts = 0;
    for (ms, journal) in store::manuscripts_without_document(conn, 10_000)? {
        let current = crate::journals::manuscripts::store::files_of(conn, ms)?
            .into_iter()
            .find(|f| f.kind == crate::journals::manuscripts::model::FileKind::Manuscript);
        if let Some(f) = current {
            super::queue::manuscript(conn, journal, ms, f.file_id)?;
            manuscripts += 1;
        }
    }
    Ok(papers.len() + manuscripts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_payloads_read_back() {
        crate::jobs::typed::assert_reads_stored(r#"{"document":3,"file":9}"#, Extract { document: 3, file: 9 });
        crate::jobs::typed::assert_reads_stored(r#"{"document":3}"#, Compare { document: 3 });
    }
}
