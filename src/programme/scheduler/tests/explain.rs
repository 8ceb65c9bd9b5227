//! Infeasible instances give the right structured explanation, with the best partial schedule.

use super::super::{Infeasibility, NoSessionReason, Obstacle, Options};
use super::{problem, run, talk, talks_session};

fn opts() -> Options {
    Options::default()
}

#[test]
fn too_long_for_every_session() {
    let p = problem(
        vec![talks_session(0, 0, 60), talks_session(1, 0, 45)],
        vec![talk(100, &[0]), talk(20, &[1])],
    );
    let s = run(&p, &opts());
    assert_eq!(s.placement[0], None);
    assert!(s.placement[1].is_some());
    assert_eq!(
        s.issues,
        vec![Infeasibility::NoSession {
            talk: 0,
            reason: NoSessionReason::AllBlocked(vec![
                (0, Obstacle::TooLong { needs: 100, free: 60 }),
                (1, Obstacle::TooLong { needs: 100, free: 45 }),
            ]),
        }]
    );
}

#[test]
fn speaker_busy_at_every_session() {
    let mut p = problem(vec![talks_session(0, 0, 60), talks_session(0, 60, 120)], vec![talk(20, &[1])]);
    p.busy = vec![Vec::new(), vec![(30, 90)]];
    let s = run(&p, &opts());
    let busy = Obstacle::SpeakerBusy {
        person: 1,
        start: 30,
        end: 90,
    };
    assert_eq!(
        s.issues,
        vec![Infeasibility::NoSession {
            talk: 0,
            reason: NoSessionReason::AllBlocked(vec![(0, busy.clone()), (1, busy)]),
        }]
    );
}

#[test]
fn no_poster_session() {
    let mut t = talk(20, &[0]);
    t.poster = true;
    let s = run(&problem(vec![talks_session(0, 0, 60)], vec![t]), &opts());
    assert_eq!(
        s.issues,
        vec![Infeasibility::NoSession {
            talk: 0,
            reason: NoSessionReason::NoSessionOfKind { poster: true },
        }]
    );
}

#[test]
fn speaker_talks_collide() {
    // Person 0 gives talks 0 and 1; co-speakers' busy times leave each talk one session, and they overlap.
    let mut p = problem(
        vec![talks_session(0, 0, 60), talks_session(1, 0, 60)],
        vec![talk(20, &[0, 1]), talk(20, &[0, 2])],
    );
    p.sessions[1].start = 30;
    p.sessions[1].end = 90;
    p.busy = vec![Vec::new(), vec![(70, 80)], vec![(0, 10)]];
    let s = run(&p, &opts());
    assert_eq!(s.placed, 1);
    assert_eq!(
        s.issues,
        vec![Infeasibility::SpeakerTalksCollide {
            person: 0,
            talks: vec![0, 1],
            sessions: vec![0, 1],
        }]
    );
    assert!(s.optimal);
}

#[test]
fn not_enough_time() {
    let p = problem(vec![talks_session(0, 0, 60)], vec![talk(30, &[0]), talk(30, &[1]), talk(30, &[2])]);
    let s = run(&p, &opts());
    assert_eq!(s.placed, 2);
    assert_eq!(
        s.issues,
        vec![Infeasibility::NotEnoughTime {
            poster: false,
            talks: vec![0, 1, 2],
            sessions: vec![0],
            needed: 90,
            available: 60,
        }]
    );
}

#[test]
fn crowded_by_packing() {
    // 30 free minutes in each session, 60 in total, but the 40-minute talk fits in neither.
    let mut t = vec![talk(30, &[1]), talk(30, &[2]), talk(40, &[0])];
    t[0].pinned = Some(0);
    t[1].pinned = Some(1);
    let p = problem(vec![talks_session(0, 0, 60), talks_session(0, 100, 160)], t);
    let s = run(&p, &opts());
    let full = Obstacle::Full { used: 30, free: 60 };
    assert_eq!(
        s.issues,
        vec![Infeasibility::Crowded {
            talk: 2,
            sessions: vec![(0, full.clone()), (1, full)],
            proven: true,
        }]
    );
}

#[test]
fn pinned_talk_breaking_rules_is_kept_and_reported() {
    let mut t = vec![talk(20, &[0]), talk(50, &[1]), talk(20, &[2])];
    t[0].pinned = Some(0);
    t[1].pinned = Some(0);
    let mut p = problem(vec![talks_session(0, 0, 60), talks_session(0, 100, 160)], t);
    p.busy = vec![vec![(10, 20)]];
    let s = run(&p, &opts());
    assert_eq!(s.placement, vec![Some(0), Some(0), Some(1)]);
    assert_eq!(
        s.issues,
        vec![
            Infeasibility::FixedViolates {
                talk: 0,
                session: 0,
                pinned: true,
                obstacle: Obstacle::SpeakerBusy {
                    person: 0,
                    start: 10,
                    end: 20
                },
            },
            Infeasibility::FixedViolates {
                talk: 1,
                session: 0,
                pinned: true,
                obstacle: Obstacle::Full { used: 70, free: 60 },
            },
        ]
    );
}
