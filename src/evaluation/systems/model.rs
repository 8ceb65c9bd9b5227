//! Stored indicator systems and their versions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{evaluation_system_versions, evaluation_systems};

/// An indicator system of an evaluating body.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evaluation_systems)]
pub struct System {
    /// Id.
    pub id: i64,
    /// The evaluating body.
    pub society_id: i64,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Who created it.
    pub created_by: Option<i64>,
    /// When.
    pub created_at: NaiveDateTime,
}

/// One version of a system.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evaluation_system_versions)]
pub struct Version {
    /// Id.
    pub id: i64,
    /// The system.
    pub system_id: i64,
    /// 1, 2, …
    pub version: i32,
    /// The definition as JSON.
    pub definition: String,
    /// What changed, in the editor's words.
    pub note: String,
    /// When it became final (`None`: the draft).
    pub finalised_at: Option<NaiveDateTime>,
    /// Who made it.
    pub created_by: Option<i64>,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// When.
    pub created_at: NaiveDateTime,
}
