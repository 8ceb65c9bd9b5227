//! `GET /api/v1/search`: the same search for everyone, filtered by what the caller may see.

use actix_web::web;
use serde::{Deserialize, Serialize};

use super::{Results, SearchQuery, SortBy};
use crate::auth::MaybeUser;
use crate::error::{AppError, AppResult, ErrorBody, FieldErrors};
use crate::web::AppState;

/// Longest query, in characters.
pub const MAX_QUERY: usize = 200;
/// Most results per page.
pub const MAX_PER_PAGE: usize = 100;

/// Query parameters, as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct SearchParams {
    /// Words to find (empty: everything the caller may see, newest first).
    pub q: Option<String>,
    /// `paper` (the only kind indexed so far), or empty for all.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<String>,
    /// Venue id.
    pub venue: Option<String>,
    /// Year.
    pub year: Option<String>,
    /// Topic id.
    pub topic: Option<String>,
    /// `relevance` (default) or `date`.
    pub sort: Option<String>,
    /// 1-based page.
    pub page: Option<String>,
    /// Results per page (1–100, default 20).
    pub per_page: Option<String>,
}

fn number<T: std::str::FromStr + PartialOrd>(v: &Option<String>, name: &str, min: T, max: T, f: &mut FieldErrors) -> Option<T> {
    crate::web::params::number(v, name, min, max, &format!("validation.search_{name}"), f)
}

/// Checks the parameters; every error names its parameter.
pub fn check(p: &SearchParams) -> AppResult<SearchQuery> {
    let mut f = FieldErrors::new();
    let q = p.q.clone().unwrap_or_default().trim().to_string();
    if q.chars().count() > MAX_QUERY {
        f.insert("q".into(), "validation.search_q".into());
    }
    if !matches!(p.kind.as_deref().unwrap_or(""), "" | "paper") {
        f.insert("type".into(), "validation.search_type".into());
    }
    let sort = match p.sort.as_deref().unwrap_or("") {
        "" | "relevance" => SortBy::Relevance,
        "date" => SortBy::Date,
        _ => {
            f.insert("sort".into(), "validation.search_sort".into());
            SortBy::Relevance
        }
    };
    let query = SearchQuery {
        q,
        venue: number(&p.venue, "venue", 1, i64::MAX, &mut f),
        year: number(&p.year, "year", 1900, 2200, &mut f),
        topic: number(&p.topic, "topic", 1, i64::MAX, &mut f),
        sort,
        page: number(&p.page, "page", 1, 10_000, &mut f).unwrap_or(1),
        per_page: number(&p.per_page, "per_page", 1, MAX_PER_PAGE, &mut f).unwrap_or(20),
    };
    if f.is_empty() {
        Ok(query)
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// Runs a checked search for the caller (anonymous callers see public papers only).
pub async fn run(state: &AppState, user: Option<crate::auth::User>, q: SearchQuery) -> AppResult<Results> {
    let viewer = state.db.run(move |c| super::access::viewer(c, user.as_ref())).await?;
    let search = state.search.clone();
    tokio::task::spawn_blocking(move || search.search(&viewer, &q))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Unavailable(format!("search: {e}")))
}

/// Searches papers in Chinese and English: results, highlighted passages and facet counts
/// cover only what the caller may see.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParams),
    responses((status = 200, body = Results), (status = 422, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn search(state: web::Data<AppState>, user: MaybeUser, q: web::Query<SearchParams>) -> AppResult<web::Json<Results>> {
    let query = check(&q)?;
    Ok(web::Json(run(&state, user.0, query).await?))
}
