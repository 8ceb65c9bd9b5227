//! Frozen platform metrics: when a round freezes its metrics, every conference held in xuehui
//! gets its figures computed from its own records, with what was counted and when. They change
//! only when the committee recomputes one conference's figures, which is logged with what
//! changed. Conferences held outside xuehui have none (they report their own).

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::model::{Entry, EntryStatus, Round, RoundPhase, StoredFigure};
use super::store;
use super::view::EntryView;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::evaluation::metrics::{Figure, compute};
use crate::guard::evaluation::{is_committee, require_committee};
use crate::panel::audit;

fn computed(conn: &mut AnyConnection, e: &Entry, now: NaiveDateTime) -> AppResult<Option<Vec<Figure>>> {
    match e.venue_id {
        Some(v) => {
            let venue = crate::venues::store::by_id(conn, v)?;
            Ok(Some(compute::compute(conn, &venue, now)?))
        }
        None => Ok(None),
    }
}

/// Computes and stores the figures of every active conference held in xuehui (the round is
/// entering `metrics_frozen`).
pub fn freeze(conn: &mut AnyConnection, r: &Round, now: NaiveDateTime) -> AppResult<usize> {
    let mut n = 0;
    for e in store::entries(conn, r.id)? {
        if e.status != EntryStatus::Active {
            continue;
        }
        if let Some(figures) = computed(conn, &e, now)? {
            store::put_figures(conn, r.id, e.id, &figures, None, now)?;
            n += 1;
        }
    }
    audit::record(
        conn,
        super::service::panel_round(r),
        None,
        "metrics_frozen",
        None,
        json!({"conferences": n}),
    )?;
    Ok(n)
}

/// Recomputes one conference's figures (the committee, while metrics are frozen and before
/// the experts score); logs each figure that changed, before and after.
pub fn recompute(conn: &mut AnyConnection, user: &User, r: &Round, entry_id: i64, now: NaiveDateTime) -> AppResult<Vec<StoredFigure>> {
    require_committee(conn, user, r)?;
    let e = store::entry(conn, r.id, entry_id)?;
    if r.phase != RoundPhase::MetricsFrozen {
        return Err(AppError::Conflict("evaluation.not_metrics_phase".into()));
    }
    let Some(figures) = computed(conn, &e, now)? else {
        return Err(AppError::Conflict("evaluation.outside_no_metrics".into()));
    };
    let before = store::figures(conn, r.id, e.id)?;
    let changes: Vec<serde_json::Value> = figures
        .iter()
        .filter_map(|f| {
            let old = before.iter().find(|b| b.metric == f.metric);
            let was = old.and_then(|o| o.value);
            (was != f.value || old.is_none()).then(|| json!({"metric": f.metric, "before": was, "after": f.value}))
        })
        .collect();
    store::put_figures(conn, r.id, e.id, &figures, Some(user.id), now)?;
    audit::record(
        conn,
        super::service::panel_round(r),
        Some(user.id),
        "recomputed",
        Some(e.id),
        json!({"changes": changes}),
    )?;
    store::figures(conn, r.id, e.id)
}

/// One conference of a round with its frozen figures.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationEntryDetail)]
pub struct EntryDetail {
    /// The conference.
    #[serde(flatten)]
    pub entry: EntryView,
    /// Its platform metrics as frozen (none before the freeze, and none for a conference held
    /// outside xuehui).
    pub figures: Vec<StoredFigure>,
    /// Whether the reader may recompute them now.
    pub can_recompute: bool,
}

/// A conference's page data: for the committee, the conference's own chairs and the experts
/// who score it (404 for others).
pub fn detail(conn: &mut AnyConnection, user: &User, r: &Round, entry_id: i64) -> AppResult<EntryDetail> {
    let e = store::entry(conn, r.id, entry_id)?;
    let committee = is_committee(conn, user, r)?;
    let chairs = match e.venue_id {
        Some(v) => crate::guard::venue::may_manage(conn, user, v)?,
        None => false,
    };
    if !committee && !chairs && !crate::guard::evaluation::expert_reads(conn, user, r, &e)? {
        return Err(AppError::NotFound);
    }
    let venue = match e.venue_id {
        Some(v) => Some(crate::venues::store::by_id(conn, v)?.slug),
        None => None,
    };
    let mut figures = store::figures(conn, r.id, e.id)?;
    // In the order the metrics are defined, not as stored.
    figures.sort_by_key(|f| crate::evaluation::metrics::Metric::ALL.iter().position(|m| *m == f.metric));
    Ok(EntryDetail {
        can_recompute: committee && r.phase == RoundPhase::MetricsFrozen && venue.is_some(),
        entry: EntryView { entry: e, venue },
        figures,
    })
}
