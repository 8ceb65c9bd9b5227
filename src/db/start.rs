//! Waiting for the database at start-up, with a message that says what is wrong.
//!
//! A pool that cannot open its first connection reports only diesel's "Invalid connection url
//! for multiconnection" (the multi-backend connection tried every backend and lost the real
//! error). Opening one connection with the backend's own type keeps the server's answer
//! ("connection refused", "password authentication failed", ...).

use diesel::{Connection, PgConnection, SqliteConnection};
use std::time::{Duration, Instant};

use super::{Backend, connection_url};

/// The URL with any password replaced, for messages.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// Opens and closes one connection, returning the backend's own error text on failure.
pub fn try_connect(url: &str) -> Result<(), String> {
    let result = match Backend::from_url(url).map_err(|e| e.to_string())? {
        Backend::Postgres => PgConnection::establish(url).map(drop),
        Backend::Sqlite => SqliteConnection::establish(&connection_url(url)).map(drop),
    };
    result.map_err(|e| e.to_string().trim().to_string())
}

/// Waits until the database at `url` accepts a connection, retrying every few seconds for at most
/// `wait` (zero: one try). The error names the database (without its password) and the cause.
pub fn wait_for(url: &str, wait: Duration) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut delay = Duration::from_millis(500);
    loop {
        match try_connect(url) {
            Ok(()) => return Ok(()),
            Err(cause) => {
                let waited = started.elapsed();
                if waited >= wait {
                    anyhow::bail!(
                        "cannot reach the database at {} after {} s: {cause}\n\
                         Check that the server is running and XUEHUI_DATABASE_URL is right; \
                         XUEHUI_DATABASE_WAIT_SECS sets how long to keep trying at start.",
                        redacted(url),
                        waited.as_secs()
                    );
                }
                tracing::warn!(
                    database = %redacted(url),
                    %cause,
                    retry_in_ms = delay.as_millis() as u64,
                    gives_up_in_s = (wait - waited).as_secs(),
                    "database not reachable yet; retrying"
                );
                std::thread::sleep(delay.min(wait - waited));
                delay = (delay * 2).min(Duration::from_secs(5));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_appear_in_messages() {
        assert_eq!(redacted("postgres://app:s3cret@db:5432/x"), "postgres://app:***@db:5432/x");
        assert_eq!(redacted("postgres://app@db/x"), "postgres://app@db/x");
        assert_eq!(redacted("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
    }

    #[test]
    fn an_unreachable_server_is_named_with_its_cause() {
        // Port 9 (discard) on loopback has no PostgreSQL: the real cause must survive.
        let e = wait_for("postgres://u:pw@127.0.0.1:9/x", Duration::ZERO).unwrap_err().to_string();
        assert!(e.contains("postgres://u:***@127.0.0.1:9/x"), "{e}");
        assert!(!e.contains("pw@"), "{e}");
        assert!(e.to_lowercase().contains("refused") || e.contains("connect"), "{e}");
        assert!(!e.contains("multiconnection"), "{e}");
    }
}
