//! Property tests (proptest): random instances, every mode, against the independent references.

use super::super::{FairOptions, Mode, SolveError, solve};
use super::brute::brute;
use super::infeasible::certify;
use super::lp::lp_optimum;
use super::optimal::check_against;
use super::{Shape, View, check_valid, random_problem};
use proptest::prelude::*;

fn shape() -> impl Strategy<Value = Shape> {
    (1usize..5, 1usize..6, 0u32..3, 0u32..4, 0u32..2, 0.3f64..1.0, 0.0f64..0.3, 0usize..3).prop_map(
        |(np, nr, max_k, max_load, max_min, density, ban, forced)| Shape {
            np,
            nr,
            max_k,
            max_load,
            max_min,
            density,
            ban,
            forced,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn default_mode_is_exact(seed in any::<u64>(), s in shape()) {
        let p = random_problem(seed, s);
        let b = brute(&View::new(&p, &[]));
        check_against(&p, b.map(|b| b.total));
    }

    #[test]
    fn lp_agrees_on_larger_instances(seed in any::<u64>(), np in 5usize..20, nr in 3usize..12) {
        let p = random_problem(seed, Shape { np, nr, max_k: 3, max_load: 6, max_min: 1, density: 0.75, ban: 0.1, forced: 2 });
        check_against(&p, lp_optimum(&View::new(&p, &[])));
    }

    #[test]
    fn incremental_keeps_what_it_can(seed in any::<u64>(), s in shape(), keep in 0.0f64..1.0) {
        let p = random_problem(seed, s);
        let mut rng = super::super::testgen::Rng::new(seed ^ 0x5555);
        let existing: Vec<(u32, u32)> = (0..p.num_papers as u32)
            .flat_map(|q| (0..p.num_reviewers as u32).map(move |r| (q, r)))
            .filter(|_| rng.unit() < keep)
            .collect();
        let b = brute(&View::new(&p, &existing));
        match solve(&p, &Mode::Incremental { existing: existing.clone() }, None) {
            Ok(a) => {
                check_valid(&p, &a, &existing);
                let b = b.expect("brute force found no assignment");
                prop_assert_eq!(a.incremental.as_ref().unwrap().kept, b.kept);
                prop_assert!((a.total_score - b.kept_total).abs() < 1e-9);
            }
            Err(SolveError::Infeasible(r)) => {
                prop_assert!(b.is_none());
                for x in &r {
                    prop_assert!(certify(&p, &existing, x));
                }
            }
            Err(e) => prop_assert!(false, "{:?}", e),
        }
    }

    #[test]
    fn fair_mode_is_valid_and_bounded(seed in any::<u64>(), s in shape()) {
        let p = random_problem(seed, s);
        if let Ok(a) = solve(&p, &Mode::Fair(FairOptions { lagrangian_iters: 4, penalty_iters: 2 }), None) {
            check_valid(&p, &a, &[]);
            let f = a.fairness.unwrap();
            let b = brute(&View::new(&p, &[])).expect("feasible");
            prop_assert!(f.min_paper_score >= f.max_total_min);
            prop_assert!(f.upper_bound >= b.maxmin - 1e-9);
            prop_assert!(f.min_paper_score <= b.maxmin + 1e-9);
        }
    }
}
