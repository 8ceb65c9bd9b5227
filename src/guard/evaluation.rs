//! The evaluation guard: a round is run by its committee (the `evaluation_committee` role on
//! the round) and by the staff of the society that holds it.

use std::collections::HashMap;

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::evaluation::rounds::model::{Entry, EntryStatus, Round, RoundPhase};

/// Whether `user` runs the round.
pub fn is_committee(conn: &mut AnyConnection, user: &User, r: &Round) -> AppResult<bool> {
    Ok(
        roles::has(conn, user.id, roles::EVALUATION_COMMITTEE, roles::SCOPE_EVALUATION_ROUND, r.id)?
            || super::society::is_staff(conn, user, r.society_id)?,
    )
}

/// Fails with 404 unless `user` runs the round.
pub fn require_committee(conn: &mut AnyConnection, user: &User, r: &Round) -> AppResult<()> {
    if is_committee(conn, user, r)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `user` chairs the venue of an entry (an entry held outside xuehui has no chairs here).
pub fn chairs_entry(conn: &mut AnyConnection, user: &User, e: &Entry) -> AppResult<bool> {
    match e.venue_id {
        Some(v) => super::venue::may_manage(conn, user, v),
        None => Ok(false),
    }
}

/// Whether `user` is an expert of the round.
pub fn is_expert(conn: &mut AnyConnection, user: &User, r: &Round) -> AppResult<bool> {
    roles::has(conn, user.id, roles::EVALUATION_EXPERT, roles::SCOPE_EVALUATION_ROUND, r.id)
}

/// Why `user` may not score an entry (reason codes: `declared`, and from a venue's records
/// `chaired`, `reviewed`, `authored`, `presented`); empty when they may.
pub fn conflicts(conn: &mut AnyConnection, user: &User, r: &Round, e: &Entry) -> AppResult<Vec<&'static str>> {
    Ok(conflicts_all(conn, user, r, std::slice::from_ref(e))?
        .remove(&e.id)
        .unwrap_or_default())
}

/// [`conflicts`] for many entries at once, in a fixed number of queries; entries `user` may
/// score are left out.
pub fn conflicts_all(conn: &mut AnyConnection, user: &User, r: &Round, entries: &[Entry]) -> AppResult<HashMap<i64, Vec<&'static str>>> {
    let declared = crate::panel::conflicts::declared(conn, crate::panel::Round::evaluation(r.id), user.id)?;
    let venues: Vec<i64> = entries.iter().filter_map(|e| e.venue_id).collect();
    let automatic = if venues.is_empty() {
        HashMap::new()
    } else {
        crate::evaluation::ballots::store::automatic_conflicts(conn, user.id, &user.email, &venues)?
    };
    let mut out = HashMap::new();
    for e in entries {
        let mut why = Vec::new();
        if declared.contains(&e.id) {
            why.push("declared");
        }
        if let Some(v) = e.venue_id.and_then(|v| automatic.get(&v)) {
            why.extend(v.iter().copied());
        }
        if !why.is_empty() {
            out.insert(e.id, why);
        }
    }
    Ok(out)
}

/// Whether an expert reads an entry's materials (figures, self-report, evidence): from expert
/// scoring on, for active entries they are not conflicted with.
pub fn expert_reads(conn: &mut AnyConnection, user: &User, r: &Round, e: &Entry) -> AppResult<bool> {
    Ok(r.phase >= RoundPhase::Scoring
        && e.status == EntryStatus::Active
        && is_expert(conn, user, r)?
        && conflicts(conn, user, r, e)?.is_empty())
}

/// Whether `user` reads an entry's report (scores, charts, released comments,
/// recommendations): the committee from the proposal on, the conference's own chairs from
/// public notice on. Experts read no report: their part ends with their ballot.
pub fn reads_report(conn: &mut AnyConnection, user: &User, r: &Round, e: &Entry) -> AppResult<bool> {
    if e.status != EntryStatus::Active {
        return Ok(false);
    }
    Ok(r.phase >= RoundPhase::Proposal && is_committee(conn, user, r)? || r.phase >= RoundPhase::Notice && chairs_entry(conn, user, e)?)
}
