//! Input types and their validation into a compact [`Prepared`] form (free arcs grouped by paper, residual bounds).

use super::error::{Ban, Infeasibility, InputError, MAX_REPORTED, PairList, SolveError};
use super::result::{DropReason, DroppedPair};

/// A (paper, reviewer) pair that may be assigned, with its affinity (higher is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Paper index in `0..num_papers`.
    pub paper: u32,
    /// Reviewer index in `0..num_reviewers`.
    pub reviewer: u32,
    /// Affinity; any finite f64 (negative allowed).
    pub score: f64,
}

/// An assignment instance over dense indices; pairs are `(paper, reviewer)`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problem {
    /// Number of papers P.
    pub num_papers: usize,
    /// Number of reviewers R.
    pub num_reviewers: usize,
    /// Reviewers needed per paper (length P); each paper gets exactly this many distinct reviewers.
    pub demand: Vec<u32>,
    /// Minimum load per reviewer (length R).
    pub min_load: Vec<u32>,
    /// Maximum load per reviewer (length R).
    pub max_load: Vec<u32>,
    /// The only pairs that may be assigned (besides forced and kept existing pairs); no duplicates.
    pub candidates: Vec<Candidate>,
    /// Conflicts of interest: never assigned.
    pub conflicts: Vec<(u32, u32)>,
    /// Other pairs that are never assigned.
    pub forbidden: Vec<(u32, u32)>,
    /// Pairs that must be assigned; need not be candidates (score 0 then); must not be conflicts or forbidden.
    pub forced: Vec<(u32, u32)>,
}

/// Validated instance: forced pairs removed and subtracted from the bounds, banned pairs filtered out.
pub(super) struct Prepared {
    pub papers: usize,
    pub reviewers: usize,
    /// Residual demand (demand minus forced).
    pub demand: Vec<u32>,
    /// Residual min load (saturating).
    pub min_load: Vec<u32>,
    /// Residual max load.
    pub max_load: Vec<u32>,
    /// CSR offsets of free arcs per paper (length P+1).
    pub paper_first: Vec<usize>,
    pub arc_reviewer: Vec<u32>,
    pub arc_score: Vec<f64>,
    pub arc_existing: Vec<bool>,
    /// Forced pairs per paper with their scores.
    pub forced: Vec<Vec<(u32, f64)>>,
    /// Forced-pair infeasibilities found while preparing.
    pub infeasible: Vec<Infeasibility>,
    /// Existing pairs that were dropped (incremental mode).
    pub dropped: Vec<DroppedPair>,
    /// Existing pairs that are forced (always kept).
    pub existing_forced: usize,
}

impl Prepared {
    /// Total residual demand (flow value of the network).
    pub fn total_demand(&self) -> u64 {
        self.demand.iter().map(|&d| d as u64).sum()
    }
}

const CONFLICT: u8 = 1;
const FORBIDDEN: u8 = 2;
const FORCED: u8 = 4;
const EXISTING: u8 = 8;

/// Collects at most [`MAX_REPORTED`] errors.
struct Errors(Vec<InputError>);

impl Errors {
    fn push(&mut self, e: InputError) {
        if self.0.len() < MAX_REPORTED {
            self.0.push(e);
        }
    }
}

/// Returns the permutation of `0..keys.len()` stably sorted by key, and CSR offsets (counting sort, O(n + buckets)).
fn bucket_by(keys: impl Iterator<Item = u32> + Clone, buckets: usize) -> (Vec<usize>, Vec<u32>) {
    let mut first = vec![0usize; buckets + 1];
    for k in keys.clone() {
        first[k as usize + 1] += 1;
    }
    for i in 0..buckets {
        first[i + 1] += first[i];
    }
    let mut next = first.clone();
    let mut perm = vec![0u32; first[buckets]];
    for (i, k) in keys.enumerate() {
        perm[next[k as usize]] = i as u32;
        next[k as usize] += 1;
    }
    (first, perm)
}

/// Integer key ordered like `f64::total_cmp` (integer sorts are much faster than float comparisons).
fn total_order_key(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    b ^ (((b >> 63) as u64) >> 1) as i64
}

