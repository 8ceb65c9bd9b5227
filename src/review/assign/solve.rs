//! Orchestration: validate, check feasibility, run the engine for the chosen mode, extract the result.

use super::Mode;
use super::error::SolveError;
use super::explain;
use super::fair;
use super::feasible::{greedy, route_supplies};
use super::mcf::{self, Network};
use super::problem::{Prepared, Problem, prepare};
use super::result::{Assignment, IncrementalReport, Phase, Precision, Progress, Reporter, SolveStats};
use super::scale::Scale;

/// Bits of integer cost for plain scores: the largest |score| keeps all 53 significant bits.
pub(super) const SCORE_BITS: u32 = 53;

/// Chosen free arcs (indices into the prepared arc list), per paper.
pub(super) type Sol = Vec<Vec<u32>>;

/// Runs the engine with per-arc weights `w(paper, arc)` (maximised), quantised to `bits`; returns the solution and scale.
pub(super) fn run_engine(
    prep: &Prepared,
    net: &mut Network,
    bits: u32,
    w: impl Fn(usize, usize) -> f64,
    rep: &mut Reporter,
    stats: &mut SolveStats,
) -> (Sol, Scale) {
    let mut max_abs = 0f64;
    for p in 0..prep.papers {
        for a in prep.paper_first[p]..prep.paper_first[p + 1] {
            max_abs = max_abs.max(w(p, a).abs());
        }
    }
    let scale = Scale::for_max(max_abs, bits);
    net.set_costs(|p, tag| -scale.quantise(w(p, tag as usize)));
    let s = mcf::optimise(net, rep);
    stats.solves += 1;
    stats.refines += s.refines;
    stats.pushes += s.pushes;
    stats.relabels += s.relabels;
    (extract(prep, net), scale)
}

/// Reads the chosen arcs off the flow.
pub(super) fn extract(prep: &Prepared, net: &Network) -> Sol {
    (0..prep.papers)
        .map(|p| {
            let mut v: Vec<u32> = net.chosen(p).collect();
            v.sort_unstable();
            v
        })
        .collect()
}

/// Compensated (Neumaier) sum, so totals of ~10^5 scores keep full f64 accuracy.
pub(super) fn exact_sum(it: impl Iterator<Item = f64>) -> f64 {
    let (mut s, mut c) = (0f64, 0f64);
    for x in it {
        let t = s + x;
        c += if s.abs() >= x.abs() { (s - t) + x } else { (x - t) + s };
        s = t;
    }
    s + c
}

/// Per-paper totals (forced plus chosen) of a solution.
pub(super) fn paper_totals(prep: &Prepared, sol: &Sol) -> Vec<f64> {
    (0..prep.papers)
        .map(|p| {
            exact_sum(
                prep.forced[p]
                    .iter()
                    .map(|f| f.1)
                    .chain(sol[p].iter().map(|&a| prep.arc_score[a as usize])),
            )
        })
        .collect()
}

fn ceil_log2(x: u64) -> u32 {
    64 - x.saturating_sub(1).leading_zeros()
}

