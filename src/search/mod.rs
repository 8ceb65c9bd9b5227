//! Full-text search of papers, journals, catalogue entries, programme talks, salon minutes and
//! journal articles in Chinese and English.
//! `SearchIndex` is what the service needs of an engine; `embedded` is the default engine
//! (tantivy with a jieba analyzer, under the data directory). All kinds live in one index, so
//! one query ranks, counts and pages them together. What a user may find is decided before the
//! engine runs: `access` turns a user into access tokens matched against each document's, so
//! results, facet counts and highlights only ever cover documents the user may see. Index
//! updates travel through the job queue (`jobs`), so a search outage delays them and loses none.

pub mod access;
pub mod api;
pub mod documents;
pub mod embedded;
pub mod jobs;
pub mod meili;
pub mod pages;
pub mod params;
pub mod recovery;
pub mod reindex;
pub mod routes;
pub mod service;
pub mod store;

use serde::{Deserialize, Serialize};

/// The name of the index (settings in `search/documents.json`, data under
/// `<data dir>/search/documents`).
pub const INDEX: &str = "documents";

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A submission to a venue.
    #[default]
    Paper,
    /// A journal in the register.
    Journal,
    /// A journal's place in a public edition of a tiered catalogue.
    CatalogueEntry,
    /// An invited talk, panel or other item of a published programme (papers' talks are
    /// found as the papers).
    Talk,
    /// A salon's published minutes (id: the salon venue's).
    Minutes,
    /// A journal's published article.
    Article,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 6] = [
        Kind::Paper,
        Kind::Journal,
        Kind::CatalogueEntry,
        Kind::Talk,
        Kind::Minutes,
        Kind::Article,
    ];

    /// The code used in URLs, facets and the index.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Paper => "paper",
            Kind::Journal => "journal",
            Kind::CatalogueEntry => "catalogue_entry",
            Kind::Talk => "talk",
            Kind::Minutes => "minutes",
            Kind::Article => "article",
        }
    }

    /// Parses a code.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// What a result shows besides its text; stored with the document. Fields that do not apply
/// to a kind are empty.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Meta {
    /// Venue of a paper.
    pub venue_id: Option<i64>,
    /// Number of a paper within its venue.
    pub number: Option<i32>,
    /// Track of a paper.
    pub track_id: Option<i64>,
    /// Year of a paper's venue or of an entry's edition.
    pub year: Option<i32>,
    /// A paper's `submitted` or `accepted`; an entry's `notice` (proposed) or `published`; an
    /// article's `published`.
    pub status: String,
    /// Print ISSN of a journal.
    pub issn: Option<String>,
    /// Electronic ISSN of a journal.
    pub eissn: Option<String>,
    /// CN number of a journal.
    pub cn: Option<String>,
    /// Field ids: a journal's fields, or the field of an entry's edition.
    pub fields: Vec<i64>,
    /// ISO 639-1 languages a journal publishes in.
    pub languages: Vec<String>,
    /// A journal's type: `basic`, `applied` or `popular`.
    pub journal_type: Option<String>,
    /// An entry's tier (`T1`, `T2`, `T3`).
    pub tier: Option<String>,
    /// An entry's edition id.
    pub edition_id: Option<i64>,
    /// An entry's edition URL name.
    pub edition_slug: Option<String>,
    /// An entry's edition title in Chinese.
    pub edition_title_zh: Option<String>,
    /// An entry's edition title in English.
    pub edition_title_en: Option<String>,
    /// The journal of an article.
    pub journal_id: Option<i64>,
    /// The site address name of an article's journal (`/j/<slug>`).
    pub journal_slug: Option<String>,
    /// An article's journal name in Chinese.
    pub journal_zh: Option<String>,
    /// An article's journal name in English.
    pub journal_en: Option<String>,
    /// Where an article appeared: `2027, 3(2): 101-104`.
    pub locator: Option<String>,
    /// An article's DOI.
    pub doi: Option<String>,
}

/// A document as indexed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// What it is.
    pub kind: Kind,
    /// Submission id for papers, journal id for journals and entries, article id for articles.
    pub id: i64,
    /// Chinese title or journal name.
    pub title_zh: String,
    /// English title or journal name.
    pub title_en: String,
    /// A paper's abstract; a journal's publisher and country.
    pub abstract_text: String,
    /// A paper's keywords; a journal's identifiers and field names.
    pub keywords: String,
    /// Authors as shown ("name, affiliation").
    pub authors: Vec<String>,
    /// Whether anyone who may see the paper may also see and search its authors (not
    /// double-blind, or accepted and public).
    pub authors_open: bool,
    /// Topic ids of a paper.
    pub topics: Vec<i64>,
    /// Time for "newest first", microseconds since the epoch (submission, entry into the
    /// register, or the edition's notice or publication).
    pub created: i64,
    /// Access tokens: who may find it (see `access`).
    pub access: Vec<String>,
    /// A paper's full text as read from its PDF ("" when none was read).
    #[serde(default)]
    pub body: String,
    /// Who may find it by words of `body`: those who may read its PDF (see `access`), a
    /// subset of `access`.
    #[serde(default)]
    pub body_access: Vec<String>,
    /// What results show.
    pub meta: Meta,
}

