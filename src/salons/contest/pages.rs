//! Contest pages: the organisers' board (or, for everyone else once published, the results),
//! settings, entries and judges; the judges' phone pages (the talks in order, one form per
//! talk). Every action is a plain form calling the same service as the API.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use tera::Context;

use super::forms::{ContestEntriesForm, ContestScoreForm, ContestSettingsForm, renumbered};
use super::model::{ContestMethod, ContestState};
use super::service;
use super::validate::{ContestJudgeInput, ContestStateInput};
use crate::auth::{CurrentUser, User};
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::venues::model::Venue;
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, flash_result, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

fn base(slug: &str) -> String {
    format!("/venues/{slug}/contest")
}

/// `GET /venues/{slug}/contest`: the live board for chairs; for everyone else the results once
/// published (404 before).
pub async fn index(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (slug, user) = (path.into_inner(), page.user.clone());
    let shown = state
        .db
        .tx(move |c| {
            let venue = crate::guard::venue::visible(c, user.as_ref(), &slug)?;
            if let Some(u) = &user
                && crate::guard::venue::may_manage(c, u, venue.id)?
            {
                let ch = crate::guard::venue::chair_of(c, u, venue.clone())?;
                let judge = crate::guard::contest::is_judge(c, u.id, venue.id)?;
                return Ok((venue, Ok((service::board(c, &ch, now())?, judge))));
            }
            let r = service::results(c, &venue)?;
            Ok((venue, Err(r)))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &shown.0);
    ctx.insert("methods", &method_names());
    match shown.1 {
        Ok((board, judge)) => {
            ctx.insert("b", &board);
            ctx.insert("is_judge", &judge);
            page.render(&state, "salons/contest/board.html", ctx)
        }
        Err(results) => {
            ctx.insert("r", &results);
            page.render(&state, "salons/contest/results.html", ctx)
        }
    }
}

fn method_names() -> Vec<&'static str> {
    ContestMethod::ALL.iter().map(|m| m.as_str()).collect()
}

/// `POST /venues/{slug}/contest/state` (chairs): moves the contest.
pub async fn change_state(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ContestStateInput>,
) -> AppResult<HttpResponse> {
    let (slug, st) = (path.into_inner(), state.get_ref().clone());
    let to = form.state.clone();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::change_state(c, &st, ch, &form, now()).map(|_| ())
    })
    .await;
    let ok = match ContestState::parse(&to) {
        Some(ContestState::Open) => "contest.moved_open",
        Some(ContestState::Closed) => "contest.moved_closed",
        _ => "contest.moved_published",
    };
    flash_result(&page.session, result, ok)?;
    Ok(redirect(&base(&slug)))
}

async fn settings_ctx(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<(Context, super::view::ContestSettings)> {
    let (venue, tracks, s) = as_chair(state, user, slug, move |c, ch| {
        let tracks = crate::venues::store::tracks_of(c, &[ch.venue.id])?;
        Ok((ch.venue.clone(), tracks, service::settings(c, ch, now())?))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("tracks", &tracks);
    ctx.insert("methods", &method_names());
    ctx.insert("scored", &s.scored);
    ctx.insert("published", &(s.state == ContestState::Published));
    Ok((ctx, s))
}

/// `GET /venues/{slug}/contest/settings` (chairs): track, method, score form and awards.
pub async fn settings(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (mut ctx, s) = settings_ctx(&state, &user, path.into_inner()).await?;
    ctx.insert("form", &ContestSettingsForm::of(&s));
    ctx.insert("empty", &s.criteria.is_empty());
    page.render(&state, "salons/contest/settings.html", ctx)
}

/// `POST /venues/{slug}/contest/settings` (chairs): saves them.
pub async fn save_settings(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(form): CsrfRowsForm<ContestSettingsForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (input, kept) = form.to_input();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| service::save(c, ch, &input, now()))
        .await
        .map_err(|e| renumbered(e, &kept));
    match result {
        Ok(_) => {
            flash(&page.session, "contest.saved");
            Ok(redirect(&format!("{}/settings", base(&slug))))
        }
        Err(e) => {
            let (mut ctx, _) = settings_ctx(&state, &user, slug).await?;
            ctx.insert("empty", &false);
            page.form_errors(&state, "salons/contest/settings.html", ctx, &form, e)
        }
    }
}

/// `POST /venues/{slug}/contest/settings/default` (chairs): puts the default score form in.
pub async fn use_default(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::use_default(c, ch, now()).map(|_| ())
    })
    .await;
    flash_result(&page.session, result, "contest.default_added")?;
    Ok(redirect(&format!("{}/settings", base(&slug))))
}

