//! JSON API of annual salon plans.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::validate::{SalonPlanInput, SalonPlanItemInput, SalonThemeDecisionInput, SalonThemeInput};
use super::view::{SalonPlanView, SalonThemeView};
use super::{service, store, validate, view};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// A society's salon plan for a year (public once published; its staff also see the draft).
#[utoipa::path(get, path = "/api/v1/societies/{slug}/salon-plans/{year}", tag = "salons",
    params(("slug" = String, Path, description = "society URL name"), ("year" = i32, Path, description = "year")),
    responses((status = 200, body = SalonPlanView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: MaybeUser, path: web::Path<(String, i32)>) -> AppResult<web::Json<SalonPlanView>> {
    let (slug, year) = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let s = store::society(c, &slug)?;
                view::plan(c, user.0.as_ref(), &s, year)
            })
            .await?,
    ))
}

/// Sets the plan's introduction (the society's staff).
#[utoipa::path(put, path = "/api/v1/societies/{slug}/salon-plans/{year}", tag = "salons", security(("bearer" = [])), request_body = SalonPlanInput,
    params(("slug" = String, Path, description = "society URL name"), ("year" = i32, Path, description = "year")),
    responses((status = 200, body = SalonPlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    body: crate::web::json::Object<SalonPlanInput>,
) -> AppResult<web::Json<SalonPlanView>> {
    let (slug, year) = path.into_inner();
    let (zh, en) = validate::intro(&body)?;
    let u = user.user.clone();
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let s = store::society(c, &slug)?;
                service::save_intro(c, &u, &s, year, &zh, &en, now())?;
                view::plan(c, Some(&u), &s, year)
            })
            .await?,
    ))
}

/// Publishes the plan (`publish: true`) or takes it back to a draft (the society's staff).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct SalonPlanPublishInput {
    /// `true` to publish, `false` to withdraw.
    #[serde(default)]
    pub publish: bool,
}

/// Publishes or withdraws the plan (the society's staff; an empty plan is not published).
#[utoipa::path(post, path = "/api/v1/societies/{slug}/salon-plans/{year}/publication", tag = "salons", security(("bearer" = [])), request_body = SalonPlanPublishInput,
    params(("slug" = String, Path, description = "society URL name"), ("year" = i32, Path, description = "year")),
    responses((status = 200, body = SalonPlanView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn publish(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    body: crate::web::json::Object<SalonPlanPublishInput>,
) -> AppResult<web::Json<SalonPlanView>> {
    let (slug, year) = path.into_inner();
    let (u, p) = (user.user.clone(), body.publish);
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let s = store::society(c, &slug)?;
                service::publish(c, &u, &s, year, p, now())?;
                view::plan(c, Some(&u), &s, year)
            })
            .await?,
    ))
}

/// Adds a planned salon (the society's staff).
#[utoipa::path(post, path = "/api/v1/societies/{slug}/salon-plans/{year}/items", tag = "salons", security(("bearer" = [])), request_body = SalonPlanItemInput,
    params(("slug" = String, Path, description = "society URL name"), ("year" = i32, Path, description = "year")),
    responses((status = 201, body = SalonPlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_item(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    body: crate::web::json::Object<SalonPlanItemInput>,
) -> AppResult<HttpResponse> {
    let (slug, year) = path.into_inner();
    let spec = validate::item(&body, year)?;
    let u = user.user.clone();
    let v = state
        .db
        .tx(move |c| {
            let s = store::society(c, &slug)?;
            service::add_item(c, &u, &s, year, &spec, now())?;
            view::plan(c, Some(&u), &s, year)
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Changes a planned salon (the society's staff).
#[utoipa::path(put, path = "/api/v1/societies/{slug}/salon-plans/{year}/items/{id}", tag = "salons", security(("bearer" = [])), request_body = SalonPlanItemInput,
    params(("slug" = String, Path, description = "society URL name"), ("year" = i32, Path, description = "year"), ("id" = i64, Path, description = "item id")),
    responses((status = 200, body = SalonPlanView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_item(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i32, i64)>,
    body: crate::web::json::Object<SalonPlanItemInput>,
) -> AppResult<web::Json<SalonPlanView>> {
    let (slug, year, id) = path.into_inner();
    let spec = validate::item(&body, year)?;
    let u = user.user.clone();
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let s = store::society(c, &slug)?;
                service::update_item(c, &u, &s, year, id, &spec, now())?;
                view::plan(c, Some(&u), &s, year)
            })
            .await?,
    ))
}

/// Deletes a planned salon (the society's staff).
#[utoipa::path(delete, path = "/api/v1/societies/{slug}/salon-plans/{year}/items/{id}", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "society URL name"), ("year" = i32, Path, description = "year"), ("id" = i64, Path, description = "item id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_item(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i32, i64)>) -> AppResult<HttpResponse> {
    let (slug, year, id) = path.into_inner();
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let s = store::society(c, &slug)?;
            service::delete_item(c, &u, &s, year, id, now())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Proposes a theme for a year's plan (anyone signed in; the society's staff are mailed).
#[utoipa::path(post, path = "/api/v1/societies/{slug}/salon-themes", tag = "salons", security(("bearer" = [])), request_body = SalonThemeInput,
    params(("slug" = String, Path, description = "society URL name")),
    responses((status = 201, body = Vec<SalonThemeView>), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<SalonThemeInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let spec = validate::theme(&body, service::this_year(now()))?;
    let (u, st) = (user.user.clone(), state.get_ref().clone());
    let list = state
        .db
        .tx(move |c| {
            let s = store::society(c, &slug)?;
            service::propose(c, &st, &u, &s, &spec, now())?;
            view::proposals(c, &u, &s, spec.year)
        })
        .await?;
    Ok(HttpResponse::Created().json(list))
}

/// `?year=`.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct YearParam {
    /// The plan's year (default this year).
    pub year: Option<i32>,
}

/// The proposed themes of a year: all of them for the society's staff, one's own for others.
#[utoipa::path(get, path = "/api/v1/societies/{slug}/salon-themes", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "society URL name"), YearParam),
    responses((status = 200, body = Vec<SalonThemeView>), (status = 404, body = ErrorBody)))]
pub async fn proposals(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<YearParam>,
) -> AppResult<web::Json<Vec<SalonThemeView>>> {
    let slug = path.into_inner();
    let year = q.year.unwrap_or_else(|| service::this_year(now()));
    let u = user.user.clone();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let s = store::society(c, &slug)?;
                view::proposals(c, &u, &s, year)
            })
            .await?,
    ))
}

/// Accepts a proposed theme into its year's plan, or declines it with a reason (the society's
/// staff); the proposer is mailed.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/salon-themes/{id}/decision", tag = "salons", security(("bearer" = [])), request_body = SalonThemeDecisionInput,
    params(("slug" = String, Path, description = "society URL name"), ("id" = i64, Path, description = "proposal id")),
    responses((status = 200, body = Vec<SalonThemeView>), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<SalonThemeDecisionInput>,
) -> AppResult<web::Json<Vec<SalonThemeView>>> {
    let (slug, id) = path.into_inner();
    let (accept, note) = validate::theme_decision(&body)?;
    let (u, st) = (user.user.clone(), state.get_ref().clone());
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let s = store::society(c, &slug)?;
                service::decide(c, &st, &u, &s, id, (accept, &note), now())?;
                let year = store::proposal(c, s.id, id)?.year;
                view::proposals(c, &u, &s, year)
            })
            .await?,
    ))
}
