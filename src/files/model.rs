//! File rows.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::AnyConnection;
use crate::db::schema::files;
use crate::error::AppResult;

/// A stored upload.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = files)]
pub struct StoredFile {
    /// Id.
    pub id: i64,
    /// Content hash; the storage key.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// MIME type.
    pub content_type: String,
    /// Name the uploader's file had.
    pub original_name: String,
    /// Pages, for PDFs.
    pub page_count: Option<i32>,
    /// Who uploaded it.
    pub uploaded_by: Option<i64>,
    /// Upload time.
    pub created_at: NaiveDateTime,
}

/// A file row to write: an upload, or a copy the service made (no uploader).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = files)]
pub struct NewFile<'a> {
    /// Content hash; the storage key.
    pub sha256: &'a str,
    /// Size in bytes.
    pub size_bytes: i64,
    /// MIME type.
    pub content_type: &'a str,
    /// Name shown on download (cleaned by [`insert`]).
    pub original_name: &'a str,
    /// Pages, for PDFs.
    pub page_count: Option<i32>,
    /// Who uploaded it.
    pub uploaded_by: Option<i64>,
}

/// Records a file, its name cleaned of control characters and path separators; returns the
/// row id.
pub fn insert(conn: &mut AnyConnection, f: &NewFile) -> AppResult<i64> {
    let name: String = f
        .original_name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    Ok(diesel::insert_into(files::table)
        .values((
            NewFile {
                original_name: &name,
                ..f.clone()
            },
            files::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(files::id)
        .get_result(conn)?)
}

/// Loads one file row.
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<StoredFile> {
    Ok(files::table.find(id).select(StoredFile::as_select()).first(conn)?)
}
