//! The society's page of its venues and journals, with the forms that attach and detach them.

use actix_web::{HttpResponse, web};
use tera::Context;

use super::service::{self, AppointInput, DismissInput, MemberInput};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

async fn render<F: serde::Serialize>(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    slug: String,
    failed: Option<(&str, &F, crate::error::AppError)>,
) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    let m = state.db.run(move |c| service::members(c, &u, &slug)).await?;
    let mut ctx = Context::new();
    ctx.insert("m", &m);
    ctx.insert("empty", &serde_json::json!({}));
    match failed {
        None => page.render(state, "societies/members.html", ctx),
        Some((which, form, e)) => {
            ctx.insert("which", which);
            page.form_errors(state, "societies/members.html", ctx, form, e)
        }
    }
}

/// `GET /societies/{slug}/members` (its staff).
pub async fn members(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    render::<MemberInput>(&state, &page, &user, path.into_inner(), None).await
}

async fn change(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    slug: String,
    form: MemberInput,
    attach: bool,
) -> AppResult<HttpResponse> {
    let (u, s, input) = (user.user.clone(), slug.clone(), form.clone());
    let result = state
        .db
        .tx(move |c| {
            if attach {
                service::attach(c, &u, &s, &input)
            } else {
                service::detach(c, &u, &s, &input)
            }
        })
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, if attach { "societies.attached" } else { "societies.detached" });
            Ok(redirect(&format!("/societies/{slug}/members")))
        }
        Err(e @ crate::error::AppError::Validation { .. }) => render(state, page, user, slug, Some(("member", &form, e))).await,
        Err(e) => Err(e),
    }
}

/// `POST /societies/{slug}/members`: attaches a venue or journal.
pub async fn attach(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<MemberInput>,
) -> AppResult<HttpResponse> {
    change(&state, &page, &user, path.into_inner(), form, true).await
}

/// `POST /societies/{slug}/members/detach`: detaches one.
pub async fn detach(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<MemberInput>,
) -> AppResult<HttpResponse> {
    change(&state, &page, &user, path.into_inner(), form, false).await
}

/// `POST /societies/{slug}/integrity-committee`: names someone to the integrity committee.
pub async fn appoint(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<AppointInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s, email, st) = (user.user.clone(), slug.clone(), form.email.clone(), state.get_ref().clone());
    let result = state
        .db
        .tx(move |c| {
            let society = service::for_staff(c, &u, &s)?;
            crate::integrity::cases::appoint::appoint(c, &st, &u, &society, &email)
        })
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, "societies.appointed");
            Ok(redirect(&format!("/societies/{slug}/members#integrity-committee")))
        }
        Err(e @ crate::error::AppError::Validation { .. }) => render(&state, &page, &user, slug, Some(("committee", &form, e))).await,
        Err(e) => Err(e),
    }
}

/// `POST /societies/{slug}/integrity-committee/remove`: removes a member.
pub async fn dismiss(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<DismissInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s) = (user.user.clone(), slug.clone());
    state
        .db
        .tx(move |c| {
            let society = service::for_staff(c, &u, &s)?;
            crate::integrity::cases::appoint::dismiss(c, &u, &society, form.user_id)
        })
        .await?;
    flash(&page.session, "societies.dismissed");
    Ok(redirect(&format!("/societies/{slug}/members#integrity-committee")))
}
