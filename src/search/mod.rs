//! Full-text search of papers in Chinese and English. `SearchIndex` is what the service needs
//! of an engine; `embedded` is the default engine (tantivy with a jieba analyzer, under the data
//! directory). What a user may find is decided before the engine runs: `access` turns a user
//! into access tokens matched against each document's, so results, facet counts and
//! highlights only ever cover documents the user may see. Index updates travel through the
//! job queue (`jobs`), so a search outage delays them and loses none.

pub mod access;
pub mod api;
pub mod documents;
pub mod embedded;
pub mod jobs;
pub mod meili;
pub mod pages;
pub mod reindex;

use serde::{Deserialize, Serialize};

/// A paper as indexed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaperDoc {
    /// Submission id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Track.
    pub track_id: Option<i64>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Keywords.
    pub keywords: String,
    /// Authors as shown ("name (affiliation)").
    pub authors: Vec<String>,
    /// Whether anyone who may see the paper may also see and search its authors (not
    /// double-blind, or accepted and public).
    pub authors_open: bool,
    /// Topic ids.
    pub topics: Vec<i64>,
    /// Year of the venue.
    pub year: i32,
    /// `submitted` or `accepted`.
    pub status: String,
    /// Submission time, microseconds since the epoch (for "newest first").
    pub created: i64,
    /// Access tokens: who may find it (see `access`).
    pub access: Vec<String>,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Best match first (the default).
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A checked search.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Words typed (empty: browse everything visible).
    pub q: String,
    /// Only this venue.
    pub venue: Option<i64>,
    /// Only this year.
    pub year: Option<i32>,
    /// Only this topic.
    pub topic: Option<i64>,
    /// Order.
    pub sort: SortBy,
    /// 1-based page.
    pub page: usize,
    /// Results per page.
    pub per_page: usize,
}

/// One result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// `paper`.
    pub kind: String,
    /// Submission id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Authors, when the user may know them.
    pub authors: Option<Vec<String>>,
    /// Year.
    pub year: i32,
    /// `submitted` or `accepted`.
    pub status: String,
    /// Title with the matched words in `<mark>` (HTML, escaped).
    pub title_html: String,
    /// A passage of the abstract with the matched words in `<mark>` (HTML, escaped).
    pub snippet_html: String,
}

/// A facet value and how many visible results have it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetCount {
    /// The value (venue id, year, topic id, kind).
    pub value: String,
    /// Results with it.
    pub count: u64,
}

/// Counts per facet.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Facets {
    /// By venue id.
    pub venue: Vec<FacetCount>,
    /// By year.
    pub year: Vec<FacetCount>,
    /// By topic id.
    pub topic: Vec<FacetCount>,
    /// By kind of document.
    pub kind: Vec<FacetCount>,
}

/// A page of results.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Results {
    /// Matching documents the user may see.
    pub total: usize,
    /// This page.
    pub hits: Vec<Hit>,
    /// Counts over all matching visible documents.
    pub facets: Facets,
}

/// The engine the configuration asks for: Meilisearch when `XUEHUI_MEILI_URL` is set, else
/// the embedded engine under the data directory.
pub fn engine(config: &crate::config::Config) -> anyhow::Result<std::sync::Arc<dyn SearchIndex>> {
    Ok(match &config.meili {
        Some(m) => std::sync::Arc::new(meili::Meili::new(m, &config.search_settings_dir)?),
        None => std::sync::Arc::new(embedded::Embedded::new(&config.data_dir, &config.search_settings_dir)?),
    })
}

/// What an engine must do. Calls block; the web layer runs them off the async threads.
pub trait SearchIndex: Send + Sync {
    /// Adds or replaces papers.
    fn upsert(&self, docs: &[PaperDoc]) -> anyhow::Result<()>;
    /// Removes papers (ids that are not indexed are ignored).
    fn delete(&self, ids: &[i64]) -> anyhow::Result<()>;
    /// Searches as `viewer`.
    fn search(&self, viewer: &access::Viewer, q: &SearchQuery) -> anyhow::Result<Results>;
    /// Whether the index was created empty by this process (a new installation, or an upgrade
    /// from a version without search), so that existing papers must be queued for indexing.
    fn is_new(&self) -> bool;
    /// Builds a new index from `docs` beside the live one and swaps it in.
    fn rebuild(&self, docs: &mut dyn Iterator<Item = anyhow::Result<PaperDoc>>, progress: &dyn Fn(u64)) -> anyhow::Result<u64>;
}
