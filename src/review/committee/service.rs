//! Committee workflows: invitations with their mails, answers, removal.

use serde::Serialize;
use serde_json::json;

use super::model::{ACCEPTED, AREA_CHAIR, DECLINED, Member};
use super::store::{self, Invited};
use super::validate::InviteSpec;
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::{self, Mail};
use crate::venues::model::Venue;
use crate::web::AppState;
use crate::web::i18n::Lang;

/// What an invitation request did.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct InviteSummary {
    /// Addresses invited for the first time.
    pub invited: Vec<String>,
    /// Addresses invited again with a fresh link.
    pub reinvited: Vec<String>,
    /// Addresses that are members already (nothing sent).
    pub already_members: Vec<String>,
}

/// The venue role a committee role grants.
fn venue_role(role: &str) -> &'static str {
    if role == AREA_CHAIR { roles::AREA_CHAIR } else { roles::REVIEWER }
}

/// Invites everyone in `spec` and queues their mails, in one transaction.
pub fn invite(
    conn: &mut AnyConnection,
    state: &AppState,
    venue: &Venue,
    chair: &User,
    spec: &InviteSpec,
    lang: Lang,
) -> AppResult<InviteSummary> {
    let mut summary = InviteSummary::default();
    for who in &spec.invitees {
        let (member, token) = match store::invite(conn, venue.id, who, spec.role, chair.id)? {
            Invited::AlreadyMember(m) => {
                summary.already_members.push(m.email);
                continue;
            }
            Invited::New(m, t) => {
                summary.invited.push(m.email.clone());
                (m, t)
            }
            Invited::Again(m, t) => {
                summary.reinvited.push(m.email.clone());
                (m, t)
            }
        };
        let account = crate::auth::store::by_email(conn, &member.email)?;
        let to_lang = account
            .as_ref()
            .and_then(|u| u.preferred_lang.as_deref())
            .and_then(Lang::parse)
            .unwrap_or(lang);
        mail::queue(
            conn,
            state,
            Mail {
                to: member.email.clone(),
                to_name: if member.name.is_empty() {
                    member.email.clone()
                } else {
                    member.name.clone()
                },
                lang: to_lang,
                template: "committee_invitation",
                vars: json!({
                    "venue_zh": venue.title_zh, "venue_en": venue.title_en,
                    "role": member.role,
                    "inviter": chair.display_name(),
                    "message": spec.message,
                    "link": format!("{}/invitations/{}", state.config.base_url, token),
                }),
            },
        )?;
    }
    Ok(summary)
}

/// Accepts an invitation as `user`: they join the committee and get the venue role.
pub fn accept(conn: &mut AnyConnection, token: &str, user: &User) -> AppResult<Member> {
    let m = store::by_token(conn, token)?.ok_or(AppError::NotFound)?;
    if m.status == ACCEPTED {
        return if m.user_id == Some(user.id) {
            Ok(m)
        } else {
            Err(AppError::Conflict("committee.accepted_by_other".into()))
        };
    }
    if let Some(other) = store::membership(conn, m.venue_id, user.id)?
        && other.id != m.id
    {
        return Err(AppError::Conflict("committee.already_member".into()));
    }
    store::accept(conn, m.id, user.id)?;
    roles::grant(conn, user.id, venue_role(&m.role), roles::SCOPE_VENUE, m.venue_id)?;
    store::get(conn, m.venue_id, m.id)
}

/// Declines an invitation; no account needed, the link is the proof.
pub fn decline(conn: &mut AnyConnection, token: &str, reason: &str, suggestion: &str) -> AppResult<Member> {
    let m = store::by_token(conn, token)?.ok_or(AppError::NotFound)?;
    if m.status == ACCEPTED {
        return Err(AppError::Conflict("committee.already_accepted".into()));
    }
    if m.status != DECLINED || !reason.is_empty() || !suggestion.is_empty() {
        store::decline(conn, m.id, reason, suggestion)?;
    }
    store::get(conn, m.venue_id, m.id)
}

/// Removes an invitation or a member (their venue role goes with it).
pub fn remove(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<()> {
    let m = store::get(conn, venue_id, id)?;
    if let Some(uid) = m.user_id {
        roles::revoke(conn, uid, venue_role(&m.role), roles::SCOPE_VENUE, venue_id)?;
    }
    store::remove(conn, m.id)
}
