//! The public journal site's pages: `/j/{slug}` (the current issue), `/j/{slug}/archive`,
//! `/j/{slug}/issues/{volume}/{number}` (+ `/cover`), `/j/{slug}/articles/{id}` (+
//! `/galleys/{galley}`, `/cite.{bib,ris,json}`, `/jats.xml`). Anyone reads them; nothing unpublished is found.

use actix_web::{HttpRequest, HttpResponse, web};
use tera::Context;

use super::view;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::page::Page;

/// `GET /j/{slug}`.
pub async fn home(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (j, current, count) = state.db.run(move |c| view::home(c, &slug)).await?;
    let mut ctx = Context::new();
    ctx.insert("j", &j);
    ctx.insert("current", &current);
    ctx.insert("issue_count", &count);
    page.render(&state, "journals/public/home.html", ctx)
}

/// `GET /j/{slug}/archive`.
pub async fn archive(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (j, issues) = state.db.run(move |c| view::archive(c, &slug)).await?;
    let mut ctx = Context::new();
    ctx.insert("j", &j);
    ctx.insert("issues", &issues);
    page.render(&state, "journals/public/archive.html", ctx)
}

/// `GET /j/{slug}/issues/{volume}/{number}`.
pub async fn issue(state: web::Data<AppState>, page: Page, path: web::Path<(String, i32, i32)>) -> AppResult<HttpResponse> {
    let (slug, volume, number) = path.into_inner();
    let (j, issue) = state.db.run(move |c| view::issue_page(c, &slug, volume, number)).await?;
    let mut ctx = Context::new();
    ctx.insert("j", &j);
    ctx.insert("current", &issue);
    page.render(&state, "journals/public/issue.html", ctx)
}

/// `GET /j/{slug}/issues/{volume}/{number}/cover`.
pub async fn cover(state: web::Data<AppState>, req: HttpRequest, path: web::Path<(String, i32, i32)>) -> AppResult<HttpResponse> {
    let (slug, volume, number) = path.into_inner();
    let file = state
        .db
        .run(move |c| {
            let j = view::journal(c, &slug)?;
            let i = crate::journals::issues::store::published_by_number(c, j.id, volume, number)?;
            crate::files::model::get(c, i.cover_file_id.ok_or(AppError::NotFound)?)
        })
        .await?;
    let ext = crate::files::sniff::extension(&file.content_type);
    crate::files::download::send(
        &state,
        &req,
        crate::files::download::Download {
            sha256: &file.sha256,
            ext,
            name: format!("cover-{volume}-{number}.{ext}"),
            inline: true,
        },
    )
    .await
}

/// `GET /j/{slug}/articles/{id}`: the article with its Highwire tags.
pub async fn article(state: web::Data<AppState>, page: Page, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let base = state.config.base_url.clone();
    let (j, a) = state.db.run(move |c| view::article(c, &slug, id, &base)).await?;
    let mut ctx = Context::new();
    ctx.insert("meta_tags", &super::highwire::tags(&a, &state.config.base_url));
    ctx.insert("j", &j);
    ctx.insert("a", &a);
    page.render(&state, "journals/public/article.html", ctx)
}

/// `GET /j/{slug}/articles/{id}/cite.{format}`: the article as BibTeX (`bib`), RIS (`ris`) or
/// CSL-JSON (`json`), to download.
pub async fn cite(state: web::Data<AppState>, path: web::Path<(String, i64, String)>) -> AppResult<HttpResponse> {
    let (slug, id, ext) = path.into_inner();
    let format = crate::formats::citation::Format::from_extension(&ext).ok_or(AppError::NotFound)?;
    let base = state.config.base_url.clone();
    let (text, name) = state.db.run(move |c| view::citation(c, &slug, id, format, &base)).await?;
    Ok(crate::web::citation::download(format, text, &name))
}

/// `GET /j/{slug}/articles/{id}/jats.xml`: the published article as JATS 1.3 XML.
pub async fn jats(state: web::Data<AppState>, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (xml, name) = state.db.run(move |c| view::jats(c, &slug, id)).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/jats+xml; charset=utf-8")
        .insert_header(actix_web::http::header::ContentDisposition {
            disposition: actix_web::http::header::DispositionType::Inline,
            parameters: vec![actix_web::http::header::DispositionParam::Filename(name)],
        })
        .body(xml))
}

/// `GET /j/{slug}/articles/{id}/galleys/{galley}`: a published galley (HTML sandboxed).
pub async fn galley(state: web::Data<AppState>, req: HttpRequest, path: web::Path<(String, i64, i64)>) -> AppResult<HttpResponse> {
    let (slug, id, gid) = path.into_inner();
    let (g, file, j) = state
        .db
        .run(move |c| {
            let (j, a, _) = view::published_article(c, &slug, id)?;
            let g = crate::journals::articles::store::galley(c, a.id, gid)?;
            let file = crate::files::model::get(c, g.file_id)?;
            Ok((g, file, j))
        })
        .await?;
    crate::journals::articles::pages::send_galley(&state, &req, &g, &file, format!("{}-{id}-{}", j.slug, g.lang)).await
}
