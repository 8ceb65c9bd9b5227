//! JSON API of misconduct cases: a report (signed in or not, perhaps anonymous), the
//! committee's list, case file and every step, and the two personal links: the reporter's
//! mailbox and the hearing of a person accused. The same service as the pages, so the same
//! rules, audit and mails.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use super::evidence::{self, Door};
use super::model::{Case, Sanction};
use super::service::{self, CaseFile, Committee, Hearing, Mailbox, as_committee};
use super::validate::{self, AppealRulingInput, MessageInput, PartyInput, ReplyInput, ReportInput, RulingInput, StepInput};
use crate::auth::{CurrentUser, MaybeUser};
use crate::db::AnyConnection;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;
use crate::web::i18n::Lang;
use crate::web::json::Object;

/// What the reporter receives once: the case number and their private mailbox link.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityReportReceipt)]
pub struct Receipt {
    /// The society's URL name.
    pub society: String,
    /// The case number within the society.
    pub number: i32,
    /// The mailbox token: `GET /api/v1/integrity/mailbox/{token}` reads the case.
    pub mailbox_token: String,
    /// The mailbox page's address. Keep it: it is shown only this once.
    pub mailbox_link: String,
}

/// A society's cases and the sanctions in force.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityCases)]
pub struct CaseList {
    /// Every case, newest first.
    pub cases: Vec<Case>,
    /// Sanctions in force today.
    pub sanctions: Vec<Sanction>,
}

/// Reports a suspected integrity problem to a society's integrity committee. Anyone may
/// report; without credentials, or with `anonymous`, no account is kept with the report. The
/// answer's mailbox token is the only way back to the case.
#[utoipa::path(post, path = "/api/v1/integrity/reports", tag = "integrity", request_body = ReportInput,
    responses((status = 201, body = Receipt), (status = 422, body = ErrorBody)))]
pub async fn report(state: web::Data<AppState>, user: MaybeUser, body: Object<ReportInput>) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let user = user.0;
    let lang = user
        .as_ref()
        .and_then(|u| u.preferred_lang.as_deref())
        .and_then(Lang::parse)
        .unwrap_or(Lang::En);
    let st = state.get_ref().clone();
    let (case, link, society) = state
        .db
        .tx(move |c| {
            let spec = validate::report(&input)?;
            let (case, link) = service::report(c, &st, user.as_ref(), lang, &spec)?;
            Ok((case, link, spec.society))
        })
        .await?;
    let token = link.rsplit('/').next().unwrap_or_default().to_string();
    Ok(HttpResponse::Created().json(Receipt {
        society,
        number: case.number,
        mailbox_token: token,
        mailbox_link: link,
    }))
}

/// Runs a committee action on case `number`, then answers the case file as it now stands.
async fn acted<F>(state: &AppState, user: &CurrentUser, (slug, number): (String, i32), f: F) -> AppResult<web::Json<CaseFile>>
where
    F: FnOnce(&mut AnyConnection, &AppState, &Committee, i32) -> AppResult<()> + Send + 'static,
{
    let st = state.clone();
    let file = as_committee(state, user, slug, move |c, m| {
        f(c, &st, m, number)?;
        service::file(c, m, number)
    })
    .await?;
    Ok(web::Json(file))
}

/// The society's cases, for members of its integrity committee only (404 for anyone else,
/// site administrators and society staff included). The read is audited.
#[utoipa::path(get, path = "/api/v1/societies/{slug}/integrity/cases", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "society URL name")),
    responses((status = 200, body = CaseList), (status = 404, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<CaseList>> {
    let (cases, sanctions) = as_committee(&state, &user, path.into_inner(), service::list).await?;
    Ok(web::Json(CaseList { cases, sanctions }))
}

/// A case file: the case, the reporter (unless anonymous), the people accused, every entry,
/// the sanctions, what may be done next and the latest audit lines. The read is audited.
#[utoipa::path(get, path = "/api/v1/societies/{slug}/integrity/cases/{number}", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "society URL name"), ("number" = i32, Path, description = "case number")),
    responses((status = 200, body = CaseFile), (status = 404, body = ErrorBody)))]
