//! Committee API: chairs list, invite and remove; invitees answer with their link.

use actix_web::{HttpResponse, web};

use super::model::Member;
pub use super::service::InvitationView;
use super::service::{self, InviteSummary, RemovalSummary, invitation};
use super::store;
pub use super::validate::LoadsInput;
use super::validate::{self, DeclineInput, InviteInput, check_loads};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;
use crate::web::i18n::Lang;

/// The committee of a venue (its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/committee", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Vec<Member>), (status = 404, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Vec<Member>>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), |c, ch| store::list(c, ch.venue.id)).await?,
    ))
}

/// Invites reviewers or area chairs by e-mail (its chairs); each gets a mail with a personal link.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/committee", tag = "review", security(("bearer" = [])), request_body = InviteInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = InviteSummary), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn invite(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<InviteInput>,
) -> AppResult<HttpResponse> {
    let spec = validate::invite(&body)?;
    let (st, u) = (state.clone(), user.user.clone());
    let lang = user.user.preferred_lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::En);
    let summary = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        service::invite(c, &st, &ch.venue, &u, &spec, lang)
    })
    .await?;
    Ok(HttpResponse::Created().json(summary))
}

/// Removes an invitation or a member (its chairs): their assignments, access and drafts end
/// at once; the answer says what ended.
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/committee/{id}", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "invitation id")),
    responses((status = 200, body = RemovalSummary), (status = 404, body = ErrorBody)))]
pub async fn remove(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<RemovalSummary>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, chair| service::remove(c, chair.venue.id, id)).await?,
    ))
}

/// An invitation as its link shows it.
#[utoipa::path(get, path = "/api/v1/invitations/{token}", tag = "review",
    params(("token" = String, Path, description = "the link's token")),
    responses((status = 200, body = InvitationView), (status = 404, body = ErrorBody)))]
pub async fn show(state: web::Data<AppState>, path: web::Path<String>) -> AppResult<web::Json<InvitationView>> {
    let token = path.into_inner();
    Ok(web::Json(state.db.run(move |c| invitation(c, &token)).await?))
}

/// Accepts an invitation with the caller's account.
#[utoipa::path(post, path = "/api/v1/invitations/{token}/accept", tag = "review", security(("bearer" = [])),
    params(("token" = String, Path, description = "the link's token")),
    responses((status = 200, body = InvitationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn accept(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<InvitationView>> {
    let token = path.into_inner();
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                service::accept(c, &token, &user.user)?;
                invitation(c, &token)
            })
            .await?,
    ))
}

/// Declines an invitation (no account needed), optionally with a reason and a suggestion.
#[utoipa::path(post, path = "/api/v1/invitations/{token}/decline", tag = "review", request_body = DeclineInput,
    params(("token" = String, Path, description = "the link's token")),
    responses((status = 200, body = InvitationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn decline(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: crate::web::json::Object<DeclineInput>,
) -> AppResult<web::Json<InvitationView>> {
    let token = path.into_inner();
    let (reason, suggestion) = validate::decline(&body)?;
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                service::decline(c, &token, &reason, &suggestion)?;
                invitation(c, &token)
            })
            .await?,
    ))
}

/// Sets one member's own minimum and maximum load (its chairs).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/committee/{id}/loads", tag = "review", security(("bearer" = [])), request_body = LoadsInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "invitation id")),
    responses((status = 200, body = Member), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_loads(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<LoadsInput>,
) -> AppResult<web::Json<Member>> {
    check_loads(&body)?;
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            store::get(c, ch.venue.id, id)?;
            store::set_loads(c, id, body.min_load, body.max_load)?;
            store::get(c, ch.venue.id, id)
        })
        .await?,
    ))
}
