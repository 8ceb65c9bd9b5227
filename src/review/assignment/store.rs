//! Assignment and solver-run queries.

use chrono::Utc;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::AnyConnection;
use crate::db::schema::{assignment_runs, assignments};
use crate::error::AppResult;

crate::text_enum! {
    /// Who made an assignment.
    pub enum AssignmentSource {
        /// Made by the solver.
        Auto = "auto",
        /// Made by a chair by hand.
        Manual = "manual",
    }
}

/// Made by the solver.
pub const AUTO: AssignmentSource = AssignmentSource::Auto;
/// Made by a chair by hand.
pub const MANUAL: AssignmentSource = AssignmentSource::Manual;

/// A committed assignment.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = assignments)]
pub struct Assignment {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Paper.
    pub submission_id: i64,
    /// Member.
    pub user_id: i64,
    /// `reviewer` or `area_chair`.
    #[diesel(deserialize_as = String)]
    pub role: crate::review::committee::model::CommitteeRole,
    /// `auto` or `manual`.
    #[diesel(deserialize_as = String)]
    pub source: AssignmentSource,
    /// Who made it.
    pub created_by: Option<i64>,
    /// When.
    #[serde(with = "crate::web::utc")]
    pub created_at: chrono::NaiveDateTime,
}

/// A solver run as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = assignment_runs)]
pub struct Run {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Role assigned.
    pub role: String,
    /// `max_total`, `fair` or `incremental`.
    pub mode: String,
    /// Parameters (JSON).
    pub params: String,
    /// The proposal (JSON).
    pub proposal: String,
    /// `proposed`, `committed`, `discarded` or `infeasible`.
    pub status: String,
    /// Chair.
    pub created_by: Option<i64>,
    /// When.
    pub created_at: chrono::NaiveDateTime,
    /// When committed or discarded.
    pub decided_at: Option<chrono::NaiveDateTime>,
}

/// A venue's assignments in a role.
pub fn list(conn: &mut AnyConnection, venue_id: i64, role: crate::review::committee::model::CommitteeRole) -> AppResult<Vec<Assignment>> {
    Ok(assignments::table
        .filter(assignments::venue_id.eq(venue_id))
        .filter(assignments::role.eq(role))
        .order((assignments::submission_id, assignments::user_id))
        .select(Assignment::as_select())
        .load(conn)?)
}

