//! Single-use links mailed to a user: address verification and password reset.

use chrono::{Duration, Utc};
use diesel::prelude::*;

use super::tokens::{hash_token, random_token};
use crate::db::AnyConnection;
use crate::db::schema::email_tokens;
use crate::error::AppResult;

/// What a mailed link is for, and how long it lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms the e-mail address of a new account.
    Verify,
    /// Sets a new password.
    Reset,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
        }
    }

    /// Lifetime of a link.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::Verify => Duration::hours(72),
            Purpose::Reset => Duration::hours(1),
        }
    }
}

/// Issues a link token for `user_id`; earlier unused tokens of the same purpose stop working.
pub fn issue(conn: &mut AnyConnection, user_id: i64, purpose: Purpose) -> AppResult<String> {
    let now = Utc::now().naive_utc();
    diesel::update(
        email_tokens::table
            .filter(email_tokens::user_id.eq(user_id))
            .filter(email_tokens::purpose.eq(purpose.code()))
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(now))
    .execute(conn)?;
    let token = random_token();
    diesel::insert_into(email_tokens::table)
        .values((
            email_tokens::user_id.eq(user_id),
            email_tokens::purpose.eq(purpose.code()),
            email_tokens::token_hash.eq(hash_token(&token)),
            email_tokens::expires_at.eq(now + purpose.lifetime()),
            email_tokens::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The user a live, unused token belongs to, without using it up.
pub fn peek(conn: &mut AnyConnection, token: &str, purpose: Purpose) -> AppResult<Option<i64>> {
    Ok(email_tokens::table
        .filter(email_tokens::token_hash.eq(hash_token(token)))
        .filter(email_tokens::purpose.eq(purpose.code()))
        .filter(email_tokens::used_at.is_null())
        .filter(email_tokens::expires_at.gt(Utc::now().naive_utc()))
        .select(email_tokens::user_id)
        .first(conn)
        .optional()?)
}

/// Uses up a live token; returns its user, or `None` if it is unknown, used or expired.
pub fn consume(conn: &mut AnyConnection, token: &str, purpose: Purpose) -> AppResult<Option<i64>> {
    let Some(user_id) = peek(conn, token, purpose)? else {
        return Ok(None);
    };
    // The used_at condition makes a concurrent second use update nothing.
    let n = diesel::update(
        email_tokens::table
            .filter(email_tokens::token_hash.eq(hash_token(token)))
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Utc::now().naive_utc()))
    .execute(conn)?;
    Ok((n == 1).then_some(user_id))
}
