//! Saving a review: drafts as the reviewer types, submission, and edits until the deadline
//! (and again while authors respond and for a week after, so reviewers can take the
//! response into account).

use chrono::{Duration, NaiveDateTime};
use serde::Deserialize;

use super::access::{self, PaperAccess, Relation};
use super::model::{DRAFT, META, REVIEW, Review, SUBMITTED};
use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::review::forms::model::{Answers, check_answers, key_scores, meta_form};
use crate::review::phases::{self, Phases};

/// How long after the author response closes reviewers may still revise.
pub const AFTER_RESPONSE: Duration = Duration::days(7);

/// A review to save.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct ReviewInput {
    /// Answers by field key: numbers for scales, text otherwise.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// Submit (all required fields needed) rather than keep as a draft.
    #[serde(default)]
    pub submit: bool,
}

/// Whether reviews of the venue may be written or changed at `now`.
pub fn writable(phases: &Phases, now: NaiveDateTime) -> bool {
    phases.reviews_open(now)
        || matches!((phases.rebuttal_opens, phases.rebuttal_deadline),
            (Some(a), Some(b)) if a <= now && now <= b + AFTER_RESPONSE)
}

/// The kind of review the user writes for this paper: reviewers `review`, area chairs `meta`.
pub fn kind_for(p: &PaperAccess) -> AppResult<super::model::ReviewKind> {
    match p.relation {
        Relation::Reviewer => Ok(REVIEW),
        Relation::AreaChair => Ok(META),
        // Chairs and authors have nothing to write here; the paper itself they may know.
        Relation::Chair | Relation::Author => Err(AppError::Forbidden),
    }
}

/// Saves the user's review of a paper and returns it.
pub fn save(conn: &mut AnyConnection, user: &User, submission_id: i64, input: &ReviewInput, now: NaiveDateTime) -> AppResult<Review> {
    let p = access::committee_paper(conn, user, submission_id)?;
    let kind = kind_for(&p)?;
    if p.submission.status != crate::submissions::model::SUBMITTED {
        return Err(AppError::Conflict("reviews.withdrawn".into()));
    }
    let phases = phases::load(conn, p.submission.venue_id)?;
    if !writable(&phases, now) {
        return Err(AppError::Conflict("reviews.deadline_passed".into()));
    }
    let form = if kind == META {
        meta_form()
    } else {
        crate::review::forms::store::load(conn, p.submission.venue_id)?
    };
    let existing = store::own(conn, submission_id, user.id, kind)?;
    // A submitted review stays submitted: changes to it must be complete.
    let submit = input.submit || existing.as_ref().is_some_and(Review::is_submitted);
    let answers = check_answers(&form, &input.answers, submit).map_err(|fields| AppError::Validation { fields })?;
    let json = serde_json::to_string(&answers).map_err(|e| AppError::caused("review answers", e))?;
    let status = if submit { SUBMITTED } else { DRAFT };
    let id = store::write(
        conn,
        existing.as_ref(),
        p.submission.venue_id,
        submission_id,
        user.id,
        kind,
        status,
        &json,
        key_scores(&form, &answers),
        now,
    )?;
    store::own(conn, submission_id, user.id, kind)?
        .filter(|r| r.id == id)
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviews_reopen_while_authors_respond_and_a_week_after() {
        let t = |d: i64| chrono::DateTime::from_timestamp(1_800_000_000 + d * 86_400, 0).unwrap().naive_utc();
        let p = Phases {
            review_deadline: Some(t(0)),
            rebuttal_opens: Some(t(5)),
            rebuttal_deadline: Some(t(8)),
            ..Default::default()
        };
        assert!(writable(&p, t(0)));
        assert!(!writable(&p, t(1)), "closed between the deadline and the response");
        assert!(writable(&p, t(6)));
        assert!(writable(&p, t(15)));
        assert!(!writable(&p, t(16)));
        assert!(writable(&Phases::default(), t(100)), "no deadline, always open");
    }
}
