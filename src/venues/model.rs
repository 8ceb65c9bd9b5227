//! Venue data.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{tracks, venues};

/// A conference or forum.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = venues)]
pub struct Venue {
    /// Id.
    pub id: i64,
    /// Organising society.
    pub society_id: Option<i64>,
    /// URL name.
    pub slug: String,
    /// `conference` or `forum`.
    pub kind: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Description in Chinese.
    pub description_zh: String,
    /// Description in English.
    pub description_en: String,
    /// First day.
    pub starts_on: Option<NaiveDate>,
    /// Last day.
    pub ends_on: Option<NaiveDate>,
    /// City and hall, or an online link.
    pub place: String,
    /// IANA time zone of the venue.
    pub timezone: String,
    /// Creation time.
    pub created_at: NaiveDateTime,
}

/// A track of a venue; a forum held inside a conference is a track of kind `forum`.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = tracks)]
pub struct Track {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// URL name within the venue.
    pub slug: String,
    /// `track` or `forum`.
    pub kind: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Creation time.
    pub created_at: NaiveDateTime,
}