async fn entries_ctx(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<Context> {
    let (venue, e) = as_chair(state, user, slug, move |c, ch| {
        Ok((ch.venue.clone(), service::entries(c, ch, now())?))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("form", &ContestEntriesForm::of(&e));
    ctx.insert("count", &e.entries.len());
    Ok(ctx)
}

/// `GET /venues/{slug}/contest/entries` (chairs): the accepted papers, ticked when in the
/// contest, with their place in the order.
pub async fn entries(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = entries_ctx(&state, &user, path.into_inner()).await?;
    page.render(&state, "salons/contest/entries.html", ctx)
}

/// `POST /venues/{slug}/contest/entries` (chairs): saves the entries and their order.
pub async fn save_entries(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(form): CsrfRowsForm<ContestEntriesForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = form.to_input();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| service::put_entries(c, ch, &input, now())).await;
    match result {
        Ok(_) => {
            flash(&page.session, "contest.entries_saved");
            Ok(redirect(&format!("{}/entries", base(&slug))))
        }
        Err(e) => {
            let ctx = entries_ctx(&state, &user, slug).await?;
            page.form_errors(&state, "salons/contest/entries.html", ctx, &form, e)
        }
    }
}

async fn judges_ctx(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<Context> {
    let (venue, list) = as_chair(state, user, slug, move |c, ch| {
        Ok((ch.venue.clone(), service::judges(c, ch, now())?))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("judges", &list);
    Ok(ctx)
}

/// `GET /venues/{slug}/contest/judges` (chairs).
pub async fn judges(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = judges_ctx(&state, &user, path.into_inner()).await?;
    page.render(&state, "salons/contest/judges.html", ctx)
}

/// `POST /venues/{slug}/contest/judges` (chairs): names a judge.
pub async fn add_judge(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ContestJudgeInput>,
) -> AppResult<HttpResponse> {
    let (slug, st, input) = (path.into_inner(), state.get_ref().clone(), form.clone());
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::add_judge(c, &st, ch, &input, now())
    })
    .await;
    match result {
        Ok(_) => {
            flash(&page.session, "contest.judge_added");
            Ok(redirect(&format!("{}/judges", base(&slug))))
        }
        Err(e) => {
            let ctx = judges_ctx(&state, &user, slug).await?;
            page.form_errors(&state, "salons/contest/judges.html", ctx, &form, e)
        }
    }
}

/// `POST /venues/{slug}/contest/judges/{user_id}/delete` (chairs).
pub async fn remove_judge(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| service::remove_judge(c, ch, id)).await;
    flash_result(&page.session, result, "contest.judge_removed")?;
    Ok(redirect(&format!("{}/judges", base(&slug))))
}

async fn judge_venue(state: &AppState, user: &User, slug: String) -> AppResult<(Venue, super::view::ContestSheet)> {
    let u = user.clone();
    state
        .db
        .run(move |c| {
            let venue = crate::guard::contest::judge(c, &u, &slug)?;
            let sheet = service::sheet(c, &venue, &u)?;
            Ok((venue, sheet))
        })
        .await
}

/// `GET /venues/{slug}/contest/judge` (judges): the talks in order, scored or not.
pub async fn sheet(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (venue, sheet) = judge_venue(&state, &user.user, path.into_inner()).await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("sheet", &sheet);
    ctx.insert("done", &sheet.entries.iter().filter(|e| e.scored).count());
    ctx.insert("todo", &sheet.entries.iter().filter(|e| !e.conflict).count());
    page.render(&state, "salons/contest/sheet.html", ctx)
}

fn entry_ctx(venue: &Venue, sheet: &super::view::ContestSheet, e: &super::view::ContestSheetEntry) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", venue);
    ctx.insert("criteria", &sheet.criteria);
    ctx.insert("state", &sheet.state);
    ctx.insert("open", &(sheet.state == ContestState::Open));
    ctx.insert("e", e);
    let pos = sheet.entries.iter().position(|x| x.entry.id == e.entry.id).unwrap_or(0);
    let next = sheet.entries[pos + 1..].iter().find(|x| !x.conflict).map(|x| x.entry.id);
    ctx.insert("next", &next);
    ctx
}

/// `GET /venues/{slug}/contest/judge/{entry_id}` (judges): the score form of one talk.
pub async fn entry(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (venue, sheet) = judge_venue(&state, &user.user, slug).await?;
    let e = sheet.entries.iter().find(|x| x.entry.id == id).cloned().ok_or(AppError::NotFound)?;
    let mut ctx = entry_ctx(&venue, &sheet, &e);
    ctx.insert("form", &ContestScoreForm::of(e.points.as_deref(), &e.comment));
    page.render(&state, "salons/contest/score.html", ctx)
}

/// `POST /venues/{slug}/contest/judge/{entry_id}` (judges): saves the score, then back to the
/// list (or the form again with the errors).
pub async fn save_score(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<ContestScoreForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (venue, sheet) = judge_venue(&state, &user.user, slug.clone()).await?;
    let e = sheet.entries.iter().find(|x| x.entry.id == id).cloned().ok_or(AppError::NotFound)?;
    let input = form.to_input(sheet.criteria.len());
    let (u, slug2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let venue = crate::guard::contest::judge(c, &u, &slug2)?;
            service::score(c, &venue, &u, id, &input, now())
        })
        .await;
    match result {
        Ok(_) => {
            flash(&page.session, "contest.score_saved");
            Ok(redirect(&format!("{}/judge#entry-{id}", base(&slug))))
        }
        Err(AppError::Conflict(key)) => {
            flash(&page.session, &key);
            Ok(redirect(&format!("{}/judge/{id}", base(&slug))))
        }
        Err(e2) => page.form_errors(
            &state,
            "salons/contest/score.html",
            entry_ctx(&venue, &sheet, &e),
            &form,
            ContestScoreForm::page_errors(e2),
        ),
    }
}
