//! Who sits on a society's integrity committee. The society's staff name and remove members
//! (as the society's council decides); nobody names themselves, every change is written to the
//! society's integrity audit log, and the person named is told by mail. Naming someone does
//! not let the staff read cases: only members do.

use chrono::Utc;
use serde::Serialize;
use serde_json::json;

use super::store::{self, Audit};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::{self, Mail};
use crate::salons::plan::model::Society;
use crate::web::AppState;

/// A member of the committee, as listed to the staff and to the committee.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityCommitteeMember)]
pub struct Member {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

/// The committee of society `society_id`, by name.
pub fn members(conn: &mut AnyConnection, society_id: i64) -> AppResult<Vec<Member>> {
    let mut out = Vec::new();
    for uid in roles::holders(conn, roles::INTEGRITY_COMMITTEE, roles::SCOPE_SOCIETY, society_id)? {
        let u = crate::auth::store::by_id(conn, uid)?;
        out.push(Member {
            user_id: u.id,
            name: u.display_name(),
            email: u.email.clone(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn audit(conn: &mut AnyConnection, society: &Society, by: &User, action: &str, email: &str) -> AppResult<()> {
    let a = Audit {
        society_id: society.id,
        case_id: None,
        user_id: Some(by.id),
        party_id: None,
        action,
        detail: email,
    };
    store::audit(conn, &a, Utc::now().naive_utc())
}

/// Names the account with address `email` to the committee of `society` (the caller has
/// checked that `by` is its staff).
pub fn appoint(conn: &mut AnyConnection, state: &AppState, by: &User, society: &Society, email: &str) -> AppResult<()> {
    let email = crate::values::Email::parse(email.trim()).ok_or_else(|| AppError::field("email", "validation.email_invalid"))?;
    let Some(u) = crate::auth::store::by_email(conn, email.as_str())? else {
        return Err(AppError::field("email", "validation.integrity_member_no_account"));
    };
    if u.id == by.id {
        return Err(AppError::field("email", "validation.integrity_member_self"));
    }
    if super::service::is_member(conn, u.id, society.id)? {
        return Err(AppError::field("email", "validation.integrity_member_already"));
    }
    roles::grant(conn, u.id, roles::INTEGRITY_COMMITTEE, roles::SCOPE_SOCIETY, society.id)?;
    audit(conn, society, by, "appoint", &u.email)?;
    let vars = json!({
        "society_zh": society.name_zh, "society_en": society.name_en,
        "link": format!("{}/societies/{}/integrity", state.config.base_url, society.slug),
    });
    mail::queue(conn, state, Mail::to_user(&u, u.mail_lang(), "integrity_committee_appointed", vars))?;
    Ok(())
}

/// Removes member `user_id` from the committee of `society`.
pub fn dismiss(conn: &mut AnyConnection, by: &User, society: &Society, user_id: i64) -> AppResult<()> {
    if !super::service::is_member(conn, user_id, society.id)? {
        return Err(AppError::NotFound);
    }
    let u = crate::auth::store::by_id(conn, user_id)?;
    roles::revoke(conn, user_id, roles::INTEGRITY_COMMITTEE, roles::SCOPE_SOCIETY, society.id)?;
    audit(conn, society, by, "dismiss", &u.email)
}

/// A change to the committee, as its members read it.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Who made it.
    pub by: String,
    /// `appoint` or `dismiss`.
    pub action: String,
    /// Whom it concerned.
    pub email: String,
    #[serde(with = "crate::web::utc")]
    pub at: chrono::NaiveDateTime,
}

/// The latest changes to the committee of `society_id`.
pub fn changes(conn: &mut AnyConnection, society_id: i64) -> AppResult<Vec<Change>> {
    let mut out = Vec::new();
    for a in store::committee_changes(conn, society_id, 20)? {
        let by = match a.user_id {
            Some(u) => crate::auth::store::by_id(conn, u)?.display_name(),
            None => String::new(),
        };
        out.push(Change {
            by,
            action: a.action,
            email: a.detail,
            at: a.created_at,
        });
    }
    Ok(out)
}