/// Adds one assignment (nothing happens when it exists).
pub fn add(
    conn: &mut AnyConnection,
    venue_id: i64,
    submission_id: i64,
    user_id: i64,
    role: crate::review::committee::model::CommitteeRole,
    source: AssignmentSource,
    by: i64,
) -> AppResult<bool> {
    let exists: i64 = assignments::table
        .filter(assignments::submission_id.eq(submission_id))
        .filter(assignments::user_id.eq(user_id))
        .filter(assignments::role.eq(role))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    diesel::insert_into(assignments::table)
        .values((
            assignments::venue_id.eq(venue_id),
            assignments::submission_id.eq(submission_id),
            assignments::user_id.eq(user_id),
            assignments::role.eq(role),
            assignments::source.eq(source),
            assignments::created_by.eq(Some(by)),
            assignments::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    // The assigned may now find the paper by its full text.
    crate::jobs::changes::paper(conn, submission_id)?;
    Ok(true)
}

/// Removes one assignment of a venue; returns whether it existed.
pub fn remove(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<bool> {
    let one = assignments::table
        .filter(assignments::venue_id.eq(venue_id))
        .filter(assignments::id.eq(id));
    let Some(paper) = one.select(assignments::submission_id).first::<i64>(conn).optional()? else {
        return Ok(false);
    };
    diesel::delete(one).execute(conn)?;
    // Who may find the paper by its full text changed.
    crate::jobs::changes::paper(conn, paper)?;
    Ok(true)
}

/// Stores a run.
#[allow(clippy::too_many_arguments)]
pub fn save_run(
    conn: &mut AnyConnection,
    venue_id: i64,
    role: crate::review::committee::model::CommitteeRole,
    mode: &str,
    params: &str,
    proposal: &str,
    status: &str,
    by: i64,
) -> AppResult<i64> {
    Ok(diesel::insert_into(assignment_runs::table)
        .values((
            assignment_runs::venue_id.eq(venue_id),
            assignment_runs::role.eq(role),
            assignment_runs::mode.eq(mode),
            assignment_runs::params.eq(params),
            assignment_runs::proposal.eq(proposal),
            assignment_runs::status.eq(status),
            assignment_runs::created_by.eq(Some(by)),
            assignment_runs::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(assignment_runs::id)
        .get_result(conn)?)
}

/// A run of a venue (404 for another venue's).
pub fn run(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Run> {
    Ok(assignment_runs::table
        .filter(assignment_runs::venue_id.eq(venue_id))
        .filter(assignment_runs::id.eq(id))
        .select(Run::as_select())
        .first(conn)?)
}

/// The venue's newest run, if any.
pub fn latest_run(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Run>> {
    Ok(assignment_runs::table
        .filter(assignment_runs::venue_id.eq(venue_id))
        .order(assignment_runs::id.desc())
        .select(Run::as_select())
        .first(conn)
        .optional()?)
}

/// Marks a run committed or discarded.
pub fn decide_run(conn: &mut AnyConnection, id: i64, status: &str) -> AppResult<()> {
    diesel::update(assignment_runs::table.find(id))
        .set((
            assignment_runs::status.eq(status),
            assignment_runs::decided_at.eq(Some(Utc::now().naive_utc())),
        ))
        .execute(conn)?;
    Ok(())
}

/// One assignment of a venue (404 for another venue's).
pub fn get(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Assignment> {
    Ok(assignments::table
        .filter(assignments::venue_id.eq(venue_id))
        .filter(assignments::id.eq(id))
        .select(Assignment::as_select())
        .first(conn)?)
}

/// Everyone assigned to a paper (reviewers and area chairs), in assignment order.
pub fn people_of(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Vec<i64>> {
    let mut people: Vec<i64> = assignments::table
        .filter(assignments::submission_id.eq(submission_id))
        .order(assignments::id)
        .select(assignments::user_id)
        .load(conn)?;
    people.dedup();
    Ok(people)
}

/// The roles (`reviewer`, `area_chair`) a person is assigned on a paper.
pub fn roles_on(conn: &mut AnyConnection, submission_id: i64, user_id: i64) -> AppResult<Vec<String>> {
    Ok(assignments::table
        .filter(assignments::submission_id.eq(submission_id))
        .filter(assignments::user_id.eq(user_id))
        .select(assignments::role)
        .load(conn)?)
}

/// The reviewers assigned to a paper with their names (id, Chinese name, Latin name), by id.
pub fn reviewers_named(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Vec<(i64, String, String)>> {
    use crate::db::schema::users;
    Ok(assignments::table
        .inner_join(users::table)
        .filter(assignments::submission_id.eq(submission_id))
        .filter(assignments::role.eq(crate::review::committee::model::REVIEWER))
        .order(users::id)
        .select((users::id, users::name_zh, users::name_latin))
        .load(conn)?)
}

/// Ends every assignment of a member at a venue; says how many there were.
pub fn end_all_of(conn: &mut AnyConnection, venue_id: i64, user_id: i64) -> AppResult<usize> {
    let theirs = assignments::table
        .filter(assignments::venue_id.eq(venue_id))
        .filter(assignments::user_id.eq(user_id));
    let mut papers: Vec<i64> = theirs.select(assignments::submission_id).load(conn)?;
    let n = diesel::delete(theirs).execute(conn)?;
    papers.sort_unstable();
    papers.dedup();
    // They no longer find these papers by their full text.
    for paper in papers {
        crate::jobs::changes::paper(conn, paper)?;
    }
    Ok(n)
}
