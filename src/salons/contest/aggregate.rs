//! The contest's arithmetic, pure: a judge's total for a talk, a talk's score over its judges
//! (trimmed mean, mean or median), the ranking with shared ranks, and the award tiers.
//!
//! - **A judge's total** is on a scale of 100: `100 × Σ(wᵢ · pᵢ / maxᵢ) / Σwᵢ`, where `pᵢ` are
//!   the points given on criterion `i` (0 to `maxᵢ`) and `wᵢ` its weight. When the weights sum
//!   to 100 this is simply `Σ pᵢ / maxᵢ × wᵢ`; other weights are read as proportions.
//! - **A talk's score**: `trimmed_mean` drops the `trim` highest and `trim` lowest judge totals
//!   and averages the rest, but only when at least `2·trim + 1` totals exist (else it is the plain
//!   mean, and the result says so); `mean`; `median` (mean of the two middle totals when even).
//! - **Ranking** compares scores rounded to hundredths (what the board shows), so talks shown
//!   with equal scores share a rank, and the next rank skips: 1, 2, 2, 4. Talks without any
//!   score are not ranked.
//! - **Awards** go down the ranking tier by tier (first prize ×1, second ×2, ...). A group of
//!   tied talks is never split: when it crosses a tier's boundary the whole group gets the
//!   higher award and that tier is exceeded (reported as a [`TierOverflow`] and shown); the
//!   following tiers keep their full counts.

/// One criterion of the score form, as the arithmetic needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Most points (at least 1).
    pub max: u32,
    /// Weight (at least 1).
    pub weight: u32,
}

/// How a talk's score is made from its judges' totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Drop this many highest and lowest totals, then average (when enough totals exist).
    TrimmedMean(u32),
    /// The average of all totals.
    Mean,
    /// The middle total (mean of the two middle ones when even).
    Median,
}

/// A judge's total for one talk on a scale of 100 (see the module text); points above a
/// criterion's maximum count as the maximum, missing points as 0.
pub fn judge_total(points: &[u32], scales: &[Scale]) -> f64 {
    let weights: u64 = scales.iter().map(|s| u64::from(s.weight)).sum();
    if weights == 0 {
        return 0.0;
    }
    let sum: f64 = scales
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = points.get(i).copied().unwrap_or(0).min(s.max);
            f64::from(s.weight) * f64::from(p) / f64::from(s.max.max(1))
        })
        .sum();
    100.0 * sum / weights as f64
}

/// A talk's score over its judges' totals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The score (none without any total).
    pub value: Option<f64>,
    /// How many totals were counted.
    pub counted: usize,
    /// Whether highest and lowest totals were dropped (false when too few for the trim).
    pub trimmed: bool,
}

fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        None
    } else {
        Some(xs.iter().sum::<f64>() / xs.len() as f64)
    }
}

/// The score of a talk from its judges' totals under `rule`.
pub fn entry_score(totals: &[f64], rule: Rule) -> Score {
    let mut xs: Vec<f64> = totals.to_vec();
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    match rule {
        Rule::TrimmedMean(trim) if trim > 0 && n > 2 * trim as usize => {
            let t = trim as usize;
            Score {
                value: mean(&xs[t..n - t]),
                counted: n,
                trimmed: true,
            }
        }
        Rule::TrimmedMean(_) | Rule::Mean => Score {
            value: mean(&xs),
            counted: n,
            trimmed: false,
        },
        Rule::Median => Score {
            value: match n {
                0 => None,
                _ if n % 2 == 1 => Some(xs[n / 2]),
                _ => Some(f64::midpoint(xs[n / 2 - 1], xs[n / 2])),
            },
            counted: n,
            trimmed: false,
        },
    }
}

