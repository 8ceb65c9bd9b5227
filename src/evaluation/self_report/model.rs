//! Stored self-reports and their evidence files.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{evaluation_evidence, evaluation_reports};

/// One reported item of a conference.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = evaluation_reports)]
pub struct Report {
    /// Id.
    pub id: i64,
    /// The round.
    pub round_id: i64,
    /// The conference.
    pub entry_id: i64,
    /// The indicator's code.
    pub indicator: String,
    /// The figure reported.
    pub value: Option<f64>,
    /// What the conference says, for the experts.
    pub statement: String,
    /// Who wrote it last.
    pub updated_by: Option<i64>,
    /// When.
    pub updated_at: NaiveDateTime,
}

/// An evidence file attached to a reported item.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = evaluation_evidence)]
pub struct Evidence {
    /// Id.
    pub id: i64,
    /// The round.
    pub round_id: i64,
    /// The conference.
    pub entry_id: i64,
    /// The indicator's code.
    pub indicator: String,
    /// The stored file.
    pub file_id: i64,
    /// Who attached it.
    pub uploaded_by: Option<i64>,
    /// When.
    pub created_at: NaiveDateTime,
}
