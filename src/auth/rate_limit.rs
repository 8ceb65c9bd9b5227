//! Login rate limiting, per account and per client address. Failures are rows in the database
//! so that every `serve` process enforces the same limit.

use chrono::{Duration, Utc};
use diesel::prelude::*;

use crate::config::LoginLimits;
use crate::db::AnyConnection;
use crate::db::schema::login_failures;
use crate::error::{AppError, AppResult};

const ACCOUNT: &str = "account";
const IP: &str = "ip";

fn recent(conn: &mut AnyConnection, scope: &str, key: &str, limits: &LoginLimits) -> AppResult<i64> {
    let since = Utc::now().naive_utc() - Duration::seconds(limits.window_secs);
    Ok(login_failures::table
        .filter(login_failures::scope.eq(scope))
        .filter(login_failures::scope_key.eq(key))
        .filter(login_failures::failed_at.gt(since))
        .count()
        .get_result(conn)?)
}

/// Refuses the attempt when the account or the address has failed too often recently.
pub fn check(conn: &mut AnyConnection, email: &str, ip: &str, limits: &LoginLimits) -> AppResult<()> {
    if recent(conn, ACCOUNT, email, limits)? >= limits.per_account || recent(conn, IP, ip, limits)? >= limits.per_ip {
        return Err(AppError::TooManyRequests("auth.rate_limited".into()));
    }
    Ok(())
}

/// Records a failed attempt against both the account and the address.
pub fn record_failure(conn: &mut AnyConnection, email: &str, ip: &str) -> AppResult<()> {
    let now = Utc::now().naive_utc();
    for (scope, key) in [(ACCOUNT, email), (IP, ip)] {
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::scope.eq(scope),
                login_failures::scope_key.eq(key),
                login_failures::failed_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Forgets the account's failures after a successful login, and prunes old rows.
pub fn clear(conn: &mut AnyConnection, email: &str, limits: &LoginLimits) -> AppResult<()> {
    diesel::delete(
        login_failures::table
            .filter(login_failures::scope.eq(ACCOUNT))
            .filter(login_failures::scope_key.eq(email)),
    )
    .execute(conn)?;
    let old = Utc::now().naive_utc() - Duration::seconds(limits.window_secs);
    diesel::delete(login_failures::table.filter(login_failures::failed_at.lt(old))).execute(conn)?;
    Ok(())
}
