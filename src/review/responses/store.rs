//! Author responses.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::db::schema::rebuttals;
use crate::error::AppResult;

/// A response as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = rebuttals)]
pub struct Response {
    /// Paper.
    pub submission_id: i64,
    /// Text.
    pub body: String,
    /// Last writer.
    pub updated_by: i64,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// The paper's response, if written.
pub fn get(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Option<Response>> {
    Ok(rebuttals::table
        .find(submission_id)
        .select(Response::as_select())
        .first(conn)
        .optional()?)
}

/// Writes the paper's response; returns whether it is new.
pub fn put(conn: &mut AnyConnection, venue_id: i64, submission_id: i64, body: &str, by: i64, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(rebuttals::table.find(submission_id))
        .set((
            rebuttals::body.eq(body),
            rebuttals::updated_by.eq(by),
            rebuttals::updated_at.eq(now),
        ))
        .execute(conn)?;
    if n > 0 {
        return Ok(false);
    }
    diesel::insert_into(rebuttals::table)
        .values((
            rebuttals::submission_id.eq(submission_id),
            rebuttals::venue_id.eq(venue_id),
            rebuttals::body.eq(body),
            rebuttals::updated_by.eq(by),
            rebuttals::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}
