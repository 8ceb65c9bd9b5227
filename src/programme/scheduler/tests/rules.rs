//! Each hard rule on a small hand-made instance, and no violations on generated ones.

use super::super::testing::generate;
use super::super::{Options, SessionKind, Similarity};
use super::{poster_session, problem, run, talk, talks_session};

fn opts() -> Options {
    Options::default()
}

#[test]
fn session_minutes_are_respected() {
    // 60 minutes, 20 fixed: two 20-minute talks fit, a third must go to the other session.
    let mut a = talks_session(0, 0, 60);
    a.fixed_minutes = 20;
    let b = talks_session(1, 100, 140);
    let mut p = problem(vec![a, b], vec![talk(20, &[0]), talk(20, &[1]), talk(20, &[2])]);
    p.similarity = Similarity::Pairs(vec![(0, 1, 1.0), (0, 2, 1.0), (1, 2, 1.0)]);
    let s = run(&p, &opts());
    assert_eq!(s.placed, 3);
    for ses in 0..2 {
        assert!(s.placement.iter().filter(|&&x| x == Some(ses)).count() <= 2);
    }
}

#[test]
fn poster_capacity_and_kinds() {
    let sessions = vec![
        talks_session(0, 0, 60),
        poster_session(1, 0, 60, Some(1)),
        poster_session(2, 100, 160, None),
    ];
    let mut t = vec![talk(20, &[0]), talk(20, &[1]), talk(20, &[2]), talk(20, &[3])];
    for x in &mut t[1..] {
        x.poster = true;
    }
    let mut p = problem(sessions, t);
    p.similarity = Similarity::Pairs(vec![(1, 2, 1.0), (1, 3, 1.0), (2, 3, 1.0)]);
    let s = run(&p, &opts());
    assert_eq!(s.placement[0], Some(0));
    for i in 1..4 {
        let ses = s.placement[i].expect("poster placed");
        assert_eq!(p.sessions[ses].kind, SessionKind::Posters);
    }
    assert!(s.placement[1..].iter().filter(|&&x| x == Some(1)).count() <= 1);
}

#[test]
fn speaker_not_in_two_overlapping_sessions() {
    // Person 0 gives two talks; sessions 0 and 1 overlap, session 2 does not. Similarity pulls both into
    // overlapping sessions, which is not allowed; one in the same session is.
    let sessions = vec![talks_session(0, 0, 60), talks_session(1, 0, 60), talks_session(2, 100, 160)];
    let mut p = problem(sessions, vec![talk(20, &[0]), talk(20, &[0]), talk(20, &[1]), talk(20, &[2])]);
    p.similarity = Similarity::Pairs(vec![(0, 2, 1.0), (1, 3, 1.0)]);
    let s = run(&p, &opts());
    assert_eq!(s.placed, 4);
    let (a, b) = (s.placement[0].unwrap(), s.placement[1].unwrap());
    assert!(a == b || a == 2 || b == 2, "{:?}", s.placement);
}

#[test]
fn same_speaker_twice_in_one_session_is_fine() {
    let mut p = problem(vec![talks_session(0, 0, 60)], vec![talk(20, &[0]), talk(20, &[0])]);
    p.similarity = Similarity::Pairs(vec![(0, 1, 1.0)]);
    let s = run(&p, &opts());
    assert_eq!(s.placement, vec![Some(0), Some(0)]);
}

#[test]
fn speaker_chairing_a_parallel_session() {
    let mut chaired = talks_session(1, 0, 60);
    chaired.chairs = vec![0];
    let sessions = vec![talks_session(0, 0, 60), chaired, talks_session(2, 100, 160)];
    let p = problem(sessions, vec![talk(20, &[0])]);
    let s = run(&p, &opts());
    // Session 0 overlaps the chaired session; the chaired session itself is allowed.
    assert_ne!(s.placement[0], Some(0));
    assert!(s.placement[0].is_some());
    let mut q = p.clone();
    q.sessions[2].start = 0;
    q.sessions[2].end = 30;
    q.sessions[1].kind = SessionKind::Posters;
    let s = run(&q, &opts());
    assert_eq!(s.placement[0], None);
}

#[test]
fn busy_speaker_excluded_from_overlapping_sessions() {
    let sessions = vec![talks_session(0, 0, 60), talks_session(0, 60, 120)];
    let mut p = problem(sessions, vec![talk(20, &[0, 1])]);
    // Person 1 is busy for one minute at the very end of session 0: the whole session is excluded.
    p.busy = vec![Vec::new(), vec![(59, 60)]];
    let s = run(&p, &opts());
    assert_eq!(s.placement[0], Some(1));
}

#[test]
fn pinned_talk_stays_even_when_elsewhere_is_better() {
    let mut t = vec![talk(20, &[0]), talk(20, &[1])];
    t[0].pinned = Some(1);
    let mut p = problem(vec![talks_session(0, 0, 60), talks_session(1, 100, 160)], t);
    p.similarity = Similarity::Pairs(vec![(0, 1, 1.0)]);
    p.sessions[0].track = Some(3);
    p.talks[0].track = Some(3);
    let s = run(&p, &opts());
    assert_eq!(s.placement, vec![Some(1), Some(1)]);
}

#[test]
fn generated_instances_break_no_rule() {
    for seed in 0..4 {
        let p = generate(seed, 150, 6, 1);
        let opts = Options {
            seed,
            iterations: 100_000,
            ..Options::default()
        };
        let s = run(&p, &opts);
        assert!(!s.optimal);
        assert!(s.gap >= 0.0);
    }
}
