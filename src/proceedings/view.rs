//! What readers get of a volume: its details and contents (pages, parts), for chairs always and
//! for everyone once published; and a paper's citation once its volume is published.

use serde::Serialize;

use super::citation::{self, Cited};
use super::model::{Volume, VolumeStatus};
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::venues::model::Venue;

/// A paper line of the contents.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContentsLine {
    /// Submission id.
    pub submission_id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Authors, in order, as named in the index.
    pub authors: Vec<String>,
    /// Part in Chinese.
    pub part_zh: String,
    /// Part in English.
    pub part_en: String,
    /// First page.
    pub first_page: i32,
    /// Last page.
    pub last_page: i32,
    /// Whether the paper alone (stamped) can be downloaded.
    pub pdf: bool,
}

/// A volume with its contents.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VolumeView {
    /// The volume.
    pub volume: Volume,
    /// Its papers as built, in order.
    pub contents: Vec<ContentsLine>,
    /// Approved papers now (what a build would take), for chairs.
    pub ready: usize,
    /// Whether details or approvals changed since the last build.
    pub stale: bool,
}

/// The volume of `venue` with its contents.
pub fn load(conn: &mut AnyConnection, venue: &Venue, volume: Volume) -> AppResult<VolumeView> {
    let mut contents = Vec::new();
    for p in store::papers_of(conn, volume.id)? {
        let s = crate::submissions::store::get(conn, p.submission_id)?;
        let authors = crate::submissions::store::authors_of(conn, s.id)?
            .into_iter()
            .map(|a| super::gather::index_name(&a.name_zh, &a.name_latin))
            .collect();
        contents.push(ContentsLine {
            submission_id: s.id,
            number: s.number,
            title_zh: s.title_zh,
            title_en: s.title_en,
            authors,
            part_zh: p.part_zh,
            part_en: p.part_en,
            first_page: p.first_page,
            last_page: p.last_page,
            pdf: p.file_id.is_some(),
        });
    }
    let ready = super::gather::entries(conn, venue)?;
    let built: Vec<i64> = contents.iter().map(|c| c.submission_id).collect();
    let now_ids: Vec<i64> = ready.iter().map(|e| e.planned.submission_id).collect();
    let stale = volume.built_at.is_none_or(|b| volume.updated_at > b) || built != now_ids;
    Ok(VolumeView {
        volume,
        contents,
        ready: ready.len(),
        stale,
    })
}

/// The venue's published volume (404 when none is published).
pub fn published(conn: &mut AnyConnection, venue: &Venue) -> AppResult<VolumeView> {
    let volume = store::of_venue(conn, venue.id)?
        .filter(|v| v.status == VolumeStatus::Published)
        .ok_or(AppError::NotFound)?;
    load(conn, venue, volume)
}

/// How to cite a paper of a published volume.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Citation {
    /// Volume title in Chinese.
    pub volume_zh: String,
    /// Volume title in English.
    pub volume_en: String,
    /// First page.
    pub first_page: i32,
    /// Last page.
    pub last_page: i32,
    /// GB/T 7714 reference.
    pub gbt7714: String,
    /// English reference.
    pub english: String,
    /// BibTeX entry.
    pub bibtex: String,
}

/// The citation of paper `submission_id` when its venue's volume is published.
pub fn citation(conn: &mut AnyConnection, venue: &Venue, submission_id: i64) -> AppResult<Option<Citation>> {
    let Some((v, p)) = store::published_place(conn, submission_id)? else {
        return Ok(None);
    };
    let s = crate::submissions::store::get(conn, submission_id)?;
    let authors = crate::submissions::store::authors_of(conn, submission_id)?
        .into_iter()
        .map(|a| (a.name_zh, a.name_latin))
        .collect();
    let c = Cited {
        authors,
        title_zh: s.title_zh,
        title_en: s.title_en,
        volume_zh: v.title_zh.clone(),
        volume_en: v.title_en.clone(),
        volume: v.volume.clone(),
        series: v.series.clone(),
        publisher: v.publisher.clone(),
        place: v.place.clone(),
        year: v.year,
        first_page: p.first_page,
        last_page: p.last_page,
        doi: v.doi.clone(),
    };
    let key = format!("{}-{}", venue.slug, s.number);
    Ok(Some(Citation {
        gbt7714: citation::gbt7714(&c),
        english: citation::english(&c),
        bibtex: citation::bibtex(&c, &key),
        volume_zh: v.title_zh,
        volume_en: v.title_en,
        first_page: p.first_page,
        last_page: p.last_page,
    }))
}
