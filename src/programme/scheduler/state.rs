//! A placement with incrementally maintained objective terms and an undo log (shared by search and exact).

use super::model::{Model, NONE};
use super::objective::Terms;

/// Reward per placed talk in search scores: larger than any possible objective change from one talk, so
/// placing talks always comes first (lexicographic: placed count, then objective).
pub(super) fn place_reward(m: &Model) -> f64 {
    let w = &m.w;
    let per_talk = w.cohesion.max(w.poster_cohesion) * m.nt as f64 + w.track + w.track_room + w.moves;
    let co: f64 = m.co.iter().map(|v| v.iter().map(|x| x.1).sum::<f64>()).fold(0.0, f64::max);
    1.0 + 2.0 * (per_talk + w.parallel * co)
}

/// Current placement and its terms.
pub(super) struct State<'m, 'a> {
    pub m: &'m Model<'a>,
    /// Session per talk (`NONE` = unplaced).
    pub at: Vec<u32>,
    /// Talks per session (unordered).
    pub members: Vec<Vec<u32>>,
    /// Minutes (talk sessions) or places (poster sessions) used.
    pub used: Vec<i64>,
    /// Talks per (track, room).
    room_cnt: Vec<u32>,
    /// Per track, the largest count over rooms.
    modal: Vec<u32>,
    pub terms: Terms,
    pub placed: usize,
    /// Undo log: (talk, previous session).
    log: Vec<(u32, u32)>,
}

impl<'m, 'a> State<'m, 'a> {
    /// Empty placement plus every fixed talk in its session (rules not checked: fixed talks stay regardless).
    pub fn new(m: &'m Model<'a>) -> State<'m, 'a> {
        // Every talk with a current session starts unplaced, hence moved.
        let terms = Terms {
            moves: m.p.talks.iter().filter(|t| t.current.is_some()).count() as f64,
            ..Terms::default()
        };
        let mut st = State {
            m,
            at: vec![NONE; m.nt],
            members: vec![Vec::new(); m.ns],
            used: vec![0; m.ns],
            room_cnt: vec![0; m.n_tracks * m.n_rooms],
            modal: vec![0; m.n_tracks],
            terms,
            placed: 0,
            log: Vec::new(),
        };
        for t in 0..m.nt {
            if let Some(s) = m.fixed[t] {
                st.set(t, s);
            }
        }
        st.log.clear();
        st
    }

    /// A state holding exactly `at` (fixed talks must be in their sessions).
    pub fn from(m: &'m Model<'a>, at: &[u32]) -> State<'m, 'a> {
        let mut st = State::new(m);
        for (t, &s) in at.iter().enumerate() {
            st.set(t, s);
        }
        st.log.clear();
        st
    }

    /// Weighted objective of the current placement.
    pub fn objective(&self) -> f64 {
        self.terms.objective(&self.m.w)
    }

    /// Whether talk `t` may join session `s` now: room left and no speaker in an overlapping session.
    /// Static rules are not checked (callers pick `s` from `Model::allowed`).
    pub fn fits(&self, t: usize, s: usize) -> bool {
        let m = self.m;
        let already = if self.at[t] as usize == s { m.load[t] } else { 0 };
        if self.used[s] - already + m.load[t] > m.cap[s] {
            return false;
        }
        self.speaker_clash(t, s).is_none()
    }

    /// A (person, talk, session) that keeps `t` out of `s`: a speaker of `t` with a talk in an overlapping session.
    pub fn speaker_clash(&self, t: usize, s: usize) -> Option<(u32, usize, usize)> {
        let m = self.m;
        for &x in &m.p.talks[t].speakers {
            for &u in &m.person_talks[x as usize] {
                let su = self.at[u as usize];
                if u as usize != t && su != NONE && su as usize != s && m.overlaps(su as usize, s) {
                    return Some((x, u as usize, su as usize));
                }
            }
        }
        None
    }

