//! `GET /healthz`: the database, the search engine, the file store and the job queue, for load
//! balancers and operators. Only an unreachable database makes the process unhealthy (503):
//! without search the service still takes submissions, reviews and decisions (index updates
//! wait in the queue), and without the bucket everything but uploads and downloads works, so a
//! load balancer must not take it out of rotation (every process shares the same outage); such
//! outages are reported as `degraded` with 200.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::AppState;
use crate::jobs::store::{self as jobs_store, QueueCounts};

/// Health report.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`; `degraded` when search or the file store is unavailable; `unavailable` when the
    /// database is.
    pub status: &'static str,
    /// `ok` or the reason the database is unreachable.
    pub database: String,
    /// Database engine: `sqlite` or `postgres`.
    pub backend: &'static str,
    /// `ok` or `unavailable`.
    pub search: &'static str,
    /// Search engine: `embedded` or `meilisearch`.
    pub search_engine: &'static str,
    /// Why the search engine is unavailable, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_error: Option<String>,
    /// `ok` or `unavailable`: whether stored files can be read and written.
    pub files: &'static str,
    /// Where files are stored: `local` (the data folder) or `s3` (a bucket).
    pub files_backend: &'static str,
    /// Why the file store is unavailable, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files_error: Option<String>,
    /// Job counts, when the database answers.
    pub jobs: Option<QueueCounts>,
}

/// The overall status and HTTP status from the database and the other components.
fn overall(database_ok: bool, others_ok: bool) -> (&'static str, actix_web::http::StatusCode) {
    use actix_web::http::StatusCode;
    match (database_ok, others_ok) {
        (false, _) => ("unavailable", StatusCode::SERVICE_UNAVAILABLE),
        (true, false) => ("degraded", StatusCode::OK),
        (true, true) => ("ok", StatusCode::OK),
    }
}

/// 200 when the database answers (`degraded` if search does not), 503 otherwise.
#[utoipa::path(get, path = "/healthz", tag = "system", responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let backend = match state.db.backend() {
        crate::db::Backend::Sqlite => "sqlite",
        crate::db::Backend::Postgres => "postgres",
    };
    let search = state.search.clone();
    let files_check = async {
        match state.files.bucket() {
            Some(bucket) => bucket.health(std::time::Duration::from_secs(3)).await,
            None => std::fs::create_dir_all(state.files.tmp_dir()).map_err(|e| e.to_string()),
        }
    };
    let (db, search_health, files_error) = tokio::join!(
        state.db.run(jobs_store::counts),
        tokio::task::spawn_blocking(move || search.health()),
        files_check
    );
    let files_error = files_error.err();
    let search_error = match search_health {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.to_string()),
        Err(e) => Some(e.to_string()),
    };
    let (status, code) = overall(db.is_ok(), search_error.is_none() && files_error.is_none());
    let (database, jobs) = match db {
        Ok(counts) => ("ok".to_string(), Some(counts)),
        Err(e) => (e.to_string(), None),
    };
    HttpResponse::build(code).json(Health {
        status,
        database,
        backend,
        search: if search_error.is_none() { "ok" } else { "unavailable" },
        search_engine: state.search.engine(),
        search_error,
        files: if files_error.is_none() { "ok" } else { "unavailable" },
        files_backend: if state.files.bucket().is_some() { "s3" } else { "local" },
        files_error,
        jobs,
    })
}

#[cfg(test)]
mod tests {
    use super::overall;

    #[test]
    fn only_the_database_makes_the_process_unhealthy() {
        assert_eq!(overall(true, true), ("ok", actix_web::http::StatusCode::OK));
        assert_eq!(overall(true, false), ("degraded", actix_web::http::StatusCode::OK));
        assert_eq!(overall(false, true).1, actix_web::http::StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(overall(false, false).0, "unavailable");
    }
}
