//! Schedule proposal: place accepted talks and posters into the sessions a programme chair created.
//!
//! Pure computation over dense indices (the caller maps its own ids): std only, no I/O, deterministic for a
//! given seed (unless [`Options::deadline`] cuts the search short).
//!
//! # Hard rules
//! * A talk session's talks fit in its length minus `fixed_minutes`; a poster session holds at most `capacity`.
//! * Posters go only to poster sessions, talks only to talk sessions.
//! * No speaker has talks in two distinct time-overlapping sessions, nor a talk in a session overlapping one
//!   they chair (other than that same session).
//! * No talk in a session that overlaps any busy interval of any of its speakers (whole session, conservatively).
//! * Pinned talks stay (in [`Mode::UnscheduledOnly`] so do talks with a `current` session). If such a talk
//!   breaks a rule it stays anyway and [`Infeasibility::FixedViolates`] says so.
//!
//! # Objective (maximised, lexicographically after the number of placed talks)
//! ```text
//! cohesion·Σ sim(pairs in a talk session) + poster_cohesion·Σ sim(pairs in a poster session)
//!   + track·#(talk track = session track) + track_room·Σ_tracks #(talks in the track's busiest room)
//!   − parallel·Σ coattend(pairs in overlapping sessions in different rooms) − moves·#(talks away from current)
//! ```
//! See [`Terms`]. Every talk that can be placed is placed first: a schedule placing more talks always wins.
//!
//! # Engines
//! With at most [`Options::exact_max_talks`] free talks: branch and bound ([`Method::Exact`]), proven optimal
//! unless the node budget runs out. Otherwise greedy construction, simulated annealing (relocate, swap,
//! eject-and-insert) and a first-improvement polish ([`Method::Heuristic`]).
//!
//! # Bound
//! [`Schedule::bound`] is an upper bound on the objective of every valid schedule placing at least as many
//! talks: the objective itself when proven optimal, otherwise a relaxation where each talk independently takes
//! its best track/move option and half its `k` largest similarities to talks that could share a session with
//! it (`k` = most talks that fit beside it), each track at most fills one room, and only unavoidable parallel
//! penalties are charged. It is valid but loose for big sessions (posters): the gap is honest, not small.
//!
//! # Infeasibility
//! Unplaced talks and rule-breaking fixed talks are explained as [`Infeasibility`] values; the best partial
//! schedule is returned with them.

mod anneal;
mod bound;
mod exact;
mod explain;
mod feasible;
mod issue;
mod model;
mod objective;
mod order;
mod problem;
mod result;
mod rng;
mod sim;
mod state;
/// Seeded instance generators for tests and benchmarks (std only, no I/O).
pub mod testing;

#[cfg(test)]
mod tests;

pub use self::feasible::check;
pub use self::issue::{Infeasibility, NoSessionReason, Obstacle};
pub use self::objective::{Terms, evaluate};
pub use self::problem::{InputError, MAX_INPUT_ERRORS, Mode, Options, Problem, Session, SessionKind, Similarity, Talk, Weights};
pub use self::result::{Method, Schedule, Stats};
pub use self::rng::Rng;

use self::model::{Model, NONE};
use self::state::State;
use std::time::Instant;

/// Annealing iterations per free talk when [`Options::iterations`] is 0.
const AUTO_ITERATIONS_PER_TALK: u64 = 6_000;

/// Proposes a schedule for `problem`; fails only on malformed input (infeasibility is reported in the result).
pub fn solve(problem: &Problem, options: &Options) -> Result<Schedule, Vec<InputError>> {
    let started = Instant::now();
    self::problem::validate(problem)?;
    let m = Model::new(problem, options.mode);
    let mut st = State::new(&m);
    let mut issues = explain::fixed_violations(&m, &st);
    let free = anneal::free_talks(&m).len();
    let mut rng = Rng::new(options.seed);
    anneal::warm_start(&mut st);
    anneal::greedy(&mut st);
    let mut stats = Stats {
        method: Method::Heuristic,
        free_talks: free,
        nodes: 0,
        iterations: 0,
        hit_deadline: false,
        elapsed: started.elapsed(),
    };
    let (bound, proven) = if free <= options.exact_max_talks {
        // A quick heuristic incumbent makes the branch and bound prune from the first node.
        let s = anneal::anneal(&mut st, 2_000 * free as u64, options.deadline, &mut rng);
        anneal::polish(&mut st, 5);
        let ex = exact::solve(&m, &st.at, options.node_limit);
        st = State::from(&m, &ex.at);
        stats.method = Method::Exact;
        stats.nodes = ex.nodes;
        stats.iterations = s.iterations;
        (ex.root_bound.min(bound::relaxation(&m)), ex.proven)
    } else {
        let iterations = if options.iterations == 0 {
            AUTO_ITERATIONS_PER_TALK * free as u64
        } else {
            options.iterations
        };
        let s = anneal::anneal(&mut st, iterations, options.deadline, &mut rng);
        anneal::polish(&mut st, 3);
        anneal::greedy(&mut st);
        stats.iterations = s.iterations;
        stats.hit_deadline = s.hit_deadline;
        (bound::relaxation(&m), false)
    };
    let placement: Vec<Option<usize>> = st.at.iter().map(|&s| (s != NONE).then_some(s as usize)).collect();
    let terms = evaluate(problem, &placement);
    let objective = terms.objective(&problem.weights);
    let bound = if proven { objective } else { bound };
    issues.extend(explain::unplaced(&m, &st, proven));
    let gap = bound - objective;
    stats.elapsed = started.elapsed();
    Ok(Schedule {
        sessions: order::order_sessions(&m, &st.at),
        placed: st.placed,
        placement,
        terms,
        objective,
        bound,
        gap,
        relative_gap: gap / bound.abs().max(1.0),
        optimal: proven,
        issues,
        stats,
    })
}
