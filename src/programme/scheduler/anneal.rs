//! Heuristic for large instances: greedy construction, simulated annealing (relocate, swap, eject-and-insert),
//! then a deterministic first-improvement polish.

use super::model::{Model, NONE};
use super::rng::Rng;
use super::state::{State, place_reward};
use std::time::Instant;

/// Counters of one heuristic run.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct SearchStats {
    pub iterations: u64,
    pub accepted: u64,
    pub hit_deadline: bool,
}

/// Search score: objective plus a large reward per placed talk (placing comes first).
fn score(st: &State, reward: f64) -> f64 {
    st.objective() + reward * st.placed as f64
}

/// Free (non-fixed) talks in a deterministic "hardest first" order: fewest allowed sessions, then longest.
pub(super) fn free_talks(m: &Model) -> Vec<usize> {
    let mut v: Vec<usize> = (0..m.nt).filter(|&t| m.fixed[t].is_none()).collect();
    v.sort_by_key(|&t| (m.allowed[t].len(), -m.load[t], t));
    v
}

/// Puts free talks back into their `current` session where that is still allowed and fits (index order), so
/// an unchanged schedule is the starting point and the search only leaves it for a better one.
pub(super) fn warm_start(st: &mut State) {
    let m = st.m;
    for t in 0..m.nt {
        if let (None, Some(c)) = (m.fixed[t], m.p.talks[t].current)
            && m.allows(t, c)
            && st.fits(t, c)
        {
            st.set(t, c as u32);
        }
    }
    st.commit();
}

/// Places each unplaced free talk, hardest first, where it raises the objective most (ties: lowest session).
pub(super) fn greedy(st: &mut State) {
    let m = st.m;
    for t in free_talks(m) {
        if st.at[t] != NONE {
            continue;
        }
        if let Some(s) = best_session(st, t) {
            st.set(t, s);
        }
    }
    st.commit();
}

/// The fitting allowed session where `t` (currently unplaced) raises the objective most.
fn best_session(st: &mut State, t: usize) -> Option<u32> {
    let m = st.m;
    let mut best: Option<(f64, u32)> = None;
    for &s in &m.allowed[t] {
        if !st.fits(t, s as usize) {
            continue;
        }
        let before = st.objective();
        let mark = st.mark();
        st.set(t, s);
        let d = st.objective() - before;
        st.undo_to(mark);
        if best.is_none_or(|(b, _)| d > b + 1e-12) {
            best = Some((d, s));
        }
    }
    best.map(|x| x.1)
}

/// A target session for `t`: often the session of a similar talk (that is where cohesion is gained), sometimes
/// a session of its track, otherwise a random allowed one.
fn target(st: &State, t: usize, rng: &mut Rng) -> usize {
    let m = st.m;
    let r = rng.below(8);
    if r < 2 && !m.track_allowed[t].is_empty() {
        return m.track_allowed[t][rng.below(m.track_allowed[t].len())] as usize;
    }
    if r < 6
        && let Some(u) = m.sim.random_neighbour(t, rng)
    {
        let s = st.at[u];
        if s != NONE && m.allows(t, s as usize) {
            return s as usize;
        }
    }
    m.allowed[t][rng.below(m.allowed[t].len())] as usize
}

/// Tries one random move; returns false (with the state unchanged since `mark`) if it was not possible.
fn propose(st: &mut State, free: &[usize], rng: &mut Rng) -> bool {
    let m = st.m;
    let t = free[rng.below(free.len())];
    if m.allowed[t].is_empty() {
        return false;
    }
    let s = target(st, t, rng);
    let a = st.at[t];
    if a == NONE {
        return eject_insert(st, t, s);
    }
    if a as usize == s {
        return false;
    }
    if rng.below(2) == 0 && st.fits(t, s) {
        st.set(t, s as u32);
        return true;
    }
    // Swap with a random movable member of `s` that may go to `a`.
    let mem = &st.members[s];
    if mem.is_empty() {
        return false;
    }
    let u = mem[rng.below(mem.len())] as usize;
    if m.fixed[u].is_some() || !m.allows(u, a as usize) {
        return false;
    }
    st.set(t, NONE);
    st.set(u, NONE);
    if st.fits(t, s) {
        st.set(t, s as u32);
        if st.fits(u, a as usize) {
            st.set(u, a);
            return true;
        }
    }
    false
}