impl Document {
    /// The key that is unique across kinds (`paper-5`, `journal-3`, `entry-2-3`).
    pub fn key(&self) -> String {
        key(self.kind, self.id, self.meta.edition_id)
    }
}

/// The unique key of a document.
pub fn key(kind: Kind, id: i64, edition_id: Option<i64>) -> String {
    match kind {
        Kind::Paper => format!("paper-{id}"),
        Kind::Journal => format!("journal-{id}"),
        Kind::CatalogueEntry => format!("entry-{}-{id}", edition_id.unwrap_or_default()),
        Kind::Talk => format!("talk-{id}"),
        Kind::Minutes => format!("minutes-{id}"),
        Kind::Article => format!("article-{id}"),
    }
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
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only this venue.
    pub venue: Option<i64>,
    /// Only this year.
    pub year: Option<i32>,
    /// Only this topic.
    pub topic: Option<i64>,
    /// Only this field.
    pub field: Option<i64>,
    /// Only this tier.
    pub tier: Option<String>,
    /// Only this language.
    pub language: Option<String>,
    /// Only this journal type.
    pub journal_type: Option<String>,
    /// Only this catalogue edition.
    pub edition: Option<i64>,
    /// Order.
    pub sort: SortBy,
    /// 1-based page.
    pub page: usize,
    /// Results per page.
    pub per_page: usize,
}

impl SearchQuery {
    /// The chosen filters as (facet name, value), in the names the facets have.
    pub fn filters(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut add = |name: &'static str, v: Option<String>| {
            if let Some(v) = v {
                out.push((name, v));
            }
        };
        add("kind", self.kind.map(|k| k.code().to_string()));
        add("venue", self.venue.map(|x| x.to_string()));
        add("year", self.year.map(|x| x.to_string()));
        add("topic", self.topic.map(|x| x.to_string()));
        add("field", self.field.map(|x| x.to_string()));
        add("tier", self.tier.clone());
        add("language", self.language.clone());
        add("journal_type", self.journal_type.clone());
        add("edition", self.edition.map(|x| x.to_string()));
        out
    }
}

/// One result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// What it is.
    pub kind: Kind,
    /// Submission id for papers, journal id for journals and entries.
    pub id: i64,
    /// Chinese title or name.
    pub title_zh: String,
    /// English title or name.
    pub title_en: String,
    /// Authors, when the user may know them.
    pub authors: Option<Vec<String>>,
    /// Title with the matched words in `<mark>` (HTML, escaped).
    pub title_html: String,
    /// A passage of the abstract (for journals: publisher) with the matched words in `<mark>`
    /// (HTML, escaped); a passage of the full text when only the full text matched and the
    /// user may read it.
    pub snippet_html: String,
    /// Whether `snippet_html` comes from the paper's full text.
    pub full_text: bool,
    /// What results show.
    #[serde(flatten)]
    pub meta: Meta,
}

/// A facet value and how many visible results have it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetCount {
    /// The value (venue id, year, topic id, kind, field id, tier, language code, journal type).
    pub value: String,
    /// Results with it.
    pub count: u64,
}

/// Counts per facet.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Facets {
    /// By kind of document.
    pub kind: Vec<FacetCount>,
    /// By venue id.
    pub venue: Vec<FacetCount>,
    /// By year.
    pub year: Vec<FacetCount>,
    /// By topic id.
    pub topic: Vec<FacetCount>,
    /// By field id.
    pub field: Vec<FacetCount>,
    /// By tier.
    pub tier: Vec<FacetCount>,
    /// By language code.
    pub language: Vec<FacetCount>,
    /// By journal type.
    pub journal_type: Vec<FacetCount>,
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

/// Escapes text for the HTML of titles and passages that both engines mark.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
    /// Adds or replaces documents (by key).
    fn upsert(&self, docs: &[Document]) -> anyhow::Result<()>;
    /// Removes documents by key (keys that are not indexed are ignored).
    fn delete(&self, keys: &[String]) -> anyhow::Result<()>;
    /// Makes `entries` the only indexed entries of a catalogue edition, at once.
    fn replace_edition(&self, edition_id: i64, entries: &[Document]) -> anyhow::Result<()>;
    /// Searches as `viewer`.
    fn search(&self, viewer: &access::Viewer, q: &SearchQuery) -> anyhow::Result<Results>;
    /// Whether the index was created empty by this process (a new installation, or an upgrade
    /// from a version without it), so that what the database holds must be queued for indexing.
    fn is_new(&self) -> bool;
    /// Whether the engine answers (Meilisearch: its server is reachable), within seconds.
    fn health(&self) -> anyhow::Result<()>;
    /// The engine's name for health reports: `embedded` or `meilisearch`.
    fn engine(&self) -> &'static str;
    /// Builds a new index from `docs` beside the live one and swaps it in.
    fn rebuild(&self, docs: &mut dyn Iterator<Item = anyhow::Result<Document>>, progress: &dyn Fn(u64)) -> anyhow::Result<u64>;
}
