//! Speakers' own side of the programme: the times they cannot attend. A speaker is an author
//! of an accepted paper of the venue, or someone named on an invited talk, panel or session;
//! everyone else gets 404, and nobody sees or changes another person's times.

use chrono::{NaiveDateTime, TimeZone, Utc};
use serde::Serialize;

use super::service;
use super::store;
use super::validate::{self, UnavailabilityInput};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::venues::model::Venue;

/// One unavailable time, as the speaker typed it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BusyTime {
    /// Id (to remove it).
    pub id: i64,
    /// From, wall-clock in the venue's zone (`YYYY-MM-DD HH:MM`).
    pub from: String,
    /// Until, wall-clock in the venue's zone.
    pub until: String,
    /// Note.
    pub note: String,
}

/// A speaker's unavailable times at a venue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Availability {
    /// The venue's zone.
    pub timezone: String,
    /// The venue's days.
    pub days: Vec<String>,
    /// Their times.
    pub busy: Vec<BusyTime>,
}

/// The venue if `user` speaks at it; 404 otherwise.
pub fn speaker_venue(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Venue> {
    let venue = crate::guard::venue::visible(conn, Some(user), slug)?;
    let email = user.email.to_lowercase();
    let labels = crate::review::phases::load(conn, venue.id)?.labels();
    for id in crate::submissions::store::written_by(conn, venue.id, &email)? {
        if let Some(d) = crate::review::decisions::store::get(conn, id)?
            && crate::review::decisions::service::label_of(&labels, &d.label).accept
        {
            return Ok(venue);
        }
    }
    if store::named_in_draft(conn, venue.id, &email)? {
        return Ok(venue);
    }
    Err(AppError::NotFound)
}

fn view(conn: &mut AnyConnection, venue: &Venue, email: &str) -> AppResult<Availability> {
    let days = service::days(venue);
    let show = |t: NaiveDateTime| {
        Utc.from_utc_datetime(&t)
            .with_timezone(&days.tz)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    Ok(Availability {
        timezone: venue.timezone.clone(),
        days: days
            .first
            .iter_days()
            .take_while(|d| *d <= days.last)
            .map(|d| d.to_string())
            .collect(),
        busy: store::unavailability_for(conn, venue.id, email)?
            .into_iter()
            .map(|u| BusyTime {
                id: u.id,
                from: show(u.starts_at),
                until: show(u.ends_at),
                note: u.note,
            })
            .collect(),
    })
}

/// `user`'s times at venue `slug`.
pub fn mine(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Availability> {
    let venue = speaker_venue(conn, user, slug)?;
    view(conn, &venue, &user.email.to_lowercase())
}

/// Adds a time `user` cannot attend.
pub fn add(conn: &mut AnyConnection, user: &User, slug: &str, input: &UnavailabilityInput, now: NaiveDateTime) -> AppResult<Availability> {
    let venue = speaker_venue(conn, user, slug)?;
    let (from, until, note) = validate::unavailability(input, &service::days(&venue))?;
    let email = user.email.to_lowercase();
    if store::unavailability_for(conn, venue.id, &email)?.len() >= 100 {
        return Err(AppError::field("date", "programme.too_many_times"));
    }
    store::insert_unavailability(conn, venue.id, &email, user.id, (from, until), &note, now)?;
    store::bump(conn, venue.id, now)?;
    view(conn, &venue, &email)
}

/// Removes one of `user`'s times (404 for anyone else's).
pub fn remove(conn: &mut AnyConnection, user: &User, slug: &str, id: i64, now: NaiveDateTime) -> AppResult<Availability> {
    let venue = speaker_venue(conn, user, slug)?;
    let email = user.email.to_lowercase();
    if !store::delete_unavailability(conn, venue.id, &email, id)? {
        return Err(AppError::NotFound);
    }
    store::bump(conn, venue.id, now)?;
    view(conn, &venue, &email)
}
