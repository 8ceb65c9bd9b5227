//! The proposed schedule and how good it provably is.

use super::issue::Infeasibility;
use super::objective::Terms;
use std::time::Duration;

/// How the schedule was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Branch and bound (optimal if it finished within the node budget).
    Exact,
    /// Greedy construction, simulated annealing and local search.
    Heuristic,
}

/// Effort spent (informational; `elapsed` varies between runs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Which engine produced the schedule.
    pub method: Method,
    /// Talks the solver was free to place (not pinned or kept).
    pub free_talks: usize,
    /// Branch-and-bound nodes.
    pub nodes: u64,
    /// Annealing iterations.
    pub iterations: u64,
    /// Whether the deadline stopped the annealing early.
    pub hit_deadline: bool,
    /// Wall time of the solve.
    pub elapsed: Duration,
}

/// A proposed schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Session per talk (`None` = could not be placed; see `issues`).
    pub placement: Vec<Option<usize>>,
    /// Talks of each session in presentation order.
    pub sessions: Vec<Vec<usize>>,
    /// Number of placed talks.
    pub placed: usize,
    /// Unweighted objective terms.
    pub terms: Terms,
    /// Weighted objective (maximised): `terms.objective(&weights)`.
    pub objective: f64,
    /// Upper bound on the objective of every valid schedule placing at least `placed` talks.
    pub bound: f64,
    /// `bound - objective` (≥ 0).
    pub gap: f64,
    /// `gap / max(|bound|, 1)`.
    pub relative_gap: f64,
    /// Proven optimal: most talks placed, then highest objective.
    pub optimal: bool,
    /// Why talks are unplaced, and rules broken by pinned or kept talks (empty when all is well).
    pub issues: Vec<Infeasibility>,
    /// Effort spent.
    pub stats: Stats,
}
