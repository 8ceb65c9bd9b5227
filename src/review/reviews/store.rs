//! Review queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Review, SUBMITTED};
use crate::db::AnyConnection;
use crate::db::schema::{assignments, reviews, submissions, users, venues};
use crate::error::AppResult;

/// The user's review (or meta-review) of a paper.
pub fn own(conn: &mut AnyConnection, submission_id: i64, user_id: i64, kind: super::model::ReviewKind) -> AppResult<Option<Review>> {
    Ok(reviews::table
        .filter(reviews::submission_id.eq(submission_id))
        .filter(reviews::user_id.eq(user_id))
        .filter(reviews::kind.eq(kind))
        .select(Review::as_select())
        .first(conn)
        .optional()?)
}

/// Every review of a paper of one kind, oldest first, with the writer's display name.
pub fn of_paper(conn: &mut AnyConnection, submission_id: i64, kind: super::model::ReviewKind) -> AppResult<Vec<(Review, String, String)>> {
    Ok(reviews::table
        .inner_join(users::table)
        .filter(reviews::submission_id.eq(submission_id))
        .filter(reviews::kind.eq(kind))
        .order(reviews::id)
        .select((Review::as_select(), users::name_zh, users::name_latin))
        .load::<(Review, String, String)>(conn)?)
}

/// The (writer, kind) pairs of a paper whose reviews count: a review needs its writer to be
/// still assigned as reviewer, a meta-review as area chair. Reviews of members who were
/// unassigned or removed are kept for the record but count nowhere.
pub fn counted_writers(
    conn: &mut AnyConnection,
    submission_id: i64,
) -> AppResult<std::collections::HashSet<(i64, super::model::ReviewKind)>> {
    Ok(assignments::table
        .filter(assignments::submission_id.eq(submission_id))
        .select((assignments::user_id, assignments::role))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .filter_map(|(u, role)| super::model::kind_for_role(&role).map(|k| (u, k)))
        .collect())
}

/// Inserts or replaces a review's content.
#[allow(clippy::too_many_arguments)]
pub fn write(
    conn: &mut AnyConnection,
    existing: Option<&Review>,
    venue_id: i64,
    submission_id: i64,
    user_id: i64,
    kind: super::model::ReviewKind,
    status: super::model::ReviewStatus,
    answers: &str,
    scores: (Option<i32>, Option<i32>),
    now: NaiveDateTime,
) -> AppResult<i64> {
    match existing {
        Some(r) => {
            let submitted_at = r.submitted_at.or((status == SUBMITTED).then_some(now));
            let edits = r.edits_after_submit + i32::from(r.is_submitted());
            diesel::update(reviews::table.find(r.id))
                .set((
                    reviews::status.eq(status),
                    reviews::answers.eq(answers),
                    reviews::overall.eq(scores.0),
                    reviews::confidence.eq(scores.1),
                    reviews::updated_at.eq(now),
                    reviews::submitted_at.eq(submitted_at),
                    reviews::edits_after_submit.eq(edits),
                ))
                .execute(conn)?;
            Ok(r.id)
        }
        None => Ok(diesel::insert_into(reviews::table)
            .values((
                reviews::venue_id.eq(venue_id),
                reviews::submission_id.eq(submission_id),
                reviews::user_id.eq(user_id),
                reviews::kind.eq(kind),
                reviews::status.eq(status),
                reviews::answers.eq(answers),
                reviews::overall.eq(scores.0),
                reviews::confidence.eq(scores.1),
                reviews::created_at.eq(now),
                reviews::updated_at.eq(now),
                reviews::submitted_at.eq((status == SUBMITTED).then_some(now)),
                reviews::edits_after_submit.eq(0),
            ))
            .returning(reviews::id)
            .get_result(conn)?),
    }
}

/// One line of a reviewer's to-do list.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Task {
    /// Paper.
    pub submission_id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// `submitted` or `withdrawn`.
    pub paper_status: String,
    /// Venue URL name.
    pub venue_slug: String,
    /// Venue title (Chinese).
    pub venue_title_zh: String,
    /// Venue title (English).
    pub venue_title_en: String,
    /// `reviewer` or `area_chair`.
    pub role: String,
    /// `draft`, `submitted`, or absent when not started.
    pub review_status: Option<String>,
    /// Whether the chairs have decided on the paper (told or not: a reviewer still owing a
    /// review should know it is late for the decision).
    pub decided: bool,
}

