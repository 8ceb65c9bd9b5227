//! Database access: one connection type over SQLite and PostgreSQL, a pool, migrations, backup.

pub mod backup;
pub mod migrate;
pub mod schema;

pub mod health;
pub mod start;
pub mod text_enum;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{PgConnection, SqliteConnection};
use std::sync::Arc;
use std::time::Duration;

use crate::error::AppError;

diesel::define_sql_function!(
    /// SQL `lower(text)`, the same on both backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text
);

/// A `%text%` pattern for a case-insensitive `lower(col) LIKE` search. LIKE wildcards typed by
/// the user are dropped rather than escaped (no ESCAPE clause works the same on both databases
/// through diesel).
pub fn contains_pattern(text: &str) -> String {
    format!("%{}%", text.to_lowercase().replace(['\\', '%', '_'], ""))
}

/// A connection to either supported backend; the variant is chosen by the URL scheme.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL, the production database.
    Postgresql(PgConnection),
    /// SQLite, the embedded default.
    Sqlite(SqliteConnection),
}

/// Which database engine a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://path` or a bare file path ending in `.db`/`.sqlite`.
    Sqlite,
    /// `postgres://` or `postgresql://`.
    Postgres,
}

impl Backend {
    /// Picks the backend from a database URL; an unknown scheme is an error naming the accepted ones.
    pub fn from_url(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else if url.starts_with("sqlite://") {
            Ok(Backend::Sqlite)
        } else {
            let scheme = url.split("://").next().unwrap_or(url);
            anyhow::bail!(
                "unsupported database URL scheme `{scheme}`: use sqlite://PATH or postgres://USER@HOST/DB (postgresql:// also accepted)"
            )
        }
    }
}

/// What diesel itself expects for a URL: SQLite wants a plain path.
fn connection_url(url: &str) -> String {
    match url.strip_prefix("sqlite://") {
        Some(path) => path.to_string(),
        None => url.to_string(),
    }
}

/// Connection pool handle shared by the whole service.
#[derive(Clone)]
pub struct Db {
    pool: Pool<ConnectionManager<AnyConnection>>,
    backend: Backend,
    health: Arc<health::Health>,
}

/// Pooled connection type.
pub type Conn = PooledConnection<ConnectionManager<AnyConnection>>;

#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<AnyConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut AnyConnection) -> Result<(), diesel::r2d2::Error> {
        if let AnyConnection::Sqlite(c) = conn {
            // busy_timeout must come first: the WAL switch itself may have to wait for a lock.
            c.batch_execute(
                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

impl Db {
    /// Opens a pool for `url`. With `lazy`, no connection is made until first use.
    pub fn connect(url: &str, max_size: u32, lazy: bool) -> anyhow::Result<Db> {
        let backend = Backend::from_url(url)?;
        if backend == Backend::Sqlite
            && let Some(parent) = std::path::Path::new(&connection_url(url)).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)?;
        }
        let manager = ConnectionManager::<AnyConnection>::new(connection_url(url));
        let builder = Pool::builder()
            .max_size(max_size)
            // Start with a couple of connections and grow on demand: opening all of them before
            // serving made a busy database (or a slow link) fail the start after the wait for it
            // had succeeded, and idles connections other processes of a cluster could use.
            .min_idle(Some(max_size.min(2)))
            .connection_timeout(Duration::from_secs(5))
            // No `SELECT 1` before every checkout: it doubled the cost of small requests. A
            // connection that died is detected by its failing query (see `Db::run`), and only
            // after such a failure are checkouts tested for a while (`health`).
            .test_on_check_out(false)
            .connection_customizer(Box::new(SqlitePragmas));
        let pool = if lazy {
            builder.build_unchecked(manager)
        } else {
            builder.build(manager)?
        };
        Ok(Db {
            pool,
            backend,
            health: Arc::new(health::Health::default()),
        })
    }

    /// Which engine this pool talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection for synchronous code (CLI, worker internals, tests).
    pub fn conn(&self) -> Result<Conn, AppError> {
        health::checkout(&self.pool, &self.health, self.pool.max_size())
    }

    /// Runs `f` with a connection, then checks a failure against the connection: one that no
    /// longer answers is dropped from the pool and the failure becomes 503 (the database is
    /// unreachable), not 500.
    fn with_conn<T, F>(pool: &Pool<ConnectionManager<AnyConnection>>, health: &health::Health, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError>,
    {
        let mut conn = health::checkout(pool, health, pool.max_size())?;
        let result = f(&mut conn);
        match result {
            Err(e) if health::may_be_connection_loss(&e) => Err(health::after_failure(&mut conn, health, e)),
            other => other,
        }
    }

    /// Runs `f` with a connection on the blocking thread pool (diesel is synchronous).
    pub async fn run<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let health = self.health.clone();
        actix_web::rt::task::spawn_blocking(move || Db::with_conn(&pool, &health, f))
            .await
            .map_err(|e| AppError::caused("blocking task failed", e))?
    }

    /// Runs `f` on the calling thread when a connection is idle, else like [`Db::run`]. Only for
    /// a few lookups by unique key on the hottest path (who is this request?): the hop to the
    /// blocking pool costs more than the queries, and under load its scheduling dominated the
    /// tail latency. Waiting for a connection happens on the blocking pool, never here, so a
    /// busy pool cannot stall a request thread. Anything that may take long must use [`Db::run`].
    pub async fn run_quick<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        if self.health.suspect() {
            // After a failure, checkouts are tested, which may wait: not on this thread.
            return self.run(f).await;
        }
        match self.pool.try_get() {
            Some(mut conn) => match f(&mut conn) {
                Err(e) if health::may_be_connection_loss(&e) => Err(health::after_failure(&mut conn, &self.health, e)),
                other => other,
            },
            None => self.run(f).await,
        }
    }

    /// Like [`Db::run`], inside one transaction that commits when `f` returns `Ok`.
    pub async fn tx<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| transaction(conn, f)).await
    }
}

/// Runs `f` in a transaction on `conn`.
///
/// On SQLite the outermost transaction is `BEGIN IMMEDIATE`: it takes the write lock at the
/// start, waiting for it under the busy timeout. A deferred transaction that reads and then
/// writes would instead fail at once with "database is locked" when another connection wrote in
/// between (SQLite cannot wait on a lock upgrade without risking a deadlock), which turned
/// concurrent form posts into 500s. Writers now queue; PostgreSQL keeps its ordinary `BEGIN`.
/// Nested calls become savepoints on both backends.
pub fn transaction<T, F>(conn: &mut AnyConnection, f: F) -> Result<T, AppError>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, AppError>,
{
    use diesel::Connection;
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let outermost_sqlite = match conn {
        AnyConnection::Sqlite(c) => AnsiTransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()?
            .is_none(),
        AnyConnection::Postgresql(_) => false,
    };
    if !outermost_sqlite {
        return conn.transaction::<T, AppError, _>(f);
    }
    if let AnyConnection::Sqlite(c) = conn {
        AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
    }
    // The same commit/rollback steps as diesel's own `transaction`: the state lives in the
    // SQLite connection, so savepoints inside `f` and the commit below see this transaction.
    match f(conn) {
        Ok(value) => {
            <AnyConnection as TransactionManager<AnyConnection>>::commit_transaction(conn)?;
            Ok(value)
        }
        Err(err) => match <AnyConnection as TransactionManager<AnyConnection>>::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(err),
            Err(rollback) => Err(rollback.into()),
        },
    }
}
