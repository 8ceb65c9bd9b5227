//! Pages of misconduct cases: the report form (anyone, optionally anonymous), the reporter's
//! mailbox and the accused person's hearing page (each reached by a personal link), and the
//! integrity committee's list and case file with the forms that move a case.

use std::collections::HashMap;

use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::service::{self, Committee, as_committee};
use super::validate::{self, MessageInput, PartyInput, ReplyInput, ReportInput, RulingInput, SanctionInput, StepInput};
use crate::auth::CurrentUser;
use crate::auth::extract::AuthVia;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash_result, redirect};

/// The report form as posted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    society: String,
    #[serde(default)]
    subject_kind: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    details: String,
    #[serde(default)]
    anonymous: Option<String>,
    #[serde(default)]
    contact_email: String,
}

impl ReportForm {
    fn input(&self) -> ReportInput {
        ReportInput {
            society: self.society.clone(),
            subject_kind: self.subject_kind.clone(),
            subject: self.subject.clone(),
            details: self.details.clone(),
            anonymous: self.anonymous.is_some(),
            contact_email: Some(self.contact_email.clone()),
        }
    }
}

/// Query of the report form: a society chosen in advance.
#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    society: Option<String>,
}

async fn report_ctx(state: &AppState) -> AppResult<Context> {
    let societies = state.db.run(crate::salons::plan::store::societies).await?;
    let mut ctx = Context::new();
    ctx.insert("societies", &societies);
    ctx.insert("kinds", &["paper", "review", "person", "other"]);
    Ok(ctx)
}

/// `GET /integrity/report`: the report form, for anyone.
pub async fn report_form(state: web::Data<AppState>, page: Page, q: web::Query<ReportQuery>) -> AppResult<HttpResponse> {
    let mut ctx = report_ctx(&state).await?;
    let form = ReportForm {
        society: q.society.clone().unwrap_or_default(),
        ..Default::default()
    };
    ctx.insert("form", &form);
    page.render(&state, "integrity/cases/report.html", ctx)
}

/// `POST /integrity/report`: receives a report and shows the reporter's mailbox link once.
pub async fn report(state: web::Data<AppState>, page: Page, CsrfForm(form): CsrfForm<ReportForm>) -> AppResult<HttpResponse> {
    let input = form.input();
    let (st, user, lang) = (state.get_ref().clone(), page.user.clone(), page.lang);
    let result = state
        .db
        .tx(move |c| {
            let spec = validate::report(&input)?;
            service::report(c, &st, user.as_ref(), lang, &spec)
        })
        .await;
    match result {
        Ok((case, link)) => {
            let society = state
                .db
                .run(move |c| crate::salons::plan::store::society_by_id(c, case.society_id))
                .await?;
            let mut ctx = Context::new();
            ctx.insert("case", &case);
            ctx.insert("society", &society);
            ctx.insert("token", link.rsplit('/').next().unwrap_or_default());
            ctx.insert("link", &link);
            page.render(&state, "integrity/cases/received.html", ctx)
        }
        Err(e) => {
            let ctx = report_ctx(&state).await?;
            page.form_errors(&state, "integrity/cases/report.html", ctx, &form, e)
        }
    }
}

/// A reply form (reporter or accused).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    body: String,
    /// Present when the accused appeals the ruling.
    #[serde(default)]
    appeal: Option<String>,
}

/// The two pages reached by a personal link: the reporter's mailbox and the hearing of a
/// person accused. Both show what is addressed to their reader and take a reply.
#[derive(Debug, Clone, Copy)]
enum Door {
    Mailbox,
    Hearing,
}

impl Door {
    fn evidence(self, token: String) -> super::evidence::Door {
        match self {
            Door::Mailbox => super::evidence::Door::Mailbox(token),
            Door::Hearing => super::evidence::Door::Hearing(token),
        }
    }

