//! Turning a raw figure into a 0–100 indicator score (pure): linear between two thresholds,
//! by bands, or by rank within the round.

use serde::{Deserialize, Serialize};

/// One band: a value at or above `floor` scores `score` (unless a higher band applies).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Band {
    /// The lowest value of the band.
    pub floor: f64,
    /// The score, 0–100.
    pub score: f64,
}

/// How a figure becomes a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Normalisation {
    /// 0 at `zero`, 100 at `full`, linear between and clamped outside; `zero > full` scores
    /// lower figures higher (days to a decision).
    Linear {
        /// The figure that scores 0.
        zero: f64,
        /// The figure that scores 100.
        full: f64,
    },
    /// The score of the highest band whose floor the figure reaches; 0 below every band.
    Bands {
        /// The bands, in any order.
        bands: Vec<Band>,
    },
    /// The share of the round's other conferences with a worse figure, ties counting half,
    /// times 100 (a percentile rank); alone in its round a conference scores 100.
    Rank {
        /// Whether a higher figure is better.
        higher_is_better: bool,
    },
}

/// The score of `value` under `rule`, given the figures of every conference of the round
/// (`round` includes `value` itself; only `Rank` reads it). Always within 0–100.
pub fn score(rule: &Normalisation, value: f64, round: &[f64]) -> f64 {
    let s = match rule {
        Normalisation::Linear { zero, full } => {
            if (full - zero).abs() < f64::EPSILON {
                if value >= *full { 100.0 } else { 0.0 }
            } else {
                100.0 * (value - zero) / (full - zero)
            }
        }
        Normalisation::Bands { bands } => bands
            .iter()
            .filter(|b| value >= b.floor)
            .max_by(|a, b| a.floor.total_cmp(&b.floor))
            .map_or(0.0, |b| b.score),
        Normalisation::Rank { higher_is_better } => {
            let others = round.len().saturating_sub(1);
            if others == 0 {
                100.0
            } else {
                let worse = round
                    .iter()
                    .filter(|v| if *higher_is_better { **v < value } else { **v > value })
                    .count() as f64;
                // `round` holds `value` once; the other equal figures are ties.
                let ties = round.iter().filter(|v| **v == value).count().saturating_sub(1) as f64;
                100.0 * (worse + ties / 2.0) / others as f64
            }
        }
    };
    if s.is_nan() { 0.0 } else { s.clamp(0.0, 100.0) }
}

/// The 0–100 score of a mean expert level on a scale of `levels` levels: the lowest level
/// scores 0, the highest 100, linearly between.
pub fn level_score(mean: f64, levels: usize) -> f64 {
    if levels < 2 || !mean.is_finite() {
        return 0.0;
    }
    (100.0 * (mean - 1.0) / (levels - 1) as f64).clamp(0.0, 100.0)
}

/// Why a rule cannot be used (a message key), or `None`.
pub fn problem(rule: &Normalisation) -> Option<&'static str> {
    match rule {
        Normalisation::Linear { zero, full } if !zero.is_finite() || !full.is_finite() => Some("evaluation.threshold_invalid"),
        Normalisation::Linear { zero, full } if zero == full => Some("evaluation.thresholds_equal"),
        Normalisation::Bands { bands } if bands.is_empty() => Some("evaluation.bands_empty"),
        Normalisation::Bands { bands } if bands.iter().any(|b| !b.floor.is_finite() || !(0.0..=100.0).contains(&b.score)) => {
            Some("evaluation.band_invalid")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn expert_levels_map_from_the_lowest_to_the_highest_level() {
        assert_eq!(level_score(1.0, 5), 0.0);
        assert_eq!(level_score(5.0, 5), 100.0);
        assert_eq!(level_score(3.5, 5), 62.5);
        assert_eq!(level_score(2.0, 3), 50.0);
        assert_eq!(level_score(9.0, 5), 100.0);
    }

    #[test]
    fn linear_scores_between_thresholds_and_clamps_outside() {
        let r = Normalisation::Linear { zero: 100.0, full: 500.0 };
        assert_eq!(score(&r, 300.0, &[]), 50.0);
        assert_eq!(score(&r, 50.0, &[]), 0.0);
        assert_eq!(score(&r, 900.0, &[]), 100.0);
        // Fewer days to a decision is better.
        let days = Normalisation::Linear { zero: 120.0, full: 30.0 };
        assert_eq!(score(&days, 30.0, &[]), 100.0);
        assert_eq!(score(&days, 75.0, &[]), 50.0);
    }

    #[test]
    fn bands_take_the_highest_floor_reached() {
        let r = Normalisation::Bands {
            bands: vec![
                Band { floor: 2.0, score: 60.0 },
                Band { floor: 0.0, score: 20.0 },
                Band { floor: 3.0, score: 100.0 },
            ],
        };
        assert_eq!(score(&r, -1.0, &[]), 0.0);
        assert_eq!(score(&r, 1.0, &[]), 20.0);
        assert_eq!(score(&r, 2.5, &[]), 60.0);
        assert_eq!(score(&r, 3.0, &[]), 100.0);
    }

    #[test]
    fn rank_is_a_percentile_with_ties_counting_half() {
        let r = Normalisation::Rank { higher_is_better: true };
        let round = [10.0, 20.0, 20.0, 40.0, 50.0];
        assert_eq!(score(&r, 50.0, &round), 100.0);
        assert_eq!(score(&r, 10.0, &round), 0.0);
        assert_eq!(score(&r, 20.0, &round), 100.0 * 1.5 / 4.0);
        let low = Normalisation::Rank { higher_is_better: false };
        assert_eq!(score(&low, 10.0, &round), 100.0);
        assert_eq!(score(&r, 7.0, &[7.0]), 100.0);
    }

    #[test]
    fn unusable_rules_are_named() {
        assert_eq!(
            problem(&Normalisation::Linear { zero: 1.0, full: 1.0 }),
            Some("evaluation.thresholds_equal")
        );
        assert_eq!(problem(&Normalisation::Bands { bands: vec![] }), Some("evaluation.bands_empty"));
        assert_eq!(problem(&Normalisation::Rank { higher_is_better: true }), None);
    }

    proptest! {
        #[test]
        fn scores_stay_within_0_and_100(v in -1e9f64..1e9, a in -1e6f64..1e6, b in -1e6f64..1e6, round in proptest::collection::vec(-1e6f64..1e6, 0..20)) {
            let mut all = round.clone();
            all.push(v);
            for r in [
                Normalisation::Linear { zero: a, full: b },
                Normalisation::Bands { bands: vec![Band { floor: a, score: 40.0 }, Band { floor: b, score: 90.0 }] },
                Normalisation::Rank { higher_is_better: a < b },
            ] {
                let s = score(&r, v, &all);
                prop_assert!((0.0..=100.0).contains(&s), "{r:?} {v} -> {s}");
            }
        }

        #[test]
        fn linear_never_scores_a_better_figure_lower(x in 0f64..1000.0, y in 0f64..1000.0) {
            let r = Normalisation::Linear { zero: 100.0, full: 600.0 };
            let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
            prop_assert!(score(&r, lo, &[]) <= score(&r, hi, &[]));
        }
    }
}