pub async fn file(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i32)>) -> AppResult<web::Json<CaseFile>> {
    let (slug, number) = path.into_inner();
    Ok(web::Json(
        as_committee(&state, &user, slug, move |c, m| service::file(c, m, number)).await?,
    ))
}

/// Moves a case to its next step, or closes it before a ruling. The hearing needs a person
/// accused, a note and a deadline, and mails each person accused their link.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/integrity/cases/{number}/step", tag = "integrity", security(("bearer" = [])),
    request_body = StepInput,
    params(("slug" = String, Path, description = "society URL name"), ("number" = i32, Path, description = "case number")),
    responses((status = 200, body = CaseFile), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn step(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    body: Object<StepInput>,
) -> AppResult<web::Json<CaseFile>> {
    let input = body.into_inner();
    acted(&state, &user, path.into_inner(), move |c, st, m, n| {
        let spec = validate::step(&input, super::sanctions::today())?;
        service::move_to(c, st, m, n, &spec)
    })
    .await
}

/// Names a person accused by address. They are told nothing until the hearing.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/integrity/cases/{number}/parties", tag = "integrity", security(("bearer" = [])),
    request_body = PartyInput,
    params(("slug" = String, Path, description = "society URL name"), ("number" = i32, Path, description = "case number")),
    responses((status = 200, body = CaseFile), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn party(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    body: Object<PartyInput>,
) -> AppResult<web::Json<CaseFile>> {
    let input = body.into_inner();
    acted(&state, &user, path.into_inner(), move |c, st, m, n| {
        service::add_party(c, st, m, n, &input)
    })
    .await
}

/// Writes to the reporter or a person accused (they are mailed their link), or adds a note
/// only the committee reads.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/integrity/cases/{number}/messages", tag = "integrity", security(("bearer" = [])),
    request_body = MessageInput,
    params(("slug" = String, Path, description = "society URL name"), ("number" = i32, Path, description = "case number")),
    responses((status = 200, body = CaseFile), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn message(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    body: Object<MessageInput>,
) -> AppResult<web::Json<CaseFile>> {
    let input = body.into_inner();
    acted(&state, &user, path.into_inner(), move |c, st, m, n| {
        service::message(c, st, m, n, &input)
    })
    .await
}

/// Rules at the end of the hearing: `misconduct` (with an appeal deadline, and sanctions that
/// bar people accused from submitting or reviewing across the society) or `cleared`.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/integrity/cases/{number}/ruling", tag = "integrity", security(("bearer" = [])),
    request_body = RulingInput,
    params(("slug" = String, Path, description = "society URL name"), ("number" = i32, Path, description = "case number")),
    responses((status = 200, body = CaseFile), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn ruling(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    body: Object<RulingInput>,
) -> AppResult<web::Json<CaseFile>> {
    let input = body.into_inner();
    acted(&state, &user, path.into_inner(), move |c, st, m, n| {
        let spec = validate::ruling(&input, super::sanctions::today())?;
        service::rule(c, st, m, n, &spec)
    })
    .await
}

/// Makes a ruling final once the appeal deadline has passed without an appeal.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/integrity/cases/{number}/finalise", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "society URL name"), ("number" = i32, Path, description = "case number")),
    responses((status = 200, body = CaseFile), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn finalise(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i32)>) -> AppResult<web::Json<CaseFile>> {
    acted(&state, &user, path.into_inner(), |c, _, m, n| service::finalise(c, m, n)).await
}

/// Rules on an appeal: `granted` lifts the finding and its sanctions, `refused` confirms them.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/integrity/cases/{number}/appeal-ruling", tag = "integrity", security(("bearer" = [])),
    request_body = AppealRulingInput,
    params(("slug" = String, Path, description = "society URL name"), ("number" = i32, Path, description = "case number")),
    responses((status = 200, body = CaseFile), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn appeal_ruling(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    body: Object<AppealRulingInput>,
) -> AppResult<web::Json<CaseFile>> {
    let input = body.into_inner();
    acted(&state, &user, path.into_inner(), move |c, st, m, n| {
        let (granted, reasons) = validate::appeal_ruling(&input)?;
        service::rule_appeal(c, st, m, n, granted, &reasons)
    })
    .await
}

/// The reporter's view of their case through the mailbox token: the report and the messages
/// between reporter and committee. The read is audited.
#[utoipa::path(get, path = "/api/v1/integrity/mailbox/{token}", tag = "integrity",
    params(("token" = String, Path, description = "mailbox token from the report's receipt")),
    responses((status = 200, body = Mailbox), (status = 404, body = ErrorBody)))]
pub async fn mailbox(state: web::Data<AppState>, path: web::Path<String>) -> AppResult<web::Json<Mailbox>> {
    let token = path.into_inner();
    Ok(web::Json(state.db.tx(move |c| service::mailbox(c, &token)).await?))
}

/// The reporter writes to the committee (until the case is closed).
#[utoipa::path(post, path = "/api/v1/integrity/mailbox/{token}/messages", tag = "integrity", request_body = ReplyInput,
    params(("token" = String, Path, description = "mailbox token from the report's receipt")),
    responses((status = 200, body = Mailbox), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn mailbox_reply(state: web::Data<AppState>, path: web::Path<String>, body: Object<ReplyInput>) -> AppResult<web::Json<Mailbox>> {
    let (token, input, st) = (path.into_inner(), body.into_inner(), state.get_ref().clone());
    let mb = state
        .db
        .tx(move |c| {
            service::reporter_reply(c, &st, &token, &validate::reply(&input)?)?;
            service::mailbox(c, &token)
        })
        .await?;
    Ok(web::Json(mb))
}

/// What the committee addressed to a person accused, through their hearing token (404 until
/// the hearing). The read is audited.
#[utoipa::path(get, path = "/api/v1/integrity/hearing/{token}", tag = "integrity",
    params(("token" = String, Path, description = "hearing token from the committee's mail")),
    responses((status = 200, body = Hearing), (status = 404, body = ErrorBody)))]
pub async fn hearing(state: web::Data<AppState>, path: web::Path<String>) -> AppResult<web::Json<Hearing>> {
    let token = path.into_inner();
    Ok(web::Json(state.db.tx(move |c| service::hearing(c, &token)).await?))
}

async fn answered(state: &AppState, token: String, input: ReplyInput, appeal: bool) -> AppResult<web::Json<Hearing>> {
    let st = state.clone();
    let h = state
        .db
        .tx(move |c| {
            service::accused_reply(c, &st, &token, &validate::reply(&input)?, appeal)?;
            service::hearing(c, &token)
        })
        .await?;
    Ok(web::Json(h))
}

/// A person accused answers the committee (until the case is closed).
#[utoipa::path(post, path = "/api/v1/integrity/hearing/{token}/messages", tag = "integrity", request_body = ReplyInput,
    params(("token" = String, Path, description = "hearing token from the committee's mail")),
    responses((status = 200, body = Hearing), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn hearing_reply(state: web::Data<AppState>, path: web::Path<String>, body: Object<ReplyInput>) -> AppResult<web::Json<Hearing>> {
    answered(&state, path.into_inner(), body.into_inner(), false).await
}

/// A person accused appeals the ruling, once, before the appeal deadline; the body gives the
/// grounds.
#[utoipa::path(post, path = "/api/v1/integrity/hearing/{token}/appeal", tag = "integrity", request_body = ReplyInput,
    params(("token" = String, Path, description = "hearing token from the committee's mail")),
    responses((status = 200, body = Hearing), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn appeal(state: web::Data<AppState>, path: web::Path<String>, body: Object<ReplyInput>) -> AppResult<web::Json<Hearing>> {
    answered(&state, path.into_inner(), body.into_inner(), true).await
}

/// Attaches a file of evidence to a case, for the committee itself, the reporter or a person
/// accused (they are mailed as for a message). `multipart/form-data` with the `evidence` part
/// (PDF, PNG, JPEG, Word, Excel, PowerPoint or ZIP, at most 20 MiB), `note` (what it shows) and
/// `to` (`committee`, `reporter` or `accused:<party id>`); cookie callers also send `csrf`.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/integrity/cases/{number}/evidence", tag = "integrity", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "parts: evidence, note, to"),
    params(("slug" = String, Path, description = "society URL name"), ("number" = i32, Path, description = "case number")),
    responses((status = 201, body = CaseFile), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn case_evidence_add(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<(String, i32)>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let door = Door::Committee {
        user: Box::new(user.user.clone()),
        slug: slug.clone(),
        number,
    };
    evidence::receive(&state, door, Some((&session, user.via)), payload).await?;
    let file = as_committee(&state, &user, slug, move |c, m| service::file(c, m, number)).await?;
    Ok(HttpResponse::Created().json(file))
}

/// Downloads a file of evidence of a case (committee members only; the read is audited).
#[utoipa::path(get, path = "/api/v1/societies/{slug}/integrity/cases/{number}/evidence/{entry}", tag = "integrity", security(("bearer" = [])),
    params(("slug" = String, Path, description = "society URL name"), ("number" = i32, Path, description = "case number"),
        ("entry" = i64, Path, description = "the evidence entry's id")),
    responses((status = 200, description = "the file, as an attachment"), (status = 404, body = ErrorBody)))]
pub async fn case_evidence(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: CurrentUser,
    path: web::Path<(String, i32, i64)>,
) -> AppResult<HttpResponse> {
    let (slug, number, entry) = path.into_inner();
    let door = Door::Committee {
        user: Box::new(user.user.clone()),
        slug,
        number,
    };
    evidence::send(&state, &req, door, entry).await
}

/// The reporter attaches a file of evidence for the committee: `multipart/form-data` with the
/// `evidence` part and `note`.
#[utoipa::path(post, path = "/api/v1/integrity/mailbox/{token}/evidence", tag = "integrity",
    request_body(content_type = "multipart/form-data", description = "parts: evidence, note"),
    params(("token" = String, Path, description = "mailbox token from the report's receipt")),
    responses((status = 201, body = Mailbox), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn mailbox_evidence_add(state: web::Data<AppState>, path: web::Path<String>, payload: Multipart) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    evidence::receive(&state, Door::Mailbox(token.clone()), None, payload).await?;
    let mb = state.db.tx(move |c| service::mailbox(c, &token)).await?;
    Ok(HttpResponse::Created().json(mb))
}

/// Downloads a file of evidence the reporter may read (their own, or one the committee sent).
#[utoipa::path(get, path = "/api/v1/integrity/mailbox/{token}/evidence/{entry}", tag = "integrity",
    params(("token" = String, Path, description = "mailbox token from the report's receipt"), ("entry" = i64, Path, description = "the evidence entry's id")),
    responses((status = 200, description = "the file, as an attachment"), (status = 404, body = ErrorBody)))]
pub async fn mailbox_evidence(state: web::Data<AppState>, req: HttpRequest, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (token, entry) = path.into_inner();
    evidence::send(&state, &req, Door::Mailbox(token), entry).await
}

/// A person accused attaches a file of evidence for the committee: `multipart/form-data` with
/// the `evidence` part and `note`.
#[utoipa::path(post, path = "/api/v1/integrity/hearing/{token}/evidence", tag = "integrity",
    request_body(content_type = "multipart/form-data", description = "parts: evidence, note"),
    params(("token" = String, Path, description = "hearing token from the committee's mail")),
    responses((status = 201, body = Hearing), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn hearing_evidence_add(state: web::Data<AppState>, path: web::Path<String>, payload: Multipart) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    evidence::receive(&state, Door::Hearing(token.clone()), None, payload).await?;
    let h = state.db.tx(move |c| service::hearing(c, &token)).await?;
    Ok(HttpResponse::Created().json(h))
}

/// Downloads a file of evidence a person accused may read (their own, or one the committee
/// sent them).
#[utoipa::path(get, path = "/api/v1/integrity/hearing/{token}/evidence/{entry}", tag = "integrity",
    params(("token" = String, Path, description = "hearing token from the committee's mail"), ("entry" = i64, Path, description = "the evidence entry's id")),
    responses((status = 200, description = "the file, as an attachment"), (status = 404, body = ErrorBody)))]
pub async fn hearing_evidence(state: web::Data<AppState>, req: HttpRequest, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (token, entry) = path.into_inner();
    evidence::send(&state, &req, Door::Hearing(token), entry).await
}
