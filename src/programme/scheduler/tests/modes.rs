//! Unscheduled-only mode, stability under the move penalty, and determinism.

use super::super::testing::{generate, tiny};
use super::super::{Mode, Options, Similarity};
use super::{problem, run, talk, talks_session};

#[test]
fn unscheduled_only_keeps_existing_placements() {
    // Talk 0 sits in session 1 although session 0 would suit it better; only talk 1 is new.
    let mut t = vec![talk(20, &[0]), talk(20, &[1]), talk(20, &[2])];
    t[0].current = Some(1);
    t[2].current = Some(0);
    let mut p = problem(vec![talks_session(0, 0, 60), talks_session(0, 100, 160)], t);
    p.similarity = Similarity::Pairs(vec![(0, 2, 1.0), (1, 2, 0.5)]);
    let only = Options {
        mode: Mode::UnscheduledOnly,
        ..Options::default()
    };
    let s = run(&p, &only);
    assert_eq!(s.placement, vec![Some(1), Some(0), Some(0)]);
    p.weights.moves = 0.5;
    let all = run(&p, &Options::default());
    assert_eq!(
        all.placement[0], all.placement[2],
        "re-placing everything puts talk 0 next to its similar talk"
    );
    assert_eq!(all.terms.moves, 1.0);
}

#[test]
fn unscheduled_only_on_a_generated_conference() {
    let mut p = generate(3, 200, 6, 1);
    let first = run(
        &p,
        &Options {
            iterations: 200_000,
            ..Options::default()
        },
    );
    for (t, talk) in p.talks.iter_mut().enumerate() {
        if t % 3 != 0 {
            talk.current = first.placement[t];
        }
    }
    let only = Options {
        mode: Mode::UnscheduledOnly,
        iterations: 200_000,
        ..Options::default()
    };
    let s = run(&p, &only);
    for t in 0..p.talks.len() {
        if t % 3 != 0 && first.placement[t].is_some() {
            assert_eq!(s.placement[t], first.placement[t]);
        }
    }
    assert_eq!(s.placed, first.placed);
}

#[test]
fn exact_schedule_is_stable_when_nothing_changed() {
    for seed in 0..100 {
        let mut p = tiny(seed);
        let first = run(&p, &Options::default());
        if !first.optimal || !first.issues.is_empty() {
            continue;
        }
        for (t, talk) in p.talks.iter_mut().enumerate() {
            talk.current = first.placement[t];
        }
        let again = run(&p, &Options::default());
        assert_eq!(again.placement, first.placement, "seed {seed}");
        assert_eq!(again.terms.moves, 0.0);
    }
}

#[test]
fn heuristic_schedule_is_stable_when_nothing_changed() {
    let mut p = generate(5, 300, 8, 1);
    let opts = Options {
        iterations: 300_000,
        ..Options::default()
    };
    let first = run(&p, &opts);
    for (t, talk) in p.talks.iter_mut().enumerate() {
        talk.current = first.placement[t];
        talk.position = None;
    }
    let again = run(&p, &opts);
    assert!(
        again.objective >= first.objective - 1e-9,
        "{} < {}",
        again.objective,
        first.objective
    );
    assert!(again.terms.moves <= 3.0, "{} talks moved", again.terms.moves);
}

#[test]
fn same_seed_same_schedule() {
    let p = generate(11, 200, 6, 1);
    let opts = Options {
        seed: 42,
        iterations: 100_000,
        ..Options::default()
    };
    let (a, b) = (run(&p, &opts), run(&p, &opts));
    assert_eq!(a.placement, b.placement);
    assert_eq!(a.sessions, b.sessions);
    assert_eq!(a.objective.to_bits(), b.objective.to_bits());
    assert_eq!(a.bound.to_bits(), b.bound.to_bits());
    assert_eq!(a.issues, b.issues);
}

#[test]
fn order_keeps_current_positions() {
    let mut t = vec![talk(10, &[0]), talk(10, &[1]), talk(10, &[2])];
    for (i, x) in t.iter_mut().enumerate().take(2) {
        x.current = Some(0);
        x.position = Some(5 - i as u32);
    }
    let mut p = problem(vec![talks_session(0, 0, 60)], t);
    p.similarity = Similarity::Pairs(vec![(0, 2, 1.0)]);
    let s = run(&p, &Options::default());
    // Talk 1 was before talk 0; the new talk 2 goes next to its similar talk 0.
    assert_eq!(s.sessions[0], vec![1, 0, 2]);
}

#[test]
fn deadline_and_node_limit_still_give_valid_schedules() {
    let p = generate(2, 150, 6, 1);
    let past = Options {
        deadline: Some(std::time::Instant::now()),
        ..Options::default()
    };
    let s = run(&p, &past);
    assert!(s.stats.hit_deadline);
    for seed in 0..30 {
        let q = tiny(seed);
        let s = run(
            &q,
            &Options {
                node_limit: 1,
                ..Options::default()
            },
        );
        assert!(!s.optimal || s.stats.nodes <= 1);
    }
}
