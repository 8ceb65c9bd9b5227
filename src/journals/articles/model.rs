//! Articles as stored: made from an accepted manuscript, copyedited, given galleys, placed in
//! an issue and published.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{article_authors, article_galleys, articles};

crate::text_enum! {
    /// The form a galley takes.
    pub enum GalleyKind {
        /// The typeset PDF.
        Pdf = "pdf",
        /// An HTML full text (served sandboxed: it is the production team's markup, not ours).
        Html = "html",
    }
}

/// An article of a journal.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = articles)]
pub struct Article {
    /// Id.
    pub id: i64,
    /// The journal.
    pub journal_id: i64,
    /// The manuscript it came from.
    pub manuscript_id: Option<i64>,
    /// Its section.
    pub section_id: i64,
    /// The issue it is placed in.
    pub issue_id: Option<i64>,
    /// Its place in the issue's table of contents, from 1.
    pub seq: Option<i32>,
    /// First page ("" when it has an article number instead).
    pub first_page: String,
    /// Last page.
    pub last_page: String,
    /// Article number (e-locator), "" when it has pages.
    pub article_number: String,
    /// DOI, once placed in an issue of a journal with a DOI prefix.
    pub doi: Option<String>,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Abstract, Chinese.
    pub abstract_zh: String,
    /// Abstract, English.
    pub abstract_en: String,
    /// Keywords, Chinese, comma-separated.
    pub keywords_zh: String,
    /// Keywords, English.
    pub keywords_en: String,
    /// Language of the text (ISO 639-1).
    pub language: String,
    /// Licence URL.
    pub licence_url: String,
    /// References, JSON `[Reference]`.
    pub refs: String,
    /// Received (the manuscript's submission).
    pub received_on: NaiveDate,
    /// Last revision received.
    pub revised_on: Option<NaiveDate>,
    /// Accepted.
    pub accepted_on: NaiveDate,
    /// Published (with its issue).
    pub published_on: Option<NaiveDate>,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// One reference of an article, as the copyeditor typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ArticleReference)]
pub struct Reference {
    /// The reference as printed.
    pub text: String,
    /// Its DOI, when it has one (found in the text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
}

/// An author of an article (copied from the manuscript at acceptance).
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = article_authors)]
pub struct ArticleAuthor {
    /// Row id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// Order, from 1.
    pub position: i32,
    /// Family name in Chinese characters.
    pub family_zh: String,
    /// Given name in Chinese characters.
    pub given_zh: String,
    /// Family name in Latin script.
    pub family_en: String,
    /// Given name in Latin script.
    pub given_en: String,
    /// E-mail.
    #[serde(skip)]
    pub email: String,
    /// Institution.
    pub affiliation: String,
    /// Country or region (ISO 3166-1 alpha-2).
    pub country: String,
    /// ORCID iD.
    pub orcid: Option<String>,
    /// Corresponding author.
    pub corresponding: bool,
}

/// A galley: the article in a form readers get.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = article_galleys)]
pub struct Galley {
    /// Id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// PDF or HTML.
    #[diesel(deserialize_as = String)]
    pub kind: GalleyKind,
    /// Its language (ISO 639-1).
    pub lang: String,
    /// The stored file.
    pub file_id: i64,
    /// Who uploaded it.
    pub uploaded_by: Option<i64>,
    /// When.
    pub created_at: NaiveDateTime,
}
