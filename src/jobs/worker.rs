//! The worker loop: claim a due job, run its handler outside any transaction, then delete it
//! or schedule a retry. Any number of workers (threads or processes) can share one queue.
//! While running, a worker heartbeats (see `workers`), so its jobs are freed at once when it dies.

use futures_util::future::BoxFuture;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::workers::{self, Identity};
use super::{backoff, model::Job, store};
use crate::config::JobsConfig;
use crate::db::Db;
use crate::error::AppError;

/// A job handler: takes the JSON payload, succeeds or fails.
pub type Handler = Arc<dyn Fn(serde_json::Value) -> BoxFuture<'static, anyhow::Result<()>> + Send + Sync>;

/// Job kinds and their handlers.
#[derive(Default, Clone)]
pub struct Registry {
    handlers: HashMap<String, Handler>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Registers the handler for `kind`.
    pub fn register<F, Fut>(&mut self, kind: &str, f: F)
    where
        F: Fn(serde_json::Value) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        self.handlers.insert(kind.to_string(), Arc::new(move |v| Box::pin(f(v))));
    }

    fn get(&self, kind: &str) -> Option<Handler> {
        self.handlers.get(kind).cloned()
    }
}

/// One worker.
#[derive(Clone)]
pub struct Worker {
    db: Db,
    cfg: JobsConfig,
    registry: Arc<Registry>,
    me: Identity,
    id: String,
}

impl Worker {
    /// A worker with a unique id (host, process, random suffix).
    pub fn new(db: Db, cfg: JobsConfig, registry: Registry) -> Worker {
        let me = Identity::current();
        Worker {
            db,
            cfg,
            registry: Arc::new(registry),
            id: me.id.clone(),
            me,
        }
    }

    /// This worker's id, as stored in `jobs.locked_by`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Claims and runs one due job; `Ok(false)` when none was due.
    pub async fn run_one(&self) -> Result<bool, AppError> {
        let (id, lease) = (self.id.clone(), chrono::Duration::seconds(self.cfg.lease_secs));
        let Some(job) = self.db.run(move |c| store::claim(c, &id, lease)).await? else {
            return Ok(false);
        };
        let outcome = self.execute(&job).await;
        let (db_job, id) = (job.clone(), self.id.clone());
        match outcome {
            Ok(()) => self.db.run(move |c| store::complete(c, db_job.id, &id)).await?,
            Err(e) => {
                let msg = format!("{e:#}");
                tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, error = %msg, "job failed");
                let cap = if job.max_attempts == store::UNLIMITED {
                    self.cfg.backoff_max_ms.min(store::UNLIMITED_BACKOFF_MAX_MS)
                } else {
                    self.cfg.backoff_max_ms
                };
                let delay = backoff::delay(job.attempts, self.cfg.backoff_base_ms, cap);
                self.db.run(move |c| store::fail(c, &db_job, &id, &msg, delay)).await?;
            }
        }
        Ok(true)
    }

    async fn execute(&self, job: &Job) -> anyhow::Result<()> {
        let handler = self
            .registry
            .get(&job.kind)
            .ok_or_else(|| anyhow::anyhow!("no handler for job kind `{}`", job.kind))?;
        let payload: serde_json::Value = serde_json::from_str(&job.payload)?;
        handler(payload).await
    }

    /// Runs due jobs until none is left; returns how many ran.
    pub async fn drain(&self) -> Result<usize, AppError> {
        let mut n = 0;
        while self.run_one().await? {
            n += 1;
        }
        Ok(n)
    }

    /// Records this worker's heartbeat and frees the jobs of dead workers (its own predecessor
    /// on this host at once, others once their heartbeat is stale).
    pub async fn announce(&self) -> Result<usize, AppError> {
        let (me, lease) = (self.me.clone(), chrono::Duration::seconds(self.cfg.lease_secs));
        let stale = chrono::Duration::seconds(self.cfg.dead_after_secs);
        self.db
            .run(move |c| {
                workers::heartbeat(c, &me, lease)?;
                workers::reap(c, &me, stale)
            })
            .await
    }

    /// Runs until `shutdown` resolves, sleeping between polls when idle and heartbeating
    /// alongside; a clean stop frees this worker's jobs and removes its row. Run one such
    /// worker per process: a row with this process's pid and another id counts as its dead
    /// predecessor.
    pub async fn run_until<S: std::future::Future<Output = ()>>(&self, shutdown: S) {
        tracing::info!(worker = %self.id, "job worker started");
        if let Err(e) = self.announce().await {
            tracing::warn!(error = %e, "job worker could not record its heartbeat");
        }
        // The heartbeat runs beside the job loop in this task, so a long job does not stop it.
        let beat = async {
            loop {
                tokio::time::sleep(Duration::from_secs(self.cfg.heartbeat_secs)).await;
                if let Err(e) = self.announce().await {
                    tracing::warn!(error = %e, "job worker could not record its heartbeat");
                }
            }
        };
        tokio::select! {
            _ = beat => {}
            () = self.work(shutdown) => {}
        }
        let me = self.me.clone();
        if let Err(e) = self.db.run(move |c| workers::leave(c, &me)).await {
            tracing::warn!(error = %e, "job worker could not release its jobs");
        }
        tracing::info!(worker = %self.id, "job worker stopped");
    }

    async fn work<S: std::future::Future<Output = ()>>(&self, shutdown: S) {
        tokio::pin!(shutdown);
        loop {
            use futures_util::FutureExt;
            if (&mut shutdown).now_or_never().is_some() {
                break;
            }
            let idle = match self.run_one().await {
                Ok(ran) => !ran,
                Err(e) => {
                    tracing::warn!(error = %e, "job worker could not reach the queue");
                    true
                }
            };
            if idle {
                tokio::select! {
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(Duration::from_millis(self.cfg.poll_interval_ms)) => {}
                }
            }
        }
    }
}
