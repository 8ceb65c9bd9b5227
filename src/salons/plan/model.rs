//! Annual salon plan data.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{salon_plan_items, salon_plans, salon_theme_proposals, societies};

crate::text_enum! {
    /// Where a proposed theme stands.
    #[schema(as = ThemeProposalStatus)]
    pub enum ProposalStatus {
        /// Waiting for the society.
        Proposed = "proposed",
        /// Taken into the plan.
        Accepted = "accepted",
        /// Declined, with a reason.
        Declined = "declined",
    }
}

/// A learned society.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = societies)]
pub struct Society {
    /// Id.
    pub id: i64,
    /// URL name.
    pub slug: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
}

/// A society's plan for one year.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = salon_plans)]
pub struct Plan {
    /// Id.
    pub id: i64,
    /// The society.
    pub society_id: i64,
    /// The year.
    pub year: i32,
    /// Introduction in Chinese.
    pub intro_zh: String,
    /// Introduction in English.
    pub intro_en: String,
    /// When it was published (`None`: a draft only the society's staff see).
    pub published_at: Option<NaiveDateTime>,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// One planned salon.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = salon_plan_items)]
pub struct PlanItem {
    /// Id.
    pub id: i64,
    /// The plan.
    pub plan_id: i64,
    /// Order.
    pub position: i32,
    /// Theme in Chinese.
    pub theme_zh: String,
    /// Theme in English.
    pub theme_en: String,
    /// Lead scientists (names and institutions as text).
    pub lead_scientists: String,
    /// First day, when fixed.
    pub starts_on: Option<NaiveDate>,
    /// Last day.
    pub ends_on: Option<NaiveDate>,
    /// Where.
    pub place: String,
    /// The salon's venue in xuehui, once it exists.
    pub venue_id: Option<i64>,
    /// The proposal it came from.
    pub proposal_id: Option<i64>,
}

/// A theme someone proposed.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = salon_theme_proposals)]
pub struct Proposal {
    /// Id.
    pub id: i64,
    /// The society.
    pub society_id: i64,
    /// For which year's plan.
    pub year: i32,
    /// Who proposed it.
    pub user_id: i64,
    /// Theme in Chinese.
    pub theme_zh: String,
    /// Theme in English.
    pub theme_en: String,
    /// Why this theme, now.
    pub rationale: String,
    /// Who could lead it.
    pub lead_scientist: String,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: ProposalStatus,
    /// The society's reason.
    pub decision_note: String,
    /// Who decided.
    pub decided_by: Option<i64>,
    /// When.
    pub decided_at: Option<NaiveDateTime>,
    /// Proposed.
    pub created_at: NaiveDateTime,
}