    /// Moves talk `t` to `s` (`NONE` = unplace), updating the terms; logged for [`State::undo_to`].
    pub fn set(&mut self, t: usize, s: u32) {
        let old = self.at[t];
        if old == s {
            return;
        }
        let m = self.m;
        let was_moved = m.moved(t, (old != NONE).then_some(old as usize));
        if old != NONE {
            self.detach(t, old as usize);
        }
        if s != NONE {
            self.attach(t, s as usize);
        }
        let now_moved = m.moved(t, (s != NONE).then_some(s as usize));
        self.terms.moves += f64::from(u8::from(now_moved)) - f64::from(u8::from(was_moved));
        self.log.push((t as u32, old));
    }

    /// Position in the undo log, for [`State::undo_to`].
    pub fn mark(&self) -> usize {
        self.log.len()
    }

    /// Reverts every `set` since `mark`.
    pub fn undo_to(&mut self, mark: usize) {
        while self.log.len() > mark {
            let (t, old) = self.log.pop().expect("log longer than mark");
            self.set(t as usize, old);
            self.log.pop();
        }
    }

    /// Forgets the undo log (the current placement is accepted).
    pub fn commit(&mut self) {
        self.log.clear();
    }

    /// Sum of similarities of `t` to the talks now in `s` (excluding `t`).
    pub fn affinity(&self, t: usize, s: usize) -> f64 {
        self.members[s].iter().map(|&u| self.m.sim.get(t, u as usize)).sum()
    }

    /// Co-attendance weight `t` would lose to parallel sessions if it were in `s`.
    pub fn parallel_cost(&self, t: usize, s: usize) -> f64 {
        self.m.co[t]
            .iter()
            .filter(|&&(u, _)| {
                let su = self.at[u as usize];
                su != NONE && u as usize != t && self.m.parallel(s, su as usize)
            })
            .map(|x| x.1)
            .sum()
    }

    fn add_cohesion(&mut self, s: usize, x: f64) {
        if self.m.is_poster(s) {
            self.terms.poster_cohesion += x;
        } else {
            self.terms.cohesion += x;
        }
    }

    fn detach(&mut self, t: usize, s: usize) {
        let m = self.m;
        let pos = self.members[s].iter().position(|&u| u as usize == t).expect("talk in its session");
        self.members[s].swap_remove(pos);
        let a = self.affinity(t, s);
        self.add_cohesion(s, -a);
        self.terms.parallel -= self.parallel_cost(t, s);
        self.at[t] = NONE;
        self.used[s] -= m.load[t];
        self.placed -= 1;
        if m.track_match(t, s) {
            self.terms.track_match -= 1.0;
        }
        self.bump_room(t, s, false);
    }

    fn attach(&mut self, t: usize, s: usize) {
        let m = self.m;
        let a = self.affinity(t, s);
        self.add_cohesion(s, a);
        self.terms.parallel += self.parallel_cost(t, s);
        self.members[s].push(t as u32);
        self.at[t] = s as u32;
        self.used[s] += m.load[t];
        self.placed += 1;
        if m.track_match(t, s) {
            self.terms.track_match += 1.0;
        }
        self.bump_room(t, s, true);
    }

    /// Updates the (track, room) count of `t` in `s` and its track's busiest-room count.
    fn bump_room(&mut self, t: usize, s: usize, add: bool) {
        let m = self.m;
        let tr = m.talk_track[t];
        if tr == NONE {
            return;
        }
        let row = tr as usize * m.n_rooms;
        let c = &mut self.room_cnt[row + m.room[s] as usize];
        if add {
            *c += 1;
        } else {
            *c -= 1;
        }
        let before = self.modal[tr as usize];
        let after = self.room_cnt[row..row + m.n_rooms].iter().copied().max().unwrap_or(0);
        self.modal[tr as usize] = after;
        self.terms.track_room += f64::from(after) - f64::from(before);
    }
}
