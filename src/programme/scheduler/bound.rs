//! An upper bound on the objective of any schedule placing every talk: each talk's own terms
//! at their best over its candidate sessions, plus half of the sum of its largest
//! similarities, as many as it could share a session with (each pair is counted from both of
//! its talks, hence the half). Parallel-attendance terms are never positive, so leaving them
//! out keeps the bound valid.

use super::problem::{Problem, State};

/// How many talks could share a session with talk `t`, at most.
fn partners(p: &Problem, st: &State, t: usize) -> usize {
    let shortest = p.talks.iter().filter(|x| !x.poster).map(|x| x.duration).min().unwrap_or(1).max(1);
    st.candidates[t]
        .iter()
        .map(|&s| {
            let session = &p.sessions[s];
            if session.poster {
                session.capacity.unwrap_or(p.talks.len())
            } else {
                ((session.end - session.start - session.fixed_minutes - p.talks[t].duration) / shortest).max(0) as usize + 1
            }
        })
        .max()
        .unwrap_or(1)
        .saturating_sub(1)
}

/// The bound.
pub fn upper(p: &Problem, st: &State) -> f64 {
    let w = &p.weights;
    let mut total = 0.0;
    for (t, talk) in p.talks.iter().enumerate() {
        let own = st.candidates[t]
            .iter()
            .map(|&s| {
                let mut g = 0.0;
                if talk.track.is_some() && talk.track == p.sessions[s].track {
                    g += w.track;
                }
                if talk.current.is_some_and(|c| c != s) {
                    g -= w.moves;
                }
                g
            })
            .fold(f64::NEG_INFINITY, f64::max);
        if own.is_finite() {
            total += own;
        }
        let mut sims: Vec<f64> = p.sims(t).iter().filter(|(u, _)| *u != t).map(|(_, s)| *s).collect();
        sims.sort_by(|a, b| b.total_cmp(a));
        total += 0.5 * w.topic * sims.iter().take(partners(p, st, t)).sum::<f64>();
    }
    total
}
