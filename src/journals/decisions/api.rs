//! Decisions and revisions API: editors draft, edit and send decisions (or propose them, and
//! approve or refuse proposals); authors send revisions.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpResponse, web};

use super::model::DecisionRow;
use super::service::{self, DecisionInput, ResolveInput};
use super::store::Letter;
use super::view::{self, DecisionView};
use crate::auth::CurrentUser;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::journals::manuscripts::view::ManuscriptView;
use crate::web::AppState;
use crate::web::json::Object;

/// The draft's address parameters.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DraftQuery {
    /// `accept`, `minor_revision`, `major_revision` or `decline`.
    pub decision: String,
}

/// The decision as the editors read it after an action.
fn shown(conn: &mut AnyConnection, row: DecisionRow) -> AppResult<DecisionView> {
    let ms = crate::journals::manuscripts::store::get(conn, row.manuscript_id)?;
    view::for_reader(conn, &ms, crate::guard::policy::ManuscriptRelation::Editor)?
        .decisions
        .into_iter()
        .find(|d| d.id == row.id)
        .ok_or(AppError::NotFound)
}

/// The letter the journal's templates write for a decision on the current round (with the
/// reviews as the authors may read them), to edit before sending.
#[utoipa::path(get, path = "/api/v1/manuscripts/{id}/decisions/draft", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id"), DraftQuery),
    responses((status = 200, body = Letter), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    q: web::Query<DraftQuery>,
) -> AppResult<web::Json<Letter>> {
    let (id, d, st) = (path.into_inner(), q.into_inner().decision, state.clone());
    Ok(web::Json(state.db.run(move |c| service::draft(c, &st, &user.user, id, &d)).await?))
}

/// Decides with the (edited) letter; a section editor of a journal where they only recommend
/// makes a proposal instead (status `proposed`) for a chief or managing editor.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/decisions", tag = "journals", security(("bearer" = [])),
    request_body = DecisionInput, params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 201, body = DecisionView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<DecisionInput>,
) -> AppResult<HttpResponse> {
    let (id, input, st) = (path.into_inner(), body.into_inner(), state.clone());
    let v = state
        .db
        .tx(move |c| {
            let row = service::decide(c, &st, &user.user, id, &input, chrono::Utc::now().naive_utc())?;
            shown(c, row)
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Approves a proposed decision (optionally with an edited letter; it takes effect) or refuses
/// it with a note (chief and managing editors).
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/decisions/{decision}/resolve", tag = "journals", security(("bearer" = [])),
    request_body = ResolveInput,
    params(("id" = i64, Path, description = "manuscript id"), ("decision" = i64, Path, description = "decision id")),
    responses((status = 200, body = DecisionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn resolve(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<ResolveInput>,
) -> AppResult<web::Json<DecisionView>> {
    let ((id, d), input, st) = (path.into_inner(), body.into_inner(), state.clone());
    let v = state
        .db
        .tx(move |c| {
            let row = service::resolve(c, &st, &user.user, id, d, &input, chrono::Utc::now().naive_utc())?;
            shown(c, row)
        })
        .await?;
    Ok(web::Json(v))
}

/// The authors send a revision (while one is asked for): it opens the next review round.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/revisions", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id")),
    request_body(content_type = "multipart/form-data", description = "parts: pdf (the revised manuscript), source (Word .docx, as the journal's file rules ask), response (text: the response to the reviews)"),
    responses((status = 201, body = ManuscriptView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn revise(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let current = super::revise::target(&state, &user.user, id).await?;
    let up = crate::journals::manuscripts::service::read_files(&state, &current, payload)
        .await
        .map_err(|f| f.error)?;
    crate::submissions::upload::check_csrf(&session, user.via, &up)?;
    super::revise::revise(&state, &user.user, id, up).await?;
    let u = user.user.clone();
    let body = state
        .db
        .run(move |c| {
            let (m, r) = crate::guard::journal::manuscript_for(c, &u, id, crate::guard::policy::ManuscriptAction::Read)?;
            crate::journals::manuscripts::view::manuscript(c, &u, m, r)
        })
        .await?;
    Ok(HttpResponse::Created().json(body))
}
