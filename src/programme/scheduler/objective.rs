//! The objective: raw terms of a placement and their weighted sum (maximised), computed from scratch.

use super::problem::{Problem, SessionKind, Similarity, Weights};
use std::collections::{HashMap, HashSet};

/// Unweighted objective terms of a placement.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Terms {
    /// Sum of similarities over unordered pairs of talks sharing a talk session.
    pub cohesion: f64,
    /// Sum of similarities over unordered pairs of posters sharing a poster session.
    pub poster_cohesion: f64,
    /// Number of placed talks whose track equals their session's track.
    pub track_match: f64,
    /// Sum over tracks of the number of the track's placed talks in its busiest room.
    pub track_room: f64,
    /// Sum of co-attendance weights over pairs placed in time-overlapping sessions in different rooms.
    pub parallel: f64,
    /// Number of talks with a `current` session that are elsewhere or unplaced.
    pub moves: f64,
}

impl Terms {
    /// The weighted objective: rewards minus penalties (higher is better).
    pub fn objective(&self, w: &Weights) -> f64 {
        w.cohesion * self.cohesion + w.poster_cohesion * self.poster_cohesion + w.track * self.track_match + w.track_room * self.track_room
            - w.parallel * self.parallel
            - w.moves * self.moves
    }
}

/// Similarity of talks `i != j` straight from the input (slow; for evaluation and tests).
fn similarity(p: &Problem, pairs: &HashMap<(usize, usize), f64>, i: usize, j: usize) -> f64 {
    match &p.similarity {
        Similarity::Pairs(_) => pairs.get(&(i.min(j), i.max(j))).copied().unwrap_or(0.0),
        Similarity::Topics(v) => {
            let a: HashSet<u32> = v[i].iter().copied().collect();
            let b: HashSet<u32> = v[j].iter().copied().collect();
            let union = a.union(&b).count();
            if union == 0 {
                0.0
            } else {
                a.intersection(&b).count() as f64 / union as f64
            }
        }
    }
}

/// Terms of `placement` (indexed by talk), from scratch, sharing no code with the solver.
pub fn evaluate(p: &Problem, placement: &[Option<usize>]) -> Terms {
    let mut pairs = HashMap::new();
    if let Similarity::Pairs(v) = &p.similarity {
        for &(i, j, s) in v {
            pairs.insert((i.min(j), i.max(j)), f64::from(s));
        }
    }
    let mut t = Terms::default();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); p.sessions.len()];
    let mut room_count: HashMap<(u32, u32), f64> = HashMap::new();
    for (i, &s) in placement.iter().enumerate() {
        let talk = &p.talks[i];
        if talk.current.is_some() && talk.current != s {
            t.moves += 1.0;
        }
        let Some(s) = s else { continue };
        let ses = &p.sessions[s];
        for &j in &members[s] {
            let x = similarity(p, &pairs, i, j);
            match ses.kind {
                SessionKind::Talks => t.cohesion += x,
                SessionKind::Posters => t.poster_cohesion += x,
            }
        }
        members[s].push(i);
        if let Some(tr) = talk.track {
            if ses.track == Some(tr) {
                t.track_match += 1.0;
            }
            *room_count.entry((tr, ses.room)).or_default() += 1.0;
        }
    }
    let mut best: HashMap<u32, f64> = HashMap::new();
    for (&(tr, _), &c) in &room_count {
        let b = best.entry(tr).or_default();
        *b = b.max(c);
    }
    t.track_room = best.values().fold(0.0, |a, b| a + b);
    for &(i, j, w) in &p.coattend {
        if let (Some(a), Some(b)) = (placement[i], placement[j]) {
            let (x, y) = (&p.sessions[a], &p.sessions[b]);
            if a != b && x.room != y.room && x.start < y.end && y.start < x.end {
                t.parallel += w;
            }
        }
    }
    t
}
