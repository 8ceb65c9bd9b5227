//! Evaluation round actions: a society's staff create a round on a final indicator system
//! version; its committee moves it through the phases (logged); chairs apply for their venue,
//! the committee nominates venues and enters conferences held outside xuehui; entries are
//! withdrawn until scoring starts. Each checks access inside the transaction it writes in.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::{Entry, EntryOrigin, EntryStatus, Round, RoundPhase};
use super::store;
use super::validate::{self, EntryInput, EntrySpec, RoundInput};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::evaluation::{is_committee, require_committee};
use crate::panel::{self, audit};
use crate::salons::plan::model::Society;

/// The panel's name for a round.
pub fn panel_round(r: &Round) -> panel::Round {
    panel::Round::evaluation(r.id)
}

/// Creates a round (the society's staff; 404 for others) on a final version of one of the
/// society's systems (the latest final one unless a version is named); its creator joins the
/// committee.
pub fn create(conn: &mut AnyConnection, user: &User, s: &Society, input: &RoundInput, now: NaiveDateTime) -> AppResult<Round> {
    crate::guard::society::require_staff(conn, user, s.id)?;
    let mut spec = validate::round(input)?;
    if store::slug_taken(conn, &spec.slug)? {
        return Err(AppError::field("slug", "evaluation.slug_taken"));
    }
    let system = super::super::systems::store::get(conn, s.id, spec.system_id)
        .map_err(|_| AppError::field("system_id", "evaluation.system_unknown"))?;
    let finals: Vec<i32> = super::super::systems::store::versions(conn, system.id)?
        .into_iter()
        .filter(|v| v.finalised_at.is_some())
        .map(|v| v.version)
        .collect();
    spec.system_version = match (input.system_version, finals.last()) {
        (Some(v), _) if finals.contains(&v) => v,
        (Some(_), _) => return Err(AppError::field("system_version", "evaluation.version_not_final")),
        (None, Some(v)) => *v,
        (None, None) => return Err(AppError::field("system_id", "evaluation.no_final_version")),
    };
    let id = store::create(conn, s.id, &spec, user.id, now)?;
    roles::grant(conn, user.id, roles::EVALUATION_COMMITTEE, roles::SCOPE_EVALUATION_ROUND, id)?;
    audit::record(
        conn,
        panel::Round::evaluation(id),
        Some(user.id),
        "created",
        None,
        json!({"slug": spec.slug, "system": system.id, "version": spec.system_version}),
    )?;
    store::get(conn, id)
}

/// A phase move.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationPhaseInput)]
pub struct PhaseInput {
    /// The phase to move to: the next one, or the one before with a reason.
    #[serde(default)]
    pub phase: String,
    /// Why the round goes back a phase.
    #[serde(default)]
    pub reason: String,
}

/// Moves the round one phase forward, or back with a reason (the committee), and logs it.
pub fn move_phase(conn: &mut AnyConnection, user: &User, r: &Round, input: &PhaseInput, now: NaiveDateTime) -> AppResult<Round> {
    require_committee(conn, user, r)?;
    let to = RoundPhase::parse(input.phase.trim()).ok_or_else(|| AppError::field("phase", "evaluation.phase_unknown"))?;
    panel::phases::check_move(RoundPhase::ALL, r.phase, to, &input.reason).map_err(|e| match e {
        panel::phases::MoveError::Published => AppError::Conflict("evaluation.published_final".into()),
        panel::phases::MoveError::ReasonRequired => AppError::field("reason", "validation.reason_required"),
        panel::phases::MoveError::NotAdjacent => AppError::field("phase", "evaluation.phase_not_adjacent"),
    })?;
    if to == RoundPhase::Published && crate::evaluation::notice::service::open_count(conn, r)? > 0 {
        return Err(AppError::Conflict("evaluation.objections_open".into()));
    }
    let reason = crate::text::field(&mut Default::default(), "reason", &input.reason, panel::MAX_REASON);
    if to == RoundPhase::Published {
        crate::evaluation::results::service::publish(conn, r, now)?;
    }
    store::set_phase(conn, r.id, to, now)?;
    audit::record(
        conn,
        panel_round(r),
        Some(user.id),
        "phase",
        None,
        json!({"from": r.phase, "to": to, "reason": reason}),
    )?;
    if to == RoundPhase::MetricsFrozen && r.phase == RoundPhase::Applications {
        super::snapshot::freeze(conn, r, now)?;
    }
    let moved = store::get(conn, r.id)?;
    if to == RoundPhase::Scoring {
        crate::evaluation::ballots::reminders::schedule(conn, &moved, now)?;
    }
    Ok(moved)
}

