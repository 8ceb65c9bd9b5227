//! The validated instance in solver form: capacities, time overlaps, static allowed sessions, dense ids.

use super::problem::{Mode, Problem, SessionKind, Weights};
use super::sim::SimIndex;
use std::collections::HashMap;

/// Marker for "not placed" in `u32` session slots.
pub(super) const NONE: u32 = u32::MAX;

/// Capacity standing in for "no limit" (large, yet safe to add to).
pub(super) const UNLIMITED: i64 = i64::MAX / 4;

/// Solver view of a [`Problem`].
pub(super) struct Model<'a> {
    pub p: &'a Problem,
    pub nt: usize,
    pub ns: usize,
    /// Words per row of `overlap`.
    words: usize,
    /// Bit matrix: distinct sessions whose time intervals overlap.
    overlap: Vec<u64>,
    /// Per session: free minutes (talk sessions) or poster places.
    pub cap: Vec<i64>,
    /// Per talk: minutes (talks) or 1 (posters).
    pub load: Vec<i64>,
    /// Per talk: the session it must stay in (pinned, or kept in unscheduled-only mode).
    pub fixed: Vec<Option<u32>>,
    /// Per talk: sessions it may go to without breaking a static rule (fixed talks: just their session).
    pub allowed: Vec<Vec<u32>>,
    /// Per talk: the allowed sessions whose track is the talk's track (targets of track-seeking moves).
    pub track_allowed: Vec<Vec<u32>>,
    /// Bit rows of `allowed` (talk-major, `words` per row) for O(1) membership tests.
    allowed_bits: Vec<u64>,
    /// Talks per person (as speaker).
    pub person_talks: Vec<Vec<u32>>,
    /// Sessions per person (as chair).
    pub chaired: Vec<Vec<u32>>,
    pub sim: SimIndex,
    /// Co-attendance adjacency per talk.
    pub co: Vec<Vec<(u32, f64)>>,
    /// Dense track id per talk (`NONE` if none).
    pub talk_track: Vec<u32>,
    pub n_tracks: usize,
    /// Dense room id per session.
    pub room: Vec<u32>,
    pub n_rooms: usize,
    pub w: Weights,
}

