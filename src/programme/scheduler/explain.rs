//! Why talks stay unplaced, in terms a chair can act on (the page turns them into words).

use super::problem::{Obstacle, Problem, Reason, State, fits, has_room, loads, speaker_clash};

/// The obstacles of `placement` (empty when every talk is placed).
pub fn obstacles(p: &Problem, st: &State, placement: &[Option<usize>]) -> Vec<Obstacle> {
    let mut out = Vec::new();
    let load = loads(p, placement);
    for (t, s) in placement.iter().enumerate() {
        if s.is_some() {
            continue;
        }
        if st.candidates[t].is_empty() {
            // The most telling reason over all sessions: kind, then length, then people.
            let reasons: Vec<Reason> = (0..p.sessions.len()).filter_map(|s| fits(p, t, s).err()).collect();
            let reason = if reasons.iter().all(|r| *r == Reason::NoSessionOfItsKind) {
                Reason::NoSessionOfItsKind
            } else if reasons.contains(&Reason::SpeakerUnavailable) {
                Reason::SpeakerUnavailable
            } else {
                Reason::TooLong
            };
            out.push(Obstacle::NoSession { talk: t, reason });
            continue;
        }
        // Every candidate is full or clashes with the speaker's other talks, and some clash: the
        // speaker's talks collide.
        let clash: Vec<bool> = st.candidates[t].iter().map(|&c| speaker_clash(st, p, placement, t, c)).collect();
        let blocked = st.candidates[t].iter().zip(&clash).all(|(&c, &x)| x || !has_room(p, &load, t, c));
        let collide = if blocked && clash.iter().any(|x| *x) {
            p.talks[t].speakers.iter().find(|&&q| {
                st.candidates[t].iter().any(|&c| {
                    st.talks_of[q]
                        .iter()
                        .any(|&u| u != t && placement[u].is_some_and(|su| su != c && st.overlapping[c].contains(&su)))
                })
            })
        } else {
            None
        };
        if let Some(&person) = collide {
            let mut sessions: Vec<usize> = st.talks_of[person].iter().flat_map(|&u| st.candidates[u].iter().copied()).collect();
            sessions.sort_unstable();
            sessions.dedup();
            out.push(Obstacle::SpeakerTalksCollide {
                person,
                talks: st.talks_of[person].clone(),
                sessions,
            });
        } else {
            out.push(Obstacle::Full { talk: t });
        }
    }
    for poster in [false, true] {
        let needed: i64 = p
            .talks
            .iter()
            .filter(|t| t.poster == poster)
            .map(|t| if poster { 1 } else { t.duration })
            .sum();
        let sessions = p.sessions.iter().filter(|s| s.poster == poster);
        let available: i64 = if poster {
            if p.sessions.iter().any(|s| s.poster && s.capacity.is_none()) {
                i64::MAX
            } else {
                sessions.map(|s| s.capacity.unwrap_or(0) as i64).sum()
            }
        } else {
            sessions.map(|s| s.end - s.start - s.fixed_minutes).sum()
        };
        if needed > available
            && available > 0
            && out
                .iter()
                .any(|o| matches!(o, Obstacle::Full { .. } | Obstacle::SpeakerTalksCollide { .. }))
        {
            out.push(Obstacle::NotEnoughTime { poster, needed, available });
        }
    }
    out
}
