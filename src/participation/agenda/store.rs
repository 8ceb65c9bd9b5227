//! Every query of the agenda: stars (idempotent add and remove, a user's, a venue's) and feed
//! tokens (one per user, replaced on rotation).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::model::{Feed, ItemKind, Star};
use crate::db::AnyConnection;
use crate::db::schema::{agenda_feeds, agenda_stars};
use crate::error::{AppError, AppResult};

/// Stars `guid` for the user; nothing happens when it is starred already.
pub fn add_star(conn: &mut AnyConnection, user_id: i64, venue_id: i64, kind: ItemKind, guid: &str, now: NaiveDateTime) -> AppResult<()> {
    // Check first so a repeat is a no-op. Two concurrent first stars (PostgreSQL; SQLite
    // serialises writers) both find nothing: the second insert fails on the unique index, inside
    // a savepoint so the caller's transaction goes on, and the star is there either way.
    let found = agenda_stars::table
        .filter(agenda_stars::user_id.eq(user_id))
        .filter(agenda_stars::venue_id.eq(venue_id))
        .filter(agenda_stars::guid.eq(guid))
        .select(agenda_stars::id)
        .first::<i64>(conn)
        .optional()?;
    if found.is_some() {
        return Ok(());
    }
    let inserted = crate::db::transaction(conn, |c| {
        diesel::insert_into(agenda_stars::table)
            .values((
                agenda_stars::user_id.eq(user_id),
                agenda_stars::venue_id.eq(venue_id),
                agenda_stars::kind.eq(kind),
                agenda_stars::guid.eq(guid),
                agenda_stars::created_at.eq(now),
            ))
            .execute(c)
            .map_err(|e| match e {
                DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => AppError::Conflict(ALREADY.into()),
                other => other.into(),
            })
    });
    match inserted {
        Err(AppError::Conflict(key)) if key == ALREADY => Ok(()),
        other => other.map(|_| ()),
    }
}

/// Marks the lost race of two concurrent first stars (never shown).
const ALREADY: &str = "agenda.starred";

/// Removes the user's star on `guid`, if any.
pub fn remove_star(conn: &mut AnyConnection, user_id: i64, venue_id: i64, guid: &str) -> AppResult<()> {
    diesel::delete(
        agenda_stars::table
            .filter(agenda_stars::user_id.eq(user_id))
            .filter(agenda_stars::venue_id.eq(venue_id))
            .filter(agenda_stars::guid.eq(guid)),
    )
    .execute(conn)?;
    Ok(())
}

/// The user's stars in one venue, oldest first.
pub fn stars_of(conn: &mut AnyConnection, user_id: i64, venue_id: i64) -> AppResult<Vec<Star>> {
    Ok(agenda_stars::table
        .filter(agenda_stars::user_id.eq(user_id))
        .filter(agenda_stars::venue_id.eq(venue_id))
        .order(agenda_stars::id)
        .select(Star::as_select())
        .load(conn)?)
}

/// Every star of the user, by venue.
pub fn all_stars_of(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<Star>> {
    Ok(agenda_stars::table
        .filter(agenda_stars::user_id.eq(user_id))
        .order((agenda_stars::venue_id, agenda_stars::id))
        .select(Star::as_select())
        .load(conn)?)
}

/// Every star in a venue as (user, kind, guid): what counts and co-attendance are made from.
/// The user ids never leave the agenda's counting functions.
pub fn venue_stars(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(i64, ItemKind, String)>> {
    let rows: Vec<(i64, String, String)> = agenda_stars::table
        .filter(agenda_stars::venue_id.eq(venue_id))
        .order((agenda_stars::user_id, agenda_stars::id))
        .select((agenda_stars::user_id, agenda_stars::kind, agenda_stars::guid))
        .load(conn)?;
    rows.into_iter().map(|(u, k, g)| Ok((u, ItemKind::try_from(k)?, g))).collect()
}

/// The user's feed, if there is one.
pub fn feed_of(conn: &mut AnyConnection, user_id: i64) -> AppResult<Option<Feed>> {
    Ok(agenda_feeds::table
        .filter(agenda_feeds::user_id.eq(user_id))
        .select(Feed::as_select())
        .first(conn)
        .optional()?)
}

/// The feed with this token.
pub fn feed_by_token(conn: &mut AnyConnection, token: &str) -> AppResult<Option<Feed>> {
    Ok(agenda_feeds::table
        .filter(agenda_feeds::token.eq(token))
        .select(Feed::as_select())
        .first(conn)
        .optional()?)
}

/// Gives the user a feed with `token`, replacing any earlier one (whose address stops working).
pub fn replace_feed(conn: &mut AnyConnection, user_id: i64, token: &str, now: NaiveDateTime) -> AppResult<()> {
    delete_feed(conn, user_id)?;
    diesel::insert_into(agenda_feeds::table)
        .values((
            agenda_feeds::user_id.eq(user_id),
            agenda_feeds::token.eq(token),
            agenda_feeds::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Ends the user's feed.
pub fn delete_feed(conn: &mut AnyConnection, user_id: i64) -> AppResult<()> {
    diesel::delete(agenda_feeds::table.filter(agenda_feeds::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}
