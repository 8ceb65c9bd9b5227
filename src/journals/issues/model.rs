//! Issues as stored.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::journal_issues;

/// An issue of a journal: volume, number and year, an optional title and cover; published once.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = journal_issues)]
pub struct Issue {
    /// Id.
    pub id: i64,
    /// The journal.
    pub journal_id: i64,
    /// Volume.
    pub volume: i32,
    /// Number within the volume.
    pub number: i32,
    /// Year.
    pub year: i32,
    /// Title (a themed issue), Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Cover image.
    pub cover_file_id: Option<i64>,
    /// Published on (none while it is being prepared).
    pub published_on: Option<NaiveDate>,
    /// Who published it.
    pub published_by: Option<i64>,
    /// Last change.
    pub updated_at: NaiveDateTime,
}
