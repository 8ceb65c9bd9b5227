//! Expertise API: the caller's keywords and earlier papers; a committee member's topics.

use actix_web::web;
use serde::{Deserialize, Serialize};

pub use super::service::ExpertiseView;
use super::service::{save_topics, view};
use super::store::{self};
use super::validate::{self, ExpertiseInput};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;

/// The caller's expertise keywords and earlier papers.
#[utoipa::path(get, path = "/api/v1/me/expertise", tag = "review", security(("bearer" = [])),
    responses((status = 200, body = ExpertiseView), (status = 401, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<ExpertiseView>> {
    let uid = user.user.id;
    Ok(web::Json(state.db.run(move |c| view(c, uid)).await?))
}

/// Replaces the caller's keywords and hand-entered earlier papers.
#[utoipa::path(put, path = "/api/v1/me/expertise", tag = "review", security(("bearer" = [])), request_body = ExpertiseInput,
    responses((status = 200, body = ExpertiseView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put(state: web::Data<AppState>, user: CurrentUser, body: web::Json<ExpertiseInput>) -> AppResult<web::Json<ExpertiseView>> {
    let input = validate::expertise(&body)?;
    let uid = user.user.id;
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                store::set_keywords(c, uid, &input.keywords)?;
                store::replace_entered(c, uid, &input.papers)?;
                view(c, uid)
            })
            .await?,
    ))
}

/// What an import added.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Imported {
    /// Papers added.
    pub imported: usize,
    /// The caller's expertise afterwards.
    pub expertise: ExpertiseView,
}

/// Adds the caller's accepted papers in this system (decision told to the authors) to their
/// earlier papers; papers imported before are skipped.
#[utoipa::path(post, path = "/api/v1/me/expertise/import-accepted", tag = "review", security(("bearer" = [])),
    responses((status = 200, body = Imported), (status = 401, body = ErrorBody)))]
pub async fn import_accepted(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<Imported>> {
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let imported = super::accepted::import(c, &user.user)?;
                Ok(Imported {
                    imported,
                    expertise: view(c, user.user.id)?,
                })
            })
            .await?,
    ))
}

/// A committee member's topics.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct TopicsInput {
    /// Topic ids of the venue.
    #[serde(default)]
    pub topics: Vec<i64>,
}

/// The caller's topics at a venue (committee members).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/my-topics", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = TopicsInput), (status = 404, body = ErrorBody)))]
pub async fn get_topics(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<TopicsInput>> {
    let slug = path.into_inner();
    let topics = state
        .db
        .run(move |c| {
            let v = crate::venues::store::by_slug(c, &slug)?;
            let m = crate::review::bids::papers::require_member(c, v.id, user.user.id)?;
            store::topics_of(c, m.id)
        })
        .await?;
    Ok(web::Json(TopicsInput { topics }))
}

/// Sets the caller's topics at a venue (committee members).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/my-topics", tag = "review", security(("bearer" = [])), request_body = TopicsInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = TopicsInput), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_topics(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<TopicsInput>,
) -> AppResult<web::Json<TopicsInput>> {
    let slug = path.into_inner();
    let topics = state.db.tx(move |c| save_topics(c, &slug, user.user.id, &body.topics)).await?;
    Ok(web::Json(TopicsInput { topics }))
}
