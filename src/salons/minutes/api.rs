//! JSON API of salon minutes. `GET /minutes` is the public, published form only (404 before
//! publication, for writers too); writers work on `/minutes/draft` and the statements; a
//! speaker reads and answers their own statements under `/minutes/review`.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service;
use super::validate::{
    MinutesInput, MinutesRapporteurInput, MinutesResolveInput, MinutesReviewInput, MinutesSendInput, MinutesStatementInput,
};
use super::view::{MinutesDraft, MinutesOwnReview, MinutesPublic, MinutesRapporteur};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::guard::salon::as_writer;
use crate::web::AppState;
use crate::web::json::Object;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// Published minutes of a salon: introduction, main viewpoints, dissenting views (verbatim),
/// each named or, for anonymous statements, without any speaker. 404 before publication (for
/// everyone: writers read `/minutes/draft`) and for venues that are not salons.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/minutes", tag = "salons",
    params(("slug" = String, Path, description = "salon URL name")),
    responses((status = 200, body = MinutesPublic), (status = 404, body = ErrorBody)))]
pub async fn get_public(state: web::Data<AppState>, user: MaybeUser, path: web::Path<String>) -> AppResult<web::Json<MinutesPublic>> {
    let slug = path.into_inner();
    Ok(web::Json(state.db.run(move |c| service::public(c, user.0.as_ref(), &slug)).await?))
}

/// The writers' working copy (chairs, lead scientists, rapporteurs): texts, introduction
/// lengths, every statement with its speaker and review, the participants who may be named,
/// and why publication is not yet possible. 404 for anyone else.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/minutes/draft", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "salon URL name")),
    responses((status = 200, body = MinutesDraft), (status = 404, body = ErrorBody)))]
