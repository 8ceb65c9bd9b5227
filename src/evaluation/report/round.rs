//! A round's report: the ranking, how totals and grades spread (histogram with the bands,
//! counts per grade), each dimension's spread, and the method notes — which system version,
//! how many indicators of each kind, the panel and the scores it cast, how missing scores and
//! conferences held outside xuehui count, the robustness analysis and the overrides. It is
//! readable when the results are: the committee from the proposal on, everyone from public
//! notice on.

use serde::Serialize;

use super::distribution::{self, Spread};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::evaluation::aggregate::Grade;
use crate::evaluation::results::service::{self as results, Results};
use crate::evaluation::robustness::Perturbation;
use crate::evaluation::rounds::model::{EntryOrigin, Round};

/// How many conferences took a grade.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationGradeCount)]
pub struct GradeCount {
    /// The grade.
    pub grade: Grade,
    /// Its lowest total.
    pub from: f64,
    /// How many conferences.
    pub count: usize,
}

/// A dimension across the round.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationRoundDimension)]
pub struct RoundDimension {
    /// Code.
    pub code: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// Its share of the total weight, in per cent.
    pub weight: f64,
    /// How many indicators it has.
    pub indicators: usize,
    /// The conferences' scores of it.
    pub spread: Option<Spread>,
}

/// How the round was scored, in figures the method notes put in words.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationMethod)]
pub struct Method {
    /// The indicator system's name in Chinese.
    pub system_zh: String,
    /// In English.
    pub system_en: String,
    /// Its version.
    pub version: i32,
    /// Indicators computed from the platform's records.
    pub metric: usize,
    /// Indicators reported by the conferences and scored by the experts.
    pub self_reported: usize,
    /// Indicators scored by the experts.
    pub expert: usize,
    /// Indicators from the participants' surveys.
    pub participant: usize,
    /// Experts on the panel.
    pub experts: usize,
    /// Expert scores that counted.
    pub scores: usize,
    /// Indicator scores missing across the round (each counted as 0).
    pub missing: usize,
    /// Conferences held outside xuehui (self-reported data).
    pub outside: usize,
    /// Conferences whose grade or designation the committee overrode.
    pub overridden: usize,
    /// Each weight varied by this share in the robustness analysis (0.10: ±10 %).
    pub perturbation: f64,
    /// Random draws of weights.
    pub draws: usize,
}

/// A round's report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationRoundReport)]
pub struct RoundReport {
    /// The ranking, as the reader may see it.
    pub results: Results,
    /// The totals.
    pub totals: Option<Spread>,
    /// Totals in ten bins of 10 points (0–10, …, 90–100).
    pub histogram: [usize; 10],
    /// Conferences per grade, best first.
    pub grades: Vec<GradeCount>,
    /// Dimensions across the round.
    pub dimensions: Vec<RoundDimension>,
    /// The method.
    pub method: Method,
}

/// Builds the report from the results and the method's figures (pure).
pub fn build(res: Results, method: Method) -> RoundReport {
    let totals: Vec<f64> = res.lines.iter().map(|l| l.total).collect();
    let grades = [
        (Grade::Excellent, res.bands.excellent),
        (Grade::Good, res.bands.good),
        (Grade::Pass, res.bands.pass),
        (Grade::Fail, 0.0),
    ]
    .into_iter()
    .map(|(grade, from)| GradeCount {
        grade,
        from,
        count: res.lines.iter().filter(|l| l.grade == grade).count(),
    })
    .collect();
    let total_weight: f64 = res.indicators.iter().map(|i| i.weight).sum::<f64>().max(f64::MIN_POSITIVE);
    let dimensions = res
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let mine: Vec<_> = res.indicators.iter().filter(|i| i.dimension == dim.code).collect();
            RoundDimension {
                code: dim.code.clone(),
                name_zh: dim.name_zh.clone(),
                name_en: dim.name_en.clone(),
                weight: 100.0 * mine.iter().map(|i| i.weight).sum::<f64>() / total_weight,
                indicators: mine.len(),
                spread: distribution::spread(
                    &res.lines
                        .iter()
                        .filter_map(|l| l.dimensions.get(d).copied().flatten())
                        .collect::<Vec<_>>(),
                ),
            }
        })
        .collect();
    RoundReport {
        totals: distribution::spread(&totals),
        histogram: distribution::histogram(&totals),
        grades,
        dimensions,
        method,
        results: res,
    }
}

/// The round's report as `user` may read it (404 while its results are not theirs to see).
pub fn view(conn: &mut AnyConnection, user: Option<&User>, r: &Round) -> AppResult<RoundReport> {
    let committee = results::reader(conn, user, r)?;
    let mut res = results::compute(conn, r, None)?;
    let missing = res.lines.iter().map(|l| l.missing.len()).sum();
    if !committee {
        results::public(&mut res);
    }
    let system = crate::evaluation::systems::store::by_id(conn, r.system_id)?;
    let kinds = |k: &str| res.indicators.iter().filter(|i| i.kind == k).count();
    let experts = crate::evaluation::ballots::progress::eligibility(conn, r)?;
    let may: std::collections::HashMap<i64, Vec<i64>> = experts.iter().map(|(u, m, _)| (u.id, m.clone())).collect();
    let scores = crate::evaluation::ballots::store::scores(conn, r.id)?
        .iter()
        .filter(|s| may.get(&s.expert_id).is_some_and(|m| m.contains(&s.entry_id)))
        .count();
    let p = Perturbation::default();
    let method = Method {
        system_zh: system.name_zh,
        system_en: system.name_en,
        version: r.system_version,
        metric: kinds("metric"),
        self_reported: kinds("self_reported"),
        expert: kinds("expert"),
        participant: kinds("participant"),
        experts: experts.len(),
        scores,
        missing,
        outside: res.lines.iter().filter(|l| l.origin == EntryOrigin::Outside).count(),
        overridden: res.lines.iter().filter(|l| l.overridden).count(),
        perturbation: p.spread,
        draws: p.draws,
    };
    Ok(build(res, method))
}
