//! Exact search for small problems: depth-first over the talks (most constrained first), each
//! into every session that has room and no speaker clash, or left out; branches that cannot
//! beat the best found are cut. Lexicographic: first the most talks placed, then the best
//! objective.

use super::problem::{Problem, State, gain, has_room, loads, objective, speaker_clash};

struct Search<'a> {
    p: &'a Problem,
    st: &'a State,
    order: Vec<usize>,
    optimistic: Vec<f64>,
    best: (usize, f64),
    best_placement: Vec<Option<usize>>,
}

/// The optimal placement.
pub fn search(p: &Problem, st: &State) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..p.talks.len()).collect();
    order.sort_by_key(|&t| (st.candidates[t].len(), t));
    // What the talks from position i on could add at most: own terms at their best, and every
    // similarity in full (a pair may be counted twice: still an upper bound).
    let w = &p.weights;
    let each: Vec<f64> = order
        .iter()
        .map(|&t| {
            let own = st.candidates[t]
                .iter()
                .map(|&s| {
                    let mut g = 0.0;
                    if p.talks[t].track.is_some() && p.talks[t].track == p.sessions[s].track {
                        g += w.track;
                    }
                    if p.talks[t].current.is_some_and(|c| c != s) {
                        g -= w.moves;
                    }
                    g
                })
                .fold(0.0f64, f64::max);
            own + w.topic * p.sims(t).iter().map(|(_, s)| s).sum::<f64>()
        })
        .collect();
    let mut optimistic = vec![0.0; order.len() + 1];
    for i in (0..order.len()).rev() {
        optimistic[i] = optimistic[i + 1] + each[i];
    }
    let mut s = Search {
        p,
        st,
        order,
        optimistic,
        best: (0, f64::NEG_INFINITY),
        best_placement: vec![None; p.talks.len()],
    };
    let mut placement = vec![None; p.talks.len()];
    let mut load = loads(p, &placement);
    s.dfs(0, &mut placement, &mut load, 0, 0.0);
    s.best_placement
}

impl Search<'_> {
    fn dfs(&mut self, i: usize, placement: &mut Vec<Option<usize>>, load: &mut Vec<i64>, placed: usize, value: f64) {
        let remaining = self.order.len() - i;
        if placed + remaining < self.best.0 || (placed + remaining == self.best.0 && value + self.optimistic[i] <= self.best.1 + 1e-12) {
            return;
        }
        if i == self.order.len() {
            let exact = objective(self.p, placement);
            if (placed, exact) > self.best {
                self.best = (placed, exact);
                self.best_placement = placement.clone();
            }
            return;
        }
        let t = self.order[i];
        let p = self.p;
        for &s in &self.st.candidates[t] {
            if !has_room(p, load, t, s) || speaker_clash(self.st, p, placement, t, s) {
                continue;
            }
            let g = gain(p, self.st, placement, t, s);
            placement[t] = Some(s);
            load[s] += if p.sessions[s].poster { 1 } else { p.talks[t].duration };
            self.dfs(i + 1, placement, load, placed + 1, value + g);
            load[s] -= if p.sessions[s].poster { 1 } else { p.talks[t].duration };
            placement[t] = None;
        }
        if p.talks[t].pinned.is_none() {
            self.dfs(i + 1, placement, load, placed, value);
        }
    }
}
