//! The decision forms on the manuscript page (decide or propose with the edited letter;
//! approve or refuse a proposal) and the authors' revision form.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, DecisionInput, ResolveInput};
use super::store::Letter;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::error::AppResult;
use crate::journals::manuscripts::pages::{acted, show_ctx};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// The decision form: the decision, the letter in both languages and a note.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    subject_zh: String,
    #[serde(default)]
    body_zh: String,
    #[serde(default)]
    subject_en: String,
    #[serde(default)]
    body_en: String,
    #[serde(default)]
    note: String,
}

impl DecisionForm {
    fn letter(&self) -> Letter {
        Letter {
            subject_zh: self.subject_zh.clone(),
            body_zh: self.body_zh.clone(),
            subject_en: self.subject_en.clone(),
            body_en: self.body_en.clone(),
        }
    }
}

/// `POST /manuscripts/{id}/decisions`: decide (or propose) with the edited letter.
pub async fn decide(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = DecisionInput {
        decision: form.decision.clone(),
        letter: form.letter(),
        note: form.note.clone(),
    };
    let (u, st) = (user.user.clone(), state.clone());
    let result = state
        .db
        .tx(move |c| service::decide(c, &st, &u, id, &input, Utc::now().naive_utc()))
        .await;
    let ok = match &result {
        Ok(row) if row.status == super::model::DecisionStatus::Proposed => "journal_decision.proposed",
        _ => "journal_decision.sent",
    };
    decision_form_errors(&state, &page, &user, id, &form, result.map(|_| ()), ok).await
}

/// After a decision form: back to the page, or the page with the letter as typed.
async fn decision_form_errors(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    id: i64,
    form: &DecisionForm,
    result: AppResult<()>,
    ok: &str,
) -> AppResult<HttpResponse> {
    match result {
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let mut ctx = show_ctx(state, user, id).await?;
            ctx.insert("draft", &form.letter());
            ctx.insert("draft_decision", &form.decision);
            page.form_errors(state, "journals/manuscript.html", ctx, form, e)
        }
        other => acted(state, page, user, id, form, other, ok).await,
    }
}

/// `POST /manuscripts/{id}/decisions/{decision}/resolve`: approve (with the letter as edited)
/// or refuse a proposal.
pub async fn resolve(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<HttpResponse> {
    let (id, d) = path.into_inner();
    let input = ResolveInput {
        action: form.action.clone(),
        letter: (form.action == "approve").then(|| form.letter()),
        note: form.note.clone(),
    };
    let (u, st) = (user.user.clone(), state.clone());
    let result = state
        .db
        .tx(move |c| service::resolve(c, &st, &u, id, d, &input, Utc::now().naive_utc()).map(|_| ()))
        .await;
    let ok = if form.action == "approve" {
        "journal_decision.approved"
    } else {
        "journal_decision.refused"
    };
    acted(&state, &page, &user, id, &form, result, ok).await
}

/// `POST /manuscripts/{id}/revisions`: the authors' revision (multipart: `pdf`, `source`,
/// `response`, `csrf`).
pub async fn revise(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let current = super::revise::target(&state, &user.user, id).await?;
    let (result, response) = match crate::journals::manuscripts::service::read_files(&state, &current, payload).await {
        Ok(up) => {
            let response = up.get("response");
            match crate::submissions::upload::check_csrf(&session, user.via, &up) {
                Ok(()) => (super::revise::revise(&state, &user.user, id, up).await.map(|_| ()), response),
                Err(e) => (Err(e), response),
            }
        }
        Err(f) => (Err(f.error), f.partial.get("response")),
    };
    match result {
        Ok(()) => {
            flash(&page.session, "journal_decision.revised");
            Ok(redirect(&format!("/manuscripts/{id}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_) | AppError::BadRequest(_))) => {
            let ctx = show_ctx(&state, &user, id).await?;
            page.form_errors(
                &state,
                "journals/manuscript.html",
                ctx,
                &serde_json::json!({ "response": response }),
                e,
            )
        }
        Err(e) => Err(e),
    }
}
