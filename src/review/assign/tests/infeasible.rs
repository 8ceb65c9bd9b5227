//! Infeasibility: each reason is a checkable certificate, and constructed instances give the expected reason.

use super::super::{Candidate, Infeasibility, Mode, Problem, SolveError, solve};
use super::View;
use std::collections::HashSet;

/// Recomputes a reason's numbers from the problem and checks that they prove infeasibility.
pub(super) fn certify(p: &Problem, existing: &[(u32, u32)], reason: &Infeasibility) -> bool {
    let v = View::new(p, existing);
    let fcount = |paper: usize| v.forced[paper].len() as u32;
    let fload = |r: usize| p.forced.iter().filter(|f| f.1 as usize == r).count() as u32;
    let usable = |r: u32| v.max[r as usize] > 0;
    match reason {
        Infeasibility::ForcedExceedsDemand { paper, forced, demand } => {
            fcount(*paper as usize) == *forced && p.demand[*paper as usize] == *demand && forced > demand
        }
        Infeasibility::ForcedExceedsMaxLoad {
            reviewer,
            forced,
            max_load,
        } => fload(*reviewer as usize) == *forced && p.max_load[*reviewer as usize] == *max_load && forced > max_load,
        Infeasibility::DemandExceedsCapacity { demand, capacity } => {
            let d: i64 = v.demand.iter().sum();
            let c: i64 = v.max.iter().sum();
            d as u64 == *demand && c as u64 == *capacity && demand > capacity
        }
        Infeasibility::MinLoadsExceedDemand { min_total, demand } => {
            let d: i64 = v.demand.iter().sum();
            let m: i64 = v.min.iter().sum();
            d as u64 == *demand && m as u64 == *min_total && min_total > demand
        }
        Infeasibility::PaperShort { paper, needs, available } => {
            let a = v.allowed[*paper as usize].iter().filter(|x| usable(x.0)).count() as u32;
            v.demand[*paper as usize] == *needs as i64 && a == *available && needs > available
        }
        Infeasibility::ReviewerShort {
            reviewer,
            needs,
            available,
        } => {
            let a = (0..v.np)
                .filter(|&q| v.demand[q] > 0 && v.allowed[q].iter().any(|x| x.0 == *reviewer))
                .count() as u32;
            v.min[*reviewer as usize] == *needs as i64 && a == *available && needs > available
        }
        Infeasibility::PaperGroupShort { papers, needs, available } => {
            let set: HashSet<u32> = papers.iter().copied().collect();
            let n: i64 = papers.iter().map(|&q| v.demand[q as usize]).sum();
            let mut deg = vec![0i64; v.nr];
            for &q in &set {
                for x in &v.allowed[q as usize] {
                    deg[x.0 as usize] += 1;
                }
            }
            let a: i64 = (0..v.nr).map(|r| deg[r].min(v.max[r])).sum();
            n as u64 == *needs && a as u64 == *available && needs > available
        }
        Infeasibility::ReviewerGroupShort {
            reviewers,
            needs,
            available,
        } => {
            let set: HashSet<u32> = reviewers.iter().copied().collect();
            let n: i64 = reviewers.iter().map(|&r| v.min[r as usize]).sum();
            let a: i64 = (0..v.np)
                .map(|q| (v.allowed[q].iter().filter(|x| set.contains(&x.0)).count() as i64).min(v.demand[q]))
                .sum();
            n as u64 == *needs && a as u64 == *available && needs > available
        }
    }
}

/// A problem where `cands` lists (paper, reviewer) candidates with score 1.
fn problem(demand: Vec<u32>, min: Vec<u32>, max: Vec<u32>, cands: &[(u32, u32)]) -> Problem {
    Problem {
        num_papers: demand.len(),
        num_reviewers: max.len(),
        demand,
        min_load: min,
        max_load: max,
        candidates: cands
            .iter()
            .map(|&(p, r)| Candidate {
                paper: p,
                reviewer: r,
                score: 1.0,
            })
            .collect(),
        ..Problem::default()
    }
}

fn all_pairs(np: u32, nr: u32) -> Vec<(u32, u32)> {
    (0..np).flat_map(|p| (0..nr).map(move |r| (p, r))).collect()
}

