//! The scheduling problem, its state of static feasibility, and the objective.

/// A session talks may be put in.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSpec {
    /// Start (minutes, any fixed origin).
    pub start: i64,
    /// End.
    pub end: i64,
    /// Whether it holds posters (side by side) rather than talks (one after another).
    pub poster: bool,
    /// Most posters (poster sessions), if limited.
    pub capacity: Option<usize>,
    /// Its track.
    pub track: Option<i64>,
    /// People chairing or moderating it.
    pub chairs: Vec<usize>,
    /// Minutes already taken by items that are not part of the problem.
    pub fixed_minutes: i64,
}

/// A talk to place.
#[derive(Debug, Clone, PartialEq)]
pub struct TalkSpec {
    /// Minutes.
    pub duration: i64,
    /// Its speakers (person indices).
    pub speakers: Vec<usize>,
    /// Its track.
    pub track: Option<i64>,
    /// Whether it is a poster.
    pub poster: bool,
    /// The session it must stay in.
    pub pinned: Option<usize>,
    /// The session it is in now (moves away from it cost).
    pub current: Option<usize>,
}

/// Weights of the objective's terms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Per unit of topic similarity between two talks of one session.
    pub topic: f64,
    /// Per talk in a session of its own track.
    pub track: f64,
    /// Per talk moved away from its current session.
    pub moves: f64,
    /// Per attendee wanting two talks in parallel sessions.
    pub parallel: f64,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            topic: 1.0,
            track: 2.0,
            moves: 3.0,
            parallel: 0.05,
        }
    }
}

/// The whole problem.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// Sessions.
    pub sessions: Vec<SessionSpec>,
    /// Talks.
    pub talks: Vec<TalkSpec>,
    /// Unavailable times: (person, start, end).
    pub busy: Vec<(usize, i64, i64)>,
    /// Topic similarity per talk: (other talk, similarity in [0, 1]), symmetric.
    pub similar: Vec<Vec<(usize, f64)>>,
    /// Attendees wanting both talks: (talk, talk, count).
    pub coattend: Vec<(usize, usize, f64)>,
    /// Objective weights.
    pub weights: Weights,
}

/// Why a talk fits no session at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// No session of its kind (a poster without a poster session, or the reverse).
    NoSessionOfItsKind,
    /// Longer than every session of its kind.
    TooLong,
    /// A speaker is unavailable, or chairing elsewhere, at every session that could hold it.
    SpeakerUnavailable,
}

/// Why the schedule is not complete.
#[derive(Debug, Clone, PartialEq)]
pub enum Obstacle {
    /// A talk fits no session.
    NoSession {
        /// The talk.
        talk: usize,
        /// Why.
        reason: Reason,
    },
    /// A speaker's talks could only go to sessions at the same time.
    SpeakerTalksCollide {
        /// The speaker.
        person: usize,
        /// Their talks.
        talks: Vec<usize>,
        /// The sessions those talks can go to.
        sessions: Vec<usize>,
    },
    /// More minutes (or posters) than the sessions hold.
    NotEnoughTime {
        /// Posters (count) or talks (minutes).
        poster: bool,
        /// Needed.
        needed: i64,
        /// Available.
        available: i64,
    },
    /// A talk could not be placed: every session that could hold it is full.
    Full {
        /// The talk.
        talk: usize,
    },
}

/// The result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The session of each talk (`None`: not placed).
    pub placement: Vec<Option<usize>>,
    /// The objective of the placement.
    pub objective: f64,
    /// No schedule placing every talk scores above this.
    pub bound: f64,
    /// Whether the placement is proven optimal.
    pub optimal: bool,
    /// Talks placed.
    pub placed: usize,
    /// What stopped talks being placed.
    pub obstacles: Vec<Obstacle>,
}

impl Problem {
    /// The similar talks of `t` (none when the list is shorter than the talks).
    pub fn sims(&self, t: usize) -> &[(usize, f64)] {
        self.similar.get(t).map_or(&[], Vec::as_slice)
    }
}

/// Static facts: which sessions each talk may go to, and which sessions overlap.
#[derive(Debug, Clone)]
pub struct State {
    /// Sessions each talk may go to, by hard constraints that do not depend on other talks.
    pub candidates: Vec<Vec<usize>>,
    /// Sessions overlapping each session in time (itself excluded).
    pub overlapping: Vec<Vec<usize>>,
    /// Talks of each person.
    pub talks_of: Vec<Vec<usize>>,
}

