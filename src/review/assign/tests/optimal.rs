//! Default mode: validity and exact optimality against brute force and the LP.

use super::super::{Candidate, Mode, Problem, SolveError, solve};
use super::brute::brute;
use super::infeasible::certify;
use super::lp::lp_optimum;
use super::{Shape, View, check_valid, random_problem};

const TINY: Shape = Shape {
    np: 4,
    nr: 4,
    max_k: 2,
    max_load: 3,
    max_min: 1,
    density: 0.8,
    ban: 0.1,
    forced: 1,
};

/// Solves in default mode and checks the outcome against an independent optimum (`None` = infeasible).
pub(super) fn check_against(p: &Problem, expected: Option<f64>) {
    match solve(p, &Mode::MaxTotal, None) {
        Ok(a) => {
            check_valid(p, &a, &[]);
            let opt = expected.expect("solver found an assignment where the reference found none");
            assert!(
                (a.total_score - opt).abs() <= 1e-9 * (1.0 + opt.abs()),
                "solver {} vs optimum {opt}",
                a.total_score
            );
        }
        Err(SolveError::Infeasible(reasons)) => {
            assert!(
                expected.is_none(),
                "solver says infeasible ({reasons:?}) but the optimum is {expected:?}"
            );
            assert!(!reasons.is_empty());
            for r in &reasons {
                assert!(certify(p, &[], r), "reason is not a valid certificate: {r:?} ({r})");
            }
        }
        Err(e) => panic!("unexpected input error {e:?}"),
    }
}

#[test]
fn matches_brute_force_on_tiny_instances() {
    let (mut feasible, mut infeasible) = (0, 0);
    for seed in 0..1500 {
        let shape = Shape {
            np: 1 + (seed % 4) as usize,
            nr: 1 + (seed / 4 % 5) as usize,
            ..TINY
        };
        let p = random_problem(seed, shape);
        let b = brute(&View::new(&p, &[]));
        match b {
            Some(_) => feasible += 1,
            None => infeasible += 1,
        }
        check_against(&p, b.map(|b| b.total));
    }
    // The generator must exercise both outcomes, or the test proves little.
    assert!(feasible > 300 && infeasible > 300, "feasible {feasible}, infeasible {infeasible}");
}

#[test]
fn matches_lp_on_medium_instances() {
    let mut feasible = 0;
    for seed in 0..80 {
        let shape = Shape {
            np: 10 + (seed % 15) as usize,
            nr: 6 + (seed % 9) as usize,
            max_k: 3,
            max_load: 5,
            max_min: 2,
            density: 0.7,
            ban: 0.1,
            forced: 3,
        };
        let p = random_problem(1000 + seed, shape);
        let lp = lp_optimum(&View::new(&p, &[]));
        feasible += usize::from(lp.is_some());
        check_against(&p, lp);
    }
    assert!(feasible >= 10, "only {feasible} feasible instances");
}

#[test]
fn matches_lp_on_dense_instance() {
    let mut p = super::super::testgen::dense(40, 30, 3, 5, 0.05, 7);
    p.min_load = vec![1; 30];
    let lp = lp_optimum(&View::new(&p, &[])).expect("feasible");
    check_against(&p, Some(lp));
}

/// Two papers, two reviewers, one review each: rounding scores to hundredths flips the optimal choice.
#[test]
fn full_precision_beats_rounding_to_hundredths() {
    let make = |s: [f64; 4]| Problem {
        num_papers: 2,
        num_reviewers: 2,
        demand: vec![1, 1],
        min_load: vec![0, 0],
        max_load: vec![1, 1],
        candidates: vec![
            Candidate {
                paper: 0,
                reviewer: 0,
                score: s[0],
            },
            Candidate {
                paper: 1,
                reviewer: 1,
                score: s[1],
            },
            Candidate {
                paper: 0,
                reviewer: 1,
                score: s[2],
            },
            Candidate {
                paper: 1,
                reviewer: 0,
                score: s[3],
            },
        ],
        ..Problem::default()
    };
    let exact = [0.5149, 0.5149, 0.5151, 0.5101]; // diagonal 1.0298 > anti-diagonal 1.0252
    let rounded = exact.map(|x: f64| (x * 100.0).round() / 100.0); // diagonal 1.02 < anti-diagonal 1.03
    let a = solve(&make(exact), &Mode::MaxTotal, None).unwrap();
    let r = solve(&make(rounded), &Mode::MaxTotal, None).unwrap();
    assert_eq!(a.papers[0][0].0, 0, "true optimum is the diagonal");
    assert_eq!(r.papers[0][0].0, 1, "rounded scores prefer the anti-diagonal");
    assert!((a.total_score - 1.0298).abs() < 1e-12);
}

