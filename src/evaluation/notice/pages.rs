//! Objection forms on the results page: anyone signed in files one during the notice; the
//! committee decides each.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, ObjectionInput};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::error::AppResult;
use crate::evaluation::rounds::store;
use crate::panel::objections::DecisionInput;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// The objection form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct ObjectionForm {
    #[serde(default)]
    entry: String,
    #[serde(default)]
    reason: String,
}

/// Flashes the message of a form's problem (validation or conflict), or fails.
fn flash_problem(page: &Page, e: AppError) -> AppResult<()> {
    match e {
        AppError::Validation { fields } => {
            flash(
                &page.session,
                fields.values().next().map_or("evaluation.conflict_entry", |k| k.as_str()),
            );
            Ok(())
        }
        AppError::Conflict(key) => {
            flash(&page.session, &key);
            Ok(())
        }
        e => Err(e),
    }
}

/// `POST /evaluation/{slug}/objections`.
pub async fn file(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ObjectionForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s2) = (user.user.clone(), slug.clone());
    let input = ObjectionInput {
        entry: form.entry.trim().parse().unwrap_or(0),
        reason: form.reason,
    };
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            service::file(c, &u, &r, &input, Utc::now().naive_utc())
        })
        .await;
    match result {
        Ok(_) => flash(&page.session, "evaluation.objection_filed"),
        Err(e) => flash_problem(&page, e)?,
    }
    Ok(redirect(&format!("/evaluation/{slug}/results#objections")))
}

/// `POST /evaluation/{slug}/objections/{id}/decision` (the committee).
pub async fn decide(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecisionInput>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (u, s2, st) = (user.user.clone(), slug.clone(), state.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            service::decide(c, &st, &u, &r, id, &form)
        })
        .await;
    match result {
        Ok(()) => flash(&page.session, "evaluation.objection_decided"),
        Err(e) => flash_problem(&page, e)?,
    }
    Ok(redirect(&format!("/evaluation/{slug}/results#objection-{id}")))
}
