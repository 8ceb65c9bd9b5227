//! Exact branch and bound for small instances: lexicographically maximises (talks placed, objective).
//!
//! Talks are branched hardest first; each node tries the fitting allowed sessions best gain first, then
//! "unplaced". A node is cut when even an optimistic completion cannot beat the incumbent: at most every
//! remaining talk with a fitting session gets placed, and the objective gains at most, per remaining talk, its best
//! exact gain against the talks already placed (track, moves, cohesion, parallel penalty) plus one unit of
//! track room, plus the similarity of every remaining pair that shares an allowed session (future
//! parallel penalties are ≥ 0 and ignored).

use super::anneal::free_talks;
use super::model::{Model, NONE};
use super::state::State;

/// Tolerance for comparing objectives.
const EPS: f64 = 1e-9;

/// Outcome of branch and bound.
pub(super) struct Exact {
    /// Best placement found.
    pub at: Vec<u32>,
    /// Whether the search finished (the result is optimal).
    pub proven: bool,
    /// Nodes visited.
    pub nodes: u64,
    /// Optimistic objective bound at the root (valid for every schedule).
    pub root_bound: f64,
}

struct Search<'s, 'm, 'a> {
    st: &'s mut State<'m, 'a>,
    order: Vec<usize>,
    /// `suffix_pairs[k]`: optimistic cohesion among `order[k..]`.
    suffix_pairs: Vec<f64>,
    best: (usize, f64),
    best_at: Vec<u32>,
    nodes: u64,
    limit: u64,
    aborted: bool,
}

/// Solves exactly from `incumbent` (a complete valid placement, e.g. from the heuristic).
pub(super) fn solve(m: &Model, incumbent: &[u32], node_limit: u64) -> Exact {
    let order = free_talks(m);
    let n = order.len();
    let mut suffix_pairs = vec![0.0; n + 1];
    for k in (0..n).rev() {
        let t = order[k];
        let mut add = 0.0;
        for &u in &order[k + 1..] {
            if m.p.talks[t].poster == m.p.talks[u].poster && m.share_session(t, u) {
                let w = if m.p.talks[t].poster { m.w.poster_cohesion } else { m.w.cohesion };
                add += w * m.sim.get(t, u);
            }
        }
        suffix_pairs[k] = suffix_pairs[k + 1] + add;
    }
    let inc = State::from(m, incumbent);
    let best = (inc.placed, inc.objective());
    let mut st = State::new(m);
    let mut s = Search {
        st: &mut st,
        order,
        suffix_pairs,
        best,
        best_at: incumbent.to_vec(),
        nodes: 0,
        limit: node_limit,
        aborted: false,
    };
    let root_bound = s.bound(0).1;
    s.dfs(0);
    Exact {
        at: s.best_at,
        proven: !s.aborted,
        nodes: s.nodes,
        root_bound,
    }
}

impl Search<'_, '_, '_> {
    /// Optimistic (placed, objective) over all completions of `order[k..]`.
    fn bound(&mut self, k: usize) -> (usize, f64) {
        let st = &*self.st;
        let m = st.m;
        let (mut placed, mut obj) = (st.placed, st.objective() + self.suffix_pairs[k]);
        for &t in &self.order[k..] {
            let base = m.linear(t, None);
            let mut gain: Option<f64> = None;
            for &s in &m.allowed[t] {
                let s = s as usize;
                if st.fits(t, s) {
                    let g = m.linear(t, Some(s)) - base + m.cohesion_weight(s) * st.affinity(t, s) - m.w.parallel * st.parallel_cost(t, s);
                    gain = Some(gain.map_or(g, |x: f64| x.max(g)));
                }
            }
            if let Some(g) = gain {
                placed += 1;
                obj += g.max(0.0);
                if m.talk_track[t] != NONE {
                    obj += m.w.track_room;
                }
            }
        }
        (placed, obj)
    }

    /// Whether (placed, obj) beats the incumbent lexicographically.
    fn beats(&self, placed: usize, obj: f64) -> bool {
        placed > self.best.0 || (placed == self.best.0 && obj > self.best.1 + EPS)
    }

    fn dfs(&mut self, k: usize) {
        self.nodes += 1;
        if self.nodes > self.limit {
            self.aborted = true;
            return;
        }
        if k == self.order.len() {
            let (p, o) = (self.st.placed, self.st.objective());
            if self.beats(p, o) {
                self.best = (p, o);
                self.best_at.copy_from_slice(&self.st.at);
            }
            return;
        }
        let (pu, ou) = self.bound(k);
        if !self.beats(pu, ou) {
            return;
        }
        let t = self.order[k];
        let m = self.st.m;
        let mut options: Vec<(f64, u32)> = Vec::new();
        for &s in &m.allowed[t] {
            if self.st.fits(t, s as usize) {
                let before = self.st.objective();
                let mark = self.st.mark();
                self.st.set(t, s);
                options.push((self.st.objective() - before, s));
                self.st.undo_to(mark);
            }
        }
        options.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        options.push((0.0, NONE));
        for (_, s) in options {
            let mark = self.st.mark();
            self.st.set(t, s);
            self.dfs(k + 1);
            self.st.undo_to(mark);
            if self.aborted {
                return;
            }
        }
    }
}
