//! Public notice (公示) of a round's proposed results: anyone signed in objects to a
//! conference's result with a reason until the notice ends; the committee upholds or rejects
//! each once, with a reason the objector is mailed (an upheld one is usually followed by an
//! override). The round is published only when every objection is decided. Objections and
//! decisions are the panel's (`panel::objections`), shared with the catalogues.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::evaluation::rounds::model::{EntryStatus, Round, RoundPhase};
use crate::guard::evaluation::{is_committee, require_committee};
use crate::mail::Mail;
use crate::panel::objections::{self, DecisionInput, ObjectionStatus};
use crate::panel::{Round as PanelRound, audit};
use crate::web::AppState;

/// An objection as the committee or its objector sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationObjection)]
pub struct ObjectionView {
    /// Id.
    pub id: i64,
    /// The entry concerned.
    pub entry_id: i64,
    /// Its name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// The objector's reason.
    pub reason: String,
    /// `open`, `upheld` or `rejected`.
    pub status: ObjectionStatus,
    /// The committee's reason.
    pub decision_reason: String,
    /// When it was decided (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub decided_at: Option<NaiveDateTime>,
    /// When it was filed (UTC).
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// The objector's address (the committee only).
    pub email: Option<String>,
}

/// An objection to file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationObjectionInput)]
pub struct ObjectionInput {
    /// The entry concerned.
    #[serde(default)]
    pub entry: i64,
    /// Why (required, at most 2,000 characters).
    #[serde(default)]
    pub reason: String,
}

/// Whether objections can be filed now.
pub fn open(r: &Round, now: NaiveDateTime) -> bool {
    r.phase == RoundPhase::Notice && r.notice_ends.is_none_or(|end| now <= end)
}

/// Files an objection (anyone signed in, during the notice), logged.
pub fn file(conn: &mut AnyConnection, user: &User, r: &Round, input: &ObjectionInput, now: NaiveDateTime) -> AppResult<i64> {
    if !open(r, now) {
        return Err(AppError::Conflict("evaluation.objections_closed".into()));
    }
    let e = crate::evaluation::rounds::store::entry(conn, r.id, input.entry)
        .map_err(|_| AppError::field("entry", "evaluation.conflict_entry"))?;
    if e.status != EntryStatus::Active {
        return Err(AppError::field("entry", "evaluation.conflict_entry"));
    }
    let (id, reason) = objections::file(conn, PanelRound::evaluation(r.id), e.id, user.id, &input.reason)?;
    audit::record(
        conn,
        PanelRound::evaluation(r.id),
        Some(user.id),
        "objection",
        Some(e.id),
        json!({"objection": id, "reason": reason}),
    )?;
    Ok(id)
}

/// Decides an objection once (the committee, during the notice), logged, and mails the
/// objector in their language.
pub fn decide(conn: &mut AnyConnection, state: &AppState, user: &User, r: &Round, id: i64, input: &DecisionInput) -> AppResult<()> {
    require_committee(conn, user, r)?;
    if r.phase != RoundPhase::Notice {
        return Err(AppError::Conflict("evaluation.objections_closed".into()));
    }
    let (o, reason) = objections::decide(conn, PanelRound::evaluation(r.id), user.id, id, input)?;
    audit::record(
        conn,
        PanelRound::evaluation(r.id),
        Some(user.id),
        "objection_decided",
        Some(o.subject_id),
        json!({"objection": o.id, "status": input.status.trim(), "reason": reason}),
    )?;
    let objector = crate::auth::store::by_id(conn, o.user_id)?;
    let e = crate::evaluation::rounds::store::entry(conn, r.id, o.subject_id)?;
    crate::mail::queue(
        conn,
        state,
        Mail::to_user(
            &objector,
            objector.mail_lang(),
            "evaluation_objection",
            json!({
                "title_zh": r.title_zh, "title_en": r.title_en,
                "name_zh": e.name_zh, "name_en": e.name_en,
                "upheld": input.status.trim() == "upheld", "objection": o.reason, "reason": reason,
                "link": format!("{}/evaluation/{}/results", state.config.base_url, r.slug),
            }),
        ),
    )?;
    Ok(())
}

/// The round's objections: all of them for the committee, one's own for anyone else signed in.
pub fn list(conn: &mut AnyConnection, user: &User, r: &Round) -> AppResult<Vec<ObjectionView>> {
    let committee = is_committee(conn, user, r)?;
    let rows = objections::list(conn, PanelRound::evaluation(r.id), (!committee).then_some(user.id))?;
    let entries = crate::evaluation::rounds::store::entries(conn, r.id)?;
    Ok(rows
        .into_iter()
        .map(|(o, email)| {
            let e = entries.iter().find(|e| e.id == o.subject_id);
            ObjectionView {
                id: o.id,
                entry_id: o.subject_id,
                name_zh: e.map(|e| e.name_zh.clone()).unwrap_or_default(),
                name_en: e.map(|e| e.name_en.clone()).unwrap_or_default(),
                reason: o.reason,
                status: o.status,
                decision_reason: o.decision_reason,
                decided_at: o.decided_at,
                created_at: o.created_at,
                email: committee.then_some(email),
            }
        })
        .collect())
}

/// Objections not yet decided (publication waits for them).
pub fn open_count(conn: &mut AnyConnection, r: &Round) -> AppResult<i64> {
    objections::open_count(conn, PanelRound::evaluation(r.id))
}
