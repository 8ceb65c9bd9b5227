//! Evaluation round pages: the list of rounds, a round's page (its call and method for
//! everyone; applying for a chair's venue; phases, nominations and outside conferences for the
//! committee), and a society's form for a new round.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Serialize;
use tera::Context;

use super::model::RoundPhase;
use super::service::{self, PhaseInput};
use super::store;
use super::validate::{EntryInput, RoundInput};
use super::view;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::salons::plan::store::society;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// `GET /evaluation`: every round.
pub async fn list(state: web::Data<AppState>, page: Page) -> AppResult<HttpResponse> {
    let rounds = state.db.run(view::list).await?;
    let mut ctx = Context::new();
    ctx.insert("rounds", &rounds);
    page.render(&state, "evaluation/rounds.html", ctx)
}

async fn round_ctx(state: &AppState, page: &Page, slug: String) -> AppResult<Context> {
    let user = page.user.clone();
    let (v, panel, progress) = state
        .db
        .run(move |c| {
            let r = store::by_slug(c, &slug)?;
            let v = view::round(c, user.as_ref(), r.clone())?;
            let panel = match &user {
                Some(u) if v.committee => Some(super::panel::view(c, u, &r)?),
                _ => None,
            };
            let progress = match &user {
                Some(u) if v.committee && r.phase >= RoundPhase::Scoring => Some(crate::evaluation::ballots::progress::progress(c, u, &r)?),
                _ => None,
            };
            Ok((v, panel, progress))
        })
        .await?;
    let mut ctx = Context::new();
    let next = RoundPhase::ALL
        .iter()
        .position(|p| *p == v.round.phase)
        .and_then(|i| RoundPhase::ALL.get(i + 1));
    let back = RoundPhase::ALL
        .iter()
        .position(|p| *p == v.round.phase)
        .and_then(|i| i.checked_sub(1))
        .map(|i| RoundPhase::ALL[i]);
    ctx.insert("phases", RoundPhase::ALL);
    ctx.insert("next_phase", &next);
    ctx.insert("back_phase", &back.filter(|_| v.round.phase != RoundPhase::Published));
    ctx.insert("r", &v);
    ctx.insert("panel", &panel);
    ctx.insert("progress", &progress);
    ctx.insert("form", &EntryInput::default());
    Ok(ctx)
}

/// `GET /evaluation/{slug}`.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = round_ctx(&state, &page, path.into_inner()).await?;
    page.render(&state, "evaluation/round.html", ctx)
}

async fn rerender<T: Serialize>(
    state: &AppState,
    page: &Page,
    slug: String,
    which: &str,
    form: &T,
    err: AppError,
) -> AppResult<HttpResponse> {
    let mut ctx = round_ctx(state, page, slug).await?;
    ctx.insert("which", which);
    page.form_errors(state, "evaluation/round.html", ctx, form, err)
}

