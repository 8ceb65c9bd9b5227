//! Login rate limiting. Failures are rows in the database so that every `serve` process
//! enforces the same limit. Three counts over a sliding window:
//!
//! - per (account, client address) pair: `per_account` failures lock that pair out, so whoever
//!   guesses is stopped while the owner can still log in from anywhere else;
//! - per client address, across accounts: `per_ip` failures lock the address out;
//! - per account, from everywhere: past `account_slowdown_after` failures each further failed
//!   attempt is answered only after `account_slowdown_ms`. This slows distributed guessing but
//!   never locks, so nobody can keep an account locked by failing on purpose.
//!
//! A successful login forgets its pair's failures; a completed password reset forgets all of
//! the account's.

use chrono::{Duration, Utc};
use diesel::prelude::*;

use crate::config::LoginLimits;
use crate::db::AnyConnection;
use crate::db::schema::login_failures;
use crate::error::{AppError, AppResult};

const ACCOUNT: &str = "account";
const IP: &str = "ip";

fn since(limits: &LoginLimits) -> chrono::NaiveDateTime {
    Utc::now().naive_utc() - Duration::seconds(limits.window_secs)
}

fn recent_account(conn: &mut AnyConnection, email: &str, client: Option<&str>, limits: &LoginLimits) -> AppResult<i64> {
    let mut q = login_failures::table
        .filter(login_failures::scope.eq(ACCOUNT))
        .filter(login_failures::scope_key.eq(email))
        .filter(login_failures::failed_at.gt(since(limits)))
        .into_boxed();
    if let Some(client) = client {
        q = q.filter(login_failures::client.eq(client));
    }
    Ok(q.count().get_result(conn)?)
}

fn recent_ip(conn: &mut AnyConnection, ip: &str, limits: &LoginLimits) -> AppResult<i64> {
    Ok(login_failures::table
        .filter(login_failures::scope.eq(IP))
        .filter(login_failures::scope_key.eq(ip))
        .filter(login_failures::failed_at.gt(since(limits)))
        .count()
        .get_result(conn)?)
}

/// Refuses the attempt when this client has failed too often on this account, or on any
/// account, recently. Other clients of the same account are not affected.
pub fn check(conn: &mut AnyConnection, email: &str, ip: &str, limits: &LoginLimits) -> AppResult<()> {
    if recent_account(conn, email, Some(ip), limits)? >= limits.per_account || recent_ip(conn, ip, limits)? >= limits.per_ip {
        return Err(AppError::TooManyRequests("auth.rate_limited".into()));
    }
    Ok(())
}

/// How long to hold back the answer to a failed attempt on `email`: nothing, unless the account
/// has failed more than `account_slowdown_after` times (from all clients) within the window.
pub fn failure_delay(conn: &mut AnyConnection, email: &str, limits: &LoginLimits) -> AppResult<std::time::Duration> {
    if limits.account_slowdown_ms > 0 && recent_account(conn, email, None, limits)? >= limits.account_slowdown_after {
        Ok(std::time::Duration::from_millis(limits.account_slowdown_ms))
    } else {
        Ok(std::time::Duration::ZERO)
    }
}

/// Records a failed attempt against the (account, client) pair and the client address.
pub fn record_failure(conn: &mut AnyConnection, email: &str, ip: &str) -> AppResult<()> {
    let now = Utc::now().naive_utc();
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::scope.eq(ACCOUNT),
            login_failures::scope_key.eq(email),
            login_failures::client.eq(Some(ip)),
            login_failures::failed_at.eq(now),
        ))
        .execute(conn)?;
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::scope.eq(IP),
            login_failures::scope_key.eq(ip),
            login_failures::failed_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets the (account, client) pair's failures after a successful login, and prunes old rows.
pub fn clear(conn: &mut AnyConnection, email: &str, ip: &str, limits: &LoginLimits) -> AppResult<()> {
    diesel::delete(
        login_failures::table
            .filter(login_failures::scope.eq(ACCOUNT))
            .filter(login_failures::scope_key.eq(email))
            .filter(login_failures::client.eq(ip)),
    )
    .execute(conn)?;
    diesel::delete(login_failures::table.filter(login_failures::failed_at.lt(since(limits)))).execute(conn)?;
    Ok(())
}

/// Forgets every failure recorded against the account (a completed password reset proves the
/// owner; whoever guessed before must start again with a password that has changed anyway).
pub fn clear_account(conn: &mut AnyConnection, email: &str) -> AppResult<()> {
    diesel::delete(
        login_failures::table
            .filter(login_failures::scope.eq(ACCOUNT))
            .filter(login_failures::scope_key.eq(email)),
    )
    .execute(conn)?;
    Ok(())
}
