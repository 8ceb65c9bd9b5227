//! Stored expert scores, comments and ballot drafts.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{evaluation_comments, evaluation_drafts, evaluation_scores};

/// One expert's level for one indicator of one conference.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evaluation_scores)]
pub struct Score {
    /// The conference.
    pub entry_id: i64,
    /// The indicator's code.
    pub indicator: String,
    /// The expert.
    pub expert_id: i64,
    /// The level, 1 (lowest) to the scale's length.
    pub level: i32,
    /// When it was cast.
    pub updated_at: NaiveDateTime,
}

/// One expert's comment on one conference.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evaluation_comments)]
pub struct Comment {
    /// The conference.
    pub entry_id: i64,
    /// The expert.
    pub expert_id: i64,
    /// What they wrote.
    pub comment: String,
    /// Whether the committee released it into the conference's report.
    pub released: bool,
    /// When it was written.
    pub updated_at: NaiveDateTime,
}

/// A ballot line as typed, kept as JSON in a draft row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = EvaluationBallotLineInput)]
pub struct LineInput {
    /// Level per indicator code (1 = lowest); a missing or null level is not scored.
    #[serde(default)]
    pub levels: std::collections::BTreeMap<String, Option<i32>>,
    /// The comment on the conference (at most 4,000 characters).
    #[serde(default)]
    pub comment: String,
}

/// A stored draft.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evaluation_drafts)]
pub struct DraftRow {
    /// The conference.
    pub entry_id: i64,
    /// The line as typed (JSON of [`LineInput`]).
    pub body: String,
    /// When it was saved.
    pub saved_at: NaiveDateTime,
}