    fn path(self, token: &str) -> String {
        let name = match self {
            Door::Mailbox => "mailbox",
            Door::Hearing => "hearing",
        };
        format!("/integrity/{name}/{token}")
    }

    fn template(self) -> &'static str {
        match self {
            Door::Mailbox => "integrity/cases/mailbox.html",
            Door::Hearing => "integrity/cases/hearing.html",
        }
    }
}

async fn door_page(
    state: &AppState,
    page: &Page,
    door: Door,
    token: String,
    failed: Option<(&ReplyForm, AppError)>,
) -> AppResult<HttpResponse> {
    let t = token.clone();
    let mut ctx = state
        .db
        .tx(move |c| {
            let mut ctx = Context::new();
            match door {
                Door::Mailbox => ctx.insert("mb", &service::mailbox(c, &t)?),
                Door::Hearing => ctx.insert("h", &service::hearing(c, &t)?),
            }
            Ok(ctx)
        })
        .await?;
    ctx.insert("token", &token);
    ctx.insert("empty", &serde_json::json!({}));
    match failed {
        None => page.render(state, door.template(), ctx),
        Some((form, e)) => page.form_errors(state, door.template(), ctx, form, e),
    }
}

async fn door_reply(state: &AppState, page: &Page, door: Door, token: String, form: ReplyForm) -> AppResult<HttpResponse> {
    let appeal = matches!(door, Door::Hearing) && form.appeal.is_some();
    let (st, t, input) = (state.clone(), token.clone(), ReplyInput { body: form.body.clone() });
    let result = state
        .db
        .tx(move |c| {
            let body = validate::reply(&input)?;
            match door {
                Door::Mailbox => service::reporter_reply(c, &st, &t, &body),
                Door::Hearing => service::accused_reply(c, &st, &t, &body, appeal),
            }
        })
        .await;
    match result {
        Ok(()) => {
            let ok = if appeal {
                "integrity_cases.appealed"
            } else {
                "integrity_cases.sent"
            };
            flash_result(&page.session, Ok(()), ok)?;
            Ok(redirect(&door.path(&token)))
        }
        Err(e) => door_page(state, page, door, token, Some((&form, e))).await,
    }
}

