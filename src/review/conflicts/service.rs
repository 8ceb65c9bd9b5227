//! Conflict workflows: detection over a venue, chair decisions, declarations.

use std::collections::HashMap;

use serde::Serialize;

use super::detect::{self, Member, Person, Reason};
use super::model::{CONFIRMED, FROM_SYSTEM, SUGGESTED};
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::Chair;
use crate::review::committee::store as committee;

/// What a detection run found.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct DetectSummary {
    /// Pairs proposed (or still proposed) for a chair to decide.
    pub suggested: usize,
    /// Committee members who are authors of a paper: confirmed at once.
    pub confirmed: usize,
}

fn members(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Member>> {
    let mut out = Vec::new();
    for (m, uid) in committee::accepted_accounts(conn, venue_id)? {
        let u = crate::auth::store::by_id(conn, uid)?;
        let mut emails = vec![u.email.clone()];
        if m.email != u.email {
            emails.push(m.email.clone());
        }
        out.push(Member {
            user_id: uid,
            person: Person {
                emails,
                name_zh: u.name_zh,
                name_latin: u.name_latin,
                affiliation: u.affiliation,
                orcid: u.orcid,
            },
        });
    }
    Ok(out)
}

/// Proposes conflicts between the venue's papers and its committee; members who confirmed being
/// authors of a paper are confirmed at once. Decisions already made are kept.
pub fn detect(conn: &mut AnyConnection, venue_id: i64) -> AppResult<DetectSummary> {
    let papers = super::store::author_papers(conn, Some(venue_id))?;
    let members = members(conn, venue_id)?;
    let index = detect::coauthor_index(&super::store::author_papers(conn, None)?);
    let mut summary = DetectSummary::default();
    for s in detect::suggest(&papers, &members, &index) {
        let reason = s.reasons.iter().map(Reason::encode).collect::<Vec<_>>().join("|");
        // A member listed as an author is confirmed at once only when that authorship is
        // confirmed; a bare listing (anyone can type an address) waits for a chair.
        let status = if s.reasons.contains(&Reason::Author) && confirmed_author(conn, s.paper_id, s.user_id)? {
            CONFIRMED
        } else {
            SUGGESTED
        };
        let before = store::for_pair(conn, s.paper_id, s.user_id)?;
        store::put(conn, venue_id, s.paper_id, s.user_id, status, FROM_SYSTEM, &reason, None)?;
        match (status, before) {
            (CONFIRMED, Some(b)) if b.status == CONFIRMED => {}
            (CONFIRMED, _) => summary.confirmed += 1,
            (_, Some(b)) if b.status != SUGGESTED => {}
            _ => summary.suggested += 1,
        }
    }
    Ok(summary)
}

/// Whether account `user_id` confirmed being an author of the paper.
fn confirmed_author(conn: &mut AnyConnection, submission_id: i64, user_id: i64) -> AppResult<bool> {
    let email = crate::auth::store::by_id(conn, user_id)?.email;
    Ok(crate::submissions::store::authors_of(conn, submission_id)?
        .iter()
        .any(|a| a.email == email && a.confirmed_at.is_some()))
}

/// Reasons as (code, detail) pairs for display.
pub fn reasons(encoded: &str) -> Vec<(String, String)> {
    encoded
        .split('|')
        .filter(|r| !r.is_empty())
        .map(|r| match r.split_once(':') {
            Some((c, d)) => (c.to_string(), d.to_string()),
            None => ("text".to_string(), r.to_string()),
        })
        .collect()
}

/// Names of committee members by account id, for the chairs' pages.
pub fn member_names(conn: &mut AnyConnection, venue_id: i64) -> AppResult<HashMap<i64, String>> {
    let mut out = HashMap::new();
    for m in members(conn, venue_id)? {
        let name = if m.person.name_zh.is_empty() {
            m.person.name_latin.clone()
        } else {
            m.person.name_zh.clone()
        };
        out.insert(m.user_id, if name.is_empty() { m.person.emails[0].clone() } else { name });
    }
    Ok(out)
}

/// A venue's conflicts as a chair may see them: none on papers hidden from that chair.
pub fn list_for(
    conn: &mut AnyConnection,
    chair: &Chair,
    status: Option<super::model::ConflictStatus>,
) -> AppResult<Vec<super::model::Conflict>> {
    Ok(chair.visible(store::list(conn, chair.venue.id, status)?, |c| c.submission_id))
}

/// A chair records a conflict between a paper they see and a committee member or co-chair.
pub fn add(conn: &mut AnyConnection, chair: &Chair, submission_id: i64, target: i64, reason: &str) -> AppResult<()> {
    use crate::auth::roles;
    chair.paper(conn, submission_id)?;
    let vid = chair.venue.id;
    // Co-chairs can be conflicted too: they then neither see nor decide the paper.
    let co_chair = roles::has(conn, target, roles::CHAIR, roles::SCOPE_VENUE, vid)?;
    if !co_chair && committee::membership(conn, vid, target)?.is_none() {
        return Err(AppError::field("user_id", "validation.not_committee_member"));
    }
    store::put(
        conn,
        vid,
        submission_id,
        target,
        CONFIRMED,
        super::model::FROM_CHAIR,
        reason,
        Some(chair.user_id),
    )
}

/// A chair confirms or dismisses a conflict on a paper they see; nobody dismisses their own.
pub fn decide(conn: &mut AnyConnection, chair: &Chair, id: i64, status: super::model::ConflictStatus) -> AppResult<super::model::Conflict> {
    let c = store::get(conn, chair.venue.id, id)?;
    let dismiss = status == super::model::DISMISSED;
    if !chair.sees(c.submission_id) {
        return Err(AppError::NotFound);
    }
    if !crate::guard::policy::may_decide_conflict(chair.user_id, c.user_id, dismiss, true) {
        return Err(AppError::Conflict("conflicts.not_your_own".into()));
    }
    store::decide(conn, id, status, chair.user_id)?;
    store::get(conn, chair.venue.id, id)
}

/// A paper whose authors declared unusually many conflicts, for a chair to check.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UnusualDeclarations {
    /// Paper (submission id).
    pub submission_id: i64,
    /// Conflicts its authors declared that still bind.
    pub declared: usize,
    /// Committee size (accepted members).
    pub committee: usize,
}

