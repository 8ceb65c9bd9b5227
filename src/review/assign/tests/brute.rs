//! Exhaustive enumeration of feasible assignments of tiny instances.

use super::View;

/// Best values over all feasible assignments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Brute {
    /// Max total score.
    pub total: f64,
    /// Lexicographic best (kept existing pairs, total score).
    pub kept: usize,
    pub kept_total: f64,
    /// Max over assignments of the min paper total.
    pub maxmin: f64,
    /// Number of feasible assignments.
    pub count: u64,
}

/// Enumerates every feasible assignment; `None` if there is none.
pub fn brute(v: &View) -> Option<Brute> {
    if v.demand.iter().any(|&d| d < 0) || v.max.iter().any(|&m| m < 0) {
        return None;
    }
    let mut load = vec![0i64; v.nr];
    let mut best = Brute {
        total: f64::NEG_INFINITY,
        kept: 0,
        kept_total: f64::NEG_INFINITY,
        maxmin: f64::NEG_INFINITY,
        count: 0,
    };
    let mut totals = vec![0f64; v.np];
    rec(v, 0, &mut load, 0.0, 0, &mut totals, &mut best);
    (best.count > 0).then_some(best)
}

fn rec(v: &View, p: usize, load: &mut [i64], total: f64, kept: usize, totals: &mut [f64], best: &mut Brute) {
    if p == v.np {
        if (0..v.nr).all(|r| load[r] >= v.min[r]) {
            best.count += 1;
            best.total = best.total.max(total);
            let k = kept + v.existing_forced;
            if k > best.kept || (k == best.kept && total > best.kept_total) {
                best.kept = k;
                best.kept_total = total;
            }
            best.maxmin = best.maxmin.max(totals.iter().copied().fold(f64::INFINITY, f64::min));
        }
        return;
    }
    let arcs = &v.allowed[p];
    let forced: f64 = v.forced[p].iter().map(|f| f.1).sum();
    let k = v.demand[p] as u32;
    // All subsets of the paper's allowed arcs with exactly k elements.
    for mask in 0u64..(1u64 << arcs.len()) {
        if mask.count_ones() != k {
            continue;
        }
        let ok = (0..arcs.len())
            .filter(|&i| mask >> i & 1 == 1)
            .all(|i| load[arcs[i].0 as usize] < v.max[arcs[i].0 as usize]);
        if !ok {
            continue;
        }
        let (mut s, mut kk) = (forced, 0);
        for i in (0..arcs.len()).filter(|&i| mask >> i & 1 == 1) {
            load[arcs[i].0 as usize] += 1;
            s += arcs[i].1;
            kk += usize::from(arcs[i].2);
        }
        totals[p] = s;
        rec(v, p + 1, load, total + s, kept + kk, totals, best);
        for i in (0..arcs.len()).filter(|&i| mask >> i & 1 == 1) {
            load[arcs[i].0 as usize] -= 1;
        }
    }
}
