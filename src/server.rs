//! Starting the pieces: migrations, the HTTP server, workers.

use actix_web::{HttpServer, web};

use crate::config::Config;
use crate::jobs::{Registry, Worker};
use crate::mail;
use crate::web::AppState;

/// The standard job handlers for this process.
pub fn registry(state: &AppState) -> anyhow::Result<Registry> {
    let mut r = Registry::new();
    let mailer = mail::transport::Mailer::from_config(&state.config)?;
    mail::job::register(&mut r, state.db.clone(), mailer, state.config.mail_from.clone());
    crate::review::phases::reminders::register(&mut r, state.clone());
    crate::search::jobs::register(&mut r, state.clone());
    crate::catalogue::reminders::register(&mut r, state.clone());
    crate::files::copies::register(&mut r, state.clone());
    crate::integrity::jobs::register(&mut r, state.clone());
    crate::files::sweep::register(&mut r, state.clone());
    crate::finals::service::register(&mut r, state.clone());
    crate::proceedings::build::register(&mut r, state.clone());
    crate::programme::proposals::register(&mut r, state.clone());
    crate::participation::registration::service::register_jobs(&mut r, state.clone());
    crate::salons::minutes::reminders::register(&mut r, state.clone());
    crate::evaluation::ballots::reminders::register(&mut r, state.clone());
    crate::journals::rounds::reminders::register(&mut r, state.clone());
    crate::oai::records::register(&mut r, state.clone());
    crate::crossref::jobs::register(&mut r, state.clone());
    Ok(r)
}

/// A worker with the standard handlers.
pub fn worker(state: &AppState) -> anyhow::Result<Worker> {
    Ok(Worker::new(state.db.clone(), state.config.jobs.clone(), registry(state)?))
}

/// The service's state, once the database answers: waits for it as long as the configuration
/// says (`XUEHUI_DATABASE_WAIT_SECS`), saying what is wrong while it waits.
pub fn open(config: Config) -> anyhow::Result<AppState> {
    crate::db::start::wait_for(&config.database_url, std::time::Duration::from_secs(config.database_wait_secs))?;
    AppState::new(config, false)
}

/// Applies pending migrations.
pub fn migrate(state: &AppState) -> anyhow::Result<Vec<String>> {
    let mut conn = state.db.conn()?;
    crate::db::migrate::run_pending(&mut conn)
}

/// Runs the HTTP server (and, if configured, a worker) until Ctrl-C.
pub async fn serve(config: Config, demo: bool) -> anyhow::Result<()> {
    let state = open(config)?;
    let applied = migrate(&state)?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    if demo {
        crate::demo::seed(&state)?;
    }
    crate::files::sweep::at_start(&state).await?;
    let harvest = crate::oai::records::fill_missing(&state)?;
    if harvest > 0 {
        tracing::info!(harvest, "OAI-PMH: public items without a current record queued");
    }
    let texts = state
        .db
        .run(|c| crate::db::transaction(c, crate::integrity::jobs::fill_missing))
        .await?;
    if texts > 0 {
        tracing::info!(texts, "integrity checks: papers and manuscripts without a text queued for reading");
    }
    let queued = crate::search::jobs::fill_new_index(&state)?;
    if queued > 0 {
        tracing::info!(
            queued,
            "new search index: existing papers, journals and catalogue editions queued for indexing"
        );
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker_task = if state.config.jobs.in_process_worker {
        let w = worker(&state)?;
        let mut rx = stop_rx.clone();
        Some(actix_web::rt::spawn(async move {
            w.run_until(async move {
                let _ = rx.changed().await;
            })
            .await;
        }))
    } else {
        None
    };
    let bind = state.config.bind.clone();
    let data = web::Data::new(state);
    tracing::info!(%bind, "xuehui listening on http://{bind}");
    HttpServer::new(move || crate::web::app::build(data.clone()))
        .bind(&bind)
        .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?
        .run()
        .await?;
    let _ = stop_tx.send(true);
    if let Some(t) = worker_task {
        let _ = t.await;
    }
    Ok(())
}
