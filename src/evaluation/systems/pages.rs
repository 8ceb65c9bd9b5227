//! Indicator system pages: the society's systems (its staff create them), a system at one of
//! its versions (everyone sees final versions; staff edit the latest and finalise it), and one
//! indicator's scoring rule and guidance.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use tera::Context;

use super::super::metrics::Metric;
use super::forms::{IndicatorForm, SystemForm, indicator_errors, to_rows};
use super::service::{self, SaveInput, SystemInput, SystemView, VersionParam};
use super::store;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::salons::plan::model::Society;
use crate::salons::plan::store::society;
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

fn base(slug: &str) -> String {
    format!("/societies/{slug}/evaluation/systems")
}

/// The codes the rule and metric selects offer.
fn choices(ctx: &mut Context) {
    ctx.insert("rules", &["metric", "self_reported", "expert", "participant"]);
    ctx.insert("normalisations", &["linear", "bands", "rank"]);
    ctx.insert("metrics", &Metric::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>());
}

async fn list_ctx(state: &AppState, page: &Page, slug: String) -> AppResult<Context> {
    let user = page.user.clone();
    let (s, systems, staff) = state
        .db
        .run(move |c| {
            let s = society(c, &slug)?;
            let systems = service::list(c, user.as_ref(), &s)?;
            let staff = match &user {
                Some(u) => crate::guard::society::is_staff(c, u, s.id)?,
                None => false,
            };
            Ok((s, systems, staff))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("society", &s);
    ctx.insert("systems", &systems);
    ctx.insert("staff", &staff);
    Ok(ctx)
}

/// `GET /societies/{slug}/evaluation/systems`.
pub async fn list(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let mut ctx = list_ctx(&state, &page, path.into_inner()).await?;
    ctx.insert("form", &SystemInput::default());
    page.render(&state, "evaluation/systems.html", ctx)
}

/// The create form as posted (`copy_of` empty for the shipped system).
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct CreateForm {
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub copy_of: String,
}

/// `POST /societies/{slug}/evaluation/systems` (the society's staff).
pub async fn create(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CreateForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = SystemInput {
        name_zh: form.name_zh.clone(),
        name_en: form.name_en.clone(),
        copy_of: match form.copy_of.trim() {
            "" => None,
            t => Some(t.parse().map_err(|_| AppError::field("copy_of", "evaluation.copy_unknown"))?),
        },
    };
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let s = society(c, &s2)?;
            service::create(c, &u, &s, &input, now())
        })
        .await;
    match result {
        Ok(sys) => {
            flash(&page.session, "evaluation.system_created");
            Ok(redirect(&format!("{}/{}", base(&slug), sys.id)))
        }
        Err(e @ AppError::Validation { .. }) => {
            let ctx = list_ctx(&state, &page, slug).await?;
            page.form_errors(&state, "evaluation/systems.html", ctx, &form, e)
        }
        Err(e) => Err(e),
    }
}

async fn system(state: &AppState, page: &Page, slug: String, id: i64, version: Option<i32>) -> AppResult<(Society, SystemView)> {
    let user = page.user.clone();
    state
        .db
        .run(move |c| {
            let s = society(c, &slug)?;
            let sys = store::get(c, s.id, id)?;
            let v = service::view(c, user.as_ref(), &s, &sys, version)?;
            Ok((s, v))
        })
        .await
}

fn system_ctx(s: &Society, v: &SystemView) -> Context {
    let mut ctx = Context::new();
    let latest = v.versions.last().is_some_and(|l| l.version == v.version.version);
    ctx.insert("society", s);
    ctx.insert("system", v);
    ctx.insert("latest", &latest);
    ctx.insert("editing", &(v.can_edit && latest));
    choices(&mut ctx);
    ctx
}

/// `GET /societies/{slug}/evaluation/systems/{id}` (`?version=`).
pub async fn show(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<(String, i64)>,
    q: web::Query<VersionParam>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (s, v) = system(&state, &page, slug, id, q.version).await?;
    let mut ctx = system_ctx(&s, &v);
    ctx.insert("form", &SystemForm::of(&v.name_zh, &v.name_en, &v.definition));
    ctx.insert("row_errors", &serde_json::json!({}));
    page.render(&state, "evaluation/system.html", ctx)
}

