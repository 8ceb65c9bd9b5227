//! JSON API of the final-version phase: chairs set the phase, read the table, remind, review,
//! decide author-list changes and withdraw; authors upload, confirm the author list and consent.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::model::{Consent, FinalPhase, FinalVersion};
use super::service::{self, ListOutcome};
use super::table::{self, FinalsTable, TableQuery};
use super::validate::{AuthorListInput, ChangeDecisionInput, ConsentInput, PhaseInput, ReviewInput, WithdrawInput};
use super::view::{self, FinalView};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::venues::service::TrackParam;
use crate::web::AppState;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// The final-version phase of the venue's main call, or with `?track=` of a track's own call
/// (`null` when none is set).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/final-phase", tag = "finals", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), TrackParam),
    responses((status = 200, body = Option<FinalPhase>), (status = 404, body = ErrorBody)))]
pub async fn get_phase(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
) -> AppResult<web::Json<Option<FinalPhase>>> {
    let track = q.into_inner().track;
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            let track_id = crate::venues::store::track_id_param(c, ch.venue.id, track.as_deref())?;
            match crate::venues::store::call_for(c, ch.venue.id, track_id)? {
                Some(call) => super::store::phase_of_call(c, call.id),
                None => Ok(None),
            }
        })
        .await?,
    ))
}

/// Sets the final-version phase (times are wall-clock in the venue's zone).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/final-phase", tag = "finals", security(("bearer" = [])), request_body = PhaseInput,
    params(("slug" = String, Path, description = "venue URL name"), TrackParam),
    responses((status = 200, body = FinalPhase), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_phase(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
    body: crate::web::json::Object<PhaseInput>,
) -> AppResult<web::Json<FinalPhase>> {
    let (track, input) = (q.into_inner().track, body.into_inner());
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            service::set_phase(c, ch, track.as_deref(), &input, now())
        })
        .await?,
    ))
}

/// The chairs' table of accepted papers and their final versions.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/finals", tag = "finals", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), TableQuery),
    responses((status = 200, body = FinalsTable), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TableQuery>,
) -> AppResult<web::Json<FinalsTable>> {
    let q = q.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| table::load(c, ch, &q)).await?,
    ))
}

/// Which papers to remind.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RemindInput {
    /// Submission ids; empty: every paper still missing its final version or needing changes.
    #[serde(default)]
    pub papers: Vec<i64>,
}

/// How many reminders were queued.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Reminded {
    /// Papers whose corresponding authors will be mailed (each in their language).
    pub queued: usize,
}

/// Queues reminder mails (through the job queue) to the corresponding authors of papers.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/finals/remind", tag = "finals", security(("bearer" = [])), request_body = RemindInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Reminded), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn remind(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<RemindInput>,
) -> AppResult<web::Json<Reminded>> {
    let input = body.into_inner();
    let queued = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let ids = if input.papers.is_empty() {
            service::due_papers(c, ch)?
        } else {
            input.papers
        };
        service::queue_reminders(c, ch, &ids)
    })
    .await?;
    Ok(web::Json(Reminded { queued }))
}

/// A paper's final version with its phase, author list, changes and consent (its confirmed
/// authors and the venue's chairs; 404 for anyone else, 409 when the paper is not accepted).
#[utoipa::path(get, path = "/api/v1/submissions/{id}/final", tag = "finals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = FinalView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<FinalView>> {
    let id = path.into_inner();
    Ok(web::Json(
        state.db.run(move |c| Ok(view::for_reader(c, &user.user, id, now())?.0)).await?,
    ))
}

/// Uploads the final version (authors): `multipart/form-data` with `pdf`, optional `source`
/// (a zip of the LaTeX or Word sources) and `changes` (the statement of changes); cookie
/// callers also send `csrf`.
#[utoipa::path(post, path = "/api/v1/submissions/{id}/final", tag = "finals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "submission id")),
    request_body(content_type = "multipart/form-data", description = "parts: pdf, source (zip), changes"),
    responses((status = 200, body = FinalVersion), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upload(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<web::Json<FinalVersion>> {
    Ok(web::Json(
        super::upload::receive(&state, &user.user, user.via, &session, path.into_inner(), payload).await?,
    ))
}

/// What confirming the author list did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ListAnswer {
    /// `confirmed`, or `change_requested` (waits for a chair).
    pub outcome: ListOutcome,
}

/// Confirms the final author list and presenting author (authors); a list that differs from
/// the paper's needs a `reason` and a chair's approval.
#[utoipa::path(put, path = "/api/v1/submissions/{id}/final/authors", tag = "finals", security(("bearer" = [])), request_body = AuthorListInput,
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = ListAnswer), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn authors(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<AuthorListInput>,
) -> AppResult<web::Json<ListAnswer>> {
    let (id, input) = (path.into_inner(), body.into_inner());
    let outcome = state
        .db
        .tx(move |c| service::confirm_authors(c, &user.user, id, &input, now()))
        .await?;
    Ok(web::Json(ListAnswer { outcome }))
}

/// The corresponding author accepts the licence or copyright-transfer text (name, time and
/// address are recorded).
#[utoipa::path(post, path = "/api/v1/submissions/{id}/final/consent", tag = "finals", security(("bearer" = [])), request_body = ConsentInput,
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = Consent), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn consent(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    path: web::Path<i64>,
    body: crate::web::json::Object<ConsentInput>,
) -> AppResult<web::Json<Consent>> {
    let (id, input, ip) = (path.into_inner(), body.into_inner(), crate::auth::extract::client_ip(&req));
    Ok(web::Json(
        state
            .db
            .tx(move |c| service::consent(c, &user.user, id, &input, &ip, now()))
            .await?,
    ))
}

/// Approves a final version or asks for changes (chairs); the authors are mailed.
#[utoipa::path(put, path = "/api/v1/submissions/{id}/final/review", tag = "finals", security(("bearer" = [])), request_body = ReviewInput,
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = FinalVersion), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn review(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<ReviewInput>,
) -> AppResult<web::Json<FinalVersion>> {
    let (id, input, st) = (path.into_inner(), body.into_inner(), state.clone());
    Ok(web::Json(
        state.db.tx(move |c| service::review(c, &st, &user.user, id, &input, now())).await?,
    ))
}

/// Approves or declines a requested author-list change (chairs).
#[utoipa::path(post, path = "/api/v1/submissions/{id}/final/author-changes/{change}", tag = "finals", security(("bearer" = [])), request_body = ChangeDecisionInput,
    params(("id" = i64, Path, description = "submission id"), ("change" = i64, Path, description = "change id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide_change(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<ChangeDecisionInput>,
) -> AppResult<HttpResponse> {
    let ((id, change), input, st) = (path.into_inner(), body.into_inner(), state.clone());
    state
        .db
        .tx(move |c| service::decide_change(c, &st, &user.user, id, change, &input, now()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Marks an accepted paper withdrawn after acceptance (chairs), with the reason mailed to its
/// authors.
#[utoipa::path(post, path = "/api/v1/submissions/{id}/final/withdraw", tag = "finals", security(("bearer" = [])), request_body = WithdrawInput,
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = FinalVersion), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn withdraw(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<WithdrawInput>,
) -> AppResult<web::Json<FinalVersion>> {
    let (id, input, st) = (path.into_inner(), body.into_inner(), state.clone());
    Ok(web::Json(
        state
            .db
            .tx(move |c| service::withdraw(c, &st, &user.user, id, &input, now()))
            .await?,
    ))
}
