//! Decision rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::db::schema::decisions;
use crate::error::AppResult;

/// A decision as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = decisions)]
pub struct Decision {
    /// Paper.
    pub submission_id: i64,
    /// Label key (`accept_oral`, `reject`, or a venue's own).
    pub label: String,
    /// Chair who decided.
    pub decided_by: i64,
    /// When.
    pub decided_at: NaiveDateTime,
    /// When the authors were told, if they were.
    pub notified_at: Option<NaiveDateTime>,
}

/// The decision on a paper.
pub fn get(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Option<Decision>> {
    Ok(decisions::table
        .find(submission_id)
        .select(Decision::as_select())
        .first(conn)
        .optional()?)
}

/// Every decision of a venue.
pub fn of_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Decision>> {
    Ok(decisions::table
        .filter(decisions::venue_id.eq(venue_id))
        .select(Decision::as_select())
        .load(conn)?)
}

/// Sets a paper's decision. A changed label must be told again, so it forgets the last notice.
pub fn set(conn: &mut AnyConnection, venue_id: i64, submission_id: i64, label: &str, by: i64, now: NaiveDateTime) -> AppResult<()> {
    // An accepted paper becomes public once told; any change may alter that.
    crate::jobs::changes::paper(conn, submission_id)?;
    match get(conn, submission_id)? {
        Some(d) if d.label == label => Ok(()),
        Some(_) => {
            diesel::update(decisions::table.find(submission_id))
                .set((
                    decisions::label.eq(label),
                    decisions::decided_by.eq(by),
                    decisions::decided_at.eq(now),
                    decisions::notified_at.eq(None::<NaiveDateTime>),
                ))
                .execute(conn)?;
            Ok(())
        }
        None => {
            diesel::insert_into(decisions::table)
                .values((
                    decisions::submission_id.eq(submission_id),
                    decisions::venue_id.eq(venue_id),
                    decisions::label.eq(label),
                    decisions::decided_by.eq(by),
                    decisions::decided_at.eq(now),
                ))
                .execute(conn)?;
            Ok(())
        }
    }
}

/// Takes a paper's decision back (the paper is undecided again).
pub fn clear(conn: &mut AnyConnection, submission_id: i64) -> AppResult<()> {
    crate::jobs::changes::paper(conn, submission_id)?;
    diesel::delete(decisions::table.find(submission_id)).execute(conn)?;
    Ok(())
}

/// Records that the authors were told.
pub fn mark_notified(conn: &mut AnyConnection, submission_id: i64, now: NaiveDateTime) -> AppResult<()> {
    crate::jobs::changes::paper(conn, submission_id)?;
    diesel::update(decisions::table.find(submission_id))
        .set(decisions::notified_at.eq(now))
        .execute(conn)?;
    Ok(())
}
