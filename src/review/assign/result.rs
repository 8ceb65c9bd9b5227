//! Output types of [`super::solve`].

/// A solved assignment. Every hard constraint holds; nothing partial is ever returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// Per paper, its reviewers with the original scores (0 for forced or kept pairs that are not candidates), sorted by reviewer.
    pub papers: Vec<Vec<(u32, f64)>>,
    /// Sum of the original f64 scores of all assigned pairs (compensated summation).
    pub total_score: f64,
    /// How close to the exact f64 optimum the engine is guaranteed to be.
    pub precision: Precision,
    /// Fair mode only: min paper total and its upper bound.
    pub fairness: Option<FairnessReport>,
    /// Incremental mode only: what changed relative to `existing`.
    pub incremental: Option<IncrementalReport>,
    /// Engine counters, for logging.
    pub stats: SolveStats,
}

/// Optimality guarantee of the score objective.
///
/// Scores are multiplied by a power of two and rounded to integers, so each score moves by at most `quantum / 2`.
/// The engine is exact on the rounded scores, hence `total_score >= true optimum - max_gap` with
/// `max_gap = quantum * (number of non-forced assigned pairs)`. In fair mode `max_gap` is infinite (the total is
/// traded for the minimum) and `quantum` is that of the plain max-total solve. In default mode `quantum = 2^(e-53)` where
/// `2^(e-1) <= max|score| < 2^e`: the largest score is represented exactly and no other score loses more than
/// it would by being added to the largest one in f64.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Precision {
    /// Rounding step of scores (in score units).
    pub quantum: f64,
    /// Upper bound on `optimum - total_score` (0 when all scores are multiples of `quantum`).
    pub max_gap: f64,
}

/// Fair-mode outcome: the achieved minimum paper total, and a proof-backed upper bound on the best possible one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FairnessReport {
    /// min over papers of the paper's total score in the returned assignment.
    pub min_paper_score: f64,
    /// A valid upper bound on the optimal max-min value (Lagrangian / best-k bound); `>= min_paper_score`.
    pub upper_bound: f64,
    /// The min paper total of the plain max-total assignment, for comparison (never above `min_paper_score`).
    pub max_total_min: f64,
    /// The total score of the plain max-total assignment (an upper bound on `total_score`).
    pub max_total: f64,
    /// Number of min-cost-flow solves used.
    pub solves: u32,
}

/// Incremental-mode outcome relative to the `existing` assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct IncrementalReport {
    /// Still-allowed existing pairs that are in the new assignment.
    pub kept: usize,
    /// Still-allowed existing pairs that had to be removed (the minimum possible number).
    pub removed: usize,
    /// Assigned pairs that were not in `existing`.
    pub added: usize,
    /// The removed still-allowed pairs, as (paper, reviewer).
    pub removed_pairs: Vec<(u32, u32)>,
    /// Existing pairs that are no longer allowed and were dropped before solving.
    pub dropped: Vec<DroppedPair>,
}

/// An existing pair that could not be kept whatever the solver did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DroppedPair {
    /// Paper index as given (may be out of range).
    pub paper: u32,
    /// Reviewer index as given (may be out of range).
    pub reviewer: u32,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// Why an existing pair was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// The paper index is no longer in range (paper removed).
    UnknownPaper,
    /// The reviewer index is no longer in range (reviewer removed).
    UnknownReviewer,
    /// The pair is now a conflict of interest.
    Conflict,
    /// The pair is now forbidden.
    Forbidden,
}

/// Engine counters summed over all min-cost-flow solves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SolveStats {
    /// Min-cost-flow solves (1 except in fair mode).
    pub solves: u32,
    /// Cost-scaling refine phases.
    pub refines: u32,
    /// Push operations.
    pub pushes: u64,
    /// Relabel operations.
    pub relabels: u64,
}

/// Phase of a running solve, for progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Validating input and building the network.
    Preparing,
    /// Checking feasibility (max flow).
    Feasibility,
    /// Cost-scaling refine phases; `done`/`total` count phases.
    Optimising,
    /// Fair mode outer iterations; `done`/`total` count min-cost-flow solves.
    Fairness,
}

/// A progress report; called a few dozen times per solve, so its overhead is negligible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Current phase.
    pub phase: Phase,
    /// Steps done in this phase.
    pub done: u32,
    /// Steps in this phase (an estimate for `Fairness`).
    pub total: u32,
}

/// Forwards progress to an optional callback.
pub(super) struct Reporter<'a> {
    f: Option<&'a mut dyn FnMut(Progress)>,
}

impl<'a> Reporter<'a> {
    pub(super) fn new(f: Option<&'a mut dyn FnMut(Progress)>) -> Self {
        Reporter { f }
    }

    pub(super) fn report(&mut self, phase: Phase, done: u32, total: u32) {
        if let Some(f) = self.f.as_mut() {
            f(Progress { phase, done, total });
        }
    }
}
