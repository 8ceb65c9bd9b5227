//! The audit log: who did what and when, readable by the edition's committee only.

use chrono::Utc;
use diesel::prelude::*;
use serde::Serialize;

use super::model::AuditEntry;
use crate::db::AnyConnection;
use crate::db::schema::{catalogue_audit, journals, users};
use crate::error::AppResult;

/// Records one action in the caller's transaction.
pub fn record(
    conn: &mut AnyConnection,
    edition_id: i64,
    user_id: Option<i64>,
    action: &str,
    journal_id: Option<i64>,
    detail: serde_json::Value,
) -> AppResult<()> {
    diesel::insert_into(catalogue_audit::table)
        .values((
            catalogue_audit::edition_id.eq(edition_id),
            catalogue_audit::user_id.eq(user_id),
            catalogue_audit::action.eq(action),
            catalogue_audit::journal_id.eq(journal_id),
            catalogue_audit::detail.eq(detail.to_string()),
            catalogue_audit::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A log line with names.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditLine {
    /// The entry.
    #[serde(flatten)]
    pub entry: AuditEntry,
    /// Who, by e-mail.
    pub user_email: Option<String>,
    /// Journal name.
    pub journal_name: Option<String>,
    /// Details as data.
    pub data: serde_json::Value,
}

/// A log row with the actor's e-mail and the journal's names.
type Joined = (AuditEntry, Option<String>, Option<(String, String)>);

/// The edition's log, newest first.
pub fn list(conn: &mut AnyConnection, edition_id: i64, limit: i64) -> AppResult<Vec<AuditLine>> {
    let rows: Vec<Joined> = catalogue_audit::table
        .left_join(users::table.on(users::id.nullable().eq(catalogue_audit::user_id)))
        .left_join(journals::table.on(journals::id.nullable().eq(catalogue_audit::journal_id)))
        .filter(catalogue_audit::edition_id.eq(edition_id))
        .order(catalogue_audit::id.desc())
        .limit(limit)
        .select((
            AuditEntry::as_select(),
            users::email.nullable(),
            (journals::name_zh, journals::name_en).nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(entry, email, names)| AuditLine {
            data: serde_json::from_str(&entry.detail).unwrap_or(serde_json::Value::Null),
            entry,
            user_email: email,
            journal_name: names.map(|(zh, en)| {
                if en.is_empty() {
                    zh
                } else if zh.is_empty() {
                    en
                } else {
                    format!("{zh} / {en}")
                }
            }),
        })
        .collect())
}
