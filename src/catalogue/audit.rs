//! The edition's audit log (the panel's log of the catalogue round), with journal names.

use std::collections::HashMap;

use serde::Serialize;

use super::model::AuditEntry;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::panel::{Round, audit};

/// Records one action of the edition in the caller's transaction.
pub fn record(
    conn: &mut AnyConnection,
    edition_id: i64,
    user_id: Option<i64>,
    action: &str,
    journal_id: Option<i64>,
    detail: serde_json::Value,
) -> AppResult<()> {
    audit::record(conn, Round::catalogue(edition_id), user_id, action, journal_id, detail)
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

/// The edition's log, newest first.
pub fn list(conn: &mut AnyConnection, edition_id: i64, limit: i64) -> AppResult<Vec<AuditLine>> {
    let lines = audit::list(conn, Round::catalogue(edition_id), limit)?;
    let mut ids: Vec<i64> = lines.iter().filter_map(|(l, _)| l.subject_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i64, String> = crate::journals::store::by_ids(conn, &ids)?
        .into_iter()
        .map(|j| {
            let name = match (j.name_zh.is_empty(), j.name_en.is_empty()) {
                (_, true) => j.name_zh,
                (true, false) => j.name_en,
                (false, false) => format!("{} / {}", j.name_zh, j.name_en),
            };
            (j.id, name)
        })
        .collect();
    Ok(lines
        .into_iter()
        .map(|(l, email)| AuditLine {
            data: serde_json::from_str(&l.detail).unwrap_or(serde_json::Value::Null),
            journal_name: l.subject_id.and_then(|id| names.get(&id).cloned()),
            entry: AuditEntry {
                id: l.id,
                edition_id,
                user_id: l.user_id,
                action: l.action,
                journal_id: l.subject_id,
                detail: l.detail,
                created_at: l.created_at,
            },
            user_email: email,
        })
        .collect())
}
