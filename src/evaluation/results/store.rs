//! The committee's overrides of computed results, and the results as published.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::AnyConnection;
use crate::db::schema::{evaluation_overrides, evaluation_published_results};
use crate::error::AppResult;

/// An override of one conference's result.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, Deserialize, utoipa::ToSchema)]
#[diesel(table_name = evaluation_overrides)]
#[schema(as = EvaluationOverride)]
pub struct Override {
    /// The entry.
    pub entry_id: i64,
    /// The grade set by the committee (`excellent`, `good`, `pass`, `fail`), if any.
    pub grade: Option<String>,
    /// Whether the committee designates it demonstrative (`None`: as proposed).
    pub demonstrative: Option<bool>,
    /// Why.
    pub reason: String,
    /// Who decided.
    #[serde(skip)]
    pub decided_by: Option<i64>,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    pub decided_at: NaiveDateTime,
}

/// The overrides of a round.
pub fn all(conn: &mut AnyConnection, round_id: i64) -> AppResult<Vec<Override>> {
    Ok(evaluation_overrides::table
        .filter(evaluation_overrides::round_id.eq(round_id))
        .select(Override::as_select())
        .load(conn)?)
}

/// Sets (or with `None` removes) the override of one conference.
pub fn put(
    conn: &mut AnyConnection,
    (round_id, entry_id): (i64, i64),
    value: Option<(Option<&str>, Option<bool>, &str)>,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::delete(
        evaluation_overrides::table
            .filter(evaluation_overrides::round_id.eq(round_id))
            .filter(evaluation_overrides::entry_id.eq(entry_id)),
    )
    .execute(conn)?;
    if let Some((grade, demonstrative, reason)) = value {
        diesel::insert_into(evaluation_overrides::table)
            .values((
                evaluation_overrides::round_id.eq(round_id),
                evaluation_overrides::entry_id.eq(entry_id),
                evaluation_overrides::grade.eq(grade),
                evaluation_overrides::demonstrative.eq(demonstrative),
                evaluation_overrides::reason.eq(reason),
                evaluation_overrides::decided_by.eq(by),
                evaluation_overrides::decided_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Keeps a round's results as published (JSON).
pub fn put_published(conn: &mut AnyConnection, round_id: i64, body: &str, now: NaiveDateTime) -> AppResult<()> {
    diesel::insert_into(evaluation_published_results::table)
        .values((
            evaluation_published_results::round_id.eq(round_id),
            evaluation_published_results::body.eq(body),
            evaluation_published_results::published_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// A round's results as published, if it was.
pub fn published(conn: &mut AnyConnection, round_id: i64) -> AppResult<Option<String>> {
    Ok(evaluation_published_results::table
        .find(round_id)
        .select(evaluation_published_results::body)
        .first(conn)
        .optional()?)
}