/// `POST /societies/{slug}/evaluation/systems/{id}` (the society's staff): saves the editor.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfRowsForm(form): CsrfRowsForm<SystemForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (s, v) = system(&state, &page, slug.clone(), id, None).await?;
    let (input, kept) = form.input(&v.definition);
    let result = store_save(&state, &user, &s, id, input).await;
    match result {
        Ok(()) => {
            flash(&page.session, "evaluation.system_saved");
            Ok(redirect(&format!("{}/{id}", base(&slug))))
        }
        Err(e @ AppError::Validation { .. }) => {
            let ctx = system_ctx(&s, &v);
            page.form_errors(&state, "evaluation/system.html", ctx, &form, to_rows(e, &kept))
        }
        Err(e) => Err(e),
    }
}

async fn store_save(state: &AppState, user: &CurrentUser, s: &Society, id: i64, input: SaveInput) -> AppResult<()> {
    let (u, s) = (user.user.clone(), s.clone());
    state
        .db
        .tx(move |c| {
            let sys = store::get(c, s.id, id)?;
            service::save(c, &u, &s, &sys, &input, now())
        })
        .await
}

/// `POST /societies/{slug}/evaluation/systems/{id}/finalise` (the society's staff).
pub async fn finalise(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(_): CsrfForm<serde_json::Value>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let s = society(c, &s2)?;
            let sys = store::get(c, s.id, id)?;
            service::finalise(c, &u, &s, &sys, now())
        })
        .await;
    match result {
        Ok(()) => flash(&page.session, "evaluation.system_finalised"),
        Err(AppError::Conflict(key)) => flash(&page.session, &key),
        Err(AppError::Validation { .. }) => flash(&page.session, "evaluation.system_incomplete"),
        Err(e) => return Err(e),
    }
    Ok(redirect(&format!("{}/{id}", base(&slug))))
}

/// The indicator `code` of the latest version the reader may edit, with its position.
fn editable_indicator(v: &SystemView, code: &str) -> AppResult<usize> {
    if !v.can_edit {
        return Err(AppError::NotFound);
    }
    v.definition
        .indicators
        .iter()
        .position(|i| i.code == code)
        .ok_or(AppError::NotFound)
}

fn indicator_ctx(s: &Society, v: &SystemView, n: usize) -> Context {
    let mut ctx = Context::new();
    ctx.insert("society", s);
    ctx.insert("system", v);
    ctx.insert("indicator", &v.definition.indicators[n]);
    choices(&mut ctx);
    ctx
}

/// `GET /societies/{slug}/evaluation/systems/{id}/indicators/{code}` (the society's staff).
pub async fn indicator(state: web::Data<AppState>, page: Page, path: web::Path<(String, i64, String)>) -> AppResult<HttpResponse> {
    let (slug, id, code) = path.into_inner();
    let (s, v) = system(&state, &page, slug, id, None).await?;
    let n = editable_indicator(&v, &code)?;
    let mut ctx = indicator_ctx(&s, &v, n);
    ctx.insert("form", &IndicatorForm::of(&v.definition.indicators[n]));
    page.render(&state, "evaluation/indicator.html", ctx)
}

/// `POST /societies/{slug}/evaluation/systems/{id}/indicators/{code}` (the society's staff).
pub async fn save_indicator(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64, String)>,
    CsrfForm(form): CsrfForm<IndicatorForm>,
) -> AppResult<HttpResponse> {
    let (slug, id, code) = path.into_inner();
    let (s, v) = system(&state, &page, slug.clone(), id, None).await?;
    let n = editable_indicator(&v, &code)?;
    let result = match form.apply(&v.definition.indicators[n]) {
        Ok(changed) => {
            let mut definition = v.definition.clone();
            definition.indicators[n] = changed;
            let input = SaveInput {
                name_zh: v.name_zh.clone(),
                name_en: v.name_en.clone(),
                note: form.note.clone(),
                definition,
            };
            store_save(&state, &user, &s, id, input).await.map_err(|e| indicator_errors(e, n))
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            flash(&page.session, "evaluation.system_saved");
            Ok(redirect(&format!("{}/{id}#indicator-{code}", base(&slug))))
        }
        Err(e @ AppError::Validation { .. }) => {
            let ctx = indicator_ctx(&s, &v, n);
            page.form_errors(&state, "evaluation/indicator.html", ctx, &form, e)
        }
        Err(e) => Err(e),
    }
}
