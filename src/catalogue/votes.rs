//! The panel's votes: each expert proposes T1, T2, T3 or not listed per journal, secretly.

use std::collections::HashMap;

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::audit;
use super::model::Edition;
use super::phases::Phase;
use super::tiers::{Tier, Vote};
use crate::db::AnyConnection;
use crate::db::schema::catalogue_votes;
use crate::error::{AppError, AppResult};

/// Stored code of a "not listed" vote.
pub const NOT_LISTED: &str = "none";

/// Parses a vote as stored or posted: `T1`, `T2`, `T3` or `none`.
pub fn parse(s: &str) -> Option<Vote> {
    if s.trim().eq_ignore_ascii_case(NOT_LISTED) {
        Some(None)
    } else {
        Tier::parse(s).map(Some)
    }
}

/// The stored code of a vote.
pub fn code(v: Vote) -> &'static str {
    v.map(Tier::code).unwrap_or(NOT_LISTED)
}

/// Whether votes are open now.
pub fn open(edition: &Edition, now: NaiveDateTime) -> bool {
    Phase::parse(&edition.phase) == Some(Phase::Evaluation) && edition.evaluation_closes.is_none_or(|c| now <= c)
}

/// One's own vote.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyVote {
    /// Journal.
    pub journal_id: i64,
    /// `T1`, `T2`, `T3` or `none`.
    pub tier: String,
    /// Comment.
    pub comment: String,
}

/// Saves (or with `tier` None, withdraws) an expert's vote. The caller has checked that the
/// user is on the panel; conflicts and the journal's field are checked here.
pub fn cast(
    conn: &mut AnyConnection,
    edition: &Edition,
    user_id: i64,
    journal_id: i64,
    tier: Option<Vote>,
    comment: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    if !open(edition, now) {
        return Err(AppError::Conflict("catalogue.voting_closed".into()));
    }
    super::nominations::require_candidate(conn, edition, journal_id)?;
    if super::panel::conflicts_of(conn, edition.id, user_id)?.contains(&journal_id) {
        return Err(AppError::NotFound);
    }
    let comment = comment.trim();
    if comment.chars().count() > 2000 {
        return Err(AppError::field("comment", "validation.too_long"));
    }
    crate::text::require("comment", comment, true)?;
    let mine = catalogue_votes::table
        .filter(catalogue_votes::edition_id.eq(edition.id))
        .filter(catalogue_votes::journal_id.eq(journal_id))
        .filter(catalogue_votes::user_id.eq(user_id));
    let before: Option<String> = mine.select(catalogue_votes::tier).first(conn).optional()?;
    diesel::delete(mine).execute(conn)?;
    if let Some(v) = tier {
        diesel::insert_into(catalogue_votes::table)
            .values((
                catalogue_votes::edition_id.eq(edition.id),
                catalogue_votes::journal_id.eq(journal_id),
                catalogue_votes::user_id.eq(user_id),
                catalogue_votes::tier.eq(code(v)),
                catalogue_votes::comment.eq(comment),
                catalogue_votes::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)?;
    }
    let after = tier.map(code);
    if before.as_deref() != after {
        audit::record(
            conn,
            edition.id,
            Some(user_id),
            "vote",
            Some(journal_id),
            json!({"tier": after, "before": before}),
        )?;
    }
    Ok(())
}

/// The expert's own votes, by journal.
pub fn mine(conn: &mut AnyConnection, edition_id: i64, user_id: i64) -> AppResult<HashMap<i64, MyVote>> {
    Ok(catalogue_votes::table
        .filter(catalogue_votes::edition_id.eq(edition_id))
        .filter(catalogue_votes::user_id.eq(user_id))
        .select((catalogue_votes::journal_id, catalogue_votes::tier, catalogue_votes::comment))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(journal_id, tier, comment)| (journal_id, MyVote { journal_id, tier, comment }))
        .collect())
}

/// A counted vote: (journal, expert, vote, comment).
pub type Cast = (i64, i64, Vote, String);

/// Every vote of current panel members, except on journals they are conflicted with.
pub fn all(conn: &mut AnyConnection, edition_id: i64) -> AppResult<Vec<Cast>> {
    let experts: std::collections::HashSet<i64> = crate::auth::roles::holders(
        conn,
        crate::auth::roles::CATALOGUE_EXPERT,
        crate::auth::roles::SCOPE_EDITION,
        edition_id,
    )?
    .into_iter()
    .collect();
    let conflicts = super::panel::all_conflicts(conn, edition_id)?;
    let rows: Vec<(i64, i64, String, String)> = catalogue_votes::table
        .filter(catalogue_votes::edition_id.eq(edition_id))
        .order((catalogue_votes::journal_id, catalogue_votes::user_id))
        .select((
            catalogue_votes::journal_id,
            catalogue_votes::user_id,
            catalogue_votes::tier,
            catalogue_votes::comment,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(j, u, _, _)| experts.contains(u) && !conflicts.get(j).is_some_and(|s| s.contains(u)))
        .filter_map(|(j, u, t, c)| parse(&t).map(|v| (j, u, v, c)))
        .collect())
}

/// Withdraws `user_id`'s votes on `journal_id` in every edition not yet published, because
/// they have just become conflicted with it (e.g. named its editor); each is audited.
pub fn withdraw_for_new_conflict(conn: &mut AnyConnection, by: i64, user_id: i64, journal_id: i64) -> AppResult<()> {
    use crate::db::schema::catalogue_editions;
    let voted: Vec<i64> = catalogue_votes::table
        .filter(catalogue_votes::user_id.eq(user_id))
        .filter(catalogue_votes::journal_id.eq(journal_id))
        .select(catalogue_votes::edition_id)
        .load(conn)?;
    let editions: Vec<i64> = catalogue_editions::table
        .filter(catalogue_editions::id.eq_any(&voted))
        .filter(catalogue_editions::phase.ne(Phase::Published.code()))
        .select(catalogue_editions::id)
        .load(conn)?;
    for edition_id in editions {
        delete(conn, edition_id, user_id, journal_id)?;
        audit::record(
            conn,
            edition_id,
            Some(by),
            "vote_withdrawn",
            Some(journal_id),
            json!({"expert": user_id, "reason": "journal_staff"}),
        )?;
    }
    Ok(())
}

/// Deletes one expert's vote on one journal in an edition (there may be none).
pub fn delete(conn: &mut AnyConnection, edition_id: i64, user_id: i64, journal_id: i64) -> AppResult<()> {
    diesel::delete(
        catalogue_votes::table
            .filter(catalogue_votes::edition_id.eq(edition_id))
            .filter(catalogue_votes::user_id.eq(user_id))
            .filter(catalogue_votes::journal_id.eq(journal_id)),
    )
    .execute(conn)?;
    Ok(())
}
