//! A round's results: the score table of every active conference, weighted totals with the
//! per-dimension breakdown, grades by the round's bands, competition ranks with their interval
//! under ±10 % weights, and the proposal (graded excellent and ranked within the quota). The
//! committee sees them from the proposal on, with every cell, tries other weights (what-if,
//! never saved) and overrides a grade or a designation with a reason (logged); everyone sees
//! the totals, grades, ranks and designations from public notice on.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::store::{self as ov, Override};
use super::table::{self, Cell, Inputs};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::evaluation::aggregate::{self, Grade, GradeBands};
use crate::evaluation::robustness::{self, Perturbation, RankInterval};
use crate::evaluation::rounds::model::{EntryOrigin, EntryStatus, Round, RoundPhase};
use crate::evaluation::systems::definition::{Definition, DimensionDef};
use crate::guard::evaluation::{is_committee, require_committee};
use crate::panel::audit;

/// An indicator as the results show it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = EvaluationResultIndicator)]
pub struct ResultIndicator {
    /// Code.
    pub code: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// Its dimension's code.
    pub dimension: String,
    /// The weight used.
    pub weight: f64,
    /// The round's weight (differs from `weight` in a what-if).
    pub round_weight: f64,
    /// How it is scored (`metric`, `self_reported`, `expert`, `participant`).
    pub kind: String,
}

/// One conference's result.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = EvaluationResultLine)]
pub struct ResultLine {
    /// The entry.
    pub entry_id: i64,
    /// Name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// The venue's URL name (`None`: held outside xuehui).
    pub venue: Option<String>,
    /// How it came into the round (`outside`: self-reported data).
    pub origin: EntryOrigin,
    /// Weighted total, 0–100.
    pub total: f64,
    /// Per dimension (in the system's order), its score 0–100.
    pub dimensions: Vec<Option<f64>>,
    /// Rank (1 is best; ties share a rank).
    pub rank: u32,
    /// The ranks it takes when every weight varies by ±10 % (95 % of 2,000 draws).
    pub interval: RankInterval,
    /// The grade the bands give.
    pub computed_grade: Grade,
    /// The grade, after the committee's override.
    pub grade: Grade,
    /// Proposed as demonstrative: graded excellent and ranked within the quota.
    pub proposed: bool,
    /// Designated (or, before publication, to be designated) demonstrative.
    pub demonstrative: bool,
    /// Whether the committee overrode the grade or the designation.
    pub overridden: bool,
    /// The override with its reason (the committee only).
    pub override_detail: Option<Override>,
    /// Per indicator (the committee only; empty for others).
    pub cells: Vec<Cell>,
    /// Indicators without a score, counted as 0 (the committee only).
    pub missing: Vec<String>,
}

/// A round's results.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = EvaluationResults)]
pub struct Results {
    /// The round's phase.
    pub phase: RoundPhase,
    /// How many conferences may be designated.
    pub quota: i32,
    /// Grade bands.
    pub bands: GradeBands,
    /// Dimensions in order.
    pub dimensions: Vec<DimensionDef>,
    /// Indicators in order, with the weights used.
    pub indicators: Vec<ResultIndicator>,
    /// Whether these are what-if results (other weights, not saved).
    pub what_if: bool,
    /// Whether the reader runs the round (sees every cell, overrides).
    pub committee: bool,
    /// Conferences, best first.
    pub lines: Vec<ResultLine>,
}

/// The code of a grade.
pub fn grade_code(g: Grade) -> &'static str {
    match g {
        Grade::Excellent => "excellent",
        Grade::Good => "good",
        Grade::Pass => "pass",
        Grade::Fail => "fail",
    }
}

fn parse_grade(s: &str) -> Option<Grade> {
    [Grade::Excellent, Grade::Good, Grade::Pass, Grade::Fail]
        .into_iter()
        .find(|g| grade_code(*g) == s)
}

fn definition(conn: &mut AnyConnection, r: &Round) -> AppResult<Definition> {
    crate::evaluation::systems::service::final_version(conn, r.system_id, r.system_version)
}

