//! The proposed catalogue: the panel's votes, nominations and indicators of every journal in the
//! field's register, aggregated by the edition's rules (`tiers.rs`), with the committee's overrides.

use std::collections::HashMap;

use chrono::Utc;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::audit;
use super::model::{Edition, Indicator};
use super::tiers::{self, Candidate, Method, Override, Reason, Rules, Tier, Vote};
use super::{nominations, store, votes};
use crate::db::AnyConnection;
use crate::db::schema::catalogue_overrides;
use crate::error::{AppError, AppResult};
use crate::journals::model::Journal;

/// The committee's override of one journal.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OverrideView {
    /// `T1`, `T2`, `T3` or `none`.
    pub tier: String,
    /// The written reason.
    pub reason: String,
    /// Who set it.
    pub user_id: i64,
}

/// Why a journal landed where it did, flattened for pages and the API.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Why {
    /// `too_few_votes`, `voted`, `demoted_by_quota`, `cut_by_share_limit` or `overridden`.
    pub code: String,
    /// The tier before the limit moved it, or what the votes gave for an override.
    pub from: Option<String>,
}

impl Why {
    fn of(r: Reason) -> Why {
        let (code, from) = match r {
            Reason::TooFewVotes => ("too_few_votes", None),
            Reason::Voted => ("voted", None),
            Reason::DemotedByQuota { from } => ("demoted_by_quota", Some(from.code().to_string())),
            Reason::CutByShareLimit { from } => ("cut_by_share_limit", Some(from.code().to_string())),
            Reason::Overridden { voted } => ("overridden", Some(votes::code(voted).to_string())),
        };
        Why { code: code.into(), from }
    }
}

/// One journal of the proposal.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProposalRow)]
pub struct Row {
    /// Journal id.
    pub journal_id: i64,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// ISSN or eISSN.
    pub issn: Option<String>,
    /// Country code.
    pub country: String,
    /// Language codes, comma-joined.
    pub languages: String,
    /// Journal type.
    pub kind: crate::journals::model::JournalKind,
    /// Votes for T1, T2, T3, not listed.
    pub distribution: [u32; 4],
    /// Mean vote on the 0–3 scale.
    pub mean: Option<f64>,
    /// Nominations.
    pub nominations: u32,
    /// Indicator values in the edition's order.
    pub indicators: Vec<Option<f64>>,
    /// Tier the votes give (`none`: not listed).
    pub voted: String,
    /// Final tier (`none`: not listed).
    pub tier: String,
    /// Why.
    pub why: Why,
    /// Position in the ranking order.
    pub rank: usize,
    /// The committee's override.
    pub override_tier: Option<OverrideView>,
}

/// The proposed catalogue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = CatalogueProposalView)]
pub struct ProposalView {
    /// Journals in the field's register.
    pub register_size: usize,
    /// Most journals that may be listed.
    pub limit: u32,
    /// Journals per tier, T1 to T3.
    pub counts: [u32; 3],
    /// Listed journals.
    pub listed: u32,
    /// Warnings, as sentences keyed for translation: (key, tier, number, number).
    pub warnings: Vec<(String, String, u32, u32)>,
    /// The indicators, for column headings.
    pub indicators: Vec<Indicator>,
    /// Every journal, by final tier then rank.
    pub rows: Vec<Row>,
}

/// The aggregation rules of an edition.
pub fn rules(e: &Edition, register_size: usize) -> Rules {
    let q = |v: Option<i32>| v.map(|n| n.max(0) as u32);
    Rules {
        method: if e.method == "mean" { Method::Mean } else { Method::Median },
        max_share_pct: e.max_share_pct.max(0) as u32,
        quotas: [q(e.quota_t1), q(e.quota_t2), q(e.quota_t3)],
        register_size,
        min_votes: e.min_votes.max(0) as u32,
    }
}

/// Current overrides, by journal.
pub fn overrides(conn: &mut AnyConnection, edition_id: i64) -> AppResult<HashMap<i64, OverrideView>> {
    Ok(catalogue_overrides::table
        .filter(catalogue_overrides::edition_id.eq(edition_id))
        .select((
            catalogue_overrides::journal_id,
            catalogue_overrides::tier,
            catalogue_overrides::reason,
            catalogue_overrides::user_id,
        ))
        .load::<(i64, String, String, i64)>(conn)?
        .into_iter()
        .map(|(j, tier, reason, user_id)| (j, OverrideView { tier, reason, user_id }))
        .collect())
}

/// Builds the proposal from the database.
pub fn build(conn: &mut AnyConnection, e: &Edition) -> AppResult<ProposalView> {
    let journals: Vec<Journal> = crate::journals::store::in_field(conn, e.field_id)?;
    let indicators = store::indicators(conn, e.id)?;
    let values = store::indicator_values(conn, e.id)?;
    let noms = nominations::counts(conn, e.id)?;
    let overrides = overrides(conn, e.id)?;
    let mut by_journal: HashMap<i64, Vec<Vote>> = HashMap::new();
    for (j, _, v, _) in votes::all(conn, e.id)? {
        by_journal.entry(j).or_default().push(v);
    }
    let candidates: Vec<Candidate> = journals
        .iter()
        .map(|j| Candidate {
            journal_id: j.id,
            votes: by_journal.remove(&j.id).unwrap_or_default(),
            nominations: noms.get(&j.id).copied().unwrap_or(0),
            indicators: indicators
                .iter()
                .map(|i| values.get(&(i.id, j.id)).map(|v| if i.higher_is_better { *v } else { -*v }))
                .collect(),
            override_tier: overrides
                .get(&j.id)
                .and_then(|o| votes::parse(&o.tier))
                .map(|tier| Override { tier }),
        })
        .collect();
    Ok(assemble(e, &journals, &candidates, indicators, overrides))
}