/// Differences of 1e-12 on scores near 1 still decide the optimum.
#[test]
fn resolves_tiny_score_differences() {
    let mut p = super::super::testgen::dense(6, 6, 1, 1, 0.0, 3);
    for c in &mut p.candidates {
        c.score = 0.7
            + if c.paper == c.reviewer {
                0.0
            } else {
                1e-12 * ((c.paper * 7 + c.reviewer * 3) % 5) as f64
            };
    }
    let lp = lp_optimum(&View::new(&p, &[])).unwrap();
    let a = solve(&p, &Mode::MaxTotal, None).unwrap();
    check_valid(&p, &a, &[]);
    // Brute force over the 720 permutations gives the exact best.
    let score = |q: usize, r: usize| p.candidates[q * 6 + r].score;
    let mut perm: Vec<usize> = (0..6).collect();
    let mut best = f64::NEG_INFINITY;
    permute(&mut perm, 0, &mut |pm| best = best.max((0..6).map(|q| score(q, pm[q])).sum()));
    assert!((a.total_score - best).abs() < 1e-14, "{} vs {best} (lp {lp})", a.total_score);
    assert!(a.total_score > 6.0 * 0.7 + 1e-12);
}

fn permute(v: &mut Vec<usize>, i: usize, f: &mut impl FnMut(&[usize])) {
    if i == v.len() {
        f(v);
        return;
    }
    for j in i..v.len() {
        v.swap(i, j);
        permute(v, i + 1, f);
        v.swap(i, j);
    }
}

#[test]
fn negative_and_mixed_magnitude_scores() {
    for seed in 0..40 {
        let mut p = random_problem(
            5000 + seed,
            Shape {
                np: 12,
                nr: 8,
                max_k: 2,
                max_load: 4,
                max_min: 1,
                density: 0.8,
                ban: 0.05,
                forced: 2,
            },
        );
        for (i, c) in p.candidates.iter_mut().enumerate() {
            c.score *= [1e-6, -3.0, 1e4, 0.5][i % 4];
        }
        check_against(&p, lp_optimum(&View::new(&p, &[])));
    }
}

#[test]
fn reports_precision_and_progress() {
    let p = super::super::testgen::dense(30, 20, 2, 4, 0.0, 5);
    let mut calls = Vec::new();
    let mut cb = |pr: super::super::Progress| calls.push(pr);
    let a = solve(&p, &Mode::MaxTotal, Some(&mut cb)).unwrap();
    assert!(a.precision.quantum <= 2f64.powi(-52) && a.precision.quantum > 0.0);
    assert!((a.precision.max_gap - 60.0 * a.precision.quantum).abs() < 1e-30);
    assert!(calls.iter().any(|c| c.phase == super::super::Phase::Optimising));
    assert!(calls.len() < 100, "progress must stay cheap: {} calls", calls.len());
}

#[test]
fn matches_lp_on_sparse_instance() {
    let mut p = super::super::testgen::sparse(80, 60, 15, 3, 5, 9);
    p.min_load = vec![1; 60];
    p.forced = vec![(0, p.candidates[0].reviewer), (5, 7)];
    let lp = lp_optimum(&View::new(&p, &[])).expect("feasible");
    check_against(&p, Some(lp));
}
