//! Infeasibility diagnosis: cheap local checks first, then a Hall-type violator read off the max-flow min cut.

use super::error::{Infeasibility, MAX_REPORTED};
use super::feasible::source_side;
use super::mcf::Network;
use super::problem::Prepared;

/// Reasons visible without a max flow: forced-pair overflow, global totals, single papers and reviewers.
pub(super) fn quick_checks(prep: &Prepared) -> Vec<Infeasibility> {
    let mut out = prep.infeasible.clone();
    if !out.is_empty() {
        // Residual bounds are meaningless once forced pairs overflow them; those reasons come first.
        out.truncate(MAX_REPORTED);
        return out;
    }
    let demand = prep.total_demand();
    let capacity: u64 = prep.max_load.iter().map(|&x| x as u64).sum();
    let min_total: u64 = prep.min_load.iter().map(|&x| x as u64).sum();
    if demand > capacity {
        out.push(Infeasibility::DemandExceedsCapacity { demand, capacity });
    }
    if min_total > demand {
        out.push(Infeasibility::MinLoadsExceedDemand { min_total, demand });
    }
    let mut reviewer_avail = vec![0u32; prep.reviewers];
    for p in 0..prep.papers {
        let arcs = prep.paper_first[p]..prep.paper_first[p + 1];
        let available = arcs.clone().filter(|&a| prep.max_load[prep.arc_reviewer[a] as usize] > 0).count() as u32;
        if available < prep.demand[p] {
            out.push(Infeasibility::PaperShort {
                paper: p as u32,
                needs: prep.demand[p],
                available,
            });
        }
        if prep.demand[p] > 0 {
            for a in arcs {
                reviewer_avail[prep.arc_reviewer[a] as usize] += 1;
            }
        }
    }
    for (r, &available) in reviewer_avail.iter().enumerate() {
        if available < prep.min_load[r] {
            out.push(Infeasibility::ReviewerShort {
                reviewer: r as u32,
                needs: prep.min_load[r],
                available,
            });
        }
    }
    out.truncate(MAX_REPORTED);
    out
}

/// Explains a failed max flow from its min cut (`excess` is what could not be routed).
///
/// If the sink is on the sink side, the papers A on the source side violate Hall's condition:
/// sum(demand, A) > sum over reviewers r of min(max_r, |allowed pairs between A and r|).
/// Otherwise the reviewers C on the sink side cannot be filled to their minimum loads:
/// sum(min, C) > sum over papers p of min(demand_p, |allowed pairs between p and C|).
pub(super) fn from_min_cut(prep: &Prepared, net: &Network, excess: &[i64]) -> Infeasibility {
    let side = source_side(net, excess);
    let (np, nr) = (prep.papers, prep.reviewers);
    if !side[np + nr] {
        let papers: Vec<u32> = (0..np).filter(|&p| side[p] && prep.demand[p] > 0).map(|p| p as u32).collect();
        let mut deg = vec![0u32; nr];
        for &p in &papers {
            for a in prep.paper_first[p as usize]..prep.paper_first[p as usize + 1] {
                deg[prep.arc_reviewer[a] as usize] += 1;
            }
        }
        let needs: u64 = papers.iter().map(|&p| prep.demand[p as usize] as u64).sum();
        let available: u64 = (0..nr).map(|r| deg[r].min(prep.max_load[r]) as u64).sum();
        debug_assert!(needs > available, "min cut must be a Hall violator");
        if papers.len() == 1 {
            return Infeasibility::PaperShort {
                paper: papers[0],
                needs: needs as u32,
                available: available as u32,
            };
        }
        Infeasibility::PaperGroupShort { papers, needs, available }
    } else {
        let in_c: Vec<bool> = (0..nr).map(|r| !side[np + r] && prep.min_load[r] > 0).collect();
        let reviewers: Vec<u32> = (0..nr).filter(|&r| in_c[r]).map(|r| r as u32).collect();
        let needs: u64 = reviewers.iter().map(|&r| prep.min_load[r as usize] as u64).sum();
        let available: u64 = (0..np)
            .map(|p| {
                let arcs = prep.paper_first[p]..prep.paper_first[p + 1];
                let deg = arcs.filter(|&a| in_c[prep.arc_reviewer[a] as usize]).count() as u64;
                deg.min(prep.demand[p] as u64)
            })
            .sum();
        debug_assert!(needs > available, "min cut must be a min-load violator");
        if reviewers.len() == 1 {
            return Infeasibility::ReviewerShort {
                reviewer: reviewers[0],
                needs: needs as u32,
                available: available as u32,
            };
        }
        Infeasibility::ReviewerGroupShort {
            reviewers,
            needs,
            available,
        }
    }
}
