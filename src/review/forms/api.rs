//! Review form API for chairs.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::model::Field;
use super::store;
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;

/// A venue's review form.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FormBody {
    /// The fields in order.
    pub fields: Vec<Field>,
    /// Whether the venue changed the default (ignored on input).
    #[serde(default)]
    pub custom: bool,
}

/// The venue's review form (chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/review-form", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = FormBody), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<FormBody>> {
    let (fields, custom) = as_chair(&state, &user, path.into_inner(), |c, ch| {
        Ok((store::load(c, ch.venue.id)?, store::is_custom(c, ch.venue.id)?))
    })
    .await?;
    Ok(web::Json(FormBody { fields, custom }))
}

/// Replaces the venue's review form (chairs). Answers already given under keys that remain
/// stay attached to them.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/review-form", tag = "review", security(("bearer" = [])), request_body = FormBody,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = FormBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<FormBody>,
) -> AppResult<web::Json<FormBody>> {
    let fields = body.into_inner().fields;
    let saved = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        store::save(c, ch.venue.id, &fields)?;
        store::load(c, ch.venue.id)
    });
    Ok(web::Json(FormBody {
        fields: saved.await?,
        custom: true,
    }))
}

/// Goes back to the default form (chairs).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/review-form", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn reset(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    as_chair(&state, &user, path.into_inner(), |c, ch| store::reset(c, ch.venue.id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
