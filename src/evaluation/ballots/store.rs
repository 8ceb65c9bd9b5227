//! Ballot queries: scores, comments, drafts, and the records that make an expert conflicted
//! with a conference held in xuehui.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Comment, DraftRow, Score};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::db::schema::{
    assignments, evaluation_comments, evaluation_drafts, evaluation_scores, programme_session_people, programme_sessions, role_grants,
    submission_authors, submissions,
};
use crate::error::AppResult;

/// Every score of a round (for the committee's counts and the aggregation).
pub fn scores(conn: &mut AnyConnection, round_id: i64) -> AppResult<Vec<Score>> {
    Ok(evaluation_scores::table
        .filter(evaluation_scores::round_id.eq(round_id))
        .select(Score::as_select())
        .load(conn)?)
}

/// One expert's scores in a round.
pub fn scores_of(conn: &mut AnyConnection, round_id: i64, expert_id: i64) -> AppResult<Vec<Score>> {
    Ok(evaluation_scores::table
        .filter(evaluation_scores::round_id.eq(round_id))
        .filter(evaluation_scores::expert_id.eq(expert_id))
        .select(Score::as_select())
        .load(conn)?)
}

/// One expert's comments in a round.
pub fn comments_of(conn: &mut AnyConnection, round_id: i64, expert_id: i64) -> AppResult<Vec<Comment>> {
    Ok(evaluation_comments::table
        .filter(evaluation_comments::round_id.eq(round_id))
        .filter(evaluation_comments::expert_id.eq(expert_id))
        .select(Comment::as_select())
        .load(conn)?)
}

/// Replaces one expert's line for one conference: its levels and comment.
pub fn put_line(
    conn: &mut AnyConnection,
    (round_id, entry_id, expert_id): (i64, i64, i64),
    levels: &[(String, i32)],
    comment: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    clear_line(conn, round_id, entry_id, expert_id)?;
    for (code, level) in levels {
        diesel::insert_into(evaluation_scores::table)
            .values((
                evaluation_scores::round_id.eq(round_id),
                evaluation_scores::entry_id.eq(entry_id),
                evaluation_scores::indicator.eq(code),
                evaluation_scores::expert_id.eq(expert_id),
                evaluation_scores::level.eq(level),
                evaluation_scores::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    if !comment.is_empty() {
        diesel::insert_into(evaluation_comments::table)
            .values((
                evaluation_comments::round_id.eq(round_id),
                evaluation_comments::entry_id.eq(entry_id),
                evaluation_comments::expert_id.eq(expert_id),
                evaluation_comments::comment.eq(comment),
                evaluation_comments::released.eq(false),
                evaluation_comments::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Forgets one expert's scores and comment on one conference.
pub fn clear_line(conn: &mut AnyConnection, round_id: i64, entry_id: i64, expert_id: i64) -> AppResult<()> {
    diesel::delete(
        evaluation_scores::table
            .filter(evaluation_scores::round_id.eq(round_id))
            .filter(evaluation_scores::entry_id.eq(entry_id))
            .filter(evaluation_scores::expert_id.eq(expert_id)),
    )
    .execute(conn)?;
    diesel::delete(
        evaluation_comments::table
            .filter(evaluation_comments::round_id.eq(round_id))
            .filter(evaluation_comments::entry_id.eq(entry_id))
            .filter(evaluation_comments::expert_id.eq(expert_id)),
    )
    .execute(conn)?;
    Ok(())
}

/// One expert's drafts in a round.
pub fn drafts_of(conn: &mut AnyConnection, round_id: i64, expert_id: i64) -> AppResult<Vec<DraftRow>> {
    Ok(evaluation_drafts::table
        .filter(evaluation_drafts::round_id.eq(round_id))
        .filter(evaluation_drafts::expert_id.eq(expert_id))
        .select(DraftRow::as_select())
        .load(conn)?)
}

/// Keeps (or with `None` forgets) one expert's draft of one line.
pub fn put_draft(
    conn: &mut AnyConnection,
    (round_id, entry_id, expert_id): (i64, i64, i64),
    body: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::delete(
        evaluation_drafts::table
            .filter(evaluation_drafts::round_id.eq(round_id))
            .filter(evaluation_drafts::entry_id.eq(entry_id))
            .filter(evaluation_drafts::expert_id.eq(expert_id)),
    )
    .execute(conn)?;
    if let Some(body) = body {
        diesel::insert_into(evaluation_drafts::table)
            .values((
                evaluation_drafts::round_id.eq(round_id),
                evaluation_drafts::entry_id.eq(entry_id),
                evaluation_drafts::expert_id.eq(expert_id),
                evaluation_drafts::body.eq(body),
                evaluation_drafts::saved_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Why `user_id` (whose address is `email`) is conflicted with each of `venue_ids`, from their
/// records: `chaired` (a chair of it), `reviewed` (assigned a paper of it), `authored` (an
/// author of a paper submitted to it), `presented` (a speaker or session chair in its
/// programme). Four queries whatever the number of venues; venues without a conflict are
/// left out.
pub fn automatic_conflicts(
    conn: &mut AnyConnection,
    user_id: i64,
    email: &str,
    venue_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<&'static str>>> {
    let mut why: HashMap<i64, Vec<&'static str>> = HashMap::new();
    let email = email.trim().to_lowercase();
    let chaired: Vec<i64> = role_grants::table
        .filter(role_grants::user_id.eq(user_id))
        .filter(role_grants::role.eq(roles::CHAIR))
        .filter(role_grants::scope_kind.eq(roles::SCOPE_VENUE))
        .filter(role_grants::scope_id.eq_any(venue_ids))
        .select(role_grants::scope_id)
        .load(conn)?;
    let reviewed: Vec<i64> = assignments::table
        .filter(assignments::venue_id.eq_any(venue_ids))
        .filter(assignments::user_id.eq(user_id))
        .select(assignments::venue_id)
        .distinct()
        .load(conn)?;
    let authored: Vec<i64> = submission_authors::table
        .inner_join(submissions::table.on(submissions::id.eq(submission_authors::submission_id)))
        .filter(submissions::venue_id.eq_any(venue_ids))
        .filter(submission_authors::email.eq(&email).or(submissions::created_by.eq(user_id)))
        .select(submissions::venue_id)
        .distinct()
        .load(conn)?;
    let presented: Vec<i64> = programme_session_people::table
        .inner_join(programme_sessions::table.on(programme_sessions::id.eq(programme_session_people::session_id)))
        .filter(programme_sessions::venue_id.eq_any(venue_ids))
        .filter(programme_session_people::email.eq(&email))
        .select(programme_sessions::venue_id)
        .distinct()
        .load(conn)?;
    for (list, reason) in [
        (chaired, "chaired"),
        (reviewed, "reviewed"),
        (authored, "authored"),
        (presented, "presented"),
    ] {
        let mut list = list;
        list.sort_unstable();
        list.dedup();
        for v in list {
            why.entry(v).or_default().push(reason);
        }
    }
    Ok(why)
}
