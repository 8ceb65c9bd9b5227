//! Journal register data.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{fields, journals};

crate::text_enum! {
    /// Journal types the society documents distinguish (分类评价).
    pub enum JournalKind {
        /// Basic research.
        Basic = "basic",
        /// Applied research.
        Applied = "applied",
        /// Popular science.
        Popular = "popular",
    }
}

/// Every journal type, in order.
pub const KINDS: &[JournalKind] = JournalKind::ALL;

/// A journal in the register.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = journals)]
pub struct Journal {
    /// Id.
    pub id: i64,
    /// Publishing society, when it is one of ours.
    pub society_id: Option<i64>,
    /// URL name.
    pub slug: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Print ISSN, `NNNN-NNNC`.
    pub issn: Option<String>,
    /// When it entered the register.
    pub created_at: NaiveDateTime,
    /// Electronic ISSN.
    pub eissn: Option<String>,
    /// CN number, `NN-NNNN/CLASS`.
    pub cn: Option<String>,
    /// Publisher.
    pub publisher: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// ISO 639-1 language codes, comma-separated.
    pub languages: String,
    /// `basic`, `applied` or `popular`.
    #[diesel(deserialize_as = String)]
    pub kind: JournalKind,
    /// Home page.
    pub website: String,
    /// Last change.
    pub updated_at: Option<NaiveDateTime>,
}

impl Journal {
    /// The language codes as a list.
    pub fn language_list(&self) -> Vec<String> {
        self.languages.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()
    }
}

/// A subject field (计算, 材料科学, ...).
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = fields)]
#[schema(as = JournalField)]
pub struct Field {
    /// Id.
    pub id: i64,
    /// Short code used in CSV files and URLs, e.g. `computing`.
    pub code: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Creation time.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}

/// A journal as the API and pages show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JournalView {
    /// Id.
    pub id: i64,
    /// URL name (in DOIs made from the journal's pattern, and the public site's address).
    pub slug: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Print ISSN.
    pub issn: Option<String>,
    /// Electronic ISSN.
    pub eissn: Option<String>,
    /// CN number.
    pub cn: Option<String>,
    /// Publisher.
    pub publisher: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Country name in English.
    pub country_name: String,
    /// ISO 639-1 language codes.
    pub languages: Vec<String>,
    /// `basic`, `applied` or `popular`.
    pub kind: JournalKind,
    /// Home page.
    pub website: String,
    /// Field codes.
    pub fields: Vec<String>,
}

impl JournalView {
    /// Builds the view from a row and its field codes.
    pub fn new(j: Journal, fields: Vec<String>) -> JournalView {
        let country_name = isocountry::CountryCode::for_alpha2(&j.country)
            .map(|c| c.name().to_string())
            .unwrap_or_default();
        JournalView {
            languages: j.language_list(),
            id: j.id,
            slug: j.slug,
            name_zh: j.name_zh,
            name_en: j.name_en,
            issn: j.issn,
            eissn: j.eissn,
            cn: j.cn,
            publisher: j.publisher,
            country: j.country,
            country_name,
            kind: j.kind,
            website: j.website,
            fields,
        }
    }
}
