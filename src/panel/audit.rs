//! The audit log of a round: who did what and when, readable by the round's committee only.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::Round;
use crate::db::AnyConnection;
use crate::db::schema::{panel_audit, users};
use crate::error::AppResult;

/// Records one action in the caller's transaction; `subject` is the journal or conference.
pub fn record(
    conn: &mut AnyConnection,
    round: Round,
    user_id: Option<i64>,
    action: &str,
    subject: Option<i64>,
    detail: serde_json::Value,
) -> AppResult<()> {
    diesel::insert_into(panel_audit::table)
        .values((
            panel_audit::round_kind.eq(round.kind),
            panel_audit::round_id.eq(round.id),
            panel_audit::user_id.eq(user_id),
            panel_audit::action.eq(action),
            panel_audit::subject_id.eq(subject),
            panel_audit::detail.eq(detail.to_string()),
            panel_audit::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// One stored line of the log.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = panel_audit)]
pub struct Line {
    /// Id.
    pub id: i64,
    /// Who (None for the system).
    pub user_id: Option<i64>,
    /// What, e.g. `vote`, `override`, `phase`.
    pub action: String,
    /// The journal or conference concerned.
    pub subject_id: Option<i64>,
    /// Details (JSON text).
    pub detail: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// The round's log, newest first, each line with the actor's e-mail.
pub fn list(conn: &mut AnyConnection, round: Round, limit: i64) -> AppResult<Vec<(Line, Option<String>)>> {
    Ok(panel_audit::table
        .left_join(users::table.on(users::id.nullable().eq(panel_audit::user_id)))
        .filter(panel_audit::round_kind.eq(round.kind))
        .filter(panel_audit::round_id.eq(round.id))
        .order(panel_audit::id.desc())
        .limit(limit)
        .select((Line::as_select(), users::email.nullable()))
        .load(conn)?)
}