/// Computes the results under `weights` (the round's when `None`), every detail included.
/// A published round's results come from what was kept at publication (see [`publish`]).
pub fn compute(conn: &mut AnyConnection, r: &Round, weights: Option<&[f64]>) -> AppResult<Results> {
    if weights.is_none()
        && r.phase == RoundPhase::Published
        && let Some(body) = ov::published(conn, r.id)?
    {
        return serde_json::from_str(&body).map_err(|e| AppError::caused("published results", e));
    }
    let d = definition(conn, r)?;
    let entries: Vec<_> = crate::evaluation::rounds::store::entries(conn, r.id)?
        .into_iter()
        .filter(|e| e.status == EntryStatus::Active)
        .collect();
    let mut inputs: HashMap<i64, Inputs> = entries.iter().map(|e| (e.id, Inputs::default())).collect();
    for (entry, f) in crate::evaluation::rounds::store::all_figures(conn, r.id)? {
        if let (Some(x), Some(v)) = (inputs.get_mut(&entry), f.value) {
            x.figures.insert(f.metric, v);
        }
    }
    let outside: Vec<i64> = entries.iter().filter(|e| e.venue_id.is_none()).map(|e| e.id).collect();
    for rep in crate::evaluation::self_report::store::all_reports(conn, r.id)? {
        if let (true, Some(x), Some(v)) = (outside.contains(&rep.entry_id), inputs.get_mut(&rep.entry_id), rep.value) {
            x.reported.insert(rep.indicator, v);
        }
    }
    // Only the experts' cast levels count, and only while they are not conflicted: a score
    // stays in the table only if its expert may still score the conference.
    let experts = crate::evaluation::ballots::progress::eligibility(conn, r)?;
    let may: HashMap<i64, Vec<i64>> = experts.into_iter().map(|(u, m, _)| (u.id, m)).collect();
    for s in crate::evaluation::ballots::store::scores(conn, r.id)? {
        if !may.get(&s.expert_id).is_some_and(|m| m.contains(&s.entry_id)) {
            continue;
        }
        if let Some(x) = inputs.get_mut(&s.entry_id) {
            x.levels.entry(s.indicator).or_default().push(s.level);
        }
    }
    let rows: Vec<Inputs> = entries.iter().map(|e| inputs.remove(&e.id).unwrap_or_default()).collect();
    let cells = table::build(&d, &rows);
    let mut w = d.weighting();
    let round_weights = w.weight.clone();
    if let Some(ws) = weights {
        w.weight = ws.to_vec();
    }
    let outcomes: Vec<_> = cells
        .iter()
        .map(|row| aggregate::outcome(&w, &row.iter().map(|c| c.score).collect::<Vec<_>>()))
        .collect();
    let totals: Vec<f64> = outcomes.iter().map(|o| o.total).collect();
    let ranks = aggregate::ranks(&totals);
    let flat: Vec<Vec<f64>> = cells
        .iter()
        .map(|row| row.iter().map(|c| c.score.unwrap_or(0.0)).collect())
        .collect();
    let intervals = robustness::intervals(&flat, &w.weight, &Perturbation::default());
    let bands: GradeBands = serde_json::from_str(&r.grade_bands).unwrap_or_default();
    let overrides: HashMap<i64, Override> = ov::all(conn, r.id)?.into_iter().map(|o| (o.entry_id, o)).collect();
    let mut lines = Vec::new();
    for (i, e) in entries.into_iter().enumerate() {
        let computed_grade = aggregate::grade(totals[i], &bands);
        let o = overrides.get(&e.id).cloned();
        let grade = o
            .as_ref()
            .and_then(|o| o.grade.as_deref())
            .and_then(parse_grade)
            .unwrap_or(computed_grade);
        let proposed = computed_grade == Grade::Excellent && ranks[i] as i32 <= r.quota;
        let venue = match e.venue_id {
            Some(v) => Some(crate::venues::store::by_id(conn, v)?.slug),
            None => None,
        };
        lines.push(ResultLine {
            entry_id: e.id,
            name_zh: e.name_zh,
            name_en: e.name_en,
            venue,
            origin: e.origin,
            total: totals[i],
            dimensions: outcomes[i].dimensions.clone(),
            rank: ranks[i],
            interval: intervals[i],
            computed_grade,
            grade,
            proposed,
            demonstrative: o.as_ref().and_then(|o| o.demonstrative).unwrap_or(proposed),
            overridden: o.is_some(),
            missing: outcomes[i].missing.iter().map(|m| d.indicators[*m].code.clone()).collect(),
            cells: cells[i].clone(),
            override_detail: o,
        });
    }
    lines.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.entry_id.cmp(&b.entry_id)));
    Ok(Results {
        phase: r.phase,
        quota: r.quota,
        bands,
        indicators: d
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| ResultIndicator {
                code: ind.code.clone(),
                name_zh: ind.name_zh.clone(),
                name_en: ind.name_en.clone(),
                dimension: ind.dimension.clone(),
                weight: w.weight[i],
                round_weight: round_weights[i],
                kind: ind.rule.kind().into(),
            })
            .collect(),
        dimensions: d.dimensions,
        what_if: weights.is_some(),
        committee: true,
        lines,
    })
}

/// The results as `user` may see them: the committee from the proposal on (every detail);
/// everyone from public notice on (totals, dimensions, grades, ranks, designations). 404 before.
pub fn view(conn: &mut AnyConnection, user: Option<&User>, r: &Round) -> AppResult<Results> {
    let committee = reader(conn, user, r)?;
    let mut res = compute(conn, r, None)?;
    if !committee {
        public(&mut res);
    }
    Ok(res)
}

