//! JSON API of published evaluation results.

use actix_web::web;

use super::service::{self, Designations, History};
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;

/// Every published round with its designated demonstrative conferences (public).
#[utoipa::path(get, path = "/api/v1/evaluation/demonstrative", tag = "evaluation",
    responses((status = 200, body = Vec<Designations>)))]
pub async fn demonstrative(state: web::Data<AppState>) -> AppResult<web::Json<Vec<Designations>>> {
    Ok(web::Json(state.db.run(service::designated).await?))
}

/// One conference's published results across the editions of its series (public).
#[utoipa::path(get, path = "/api/v1/evaluation/conferences/{slug}", tag = "evaluation",
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = History), (status = 404, body = ErrorBody)))]
pub async fn history(state: web::Data<AppState>, path: web::Path<String>) -> AppResult<web::Json<History>> {
    let slug = path.into_inner();
    Ok(web::Json(state.db.run(move |c| service::history(c, &slug)).await?))
}
