//! Objections (异议) during public notice: any logged-in person objects to a journal's place in
//! the proposed catalogue with a reason; the committee upholds or rejects each with a reason,
//! and the objector is told by mail. An edition is published only when every one is decided.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::audit;
use super::model::{Edition, Objection};
use super::nominations;
use super::phases::Phase;
use crate::db::AnyConnection;
use crate::db::schema::{catalogue_objections, journals, users};
use crate::error::{AppError, AppResult};
use crate::mail::Mail;
use crate::web::AppState;

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
    let reason = nominations::reason(reason)?;
    let id: i64 = diesel::insert_into(catalogue_objections::table)
        .values((
            catalogue_objections::edition_id.eq(e.id),
            catalogue_objections::journal_id.eq(journal_id),
            catalogue_objections::user_id.eq(user_id),
            catalogue_objections::reason.eq(&reason),
            catalogue_objections::status.eq(super::model::ObjectionStatus::Open),
            catalogue_objections::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(catalogue_objections::id)
        .get_result(conn)?;
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

/// The committee's decision on an objection.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = ObjectionDecisionInput)]
pub struct DecisionInput {
    /// `upheld` or `rejected`.
    #[serde(default)]
    pub status: String,
    /// The reason the objector will read.
    #[serde(default)]
    pub reason: String,
}

/// Decides an objection (once) and mails the objector in their language. An upheld objection
/// is usually followed by an override of the journal's tier.
pub fn decide(conn: &mut AnyConnection, state: &AppState, e: &Edition, by: i64, objection_id: i64, input: &DecisionInput) -> AppResult<()> {
    if Phase::parse(&e.phase) != Some(Phase::Notice) {
        return Err(AppError::Conflict("catalogue.objections_closed".into()));
    }
    if !matches!(input.status.as_str(), "upheld" | "rejected") {
        return Err(AppError::field("status", "validation.objection_status"));
    }
    let reason = nominations::reason(&input.reason)?;
    let o: Objection = catalogue_objections::table
        .filter(catalogue_objections::id.eq(objection_id))
        .filter(catalogue_objections::edition_id.eq(e.id))
        .select(Objection::as_select())
        .first(conn)?;
    if o.status != super::model::ObjectionStatus::Open {
        return Err(AppError::Conflict("catalogue.objection_decided".into()));
    }
    diesel::update(catalogue_objections::table.find(o.id))
        .set((
            catalogue_objections::status.eq(&input.status),
            catalogue_objections::decision_reason.eq(&reason),
            catalogue_objections::decided_by.eq(Some(by)),
            catalogue_objections::decided_at.eq(Some(Utc::now().naive_utc())),
        ))
        .execute(conn)?;
    audit::record(
        conn,
        e.id,
        Some(by),
        "objection_decided",
        Some(o.journal_id),
        json!({"objection": o.id, "status": input.status, "reason": reason}),
    )?;
    let objector = crate::auth::store::by_id(conn, o.user_id)?;
    let journal = crate::journals::store::get(conn, o.journal_id)?;
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
                "upheld": input.status == "upheld", "objection": o.reason, "reason": reason,
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
    let mut q = catalogue_objections::table
        .inner_join(users::table.on(users::id.eq(catalogue_objections::user_id)))
        .inner_join(journals::table.on(journals::id.eq(catalogue_objections::journal_id)))
        .filter(catalogue_objections::edition_id.eq(edition_id))
        .into_boxed();
    if let Some(u) = user {
        q = q.filter(catalogue_objections::user_id.eq(u));
    }
    let rows: Vec<(Objection, String, String, String)> = q
        .order((catalogue_objections::decided_at.is_not_null(), catalogue_objections::id))
        .select((Objection::as_select(), users::email, journals::name_zh, journals::name_en))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(objection, email, journal_zh, journal_en)| ObjectionView {
            objection,
            email,
            journal_zh,
            journal_en,
        })
        .collect())
}

/// Objections not yet decided.
pub fn open_count(conn: &mut AnyConnection, edition_id: i64) -> AppResult<i64> {
    Ok(catalogue_objections::table
        .filter(catalogue_objections::edition_id.eq(edition_id))
        .filter(catalogue_objections::status.eq(super::model::ObjectionStatus::Open))
        .count()
        .get_result(conn)?)
}
