//! The chairs' final-version table: every accepted paper whose authors were told, with where
//! its final version stands, filtered by status, track and decision.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::model::{FinalPhase, FinalStatus};
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::venue::Chair;
use crate::submissions::model::SUBMITTED;

/// Filters of the table (all optional).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TableQuery {
    /// Only this status (`missing`, `uploaded`, `checked`, `needs_changes`, `approved`, `withdrawn`).
    #[serde(default)]
    pub status: Option<String>,
    /// Only this track (URL name).
    #[serde(default)]
    pub track: Option<String>,
    /// Only this decision label key.
    #[serde(default)]
    pub label: Option<String>,
}

/// One accepted paper in the table.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FinalRow {
    /// Submission id.
    pub submission_id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Track URL name.
    pub track: Option<String>,
    /// Decision label key.
    pub label: String,
    /// Where the final version stands.
    pub status: FinalStatus,
    /// Pages of the final PDF.
    pub pages: Option<i32>,
    /// Warning keys of the automatic checks.
    pub warnings: Vec<String>,
    /// Whether the authors confirmed the final author list.
    pub authors_confirmed: bool,
    /// Whether an author-list change waits for a chair.
    pub change_pending: bool,
    /// Whether the corresponding author consented to the current text.
    pub consent: bool,
    /// Last reminder.
    #[serde(default, with = "crate::web::utc::option")]
    pub reminded_at: Option<chrono::NaiveDateTime>,
    /// Upload time.
    #[serde(default, with = "crate::web::utc::option")]
    pub uploaded_at: Option<chrono::NaiveDateTime>,
}

/// The table with counts per status.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FinalsTable {
    /// Rows in number order, after the filters.
    pub rows: Vec<FinalRow>,
    /// Papers per status, before the filters.
    pub counts: HashMap<String, usize>,
    /// Whether a final-version phase is set for the venue's main call.
    pub phase_set: bool,
}

/// Loads the table for `chair` (papers the chair wrote or is conflicted with are left out).
pub fn load(conn: &mut AnyConnection, chair: &Chair, q: &TableQuery) -> AppResult<FinalsTable> {
    if let Some(s) = &q.status
        && FinalStatus::parse(s).is_none()
    {
        return Err(AppError::field("status", "validation.status_unknown"));
    }
    let venue = &chair.venue;
    let tracks = crate::venues::store::tracks_of(conn, &[venue.id])?;
    if let Some(t) = &q.track
        && !tracks.iter().any(|x| &x.slug == t)
    {
        return Err(AppError::field("track", "validation.track_unknown"));
    }
    let labels = crate::review::phases::load(conn, venue.id)?.labels();
    let told = crate::submissions::store::told_with_withdrawn(conn, venue.id)?;
    let told: Vec<_> = chair
        .visible(told, |(s, _)| s.id)
        .into_iter()
        .filter(|(_, key)| crate::review::decisions::service::label_of(&labels, key).accept)
        .collect();
    let ids: Vec<i64> = told.iter().map(|(s, _)| s.id).collect();
    let finals: HashMap<i64, _> = store::of_venue(conn, venue.id)?.into_iter().map(|f| (f.submission_id, f)).collect();
    let pending: HashSet<i64> = store::pending_changes(conn, &ids)?.into_iter().collect();
    let mut consents = HashMap::new();
    for c in store::consents_of(conn, &ids)? {
        consents.insert(c.submission_id, c);
    }
    let mut phases: HashMap<i64, Option<FinalPhase>> = HashMap::new();
    let mut rows = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (s, label) in told {
        let f = finals.get(&s.id);
        let status = if s.status == SUBMITTED {
            f.map_or(FinalStatus::Missing, |f| f.status)
        } else {
            FinalStatus::Withdrawn
        };
        if let std::collections::hash_map::Entry::Vacant(e) = phases.entry(s.call_id) {
            e.insert(store::phase_for_call(conn, venue.id, s.call_id)?);
        }
        let phase = phases.get(&s.call_id).and_then(Option::as_ref);
        *counts.entry(status.as_str().to_string()).or_default() += 1;
        let track = tracks.iter().find(|t| Some(t.id) == s.track_id).map(|t| t.slug.clone());
        let row = FinalRow {
            submission_id: s.id,
            number: s.number,
            title_zh: s.title_zh,
            title_en: s.title_en,
            track,
            label,
            status,
            pages: f.and_then(|f| f.pages),
            warnings: f.map(|f| serde_json::from_str(&f.warnings).unwrap_or_default()).unwrap_or_default(),
            authors_confirmed: f.is_some_and(|f| f.authors_confirmed_at.is_some()),
            change_pending: pending.contains(&s.id),
            consent: super::model::consent_current(phase, consents.get(&s.id)),
            reminded_at: f.and_then(|f| f.reminded_at),
            uploaded_at: f.and_then(|f| f.uploaded_at),
        };
        let keep = q.status.as_deref().is_none_or(|x| x == row.status.as_str())
            && q.track.as_ref().is_none_or(|t| row.track.as_ref() == Some(t))
            && q.label.as_ref().is_none_or(|l| &row.label == l);
        if keep {
            rows.push(row);
        }
    }
    let main = crate::venues::store::call_for(conn, venue.id, None)?;
    let phase_set = match main {
        Some(c) => store::phase_of_call(conn, c.id)?.is_some(),
        None => false,
    };
    Ok(FinalsTable { rows, counts, phase_set })
}
