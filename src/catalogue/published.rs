//! Published catalogues for readers: exports, a journal's history across editions, and the
//! comparison of two editions.

use diesel::prelude::*;
use serde::Serialize;

use super::diff::{self, Diff};
use super::entries::Entry;
use super::model::Edition;
use super::view;
use crate::db::AnyConnection;
use crate::db::schema::{catalogue_editions, catalogue_entries};
use crate::error::{AppError, AppResult};

/// Columns of the catalogue export.
pub const HEADERS: [&str; 12] = [
    "tier",
    "position",
    "name_zh",
    "name_en",
    "issn",
    "eissn",
    "cn",
    "publisher",
    "country",
    "languages",
    "kind",
    "fields",
];

/// One export row per entry, in catalogue order.
pub fn rows(entries: &[Entry]) -> Vec<Vec<String>> {
    entries
        .iter()
        .map(|e| {
            let j = &e.journal;
            vec![
                e.tier.clone(),
                e.position.to_string(),
                j.name_zh.clone(),
                j.name_en.clone(),
                j.issn.clone().unwrap_or_default(),
                j.eissn.clone().unwrap_or_default(),
                j.cn.clone().unwrap_or_default(),
                j.publisher.clone(),
                j.country.clone(),
                j.languages.join(";"),
                j.kind.to_string(),
                j.fields.join(";"),
            ]
        })
        .collect()
}

/// The entries of a public edition (404 before its public notice: nothing to export yet).
pub fn public_entries(conn: &mut AnyConnection, e: &Edition) -> AppResult<Vec<Entry>> {
    if !view::is_public(e) {
        return Err(AppError::NotFound);
    }
    super::entries::list(conn, e.id)
}

/// A journal's place in one edition.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HistoryLine {
    /// Edition URL name.
    pub slug: String,
    /// Year.
    pub year: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// `notice` (proposed) or `published`.
    pub phase: String,
    /// Tier.
    pub tier: String,
}

/// The journal's tiers in every public edition, newest first.
pub fn history(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<HistoryLine>> {
    let rows: Vec<(String, i32, String, String, String, String)> = catalogue_entries::table
        .inner_join(catalogue_editions::table.on(catalogue_editions::id.eq(catalogue_entries::edition_id)))
        .filter(catalogue_entries::journal_id.eq(journal_id))
        .filter(catalogue_editions::phase.eq_any(["notice", "published"]))
        .order((catalogue_editions::year.desc(), catalogue_editions::id.desc()))
        .select((
            catalogue_editions::slug,
            catalogue_editions::year,
            catalogue_editions::title_zh,
            catalogue_editions::title_en,
            catalogue_editions::phase,
            catalogue_entries::tier,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(slug, year, title_zh, title_en, phase, tier)| HistoryLine {
            slug,
            year,
            title_zh,
            title_en,
            phase,
            tier,
        })
        .collect())
}

/// Two editions compared, with the journals' names.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Comparison {
    /// The earlier edition's URL name.
    pub from: String,
    /// The later edition's URL name.
    pub to: String,
    /// What changed.
    pub diff: Diff,
    /// Journal id -> (Chinese name, English name).
    // JSON object keys are strings; the derived schema would declare them integers.
    #[schema(value_type = std::collections::HashMap<String, (String, String)>)]
    pub names: std::collections::HashMap<i64, (String, String)>,
}

/// Compares `from` with `to`; both must be public.
pub fn compare(conn: &mut AnyConnection, from: &Edition, to: &Edition) -> AppResult<Comparison> {
    let a = public_entries(conn, from)?;
    let b = public_entries(conn, to)?;
    let tiers = |v: &[Entry]| v.iter().map(|e| (e.journal.id, e.tier.clone())).collect::<Vec<_>>();
    let diff = diff::diff(&tiers(&a), &tiers(&b));
    let names = a
        .iter()
        .chain(b.iter())
        .map(|e| (e.journal.id, (e.journal.name_zh.clone(), e.journal.name_en.clone())))
        .collect();
    Ok(Comparison {
        from: from.slug.clone(),
        to: to.slug.clone(),
        diff,
        names,
    })
}

/// The export of an edition as (bytes, content type, file name); `format` is `csv` or `xlsx`.
pub fn export(c: &mut AnyConnection, e: &Edition, format: &str) -> AppResult<(Vec<u8>, &'static str, String)> {
    let entries = super::published::public_entries(c, e)?;
    let rows = super::published::rows(&entries);
    let headers = super::published::HEADERS;
    Ok(match format {
        "xlsx" => (
            crate::web::sheets::xlsx("catalogue", &headers, &rows)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            format!("{}.xlsx", e.slug),
        ),
        _ => (
            crate::web::sheets::csv(&headers, &rows)?,
            "text/csv; charset=utf-8",
            format!("{}.csv", e.slug),
        ),
    })
}
