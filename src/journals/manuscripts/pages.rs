//! Manuscript pages: the submission form (`/journals/{id}/submit`), a manuscript's page shaped
//! by the reader's part (`/manuscripts/{id}`), confirming authorship and file downloads.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use tera::Context;

use super::service::{self, Submitted, Target};
use super::upload::{FORM_AUTHOR_ROWS, FORM_REVIEWER_ROWS, to_input};
use super::validate::{AuthorInput, ManuscriptInput};
use super::view;
use crate::auth::CurrentUser;
use crate::auth::pages::Empty;
use crate::error::{AppError, AppResult};
use crate::guard::journal::manuscript_for;
use crate::guard::policy::{ManuscriptAction, decides_alone, may_ms};
use crate::submissions::upload::{ReadFailure, check_csrf, form_claim, from_this_session};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// The form's value: the input with blank rows to fill.
fn form_value(input: &ManuscriptInput, checklist: usize) -> serde_json::Value {
    let mut i = input.clone();
    i.authors.resize(FORM_AUTHOR_ROWS.max(i.authors.len()), AuthorInput::default());
    i.suggested_reviewers
        .resize(FORM_REVIEWER_ROWS.max(i.suggested_reviewers.len()), Default::default());
    i.opposed_reviewers
        .resize(FORM_REVIEWER_ROWS.max(i.opposed_reviewers.len()), Default::default());
    i.checklist.resize(checklist, false);
    serde_json::to_value(i).unwrap_or_default()
}

fn form_ctx(t: &Target) -> Context {
    let mut ctx = Context::new();
    ctx.insert("once", &crate::auth::tokens::random_hex(16));
    ctx.insert("journal", &t.journal);
    ctx.insert("sections", &t.sections);
    ctx.insert(
        "rules",
        &serde_json::json!({
            "checklist": t.current.spec.checklist,
            "source_files": t.current.spec.source_files,
            "max_file_mb": t.current.spec.max_file_mb,
            "review_mode": t.current.spec.review_mode,
            "guidelines_zh": t.current.spec.guidelines_zh,
            "guidelines_en": t.current.spec.guidelines_en,
        }),
    );
    ctx
}

/// `GET /journals/{id}/submit`: the submission form, the submitter as first author.
pub async fn new_form(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let t = state.db.run(move |c| service::target(c, id)).await?;
    let u = &user.user;
    // A Chinese name splits into its first character (the family name) and the rest; the
    // author corrects it for compound surnames (欧阳, 司马).
    let (family_zh, given_zh) = match u.name_zh.chars().next() {
        Some(first) => (first.to_string(), u.name_zh.chars().skip(1).collect()),
        None => (String::new(), String::new()),
    };
    let (family_en, given_en) = super::validate::split_latin(&u.name_latin, !u.name_zh.is_empty());
    let me = AuthorInput {
        family_zh,
        given_zh,
        family_en,
        given_en,
        email: u.email.clone(),
        affiliation: u.affiliation.clone(),
        country: u.country.clone(),
        orcid: u.orcid.clone().unwrap_or_default(),
        corresponding: true,
    };
    let input = ManuscriptInput {
        authors: vec![me],
        language: if page.lang == crate::web::i18n::Lang::ZhCn {
            "zh".into()
        } else {
            "en".into()
        },
        section_id: t.sections.first().map(|s| s.0).unwrap_or_default(),
        ..Default::default()
    };
    let mut ctx = form_ctx(&t);
    ctx.insert("form", &form_value(&input, t.current.spec.checklist.len()));
    page.render(&state, "journals/submit.html", ctx)
}

fn form_error(page: &Page, state: &AppState, t: &Target, input: Option<ManuscriptInput>, e: AppError) -> AppResult<HttpResponse> {
    let ctx = form_ctx(t);
    let value = form_value(&input.unwrap_or_default(), t.current.spec.checklist.len());
    page.form_errors(state, "journals/submit.html", ctx, &value, e)
}

fn read_failed(page: &Page, state: &AppState, t: &Target, f: ReadFailure) -> AppResult<HttpResponse> {
    match f.error {
        e @ AppError::Validation { .. } => {
            let input = from_this_session(&page.session, &f.partial)
                .then(|| to_input(&f.partial, t.current.spec.checklist.len()).ok())
                .flatten();
            form_error(page, state, t, input, e)
        }
        e => Err(e),
    }
}

/// `POST /journals/{id}/submit` (multipart).
pub async fn submit(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let t = state.db.run(move |c| service::target(c, id)).await?;
    let up = match service::read_upload(&state, &t, payload).await {
        Ok(up) => up,
        Err(f) => return read_failed(&page, &state, &t, f),
    };
    check_csrf(&page.session, user.via, &up)?;
    let input = to_input(&up, t.current.spec.checklist.len()).ok();
    let claim = form_claim(&up, user.user.id, service::scope(&t));
    match service::submit_once(&state, &user.user, t.clone(), up, page.lang, claim).await {
        Ok(Submitted::New(id)) => {
            flash(&page.session, "journal_ms.received");
            Ok(redirect(&format!("/manuscripts/{id}")))
        }
        Ok(Submitted::Again(id)) => {
            flash(&page.session, "journal_ms.received_once");
            Ok(redirect(&format!("/manuscripts/{id}")))
        }
        Err(e) => form_error(&page, &state, &t, input, e),
    }
}