/// Validates `p` (and the incremental `existing` list) and builds the [`Prepared`] instance.
pub(super) fn prepare(p: &Problem, existing: Option<&[(u32, u32)]>) -> Result<Prepared, SolveError> {
    let (np, nr) = (p.num_papers, p.num_reviewers);
    let mut err = Errors(Vec::new());
    for (what, expected, actual) in [
        ("demand", np, p.demand.len()),
        ("min_load", nr, p.min_load.len()),
        ("max_load", nr, p.max_load.len()),
    ] {
        if expected != actual {
            err.push(InputError::LengthMismatch { what, expected, actual });
        }
    }
    if !err.0.is_empty() {
        return Err(SolveError::Input(err.0));
    }
    // Engine uses u32 node and arc indices; 2 arcs per pair plus 2 per reviewer.
    let arcs_needed = 2 * (p.candidates.len() as u64 + existing.map_or(0, |e| e.len() as u64) + nr as u64);
    // 2^30 nodes keeps the engine's i128 price bound (see mcf.rs) far from overflow; flow fits i32 arc capacities.
    if (np + nr + 1) as u64 >= 1 << 30 {
        err.push(InputError::TooLarge {
            what: "papers and reviewers",
            count: (np + nr) as u64,
        });
    }
    let total_demand: u64 = p.demand.iter().map(|&d| d as u64).sum();
    if total_demand >= i32::MAX as u64 {
        err.push(InputError::TooLarge {
            what: "reviews demanded",
            count: total_demand,
        });
    }
    if arcs_needed >= u32::MAX as u64 {
        err.push(InputError::TooLarge {
            what: "candidate pairs",
            count: p.candidates.len() as u64,
        });
    }
    for (r, (&lo, &hi)) in p.min_load.iter().zip(&p.max_load).enumerate() {
        if lo > hi {
            err.push(InputError::MinLoadExceedsMax {
                reviewer: r as u32,
                min: lo,
                max: hi,
            });
        }
    }
    let check = |err: &mut Errors, list: PairList, position: usize, paper: u32, reviewer: u32| {
        if paper as usize >= np {
            err.push(InputError::PaperOutOfRange { list, position, paper });
        }
        if reviewer as usize >= nr {
            err.push(InputError::ReviewerOutOfRange { list, position, reviewer });
        }
    };
    for (i, c) in p.candidates.iter().enumerate() {
        check(&mut err, PairList::Candidates, i, c.paper, c.reviewer);
        if !c.score.is_finite() {
            err.push(InputError::NonFiniteScore {
                position: i,
                paper: c.paper,
                reviewer: c.reviewer,
            });
        }
    }
    for (list, pairs) in [
        (PairList::Conflicts, &p.conflicts),
        (PairList::Forbidden, &p.forbidden),
        (PairList::Forced, &p.forced),
    ] {
        for (i, &(a, b)) in pairs.iter().enumerate() {
            check(&mut err, list, i, a, b);
        }
    }
    if !err.0.is_empty() {
        return Err(SolveError::Input(err.0));
    }

    // Every per-pair mark (ban, forced, existing) bucketed by paper; out-of-range existing pairs are dropped here.
    let mut dropped = Vec::new();
    let mut marks: Vec<(u32, u32, u8)> = Vec::with_capacity(p.conflicts.len() + p.forbidden.len() + p.forced.len());
    marks.extend(p.conflicts.iter().map(|&(a, b)| (a, b, CONFLICT)));
    marks.extend(p.forbidden.iter().map(|&(a, b)| (a, b, FORBIDDEN)));
    marks.extend(p.forced.iter().map(|&(a, b)| (a, b, FORCED)));
    for &(a, b) in existing.unwrap_or(&[]) {
        if a as usize >= np {
            dropped.push(DroppedPair {
                paper: a,
                reviewer: b,
                reason: DropReason::UnknownPaper,
            });
        } else if b as usize >= nr {
            dropped.push(DroppedPair {
                paper: a,
                reviewer: b,
                reason: DropReason::UnknownReviewer,
            });
        } else {
            marks.push((a, b, EXISTING));
        }
    }
    let (mark_first, mark_perm) = bucket_by(marks.iter().map(|m| m.0), np);
    let (cand_first, cand_perm) = bucket_by(p.candidates.iter().map(|c| c.paper), np);

    let mut mark = vec![0u8; nr];
    let mut seen = vec![u32::MAX; nr]; // paper whose candidate list contains the reviewer (duplicate detection)
    let mut cand_score = vec![0f64; nr];
    let mut paper_first = Vec::with_capacity(np + 1);
    let cap = p.candidates.len() + existing.map_or(0, |e| e.len());
    let mut arc_reviewer = Vec::with_capacity(cap);
    let mut arc_score = Vec::with_capacity(cap);
    let mut arc_existing = Vec::with_capacity(cap);
    let mut forced: Vec<Vec<(u32, f64)>> = vec![Vec::new(); np];
    let mut forced_load = vec![0u32; nr];
    let mut existing_forced = 0;
    let mut order: Vec<(f64, u32, bool)> = Vec::new();
    paper_first.push(0);
    for paper in 0..np {
        let pu = paper as u32;
        let my_marks = &mark_perm[mark_first[paper]..mark_first[paper + 1]];
        for &mi in my_marks {
            let (_, r, kind) = marks[mi as usize];
            let m = &mut mark[r as usize];
            if *m & kind & (FORCED | EXISTING) != 0 {
                let list = if kind == FORCED { PairList::Forced } else { PairList::Existing };
                err.push(InputError::DuplicatePair {
                    list,
                    paper: pu,
                    reviewer: r,
                });
            }
            *m |= kind;
        }
        order.clear();
        for &ci in &cand_perm[cand_first[paper]..cand_first[paper + 1]] {
            let c = p.candidates[ci as usize];
            let r = c.reviewer as usize;
            if seen[r] == pu {
                err.push(InputError::DuplicatePair {
                    list: PairList::Candidates,
                    paper: pu,
                    reviewer: c.reviewer,
                });
                continue;
            }
            seen[r] = pu;
            cand_score[r] = c.score;
            let m = mark[r];
            if m & (CONFLICT | FORBIDDEN | FORCED) == 0 {
                order.push((c.score, c.reviewer, m & EXISTING != 0));
            }
        }
        for &mi in my_marks {
            let r = marks[mi as usize].1;
            let m = mark[r as usize];
            if m == 0 {
                continue; // already handled (duplicate mark)
            }
            mark[r as usize] = 0;
            let score = if seen[r as usize] == pu { cand_score[r as usize] } else { 0.0 };
            let ban = if m & CONFLICT != 0 {
                Some(Ban::Conflict)
            } else if m & FORBIDDEN != 0 {
                Some(Ban::Forbidden)
            } else {
                None
            };
            if m & FORCED != 0 {
                if let Some(ban) = ban {
                    err.push(InputError::ForcedPairBanned {
                        paper: pu,
                        reviewer: r,
                        ban,
                    });
                }
                forced[paper].push((r, score));
                forced_load[r as usize] += 1;
                existing_forced += usize::from(m & EXISTING != 0);
            } else if m & EXISTING != 0 {
                match ban {
                    Some(Ban::Conflict) => dropped.push(DroppedPair {
                        paper: pu,
                        reviewer: r,
                        reason: DropReason::Conflict,
                    }),
                    Some(Ban::Forbidden) => dropped.push(DroppedPair {
                        paper: pu,
                        reviewer: r,
                        reason: DropReason::Forbidden,
                    }),
                    // A kept pair stays allowed even if it is no longer a candidate: churn is what incremental mode avoids.
                    None if seen[r as usize] != pu => order.push((0.0, r, true)),
                    None => {}
                }
            }
        }
        // Best candidates first: the engine's arc scans then find admissible arcs sooner.
        order.sort_unstable_by_key(|x| (std::cmp::Reverse(total_order_key(x.0)), x.1));
        for &(s, r, e) in &order {
            arc_reviewer.push(r);
            arc_score.push(s);
            arc_existing.push(e);
        }
        paper_first.push(arc_reviewer.len());
    }
    if !err.0.is_empty() {
        return Err(SolveError::Input(err.0));
    }

    let mut infeasible = Vec::new();
    let mut demand = p.demand.clone();
    for (paper, f) in forced.iter().enumerate() {
        let k = f.len() as u32;
        if k > demand[paper] {
            infeasible.push(Infeasibility::ForcedExceedsDemand {
                paper: paper as u32,
                forced: k,
                demand: demand[paper],
            });
        }
        demand[paper] = demand[paper].saturating_sub(k);
    }
    let mut min_load = p.min_load.clone();
    let mut max_load = p.max_load.clone();
    for r in 0..nr {
        let f = forced_load[r];
        if f > max_load[r] {
            infeasible.push(Infeasibility::ForcedExceedsMaxLoad {
                reviewer: r as u32,
                forced: f,
                max_load: max_load[r],
            });
        }
        max_load[r] = max_load[r].saturating_sub(f);
        min_load[r] = min_load[r].saturating_sub(f);
    }
    for f in forced.iter_mut() {
        f.sort_unstable_by_key(|x| x.0);
    }
    Ok(Prepared {
        papers: np,
        reviewers: nr,
        demand,
        min_load,
        max_load,
        paper_first,
        arc_reviewer,
        arc_score,
        arc_existing,
        forced,
        infeasible,
        dropped,
        existing_forced,
    })
}
