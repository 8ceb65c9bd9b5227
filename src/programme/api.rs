//! JSON API of the programme: the published programme for everyone (the draft for its
//! chairs), the editor's operations, releases, and speakers' own unavailable times.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::availability::{self, Availability};
use super::proposals::{self, ScheduleProposal};
use super::release::{self, ReleaseSummary};
use super::service;
use super::snapshot::Snapshot;
use super::validate::{DefaultsInput, MoveInput, ReleaseInput, RoomInput, SessionInput, SlotInput, UnavailabilityInput};
use super::view::{self, DraftView};
use super::{draft, public, store};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;
use crate::web::i18n::Lang;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

fn lang_of(user: &crate::auth::User) -> Lang {
    user.preferred_lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::En)
}

/// What an edit answers: the object's id and the draft's new revision.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Saved {
    /// The created or changed object.
    pub id: i64,
    /// The draft's revision after the edit.
    pub revision: i64,
}

fn saved(conn: &mut crate::db::AnyConnection, venue_id: i64, id: i64) -> AppResult<Saved> {
    Ok(Saved {
        id,
        revision: store::settings(conn, venue_id, now())?.revision,
    })
}

/// Which programme to read.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReleaseParam {
    /// A release name (`v1`); `draft` for the venue's chairs; default: the latest release.
    pub release: Option<String>,
}

/// A programme with the release it comes from.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgrammeView {
    /// The release (`null` for the draft).
    pub release: Option<ReleaseSummary>,
    /// Its sessions and talks.
    pub programme: Snapshot,
}

/// The venue's programme: the latest release, an older one with `?release=`, or the draft
/// (`?release=draft`, chairs only). 404 before the first release for everyone but the chairs.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/programme", tag = "programme",
    params(("slug" = String, Path, description = "venue URL name"), ReleaseParam),
    responses((status = 200, body = ProgrammeView), (status = 404, body = ErrorBody)))]
pub async fn get(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
    q: web::Query<ReleaseParam>,
) -> AppResult<web::Json<ProgrammeView>> {
    let (slug, which) = (path.into_inner(), q.into_inner().release);
    let user = user.0;
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                if which.as_deref() == Some("draft") {
                    let u = user.ok_or(crate::error::AppError::NotFound)?;
                    let ch = crate::guard::venue::chair(c, &u, &slug)?;
                    let d = draft::load(c, &ch.venue, false, now())?;
                    return Ok(ProgrammeView {
                        release: None,
                        programme: d.snapshot,
                    });
                }
                let (r, s) = public::release(c, user.as_ref(), &slug, which.as_deref())?;
                let mut summary = ReleaseSummary::meta(&r);
                summary.changes = serde_json::from_str(&store::changes_text(c, r.id)?).unwrap_or_default();
                Ok(ProgrammeView {
                    release: Some(summary),
                    programme: (*s).clone(),
                })
            })
            .await?,
    ))
}

/// The draft with versions, unscheduled talks, warnings, defaults and releases (chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/programme/draft", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = DraftView), (status = 404, body = ErrorBody)))]
pub async fn get_draft(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<DraftView>> {
    let lang = lang_of(&user.user);
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            let d = draft::load(c, &ch.venue, false, now())?;
            let releases = store::releases_of(c, ch.venue.id)?.iter().map(ReleaseSummary::of).collect();
            Ok(view::draft(&d, releases, lang))
        })
        .await?,
    ))
}

/// Adds a room.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/programme/rooms", tag = "programme", security(("bearer" = [])), request_body = RoomInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = Saved), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_room(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<RoomInput>,
) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let s = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let id = service::add_room(c, ch, &input, now())?;
        saved(c, ch.venue.id, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(s))
}

/// Changes a room.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/programme/rooms/{id}", tag = "programme", security(("bearer" = [])), request_body = RoomInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "room id")),
    responses((status = 200, body = Saved), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_room(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<RoomInput>,
) -> AppResult<web::Json<Saved>> {
    let ((slug, id), input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::update_room(c, ch, id, &input, now())?;
            saved(c, ch.venue.id, id)
        })
        .await?,
    ))
}

