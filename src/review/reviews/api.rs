//! Review API: the caller's review tasks, a paper as its committee sees it, its reviews as
//! the caller may read them, and saving the caller's own review (drafts and submission).

use actix_web::web;
use chrono::Utc;

use super::service::{self, ReviewInput};
use super::store::{self, Task};
use super::view::ReviewView;
pub use super::view::{PaperWithReviews, load};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::AppState;

/// The papers assigned to the caller in any venue, with the state of their review.
#[utoipa::path(get, path = "/api/v1/me/reviews", tag = "review", security(("bearer" = [])),
    responses((status = 200, body = Vec<Task>), (status = 401, body = ErrorBody)))]
pub async fn tasks(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<Vec<Task>>> {
    let uid = user.user.id;
    Ok(web::Json(state.db.run(move |c| store::tasks_of(c, uid)).await?))
}

/// A paper and the reviews the caller may read (404 for anyone without a part in it).
#[utoipa::path(get, path = "/api/v1/submissions/{id}/reviews", tag = "review", security(("bearer" = [])),
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = PaperWithReviews), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<PaperWithReviews>> {
    let id = path.into_inner();
    Ok(web::Json(state.db.run(move |c| load(c, &user.user, id)).await?))
}

/// Saves the caller's review (reviewers) or meta-review (area chairs): a draft, or with
/// `submit` the finished review. Submitted reviews can be changed until the deadline.
#[utoipa::path(put, path = "/api/v1/submissions/{id}/review", tag = "review", security(("bearer" = [])), request_body = ReviewInput,
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = ReviewView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<ReviewInput>,
) -> AppResult<web::Json<ReviewView>> {
    let id = path.into_inner();
    let input = body.into_inner();
    let saved = state
        .db
        .tx(move |c| {
            let r = service::save(c, &user.user, id, &input, Utc::now().naive_utc())?;
            let page = load(c, &user.user, id)?;
            page.reviews.reviews.into_iter().find(|v| v.id == r.id).ok_or(AppError::NotFound)
        })
        .await?;
    Ok(web::Json(saved))
}
