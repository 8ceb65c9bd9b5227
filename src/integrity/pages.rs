//! Pages of integrity flags: a venue's (for its chairs, with its dual-submission policy) and a
//! journal's (for its chief and managing editors); a flag's page with the shared passages, and
//! the forms that dismiss or reopen it. Every read is audited.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::service::{self, DismissInput, PolicyInput};
use super::side::{SideRef, as_side};
use super::store::{self, Owner};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash_result, redirect};

/// Audit lines shown on a side's page.
const AUDIT_LINES: i64 = 30;

/// An audit line with the reader's address.
#[derive(Debug, Serialize)]
struct AuditLine {
    who: String,
    action: String,
    flag_id: Option<i64>,
    detail: String,
    at: chrono::NaiveDateTime,
}

async fn list_page(state: &AppState, page: &Page, user: &CurrentUser, at: SideRef) -> AppResult<HttpResponse> {
    let (side, listing, audit) = as_side(state, user, at, |c, s| {
        let listing = service::read_listing(c, s.owner(), s.user_id, &|id| s.hides(id))?;
        let mut lines = Vec::new();
        for a in store::audit_of(c, s.owner(), AUDIT_LINES)? {
            let who = match a.user_id {
                Some(u) => crate::auth::store::by_id(c, u)?.email,
                None => String::new(),
            };
            lines.push(AuditLine {
                who,
                action: a.action,
                flag_id: a.flag_id,
                detail: a.detail,
                at: a.created_at,
            });
        }
        Ok((s.clone(), listing, lines))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("side", &side);
    ctx.insert("listing", &listing);
    ctx.insert("audit", &audit);
    ctx.insert("policies", &["forbidden", "declared", "allowed"]);
    page.render(state, "integrity/flags.html", ctx)
}

async fn flag_page(state: &AppState, page: &Page, user: &CurrentUser, at: SideRef, id: i64) -> AppResult<HttpResponse> {
    let (side, (flag, passages)) = as_side(state, user, at, move |c, s| {
        Ok((s.clone(), service::read_flag(c, s.owner(), s.user_id, id, &|x| s.hides(x))?))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("side", &side);
    ctx.insert("flag", &flag);
    ctx.insert("passages", &passages);
    page.render(state, "integrity/flag.html", ctx)
}

/// The dismissal form.
#[derive(Debug, Deserialize)]
pub struct DismissForm {
    reason: String,
}

async fn decide(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    at: SideRef,
    id: i64,
    dismiss: Option<DismissInput>,
) -> AppResult<HttpResponse> {
    let base = match &at {
        SideRef::Venue(slug) => format!("/venues/{slug}"),
        SideRef::Journal(j) => format!("/journals/{j}"),
    };
    let ok = if dismiss.is_some() {
        "integrity.dismissed"
    } else {
        "integrity.reopened"
    };
    let result = as_side(state, user, at, move |c, s| match &dismiss {
        Some(input) => service::dismiss(c, s.owner(), s.user_id, id, input, &|x| s.hides(x)),
        None => service::reopen(c, s.owner(), s.user_id, id, &|x| s.hides(x)),
    })
    .await;
    flash_result(&page.session, result, ok)?;
    Ok(redirect(&format!("{base}/integrity/flags/{id}")))
}

/// `GET /venues/{slug}/integrity`: the venue's flags, its policy and the audit log.
pub async fn venue_flags(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    list_page(&state, &page, &user, SideRef::Venue(path.into_inner())).await
}

/// `GET /venues/{slug}/integrity/flags/{id}`: one flag with its passages.
pub async fn venue_flag(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    flag_page(&state, &page, &user, SideRef::Venue(slug), id).await
}

/// `POST /venues/{slug}/integrity/flags/{id}/dismiss`.
pub async fn venue_dismiss(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(f): CsrfForm<DismissForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    decide(
        &state,
        &page,
        &user,
        SideRef::Venue(slug),
        id,
        Some(DismissInput { reason: f.reason }),
    )
    .await
}

/// `POST /venues/{slug}/integrity/flags/{id}/reopen`.
pub async fn venue_reopen(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    decide(&state, &page, &user, SideRef::Venue(slug), id, None).await
}

/// The policy form.
#[derive(Debug, Deserialize)]
pub struct PolicyForm {
    dual_submission: String,
}

/// `POST /venues/{slug}/integrity/policy`.
pub async fn venue_policy(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<PolicyForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = PolicyInput {
        dual_submission: f.dual_submission,
    };
    let result = as_side(&state, &user, SideRef::Venue(slug.clone()), move |c, s| match s.owner() {
        Owner::Venue(v) => service::set_policy(c, v, s.user_id, &input).map(|_| ()),
        Owner::Journal(_) => Err(AppError::NotFound),
    })
    .await;
    flash_result(&page.session, result, "integrity.policy_saved")?;
    Ok(redirect(&format!("/venues/{slug}/integrity")))
}

/// `GET /journals/{id}/integrity`: the journal's flags and the audit log.
pub async fn journal_flags(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    list_page(&state, &page, &user, SideRef::Journal(path.into_inner())).await
}

/// `GET /journals/{id}/integrity/flags/{flag}`: one flag with its passages.
pub async fn journal_flag(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (j, id) = path.into_inner();
    flag_page(&state, &page, &user, SideRef::Journal(j), id).await
}

/// `POST /journals/{id}/integrity/flags/{flag}/dismiss`.
pub async fn journal_dismiss(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(f): CsrfForm<DismissForm>,
) -> AppResult<HttpResponse> {
    let (j, id) = path.into_inner();
    decide(
        &state,
        &page,
        &user,
        SideRef::Journal(j),
        id,
        Some(DismissInput { reason: f.reason }),
    )
    .await
}

/// `POST /journals/{id}/integrity/flags/{flag}/reopen`.
pub async fn journal_reopen(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (j, id) = path.into_inner();
    decide(&state, &page, &user, SideRef::Journal(j), id, None).await
}
