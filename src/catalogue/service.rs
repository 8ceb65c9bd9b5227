//! Edition lifecycle: creation, rule changes and phase moves, each written to the audit log.

use chrono::{Duration, NaiveDateTime};
use serde_json::json;

use super::model::Edition;
use super::phases::{self, MoveError, Phase};
use super::validate::ConflictInput;
use super::validate::EditionSpec;
use super::{audit, entries, store};
use super::{nominations, panel, policy};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// Creates an edition for an existing field.
pub fn create(conn: &mut AnyConnection, spec: &EditionSpec, user_id: i64) -> AppResult<Edition> {
    let field = crate::journals::store::field_by_code(conn, &spec.field)
        .map_err(|_| AppError::field("field", "validation.subject_field_unknown"))?;
    let e = store::create(conn, spec, field.id, None, user_id)?;
    audit::record(conn, e.id, Some(user_id), "created", None, json!({"slug": e.slug}))?;
    Ok(e)
}

/// Changes an edition's rules and dates (not once it is published).
pub fn update(conn: &mut AnyConnection, e: &Edition, spec: &EditionSpec, user_id: i64) -> AppResult<Edition> {
    if Phase::parse(&e.phase) == Some(Phase::Published) {
        return Err(AppError::Conflict("catalogue.published_final".into()));
    }
    store::set_rules(conn, e.id, spec)?;
    let after = store::by_id(conn, e.id)?;
    audit::record(
        conn,
        e.id,
        Some(user_id),
        "rules",
        None,
        json!({"method": after.method, "max_share_pct": after.max_share_pct, "quotas": [after.quota_t1, after.quota_t2, after.quota_t3], "min_votes": after.min_votes}),
    )?;
    if Phase::parse(&e.phase) == Some(Phase::Notice) {
        entries::freeze(conn, &after)?;
    }
    // Entries carry the edition's titles.
    crate::jobs::changes::edition(conn, e.id)?;
    super::reminders::schedule(conn, &after, chrono::Utc::now().naive_utc())?;
    Ok(after)
}

/// Moves the edition one phase forward, or back with a reason. Entering public notice writes
/// the proposal down as entries and starts the notice period; publishing needs every
/// objection decided; going back from notice removes the entries.
pub fn move_phase(conn: &mut AnyConnection, e: &Edition, user_id: i64, to: &str, reason: &str, now: NaiveDateTime) -> AppResult<Edition> {
    let from = Phase::parse(&e.phase).ok_or_else(|| AppError::bug(format!("edition {} has phase {}", e.id, e.phase)))?;
    let Some(target) = Phase::parse(to) else {
        return Err(AppError::field("to", "validation.phase_invalid"));
    };
    match phases::check_move(from, target, reason) {
        Ok(()) => {}
        Err(MoveError::ReasonRequired) => return Err(AppError::field("reason", "validation.reason_required")),
        Err(MoveError::Published) => return Err(AppError::Conflict("catalogue.published_final".into())),
        Err(MoveError::NotAdjacent) => return Err(AppError::field("to", "validation.phase_not_adjacent")),
    }
    let mut notice = e.notice_starts.zip(e.notice_ends);
    let mut published = None;
    match target {
        Phase::Notice if from == Phase::Evaluation => {
            entries::freeze(conn, e)?;
            notice = Some((now, now + Duration::days(e.notice_days as i64)));
        }
        Phase::Published => {
            let open = super::objections::open_count(conn, e.id)?;
            if open > 0 {
                return Err(AppError::Conflict("catalogue.objections_open".into()));
            }
            entries::freeze(conn, e)?;
            published = Some(now);
        }
        Phase::Evaluation if from == Phase::Notice => {
            entries::clear(conn, e.id)?;
            notice = None;
        }
        _ => {}
    }
    store::set_phase(conn, e.id, target.code(), notice, published)?;
    audit::record(
        conn,
        e.id,
        Some(user_id),
        "phase",
        None,
        json!({"from": from.code(), "to": target.code(), "reason": reason.trim()}),
    )?;
    let after = store::by_id(conn, e.id)?;
    super::reminders::schedule(conn, &after, now)?;
    Ok(after)
}

/// Checks who may declare the conflict, then records it.
pub fn declare(c: &mut AnyConnection, user: &crate::auth::User, id: i64, input: &ConflictInput) -> AppResult<()> {
    let e = store::by_id(c, id)?;
    let expert = match input.expert {
        Some(x) if x != user.id => {
            policy::require_committee(c, user, e.id)?;
            if !roles::has(c, x, roles::CATALOGUE_EXPERT, roles::SCOPE_EDITION, e.id)? {
                return Err(AppError::field("expert", "validation.not_an_expert"));
            }
            x
        }
        _ => {
            policy::require_expert(c, user, e.id)?;
            user.id
        }
    };
    nominations::require_candidate(c, &e, input.journal)?;
    panel::declare_conflict(c, e.id, user.id, expert, input.journal, &input.reason)
}
