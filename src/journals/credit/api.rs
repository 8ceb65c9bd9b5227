//! Reviewer credit in the API.

use actix_web::web;

use super::view::{self, JournalCredit};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;

/// The caller's completed journal reviews, per journal, each journal with its certificate's
/// address (`/me/reviews/{journal}/certificate.pdf`).
#[utoipa::path(get, path = "/api/v1/me/review-credit", tag = "journals", security(("bearer" = [])),
    responses((status = 200, body = Vec<JournalCredit>), (status = 401, body = ErrorBody)))]
pub async fn credit(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<Vec<JournalCredit>>> {
    Ok(web::Json(state.db.run(move |c| view::of_user(c, &user.user)).await?))
}
