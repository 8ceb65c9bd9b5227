//! The search query parameters as typed, and their check into a `SearchQuery` (shared by the
//! API and the search page).

use serde::{Deserialize, Serialize};

use super::{Kind, SearchQuery, SortBy};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::journals::model::JournalKind;

/// Longest query, in characters.
pub const MAX_QUERY: usize = 200;
/// Most results per page.
pub const MAX_PER_PAGE: usize = 100;

/// Query parameters, as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct SearchParams {
    /// Words to find (empty: everything the caller may see, newest first).
    pub q: Option<String>,
    /// `paper`, `article`, `talk`, `minutes`, `journal` or `catalogue_entry`; empty for all.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    #[param(value_type = Option<crate::web::openapi::params::SearchType>, inline)]
    pub kind: Option<String>,
    /// Venue id.
    #[param(value_type = Option<i64>)]
    pub venue: Option<String>,
    /// Year.
    #[param(value_type = Option<i64>, minimum = 1900, maximum = 2200)]
    pub year: Option<String>,
    /// Topic id.
    #[param(value_type = Option<i64>)]
    pub topic: Option<String>,
    /// Field id (journals and catalogue entries).
    #[param(value_type = Option<i64>)]
    pub field: Option<String>,
    /// Tier: `T1`, `T2` or `T3` (catalogue entries).
    #[param(value_type = Option<crate::web::openapi::params::Tier>, inline)]
    pub tier: Option<String>,
    /// ISO 639-1 language code (journals and catalogue entries).
    pub language: Option<String>,
    /// Journal type: `basic`, `applied` or `popular`.
    #[param(value_type = Option<crate::journals::model::JournalKind>, inline)]
    pub journal_type: Option<String>,
    /// Catalogue edition id.
    #[param(value_type = Option<i64>)]
    pub edition: Option<String>,
    /// `relevance` (default) or `date`.
    #[param(value_type = Option<crate::web::openapi::params::SearchSort>, inline)]
    pub sort: Option<String>,
    /// 1-based page.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 10000)]
    pub page: Option<String>,
    /// Results per page (1–100, default 20).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

fn number<T: std::str::FromStr + PartialOrd>(v: &Option<String>, name: &str, min: T, max: T, f: &mut FieldErrors) -> Option<T> {
    crate::web::params::number(v, name, min, max, &format!("validation.search_{name}"), f)
}

/// Tiers of a catalogue.
const TIERS: [&str; 3] = ["T1", "T2", "T3"];

/// A parameter that must be one of a few codes (empty: not given).
fn choice(v: &Option<String>, name: &str, ok: impl Fn(&str) -> bool, f: &mut FieldErrors) -> Option<String> {
    let v = v.as_deref().map(str::trim).unwrap_or("");
    if v.is_empty() {
        return None;
    }
    if !ok(v) {
        f.insert(name.into(), format!("validation.search_{name}"));
        return None;
    }
    Some(v.to_string())
}

/// Checks the parameters; every error names its parameter.
pub fn check(p: &SearchParams) -> AppResult<SearchQuery> {
    let mut f = FieldErrors::new();
    let q = p.q.clone().unwrap_or_default().trim().to_string();
    if q.chars().count() > MAX_QUERY {
        f.insert("q".into(), "validation.search_q".into());
    }
    let kind = match p.kind.as_deref().map(str::trim).unwrap_or("") {
        "" => None,
        k => {
            let kind = Kind::parse(k);
            if kind.is_none() {
                f.insert("type".into(), "validation.search_type".into());
            }
            kind
        }
    };
    let tier = choice(&p.tier, "tier", |v| TIERS.contains(&v), &mut f);
    let language = choice(
        &p.language,
        "language",
        |v| v.len() == 2 && v.chars().all(|c| c.is_ascii_lowercase()),
        &mut f,
    );
    let journal_type = choice(&p.journal_type, "journal_type", |v| JournalKind::parse(v).is_some(), &mut f);
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
        kind,
        field: number(&p.field, "field", 1, i64::MAX, &mut f),
        tier,
        language,
        journal_type,
        edition: number(&p.edition, "edition", 1, i64::MAX, &mut f),
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
