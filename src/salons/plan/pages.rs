//! Annual plan pages: the year's plan for everyone once published, with a form to propose a
//! theme; the society's staff edit the introduction and the planned salons, publish, and decide
//! on proposed themes on the same page.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::validate::{SalonPlanInput, SalonPlanItemInput, SalonThemeDecisionInput, SalonThemeInput};
use super::{service, store, validate, view};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, flash_result, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

async fn plan_ctx(state: &AppState, page: &Page, slug: String, year: i32) -> AppResult<Context> {
    let user = page.user.clone();
    let (society, plan, proposals) = state
        .db
        .run(move |c| {
            let s = store::society(c, &slug)?;
            let plan = match view::plan(c, user.as_ref(), &s, year) {
                Ok(p) => Some(p),
                Err(AppError::NotFound) => None,
                Err(e) => return Err(e),
            };
            let proposals = match &user {
                Some(u) => view::proposals(c, u, &s, year)?,
                None => Vec::new(),
            };
            Ok((s, plan, proposals))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("society", &society);
    ctx.insert("year", &year);
    ctx.insert("plan", &plan);
    ctx.insert("staff", &plan.as_ref().is_some_and(|p| p.staff));
    ctx.insert("proposals", &proposals);
    ctx.insert("this_year", &service::this_year(now()));
    ctx.insert("blank", &serde_json::json!({}));
    Ok(ctx)
}

/// `GET /societies/{slug}/salons`: this year's plan.
pub async fn current(path: web::Path<String>) -> HttpResponse {
    redirect(&format!("/societies/{}/salons/{}", path.into_inner(), service::this_year(now())))
}

/// `GET /societies/{slug}/salons/{year}`.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<(String, i32)>) -> AppResult<HttpResponse> {
    let (slug, year) = path.into_inner();
    let ctx = plan_ctx(&state, &page, slug, year).await?;
    page.render(&state, "salons/plan.html", ctx)
}

fn back(slug: &str, year: i32, anchor: &str) -> HttpResponse {
    redirect(&format!("/societies/{slug}/salons/{year}{anchor}"))
}

async fn rerender<T: Serialize>(
    state: &AppState,
    page: &Page,
    slug: String,
    year: i32,
    form: &T,
    which: &str,
    err: AppError,
) -> AppResult<HttpResponse> {
    let mut ctx = plan_ctx(state, page, slug, year).await?;
    ctx.insert("which", which);
    page.form_errors(state, "salons/plan.html", ctx, form, err)
}

/// `POST /societies/{slug}/salons/{year}/intro` (staff).
pub async fn save_intro(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(form): CsrfForm<SalonPlanInput>,
) -> AppResult<HttpResponse> {
    let (slug, year) = path.into_inner();
    let (u, s2, input) = (user.user.clone(), slug.clone(), form.clone());
    let result = state
        .db
        .tx(move |c| {
            let (zh, en) = validate::intro(&input)?;
            let s = store::society(c, &s2)?;
            service::save_intro(c, &u, &s, year, &zh, &en, now())
        })
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, "plan.saved");
            Ok(back(&slug, year, ""))
        }
        Err(e @ AppError::Validation { .. }) => rerender(&state, &page, slug, year, &form, "intro", e).await,
        Err(e) => Err(e),
    }
}

/// The publish button.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PublishForm {
    #[serde(default)]
    pub publish: String,
}

/// `POST /societies/{slug}/salons/{year}/publication` (staff).
pub async fn publish(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(form): CsrfForm<PublishForm>,
) -> AppResult<HttpResponse> {
    let (slug, year) = path.into_inner();
    let (u, s2, p) = (user.user.clone(), slug.clone(), form.publish == "yes");
    let result = state
        .db
        .tx(move |c| {
            let s = store::society(c, &s2)?;
            service::publish(c, &u, &s, year, p, now())
        })
        .await;
    flash_result(&page.session, result, if p { "plan.published" } else { "plan.withdrawn" })?;
    Ok(back(&slug, year, ""))
}

