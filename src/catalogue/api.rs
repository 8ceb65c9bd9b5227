//! Catalogue API: public editions and entries; nominations; the panel's ballot and votes; the
//! committee's rules, phases, panel, indicators, proposal, overrides and audit log.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::audit::{self, AuditLine};
use super::ballot::{self, Ballot};
use super::model::Edition;
use super::panel::{self, Member};
use super::proposal::{self, ProposalView};
use super::validate::{self, EditionInput};
use super::view::{self, EditionView};
use super::{nominations, policy, service, store, votes};
use crate::auth::{CurrentUser, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::guard::edition::as_committee;
use crate::journals::import::ImportReport;
use crate::web::AppState;

/// An edition in the list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EditionSummary {
    /// Id.
    pub id: i64,
    /// URL name.
    pub slug: String,
    /// Year.
    pub year: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Phase.
    pub phase: String,
    /// Field code.
    pub field: String,
}

/// Every edition as summaries.
pub fn summaries(conn: &mut AnyConnection) -> AppResult<Vec<EditionSummary>> {
    let fields: std::collections::HashMap<i64, String> = crate::journals::store::all_fields(conn)?
        .into_iter()
        .map(|f| (f.id, f.code))
        .collect();
    Ok(store::list(conn)?
        .into_iter()
        .map(|e| EditionSummary {
            field: fields.get(&e.field_id).cloned().unwrap_or_default(),
            id: e.id,
            slug: e.slug,
            year: e.year,
            title_zh: e.title_zh,
            title_en: e.title_en,
            phase: e.phase,
        })
        .collect())
}

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

/// A phase move.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct PhaseInput {
    /// `nomination`, `evaluation`, `notice` or `published`: one step from the current phase.
    #[serde(default)]
    pub to: String,
    /// Required when going back.
    #[serde(default)]
    pub reason: String,
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

/// A journal of the edition's field and a reason: a nomination, or an objection.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct JournalReason {
    /// Journal id (a journal of the edition's field).
    #[serde(default)]
    pub journal: i64,
    /// Why it belongs in the catalogue, or what is wrong with its place.
    #[serde(default)]
    pub reason: String,
}

/// Nominates a journal of the field (any logged-in person, once per journal, while nominations are open).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/nominations", tag = "catalogues", security(("bearer" = [])), request_body = JournalReason,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 201), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn nominate(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<JournalReason>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    state
        .db
        .tx(move |c| {
            let e = store::by_id(c, id)?;
            nominations::nominate(c, &e, user.user.id, input.journal, &input.reason, Utc::now().naive_utc())
        })
        .await?;
    Ok(HttpResponse::Created().finish())
}

/// The caller's ballot: journals with nominations and indicators, their own votes (experts).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/ballot", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")), responses((status = 200, body = Ballot), (status = 404, body = ErrorBody)))]
pub async fn get_ballot(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Ballot>> {
    let id = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let e = store::by_id(c, id)?;
                policy::require_expert(c, &user.user, e.id)?;
                ballot::build(c, &e, user.user.id, Utc::now().naive_utc())
            })
            .await?,
    ))
}

/// A vote.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteInput {
    /// `T1`, `T2`, `T3`, `none` (not listed), or null / empty to withdraw the vote. Required, so
    /// a misspelt body cannot withdraw a vote.
    #[serde(deserialize_with = "Option::deserialize")]
    #[schema(required = true)]
    pub tier: Option<String>,
    /// Optional comment.
    #[serde(default)]
    pub comment: String,
}

/// Parses a posted vote: None withdraws.
pub fn vote_of(tier: Option<&str>) -> AppResult<Option<super::tiers::Vote>> {
    match tier.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => votes::parse(t)
            .map(Some)
            .ok_or_else(|| AppError::field("tier", "validation.tier_invalid")),
    }
}

