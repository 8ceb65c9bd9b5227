//! Login sessions. The cookie carries a random id; the database keeps its hash, so logging out
//! (or an admin) can end a session on every server at once.

use chrono::{Duration, Utc};
use diesel::prelude::*;

use super::model::User;
use super::tokens::{hash_token, random_token};
use crate::db::AnyConnection;
use crate::db::schema::{auth_sessions, users};
use crate::error::AppResult;

/// How long a login lasts without activity.
pub const SESSION_DAYS: i64 = 14;

/// Starts a session for `user_id`; returns the secret id to put in the cookie.
pub fn create(conn: &mut AnyConnection, user_id: i64, user_agent: &str, ip: &str) -> AppResult<String> {
    let token = random_token();
    let now = Utc::now().naive_utc();
    diesel::insert_into(auth_sessions::table)
        .values((
            auth_sessions::token_hash.eq(hash_token(&token)),
            auth_sessions::user_id.eq(user_id),
            auth_sessions::created_at.eq(now),
            auth_sessions::expires_at.eq(now + Duration::days(SESSION_DAYS)),
            auth_sessions::last_seen_at.eq(now),
            auth_sessions::user_agent.eq(user_agent.chars().take(300).collect::<String>()),
            auth_sessions::ip.eq(ip),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The user of a live session, refreshing its expiry at most once a minute.
pub fn user_of(conn: &mut AnyConnection, token: &str) -> AppResult<Option<User>> {
    let now = Utc::now().naive_utc();
    // Unique hash: `get_result` keeps the statement cacheable (no LIMIT bind).
    let found: Option<(i64, chrono::NaiveDateTime, User)> = auth_sessions::table
        .inner_join(users::table)
        .filter(auth_sessions::token_hash.eq(hash_token(token)))
        .filter(auth_sessions::expires_at.gt(now))
        .select((auth_sessions::id, auth_sessions::last_seen_at, User::as_select()))
        .get_result(conn)
        .optional()?;
    let Some((id, last_seen, user)) = found else {
        return Ok(None);
    };
    if now - last_seen > Duration::minutes(1) {
        diesel::update(auth_sessions::table.find(id))
            .set((
                auth_sessions::last_seen_at.eq(now),
                auth_sessions::expires_at.eq(now + Duration::days(SESSION_DAYS)),
            ))
            .execute(conn)?;
    }
    Ok(Some(user))
}

/// Ends one session.
pub fn delete(conn: &mut AnyConnection, token: &str) -> AppResult<()> {
    diesel::delete(auth_sessions::table.filter(auth_sessions::token_hash.eq(hash_token(token)))).execute(conn)?;
    Ok(())
}

/// Ends every session of a user (after a password reset).
pub fn delete_all_for(conn: &mut AnyConnection, user_id: i64) -> AppResult<()> {
    diesel::delete(auth_sessions::table.filter(auth_sessions::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}
