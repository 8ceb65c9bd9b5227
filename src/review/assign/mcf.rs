//! Min-cost-flow engine: cost-scaling push-relabel (Goldberg 1997, CS2-style) on the assignment network.
//!
//! Network: paper p (supply = residual demand) -> reviewer r (cap 1, cost = -quantised score) -> sink t
//! (cap max - min, cost 0); reviewer r has demand `min`, the sink has demand `D - sum(min)`. This is the
//! lower-bound transform of the `[min, max]` load interval, so no big-M bonus distorts the costs.
//!
//! Algorithm: start from a feasible flow (see `feasible.rs`) with zero prices, which is ε-optimal for
//! ε = C·N where costs are multiplied by N = n + 1. Each refine divides ε by `ALPHA`, saturates every arc
//! of negative reduced cost and discharges excess with FIFO push/relabel plus push look-ahead. When ε reaches 1
//! the flow is 1/N-optimal for the unscaled integer costs, hence exactly optimal (every residual cycle has
//! fewer than N arcs and an integer cost).
//!
//! Complexity: O(n²·m·log(n·C)) worst case (generic push-relabel per refine is O(n²m), log_ALPHA(n·C)
//! refines); in practice close to O(m·log(n·C)) on these bipartite instances.
//!
//! Overflow: arc costs are `i64` with |C| <= 2^62 and are multiplied by N only inside `i128` arithmetic; prices
//! and reduced costs are `i128`. Initial prices are within C·N of 0 and prices move by at most 3·n·ε per refine
//! (Goldberg–Tarjan), with ε <= 2·C·N summed geometrically, so |price| <= 8·n·C·N < 2^(3+30+62+30) = 2^125 for
//! n < 2^30 (enforced by input validation) — inside i128. Arc capacities are `i32` (total flow < 2^31, validated).

use super::problem::Prepared;
use super::result::{Phase, Reporter};
use std::collections::VecDeque;

/// Tag of reverse (residual) arcs.
pub(super) const REV: u32 = u32::MAX;
/// Tag of reviewer -> sink arcs.
pub(super) const SINK: u32 = u32::MAX - 1;
/// ε divisor per refine; large values mean fewer refines of more work each.
const ALPHA: i128 = 16;

/// One residual arc; forward arcs carry a tag (index into the prepared arc list).
#[derive(Debug, Clone, Copy)]
pub(super) struct Arc {
    pub head: u32,
    pub rev: u32,
    pub cap: i32,
    pub tag: u32,
    pub cost: i64,
}

/// The residual network in forward-star (CSR) form. Node ids: papers, then reviewers, then the sink.
pub(super) struct Network {
    pub papers: usize,
    pub first: Vec<usize>,
    pub arcs: Vec<Arc>,
    pub supply: Vec<i64>,
}

/// Counters of one engine run.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct EngineStats {
    pub refines: u32,
    pub pushes: u64,
    pub relabels: u64,
}

impl Network {
    /// Builds the network of `prep` with zero costs and zero flow.
    pub fn build(prep: &Prepared) -> Network {
        let (np, nr) = (prep.papers, prep.reviewers);
        let n = np + nr + 1;
        let t = np + nr;
        let m = prep.arc_reviewer.len();
        let mut deg = vec![0usize; n + 1];
        for p in 0..np {
            deg[p + 1] = prep.paper_first[p + 1] - prep.paper_first[p];
        }
        for &r in &prep.arc_reviewer {
            deg[np + r as usize + 1] += 1;
        }
        for r in 0..nr {
            deg[np + r + 1] += 1;
        }
        deg[t + 1] = nr;
        for i in 0..n {
            deg[i + 1] += deg[i];
        }
        let first = deg;
        let mut next = first.clone();
        let blank = Arc {
            head: 0,
            rev: 0,
            cap: 0,
            tag: REV,
            cost: 0,
        };
        let mut arcs = vec![blank; m + m + 2 * nr];
        for p in 0..np {
            for a in prep.paper_first[p]..prep.paper_first[p + 1] {
                let r = np + prep.arc_reviewer[a] as usize;
                let (fa, ra) = (next[p], next[r]);
                next[p] += 1;
                next[r] += 1;
                arcs[fa] = Arc {
                    head: r as u32,
                    rev: ra as u32,
                    cap: 1,
                    tag: a as u32,
                    cost: 0,
                };
                arcs[ra] = Arc {
                    head: p as u32,
                    rev: fa as u32,
                    cap: 0,
                    tag: REV,
                    cost: 0,
                };
            }
        }
        for r in 0..nr {
            let u = np + r;
            let (fa, ra) = (next[u], next[t]);
            next[u] += 1;
            next[t] += 1;
            // Flow never exceeds total demand (< 2^31, checked in prepare), so clamping is exact.
            let cap = (prep.max_load[r] - prep.min_load[r]).min(i32::MAX as u32) as i32;
            arcs[fa] = Arc {
                head: t as u32,
                rev: ra as u32,
                cap,
                tag: SINK,
                cost: 0,
            };
            arcs[ra] = Arc {
                head: u as u32,
                rev: fa as u32,
                cap: 0,
                tag: REV,
                cost: 0,
            };
        }
        let mut supply: Vec<i64> = prep.demand.iter().map(|&d| d as i64).collect();
        supply.resize(n, 0);
        let mut min_total = 0i64;
        for r in 0..nr {
            supply[np + r] = -(prep.min_load[r] as i64);
            min_total += prep.min_load[r] as i64;
        }
        supply[t] = -(prep.total_demand() as i64 - min_total);
        Network {
            papers: np,
            first,
            arcs,
            supply,
        }
    }

