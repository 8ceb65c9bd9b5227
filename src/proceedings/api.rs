//! JSON API of proceedings: chairs save the volume's details, build and publish it; everyone
//! reads a published volume (with each paper's pages and citation data for Crossref deposits
//! and reference managers).

use actix_web::web;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::service;
use super::validate::VolumeInput;
use super::view::{self, VolumeView};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// The venue's volume: for its chairs always, for everyone once published (404 otherwise).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/proceedings", tag = "proceedings",
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = VolumeView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: crate::auth::MaybeUser, path: web::Path<String>) -> AppResult<web::Json<VolumeView>> {
    let slug = path.into_inner();
    Ok(web::Json(state.db.run(move |c| for_reader(c, user.0.as_ref(), &slug)).await?))
}

/// The volume as `user` may read it: a chair of the venue sees it in any state.
pub fn for_reader(c: &mut crate::db::AnyConnection, user: Option<&crate::auth::User>, slug: &str) -> AppResult<VolumeView> {
    let venue = crate::guard::venue::visible(c, user, slug)?;
    let chair = match user {
        Some(u) => crate::guard::venue::may_manage(c, u, venue.id)?,
        None => false,
    };
    if chair {
        let volume = super::store::of_venue(c, venue.id)?.ok_or(AppError::NotFound)?;
        view::load(c, &venue, volume)
    } else {
        view::published(c, &venue)
    }
}

/// Saves the volume's details (creates the volume the first time).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/proceedings", tag = "proceedings", security(("bearer" = [])), request_body = VolumeInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = VolumeView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<VolumeInput>,
) -> AppResult<web::Json<VolumeView>> {
    let input = body.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            let v = service::save(c, ch, &input, now())?;
            view::load(c, &ch.venue, v)
        })
        .await?,
    ))
}

/// Queues a build of the volume from the approved final versions (one PDF with page numbers,
/// and each paper alone); the volume is `building` until the job has run.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/proceedings/build", tag = "proceedings", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = VolumeView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn build(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<VolumeView>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            let v = service::request_build(c, ch, now())?;
            view::load(c, &ch.venue, v)
        })
        .await?,
    ))
}

/// Whether the volume is public.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishInput {
    /// `true` publishes a built volume; `false` takes it back.
    pub published: bool,
}

/// Publishes a built volume, or takes it back.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/proceedings/published", tag = "proceedings", security(("bearer" = [])), request_body = PublishInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = VolumeView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn publish(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<PublishInput>,
) -> AppResult<web::Json<VolumeView>> {
    let input = body.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            let v = service::publish(c, ch, input.published, now())?;
            view::load(c, &ch.venue, v)
        })
        .await?,
    ))
}

/// The Crossref deposit XML (schema 5.4.0) of the published volume, for its chairs: the
/// conference (`event_metadata`), the volume (`proceedings_metadata`) and a `conference_paper`
/// per paper, each with its DOI (the volume's DOI, `.`, the paper's number).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/proceedings/crossref", tag = "proceedings", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, description = "the deposit", content_type = "application/xml", body = String),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn crossref(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<actix_web::HttpResponse> {
    let (base, from) = (state.config.base_url.clone(), state.config.mail_from_address());
    let file = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let site = crate::formats::crossref::Site {
            base_url: &base,
            depositor_email: &from,
        };
        super::crossref::deposit(c, ch, &site, now())
    })
    .await?;
    Ok(crate::web::download::xml(file.xml, &file.name))
}

/// Queues the published volume's deposit with the configured Crossref account (its chairs);
/// 409 without an account, before publication or without a DOI.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/proceedings/crossref/deposits", tag = "proceedings", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 202, body = crate::crossref::model::Deposit), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn deposit_crossref(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<actix_web::HttpResponse> {
    let d = super::pages::queue_deposit(&state, &user, path.into_inner()).await?;
    Ok(actix_web::HttpResponse::Accepted().json(d))
}

/// The volume's Crossref deposits, newest first, with where each stands (its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/proceedings/crossref/deposits", tag = "proceedings", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Vec<crate::crossref::model::Deposit>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn crossref_deposits(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<web::Json<Vec<crate::crossref::model::Deposit>>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), |c, ch| super::crossref::deposits(c, ch.venue.id)).await?,
    ))
}
