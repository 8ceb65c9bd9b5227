//! Conflict queries.

use std::collections::HashSet;

use chrono::Utc;
use diesel::prelude::*;

use super::model::{BINDING, Conflict, DECLARED, DISMISSED, FROM_AUTHOR, SUGGESTED};
use crate::db::AnyConnection;
use crate::db::schema::conflicts;
use crate::error::AppResult;

/// A venue's conflicts, optionally of one status; suggestions first.
pub fn list(conn: &mut AnyConnection, venue_id: i64, status: Option<super::model::ConflictStatus>) -> AppResult<Vec<Conflict>> {
    let mut q = conflicts::table
        .filter(conflicts::venue_id.eq(venue_id))
        .select(Conflict::as_select())
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(conflicts::status.eq(s.to_string()));
    }
    let mut all: Vec<Conflict> = q.order((conflicts::submission_id, conflicts::user_id)).load(conn)?;
    all.sort_by_key(|c| c.status != SUGGESTED);
    Ok(all)
}

/// One conflict of a venue (404 for another venue's).
pub fn get(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Conflict> {
    Ok(conflicts::table
        .filter(conflicts::venue_id.eq(venue_id))
        .filter(conflicts::id.eq(id))
        .select(Conflict::as_select())
        .first(conn)?)
}

/// The row for a pair, whatever its status.
pub fn for_pair(conn: &mut AnyConnection, submission_id: i64, user_id: i64) -> AppResult<Option<Conflict>> {
    Ok(conflicts::table
        .filter(conflicts::submission_id.eq(submission_id))
        .filter(conflicts::user_id.eq(user_id))
        .select(Conflict::as_select())
        .first(conn)
        .optional()?)
}

/// Whether a binding conflict (confirmed, or declared by the authors) separates the user from
/// the paper.
pub fn is_conflicted(conn: &mut AnyConnection, submission_id: i64, user_id: i64) -> AppResult<bool> {
    Ok(for_pair(conn, submission_id, user_id)?.is_some_and(|c| BINDING.contains(&c.status)))
}

/// The papers of a venue a binding conflict keeps from `user_id`.
pub fn binding_papers_of(conn: &mut AnyConnection, venue_id: i64, user_id: i64) -> AppResult<Vec<i64>> {
    Ok(conflicts::table
        .filter(conflicts::venue_id.eq(venue_id))
        .filter(conflicts::user_id.eq(user_id))
        .filter(conflicts::status.eq_any(BINDING.map(super::model::ConflictStatus::as_str)))
        .select(conflicts::submission_id)
        .load(conn)?)
}

/// Every (paper, person) pair of a venue kept apart by a binding conflict.
pub fn binding_pairs(conn: &mut AnyConnection, venue_id: i64) -> AppResult<HashSet<(i64, i64)>> {
    Ok(conflicts::table
        .filter(conflicts::venue_id.eq(venue_id))
        .filter(conflicts::status.eq_any(BINDING.map(super::model::ConflictStatus::as_str)))
        .select((conflicts::submission_id, conflicts::user_id))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect())
}

/// Records a conflict with `status`; an existing row for the pair is overwritten, except that
/// a suggestion never overrides a decision already made.
#[allow(clippy::too_many_arguments)]
pub fn put(
    conn: &mut AnyConnection,
    venue_id: i64,
    submission_id: i64,
    user_id: i64,
    status: super::model::ConflictStatus,
    source: super::model::ConflictSource,
    reason: &str,
    by: Option<i64>,
) -> AppResult<()> {
    let now = Utc::now().naive_utc();
    match for_pair(conn, submission_id, user_id)? {
        Some(existing) if status == SUGGESTED => {
            // Keep decisions; only refresh the reasons of an open suggestion.
            if existing.status == SUGGESTED {
                diesel::update(conflicts::table.find(existing.id))
                    .set(conflicts::reason.eq(reason))
                    .execute(conn)?;
            }
        }
        Some(existing) => {
            diesel::update(conflicts::table.find(existing.id))
                .set((
                    conflicts::status.eq(status),
                    conflicts::source.eq(source),
                    conflicts::reason.eq(reason),
                    conflicts::decided_by.eq(by),
                    conflicts::decided_at.eq(Some(now)),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(conflicts::table)
                .values((
                    conflicts::venue_id.eq(venue_id),
                    conflicts::submission_id.eq(submission_id),
                    conflicts::user_id.eq(user_id),
                    conflicts::status.eq(status),
                    conflicts::source.eq(source),
                    conflicts::reason.eq(reason),
                    conflicts::created_by.eq(by),
                    conflicts::created_at.eq(now),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// A chair's decision on a conflict.
pub fn decide(conn: &mut AnyConnection, id: i64, status: super::model::ConflictStatus, by: i64) -> AppResult<()> {
    diesel::update(conflicts::table.find(id))
        .set((
            conflicts::status.eq(status),
            conflicts::decided_by.eq(Some(by)),
            conflicts::decided_at.eq(Some(Utc::now().naive_utc())),
        ))
        .execute(conn)?;
    Ok(())
}

/// The committee members the authors declared conflicts with.
pub fn declared_by_authors(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Vec<i64>> {
    Ok(conflicts::table
        .filter(conflicts::submission_id.eq(submission_id))
        .filter(conflicts::source.eq(FROM_AUTHOR))
        .filter(conflicts::status.eq_any(BINDING.map(super::model::ConflictStatus::as_str)))
        .select(conflicts::user_id)
        .load(conn)?)
}

/// Replaces the authors' declarations for a paper with `user_ids`. New ones are `declared`
/// (binding until a chair dismisses them); a conflict already binding, or an authors'
/// declaration a chair dismissed, is left as it is, so saving the paper again cannot undo a
/// chair's decision.
pub fn set_author_declared(conn: &mut AnyConnection, venue_id: i64, submission_id: i64, user_ids: &[i64], by: i64) -> AppResult<()> {
    diesel::delete(
        conflicts::table
            .filter(conflicts::submission_id.eq(submission_id))
            .filter(conflicts::source.eq(FROM_AUTHOR))
            .filter(conflicts::user_id.ne_all(user_ids.to_vec())),
    )
    .execute(conn)?;
    for &u in user_ids {
        match for_pair(conn, submission_id, u)? {
            Some(c) if BINDING.contains(&c.status) => {}
            Some(c) if c.status == DISMISSED && c.source == FROM_AUTHOR => {}
            _ => put(conn, venue_id, submission_id, u, DECLARED, FROM_AUTHOR, "", Some(by))?,
        }
    }
    Ok(())
}

/// The authors of every paper (of one venue's active papers, or of all), grouped by paper, for
/// conflict detection.
pub fn author_papers(conn: &mut AnyConnection, venue_id: Option<i64>) -> AppResult<Vec<super::detect::Paper>> {
    use crate::db::schema::{submission_authors, submissions};
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
    let rows: Vec<AuthorRow> = q.order(submission_authors::submission_id).load(conn)?;
    Ok(group(rows))
}

/// (paper, e-mail, name in Chinese, Latin name, institution, ORCID), ordered by paper.
type AuthorRow = (i64, String, String, String, String, Option<String>);

/// The conference papers listing any of `emails` as an author, with all their authors: what a
/// person has written, for co-authorship with the authors of a journal manuscript.
pub fn papers_written_by(conn: &mut AnyConnection, emails: &[String]) -> AppResult<Vec<super::detect::Paper>> {
    use crate::db::schema::submission_authors;
    let theirs: Vec<i64> = submission_authors::table
        .filter(submission_authors::email.eq_any(emails.to_vec()))
        .select(submission_authors::submission_id)
        .load(conn)?;
    let rows: Vec<AuthorRow> = submission_authors::table
        .filter(submission_authors::submission_id.eq_any(theirs))
        .select((
            submission_authors::submission_id,
            submission_authors::email,
            submission_authors::name_zh,
            submission_authors::name_latin,
            submission_authors::affiliation,
            submission_authors::orcid,
        ))
        .order(submission_authors::submission_id)
        .load(conn)?;
    Ok(group(rows))
}

fn group(rows: Vec<AuthorRow>) -> Vec<super::detect::Paper> {
    use super::detect::{Paper, Person};
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
    by_paper
}
