//! Minutes pages: the public minutes and their PDF, the writers' workspace (texts, statements
//! with their reviews, sending, resolving, publishing, rapporteurs) and a speaker's review of
//! their own statements. Every action is a plain form calling the same service as the API.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use tera::Context;

use super::forms::{ResolveForm, ReviewForm, StatementForm};
use super::service;
use super::validate::{MinutesInput, MinutesRapporteurInput, MinutesSendInput};
use super::view::MinutesDraft;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::salon::as_writer;
use crate::venues::model::Venue;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

fn edit_path(slug: &str) -> String {
    format!("/venues/{slug}/minutes/edit")
}

/// `GET /venues/{slug}/minutes`: the published minutes; before publication writers are sent to
/// their workspace and speakers in review to their statements, everyone else gets 404.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let s2 = slug.clone();
    let found = state
        .db
        .run(move |c| match service::public(c, user.as_ref(), &s2) {
            Ok(m) => Ok(Ok(m)),
            Err(AppError::NotFound) => {
                let Some(u) = &user else { return Err(AppError::NotFound) };
                let venue = crate::guard::salon::salon(c, &s2)?;
                Ok(Err(service::link_for(c, Some(u), &venue)?))
            }
            Err(e) => Err(e),
        })
        .await?;
    match found {
        Ok(m) => {
            let mut ctx = Context::new();
            ctx.insert("m", &m);
            page.render(&state, "salons/minutes/show.html", ctx)
        }
        Err(Some("draft")) => Ok(redirect(&edit_path(&slug))),
        Err(Some("review")) => Ok(redirect(&format!("/venues/{slug}/minutes/review"))),
        Err(_) => Err(AppError::NotFound),
    }
}

/// `GET /venues/{slug}/minutes.pdf`: the published minutes as PDF in the reader's language.
pub async fn pdf(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let m = state.db.run(move |c| service::public(c, user.as_ref(), &slug)).await?;
    let file = format!("{}-minutes.pdf", m.venue);
    let book = super::pdf::book(std::slice::from_ref(&m), page.lang, None);
    super::pdf::respond(&state, book, file).await
}

fn edit_ctx(venue: &Venue, d: &MinutesDraft) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", venue);
    ctx.insert("d", d);
    let forms: Vec<StatementForm> = d.statements.iter().map(StatementForm::of).collect();
    ctx.insert("forms", &forms);
    ctx.insert("new", &StatementForm::blank());
    ctx.insert(
        "head",
        &MinutesInput {
            title_zh: d.title_zh.clone(),
            title_en: d.title_en.clone(),
            intro_zh: d.intro_zh.clone(),
            intro_en: d.intro_en.clone(),
            outlook_zh: d.outlook_zh.clone(),
            outlook_en: d.outlook_en.clone(),
        },
    );
    ctx.insert("errors_for", "");
    ctx.insert("no_errors", &std::collections::BTreeMap::<String, String>::new());
    ctx.insert("kinds", &["viewpoint", "dissent"]);
    ctx.insert("attributions", &["named", "anonymous"]);
    ctx
}

async fn load(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<(Venue, MinutesDraft)> {
    as_writer(state, user, slug, move |c, w| Ok((w.venue.clone(), service::draft(c, w, now())?))).await
}

/// `GET /venues/{slug}/minutes/edit` (writers): the workspace.
pub async fn edit(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (venue, d) = load(&state, &user, path.into_inner()).await?;
    page.render(&state, "salons/minutes/edit.html", edit_ctx(&venue, &d))
}

/// After an action: back to the workspace with a message, or the workspace again with the
/// errors next to the form that was sent (`which`: `head`, `new`, `send`, `rapporteur` or a
/// statement id).
async fn done<T, F: serde::Serialize>(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    slug: &str,
    result: AppResult<T>,
    (ok_key, which): (&str, &str),
    form: &F,
) -> AppResult<HttpResponse> {
    match result {
        Ok(_) => {
            flash(&page.session, ok_key);
            Ok(redirect(&edit_path(slug)))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let (venue, d) = load(state, user, slug.to_string()).await?;
            let mut ctx = edit_ctx(&venue, &d);
            ctx.insert("errors_for", which);
            page.form_errors(state, "salons/minutes/edit.html", ctx, form, e)
        }
        Err(e) => Err(e),
    }
}

/// `POST /venues/{slug}/minutes/edit` (writers): saves the texts.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<MinutesInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = form.clone();
    let r = as_writer(&state, &user, slug.clone(), move |c, w| service::save(c, w, &input, now())).await;
    done(&state, &page, &user, &slug, r, ("minutes.saved", "head"), &form).await
}

