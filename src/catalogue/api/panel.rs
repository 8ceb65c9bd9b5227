//! The expert panel and committee of an edition.

use super::super::panel::{self};
use super::super::validate::{MembersInput, role_of};
use super::super::view::{PanelView, panel_view};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::edition::as_committee;
use crate::web::AppState;
use actix_web::{HttpResponse, web};

/// The panel with voting progress (its committee).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/panel", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")), responses((status = 200, body = PanelView), (status = 404, body = ErrorBody)))]
pub async fn get_panel(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<PanelView>> {
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), |c, e, _| panel_view(c, e)).await?,
    ))
}

/// Adds experts or committee members by e-mail and tells them by mail (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/panel", tag = "catalogues", security(("bearer" = [])), request_body = MembersInput,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = PanelView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_members(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<MembersInput>,
) -> AppResult<web::Json<PanelView>> {
    let input = body.into_inner();
    let st = state.get_ref().clone();
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), move |c, e, u| {
            panel::add(c, &st, e, u.id, &input.emails, role_of(&input.role)?)?;
            panel_view(c, e)
        })
        .await?,
    ))
}

/// Takes someone off the panel or committee (`?role=committee` for the latter; its committee).
#[utoipa::path(delete, path = "/api/v1/catalogues/{id}/panel/{user}", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id"), ("user" = i64, Path, description = "account id"), ("role" = inline(Option<crate::web::openapi::params::PanelRole>), Query, description = "expert or committee")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove_member(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    query: web::Query<std::collections::HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let (id, who) = path.into_inner();
    let role = role_of(query.get("role").map(String::as_str).unwrap_or(""))?;
    as_committee(&state, &user, id, move |c, e, u| panel::remove(c, e.id, u.id, who, role)).await?;
    Ok(HttpResponse::NoContent().finish())
}
