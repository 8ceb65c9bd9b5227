//! Report queries: the committee's recommendations, and the experts' comments on one
//! conference with their release.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::db::schema::{evaluation_comments, evaluation_recommendations};
use crate::error::AppResult;
use crate::evaluation::ballots::model::Comment;

/// The recommendations to one conference, Chinese and English, if written.
pub fn recommendations(conn: &mut AnyConnection, round_id: i64, entry_id: i64) -> AppResult<Option<(String, String)>> {
    Ok(evaluation_recommendations::table
        .filter(evaluation_recommendations::round_id.eq(round_id))
        .filter(evaluation_recommendations::entry_id.eq(entry_id))
        .select((evaluation_recommendations::text_zh, evaluation_recommendations::text_en))
        .first(conn)
        .optional()?)
}

/// Replaces the recommendations to one conference.
pub fn put_recommendations(
    conn: &mut AnyConnection,
    (round_id, entry_id): (i64, i64),
    (zh, en): (&str, &str),
    by: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::delete(
        evaluation_recommendations::table
            .filter(evaluation_recommendations::round_id.eq(round_id))
            .filter(evaluation_recommendations::entry_id.eq(entry_id)),
    )
    .execute(conn)?;
    diesel::insert_into(evaluation_recommendations::table)
        .values((
            evaluation_recommendations::round_id.eq(round_id),
            evaluation_recommendations::entry_id.eq(entry_id),
            evaluation_recommendations::text_zh.eq(zh),
            evaluation_recommendations::text_en.eq(en),
            evaluation_recommendations::updated_by.eq(by),
            evaluation_recommendations::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every expert's comment on one conference, in a stable order (by expert).
pub fn comments(conn: &mut AnyConnection, round_id: i64, entry_id: i64) -> AppResult<Vec<Comment>> {
    Ok(evaluation_comments::table
        .filter(evaluation_comments::round_id.eq(round_id))
        .filter(evaluation_comments::entry_id.eq(entry_id))
        .order(evaluation_comments::expert_id)
        .select(Comment::as_select())
        .load(conn)?)
}

/// Releases one comment into the report, or withholds it again.
pub fn set_released(conn: &mut AnyConnection, (round_id, entry_id, expert_id): (i64, i64, i64), released: bool) -> AppResult<()> {
    diesel::update(
        evaluation_comments::table
            .filter(evaluation_comments::round_id.eq(round_id))
            .filter(evaluation_comments::entry_id.eq(entry_id))
            .filter(evaluation_comments::expert_id.eq(expert_id)),
    )
    .set(evaluation_comments::released.eq(released))
    .execute(conn)?;
    Ok(())
}