/// `POST /venues/{slug}/minutes/statements` (writers): adds a statement.
pub async fn add_statement(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<StatementForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (input, st) = (form.to_input(), state.clone());
    let r = as_writer(&state, &user, slug.clone(), move |c, w| {
        service::add_statement(c, &st, w, &input, now())
    })
    .await;
    done(&state, &page, &user, &slug, r, ("minutes.statement_added", "new"), &form).await
}

/// `POST /venues/{slug}/minutes/statements/{id}` (writers): changes a statement.
pub async fn update_statement(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<StatementForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (input, st) = (form.to_input(), state.clone());
    let r = as_writer(&state, &user, slug.clone(), move |c, w| {
        service::update_statement(c, &st, w, id, &input, now())
    })
    .await;
    done(&state, &page, &user, &slug, r, ("minutes.statement_saved", &id.to_string()), &form).await
}

/// `POST /venues/{slug}/minutes/statements/{id}/delete` (writers).
pub async fn delete_statement(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let r = as_writer(&state, &user, slug.clone(), move |c, w| service::delete_statement(c, w, id, now())).await;
    done(
        &state,
        &page,
        &user,
        &slug,
        r,
        ("minutes.statement_deleted", &id.to_string()),
        &StatementForm::default(),
    )
    .await
}

/// `POST /venues/{slug}/minutes/statements/{id}/resolve` (writers): accepts or declines a
/// change request.
pub async fn resolve(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<ResolveForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (input, st) = (form.to_input(), state.clone());
    let r = as_writer(&state, &user, slug.clone(), move |c, w| {
        service::resolve(c, &st, w, id, &input, now())
    })
    .await;
    done(&state, &page, &user, &slug, r, ("minutes.resolved", &id.to_string()), &form).await
}

/// `POST /venues/{slug}/minutes/send` (writers): sends the minutes for review.
pub async fn send(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<MinutesSendInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (input, st) = (form.clone(), state.clone());
    let r = as_writer(&state, &user, slug.clone(), move |c, w| service::send(c, &st, w, &input, now())).await;
    done(&state, &page, &user, &slug, r, ("minutes.sent", "send"), &form).await
}

/// `POST /venues/{slug}/minutes/publish` (writers).
pub async fn publish(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let r = as_writer(&state, &user, slug.clone(), move |c, w| service::publish(c, w, now())).await;
    done(
        &state,
        &page,
        &user,
        &slug,
        r,
        ("minutes.published_now", "publish"),
        &serde_json::json!({}),
    )
    .await
}

/// `POST /venues/{slug}/minutes/rapporteurs` (chairs): names a rapporteur.
pub async fn add_rapporteur(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<MinutesRapporteurInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (input, st) = (form.clone(), state.clone());
    let r = as_writer(&state, &user, slug.clone(), move |c, w| service::add_rapporteur(c, &st, w, &input)).await;
    done(&state, &page, &user, &slug, r, ("minutes.rapporteur_added", "rapporteur"), &form).await
}

/// `POST /venues/{slug}/minutes/rapporteurs/{user_id}/delete` (chairs).
pub async fn remove_rapporteur(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, uid) = path.into_inner();
    as_writer(&state, &user, slug.clone(), move |c, w| service::remove_rapporteur(c, w, uid)).await?;
    flash(&page.session, "minutes.rapporteur_removed");
    Ok(redirect(&edit_path(&slug)))
}

/// `GET /venues/{slug}/minutes/review`: the reader's own statements to review.
pub async fn review(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (slug, u) = (path.into_inner(), user.user.clone());
    let r = state.db.run(move |c| service::own_review(c, &u, &slug, now())).await?;
    let mut ctx = Context::new();
    ctx.insert("r", &r);
    ctx.insert("errors_for", "");
    ctx.insert("no_errors", &std::collections::BTreeMap::<String, String>::new());
    page.render(&state, "salons/minutes/review.html", ctx)
}

/// `POST /venues/{slug}/minutes/review/{id}`: the speaker's answer about one statement.
pub async fn answer(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<ReviewForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (input, u, s2) = (form.to_input(), user.user.clone(), slug.clone());
    let r = state.db.tx(move |c| service::answer(c, &u, &s2, id, &input, now())).await;
    match r {
        Ok(own) => {
            flash(&page.session, "minutes.answered");
            if own.statements.is_empty() {
                Ok(redirect(&format!("/venues/{slug}")))
            } else {
                Ok(redirect(&format!("/venues/{slug}/minutes/review")))
            }
        }
        Err(e @ AppError::Validation { .. }) => {
            let u = user.user.clone();
            let own = state.db.run(move |c| service::own_review(c, &u, &slug, now())).await?;
            let mut ctx = Context::new();
            ctx.insert("r", &own);
            ctx.insert("errors_for", &id.to_string());
            ctx.insert("no_errors", &std::collections::BTreeMap::<String, String>::new());
            page.form_errors(&state, "salons/minutes/review.html", ctx, &form, e)
        }
        Err(e) => Err(e),
    }
}