/// Whether `user` reads the results as the committee (`true`) or as the public (`false`);
/// 404 while they are not theirs to read.
pub fn reader(conn: &mut AnyConnection, user: Option<&User>, r: &Round) -> AppResult<bool> {
    let committee = match user {
        Some(u) => is_committee(conn, u, r)?,
        None => false,
    };
    if !(committee && r.phase >= RoundPhase::Proposal || r.phase >= RoundPhase::Notice) {
        return Err(AppError::NotFound);
    }
    Ok(committee)
}

/// Leaves what the public reads: no indicator details, no override reasons.
pub fn public(res: &mut Results) {
    res.committee = false;
    for l in &mut res.lines {
        l.cells.clear();
        l.missing.clear();
        l.override_detail = None;
    }
}

/// Other weights to try.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationWhatIfInput)]
pub struct WhatIfInput {
    /// Weight by indicator code (≥ 0); indicators not named keep the round's weight.
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
}

/// The results under other weights (the committee, from the proposal on); nothing is saved.
pub fn what_if(conn: &mut AnyConnection, user: &User, r: &Round, input: &WhatIfInput) -> AppResult<Results> {
    require_committee(conn, user, r)?;
    if r.phase < RoundPhase::Proposal {
        return Err(AppError::NotFound);
    }
    let d = definition(conn, r)?;
    let mut f = FieldErrors::new();
    let mut w: Vec<f64> = d.indicators.iter().map(|i| i.weight).collect();
    for (code, v) in &input.weights {
        match d.indicators.iter().position(|i| &i.code == code) {
            Some(i) if v.is_finite() && *v >= 0.0 && *v <= 1000.0 => w[i] = *v,
            Some(_) => {
                f.insert(format!("weights.{code}"), "evaluation.weight_invalid".into());
            }
            None => {
                f.insert(format!("weights.{code}"), "evaluation.ballot_unknown_indicator".into());
            }
        }
    }
    if w.iter().sum::<f64>() <= 0.0 {
        f.insert("weights".into(), "evaluation.weights_zero".into());
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    compute(conn, r, Some(&w))
}

/// The committee's override of one conference.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationOverrideInput)]
pub struct OverrideInput {
    /// The grade (`excellent`, `good`, `pass`, `fail`); empty or absent keeps the computed one.
    #[serde(default)]
    pub grade: Option<String>,
    /// Designate (`true`) or not (`false`); absent keeps the proposal.
    #[serde(default)]
    pub demonstrative: Option<bool>,
    /// Why (required).
    #[serde(default)]
    pub reason: String,
}

/// Sets or (with neither a grade nor a designation) clears the override of one conference,
/// during the proposal and the public notice; logged with its reason. The designations may not
/// exceed the round's quota.
pub fn set_override(
    conn: &mut AnyConnection,
    user: &User,
    r: &Round,
    entry_id: i64,
    input: &OverrideInput,
    now: NaiveDateTime,
) -> AppResult<Results> {
    require_committee(conn, user, r)?;
    let e = crate::evaluation::rounds::store::entry(conn, r.id, entry_id)?;
    if e.status != EntryStatus::Active {
        return Err(AppError::NotFound);
    }
    if !(r.phase == RoundPhase::Proposal || r.phase == RoundPhase::Notice) {
        return Err(AppError::Conflict("evaluation.overrides_closed".into()));
    }
    let reason = crate::panel::reason(&input.reason)?;
    let grade = match input.grade.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        Some(g) => Some(parse_grade(g).ok_or_else(|| AppError::field("grade", "evaluation.grade_unknown"))?),
        None => None,
    };
    let value = (grade.is_some() || input.demonstrative.is_some()).then_some((grade.map(grade_code), input.demonstrative, reason.as_str()));
    ov::put(conn, (r.id, e.id), value, user.id, now)?;
    let res = compute(conn, r, None)?;
    let designated = res.lines.iter().filter(|l| l.demonstrative).count();
    if designated as i32 > r.quota {
        return Err(AppError::field("demonstrative", "evaluation.quota_exceeded"));
    }
    audit::record(
        conn,
        crate::panel::Round::evaluation(r.id),
        Some(user.id),
        "override",
        Some(e.id),
        json!({"grade": grade.map(grade_code), "demonstrative": input.demonstrative, "reason": reason}),
    )?;
    Ok(res)
}

/// Keeps the results of a round being published, as they are now: from then on they are read,
/// not recomputed.
pub fn publish(conn: &mut AnyConnection, r: &Round, now: NaiveDateTime) -> AppResult<()> {
    let mut res = compute(conn, r, None)?;
    res.phase = RoundPhase::Published;
    let body = serde_json::to_string(&res).map_err(|e| AppError::caused("published results", e))?;
    ov::put_published(conn, r.id, &body, now)
}
