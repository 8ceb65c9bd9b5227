//! Check-in queries: record once per person, day and place (the unique index decides a race),
//! undo, and the counts of attendance.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::model::Checkin;
use crate::db::AnyConnection;
use crate::db::schema::{checkins, registration_forms, registrations};
use crate::error::{AppError, AppResult};

/// What to record.
#[derive(Debug, Clone)]
pub struct NewCheckin<'a> {
    /// Admitting registration.
    pub registration_id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Local day.
    pub day: &'a str,
    /// `""` or a session GUID.
    pub place: &'a str,
    /// Who checked them in.
    pub by_user: i64,
}

/// The check-in of a registration on a day at a place, if any.
pub fn find(conn: &mut AnyConnection, registration_id: i64, day: &str, place: &str) -> AppResult<Option<Checkin>> {
    Ok(checkins::table
        .filter(checkins::registration_id.eq(registration_id))
        .filter(checkins::day.eq(day))
        .filter(checkins::place.eq(place))
        .select(Checkin::as_select())
        .first(conn)
        .optional()?)
}

/// Records a check-in; `None` when the person is already checked in there that day (also when
/// two helpers scan the same code in the same instant: the index keeps one).
pub fn insert(conn: &mut AnyConnection, n: &NewCheckin<'_>, now: NaiveDateTime) -> AppResult<Option<i64>> {
    let inserted = crate::db::transaction(conn, |c| {
        diesel::insert_into(checkins::table)
            .values((
                checkins::registration_id.eq(n.registration_id),
                checkins::venue_id.eq(n.venue_id),
                checkins::day.eq(n.day),
                checkins::place.eq(n.place),
                checkins::by_user.eq(Some(n.by_user)),
                checkins::at.eq(now),
            ))
            .returning(checkins::id)
            .get_result::<i64>(c)
            .map_err(|e| match e {
                DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => AppError::Conflict(TWICE.into()),
                other => other.into(),
            })
    });
    match inserted {
        Ok(id) => Ok(Some(id)),
        Err(AppError::Conflict(key)) if key == TWICE => Ok(None),
        Err(e) => Err(e),
    }
}

/// Marks the lost race of two scans of one code (never shown).
const TWICE: &str = "checkin.twice";

/// One check-in of the venue.
pub fn get(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Checkin> {
    checkins::table
        .filter(checkins::venue_id.eq(venue_id))
        .filter(checkins::id.eq(id))
        .select(Checkin::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Removes a check-in.
pub fn delete(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::delete(checkins::table.filter(checkins::id.eq(id))).execute(conn)?;
    Ok(())
}

/// The venue's check-ins, newest first, at most `limit`.
pub fn recent(conn: &mut AnyConnection, venue_id: i64, limit: i64) -> AppResult<Vec<Checkin>> {
    Ok(checkins::table
        .filter(checkins::venue_id.eq(venue_id))
        .order((checkins::at.desc(), checkins::id.desc()))
        .limit(limit)
        .select(Checkin::as_select())
        .load(conn)?)
}

/// Every check-in of the venue as (day, place, registration, person): the counts are made from these.
pub fn all_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(String, String, i64, i64)>> {
    Ok(checkins::table
        .inner_join(registrations::table.on(registrations::id.eq(checkins::registration_id)))
        .filter(checkins::venue_id.eq(venue_id))
        .select((checkins::day, checkins::place, checkins::registration_id, registrations::user_id))
        .load(conn)?)
}

/// How many check-ins the venue has on `day` at `place`.
pub fn count_at(conn: &mut AnyConnection, venue_id: i64, day: &str, place: &str) -> AppResult<i64> {
    Ok(checkins::table
        .filter(checkins::venue_id.eq(venue_id))
        .filter(checkins::day.eq(day))
        .filter(checkins::place.eq(place))
        .count()
        .get_result(conn)?)
}

/// Whether `user_id` checked in at the venue: on `day` if given, at `place` if given.
pub fn attended(conn: &mut AnyConnection, venue_id: i64, user_id: i64, day: Option<&str>, place: Option<&str>) -> AppResult<bool> {
    let mut q = checkins::table
        .inner_join(registrations::table.on(registrations::id.eq(checkins::registration_id)))
        .filter(checkins::venue_id.eq(venue_id))
        .filter(registrations::user_id.eq(user_id))
        .into_boxed();
    if let Some(d) = day {
        q = q.filter(checkins::day.eq(d.to_string()));
    }
    if let Some(p) = place {
        q = q.filter(checkins::place.eq(p.to_string()));
    }
    let n: i64 = q.count().get_result(conn)?;
    Ok(n > 0)
}

/// Confirmed registrations of the venue (all its forms).
pub fn confirmed_people(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<i64>> {
    Ok(registrations::table
        .inner_join(registration_forms::table.on(registration_forms::id.eq(registrations::form_id)))
        .filter(registration_forms::venue_id.eq(venue_id))
        .filter(registrations::status.eq(crate::participation::registration::model::RegStatus::Confirmed))
        .select(registrations::user_id)
        .distinct()
        .load(conn)?)
}