pub async fn get_draft(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<MinutesDraft>> {
    Ok(web::Json(
        as_writer(&state, &user, path.into_inner(), move |c, w| service::draft(c, w, now())).await?,
    ))
}

/// Saves the title (empty: the salon's), introduction (about 400 characters: below 200 or
/// above 600 is noted in `intro_counts`, above 2,000 refused) and outlook (writers).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/minutes/draft", tag = "salons", security(("bearer" = [])),
    request_body = MinutesInput, params(("slug" = String, Path, description = "salon URL name")),
    responses((status = 200, body = MinutesDraft), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<MinutesInput>,
) -> AppResult<web::Json<MinutesDraft>> {
    let input = body.into_inner();
    Ok(web::Json(
        as_writer(&state, &user, path.into_inner(), move |c, w| service::save(c, w, &input, now())).await?,
    ))
}

/// Adds a statement (writers). Its speaker is a participant (`speaker_id`) or someone outside
/// the list (`speaker_name`, no review). In review, the speaker is asked at once. 409 once
/// published.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/minutes/statements", tag = "salons", security(("bearer" = [])),
    request_body = MinutesStatementInput, params(("slug" = String, Path, description = "salon URL name")),
    responses((status = 201, body = MinutesDraft), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_statement(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<MinutesStatementInput>,
) -> AppResult<HttpResponse> {
    let (input, st) = (body.into_inner(), state.clone());
    let d = as_writer(&state, &user, path.into_inner(), move |c, w| {
        service::add_statement(c, &st, w, &input, now())
    })
    .await?;
    Ok(HttpResponse::Created().json(d))
}

/// Changes a statement (writers). In review, a changed statement's review starts again and
/// its speaker is mailed. 409 once published.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/minutes/statements/{id}", tag = "salons", security(("bearer" = [])),
    request_body = MinutesStatementInput,
    params(("slug" = String, Path, description = "salon URL name"), ("id" = i64, Path, description = "statement id")),
    responses((status = 200, body = MinutesDraft), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_statement(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: Object<MinutesStatementInput>,
) -> AppResult<web::Json<MinutesDraft>> {
    let ((slug, id), input, st) = (path.into_inner(), body.into_inner(), state.clone());
    Ok(web::Json(
        as_writer(&state, &user, slug, move |c, w| {
            service::update_statement(c, &st, w, id, &input, now())
        })
        .await?,
    ))
}

/// Deletes a statement (writers). 409 for a dissent its speaker approved (only the speaker
/// withdraws it) and once published.
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/minutes/statements/{id}", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "salon URL name"), ("id" = i64, Path, description = "statement id")),
    responses((status = 200, body = MinutesDraft), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete_statement(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<web::Json<MinutesDraft>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_writer(&state, &user, slug, move |c, w| service::delete_statement(c, w, id, now())).await?,
    ))
}

/// Resolves a speaker's change request (writers): `accept` takes the proposed wording,
/// otherwise the speaker is asked again with `reply`. 409 when no request is open.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/minutes/statements/{id}/resolution", tag = "salons", security(("bearer" = [])),
    request_body = MinutesResolveInput,
    params(("slug" = String, Path, description = "salon URL name"), ("id" = i64, Path, description = "statement id")),
    responses((status = 200, body = MinutesDraft), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn resolve(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: Object<MinutesResolveInput>,
) -> AppResult<web::Json<MinutesDraft>> {
    let ((slug, id), input, st) = (path.into_inner(), body.into_inner(), state.clone());
    Ok(web::Json(
        as_writer(&state, &user, slug, move |c, w| service::resolve(c, &st, w, id, &input, now())).await?,
    ))
}

/// Sends the minutes to the speakers with a review deadline (wall-clock time in the salon's
/// zone): one mail per speaker, in their language. Sent again while in review, only the
/// deadline moves.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/minutes/review-request", tag = "salons", security(("bearer" = [])),
    request_body = MinutesSendInput, params(("slug" = String, Path, description = "salon URL name")),
    responses((status = 200, body = MinutesDraft), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn send(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<MinutesSendInput>,
) -> AppResult<web::Json<MinutesDraft>> {
    let (input, st) = (body.into_inner(), state.clone());
    Ok(web::Json(
        as_writer(&state, &user, path.into_inner(), move |c, w| {
            service::send(c, &st, w, &input, now())
        })
        .await?,
    ))
}

/// Publishes the minutes (writers). 409 while a change request is open, and before the
/// deadline while a speaker has not answered; after it, silence counts as approval.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/minutes/publication", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "salon URL name")),
    responses((status = 200, body = MinutesDraft), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn publish(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<MinutesDraft>> {
    Ok(web::Json(
        as_writer(&state, &user, path.into_inner(), move |c, w| service::publish(c, w, now())).await?,
    ))
}

/// The reader's own statements in minutes under review (nobody else's). 404 unless the minutes
/// are in review and the reader speaks in them.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/minutes/review", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "salon URL name")),
    responses((status = 200, body = MinutesOwnReview), (status = 404, body = ErrorBody)))]
pub async fn get_review(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<MinutesOwnReview>> {
    let (slug, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(state.db.run(move |c| service::own_review(c, &u, &slug, now())).await?))
}

/// Answers about one of the reader's statements: `approve`, `change` (comment and/or proposed
/// wording) or `withdraw`; `attribution` switches between named and anonymous.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/minutes/review/{id}", tag = "salons", security(("bearer" = [])),
    request_body = MinutesReviewInput,
    params(("slug" = String, Path, description = "salon URL name"), ("id" = i64, Path, description = "statement id")),
    responses((status = 200, body = MinutesOwnReview), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn answer(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: Object<MinutesReviewInput>,
) -> AppResult<web::Json<MinutesOwnReview>> {
    let ((slug, id), input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        state.db.tx(move |c| service::answer(c, &u, &slug, id, &input, now())).await?,
    ))
}

/// Names a rapporteur by account address (chairs); they are mailed in their language.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/minutes/rapporteurs", tag = "salons", security(("bearer" = [])),
    request_body = MinutesRapporteurInput, params(("slug" = String, Path, description = "salon URL name")),
    responses((status = 200, body = Vec<MinutesRapporteur>), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_rapporteur(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<MinutesRapporteurInput>,
) -> AppResult<web::Json<Vec<MinutesRapporteur>>> {
    let (input, st) = (body.into_inner(), state.clone());
    Ok(web::Json(
        as_writer(&state, &user, path.into_inner(), move |c, w| {
            service::add_rapporteur(c, &st, w, &input)
        })
        .await?,
    ))
}

/// Takes the rapporteur role away (chairs).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/minutes/rapporteurs/{user_id}", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "salon URL name"), ("user_id" = i64, Path, description = "account id")),
    responses((status = 200, body = Vec<MinutesRapporteur>), (status = 404, body = ErrorBody)))]
pub async fn remove_rapporteur(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<web::Json<Vec<MinutesRapporteur>>> {
    let (slug, uid) = path.into_inner();
    Ok(web::Json(
        as_writer(&state, &user, slug, move |c, w| service::remove_rapporteur(c, w, uid)).await?,
    ))
}
