//! Review rounds API: the editors invite and follow reviewers of a manuscript; the reviewer
//! answers and reviews with the personal link's token alone (no account needed).

use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;

use super::conflicts::Warning;
use super::service::{self, CandidateInput, now};
use super::validate::{DeclineInput, DueInput, InviteInput, ReviewInput, ThankInput};
use super::view::{self, ReviewInvitationView, ReviewerRow};
use crate::auth::{CurrentUser, MaybeUser, User};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::guard::journal::manuscript_for;
use crate::guard::policy::ManuscriptAction;
use crate::web::AppState;
use crate::web::json::Object;

/// The editors' row of invitation `inv_id` after an action.
fn row(conn: &mut AnyConnection, ms_id: i64, inv_id: i64, now: NaiveDateTime) -> AppResult<ReviewerRow> {
    let ms = crate::journals::manuscripts::store::get(conn, ms_id)?;
    view::for_editors(conn, &ms, now.date())?
        .into_iter()
        .find(|r| r.id == inv_id)
        .ok_or(AppError::NotFound)
}

/// What the link shows after a reviewer's action.
fn shown(conn: &mut AnyConnection, token: &str, now: NaiveDateTime) -> AppResult<ReviewInvitationView> {
    let (inv, ms) = service::by_token(conn, token)?;
    view::for_reviewer(conn, &inv, &ms, token, now.date())
}

/// Every reviewer invitation of a manuscript, all rounds (its editorial office).
#[utoipa::path(get, path = "/api/v1/manuscripts/{id}/reviewers", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 200, body = Vec<ReviewerRow>), (status = 404, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Vec<ReviewerRow>>> {
    let id = path.into_inner();
    let rows = state
        .db
        .run(move |c| {
            let (ms, _) = manuscript_for(c, &user.user, id, ManuscriptAction::ReadEditorial)?;
            view::for_editors(c, &ms, now().date())
        })
        .await?;
    Ok(web::Json(rows))
}

/// Possible conflicts of interest of inviting someone (the same check inviting makes).
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/reviewers/check", tag = "journals", security(("bearer" = [])),
    request_body = CandidateInput, params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 200, body = Vec<Warning>), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn check(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<CandidateInput>,
) -> AppResult<web::Json<Vec<Warning>>> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(state.db.run(move |c| service::check(c, &user.user, id, &input)).await?))
}