/// `POST /evaluation/{slug}/phase` (the committee).
pub async fn phase(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<PhaseInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s2, input) = (user.user.clone(), slug.clone(), form.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            service::move_phase(c, &u, &r, &input, now())
        })
        .await;
    match result {
        Ok(_) => {
            flash(&page.session, "evaluation.phase_moved");
            Ok(redirect(&format!("/evaluation/{slug}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => rerender(&state, &page, slug, "phase", &form, e).await,
        Err(e) => Err(e),
    }
}

/// `POST /evaluation/{slug}/entries`: a chair applies, the committee nominates or enters an
/// outside conference.
pub async fn enter(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<EntryInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s2, input) = (user.user.clone(), slug.clone(), form.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            service::enter(c, &u, &r, &input, now())
        })
        .await;
    let which = if form.venue.trim().is_empty() { "outside" } else { "venue" };
    match result {
        Ok(_) => {
            flash(&page.session, "evaluation.entered");
            Ok(redirect(&format!("/evaluation/{slug}#entries")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => rerender(&state, &page, slug, which, &form, e).await,
        Err(e) => Err(e),
    }
}

/// `POST /evaluation/{slug}/entries/{id}/withdraw`.
pub async fn withdraw(
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
            let r = store::by_slug(c, &s2)?;
            service::withdraw(c, &u, &r, id, now())
        })
        .await;
    match result {
        Ok(_) => flash(&page.session, "evaluation.withdrawn"),
        Err(AppError::Conflict(key)) => flash(&page.session, &key),
        Err(e) => return Err(e),
    }
    Ok(redirect(&format!("/evaluation/{slug}#entries")))
}

async fn new_ctx(state: &AppState, page: &Page, slug: String) -> AppResult<Context> {
    let user = page.user.clone();
    let (s, systems) = state
        .db
        .run(move |c| {
            let s = society(c, &slug)?;
            let u = user.ok_or(AppError::NotFound)?;
            crate::guard::society::require_staff(c, &u, s.id)?;
            let systems = super::super::systems::service::list(c, Some(&u), &s)?;
            Ok((s, systems))
        })
        .await?;
    let mut ctx = Context::new();
    let has_final = systems.iter().any(|s| s.versions.iter().any(|v| v.finalised_at.is_some()));
    ctx.insert("society", &s);
    ctx.insert("systems", &systems);
    ctx.insert("has_final", &has_final);
    Ok(ctx)
}

/// `GET /societies/{slug}/evaluation/rounds/new` (the society's staff).
pub async fn new(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let mut ctx = new_ctx(&state, &page, path.into_inner()).await?;
    ctx.insert("form", &RoundInput::default());
    page.render(&state, "evaluation/round_new.html", ctx)
}

/// The new-round form as posted (numbers as typed).
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
pub struct RoundForm {
    #[serde(flatten)]
    pub input: RoundFormText,
    #[serde(default)]
    pub system_id: String,
    #[serde(default)]
    pub quota: String,
    #[serde(default)]
    pub excellent: String,
    #[serde(default)]
    pub good: String,
    #[serde(default)]
    pub pass: String,
}

/// The text fields of the new-round form.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
pub struct RoundFormText {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub title_zh: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub applications_close: String,
    #[serde(default)]
    pub scoring_closes: String,
    #[serde(default)]
    pub notice_ends: String,
}

impl RoundForm {
    /// The API's input; what is not a number becomes a value the checks refuse with their message.
    fn input(&self) -> RoundInput {
        let n = |s: &str| s.trim().parse::<f64>().unwrap_or(f64::NAN);
        RoundInput {
            slug: self.input.slug.clone(),
            title_zh: self.input.title_zh.clone(),
            title_en: self.input.title_en.clone(),
            description_zh: self.input.description_zh.clone(),
            description_en: self.input.description_en.clone(),
            system_id: self.system_id.split(':').next().unwrap_or("").trim().parse().unwrap_or(0),
            system_version: self.system_id.split(':').nth(1).and_then(|v| v.trim().parse().ok()),
            applications_close: self.input.applications_close.clone(),
            scoring_closes: self.input.scoring_closes.clone(),
            notice_ends: self.input.notice_ends.clone(),
            quota: Some(
                self.quota
                    .trim()
                    .parse()
                    .unwrap_or(if self.quota.trim().is_empty() { 10 } else { 0 }),
            ),
            grade_bands: Some(super::super::aggregate::GradeBands {
                excellent: n(&self.excellent),
                good: n(&self.good),
                pass: n(&self.pass),
            }),
        }
    }
}

/// `POST /societies/{slug}/evaluation/rounds/new` (the society's staff).
pub async fn create(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<RoundForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s2, input) = (user.user.clone(), slug.clone(), form.input());
    let result = state
        .db
        .tx(move |c| {
            let s = society(c, &s2)?;
            service::create(c, &u, &s, &input, now())
        })
        .await;
    match result {
        Ok(r) => {
            flash(&page.session, "evaluation.round_created");
            Ok(redirect(&format!("/evaluation/{}", r.slug)))
        }
        Err(e @ AppError::Validation { .. }) => {
            let ctx = new_ctx(&state, &page, slug).await?;
            page.form_errors(&state, "evaluation/round_new.html", ctx, &form, e)
        }
        Err(e) => Err(e),
    }
}

/// `GET /evaluation/{slug}/entries/{id}`: a conference's frozen figures (committee, its chairs).
pub async fn entry(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let ((slug, id), u) = (path.into_inner(), user.user.clone());
    let ctx = entry_ctx(&state, &u, slug, id).await?;
    page.render(&state, "evaluation/entry.html", ctx)
}

/// The entry page's data: the round, the conference with its frozen figures, its self-report.
pub async fn entry_ctx(state: &AppState, user: &crate::auth::User, slug: String, id: i64) -> AppResult<Context> {
    let u = user.clone();
    let (r, d, report) = state
        .db
        .run(move |c| {
            let r = store::by_slug(c, &slug)?;
            let d = super::snapshot::detail(c, &u, &r, id)?;
            let report = crate::evaluation::self_report::service::view(c, &u, &r, &d.entry.entry, now())?;
            let reads = crate::guard::evaluation::reads_report(c, &u, &r, &d.entry.entry)?;
            Ok((r, d, (report, reads)))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("r", &r);
    ctx.insert("e", &d);
    ctx.insert("report", &report.0);
    ctx.insert("reads_report", &report.1);
    Ok(ctx)
}

/// `POST /evaluation/{slug}/entries/{id}/recompute` (the committee).
pub async fn recompute(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(_): CsrfForm<serde_json::Value>,
) -> AppResult<HttpResponse> {
    let ((slug, id), u) = (path.into_inner(), user.user.clone());
    let slug2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &slug2)?;
            super::snapshot::recompute(c, &u, &r, id, now())
        })
        .await;
    match result {
        Ok(_) => flash(&page.session, "evaluation.recomputed"),
        Err(AppError::Conflict(key)) => flash(&page.session, &key),
        Err(e) => return Err(e),
    }
    Ok(redirect(&format!("/evaluation/{slug}/entries/{id}")))
}

/// `POST /evaluation/{slug}/panel` (the committee): names experts or committee members.
pub async fn add_panel(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<super::panel::MembersInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s2, input, st) = (user.user.clone(), slug.clone(), form.clone(), state.get_ref().clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            super::panel::add(c, &st, &u, &r, &input)
        })
        .await;
    match result {
        Ok(_) => {
            flash(&page.session, "evaluation.panel_added");
            Ok(redirect(&format!("/evaluation/{slug}#panel")))
        }
        Err(e @ AppError::Validation { .. }) => rerender(&state, &page, slug, "panel", &form, e).await,
        Err(e) => Err(e),
    }
}

/// The remove button of a member.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    pub role: String,
}

/// `POST /evaluation/{slug}/panel/{user}/remove` (the committee).
pub async fn remove_panel(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<RemoveForm>,
) -> AppResult<HttpResponse> {
    let ((slug, who), u) = (path.into_inner(), user.user.clone());
    let slug2 = slug.clone();
    state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &slug2)?;
            super::panel::remove(c, &u, &r, who, &form.role)
        })
        .await?;
    flash(&page.session, "evaluation.panel_removed");
    Ok(redirect(&format!("/evaluation/{slug}#panel")))
}
