//! Review pages: the reviewer's page behind the personal link (`/review/{token}`: answer,
//! read, review; no account needed) and the editors' forms on the manuscript page (invite,
//! and act on one invitation).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use tera::Context;

use super::service::{self, CandidateInput, now};
use super::validate::{DeclineInput, DueInput, InviteInput, ReviewInput, ThankInput};
use super::view;
use crate::auth::pages::Empty;
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppError, AppResult};
use crate::files::copies::{self, CopyState};
use crate::journals::manuscripts::pages::{acted, show_ctx};
use crate::review::forms::model::Answer;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// The address is a key: nobody caches the page and no address is sent on to other sites.
fn private(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res.headers_mut()
        .insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}

/// The reviewer page's data.
async fn reviewer_ctx(state: &AppState, token: &str) -> AppResult<Context> {
    let t = token.to_string();
    let v = state
        .db
        .run(move |c| {
            let (inv, ms) = service::by_token(c, &t)?;
            view::for_reviewer(c, &inv, &ms, &t, now().date())
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("v", &v);
    ctx.insert("token", token);
    Ok(ctx)
}

/// After a reviewer's action: back to the page, or the page again with the problem and what
/// was typed.
async fn answered<T: serde::Serialize>(
    state: &AppState,
    page: &Page,
    token: &str,
    form: &T,
    result: AppResult<()>,
    ok: &str,
    extra: Context,
) -> AppResult<HttpResponse> {
    match result {
        Ok(()) => {
            flash(&page.session, ok);
            Ok(redirect(&format!("/review/{token}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let mut ctx = reviewer_ctx(state, token).await?;
            ctx.extend(extra);
            Ok(private(page.form_errors(state, "journals/review.html", ctx, form, e)?))
        }
        Err(e) => Err(e),
    }
}

/// `GET /review/{token}`: the invitation, the manuscript as the review mode allows, the review.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = reviewer_ctx(&state, &path.into_inner()).await?;
    Ok(private(page.render(&state, "journals/review.html", ctx)?))
}

/// `POST /review/{token}/accept` (no account needed).
pub async fn accept(
    state: web::Data<AppState>,
    page: Page,
    user: MaybeUser,
    path: web::Path<String>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (token, st) = (path.into_inner(), state.clone());
    let t = token.clone();
    let result = state
        .db
        .tx(move |c| service::accept(c, &st, &t, user.0.as_ref(), now()).map(|_| ()))
        .await;
    answered(
        &state,
        &page,
        &token,
        &serde_json::json!({}),
        result,
        "journal_review.accepted",
        Context::new(),
    )
    .await
}

/// The decline form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct DeclineForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    suggestion: String,
}

/// `POST /review/{token}/decline` (no account needed).
pub async fn decline(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<DeclineForm>,
) -> AppResult<HttpResponse> {
    let (token, st) = (path.into_inner(), state.clone());
    let input = DeclineInput {
        reason: form.reason.clone(),
        suggestion: form.suggestion.clone(),
    };
    let t = token.clone();
    let result = state.db.tx(move |c| service::decline(c, &st, &t, &input, now()).map(|_| ())).await;
    answered(&state, &page, &token, &form, result, "journal_review.declined", Context::new()).await
}

/// `POST /review/{token}/review`: fields `a_<key>`, `recommendation`, and `action` = `draft` or `submit`.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (token, st) = (path.into_inner(), state.clone());
    let mut input = ReviewInput::default();
    let mut typed = std::collections::BTreeMap::new();
    for (k, v) in form {
        if let Some(key) = k.strip_prefix("a_") {
            typed.insert(key.to_string(), v.clone());
            input.answers.insert(key.to_string(), Answer::Text(v));
        } else if k == "recommendation" {
            input.recommendation = v;
        } else if k == "action" {
            input.submit = v == "submit";
        }
    }
    let (t, inp) = (token.clone(), input.clone());
    let result = state
        .db
        .tx(move |c| service::save_review(c, &st, &t, &inp, now()).map(|_| ()))
        .await;
    let ok = if input.submit {
        "journal_review.review_submitted"
    } else {
        "journal_review.draft_saved"
    };
    let mut extra = Context::new();
    extra.insert("typed", &typed);
    extra.insert("typed_recommendation", &input.recommendation);
    answered(&state, &page, &token, &input, result, ok, extra).await
}

/// Seconds a reader is asked to wait for a copy being prepared.
const RETRY_AFTER_SECS: u32 = 30;

/// `GET /review/{token}/manuscript.pdf`: the manuscript for a reviewer who accepted, while the
/// round is open; anonymised under double-blind review, named by number only.
pub async fn pdf(state: web::Data<AppState>, req: HttpRequest, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let (number, file, copy) = state
        .db
        .run(move |c| {
            let (inv, ms) = service::by_token(c, &token)?;
            if !view::reads_manuscript(&ms, &inv, now().date()) {
                return Err(AppError::NotFound);
            }
            let file_id = view::manuscript_file(c, &ms, &inv)?;
            let mode = crate::journals::setup::view::current(c, ms.journal_id)?.spec.review_mode;
            let copy = if mode == crate::journals::setup::model::ReviewMode::DoubleBlind {
                Some(copies::state_of(c, file_id)?)
            } else {
                None
            };
            Ok((ms.number, crate::files::model::get(c, file_id)?, copy))
        })
        .await?;
    let sha = match copy {
        None => file.sha256,
        Some(CopyState::Ready(copy)) => copy.sha256,
        Some(CopyState::Preparing) => {
            let mut ctx = Context::new();
            ctx.insert("status", &503);
            ctx.insert("message", &page.t("reviews.pdf_preparing"));
            let mut res = page.render_status(&state, "error.html", ctx, StatusCode::SERVICE_UNAVAILABLE)?;
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
            return Ok(private(res));
        }
        Some(CopyState::Failed(_)) => return Err(AppError::Conflict("reviews.pdf_failed".into())),
    };
    let download = crate::files::download::Download {
        sha256: &sha,
        ext: "pdf",
        name: format!("manuscript-{number}.pdf"),
        inline: true,
    };
    Ok(private(crate::files::download::send(&state, &req, download).await?))
}

/// The invitation form on the manuscript page.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    affiliation: String,
    #[serde(default)]
    response_due: String,
    #[serde(default)]
    review_due: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    confirm_conflicts: Option<String>,
}

/// `POST /manuscripts/{id}/reviewers`: invite a reviewer. Possible conflicts are listed on the
/// page, and the editor invites again with "invite anyway" ticked.
pub async fn invite(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = InviteInput {
        email: form.email.clone(),
        name: form.name.clone(),
        affiliation: form.affiliation.clone(),
        response_due: form.response_due.clone(),
        review_due: form.review_due.clone(),
        message: form.message.clone(),
        confirm_conflicts: form.confirm_conflicts.is_some(),
    };
    let (u, st, inp) = (user.user.clone(), state.clone(), input.clone());
    let result = state.db.tx(move |c| service::invite(c, &st, &u, id, &inp, now()).map(|_| ())).await;
    match result {
        Ok(()) => {
            flash(&page.session, "journal_review.invited");
            Ok(redirect(&format!("/manuscripts/{id}#reviewers")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let mut ctx = show_ctx(&state, &user, id).await?;
            let u = user.user.clone();
            let candidate = CandidateInput {
                email: input.email,
                name: input.name,
                affiliation: input.affiliation,
            };
            // The list beside "invite anyway"; a candidate too malformed to check has none.
            let warnings = state
                .db
                .run(move |c| service::check(c, &u, id, &candidate))
                .await
                .unwrap_or_default();
            ctx.insert("warnings", &warnings);
            ctx.insert("invite_form", &form);
            page.form_errors(&state, "journals/manuscript.html", ctx, &form, e)
        }
        Err(e) => Err(e),
    }
}

/// The form of an action on one invitation (the fields each action needs).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct ActForm {
    #[serde(default)]
    message: String,
    #[serde(default)]
    response_due: String,
    #[serde(default)]
    review_due: String,
}

/// `POST /manuscripts/{id}/reviewers/{invitation}/{action}`: `cancel`, `reinstate`, `confirm`,
/// `thank`, `remind` or `due`.
pub async fn act(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64, String)>,
    CsrfForm(form): CsrfForm<ActForm>,
) -> AppResult<HttpResponse> {
    let (id, inv, action) = path.into_inner();
    let (u, st, f) = (user.user.clone(), state.clone(), form.clone());
    let ok = match action.as_str() {
        "cancel" => "journal_review.cancelled",
        "reinstate" => "journal_review.reinstated",
        "confirm" => "journal_review.confirmed",
        "thank" => "journal_review.thanked",
        "remind" => "journal_review.reminded",
        "due" => "journal_review.due_changed",
        _ => return Err(AppError::NotFound),
    };
    let result = state
        .db
        .tx(move |c| {
            let now = now();
            match action.as_str() {
                "cancel" => service::cancel(c, &st, &u, id, inv, now),
                "reinstate" => service::reinstate(c, &st, &u, id, inv, now),
                "confirm" => service::confirm(c, &u, id, inv, now),
                "thank" => service::thank(c, &st, &u, id, inv, &ThankInput { message: f.message }, now),
                "remind" => service::remind(c, &st, &u, id, inv, now),
                _ => {
                    let due = DueInput {
                        response_due: f.response_due,
                        review_due: f.review_due,
                    };
                    service::set_due(c, &u, id, inv, &due, now)
                }
            }
            .map(|_| ())
        })
        .await;
    acted(&state, &page, &user, id, &form, result, ok).await
}