/// Puts unplaced `t` into `s`, unplacing the movable talks in the way (the least similar first); fails if a
/// fixed talk is in the way.
fn eject_insert(st: &mut State, t: usize, s: usize) -> bool {
    let m = st.m;
    for _ in 0..m.nt {
        if let Some((_, u, _)) = st.speaker_clash(t, s) {
            if m.fixed[u].is_some() {
                return false;
            }
            st.set(u, NONE);
            continue;
        }
        if st.used[s] + m.load[t] > m.cap[s] {
            let victim = st.members[s]
                .iter()
                .map(|&u| u as usize)
                .filter(|&u| m.fixed[u].is_none())
                .min_by(|&x, &y| m.sim.get(t, x).total_cmp(&m.sim.get(t, y)).then(x.cmp(&y)));
            let Some(u) = victim else { return false };
            st.set(u, NONE);
            continue;
        }
        st.set(t, s as u32);
        return true;
    }
    false
}

/// Simulated annealing from the current state for `iterations` (or until `deadline`); leaves the best state found.
pub(super) fn anneal(st: &mut State, iterations: u64, deadline: Option<Instant>, rng: &mut Rng) -> SearchStats {
    let m = st.m;
    let free: Vec<usize> = free_talks(m).into_iter().filter(|&t| !m.allowed[t].is_empty()).collect();
    let mut stats = SearchStats::default();
    if free.is_empty() || iterations == 0 {
        return stats;
    }
    let reward = place_reward(m);
    let t0 = initial_temperature(st, &free, reward, rng);
    let t_end = t0 * 1e-3;
    let cool = (t_end / t0).powf(1.0 / iterations as f64);
    let mut temp = t0;
    let mut cur = score(st, reward);
    let mut best = cur;
    let mut best_at = st.at.clone();
    for it in 0..iterations {
        if it % 4096 == 0 && deadline.is_some_and(|d| Instant::now() >= d) {
            stats.hit_deadline = true;
            break;
        }
        stats.iterations += 1;
        temp *= cool;
        let mark = st.mark();
        if !propose(st, &free, rng) {
            st.undo_to(mark);
            continue;
        }
        let next = score(st, reward);
        let d = next - cur;
        if d >= 0.0 || rng.unit() < (d / temp).exp() {
            st.commit();
            stats.accepted += 1;
            cur = next;
            if cur > best + 1e-9 {
                best = cur;
                best_at.copy_from_slice(&st.at);
            }
        } else {
            st.undo_to(mark);
        }
    }
    *st = State::from(m, &best_at);
    stats
}

/// Starting temperature: the mean worsening of random moves from the start, so about half of them pass at first.
fn initial_temperature(st: &mut State, free: &[usize], reward: f64, rng: &mut Rng) -> f64 {
    let (mut sum, mut n) = (0.0, 0u32);
    for _ in 0..2000 {
        let before = score(st, reward);
        let mark = st.mark();
        if propose(st, free, rng) {
            let d = score(st, reward) - before;
            // Placement changes are worth `reward` and would swamp the scale; only objective changes count.
            if d < 0.0 && -d < reward / 2.0 {
                sum -= d;
                n += 1;
            }
        }
        st.undo_to(mark);
    }
    if n == 0 {
        1e-3
    } else {
        (sum / f64::from(n)).max(1e-6) / std::f64::consts::LN_2
    }
}

/// Deterministic first-improvement descent over relocations and swaps, at most `passes` sweeps.
pub(super) fn polish(st: &mut State, passes: usize) {
    let m = st.m;
    let free = free_talks(m);
    for _ in 0..passes {
        let mut improved = false;
        for &t in &free {
            if st.at[t] == NONE {
                if let Some(s) = best_session(st, t) {
                    st.set(t, s);
                    improved = true;
                }
                continue;
            }
            for &s in &m.allowed[t] {
                let (s, a) = (s as usize, st.at[t]);
                if s == a as usize {
                    continue;
                }
                let before = st.objective();
                let mark = st.mark();
                if st.fits(t, s) {
                    st.set(t, s as u32);
                    if st.objective() > before + 1e-9 {
                        st.commit();
                        improved = true;
                        continue;
                    }
                    st.undo_to(mark);
                }
                for k in 0..st.members[s].len() {
                    let u = st.members[s][k] as usize;
                    if m.fixed[u].is_some() || !m.allows(u, a as usize) {
                        continue;
                    }
                    st.set(t, NONE);
                    st.set(u, NONE);
                    let ok = st.fits(t, s) && {
                        st.set(t, s as u32);
                        st.fits(u, a as usize)
                    };
                    if ok {
                        st.set(u, a);
                        if st.objective() > before + 1e-9 {
                            st.commit();
                            improved = true;
                            break;
                        }
                    }
                    st.undo_to(mark);
                }
            }
        }
        st.commit();
        if !improved {
            break;
        }
    }
}
