//! Objections (异议) during public notice: anyone signed in objects to a subject's place in the
//! proposed result with a reason; the committee upholds or rejects each, once, with a reason.
//! Whether objections are open, and who is told, is the round's own business.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::Round;
use crate::db::AnyConnection;
use crate::db::schema::{panel_objections, users};
use crate::error::{AppError, AppResult};

crate::text_enum! {
    /// Where an objection stands.
    pub enum ObjectionStatus {
        /// Filed, not decided yet.
        Open = "open",
        /// The committee agreed.
        Upheld = "upheld",
        /// The committee disagreed.
        Rejected = "rejected",
    }
}

/// An objection as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = panel_objections)]
pub struct Objection {
    /// Id.
    pub id: i64,
    /// The round's id.
    pub round_id: i64,
    /// The journal or conference concerned.
    pub subject_id: i64,
    /// Who filed it.
    pub user_id: i64,
    /// Their reason.
    pub reason: String,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: ObjectionStatus,
    /// The committee's reason.
    pub decision_reason: String,
    /// Who decided.
    pub decided_by: Option<i64>,
    /// When.
    pub decided_at: Option<NaiveDateTime>,
    /// Filed at.
    pub created_at: NaiveDateTime,
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

/// Files an objection (the round checked that objections are open and the subject is its own);
/// returns its id.
pub fn file(conn: &mut AnyConnection, round: Round, subject: i64, user_id: i64, reason: &str) -> AppResult<(i64, String)> {
    let reason = super::reason(reason)?;
    let id = diesel::insert_into(panel_objections::table)
        .values((
            panel_objections::round_kind.eq(round.kind),
            panel_objections::round_id.eq(round.id),
            panel_objections::subject_id.eq(subject),
            panel_objections::user_id.eq(user_id),
            panel_objections::reason.eq(&reason),
            panel_objections::status.eq(ObjectionStatus::Open),
            panel_objections::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(panel_objections::id)
        .get_result(conn)?;
    Ok((id, reason))
}

/// Decides an open objection of the round (404 for another round's, 409 when already decided,
/// 422 on `status` or `reason`); returns it as it was filed and the checked reason.
pub fn decide(conn: &mut AnyConnection, round: Round, by: i64, id: i64, input: &DecisionInput) -> AppResult<(Objection, String)> {
    let Some(status @ (ObjectionStatus::Upheld | ObjectionStatus::Rejected)) = ObjectionStatus::parse(input.status.trim()) else {
        return Err(AppError::field("status", "validation.objection_status"));
    };
    let reason = super::reason(&input.reason)?;
    let o: Objection = panel_objections::table
        .filter(panel_objections::id.eq(id))
        .filter(panel_objections::round_kind.eq(round.kind))
        .filter(panel_objections::round_id.eq(round.id))
        .select(Objection::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    if o.status != ObjectionStatus::Open {
        return Err(AppError::Conflict("panel.objection_decided".into()));
    }
    diesel::update(panel_objections::table.find(o.id))
        .set((
            panel_objections::status.eq(status),
            panel_objections::decision_reason.eq(&reason),
            panel_objections::decided_by.eq(Some(by)),
            panel_objections::decided_at.eq(Some(Utc::now().naive_utc())),
        ))
        .execute(conn)?;
    Ok((o, reason))
}

/// The round's objections with the objector's e-mail, open ones first; with `user` only theirs.
pub fn list(conn: &mut AnyConnection, round: Round, user: Option<i64>) -> AppResult<Vec<(Objection, String)>> {
    let mut q = panel_objections::table
        .inner_join(users::table.on(users::id.eq(panel_objections::user_id)))
        .filter(panel_objections::round_kind.eq(round.kind))
        .filter(panel_objections::round_id.eq(round.id))
        .into_boxed();
    if let Some(u) = user {
        q = q.filter(panel_objections::user_id.eq(u));
    }
    Ok(q.order((panel_objections::decided_at.is_not_null(), panel_objections::id))
        .select((Objection::as_select(), users::email))
        .load(conn)?)
}

/// Objections of the round not yet decided.
pub fn open_count(conn: &mut AnyConnection, round: Round) -> AppResult<i64> {
    Ok(panel_objections::table
        .filter(panel_objections::round_kind.eq(round.kind))
        .filter(panel_objections::round_id.eq(round.id))
        .filter(panel_objections::status.eq(ObjectionStatus::Open))
        .count()
        .get_result(conn)?)
}
