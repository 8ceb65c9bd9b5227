//! From indicator scores to a conference's result (pure): the weighted total out of 100 with
//! its per-dimension breakdown, the grade band, and competition ranks.

use serde::{Deserialize, Serialize};

/// The weighting of a frozen indicator system: per indicator, its dimension and weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighting {
    /// Per indicator, the index of its dimension.
    pub dimension: Vec<usize>,
    /// Per indicator, its weight (non-negative; they need not sum to 100).
    pub weight: Vec<f64>,
    /// How many dimensions there are.
    pub dimensions: usize,
}

/// A conference's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Weighted total, 0–100.
    pub total: f64,
    /// Per dimension, its weighted score 0–100 (`None` for a dimension without weight).
    pub dimensions: Vec<Option<f64>>,
    /// Indicators without a score (they count as 0, and the report says so).
    pub missing: Vec<usize>,
}

/// The weighted total and breakdown of one conference's indicator scores (0–100 each, `None`
/// when there is no figure: it counts as 0 and is listed).
pub fn outcome(w: &Weighting, scores: &[Option<f64>]) -> Outcome {
    let mut num = vec![0.0; w.dimensions];
    let mut den = vec![0.0; w.dimensions];
    let mut missing = Vec::new();
    for (i, (&d, &wt)) in w.dimension.iter().zip(&w.weight).enumerate() {
        let s = match scores.get(i).copied().flatten() {
            Some(s) => s.clamp(0.0, 100.0),
            None => {
                missing.push(i);
                0.0
            }
        };
        num[d] += wt * s;
        den[d] += wt;
    }
    let all: f64 = den.iter().sum();
    let total = if all > 0.0 { num.iter().sum::<f64>() / all } else { 0.0 };
    Outcome {
        total,
        dimensions: num.iter().zip(&den).map(|(n, d)| (*d > 0.0).then(|| n / d)).collect(),
        missing,
    }
}

/// The weighted total alone, for many weightings of one score table (`scores` with missing
/// figures already 0).
pub fn total(weight: &[f64], scores: &[f64]) -> f64 {
    let den: f64 = weight.iter().sum();
    if den <= 0.0 {
        return 0.0;
    }
    weight.iter().zip(scores).map(|(w, s)| w * s).sum::<f64>() / den
}

/// A grade band (等级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优秀.
    Excellent,
    /// 良好.
    Good,
    /// 合格.
    Pass,
    /// 不合格.
    Fail,
}

/// The lowest totals of the grades above "fail", set per round.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GradeBands {
    /// 优秀 from this total.
    pub excellent: f64,
    /// 良好 from this total.
    pub good: f64,
    /// 合格 from this total.
    pub pass: f64,
}

impl Default for GradeBands {
    fn default() -> Self {
        GradeBands {
            excellent: 85.0,
            good: 75.0,
            pass: 60.0,
        }
    }
}

impl GradeBands {
    /// Why these bands cannot be used (a message key), or `None`: each within 0–100 and in order.
    pub fn problem(&self) -> Option<&'static str> {
        let ok = |x: f64| (0.0..=100.0).contains(&x);
        if !(ok(self.excellent) && ok(self.good) && ok(self.pass)) {
            Some("evaluation.band_range")
        } else if !(self.excellent > self.good && self.good > self.pass) {
            Some("evaluation.band_order")
        } else {
            None
        }
    }
}

/// A score in hundredths, as shown and compared (so what the page shows is what is ranked).
pub fn hundredths(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// The grade of a total (compared in hundredths, as shown).
pub fn grade(total: f64, b: &GradeBands) -> Grade {
    let t = hundredths(total);
    if t >= hundredths(b.excellent) {
        Grade::Excellent
    } else if t >= hundredths(b.good) {
        Grade::Good
    } else if t >= hundredths(b.pass) {
        Grade::Pass
    } else {
        Grade::Fail
    }
}

/// Competition ranks (1, 2, 2, 4) of totals compared in hundredths, higher first; O(n log n).
pub fn ranks(totals: &[f64]) -> Vec<u32> {
    let keys: Vec<i64> = totals.iter().map(|t| hundredths(*t)).collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|a, b| keys[*b].cmp(&keys[*a]));
    let mut out = vec![0u32; keys.len()];
    for (pos, &i) in order.iter().enumerate() {
        out[i] = if pos > 0 && keys[order[pos - 1]] == keys[i] {
            out[order[pos - 1]]
        } else {
            pos as u32 + 1
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn weighting() -> Weighting {
        // Two dimensions: indicators 0 and 1 in the first (weights 20, 30), 2 in the second (50).
        Weighting {
            dimension: vec![0, 0, 1],
            weight: vec![20.0, 30.0, 50.0],
            dimensions: 2,
        }
    }

    #[test]
    fn the_total_weighs_indicators_and_the_breakdown_weighs_within_dimensions() {
        let o = outcome(&weighting(), &[Some(100.0), Some(50.0), Some(80.0)]);
        assert!((o.total - (20.0 * 100.0 + 30.0 * 50.0 + 50.0 * 80.0) / 100.0).abs() < 1e-9);
        assert!((o.dimensions[0].unwrap() - 70.0).abs() < 1e-9);
        assert!((o.dimensions[1].unwrap() - 80.0).abs() < 1e-9);
        assert!(o.missing.is_empty());
    }

    #[test]
    fn a_missing_figure_counts_as_zero_and_is_listed() {
        let o = outcome(&weighting(), &[Some(100.0), None, Some(100.0)]);
        assert_eq!(o.missing, vec![1]);
        assert!((o.total - 70.0).abs() < 1e-9);
    }

    #[test]
    fn grades_follow_the_rounds_bands_as_shown() {
        let b = GradeBands::default();
        assert_eq!(grade(85.0, &b), Grade::Excellent);
        assert_eq!(grade(84.996, &b), Grade::Excellent, "shown as 85.00");
        assert_eq!(grade(84.99, &b), Grade::Good);
        assert_eq!(grade(60.0, &b), Grade::Pass);
        assert_eq!(grade(59.0, &b), Grade::Fail);
        assert_eq!(
            GradeBands {
                excellent: 70.0,
                good: 75.0,
                pass: 60.0
            }
            .problem(),
            Some("evaluation.band_order")
        );
    }

    #[test]
    fn ties_share_a_rank() {
        assert_eq!(ranks(&[70.0, 90.0, 70.004, 50.0]), vec![2, 1, 2, 4]);
        assert!(ranks(&[]).is_empty());
    }

    proptest! {
        #[test]
        fn the_total_lies_between_the_lowest_and_highest_score(scores in proptest::collection::vec(0f64..=100.0, 3), w in proptest::collection::vec(0.1f64..50.0, 3)) {
            let wt = Weighting { dimension: vec![0, 1, 1], weight: w.clone(), dimensions: 2 };
            let o = outcome(&wt, &scores.iter().map(|s| Some(*s)).collect::<Vec<_>>());
            let lo = scores.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(o.total >= lo - 1e-9 && o.total <= hi + 1e-9);
            prop_assert!((o.total - total(&w, &scores)).abs() < 1e-9);
        }

        #[test]
        fn ranks_agree_with_counting_better_totals(totals in proptest::collection::vec(0f64..100.0, 0..40)) {
            let r = ranks(&totals);
            for (i, t) in totals.iter().enumerate() {
                let better = totals.iter().filter(|o| hundredths(**o) > hundredths(*t)).count() as u32;
                prop_assert_eq!(r[i], better + 1);
            }
        }
    }
}
