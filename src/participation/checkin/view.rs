//! What check-in answers: one check-in as the desk shows it, the chairs' attendance figures and
//! the list of helpers.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::model::{Checkin, EVENT};
use crate::auth::User;
use crate::participation::registration::model::Registration;
use crate::programme::snapshot::Snapshot;

/// A check-in, with the person it admitted.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CheckinView {
    /// Id.
    pub id: i64,
    /// The admitting registration.
    pub registration_id: i64,
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub institution: String,
    /// Category name in Chinese.
    pub category_zh: String,
    /// Category name in English.
    pub category_en: String,
    /// Day in the venue's zone (`YYYY-MM-DD`).
    pub day: String,
    /// The session's GUID, for a session check-in.
    pub session: Option<String>,
    /// The session's Chinese title.
    pub session_title_zh: String,
    /// The session's English title.
    pub session_title_en: String,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    #[schema(value_type = String)]
    pub at: NaiveDateTime,
    /// Who checked them in.
    pub by: String,
}

/// Builds the view of `c` (the registration `r`, category names, the helper `by`).
pub fn checkin_view(c: &Checkin, r: &Registration, category: (&str, &str), s: Option<&Snapshot>, by: Option<&User>) -> CheckinView {
    let session = s.and_then(|s| s.sessions.iter().find(|x| x.guid == c.place));
    CheckinView {
        id: c.id,
        registration_id: r.id,
        name_zh: r.name_zh.clone(),
        name_latin: r.name_latin.clone(),
        institution: r.institution.clone(),
        category_zh: category.0.to_string(),
        category_en: category.1.to_string(),
        day: c.day.clone(),
        session: (c.place != EVENT).then(|| c.place.clone()),
        session_title_zh: session.map(|x| x.title_zh.clone()).unwrap_or_default(),
        session_title_en: session.map(|x| x.title_en.clone()).unwrap_or_default(),
        at: c.at,
        by: by.map(User::display_name).unwrap_or_default(),
    }
}

/// People checked in on one day.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DayAttendance {
    /// Day in the venue's zone.
    pub day: String,
    /// Distinct people checked in (at the event or any session).
    pub people: i64,
}

/// Check-ins of one programme session.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SessionAttendance {
    /// GUID.
    pub guid: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Day in the venue's zone.
    pub day: String,
    /// Start (UTC).
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// Room's Chinese name.
    pub room_zh: String,
    /// Room's English name.
    pub room_en: String,
    /// Seats of the room, when known.
    pub capacity: Option<i32>,
    /// People checked in to the session.
    pub checked_in: i64,
    /// People who starred it in their agenda.
    pub starred: i64,
}

/// The chairs' attendance figures of a venue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Attendance {
    /// People holding a confirmed registration.
    pub confirmed: i64,
    /// People checked in at least once.
    pub attended: i64,
    /// Per day.
    pub days: Vec<DayAttendance>,
    /// Per session of the latest programme release (breaks left out).
    pub sessions: Vec<SessionAttendance>,
    /// The latest check-ins, newest first.
    pub recent: Vec<CheckinView>,
}

/// A check-in helper of a venue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CheckinHelper {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
}