/// Whether `declared` author declarations out of a committee of `committee` are unusual: more
/// than five, or more than half of the committee.
pub fn is_unusual(declared: usize, committee: usize) -> bool {
    declared > 5 || (declared > 1 && declared * 2 > committee)
}

/// The papers the chair sees whose authors declared unusually many conflicts.
pub fn unusual_declarations(conn: &mut AnyConnection, chair: &Chair) -> AppResult<Vec<UnusualDeclarations>> {
    let committee = committee::accepted_accounts(conn, chair.venue.id)?.len();
    let mut counts: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    for c in store::list(conn, chair.venue.id, None)? {
        if c.source == super::model::FROM_AUTHOR && super::model::BINDING.contains(&c.status) && chair.sees(c.submission_id) {
            *counts.entry(c.submission_id).or_default() += 1;
        }
    }
    Ok(counts
        .into_iter()
        .filter(|&(_, n)| is_unusual(n, committee))
        .map(|(submission_id, declared)| UnusualDeclarations {
            submission_id,
            declared,
            committee,
        })
        .collect())
}

#[cfg(test)]
mod unusual_tests {
    #[test]
    fn many_declarations_or_most_of_a_small_committee_are_unusual() {
        for (declared, committee, want) in [
            (0, 3, false),
            (1, 3, false),
            (2, 3, true),
            (3, 3, true),
            (5, 40, false),
            (6, 40, true),
            (2, 10, false),
        ] {
            assert_eq!(super::is_unusual(declared, committee), want, "{declared} of {committee}");
        }
    }
}