/// Invites a reviewer into the manuscript's current round; they get a personal link by mail.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/reviewers", tag = "journals", security(("bearer" = [])),
    request_body = InviteInput, params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 201, body = ReviewerRow), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn invite(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<InviteInput>,
) -> AppResult<HttpResponse> {
    let (id, input, st) = (path.into_inner(), body.into_inner(), state.clone());
    let r = state
        .db
        .tx(move |c| {
            let now = now();
            let inv = service::invite(c, &st, &user.user, id, &input, now)?;
            row(c, id, inv.id, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(r))
}

/// An editor's action on one invitation.
async fn act<F>(state: &AppState, user: CurrentUser, path: (i64, i64), f: F) -> AppResult<web::Json<ReviewerRow>>
where
    F: FnOnce(&mut AnyConnection, &AppState, &User, i64, i64, NaiveDateTime) -> AppResult<super::model::Invitation> + Send + 'static,
{
    let (id, inv) = path;
    let st = state.clone();
    let r = state
        .db
        .tx(move |c| {
            let now = now();
            f(c, &st, &user.user, id, inv, now)?;
            row(c, id, inv, now)
        })
        .await?;
    Ok(web::Json(r))
}

/// Cancels an invitation; the reviewer is told and the link stops opening the manuscript.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/reviewers/{invitation}/cancel", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id"), ("invitation" = i64, Path, description = "invitation id")),
    responses((status = 200, body = ReviewerRow), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn cancel(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<ReviewerRow>> {
    act(&state, user, path.into_inner(), service::cancel).await
}

/// Takes a cancellation back; the reviewer gets the invitation again with a new link.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/reviewers/{invitation}/reinstate", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id"), ("invitation" = i64, Path, description = "invitation id")),
    responses((status = 200, body = ReviewerRow), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn reinstate(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<ReviewerRow>> {
    act(&state, user, path.into_inner(), service::reinstate).await
}

/// Confirms a received review (the state becomes `complete`).
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/reviewers/{invitation}/confirm", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id"), ("invitation" = i64, Path, description = "invitation id")),
    responses((status = 200, body = ReviewerRow), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn confirm(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<ReviewerRow>> {
    act(&state, user, path.into_inner(), |c, _, u, id, inv, now| {
        service::confirm(c, u, id, inv, now)
    })
    .await
}

/// Reminds the reviewer now, of the answer or of the review as the state says.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/reviewers/{invitation}/remind", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id"), ("invitation" = i64, Path, description = "invitation id")),
    responses((status = 200, body = ReviewerRow), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn remind(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<ReviewerRow>> {
    act(&state, user, path.into_inner(), service::remind).await
}

/// Thanks the reviewer by mail, with an optional note.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/reviewers/{invitation}/thank", tag = "journals", security(("bearer" = [])),
    request_body = ThankInput,
    params(("id" = i64, Path, description = "manuscript id"), ("invitation" = i64, Path, description = "invitation id")),
    responses((status = 200, body = ReviewerRow), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn thank(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<ThankInput>,
) -> AppResult<web::Json<ReviewerRow>> {
    let input = body.into_inner();
    act(&state, user, path.into_inner(), move |c, st, u, id, inv, now| {
        service::thank(c, st, u, id, inv, &input, now)
    })
    .await
}

/// Changes an invitation's due dates (reminders follow).
#[utoipa::path(put, path = "/api/v1/manuscripts/{id}/reviewers/{invitation}/due", tag = "journals", security(("bearer" = [])),
    request_body = DueInput,
    params(("id" = i64, Path, description = "manuscript id"), ("invitation" = i64, Path, description = "invitation id")),
    responses((status = 200, body = ReviewerRow), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_due(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<DueInput>,
) -> AppResult<web::Json<ReviewerRow>> {
    let input = body.into_inner();
    act(&state, user, path.into_inner(), move |c, _, u, id, inv, now| {
        service::set_due(c, u, id, inv, &input, now)
    })
    .await
}

/// What a reviewer's personal link shows (no account needed; 404 for an unknown link).
#[utoipa::path(get, path = "/api/v1/review-invitations/{token}", tag = "journals",
    params(("token" = String, Path, description = "the link's token")),
    responses((status = 200, body = ReviewInvitationView), (status = 404, body = ErrorBody)))]
pub async fn show(state: web::Data<AppState>, path: web::Path<String>) -> AppResult<web::Json<ReviewInvitationView>> {
    let token = path.into_inner();
    Ok(web::Json(state.db.run(move |c| shown(c, &token, now())).await?))
}

/// Accepts the invitation (no account needed; a signed-in reviewer with the invited, verified
/// address has it linked to their account).
#[utoipa::path(post, path = "/api/v1/review-invitations/{token}/accept", tag = "journals",
    params(("token" = String, Path, description = "the link's token")),
    responses((status = 200, body = ReviewInvitationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn accept(state: web::Data<AppState>, user: MaybeUser, path: web::Path<String>) -> AppResult<web::Json<ReviewInvitationView>> {
    by_link(&state, path.into_inner(), move |c, st, token, now| {
        service::accept(c, st, token, user.0.as_ref(), now)
    })
    .await
}

/// Declines the invitation, optionally saying why and suggesting someone else.
#[utoipa::path(post, path = "/api/v1/review-invitations/{token}/decline", tag = "journals", request_body = DeclineInput,
    params(("token" = String, Path, description = "the link's token")),
    responses((status = 200, body = ReviewInvitationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decline(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: Object<DeclineInput>,
) -> AppResult<web::Json<ReviewInvitationView>> {
    let input = body.into_inner();
    by_link(&state, path.into_inner(), move |c, st, token, now| {
        service::decline(c, st, token, &input, now)
    })
    .await
}

/// Saves the review as a draft, or submits it (`submit: true`; then it is final).
#[utoipa::path(put, path = "/api/v1/review-invitations/{token}/review", tag = "journals", request_body = ReviewInput,
    params(("token" = String, Path, description = "the link's token")),
    responses((status = 200, body = ReviewInvitationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn review(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: Object<ReviewInput>,
) -> AppResult<web::Json<ReviewInvitationView>> {
    let input = body.into_inner();
    by_link(&state, path.into_inner(), move |c, st, token, now| {
        service::save_review(c, st, token, &input, now)
    })
    .await
}

/// A reviewer's action through the link, then what the link shows.
async fn by_link<F>(state: &AppState, token: String, f: F) -> AppResult<web::Json<ReviewInvitationView>>
where
    F: FnOnce(&mut AnyConnection, &AppState, &str, NaiveDateTime) -> AppResult<super::model::Invitation> + Send + 'static,
{
    let st = state.clone();
    let v = state
        .db
        .tx(move |c| {
            let now = now();
            f(c, &st, &token, now)?;
            shown(c, &token, now)
        })
        .await?;
    Ok(web::Json(v))
}

/// The caller's journal review invitations (to their verified address), newest first, each
/// with its personal page.
#[utoipa::path(get, path = "/api/v1/me/review-invitations", tag = "journals", security(("bearer" = [])),
    responses((status = 200, body = Vec<view::MyInvitation>), (status = 401, body = ErrorBody)))]
pub async fn mine(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<Vec<view::MyInvitation>>> {
    let st = state.clone();
    Ok(web::Json(
        state.db.run(move |c| view::mine(c, &st, &user.user, now().date())).await?,
    ))
}
