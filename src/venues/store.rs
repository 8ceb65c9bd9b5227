//! Venue queries.

use diesel::prelude::*;

use super::model::{Track, Venue};
use crate::db::AnyConnection;
use crate::db::schema::{tracks, venues};
use crate::error::AppResult;

/// All venues, soonest first (undated last).
pub fn list(conn: &mut AnyConnection) -> AppResult<Vec<Venue>> {
    let mut v: Vec<Venue> = venues::table.select(Venue::as_select()).load(conn)?;
    v.sort_by_key(|x| (x.starts_on.is_none(), x.starts_on, x.id));
    Ok(v)
}

/// Tracks of the given venues.
pub fn tracks_of(conn: &mut AnyConnection, venue_ids: &[i64]) -> AppResult<Vec<Track>> {
    Ok(tracks::table
        .filter(tracks::venue_id.eq_any(venue_ids))
        .order((tracks::venue_id, tracks::id))
        .select(Track::as_select())
        .load(conn)?)
}