async fn door_evidence(state: &AppState, page: &Page, door: Door, token: String, payload: Multipart) -> AppResult<HttpResponse> {
    let csrf = Some((&page.session, AuthVia::Session));
    match super::evidence::receive(state, door.evidence(token.clone()), csrf, payload).await {
        Ok(()) => {
            flash_result(&page.session, Ok(()), "integrity_cases.evidence_added")?;
            Ok(redirect(&door.path(&token)))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            door_page(state, page, door, token, Some((&ReplyForm::default(), e))).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /integrity/mailbox/{token}/evidence`: the reporter attaches a file (multipart).
pub async fn mailbox_evidence(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    door_evidence(&state, &page, Door::Mailbox, path.into_inner(), payload).await
}

/// `POST /integrity/hearing/{token}/evidence`: a person accused attaches a file (multipart).
pub async fn hearing_evidence(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    door_evidence(&state, &page, Door::Hearing, path.into_inner(), payload).await
}

/// `GET /integrity/mailbox/{token}`: the reporter's view of their case.
pub async fn mailbox(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    door_page(&state, &page, Door::Mailbox, path.into_inner(), None).await
}

/// `POST /integrity/mailbox/{token}`: the reporter writes to the committee.
pub async fn mailbox_reply(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<HttpResponse> {
    door_reply(&state, &page, Door::Mailbox, path.into_inner(), form).await
}

/// `GET /integrity/hearing/{token}`: what the committee addressed to a person accused.
pub async fn hearing(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    door_page(&state, &page, Door::Hearing, path.into_inner(), None).await
}

/// `POST /integrity/hearing/{token}`: a person accused answers, or appeals the ruling.
pub async fn hearing_reply(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<HttpResponse> {
    door_reply(&state, &page, Door::Hearing, path.into_inner(), form).await
}

/// `GET /societies/{slug}/integrity`: the committee's cases and the sanctions in force.
pub async fn list(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (society, cases, sanctions, members, changes) = as_committee(&state, &user, path.into_inner(), |c, m| {
        let (cases, sanctions) = service::list(c, m)?;
        let members = super::appoint::members(c, m.society.id)?;
        let changes = super::appoint::changes(c, m.society.id)?;
        Ok((m.society.clone(), cases, sanctions, members, changes))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("members", &members);
    ctx.insert("changes", &changes);
    ctx.insert("society", &society);
    ctx.insert("cases", &cases);
    ctx.insert("sanctions", &sanctions);
    page.render(&state, "integrity/cases/list.html", ctx)
}

async fn case_page(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    slug: String,
    number: i32,
    failed: Option<(&str, serde_json::Value, AppError)>,
) -> AppResult<HttpResponse> {
    let (society, file) = as_committee(state, user, slug, move |c, m| Ok((m.society.clone(), service::file(c, m, number)?))).await?;
    let mut ctx = Context::new();
    ctx.insert("society", &society);
    ctx.insert("f", &file);
    ctx.insert("audit", &file.audit);
    ctx.insert("bars", &["submitting", "reviewing", "both"]);
    ctx.insert("today", &super::sanctions::today().to_string());
    ctx.insert("empty", &serde_json::json!({}));
    match failed {
        None => page.render(state, "integrity/cases/case.html", ctx),
        Some((which, form, e)) => {
            ctx.insert("which", which);
            page.form_errors(state, "integrity/cases/case.html", ctx, &form, e)
        }
    }
}

/// `GET /societies/{slug}/integrity/cases/{number}`: a case file.
pub async fn case(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<(String, i32)>) -> AppResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    case_page(&state, &page, &user, slug, number, None).await
}

/// Runs a committee action on case `number`, then back to the file (or the file again with
/// the form's errors and what was typed).
async fn act<F>(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    (slug, number): (String, i32),
    (which, form, ok): (&str, serde_json::Value, &str),
    f: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(&mut crate::db::AnyConnection, &Committee) -> AppResult<()> + Send + 'static,
{
    match as_committee(state, user, slug.clone(), f).await {
        Ok(()) => {
            flash_result(&page.session, Ok(()), ok)?;
            Ok(redirect(&format!("/societies/{slug}/integrity/cases/{number}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            case_page(state, page, user, slug, number, Some((which, form, e))).await
        }
        Err(e) => Err(e),
    }
}

/// `POST …/cases/{number}/step`: moves the case on.
pub async fn step(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(form): CsrfForm<StepInput>,
) -> AppResult<HttpResponse> {
    let at = path.into_inner();
    let (st, n, input) = (state.get_ref().clone(), at.1, form.clone());
    let shown = serde_json::json!({"step": form.step, "note": form.note, "due_on": form.due_on});
    act(&state, &page, &user, at, ("step", shown, "integrity_cases.moved"), move |c, m| {
        let spec = validate::step(&input, super::sanctions::today())?;
        service::move_to(c, &st, m, n, &spec)
    })
    .await
}

/// `POST …/cases/{number}/parties`: names a person accused.
pub async fn party(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(form): CsrfForm<PartyInput>,
) -> AppResult<HttpResponse> {
    let at = path.into_inner();
    let (st, n, input) = (state.get_ref().clone(), at.1, form.clone());
    let shown = serde_json::json!({"email": form.email, "name": form.name});
    act(
        &state,
        &page,
        &user,
        at,
        ("party", shown, "integrity_cases.party_added"),
        move |c, m| service::add_party(c, &st, m, n, &input),
    )
    .await
}

/// The message form: `to` is `reporter`, `committee` or `accused:<party id>`.
#[derive(Debug, Clone, Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    body: String,
}

/// `POST …/cases/{number}/messages`: writes to the reporter or a person accused, or a note.
pub async fn message(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> AppResult<HttpResponse> {
    let at = path.into_inner();
    let (to, party) = match form.to.split_once(':') {
        Some((role, id)) => (role.to_string(), id.parse::<i64>().ok()),
        None => (form.to.clone(), None),
    };
    let input = MessageInput {
        to,
        party,
        body: form.body.clone(),
    };
    let (st, n) = (state.get_ref().clone(), at.1);
    let shown = serde_json::json!({"to": form.to, "body": form.body});
    act(&state, &page, &user, at, ("message", shown, "integrity_cases.sent"), move |c, m| {
        service::message(c, &st, m, n, &input)
    })
    .await
}

/// The ruling form: outcome, reasons, appeal deadline, and per person accused `bars_<id>`
/// (empty for no sanction) with `until_<id>`.
fn ruling_input(form: &HashMap<String, String>) -> RulingInput {
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let mut sanctions: Vec<SanctionInput> = form
        .iter()
        .filter_map(|(k, v)| {
            let id: i64 = k.strip_prefix("bars_")?.parse().ok()?;
            (!v.trim().is_empty()).then(|| SanctionInput {
                party: id,
                bars: v.clone(),
                until: get(&format!("until_{id}")),
            })
        })
        .collect();
    sanctions.sort_by_key(|s| s.party);
    RulingInput {
        outcome: get("outcome"),
        reasons: get("reasons"),
        appeal_until: Some(get("appeal_until")),
        sanctions,
    }
}

/// `POST …/cases/{number}/ruling`: rules at the end of the hearing.
pub async fn ruling(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let at = path.into_inner();
    let input = ruling_input(&form);
    let (st, n) = (state.get_ref().clone(), at.1);
    let shown = serde_json::to_value(&form).unwrap_or_default();
    act(&state, &page, &user, at, ("ruling", shown, "integrity_cases.ruled"), move |c, m| {
        let spec = validate::ruling(&input, super::sanctions::today())?;
        service::rule(c, &st, m, n, &spec)
    })
    .await
}

/// `POST …/cases/{number}/finalise`: the ruling becomes final after the appeal deadline.
pub async fn finalise(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(_): CsrfForm<HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let at = path.into_inner();
    let n = at.1;
    act(
        &state,
        &page,
        &user,
        at,
        ("finalise", serde_json::json!({}), "integrity_cases.closed_ok"),
        move |c, m| service::finalise(c, m, n),
    )
    .await
}

/// `POST …/cases/{number}/appeal-ruling`: rules on the appeal.
pub async fn appeal_ruling(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(form): CsrfForm<validate::AppealRulingInput>,
) -> AppResult<HttpResponse> {
    let at = path.into_inner();
    let (st, n, input) = (state.get_ref().clone(), at.1, form.clone());
    let shown = serde_json::json!({"appeal": form.appeal, "reasons": form.reasons});
    act(&state, &page, &user, at, ("appeal", shown, "integrity_cases.ruled"), move |c, m| {
        let (granted, reasons) = validate::appeal_ruling(&input)?;
        service::rule_appeal(c, &st, m, n, granted, &reasons)
    })
    .await
}

/// `POST …/cases/{number}/evidence`: the committee attaches a file (multipart), for itself,
/// the reporter or a person accused.
pub async fn case_evidence(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let door = super::evidence::Door::Committee {
        user: Box::new(user.user.clone()),
        slug: slug.clone(),
        number,
    };
    match super::evidence::receive(&state, door, Some((&page.session, user.via)), payload).await {
        Ok(()) => {
            flash_result(&page.session, Ok(()), "integrity_cases.evidence_added")?;
            Ok(redirect(&format!("/societies/{slug}/integrity/cases/{number}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            case_page(&state, &page, &user, slug, number, Some(("evidence", serde_json::json!({}), e))).await
        }
        Err(e) => Err(e),
    }
}
