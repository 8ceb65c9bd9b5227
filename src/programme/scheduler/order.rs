//! Order inside each session: talks that stay keep their relative order; similar talks sit next to each other.

use super::model::{Model, NONE};

/// Largest session reordered exactly (Held–Karp over 2^n · n² states).
const EXACT_ORDER: usize = 10;

/// Talks of each session in presentation order.
///
/// Talks staying in their `current` session with a `position` form a backbone in position order; the others
/// are inserted one by one (lowest index first) where they add the most adjacent similarity (latest slot on ties). Without a
/// backbone, sessions of at most 10 talks get a chain of maximum total adjacent similarity (exact), larger
/// ones a greedy nearest-neighbour chain. Other ties go to the lower talk index, so the order is deterministic.
pub(super) fn order_sessions(m: &Model, at: &[u32]) -> Vec<Vec<usize>> {
    let mut members = vec![Vec::new(); m.ns];
    for (t, &s) in at.iter().enumerate() {
        if s != NONE {
            members[s as usize].push(t);
        }
    }
    members.into_iter().enumerate().map(|(s, talks)| order_one(m, s, talks)).collect()
}

fn order_one(m: &Model, s: usize, talks: Vec<usize>) -> Vec<usize> {
    let stays = |t: usize| m.p.talks[t].current == Some(s) && m.p.talks[t].position.is_some();
    let mut backbone: Vec<usize> = talks.iter().copied().filter(|&t| stays(t)).collect();
    backbone.sort_by_key(|&t| (m.p.talks[t].position, t));
    let rest: Vec<usize> = talks.into_iter().filter(|&t| !stays(t)).collect();
    if backbone.is_empty() {
        return if rest.len() <= EXACT_ORDER {
            best_chain(m, &rest)
        } else {
            greedy_chain(m, &rest)
        };
    }
    for t in rest {
        let sim = |a: Option<&usize>, b: Option<&usize>| match (a, b) {
            (Some(&a), Some(&b)) => m.sim.get(a, b),
            _ => 0.0,
        };
        let mut best = (f64::NEG_INFINITY, 0);
        for pos in 0..=backbone.len() {
            let (prev, next) = (pos.checked_sub(1).and_then(|i| backbone.get(i)), backbone.get(pos));
            let gain = sim(prev, Some(&t)) + sim(Some(&t), next) - sim(prev, next);
            // `>=`: on ties the later slot wins, so new talks go after the kept ones rather than between them.
            if gain >= best.0 - 1e-12 {
                best = (gain, pos);
            }
        }
        backbone.insert(best.1, t);
    }
    backbone
}

/// Maximum-weight Hamiltonian path by dynamic programming over subsets.
fn best_chain(m: &Model, v: &[usize]) -> Vec<usize> {
    let n = v.len();
    if n <= 2 {
        return v.to_vec();
    }
    let full = 1usize << n;
    let mut dp = vec![f64::NEG_INFINITY; full * n];
    let mut from = vec![usize::MAX; full * n];
    for i in 0..n {
        dp[(1 << i) * n + i] = 0.0;
    }
    for mask in 1..full {
        for last in 0..n {
            let cur = dp[mask * n + last];
            if cur == f64::NEG_INFINITY {
                continue;
            }
            for next in 0..n {
                if mask >> next & 1 == 1 {
                    continue;
                }
                let nm = mask | 1 << next;
                let val = cur + m.sim.get(v[last], v[next]);
                if val > dp[nm * n + next] + 1e-12 {
                    dp[nm * n + next] = val;
                    from[nm * n + next] = last;
                }
            }
        }
    }
    let mut last = (0..n).fold(0, |b, i| {
        if dp[(full - 1) * n + i] > dp[(full - 1) * n + b] + 1e-12 {
            i
        } else {
            b
        }
    });
    let mut mask = full - 1;
    let mut path = Vec::with_capacity(n);
    while last != usize::MAX {
        path.push(v[last]);
        let prev = from[mask * n + last];
        mask &= !(1 << last);
        last = prev;
    }
    path.reverse();
    path
}

/// Nearest-neighbour chain from the talk least similar to the others (a natural end point).
fn greedy_chain(m: &Model, v: &[usize]) -> Vec<usize> {
    let total = |t: usize| v.iter().map(|&u| m.sim.get(t, u)).sum::<f64>();
    let mut left: Vec<usize> = v.to_vec();
    let start = (0..left.len()).fold(0, |b, i| if total(left[i]) < total(left[b]) - 1e-12 { i } else { b });
    let mut path = vec![left.remove(start)];
    while !left.is_empty() {
        let last = *path.last().expect("non-empty path");
        let next = (0..left.len()).fold(0, |b, i| {
            if m.sim.get(last, left[i]) > m.sim.get(last, left[b]) + 1e-12 {
                i
            } else {
                b
            }
        });
        path.push(left.remove(next));
    }
    path
}