/// Removes a room (its sessions stay, without a room).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/programme/rooms/{id}", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "room id")),
    responses((status = 200, body = Saved), (status = 404, body = ErrorBody)))]
pub async fn delete_room(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<Saved>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::delete_room(c, ch, id, now())?;
            saved(c, ch.venue.id, id)
        })
        .await?,
    ))
}

/// Adds a session (times are wall-clock in the venue's zone).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/programme/sessions", tag = "programme", security(("bearer" = [])), request_body = SessionInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = Saved), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_session(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<SessionInput>,
) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let s = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let id = service::add_session(c, ch, &input, now())?;
        saved(c, ch.venue.id, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(s))
}

/// Changes a session; `version` must be the one read (409 when someone changed it since).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/programme/sessions/{id}", tag = "programme", security(("bearer" = [])), request_body = SessionInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "session id")),
    responses((status = 200, body = Saved), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_session(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<SessionInput>,
) -> AppResult<web::Json<Saved>> {
    let ((slug, id), input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::update_session(c, ch, id, &input, now())?;
            saved(c, ch.venue.id, id)
        })
        .await?,
    ))
}

/// Removes a session; its talks become unscheduled.
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/programme/sessions/{id}", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "session id")),
    responses((status = 200, body = Saved), (status = 404, body = ErrorBody)))]
pub async fn delete_session(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<Saved>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::delete_session(c, ch, id, now())?;
            saved(c, ch.venue.id, id)
        })
        .await?,
    ))
}

/// Adds a slot: a paper's talk (by number; accepted papers only), an invited talk, a panel or
/// a free item; placed in `session_id` when given.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/programme/slots", tag = "programme", security(("bearer" = [])), request_body = SlotInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = Saved), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_slot(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<SlotInput>,
) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let s = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let id = service::add_slot(c, ch, &input, now())?;
        saved(c, ch.venue.id, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(s))
}

/// Changes a slot's titles, speakers, length or pin; `version` must be the one read.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/programme/slots/{id}", tag = "programme", security(("bearer" = [])), request_body = SlotInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "slot id")),
    responses((status = 200, body = Saved), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_slot(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<SlotInput>,
) -> AppResult<web::Json<Saved>> {
    let ((slug, id), input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::update_slot(c, ch, id, &input, now())?;
            saved(c, ch.venue.id, id)
        })
        .await?,
    ))
}

/// Moves a slot into a session at a position (or out of every session), optionally with a
/// new length.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/programme/slots/{id}/move", tag = "programme", security(("bearer" = [])), request_body = MoveInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "slot id")),
    responses((status = 200, body = Saved), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn move_slot(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<MoveInput>,
) -> AppResult<web::Json<Saved>> {
    let ((slug, id), input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::move_slot(c, ch, id, &input, now())?;
            saved(c, ch.venue.id, id)
        })
        .await?,
    ))
}

/// Removes a slot (a paper's talk goes back to the unscheduled papers).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/programme/slots/{id}", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "slot id")),
    responses((status = 200, body = Saved), (status = 404, body = ErrorBody)))]
pub async fn delete_slot(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<Saved>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::delete_slot(c, ch, id, now())?;
            saved(c, ch.venue.id, id)
        })
        .await?,
    ))
}

/// Sets the slot length and placement per accepting decision.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/programme/defaults", tag = "programme", security(("bearer" = [])), request_body = DefaultsInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Saved), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_defaults(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<DefaultsInput>,
) -> AppResult<web::Json<Saved>> {
    let input = body.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            service::set_defaults(c, ch, &input, now())?;
            saved(c, ch.venue.id, ch.venue.id)
        })
        .await?,
    ))
}

