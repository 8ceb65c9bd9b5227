//! The heuristic for larger problems: a greedy start (most constrained talks first, each where
//! it adds most), then local search with moves and swaps that keep every hard constraint, until
//! no step improves or the pass budget is spent. Deterministic.

use super::problem::{Problem, State, gain, has_room, loads, objective, speaker_clash};

/// The greedy start.
pub fn greedy(p: &Problem, st: &State) -> Vec<Option<usize>> {
    let mut placement = vec![None; p.talks.len()];
    let mut load = loads(p, &placement);
    // Pinned talks first, then by fewest candidates, then longest.
    let mut order: Vec<usize> = (0..p.talks.len()).collect();
    order.sort_by_key(|&t| (p.talks[t].pinned.is_none(), st.candidates[t].len(), -p.talks[t].duration, t));
    for t in order {
        let mut best: Option<(f64, usize)> = None;
        for &s in &st.candidates[t] {
            if !has_room(p, &load, t, s) || speaker_clash(st, p, &placement, t, s) {
                continue;
            }
            // Prefer fuller sessions a little on ties, so time is not scattered.
            let g = gain(p, st, &placement, t, s) + 1e-6 * load[s] as f64;
            if best.is_none_or(|(b, _)| g > b) {
                best = Some((g, s));
            }
        }
        if let Some((_, s)) = best {
            placement[t] = Some(s);
            load[s] += if p.sessions[s].poster { 1 } else { p.talks[t].duration };
        }
    }
    placement
}

fn size(p: &Problem, t: usize, s: usize) -> i64 {
    if p.sessions[s].poster { 1 } else { p.talks[t].duration }
}

/// Local search from `placement` for at most `budget` passes over the talks.
pub fn improve(p: &Problem, mut placement: Vec<Option<usize>>, budget: usize) -> Vec<Option<usize>> {
    let st = State::new(p);
    let mut load = loads(p, &placement);
    for _ in 0..budget {
        let mut better = false;
        for t in 0..p.talks.len() {
            if p.talks[t].pinned.is_some() {
                continue;
            }
            // Moves (also of unplaced talks into a session).
            let from = placement[t];
            let here = from.map_or(f64::NEG_INFINITY, |s| gain(p, &st, &placement, t, s));
            placement[t] = None;
            if let Some(s) = from {
                load[s] -= size(p, t, s);
            }
            let mut best = (here, from);
            for &s in &st.candidates[t] {
                if Some(s) == from || !has_room(p, &load, t, s) || speaker_clash(&st, p, &placement, t, s) {
                    continue;
                }
                let g = gain(p, &st, &placement, t, s);
                if g > best.0 + 1e-9 {
                    best = (g, Some(s));
                }
            }
            placement[t] = best.1;
            if let Some(s) = best.1 {
                load[s] += size(p, t, s);
            }
            if best.1 != from {
                better = true;
                continue;
            }
            // Swaps with a talk of another session that is similar enough to be worth trying.
            let Some(a) = from else { continue };
            for &(u, _) in p.sims(t) {
                let Some(b) = placement[u] else { continue };
                if b == a || p.talks[u].pinned.is_some() || !st.candidates[t].contains(&b) || !st.candidates[u].contains(&a) {
                    continue;
                }
                let before = objective_pair(p, &st, &placement, t, u);
                placement[t] = Some(b);
                placement[u] = Some(a);
                load[a] += size(p, u, a) - size(p, t, a);
                load[b] += size(p, t, b) - size(p, u, b);
                let fits = (p.sessions[a].poster || load[a] <= p.sessions[a].end - p.sessions[a].start - p.sessions[a].fixed_minutes)
                    && (p.sessions[b].poster || load[b] <= p.sessions[b].end - p.sessions[b].start - p.sessions[b].fixed_minutes)
                    && !speaker_clash(&st, p, &placement, t, b)
                    && !speaker_clash(&st, p, &placement, u, a);
                if fits && objective_pair(p, &st, &placement, t, u) > before + 1e-9 {
                    better = true;
                    break;
                }
                placement[t] = Some(a);
                placement[u] = Some(b);
                load[a] -= size(p, u, a) - size(p, t, a);
                load[b] -= size(p, t, b) - size(p, u, b);
            }
        }
        if !better {
            break;
        }
    }
    debug_assert!(objective(p, &placement).is_finite());
    placement
}

/// The terms that depend on where `t` and `u` are (their own terms and their pairs).
fn objective_pair(p: &Problem, st: &State, placement: &[Option<usize>], t: usize, u: usize) -> f64 {
    let (Some(a), Some(b)) = (placement[t], placement[u]) else {
        return f64::NEG_INFINITY;
    };
    let mut g = gain(p, st, placement, t, a) + gain(p, st, placement, u, b);
    if a == b {
        // The pair's similarity was counted from both sides.
        g -= p.weights.topic * p.sims(t).iter().find(|(x, _)| *x == u).map_or(0.0, |(_, s)| *s);
    }
    g
}
