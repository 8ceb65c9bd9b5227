//! Account queries.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::model::{NewUser, User};
use super::validate::{NewAccount, Profile};
use crate::db::AnyConnection;
use crate::db::schema::users;
use crate::error::{AppError, AppResult};

/// Finds a user by (case-insensitive) e-mail.
pub fn by_email(conn: &mut AnyConnection, email: &str) -> AppResult<Option<User>> {
    Ok(users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// Loads a user by id.
pub fn by_id(conn: &mut AnyConnection, id: i64) -> AppResult<User> {
    Ok(users::table.find(id).select(User::as_select()).first(conn)?)
}

/// Creates an account; a taken e-mail address is a validation error on `email`.
pub fn create(conn: &mut AnyConnection, account: &NewAccount, password_hash: &str, verified: bool) -> AppResult<User> {
    if by_email(conn, &account.email)?.is_some() {
        return Err(AppError::field("email", "validation.email_taken"));
    }
    let now = Utc::now().naive_utc();
    let id: i64 = diesel::insert_into(users::table)
        .values(NewUser {
            email: &account.email,
            password_hash,
            name_zh: &account.profile.name_zh,
            name_latin: &account.profile.name_latin,
            affiliation: &account.profile.affiliation,
            country: &account.profile.country,
            orcid: account.profile.orcid.as_deref(),
            preferred_lang: account.profile.preferred_lang.map(|l| l.code()),
            email_verified_at: verified.then_some(now),
            created_at: now,
            updated_at: now,
        })
        .returning(users::id)
        .get_result(conn)?;
    by_id(conn, id)
}

/// Saves profile fields.
pub fn update_profile(conn: &mut AnyConnection, user_id: i64, p: &Profile) -> AppResult<User> {
    diesel::update(users::table.find(user_id))
        .set((
            users::name_zh.eq(&p.name_zh),
            users::name_latin.eq(&p.name_latin),
            users::affiliation.eq(&p.affiliation),
            users::country.eq(&p.country),
            users::orcid.eq(p.orcid.as_deref()),
            users::preferred_lang.eq(p.preferred_lang.map(|l| l.code())),
            users::birth_year.eq(p.birth_year),
            users::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    by_id(conn, user_id)
}

/// Replaces the password hash.
pub fn set_password(conn: &mut AnyConnection, user_id: i64, password_hash: &str) -> AppResult<()> {
    diesel::update(users::table.find(user_id))
        .set((users::password_hash.eq(password_hash), users::updated_at.eq(Utc::now().naive_utc())))
        .execute(conn)?;
    Ok(())
}

/// Marks the e-mail address as confirmed (keeps the first confirmation time).
pub fn mark_verified(conn: &mut AnyConnection, user_id: i64, at: NaiveDateTime) -> AppResult<()> {
    diesel::update(users::table.find(user_id).filter(users::email_verified_at.is_null()))
        .set(users::email_verified_at.eq(at))
        .execute(conn)?;
    Ok(())
}
