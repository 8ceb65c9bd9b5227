//! What authors and chairs read about a paper's final version (API and page alike).

use chrono::NaiveDateTime;
use serde::Serialize;

use super::model::{AuthorChange, Consent, FinalPhase, FinalStatus, FinalVersion};
use super::service::{self, Accepted};
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::review::phases::DecisionLabel;
use crate::submissions::model::Author;

/// The phase as a reader sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PhaseView {
    /// The settings.
    #[serde(flatten)]
    pub phase: FinalPhase,
    /// Opening in the venue's zone, for display.
    pub opens_local: Option<String>,
    /// Deadline in the venue's zone, for display.
    pub deadline_local: String,
    /// Whether approved finals are open to everyone under the licence.
    pub licence_open: bool,
}

/// A paper's final version with everything around it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FinalView {
    /// Submission id.
    pub submission_id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Venue URL name.
    pub venue: String,
    /// The accepting decision.
    pub decision: DecisionLabel,
    /// The phase, if set.
    pub phase: Option<PhaseView>,
    /// Where the final version stands (`missing` when nothing is recorded).
    pub status: FinalStatus,
    /// The final version's record, once anything was recorded.
    pub final_version: Option<FinalVersion>,
    /// Whether authors may upload now, and if not why (a message key).
    pub upload_closed: Option<String>,
    /// The authors in order.
    pub authors: Vec<Author>,
    /// Author-list changes, newest first.
    pub changes: Vec<AuthorChange>,
    /// The latest consent.
    pub consent: Option<Consent>,
    /// Whether it covers the current text.
    pub consent_current: bool,
}

/// Builds the view of an accepted paper.
pub fn load(conn: &mut AnyConnection, a: Accepted, now: NaiveDateTime) -> AppResult<FinalView> {
    let row = store::get(conn, a.submission.id)?;
    let consent = store::latest_consent(conn, a.submission.id)?;
    let changes = store::changes_of(conn, a.submission.id)?;
    let upload_closed = match service::check_open(&a, row.as_ref(), now) {
        Ok(_) => None,
        Err(crate::error::AppError::Conflict(key)) => Some(key),
        Err(e) => return Err(e),
    };
    let tz = crate::venues::deadline::parse_tz(&a.venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
    let consent_current = super::model::consent_current(a.phase.as_ref(), consent.as_ref());
    let phase = a.phase.map(|p| PhaseView {
        opens_local: p.opens_at.map(|o| crate::venues::deadline::display(o, tz)),
        deadline_local: crate::venues::deadline::display(p.deadline, tz),
        licence_open: super::validate::licence_is_open(&p.licence),
        phase: p,
    });
    let status = if a.submission.status == crate::submissions::model::SUBMITTED {
        row.as_ref().map_or(FinalStatus::Missing, |r| r.status)
    } else {
        FinalStatus::Withdrawn
    };
    Ok(FinalView {
        submission_id: a.submission.id,
        number: a.submission.number,
        title_zh: a.submission.title_zh,
        title_en: a.submission.title_en,
        venue: a.venue.slug,
        decision: a.decision,
        phase,
        status,
        final_version: row,
        upload_closed,
        authors: a.authors,
        changes,
        consent,
        consent_current,
    })
}

/// The view for a confirmed author or a chair of the paper (404 for anyone else).
pub fn for_reader(conn: &mut AnyConnection, user: &crate::auth::User, id: i64, now: NaiveDateTime) -> AppResult<(FinalView, bool)> {
    let (s, _, access) = crate::submissions::service::load_visible(conn, user, id)?;
    let chair = access == crate::submissions::policy::Access::Chair;
    let a = service::accepted(conn, s)?;
    Ok((load(conn, a, now)?, chair))
}
