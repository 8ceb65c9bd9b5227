//! Public pages of published results: the demonstrative conferences, one conference across
//! its editions, and the badge.

use actix_web::{HttpResponse, web};
use tera::Context;

use super::service;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::page::Page;

/// `GET /evaluation/demonstrative`.
pub async fn demonstrative(state: web::Data<AppState>, page: Page) -> AppResult<HttpResponse> {
    let rounds = state.db.run(service::designated).await?;
    let mut ctx = Context::new();
    ctx.insert("rounds", &rounds);
    page.render(&state, "evaluation/demonstrative.html", ctx)
}

/// `GET /evaluation/conferences/{slug}`.
pub async fn history(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let h = state.db.run(move |c| service::history(c, &slug)).await?;
    let mut ctx = Context::new();
    ctx.insert("h", &h);
    page.render(&state, "evaluation/history.html", ctx)
}

/// `GET /evaluation/{slug}/badge/{entry}`: the SVG badge of a designated conference.
pub async fn badge(state: web::Data<AppState>, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (slug, file) = path.into_inner();
    let entry: i64 = file
        .trim_end_matches(".svg")
        .parse()
        .map_err(|_| crate::error::AppError::NotFound)?;
    let svg = state.db.run(move |c| service::badge(c, &slug, entry)).await?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(svg))
}
