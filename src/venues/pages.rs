//! Venue pages: the home page, each venue's public call page, and the organiser's forms.

use actix_web::{HttpResponse, web};
use tera::Context;

use super::forms::{CallForm, VenueForm};
use super::{policy, store, validate, view};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// `GET /`.
pub async fn home(state: web::Data<AppState>, page: Page) -> AppResult<HttpResponse> {
    let venues = super::api::load(&state).await?;
    let can_create = match page.user.clone() {
        Some(u) => state.db.run(move |c| policy::may_create(c, &u)).await?,
        None => false,
    };
    let mut ctx = Context::new();
    ctx.insert("venues", &venues);
    ctx.insert("can_create", &can_create);
    page.render(&state, "home.html", ctx)
}

/// `GET /venues/{slug}`: the public call for papers.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let (detail, manages) = state
        .db
        .run(move |c| {
            let d = view::detail(c, &slug)?;
            let m = match &user {
                Some(u) => policy::may_manage(c, u, d.venue.id)?,
                None => false,
            };
            Ok((d, m))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("v", &detail);
    ctx.insert("manages", &manages);
    page.render(&state, "venues/show.html", ctx)
}

fn venue_ctx(creating: bool) -> Context {
    let mut ctx = Context::new();
    ctx.insert("creating", &creating);
    ctx.insert(
        "timezones",
        &[
            "Asia/Shanghai",
            "Asia/Hong_Kong",
            "Asia/Taipei",
            "Asia/Tokyo",
            "Asia/Singapore",
            "Europe/London",
            "Europe/Berlin",
            "America/New_York",
            "America/Los_Angeles",
            "UTC",
            "Etc/GMT+12",
        ],
    );
    ctx
}

/// `GET /venues/new` (site administrators).
pub async fn new_form(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    if !state.db.run(move |c| policy::may_create(c, &u)).await? {
        return Err(AppError::Forbidden);
    }
    let mut ctx = venue_ctx(true);
    ctx.insert(
        "form",
        &VenueForm {
            kind: "conference".into(),
            timezone: "Asia/Shanghai".into(),
            ..Default::default()
        },
    );
    page.render(&state, "venues/edit.html", ctx)
}

/// `POST /venues/new`.
pub async fn create(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<VenueForm>,
) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    if !state.db.run(move |c| policy::may_create(c, &u)).await? {
        return Err(AppError::Forbidden);
    }
    let result = async {
        let spec = validate::venue(&form.to_input()?)?;
        let uid = user.user.id;
        state.db.tx(move |c| store::create(c, &spec, uid)).await
    }
    .await;
    match result {
        Ok(v) => {
            flash(&page.session, "venues.created");
            Ok(redirect(&format!("/venues/{}/call/edit", v.slug)))
        }
        Err(e) => page.form_errors(&state, "venues/edit.html", venue_ctx(true), &form, e),
    }
}

/// `GET /venues/{slug}/edit` (chairs).
pub async fn edit_form(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let form = state
        .db
        .run(move |c| {
            let v = store::by_slug(c, &slug)?;
            policy::require_manage(c, &user.user, v.id)?;
            let tracks = store::tracks_of(c, &[v.id])?;
            let topics = store::topics_of(c, v.id)?;
            Ok(VenueForm::from_venue(&v, &tracks, &topics))
        })
        .await?;
    let mut ctx = venue_ctx(false);
    ctx.insert("form", &form);
    page.render(&state, "venues/edit.html", ctx)
}

/// `POST /venues/{slug}/edit`.
pub async fn update(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(mut form): CsrfForm<VenueForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    form.slug = slug.clone();
    let (s2, u2) = (slug.clone(), user.user.clone());
    state
        .db
        .run(move |c| {
            let v = store::by_slug(c, &s2)?;
            policy::require_manage(c, &u2, v.id)
        })
        .await?;
    let result = async {
        let spec = validate::venue(&form.to_input()?)?;
        let s3 = slug.clone();
        state
            .db
            .tx(move |c| {
                let id = store::by_slug(c, &s3)?.id;
                store::update(c, id, &spec)
            })
            .await
    }
    .await;
    match result {
        Ok(_) => {
            flash(&page.session, "venues.saved");
            Ok(redirect(&format!("/venues/{slug}")))
        }
        Err(e) => page.form_errors(&state, "venues/edit.html", venue_ctx(false), &form, e),
    }
}

/// `GET /venues/{slug}/call/edit` (chairs).
pub async fn call_form(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (venue, form) = state
        .db
        .run(move |c| {
            let v = store::by_slug(c, &slug)?;
            policy::require_manage(c, &user.user, v.id)?;
            let form = match store::call_of(c, v.id)? {
                Some(call) => CallForm::from_call(&call, &store::questions_of(c, call.id)?, &v.timezone),
                None => CallForm {
                    anonymity: "double_blind".into(),
                    max_file_mb: "20".into(),
                    supp_max_mb: "50".into(),
                    grace_minutes: "0".into(),
                    ..Default::default()
                },
            };
            Ok((v, form))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("form", &form);
    page.render(&state, "venues/call_edit.html", ctx)
}

/// `POST /venues/{slug}/call/edit`.
pub async fn call_save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CallForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let s2 = slug.clone();
    let venue = state
        .db
        .run(move |c| {
            let v = store::by_slug(c, &s2)?;
            policy::require_manage(c, &user.user, v.id)?;
            Ok(v)
        })
        .await?;
    let result = async {
        let spec = validate::call(&form.to_input()?, &venue.timezone)?;
        let vid = venue.id;
        state.db.tx(move |c| store::save_call(c, vid, &spec)).await
    }
    .await;
    match result {
        Ok(_) => {
            flash(&page.session, "venues.call_saved");
            Ok(redirect(&format!("/venues/{slug}")))
        }
        Err(e) => {
            let mut ctx = Context::new();
            ctx.insert("venue", &venue);
            page.form_errors(&state, "venues/call_edit.html", ctx, &form, e)
        }
    }
}