/// `POST /societies/{slug}/salons/{year}/items` (staff).
pub async fn add_item(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(form): CsrfForm<SalonPlanItemInput>,
) -> AppResult<HttpResponse> {
    let (slug, year) = path.into_inner();
    let (u, s2, input) = (user.user.clone(), slug.clone(), form.clone());
    let result = state
        .db
        .tx(move |c| {
            let spec = validate::item(&input, year)?;
            let s = store::society(c, &s2)?;
            service::add_item(c, &u, &s, year, &spec, now()).map(|_| ())
        })
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, "plan.item_added");
            Ok(back(&slug, year, "#items"))
        }
        Err(e @ AppError::Validation { .. }) => rerender(&state, &page, slug, year, &form, "new_item", e).await,
        Err(e) => Err(e),
    }
}

/// `POST /societies/{slug}/salons/{year}/items/{id}` (staff).
pub async fn update_item(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32, i64)>,
    CsrfForm(form): CsrfForm<SalonPlanItemInput>,
) -> AppResult<HttpResponse> {
    let (slug, year, id) = path.into_inner();
    let (u, s2, input) = (user.user.clone(), slug.clone(), form.clone());
    let result = state
        .db
        .tx(move |c| {
            let spec = validate::item(&input, year)?;
            let s = store::society(c, &s2)?;
            service::update_item(c, &u, &s, year, id, &spec, now())
        })
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, "plan.item_saved");
            Ok(back(&slug, year, &format!("#item-{id}")))
        }
        Err(e @ AppError::Validation { .. }) => rerender(&state, &page, slug, year, &form, &format!("item-{id}"), e).await,
        Err(e) => Err(e),
    }
}

/// `POST /societies/{slug}/salons/{year}/items/{id}/delete` (staff).
pub async fn delete_item(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, year, id) = path.into_inner();
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let s = store::society(c, &s2)?;
            service::delete_item(c, &u, &s, year, id, now())
        })
        .await;
    flash_result(&page.session, result, "plan.item_deleted")?;
    Ok(back(&slug, year, "#items"))
}

/// `POST /societies/{slug}/salons/{year}/themes` (anyone signed in).
pub async fn propose(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32)>,
    CsrfForm(form): CsrfForm<SalonThemeInput>,
) -> AppResult<HttpResponse> {
    let (slug, year) = path.into_inner();
    let (u, s2, st) = (user.user.clone(), slug.clone(), state.get_ref().clone());
    let input = SalonThemeInput {
        year: Some(year),
        ..form.clone()
    };
    let result = state
        .db
        .tx(move |c| {
            let spec = validate::theme(&input, service::this_year(now()))?;
            let s = store::society(c, &s2)?;
            service::propose(c, &st, &u, &s, &spec, now()).map(|_| ())
        })
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, "plan.proposed");
            Ok(back(&slug, year, "#proposals"))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => rerender(&state, &page, slug, year, &form, "propose", e).await,
        Err(e) => Err(e),
    }
}

/// `POST /societies/{slug}/salons/{year}/themes/{id}/decide` (staff).
pub async fn decide(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i32, i64)>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> AppResult<HttpResponse> {
    let (slug, year, id) = path.into_inner();
    let input = SalonThemeDecisionInput {
        accept: form.accept == "yes",
        note: form.note.clone(),
    };
    let (u, s2, st) = (user.user.clone(), slug.clone(), state.get_ref().clone());
    let result = state
        .db
        .tx(move |c| {
            let (accept, note) = validate::theme_decision(&input)?;
            let s = store::society(c, &s2)?;
            service::decide(c, &st, &u, &s, id, (accept, &note), now())
        })
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, "plan.decided");
            Ok(back(&slug, year, "#proposals"))
        }
        Err(e @ AppError::Validation { .. }) => {
            let form = DecideForm { id, ..form };
            rerender(&state, &page, slug, year, &form, &format!("theme-{id}"), e).await
        }
        Err(e) => {
            flash_result(&page.session, Err(e), "")?;
            Ok(back(&slug, year, "#proposals"))
        }
    }
}

/// A decision on a proposed theme.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DecideForm {
    #[serde(default)]
    pub accept: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub id: i64,
}