/// The user's assigned papers across venues, newest venue first; conflicted pairs left out.
pub fn tasks_of(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<Task>> {
    type Row = (i64, i32, String, String, String, String, String, String, String);
    let rows: Vec<Row> = assignments::table
        .inner_join(submissions::table.inner_join(venues::table))
        .filter(assignments::user_id.eq(user_id))
        .order((venues::id.desc(), submissions::number))
        .select((
            submissions::id,
            submissions::number,
            submissions::title_zh,
            submissions::title_en,
            submissions::status,
            venues::slug,
            venues::title_zh,
            venues::title_en,
            assignments::role,
        ))
        .load(conn)?;
    let mine: std::collections::HashMap<(i64, String), String> = reviews::table
        .filter(reviews::user_id.eq(user_id))
        .select((reviews::submission_id, reviews::kind, reviews::status))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(s, k, st)| ((s, k), st))
        .collect();
    let mut out = Vec::new();
    for (sid, number, title_zh, title_en, paper_status, venue_slug, venue_title_zh, venue_title_en, role) in rows {
        if crate::review::conflicts::store::is_conflicted(conn, sid, user_id)? {
            continue;
        }
        let kind = if role == crate::review::committee::model::AREA_CHAIR {
            super::model::META
        } else {
            super::model::REVIEW
        };
        out.push(Task {
            review_status: mine.get(&(sid, kind.to_string())).cloned(),
            decided: crate::review::decisions::store::get(conn, sid)?.is_some(),
            submission_id: sid,
            number,
            title_zh,
            title_en,
            paper_status,
            venue_slug,
            venue_title_zh,
            venue_title_en,
            role,
        });
    }
    Ok(out)
}

/// Reviewers of a venue with assigned, active papers whose review is not submitted:
/// (user id, submission ids).
pub fn missing_reviews(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(i64, Vec<i64>)>> {
    let assigned: Vec<(i64, i64)> = assignments::table
        .inner_join(submissions::table)
        .filter(assignments::venue_id.eq(venue_id))
        .filter(assignments::role.eq(crate::review::committee::model::REVIEWER))
        .filter(submissions::status.eq(crate::submissions::model::SUBMITTED))
        .order((assignments::user_id, submissions::number))
        .select((assignments::user_id, assignments::submission_id))
        .load(conn)?;
    let done: std::collections::HashSet<(i64, i64)> = reviews::table
        .filter(reviews::venue_id.eq(venue_id))
        .filter(reviews::kind.eq(super::model::REVIEW))
        .filter(reviews::status.eq(SUBMITTED))
        .select((reviews::user_id, reviews::submission_id))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let conflicted = crate::review::conflicts::store::binding_pairs(conn, venue_id)?;
    let mut out: Vec<(i64, Vec<i64>)> = Vec::new();
    for (u, s) in assigned {
        if done.contains(&(u, s)) || conflicted.contains(&(s, u)) {
            continue;
        }
        match out.last_mut() {
            Some((last, papers)) if *last == u => papers.push(s),
            _ => out.push((u, vec![s])),
        }
    }
    Ok(out)
}

/// Deletes a member's unsubmitted drafts at a venue; says how many.
pub fn delete_drafts_of(conn: &mut AnyConnection, venue_id: i64, user_id: i64) -> AppResult<usize> {
    Ok(diesel::delete(
        reviews::table
            .filter(reviews::venue_id.eq(venue_id))
            .filter(reviews::user_id.eq(user_id))
            .filter(reviews::status.eq(super::model::DRAFT)),
    )
    .execute(conn)?)
}

/// How many reviews a member has at a venue.
pub fn count_of(conn: &mut AnyConnection, venue_id: i64, user_id: i64) -> AppResult<usize> {
    let n: i64 = reviews::table
        .filter(reviews::venue_id.eq(venue_id))
        .filter(reviews::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    Ok(n as usize)
}