fn overlaps(a: (i64, i64), b: (i64, i64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether talk `t` may go to session `s` on its own (kind, length, availability, chairing).
pub fn fits(p: &Problem, t: usize, s: usize) -> Result<(), Reason> {
    let (talk, session) = (&p.talks[t], &p.sessions[s]);
    if talk.poster != session.poster {
        return Err(Reason::NoSessionOfItsKind);
    }
    if !talk.poster && talk.duration > session.end - session.start - session.fixed_minutes {
        return Err(Reason::TooLong);
    }
    let span = (session.start, session.end);
    for &person in &talk.speakers {
        if p.busy.iter().any(|&(q, a, b)| q == person && overlaps(span, (a, b))) {
            return Err(Reason::SpeakerUnavailable);
        }
        let chairs_elsewhere = p
            .sessions
            .iter()
            .enumerate()
            .any(|(o, other)| o != s && other.chairs.contains(&person) && overlaps(span, (other.start, other.end)));
        if chairs_elsewhere {
            return Err(Reason::SpeakerUnavailable);
        }
    }
    Ok(())
}

impl State {
    /// The static facts of `p`.
    pub fn new(p: &Problem) -> State {
        let candidates = (0..p.talks.len())
            .map(|t| match p.talks[t].pinned {
                Some(s) => vec![s],
                None => (0..p.sessions.len()).filter(|&s| fits(p, t, s).is_ok()).collect(),
            })
            .collect();
        let overlapping = (0..p.sessions.len())
            .map(|s| {
                let a = &p.sessions[s];
                (0..p.sessions.len())
                    .filter(|&o| o != s && overlaps((a.start, a.end), (p.sessions[o].start, p.sessions[o].end)))
                    .collect()
            })
            .collect();
        let people = p.talks.iter().flat_map(|t| t.speakers.iter().copied()).max().map_or(0, |m| m + 1);
        let mut talks_of = vec![Vec::new(); people];
        for (t, talk) in p.talks.iter().enumerate() {
            for &q in &talk.speakers {
                talks_of[q].push(t);
            }
        }
        State {
            candidates,
            overlapping,
            talks_of,
        }
    }
}

/// Load of every session (minutes of talks, or number of posters) under `placement`.
pub fn loads(p: &Problem, placement: &[Option<usize>]) -> Vec<i64> {
    let mut load = vec![0i64; p.sessions.len()];
    for (t, s) in placement.iter().enumerate() {
        if let Some(s) = *s {
            load[s] += if p.sessions[s].poster { 1 } else { p.talks[t].duration };
        }
    }
    load
}

/// Whether `s` has room for talk `t` given the current `load`.
pub fn has_room(p: &Problem, load: &[i64], t: usize, s: usize) -> bool {
    let session = &p.sessions[s];
    if session.poster {
        session.capacity.is_none_or(|c| load[s] < c as i64)
    } else {
        load[s] + p.talks[t].duration <= session.end - session.start - session.fixed_minutes
    }
}

/// Whether a speaker of `t` already speaks in a session overlapping `s` (other than `s`).
pub fn speaker_clash(st: &State, p: &Problem, placement: &[Option<usize>], t: usize, s: usize) -> bool {
    p.talks[t].speakers.iter().any(|&q| {
        st.talks_of[q]
            .iter()
            .any(|&u| u != t && placement[u].is_some_and(|su| su != s && st.overlapping[s].contains(&su)))
    })
}

/// What talk `t` adds in session `s` given the others' placement (its half of shared terms
/// is not halved here: pair terms are counted once per pair by [`objective`]).
pub fn gain(p: &Problem, st: &State, placement: &[Option<usize>], t: usize, s: usize) -> f64 {
    let w = &p.weights;
    let talk = &p.talks[t];
    let mut g = 0.0;
    for &(u, sim) in p.sims(t) {
        if u != t && placement[u] == Some(s) {
            g += w.topic * sim;
        }
    }
    if talk.track.is_some() && talk.track == p.sessions[s].track {
        g += w.track;
    }
    if talk.current.is_some_and(|c| c != s) {
        g -= w.moves;
    }
    for &(a, b, n) in &p.coattend {
        let other = if a == t {
            b
        } else if b == t {
            a
        } else {
            continue;
        };
        if let Some(so) = placement[other]
            && so != s
            && st.overlapping[s].contains(&so)
        {
            g -= w.parallel * n;
        }
    }
    g
}

/// The objective of a placement: pair terms once per pair, talk terms once per talk.
pub fn objective(p: &Problem, placement: &[Option<usize>]) -> f64 {
    let w = &p.weights;
    let mut total = 0.0;
    for (t, s) in placement.iter().enumerate() {
        let Some(s) = *s else { continue };
        let talk = &p.talks[t];
        for &(u, sim) in p.sims(t) {
            if u > t && placement[u] == Some(s) {
                total += w.topic * sim;
            }
        }
        if talk.track.is_some() && talk.track == p.sessions[s].track {
            total += w.track;
        }
        if talk.current.is_some_and(|c| c != s) {
            total -= w.moves;
        }
    }
    for &(a, b, n) in &p.coattend {
        if let (Some(sa), Some(sb)) = (placement[a], placement[b])
            && sa != sb
            && overlaps(
                (p.sessions[sa].start, p.sessions[sa].end),
                (p.sessions[sb].start, p.sessions[sb].end),
            )
        {
            total -= w.parallel * n;
        }
    }
    total
}
