//! Venue roles that chairs hand out by an account's address (check-in helpers, lead scientists,
//! contest judges, minutes rapporteurs): one way to name a holder, tell them where their page
//! is, and take the role back.

use crate::auth::User;
use crate::auth::roles::{self, Role};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::venues::model::Venue;
use crate::web::AppState;

/// How one role is handed out.
#[derive(Debug, Clone, Copy)]
pub struct Handout {
    /// The role, on the venue.
    pub role: Role,
    /// Message key of the `email` field error when no account has the address.
    pub no_account: &'static str,
    /// Mail template telling the new holder (variables: `venue_zh`, `venue_en`, `link`).
    pub mail: &'static str,
    /// Their page, after `/venues/{slug}` (`/checkin`).
    pub page: &'static str,
}

/// Gives the role to the account with address `email` and mails them their page in their
/// language; someone who holds it already is neither granted again nor mailed. Answers the
/// account.
pub fn name(conn: &mut AnyConnection, state: &AppState, venue: &Venue, h: &Handout, email: &str) -> AppResult<User> {
    let u = crate::auth::store::by_email(conn, email)?.ok_or_else(|| AppError::field("email", h.no_account))?;
    if roles::has(conn, u.id, h.role, roles::SCOPE_VENUE, venue.id)? {
        return Ok(u);
    }
    roles::grant(conn, u.id, h.role, roles::SCOPE_VENUE, venue.id)?;
    let vars = serde_json::json!({
        "venue_zh": venue.title_zh,
        "venue_en": venue.title_en,
        "link": format!("{}/venues/{}{}", state.config.base_url, venue.slug, h.page),
    });
    crate::mail::queue(conn, state, crate::mail::Mail::to_user(&u, u.mail_lang(), h.mail, vars))?;
    Ok(u)
}

/// Whether `user_id` holds `role` on the venue.
pub fn holds(conn: &mut AnyConnection, role: Role, venue_id: i64, user_id: i64) -> AppResult<bool> {
    roles::has(conn, user_id, role, roles::SCOPE_VENUE, venue_id)
}

/// Takes the role back (404 when they do not hold it, not revealing anything else).
pub fn take_back(conn: &mut AnyConnection, role: Role, venue_id: i64, user_id: i64) -> AppResult<()> {
    if !holds(conn, role, venue_id, user_id)? {
        return Err(AppError::NotFound);
    }
    roles::revoke(conn, user_id, role, roles::SCOPE_VENUE, venue_id)
}