    /// Number of nodes.
    pub fn n(&self) -> usize {
        self.first.len() - 1
    }

    /// Sets the cost of every paper -> reviewer arc from its tag (and the negated cost on its reverse arc).
    pub fn set_costs(&mut self, mut cost_of: impl FnMut(usize, u32) -> i64) {
        for p in 0..self.papers {
            for a in self.first[p]..self.first[p + 1] {
                let arc = self.arcs[a];
                let c = cost_of(p, arc.tag);
                self.arcs[a].cost = c;
                self.arcs[arc.rev as usize].cost = -c;
            }
        }
    }

    /// Tags of the paper -> reviewer arcs of paper `p` that carry flow.
    pub fn chosen(&self, p: usize) -> impl Iterator<Item = u32> + '_ {
        self.arcs[self.first[p]..self.first[p + 1]]
            .iter()
            .filter(|a| a.cap == 0)
            .map(|a| a.tag)
    }
}

/// Turns the feasible flow in `net` into a min-cost flow for the current costs.
pub(super) fn optimise(net: &mut Network, progress: &mut Reporter) -> EngineStats {
    let mut e = Engine {
        first: &net.first,
        arcs: &mut net.arcs,
        price: vec![0; net.first.len() - 1],
        excess: vec![0; net.first.len() - 1],
        cur: net.first[..net.first.len() - 1].to_vec(),
        end: net.first[1..].to_vec(),
        queue: VecDeque::new(),
        mult: net.first.len() as i128, // n + 1
        eps: 0,
        stats: EngineStats::default(),
    };
    // Paper prices that make the paper's used arcs tight: with a greedy-like flow only the arcs a paper was
    // bumped from violate optimality, so the first refine saturates few arcs instead of all of them.
    let mut cmax = 0u64;
    for p in 0..net.papers {
        let (mut used, mut any) = (i128::MAX, i128::MIN);
        for a in &e.arcs[e.first[p]..e.first[p + 1]] {
            cmax = cmax.max(a.cost.unsigned_abs());
            let v = -(a.cost as i128) * e.mult;
            any = any.max(v);
            if a.cap == 0 {
                used = used.min(v);
            }
        }
        e.price[p] = if used != i128::MAX {
            used
        } else if any != i128::MIN {
            any
        } else {
            0
        };
    }
    if cmax == 0 {
        return e.stats; // only paper arcs have costs; with none, every feasible flow is optimal
    }
    // Partition the arcs and start at the smallest ε for which the flow and prices are ε-optimal
    // (refine is correct from any prices; a small start ε saves refines).
    e.partition();
    let mut eps = 0i128;
    for u in 0..e.price.len() {
        for a in e.first[u]..e.end[u] {
            eps = eps.max(-e.reduced(u, &e.arcs[a]));
        }
    }
    e.eps = eps;
    let mut total = 0u32;
    let mut x = eps;
    while x > 1 {
        x = (x + ALPHA - 1) / ALPHA;
        total += 1;
    }
    progress.report(Phase::Optimising, 0, total);
    while eps > 1 {
        eps = (eps + ALPHA - 1) / ALPHA;
        e.eps = eps;
        e.refine();
        e.stats.refines += 1;
        progress.report(Phase::Optimising, e.stats.refines, total);
    }
    debug_assert!(e.is_eps_optimal());
    e.stats
}

/// Engine state. Each node's arcs are kept partitioned: `[first[u], end[u])` are residual (cap > 0), the rest
/// saturated. A reviewer has ~1 900 arcs in a dense instance but only its few flow-carrying reverse arcs are residual,
/// so scans and relabels touch only those.
struct Engine<'a> {
    first: &'a [usize],
    arcs: &'a mut [Arc],
    end: Vec<usize>,
    price: Vec<i128>,
    excess: Vec<i64>,
    cur: Vec<usize>,
    queue: VecDeque<u32>,
    mult: i128,
    eps: i128,
    stats: EngineStats,
}

