//! Seeded random instances for tests and benchmarks (always compiled: tiny, std only, no I/O).

use super::problem::{Candidate, Problem};

/// SplitMix64: small, fast, good enough for instance generation, and stable across platforms.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }
}

/// Instance (a) shape: every pair is a candidate with a uniform [0,1) score, except a `conflict_frac` share of conflicts.
pub fn dense(papers: usize, reviewers: usize, k: u32, max_load: u32, conflict_frac: f64, seed: u64) -> Problem {
    let mut rng = Rng::new(seed);
    let mut candidates = Vec::with_capacity(papers * reviewers);
    let mut conflicts = Vec::new();
    for p in 0..papers as u32 {
        for r in 0..reviewers as u32 {
            candidates.push(Candidate {
                paper: p,
                reviewer: r,
                score: rng.unit(),
            });
            if rng.unit() < conflict_frac {
                conflicts.push((p, r));
            }
        }
    }
    Problem {
        num_papers: papers,
        num_reviewers: reviewers,
        demand: vec![k; papers],
        min_load: vec![0; reviewers],
        max_load: vec![max_load; reviewers],
        candidates,
        conflicts,
        forbidden: Vec::new(),
        forced: Vec::new(),
    }
}

/// Instance (b) shape: each paper has `per_paper` distinct random candidate reviewers with uniform [0,1) scores.
pub fn sparse(papers: usize, reviewers: usize, per_paper: usize, k: u32, max_load: u32, seed: u64) -> Problem {
    assert!(per_paper <= reviewers);
    let mut rng = Rng::new(seed);
    let mut candidates = Vec::with_capacity(papers * per_paper);
    let mut stamp = vec![u32::MAX; reviewers];
    for p in 0..papers as u32 {
        let mut got = 0;
        while got < per_paper {
            let r = rng.below(reviewers as u64) as usize;
            if stamp[r] != p {
                stamp[r] = p;
                candidates.push(Candidate {
                    paper: p,
                    reviewer: r as u32,
                    score: rng.unit(),
                });
                got += 1;
            }
        }
    }
    Problem {
        num_papers: papers,
        num_reviewers: reviewers,
        demand: vec![k; papers],
        min_load: vec![0; reviewers],
        max_load: vec![max_load; reviewers],
        candidates,
        conflicts: Vec::new(),
        forbidden: Vec::new(),
        forced: Vec::new(),
    }
}
