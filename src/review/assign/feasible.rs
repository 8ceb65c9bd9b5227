//! Feasibility: Dinic max flow from supply nodes to demand nodes of the network (implicit super source/sink).
//!
//! Leaves a feasible flow in the network for the cost-scaling engine, or, when supplies cannot all be routed,
//! the residual graph whose source side is the min cut used by `explain.rs`.
//! Complexity: O(m·sqrt(n)) phases-times-work on these unit-capacity bipartite networks.

use super::mcf::{Network, REV};

/// Greedy start: each paper takes its first (best-scored) arcs to reviewers below their maximum load.
///
/// Cuts Dinic's work and gives the cost-scaling engine a near-optimal flow to derive initial prices from.
pub(super) fn greedy(net: &mut Network) {
    let np = net.papers;
    let mut inflow = vec![0i64; net.n() - np - 1];
    for p in 0..np {
        let mut left = net.supply[p];
        for a in net.first[p]..net.first[p + 1] {
            if left == 0 {
                break;
            }
            let r = net.arcs[a].head as usize;
            let min = -net.supply[r];
            // The reviewer's last arc goes to the sink; its capacity is max - min.
            let to_t = net.first[r + 1] - 1;
            if inflow[r - np] >= min {
                if net.arcs[to_t].cap == 0 {
                    continue;
                }
                push(net, to_t, 1);
            }
            inflow[r - np] += 1;
            push(net, a, 1);
            left -= 1;
        }
    }
}

fn push(net: &mut Network, a: usize, d: i32) {
    net.arcs[a].cap -= d;
    let r = net.arcs[a].rev as usize;
    net.arcs[r].cap += d;
}

/// Per-node excess of the current flow: supply plus inflow minus outflow.
fn excess_of(net: &Network) -> Vec<i64> {
    let mut excess = net.supply.clone();
    for u in 0..net.n() {
        for a in net.first[u]..net.first[u + 1] {
            let arc = net.arcs[a];
            if arc.tag != REV {
                let f = net.arcs[arc.rev as usize].cap as i64;
                excess[u] -= f;
                excess[arc.head as usize] += f;
            }
        }
    }
    excess
}

/// Routes as much supply as possible; returns remaining per-node excess (all zero iff feasible).
pub(super) fn route_supplies(net: &mut Network) -> Vec<i64> {
    let n = net.n();
    let mut excess = excess_of(net);
    let mut level = vec![u32::MAX; n];
    let mut cur = vec![0usize; n];
    let mut queue = Vec::with_capacity(n);
    loop {
        // BFS levels from all nodes with excess; stop at the nearest deficit level.
        level.fill(u32::MAX);
        queue.clear();
        for u in 0..n {
            if excess[u] > 0 {
                level[u] = 0;
                queue.push(u as u32);
            }
        }
        let mut sink_level = u32::MAX;
        let mut qi = 0;
        while qi < queue.len() {
            let u = queue[qi] as usize;
            qi += 1;
            if level[u] >= sink_level {
                break;
            }
            for a in net.first[u]..net.first[u + 1] {
                let arc = net.arcs[a];
                let v = arc.head as usize;
                if arc.cap > 0 && level[v] == u32::MAX {
                    level[v] = level[u] + 1;
                    if excess[v] < 0 {
                        sink_level = sink_level.min(level[v]);
                    }
                    queue.push(v as u32);
                }
            }
        }
        if sink_level == u32::MAX {
            return excess;
        }
        cur.copy_from_slice(&net.first[..n]);
        let mut path: Vec<usize> = Vec::new();
        for s in 0..n {
            if level[s] != 0 {
                continue;
            }
            // Iterative DFS along level-increasing arcs to a deficit node at sink_level.
            'paths: while excess[s] > 0 {
                path.clear();
                let mut u = s;
                loop {
                    if u != s && excess[u] < 0 {
                        let mut delta = excess[s].min(-excess[u]);
                        for &a in &path {
                            delta = delta.min(net.arcs[a].cap as i64);
                        }
                        for &a in &path {
                            net.arcs[a].cap -= delta as i32;
                            let r = net.arcs[a].rev as usize;
                            net.arcs[r].cap += delta as i32;
                        }
                        excess[s] -= delta;
                        excess[u] += delta;
                        continue 'paths;
                    }
                    let mut advanced = false;
                    if level[u] < sink_level {
                        while cur[u] < net.first[u + 1] {
                            let a = cur[u];
                            let arc = net.arcs[a];
                            if arc.cap > 0 && level[arc.head as usize] == level[u] + 1 {
                                path.push(a);
                                u = arc.head as usize;
                                advanced = true;
                                break;
                            }
                            cur[u] += 1;
                        }
                    }
                    if !advanced {
                        // Dead end: prune the node and retreat one arc.
                        level[u] = u32::MAX - 1;
                        match path.pop() {
                            None => break 'paths,
                            Some(a) => {
                                u = net.arcs[net.arcs[a].rev as usize].head as usize;
                                cur[u] += 1;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Nodes reachable in the residual graph from nodes with remaining excess: the source side of a min cut.
pub(super) fn source_side(net: &Network, excess: &[i64]) -> Vec<bool> {
    let n = net.n();
    let mut seen = vec![false; n];
    let mut stack: Vec<usize> = (0..n).filter(|&u| excess[u] > 0).collect();
    for &u in &stack {
        seen[u] = true;
    }
    while let Some(u) = stack.pop() {
        for a in net.first[u]..net.first[u + 1] {
            let arc = net.arcs[a];
            if arc.cap > 0 && !seen[arc.head as usize] {
                seen[arc.head as usize] = true;
                stack.push(arc.head as usize);
            }
        }
    }
    seen
}
