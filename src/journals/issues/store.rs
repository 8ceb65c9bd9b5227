//! Every query of a journal's issues.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::Issue;
use crate::db::AnyConnection;
use crate::db::schema::journal_issues as ji;
use crate::error::{AppError, AppResult};

/// One issue.
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<Issue> {
    ji::table
        .find(id)
        .select(Issue::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The journal's issues, newest first.
pub fn of_journal(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<Issue>> {
    Ok(ji::table
        .filter(ji::journal_id.eq(journal_id))
        .order((ji::volume.desc(), ji::number.desc()))
        .select(Issue::as_select())
        .load(conn)?)
}

/// Whether the journal has another issue with this volume and number.
pub fn number_taken(conn: &mut AnyConnection, journal_id: i64, volume: i32, number: i32, except: Option<i64>) -> AppResult<bool> {
    let mut q = ji::table
        .filter(ji::journal_id.eq(journal_id))
        .filter(ji::volume.eq(volume))
        .filter(ji::number.eq(number))
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(ji::id.ne(id));
    }
    Ok(q.count().get_result::<i64>(conn)? > 0)
}

/// An issue's identity and title.
pub struct IssueFields<'a> {
    /// Volume.
    pub volume: i32,
    /// Number.
    pub number: i32,
    /// Year.
    pub year: i32,
    /// Title, Chinese.
    pub title_zh: &'a str,
    /// Title, English.
    pub title_en: &'a str,
}

/// Makes an issue; returns its id.
pub fn insert(conn: &mut AnyConnection, journal_id: i64, f: &IssueFields, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(ji::table)
        .values((
            ji::journal_id.eq(journal_id),
            ji::volume.eq(f.volume),
            ji::number.eq(f.number),
            ji::year.eq(f.year),
            ji::title_zh.eq(f.title_zh),
            ji::title_en.eq(f.title_en),
            ji::updated_at.eq(now),
        ))
        .returning(ji::id)
        .get_result(conn)?)
}

/// Changes an issue's identity and title.
pub fn update(conn: &mut AnyConnection, id: i64, f: &IssueFields, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ji::table.find(id))
        .set((
            ji::volume.eq(f.volume),
            ji::number.eq(f.number),
            ji::year.eq(f.year),
            ji::title_zh.eq(f.title_zh),
            ji::title_en.eq(f.title_en),
            ji::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets the cover image.
pub fn set_cover(conn: &mut AnyConnection, id: i64, file_id: Option<i64>, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ji::table.find(id))
        .set((ji::cover_file_id.eq(file_id), ji::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Deletes an issue (an empty one being prepared).
pub fn delete(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::delete(ji::table.find(id)).execute(conn)?;
    Ok(())
}

/// Marks the issue published; false when it already was (so publishing twice does nothing).
pub fn publish(conn: &mut AnyConnection, id: i64, on: NaiveDate, by: i64, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(ji::table.find(id).filter(ji::published_on.is_null()))
        .set((ji::published_on.eq(Some(on)), ji::published_by.eq(Some(by)), ji::updated_at.eq(now)))
        .execute(conn)?;
    Ok(n > 0)
}

/// The journal's published issues, newest first.
pub fn published(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<Issue>> {
    Ok(ji::table
        .filter(ji::journal_id.eq(journal_id))
        .filter(ji::published_on.is_not_null())
        .order((ji::volume.desc(), ji::number.desc()))
        .select(Issue::as_select())
        .load(conn)?)
}

/// A published issue by volume and number (404 while it is being prepared).
pub fn published_by_number(conn: &mut AnyConnection, journal_id: i64, volume: i32, number: i32) -> AppResult<Issue> {
    ji::table
        .filter(ji::journal_id.eq(journal_id))
        .filter(ji::volume.eq(volume))
        .filter(ji::number.eq(number))
        .filter(ji::published_on.is_not_null())
        .select(Issue::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}
