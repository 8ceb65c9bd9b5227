//! Queries of a society's venues and journals.

use diesel::prelude::*;
use serde::Serialize;

use crate::db::AnyConnection;
use crate::db::schema::{journals, venues};
use crate::error::AppResult;

/// A venue or journal as the society's page lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SocietyMember)]
pub struct Member {
    /// `venues` or `journals` (the first part of its address).
    pub area: &'static str,
    /// Its URL name (venue) or id (journal), the second part of its address.
    pub key: String,
    /// Its name in Chinese.
    pub name_zh: String,
    /// Its name in English.
    pub name_en: String,
}

/// The venues of society `society_id`.
pub fn venues_of(conn: &mut AnyConnection, society_id: i64) -> AppResult<Vec<Member>> {
    let rows: Vec<(String, String, String)> = venues::table
        .filter(venues::society_id.eq(society_id))
        .order(venues::id.desc())
        .select((venues::slug, venues::title_zh, venues::title_en))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(key, name_zh, name_en)| Member {
            area: "venues",
            key,
            name_zh,
            name_en,
        })
        .collect())
}

/// The journals of society `society_id`.
pub fn journals_of(conn: &mut AnyConnection, society_id: i64) -> AppResult<Vec<Member>> {
    let rows: Vec<(i64, String, String)> = journals::table
        .filter(journals::society_id.eq(society_id))
        .order(journals::id)
        .select((journals::id, journals::name_zh, journals::name_en))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name_zh, name_en)| Member {
            area: "journals",
            key: id.to_string(),
            name_zh,
            name_en,
        })
        .collect())
}

/// Sets (or with `None` clears) the society of venue `venue_id`.
pub fn set_venue_society(conn: &mut AnyConnection, venue_id: i64, society_id: Option<i64>) -> AppResult<()> {
    diesel::update(venues::table.find(venue_id))
        .set(venues::society_id.eq(society_id))
        .execute(conn)?;
    Ok(())
}

/// Sets (or with `None` clears) the society of journal `journal_id`.
pub fn set_journal_society(conn: &mut AnyConnection, journal_id: i64, society_id: Option<i64>) -> AppResult<()> {
    diesel::update(journals::table.find(journal_id))
        .set(journals::society_id.eq(society_id))
        .execute(conn)?;
    Ok(())
}
