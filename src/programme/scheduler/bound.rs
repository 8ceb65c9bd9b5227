//! A valid upper bound on the objective of every schedule that obeys the hard rules (any number placed).
//!
//! The objective splits into per-talk terms plus pair terms (see [`super::objective::Terms`]):
//! * track match and move penalty depend on one talk and its session: bounded by the best allowed option of each
//!   talk (including staying unplaced), exact for fixed talks;
//! * cohesion `Σ_sessions Σ_pairs sim = ½ Σ_t Σ_{u with t} sim(t, u)`: the talks sharing `t`'s session are of
//!   share an allowed session with it, and number at most `k_t` = the most other talks that can sit beside `t`
//!   in any of its allowed sessions (the fixed talks there plus the shortest talks of the session's kind that
//!   fit in the rest). So each talk adds at most half the sum of its `k_t` largest such similarities, times
//!   the largest cohesion weight of its allowed sessions;
//! * track room: each track's busiest room holds at most its placeable talks and at most what that room's
//!   sessions can hold;
//! * parallel co-attendance is a penalty (≥ 0): only pairs of fixed talks, whose sessions are known, are charged.

use super::model::{Model, UNLIMITED};

/// Upper bound on the objective (see the module docs for why it is valid).
pub(super) fn relaxation(m: &Model) -> f64 {
    let p = m.p;
    // Loads of each kind, ascending, to count how many talks can fit in a given number of minutes/places.
    let mut loads = [Vec::new(), Vec::new()];
    for t in 0..m.nt {
        loads[usize::from(p.talks[t].poster)].push(m.load[t]);
    }
    for v in &mut loads {
        v.sort_unstable();
    }
    let fit_count = |poster: bool, room: i64| -> usize {
        let v = &loads[usize::from(poster)];
        if room >= UNLIMITED / 2 {
            return v.len();
        }
        let mut acc = 0i64;
        v.iter()
            .take_while(|&&l| {
                acc += l;
                acc <= room
            })
            .count()
    };
    // Fixed talks are always in their sessions (even if they break a rule): their count and load per session.
    let mut fixed_n = vec![0usize; m.ns];
    let mut fixed_load = vec![0i64; m.ns];
    for t in 0..m.nt {
        if let Some(s) = m.fixed[t] {
            fixed_n[s as usize] += 1;
            fixed_load[s as usize] += m.load[t];
        }
    }
    // Most other talks that can sit beside `t` in `s`: the other fixed talks plus as many of the shortest talks
    // of the session's kind as fit in what is left; `None` if a free `t` cannot fit there at all.
    let beside = |t: usize, s: usize| -> Option<usize> {
        let own = m.fixed[t] == Some(s as u32);
        let left = m.cap[s] - fixed_load[s] - if own { 0 } else { m.load[t] };
        if left < 0 && !own {
            return None;
        }
        Some(fixed_n[s] - usize::from(own) + fit_count(m.is_poster(s), left.max(0)))
    };
    let mut total = 0.0;
    let mut seen = vec![false; m.nt];
    let mut sims = Vec::new();
    for t in 0..m.nt {
        let lin = match m.fixed[t] {
            Some(s) => m.linear(t, Some(s as usize)),
            None => m.allowed[t]
                .iter()
                .map(|&s| m.linear(t, Some(s as usize)))
                .fold(m.linear(t, None), f64::max),
        };
        total += lin;
        let k = m.allowed[t].iter().filter_map(|&s| beside(t, s as usize)).max().unwrap_or(0);
        let w = m.allowed[t].iter().map(|&s| m.cohesion_weight(s as usize)).fold(0.0, f64::max);
        if k == 0 || w == 0.0 {
            continue;
        }
        sims.clear();
        m.sim.for_each_neighbour(t, &mut seen, |u, x| {
            // Talks that can share a session with `t` are exactly those with a common allowed session.
            if m.share_session(t, u) {
                sims.push(x);
            }
        });
        let k = k.min(sims.len());
        if k < sims.len() {
            sims.select_nth_unstable_by(k, |a, b| b.total_cmp(a));
        }
        let top: f64 = sims[..k].iter().sum();
        total += 0.5 * w * top;
    }
    // Track room term.
    let mut room_cap = vec![0usize; m.n_rooms];
    for s in 0..m.ns {
        room_cap[m.room[s] as usize] += fixed_n[s] + fit_count(m.is_poster(s), (m.cap[s] - fixed_load[s]).max(0));
    }
    let max_room = room_cap.iter().copied().max().unwrap_or(0);
    let mut per_track = vec![0usize; m.n_tracks];
    for t in 0..m.nt {
        if m.talk_track[t] != super::model::NONE && !m.allowed[t].is_empty() {
            per_track[m.talk_track[t] as usize] += 1;
        }
    }
    total += m.w.track_room * per_track.iter().map(|&n| n.min(max_room) as f64).sum::<f64>();
    // Parallel penalties that no schedule avoids: both talks fixed in parallel sessions.
    for &(i, j, w) in &p.coattend {
        if let (Some(a), Some(b)) = (m.fixed[i], m.fixed[j])
            && m.parallel(a as usize, b as usize)
        {
            total -= m.w.parallel * w;
        }
    }
    total
}
