//! Indicator system queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{System, Version};
use crate::db::AnyConnection;
use crate::db::schema::{evaluation_system_versions, evaluation_systems};
use crate::error::{AppError, AppResult};

/// The society's systems, newest first.
pub fn of_society(conn: &mut AnyConnection, society_id: i64) -> AppResult<Vec<System>> {
    Ok(evaluation_systems::table
        .filter(evaluation_systems::society_id.eq(society_id))
        .order(evaluation_systems::id.desc())
        .select(System::as_select())
        .load(conn)?)
}

/// A system of the society (404 for another society's or none).
pub fn get(conn: &mut AnyConnection, society_id: i64, id: i64) -> AppResult<System> {
    evaluation_systems::table
        .filter(evaluation_systems::id.eq(id))
        .filter(evaluation_systems::society_id.eq(society_id))
        .select(System::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// A system by id alone (for rounds, which name it).
pub fn by_id(conn: &mut AnyConnection, id: i64) -> AppResult<System> {
    evaluation_systems::table
        .find(id)
        .select(System::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Creates a system; returns its id.
pub fn create(conn: &mut AnyConnection, society_id: i64, names: (&str, &str), by: i64, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(evaluation_systems::table)
        .values((
            evaluation_systems::society_id.eq(society_id),
            evaluation_systems::name_zh.eq(names.0),
            evaluation_systems::name_en.eq(names.1),
            evaluation_systems::created_by.eq(Some(by)),
            evaluation_systems::created_at.eq(now),
        ))
        .returning(evaluation_systems::id)
        .get_result(conn)?)
}

/// Renames a system.
pub fn rename(conn: &mut AnyConnection, id: i64, names: (&str, &str)) -> AppResult<()> {
    diesel::update(evaluation_systems::table.find(id))
        .set((evaluation_systems::name_zh.eq(names.0), evaluation_systems::name_en.eq(names.1)))
        .execute(conn)?;
    Ok(())
}

/// Every version of a system, oldest first.
pub fn versions(conn: &mut AnyConnection, system_id: i64) -> AppResult<Vec<Version>> {
    Ok(evaluation_system_versions::table
        .filter(evaluation_system_versions::system_id.eq(system_id))
        .order(evaluation_system_versions::version)
        .select(Version::as_select())
        .load(conn)?)
}

/// Adds a version (a draft).
pub fn add_version(
    conn: &mut AnyConnection,
    system_id: i64,
    version: i32,
    definition: &str,
    note: &str,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(evaluation_system_versions::table)
        .values((
            evaluation_system_versions::system_id.eq(system_id),
            evaluation_system_versions::version.eq(version),
            evaluation_system_versions::definition.eq(definition),
            evaluation_system_versions::note.eq(note),
            evaluation_system_versions::created_by.eq(Some(by)),
            evaluation_system_versions::updated_at.eq(now),
            evaluation_system_versions::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Rewrites a draft version (never a final one: the filter keeps those as they are).
pub fn update_draft(conn: &mut AnyConnection, version_id: i64, definition: &str, note: &str, now: NaiveDateTime) -> AppResult<usize> {
    Ok(diesel::update(
        evaluation_system_versions::table
            .filter(evaluation_system_versions::id.eq(version_id))
            .filter(evaluation_system_versions::finalised_at.is_null()),
    )
    .set((
        evaluation_system_versions::definition.eq(definition),
        evaluation_system_versions::note.eq(note),
        evaluation_system_versions::updated_at.eq(now),
    ))
    .execute(conn)?)
}

/// Makes a version final.
pub fn finalise(conn: &mut AnyConnection, version_id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(
        evaluation_system_versions::table
            .filter(evaluation_system_versions::id.eq(version_id))
            .filter(evaluation_system_versions::finalised_at.is_null()),
    )
    .set(evaluation_system_versions::finalised_at.eq(Some(now)))
    .execute(conn)?;
    Ok(())
}