/// Entry point behind [`super::solve`].
pub(super) fn run(problem: &Problem, mode: &Mode, progress: Option<&mut dyn FnMut(Progress)>) -> Result<Assignment, SolveError> {
    let mut rep = Reporter::new(progress);
    rep.report(Phase::Preparing, 0, 1);
    let existing = match mode {
        Mode::Incremental { existing } => Some(existing.as_slice()),
        _ => None,
    };
    let prep = prepare(problem, existing)?;
    let quick = explain::quick_checks(&prep);
    if !quick.is_empty() {
        return Err(SolveError::Infeasible(quick));
    }
    let mut net = Network::build(&prep);
    rep.report(Phase::Preparing, 1, 1);
    rep.report(Phase::Feasibility, 0, 1);
    greedy(&mut net);
    let excess = route_supplies(&mut net);
    if excess.iter().any(|&e| e != 0) {
        return Err(SolveError::Infeasible(vec![explain::from_min_cut(&prep, &net, &excess)]));
    }
    rep.report(Phase::Feasibility, 1, 1);

    let demand = prep.total_demand();
    let mut stats = SolveStats::default();
    let mut fairness = None;
    let mut incremental = None;
    let (sol, quantum) = match mode {
        Mode::MaxTotal => {
            let (sol, scale) = run_engine(&prep, &mut net, SCORE_BITS, |_, a| prep.arc_score[a], &mut rep, &mut stats);
            (sol, scale.quantum())
        }
        Mode::Incremental { .. } => {
            // Costs are -(M·kept + q) with |q| <= 2^bits and M = D·(qmax - qmin) + 1 <= D·2^(bits+1) + 1, so
            // |cost| <= 2^62 when bits + 1 + ceil(log2(D + 1)) <= 62.
            let bits = SCORE_BITS.min(61 - ceil_log2(demand + 1));
            let max_abs = prep.arc_score.iter().fold(0f64, |m, s| m.max(s.abs()));
            let scale = Scale::for_max(max_abs, bits);
            let (lo, hi) = prep.arc_score.iter().fold((i64::MAX, i64::MIN), |(lo, hi), &s| {
                let q = scale.quantise(s);
                (lo.min(q), hi.max(q))
            });
            let bonus = if lo <= hi { demand as i64 * (hi - lo) + 1 } else { 1 };
            net.set_costs(|_, tag| {
                let q = scale.quantise(prep.arc_score[tag as usize]);
                -(q + if prep.arc_existing[tag as usize] { bonus } else { 0 })
            });
            let s = mcf::optimise(&mut net, &mut rep);
            stats.solves += 1;
            stats.refines += s.refines;
            stats.pushes += s.pushes;
            stats.relabels += s.relabels;
            let sol = extract(&prep, &net);
            incremental = Some(incremental_report(&prep, &sol));
            (sol, scale.quantum())
        }
        Mode::Fair(opts) => {
            let (sol, report, quantum) = fair::solve(&prep, &mut net, opts, &mut rep, &mut stats);
            fairness = Some(report);
            (sol, quantum)
        }
    };
    let papers: Vec<Vec<(u32, f64)>> = (0..prep.papers)
        .map(|p| {
            let mut v: Vec<(u32, f64)> = prep.forced[p].clone();
            v.extend(sol[p].iter().map(|&a| (prep.arc_reviewer[a as usize], prep.arc_score[a as usize])));
            v.sort_unstable_by_key(|x| x.0);
            v
        })
        .collect();
    let total_score = exact_sum(papers.iter().flat_map(|v| v.iter().map(|x| x.1)));
    // Fair mode trades total score for the minimum, so no gap to the max-total optimum is claimed.
    let max_gap = if fairness.is_some() {
        f64::INFINITY
    } else {
        quantum * demand as f64
    };
    Ok(Assignment {
        papers,
        total_score,
        precision: Precision { quantum, max_gap },
        fairness,
        incremental,
        stats,
    })
}

/// Kept / removed / added counts relative to the existing pairs.
fn incremental_report(prep: &Prepared, sol: &Sol) -> IncrementalReport {
    let mut kept = prep.existing_forced;
    let mut removed_pairs = Vec::new();
    let mut assigned = 0;
    for (p, chosen) in sol.iter().enumerate() {
        assigned += prep.forced[p].len() + chosen.len();
        let mut chosen = chosen.iter().peekable();
        for a in prep.paper_first[p]..prep.paper_first[p + 1] {
            let is_chosen = chosen.peek().is_some_and(|&&c| c as usize == a);
            if is_chosen {
                chosen.next();
            }
            if prep.arc_existing[a] {
                if is_chosen {
                    kept += 1;
                } else {
                    removed_pairs.push((p as u32, prep.arc_reviewer[a]));
                }
            }
        }
    }
    IncrementalReport {
        kept,
        removed: removed_pairs.len(),
        added: assigned - kept,
        removed_pairs,
        dropped: prep.dropped.clone(),
    }
}
