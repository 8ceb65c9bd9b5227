//! Bid queries.

use std::collections::HashMap;

use chrono::Utc;
use diesel::prelude::*;

use super::model::Bid;
use crate::db::AnyConnection;
use crate::db::schema::{bids, submissions};
use crate::error::AppResult;

/// The user's bids on a venue's papers: submission id -> bid.
pub fn of_user(conn: &mut AnyConnection, venue_id: i64, user_id: i64) -> AppResult<HashMap<i64, Bid>> {
    let rows: Vec<(i64, i32)> = bids::table
        .inner_join(submissions::table)
        .filter(submissions::venue_id.eq(venue_id))
        .filter(bids::user_id.eq(user_id))
        .select((bids::submission_id, bids::value))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(s, v)| Bid::from_value(v).map(|b| (s, b))).collect())
}

/// Every bid on a venue's papers: (submission, user, bid).
pub fn of_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(i64, i64, Bid)>> {
    let rows: Vec<(i64, i64, i32)> = bids::table
        .inner_join(submissions::table)
        .filter(submissions::venue_id.eq(venue_id))
        .select((bids::submission_id, bids::user_id, bids::value))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(s, u, v)| Bid::from_value(v).map(|b| (s, u, b)))
        .collect())
}

/// Sets or clears a bid.
pub fn set(conn: &mut AnyConnection, submission_id: i64, user_id: i64, bid: Option<Bid>) -> AppResult<()> {
    diesel::delete(
        bids::table
            .filter(bids::submission_id.eq(submission_id))
            .filter(bids::user_id.eq(user_id)),
    )
    .execute(conn)?;
    if let Some(b) = bid {
        diesel::insert_into(bids::table)
            .values((
                bids::submission_id.eq(submission_id),
                bids::user_id.eq(user_id),
                bids::value.eq(b.value()),
                bids::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)?;
    }
    Ok(())
}
