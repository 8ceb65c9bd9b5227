//! JSON API of a forum's topics.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::validate::{ForumCommissionInput, ForumTopicDecisionInput, ForumTopicInput};
use super::view::ForumTopicsView;
use super::{service, validate, view};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// A forum's executive chairs and adopted topics (public once the forum is open), with the
/// proposals the reader may see: every one for its chairs, one's own for a proposer.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/forum-topics", tag = "salons",
    params(("slug" = String, Path, description = "forum URL name")),
    responses((status = 200, body = ForumTopicsView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: MaybeUser, path: web::Path<String>) -> AppResult<web::Json<ForumTopicsView>> {
    let slug = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let v = service::forum(c, user.0.as_ref(), &slug)?;
                view::topics(c, user.0.as_ref(), &v, now())
            })
            .await?,
    ))
}

/// Proposes a topic for the forum (anyone signed in with a confirmed address, while the forum
/// takes proposals: 409 `forum_topics.closed` after its paper deadline); the chairs are mailed.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/forum-topics", tag = "salons", security(("bearer" = [])), request_body = ForumTopicInput,
    params(("slug" = String, Path, description = "forum URL name")),
    responses((status = 201, body = ForumTopicsView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ForumTopicInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let spec = validate::proposal(&body)?;
    let (u, st) = (user.user.clone(), state.get_ref().clone());
    let v = state
        .db
        .tx(move |c| {
            let v = service::forum(c, Some(&u), &slug)?;
            service::propose(c, &st, &u, &v, &spec, now())?;
            view::topics(c, Some(&u), &v, now())
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Commissions a topic (the forum's chairs): adopted at once, added to the venue's topics, and
/// the convener mailed when an address is given.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/forum-topics/commissions", tag = "salons", security(("bearer" = [])), request_body = ForumCommissionInput,
    params(("slug" = String, Path, description = "forum URL name")),
    responses((status = 201, body = ForumTopicsView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn commission(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ForumCommissionInput>,
) -> AppResult<HttpResponse> {
    let spec = validate::commission(&body)?;
    let (u, st) = (user.user.clone(), state.get_ref().clone());
    let v = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        service::commission(c, &st, ch, &u, &spec, now())?;
        view::topics(c, Some(&u), &ch.venue, now())
    })
    .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Adopts a proposed topic (it joins the venue's topics) or declines it with a reason (the
/// forum's chairs); the proposer is mailed. 409 when it was decided already.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/forum-topics/{id}/decision", tag = "salons", security(("bearer" = [])), request_body = ForumTopicDecisionInput,
    params(("slug" = String, Path, description = "forum URL name"), ("id" = i64, Path, description = "topic id")),
    responses((status = 200, body = ForumTopicsView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<ForumTopicDecisionInput>,
) -> AppResult<web::Json<ForumTopicsView>> {
    let (slug, id) = path.into_inner();
    let (adopt, note) = validate::decision(&body)?;
    let (u, st) = (user.user.clone(), state.get_ref().clone());
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::decide(c, &st, ch, (adopt, &note), id, now())?;
            view::topics(c, Some(&u), &ch.venue, now())
        })
        .await?,
    ))
}
