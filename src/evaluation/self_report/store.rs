//! Self-report queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Evidence, Report};
use crate::db::AnyConnection;
use crate::db::schema::{evaluation_evidence, evaluation_reports, files};
use crate::error::AppResult;
use crate::files::model::StoredFile;

/// Every reported item of a conference.
pub fn reports(conn: &mut AnyConnection, entry_id: i64) -> AppResult<Vec<Report>> {
    Ok(evaluation_reports::table
        .filter(evaluation_reports::entry_id.eq(entry_id))
        .select(Report::as_select())
        .load(conn)?)
}

/// Writes a conference's item (replacing what it said before).
pub fn put(
    conn: &mut AnyConnection,
    (round_id, entry_id): (i64, i64),
    indicator: &str,
    value: Option<f64>,
    statement: &str,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let changed = diesel::update(
        evaluation_reports::table
            .filter(evaluation_reports::entry_id.eq(entry_id))
            .filter(evaluation_reports::indicator.eq(indicator)),
    )
    .set((
        evaluation_reports::value.eq(value),
        evaluation_reports::statement.eq(statement),
        evaluation_reports::updated_by.eq(by),
        evaluation_reports::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(evaluation_reports::table)
            .values((
                evaluation_reports::round_id.eq(round_id),
                evaluation_reports::entry_id.eq(entry_id),
                evaluation_reports::indicator.eq(indicator),
                evaluation_reports::value.eq(value),
                evaluation_reports::statement.eq(statement),
                evaluation_reports::updated_by.eq(by),
                evaluation_reports::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A conference's evidence with the stored files, oldest first.
pub fn evidence(conn: &mut AnyConnection, entry_id: i64) -> AppResult<Vec<(Evidence, StoredFile)>> {
    Ok(evaluation_evidence::table
        .inner_join(files::table.on(files::id.eq(evaluation_evidence::file_id)))
        .filter(evaluation_evidence::entry_id.eq(entry_id))
        .order(evaluation_evidence::id)
        .select((Evidence::as_select(), StoredFile::as_select()))
        .load(conn)?)
}

/// One evidence file of a conference.
pub fn evidence_one(conn: &mut AnyConnection, entry_id: i64, id: i64) -> AppResult<(Evidence, StoredFile)> {
    Ok(evaluation_evidence::table
        .inner_join(files::table.on(files::id.eq(evaluation_evidence::file_id)))
        .filter(evaluation_evidence::entry_id.eq(entry_id))
        .filter(evaluation_evidence::id.eq(id))
        .select((Evidence::as_select(), StoredFile::as_select()))
        .first(conn)?)
}

/// Attaches a stored file to an item; returns its id.
pub fn add_evidence(
    conn: &mut AnyConnection,
    (round_id, entry_id): (i64, i64),
    indicator: &str,
    file_id: i64,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<i64> {
    Ok(diesel::insert_into(evaluation_evidence::table)
        .values((
            evaluation_evidence::round_id.eq(round_id),
            evaluation_evidence::entry_id.eq(entry_id),
            evaluation_evidence::indicator.eq(indicator),
            evaluation_evidence::file_id.eq(file_id),
            evaluation_evidence::uploaded_by.eq(by),
            evaluation_evidence::created_at.eq(now),
        ))
        .returning(evaluation_evidence::id)
        .get_result(conn)?)
}

/// Detaches an evidence file and forgets its file row (each upload has its own), so that the
/// sweep removes the bytes unless another row holds the same content.
pub fn remove_evidence(conn: &mut AnyConnection, e: &Evidence) -> AppResult<()> {
    diesel::delete(evaluation_evidence::table.find(e.id)).execute(conn)?;
    diesel::delete(files::table.find(e.file_id)).execute(conn)?;
    Ok(())
}

/// Every reported item of a round.
pub fn all_reports(conn: &mut AnyConnection, round_id: i64) -> AppResult<Vec<Report>> {
    Ok(evaluation_reports::table
        .filter(evaluation_reports::round_id.eq(round_id))
        .select(Report::as_select())
        .load(conn)?)
}
