//! The article as the manuscript's readers see it in copyediting, production and after: its
//! corrected metadata, references, galleys and place in an issue.

use chrono::NaiveDate;
use serde::Serialize;

use super::model::{Article, ArticleAuthor, GalleyKind, Reference};
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// A galley of the article.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GalleyView {
    /// Id.
    pub id: i64,
    /// PDF or HTML.
    pub kind: GalleyKind,
    /// Its language.
    pub lang: String,
    /// The file's name.
    pub name: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// Pages (PDF).
    pub pages: Option<i32>,
    /// Where the manuscript's readers open it.
    pub url: String,
}

/// Where the article is placed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IssuePlace {
    /// The issue's id.
    pub id: i64,
    /// Volume.
    pub volume: i32,
    /// Number.
    pub number: i32,
    /// Year.
    pub year: i32,
    /// Published on.
    pub published_on: Option<NaiveDate>,
}

/// An article.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ArticleView {
    /// Id.
    pub id: i64,
    /// The manuscript it came from.
    pub manuscript_id: Option<i64>,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Abstract, Chinese.
    pub abstract_zh: String,
    /// Abstract, English.
    pub abstract_en: String,
    /// Keywords, Chinese.
    pub keywords_zh: String,
    /// Keywords, English.
    pub keywords_en: String,
    /// Language of the text.
    pub language: String,
    /// Licence URL.
    pub licence_url: String,
    /// References.
    pub references: Vec<Reference>,
    /// Authors (no e-mail addresses).
    pub authors: Vec<ArticleAuthor>,
    /// Galleys.
    pub galleys: Vec<GalleyView>,
    /// The issue it is in.
    pub issue: Option<IssuePlace>,
    /// Place in the issue.
    pub seq: Option<i32>,
    /// First page.
    pub first_page: String,
    /// Last page.
    pub last_page: String,
    /// Article number.
    pub article_number: String,
    /// DOI.
    pub doi: Option<String>,
    /// Received.
    pub received_on: NaiveDate,
    /// Last revision received.
    pub revised_on: Option<NaiveDate>,
    /// Accepted.
    pub accepted_on: NaiveDate,
    /// Published.
    pub published_on: Option<NaiveDate>,
}

/// The authors as two lines for tables of contents: Chinese names where they have them
/// (joined with "，"), and Latin names where they have them (joined with ", ").
pub fn author_lines(people: &[ArticleAuthor]) -> (String, String) {
    let one = |zh: bool, p: &ArticleAuthor| {
        let han = format!("{}{}", p.family_zh, p.given_zh);
        let latin = format!("{} {}", p.given_en, p.family_en).trim().to_string();
        if (zh && !han.is_empty()) || latin.is_empty() { han } else { latin }
    };
    (
        people.iter().map(|p| one(true, p)).collect::<Vec<_>>().join("，"),
        people.iter().map(|p| one(false, p)).collect::<Vec<_>>().join(", "),
    )
}

/// The stored references.
pub fn references(a: &Article) -> AppResult<Vec<Reference>> {
    serde_json::from_str(&a.refs).map_err(|e| AppError::caused("stored references", e))
}

/// The article as the manuscript's readers see it.
pub fn article(conn: &mut AnyConnection, a: Article) -> AppResult<ArticleView> {
    let mut galleys = Vec::new();
    for g in store::galleys_of(conn, a.id)? {
        let f = crate::files::model::get(conn, g.file_id)?;
        galleys.push(GalleyView {
            url: match a.manuscript_id {
                Some(ms) => format!("/manuscripts/{ms}/galleys/{}", g.id),
                None => String::new(),
            },
            id: g.id,
            kind: g.kind,
            lang: g.lang,
            name: f.original_name,
            size_bytes: f.size_bytes,
            pages: f.page_count,
        });
    }
    let issue = match a.issue_id {
        Some(id) => {
            let i = crate::journals::issues::store::get(conn, id)?;
            Some(IssuePlace {
                id: i.id,
                volume: i.volume,
                number: i.number,
                year: i.year,
                published_on: i.published_on,
            })
        }
        None => None,
    };
    Ok(ArticleView {
        references: references(&a)?,
        authors: store::authors_of(conn, a.id)?,
        galleys,
        issue,
        id: a.id,
        manuscript_id: a.manuscript_id,
        title_zh: a.title_zh,
        title_en: a.title_en,
        abstract_zh: a.abstract_zh,
        abstract_en: a.abstract_en,
        keywords_zh: a.keywords_zh,
        keywords_en: a.keywords_en,
        language: a.language,
        licence_url: a.licence_url,
        seq: a.seq,
        first_page: a.first_page,
        last_page: a.last_page,
        article_number: a.article_number,
        doi: a.doi,
        received_on: a.received_on,
        revised_on: a.revised_on,
        accepted_on: a.accepted_on,
        published_on: a.published_on,
    })
}

/// The article of a manuscript, once accepted.
pub fn of_manuscript(conn: &mut AnyConnection, ms_id: i64) -> AppResult<Option<ArticleView>> {
    match store::of_manuscript(conn, ms_id)? {
        Some(a) => Ok(Some(article(conn, a)?)),
        None => Ok(None),
    }
}
