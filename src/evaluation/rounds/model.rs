//! Stored evaluation rounds and the conferences taking part.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{evaluation_entries, evaluation_figures, evaluation_rounds};
use crate::evaluation::metrics::Metric;

crate::text_enum! {
    /// Where a round stands (its phases, in order).
    pub enum RoundPhase {
        /// Conferences apply or are nominated; chairs fill in their self-report.
        Applications = "applications",
        /// The platform metrics are computed and frozen; the committee checks them.
        MetricsFrozen = "metrics_frozen",
        /// The experts score on their ballots.
        Scoring = "scoring",
        /// The committee weighs the results and proposes the demonstrative conferences.
        Proposal = "proposal",
        /// The proposal is public and objections may be filed (公示).
        Notice = "notice",
        /// Results are published; final.
        Published = "published",
    }
}

crate::text_enum! {
    /// How a conference came into the round.
    pub enum EntryOrigin {
        /// Its chairs applied.
        Applied = "applied",
        /// The committee nominated it.
        Nominated = "nominated",
        /// It was held outside xuehui and takes part on self-reported data.
        Outside = "outside",
    }
}

crate::text_enum! {
    /// Whether an entry counts.
    pub enum EntryStatus {
        /// Taking part.
        Active = "active",
        /// Withdrawn by its chairs or the committee; kept for the log.
        Withdrawn = "withdrawn",
    }
}

/// An evaluation round.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = evaluation_rounds)]
#[schema(as = EvaluationRoundRow)]
pub struct Round {
    /// Id.
    pub id: i64,
    /// The evaluating society.
    pub society_id: i64,
    /// URL name.
    pub slug: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Description in Chinese.
    pub description_zh: String,
    /// Description in English.
    pub description_en: String,
    /// The indicator system.
    pub system_id: i64,
    /// Its final version the round uses.
    pub system_version: i32,
    /// Where the round stands.
    #[diesel(deserialize_as = String)]
    pub phase: RoundPhase,
    /// Applications and self-reports close (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub applications_close: Option<NaiveDateTime>,
    /// Expert scores are due (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub scoring_closes: Option<NaiveDateTime>,
    /// Public notice ends (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub notice_ends: Option<NaiveDateTime>,
    /// How many conferences may be designated demonstrative.
    pub quota: i32,
    /// Grade bands (JSON).
    #[serde(skip)]
    pub grade_bands: String,
    /// Who created it.
    #[serde(skip)]
    pub created_by: Option<i64>,
    /// When.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Last change (reminders carry it as their stamp).
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// A conference taking part in a round.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = evaluation_entries)]
#[schema(as = EvaluationEntry)]
pub struct Entry {
    /// Id.
    pub id: i64,
    /// The round.
    pub round_id: i64,
    /// The venue in xuehui (`None`: held outside xuehui).
    pub venue_id: Option<i64>,
    /// How it came in.
    #[diesel(deserialize_as = String)]
    pub origin: EntryOrigin,
    /// Name in Chinese (a venue's title when it applied).
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Who organised it.
    pub organiser: String,
    /// When and where it was held, as written.
    pub held: String,
    /// Its website.
    pub website: String,
    /// Whether it counts.
    #[diesel(deserialize_as = String)]
    pub status: EntryStatus,
    /// Who entered it.
    #[serde(skip)]
    pub created_by: Option<i64>,
    /// When.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// A platform metric as the round froze it.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = evaluation_figures)]
#[schema(as = EvaluationFigure)]
pub struct StoredFigure {
    /// Which metric.
    #[diesel(deserialize_as = String)]
    pub metric: Metric,
    /// The figure (`None`: it could not be computed; see `missing`).
    pub value: Option<f64>,
    /// What was counted (for a share: the part).
    pub numerator: f64,
    /// What it was counted against (for a share: the whole; 1 for a plain count).
    pub denominator: f64,
    /// Why there is no figure (a message key).
    pub missing: Option<String>,
    /// When it was computed (UTC).
    #[serde(with = "crate::web::utc")]
    pub computed_at: NaiveDateTime,
    /// Who recomputed it (`None`: computed when the round froze its metrics).
    pub computed_by: Option<i64>,
}
