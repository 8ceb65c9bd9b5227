//! Setting decisions, and what each reader learns of one: chairs always, the authors and
//! the paper's committee once the authors have been told.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::review::phases::DecisionLabel;
use crate::review::reviews::access::{self, Relation};

/// A decision to set, or `null` to take it back.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = PaperDecisionInput)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// Label key, or null for undecided. Required, so a misspelt body cannot clear a decision.
    #[serde(deserialize_with = "Option::deserialize")]
    #[schema(required = true)]
    pub label: Option<String>,
    /// Decide although assigned reviewers have not all submitted; without it such a decision
    /// is refused with 409 `decisions.reviews_missing`, so nobody decides on half the reviews
    /// by accident.
    #[serde(default)]
    pub missing_reviews_ok: bool,
}

/// A decision as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DecisionView {
    /// Label key.
    pub key: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Whether it accepts the paper.
    pub accept: bool,
    /// When it was made.
    #[serde(with = "crate::web::utc")]
    pub decided_at: NaiveDateTime,
    /// When the authors were told.
    #[serde(default, with = "crate::web::utc::option")]
    pub notified_at: Option<NaiveDateTime>,
}

/// The label named `key` (a venue may have removed a label already used: then its key stands).
pub fn label_of(labels: &[DecisionLabel], key: &str) -> DecisionLabel {
    labels.iter().find(|l| l.key == key).cloned().unwrap_or_else(|| DecisionLabel {
        key: key.into(),
        zh: key.into(),
        en: key.into(),
        accept: false,
    })
}

/// Sets or clears the decision on a paper (chairs of its venue who are neither conflicted
/// with it nor its authors; 404 for everyone else).
pub fn set(conn: &mut AnyConnection, user: &User, submission_id: i64, input: &DecisionInput, now: NaiveDateTime) -> AppResult<()> {
    let s = crate::submissions::store::get(conn, submission_id)?;
    if access::relation(conn, user, &s)? != Some(Relation::Chair) {
        return Err(AppError::NotFound);
    }
    if s.status != crate::submissions::model::SUBMITTED {
        return Err(AppError::Conflict("decisions.withdrawn".into()));
    }
    match input.label.as_deref().filter(|l| !l.is_empty()) {
        None => store::clear(conn, submission_id),
        Some(key) => {
            let labels = crate::review::phases::load(conn, s.venue_id)?.labels();
            if !labels.iter().any(|l| l.key == key) {
                return Err(AppError::field("label", "validation.unknown_decision"));
            }
            if !input.missing_reviews_ok && super::table::progress(conn, submission_id)?.missing() {
                return Err(AppError::Conflict("decisions.reviews_missing".into()));
            }
            store::set(conn, s.venue_id, submission_id, key, user.id, now)
        }
    }
}

/// The decision on a paper as `relation` may know it: chairs always, others once told.
pub fn for_reader(conn: &mut AnyConnection, venue_id: i64, submission_id: i64, relation: Relation) -> AppResult<Option<DecisionView>> {
    let Some(d) = store::get(conn, submission_id)? else {
        return Ok(None);
    };
    if relation != Relation::Chair && d.notified_at.is_none() {
        return Ok(None);
    }
    let l = label_of(&crate::review::phases::load(conn, venue_id)?.labels(), &d.label);
    Ok(Some(DecisionView {
        key: l.key,
        zh: l.zh,
        en: l.en,
        accept: l.accept,
        decided_at: d.decided_at,
        notified_at: d.notified_at,
    }))
}
