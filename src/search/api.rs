//! `GET /api/v1/search`: the same search for everyone, filtered by what the caller may see.

use actix_web::web;

use super::Results;
pub use super::params::SearchParams;
use super::params::check;
use super::service::run;
use crate::auth::MaybeUser;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;

/// Searches papers, journals and catalogue entries in Chinese and English: results,
/// highlighted passages and facet counts cover only what the caller may see.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParams),
    responses((status = 200, body = Results), (status = 422, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn search(state: web::Data<AppState>, user: MaybeUser, q: web::Query<SearchParams>) -> AppResult<web::Json<Results>> {
    let query = check(&q)?;
    Ok(web::Json(run(&state, user.0, query).await?))
}
