//! What a chair does with assignments, each through the chair guard: papers the chair wrote
//! or is conflicted with are absent from every list and refused (404) in every change, and
//! solver runs are shown without them.

use super::propose::{self, Load, Proposal, RunView};
use super::store::{self, Assignment, MANUAL};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::Chair;

/// The venue's assignments in `role` that the chair may see.
pub fn list(conn: &mut AnyConnection, chair: &Chair, role: crate::review::committee::model::CommitteeRole) -> AppResult<Vec<Assignment>> {
    Ok(chair.visible(store::list(conn, chair.venue.id, role)?, |a| a.submission_id))
}

/// Adds an assignment by hand, checked like the solver's (paper of the venue and seen by the
/// chair, member in the role, no conflict, not an author).
pub fn add_manual(
    conn: &mut AnyConnection,
    chair: &Chair,
    submission_id: i64,
    user_id: i64,
    role: crate::review::committee::model::CommitteeRole,
) -> AppResult<()> {
    chair.paper(conn, submission_id)?;
    let member = crate::review::committee::store::membership(conn, chair.venue.id, user_id)?;
    if member.is_none_or(|m| m.role != role) {
        return Err(AppError::field("user_id", "validation.not_committee_member"));
    }
    let user = crate::auth::store::by_id(conn, user_id)?;
    let is_author = crate::submissions::store::authors_of(conn, submission_id)?
        .iter()
        .any(|a| a.email.eq_ignore_ascii_case(&user.email));
    if is_author || crate::review::conflicts::store::is_conflicted(conn, submission_id, user_id)? {
        return Err(AppError::Conflict("assignment.conflicted".into()));
    }
    store::add(conn, chair.venue.id, submission_id, user_id, role, MANUAL, chair.user_id)?;
    Ok(())
}

/// Removes an assignment of a paper the chair sees (404 otherwise).
pub fn remove(conn: &mut AnyConnection, chair: &Chair, id: i64) -> AppResult<()> {
    let a = store::get(conn, chair.venue.id, id)?;
    chair.paper(conn, a.submission_id)?;
    store::remove(conn, chair.venue.id, id)?;
    Ok(())
}

/// Sets how many reviewers one paper the chair sees needs (`None`: the venue's setting).
pub fn set_demand(conn: &mut AnyConnection, chair: &Chair, submission_id: i64, k: Option<i32>) -> AppResult<()> {
    chair.paper(conn, submission_id)?;
    crate::review::settings::set_paper_demand(conn, submission_id, k)
}

/// A stored run as this chair may see it.
pub fn run(conn: &mut AnyConnection, chair: &Chair, id: i64) -> AppResult<RunView> {
    Ok(for_chair(propose::view(store::run(conn, chair.venue.id, id)?), chair))
}

/// The venue's latest run as this chair may see it.
pub fn latest_run(conn: &mut AnyConnection, chair: &Chair) -> AppResult<Option<RunView>> {
    Ok(store::latest_run(conn, chair.venue.id)?.map(|r| for_chair(propose::view(r), chair)))
}

/// What committing the latest proposal would change, without the papers hidden from the chair;
/// none when there is no proposal waiting.
pub fn pending_changes(conn: &mut AnyConnection, chair: &Chair) -> AppResult<Option<propose::Changes>> {
    let Some(run) = store::latest_run(conn, chair.venue.id)? else {
        return Ok(None);
    };
    if run.status != "proposed" {
        return Ok(None);
    }
    let mut c = propose::changes(conn, chair.venue.id, &run)?;
    c.added.retain(|(sid, _)| chair.sees(*sid));
    c.removed.retain(|(_, sid, _)| chair.sees(*sid));
    Ok(Some(c))
}

/// Runs the solver over every paper (the chair's own included: the solver, not the chair,
/// picks their reviewers) and stores the proposal; the chair sees it without their papers.
pub fn propose(
    conn: &mut AnyConnection,
    chair: &Chair,
    role: crate::review::committee::model::CommitteeRole,
    mode: &str,
) -> AppResult<RunView> {
    Ok(for_chair(propose::propose(conn, chair.venue.id, role, mode, chair.user_id)?, chair))
}

/// Commits a run (the chair's hidden papers get the solver's reviewers unseen).
pub fn commit(conn: &mut AnyConnection, state: &crate::web::AppState, chair: &Chair, run_id: i64) -> AppResult<RunView> {
    Ok(for_chair(
        propose::commit(conn, state, chair.venue.id, run_id, chair.user_id)?,
        chair,
    ))
}

/// A run without the papers hidden from the chair; loads, total and histogram are counted
/// again over what remains, so no figure betrays who reviews a hidden paper.
pub fn for_chair(mut run: RunView, chair: &Chair) -> RunView {
    if chair.hidden().is_empty() {
        return run;
    }
    run.proposal = without_hidden(run.proposal, chair);
    run
}

fn without_hidden(p: Proposal, chair: &Chair) -> Proposal {
    let papers: Vec<_> = p.papers.into_iter().filter(|x| chair.sees(x.id)).collect();
    let loads = p
        .loads
        .into_iter()
        .map(|l| {
            let scores: Vec<f64> = papers
                .iter()
                .flat_map(|x| x.reviewers.iter())
                .filter(|r| r.user_id == l.user_id)
                .map(|r| r.score)
                .collect();
            Load {
                load: scores.len(),
                mean_score: if scores.is_empty() {
                    0.0
                } else {
                    scores.iter().sum::<f64>() / scores.len() as f64
                },
                ..l
            }
        })
        .collect();
    let scores: Vec<f64> = papers.iter().flat_map(|x| x.reviewers.iter().map(|r| r.score)).collect();
    Proposal {
        total: papers.iter().map(|x| x.total).sum(),
        histogram: propose::histogram(&scores),
        loads,
        papers,
        // Both summarise the hidden papers too; leave them out.
        fairness: None,
        max_gap: None,
        ..p
    }
}