/// Casts, changes or withdraws the caller's vote on a journal (experts, while the panel is open;
/// 404 on a journal they are conflicted with).
#[utoipa::path(put, path = "/api/v1/catalogues/{id}/votes/{journal}", tag = "catalogues", security(("bearer" = [])), request_body = VoteInput,
    params(("id" = i64, Path, description = "edition id"), ("journal" = i64, Path, description = "journal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn vote(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<VoteInput>,
) -> AppResult<HttpResponse> {
    let (id, journal) = path.into_inner();
    let input = body.into_inner();
    let v = vote_of(input.tier.as_deref())?;
    state
        .db
        .tx(move |c| {
            let e = store::by_id(c, id)?;
            policy::require_expert(c, &user.user, e.id)?;
            votes::cast(c, &e, user.user.id, journal, v, &input.comment, Utc::now().naive_utc())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A declared conflict.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = CatalogueConflictInput)]
pub struct ConflictInput {
    /// Journal id.
    #[serde(default)]
    pub journal: i64,
    /// E.g. "I am on its editorial board".
    #[serde(default)]
    pub reason: String,
    /// For the committee: the expert's account id (default: the caller).
    #[serde(default)]
    pub expert: Option<i64>,
}

/// Declares a conflict with a journal: an expert for themself, or the committee for an expert.
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/conflicts", tag = "catalogues", security(("bearer" = [])), request_body = ConflictInput,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn conflict(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<ConflictInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    state.db.tx(move |c| declare(c, &user.user, id, &input)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Checks who may declare the conflict, then records it.
pub fn declare(c: &mut AnyConnection, user: &crate::auth::User, id: i64, input: &ConflictInput) -> AppResult<()> {
    let e = store::by_id(c, id)?;
    let expert = match input.expert {
        Some(x) if x != user.id => {
            policy::require_committee(c, user, e.id)?;
            if !roles::has(c, x, roles::CATALOGUE_EXPERT, roles::SCOPE_EDITION, e.id)? {
                return Err(AppError::field("expert", "validation.not_an_expert"));
            }
            x
        }
        _ => {
            policy::require_expert(c, user, e.id)?;
            user.id
        }
    };
    nominations::require_candidate(c, &e, input.journal)?;
    panel::declare_conflict(c, e.id, user.id, expert, input.journal, &input.reason)
}

/// People to add to the panel or committee.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct MembersInput {
    /// E-mail addresses of existing accounts, separated by commas or new lines.
    #[serde(default)]
    pub emails: String,
    /// `expert` (default) or `committee`.
    #[serde(default)]
    pub role: String,
}

/// Panel and committee with each expert's progress.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PanelView {
    /// Experts.
    pub experts: Vec<Member>,
    /// Committee members.
    pub committee: Vec<Member>,
    /// Journals to vote on.
    pub journals: i64,
}

/// Loads the panel view.
pub fn panel_view(c: &mut AnyConnection, e: &Edition) -> AppResult<PanelView> {
    Ok(PanelView {
        experts: panel::members(c, e.id, roles::CATALOGUE_EXPERT)?,
        committee: panel::members(c, e.id, roles::CATALOGUE_COMMITTEE)?,
        journals: crate::journals::store::count_in_field(c, e.field_id)?,
    })
}

/// The panel with voting progress (its committee).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/panel", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")), responses((status = 200, body = PanelView), (status = 404, body = ErrorBody)))]
pub async fn get_panel(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<PanelView>> {
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), |c, e, _| panel_view(c, e)).await?,
    ))
}

/// Adds experts or committee members by e-mail and tells them by mail (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/panel", tag = "catalogues", security(("bearer" = [])), request_body = MembersInput,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = PanelView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_members(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<MembersInput>,
) -> AppResult<web::Json<PanelView>> {
    let input = body.into_inner();
    let st = state.get_ref().clone();
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), move |c, e, u| {
            panel::add(c, &st, e, u.id, &input.emails, role_of(&input.role)?)?;
            panel_view(c, e)
        })
        .await?,
    ))
}

/// The role named in a form: `expert` or `committee`.
pub fn role_of(s: &str) -> AppResult<roles::Role> {
    match s.trim() {
        "" | "expert" => Ok(roles::CATALOGUE_EXPERT),
        "committee" => Ok(roles::CATALOGUE_COMMITTEE),
        _ => Err(AppError::field("role", "validation.panel_role_invalid")),
    }
}

/// Takes someone off the panel or committee (`?role=committee` for the latter; its committee).
#[utoipa::path(delete, path = "/api/v1/catalogues/{id}/panel/{user}", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id"), ("user" = i64, Path, description = "account id"), ("role" = inline(Option<crate::web::openapi::params::PanelRole>), Query, description = "expert or committee")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove_member(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    query: web::Query<std::collections::HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let (id, who) = path.into_inner();
    let role = role_of(query.get("role").map(String::as_str).unwrap_or(""))?;
    as_committee(&state, &user, id, move |c, e, u| panel::remove(c, e.id, u.id, who, role)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Imports indicator values from CSV: all rows or none (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/indicator-values", tag = "catalogues", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"), params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = ImportReport), (status = 404, body = ErrorBody), (status = 422, body = ImportReport)))]
