//! Account workflows shared by the pages and the API: sign-up, login, verification, reset.

use chrono::Utc;
use serde_json::json;

use super::email_tokens::{self, Purpose};
use super::model::User;
use super::validate::{self, NewAccount, SignupInput};
use super::{api_tokens, password, rate_limit, sessions, store};
use crate::db::transaction;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::mail::{self, Mail};
use crate::web::AppState;
use crate::web::i18n::Lang;

/// Creates an unverified account and mails the verification link, in one transaction.
///
/// An address that already has an account gets the very same answer (so sign-up does not tell
/// who is registered); its owner is mailed that someone tried to sign up with it instead.
/// Returns the normalised address.
pub async fn signup(state: &AppState, input: &SignupInput, lang: Lang) -> AppResult<String> {
    let mut account: NewAccount = validate::signup(input)?;
    // Someone who leaves the language open reads mails in the language they signed up in.
    account.profile.preferred_lang.get_or_insert(lang);
    let st = state.clone();
    state
        .db
        .run(move |conn| {
            // Hashed either way, so both answers take the same time.
            let hash = password::hash(&account.password, st.config.argon2_memory_kib)?;
            transaction(conn, |conn| {
                match store::by_email(conn, &account.email)? {
                    Some(existing) => notify_signup_attempt(&st, conn, &existing, lang)?,
                    None => {
                        let user = store::create(conn, &account, &hash, false)?;
                        send_link(&st, conn, &user, Purpose::Verify, lang)?;
                    }
                }
                Ok(account.email.clone())
            })
        })
        .await
}

/// Tells an account's owner that someone tried to sign up with their address.
fn notify_signup_attempt(state: &AppState, conn: &mut crate::db::AnyConnection, user: &User, fallback: Lang) -> AppResult<()> {
    let lang = user.preferred_lang.as_deref().and_then(Lang::parse).unwrap_or(fallback);
    mail::queue(
        conn,
        state,
        Mail::to_user(
            user,
            lang,
            "signup_existing",
            json!({
                "login": format!("{}/login", state.config.base_url),
                "forgot": format!("{}/password/forgot", state.config.base_url),
            }),
        ),
    )?;
    Ok(())
}

fn send_link(state: &AppState, conn: &mut crate::db::AnyConnection, user: &User, purpose: Purpose, fallback: Lang) -> AppResult<()> {
    let token = email_tokens::issue(conn, user.id, purpose)?;
    let (template, path) = match purpose {
        Purpose::Verify => ("verify_email", "verify"),
        Purpose::Reset => ("reset_password", "reset"),
    };
    let lang = user.preferred_lang.as_deref().and_then(Lang::parse).unwrap_or(fallback);
    mail::queue(
        conn,
        state,
        Mail::to_user(
            user,
            lang,
            template,
            json!({
                "link": format!("{}/{path}?token={token}", state.config.base_url),
                "hours": purpose.lifetime().num_hours(),
            }),
        ),
    )?;
    Ok(())
}

/// Checks credentials under the rate limit; returns the user and a new session secret.
pub async fn login(state: &AppState, email: &str, pw: &str, ip: &str, user_agent: &str) -> AppResult<(User, String)> {
    let mut fields = FieldErrors::new();
    let email = validate::email(email, &mut fields);
    if pw.is_empty() {
        fields.insert("password".into(), "validation.required".into());
    }
    if !fields.is_empty() {
        return Err(AppError::Validation { fields });
    }
    let st = state.clone();
    let (ip, ua, pw) = (ip.to_string(), user_agent.to_string(), pw.to_string());
    let outcome = state
        .db
        .run(move |conn| {
            let limits = &st.config.login_limits;
            rate_limit::check(conn, &email, &ip, limits)?;
            let user = store::by_email(conn, &email)?;
            let ok = match &user {
                Some(u) => password::verify(&pw, &u.password_hash),
                None => {
                    password::dummy_verify(&pw, st.config.argon2_memory_kib);
                    false
                }
            };
            let Some(user) = user.filter(|_| ok) else {
                // The same answer whether or not the account exists (or is verified).
                let delay = rate_limit::failure_delay(conn, &email, limits)?;
                rate_limit::record_failure(conn, &email, &ip)?;
                return Ok(Err(delay));
            };
            if user.email_verified_at.is_none() {
                // Only someone who knows the password learns that the address is unconfirmed.
                return Err(AppError::Unauthorized("auth.not_verified".into()));
            }
            rate_limit::clear(conn, &email, &ip, limits)?;
            let token = sessions::create(conn, user.id, &ua, &ip)?;
            Ok(Ok((user, token)))
        })
        .await?;
    match outcome {
        Ok(done) => Ok(done),
        Err(delay) => {
            // Many failures on this account from everywhere: slow down, never lock.
            if !delay.is_zero() {
                actix_web::rt::time::sleep(delay).await;
            }
            Err(AppError::Unauthorized("auth.bad_credentials".into()))
        }
    }
}