/// The manuscript page's data: the manuscript as the reader may see it, and the actions open
/// to them (choosing the handling editor, the desk check, withdrawing).
pub async fn show_ctx(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<Context> {
    let u = user.user.clone();
    let (m, choices, may) = state
        .db
        .run(move |c| {
            let (ms, r) = manuscript_for(c, &u, id, ManuscriptAction::Read)?;
            let settings = crate::journals::setup::view::current(c, ms.journal_id)?.spec;
            let open = super::stages::is_open(ms.stage);
            let assign = open && may_ms(Some(r), ManuscriptAction::AssignEditor);
            let choices = if assign {
                super::workflow::editor_choices(c, &ms)?
            } else {
                Vec::new()
            };
            let desk = ms.stage == super::model::Stage::Desk
                && may_ms(Some(r), ManuscriptAction::Decide)
                && decides_alone(r, settings.section_editors_decide);
            let withdraw =
                super::stages::next(ms.stage, super::stages::Move::Withdraw).is_some() && may_ms(Some(r), ManuscriptAction::Withdraw);
            let handling = ms.handling_editor_id;
            let invite = ms.stage == super::model::Stage::Review && may_ms(Some(r), ManuscriptAction::ManageReview);
            let manage = may_ms(Some(r), ManuscriptAction::ManageReview);
            let today = Utc::now().date_naive();
            let dues = (
                today + chrono::Duration::days(settings.response_days as i64),
                today + chrono::Duration::days(settings.review_days as i64),
            );
            let decide = ms.stage == super::model::Stage::Review && may_ms(Some(r), ManuscriptAction::Decide);
            let decisions = (decide, !decides_alone(r, settings.section_editors_decide), decides_alone(r, false));
            let revise = (
                ms.stage == super::model::Stage::Revision && may_ms(Some(r), ManuscriptAction::Revise),
                settings.source_files != crate::journals::setup::model::SourceFiles::None,
            );
            use super::model::Stage::{Copyediting, Production, Scheduled};
            let producing = matches!(ms.stage, Copyediting | Production | Scheduled);
            let production = (
                producing && may_ms(Some(r), ManuscriptAction::Produce),
                producing && may_ms(Some(r), ManuscriptAction::CheckProofs),
            );
            Ok((
                view::manuscript(c, &u, ms, r)?,
                choices,
                (
                    assign, desk, withdraw, handling, invite, manage, dues, decisions, revise, production,
                ),
            ))
        })
        .await?;
    let (assign, desk, withdraw, handling, invite, manage, dues, decisions, revise, production) = may;
    let mut ctx = Context::new();
    ctx.insert("m", &m);
    ctx.insert("choices", &choices);
    ctx.insert("handling_id", &handling);
    ctx.insert("can_assign", &assign);
    ctx.insert("can_desk", &desk);
    ctx.insert("can_withdraw", &withdraw);
    ctx.insert("can_invite", &invite);
    ctx.insert("can_decide", &decisions.0);
    ctx.insert("proposes", &decisions.1);
    ctx.insert("can_approve", &decisions.2);
    ctx.insert("can_revise", &revise.0);
    ctx.insert("can_produce", &production.0);
    ctx.insert("can_check_proofs", &production.1);
    ctx.insert("takes_source", &revise.1);
    ctx.insert("decision_kinds", &crate::journals::decisions::model::Decision::ALL);
    ctx.insert("invite_form", &InvitePrefill::default());
    ctx.insert("can_manage_review", &manage);
    ctx.insert("default_response_due", &dues.0.to_string());
    ctx.insert("default_review_due", &dues.1.to_string());
    Ok(ctx)
}

/// `GET /manuscripts/{id}`: authors follow their manuscript; the editorial office also reads
/// the cover letter, the suggested and opposed reviewers and the history, and acts on it.
pub async fn show(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    prefill: web::Query<InvitePrefill>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let mut ctx = show_ctx(&state, &user, id).await?;
    let prefill = prefill.into_inner();
    // "Write the letter" for a decision fills the letter from the journal's templates.
    if let Some(d) = prefill.decision.clone().filter(|d| !d.is_empty()) {
        let (u, st, d2) = (user.user.clone(), state.clone(), d.clone());
        match state
            .db
            .run(move |c| crate::journals::decisions::service::draft(c, &st, &u, id, &d2))
            .await
        {
            Ok(letter) => {
                ctx.insert("draft", &letter);
                ctx.insert("draft_decision", &d);
            }
            Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => ctx.insert("form_error", &e.user_message(page.lang)),
            Err(e) => return Err(e),
        }
    }
    // "Invite" beside a suggested reviewer fills the invitation form.
    ctx.insert("invite_form", &prefill);
    page.render(&state, "journals/manuscript.html", ctx)
}

/// Who the invitation form starts with (from "invite" beside a suggested reviewer), and the
/// decision whose letter to draft.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct InvitePrefill {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    affiliation: String,
    #[serde(default)]
    decision: Option<String>,
}

