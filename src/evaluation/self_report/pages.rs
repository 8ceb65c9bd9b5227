//! Self-report forms on a conference's page in a round: one form per item (figure and
//! statement), an upload and removal of evidence files, and their downloads.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::service::{self, ReportInput};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::evaluation::metrics::Unit;
use crate::evaluation::rounds::pages::entry_ctx;
use crate::evaluation::rounds::store;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// The item form as typed: a share is typed as a percentage.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ItemForm {
    #[serde(default)]
    value: String,
    #[serde(default)]
    statement: String,
}

impl ItemForm {
    /// The input, once the figure reads as a number (a percentage for a share).
    fn input(&self, unit: Option<Unit>) -> Result<ReportInput, AppError> {
        let typed = self.value.trim().trim_end_matches('%').replace([',', '，'], "");
        let value = if typed.is_empty() {
            None
        } else {
            let v: f64 = typed
                .parse()
                .map_err(|_| AppError::field("value", "evaluation.report_not_a_number"))?;
            Some(if unit == Some(Unit::Share) { v / 100.0 } else { v })
        };
        Ok(ReportInput {
            value,
            statement: self.statement.clone(),
        })
    }
}

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

fn back(slug: &str, id: i64, code: &str) -> HttpResponse {
    redirect(&format!("/evaluation/{slug}/entries/{id}#item-{code}"))
}

async fn rerender<T: Serialize>(
    state: &AppState,
    page: &Page,
    user: &crate::auth::User,
    (slug, id, code): (String, i64, &str),
    form: &T,
    err: AppError,
) -> AppResult<HttpResponse> {
    let mut ctx = entry_ctx(state, user, slug, id).await?;
    ctx.insert("which", code);
    page.form_errors(state, "evaluation/entry.html", ctx, form, err)
}

/// `POST /evaluation/{slug}/entries/{id}/report/{code}`: one item's figure and statement.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64, String)>,
    CsrfForm(form): CsrfForm<ItemForm>,
) -> AppResult<HttpResponse> {
    let (slug, id, code) = path.into_inner();
    let (u, s2, c2, f2) = (user.user.clone(), slug.clone(), code.clone(), form.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            let e = store::entry(c, r.id, id)?;
            let unit = service::view(c, &u, &r, &e, now())?
                .items
                .into_iter()
                .find(|i| i.indicator == c2)
                .ok_or(AppError::NotFound)?
                .unit;
            service::save(c, &u, &r, &e, &c2, &f2.input(unit)?, now())
        })
        .await;
    match result {
        Ok(_) => {
            flash(&page.session, "evaluation.report_saved");
            Ok(back(&slug, id, &code))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            rerender(&state, &page, &user.user, (slug, id, &code), &form, e).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /evaluation/{slug}/entries/{id}/report/{code}/evidence`: attaches a file (multipart).
pub async fn attach(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64, String)>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (slug, id, code) = path.into_inner();
    let s2 = slug.clone();
    let round_id = state.db.run(move |c| Ok(store::by_slug(c, &s2)?.id)).await?;
    let result = super::upload::receive(&state, &user.user, user.via, &page.session, (round_id, id, code.clone()), payload).await;
    match result {
        Ok(_) => {
            flash(&page.session, "evaluation.evidence_added");
            Ok(back(&slug, id, &code))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            rerender(&state, &page, &user.user, (slug, id, &code), &ItemForm::default(), e).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /evaluation/{slug}/entries/{id}/evidence/{evidence}/remove`.
pub async fn detach(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64, i64)>,
    CsrfForm(_): CsrfForm<serde_json::Value>,
) -> AppResult<HttpResponse> {
    let (slug, id, evidence) = path.into_inner();
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            let e = store::entry(c, r.id, id)?;
            service::detach(c, &u, &r, &e, evidence, now())
        })
        .await;
    match result {
        Ok(()) => flash(&page.session, "evaluation.evidence_removed"),
        Err(AppError::Conflict(key)) => flash(&page.session, &key),
        Err(e) => return Err(e),
    }
    Ok(redirect(&format!("/evaluation/{slug}/entries/{id}#report")))
}

/// `GET /evaluation/{slug}/entries/{id}/evidence/{evidence}`: the file, to whoever may read the
/// report.
pub async fn download(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: CurrentUser,
    path: web::Path<(String, i64, i64)>,
) -> AppResult<HttpResponse> {
    let ((slug, id, evidence), u) = (path.into_inner(), user.user.clone());
    let file = state
        .db
        .run(move |c| {
            let r = store::by_slug(c, &slug)?;
            let e = store::entry(c, r.id, id)?;
            service::file(c, &u, &r, &e, evidence)
        })
        .await?;
    super::send::file(&state, &req, &file, evidence).await
}
