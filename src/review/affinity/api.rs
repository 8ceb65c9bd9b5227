//! Affinity API for chairs: review settings (weights, loads), CSV import, and the computed
//! affinities with their parts.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::compute;
use super::import::{self, ImportReport};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::review::settings::{self, Settings};
use crate::web::AppState;

/// A venue's review settings (its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/review-settings", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Settings), (status = 404, body = ErrorBody)))]
pub async fn get_settings(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Settings>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), |c, chair| settings::load(c, chair.venue.id)).await?,
    ))
}

/// Saves a venue's review settings (its chairs).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/review-settings", tag = "review", security(("bearer" = [])), request_body = Settings,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Settings), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_settings(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<Settings>,
) -> AppResult<web::Json<Settings>> {
    settings::validate(&body)?;
    let s = body.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, chair| {
            settings::save(c, chair.venue.id, &s)?;
            settings::load(c, chair.venue.id)
        })
        .await?,
    ))
}

/// Imports affinities from CSV (`paper,reviewer,score`: submission number, member e-mail,
/// score); all rows or none (its chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/affinities", tag = "review", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ImportReport), (status = 404, body = ErrorBody), (status = 422, body = ImportReport)))]
pub async fn import_csv(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    req: actix_web::HttpRequest,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    // A content type no HTML form can send keeps cross-site posts with a session cookie out.
    let ct = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !ct.starts_with("text/csv") {
        return Err(AppError::BadRequest("send the file as text/csv".into()));
    }
    let slug = path.into_inner();
    // Authorize before reading a byte of the body; the import checks again in its transaction.
    as_chair(&state, &user, slug.clone(), |_, _| Ok(())).await?;
    let body = crate::web::body::read_capped(&req, payload, import::MAX_BYTES, "file").await?;
    let report = as_chair(&state, &user, slug, move |c, chair| import::apply(c, chair, &body)).await?;
    Ok(if report.errors.is_empty() {
        HttpResponse::Ok().json(report)
    } else {
        HttpResponse::UnprocessableEntity().json(report)
    })
}

/// `?paper=` selects one paper's affinities.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct AffinityParams {
    /// Submission number.
    pub paper: Option<i32>,
    /// `reviewer` (default) or `area_chair`.
    #[param(value_type = Option<crate::web::openapi::params::ReviewRole>, inline)]
    pub role: Option<String>,
}

/// One member's affinity to a paper with its parts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AffinityRow {
    /// Submission number.
    pub paper: i32,
    /// Member's e-mail.
    pub reviewer: String,
    /// The affinity.
    pub score: f64,
    /// The member's bid.
    pub bid: Option<crate::review::bids::model::Bid>,
    /// Topic overlap (0..1).
    pub topics: f64,
    /// Text similarity (0..1).
    pub text: f64,
}

/// The computed affinities, best first (its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/affinities", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), AffinityParams),
    responses((status = 200, body = Vec<AffinityRow>), (status = 404, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<AffinityParams>,
) -> AppResult<web::Json<Vec<AffinityRow>>> {
    let role = crate::review::committee::validate::role_param(q.role.as_deref())?;
    let paper = q.paper;
    let rows = as_chair(&state, &user, path.into_inner(), move |c, chair| {
        let s = settings::load(c, chair.venue.id)?;
        let a = compute::compute(c, chair.venue.id, role, s.weights, s.use_imported)?;
        let mut rows: Vec<AffinityRow> = a
            .pairs
            .into_iter()
            .filter(|p| chair.sees(a.papers[p.paper].id))
            .filter(|p| paper.is_none_or(|n| a.papers[p.paper].number == n))
            .map(|p| AffinityRow {
                paper: a.papers[p.paper].number,
                reviewer: a.members[p.member].email.clone(),
                score: p.score,
                bid: p.bid,
                topics: p.topics,
                text: p.text,
            })
            .collect();
        rows.sort_by(|x, y| y.score.total_cmp(&x.score));
        Ok(rows)
    })
    .await?;
    Ok(web::Json(rows))
}
