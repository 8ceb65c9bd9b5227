//! Reviewer assignment: exact max-score assignment of reviewers to papers via min-cost flow.
//!
//! Pure computation over dense indices (the caller maps its own ids): no I/O, std only.
//!
//! # Constraints (all hard)
//! Each paper gets exactly `demand[p]` distinct reviewers; each reviewer's load lies in `[min_load, max_load]`;
//! only candidate pairs (plus forced pairs and, in incremental mode, kept existing pairs) are assigned; conflicts and
//! forbidden pairs never are; forced pairs always are.
//!
//! # Modes
//! * [`Mode::MaxTotal`]: maximise the total score, exactly (see [`Precision`]).
//! * [`Mode::Incremental`]: lexicographically minimise the number of still-allowed existing pairs removed, then
//!   maximise the total score; exact. Done with a bonus `M` per kept pair larger than any possible score difference,
//!   so scores get `ceil(log2(D+1))` fewer bits of precision (still reported in [`Precision`]).
//! * [`Mode::Fair`]: maximise the minimum paper total, then the total. NP-hard (Garg et al. 2010), so this is a
//!   heuristic with a certificate: see [`FairOptions`] and [`FairnessReport`].
//!
//! # Precision
//! Scores are never rounded to decimals. Each solve multiplies the (weighted) scores by a power of two chosen so
//! that the largest |score| becomes an integer in [2^52, 2^53) and rounds to integers: exact in f64 for the largest
//! score, and any score moves by at most `quantum / 2` with `quantum = 2^(e-53)`, `2^(e-1) <= max|score| < 2^e`.
//! The engine is exact on those integers, so in default mode the returned total is within
//! `max_gap = quantum · D` (D = non-forced pairs) of the true f64 optimum — for scores in [0, 1] and D = 86 300
//! that is below 1e-11. Incremental mode gives up `ceil(log2(D+1))` bits for the keep bonus. Both are reported
//! in [`Precision`]. Totals are summed with compensated summation.
//!
//! # Engine
//! Cost-scaling push-relabel min-cost flow, O(n²·m·log(n·C)) worst case, preceded by a Dinic max flow that
//! checks feasibility and, on failure, yields a min cut that [`Infeasibility`] turns into an actionable reason.
//!
//! # Errors
//! Invalid input gives [`SolveError::Input`]; unsatisfiable constraints give [`SolveError::Infeasible`]. A partial
//! assignment is never returned.

/// Reasons and errors named in the caller's ids, in English or Chinese.
pub mod describe;
mod error;
mod explain;
mod fair;
mod feasible;
mod mcf;
mod problem;
mod result;
mod scale;
mod solve;
/// Seeded instance generators; public (std only, no I/O) so tests and `benches/assign.rs` share them.
pub mod testgen;

#[cfg(test)]
mod tests;

pub use self::error::{Ban, Infeasibility, InputError, MAX_REPORTED, PairList, SolveError};
pub use self::problem::{Candidate, Problem};
pub use self::result::{Assignment, DropReason, DroppedPair, FairnessReport, IncrementalReport, Phase, Precision, Progress, SolveStats};

/// What to optimise.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// Maximise the total score (exact).
    MaxTotal,
    /// Keep as many still-allowed `existing` (paper, reviewer) pairs as possible, then maximise the total score (exact).
    Incremental {
        /// The previous assignment; out-of-range or now-banned pairs are dropped and reported.
        existing: Vec<(u32, u32)>,
    },
    /// Maximise the minimum paper total score, then the total score (heuristic with an upper bound).
    Fair(FairOptions),
}

/// Effort knobs of fair mode; each unit is one full min-cost-flow solve.
///
/// Method: (1) Lagrangian relaxation of `max t s.t. total_p >= t`: for paper weights λ on the simplex,
/// `g(λ) = max_x Σ λ_p·total_p(x)` is one exact min-cost flow and an upper bound on the optimum (min <= any
/// weighted mean); λ is updated by exponentiated subgradient steps, each x(λ) is a candidate, improved by
/// min-raising local search (single-reviewer upgrades and two-paper swaps) when its own minimum beats all earlier ones. (2) With the best min m* fixed,
/// penalty weights `1 + μ_p` on papers below m* search for a larger total with every paper >= m*, followed by
/// total-raising moves that never take a paper below m*. The result's min is never below the max-total
/// assignment's min, and the reported bound is `min(g(λ) over iterations, min_p best-k sum of p)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FairOptions {
    /// Lagrangian iterations for the max-min stage.
    pub lagrangian_iters: u32,
    /// Penalty iterations for the max-total stage.
    pub penalty_iters: u32,
}

impl Default for FairOptions {
    fn default() -> Self {
        FairOptions {
            lagrangian_iters: 8,
            penalty_iters: 3,
        }
    }
}

/// Solves `problem` in `mode`; `progress` (if any) is called a few dozen times with the current phase.
pub fn solve(problem: &Problem, mode: &Mode, progress: Option<&mut dyn FnMut(Progress)>) -> Result<Assignment, SolveError> {
    self::solve::run(problem, mode, progress)
}
