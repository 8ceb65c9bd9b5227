//! What a side does with its flags: read them (every read is audited), dismiss one with a
//! reason, open it again, and set the venue's dual-submission policy.

use chrono::Utc;
use serde::Deserialize;

use super::model::{DualSubmission, FlagState};
use super::store::{self, Audit, Owner};
use super::view::{self, FlagView, Listing, PassageView};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};

/// Longest reason, in characters.
pub const REASON_MAX: usize = 2000;

/// Why a flag is set aside.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntegrityDismissal)]
pub struct DismissInput {
    /// The reason, kept with the flag and in the audit log (required).
    pub reason: String,
}

/// A venue's dual-submission policy.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntegrityPolicyInput)]
pub struct PolicyInput {
    /// `forbidden`, `allowed` or `declared`.
    pub dual_submission: String,
}

fn audit(conn: &mut AnyConnection, user: i64, action: &str, owner: Owner, flag: Option<i64>, detail: &str) -> AppResult<()> {
    let a = Audit {
        user: Some(user),
        action,
        owner,
        flag,
        detail,
    };
    store::audit(conn, a, Utc::now().naive_utc())
}

/// A side's flags for `user`, recorded in the audit log.
pub fn read_listing(conn: &mut AnyConnection, owner: Owner, user: i64, hidden: &dyn Fn(i64) -> bool) -> AppResult<Listing> {
    let l = view::listing(conn, owner, hidden)?;
    audit(conn, user, "read_flags", owner, None, "")?;
    Ok(l)
}

/// One flag with its passages for `user`, recorded in the audit log.
pub fn read_flag(
    conn: &mut AnyConnection,
    owner: Owner,
    user: i64,
    id: i64,
    hidden: &dyn Fn(i64) -> bool,
) -> AppResult<(FlagView, Vec<PassageView>)> {
    let d = view::detail(conn, owner, id, hidden)?;
    audit(conn, user, "read_flag", owner, Some(id), "")?;
    Ok(d)
}

/// The reason, checked: required, clean, not too long.
pub fn reason(input: &DismissInput) -> AppResult<String> {
    let mut fields = FieldErrors::new();
    let r = crate::text::field(&mut fields, "reason", &input.reason, REASON_MAX);
    if r.is_empty() && fields.is_empty() {
        fields.insert("reason".into(), "validation.required".into());
    }
    AppError::unless_fields(fields, r)
}

/// Sets an open flag aside with a reason.
pub fn dismiss(
    conn: &mut AnyConnection,
    owner: Owner,
    user: i64,
    id: i64,
    input: &DismissInput,
    hidden: &dyn Fn(i64) -> bool,
) -> AppResult<()> {
    let why = reason(input)?;
    let f = view::decidable(conn, owner, id, hidden)?;
    if f.state != FlagState::Open {
        return Err(AppError::Conflict("integrity.not_open".into()));
    }
    store::decide(conn, id, FlagState::Dismissed, &why, user, Utc::now().naive_utc())?;
    audit(conn, user, "dismiss", owner, Some(id), &why)
}

/// Opens a dismissed flag again.
pub fn reopen(conn: &mut AnyConnection, owner: Owner, user: i64, id: i64, hidden: &dyn Fn(i64) -> bool) -> AppResult<()> {
    let f = view::decidable(conn, owner, id, hidden)?;
    if f.state != FlagState::Dismissed {
        return Err(AppError::Conflict("integrity.not_dismissed".into()));
    }
    store::decide(conn, id, FlagState::Open, "", user, Utc::now().naive_utc())?;
    audit(conn, user, "reopen", owner, Some(id), "")
}

/// Sets a venue's dual-submission policy.
pub fn set_policy(conn: &mut AnyConnection, venue_id: i64, user: i64, input: &PolicyInput) -> AppResult<DualSubmission> {
    let p: DualSubmission = input
        .dual_submission
        .parse()
        .map_err(|_| AppError::field("dual_submission", "validation.integrity_policy"))?;
    store::set_policy(conn, venue_id, p, user, Utc::now().naive_utc())?;
    audit(conn, user, "set_policy", Owner::Venue(venue_id), None, p.as_str())?;
    Ok(p)
}
