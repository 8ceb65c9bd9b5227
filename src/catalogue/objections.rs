//! Objections (异议) during public notice: any logged-in person objects to a journal's place in
//! the proposed catalogue with a reason; the committee upholds or rejects each with a reason,
//! and the objector is told by mail. An edition is published only when every one is decided.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::audit;
use super::model::{Edition, Objection};
use super::nominations;
use super::phases::Phase;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::Mail;
use crate::panel::{Round, objections};
use crate::web::AppState;

pub use crate::panel::objections::DecisionInput;

/// Whether objections can be filed now.
pub fn open(e: &Edition, now: NaiveDateTime) -> bool {
    Phase::parse(&e.phase) == Some(Phase::Notice) && e.notice_ends.is_none_or(|end| now <= end)
}

/// Files an objection about a journal of the field (listed or not).
pub fn file(conn: &mut AnyConnection, e: &Edition, user_id: i64, journal_id: i64, reason: &str, now: NaiveDateTime) -> AppResult<i64> {
    if !open(e, now) {
        return Err(AppError::Conflict("catalogue.objections_closed".into()));
    }
    nominations::require_candidate(conn, e, journal_id)?;
    let (id, reason) = objections::file(conn, Round::catalogue(e.id), journal_id, user_id, reason)?;
    audit::record(
        conn,
        e.id,
        Some(user_id),
        "objection",
        Some(journal_id),
        json!({"objection": id, "reason": reason}),
    )?;
    Ok(id)
}

/// Decides an objection (once) and mails the objector in their language. An upheld objection
/// is usually followed by an override of the journal's tier.
pub fn decide(conn: &mut AnyConnection, state: &AppState, e: &Edition, by: i64, objection_id: i64, input: &DecisionInput) -> AppResult<()> {
    if Phase::parse(&e.phase) != Some(Phase::Notice) {
        return Err(AppError::Conflict("catalogue.objections_closed".into()));
    }
    let (o, reason) = objections::decide(conn, Round::catalogue(e.id), by, objection_id, input)?;
    audit::record(
        conn,
        e.id,
        Some(by),
        "objection_decided",
        Some(o.subject_id),
        json!({"objection": o.id, "status": input.status.trim(), "reason": reason}),
    )?;
    let objector = crate::auth::store::by_id(conn, o.user_id)?;
    let journal = crate::journals::store::get(conn, o.subject_id)?;
    crate::mail::queue(
        conn,
        state,
        Mail::to_user(
            &objector,
            objector.mail_lang(),
            "catalogue_objection",
            json!({
                "title_zh": e.title_zh, "title_en": e.title_en,
                "journal_zh": journal.name_zh, "journal_en": journal.name_en,
                "upheld": input.status.trim() == "upheld", "objection": o.reason, "reason": reason,
                "link": format!("{}/catalogues/{}", state.config.base_url, e.slug),
            }),
        ),
    )?;
    Ok(())
}

/// An objection with names, for the committee.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ObjectionView {
    /// The objection.
    #[serde(flatten)]
    pub objection: Objection,
    /// Objector's e-mail.
    pub email: String,
    /// Journal's Chinese name.
    pub journal_zh: String,
    /// Journal's English name.
    pub journal_en: String,
}

/// The edition's objections, open ones first; with `user` only that person's.
pub fn list(conn: &mut AnyConnection, edition_id: i64, user: Option<i64>) -> AppResult<Vec<ObjectionView>> {
    let rows = objections::list(conn, Round::catalogue(edition_id), user)?;
    let mut ids: Vec<i64> = rows.iter().map(|(o, _)| o.subject_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i64, (String, String)> = crate::journals::store::by_ids(conn, &ids)?
        .into_iter()
        .map(|j| (j.id, (j.name_zh, j.name_en)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|(o, email)| {
            let (journal_zh, journal_en) = names.get(&o.subject_id).cloned().unwrap_or_default();
            ObjectionView {
                objection: Objection::of(o),
                email,
                journal_zh,
                journal_en,
            }
        })
        .collect())
}

/// Objections not yet decided.
pub fn open_count(conn: &mut AnyConnection, edition_id: i64) -> AppResult<i64> {
    objections::open_count(conn, Round::catalogue(edition_id))
}
