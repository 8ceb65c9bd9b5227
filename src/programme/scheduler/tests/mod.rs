//! Tests: an independent checker and brute force compared with the solver, plus rule, mode and explanation cases.

mod brute;
mod explain;
mod modes;
mod rules;

use super::{Options, Problem, Schedule, Session, SessionKind, Similarity, Talk, Weights, solve};

/// A talk session in room `room` over `[start, end)`.
pub(super) fn talks_session(room: u32, start: i64, end: i64) -> Session {
    Session {
        room,
        start,
        end,
        kind: SessionKind::Talks,
        track: None,
        chairs: Vec::new(),
        fixed_minutes: 0,
        capacity: None,
    }
}

/// A poster session with `capacity` places.
pub(super) fn poster_session(room: u32, start: i64, end: i64, capacity: Option<u32>) -> Session {
    Session {
        kind: SessionKind::Posters,
        capacity,
        ..talks_session(room, start, end)
    }
}

/// A talk of `duration` minutes by `speakers`.
pub(super) fn talk(duration: i64, speakers: &[u32]) -> Talk {
    Talk {
        duration,
        speakers: speakers.to_vec(),
        track: None,
        poster: false,
        pinned: None,
        current: None,
        position: None,
    }
}

/// A problem with no similarity, co-attendance or busy times and default weights.
pub(super) fn problem(sessions: Vec<Session>, talks: Vec<Talk>) -> Problem {
    Problem {
        sessions,
        talks,
        busy: Vec::new(),
        similarity: Similarity::Pairs(Vec::new()),
        coattend: Vec::new(),
        weights: Weights::default(),
    }
}

/// Solves with default options and asserts the result breaks no rule (beyond what `issues` admit).
pub(super) fn run(p: &Problem, opts: &Options) -> Schedule {
    let s = solve(p, opts).expect("valid input");
    if !s.issues.iter().any(|i| matches!(i, super::Infeasibility::FixedViolates { .. })) {
        assert_eq!(super::check(p, &s.placement), Vec::new(), "rule broken");
    }
    for (t, talk) in p.talks.iter().enumerate() {
        if let Some(pin) = talk.pinned {
            assert_eq!(s.placement[t], Some(pin), "pinned talk {t} moved");
        }
    }
    assert!(s.bound >= s.objective - 1e-6, "bound {} below objective {}", s.bound, s.objective);
    assert_eq!(s.placed, s.placement.iter().flatten().count());
    let mut listed: Vec<usize> = s.sessions.iter().flatten().copied().collect();
    listed.sort_unstable();
    let mut placed: Vec<usize> = (0..p.talks.len()).filter(|&t| s.placement[t].is_some()).collect();
    placed.sort_unstable();
    assert_eq!(listed, placed, "session lists disagree with placement");
    s
}
