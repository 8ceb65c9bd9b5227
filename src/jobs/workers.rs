//! Live workers: each running worker has a `workers` row with its host, process id and a
//! heartbeat. A worker whose heartbeat is stale, or whose process on this host is gone, is dead:
//! its jobs are released for claiming at once instead of waiting out their lease.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::db::schema::{jobs, workers};
use crate::error::AppResult;

/// Who a worker is: its id (as in `jobs.locked_by`), host and process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Unique id, stored in `jobs.locked_by`.
    pub id: String,
    /// Host name, to tell whether a process id can be checked here.
    pub host: String,
    /// Operating-system process id.
    pub pid: i64,
}

impl Identity {
    /// This process, with a fresh random id.
    pub fn current() -> Identity {
        let host = host_name();
        let pid = std::process::id() as i64;
        let id = format!("{host}-{pid}-{}", crate::auth::tokens::random_hex(4));
        Identity { id, host, pid }
    }
}

/// The machine's host name (the kernel's, so it does not depend on the shell's `HOSTNAME`).
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".into())
}

/// Whether a process id is running on this machine; `None` when that cannot be told (no
/// `/proc`), in which case only the heartbeat decides.
pub fn pid_alive(pid: i64) -> Option<bool> {
    let proc = std::path::Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(pid > 0 && proc.join(pid.to_string()).exists())
}

/// Whether the worker of a row is dead, as seen by `me` at `now`. Pure, so the rules are
/// tested alone: a stale heartbeat is dead anywhere; on my host, a process that is gone is
/// dead, and so is another worker with my own process id (my predecessor in a container that
/// restarted with the same pid).
#[allow(clippy::too_many_arguments)]
pub fn is_dead(
    me: &Identity,
    row_id: &str,
    row_host: &str,
    row_pid: i64,
    heartbeat_at: NaiveDateTime,
    now: NaiveDateTime,
    stale_after: Duration,
    alive: impl Fn(i64) -> Option<bool>,
) -> bool {
    if row_id == me.id {
        return false;
    }
    if heartbeat_at < now - stale_after {
        return true;
    }
    if row_host == me.host {
        return row_pid == me.pid || alive(row_pid) == Some(false);
    }
    false
}

/// Records (or refreshes) this worker's row and extends the leases of the jobs it holds, so a
/// long job is not taken over while its worker lives.
pub fn heartbeat(conn: &mut AnyConnection, me: &Identity, lease: Duration) -> AppResult<()> {
    let now = Utc::now().naive_utc();
    let n = diesel::update(workers::table.find(&me.id))
        .set(workers::heartbeat_at.eq(now))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(workers::table)
            .values((
                workers::id.eq(&me.id),
                workers::host.eq(&me.host),
                workers::pid.eq(me.pid),
                workers::started_at.eq(now),
                workers::heartbeat_at.eq(now),
            ))
            .execute(conn)?;
    }
    diesel::update(jobs::table.filter(jobs::locked_by.eq(&me.id)))
        .set(jobs::locked_until.eq(now + lease))
        .execute(conn)?;
    Ok(())
}

/// Releases the jobs of dead workers and removes their rows; returns how many jobs were freed.
/// Any worker may do this for any other: the release only touches jobs still held by the dead
/// worker's id, so it never takes a job from a live one.
pub fn reap(conn: &mut AnyConnection, me: &Identity, stale_after: Duration) -> AppResult<usize> {
    let now = Utc::now().naive_utc();
    let rows: Vec<(String, String, i64, NaiveDateTime)> = workers::table
        .select((workers::id, workers::host, workers::pid, workers::heartbeat_at))
        .load(conn)?;
    let mut freed = 0;
    for (id, host, pid, beat) in rows {
        if is_dead(me, &id, &host, pid, beat, now, stale_after, pid_alive) {
            freed += release(conn, &id)?;
            diesel::delete(workers::table.find(&id)).execute(conn)?;
            tracing::info!(worker = %id, jobs = freed, "released the jobs of a dead worker");
        }
    }
    Ok(freed)
}

/// Frees every job `worker` holds, so others may claim them now; the try it was making stays
/// counted.
pub fn release(conn: &mut AnyConnection, worker: &str) -> AppResult<usize> {
    Ok(diesel::update(jobs::table.filter(jobs::locked_by.eq(worker)))
        .set((
            jobs::locked_by.eq(None::<String>),
            jobs::locked_until.eq(None::<NaiveDateTime>),
            jobs::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?)
}

/// A clean stop: frees this worker's jobs and removes its row.
pub fn leave(conn: &mut AnyConnection, me: &Identity) -> AppResult<()> {
    release(conn, &me.id)?;
    diesel::delete(workers::table.find(&me.id)).execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> Identity {
        Identity {
            id: "h1-100-aa".into(),
            host: "h1".into(),
            pid: 100,
        }
    }

    #[test]
    fn decides_which_workers_are_dead() {
        let now = Utc::now().naive_utc();
        let fresh = now - Duration::seconds(2);
        let stale = now - Duration::seconds(60);
        let limit = Duration::seconds(30);
        let alive = |pid: i64| Some(pid == 200);
        let cases = [
            ("h1-100-aa", "h1", 100, stale, false, "myself, even if my row is stale"),
            ("h2-7-bb", "h2", 7, fresh, false, "another host with a fresh heartbeat"),
            ("h2-7-bb", "h2", 7, stale, true, "another host with a stale heartbeat"),
            ("h1-200-cc", "h1", 200, fresh, false, "a running process on my host"),
            ("h1-300-dd", "h1", 300, fresh, true, "a process on my host that is gone"),
            ("h1-100-ee", "h1", 100, fresh, true, "my predecessor with my own pid"),
        ];
        for (id, host, pid, beat, dead, what) in cases {
            assert_eq!(is_dead(&me(), id, host, pid, beat, now, limit, alive), dead, "{what}");
        }
        // Without /proc only the heartbeat counts.
        assert!(!is_dead(&me(), "h1-300-dd", "h1", 300, fresh, now, limit, |_| None));
    }

    #[test]
    fn this_process_is_alive_and_an_impossible_pid_is_not() {
        if pid_alive(1).is_none() {
            return;
        }
        assert_eq!(pid_alive(std::process::id() as i64), Some(true));
        assert_eq!(pid_alive(i32::MAX as i64), Some(false));
    }
}
