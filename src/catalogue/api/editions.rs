//! Catalogue editions: the list, one edition, creating it, changing its rules and moving its phase.

use super::super::validate::PhaseInput;
use super::super::validate::{self, EditionInput};
use super::super::view::{self, EditionView};
use super::super::view::{EditionSummary, summaries};
use super::super::{policy, service, store};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::guard::edition::as_committee;
use crate::web::AppState;
use actix_web::{HttpResponse, web};
use chrono::Utc;

/// Every edition with its phase.
#[utoipa::path(get, path = "/api/v1/catalogues", tag = "catalogues", responses((status = 200, body = Vec<EditionSummary>)))]
pub async fn list(state: web::Data<AppState>) -> AppResult<web::Json<Vec<EditionSummary>>> {
    Ok(web::Json(state.db.run(summaries).await?))
}

/// One edition: rules, indicators and, from public notice on, its entries with tiers.
#[utoipa::path(get, path = "/api/v1/catalogues/{id}", tag = "catalogues", params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = EditionView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, path: web::Path<i64>) -> AppResult<web::Json<EditionView>> {
    let id = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let e = store::by_id(c, id)?;
                view::detail(c, e)
            })
            .await?,
    ))
}

/// Creates an edition (organisers); the caller joins its committee.
#[utoipa::path(post, path = "/api/v1/catalogues", tag = "catalogues", security(("bearer" = [])), request_body = EditionInput,
    responses((status = 201, body = EditionView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(state: web::Data<AppState>, user: CurrentUser, body: web::Json<EditionInput>) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let v = state
        .db
        .tx(move |c| {
            if !policy::may_create(c, &user.user)? {
                return Err(AppError::Forbidden);
            }
            let spec = validate::edition(&input)?;
            let e = service::create(c, &spec, user.user.id)?;
            view::detail(c, e)
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Changes the rules, dates and indicators (its committee; field and year stay).
#[utoipa::path(put, path = "/api/v1/catalogues/{id}", tag = "catalogues", security(("bearer" = [])), request_body = EditionInput,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = EditionView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<EditionInput>,
) -> AppResult<web::Json<EditionView>> {
    let mut input = body.into_inner();
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), move |c, e, u| {
            let field = crate::journals::store::field_by_id(c, e.field_id)?;
            input.field = field.code;
            input.year = Some(e.year);
            input.slug = e.slug.clone();
            // What the request leaves out stays as it is.
            let texts = e.texts();
            if input.tiers.is_empty() {
                input.tiers = texts.tiers;
            }
            if input.criteria.is_empty() {
                input.criteria = texts.criteria;
            }
            if input.indicators.is_none() {
                let current = store::indicators(c, e.id)?;
                input.indicators = Some(
                    current
                        .into_iter()
                        .map(|i| validate::IndicatorInput {
                            code: i.code,
                            name_zh: i.name_zh,
                            name_en: i.name_en,
                            higher_is_better: i.higher_is_better,
                            source: i.source,
                        })
                        .collect(),
                );
            }
            let spec = validate::edition(&input)?;
            let after = service::update(c, e, &spec, u.id)?;
            view::detail(c, after)
        })
        .await?,
    ))
}

/// Moves the edition to the next phase, or back one with a reason (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/phase", tag = "catalogues", security(("bearer" = [])), request_body = PhaseInput,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = EditionView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn phase(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<PhaseInput>,
) -> AppResult<web::Json<EditionView>> {
    let input = body.into_inner();
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), move |c, e, u| {
            let after = service::move_phase(c, e, u.id, &input.to, &input.reason, Utc::now().naive_utc())?;
            view::detail(c, after)
        })
        .await?,
    ))
}
