//! A society's yearly volume of salon minutes: the page listing a year's published minutes of
//! the society's salons (by the salon's first day) and one PDF of them with a cover and a table
//! of contents, in date order. Published minutes are public, so the volume is too; a year
//! without minutes, or an unknown society, is 404.

use actix_web::{HttpResponse, web};
use chrono::Datelike;
use serde::Serialize;
use tera::Context;

use super::service;
use super::view::MinutesPublic;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::bilingual::pick;
use crate::web::i18n::t;
use crate::web::page::Page;

/// A society's published minutes of one year.
#[derive(Debug, Clone, Serialize)]
pub struct MinutesYear {
    /// The society's URL name.
    pub society: String,
    /// Its Chinese name.
    pub society_zh: String,
    /// Its English name.
    pub society_en: String,
    /// The year.
    pub year: i32,
    /// The minutes, by the salons' first days.
    pub items: Vec<MinutesPublic>,
}

/// The published minutes of society `slug`'s salons that began in `year` (404 for none).
pub fn year(conn: &mut AnyConnection, slug: &str, year: i32) -> AppResult<MinutesYear> {
    let (id, slug, zh, en) = super::store::society_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    let mut rows: Vec<_> = super::store::published_of_society(conn, id)?
        .into_iter()
        // A salon still a draft (call never opened) is not public, nor are its minutes.
        .filter(|(_, v)| v.is_open() && v.starts_on.is_some_and(|d| d.year() == year))
        .collect();
    rows.sort_by_key(|(m, v)| (v.starts_on, m.id));
    if rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let mut items = Vec::with_capacity(rows.len());
    for (m, v) in &rows {
        items.push(service::public_of(conn, v, m)?);
    }
    Ok(MinutesYear {
        society: slug,
        society_zh: zh,
        society_en: en,
        year,
        items,
    })
}

fn parse_year(s: &str) -> AppResult<i32> {
    s.parse::<i32>()
        .ok()
        .filter(|y| (1900..=9999).contains(y))
        .ok_or(AppError::NotFound)
}

/// `GET /societies/{slug}/minutes/{year}`: the year's minutes with links to each and the PDF.
pub async fn page(state: web::Data<AppState>, page: Page, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (slug, y) = path.into_inner();
    let y = parse_year(&y)?;
    let data = state.db.run(move |c| year(c, &slug, y)).await?;
    let mut ctx = Context::new();
    ctx.insert("v", &data);
    page.render(&state, "salons/minutes/year.html", ctx)
}

/// `GET /societies/{slug}/minutes/{year}.pdf`: the volume in the reader's language.
pub async fn pdf(state: web::Data<AppState>, page: Page, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (slug, y) = path.into_inner();
    let y = parse_year(&y)?;
    let data = state.db.run(move |c| year(c, &slug, y)).await?;
    let lang = page.lang;
    let title = t(lang, "minutes.volume_title").replace("{year}", &data.year.to_string());
    let society = pick(&data.society_zh, &data.society_en, lang).to_string();
    let book = super::pdf::book(&data.items, lang, Some((title, society)));
    super::pdf::respond(&state, book, format!("{}-minutes-{}.pdf", data.society, data.year)).await
}
