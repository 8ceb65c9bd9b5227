//! What readers get of a volume: its details and contents (pages, parts), for chairs always and
//! for everyone once published; and a paper's citation once its volume is published.

use serde::Serialize;

use chrono::Datelike;

use super::model::{Volume, VolumeStatus};
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::formats::citation::{Kind, Texts, Work, names};
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

/// A public paper as citations describe it: in its published proceedings volume, or else as a
/// paper of its conference (its title, place and year). `base_url` makes its address absolute.
pub fn paper_work(conn: &mut AnyConnection, venue: &Venue, submission_id: i64, base_url: &str) -> AppResult<Work> {
    let s = crate::submissions::store::get(conn, submission_id)?;
    let authors = crate::submissions::store::authors_of(conn, submission_id)?
        .into_iter()
        .map(|a| names::person(&a.name_zh, &a.name_latin))
        .collect();
    let mut w = Work {
        kind: Kind::ConferencePaper,
        chinese: !s.title_zh.trim().is_empty(),
        authors,
        container_zh: venue.title_zh.clone(),
        container_en: venue.title_en.clone(),
        event_zh: venue.title_zh.clone(),
        event_en: venue.title_en.clone(),
        year: venue.starts_on.map(|d| d.year()).unwrap_or(s.created_at.year()),
        place: venue.place.clone(),
        url: format!("{}/venues/{}/papers/{}", base_url.trim_end_matches('/'), venue.slug, s.number),
        keywords: s
            .keywords
            .split([',', ';', '，', '；', '、'])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect(),
        title_zh: s.title_zh,
        title_en: s.title_en,
        abstract_text: s.abstract_text,
        ..Default::default()
    };
    if let Some((v, p)) = store::published_place(conn, submission_id)? {
        w.container_zh = v.title_zh;
        w.container_en = v.title_en;
        w.volume = v.volume;
        w.series = v.series;
        w.publisher = v.publisher;
        w.place = v.place;
        w.year = v.year;
        w.isbn = v.isbn;
        w.doi = super::crossref::paper_doi(&v.doi, s.number).unwrap_or_default();
        w.first_page = p.first_page.to_string();
        w.last_page = p.last_page.to_string();
    }
    Ok(w)
}

/// The citation key of a paper: `li2026study`, or `<venue>-<number>` without Latin names.
pub fn paper_key(venue: &Venue, number: i32, w: &Work) -> String {
    w.key(&format!("{}-{number}", venue.slug))
}

/// The citation of paper `submission_id` when its venue's volume is published.
pub fn citation(conn: &mut AnyConnection, submission_id: i64, w: &Work, key: &str) -> AppResult<Option<Citation>> {
    let Some((v, p)) = store::published_place(conn, submission_id)? else {
        return Ok(None);
    };
    let texts = Texts::of(w, key);
    Ok(Some(Citation {
        gbt7714: texts.gbt7714,
        english: texts.english,
        bibtex: texts.bibtex,
        volume_zh: v.title_zh,
        volume_en: v.title_en,
        first_page: p.first_page,
        last_page: p.last_page,
    }))
}

/// A paper of a published volume as a harvester reads it (OAI-PMH).
pub struct Harvested {
    /// Its venue.
    pub venue: Venue,
    /// The volume's title in Chinese.
    pub volume_zh: String,
    /// The volume's title in English.
    pub volume_en: String,
    /// Dublin Core of the paper.
    pub dublin_core: String,
}

/// Paper `submission_id` for harvesters, if it is in a published volume.
pub fn harvested(conn: &mut AnyConnection, submission_id: i64, base_url: &str) -> AppResult<Option<Harvested>> {
    let Some((volume, _)) = store::published_place(conn, submission_id)? else {
        return Ok(None);
    };
    let s = crate::submissions::store::get(conn, submission_id)?;
    let venue = crate::venues::store::by_id(conn, s.venue_id)?;
    let work = paper_work(conn, &venue, submission_id, base_url)?;
    let extra = crate::formats::dublin_core::Extra {
        abstracts: vec![(if work.chinese { "zh" } else { "en" }.to_string(), s.abstract_text.clone())],
        formats: vec!["application/pdf".into()],
        ..Default::default()
    };
    Ok(Some(Harvested {
        dublin_core: crate::formats::dublin_core::fragment(&work, &extra).map_err(|e| AppError::caused("OAI-PMH record", e))?,
        volume_zh: volume.title_zh,
        volume_en: volume.title_en,
        venue,
    }))
}