/// The venue's releases, newest first, with their changelogs (chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/programme/releases", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Vec<ReleaseSummary>), (status = 404, body = ErrorBody)))]
pub async fn releases(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Vec<ReleaseSummary>>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            Ok(store::releases_of(c, ch.venue.id)?.iter().map(ReleaseSummary::of).collect())
        })
        .await?,
    ))
}

/// Publishes the draft as a named release; speakers of new or changed talks are mailed. A room
/// clash or an untold decision refuses it (409); other warnings need `over_warnings`.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/programme/releases", tag = "programme", security(("bearer" = [])), request_body = ReleaseInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = ReleaseSummary), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn publish(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ReleaseInput>,
) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let st = state.clone();
    let r = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        release::publish(c, &st, ch, &input, now())
    })
    .await?;
    Ok(HttpResponse::Created().json(r))
}

/// The signed-in speaker's unavailable times at the venue, with their talks.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/programme/availability", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Availability), (status = 404, body = ErrorBody)))]
pub async fn get_availability(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<web::Json<Availability>> {
    let (slug, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(state.db.run(move |c| availability::mine(c, &u, &slug)).await?))
}

/// Adds a time the signed-in speaker cannot attend (wall-clock in the venue's zone).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/programme/availability", tag = "programme", security(("bearer" = [])), request_body = UnavailabilityInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = Availability), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_unavailability(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<UnavailabilityInput>,
) -> AppResult<HttpResponse> {
    let (slug, u, input) = (path.into_inner(), user.user.clone(), body.into_inner());
    let a = state.db.tx(move |c| availability::add(c, &u, &slug, &input, now())).await?;
    Ok(HttpResponse::Created().json(a))
}

/// Removes one of the signed-in speaker's unavailable times.
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/programme/availability/{id}", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "unavailable time id")),
    responses((status = 200, body = Availability), (status = 404, body = ErrorBody)))]
pub async fn delete_unavailability(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<web::Json<Availability>> {
    let ((slug, id), u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        state.db.tx(move |c| availability::remove(c, &u, &slug, id, now())).await?,
    ))
}

/// Asks the scheduler for a proposal; it is computed by a job (poll its address).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/programme/proposals", tag = "programme", security(("bearer" = [])), request_body = super::validate::ProposeInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 202, body = ScheduleProposal), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<super::validate::ProposeInput>,
) -> AppResult<HttpResponse> {
    let mode = super::validate::mode(&body.into_inner().mode)?;
    let v = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let id = proposals::request(c, ch, mode, now())?;
        let revision = store::settings(c, ch.venue.id, now())?.revision;
        Ok(proposals::view(&store::proposal(c, ch.venue.id, id)?, revision))
    })
    .await?;
    Ok(HttpResponse::Accepted().json(v))
}

/// A proposal: queued, or its result (placements, objective, bound, what stopped the rest).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/programme/proposals/{id}", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "proposal id")),
    responses((status = 200, body = ScheduleProposal), (status = 404, body = ErrorBody)))]
pub async fn get_proposal(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<web::Json<ScheduleProposal>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            let revision = store::settings(c, ch.venue.id, now())?.revision;
            Ok(proposals::view(&store::proposal(c, ch.venue.id, id)?, revision))
        })
        .await?,
    ))
}

/// Applies a proposal to the draft (409 when the draft changed since it was computed).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/programme/proposals/{id}/accept", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "proposal id")),
    responses((status = 200, body = Saved), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn accept_proposal(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<Saved>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            proposals::accept(c, ch, id, now())?;
            saved(c, ch.venue.id, id)
        })
        .await?,
    ))
}

/// Sets a proposal aside.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/programme/proposals/{id}/discard", tag = "programme", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "proposal id")),
    responses((status = 200, body = ScheduleProposal), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn discard_proposal(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<web::Json<ScheduleProposal>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            proposals::discard(c, ch, id)?;
            let revision = store::settings(c, ch.venue.id, now())?.revision;
            Ok(proposals::view(&store::proposal(c, ch.venue.id, id)?, revision))
        })
        .await?,
    ))
}
