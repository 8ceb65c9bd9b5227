//! JSON API for submissions. Uploads are `multipart/form-data` with a `metadata` part (JSON,
//! see `SubmissionInput`), a `pdf` part and an optional `supplement` part; callers using the
//! session cookie (rather than a bearer token) also send the page's `csrf` value as a part.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::model::Submission;
use super::service;
use super::store::{self, Filter};
use super::upload::check_csrf;
pub use super::view::{SubmissionView, view};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;
use crate::web::i18n::Lang;

fn lang_of(user: &crate::auth::User) -> Lang {
    user.preferred_lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::En)
}

/// Submits a paper to a venue's call.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/submissions", tag = "submissions", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), crate::venues::service::TrackParam,
        ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 visible ASCII characters (e.g. a UUID): a repeat of the same request with the same key returns the first result, marked Idempotent-Replayed; the key with different content answers 422")),
    request_body(content_type = "multipart/form-data", description = "parts: metadata (JSON SubmissionInput), pdf, supplement; `?track=` selects a track's own call (its limits apply to the upload)"),
    responses((status = 201, body = SubmissionView), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<String>,
    q: web::Query<crate::venues::service::TrackParam>,
    req: actix_web::HttpRequest,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let key = crate::web::idempotency::key_of(&req)?;
    let slug = path.into_inner();
    let track = q.into_inner().track;
    let u = user.user.clone();
    let data = state
        .db
        .run(move |c| {
            let v = crate::guard::venue::visible(c, Some(&u), &slug)?;
            service::load_call(c, v.id, track.as_deref())
        })
        .await?;
    let up = service::read_upload(&state, &data, payload).await.map_err(|f| f.error)?;
    check_csrf(&session, user.via, &up)?;
    let claim = key.map(|key| crate::web::idempotency::Claim {
        user_id: user.user.id,
        key,
        scope: service::submission_scope(&data),
        fingerprint: up.fingerprint(),
    });
    let (id, replayed) = match service::submit_once(&state, &user.user, data, up, lang_of(&user.user), claim).await? {
        service::Submitted::New(s, _) => (s.id, false),
        service::Submitted::Again(id) => (id, true),
    };
    let u = user.user.clone();
    let mut res = HttpResponse::Created();
    if replayed {
        // The answer the first request would have had, marked as a repeat.
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(res.json(state.db.run(move |c| view(c, &u, id)).await?))
}

/// One submission (its authors and the venue's chairs; anyone else gets 404).
#[utoipa::path(get, path = "/api/v1/submissions/{id}", tag = "submissions", security(("bearer" = [])),
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = SubmissionView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<SubmissionView>> {
    let id = path.into_inner();
    Ok(web::Json(state.db.run(move |c| view(c, &user.user, id)).await?))
}

/// Saves a new version (authors, before the deadline).
#[utoipa::path(put, path = "/api/v1/submissions/{id}", tag = "submissions", security(("bearer" = [])),
    params(("id" = i64, Path, description = "submission id")),
    request_body(content_type = "multipart/form-data", description = "parts: metadata (JSON SubmissionInput), optional pdf and supplement"),
    responses((status = 200, body = SubmissionView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<web::Json<SubmissionView>> {
    let id = path.into_inner();
    let u = user.user.clone();
    let data = state
        .db
        .run(move |c| {
            let (s, _, _) = service::load_visible(c, &u, id)?;
            service::load_call_of(c, &s)
        })
        .await?;
    let up = service::read_upload(&state, &data, payload).await.map_err(|f| f.error)?;
    check_csrf(&session, user.via, &up)?;
    service::update(&state, &user.user, id, up, lang_of(&user.user)).await?;
    Ok(web::Json(state.db.run(move |c| view(c, &user.user, id)).await?))
}

/// Withdraws a submission.
#[utoipa::path(post, path = "/api/v1/submissions/{id}/withdraw", tag = "submissions", security(("bearer" = [])),
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = SubmissionView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn withdraw(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<SubmissionView>> {
    let id = path.into_inner();
    service::withdraw(&state, &user.user, id, lang_of(&user.user)).await?;
    Ok(web::Json(state.db.run(move |c| view(c, &user.user, id)).await?))
}

/// The caller's submissions across venues.
#[utoipa::path(get, path = "/api/v1/me/submissions", tag = "submissions", security(("bearer" = [])),
    responses((status = 200, body = Vec<Submission>)))]
pub async fn mine(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<Vec<Submission>>> {
    if user.user.email_verified_at.is_none() {
        return Ok(web::Json(vec![]));
    }
    let email = user.user.email.clone();
    Ok(web::Json(state.db.run(move |c| store::for_author(c, &email)).await?))
}

/// A page of a venue's submissions.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SubmissionPage {
    /// Matching submissions in all pages.
    pub total: i64,
    /// This page (1-based).
    pub page: i64,
    /// Rows per page.
    pub page_size: i64,
    /// The rows.
    pub items: Vec<Submission>,
}

/// The venue's submissions for its chairs: filter by track, topic, status and text; sort; page.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/submissions", tag = "submissions", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("track" = Option<i64>, Query), ("topic" = Option<i64>, Query),
           ("status" = inline(Option<crate::submissions::model::SubmissionStatus>), Query),
           ("q" = Option<String>, Query),
           ("sort" = inline(Option<crate::web::openapi::params::SubmissionSort>), Query, description = "number, title, updated; prefix - for descending"),
           ("page" = Option<i64>, Query)),
    responses((status = 200, body = SubmissionPage), (status = 404, body = ErrorBody)))]
