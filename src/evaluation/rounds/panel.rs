//! A round's expert panel and committee, named by account address through the shared panel
//! mechanics; each new member is mailed in their language, and every change is logged.

use serde::Serialize;
use serde_json::json;

use super::model::Round;
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::evaluation::require_committee;
use crate::mail::Mail;
use crate::panel::{audit, members};
use crate::web::AppState;

pub use crate::catalogue::validate::MembersInput;

/// The role named in a form or request: `expert` (default) or `committee`.
pub fn role(s: &str) -> AppResult<roles::Role> {
    match s.trim() {
        "" | "expert" => Ok(roles::EVALUATION_EXPERT),
        "committee" => Ok(roles::EVALUATION_COMMITTEE),
        _ => Err(AppError::field("role", "validation.panel_role_invalid")),
    }
}

fn code(r: roles::Role) -> &'static str {
    if r == roles::EVALUATION_EXPERT { "expert" } else { "committee" }
}

/// A member of the panel or committee.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationPanelMember)]
pub struct Member {
    /// Account id.
    pub user_id: i64,
    /// Address.
    pub email: String,
    /// Name as shown.
    pub name: String,
}

/// The round's committee and experts.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationPanel)]
pub struct Panel {
    /// Committee members named on the round (the society's staff act as committee too).
    pub committee: Vec<Member>,
    /// Experts.
    pub experts: Vec<Member>,
}

fn holders(conn: &mut AnyConnection, r: &Round, role: roles::Role) -> AppResult<Vec<Member>> {
    let mut out = Vec::new();
    for id in roles::holders(conn, role, roles::SCOPE_EVALUATION_ROUND, r.id)? {
        let u = crate::auth::store::by_id(conn, id)?;
        out.push(Member {
            user_id: u.id,
            email: u.email.clone(),
            name: u.display_name(),
        });
    }
    Ok(out)
}

/// The panel (the committee only; 404 for others).
pub fn view(conn: &mut AnyConnection, user: &User, r: &Round) -> AppResult<Panel> {
    require_committee(conn, user, r)?;
    Ok(Panel {
        committee: holders(conn, r, roles::EVALUATION_COMMITTEE)?,
        experts: holders(conn, r, roles::EVALUATION_EXPERT)?,
    })
}

/// Names experts or committee members by address (the committee); all must have accounts.
/// Each new member is mailed what the round asks of them, in their language.
pub fn add(conn: &mut AnyConnection, state: &AppState, user: &User, r: &Round, input: &MembersInput) -> AppResult<usize> {
    require_committee(conn, user, r)?;
    let role = role(&input.role)?;
    let ids = members::accounts(conn, &input.emails)?;
    let added = members::grant(conn, role, roles::SCOPE_EVALUATION_ROUND, r.id, &ids)?;
    for &id in &added {
        audit::record(
            conn,
            super::service::panel_round(r),
            Some(user.id),
            &format!("{}_added", code(role)),
            None,
            json!({"user": id}),
        )?;
        let member = crate::auth::store::by_id(conn, id)?;
        crate::mail::queue(
            conn,
            state,
            Mail::to_user(
                &member,
                member.mail_lang(),
                "evaluation_member",
                json!({
                    "title_zh": r.title_zh, "title_en": r.title_en,
                    "expert": role == roles::EVALUATION_EXPERT,
                    "closes": r.scoring_closes.map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string()),
                    "link": format!("{}/evaluation/{}", state.config.base_url, r.slug),
                }),
            ),
        )?;
    }
    Ok(added.len())
}

/// Takes someone off the panel or committee (the committee; 404 when they do not hold the role).
pub fn remove(conn: &mut AnyConnection, user: &User, r: &Round, who: i64, role_name: &str) -> AppResult<()> {
    require_committee(conn, user, r)?;
    let role = role(role_name)?;
    if !roles::has(conn, who, role, roles::SCOPE_EVALUATION_ROUND, r.id)? {
        return Err(AppError::NotFound);
    }
    roles::revoke(conn, who, role, roles::SCOPE_EVALUATION_ROUND, r.id)?;
    audit::record(
        conn,
        super::service::panel_round(r),
        Some(user.id),
        &format!("{}_removed", code(role)),
        None,
        json!({"user": who}),
    )
}
