//! What the committee adds to a conference's report: it releases expert comments into it (or
//! withholds them again) and writes recommendations. Both from the proposal on, logged in the
//! round's audit.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::conference::{self, ConferenceReport};
use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::evaluation::rounds::model::{EntryStatus, Round, RoundPhase};
use crate::guard::evaluation::require_committee;
use crate::panel::audit;

/// Longest recommendations, in characters per language.
pub const MAX_RECOMMENDATIONS: usize = 4000;

/// Release or withhold one comment.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationCommentRelease)]
pub struct ReleaseInput {
    /// `true` puts it into the conference's report, `false` takes it out.
    pub released: bool,
}

/// The committee's recommendations to a conference.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationRecommendationsInput)]
pub struct RecommendationsInput {
    /// In Chinese (at most 4,000 characters; empty: none).
    #[serde(default)]
    pub text_zh: String,
    /// In English (at most 4,000 characters; a missing language reads as the other).
    #[serde(default)]
    pub text_en: String,
}

/// The committee, an active entry, and a round whose results exist.
fn check(conn: &mut AnyConnection, user: &User, r: &Round, entry_id: i64) -> AppResult<()> {
    require_committee(conn, user, r)?;
    let e = crate::evaluation::rounds::store::entry(conn, r.id, entry_id)?;
    if e.status != EntryStatus::Active {
        return Err(AppError::NotFound);
    }
    if r.phase < RoundPhase::Proposal {
        return Err(AppError::Conflict("evaluation.report_too_early".into()));
    }
    Ok(())
}

/// Releases comment `number` of an entry into its report, or withholds it again.
pub fn release(
    conn: &mut AnyConnection,
    user: &User,
    r: &Round,
    (entry_id, number): (i64, usize),
    input: &ReleaseInput,
) -> AppResult<ConferenceReport> {
    check(conn, user, r, entry_id)?;
    let (_, c) = conference::numbered(conn, r, entry_id)?
        .into_iter()
        .find(|(n, _)| *n == number)
        .ok_or(AppError::NotFound)?;
    store::set_released(conn, (r.id, entry_id, c.expert_id), input.released)?;
    audit::record(
        conn,
        crate::panel::Round::evaluation(r.id),
        Some(user.id),
        if input.released { "comment_released" } else { "comment_withheld" },
        Some(entry_id),
        json!({ "comment": number }),
    )?;
    conference::view(conn, user, r, entry_id)
}

/// Replaces the recommendations to an entry.
pub fn recommend(
    conn: &mut AnyConnection,
    user: &User,
    r: &Round,
    entry_id: i64,
    input: &RecommendationsInput,
    now: NaiveDateTime,
) -> AppResult<ConferenceReport> {
    check(conn, user, r, entry_id)?;
    let mut f = FieldErrors::new();
    let zh = crate::text::field(&mut f, "text_zh", &input.text_zh, MAX_RECOMMENDATIONS);
    let en = crate::text::field(&mut f, "text_en", &input.text_en, MAX_RECOMMENDATIONS);
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    store::put_recommendations(conn, (r.id, entry_id), (&zh, &en), user.id, now)?;
    audit::record(
        conn,
        crate::panel::Round::evaluation(r.id),
        Some(user.id),
        "recommendations",
        Some(entry_id),
        json!({ "text_zh": zh, "text_en": en }),
    )?;
    conference::view(conn, user, r, entry_id)
}
