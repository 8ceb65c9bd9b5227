//! Index updates through the job queue. A change to a paper, a journal or a catalogue
//! edition's entries enqueues `search.index` for it in the change's transaction (one waiting
//! job per object at most); the job reads the object from the database and puts it into the
//! index, or takes it out when it is gone, withdrawn or no longer public. A search outage
//! therefore delays updates and loses none: the job is retried.

use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::jobs::{Registry, changes};
use crate::web::AppState;

/// Job kind: the change notices of `jobs::changes`, which this module handles.
pub const JOB: &str = crate::jobs::changes::KIND;

/// Queues everything when the index is new (first start, or first start after an upgrade
/// that brought search), so nothing already in the database is missing from it.
pub fn fill_new_index(state: &AppState) -> anyhow::Result<usize> {
    if !state.search.is_new() {
        return Ok(0);
    }
    let mut conn = state.db.conn()?;
    crate::db::transaction(&mut conn, |c| {
        let papers = super::documents::all_ids(c)?;
        for &id in &papers {
            changes::paper(c, id)?;
        }
        let journals = super::documents::all_journal_ids(c)?;
        for &id in &journals {
            changes::journal(c, id)?;
        }
        let editions = super::documents::all_edition_ids(c)?;
        for &id in &editions {
            changes::edition(c, id)?;
        }
        Ok(papers.len() + journals.len() + editions.len())
    })
    .map_err(anyhow::Error::from)
}

/// What one index job does.
enum Change {
    /// Put these documents in (replacing), take these keys out.
    Documents(Vec<super::Document>, Vec<String>),
    /// Make these the edition's only entries.
    Edition(i64, Vec<super::Document>),
}

/// Reads what a job's payload names from the database.
fn change(c: &mut AnyConnection, payload: &serde_json::Value) -> AppResult<Option<Change>> {
    use super::{Kind, documents, key};
    if let Some(id) = payload["paper"].as_i64() {
        return Ok(Some(match documents::paper(c, id)? {
            Some(d) => Change::Documents(vec![d], vec![]),
            None => Change::Documents(vec![], vec![key(Kind::Paper, id, None)]),
        }));
    }
    if let Some(id) = payload["journal"].as_i64() {
        return Ok(Some(match documents::journal(c, id)? {
            Some(d) => {
                let mut docs = vec![d];
                docs.extend(documents::journal_entries(c, id)?);
                Change::Documents(docs, vec![])
            }
            None => Change::Documents(vec![], vec![key(Kind::Journal, id, None)]),
        }));
    }
    if let Some(id) = payload["edition"].as_i64() {
        return Ok(Some(Change::Edition(id, documents::edition_entries(c, id)?)));
    }
    if let Some(id) = payload["venue"].as_i64() {
        // Every paper of the venue, each through its own notice (one waiting job per paper).
        for paper in documents::venue_ids(c, id)? {
            changes::paper(c, paper)?;
        }
        return Ok(Some(Change::Documents(vec![], vec![])));
    }
    Ok(None)
}

/// Registers the handler.
pub fn register(registry: &mut Registry, state: AppState) {
    let recovery = super::recovery::Recovery::default();
    registry.register(JOB, move |payload| {
        let (state, recovery) = (state.clone(), recovery.clone());
        async move {
            let p = payload.clone();
            let change = state
                .db
                .run(move |c| change(c, &p))
                .await
                .map_err(anyhow::Error::from)?
                .ok_or_else(|| anyhow::anyhow!("bad index payload {payload}"))?;
            let search = state.search.clone();
            let applied = tokio::task::spawn_blocking(move || match change {
                Change::Documents(docs, gone) => {
                    if !docs.is_empty() {
                        search.upsert(&docs)?;
                    }
                    if !gone.is_empty() {
                        search.delete(&gone)?;
                    }
                    Ok(())
                }
                Change::Edition(id, entries) => search.replace_edition(id, &entries),
            })
            .await?;
            if applied.is_err() {
                recovery.job_failed(&state).await;
            }
            applied
        }
    });
}
