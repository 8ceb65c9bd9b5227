//! Made-up conferences for the benchmark and the tests: talks with one to three of thirty
//! topics (similarity: shared-topic Jaccard), rooms with five 90-minute sessions a day, some
//! posters, speakers with several talks, chairs, and unavailable times. Reproducible from a
//! seed (a small xorshift; no dependency).

use super::problem::{Problem, SessionSpec, TalkSpec, Weights};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A conference of `talks` talks over `days` days in `rooms` rooms.
pub fn conference(seed: u64, talks: usize, rooms: usize, days: usize, busy: usize) -> Problem {
    let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut sessions = Vec::new();
    let starts = [8 * 60 + 30, 10 * 60 + 30, 13 * 60 + 30, 15 * 60 + 30, 17 * 60 + 15];
    let people = talks * 3 / 4 + 1;
    for d in 0..days {
        for room in 0..rooms {
            for (k, &h) in starts.iter().enumerate() {
                let start = (d * 24 * 60 + h) as i64;
                // One room's last session of each day holds posters.
                let poster = room == rooms - 1 && k == starts.len() - 1;
                sessions.push(SessionSpec {
                    start,
                    end: start + 90,
                    poster,
                    capacity: poster.then_some(60),
                    track: Some((room % 5) as i64),
                    chairs: vec![r.below(people as u64) as usize],
                    fixed_minutes: 0,
                });
            }
        }
    }
    let topics: Vec<Vec<u64>> = (0..talks)
        .map(|_| {
            let n = 1 + r.below(3);
            let mut t: Vec<u64> = (0..n).map(|_| r.below(30)).collect();
            t.sort_unstable();
            t.dedup();
            t
        })
        .collect();
    let talk_specs: Vec<TalkSpec> = (0..talks)
        .map(|i| {
            let poster = r.below(10) == 0;
            let mut speakers = vec![r.below(people as u64) as usize];
            if r.below(8) == 0 {
                speakers.push(r.below(people as u64) as usize);
            }
            speakers.dedup();
            TalkSpec {
                duration: if poster { 60 } else { [15, 20, 20, 20, 30][r.below(5) as usize] },
                speakers,
                track: Some((topics[i][0] % 5) as i64),
                poster,
                pinned: None,
                current: None,
            }
        })
        .collect();
    // Jaccard of topic sets; talks sharing no topic are not listed.
    let mut by_topic: Vec<Vec<usize>> = vec![Vec::new(); 30];
    for (i, t) in topics.iter().enumerate() {
        for &x in t {
            by_topic[x as usize].push(i);
        }
    }
    let mut similar = vec![Vec::new(); talks];
    for (i, ti) in topics.iter().enumerate() {
        let mut others: Vec<usize> = ti
            .iter()
            .flat_map(|&x| by_topic[x as usize].iter().copied())
            .filter(|&j| j != i)
            .collect();
        others.sort_unstable();
        others.dedup();
        for j in others {
            let shared = ti.iter().filter(|x| topics[j].contains(x)).count() as f64;
            let union = (ti.len() + topics[j].len()) as f64 - shared;
            similar[i].push((j, shared / union));
        }
    }
    let busy = (0..busy)
        .map(|_| {
            let d = r.below(days as u64) as i64;
            let start = d * 24 * 60 + 8 * 60 + 30 * r.below(16) as i64;
            (r.below(people as u64) as usize, start, start + 60 * (1 + r.below(4) as i64))
        })
        .collect();
    Problem {
        sessions,
        talks: talk_specs,
        busy,
        similar,
        coattend: Vec::new(),
        weights: Weights::default(),
    }
}