/// Whether conferences may still enter or withdraw from the round.
fn entries_open(r: &Round) -> AppResult<()> {
    if r.phase == RoundPhase::Applications {
        Ok(())
    } else {
        Err(AppError::Conflict("evaluation.applications_closed".into()))
    }
}

/// Enters a conference: a venue's chairs apply for it (until applications close), the
/// committee nominates a venue or enters a conference held outside xuehui. A venue enters a
/// round once (a withdrawn entry comes back).
pub fn enter(conn: &mut AnyConnection, user: &User, r: &Round, input: &EntryInput, now: NaiveDateTime) -> AppResult<Entry> {
    entries_open(r)?;
    let committee = is_committee(conn, user, r)?;
    let slug = input.venue.trim();
    let (origin, spec) = if slug.is_empty() {
        if !committee {
            return Err(AppError::field("venue", "evaluation.venue_required"));
        }
        (EntryOrigin::Outside, validate::outside(input)?)
    } else {
        let venue = crate::venues::store::by_slug(conn, slug)
            .ok()
            .filter(|v| v.is_open())
            .ok_or_else(|| AppError::field("venue", "evaluation.venue_unknown"))?;
        let origin = if crate::guard::venue::may_manage(conn, user, venue.id)? {
            EntryOrigin::Applied
        } else if committee {
            EntryOrigin::Nominated
        } else {
            return Err(AppError::field("venue", "evaluation.not_your_venue"));
        };
        if origin == EntryOrigin::Applied && !committee && r.applications_close.is_some_and(|c| now > c) {
            return Err(AppError::Conflict("evaluation.applications_closed".into()));
        }
        if let Some(e) = store::entry_of_venue(conn, r.id, venue.id)? {
            if e.status == EntryStatus::Active {
                return Err(AppError::Conflict("evaluation.already_entered".into()));
            }
            store::set_status(conn, e.id, EntryStatus::Active, now)?;
            audit::record(
                conn,
                panel_round(r),
                Some(user.id),
                "entry_back",
                Some(e.id),
                json!({"venue": venue.slug}),
            )?;
            return store::entry(conn, r.id, e.id);
        }
        let spec = EntrySpec {
            venue_id: Some(venue.id),
            name_zh: venue.title_zh.clone(),
            name_en: venue.title_en.clone(),
            organiser: String::new(),
            held: String::new(),
            website: String::new(),
        };
        (origin, spec)
    };
    let id = store::add_entry(conn, r.id, origin, &spec, user.id, now)?;
    audit::record(
        conn,
        panel_round(r),
        Some(user.id),
        "entry",
        Some(id),
        json!({"origin": origin, "name_zh": spec.name_zh, "name_en": spec.name_en}),
    )?;
    store::entry(conn, r.id, id)
}

/// Withdraws an entry (the committee, or the chairs of its venue) while entries are open.
pub fn withdraw(conn: &mut AnyConnection, user: &User, r: &Round, entry_id: i64, now: NaiveDateTime) -> AppResult<Entry> {
    let e = store::entry(conn, r.id, entry_id)?;
    let chairs = match e.venue_id {
        Some(v) => crate::guard::venue::may_manage(conn, user, v)?,
        None => false,
    };
    if !chairs && !is_committee(conn, user, r)? {
        return Err(AppError::NotFound);
    }
    entries_open(r)?;
    if e.status == EntryStatus::Withdrawn {
        return Err(AppError::Conflict("evaluation.already_withdrawn".into()));
    }
    store::set_status(conn, e.id, EntryStatus::Withdrawn, now)?;
    audit::record(conn, panel_round(r), Some(user.id), "withdrawn", Some(e.id), json!({}))?;
    store::entry(conn, r.id, e.id)
}