/// After an action: back to the page, or the page again with the problem beside the form.
pub async fn acted<T: serde::Serialize>(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    id: i64,
    form: &T,
    result: AppResult<()>,
    ok_key: &str,
) -> AppResult<HttpResponse> {
    match result {
        Ok(()) => {
            flash(&page.session, ok_key);
            Ok(redirect(&format!("/manuscripts/{id}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let ctx = show_ctx(state, user, id).await?;
            page.form_errors(state, "journals/manuscript.html", ctx, form, e)
        }
        Err(e) => Err(e),
    }
}

/// The handling-editor form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct EditorForm {
    #[serde(default)]
    user_id: String,
}

/// `POST /manuscripts/{id}/editor`.
pub async fn assign_editor(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<EditorForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let editor = match form.user_id.trim() {
        "" => None,
        v => Some(v.parse().unwrap_or(-1)),
    };
    let (u, st) = (user.user.clone(), state.clone());
    let result = state
        .db
        .tx(move |c| super::workflow::assign_editor(c, &st, &u, id, editor, Utc::now().naive_utc()))
        .await;
    acted(&state, &page, &user, id, &form, result, "journal_ms.editor_saved").await
}

/// The desk-check form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct DeskForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    message: String,
}

/// The withdrawal form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct WithdrawForm {
    #[serde(default)]
    reason: String,
}

/// `POST /manuscripts/{id}/desk`.
pub async fn desk(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<DeskForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = super::workflow::DeskInput {
        decision: form.decision.clone(),
        message: form.message.clone(),
    };
    let (u, st) = (user.user.clone(), state.clone());
    let result = state
        .db
        .tx(move |c| super::workflow::desk(c, &st, &u, id, &input, Utc::now().naive_utc()).map(|_| ()))
        .await;
    acted(&state, &page, &user, id, &form, result, "journal_ms.desk_done").await
}

/// `POST /manuscripts/{id}/withdraw`.
pub async fn withdraw(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<WithdrawForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = super::workflow::WithdrawInput {
        reason: form.reason.clone(),
    };
    let (u, st) = (user.user.clone(), state.clone());
    let result = state
        .db
        .tx(move |c| super::workflow::withdraw(c, &st, &u, id, &input, Utc::now().naive_utc()))
        .await;
    acted(&state, &page, &user, id, &form, result, "journal_ms.withdrawn").await
}

/// `GET /journals/{id}/manuscripts`: the editorial office's queue, filtered and paged.
pub async fn queue(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    q: web::Query<view::QueueQuery>,
) -> AppResult<HttpResponse> {
    let (id, q, u) = (path.into_inner(), q.into_inner(), user.user.clone());
    let q2 = q.clone();
    let (journal, sections, result) = state
        .db
        .run(move |c| {
            let ed = crate::guard::journal::editorial(c, &u, id)?;
            let sections = crate::journals::setup::store::sections(c, id)?;
            Ok((ed.journal.clone(), sections, view::queue(c, &u, &ed, &q2)))
        })
        .await?;
    let mut ctx = Context::new();
    match result {
        Ok(p) => {
            ctx.insert("pages", &((p.total + p.per_page - 1) / p.per_page));
            ctx.insert("result", &p);
        }
        Err(AppError::Validation { fields }) => {
            let msg: Vec<String> = fields.values().map(|k| page.t(k)).collect();
            ctx.insert("filter_error", &msg.join(" "));
        }
        Err(e) => return Err(e),
    }
    ctx.insert("journal", &journal);
    ctx.insert("sections", &sections);
    ctx.insert("stages", &super::model::Stage::ALL);
    ctx.insert("q", &q);
    page.render(&state, "journals/queue.html", ctx)
}

/// `POST /manuscripts/{id}/authorship`: the user confirms being one of its authors.
pub async fn confirm_authorship(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let u = user.user.clone();
    state
        .db
        .tx(move |c| service::confirm_authorship(c, &u, id, Utc::now().naive_utc()))
        .await?;
    flash(&page.session, "journal_ms.authorship_confirmed");
    Ok(redirect(&format!("/manuscripts/{id}")))
}

/// `GET /manuscripts/{id}/files/{file}`: a file of the manuscript, for those who may read it.
pub async fn file(state: web::Data<AppState>, user: CurrentUser, req: HttpRequest, path: web::Path<(i64, i64)>) -> AppResult<HttpResponse> {
    let (id, file_id) = path.into_inner();
    let u = user.user.clone();
    let (file, number) = state
        .db
        .run(move |c| {
            let (m, _) = manuscript_for(c, &u, id, ManuscriptAction::Read)?;
            if !super::store::has_file(c, id, file_id)? {
                return Err(AppError::NotFound);
            }
            Ok((crate::files::model::get(c, file_id)?, m.number))
        })
        .await?;
    let ext = crate::files::sniff::extension(&file.content_type);
    let download = crate::files::download::Download {
        sha256: &file.sha256,
        ext,
        name: format!("manuscript-{number}-{file_id}.{ext}"),
        inline: false,
    };
    crate::files::download::send(&state, &req, download).await
}
