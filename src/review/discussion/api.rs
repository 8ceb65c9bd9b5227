//! Discussion API: read a paper's thread, post to it, change one's own post.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, Discussion, PostInput, PostView};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::{AppState, idempotency};

/// A paper's discussion as the caller may read it (404 for authors and outsiders).
#[utoipa::path(get, path = "/api/v1/submissions/{id}/discussion", tag = "review", security(("bearer" = [])),
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = Discussion), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Discussion>> {
    let id = path.into_inner();
    let now = Utc::now().naive_utc();
    Ok(web::Json(state.db.run(move |c| service::read(c, &user.user, id, now)).await?))
}

/// Posts to a paper's discussion; the others who may read it are told by mail. Reviewers
/// who must submit their review first get 409.
#[utoipa::path(post, path = "/api/v1/submissions/{id}/discussion", tag = "review", security(("bearer" = [])), request_body = PostInput,
    params(("id" = i64, Path, description = "submission id"), ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 visible ASCII characters (e.g. a UUID): a repeat of the same request with the same key returns the first result, marked Idempotent-Replayed; the key with different content answers 422")),
    responses((status = 201, body = PostView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn post(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    req: actix_web::HttpRequest,
    body: crate::web::json::Object<PostInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    // A client that resends after a lost answer (same Idempotency-Key) posts once.
    let claim = idempotency::key_of(&req)?.map(|key| idempotency::Claim {
        user_id: user.user.id,
        key,
        scope: format!("discussion:{id}"),
        fingerprint: idempotency::fingerprint([input.body.as_bytes()]),
    });
    let (st, u) = (state.clone(), user.user.clone());
    let created = idempotency::create_once(&state.db, claim, move |c| service::post_and_notify(c, &st, &u, id, &input)).await?;
    let view = state
        .db
        .run(move |c| {
            let d = service::read(c, &user.user, id, Utc::now().naive_utc())?;
            d.posts.into_iter().find(|p| p.id == created.id()).ok_or(AppError::NotFound)
        })
        .await?;
    let mut res = HttpResponse::Created();
    if let idempotency::Created::Again(_) = created {
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(res.json(view))
}

/// Changes the caller's own post (404 for anyone else's).
#[utoipa::path(put, path = "/api/v1/submissions/{id}/discussion/{post}", tag = "review", security(("bearer" = [])), request_body = PostInput,
    params(("id" = i64, Path, description = "submission id"), ("post" = i64, Path, description = "post id")),
    responses((status = 200, body = PostView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn edit(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<PostInput>,
) -> AppResult<web::Json<PostView>> {
    let (id, post_id) = path.into_inner();
    let input = body.into_inner();
    let view = state
        .db
        .tx(move |c| {
            let now = Utc::now().naive_utc();
            service::edit(c, &user.user, id, post_id, &input, now)?;
            let d = service::read(c, &user.user, id, now)?;
            d.posts.into_iter().find(|p| p.id == post_id).ok_or(AppError::NotFound)
        })
        .await?;
    Ok(web::Json(view))
}