/// A score in hundredths, as shown and compared.
pub fn hundredths(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// Competition ranks (1, 2, 2, 4) of scores in hundredths, higher first; `None` stays unranked.
pub fn ranks(scores: &[Option<i64>]) -> Vec<Option<u32>> {
    scores
        .iter()
        .map(|s| s.map(|v| 1 + scores.iter().filter(|o| o.is_some_and(|o| o > v)).count() as u32))
        .collect()
}

/// A tier given to more talks than its count, because tied talks were not split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TierOverflow {
    /// The tier (0 is the highest).
    pub tier: usize,
    /// How many talks it went to.
    pub given: u32,
}

/// The tier each talk receives (by index into `counts`, highest first), given its rank; and
/// the tiers exceeded because of ties at their boundary.
pub fn awards(ranks: &[Option<u32>], counts: &[u32]) -> (Vec<Option<usize>>, Vec<TierOverflow>) {
    let mut out = vec![None; ranks.len()];
    let mut order: Vec<(u32, usize)> = ranks.iter().enumerate().filter_map(|(i, r)| r.map(|r| (r, i))).collect();
    order.sort_unstable();
    let mut given = vec![0u32; counts.len()];
    let (mut tier, mut left) = (0usize, counts.first().copied().unwrap_or(0));
    let mut k = 0;
    while k < order.len() {
        let rank = order[k].0;
        let group: Vec<usize> = order[k..].iter().take_while(|(r, _)| *r == rank).map(|(_, i)| *i).collect();
        k += group.len();
        while left == 0 && tier < counts.len() {
            tier += 1;
            left = counts.get(tier).copied().unwrap_or(0);
        }
        if tier >= counts.len() {
            break;
        }
        for &i in &group {
            out[i] = Some(tier);
        }
        given[tier] += group.len() as u32;
        left = left.saturating_sub(group.len() as u32);
    }
    let over = given
        .iter()
        .enumerate()
        .filter(|(t, g)| **g > counts[*t])
        .map(|(tier, &given)| TierOverflow { tier, given })
        .collect();
    (out, over)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DEFAULT: [Scale; 4] = [
        Scale { max: 30, weight: 30 },
        Scale { max: 30, weight: 30 },
        Scale { max: 20, weight: 20 },
        Scale { max: 20, weight: 20 },
    ];

    #[test]
    fn a_total_with_weights_summing_to_100_is_the_points_on_that_scale() {
        assert!((judge_total(&[27, 24, 18, 15], &DEFAULT) - 84.0).abs() < 1e-9);
        // Points out of 10 with weights 30/30/20/20: 8/10×30 + 7/10×30 + 9/10×20 + 6/10×20.
        let tens = DEFAULT.map(|s| Scale { max: 10, weight: s.weight });
        assert!((judge_total(&[8, 7, 9, 6], &tens) - 75.0).abs() < 1e-9);
        // Weights 1 and 3 are proportions: (1×5/10 + 3×10/10) / 4 × 100.
        let two = [Scale { max: 10, weight: 1 }, Scale { max: 10, weight: 3 }];
        assert!((judge_total(&[5, 10], &two) - 87.5).abs() < 1e-9);
    }

    #[test]
    fn the_trimmed_mean_drops_the_highest_and_lowest_only_with_enough_judges() {
        let s = entry_score(&[70.0, 90.0, 80.0, 85.0, 60.0], Rule::TrimmedMean(1));
        assert!(s.trimmed);
        assert!((s.value.unwrap() - 78.333_333).abs() < 1e-5, "mean of 70, 80, 85");
        let s = entry_score(&[70.0, 90.0], Rule::TrimmedMean(1));
        assert!(!s.trimmed);
        assert_eq!(s.value, Some(80.0));
        let s = entry_score(&[70.0, 90.0, 80.0], Rule::TrimmedMean(1));
        assert_eq!((s.value, s.trimmed), (Some(80.0), true));
        assert_eq!(entry_score(&[], Rule::TrimmedMean(1)).value, None);
    }

    #[test]
    fn mean_and_median() {
        assert_eq!(entry_score(&[60.0, 70.0, 95.0], Rule::Mean).value, Some(75.0));
        assert_eq!(entry_score(&[60.0, 95.0, 70.0], Rule::Median).value, Some(70.0));
        assert_eq!(entry_score(&[60.0, 70.0, 80.0, 95.0], Rule::Median).value, Some(75.0));
    }

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        let r = ranks(&[Some(9000), Some(8500), Some(8500), Some(7000), None]);
        assert_eq!(r, vec![Some(1), Some(2), Some(2), Some(4), None]);
    }

    #[test]
    fn awards_go_down_the_ranking_and_a_tie_at_a_boundary_gets_the_higher_award() {
        let r = [Some(1), Some(2), Some(3), Some(4), Some(5), Some(6), Some(7)];
        let (a, over) = awards(&r, &[1, 2, 3]);
        assert_eq!(a, vec![Some(0), Some(1), Some(1), Some(2), Some(2), Some(2), None]);
        assert!(over.is_empty());
        // Two tied for first with one first prize: both get it; second prize still goes twice.
        let r = [Some(1), Some(1), Some(3), Some(4), Some(5)];
        let (a, over) = awards(&r, &[1, 2]);
        assert_eq!(a, vec![Some(0), Some(0), Some(1), Some(1), None]);
        assert_eq!(over, vec![TierOverflow { tier: 0, given: 2 }]);
        // Unranked talks get nothing; a tier of 0 is skipped.
        let (a, _) = awards(&[None, Some(1), Some(2)], &[0, 1]);
        assert_eq!(a, vec![None, Some(1), None]);
    }

    proptest! {
        #[test]
        fn totals_stay_between_0_and_100(points in proptest::collection::vec(0u32..40, 4)) {
            let t = judge_total(&points, &DEFAULT);
            prop_assert!((0.0..=100.0 + 1e-9).contains(&t));
            let full = judge_total(&[30, 30, 20, 20], &DEFAULT);
            prop_assert!((full - 100.0).abs() < 1e-9);
        }

        #[test]
        fn a_score_lies_between_the_lowest_and_highest_total(
            totals in proptest::collection::vec(0.0f64..100.0, 1..9),
            trim in 0u32..3,
            rule in 0u8..3,
        ) {
            let rule = match rule { 0 => Rule::TrimmedMean(trim), 1 => Rule::Mean, _ => Rule::Median };
            let s = entry_score(&totals, rule);
            let v = s.value.unwrap();
            let lo = totals.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = totals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(v >= lo - 1e-9 && v <= hi + 1e-9);
            prop_assert_eq!(s.trimmed, matches!(rule, Rule::TrimmedMean(t) if t > 0 && totals.len() > 2 * t as usize));
        }

        #[test]
        fn ranks_count_the_better_scores_and_awards_never_split_ties(
            scores in proptest::collection::vec(proptest::option::of(0i64..20), 0..12),
            counts in proptest::collection::vec(0u32..4, 0..4),
        ) {
            let r = ranks(&scores);
            for (i, s) in scores.iter().enumerate() {
                match s {
                    None => prop_assert_eq!(r[i], None),
                    Some(v) => prop_assert_eq!(r[i], Some(1 + scores.iter().filter(|o| o.is_some_and(|o| o > *v)).count() as u32)),
                }
            }
            let (a, over) = awards(&r, &counts);
            for i in 0..r.len() {
                for j in 0..r.len() {
                    if r[i].is_some() && r[i] == r[j] { prop_assert_eq!(a[i], a[j]); }
                    // A better rank never gets a lower award.
                    if let (Some(ri), Some(rj), Some(aj)) = (r[i], r[j], a[j]) && ri < rj {
                        prop_assert!(a[i].is_some_and(|ai| ai <= aj));
                    }
                }
            }
            for (t, count) in counts.iter().enumerate() {
                let given = a.iter().filter(|x| **x == Some(t)).count() as u32;
                if given > *count { prop_assert!(over.iter().any(|o| o.tier == t && o.given == given)); }
            }
        }
    }
}
