//! Input validation: each malformed input gives its structured error.

use super::super::{Ban, Candidate, InputError, Mode, PairList, Problem, SolveError, solve};

fn base() -> Problem {
    Problem {
        num_papers: 2,
        num_reviewers: 3,
        demand: vec![1, 1],
        min_load: vec![0; 3],
        max_load: vec![2; 3],
        candidates: (0..2)
            .flat_map(|p| {
                (0..3).map(move |r| Candidate {
                    paper: p,
                    reviewer: r,
                    score: 0.5,
                })
            })
            .collect(),
        ..Problem::default()
    }
}

fn input_errors(p: &Problem) -> Vec<InputError> {
    match solve(p, &Mode::MaxTotal, None) {
        Err(SolveError::Input(e)) => e,
        other => panic!("expected input errors, got {other:?}"),
    }
}

#[test]
fn base_is_valid() {
    assert!(solve(&base(), &Mode::MaxTotal, None).is_ok());
}

#[test]
fn length_mismatch() {
    let mut p = base();
    p.demand.push(1);
    assert_eq!(
        input_errors(&p),
        vec![InputError::LengthMismatch {
            what: "demand",
            expected: 2,
            actual: 3
        }]
    );
}

#[test]
fn min_above_max() {
    let mut p = base();
    p.min_load[1] = 3;
    assert_eq!(
        input_errors(&p),
        vec![InputError::MinLoadExceedsMax {
            reviewer: 1,
            min: 3,
            max: 2
        }]
    );
}

#[test]
fn out_of_range_indices() {
    let mut p = base();
    p.candidates.push(Candidate {
        paper: 2,
        reviewer: 0,
        score: 1.0,
    });
    p.conflicts.push((0, 3));
    let e = input_errors(&p);
    assert_eq!(
        e,
        vec![
            InputError::PaperOutOfRange {
                list: PairList::Candidates,
                position: 6,
                paper: 2
            },
            InputError::ReviewerOutOfRange {
                list: PairList::Conflicts,
                position: 0,
                reviewer: 3
            },
        ]
    );
    assert_eq!(e[0].to_string(), "candidate pair #6 names unknown paper 2");
}

#[test]
fn non_finite_scores() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut p = base();
        p.candidates[4].score = bad;
        assert_eq!(
            input_errors(&p),
            vec![InputError::NonFiniteScore {
                position: 4,
                paper: 1,
                reviewer: 1
            }]
        );
    }
}

#[test]
fn duplicate_candidate_and_forced() {
    let mut p = base();
    p.candidates.push(Candidate {
        paper: 1,
        reviewer: 2,
        score: 0.1,
    });
    p.forced = vec![(0, 1), (0, 1)];
    let e = input_errors(&p);
    assert!(
        e.contains(&InputError::DuplicatePair {
            list: PairList::Candidates,
            paper: 1,
            reviewer: 2
        }),
        "{e:?}"
    );
    assert!(
        e.contains(&InputError::DuplicatePair {
            list: PairList::Forced,
            paper: 0,
            reviewer: 1
        }),
        "{e:?}"
    );
}

#[test]
fn forced_pair_that_is_banned() {
    let mut p = base();
    p.forced = vec![(0, 1), (1, 2)];
    p.conflicts = vec![(0, 1)];
    p.forbidden = vec![(1, 2)];
    let e = input_errors(&p);
    assert_eq!(
        e,
        vec![
            InputError::ForcedPairBanned {
                paper: 0,
                reviewer: 1,
                ban: Ban::Conflict
            },
            InputError::ForcedPairBanned {
                paper: 1,
                reviewer: 2,
                ban: Ban::Forbidden
            },
        ]
    );
    assert_eq!(e[0].to_string(), "forced pair (paper 0, reviewer 1) is a conflict of interest");
}

#[test]
fn duplicate_existing_pair() {
    let p = base();
    let r = solve(
        &p,
        &Mode::Incremental {
            existing: vec![(0, 0), (0, 0)],
        },
        None,
    );
    assert_eq!(
        r,
        Err(SolveError::Input(vec![InputError::DuplicatePair {
            list: PairList::Existing,
            paper: 0,
            reviewer: 0
        }]))
    );
}

#[test]
fn duplicate_conflicts_are_harmless_and_forced_non_candidates_score_zero() {
    let mut p = base();
    p.conflicts = vec![(0, 0), (0, 0)];
    p.candidates.retain(|c| !(c.paper == 1 && c.reviewer == 0));
    p.forced = vec![(1, 0)];
    let a = solve(&p, &Mode::MaxTotal, None).unwrap();
    super::check_valid(&p, &a, &[]);
    assert_eq!(a.papers[1], vec![(0, 0.0)]);
}

#[test]
fn empty_problem() {
    let p = Problem::default();
    let a = solve(&p, &Mode::MaxTotal, None).unwrap();
    assert!(a.papers.is_empty());
    assert_eq!(a.total_score, 0.0);
}
