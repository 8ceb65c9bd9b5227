//! Exact mode against exhaustive enumeration on random tiny instances; the relaxation bound against the optimum.

use super::super::bound::relaxation;
use super::super::model::Model;
use super::super::state::State;
use super::super::testing::tiny;
use super::super::{Infeasibility, Method, Mode, Options, Problem, check, evaluate};
use super::run;

/// Lexicographic best (placed, objective) over all valid placements respecting fixed talks, and the best
/// objective over all valid placements of any size.
fn brute(p: &Problem, mode: Mode) -> ((usize, f64), f64) {
    let (nt, ns) = (p.talks.len(), p.sessions.len());
    let fixed: Vec<Option<usize>> = p
        .talks
        .iter()
        .map(|t| t.pinned.or(if mode == Mode::UnscheduledOnly { t.current } else { None }))
        .collect();
    let mut best = (0usize, f64::NEG_INFINITY);
    let mut best_any = f64::NEG_INFINITY;
    let mut code = vec![0usize; nt];
    loop {
        let placement: Vec<Option<usize>> = (0..nt).map(|t| fixed[t].or((code[t] < ns).then_some(code[t]))).collect();
        if check(p, &placement).is_empty() {
            let placed = placement.iter().flatten().count();
            let obj = evaluate(p, &placement).objective(&p.weights);
            best_any = best_any.max(obj);
            if placed > best.0 || (placed == best.0 && obj > best.1) {
                best = (placed, obj);
            }
        }
        // Next code in mixed radix (ns + 1 = unplaced); fixed talks use only digit 0.
        let mut k = 0;
        loop {
            if k == nt {
                return (best, best_any);
            }
            let radix = if fixed[k].is_some() { 1 } else { ns + 1 };
            code[k] += 1;
            if code[k] < radix {
                break;
            }
            code[k] = 0;
            k += 1;
        }
    }
}

#[test]
fn exact_matches_brute_force() {
    let mut compared = 0;
    for seed in 0..400 {
        let p = tiny(seed);
        for mode in [Mode::ReplaceAll, Mode::UnscheduledOnly] {
            let opts = Options {
                mode,
                seed,
                ..Options::default()
            };
            let s = run(&p, &opts);
            if s.issues.iter().any(|i| matches!(i, Infeasibility::FixedViolates { .. })) {
                continue;
            }
            let ((placed, obj), _) = brute(&p, mode);
            assert_eq!(s.stats.method, Method::Exact);
            assert!(s.optimal, "seed {seed}: not proven");
            assert_eq!(s.placed, placed, "seed {seed} {mode:?}: placed");
            assert!(
                (s.objective - obj).abs() < 1e-6,
                "seed {seed} {mode:?}: {} vs brute {obj}",
                s.objective
            );
            compared += 1;
        }
    }
    assert!(compared > 300, "only {compared} instances compared");
}

#[test]
fn relaxation_bounds_every_valid_schedule() {
    for seed in 0..300 {
        let p = tiny(seed);
        let m = Model::new(&p, Mode::ReplaceAll);
        let (_, any) = brute(&p, Mode::ReplaceAll);
        let b = relaxation(&m);
        assert!(b >= any - 1e-9, "seed {seed}: bound {b} below optimum {any}");
    }
}

#[test]
fn heuristic_matches_brute_force_often() {
    // The heuristic alone (exact mode off) should find the optimum of tiny instances nearly always.
    let (mut hit, mut total) = (0, 0);
    for seed in 0..150 {
        let p = tiny(seed);
        let opts = Options {
            exact_max_talks: 0,
            seed,
            ..Options::default()
        };
        let s = run(&p, &opts);
        if s.issues.iter().any(|i| matches!(i, Infeasibility::FixedViolates { .. })) {
            continue;
        }
        let ((placed, obj), _) = brute(&p, Mode::ReplaceAll);
        assert!(s.placed <= placed && (s.placed < placed || s.objective <= obj + 1e-6));
        total += 1;
        if s.placed == placed && (s.objective - obj).abs() < 1e-6 {
            hit += 1;
        }
    }
    assert!(hit * 10 >= total * 9, "heuristic optimal on only {hit}/{total}");
}

#[test]
fn incremental_terms_match_evaluation() {
    use super::super::rng::Rng;
    for seed in 0..50 {
        let p = tiny(seed);
        let m = Model::new(&p, Mode::ReplaceAll);
        let mut st = State::new(&m);
        let mut rng = Rng::new(seed);
        for _ in 0..200 {
            let t = rng.below(p.talks.len());
            if m.fixed[t].is_some() {
                continue;
            }
            let s = rng.below(p.sessions.len() + 1);
            st.set(
                t,
                if s == p.sessions.len() {
                    super::super::model::NONE
                } else {
                    s as u32
                },
            );
            let placement: Vec<Option<usize>> = st.at.iter().map(|&s| (s != u32::MAX).then_some(s as usize)).collect();
            let e = evaluate(&p, &placement);
            assert!(
                (e.objective(&p.weights) - st.objective()).abs() < 1e-9,
                "seed {seed}: {e:?} vs {:?}",
                st.terms
            );
        }
    }
}
