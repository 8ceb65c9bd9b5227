//! Rows of check-in: one per person, day and place (the whole event or one session).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::checkins;

/// A recorded check-in.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = checkins)]
pub struct Checkin {
    /// Id.
    pub id: i64,
    /// The registration that admitted the person.
    pub registration_id: i64,
    /// Venue.
    pub venue_id: i64,
    /// The day in the venue's zone (`YYYY-MM-DD`).
    pub day: String,
    /// `""` for the event itself, else the programme session's GUID.
    pub place: String,
    /// The helper or chair who checked them in.
    pub by_user: Option<i64>,
    /// When (UTC).
    pub at: NaiveDateTime,
}

/// The place of an event check-in (not a session).
pub const EVENT: &str = "";