/// Confirms an address from a mailed link.
pub async fn verify_email(state: &AppState, token: &str) -> AppResult<User> {
    let token = token.to_string();
    state
        .db
        .tx(move |conn| {
            let user_id = email_tokens::consume(conn, &token, Purpose::Verify)?.ok_or(AppError::BadRequest("auth.link_invalid".into()))?;
            store::mark_verified(conn, user_id, Utc::now().naive_utc())?;
            store::by_id(conn, user_id)
        })
        .await
}

/// Mails a new verification link if the account exists and is unverified. Answers the same either way.
pub async fn resend_verification(state: &AppState, email: &str, lang: Lang) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let st = state.clone();
    state
        .db
        .tx(move |conn| {
            if let Some(user) = store::by_email(conn, &email)?
                && user.email_verified_at.is_none()
            {
                send_link(&st, conn, &user, Purpose::Verify, lang)?;
            }
            Ok(())
        })
        .await
}

/// Mails a password-reset link if the account exists. Answers the same either way.
pub async fn request_reset(state: &AppState, email: &str, lang: Lang) -> AppResult<()> {
    let mut fields = FieldErrors::new();
    let email = validate::email(email, &mut fields);
    if !fields.is_empty() {
        return Err(AppError::Validation { fields });
    }
    let st = state.clone();
    state
        .db
        .tx(move |conn| {
            if let Some(user) = store::by_email(conn, &email)? {
                send_link(&st, conn, &user, Purpose::Reset, lang)?;
            }
            Ok(())
        })
        .await
}

/// Whether a reset link is still usable (to show the form or an explanation).
pub async fn reset_link_valid(state: &AppState, token: &str) -> AppResult<bool> {
    let token = token.to_string();
    state
        .db
        .run(move |conn| Ok(email_tokens::peek(conn, &token, Purpose::Reset)?.is_some()))
        .await
}

/// Sets a new password from a reset link, ends every session of the account, revokes all its
/// API tokens and forgets its failed logins; mails the owner that this happened. Someone who
/// had taken the account over keeps no way in.
pub async fn reset_password(state: &AppState, token: &str, new_password: &str, lang: Lang) -> AppResult<User> {
    let mut fields = FieldErrors::new();
    validate::password(new_password, "password", &mut fields);
    if !fields.is_empty() {
        return Err(AppError::Validation { fields });
    }
    let st = state.clone();
    let (token, pw) = (token.to_string(), new_password.to_string());
    state
        .db
        .run(move |conn| {
            let hash = password::hash(&pw, st.config.argon2_memory_kib)?;
            transaction(conn, |conn| {
                let user_id =
                    email_tokens::consume(conn, &token, Purpose::Reset)?.ok_or(AppError::BadRequest("auth.link_invalid".into()))?;
                store::set_password(conn, user_id, &hash)?;
                // Following the link proves the address, so it counts as verified too.
                store::mark_verified(conn, user_id, Utc::now().naive_utc())?;
                sessions::delete_all_for(conn, user_id)?;
                let revoked = api_tokens::revoke_all(conn, user_id)?;
                let user = store::by_id(conn, user_id)?;
                rate_limit::clear_account(conn, &user.email)?;
                let mail_lang = user.preferred_lang.as_deref().and_then(Lang::parse).unwrap_or(lang);
                mail::queue(
                    conn,
                    &st,
                    Mail::to_user(
                        &user,
                        mail_lang,
                        "password_changed",
                        json!({
                            "revoked_tokens": revoked,
                            "forgot": format!("{}/password/forgot", st.config.base_url),
                        }),
                    ),
                )?;
                Ok(user)
            })
        })
        .await
}
