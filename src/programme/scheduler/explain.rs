//! Turns an incomplete schedule (and rule-breaking fixed talks) into structured [`Infeasibility`] reasons.

use super::issue::{Infeasibility, NoSessionReason, Obstacle};
use super::model::{Model, NONE};
use super::state::State;

/// Node budget of each per-speaker collision check (people have few talks, so this is rarely reached).
const SPEAKER_NODES: u32 = 100_000;

/// Rules broken by fixed talks among themselves or in their sessions; `st` holds only the fixed talks.
pub(super) fn fixed_violations(m: &Model, st: &State) -> Vec<Infeasibility> {
    let mut out = Vec::new();
    let mut last_in = vec![None; m.ns];
    for t in 0..m.nt {
        let Some(s) = m.fixed[t] else { continue };
        let s = s as usize;
        let pinned = m.p.talks[t].pinned.is_some();
        last_in[s] = Some((t, pinned));
        if let Some(obstacle) = m.blocked(t, s) {
            out.push(Infeasibility::FixedViolates {
                talk: t,
                session: s,
                pinned,
                obstacle,
            });
        }
        if let Some((person, u, su)) = st.speaker_clash(t, s)
            && u > t
        {
            let obstacle = Obstacle::SpeakerElsewhere {
                person,
                talk: u,
                session: su,
            };
            out.push(Infeasibility::FixedViolates {
                talk: t,
                session: s,
                pinned,
                obstacle,
            });
        }
    }
    for (s, last) in last_in.into_iter().enumerate() {
        if let (Some((talk, pinned)), true) = (last, st.used[s] > m.cap[s]) {
            let obstacle = Obstacle::Full {
                used: st.used[s],
                free: m.cap[s],
            };
            out.push(Infeasibility::FixedViolates {
                talk,
                session: s,
                pinned,
                obstacle,
            });
        }
    }
    out
}

/// Reasons for every unplaced talk in `st`; `proven` = branch and bound showed no schedule places more.
pub(super) fn unplaced(m: &Model, st: &State, proven: bool) -> Vec<Infeasibility> {
    let mut out = Vec::new();
    let missing: Vec<usize> = (0..m.nt).filter(|&t| st.at[t] == NONE).collect();
    if missing.is_empty() {
        return out;
    }
    let mut explained = vec![false; m.nt];
    for &t in &missing {
        if m.allowed[t].is_empty() {
            out.push(Infeasibility::NoSession {
                talk: t,
                reason: no_session(m, t),
            });
            explained[t] = true;
        }
    }
    shortages(m, &missing, &mut explained, &mut out);
    let mut people: Vec<u32> = missing.iter().flat_map(|&t| m.p.talks[t].speakers.iter().copied()).collect();
    people.sort_unstable();
    people.dedup();
    for x in people {
        let talks: Vec<usize> = m.person_talks[x as usize].iter().map(|&u| u as usize).collect();
        if talks.len() >= 2 && talks.iter().all(|&u| !m.allowed[u].is_empty()) && !speaker_fits(m, &talks) {
            let mut sessions: Vec<usize> = talks.iter().flat_map(|&u| m.allowed[u].iter().map(|&s| s as usize)).collect();
            sessions.sort_unstable();
            sessions.dedup();
            for &u in &talks {
                explained[u] = true;
            }
            out.push(Infeasibility::SpeakerTalksCollide {
                person: x,
                talks,
                sessions,
            });
        }
    }
    for &t in &missing {
        if explained[t] {
            continue;
        }
        let sessions = m.allowed[t]
            .iter()
            .map(|&s| {
                let s = s as usize;
                let ob = if st.used[s] + m.load[t] > m.cap[s] {
                    Obstacle::Full {
                        used: st.used[s],
                        free: m.cap[s],
                    }
                } else if let Some((person, talk, session)) = st.speaker_clash(t, s) {
                    Obstacle::SpeakerElsewhere { person, talk, session }
                } else {
                    // Only reachable if the search stopped before trying this session; report its fill.
                    Obstacle::Full {
                        used: st.used[s],
                        free: m.cap[s],
                    }
                };
                (s, ob)
            })
            .collect();
        out.push(Infeasibility::Crowded { talk: t, sessions, proven });
    }
    out
}