/// Aggregates and joins the journals' data (pure apart from its inputs; kept separate so the
/// benchmark measures exactly what the page does).
pub fn assemble(
    e: &Edition,
    journals: &[Journal],
    candidates: &[Candidate],
    indicators: Vec<Indicator>,
    mut overrides: HashMap<i64, OverrideView>,
) -> ProposalView {
    let result = tiers::aggregate(candidates, &rules(e, journals.len()));
    let by_id: HashMap<i64, (&Journal, &Candidate)> = journals.iter().zip(candidates).map(|(j, c)| (j.id, (j, c))).collect();
    let orient: Vec<bool> = indicators.iter().map(|i| i.higher_is_better).collect();
    let rows = result
        .placements
        .iter()
        .filter_map(|p| {
            let (j, c) = by_id.get(&p.journal_id)?;
            Some(Row {
                journal_id: j.id,
                name_zh: j.name_zh.clone(),
                name_en: j.name_en.clone(),
                issn: j.issn.clone().or_else(|| j.eissn.clone()),
                country: j.country.clone(),
                languages: j.languages.clone(),
                kind: j.kind,
                distribution: p.distribution,
                mean: p.mean,
                nominations: c.nominations,
                // Back to the values as entered (lower-is-better ones were negated for ranking).
                indicators: c
                    .indicators
                    .iter()
                    .zip(&orient)
                    .map(|(v, up)| v.map(|x| if *up { x } else { -x }))
                    .collect(),
                voted: votes::code(p.voted).to_string(),
                tier: votes::code(p.tier).to_string(),
                why: Why::of(p.reason),
                rank: p.rank,
                override_tier: overrides.remove(&j.id),
            })
        })
        .collect();
    let warnings = result
        .warnings
        .iter()
        .map(|w| match w {
            tiers::Warning::OverridesExceedQuota { tier, quota, count } => {
                ("catalogue.warn_quota".to_string(), tier.code().to_string(), *quota, *count)
            }
            tiers::Warning::OverridesExceedShare { limit, count } => ("catalogue.warn_share".to_string(), String::new(), *limit, *count),
        })
        .collect();
    ProposalView {
        register_size: journals.len(),
        limit: result.limit,
        counts: result.counts,
        listed: result.counts.iter().sum(),
        warnings,
        indicators,
        rows,
    }
}

/// Sets the committee's override of a journal's tier; a written reason is required.
pub fn set_override(conn: &mut AnyConnection, e: &Edition, by: i64, journal_id: i64, tier: &str, reason: &str) -> AppResult<()> {
    let phase = super::phases::Phase::parse(&e.phase);
    if !matches!(phase, Some(super::phases::Phase::Evaluation | super::phases::Phase::Notice)) {
        return Err(AppError::Conflict("catalogue.overrides_closed".into()));
    }
    nominations::require_candidate(conn, e, journal_id)?;
    let Some(vote) = votes::parse(tier) else {
        return Err(AppError::field("tier", "validation.tier_invalid"));
    };
    let reason = crate::panel::reason(reason)?;
    let mine = catalogue_overrides::table
        .filter(catalogue_overrides::edition_id.eq(e.id))
        .filter(catalogue_overrides::journal_id.eq(journal_id));
    diesel::delete(mine).execute(conn)?;
    diesel::insert_into(catalogue_overrides::table)
        .values((
            catalogue_overrides::edition_id.eq(e.id),
            catalogue_overrides::journal_id.eq(journal_id),
            catalogue_overrides::tier.eq(votes::code(vote)),
            catalogue_overrides::reason.eq(&reason),
            catalogue_overrides::user_id.eq(by),
            catalogue_overrides::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    audit::record(
        conn,
        e.id,
        Some(by),
        "override",
        Some(journal_id),
        json!({"tier": votes::code(vote), "reason": reason}),
    )?;
    refresh_entries_in_notice(conn, e)
}

/// Removes an override (the votes decide again); the reason is kept in the log.
pub fn clear_override(conn: &mut AnyConnection, e: &Edition, by: i64, journal_id: i64, reason: &str) -> AppResult<()> {
    let reason = crate::panel::reason(reason)?;
    let n = diesel::delete(
        catalogue_overrides::table
            .filter(catalogue_overrides::edition_id.eq(e.id))
            .filter(catalogue_overrides::journal_id.eq(journal_id)),
    )
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        conn,
        e.id,
        Some(by),
        "override_cleared",
        Some(journal_id),
        json!({"reason": reason}),
    )?;
    refresh_entries_in_notice(conn, e)
}

fn refresh_entries_in_notice(conn: &mut AnyConnection, e: &Edition) -> AppResult<()> {
    if super::phases::Phase::parse(&e.phase) == Some(super::phases::Phase::Notice) {
        super::entries::freeze(conn, e)?;
    }
    Ok(())
}

/// Parses a tier code for forms and the API (`T1`, `T2`, `T3` or `none`).
pub fn parse_tier(s: &str) -> AppResult<Option<Tier>> {
    votes::parse(s).ok_or_else(|| AppError::field("tier", "validation.tier_invalid"))
}