pub async fn for_venue(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<Filter>,
) -> AppResult<web::Json<SubmissionPage>> {
    let slug = path.into_inner();
    let f = q.into_inner();
    crate::submissions::store::check_filter(&f)?;
    let page = f.page.unwrap_or(1).max(1);
    let (items, total) = state
        .db
        .run(move |c| {
            let chair = crate::guard::chair(c, &user.user, &slug)?;
            store::for_venue(c, chair.venue.id, chair.hidden(), &f, false)
        })
        .await?;
    Ok(web::Json(SubmissionPage {
        total,
        page,
        page_size: store::PAGE_SIZE,
        items,
    }))
}

/// Papers that list the caller as an author, waiting for them to confirm it.
#[utoipa::path(get, path = "/api/v1/me/authorships", tag = "submissions", security(("bearer" = [])),
    responses((status = 200, body = Vec<Submission>)))]
pub async fn awaiting(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<Vec<Submission>>> {
    if user.user.email_verified_at.is_none() {
        return Ok(web::Json(vec![]));
    }
    let email = user.user.email.clone();
    Ok(web::Json(state.db.run(move |c| store::awaiting_confirmation(c, &email)).await?))
}

/// The caller confirms being an author of a paper that lists their address; until then the
/// listing gives them no rights over it.
#[utoipa::path(post, path = "/api/v1/submissions/{id}/authorship", tag = "submissions", security(("bearer" = [])),
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn confirm_authorship(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    state.db.tx(move |c| service::confirm_authorship(c, &user.user, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An accepted paper whose authors have been told, as anyone may read it (authors without
/// addresses); 404 for every other paper.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/papers/{number}", tag = "submissions",
    params(("slug" = String, Path, description = "venue URL name"), ("number" = i32, Path, description = "paper number within the venue")),
    responses((status = 200, body = super::public::PublicPaper), (status = 404, body = ErrorBody)))]
pub async fn public_paper(state: web::Data<AppState>, path: web::Path<(String, i32)>) -> AppResult<web::Json<super::public::PublicPaper>> {
    let (slug, number) = path.into_inner();
    let base = state.config.base_url.clone();
    Ok(web::Json(
        state.db.run(move |c| super::public::paper(c, &slug, number, &base)).await?,
    ))
}

/// The authors' consent to a public PDF once the paper is accepted and they are told.
#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfPublicInput {
    /// Whether the current PDF may be public.
    pub public: bool,
}

/// An author of the paper agrees (or no longer agrees) that its PDF is public once accepted
/// and told (403 for its chairs: it is the authors' consent).
#[utoipa::path(put, path = "/api/v1/submissions/{id}/public-pdf", tag = "submissions", security(("bearer" = [])), request_body = PdfPublicInput,
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = PdfPublicInput), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_pdf_public(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<PdfPublicInput>,
) -> AppResult<web::Json<PdfPublicInput>> {
    let id = path.into_inner();
    let input = body.into_inner();
    let public = input.public;
    state.db.tx(move |c| service::set_pdf_public(c, &user.user, id, public)).await?;
    Ok(web::Json(input))
}