fn reasons(p: &Problem) -> Vec<Infeasibility> {
    match solve(p, &Mode::MaxTotal, None) {
        Err(SolveError::Infeasible(r)) => {
            for x in &r {
                assert!(certify(p, &[], x), "invalid certificate {x:?}");
                assert!(!x.to_string().is_empty());
            }
            r
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
}

#[test]
fn paper_with_too_few_candidates() {
    let mut p = problem(vec![3, 1], vec![0; 5], vec![5; 5], &all_pairs(2, 5));
    p.conflicts = vec![(0, 0), (0, 1)];
    p.forbidden = vec![(0, 2)];
    let r = reasons(&p);
    assert_eq!(
        r,
        vec![Infeasibility::PaperShort {
            paper: 0,
            needs: 3,
            available: 2
        }]
    );
    assert_eq!(
        r[0].to_string(),
        "paper 0 has only 2 unconflicted candidate reviewers with spare capacity; it needs 3"
    );
}

#[test]
fn group_of_papers_from_min_cut() {
    // Papers 0..3 may only use reviewers 0..3 (max load 2 each): 9 reviews needed, 6 available.
    // Paper 3 uses reviewers 3..10, so totals are fine and no single paper is short.
    let mut cands = all_pairs(3, 3);
    cands.extend((3..10).map(|r| (3, r)));
    let p = problem(vec![3, 3, 3, 2], vec![0; 10], vec![2; 10], &cands);
    let r = reasons(&p);
    assert_eq!(
        r,
        vec![Infeasibility::PaperGroupShort {
            papers: vec![0, 1, 2],
            needs: 9,
            available: 6
        }]
    );
    assert_eq!(
        r[0].to_string(),
        "papers {0, 1, 2} need 9 reviews in total but their allowed reviewers can give only 6"
    );
}

#[test]
fn total_demand_above_capacity() {
    let p = problem(vec![3; 10], vec![0; 5], vec![5; 5], &all_pairs(10, 5));
    let r = reasons(&p);
    assert_eq!(r, vec![Infeasibility::DemandExceedsCapacity { demand: 30, capacity: 25 }]);
    assert_eq!(r[0].to_string(), "papers need 30 reviews but reviewers' maximum loads total 25");
}

#[test]
fn min_loads_above_demand() {
    let p = problem(vec![1; 4], vec![2; 3], vec![3; 3], &all_pairs(4, 3));
    let r = reasons(&p);
    assert_eq!(r, vec![Infeasibility::MinLoadsExceedDemand { min_total: 6, demand: 4 }]);
    assert_eq!(r[0].to_string(), "reviewers' minimum loads total 6 but papers need only 4");
}

#[test]
fn reviewer_with_too_few_candidates() {
    let mut cands = all_pairs(6, 3);
    cands.retain(|&(p, r)| r != 2 || p < 2);
    let p = problem(vec![2; 6], vec![0, 0, 3], vec![6, 6, 6], &cands);
    let r = reasons(&p);
    assert_eq!(
        r,
        vec![Infeasibility::ReviewerShort {
            reviewer: 2,
            needs: 3,
            available: 2
        }]
    );
    assert_eq!(
        r[0].to_string(),
        "reviewer 2 must review at least 3 papers but has only 2 allowed candidates"
    );
}

#[test]
fn group_of_reviewers_from_min_cut() {
    // Reviewers 0 and 1 need 2 papers each but only papers 0 and 1 (one review each) can go to them.
    let mut cands = vec![(0, 0), (0, 1), (1, 0), (1, 1)];
    cands.extend((2..6).flat_map(|q| (2..5).map(move |r| (q, r))));
    let p = problem(vec![1; 6], vec![2, 2, 0, 0, 0], vec![3; 5], &cands);
    let r = reasons(&p);
    assert_eq!(
        r,
        vec![Infeasibility::ReviewerGroupShort {
            reviewers: vec![0, 1],
            needs: 4,
            available: 2
        }]
    );
    assert!(
        r[0].to_string()
            .starts_with("reviewers {0, 1} must review at least 4 papers in total")
    );
}

#[test]
fn forced_pairs_over_demand_and_max_load() {
    let mut p = problem(vec![1, 1, 1], vec![0; 3], vec![1, 3, 3], &all_pairs(3, 3));
    p.forced = vec![(0, 0), (0, 1), (1, 0)];
    let r = reasons(&p);
    assert!(
        r.contains(&Infeasibility::ForcedExceedsDemand {
            paper: 0,
            forced: 2,
            demand: 1
        }),
        "{r:?}"
    );
    assert!(
        r.contains(&Infeasibility::ForcedExceedsMaxLoad {
            reviewer: 0,
            forced: 2,
            max_load: 1
        }),
        "{r:?}"
    );
}

#[test]
fn many_short_papers_are_capped() {
    let p = problem(vec![2; 500], vec![0; 3], vec![1000; 3], &[]);
    let r = reasons(&p);
    assert_eq!(r.len(), super::super::MAX_REPORTED);
}

#[test]
fn display_of_long_group_is_elided() {
    let r = Infeasibility::PaperGroupShort {
        papers: (0..25).collect(),
        needs: 80,
        available: 70,
    };
    assert_eq!(
        r.to_string(),
        "papers {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … and 15 more} need 80 reviews in total but their allowed reviewers can give only 70"
    );
}
