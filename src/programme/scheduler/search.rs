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
    // The talks of each session, kept up to date by moves and swaps.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); p.sessions.len()];
    for (t, s) in placement.iter().enumerate() {
        if let Some(s) = *s {
            members[s].push(t);
        }
    }
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
                if let Some(s) = from {
                    members[s].retain(|&x| x != t);
                }
                if let Some(s) = best.1 {
                    members[s].push(t);
                }
                better = true;
                continue;
            }
            // Swaps: join the session of a similar talk `u` by trading places with another
            // talk `w` of that session.
            let Some(a) = from else { continue };
            let targets: Vec<usize> = {
                let mut v: Vec<usize> = p.sims(t).iter().filter_map(|&(u, _)| placement[u]).filter(|&b| b != a).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            'targets: for b in targets {
                if !st.candidates[t].contains(&b) {
                    continue;
                }
                let in_b: Vec<usize> = members[b].clone();
                for w in in_b {
                    if p.talks[w].pinned.is_some() || !st.candidates[w].contains(&a) {
                        continue;
                    }
                    if try_swap(p, &st, &mut placement, &mut load, t, w) {
                        members[a].retain(|&x| x != t);
                        members[b].retain(|&x| x != w);
                        members[a].push(w);
                        members[b].push(t);
                        better = true;
                        break 'targets;
                    }
                }
            }
        }
        if !better {
            break;
        }
    }
    debug_assert!(objective(p, &placement).is_finite());
    placement
}

/// Swaps talks `t` and `u` (in different sessions) when both still fit and the objective
/// improves; answers whether it did.
fn try_swap(p: &Problem, st: &State, placement: &mut [Option<usize>], load: &mut [i64], t: usize, u: usize) -> bool {
    let (Some(a), Some(b)) = (placement[t], placement[u]) else {
        return false;
    };
    let before = objective_pair(p, st, placement, t, u);
    placement[t] = Some(b);
    placement[u] = Some(a);
    load[a] += size(p, u, a) - size(p, t, a);
    load[b] += size(p, t, b) - size(p, u, b);
    let room = |s: usize, load: &[i64]| {
        let x = &p.sessions[s];
        if x.poster {
            x.capacity.is_none_or(|c| load[s] <= c as i64)
        } else {
            load[s] <= x.end - x.start - x.fixed_minutes
        }
    };
    let ok = room(a, load) && room(b, load) && !speaker_clash(st, p, placement, t, b) && !speaker_clash(st, p, placement, u, a);
    if ok && objective_pair(p, st, placement, t, u) > before + 1e-9 {
        return true;
    }
    placement[t] = Some(a);
    placement[u] = Some(b);
    load[a] -= size(p, u, a) - size(p, t, a);
    load[b] -= size(p, t, b) - size(p, u, b);
    false
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
