//! Incremental mode: keep still-allowed pairs, change only what must change.

use super::super::testgen::dense;
use super::super::{Candidate, DropReason, DroppedPair, Mode, Problem, SolveError, solve};
use super::brute::brute;
use super::{Shape, View, check_valid, pairs, random_problem};
use std::collections::HashSet;

fn incremental(p: &Problem, existing: &[(u32, u32)]) -> super::super::Assignment {
    let a = solve(
        p,
        &Mode::Incremental {
            existing: existing.to_vec(),
        },
        None,
    )
    .expect("feasible");
    check_valid(p, &a, existing);
    a
}

#[test]
fn new_paper_only_adds_its_own_pairs() {
    let p = dense(30, 20, 3, 6, 0.05, 11);
    let base = solve(&p, &Mode::MaxTotal, None).unwrap();
    let existing = pairs(&base);
    // One more paper; spare capacity exists (90 of 120 slots used).
    let mut p2 = p.clone();
    p2.num_papers += 1;
    p2.demand.push(3);
    p2.candidates.extend((0..20).map(|r| Candidate {
        paper: 30,
        reviewer: r,
        score: 0.9 + r as f64 * 1e-3,
    }));
    let a = incremental(&p2, &existing);
    let inc = a.incremental.as_ref().unwrap();
    assert_eq!((inc.kept, inc.removed, inc.added), (90, 0, 3));
    assert!(inc.dropped.is_empty() && inc.removed_pairs.is_empty());
    assert_eq!(&a.papers[..30], &base.papers[..], "old papers unchanged");
    // Among the reviewers with spare capacity it takes the best ones.
    let load = |r: u32| base.papers.iter().filter(|v| v.iter().any(|x| x.0 == r)).count();
    let mut spare: Vec<u32> = (0..20).filter(|&r| load(r) < 6).collect();
    spare.sort_by(|a, b| b.cmp(a));
    let got: HashSet<u32> = a.papers[30].iter().map(|x| x.0).collect();
    assert_eq!(got, spare[..3].iter().copied().collect());
}

#[test]
fn reviewer_dropping_out_moves_only_their_papers() {
    let p = dense(30, 20, 3, 6, 0.0, 12);
    let base = solve(&p, &Mode::MaxTotal, None).unwrap();
    let existing = pairs(&base);
    let gone = base.papers[0][0].0;
    let mut p2 = p.clone();
    p2.max_load[gone as usize] = 0;
    let a = incremental(&p2, &existing);
    let inc = a.incremental.as_ref().unwrap();
    let had: Vec<usize> = (0..30).filter(|&q| base.papers[q].iter().any(|x| x.0 == gone)).collect();
    assert_eq!(inc.removed, had.len());
    assert_eq!(inc.added, had.len());
    assert_eq!(inc.kept, 90 - had.len());
    for q in 0..30 {
        if !had.contains(&q) {
            assert_eq!(a.papers[q], base.papers[q], "paper {q} should not change");
        }
    }
}

#[test]
fn banned_and_unknown_pairs_are_dropped() {
    let p = dense(10, 8, 2, 4, 0.0, 13);
    let base = solve(&p, &Mode::MaxTotal, None).unwrap();
    let mut existing = pairs(&base);
    let (c, f) = (existing[0], existing[3]);
    existing.push((10, 0));
    existing.push((0, 8));
    let mut p2 = p.clone();
    p2.conflicts.push(c);
    p2.forbidden.push(f);
    let a = incremental(&p2, &existing);
    let inc = a.incremental.as_ref().unwrap();
    let dropped: HashSet<DroppedPair> = inc.dropped.iter().copied().collect();
    let want: HashSet<DroppedPair> = [
        DroppedPair {
            paper: c.0,
            reviewer: c.1,
            reason: DropReason::Conflict,
        },
        DroppedPair {
            paper: f.0,
            reviewer: f.1,
            reason: DropReason::Forbidden,
        },
        DroppedPair {
            paper: 10,
            reviewer: 0,
            reason: DropReason::UnknownPaper,
        },
        DroppedPair {
            paper: 0,
            reviewer: 8,
            reason: DropReason::UnknownReviewer,
        },
    ]
    .into_iter()
    .collect();
    assert_eq!(dropped, want);
    assert_eq!(inc.kept, 18);
    assert_eq!(inc.removed, 0);
    assert_eq!(inc.added, 2);
}

#[test]
fn kept_pair_need_not_be_a_candidate() {
    let p = dense(4, 4, 1, 1, 0.0, 14);
    let mut p2 = p.clone();
    p2.candidates.retain(|c| !(c.paper == 0 && c.reviewer == 3));
    let a = incremental(&p2, &[(0, 3)]);
    assert_eq!(a.papers[0], vec![(3, 0.0)]);
    assert_eq!(a.incremental.unwrap().kept, 1);
}

#[test]
fn lexicographic_optimum_matches_brute_force() {
    let mut checked = 0;
    for seed in 0..600 {
        let shape = Shape {
            np: 1 + (seed % 4) as usize,
            nr: 2 + (seed / 4 % 4) as usize,
            max_k: 2,
            max_load: 2,
            max_min: 1,
            density: 0.8,
            ban: 0.15,
            forced: 1,
        };
        let p = random_problem(7000 + seed, shape);
        // Existing: a random subset of all pairs, including banned and out-of-range ones.
        let mut rng = super::super::testgen::Rng::new(seed);
        let mut existing: Vec<(u32, u32)> = Vec::new();
        for q in 0..=p.num_papers as u32 {
            for r in 0..p.num_reviewers as u32 {
                if rng.unit() < 0.35 {
                    existing.push((q, r));
                }
            }
        }
        let b = brute(&View::new(&p, &existing));
        match (
            solve(
                &p,
                &Mode::Incremental {
                    existing: existing.clone(),
                },
                None,
            ),
            b,
        ) {
            (Ok(a), Some(b)) => {
                check_valid(&p, &a, &existing);
                let inc = a.incremental.as_ref().unwrap();
                assert_eq!(inc.kept, b.kept, "seed {seed}: kept");
                assert!(
                    (a.total_score - b.kept_total).abs() < 1e-9,
                    "seed {seed}: {} vs {}",
                    a.total_score,
                    b.kept_total
                );
                let assigned: usize = a.papers.iter().map(|v| v.len()).sum();
                assert_eq!(inc.added, assigned - inc.kept);
                checked += 1;
            }
            (Err(SolveError::Infeasible(_)), None) => {}
            (r, b) => panic!("seed {seed}: solver {r:?} vs brute {b:?}"),
        }
    }
    assert!(checked > 100, "only {checked} feasible");
}
