//! `GET /healthz`: database reachability and job-queue status, for load balancers and operators.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::AppState;
use crate::jobs::store::{self as jobs_store, QueueCounts};

/// Health report.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok` or `unavailable`.
    pub status: &'static str,
    /// `ok` or the reason the database is unreachable.
    pub database: String,
    /// Database engine: `sqlite` or `postgres`.
    pub backend: &'static str,
    /// Job counts, when the database answers.
    pub jobs: Option<QueueCounts>,
}

/// 200 when the database answers, 503 otherwise.
#[utoipa::path(get, path = "/healthz", tag = "system", responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let backend = match state.db.backend() {
        crate::db::Backend::Sqlite => "sqlite",
        crate::db::Backend::Postgres => "postgres",
    };
    match state.db.run(jobs_store::counts).await {
        Ok(counts) => HttpResponse::Ok().json(Health {
            status: "ok",
            database: "ok".into(),
            backend,
            jobs: Some(counts),
        }),
        Err(e) => HttpResponse::ServiceUnavailable().json(Health {
            status: "unavailable",
            database: e.to_string(),
            backend,
            jobs: None,
        }),
    }
}
