//! Waking index jobs when the engine comes back. An index job that fails while the engine is
//! unreachable waits for its next backoff step, which after a long outage is minutes away; so
//! a failure that the engine's health check confirms as an outage starts one probe, which
//! checks the engine every `PROBE_EVERY` and, once it answers, makes the waiting `search.*`
//! jobs due at once. Failures with a healthy engine keep their ordinary backoff.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::web::AppState;

/// How often an unreachable engine is checked.
pub const PROBE_EVERY: Duration = Duration::from_secs(1);

/// The kinds of job the probe wakes.
pub const JOB_PREFIX: &str = "search.";

/// One probe at a time per handler set.
#[derive(Clone, Default)]
pub struct Recovery {
    probing: Arc<AtomicBool>,
}

impl Recovery {
    /// Called after an index job failed: starts a probe (on the current runtime) if the engine
    /// is down and no probe runs yet.
    pub async fn job_failed(&self, state: &AppState) {
        let search = state.search.clone();
        let down = tokio::task::spawn_blocking(move || search.health().is_err()).await.unwrap_or(false);
        if !down || self.probing.swap(true, Ordering::SeqCst) {
            return;
        }
        tracing::warn!(engine = state.search.engine(), "search engine unreachable; index jobs wait for it");
        let (state, probing) = (state.clone(), self.probing.clone());
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(PROBE_EVERY).await;
                let search = state.search.clone();
                if tokio::task::spawn_blocking(move || search.health().is_ok()).await.unwrap_or(false) {
                    break;
                }
            }
            match state.db.run(|c| crate::jobs::store::wake_kind_prefix(c, JOB_PREFIX)).await {
                Ok(n) => tracing::info!(woken = n, "search engine back; waiting index jobs are due now"),
                Err(e) => tracing::warn!(error = %e, "search engine back, but waiting index jobs could not be woken"),
            }
            probing.store(false, Ordering::SeqCst);
        });
    }
}
