//! Rows of proceedings volumes and the papers placed in them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{proceedings_papers, proceedings_volumes};

crate::text_enum! {
    /// Where a volume stands.
    pub enum VolumeStatus {
        /// Being prepared; never built.
        Draft = "draft",
        /// A build is queued or running.
        Building = "building",
        /// Built: the chairs can read it; not public.
        Built = "built",
        /// The last build failed (the error says why).
        Failed = "failed",
        /// Public: the volume page, its PDF and zip, and each paper's citation.
        Published = "published",
    }
}

/// A venue's proceedings volume.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = proceedings_volumes)]
pub struct Volume {
    /// Id.
    pub id: i64,
    /// The venue.
    pub venue_id: i64,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Chinese subtitle.
    pub subtitle_zh: String,
    /// English subtitle.
    pub subtitle_en: String,
    /// Series name.
    pub series: String,
    /// Volume number or name.
    pub volume: String,
    /// Publisher.
    pub publisher: String,
    /// Place of publication.
    pub place: String,
    /// Year of publication.
    pub year: i32,
    /// ISBN (13 digits, hyphens kept as typed).
    pub isbn: String,
    /// DOI of the volume.
    pub doi: String,
    /// Preface in Chinese.
    pub preface_zh: String,
    /// Preface in English.
    pub preface_en: String,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: VolumeStatus,
    /// Why the last build failed.
    pub error: String,
    /// The build request the stored result belongs to.
    pub build_stamp: String,
    /// The whole volume as one PDF.
    pub pdf_file_id: Option<i64>,
    /// Its pages.
    pub pages: Option<i32>,
    /// When it was built.
    #[serde(default, with = "crate::web::utc::option")]
    pub built_at: Option<NaiveDateTime>,
    /// When it was published.
    #[serde(default, with = "crate::web::utc::option")]
    pub published_at: Option<NaiveDateTime>,
    /// Who created it.
    pub created_by: i64,
    /// Creation time.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// A paper placed in a built volume.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = proceedings_papers)]
pub struct VolumePaper {
    /// The volume.
    pub volume_id: i64,
    /// The paper.
    pub submission_id: i64,
    /// Order in the volume.
    pub position: i32,
    /// Its part (track) in Chinese.
    pub part_zh: String,
    /// Its part in English.
    pub part_en: String,
    /// First page in the volume.
    pub first_page: i32,
    /// Last page in the volume.
    pub last_page: i32,
    /// The paper alone with the volume's page numbers stamped.
    pub file_id: Option<i64>,
}
