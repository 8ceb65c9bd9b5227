//! Forum topics page (`/venues/{slug}/topics`): the executive chairs and adopted topics for
//! everyone, a form to propose one, and for the chairs every proposal with adopt/decline and a
//! form to commission a topic.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::validate::{ForumCommissionInput, ForumTopicDecisionInput, ForumTopicInput};
use super::{service, validate, view};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, flash_result, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

async fn ctx(state: &AppState, page: &Page, slug: String) -> AppResult<Context> {
    let user = page.user.clone();
    let topics = state
        .db
        .run(move |c| {
            let v = service::forum(c, user.as_ref(), &slug)?;
            view::topics(c, user.as_ref(), &v, now())
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("f", &topics);
    ctx.insert("blank", &serde_json::json!({}));
    Ok(ctx)
}

/// `GET /venues/{slug}/topics`.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = ctx(&state, &page, path.into_inner()).await?;
    page.render(&state, "salons/forum_topics.html", ctx)
}

fn back(slug: &str, anchor: &str) -> HttpResponse {
    redirect(&format!("/venues/{slug}/topics{anchor}"))
}

async fn rerender<T: Serialize>(
    state: &AppState,
    page: &Page,
    slug: String,
    form: &T,
    which: &str,
    err: AppError,
) -> AppResult<HttpResponse> {
    let mut ctx = ctx(state, page, slug).await?;
    ctx.insert("which", which);
    page.form_errors(state, "salons/forum_topics.html", ctx, form, err)
}

/// `POST /venues/{slug}/topics` (anyone signed in).
pub async fn propose(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ForumTopicInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s2, st, input) = (user.user.clone(), slug.clone(), state.get_ref().clone(), form.clone());
    let result = state
        .db
        .tx(move |c| {
            let spec = validate::proposal(&input)?;
            let v = service::forum(c, Some(&u), &s2)?;
            service::propose(c, &st, &u, &v, &spec, now())
        })
        .await;
    match result {
        Ok(id) => {
            flash(&page.session, "forum_topics.proposed");
            Ok(back(&slug, &format!("#topic-{id}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => rerender(&state, &page, slug, &form, "propose", e).await,
        Err(e) => Err(e),
    }
}

/// `POST /venues/{slug}/topics/commissions` (chairs).
pub async fn commission(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ForumCommissionInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, st, input) = (user.user.clone(), state.get_ref().clone(), form.clone());
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        let spec = validate::commission(&input)?;
        service::commission(c, &st, ch, &u, &spec, now())
    })
    .await;
    match result {
        Ok(id) => {
            flash(&page.session, "forum_topics.commissioned");
            Ok(back(&slug, &format!("#topic-{id}")))
        }
        Err(e @ AppError::Validation { .. }) => rerender(&state, &page, slug, &form, "commission", e).await,
        Err(e) => Err(e),
    }
}

/// A decision on a proposed topic, as the form sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DecideForm {
    /// `yes` to adopt.
    #[serde(default)]
    pub adopt: String,
    /// The reason.
    #[serde(default)]
    pub note: String,
}

/// `POST /venues/{slug}/topics/{id}/decide` (chairs).
pub async fn decide(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let input = ForumTopicDecisionInput {
        adopt: form.adopt == "yes",
        note: form.note.clone(),
    };
    let st = state.get_ref().clone();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        let (adopt, note) = validate::decision(&input)?;
        service::decide(c, &st, ch, (adopt, &note), id, now()).map(|_| ())
    })
    .await;
    match result {
        Err(e @ AppError::Validation { .. }) => rerender(&state, &page, slug, &form, &format!("topic-{id}"), e).await,
        other => {
            flash_result(&page.session, other, "forum_topics.decided")?;
            Ok(back(&slug, &format!("#topic-{id}")))
        }
    }
}
