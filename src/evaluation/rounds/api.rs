//! JSON API of evaluation rounds.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::in_round;
use super::model::Entry;
use super::panel::{self, MembersInput, Panel};
use super::service::{self, PhaseInput};
use super::snapshot::{self, EntryDetail};
use super::validate::{EntryInput, RoundInput};
use super::view::{self, RoundSummary, RoundView};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::salons::plan::store::society;
use crate::web::AppState;
use crate::web::json::Object;

/// Every evaluation round, newest first (public).
#[utoipa::path(get, path = "/api/v1/evaluation/rounds", tag = "evaluation",
    responses((status = 200, body = Vec<RoundSummary>)))]
pub async fn list(state: web::Data<AppState>) -> AppResult<web::Json<Vec<RoundSummary>>> {
    Ok(web::Json(state.db.run(view::list).await?))
}

/// A round: its call, method and phase for everyone; the entries for its committee (all), a
/// venue's chairs (their own) and everyone from public notice on.
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}", tag = "evaluation",
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = RoundView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: MaybeUser, path: web::Path<i64>) -> AppResult<web::Json<RoundView>> {
    let id = path.into_inner();
    Ok(web::Json(
        in_round::read(&state, id, move |c, r| view::round(c, user.0.as_ref(), r.clone())).await?,
    ))
}

/// Creates a round on a final version of one of the society's indicator systems (its staff);
/// the creator joins the round's committee.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/evaluation-rounds", tag = "evaluation", security(("bearer" = [])),
    request_body = RoundInput, params(("slug" = String, Path, description = "society URL name")),
    responses((status = 201, body = RoundView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<RoundInput>,
) -> AppResult<HttpResponse> {
    let (slug, input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    let v = state
        .db
        .tx(move |c| {
            let s = society(c, &slug)?;
            let r = service::create(c, &u, &s, &input, Utc::now().naive_utc())?;
            view::round(c, Some(&u), r)
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Moves the round one phase forward, or back with a reason (its committee); logged.
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/phase", tag = "evaluation", security(("bearer" = [])),
    request_body = PhaseInput, params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = RoundView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn phase(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<PhaseInput>,
) -> AppResult<web::Json<RoundView>> {
    let (id, input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| {
            let r = service::move_phase(c, &u, r, &input, Utc::now().naive_utc())?;
            view::round(c, Some(&u), r)
        })
        .await?,
    ))
}

/// Enters a conference while applications are open: a venue's chairs apply for it (`venue`),
/// the committee nominates a venue or enters a conference held outside xuehui (names,
/// organiser, when and where, website). 409 once applications are closed or for a venue
/// already in the round.
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/entries", tag = "evaluation", security(("bearer" = [])),
    request_body = EntryInput, params(("id" = i64, Path, description = "round id")),
    responses((status = 201, body = Entry), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn enter(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<EntryInput>,
) -> AppResult<HttpResponse> {
    let (id, input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    let e = in_round::write(&state, id, move |c, r| service::enter(c, &u, r, &input, Utc::now().naive_utc())).await?;
    Ok(HttpResponse::Created().json(e))
}

/// Withdraws an entry (the committee, or its venue's chairs) while applications are open.
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/entries/{entry}/withdraw", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = Entry), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn withdraw(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<Entry>> {
    let ((id, entry), u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| service::withdraw(c, &u, r, entry, Utc::now().naive_utc())).await?,
    ))
}

/// One conference of a round with its frozen platform metrics (value, what was counted, why a
/// figure is missing, when it was computed): for the committee and the conference's chairs.
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/entries/{entry}", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = EntryDetail), (status = 404, body = ErrorBody)))]
pub async fn entry(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<EntryDetail>> {
    let ((id, entry), u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::read(&state, id, move |c, r| snapshot::detail(c, &u, r, entry)).await?,
    ))
}

/// Recomputes a conference's platform metrics from its records (the committee, while the
/// round's metrics are frozen: 409 otherwise, and for a conference held outside xuehui); the
/// log keeps each changed figure before and after.
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/entries/{entry}/recompute", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = EntryDetail), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn recompute(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<EntryDetail>> {
    let ((id, entry), u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| {
            snapshot::recompute(c, &u, r, entry, Utc::now().naive_utc())?;
            snapshot::detail(c, &u, r, entry)
        })
        .await?,
    ))
}

/// The round's committee and experts (its committee).
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/panel", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = Panel), (status = 404, body = ErrorBody)))]
pub async fn get_panel(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Panel>> {
    let (id, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(in_round::read(&state, id, move |c, r| panel::view(c, &u, r)).await?))
}

/// Names experts (`role: expert`, the default) or committee members by the addresses of their
/// accounts (its committee); all must exist (422 lists the unknown ones); each is mailed.
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/panel", tag = "evaluation", security(("bearer" = [])),
    request_body = MembersInput, params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = Panel), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_panel(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<MembersInput>,
) -> AppResult<web::Json<Panel>> {
    let (id, input, u, st) = (path.into_inner(), body.into_inner(), user.user.clone(), state.get_ref().clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| {
            panel::add(c, &st, &u, r, &input)?;
            panel::view(c, &u, r)
        })
        .await?,
    ))
}

/// Takes someone off the panel (`?role=committee` for the committee; its committee).
#[utoipa::path(delete, path = "/api/v1/evaluation/rounds/{id}/panel/{user}", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id"), ("user" = i64, Path, description = "account id"), ("role" = inline(Option<crate::web::openapi::params::PanelRole>), Query, description = "expert or committee")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn remove_panel(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    query: web::Query<std::collections::HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let ((id, who), u) = (path.into_inner(), user.user.clone());
    let role = query.get("role").cloned().unwrap_or_default();
    in_round::write(&state, id, move |c, r| panel::remove(c, &u, r, who, &role)).await?;
    Ok(HttpResponse::NoContent().finish())
}
