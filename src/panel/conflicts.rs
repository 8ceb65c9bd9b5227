//! Conflicts an expert declared (or the committee declared for them) with a subject of a
//! round; conflicts that follow from the records (editorships, chairing) are the round's own.

use std::collections::HashSet;

use chrono::Utc;
use diesel::prelude::*;

use super::Round;
use crate::db::AnyConnection;
use crate::db::schema::panel_conflicts;
use crate::error::AppResult;

/// Records that `user_id` is conflicted with `subject` (once; a second declaration keeps the
/// first reason).
pub fn declare(conn: &mut AnyConnection, round: Round, user_id: i64, subject: i64, reason: &str) -> AppResult<()> {
    if declared(conn, round, user_id)?.contains(&subject) {
        return Ok(());
    }
    diesel::insert_into(panel_conflicts::table)
        .values((
            panel_conflicts::round_kind.eq(round.kind),
            panel_conflicts::round_id.eq(round.id),
            panel_conflicts::user_id.eq(user_id),
            panel_conflicts::subject_id.eq(subject),
            panel_conflicts::reason.eq(reason),
            panel_conflicts::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Subjects `user_id` declared a conflict with in the round.
pub fn declared(conn: &mut AnyConnection, round: Round, user_id: i64) -> AppResult<HashSet<i64>> {
    Ok(panel_conflicts::table
        .filter(panel_conflicts::round_kind.eq(round.kind))
        .filter(panel_conflicts::round_id.eq(round.id))
        .filter(panel_conflicts::user_id.eq(user_id))
        .select(panel_conflicts::subject_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}
