//! The queries behind platform metrics that no other area already answers.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::db::schema::{registration_forms, registrations, reviews, submission_authors, submissions, users};
use crate::error::AppResult;
use crate::participation::registration::model::RegStatus;
use crate::submissions::model::SUBMITTED;

/// The venue's papers not withdrawn: (id, call id).
pub fn active_papers(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(i64, i64)>> {
    Ok(submissions::table
        .filter(submissions::venue_id.eq(venue_id))
        .filter(submissions::status.eq(SUBMITTED))
        .select((submissions::id, submissions::call_id))
        .load(conn)?)
}

/// The venue's submitted reviews: (paper, writer, kind, answers as JSON).
pub fn submitted_reviews(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(i64, i64, String, String)>> {
    Ok(reviews::table
        .filter(reviews::venue_id.eq(venue_id))
        .filter(reviews::status.eq("submitted"))
        .select((reviews::submission_id, reviews::user_id, reviews::kind, reviews::answers))
        .load(conn)?)
}

/// The countries given by the authors of the venue's active papers (one per author line).
pub fn author_countries(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<String>> {
    Ok(submission_authors::table
        .inner_join(submissions::table)
        .filter(submissions::venue_id.eq(venue_id))
        .filter(submissions::status.eq(SUBMITTED))
        .select(submission_authors::country)
        .load(conn)?)
}

/// Each person with a confirmed registration at the venue (any of its forms), once: (account,
/// country code, birth year).
pub fn confirmed_registrants(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(i64, String, Option<i32>)>> {
    let rows: Vec<(i64, String, Option<i32>)> = registrations::table
        .inner_join(registration_forms::table)
        .filter(registration_forms::venue_id.eq(venue_id))
        .filter(registrations::status.eq(RegStatus::Confirmed))
        .order(registrations::id)
        .select((registrations::user_id, registrations::country, registrations::birth_year))
        .load(conn)?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows.into_iter().filter(|(u, _, _)| seen.insert(*u)).collect())
}

/// The birth years the accounts with these addresses gave (lowercase addresses; accounts
/// without one are left out).
pub fn birth_years(conn: &mut AnyConnection, emails: &[String]) -> AppResult<HashMap<String, i32>> {
    let rows: Vec<(String, Option<i32>)> = users::table
        .filter(users::email.eq_any(emails))
        .select((users::email, users::birth_year))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(e, y)| y.map(|y| (e, y))).collect())
}
