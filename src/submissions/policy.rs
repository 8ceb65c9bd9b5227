//! Who may see and change a submission. Anyone else gets 404, so ids reveal nothing.

use chrono::NaiveDateTime;

use super::model::{Author, SUBMITTED, Submission};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::Relation;
use crate::venues::deadline;
use crate::venues::model::Call;

/// How the user relates to a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Access {
    /// Listed as an author (by a verified e-mail address).
    Author {
        /// Whether they are the corresponding author.
        corresponding: bool,
    },
    /// Chair of the venue (or site administrator).
    Chair,
}

/// The user's access to `s`, if any (the rules are `guard::policy`'s: an author first, then a
/// binding conflict hides the paper even from a chair, then the chair).
pub fn access(conn: &mut AnyConnection, user: &User, s: &Submission, authors: &[Author]) -> AppResult<Option<Access>> {
    let facts = crate::guard::paper::facts_with(conn, user, s, authors)?;
    Ok(match crate::guard::policy::relation(&facts) {
        Some(Relation::Author) => Some(Access::Author {
            corresponding: facts.corresponding,
        }),
        Some(Relation::Chair) => Some(Access::Chair),
        _ => None,
    })
}

/// Whether authors may still change the paper at `now`: not withdrawn, not told its decision,
/// and before the deadline.
pub fn editable_until_deadline(call: &Call, s: &Submission, decision_notified: bool, now: NaiveDateTime) -> bool {
    s.status == SUBMITTED && !decision_notified && deadline::is_open(now, call.paper_deadline, call.grace_minutes, s.extension_until)
}

/// Checks that `access` may edit now; the error says why not.
pub fn check_edit(access: Access, call: &Call, s: &Submission, decision_notified: bool, now: NaiveDateTime) -> AppResult<()> {
    match access {
        Access::Chair => Err(AppError::Forbidden),
        Access::Author { corresponding } => {
            if call.only_corresponding_edits && !corresponding {
                Err(AppError::Conflict("submissions.only_corresponding".into()))
            } else if s.status != SUBMITTED {
                Err(AppError::Conflict("submissions.is_withdrawn".into()))
            } else if decision_notified {
                Err(AppError::Conflict("submissions.decided".into()))
            } else if !editable_until_deadline(call, s, false, now) {
                Err(AppError::Conflict("submissions.deadline_passed".into()))
            } else {
                Ok(())
            }
        }
    }
}
