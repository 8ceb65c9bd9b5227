//! The catalogue's entries: the proposal written down at the start of public notice (and again
//! when an override changes it during notice), which becomes the published catalogue.

use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::model::Edition;
use crate::db::AnyConnection;
use crate::db::schema::{catalogue_entries, journals};
use crate::error::AppResult;
use crate::journals::model::Journal;

/// Replaces the edition's entries with the current proposal's listed journals.
pub fn freeze(conn: &mut AnyConnection, e: &Edition) -> AppResult<usize> {
    let proposal = super::proposal::build(conn, e)?;
    diesel::delete(catalogue_entries::table.filter(catalogue_entries::edition_id.eq(e.id))).execute(conn)?;
    let mut n = 0;
    for row in proposal.rows.iter().filter(|r| r.tier != super::votes::NOT_LISTED) {
        n += 1;
        let explanation = json!({
            "distribution": row.distribution, "mean": row.mean, "nominations": row.nominations,
            "voted": row.voted, "why": row.why, "rank": row.rank, "indicators": row.indicators,
        });
        diesel::insert_into(catalogue_entries::table)
            .values((
                catalogue_entries::edition_id.eq(e.id),
                catalogue_entries::journal_id.eq(row.journal_id),
                catalogue_entries::tier.eq(&row.tier),
                catalogue_entries::position.eq(n as i32),
                catalogue_entries::explanation.eq(explanation.to_string()),
            ))
            .execute(conn)?;
    }
    crate::jobs::changes::edition(conn, e.id)?;
    Ok(n)
}

/// Removes the entries (an edition sent back from notice to evaluation).
pub fn clear(conn: &mut AnyConnection, edition_id: i64) -> AppResult<()> {
    diesel::delete(catalogue_entries::table.filter(catalogue_entries::edition_id.eq(edition_id))).execute(conn)?;
    crate::jobs::changes::edition(conn, edition_id)
}

/// A listed journal.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Entry {
    /// `T1`, `T2` or `T3`.
    pub tier: String,
    /// Order within the catalogue.
    pub position: i32,
    /// The journal.
    pub journal: crate::journals::model::JournalView,
}

/// The edition's entries with their journals, in catalogue order.
pub fn list(conn: &mut AnyConnection, edition_id: i64) -> AppResult<Vec<Entry>> {
    let rows: Vec<(String, i32, Journal)> = catalogue_entries::table
        .inner_join(journals::table)
        .filter(catalogue_entries::edition_id.eq(edition_id))
        .order(catalogue_entries::position)
        .select((catalogue_entries::tier, catalogue_entries::position, Journal::as_select()))
        .load(conn)?;
    let (meta, js): (Vec<(String, i32)>, Vec<Journal>) = rows.into_iter().map(|(t, p, j)| ((t, p), j)).unzip();
    let views = crate::journals::store::views(conn, js)?;
    Ok(meta
        .into_iter()
        .zip(views)
        .map(|((tier, position), journal)| Entry { tier, position, journal })
        .collect())
}
