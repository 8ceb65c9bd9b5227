//! Personal API tokens, sent as `Authorization: Bearer <token>`.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use super::model::User;
use super::tokens::{hash_token, random_token};
use crate::db::AnyConnection;
use crate::db::schema::{api_tokens, users};
use crate::error::{AppError, AppResult};

/// Prefix that makes leaked tokens easy to recognise in logs and scanners.
pub const TOKEN_PREFIX: &str = "xh_";

/// A token as listed to its owner (never the secret itself).
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    /// Token id, used to revoke it.
    pub id: i64,
    /// Owner-chosen label.
    pub name: String,
    /// First characters of the token, to recognise it.
    pub token_prefix: String,
    /// Creation time (UTC).
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Last use (UTC), to the minute.
    #[serde(default, with = "crate::web::utc::option")]
    pub last_used_at: Option<NaiveDateTime>,
    /// When it was revoked.
    #[serde(default, with = "crate::web::utc::option")]
    pub revoked_at: Option<NaiveDateTime>,
}

/// Creates a token; returns its listing and the secret, which is shown once.
pub fn create(conn: &mut AnyConnection, user_id: i64, name: &str) -> AppResult<(ApiToken, String)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || !crate::text::is_clean(name, false) {
        return Err(AppError::field("name", "validation.token_name"));
    }
    let secret = format!("{TOKEN_PREFIX}{}", random_token());
    let id: i64 = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::user_id.eq(user_id),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(hash_token(&secret)),
            api_tokens::token_prefix.eq(&secret[..TOKEN_PREFIX.len() + 6]),
            api_tokens::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(api_tokens::id)
        .get_result(conn)?;
    let token = api_tokens::table.find(id).select(ApiToken::as_select()).first(conn)?;
    Ok((token, secret))
}

/// The user's tokens, newest first, including revoked ones.
pub fn list(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<ApiToken>> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::id.desc())
        .select(ApiToken::as_select())
        .load(conn)?)
}

/// Revokes one of the user's own tokens; another user's token id is "not found".
pub fn revoke(conn: &mut AnyConnection, user_id: i64, token_id: i64) -> AppResult<()> {
    let n = diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(token_id))
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Utc::now().naive_utc()))
    .execute(conn)?;
    if n == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// Revokes every live token of the user (the "revoke all" button, and a completed password
/// reset); returns how many were live.
pub fn revoke_all(conn: &mut AnyConnection, user_id: i64) -> AppResult<usize> {
    Ok(diesel::update(
        api_tokens::table
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Utc::now().naive_utc()))
    .execute(conn)?)
}

/// The owner of a live token, recording its use at most once a minute.
pub fn user_of(conn: &mut AnyConnection, secret: &str) -> AppResult<Option<User>> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    // `get_result`, not `first`: the hash is unique, and a LIMIT bind defeats the prepared-statement cache.
    let found: Option<(i64, Option<NaiveDateTime>, User)> = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(hash_token(secret)))
        .filter(api_tokens::revoked_at.is_null())
        .select((api_tokens::id, api_tokens::last_used_at, User::as_select()))
        .get_result(conn)
        .optional()?;
    let Some((id, last_used, user)) = found else {
        return Ok(None);
    };
    let now = Utc::now().naive_utc();
    if last_used.is_none_or(|t| now - t > Duration::minutes(1)) {
        diesel::update(api_tokens::table.find(id))
            .set(api_tokens::last_used_at.eq(now))
            .execute(conn)?;
    }
    Ok(Some(user))
}

/// The owner of a live token with their roles, in one query (the API's hottest read).
pub fn user_with_roles_of(conn: &mut AnyConnection, secret: &str) -> AppResult<Option<(User, Vec<crate::auth::model::RoleGrant>)>> {
    use crate::auth::model::RoleGrant;
    use crate::db::schema::role_grants;
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    type Row = (i64, Option<NaiveDateTime>, User, Option<RoleGrant>);
    let rows: Vec<Row> = api_tokens::table
        .inner_join(users::table.left_join(role_grants::table))
        .filter(api_tokens::token_hash.eq(hash_token(secret)))
        .filter(api_tokens::revoked_at.is_null())
        .select((
            api_tokens::id,
            api_tokens::last_used_at,
            User::as_select(),
            Option::<RoleGrant>::as_select(),
        ))
        .load(conn)?;
    let Some((id, last_used, user, _)) = rows.first().cloned() else {
        return Ok(None);
    };
    let now = Utc::now().naive_utc();
    if last_used.is_none_or(|t| now - t > Duration::minutes(1)) {
        diesel::update(api_tokens::table.find(id))
            .set(api_tokens::last_used_at.eq(now))
            .execute(conn)?;
    }
    let mut roles: Vec<RoleGrant> = rows.into_iter().filter_map(|r| r.3).collect();
    roles.sort_by(|a, b| (&a.scope_kind, a.scope_id, &a.role).cmp(&(&b.scope_kind, b.scope_id, &b.role)));
    Ok(Some((user, roles)))
}
