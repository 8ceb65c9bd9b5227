//! Fair mode: maximise the minimum paper total, then the total (heuristic; the method is documented on
//! [`super::FairOptions`]). Every candidate is a full min-cost-flow solution or a load-preserving local move of
//! one, so hard constraints always hold.

use super::FairOptions;
use super::mcf::Network;
use super::problem::Prepared;
use super::result::{FairnessReport, Phase, Reporter, SolveStats};
use super::solve::{SCORE_BITS, Sol, exact_sum, paper_totals, run_engine};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Better-scored alternatives examined per assigned reviewer in a local-search step; bounds each step to
/// O(demand · SCAN_LIMIT · max_load · log(degree)) on dense instances.
const SCAN_LIMIT: usize = 64;

/// Runs fair mode; returns the solution, the report and the quantum of the max-total solve.
pub(super) fn solve(
    prep: &Prepared,
    net: &mut Network,
    opts: &FairOptions,
    rep: &mut Reporter,
    stats: &mut SolveStats,
) -> (Sol, FairnessReport, f64) {
    let total_steps = 1 + opts.lagrangian_iters + opts.penalty_iters;
    let mut step = 0;
    let free_units = prep.total_demand() as f64;
    let idx = Index::new(prep);

    let (s0, sc0) = run_engine(prep, net, SCORE_BITS, |_, a| prep.arc_score[a], rep, stats);
    step += 1;
    rep.report(Phase::Fairness, step, total_steps);
    let t0 = paper_totals(prep, &s0);
    let (min0, total0) = (min_of(&t0), exact_sum(t0.iter().copied()));
    let mut ub = best_k_bound(prep);
    let mut best = Cand::new(s0.clone(), &t0);
    if best.min < ub {
        let mut ls = Local::new(prep, &idx, s0.clone());
        ls.raise_min();
        best.offer(ls.into_cand());
    }

    // Stage 1: Lagrangian dual of max-min; each weighted solve is a bound and a candidate.
    let np = prep.papers.max(1);
    let mut lambda = vec![1.0 / np as f64; prep.papers];
    let mut t = t0.clone();
    let mut best_raw = min0;
    for it in 0..opts.lagrangian_iters {
        if best.min >= ub {
            break; // certified optimal: nothing left to gain
        }
        let (lo, hi) = t
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        let range = (hi - lo).max(f64::MIN_POSITIVE);
        let eta = 3.0 / ((it + 1) as f64).sqrt();
        for (l, &x) in lambda.iter_mut().zip(&t) {
            *l *= (-eta * (x - lo) / range).exp();
        }
        let sum: f64 = lambda.iter().sum();
        let floor = 1e-9 / np as f64;
        lambda.iter_mut().for_each(|l| *l = (*l / sum).max(floor));
        let sum: f64 = lambda.iter().sum();
        lambda.iter_mut().for_each(|l| *l /= sum);
        let (x, sc) = run_engine(prep, net, SCORE_BITS, |p, a| lambda[p] * prep.arc_score[a], rep, stats);
        step += 1;
        rep.report(Phase::Fairness, step, total_steps);
        t = paper_totals(prep, &x);
        // min_p t_p <= Σλ_p t_p <= g(λ) <= Σλ_p t_p(x) + D·quantum for every assignment (Σλ = 1).
        let g = exact_sum(lambda.iter().zip(&t).map(|(l, x)| l * x)) + free_units * sc.quantum();
        ub = ub.min(g + 1e-12 * g.abs());
        // Local search costs about as much as a solve; spend it only on candidates that are promising as they are.
        let raw_min = min_of(&t);
        if raw_min > best_raw {
            best_raw = raw_min;
            let mut ls = Local::new(prep, &idx, x);
            ls.raise_min();
            best.offer(ls.into_cand());
        }
    }

    // Stage 2: keep min >= m*, maximise the total.
    let floor = best.min;
    if min0 >= floor {
        best = Cand::new(s0, &t0);
    } else {
        let scale = prep.arc_score.iter().fold(0f64, |m, s| m.max(s.abs())).max(f64::MIN_POSITIVE) * 4.0;
        let mut mu = vec![0f64; prep.papers];
        let mut t = t0.clone();
        for j in 0..opts.penalty_iters {
            for (m, &x) in mu.iter_mut().zip(&t) {
                if x < floor {
                    *m += (1u64 << j.min(20)) as f64 * (floor - x) / scale;
                }
            }
            let (x, _) = run_engine(prep, net, SCORE_BITS, |p, a| (1.0 + mu[p]) * prep.arc_score[a], rep, stats);
            step += 1;
            rep.report(Phase::Fairness, step, total_steps);
            t = paper_totals(prep, &x);
            let mut ls = Local::new(prep, &idx, x);
            ls.raise_min();
            let c = ls.into_cand();
            if c.min >= floor && c.total > best.total {
                best = c;
            }
        }
    }
    let mut ls = Local::new(prep, &idx, best.sol);
    ls.raise_total(floor);
    let best = ls.into_cand();
    debug_assert!(best.min >= min0);
    debug_assert!(
        ub >= best.min - 1e-9 * (1.0 + best.min.abs()),
        "bound {ub} below achieved {}",
        best.min
    );
    let report = FairnessReport {
        min_paper_score: best.min,
        upper_bound: ub.max(best.min),
        max_total_min: min0,
        max_total: total0,
        solves: step,
    };
    (best.sol, report, sc0.quantum())
}

