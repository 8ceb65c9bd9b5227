//! Tests: an independent re-implementation of the constraints (checker, brute force, LP) compared with the solver.

mod brute;
mod fairness;
mod incremental;
mod infeasible;
mod input;
mod lp;
mod optimal;
mod props;

use super::testgen::Rng;
use super::{Assignment, Candidate, Problem};
use std::collections::{HashMap, HashSet};

/// Independent view of a problem: the allowed free pairs with scores, forced pairs, residual bounds.
pub(super) struct View {
    pub np: usize,
    pub nr: usize,
    /// Free allowed pairs per paper: (reviewer, score, existing).
    pub allowed: Vec<Vec<(u32, f64, bool)>>,
    pub forced: Vec<Vec<(u32, f64)>>,
    pub demand: Vec<i64>,
    pub min: Vec<i64>,
    pub max: Vec<i64>,
    pub existing_forced: usize,
}

impl View {
    /// Builds the view with plain hash sets (no code shared with the solver).
    pub fn new(p: &Problem, existing: &[(u32, u32)]) -> View {
        let banned: HashSet<(u32, u32)> = p.conflicts.iter().chain(&p.forbidden).copied().collect();
        let forced_set: HashSet<(u32, u32)> = p.forced.iter().copied().collect();
        let existing_set: HashSet<(u32, u32)> = existing.iter().copied().collect();
        let scores: HashMap<(u32, u32), f64> = p.candidates.iter().map(|c| ((c.paper, c.reviewer), c.score)).collect();
        let mut allowed = vec![Vec::new(); p.num_papers];
        for c in &p.candidates {
            let k = (c.paper, c.reviewer);
            if !banned.contains(&k) && !forced_set.contains(&k) {
                allowed[c.paper as usize].push((c.reviewer, c.score, existing_set.contains(&k)));
            }
        }
        for &(a, b) in existing {
            let k = (a, b);
            if (a as usize) < p.num_papers
                && (b as usize) < p.num_reviewers
                && !banned.contains(&k)
                && !forced_set.contains(&k)
                && !scores.contains_key(&k)
            {
                allowed[a as usize].push((b, 0.0, true));
            }
        }
        let mut forced = vec![Vec::new(); p.num_papers];
        let mut fload = vec![0i64; p.num_reviewers];
        for &(a, b) in &p.forced {
            forced[a as usize].push((b, scores.get(&(a, b)).copied().unwrap_or(0.0)));
            fload[b as usize] += 1;
        }
        let demand = (0..p.num_papers).map(|i| p.demand[i] as i64 - forced[i].len() as i64).collect();
        let min = (0..p.num_reviewers).map(|r| (p.min_load[r] as i64 - fload[r]).max(0)).collect();
        let max = (0..p.num_reviewers).map(|r| p.max_load[r] as i64 - fload[r]).collect();
        let existing_forced = p.forced.iter().filter(|f| existing_set.contains(f)).count();
        View {
            np: p.num_papers,
            nr: p.num_reviewers,
            allowed,
            forced,
            demand,
            min,
            max,
            existing_forced,
        }
    }
}

