//! JSON API of a society's page, for its staff: the venues and journals that belong to it (to
//! attach or detach, as on the page) and who sits on its integrity committee (to name or
//! remove). Anyone else gets 404.

use actix_web::web;

use super::service::{self, AppointInput, MemberInput, Members};
use crate::auth::CurrentUser;
use crate::db::AnyConnection;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;
use crate::web::json::Object;

/// Runs `f` as staff of society `slug` in one transaction, then answers its page as it stands.
async fn acted<F>(state: &AppState, user: &CurrentUser, slug: String, f: F) -> AppResult<web::Json<Members>>
where
    F: FnOnce(&mut AnyConnection, &AppState, &crate::auth::User, &crate::salons::plan::model::Society) -> AppResult<()> + Send + 'static,
{
    let (u, st) = (user.user.clone(), state.clone());
    let m = state
        .db
        .tx(move |c| {
            let society = service::for_staff(c, &u, &slug)?;
            f(c, &st, &u, &society)?;
            service::members(c, &u, &slug)
        })
        .await?;
    Ok(web::Json(m))
}

/// The society's venues, journals and integrity committee (its staff only).
#[utoipa::path(get, path = "/api/v1/societies/{slug}/members", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "society URL name")),
    responses((status = 200, body = Members), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Members>> {
    acted(&state, &user, path.into_inner(), |_, _, _, _| Ok(())).await
}

/// Attaches a venue the caller chairs, or a journal they run, to the society.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/members", tag = "integrity", security(("bearer" = [])),
    request_body = MemberInput, params(("slug" = String, Path, description = "society URL name")),
    responses((status = 200, body = Members), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn attach(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<MemberInput>,
) -> AppResult<web::Json<Members>> {
    let input = body.into_inner();
    acted(&state, &user, path.into_inner(), move |c, _, u, s| {
        service::attach(c, u, &s.slug, &input)
    })
    .await
}

/// Detaches a venue the caller chairs, or a journal they run, from the society.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/members/detach", tag = "integrity", security(("bearer" = [])),
    request_body = MemberInput, params(("slug" = String, Path, description = "society URL name")),
    responses((status = 200, body = Members), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn detach(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<MemberInput>,
) -> AppResult<web::Json<Members>> {
    let input = body.into_inner();
    acted(&state, &user, path.into_inner(), move |c, _, u, s| {
        service::detach(c, u, &s.slug, &input)
    })
    .await
}

/// Names the account with this address to the society's integrity committee (never oneself);
/// they are told by mail. It gives the caller no access to cases.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/integrity-committee", tag = "integrity", security(("bearer" = [])),
    request_body = AppointInput, params(("slug" = String, Path, description = "society URL name")),
    responses((status = 200, body = Members), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn appoint(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<AppointInput>,
) -> AppResult<web::Json<Members>> {
    let input = body.into_inner();
    acted(&state, &user, path.into_inner(), move |c, st, u, s| {
        crate::integrity::cases::appoint::appoint(c, st, u, s, &input.email)
    })
    .await
}

/// Removes a member from the society's integrity committee.
#[utoipa::path(delete, path = "/api/v1/societies/{slug}/integrity-committee/{user}", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "society URL name"), ("user" = i64, Path, description = "the member's account id")),
    responses((status = 200, body = Members), (status = 404, body = ErrorBody)))]
pub async fn dismiss(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<Members>> {
    let (slug, id) = path.into_inner();
    acted(&state, &user, slug, move |c, _, u, s| {
        crate::integrity::cases::appoint::dismiss(c, u, s, id)
    })
    .await
}