fn min_of(t: &[f64]) -> f64 {
    t.iter().copied().fold(f64::INFINITY, f64::min)
}

/// min over papers of (forced scores + its demand best allowed scores): each paper alone at its best.
fn best_k_bound(prep: &Prepared) -> f64 {
    (0..prep.papers)
        .map(|p| {
            // Arcs are sorted by descending score; skip reviewers that cannot take any paper.
            let best = (prep.paper_first[p]..prep.paper_first[p + 1])
                .filter(|&a| prep.max_load[prep.arc_reviewer[a] as usize] > 0)
                .take(prep.demand[p] as usize)
                .map(|a| prep.arc_score[a]);
            exact_sum(prep.forced[p].iter().map(|f| f.1).chain(best))
        })
        .fold(f64::INFINITY, f64::min)
}

/// A candidate solution with its min paper total and total.
struct Cand {
    sol: Sol,
    min: f64,
    total: f64,
}

impl Cand {
    fn new(sol: Sol, t: &[f64]) -> Cand {
        Cand {
            sol,
            min: min_of(t),
            total: exact_sum(t.iter().copied()),
        }
    }

    /// Keeps the better of self and `c` by (min, total).
    fn offer(&mut self, c: Cand) {
        if c.min > self.min || (c.min == self.min && c.total > self.total) {
            *self = c;
        }
    }
}

/// Lookups shared by all local searches.
struct Index {
    arc_paper: Vec<u32>,
    /// Arc indices of each paper sorted by reviewer (same CSR offsets as the prepared arcs).
    by_rev: Vec<u32>,
}

impl Index {
    fn new(prep: &Prepared) -> Index {
        let mut arc_paper = vec![0u32; prep.arc_reviewer.len()];
        let mut by_rev: Vec<u32> = (0..prep.arc_reviewer.len() as u32).collect();
        for p in 0..prep.papers {
            let range = prep.paper_first[p]..prep.paper_first[p + 1];
            arc_paper[range.clone()].fill(p as u32);
            by_rev[range].sort_unstable_by_key(|&a| prep.arc_reviewer[a as usize]);
        }
        Index { arc_paper, by_rev }
    }

    /// The free arc (q, r), if allowed.
    fn find(&self, prep: &Prepared, q: usize, r: u32) -> Option<usize> {
        let s = &self.by_rev[prep.paper_first[q]..prep.paper_first[q + 1]];
        s.binary_search_by_key(&r, |&a| prep.arc_reviewer[a as usize])
            .ok()
            .map(|i| s[i] as usize)
    }
}

/// A move found by the local search.
enum Move {
    /// Paper p swaps arc `from` for arc `to` (different reviewer with spare capacity).
    Replace { p: usize, from: usize, to: usize },
    /// p: from -> to; q: q_from -> q_to; loads unchanged.
    Swap {
        p: usize,
        from: usize,
        to: usize,
        q: usize,
        q_from: usize,
        q_to: usize,
    },
}

/// Local-search state over one solution.
struct Local<'a> {
    prep: &'a Prepared,
    idx: &'a Index,
    sol: Sol,
    tot: Vec<f64>,
    load: Vec<u32>,
    rev_arcs: Vec<Vec<u32>>,
}

#[derive(PartialEq)]
struct Key(f64, usize);
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Key {
    // Reversed: BinaryHeap pops the smallest total first.
    fn cmp(&self, o: &Self) -> Ordering {
        o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
    }
}

