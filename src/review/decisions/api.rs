//! Decision API for chairs: the ranked table, setting a paper's decision, telling authors.

use actix_web::web;
use chrono::Utc;

use super::notify::{self, Notified, NotifyInput};
use super::service::{self, DecisionInput, DecisionView};
use super::table::{self, Table, TableQuery};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::review::reviews::access::Relation;
use crate::web::AppState;

/// The ranked decision table (papers the caller is conflicted with or wrote are left out).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/decisions", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), TableQuery),
    responses((status = 200, body = Table), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TableQuery>,
) -> AppResult<web::Json<Table>> {
    let q = q.into_inner();
    let u = user.user.clone();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| table::load(c, &u, ch.venue.id, &q)).await?,
    ))
}

/// Sets (or with `null` clears) the decision on a paper. Changing a decision the authors were
/// told marks the paper as not told, so the next notification includes it.
#[utoipa::path(put, path = "/api/v1/submissions/{id}/decision", tag = "review", security(("bearer" = [])), request_body = DecisionInput,
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = Option<DecisionView>), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn set(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<DecisionInput>,
) -> AppResult<web::Json<Option<DecisionView>>> {
    let id = path.into_inner();
    let input = body.into_inner();
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                service::set(c, &user.user, id, &input, Utc::now().naive_utc())?;
                let s = crate::submissions::store::get(c, id)?;
                service::for_reader(c, s.venue_id, id, Relation::Chair)
            })
            .await?,
    ))
}

/// Mails the authors of every decided paper not yet told (or all, with `resend`).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/decisions/notify", tag = "review", security(("bearer" = [])), request_body = NotifyInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Notified), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn notify(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<NotifyInput>,
) -> AppResult<web::Json<Notified>> {
    let input = body.into_inner();
    let (st, u) = (state.clone(), user.user.clone());
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            notify::send(c, &st, &u, ch.venue.id, &input, Utc::now().naive_utc())
        })
        .await?,
    ))
}
