//! The chairs' conflicts page: detection, suggestions to confirm or dismiss, and every
//! confirmed conflict with where it came from.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use tera::Context;

use super::model::{CONFIRMED, Conflict, DISMISSED};
use super::service;
use crate::auth::{CurrentUser, pages::Empty};
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// A conflict as the page lists it.
#[derive(Serialize)]
struct Row {
    c: Conflict,
    number: i32,
    title: String,
    member: String,
    reasons: Vec<(String, String)>,
}

/// `GET /venues/{slug}/conflicts` (chairs).
pub async fn index(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let zh = page.lang == crate::web::i18n::Lang::ZhCn;
    let (venue, rows, unusual) = as_chair(&state, &user, path.into_inner(), move |c, chair| {
        let vid = chair.venue.id;
        let names = service::member_names(c, vid)?;
        let papers = crate::submissions::store::titles(c, vid, false)?;
        let rows = service::list_for(c, chair, None)?
            .into_iter()
            .map(|x| {
                let p = papers.iter().find(|p| p.0 == x.submission_id);
                let title = p
                    .map(|p| {
                        if (zh && !p.2.is_empty()) || p.3.is_empty() {
                            p.2.clone()
                        } else {
                            p.3.clone()
                        }
                    })
                    .unwrap_or_default();
                Row {
                    number: p.map(|p| p.1).unwrap_or_default(),
                    title,
                    member: names.get(&x.user_id).cloned().unwrap_or_else(|| format!("#{}", x.user_id)),
                    reasons: service::reasons(&x.reason),
                    c: x,
                }
            })
            .collect::<Vec<_>>();
        let unusual: Vec<(i64, i32, usize)> = service::unusual_declarations(c, chair)?
            .into_iter()
            .map(|u| {
                (
                    u.submission_id,
                    papers.iter().find(|p| p.0 == u.submission_id).map(|p| p.1).unwrap_or_default(),
                    u.declared,
                )
            })
            .collect();
        Ok((chair.venue.clone(), rows, unusual))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("unusual", &unusual);
    ctx.insert("suggested", &rows.iter().filter(|r| r.c.status == super::model::SUGGESTED).count());
    ctx.insert("rows", &rows);
    page.render(&state, "review/conflicts.html", ctx)
}

/// `POST /venues/{slug}/conflicts/detect`.
pub async fn detect(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    as_chair(&state, &user, slug.clone(), |c, chair| service::detect(c, chair.venue.id)).await?;
    flash(&page.session, "conflicts.detected");
    Ok(redirect(&format!("/venues/{slug}/conflicts")))
}

async fn decide(
    state: &AppState,
    page: &Page,
    user: CurrentUser,
    slug: String,
    id: i64,
    status: super::model::ConflictStatus,
) -> AppResult<HttpResponse> {
    let result = as_chair(state, &user, slug.clone(), move |c, chair| {
        service::decide(c, chair, id, status).map(|_| ())
    })
    .await;
    // Back to the row the chair acted on, not to the top of a long list.
    let done = if status == CONFIRMED {
        "conflicts.confirmed"
    } else {
        "conflicts.dismissed"
    };
    answered(page, result, done, &format!("/venues/{slug}/conflicts#conflict-{id}"))
}

/// Flashes `done`, or the reason a decision was refused, and goes `back`.
fn answered(page: &Page, result: AppResult<()>, done: &str, back: &str) -> AppResult<HttpResponse> {
    match result {
        Ok(()) => flash(&page.session, done),
        Err(AppError::Conflict(key)) => flash(&page.session, &key),
        Err(e) => return Err(e),
    }
    Ok(redirect(back))
}

/// `POST /venues/{slug}/conflicts/bulk`: confirms or dismisses every ticked row (`ids`) at once,
/// all or none.
pub async fn bulk(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let mut ids = Vec::new();
    let mut status = None;
    for (k, v) in &form {
        match k.as_str() {
            "ids" => ids.push(v.parse::<i64>().map_err(|_| AppError::field("ids", "validation.number_invalid"))?),
            "status" => status = super::model::ConflictStatus::parse(v).filter(|s| *s == CONFIRMED || *s == DISMISSED),
            _ => {}
        }
    }
    let back = format!("/venues/{slug}/conflicts");
    let Some(status) = status else {
        return Err(AppError::field("status", "validation.required"));
    };
    if ids.is_empty() {
        flash(&page.session, "conflicts.none_ticked");
        return Ok(redirect(&back));
    }
    let result = as_chair(&state, &user, slug.clone(), move |c, chair| {
        for id in &ids {
            service::decide(c, chair, *id, status)?;
        }
        Ok(())
    })
    .await;
    let done = if status == CONFIRMED {
        "conflicts.confirmed_many"
    } else {
        "conflicts.dismissed_many"
    };
    answered(&page, result, done, &back)
}

/// `POST /venues/{slug}/conflicts/{id}/confirm`.
pub async fn confirm(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    decide(&state, &page, user, slug, id, CONFIRMED).await
}

/// `POST /venues/{slug}/conflicts/{id}/dismiss`.
pub async fn dismiss(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    decide(&state, &page, user, slug, id, DISMISSED).await
}
