//! JSON API of personal agendas: one's agenda for a venue, idempotent star and unstar, the
//! private feed's address (get, rotate, end), and the chairs' anonymous per-session counts.

use actix_web::web;
use chrono::Utc;

use super::service;
use super::validate::AgendaStarInput;
use super::view::{AgendaCounts, AgendaFeed, AgendaStarState, AgendaView};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;

/// The signed-in user's starred items of a venue's latest release, with times and rooms,
/// items the programme no longer has, and the starred items that overlap.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/agenda", tag = "agenda", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = AgendaView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<AgendaView>> {
    let (slug, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(state.db.run(move |c| Ok(service::agenda(c, &u, &slug)?.1)).await?))
}

/// Stars a session or talk of the latest release (idempotent).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/agenda/stars/{guid}", tag = "agenda", security(("bearer" = [])), request_body = AgendaStarInput,
    params(("slug" = String, Path, description = "venue URL name"), ("guid" = String, Path, description = "GUID of the session or talk")),
    responses((status = 200, body = AgendaStarState), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn star(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    body: crate::web::json::Object<AgendaStarInput>,
) -> AppResult<web::Json<AgendaStarState>> {
    let ((slug, guid), u, input) = (path.into_inner(), user.user.clone(), body.into_inner());
    Ok(web::Json(
        state
            .db
            .tx(move |c| service::star(c, &u, &slug, &guid, &input, Utc::now().naive_utc()))
            .await?,
    ))
}

/// Removes a star (idempotent; also for items no longer in the programme).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/agenda/stars/{guid}", tag = "agenda", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("guid" = String, Path, description = "GUID of the session or talk")),
    responses((status = 200, body = AgendaStarState), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn unstar(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> AppResult<web::Json<AgendaStarState>> {
    let ((slug, guid), u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(state.db.tx(move |c| service::unstar(c, &u, &slug, &guid)).await?))
}

/// The address of the signed-in user's private calendar feed (`null` when there is none).
#[utoipa::path(get, path = "/api/v1/agenda/feed", tag = "agenda", security(("bearer" = [])),
    responses((status = 200, body = AgendaFeed)))]
pub async fn get_feed(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<AgendaFeed>> {
    let (u, base) = (user.user.clone(), state.config.base_url.clone());
    Ok(web::Json(state.db.run(move |c| service::feed(c, &u, &base)).await?))
}

/// Makes the feed, or moves it to a new address (the old one answers 404 from now on).
#[utoipa::path(post, path = "/api/v1/agenda/feed", tag = "agenda", security(("bearer" = [])),
    responses((status = 200, body = AgendaFeed)))]
pub async fn rotate_feed(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<AgendaFeed>> {
    let (u, base) = (user.user.clone(), state.config.base_url.clone());
    Ok(web::Json(
        state.db.tx(move |c| service::rotate(c, &u, &base, Utc::now().naive_utc())).await?,
    ))
}

/// Ends the feed: its address answers 404.
#[utoipa::path(delete, path = "/api/v1/agenda/feed", tag = "agenda", security(("bearer" = [])),
    responses((status = 200, body = AgendaFeed)))]
pub async fn revoke_feed(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<AgendaFeed>> {
    let u = user.user.clone();
    Ok(web::Json(state.db.tx(move |c| service::revoke(c, &u)).await?))
}

/// How many people starred each session of the latest release or a talk in it (chairs;
/// counts only, nobody is named).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/agenda/counts", tag = "agenda", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = AgendaCounts), (status = 404, body = ErrorBody)))]
pub async fn counts(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<AgendaCounts>> {
    Ok(web::Json(as_chair(&state, &user, path.into_inner(), service::counts).await?))
}
