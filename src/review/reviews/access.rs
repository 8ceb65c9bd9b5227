//! How a user stands towards one paper in review. Being an author comes first (a chair who
//! wrote the paper sees it as an author), then a confirmed conflict (nothing at all), then
//! chair, area chair and reviewer. Everyone else, conflicted or unrelated, gets 404.

use diesel::prelude::*;
use serde::Serialize;

use crate::auth::User;
use crate::db::AnyConnection;
use crate::db::schema::{assignments, calls};
use crate::error::{AppError, AppResult};
use crate::review::committee::model::{AREA_CHAIR, REVIEWER};
use crate::submissions::model::Submission;

/// The user's part in a paper's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// A chair of the venue, not conflicted.
    Chair,
    /// The paper's area chair.
    AreaChair,
    /// An assigned reviewer.
    Reviewer,
    /// One of the authors.
    Author,
}

/// A paper with the user's relation to it and whether its review is double-blind.
#[derive(Debug, Clone)]
pub struct PaperAccess {
    /// The paper.
    pub submission: Submission,
    /// The user's part.
    pub relation: Relation,
    /// Author names are hidden from the committee.
    pub double_blind: bool,
}

impl PaperAccess {
    /// Whether the user sees who reviewed (chairs and the area chair do; nobody else).
    pub fn sees_reviewer_names(&self) -> bool {
        matches!(self.relation, Relation::Chair | Relation::AreaChair)
    }

    /// Whether the user sees who wrote the paper.
    pub fn sees_author_names(&self) -> bool {
        !self.double_blind || matches!(self.relation, Relation::Chair | Relation::Author)
    }
}

/// The user's relation to `s`, or `None`.
pub fn relation(conn: &mut AnyConnection, user: &User, s: &Submission) -> AppResult<Option<Relation>> {
    let authors = crate::submissions::store::authors_of(conn, s.id)?;
    if user.email_verified_at.is_some() && authors.iter().any(|a| a.email == user.email) {
        return Ok(Some(Relation::Author));
    }
    if crate::review::conflicts::store::is_conflicted(conn, s.id, user.id)? {
        return Ok(None);
    }
    if crate::venues::policy::may_manage(conn, user, s.venue_id)? {
        return Ok(Some(Relation::Chair));
    }
    let roles: Vec<String> = assignments::table
        .filter(assignments::submission_id.eq(s.id))
        .filter(assignments::user_id.eq(user.id))
        .select(assignments::role)
        .load(conn)?;
    Ok(if roles.iter().any(|r| r == AREA_CHAIR) {
        Some(Relation::AreaChair)
    } else if roles.iter().any(|r| r == REVIEWER) {
        Some(Relation::Reviewer)
    } else {
        None
    })
}

/// The paper for a user with any part in its review, else 404.
pub fn paper(conn: &mut AnyConnection, user: &User, submission_id: i64) -> AppResult<PaperAccess> {
    let s = crate::submissions::store::get(conn, submission_id)?;
    let relation = relation(conn, user, &s)?.ok_or(AppError::NotFound)?;
    let anonymity: String = calls::table.find(s.call_id).select(calls::anonymity).first(conn)?;
    Ok(PaperAccess {
        submission: s,
        relation,
        double_blind: anonymity == "double_blind",
    })
}

/// The paper for its committee (chair, area chair, reviewer), else 404; authors get 404 too.
pub fn committee_paper(conn: &mut AnyConnection, user: &User, submission_id: i64) -> AppResult<PaperAccess> {
    let p = paper(conn, user, submission_id)?;
    if p.relation == Relation::Author {
        return Err(AppError::NotFound);
    }
    Ok(p)
}
