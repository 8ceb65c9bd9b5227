//! JSON API of integrity flags: a venue's chairs and a journal's chief and managing editors
//! list their side's flags, read one with its passages, dismiss it with a reason or open it
//! again; chairs read and set the venue's dual-submission policy. Every read is audited.

use actix_web::web;
use serde::Serialize;

use super::model::DualSubmission;
use super::service::{self, DismissInput, PolicyInput};
use super::side::{SideRef, as_side};
use super::view::{FlagView, Listing, PassageView};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::AppState;
use crate::web::json::Object;

/// A flag with the passages both papers share.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityFlagDetail)]
pub struct FlagDetail {
    /// The flag.
    pub flag: FlagView,
    /// The shared passages (the other paper's text only where it may be seen).
    pub passages: Vec<PassageView>,
}

/// A venue's dual-submission policy.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityPolicy)]
pub struct PolicyView {
    /// `forbidden`, `allowed` or `declared`.
    #[schema(value_type = String)]
    pub dual_submission: DualSubmission,
}

async fn listing(state: &AppState, user: &CurrentUser, at: SideRef) -> AppResult<Listing> {
    as_side(state, user, at, |c, s| {
        service::read_listing(c, s.owner(), s.user_id, &|id| s.hides(id))
    })
    .await
}

async fn detail(state: &AppState, user: &CurrentUser, at: SideRef, id: i64) -> AppResult<FlagDetail> {
    as_side(state, user, at, move |c, s| {
        let (flag, passages) = service::read_flag(c, s.owner(), s.user_id, id, &|x| s.hides(x))?;
        Ok(FlagDetail { flag, passages })
    })
    .await
}

async fn dismissed(state: &AppState, user: &CurrentUser, at: SideRef, id: i64, input: DismissInput) -> AppResult<FlagView> {
    as_side(state, user, at, move |c, s| {
        service::dismiss(c, s.owner(), s.user_id, id, &input, &|x| s.hides(x))?;
        super::view::decidable(c, s.owner(), id, &|x| s.hides(x))
    })
    .await
}

async fn reopened(state: &AppState, user: &CurrentUser, at: SideRef, id: i64) -> AppResult<FlagView> {
    as_side(state, user, at, move |c, s| {
        service::reopen(c, s.owner(), s.user_id, id, &|x| s.hides(x))?;
        super::view::decidable(c, s.owner(), id, &|x| s.hides(x))
    })
    .await
}

/// The venue's flags: its papers that overlap other papers of this installation.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/integrity/flags", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Listing), (status = 404, body = ErrorBody)))]
pub async fn venue_flags(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Listing>> {
    Ok(web::Json(listing(&state, &user, SideRef::Venue(path.into_inner())).await?))
}

/// One flag of the venue with its passages.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/integrity/flags/{id}", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "flag id")),
    responses((status = 200, body = FlagDetail), (status = 404, body = ErrorBody)))]
pub async fn venue_flag(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<FlagDetail>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(detail(&state, &user, SideRef::Venue(slug), id).await?))
}

/// Sets an open flag of the venue aside, with a reason.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/integrity/flags/{id}/dismiss", tag = "integrity", security(("bearer" = [])),
    request_body = DismissInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "flag id")),
    responses((status = 200, body = FlagView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn venue_dismiss(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: Object<DismissInput>,
) -> AppResult<web::Json<FlagView>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        dismissed(&state, &user, SideRef::Venue(slug), id, body.into_inner()).await?,
    ))
}

/// Opens a dismissed flag of the venue again.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/integrity/flags/{id}/reopen", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "flag id")),
    responses((status = 200, body = FlagView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn venue_reopen(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<FlagView>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(reopened(&state, &user, SideRef::Venue(slug), id).await?))
}

/// The venue's dual-submission policy.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/integrity/policy", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = PolicyView), (status = 404, body = ErrorBody)))]
pub async fn get_policy(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<PolicyView>> {
    let p = as_side(&state, &user, SideRef::Venue(path.into_inner()), |c, s| {
        super::view::policy_of(c, s.owner())
    })
    .await?;
    Ok(web::Json(PolicyView { dual_submission: p }))
}

/// Sets the venue's dual-submission policy.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/integrity/policy", tag = "integrity", security(("bearer" = [])),
    request_body = PolicyInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = PolicyView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_policy(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<PolicyInput>,
) -> AppResult<web::Json<PolicyView>> {
    let input = body.into_inner();
    let p = as_side(&state, &user, SideRef::Venue(path.into_inner()), move |c, s| match s.owner() {
        super::store::Owner::Venue(v) => service::set_policy(c, v, s.user_id, &input),
        super::store::Owner::Journal(_) => Err(AppError::NotFound),
    })
    .await?;
    Ok(web::Json(PolicyView { dual_submission: p }))
}

/// The journal's flags: its manuscripts that overlap other papers of this installation.
#[utoipa::path(get, path = "/api/v1/journals/{id}/integrity/flags", tag = "integrity", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = Listing), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn journal_flags(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Listing>> {
    Ok(web::Json(listing(&state, &user, SideRef::Journal(path.into_inner())).await?))
}

/// One flag of the journal with its passages.
#[utoipa::path(get, path = "/api/v1/journals/{id}/integrity/flags/{flag}", tag = "integrity", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id"), ("flag" = i64, Path, description = "flag id")),
    responses((status = 200, body = FlagDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn journal_flag(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<FlagDetail>> {
    let (j, id) = path.into_inner();
    Ok(web::Json(detail(&state, &user, SideRef::Journal(j), id).await?))
}

/// Sets an open flag of the journal aside, with a reason.
#[utoipa::path(post, path = "/api/v1/journals/{id}/integrity/flags/{flag}/dismiss", tag = "integrity", security(("bearer" = [])),
    request_body = DismissInput,
    params(("id" = i64, Path, description = "journal id"), ("flag" = i64, Path, description = "flag id")),
    responses((status = 200, body = FlagView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn journal_dismiss(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<DismissInput>,
) -> AppResult<web::Json<FlagView>> {
    let (j, id) = path.into_inner();
    Ok(web::Json(
        dismissed(&state, &user, SideRef::Journal(j), id, body.into_inner()).await?,
    ))
}

/// Opens a dismissed flag of the journal again.
#[utoipa::path(post, path = "/api/v1/journals/{id}/integrity/flags/{flag}/reopen", tag = "integrity", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id"), ("flag" = i64, Path, description = "flag id")),
    responses((status = 200, body = FlagView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn journal_reopen(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<FlagView>> {
    let (j, id) = path.into_inner();
    Ok(web::Json(reopened(&state, &user, SideRef::Journal(j), id).await?))
}
