//! Index updates through the job queue. A change to a paper, a journal, a catalogue
//! edition's entries or a published article enqueues `search.index` for it in the change's transaction (one waiting
//! job per object at most); the job reads the object from the database and puts it into the
//! index, or takes it out when it is gone, withdrawn or no longer public. A search outage
//! therefore delays updates and loses none: the job is retried.

use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::jobs::Registry;
use crate::jobs::changes::{self, Notice};
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
        let programmes = super::documents::programme_venue_ids(c)?;
        for &id in &programmes {
            changes::venue(c, id)?;
        }
        let minutes = super::documents::minutes_venue_ids(c)?;
        for &id in &minutes {
            changes::minutes(c, id)?;
        }
        let articles = super::documents::all_article_ids(c)?;
        for &id in &articles {
            changes::article(c, id)?;
        }
        Ok(papers.len() + journals.len() + editions.len() + programmes.len() + minutes.len() + articles.len())
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

/// Reads what a notice names from the database.
fn change(c: &mut AnyConnection, notice: Notice) -> AppResult<Change> {
    use super::{Kind, documents, key};
    Ok(match notice {
        Notice::Paper(id) => match documents::paper(c, id)? {
            Some(d) => Change::Documents(vec![d], vec![]),
            None => Change::Documents(vec![], vec![key(Kind::Paper, id, None)]),
        },
        Notice::Journal(id) => match documents::journal(c, id)? {
            Some(d) => {
                let mut docs = vec![d];
                docs.extend(documents::journal_entries(c, id)?);
                // Its published articles carry its name, each through its own notice.
                for article in crate::journals::articles::store::published_of_journal(c, id)? {
                    changes::article(c, article)?;
                }
                Change::Documents(docs, vec![])
            }
            None => Change::Documents(vec![], vec![key(Kind::Journal, id, None)]),
        },
        Notice::Edition(id) => Change::Edition(id, documents::edition_entries(c, id)?),
        Notice::Venue(id) => {
            // Every paper of the venue, each through its own notice (one waiting job per paper),
            // and the talks of its published programme here.
            for paper in documents::venue_ids(c, id)? {
                changes::paper(c, paper)?;
            }
            // A salon's minutes carry its title and year.
            changes::minutes(c, id)?;
            let (talks, gone) = documents::programme_talks(c, id)?;
            Change::Documents(talks, gone)
        }
        Notice::Minutes(id) => match documents::minutes(c, id)? {
            Some(d) => Change::Documents(vec![d], vec![]),
            None => Change::Documents(vec![], vec![key(Kind::Minutes, id, None)]),
        },
        Notice::Article(id) => match documents::article(c, id)? {
            Some(d) => Change::Documents(vec![d], vec![]),
            None => Change::Documents(vec![], vec![key(Kind::Article, id, None)]),
        },
    })
}

/// Puts a notice's change into the index; a failure tells `recovery`, which wakes the waiting
/// index jobs once search is back.
async fn apply(ctx: (AppState, super::recovery::Recovery), notice: Notice) -> anyhow::Result<()> {
    let (state, recovery) = ctx;
    let change = state.db.run(move |c| change(c, notice)).await?;
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

/// Registers the handler.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register_job::<Notice, _, _, _>((state, super::recovery::Recovery::default()), apply);
}
