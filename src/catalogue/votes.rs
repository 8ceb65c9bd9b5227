//! The panel's votes: each expert proposes T1, T2, T3 or not listed per journal, secretly.
//! Drafts (the ballot as typed, autosaved) live beside them and are never counted: `all`
//! reads votes only, and submitting the ballot casts the drafts and deletes them.

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
use crate::db::schema::{catalogue_vote_drafts, catalogue_votes};
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
    // A cast vote ends the line's draft.
    diesel::delete(
        catalogue_vote_drafts::table
            .filter(catalogue_vote_drafts::edition_id.eq(edition.id))
            .filter(catalogue_vote_drafts::journal_id.eq(journal_id))
            .filter(catalogue_vote_drafts::user_id.eq(user_id)),
    )
    .execute(conn)?;
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

/// One line of an expert's ballot as typed but not submitted.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Draft {
    /// `T1`, `T2`, `T3`, `none`, or empty (no vote chosen).
    pub tier: String,
    /// Comment as typed.
    pub comment: String,
    /// When it was saved (UTC).
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// Keeps an expert's draft of one line, or forgets it when it equals the submitted vote
/// (`None`). Checked like a vote (open, a candidate, not conflicted, the comment's length),
/// but not audited and never counted.
pub fn save_draft(
    conn: &mut AnyConnection,
    edition: &Edition,
    user_id: i64,
    journal_id: i64,
    draft: Option<(&str, &str)>,
    now: NaiveDateTime,
) -> AppResult<()> {
    if !open(edition, now) {
        return Err(AppError::Conflict("catalogue.voting_closed".into()));
    }
    super::nominations::require_candidate(conn, edition, journal_id)?;
    if super::panel::conflicts_of(conn, edition.id, user_id)?.contains(&journal_id) {
        return Err(AppError::NotFound);
    }
    let row = catalogue_vote_drafts::table
        .filter(catalogue_vote_drafts::edition_id.eq(edition.id))
        .filter(catalogue_vote_drafts::journal_id.eq(journal_id))
        .filter(catalogue_vote_drafts::user_id.eq(user_id));
    diesel::delete(row).execute(conn)?;
    let Some((tier, comment)) = draft else {
        return Ok(());
    };
    if !tier.is_empty() && parse(tier).is_none() {
        return Err(AppError::field("tier", "validation.tier_invalid"));
    }
    let comment = comment.trim();
    if comment.chars().count() > 2000 {
        return Err(AppError::field("comment", "validation.too_long"));
    }
    crate::text::require("comment", comment, true)?;
    diesel::insert_into(catalogue_vote_drafts::table)
        .values((
            catalogue_vote_drafts::edition_id.eq(edition.id),
            catalogue_vote_drafts::journal_id.eq(journal_id),
            catalogue_vote_drafts::user_id.eq(user_id),
            catalogue_vote_drafts::tier.eq(tier),
            catalogue_vote_drafts::comment.eq(comment),
            catalogue_vote_drafts::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The expert's drafts in an edition, by journal.
pub fn drafts(conn: &mut AnyConnection, edition_id: i64, user_id: i64) -> AppResult<HashMap<i64, Draft>> {
    Ok(catalogue_vote_drafts::table
        .filter(catalogue_vote_drafts::edition_id.eq(edition_id))
        .filter(catalogue_vote_drafts::user_id.eq(user_id))
        .select((
            catalogue_vote_drafts::journal_id,
            catalogue_vote_drafts::tier,
            catalogue_vote_drafts::comment,
            catalogue_vote_drafts::updated_at,
        ))
        .load::<(i64, String, String, NaiveDateTime)>(conn)?
        .into_iter()
        .map(|(j, tier, comment, updated_at)| (j, Draft { tier, comment, updated_at }))
        .collect())
}

/// Forgets all of an expert's drafts in an edition (after the ballot is submitted).
pub fn clear_drafts(conn: &mut AnyConnection, edition_id: i64, user_id: i64) -> AppResult<()> {
    diesel::delete(
        catalogue_vote_drafts::table
            .filter(catalogue_vote_drafts::edition_id.eq(edition_id))
            .filter(catalogue_vote_drafts::user_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(())
}
