//! Every query of editorial decisions and revisions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Decision, DecisionRow, DecisionStatus, Revision};
use crate::db::AnyConnection;
use crate::db::schema::{editorial_decisions as ed, manuscript_revisions as mr};
use crate::error::{AppError, AppResult};

/// The letter of a decision, both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Letter {
    /// Subject, Chinese.
    pub subject_zh: String,
    /// Text, Chinese.
    pub body_zh: String,
    /// Subject, English.
    pub subject_en: String,
    /// Text, English.
    pub body_en: String,
}

/// Stores a decision; returns its id.
#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &mut AnyConnection,
    manuscript_id: i64,
    round: i32,
    decision: Decision,
    status: DecisionStatus,
    by: i64,
    letter: &Letter,
    note: &str,
    now: NaiveDateTime,
) -> AppResult<i64> {
    let resolved = (status == DecisionStatus::Final).then_some(now);
    Ok(diesel::insert_into(ed::table)
        .values((
            ed::manuscript_id.eq(manuscript_id),
            ed::round.eq(round),
            ed::decision.eq(decision),
            ed::status.eq(status),
            ed::decided_by.eq(Some(by)),
            ed::subject_zh.eq(&letter.subject_zh),
            ed::body_zh.eq(&letter.body_zh),
            ed::subject_en.eq(&letter.subject_en),
            ed::body_en.eq(&letter.body_en),
            ed::note.eq(note),
            ed::resolved_by.eq(resolved.map(|_| by)),
            ed::resolved_at.eq(resolved),
            ed::created_at.eq(now),
        ))
        .returning(ed::id)
        .get_result(conn)?)
}

/// One decision of a manuscript (404 when it belongs to another).
pub fn get(conn: &mut AnyConnection, manuscript_id: i64, id: i64) -> AppResult<DecisionRow> {
    ed::table
        .filter(ed::manuscript_id.eq(manuscript_id))
        .filter(ed::id.eq(id))
        .select(DecisionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Every decision of a manuscript, oldest first.
pub fn of_manuscript(conn: &mut AnyConnection, manuscript_id: i64) -> AppResult<Vec<DecisionRow>> {
    Ok(ed::table
        .filter(ed::manuscript_id.eq(manuscript_id))
        .order(ed::id)
        .select(DecisionRow::as_select())
        .load(conn)?)
}

/// Approves (with the letter as finally sent) or refuses a proposed decision; false when it
/// was no longer proposed.
pub fn resolve(
    conn: &mut AnyConnection,
    id: i64,
    status: DecisionStatus,
    letter: &Letter,
    note: Option<&str>,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let n = diesel::update(ed::table.find(id).filter(ed::status.eq(DecisionStatus::Proposed)))
        .set((
            ed::status.eq(status),
            ed::subject_zh.eq(&letter.subject_zh),
            ed::body_zh.eq(&letter.body_zh),
            ed::subject_en.eq(&letter.subject_en),
            ed::body_en.eq(&letter.body_en),
            ed::resolved_by.eq(Some(by)),
            ed::resolved_at.eq(Some(now)),
        ))
        .execute(conn)?;
    if let Some(n) = note {
        diesel::update(ed::table.find(id)).set(ed::note.eq(n)).execute(conn)?;
    }
    Ok(n > 0)
}

/// Stores the authors' revision, which opened round `round`.
pub fn add_revision(
    conn: &mut AnyConnection,
    manuscript_id: i64,
    round: i32,
    response: &str,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(mr::table)
        .values((
            mr::manuscript_id.eq(manuscript_id),
            mr::round.eq(round),
            mr::response.eq(response),
            mr::submitted_by.eq(Some(by)),
            mr::submitted_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The manuscript's revisions, oldest first.
pub fn revisions_of(conn: &mut AnyConnection, manuscript_id: i64) -> AppResult<Vec<Revision>> {
    Ok(mr::table
        .filter(mr::manuscript_id.eq(manuscript_id))
        .order(mr::round)
        .select(Revision::as_select())
        .load(conn)?)
}
