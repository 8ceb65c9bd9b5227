//! How far a conference's rank depends on the weights (pure): every weight is varied at random
//! within ±`spread` (uniformly, independently) a few thousand times and the conference's rank
//! is recorded each time; the interval it stays in is shown next to its rank. Seeded, so the
//! same round gives the same intervals on every page and in every export.

use rand::{Rng, SeedableRng};
use serde::Serialize;

use super::aggregate::{hundredths, ranks};

/// Where a conference's rank went under perturbed weights.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct RankInterval {
    /// Its rank under the round's weights.
    pub rank: u32,
    /// The best rank it reached in 95 % of the draws (2.5th percentile).
    pub best: u32,
    /// The worst rank it reached in 95 % of the draws (97.5th percentile).
    pub worst: u32,
    /// Share of draws in which it kept its rank, 0–1.
    pub kept: f64,
}

/// The analysis' settings.
#[derive(Debug, Clone, Copy)]
pub struct Perturbation {
    /// Relative variation of each weight (0.10 for ±10 %).
    pub spread: f64,
    /// Number of draws.
    pub draws: usize,
    /// Seed of the draws.
    pub seed: u64,
}

impl Default for Perturbation {
    fn default() -> Self {
        Perturbation {
            spread: 0.10,
            draws: 2000,
            seed: 20_261_205,
        }
    }
}

/// The rank interval of each conference of `scores` (conference × indicator, 0–100, missing
/// figures already 0) under `weight` perturbed as `p` says.
pub fn intervals(scores: &[Vec<f64>], weight: &[f64], p: &Perturbation) -> Vec<RankInterval> {
    let n = scores.len();
    let base = ranks(&totals(scores, weight));
    if n == 0 {
        return Vec::new();
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(p.seed);
    // Per conference, the rank it got in each draw.
    let mut seen: Vec<Vec<u32>> = vec![Vec::with_capacity(p.draws); n];
    let mut w = weight.to_vec();
    for _ in 0..p.draws {
        for (wi, base) in w.iter_mut().zip(weight) {
            *wi = base * (1.0 + p.spread * rng.random_range(-1.0..=1.0));
        }
        for (c, r) in ranks(&totals(scores, &w)).into_iter().enumerate() {
            seen[c].push(r);
        }
    }
    seen.into_iter()
        .zip(base)
        .map(|(mut rs, rank)| {
            let kept = rs.iter().filter(|r| **r == rank).count() as f64 / rs.len().max(1) as f64;
            rs.sort_unstable();
            let at = |q: f64| rs.get(((rs.len() - 1) as f64 * q).round() as usize).copied().unwrap_or(rank);
            RankInterval {
                rank,
                best: at(0.025).min(rank),
                worst: at(0.975).max(rank),
                kept,
            }
        })
        .collect()
}

/// The totals of every conference under `weight`.
pub fn totals(scores: &[Vec<f64>], weight: &[f64]) -> Vec<f64> {
    scores.iter().map(|s| super::aggregate::total(weight, s)).collect()
}

/// A what-if: the totals (in hundredths, as shown) and ranks the committee would get with
/// other weights, before deciding.
pub fn what_if(scores: &[Vec<f64>], weight: &[f64]) -> Vec<(i64, u32)> {
    let t = totals(scores, weight);
    t.iter().map(|x| hundredths(*x)).zip(ranks(&t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_leader_keeps_its_rank_and_close_rivals_swap() {
        // A leads by far; B and C are level on the total but strong on different indicators,
        // so varying the weights swaps them.
        let scores = vec![vec![95.0, 95.0], vec![80.0, 60.0], vec![60.0, 80.0], vec![10.0, 10.0]];
        let r = intervals(&scores, &[50.0, 50.0], &Perturbation::default());
        assert_eq!((r[0].rank, r[0].best, r[0].worst), (1, 1, 1));
        assert_eq!(r[0].kept, 1.0);
        assert_eq!((r[1].rank, r[2].rank), (2, 2));
        assert_eq!((r[1].best, r[1].worst), (2, 3));
        assert_eq!((r[2].best, r[2].worst), (2, 3));
        assert!(r[1].kept < 1.0);
        assert_eq!((r[3].best, r[3].worst), (4, 4));
    }

    #[test]
    fn the_same_seed_gives_the_same_intervals() {
        let scores: Vec<Vec<f64>> = (0..30).map(|c| (0..5).map(|i| ((c * 7 + i * 13) % 100) as f64).collect()).collect();
        let w = [10.0, 20.0, 30.0, 25.0, 15.0];
        let p = Perturbation {
            draws: 300,
            ..Default::default()
        };
        assert_eq!(intervals(&scores, &w, &p), intervals(&scores, &w, &p));
        for r in intervals(&scores, &w, &p) {
            assert!(r.best <= r.rank && r.rank <= r.worst);
        }
    }

    #[test]
    fn what_if_ranks_with_other_weights() {
        let scores = vec![vec![100.0, 0.0], vec![0.0, 100.0]];
        assert_eq!(what_if(&scores, &[3.0, 1.0]), vec![(7500, 1), (2500, 2)]);
        assert_eq!(what_if(&scores, &[1.0, 3.0]), vec![(2500, 2), (7500, 1)]);
    }
}
