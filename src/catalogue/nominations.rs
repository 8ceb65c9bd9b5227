//! Nominations: logged-in scientists put journals of the field's register forward, with a reason.

use std::collections::HashMap;

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::audit;
use super::model::Edition;
use super::phases::Phase;
use crate::db::AnyConnection;
use crate::db::schema::{catalogue_nominations, journal_fields};
use crate::error::{AppError, AppResult};

/// Whether the journal belongs to the edition's field (404 otherwise, as for an unknown journal).
pub fn require_candidate(conn: &mut AnyConnection, edition: &Edition, journal_id: i64) -> AppResult<()> {
    let n: i64 = journal_fields::table
        .filter(journal_fields::journal_id.eq(journal_id))
        .filter(journal_fields::field_id.eq(edition.field_id))
        .count()
        .get_result(conn)?;
    if n == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// Whether nominations are open now.
pub fn open(edition: &Edition, now: NaiveDateTime) -> bool {
    Phase::parse(&edition.phase) == Some(Phase::Nomination) && edition.nomination_closes.is_none_or(|c| now <= c)
}

/// Records a nomination; one per person per journal per edition.
pub fn nominate(
    conn: &mut AnyConnection,
    edition: &Edition,
    user_id: i64,
    journal_id: i64,
    text: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    if !open(edition, now) {
        return Err(AppError::Conflict("catalogue.nominations_closed".into()));
    }
    require_candidate(conn, edition, journal_id)?;
    let text = crate::panel::reason(text)?;
    if !insert_once(conn, edition.id, journal_id, user_id, &text)? {
        return Err(AppError::Conflict("catalogue.already_nominated".into()));
    }
    audit::record(
        conn,
        edition.id,
        Some(user_id),
        "nomination",
        Some(journal_id),
        json!({"reason": text}),
    )
}

/// Number of nominations per journal.
pub fn counts(conn: &mut AnyConnection, edition_id: i64) -> AppResult<HashMap<i64, u32>> {
    Ok(catalogue_nominations::table
        .filter(catalogue_nominations::edition_id.eq(edition_id))
        .group_by(catalogue_nominations::journal_id)
        .select((catalogue_nominations::journal_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .map(|(j, n)| (j, n as u32))
        .collect())
}

/// A nomination's reason as the panel sees it (without the nominator's name).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = NominationReason)]
pub struct Reason {
    /// Journal.
    pub journal_id: i64,
    /// Why it was nominated.
    pub reason: String,
    /// When.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}

/// Every nomination reason, per journal.
pub fn reasons(conn: &mut AnyConnection, edition_id: i64) -> AppResult<HashMap<i64, Vec<Reason>>> {
    let rows: Vec<(i64, String, NaiveDateTime)> = catalogue_nominations::table
        .filter(catalogue_nominations::edition_id.eq(edition_id))
        .order(catalogue_nominations::id)
        .select((
            catalogue_nominations::journal_id,
            catalogue_nominations::reason,
            catalogue_nominations::created_at,
        ))
        .load(conn)?;
    let mut out: HashMap<i64, Vec<Reason>> = HashMap::new();
    for (journal_id, reason, created_at) in rows {
        out.entry(journal_id).or_default().push(Reason {
            journal_id,
            reason,
            created_at,
        });
    }
    Ok(out)
}

/// Journals the user has nominated in the edition.
pub fn mine(conn: &mut AnyConnection, edition_id: i64, user_id: i64) -> AppResult<Vec<i64>> {
    Ok(catalogue_nominations::table
        .filter(catalogue_nominations::edition_id.eq(edition_id))
        .filter(catalogue_nominations::user_id.eq(user_id))
        .select(catalogue_nominations::journal_id)
        .load(conn)?)
}

/// Records `user_id`'s nomination of a journal with its reason, unless they already
/// nominated it in this edition; answers whether a row was written.
pub fn insert_once(conn: &mut AnyConnection, edition_id: i64, journal_id: i64, user_id: i64, reason: &str) -> AppResult<bool> {
    let exists: i64 = catalogue_nominations::table
        .filter(catalogue_nominations::edition_id.eq(edition_id))
        .filter(catalogue_nominations::journal_id.eq(journal_id))
        .filter(catalogue_nominations::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    diesel::insert_into(catalogue_nominations::table)
        .values((
            catalogue_nominations::edition_id.eq(edition_id),
            catalogue_nominations::journal_id.eq(journal_id),
            catalogue_nominations::user_id.eq(user_id),
            catalogue_nominations::reason.eq(reason),
            catalogue_nominations::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(true)
}
