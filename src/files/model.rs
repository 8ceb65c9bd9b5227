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

/// Records an upload; returns the row id.
pub fn insert(
    conn: &mut AnyConnection,
    sha256: &str,
    size: u64,
    content_type: &str,
    original_name: &str,
    pages: Option<u32>,
    by: i64,
) -> AppResult<i64> {
    let name: String = original_name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    Ok(diesel::insert_into(files::table)
        .values((
            files::sha256.eq(sha256),
            files::size_bytes.eq(size as i64),
            files::content_type.eq(content_type),
            files::original_name.eq(name),
            files::page_count.eq(pages.map(|p| p as i32)),
            files::uploaded_by.eq(Some(by)),
            files::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(files::id)
        .get_result(conn)?)
}

/// Loads one file row.
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<StoredFile> {
    Ok(files::table.find(id).select(StoredFile::as_select()).first(conn)?)
}
