//! One conference's report: its total, grade, rank and rank interval; each dimension's score
//! beside the round's median (the radar); each indicator's figure and score placed in the
//! round's spread; the expert comments the committee released (numbered, never named); and
//! the committee's recommendations. The committee reads it from the proposal on, with every
//! comment and what it has not released; the conference's chairs read it from public notice
//! on. Indicator spreads leave out the other conferences' figures when the round is too small
//! to hide them (below [`MIN_SPREAD`] conferences), except for the committee.

use std::collections::HashMap;

use serde::Serialize;

use super::distribution::{self, Spread};
use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::evaluation::aggregate::Grade;
use crate::evaluation::ballots::model::Comment;
use crate::evaluation::metrics::Unit;
use crate::evaluation::results::service::{self as results, Results};
use crate::evaluation::results::table::Source;
use crate::evaluation::robustness::RankInterval;
use crate::evaluation::rounds::model::{EntryOrigin, Round, RoundPhase};
use crate::evaluation::systems::definition::{Definition, Rule};
use crate::guard::evaluation::{is_committee, reads_report};

/// Below this many conferences, the spread of an indicator's scores would give away the others'
/// figures; only the committee sees it then.
pub const MIN_SPREAD: usize = 5;

/// A dimension in the report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationReportDimension)]
pub struct ReportDimension {
    /// Code.
    pub code: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// Its share of the total weight, in per cent.
    pub weight: f64,
    /// The conference's score, 0–100.
    pub score: Option<f64>,
    /// The round's scores of this dimension.
    pub spread: Option<Spread>,
}

/// An indicator in the report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationReportIndicator)]
pub struct ReportIndicator {
    /// Code.
    pub code: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// Its dimension's code.
    pub dimension: String,
    /// How it is scored (`metric`, `self_reported`, `expert`, `participant`).
    pub kind: String,
    /// How a metric's figure reads (`count`, `share`, …); `None` for other kinds.
    pub unit: Option<Unit>,
    /// Weight.
    pub weight: f64,
    /// The figure (a metric's value, the mean satisfaction, the experts' mean level).
    pub raw: Option<f64>,
    /// Its score, 0–100 (`None`: missing, counted as 0).
    pub score: Option<f64>,
    /// Where it came from.
    pub source: Source,
    /// How many experts scored it.
    pub experts: usize,
    /// The round's scores of this indicator (`None` when withheld or nothing was scored).
    pub spread: Option<Spread>,
}

/// An expert comment, numbered within the conference.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationReportComment)]
pub struct ReportComment {
    /// Its number (1, 2, …), the handle the committee releases it by.
    pub number: usize,
    /// What the expert wrote.
    pub text: String,
    /// Whether it is in the conference's report.
    pub released: bool,
}

/// One conference's report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationConferenceReport)]
pub struct ConferenceReport {
    /// The round.
    pub round_id: i64,
    /// The round's URL name.
    pub round_slug: String,
    /// The round's title in Chinese.
    pub round_title_zh: String,
    /// In English.
    pub round_title_en: String,
    /// The round's phase.
    pub phase: RoundPhase,
    /// The entry.
    pub entry_id: i64,
    /// The conference's name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// The venue's URL name (`None`: held outside xuehui).
    pub venue: Option<String>,
    /// How it came into the round (`outside`: self-reported data).
    pub origin: EntryOrigin,
    /// Conferences ranked in the round.
    pub conferences: usize,
    /// Weighted total, 0–100.
    pub total: f64,
    /// The round's totals.
    pub total_spread: Option<Spread>,
    /// Rank (1 is best).
    pub rank: u32,
    /// Ranks under ±10 % weights.
    pub interval: RankInterval,
    /// The grade (after any override).
    pub grade: Grade,
    /// Designated (before publication: to be designated) demonstrative.
    pub demonstrative: bool,
    /// The expert scale's length (an expert-scored figure is a mean level on it).
    pub scale: usize,
    /// Dimensions in order.
    pub dimensions: Vec<ReportDimension>,
    /// Indicators in order.
    pub indicators: Vec<ReportIndicator>,
    /// Whether indicator spreads are shown (the committee, or a round of enough conferences).
    pub spreads_shown: bool,
    /// Expert comments: all for the committee, the released ones for the chairs.
    pub comments: Vec<ReportComment>,
    /// The committee's recommendations, Chinese.
    pub recommendations_zh: String,
    /// In English.
    pub recommendations_en: String,
    /// Whether the reader runs the round (releases comments, writes recommendations).
    pub committee: bool,
}

