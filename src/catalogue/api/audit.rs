//! The audit log of an edition.

use super::super::audit::{self, AuditLine};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::edition::as_committee;
use crate::web::AppState;
use actix_web::web;

/// The audit log, newest first (its committee).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/audit", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")), responses((status = 200, body = Vec<AuditLine>), (status = 404, body = ErrorBody)))]
pub async fn get_audit(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Vec<AuditLine>>> {
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), |c, e, _| audit::list(c, e.id, 5000)).await?,
    ))
}
