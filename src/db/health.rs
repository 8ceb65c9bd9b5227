//! Telling a database outage from a failed query, and healing the pool after one.
//!
//! A query that fails because the server went away must answer 503 ("try again"), not 500, and
//! the dead connection must leave the pool. Pinging before every checkout would find dead
//! connections at once but doubled the cost of small requests; so a failed query is followed by a
//! ping of its connection, and only for a while after a connection was found dead is every
//! checkout pinged, which drops the pool's other dead connections before a request meets them.

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::r2d2::{ConnectionManager, Pool, R2D2Connection};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{AnyConnection, Conn};
use crate::error::AppError;

/// How long checkouts stay tested after a connection was found dead.
const SUSPECT_FOR: Duration = Duration::from_secs(60);

/// What the pool has seen of its connections lately; shared by every clone of a `Db`.
#[derive(Debug, Default)]
pub struct Health {
    /// Until when (milliseconds since the epoch) checkouts are tested; 0 when all is well.
    suspect_until_ms: AtomicU64,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl Health {
    /// Whether a connection was found dead recently, so checkouts should be tested.
    pub fn suspect(&self) -> bool {
        let until = self.suspect_until_ms.load(Ordering::Relaxed);
        until != 0 && now_ms() < until
    }

    /// Records a dead connection: test checkouts for the next while.
    pub fn connection_lost(&self) {
        self.suspect_until_ms
            .store(now_ms() + SUSPECT_FOR.as_millis() as u64, Ordering::Relaxed);
    }
}

/// The answer when no connection to the database can be had.
pub fn unavailable(detail: impl std::fmt::Display) -> AppError {
    AppError::Unavailable(format!("database: {detail}"))
}

/// A connection from the pool; while the pool is suspect, one that answers a ping (dead ones are
/// marked and dropped, up to `tries` of them, then a new one is made).
pub fn checkout(pool: &Pool<ConnectionManager<AnyConnection>>, health: &Health, tries: u32) -> Result<Conn, AppError> {
    for _ in 0..=tries {
        let mut conn = pool.get().map_err(unavailable)?;
        if !health.suspect() || conn.ping().is_ok() {
            return Ok(conn);
        }
        mark_lost(&mut conn);
    }
    Err(unavailable("no connection answers"))
}

/// Whether `e` may have come from a dead connection rather than from the data: a database error
/// other than "no such row" and the constraint violations that bad input causes.
pub fn may_be_connection_loss(e: &AppError) -> bool {
    use diesel::result::{DatabaseErrorKind as K, Error as E};
    match e.cause::<E>() {
        Some(E::NotFound) => false,
        Some(E::DatabaseError(K::UniqueViolation | K::ForeignKeyViolation | K::NotNullViolation | K::CheckViolation, _)) => false,
        Some(_) => true,
        None => false,
    }
}

/// After a database error on `conn`: if the connection no longer answers, it is marked dead (the
/// pool drops it on return), the pool becomes suspect, and the caller gets 503; otherwise the
/// error stands.
pub fn after_failure(conn: &mut AnyConnection, health: &Health, e: AppError) -> AppError {
    if conn.ping().is_ok() {
        return e;
    }
    mark_lost(conn);
    health.connection_lost();
    tracing::warn!(error = ?e, "database connection lost; the pool will replace it");
    unavailable("connection lost")
}

/// Marks a dead connection so the pool drops it when it comes back. diesel's pool only drops a
/// connection whose transaction state is broken (it does not notice a server that went away), so
/// the mark is that state.
fn mark_lost(conn: &mut AnyConnection) {
    match conn {
        AnyConnection::Postgresql(c) => AnsiTransactionManager::transaction_manager_status_mut(c).set_in_error(),
        AnyConnection::Sqlite(c) => AnsiTransactionManager::transaction_manager_status_mut(c).set_in_error(),
    }
}
