//! OAI-PMH records as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::oai_records;

/// What a record describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A published journal article (by article id).
    Article,
    /// A paper of a published proceedings volume (by submission id).
    Paper,
}

impl ItemKind {
    /// As stored, and as the identifier's local part begins.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Paper => "paper",
        }
    }

    /// From its stored name.
    pub fn parse(s: &str) -> Option<ItemKind> {
        match s {
            "article" => Some(ItemKind::Article),
            "paper" => Some(ItemKind::Paper),
            _ => None,
        }
    }
}

/// One record: the item, its sets, its datestamp and its rendered metadata.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = oai_records)]
pub struct Record {
    /// Id (the keyset's tie-breaker).
    pub id: i64,
    /// `article` or `paper`.
    pub kind: String,
    /// The article's or the submission's id.
    pub item_id: i64,
    /// `journal` or `proceedings`.
    pub set_top: String,
    /// `journal:<slug>` or `proceedings:<venue slug>`.
    pub set_spec: String,
    /// The set's name in Chinese.
    pub set_name_zh: String,
    /// The set's name in English.
    pub set_name_en: String,
    /// When the metadata last changed (UTC, whole seconds).
    pub datestamp: NaiveDateTime,
    /// The item is no longer public.
    pub deleted: bool,
    /// The `<oai_dc:dc>` element.
    pub dc_xml: String,
    /// The JATS `<article>` element (articles only).
    pub jats_xml: Option<String>,
}

/// A record's content as rendered from its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// `journal` or `proceedings`.
    pub set_top: &'static str,
    /// The item's own set.
    pub set_spec: String,
    /// Its name in Chinese.
    pub set_name_zh: String,
    /// Its name in English.
    pub set_name_en: String,
    /// Dublin Core.
    pub dc_xml: String,
    /// JATS, for articles.
    pub jats_xml: Option<String>,
}

/// A set as ListSets shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetInfo {
    /// Its spec.
    pub spec: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
}
