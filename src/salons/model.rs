//! Salon data: the rules' numbers per salon and the recorded overrides of the balance rules.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{salon_overrides, salon_settings};

/// A salon's own numbers for the salon rules (absent: the defaults of [`super::rules::Rules`]).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = salon_settings)]
pub struct SettingsRow {
    /// The salon.
    pub venue_id: i64,
    /// Fewest participants planned.
    pub participants_min: i32,
    /// Most participants.
    pub participants_max: i32,
    /// Most participants from one institution in one field.
    pub unit_field_max: i32,
    /// "Young" means younger than this many years in the salon's year.
    pub young_age: i32,
    /// Least share of young participants, in thousandths.
    pub young_share_permille: i32,
    /// Longest talk (minutes).
    pub talk_max_min: i32,
    /// Longest key talk (minutes).
    pub key_talk_max_min: i32,
    /// Longest intervention (minutes).
    pub intervention_max_min: i32,
    /// Least share of free debate in the agenda (percent).
    pub debate_min_pct: i32,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// A balance rule broken on purpose, with the reason given.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = salon_overrides)]
pub struct SalonOverride {
    /// Id.
    pub id: i64,
    /// The salon.
    pub venue_id: i64,
    /// The application approved over the rule.
    pub registration_id: i64,
    /// The rule broken.
    #[diesel(deserialize_as = String)]
    pub rule: super::balance::Rule,
    /// Why.
    pub reason: String,
    /// Who decided.
    pub user_id: Option<i64>,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    #[schema(value_type = String)]
    pub created_at: NaiveDateTime,
}
