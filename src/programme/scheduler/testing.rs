//! Seeded instance generators: a realistic conference for benchmarks and tiny random instances for tests.

use super::problem::{Problem, Session, SessionKind, Similarity, Talk, Weights};
use super::rng::Rng;

/// Session start times within a day (minutes after midnight): 09:00, 11:00, 14:00, 16:00; each lasts 90 minutes.
const SLOTS: [i64; 4] = [540, 660, 840, 960];

/// A conference of `talks` contributions (30 % posters, the rest 20-minute talks) over `days` days with
/// `rooms` rooms (room 0 is the poster hall) and four 90-minute sessions per room per day.
///
/// 30 topics in 6 related groups; each talk has 1–3 topics (similarity = Jaccard) and usually the track of its
/// first topic; 80 % of the talk rooms carry a track. One speaker per talk (30 % have two) from a pool of
/// `0.8·talks` people, so some people give several talks; one chair per session; `talks/4` busy intervals;
/// about three co-attendance pairs per talk between talks sharing a topic.
pub fn generate(seed: u64, talks: usize, rooms: usize, days: usize) -> Problem {
    let mut rng = Rng::new(seed);
    let rooms = rooms.max(2);
    const TOPICS: usize = 30;
    const TRACKS: u32 = 8;
    let people = (talks * 4 / 5).max(2);
    let n_posters = talks * 3 / 10;
    let poster_sessions = days * SLOTS.len();
    let poster_cap = (n_posters * 5 / 4).div_ceil(poster_sessions.max(1)) as u32;
    let mut sessions = Vec::new();
    for d in 0..days as i64 {
        for &slot in &SLOTS {
            for r in 0..rooms as u32 {
                let start = d * 1440 + slot;
                let poster = r == 0;
                let track = (!poster && r as usize <= (rooms - 1) * 4 / 5).then(|| (r - 1) % TRACKS);
                sessions.push(Session {
                    room: r,
                    start,
                    end: start + 90,
                    kind: if poster { SessionKind::Posters } else { SessionKind::Talks },
                    track,
                    chairs: vec![rng.below(people) as u32],
                    fixed_minutes: if !poster && rng.below(10) == 0 { 10 } else { 0 },
                    capacity: poster.then_some(poster_cap),
                });
            }
        }
    }
    let mut topics = Vec::with_capacity(talks);
    let mut list = Vec::with_capacity(talks);
    for i in 0..talks {
        let first = rng.below(TOPICS) as u32;
        let mut own = vec![first];
        for _ in 0..rng.below(3) {
            // Extra topics mostly from the same group of five related topics.
            let t = if rng.below(4) == 0 {
                rng.below(TOPICS) as u32
            } else {
                first / 5 * 5 + rng.below(5) as u32
            };
            if !own.contains(&t) {
                own.push(t);
            }
        }
        let mut speakers = vec![rng.below(people) as u32];
        if rng.below(10) < 3 {
            let x = rng.below(people) as u32;
            if x != speakers[0] {
                speakers.push(x);
            }
        }
        list.push(Talk {
            duration: 20,
            speakers,
            track: (rng.below(10) != 0).then_some(first % TRACKS),
            poster: i < n_posters,
            pinned: None,
            current: None,
            position: None,
        });
        topics.push(own);
    }
    let mut busy = vec![Vec::new(); people];
    for _ in 0..talks / 4 {
        let x = list[rng.below(talks)].speakers[0] as usize;
        let start = rng.below(days.max(1)) as i64 * 1440 + 480 + rng.below(10) as i64 * 60;
        busy[x].push((start, start + 60 + rng.below(3) as i64 * 60));
    }
    let mut by_topic = vec![Vec::new(); TOPICS];
    for (i, ts) in topics.iter().enumerate() {
        by_topic[ts[0] as usize].push(i);
    }
    let mut coattend = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, ts) in topics.iter().enumerate() {
        let same = &by_topic[ts[0] as usize];
        for _ in 0..3 {
            let j = same[rng.below(same.len())];
            if j != i && seen.insert((i.min(j), i.max(j))) {
                coattend.push((i, j, 1.0 + rng.below(20) as f64));
            }
        }
    }
    Problem {
        sessions,
        talks: list,
        busy,
        similarity: Similarity::Topics(topics),
        coattend,
        weights: Weights::default(),
    }
}

/// A tiny random instance (3–6 talks, 2–4 sessions in at most two rooms and two time slots) that exercises every
/// rule: posters, fixed minutes, busy people, chairs who speak, tracks, pins and current sessions.
pub fn tiny(seed: u64) -> Problem {
    let mut rng = Rng::new(seed);
    let ns = 2 + rng.below(3);
    let nt = 3 + rng.below(4);
    let people = 4;
    let sessions = (0..ns)
        .map(|_| {
            let start = [0, 60, 30][rng.below(3)];
            let poster = rng.below(5) == 0;
            Session {
                room: rng.below(2) as u32,
                start,
                end: start + 30 + 10 * rng.below(4) as i64,
                kind: if poster { SessionKind::Posters } else { SessionKind::Talks },
                track: (rng.below(2) == 0).then(|| rng.below(2) as u32),
                chairs: if rng.below(3) == 0 {
                    vec![rng.below(people) as u32]
                } else {
                    Vec::new()
                },
                fixed_minutes: 5 * rng.below(3) as i64,
                capacity: poster.then(|| rng.below(3) as u32 + 1),
            }
        })
        .collect::<Vec<_>>();
    let talks = (0..nt)
        .map(|_| {
            let current = (rng.below(3) == 0).then(|| rng.below(ns));
            Talk {
                duration: 10 + 5 * rng.below(4) as i64,
                speakers: (0..1 + rng.below(2)).map(|_| rng.below(people) as u32).collect(),
                track: (rng.below(2) == 0).then(|| rng.below(2) as u32),
                poster: rng.below(5) == 0,
                pinned: (rng.below(8) == 0).then(|| rng.below(ns)),
                current,
                position: current.map(|_| rng.below(3) as u32),
            }
        })
        .collect::<Vec<_>>();
    let busy = (0..people)
        .map(|_| {
            if rng.below(4) == 0 {
                vec![(rng.below(90) as i64, 100)]
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut sim = Vec::new();
    let mut coattend = Vec::new();
    for i in 0..nt {
        for j in i + 1..nt {
            if rng.below(2) == 0 {
                sim.push((i, j, (rng.below(5) as f32) / 4.0));
            }
            if rng.below(3) == 0 {
                coattend.push((i, j, rng.below(4) as f64));
            }
        }
    }
    Problem {
        sessions,
        talks,
        busy,
        similarity: Similarity::Pairs(sim),
        coattend,
        weights: Weights {
            cohesion: 1.0,
            poster_cohesion: 0.5,
            track: 0.5,
            track_room: 0.25,
            parallel: 0.2,
            moves: 0.75,
        },
    }
}