pub async fn import_indicators(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    req: actix_web::HttpRequest,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    crate::journals::api::csv_content_type(&req)?;
    let id = path.into_inner();
    // Authorize before reading the body; the import checks again in its transaction.
    as_committee(&state, &user, id, |_, _, _| Ok(())).await?;
    let body = crate::web::body::read_capped(&req, payload, crate::journals::import::MAX_BYTES, "file").await?;
    let report = as_committee(&state, &user, id, move |c, e, u| super::indicators::apply(c, e, u.id, &body)).await?;
    Ok(if report.errors.is_empty() {
        HttpResponse::Ok().json(report)
    } else {
        HttpResponse::UnprocessableEntity().json(report)
    })
}

/// The proposed catalogue with every journal's votes, indicators and reasons (its committee).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/proposal", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")), responses((status = 200, body = ProposalView), (status = 404, body = ErrorBody)))]
pub async fn get_proposal(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<ProposalView>> {
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), |c, e, _| proposal::build(c, e)).await?,
    ))
}

/// An override.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct OverrideInput {
    /// `T1`, `T2`, `T3` or `none`; ignored when clearing.
    #[serde(default)]
    pub tier: String,
    /// The written reason (required).
    #[serde(default)]
    pub reason: String,
}

/// Fixes a journal's tier with a written reason (its committee).
#[utoipa::path(put, path = "/api/v1/catalogues/{id}/overrides/{journal}", tag = "catalogues", security(("bearer" = [])), request_body = OverrideInput,
    params(("id" = i64, Path, description = "edition id"), ("journal" = i64, Path, description = "journal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_override(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<OverrideInput>,
) -> AppResult<HttpResponse> {
    let (id, journal) = path.into_inner();
    let input = body.into_inner();
    as_committee(&state, &user, id, move |c, e, u| {
        proposal::set_override(c, e, u.id, journal, &input.tier, &input.reason)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes an override, with a reason for the log (its committee).
#[utoipa::path(delete, path = "/api/v1/catalogues/{id}/overrides/{journal}", tag = "catalogues", security(("bearer" = [])), request_body = OverrideInput,
    params(("id" = i64, Path, description = "edition id"), ("journal" = i64, Path, description = "journal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn clear_override(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<OverrideInput>,
) -> AppResult<HttpResponse> {
    let (id, journal) = path.into_inner();
    let input = body.into_inner();
    as_committee(&state, &user, id, move |c, e, u| {
        proposal::clear_override(c, e, u.id, journal, &input.reason)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The audit log, newest first (its committee).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/audit", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")), responses((status = 200, body = Vec<AuditLine>), (status = 404, body = ErrorBody)))]
pub async fn get_audit(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Vec<AuditLine>>> {
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), |c, e, _| audit::list(c, e.id, 5000)).await?,
    ))
}

/// Files an objection during public notice (anyone logged in).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/objections", tag = "catalogues", security(("bearer" = [])), request_body = JournalReason,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 201), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn object(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<JournalReason>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let oid = state
        .db
        .tx(move |c| {
            let e = store::by_id(c, id)?;
            super::objections::file(c, &e, user.user.id, input.journal, &input.reason, Utc::now().naive_utc())
        })
        .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({ "id": oid })))
}

/// Objections: all of them for the committee, one's own for anyone else.
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/objections", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = Vec<super::objections::ObjectionView>), (status = 404, body = ErrorBody)))]
pub async fn objections(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<Vec<super::objections::ObjectionView>>> {
    let id = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let e = store::by_id(c, id)?;
                let only = if policy::is_committee(c, &user.user, e.id)? {
                    None
                } else {
                    Some(user.user.id)
                };
                super::objections::list(c, e.id, only)
            })
            .await?,
    ))
}