impl Engine<'_> {
    #[inline(always)]
    fn reduced(&self, u: usize, arc: &Arc) -> i128 {
        arc.cost as i128 * self.mult + self.price[u] - self.price[arc.head as usize]
    }

    /// Swaps two arcs of the same node, keeping the `rev` links of their partners right.
    #[inline(always)]
    fn swap_arcs(&mut self, a: usize, b: usize) {
        if a != b {
            self.arcs.swap(a, b);
            let (ra, rb) = (self.arcs[a].rev as usize, self.arcs[b].rev as usize);
            self.arcs[ra].rev = a as u32;
            self.arcs[rb].rev = b as u32;
        }
    }

    /// Establishes the residual/saturated partition of every node's arcs.
    fn partition(&mut self) {
        for u in 0..self.price.len() {
            let mut e = self.first[u];
            for a in self.first[u]..self.first[u + 1] {
                if self.arcs[a].cap > 0 {
                    self.swap_arcs(a, e);
                    e += 1;
                }
            }
            self.end[u] = e;
            self.cur[u] = self.first[u];
        }
    }

    /// Pushes `d` units along arc `a` of `u`, maintaining the partition; true if `a` got saturated (and so a
    /// different, unscanned arc now sits at position `a`).
    #[inline(always)]
    fn push(&mut self, u: usize, a: usize, d: i64) -> bool {
        let arc = self.arcs[a];
        let (v, r) = (arc.head as usize, arc.rev as usize);
        self.arcs[a].cap -= d as i32;
        if self.arcs[r].cap == 0 {
            let e = self.end[v];
            self.swap_arcs(r, e);
            self.end[v] = e + 1;
            self.arcs[e].cap += d as i32;
        } else {
            self.arcs[r].cap += d as i32;
        }
        self.excess[u] -= d;
        self.excess[v] += d;
        if self.arcs[a].cap == 0 {
            let e = self.end[u] - 1;
            self.swap_arcs(a, e);
            self.end[u] = e;
            true
        } else {
            false
        }
    }

    /// One ε-phase: make the flow 0-optimal by saturation, then restore feasibility keeping ε-optimality.
    fn refine(&mut self) {
        let n = self.price.len();
        for u in 0..n {
            let mut a = self.first[u];
            while a < self.end[u] {
                let arc = self.arcs[a];
                if self.reduced(u, &arc) < 0 {
                    self.push(u, a, arc.cap as i64);
                } else {
                    a += 1;
                }
            }
        }
        for u in 0..n {
            self.cur[u] = self.first[u];
            if self.excess[u] > 0 {
                self.queue.push_back(u as u32);
            }
        }
        while let Some(u) = self.queue.pop_front() {
            let u = u as usize;
            while self.excess[u] > 0 {
                if !self.push_from(u) {
                    self.relabel(u);
                }
            }
        }
    }

    /// Pushes excess of `u` along admissible arcs from its current arc; false if it ran out of arcs.
    fn push_from(&mut self, u: usize) -> bool {
        let mut a = self.cur[u];
        while a < self.end[u] {
            let arc = self.arcs[a];
            if self.reduced(u, &arc) < 0 {
                let v = arc.head as usize;
                // Look-ahead: pushing into a node that would only push straight back wastes work; relabel it instead.
                if self.excess[v] >= 0 && !self.has_admissible(v) && self.relabel(v) {
                    continue;
                }
                let delta = self.excess[u].min(arc.cap as i64);
                let before = self.excess[v];
                let saturated = self.push(u, a, delta);
                self.stats.pushes += 1;
                if before <= 0 && self.excess[v] > 0 {
                    self.queue.push_back(v as u32);
                }
                if self.excess[u] == 0 {
                    self.cur[u] = a;
                    return true;
                }
                if saturated {
                    continue;
                }
            }
            a += 1;
        }
        self.cur[u] = a;
        false
    }

    /// Advances the current arc of `v` to an admissible arc if there is one.
    fn has_admissible(&mut self, v: usize) -> bool {
        let mut a = self.cur[v];
        while a < self.end[v] {
            if self.reduced(v, &self.arcs[a]) < 0 {
                self.cur[v] = a;
                return true;
            }
            a += 1;
        }
        self.cur[v] = a;
        false
    }

    /// Lowers the price of `u` as far as ε-optimality allows; false if `u` has no residual arc.
    fn relabel(&mut self, u: usize) -> bool {
        let mut best = i128::MIN;
        for a in self.first[u]..self.end[u] {
            let arc = self.arcs[a];
            let val = self.price[arc.head as usize] - arc.cost as i128 * self.mult;
            if val > best {
                best = val;
            }
        }
        if best == i128::MIN {
            return false;
        }
        self.price[u] = best - self.eps;
        self.cur[u] = self.first[u];
        self.stats.relabels += 1;
        true
    }

    /// Checks the ε-optimality certificate and the partition (debug builds and tests).
    fn is_eps_optimal(&self) -> bool {
        (0..self.price.len()).all(|u| {
            self.excess[u] == 0
                && (self.first[u]..self.first[u + 1]).all(|a| {
                    let arc = &self.arcs[a];
                    (arc.cap > 0) == (a < self.end[u]) && (arc.cap == 0 || self.reduced(u, arc) >= -self.eps)
                })
        })
    }
}
