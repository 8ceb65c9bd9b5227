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
fn venue_role(role: super::model::CommitteeRole) -> roles::Role {
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
        let account = crate::auth::store::by_email(conn, &who.email)?.map(|u| u.id);
        crate::integrity::cases::sanctions::refuse_reviewer(conn, venue.society_id, account, &who.email, "invitees")?;
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

/// Accepts an invitation as `user`: they join the committee and get the venue role. The link
/// alone is not enough: the account must have confirmed the invited address, so a forwarded
/// link makes nobody else a member (the chair invites the other address instead).
pub fn accept(conn: &mut AnyConnection, token: &str, user: &User) -> AppResult<Member> {
    let m = store::by_token(conn, token)?.ok_or(AppError::NotFound)?;
    if !m.email.eq_ignore_ascii_case(&user.email) {
        return Err(AppError::Conflict("committee.other_address".into()));
    }
    if user.email_verified_at.is_none() {
        return Err(AppError::Conflict("committee.confirm_address_first".into()));
    }
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
    let society = crate::venues::store::by_id(conn, m.venue_id)?.society_id;
    crate::integrity::cases::sanctions::refuse_reviewer(conn, society, Some(user.id), &user.email, "invitation")?;
    store::accept(conn, m.id, user.id)?;
    roles::grant(conn, user.id, venue_role(m.role), roles::SCOPE_VENUE, m.venue_id)?;
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

/// What removing a member ended.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct RemovalSummary {
    /// Their assignments in the venue, all ended.
    pub assignments_ended: usize,
    /// Their unfinished (draft) reviews, deleted.
    pub drafts_deleted: usize,
    /// Reviews they had submitted: kept for the record, counted nowhere, never sent to authors.
    pub reviews_set_aside: usize,
}

/// Removes an invitation or a member: their venue role, every assignment they hold in the
/// venue and their drafts go with it, so they lose access to the papers at once; submitted
/// reviews stay, set aside.
pub fn remove(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<RemovalSummary> {
    let m = store::get(conn, venue_id, id)?;
    let mut summary = RemovalSummary::default();
    if let Some(uid) = m.user_id {
        roles::revoke(conn, uid, venue_role(m.role), roles::SCOPE_VENUE, venue_id)?;
        summary.assignments_ended = crate::review::assignment::store::end_all_of(conn, venue_id, uid)?;
        summary.drafts_deleted = crate::review::reviews::store::delete_drafts_of(conn, venue_id, uid)?;
        summary.reviews_set_aside = crate::review::reviews::store::count_of(conn, venue_id, uid)?;
    }
    store::remove(conn, m.id)?;
    Ok(summary)
}

/// What an invitation link shows.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvitationView {
    /// Venue URL name.
    pub venue_slug: String,
    /// Venue title in Chinese.
    pub venue_zh: String,
    /// Venue title in English.
    pub venue_en: String,
    /// `reviewer` or `area_chair`.
    pub role: super::model::CommitteeRole,
    /// `invited`, `accepted` or `declined`.
    pub status: super::model::MemberStatus,
    /// Invited address.
    pub email: String,
}

/// Loads what an invitation link shows (404 for an unknown or replaced link).
pub fn invitation(conn: &mut crate::db::AnyConnection, token: &str) -> AppResult<InvitationView> {
    let m = store::by_token(conn, token)?.ok_or(AppError::NotFound)?;
    let v = crate::venues::store::by_id(conn, m.venue_id)?;
    Ok(InvitationView {
        venue_slug: v.slug,
        venue_zh: v.title_zh,
        venue_en: v.title_en,
        role: m.role,
        status: m.status,
        email: m.email,
    })
}