impl<'a> Local<'a> {
    fn new(prep: &'a Prepared, idx: &'a Index, sol: Sol) -> Local<'a> {
        let tot = paper_totals(prep, &sol);
        let mut load = vec![0u32; prep.reviewers];
        let mut rev_arcs = vec![Vec::new(); prep.reviewers];
        for arcs in &sol {
            for &a in arcs {
                let r = prep.arc_reviewer[a as usize] as usize;
                load[r] += 1;
                rev_arcs[r].push(a);
            }
        }
        Local {
            prep,
            idx,
            sol,
            tot,
            load,
            rev_arcs,
        }
    }

    fn into_cand(self) -> Cand {
        Cand::new(self.sol, &self.tot)
    }

    fn rev(&self, a: usize) -> u32 {
        self.prep.arc_reviewer[a]
    }

    fn score(&self, a: usize) -> f64 {
        self.prep.arc_score[a]
    }

    fn has(&self, p: usize, r: u32) -> bool {
        self.sol[p].iter().any(|&a| self.rev(a as usize) == r)
    }

    /// Moves that raise paper p's total, with the other paper (if any) ending at or above `floor_q`.
    /// `gain_of(new_tp, delta_total)` ranks moves; returns the best with positive rank.
    fn best_move(&self, p: usize, floor_q: f64, strict: bool, gain_of: impl Fn(f64, f64) -> f64) -> Option<Move> {
        let prep = self.prep;
        let mut best: Option<(f64, Move)> = None;
        let ok_q = |x: f64| if strict { x > floor_q } else { x >= floor_q };
        for &a in &self.sol[p] {
            let a = a as usize;
            let (r, s) = (self.rev(a), self.score(a));
            let can_drop = self.load[r as usize] > prep.min_load[r as usize];
            let mut tried = 0;
            for b in prep.paper_first[p]..prep.paper_first[p + 1] {
                let sb = self.score(b);
                if sb <= s || tried == SCAN_LIMIT {
                    break; // arcs sorted by descending score; the best few are where the gains are
                }
                let r2 = self.rev(b);
                if self.has(p, r2) {
                    continue;
                }
                tried += 1;
                let new_tp = self.tot[p] - s + sb;
                if can_drop && self.load[r2 as usize] < prep.max_load[r2 as usize] {
                    let g = gain_of(new_tp, sb - s);
                    if g > 0.0 && best.as_ref().is_none_or(|x| g > x.0) {
                        best = Some((g, Move::Replace { p, from: a, to: b }));
                    }
                }
                for &qa in &self.rev_arcs[r2 as usize] {
                    let qa = qa as usize;
                    let q = self.idx.arc_paper[qa] as usize;
                    if q == p || self.has(q, r) {
                        continue;
                    }
                    let Some(qb) = self.idx.find(prep, q, r) else { continue };
                    let dq = self.score(qb) - self.score(qa);
                    if !ok_q(self.tot[q] + dq) {
                        continue;
                    }
                    let g = gain_of(new_tp, sb - s + dq);
                    if g > 0.0 && best.as_ref().is_none_or(|x| g > x.0) {
                        best = Some((
                            g,
                            Move::Swap {
                                p,
                                from: a,
                                to: b,
                                q,
                                q_from: qa,
                                q_to: qb,
                            },
                        ));
                    }
                }
            }
        }
        best.map(|x| x.1)
    }

    fn retotal(&mut self, p: usize) {
        let prep = self.prep;
        self.tot[p] = exact_sum(
            prep.forced[p]
                .iter()
                .map(|f| f.1)
                .chain(self.sol[p].iter().map(|&a| prep.arc_score[a as usize])),
        );
    }

    fn replace_arc(&mut self, p: usize, from: usize, to: usize) {
        let (rf, rt) = (self.rev(from) as usize, self.rev(to) as usize);
        let i = self.sol[p].iter().position(|&a| a as usize == from).expect("arc in solution");
        self.sol[p][i] = to as u32;
        let j = self.rev_arcs[rf]
            .iter()
            .position(|&a| a as usize == from)
            .expect("arc in reviewer list");
        self.rev_arcs[rf].swap_remove(j);
        self.rev_arcs[rt].push(to as u32);
        self.load[rf] -= 1;
        self.load[rt] += 1;
        self.retotal(p);
    }

    fn apply(&mut self, m: Move) -> Vec<usize> {
        match m {
            Move::Replace { p, from, to } => {
                self.replace_arc(p, from, to);
                vec![p]
            }
            Move::Swap {
                p,
                from,
                to,
                q,
                q_from,
                q_to,
            } => {
                // Both reviewers end with their original loads.
                self.replace_arc(q, q_from, q_to);
                self.replace_arc(p, from, to);
                vec![p, q]
            }
        }
    }

    /// Repeatedly improves the worst paper while no other paper drops to the current minimum.
    fn raise_min(&mut self) {
        let mut heap: BinaryHeap<Key> = (0..self.prep.papers).map(|p| Key(self.tot[p], p)).collect();
        let mut budget = 4 * self.prep.papers + 100;
        while let Some(Key(v, p)) = heap.pop() {
            if v != self.tot[p] {
                continue; // stale entry
            }
            if budget == 0 || self.prep.demand[p] == 0 {
                break;
            }
            budget -= 1;
            let m = self.tot[p];
            // Rank by p's new total, so the minimum rises as much as possible.
            match self.best_move(p, m, true, |new_tp, _| new_tp - m) {
                None => break,
                Some(mv) => {
                    for x in self.apply(mv) {
                        heap.push(Key(self.tot[x], x));
                    }
                }
            }
        }
    }

    /// Raises the total with moves that keep every paper at or above `floor`.
    fn raise_total(&mut self, floor: f64) {
        for _round in 0..2 {
            let mut improved = false;
            for p in 0..self.prep.papers {
                for _ in 0..self.prep.demand[p] * 2 {
                    match self.best_move(p, floor, false, |_, d| d) {
                        Some(mv) => {
                            self.apply(mv);
                            improved = true;
                        }
                        None => break,
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }
}
