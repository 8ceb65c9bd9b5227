//! `xuehui reindex`: rebuilds the search index from the database while the service keeps
//! serving the old one, then swaps. Papers, journals, editions, salon minutes and articles
//! changed during the rebuild are queued for indexing again afterwards, so none is left with
//! its old entry.

use chrono::Utc;

use crate::web::AppState;

/// Indexes that exist.
pub const INDEXES: &[&str] = &[super::INDEX];

/// Rebuilds `index` (all when `None`), showing progress on the terminal; returns documents written.
pub fn run(state: &AppState, index: Option<&str>, show_progress: bool) -> anyhow::Result<u64> {
    if let Some(name) = index
        && !INDEXES.contains(&name)
    {
        anyhow::bail!("unknown index {name:?}; indexes: {}", INDEXES.join(", "));
    }
    let started = Utc::now().naive_utc();
    let mut conn = state.db.conn()?;
    let papers = super::documents::all_ids(&mut conn)?;
    let journals = super::documents::all_journal_ids(&mut conn)?;
    let editions = super::documents::all_edition_ids(&mut conn)?;
    // Entries exist only in public editions, so their count is what will be indexed.
    let entries = super::store::entry_count(&mut conn)?;
    let bar = if show_progress {
        indicatif::ProgressBar::new((papers.len() + journals.len()) as u64 + entries as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("papers, journals, catalogue entries");
    let conn = std::cell::RefCell::new(conn);
    let paper_docs = papers.into_iter().filter_map(|id| {
        super::documents::paper(&mut conn.borrow_mut(), id)
            .map_err(anyhow::Error::from)
            .transpose()
    });
    let journal_docs = journals.into_iter().filter_map(|id| {
        super::documents::journal(&mut conn.borrow_mut(), id)
            .map_err(anyhow::Error::from)
            .transpose()
    });
    let entry_docs = editions
        .into_iter()
        .flat_map(|id| match super::documents::edition_entries(&mut conn.borrow_mut(), id) {
            Ok(docs) => docs.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => vec![Err(anyhow::Error::from(e))],
        });
    let programmes = super::documents::programme_venue_ids(&mut conn.borrow_mut())?;
    let talk_docs = programmes
        .into_iter()
        .flat_map(|id| match super::documents::programme_talks(&mut conn.borrow_mut(), id) {
            Ok((docs, _)) => docs.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => vec![Err(anyhow::Error::from(e))],
        });
    let minutes = super::documents::minutes_venue_ids(&mut conn.borrow_mut())?;
    let minutes_docs = minutes.into_iter().filter_map(|id| {
        super::documents::minutes(&mut conn.borrow_mut(), id)
            .map_err(anyhow::Error::from)
            .transpose()
    });
    let articles = super::documents::all_article_ids(&mut conn.borrow_mut())?;
    let article_docs = articles.into_iter().filter_map(|id| {
        super::documents::article(&mut conn.borrow_mut(), id)
            .map_err(anyhow::Error::from)
            .transpose()
    });
    let mut docs = paper_docs
        .chain(journal_docs)
        .chain(entry_docs)
        .chain(talk_docs)
        .chain(minutes_docs)
        .chain(article_docs);
    let n = state.search.rebuild(&mut docs, &|n| bar.set_position(n))?;
    bar.finish();
    drop(docs);
    // Changes made while the rebuild read the database go through the queue once more.
    let mut conn = state.db.conn()?;
    crate::db::transaction(&mut conn, |c| {
        let (papers, journals, editions) = super::store::changed_since(c, started)?;
        for id in papers {
            crate::jobs::changes::paper(c, id)?;
        }
        for id in journals {
            crate::jobs::changes::journal(c, id)?;
        }
        for id in editions {
            crate::jobs::changes::edition(c, id)?;
        }
        for id in crate::salons::minutes::store::changed_since(c, started)? {
            crate::jobs::changes::minutes(c, id)?;
        }
        for id in crate::journals::articles::store::published_changed_since(c, started)? {
            crate::jobs::changes::article(c, id)?;
        }
        Ok(())
    })
    .map_err(anyhow::Error::from)?;
    Ok(n)
}
