//! Similarity lookup: topic sets (Jaccard, computed on demand) or explicit sparse pairs (sorted adjacency).

use super::problem::Similarity;
use super::rng::Rng;
use std::collections::HashMap;

/// Compact similarity index; both forms answer `get` in O(topics) or O(log degree).
pub(super) enum SimIndex {
    /// Sorted dense topic ids per talk (CSR) and the talks of each topic.
    Topics {
        first: Vec<usize>,
        topics: Vec<u32>,
        by_topic: Vec<Vec<u32>>,
    },
    /// Symmetric adjacency per talk sorted by neighbour (CSR).
    Pairs { first: Vec<usize>, nb: Vec<u32>, val: Vec<f32> },
}

impl SimIndex {
    /// Builds the index for `n` talks (input already validated).
    pub fn new(s: &Similarity, n: usize) -> SimIndex {
        match s {
            Similarity::Topics(v) => {
                let mut dense: HashMap<u32, u32> = HashMap::new();
                let mut first = vec![0];
                let mut topics = Vec::new();
                let mut by_topic: Vec<Vec<u32>> = Vec::new();
                for (t, ts) in v.iter().enumerate() {
                    let mut own: Vec<u32> = ts
                        .iter()
                        .map(|&x| {
                            let next = dense.len() as u32;
                            *dense.entry(x).or_insert(next)
                        })
                        .collect();
                    own.sort_unstable();
                    own.dedup();
                    for &x in &own {
                        if by_topic.len() <= x as usize {
                            by_topic.resize(x as usize + 1, Vec::new());
                        }
                        by_topic[x as usize].push(t as u32);
                    }
                    topics.extend(own);
                    first.push(topics.len());
                }
                SimIndex::Topics { first, topics, by_topic }
            }
            Similarity::Pairs(v) => {
                let mut adj: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
                for &(i, j, s) in v {
                    if s > 0.0 {
                        adj[i].push((j as u32, s));
                        adj[j].push((i as u32, s));
                    }
                }
                let (mut first, mut nb, mut val) = (vec![0], Vec::new(), Vec::new());
                for mut a in adj {
                    a.sort_unstable_by_key(|x| x.0);
                    a.dedup_by_key(|x| x.0);
                    for (j, s) in a {
                        nb.push(j);
                        val.push(s);
                    }
                    first.push(nb.len());
                }
                SimIndex::Pairs { first, nb, val }
            }
        }
    }

    /// Similarity of talks `i` and `j` (0 when `i == j`).
    pub fn get(&self, i: usize, j: usize) -> f64 {
        if i == j {
            return 0.0;
        }
        match self {
            SimIndex::Topics { first, topics, .. } => {
                let a = &topics[first[i]..first[i + 1]];
                let b = &topics[first[j]..first[j + 1]];
                let (mut x, mut y, mut common) = (0, 0, 0usize);
                while x < a.len() && y < b.len() {
                    match a[x].cmp(&b[y]) {
                        std::cmp::Ordering::Less => x += 1,
                        std::cmp::Ordering::Greater => y += 1,
                        std::cmp::Ordering::Equal => {
                            common += 1;
                            x += 1;
                            y += 1;
                        }
                    }
                }
                let union = a.len() + b.len() - common;
                if common == 0 { 0.0 } else { common as f64 / union as f64 }
            }
            SimIndex::Pairs { first, nb, val } => {
                let r = first[i]..first[i + 1];
                match nb[r.clone()].binary_search(&(j as u32)) {
                    Ok(k) => f64::from(val[r.start + k]),
                    Err(_) => 0.0,
                }
            }
        }
    }

    /// Calls `f(j, sim)` for every talk `j != i` with positive similarity to `i` (each once).
    pub fn for_each_neighbour(&self, i: usize, seen: &mut [bool], mut f: impl FnMut(usize, f64)) {
        match self {
            SimIndex::Topics { first, topics, by_topic } => {
                // Talks sharing several topics with `i` appear in several lists; `seen` dedups them.
                let mut touched = Vec::new();
                for &x in &topics[first[i]..first[i + 1]] {
                    for &j in &by_topic[x as usize] {
                        let j = j as usize;
                        if j != i && !seen[j] {
                            seen[j] = true;
                            touched.push(j);
                            f(j, self.get(i, j));
                        }
                    }
                }
                for j in touched {
                    seen[j] = false;
                }
            }
            SimIndex::Pairs { first, nb, val } => {
                for k in first[i]..first[i + 1] {
                    f(nb[k] as usize, f64::from(val[k]));
                }
            }
        }
    }

    /// A random talk with positive similarity to `i`, if any (biased towards talks sharing several topics).
    pub fn random_neighbour(&self, i: usize, rng: &mut Rng) -> Option<usize> {
        match self {
            SimIndex::Topics { first, topics, by_topic } => {
                let own = &topics[first[i]..first[i + 1]];
                if own.is_empty() {
                    return None;
                }
                let list = &by_topic[own[rng.below(own.len())] as usize];
                let j = list[rng.below(list.len())] as usize;
                (j != i).then_some(j)
            }
            SimIndex::Pairs { first, nb, .. } => {
                let d = first[i + 1] - first[i];
                (d > 0).then(|| nb[first[i] + rng.below(d)] as usize)
            }
        }
    }
}