/// Why `t` has no allowed session: no session of its kind, or one static obstacle per session of its kind.
fn no_session(m: &Model, t: usize) -> NoSessionReason {
    let poster = m.p.talks[t].poster;
    let blocks: Vec<(usize, Obstacle)> = (0..m.ns)
        .filter(|&s| m.is_poster(s) == poster)
        .filter_map(|s| m.blocked(t, s).map(|b| (s, b)))
        .collect();
    if blocks.is_empty() {
        NoSessionReason::NoSessionOfKind { poster }
    } else {
        NoSessionReason::AllBlocked(blocks)
    }
}

/// Largest total of talk durations that can fill `cap` minutes: the biggest sum `≤ cap` of the distinct
/// durations `lens` (each usable any number of times, so this over-approximates what real talks can fill).
/// With 20-minute talks a 90-minute session can use only 80 minutes, which the plain minute count misses.
fn usable(cap: i64, lens: &[i64]) -> i64 {
    const MAX_DP: i64 = 24 * 60;
    if !(0..=MAX_DP).contains(&cap) || lens.is_empty() {
        return cap;
    }
    let mut reach = vec![false; cap as usize + 1];
    reach[0] = true;
    for x in 1..=cap as usize {
        reach[x] = lens.iter().any(|&l| l as usize <= x && reach[x - l as usize]);
    }
    reach.iter().rposition(|&r| r).unwrap_or(0) as i64
}

/// Hall-type capacity checks: the whole kind, the allowed sessions of each unplaced talk, and their union.
/// A group of sessions is short when the talks that can go nowhere else need more room than it has
/// (counting in each session only the minutes that the talks' durations can actually fill).
fn shortages(m: &Model, missing: &[usize], explained: &mut [bool], out: &mut Vec<Infeasibility>) {
    let mut lens: Vec<i64> = (0..m.nt).filter(|&t| !m.p.talks[t].poster).map(|t| m.load[t]).collect();
    lens.sort_unstable();
    lens.dedup();
    let room: Vec<i64> = (0..m.ns)
        .map(|s| if m.is_poster(s) { m.cap[s] } else { usable(m.cap[s], &lens) })
        .collect();
    let mut groups: Vec<(bool, Vec<usize>)> = Vec::new();
    for poster in [false, true] {
        let all: Vec<usize> = (0..m.ns).filter(|&s| m.is_poster(s) == poster).collect();
        groups.push((poster, all));
        let mut union = Vec::new();
        for &t in missing {
            if m.p.talks[t].poster == poster && !m.allowed[t].is_empty() {
                let own: Vec<usize> = m.allowed[t].iter().map(|&s| s as usize).collect();
                union.extend(own.iter().copied());
                groups.push((poster, own));
            }
        }
        union.sort_unstable();
        union.dedup();
        groups.push((poster, union));
    }
    groups.sort();
    groups.dedup();
    for (poster, sessions) in groups {
        if sessions.is_empty() {
            continue;
        }
        let mut inside = vec![false; m.ns];
        for &s in &sessions {
            inside[s] = true;
        }
        let talks: Vec<usize> = (0..m.nt)
            .filter(|&t| m.p.talks[t].poster == poster && !m.allowed[t].is_empty())
            .filter(|&t| m.allowed[t].iter().all(|&s| inside[s as usize]))
            .collect();
        let needed: i64 = talks.iter().map(|&t| m.load[t]).sum();
        let available = sessions.iter().map(|&s| room[s]).fold(0i64, i64::saturating_add);
        if needed > available {
            for &t in &talks {
                explained[t] = true;
            }
            out.push(Infeasibility::NotEnoughTime {
                poster,
                talks,
                sessions,
                needed,
                available,
            });
        }
    }
}

/// Whether the talks of one speaker can take allowed sessions that pairwise do not overlap (capacity ignored).
fn speaker_fits(m: &Model, talks: &[usize]) -> bool {
    fn go(m: &Model, talks: &[usize], k: usize, chosen: &mut Vec<usize>, nodes: &mut u32) -> bool {
        *nodes += 1;
        if k == talks.len() || *nodes > SPEAKER_NODES {
            // Out of budget counts as "fits": only proven collisions are reported.
            return true;
        }
        for &s in &m.allowed[talks[k]] {
            let s = s as usize;
            if chosen.iter().all(|&c| c == s || !m.overlaps(c, s)) {
                chosen.push(s);
                let ok = go(m, talks, k + 1, chosen, nodes);
                chosen.pop();
                if ok {
                    return true;
                }
            }
        }
        false
    }
    go(m, talks, 0, &mut Vec::new(), &mut 0)
}