impl<'a> Model<'a> {
    /// Builds the model (input must be valid).
    pub fn new(p: &'a Problem, mode: Mode) -> Model<'a> {
        let (nt, ns) = (p.talks.len(), p.sessions.len());
        let words = ns.div_ceil(64);
        let mut overlap = vec![0u64; ns * words];
        // Sort by start so each session is compared only with those starting before it ends.
        let mut by_start: Vec<usize> = (0..ns).collect();
        by_start.sort_by_key(|&s| (p.sessions[s].start, s));
        for (k, &a) in by_start.iter().enumerate() {
            for &b in &by_start[k + 1..] {
                if p.sessions[b].start >= p.sessions[a].end {
                    break;
                }
                overlap[a * words + b / 64] |= 1 << (b % 64);
                overlap[b * words + a / 64] |= 1 << (a % 64);
            }
        }
        let cap = p
            .sessions
            .iter()
            .map(|s| match s.kind {
                SessionKind::Talks => s.end - s.start - s.fixed_minutes,
                SessionKind::Posters => s.capacity.map_or(UNLIMITED, i64::from),
            })
            .collect();
        let load = p.talks.iter().map(|t| if t.poster { 1 } else { t.duration }).collect();
        let fixed = p
            .talks
            .iter()
            .map(|t| {
                t.pinned
                    .or(if mode == Mode::UnscheduledOnly { t.current } else { None })
                    .map(|s| s as u32)
            })
            .collect();
        let mut persons = p.busy.len();
        for t in &p.talks {
            persons = persons.max(t.speakers.iter().map(|&x| x as usize + 1).max().unwrap_or(0));
        }
        for s in &p.sessions {
            persons = persons.max(s.chairs.iter().map(|&x| x as usize + 1).max().unwrap_or(0));
        }
        let mut person_talks = vec![Vec::new(); persons];
        for (i, t) in p.talks.iter().enumerate() {
            let mut sp = t.speakers.clone();
            sp.sort_unstable();
            sp.dedup();
            for x in sp {
                person_talks[x as usize].push(i as u32);
            }
        }
        let mut chaired = vec![Vec::new(); persons];
        for (i, s) in p.sessions.iter().enumerate() {
            for &x in &s.chairs {
                if !chaired[x as usize].contains(&(i as u32)) {
                    chaired[x as usize].push(i as u32);
                }
            }
        }
        let mut co = vec![Vec::new(); nt];
        for &(i, j, w) in &p.coattend {
            if w > 0.0 {
                co[i].push((j as u32, w));
                co[j].push((i as u32, w));
            }
        }
        let mut tracks: HashMap<u32, u32> = HashMap::new();
        let talk_track = p
            .talks
            .iter()
            .map(|t| {
                t.track.map_or(NONE, |x| {
                    let next = tracks.len() as u32;
                    *tracks.entry(x).or_insert(next)
                })
            })
            .collect();
        let mut rooms: HashMap<u32, u32> = HashMap::new();
        let room = p
            .sessions
            .iter()
            .map(|s| {
                let next = rooms.len() as u32;
                *rooms.entry(s.room).or_insert(next)
            })
            .collect();
        let mut m = Model {
            p,
            nt,
            ns,
            words,
            overlap,
            cap,
            load,
            fixed,
            allowed: Vec::new(),
            allowed_bits: Vec::new(),
            track_allowed: Vec::new(),
            person_talks,
            chaired,
            sim: SimIndex::new(&p.similarity, nt),
            co,
            talk_track,
            n_tracks: tracks.len(),
            room,
            n_rooms: rooms.len(),
            w: p.weights,
        };
        m.allowed = (0..nt)
            .map(|t| match m.fixed[t] {
                Some(s) => vec![s],
                None => (0..ns).filter(|&s| m.blocked(t, s).is_none()).map(|s| s as u32).collect(),
            })
            .collect();
        m.track_allowed = (0..nt)
            .map(|t| m.allowed[t].iter().copied().filter(|&s| m.track_match(t, s as usize)).collect())
            .collect();
        m.allowed_bits = vec![0; nt * words];
        for t in 0..nt {
            for &s in &m.allowed[t] {
                m.allowed_bits[t * words + s as usize / 64] |= 1 << (s % 64);
            }
        }
        m
    }

    /// Whether `s` is in `allowed[t]`.
    #[inline]
    pub fn allows(&self, t: usize, s: usize) -> bool {
        self.allowed_bits[t * self.words + s / 64] >> (s % 64) & 1 == 1
    }

    /// Whether talks `a` and `b` have an allowed session in common.
    pub fn share_session(&self, a: usize, b: usize) -> bool {
        let (x, y) = (
            &self.allowed_bits[a * self.words..][..self.words],
            &self.allowed_bits[b * self.words..][..self.words],
        );
        x.iter().zip(y).any(|(p, q)| p & q != 0)
    }

    /// Distinct sessions `a` and `b` overlap in time.
    #[inline]
    pub fn overlaps(&self, a: usize, b: usize) -> bool {
        self.overlap[a * self.words + b / 64] >> (b % 64) & 1 == 1
    }

    /// Distinct sessions in different rooms running at the same time (attendees must choose).
    #[inline]
    pub fn parallel(&self, a: usize, b: usize) -> bool {
        self.overlaps(a, b) && self.room[a] != self.room[b]
    }

    /// Whether session `s` is a poster session.
    #[inline]
    pub fn is_poster(&self, s: usize) -> bool {
        self.p.sessions[s].kind == SessionKind::Posters
    }

    /// Track match of talk `t` in session `s` (both have a track and they are equal).
    #[inline]
    pub fn track_match(&self, t: usize, s: usize) -> bool {
        matches!((self.p.talks[t].track, self.p.sessions[s].track), (Some(a), Some(b)) if a == b)
    }

    /// Whether talk `t` at `s` counts as moved (it has a current session and is elsewhere or unplaced).
    #[inline]
    pub fn moved(&self, t: usize, s: Option<usize>) -> bool {
        self.p.talks[t].current.is_some_and(|c| Some(c) != s)
    }

    /// Weighted terms that depend on talk `t` and its session alone (track match minus move penalty).
    pub fn linear(&self, t: usize, s: Option<usize>) -> f64 {
        let m = if s.is_some_and(|s| self.track_match(t, s)) {
            self.w.track
        } else {
            0.0
        };
        m - if self.moved(t, s) { self.w.moves } else { 0.0 }
    }

    /// Cohesion weight of a pair of talks in session `s`.
    #[inline]
    pub fn cohesion_weight(&self, s: usize) -> f64 {
        if self.is_poster(s) {
            self.w.poster_cohesion
        } else {
            self.w.cohesion
        }
    }
}
