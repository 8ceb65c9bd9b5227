//! The queries search makes besides building documents (`documents.rs`): names for facets,
//! what a viewer may see, and what changed during a rebuild.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::roles;
use crate::db::AnyConnection;
use crate::db::schema::{
    catalogue_editions, catalogue_entries, committee_members, decisions, fields, journals, role_grants, submissions, venue_topics, venues,
};
use crate::error::AppResult;

/// Venues by id: (id, title_zh, title_en, slug).
pub fn venue_names(c: &mut AnyConnection, ids: Vec<i64>) -> AppResult<Vec<(i64, String, String, String)>> {
    Ok(venues::table
        .filter(venues::id.eq_any(ids))
        .select((venues::id, venues::title_zh, venues::title_en, venues::slug))
        .load(c)?)
}

/// Venue topics by id: (id, name_zh, name_en).
pub fn topic_names(c: &mut AnyConnection, ids: Vec<i64>) -> AppResult<Vec<(i64, String, String)>> {
    Ok(venue_topics::table
        .filter(venue_topics::id.eq_any(ids))
        .select((venue_topics::id, venue_topics::name_zh, venue_topics::name_en))
        .load(c)?)
}

/// Subject fields by id: (id, name_zh, name_en).
pub fn field_names(c: &mut AnyConnection, ids: Vec<i64>) -> AppResult<Vec<(i64, String, String)>> {
    Ok(fields::table
        .filter(fields::id.eq_any(ids))
        .select((fields::id, fields::name_zh, fields::name_en))
        .load(c)?)
}

/// Venues the user chairs.
pub fn chaired_venues(c: &mut AnyConnection, user_id: i64) -> AppResult<Vec<i64>> {
    Ok(role_grants::table
        .filter(role_grants::user_id.eq(user_id))
        .filter(role_grants::role.eq(roles::CHAIR))
        .filter(role_grants::scope_kind.eq(roles::SCOPE_VENUE))
        .select(role_grants::scope_id)
        .load(c)?)
}

/// Venues on whose committee the user sits (accepted invitations).
pub fn committee_venues(c: &mut AnyConnection, user_id: i64) -> AppResult<Vec<i64>> {
    Ok(committee_members::table
        .filter(committee_members::user_id.eq(user_id))
        .filter(committee_members::status.eq(crate::review::committee::model::ACCEPTED))
        .select(committee_members::venue_id)
        .distinct()
        .load(c)?)
}

/// How many catalogue entries exist (all in public editions).
pub fn entry_count(c: &mut AnyConnection) -> AppResult<i64> {
    Ok(catalogue_entries::table.count().get_result(c)?)
}

/// What changed since `since`: papers (edited or decided), journals and catalogue editions.
pub fn changed_since(c: &mut AnyConnection, since: NaiveDateTime) -> AppResult<(Vec<i64>, Vec<i64>, Vec<i64>)> {
    let mut papers: Vec<i64> = submissions::table
        .filter(submissions::updated_at.ge(since))
        .select(submissions::id)
        .load(c)?;
    papers.extend(
        decisions::table
            .filter(decisions::decided_at.ge(since).or(decisions::notified_at.ge(since)))
            .select(decisions::submission_id)
            .load::<i64>(c)?,
    );
    let journals: Vec<i64> = journals::table
        .filter(journals::updated_at.ge(since))
        .select(journals::id)
        .load(c)?;
    let editions: Vec<i64> = catalogue_editions::table
        .filter(catalogue_editions::updated_at.ge(since))
        .select(catalogue_editions::id)
        .load(c)?;
    Ok((papers, journals, editions))
}
