//! What published rounds tell everyone: the designated demonstrative conferences of every
//! round, one conference's results across the editions of its series, and the badge a
//! designated conference shows.

use serde::Serialize;

use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::evaluation::results::service::{ResultLine, view};
use crate::evaluation::rounds::model::{Round, RoundPhase};
use crate::evaluation::rounds::store;

/// A published round, briefly.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationRoundBrief)]
pub struct RoundBrief {
    /// URL name.
    pub slug: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// In English.
    pub title_en: String,
    /// The evaluating society's name in Chinese.
    pub society_zh: String,
    /// In English.
    pub society_en: String,
    /// Conferences ranked.
    pub ranked: usize,
}

/// A published round's designated conferences.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationDesignations)]
pub struct Designations {
    /// The round.
    pub round: RoundBrief,
    /// Its demonstrative conferences, best first.
    pub conferences: Vec<ResultLine>,
}

fn brief(conn: &mut AnyConnection, r: &Round, ranked: usize) -> AppResult<RoundBrief> {
    let s = crate::salons::plan::store::society_by_id(conn, r.society_id)?;
    Ok(RoundBrief {
        slug: r.slug.clone(),
        title_zh: r.title_zh.clone(),
        title_en: r.title_en.clone(),
        society_zh: s.name_zh,
        society_en: s.name_en,
        ranked,
    })
}

fn published(conn: &mut AnyConnection) -> AppResult<Vec<Round>> {
    Ok(store::all(conn)?.into_iter().filter(|r| r.phase == RoundPhase::Published).collect())
}

/// Every published round (newest first) with its demonstrative conferences.
pub fn designated(conn: &mut AnyConnection) -> AppResult<Vec<Designations>> {
    let mut out = Vec::new();
    for r in published(conn)? {
        let res = view(conn, None, &r)?;
        let ranked = res.lines.len();
        out.push(Designations {
            round: brief(conn, &r, ranked)?,
            conferences: res.lines.into_iter().filter(|l| l.demonstrative).collect(),
        });
    }
    Ok(out)
}

/// One edition's result in a published round.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationEditionResult)]
pub struct EditionResult {
    /// The edition's URL name.
    pub venue: String,
    /// Its title in Chinese.
    pub title_zh: String,
    /// In English.
    pub title_en: String,
    /// The round.
    pub round: RoundBrief,
    /// Its result there.
    pub result: ResultLine,
}

/// An edition of a series.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationEdition)]
pub struct Edition {
    /// URL name.
    pub slug: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// In English.
    pub title_en: String,
}

/// A conference series' published results.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationHistory)]
pub struct History {
    /// The conference asked about.
    pub venue: String,
    /// Its title in Chinese.
    pub title_zh: String,
    /// In English.
    pub title_en: String,
    /// The editions of its series, oldest first (with or without results).
    pub editions: Vec<Edition>,
    /// Every published result of an edition, oldest edition first.
    pub results: Vec<EditionResult>,
    /// The dimensions' names (of the latest result's system), for the comparison.
    pub dimensions: Vec<crate::evaluation::systems::definition::DimensionDef>,
}

/// The published results of a venue's series (a venue that is not public is not found).
pub fn history(conn: &mut AnyConnection, slug: &str) -> AppResult<History> {
    let v = crate::guard::venue::visible(conn, None, slug)?;
    let series = crate::venues::store::series(conn, v.id)?;
    let rounds = published(conn)?;
    let mut results = Vec::new();
    let mut dimensions = Vec::new();
    for ed in &series {
        for r in &rounds {
            if store::entry_of_venue(conn, r.id, ed.id)?.is_none() {
                continue;
            }
            let res = view(conn, None, r)?;
            let ranked = res.lines.len();
            if let Some(line) = res.lines.into_iter().find(|l| l.venue.as_deref() == Some(ed.slug.as_str())) {
                dimensions = res.dimensions.clone();
                results.push(EditionResult {
                    venue: ed.slug.clone(),
                    title_zh: ed.title_zh.clone(),
                    title_en: ed.title_en.clone(),
                    round: brief(conn, r, ranked)?,
                    result: line,
                });
            }
        }
    }
    Ok(History {
        venue: v.slug,
        title_zh: v.title_zh,
        title_en: v.title_en,
        editions: series
            .into_iter()
            .map(|e| Edition {
                slug: e.slug,
                title_zh: e.title_zh,
                title_en: e.title_en,
            })
            .collect(),
        results,
        dimensions,
    })
}

/// The badge of a designated conference of a published round (404 otherwise).
pub fn badge(conn: &mut AnyConnection, round_slug: &str, entry_id: i64) -> AppResult<String> {
    let r = store::by_slug(conn, round_slug)?;
    if r.phase != RoundPhase::Published {
        return Err(AppError::NotFound);
    }
    let res = view(conn, None, &r)?;
    if !res.lines.iter().any(|l| l.entry_id == entry_id && l.demonstrative) {
        return Err(AppError::NotFound);
    }
    Ok(super::badge::svg(&r.title_zh, &r.title_en))
}

/// A published round that designated a venue demonstrative.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationVenueDesignation)]
pub struct VenueDesignation {
    /// The round's URL name.
    pub round_slug: String,
    /// Its title in Chinese.
    pub title_zh: String,
    /// In English.
    pub title_en: String,
    /// The venue's entry (its badge is `/evaluation/{round_slug}/badge/{entry_id}.svg`).
    pub entry_id: i64,
}

/// The published rounds that designated a venue demonstrative, newest first (for the badge on
/// the venue's own page).
pub fn of_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<VenueDesignation>> {
    let mut out = Vec::new();
    for r in published(conn)? {
        let Some(e) = store::entry_of_venue(conn, r.id, venue_id)? else {
            continue;
        };
        if view(conn, None, &r)?.lines.iter().any(|l| l.entry_id == e.id && l.demonstrative) {
            out.push(VenueDesignation {
                round_slug: r.slug.clone(),
                title_zh: r.title_zh.clone(),
                title_en: r.title_en.clone(),
                entry_id: e.id,
            });
        }
    }
    Ok(out)
}
