//! Loads what `policy` needs to know about a user and one paper, inside the caller's
//! transaction, and answers 404 where the user has no part in the paper.

use super::policy::{self, Assigned, PaperFacts, Relation};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::review::committee::model::{AREA_CHAIR, REVIEWER};
use crate::submissions::model::{Author, Submission};

/// The facts about `user` and `s`, given its author list.
pub fn facts_with(conn: &mut AnyConnection, user: &User, s: &Submission, authors: &[Author]) -> AppResult<PaperFacts> {
    let listed = authors.iter().find(|a| a.email.eq_ignore_ascii_case(&user.email));
    let roles = crate::review::assignment::store::roles_on(conn, s.id, user.id)?;
    let assigned = if roles.iter().any(|r| r == AREA_CHAIR) {
        Some(Assigned::AreaChair)
    } else if roles.iter().any(|r| r == REVIEWER) {
        Some(Assigned::Reviewer)
    } else {
        None
    };
    Ok(PaperFacts {
        listed_as_author: listed.is_some(),
        author_confirmed: listed.is_some_and(|a| a.confirmed_at.is_some()),
        email_verified: user.email_verified_at.is_some(),
        corresponding: listed.is_some_and(|a| a.is_corresponding),
        conflicted: crate::review::conflicts::store::is_conflicted(conn, s.id, user.id)?,
        manages_venue: crate::venues::policy::may_manage(conn, user, s.venue_id)?,
        committee_member: assigned.is_some() && crate::review::committee::store::membership(conn, s.venue_id, user.id)?.is_some(),
        assigned,
    })
}

/// The facts about `user` and `s`.
pub fn facts(conn: &mut AnyConnection, user: &User, s: &Submission) -> AppResult<PaperFacts> {
    let authors = crate::submissions::store::authors_of(conn, s.id)?;
    facts_with(conn, user, s, &authors)
}

/// The user's part in `s`, or `None`.
pub fn relation(conn: &mut AnyConnection, user: &User, s: &Submission) -> AppResult<Option<Relation>> {
    Ok(policy::relation(&facts(conn, user, s)?))
}

/// A paper with the user's part in it and whether its review is double-blind.
#[derive(Debug, Clone)]
pub struct PaperAccess {
    /// The paper.
    pub submission: Submission,
    /// The user's part.
    pub relation: Relation,
    /// Author names are hidden from the committee.
    pub double_blind: bool,
    /// The user is its corresponding author.
    pub corresponding: bool,
}

impl PaperAccess {
    /// Whether the user may do `action` (phase and deadline rules come on top).
    pub fn may(&self, action: policy::PaperAction) -> bool {
        policy::may(Some(self.relation), action)
    }

    /// Fails with 404 unless the user may do `action`.
    pub fn require(&self, action: policy::PaperAction) -> AppResult<()> {
        if self.may(action) { Ok(()) } else { Err(AppError::NotFound) }
    }

    /// Whether the user sees who reviewed (chairs and the area chair do; nobody else).
    pub fn sees_reviewer_names(&self) -> bool {
        self.may(policy::PaperAction::SeeReviewerNames)
    }

    /// Whether the user sees who wrote the paper.
    pub fn sees_author_names(&self) -> bool {
        policy::sees_author_names(self.relation, self.double_blind)
    }
}

/// The paper for a user with any part in it, else 404.
pub fn paper(conn: &mut AnyConnection, user: &User, submission_id: i64) -> AppResult<PaperAccess> {
    let s = crate::submissions::store::get(conn, submission_id)?;
    let f = facts(conn, user, &s)?;
    let relation = policy::relation(&f).ok_or(AppError::NotFound)?;
    let anonymity = crate::venues::store::call_anonymity(conn, s.call_id)?;
    Ok(PaperAccess {
        submission: s,
        relation,
        double_blind: anonymity == "double_blind",
        corresponding: f.corresponding,
    })
}

/// The paper for a user who may do `action` with it, else 404.
pub fn paper_for(conn: &mut AnyConnection, user: &User, submission_id: i64, action: policy::PaperAction) -> AppResult<PaperAccess> {
    let p = paper(conn, user, submission_id)?;
    p.require(action)?;
    Ok(p)
}

/// The paper for its committee (chair, area chair, reviewer), else 404; authors get 404 too.
pub fn committee_paper(conn: &mut AnyConnection, user: &User, submission_id: i64) -> AppResult<PaperAccess> {
    paper_for(conn, user, submission_id, policy::PaperAction::Discuss)
}

/// The access `user` has to `s` (whose anonymity is already known), if any: for mailing
/// everyone the reading rules let read.
pub fn access_of(conn: &mut AnyConnection, user: &User, s: &Submission, double_blind: bool) -> AppResult<Option<PaperAccess>> {
    let f = facts(conn, user, s)?;
    Ok(policy::relation(&f).map(|relation| PaperAccess {
        submission: s.clone(),
        relation,
        double_blind,
        corresponding: f.corresponding,
    }))
}
