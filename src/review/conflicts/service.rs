//! Conflict workflows: detection over a venue, chair decisions, declarations.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;

use super::detect::{self, Member, Paper, Person, Reason};
use super::model::{CONFIRMED, FROM_SYSTEM, SUGGESTED};
use super::store;
use crate::db::AnyConnection;
use crate::db::schema::{submission_authors, submissions};
use crate::error::AppResult;
use crate::review::committee::store as committee;

/// What a detection run found.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct DetectSummary {
    /// Pairs proposed (or still proposed) for a chair to decide.
    pub suggested: usize,
    /// Committee members who are authors of a paper: confirmed at once.
    pub confirmed: usize,
}

fn all_papers(conn: &mut AnyConnection, venue_id: Option<i64>) -> AppResult<Vec<Paper>> {
    let mut q = submission_authors::table
        .inner_join(submissions::table)
        .select((
            submission_authors::submission_id,
            submission_authors::email,
            submission_authors::name_zh,
            submission_authors::name_latin,
            submission_authors::affiliation,
            submission_authors::orcid,
        ))
        .into_boxed();
    if let Some(v) = venue_id {
        q = q
            .filter(submissions::venue_id.eq(v))
            .filter(submissions::status.eq(crate::submissions::model::SUBMITTED));
    }
    let rows: Vec<(i64, String, String, String, String, Option<String>)> = q.order(submission_authors::submission_id).load(conn)?;
    let mut by_paper: Vec<Paper> = Vec::new();
    for (sid, email, name_zh, name_latin, affiliation, orcid) in rows {
        if by_paper.last().is_none_or(|p| p.id != sid) {
            by_paper.push(Paper { id: sid, authors: vec![] });
        }
        if let Some(p) = by_paper.last_mut() {
            p.authors.push(Person {
                emails: vec![email.to_lowercase()],
                name_zh,
                name_latin,
                affiliation,
                orcid,
            });
        }
    }
    Ok(by_paper)
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

/// Proposes conflicts between the venue's papers and its committee; members who are authors of
/// a paper are confirmed at once. Decisions already made are kept.
pub fn detect(conn: &mut AnyConnection, venue_id: i64) -> AppResult<DetectSummary> {
    let papers = all_papers(conn, Some(venue_id))?;
    let members = members(conn, venue_id)?;
    let index = detect::coauthor_index(&all_papers(conn, None)?);
    let mut summary = DetectSummary::default();
    for s in detect::suggest(&papers, &members, &index) {
        let reason = s.reasons.iter().map(Reason::encode).collect::<Vec<_>>().join("|");
        let status = if s.reasons.contains(&Reason::Author) {
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