/// The numbered comments on an entry that count: numbers follow the stored order, and a
/// comment whose expert may no longer score the conference (taken off the panel, or
/// conflicted since) is left out, as their scores are.
pub fn numbered(conn: &mut AnyConnection, r: &Round, entry_id: i64) -> AppResult<Vec<(usize, Comment)>> {
    let may: HashMap<i64, Vec<i64>> = crate::evaluation::ballots::progress::eligibility(conn, r)?
        .into_iter()
        .map(|(u, m, _)| (u.id, m))
        .collect();
    Ok(store::comments(conn, r.id, entry_id)?
        .into_iter()
        .filter(|c| !c.comment.trim().is_empty())
        .enumerate()
        .map(|(i, c)| (i + 1, c))
        .filter(|(_, c)| may.get(&c.expert_id).is_some_and(|m| m.contains(&entry_id)))
        .collect())
}

/// Builds an entry's report from the round's results, its comments and recommendations (pure).
pub fn build(
    r: &Round,
    res: &Results,
    entry_id: i64,
    d: &Definition,
    comments: Vec<ReportComment>,
    recommendations: (String, String),
    committee: bool,
) -> AppResult<ConferenceReport> {
    let line = res.lines.iter().find(|l| l.entry_id == entry_id).ok_or(AppError::NotFound)?;
    let spreads_shown = committee || res.lines.len() >= MIN_SPREAD;
    let total_weight: f64 = res.indicators.iter().map(|i| i.weight).sum::<f64>().max(f64::MIN_POSITIVE);
    let dimensions = res
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| ReportDimension {
            code: dim.code.clone(),
            name_zh: dim.name_zh.clone(),
            name_en: dim.name_en.clone(),
            weight: 100.0
                * res
                    .indicators
                    .iter()
                    .filter(|i| i.dimension == dim.code)
                    .map(|i| i.weight)
                    .sum::<f64>()
                / total_weight,
            score: line.dimensions.get(d).copied().flatten(),
            spread: distribution::spread(
                &res.lines
                    .iter()
                    .filter_map(|l| l.dimensions.get(d).copied().flatten())
                    .collect::<Vec<_>>(),
            ),
        })
        .collect();
    let indicators = res
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let cell = line.cells.get(i).copied();
            let spread = spreads_shown
                .then(|| {
                    distribution::spread(
                        &res.lines
                            .iter()
                            .filter_map(|l| l.cells.get(i).and_then(|c| c.score))
                            .collect::<Vec<_>>(),
                    )
                })
                .flatten();
            ReportIndicator {
                code: ind.code.clone(),
                name_zh: ind.name_zh.clone(),
                name_en: ind.name_en.clone(),
                dimension: ind.dimension.clone(),
                kind: ind.kind.clone(),
                unit: match d.indicators.get(i).map(|i| &i.rule) {
                    Some(Rule::Metric { metric, .. }) => Some(metric.unit()),
                    Some(Rule::Participant) => Some(Unit::Rating),
                    _ => None,
                },
                weight: ind.weight,
                raw: cell.and_then(|c| c.raw),
                score: cell.and_then(|c| c.score),
                source: cell.map_or(Source::Missing, |c| c.source),
                experts: cell.map_or(0, |c| c.experts),
                spread,
            }
        })
        .collect();
    Ok(ConferenceReport {
        round_id: r.id,
        round_slug: r.slug.clone(),
        round_title_zh: r.title_zh.clone(),
        round_title_en: r.title_en.clone(),
        phase: r.phase,
        entry_id,
        name_zh: line.name_zh.clone(),
        name_en: line.name_en.clone(),
        venue: line.venue.clone(),
        origin: line.origin,
        conferences: res.lines.len(),
        total: line.total,
        total_spread: distribution::spread(&res.lines.iter().map(|l| l.total).collect::<Vec<_>>()),
        rank: line.rank,
        interval: line.interval,
        grade: line.grade,
        demonstrative: line.demonstrative,
        scale: d.scale.len(),
        dimensions,
        indicators,
        spreads_shown,
        comments,
        recommendations_zh: recommendations.0,
        recommendations_en: recommendations.1,
        committee,
    })
}

/// An entry's report as `user` may read it; 404 for everyone else (and for entries that are
/// not ranked, such as withdrawn ones).
pub fn view(conn: &mut AnyConnection, user: &User, r: &Round, entry_id: i64) -> AppResult<ConferenceReport> {
    let e = crate::evaluation::rounds::store::entry(conn, r.id, entry_id)?;
    if !reads_report(conn, user, r, &e)? {
        return Err(AppError::NotFound);
    }
    let committee = r.phase >= RoundPhase::Proposal && is_committee(conn, user, r)?;
    let d = crate::evaluation::systems::service::final_version(conn, r.system_id, r.system_version)?;
    let res = results::compute(conn, r, None)?;
    let comments = numbered(conn, r, e.id)?
        .into_iter()
        .filter(|(_, c)| committee || c.released)
        .map(|(number, c)| ReportComment {
            number,
            text: c.comment,
            released: c.released,
        })
        .collect();
    let recommendations = store::recommendations(conn, r.id, e.id)?.unwrap_or_default();
    build(r, &res, e.id, &d, comments, recommendations, committee)
}
