//! `xuehui reindex`: rebuilds the search index from the database while the service keeps
//! serving the old one, then swaps. Papers changed during the rebuild are queued for
//! indexing again afterwards, so none is left with its old entry.

use chrono::Utc;

use crate::web::AppState;

/// Indexes that exist.
pub const INDEXES: &[&str] = &["papers"];

/// Rebuilds `index` (all when `None`), showing progress on the terminal; returns documents written.
pub fn run(state: &AppState, index: Option<&str>, show_progress: bool) -> anyhow::Result<u64> {
    if let Some(name) = index
        && !INDEXES.contains(&name)
    {
        anyhow::bail!("unknown index {name:?}; indexes: {}", INDEXES.join(", "));
    }
    let started = Utc::now().naive_utc();
    let mut conn = state.db.conn().map_err(|e| anyhow::anyhow!("{e}"))?;
    let ids = super::documents::all_ids(&mut conn).map_err(|e| anyhow::anyhow!("{e}"))?;
    let bar = if show_progress {
        indicatif::ProgressBar::new(ids.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("papers");
    let mut docs = ids.into_iter().filter_map(|id| {
        super::documents::paper(&mut conn, id)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .transpose()
    });
    let n = state.search.rebuild(&mut docs, &|n| bar.set_position(n))?;
    bar.finish();
    drop(docs);
    // Changes made while the rebuild read the database go through the queue once more.
    let mut conn = state.db.conn().map_err(|e| anyhow::anyhow!("{e}"))?;
    crate::db::transaction(&mut conn, |c| {
        use crate::db::schema::{decisions, submissions};
        use diesel::prelude::*;
        let mut changed: Vec<i64> = submissions::table
            .filter(submissions::updated_at.ge(started))
            .select(submissions::id)
            .load(c)?;
        changed.extend(
            decisions::table
                .filter(decisions::decided_at.ge(started).or(decisions::notified_at.ge(started)))
                .select(decisions::submission_id)
                .load::<i64>(c)?,
        );
        for id in changed {
            super::jobs::paper_changed(c, id)?;
        }
        Ok(())
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(n)
}
