//! What a reader sees of a round: its call, method and phase for everyone; the entries for the
//! committee (all of them), for a venue's chairs (their own), and for everyone from public
//! notice on.

use serde::Serialize;

use super::model::{Entry, EntryStatus, Round, RoundPhase};
use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::guard::evaluation::is_committee;

/// A round as a reader sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationRound)]
pub struct RoundView {
    /// The round.
    #[serde(flatten)]
    pub round: Round,
    /// The evaluating society's URL name.
    pub society: String,
    /// Its name in Chinese.
    pub society_zh: String,
    /// Its name in English.
    pub society_en: String,
    /// The indicator system's name in Chinese.
    pub system_zh: String,
    /// In English.
    pub system_en: String,
    /// Grade bands.
    pub grade_bands: super::super::aggregate::GradeBands,
    /// The entries the reader may see.
    pub entries: Vec<EntryView>,
    /// Whether the reader runs the round.
    pub committee: bool,
    /// Whether the reader is one of its experts (they have a ballot).
    pub expert: bool,
    /// Venues the reader chairs that are not in the round yet (they may apply).
    pub may_apply: Vec<VenueChoice>,
    /// The results, once the reader may see them (everyone from public notice on: per
    /// conference its total, dimensions, grade, rank, rank interval and designation).
    pub results: Option<crate::evaluation::results::service::Results>,
}

/// An entry with its venue's URL name (for a link to it).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationEntryView)]
pub struct EntryView {
    /// The entry.
    #[serde(flatten)]
    pub entry: Entry,
    /// The venue's URL name (`None`: held outside xuehui).
    pub venue: Option<String>,
}

/// A venue a chair may enter.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationVenueChoice)]
pub struct VenueChoice {
    /// URL name.
    pub slug: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
}

/// A round in the list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationRoundSummary)]
pub struct RoundSummary {
    /// The round.
    #[serde(flatten)]
    pub round: Round,
    /// The society's URL name.
    pub society: String,
    /// Its name in Chinese.
    pub society_zh: String,
    /// In English.
    pub society_en: String,
    /// Conferences taking part.
    pub entries: usize,
}

/// Every round, newest first.
pub fn list(conn: &mut AnyConnection) -> AppResult<Vec<RoundSummary>> {
    let mut out = Vec::new();
    for r in store::all(conn)? {
        let s = crate::salons::plan::store::society_by_id(conn, r.society_id)?;
        let entries = store::entries(conn, r.id)?
            .iter()
            .filter(|e| e.status == EntryStatus::Active)
            .count();
        out.push(RoundSummary {
            round: r,
            society: s.slug,
            society_zh: s.name_zh,
            society_en: s.name_en,
            entries,
        });
    }
    Ok(out)
}

/// One round as `user` may see it.
pub fn round(conn: &mut AnyConnection, user: Option<&User>, r: Round) -> AppResult<RoundView> {
    let s = crate::salons::plan::store::society_by_id(conn, r.society_id)?;
    let system = super::super::systems::store::by_id(conn, r.system_id)?;
    let committee = match user {
        Some(u) => is_committee(conn, u, &r)?,
        None => false,
    };
    let expert = match user {
        Some(u) => crate::guard::evaluation::is_expert(conn, u, &r)?,
        None => false,
    };
    let public = r.phase >= RoundPhase::Notice;
    let mut entries = Vec::new();
    let mut chaired = std::collections::HashSet::new();
    for e in store::entries(conn, r.id)? {
        let chairs = match (user, e.venue_id) {
            (Some(u), Some(v)) => crate::guard::venue::may_manage(conn, u, v)?,
            _ => false,
        };
        if let Some(v) = e.venue_id
            && chairs
        {
            chaired.insert(v);
        }
        if committee || chairs || (public && e.status == EntryStatus::Active) {
            let venue = match e.venue_id {
                Some(v) => Some(crate::venues::store::by_id(conn, v)?.slug),
                None => None,
            };
            entries.push(EntryView { entry: e, venue });
        }
    }
    let mut may_apply = Vec::new();
    if let Some(u) = user
        && r.phase == RoundPhase::Applications
    {
        for v in crate::venues::store::chaired_by(conn, u.id)? {
            if v.is_open() && !chaired.contains(&v.id) && store::entry_of_venue(conn, r.id, v.id)?.is_none() {
                may_apply.push(VenueChoice {
                    slug: v.slug,
                    title_zh: v.title_zh,
                    title_en: v.title_en,
                });
            }
        }
    }
    let results = if r.phase >= RoundPhase::Notice || (committee && r.phase >= RoundPhase::Proposal) {
        Some(crate::evaluation::results::service::view(conn, user, &r)?)
    } else {
        None
    };
    Ok(RoundView {
        results,
        society: s.slug,
        society_zh: s.name_zh,
        society_en: s.name_en,
        system_zh: system.name_zh,
        system_en: system.name_en,
        grade_bands: serde_json::from_str(&r.grade_bands).unwrap_or_default(),
        round: r,
        entries,
        committee,
        expert,
        may_apply,
    })
}