/// Asserts every hard constraint of `p` on `a`, and that scores and the total are the original ones.
pub(super) fn check_valid(p: &Problem, a: &Assignment, existing: &[(u32, u32)]) {
    let banned: HashSet<(u32, u32)> = p.conflicts.iter().chain(&p.forbidden).copied().collect();
    let scores: HashMap<(u32, u32), f64> = p.candidates.iter().map(|c| ((c.paper, c.reviewer), c.score)).collect();
    let existing: HashSet<(u32, u32)> = existing.iter().copied().collect();
    let forced: HashSet<(u32, u32)> = p.forced.iter().copied().collect();
    assert_eq!(a.papers.len(), p.num_papers);
    let mut load = vec![0u32; p.num_reviewers];
    let mut total = 0.0;
    let mut seen = HashSet::new();
    for (paper, revs) in a.papers.iter().enumerate() {
        assert_eq!(revs.len() as u32, p.demand[paper], "paper {paper} demand");
        let distinct: HashSet<u32> = revs.iter().map(|x| x.0).collect();
        assert_eq!(distinct.len(), revs.len(), "paper {paper} has a repeated reviewer");
        for &(r, s) in revs {
            let k = (paper as u32, r);
            seen.insert(k);
            assert!(!banned.contains(&k), "banned pair {k:?} assigned");
            match scores.get(&k) {
                Some(&sc) => assert_eq!(sc, s, "score of {k:?}"),
                None => {
                    assert!(forced.contains(&k) || existing.contains(&k), "non-candidate pair {k:?} assigned");
                    assert_eq!(s, 0.0);
                }
            }
            load[r as usize] += 1;
            total += s;
        }
    }
    for f in &p.forced {
        assert!(seen.contains(f), "forced pair {f:?} missing");
    }
    for (r, &l) in load.iter().enumerate() {
        assert!(
            l >= p.min_load[r] && l <= p.max_load[r],
            "reviewer {r} load {l} outside [{}, {}]",
            p.min_load[r],
            p.max_load[r]
        );
    }
    assert!(
        (total - a.total_score).abs() <= 1e-9 * (1.0 + total.abs()),
        "total {total} vs reported {}",
        a.total_score
    );
}

/// Per-paper totals of an assignment.
pub(super) fn paper_totals(a: &Assignment) -> Vec<f64> {
    a.papers.iter().map(|v| v.iter().map(|x| x.1).sum()).collect()
}

/// Size and density knobs of [`random_problem`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape {
    pub np: usize,
    pub nr: usize,
    pub max_k: u32,
    pub max_load: u32,
    pub max_min: u32,
    pub density: f64,
    pub ban: f64,
    pub forced: usize,
}

/// A random small instance (often infeasible on purpose) with scores of many decimals, some negative.
pub(super) fn random_problem(seed: u64, s: Shape) -> Problem {
    let mut rng = Rng::new(seed);
    let demand = (0..s.np).map(|_| rng.below(s.max_k as u64 + 1) as u32).collect();
    let max_load: Vec<u32> = (0..s.nr).map(|_| rng.below(s.max_load as u64 + 1) as u32).collect();
    let min_load = max_load.iter().map(|&m| (rng.below(s.max_min as u64 + 1) as u32).min(m)).collect();
    let mut candidates = Vec::new();
    let mut conflicts = Vec::new();
    let mut forbidden = Vec::new();
    for p in 0..s.np as u32 {
        for r in 0..s.nr as u32 {
            if rng.unit() < s.density {
                candidates.push(Candidate {
                    paper: p,
                    reviewer: r,
                    score: rng.unit() * 3.0 - 0.5,
                });
            }
            let x = rng.unit();
            if x < s.ban / 2.0 {
                conflicts.push((p, r));
            } else if x < s.ban {
                forbidden.push((p, r));
            }
        }
    }
    // Shuffle so the solver cannot rely on input order.
    for i in (1..candidates.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        candidates.swap(i, j);
    }
    let banned: HashSet<(u32, u32)> = conflicts.iter().chain(&forbidden).copied().collect();
    let mut forced = Vec::new();
    for _ in 0..s.forced {
        let k = (rng.below(s.np as u64) as u32, rng.below(s.nr as u64) as u32);
        if !banned.contains(&k) && !forced.contains(&k) {
            forced.push(k);
        }
    }
    Problem {
        num_papers: s.np,
        num_reviewers: s.nr,
        demand,
        min_load,
        max_load,
        candidates,
        conflicts,
        forbidden,
        forced,
    }
}

/// Flattened (paper, reviewer) pairs of an assignment.
pub(super) fn pairs(a: &Assignment) -> Vec<(u32, u32)> {
    a.papers
        .iter()
        .enumerate()
        .flat_map(|(p, v)| v.iter().map(move |x| (p as u32, x.0)))
        .collect()
}