/// Upholds or rejects an objection with a reason; the objector is told by mail (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/objections/{objection}/decision", tag = "catalogues", security(("bearer" = [])),
    request_body = super::objections::DecisionInput,
    params(("id" = i64, Path, description = "edition id"), ("objection" = i64, Path, description = "objection id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide_objection(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<super::objections::DecisionInput>,
) -> AppResult<HttpResponse> {
    let (id, oid) = path.into_inner();
    let input = body.into_inner();
    let st = state.get_ref().clone();
    as_committee(&state, &user, id, move |c, e, u| {
        super::objections::decide(c, &st, e, u.id, oid, &input)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A download response with a file name.
pub fn download(bytes: Vec<u8>, content_type: &str, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("content-disposition", format!("attachment; filename=\"{filename}\"")))
        .body(bytes)
}

/// The export of an edition as (bytes, content type, file name); `format` is `csv` or `xlsx`.
pub fn export(c: &mut AnyConnection, e: &Edition, format: &str) -> AppResult<(Vec<u8>, &'static str, String)> {
    let entries = super::published::public_entries(c, e)?;
    let rows = super::published::rows(&entries);
    let headers = super::published::HEADERS;
    Ok(match format {
        "xlsx" => (
            crate::web::sheets::xlsx("catalogue", &headers, &rows)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            format!("{}.xlsx", e.slug),
        ),
        _ => (
            crate::web::sheets::csv(&headers, &rows)?,
            "text/csv; charset=utf-8",
            format!("{}.csv", e.slug),
        ),
    })
}

/// The catalogue's entries as CSV, at a stable URL (from public notice on).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/entries.csv", tag = "catalogues", params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = ErrorBody)))]
pub async fn entries_csv(state: web::Data<AppState>, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (b, ct, name) = state
        .db
        .run(move |c| {
            let e = store::by_id(c, id)?;
            export(c, &e, "csv")
        })
        .await?;
    Ok(download(b, ct, &name))
}

/// The catalogue's entries as XLSX (from public notice on).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/entries.xlsx", tag = "catalogues", params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 404, body = ErrorBody)))]
pub async fn entries_xlsx(state: web::Data<AppState>, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (b, ct, name) = state
        .db
        .run(move |c| {
            let e = store::by_id(c, id)?;
            export(c, &e, "xlsx")
        })
        .await?;
    Ok(download(b, ct, &name))
}

/// `?from=` names the earlier edition.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct DiffParams {
    /// Id of the edition to compare with.
    #[param(value_type = Option<i64>)]
    pub from: Option<String>,
}

/// What changed from another public edition to this one: new, removed, moved up, moved down.
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/diff", tag = "catalogues", params(("id" = i64, Path, description = "edition id"), DiffParams),
    responses((status = 200, body = super::published::Comparison), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn diff(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<DiffParams>,
) -> AppResult<web::Json<super::published::Comparison>> {
    let id = path.into_inner();
    let mut bad = crate::error::FieldErrors::new();
    let from = crate::web::params::number(&query.from, "from", 1, i64::MAX, "validation.edition_id", &mut bad);
    let Some(from) = from else {
        bad.entry("from".into()).or_insert("validation.edition_id".into());
        return Err(AppError::Validation { fields: bad });
    };
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let to = store::by_id(c, id)?;
                let from = store::by_id(c, from)?;
                super::published::compare(c, &from, &to)
            })
            .await?,
    ))
}

/// A journal's tiers in every public edition, newest first.
#[utoipa::path(get, path = "/api/v1/journals/{id}/catalogues", tag = "catalogues", params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = Vec<super::published::HistoryLine>), (status = 404, body = ErrorBody)))]
pub async fn journal_history(state: web::Data<AppState>, path: web::Path<i64>) -> AppResult<web::Json<Vec<super::published::HistoryLine>>> {
    let id = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                crate::journals::store::get(c, id)?;
                super::published::history(c, id)
            })
            .await?,
    ))
}

/// Proposes a journal that is not in the register yet, while nominations are open (anyone logged in).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/proposals", tag = "catalogues", security(("bearer" = [])),
    request_body = super::proposals::ProposalInput, params(("id" = i64, Path, description = "edition id")),
    responses((status = 201), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<super::proposals::ProposalInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let pid = state
        .db
        .tx(move |c| {
            let e = store::by_id(c, id)?;
            super::proposals::propose(c, &e, user.user.id, &input, Utc::now().naive_utc())
        })
        .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({ "id": pid })))
}

/// Proposed journals (its committee).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/proposals", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = Vec<super::proposals::ProposalView>), (status = 404, body = ErrorBody)))]
pub async fn proposals(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<Vec<super::proposals::ProposalView>>> {
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), |c, e, _| super::proposals::list(c, e.id)).await?,
    ))
}

/// Links a proposal to the journal added to the register, or declines it (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/proposals/{proposal}/decision", tag = "catalogues", security(("bearer" = [])),
    request_body = super::proposals::ResolveInput,
    params(("id" = i64, Path, description = "edition id"), ("proposal" = i64, Path, description = "proposal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn resolve_proposal(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<super::proposals::ResolveInput>,
) -> AppResult<HttpResponse> {
    let (id, pid) = path.into_inner();
    let input = body.into_inner();
    as_committee(&state, &user, id, move |c, e, u| super::proposals::resolve(c, e, u.id, pid, &input)).await?;
    Ok(HttpResponse::NoContent().finish())
}
