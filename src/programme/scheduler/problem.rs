//! Input types over dense indices (the caller maps its own ids) and their validation.

use std::time::Instant;

/// What a session holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// Oral talks, one after another; their durations must fit the session's free minutes.
    Talks,
    /// Posters, shown side by side; at most `capacity` of them.
    Posters,
}

/// A block of time in one room, created by the programme chair.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Room index (any u32; sessions with equal values share a room).
    pub room: u32,
    /// Start, in absolute minutes.
    pub start: i64,
    /// End, in absolute minutes (`> start`); sessions are half-open intervals `[start, end)`.
    pub end: i64,
    /// Talks or posters.
    pub kind: SessionKind,
    /// The track this session belongs to, if any.
    pub track: Option<u32>,
    /// People chairing the session (person indices).
    pub chairs: Vec<u32>,
    /// Minutes already taken by fixed items (keynote, break); talk sessions only.
    pub fixed_minutes: i64,
    /// Poster sessions: maximum number of posters (`None` = no limit). Ignored for talk sessions.
    pub capacity: Option<u32>,
}

/// An accepted contribution to place.
#[derive(Debug, Clone, PartialEq)]
pub struct Talk {
    /// Duration in minutes (`> 0` for talks; ignored for posters).
    pub duration: i64,
    /// Speakers or presenting authors (person indices).
    pub speakers: Vec<u32>,
    /// The talk's track, if any.
    pub track: Option<u32>,
    /// A poster (goes in poster sessions only) rather than a talk (talk sessions only).
    pub poster: bool,
    /// Must stay in this session.
    pub pinned: Option<usize>,
    /// Where it is now; moving it away costs `Weights::moves` (and in [`Mode::UnscheduledOnly`] it stays).
    pub current: Option<usize>,
    /// Its position in `current` today, so the order of talks that stay is kept.
    pub position: Option<u32>,
}

/// Topic similarity between talks, in [0, 1], symmetric.
#[derive(Debug, Clone, PartialEq)]
pub enum Similarity {
    /// Explicit sparse pairs `(i, j, s)` with `i != j`; each unordered pair at most once; missing pairs are 0.
    Pairs(Vec<(usize, usize, f32)>),
    /// A topic set per talk (length = number of talks); similarity is the Jaccard index `|A∩B| / |A∪B|`.
    /// Preferred when talks share few topics but many talks per topic: no quadratic pair list is stored.
    Topics(Vec<Vec<u32>>),
}

/// Weights of the objective terms (all `>= 0`); see the crate docs for the definition of each term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Per unit of similarity between two talks in the same talk session.
    pub cohesion: f64,
    /// Per unit of similarity between two posters in the same poster session (poster sessions are large, so
    /// this is usually much smaller than `cohesion`).
    pub poster_cohesion: f64,
    /// Per talk whose track equals its session's track.
    pub track: f64,
    /// Per talk that sits in its track's main room (the room holding most of that track's talks).
    pub track_room: f64,
    /// Per co-attendee of two talks placed in time-overlapping sessions in different rooms (a penalty).
    pub parallel: f64,
    /// Per talk placed away from its `current` session (a penalty; unplacing it counts as a move).
    pub moves: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            cohesion: 1.0,
            poster_cohesion: 0.05,
            track: 0.5,
            track_room: 0.2,
            parallel: 0.1,
            moves: 2.0,
        }
    }
}

/// Which talks may be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Place only talks without a `current` session; talks with one stay there (as if pinned).
    UnscheduledOnly,
    /// Re-place every talk that is not pinned (moves away from `current` are penalised).
    ReplaceAll,
}

/// Effort and reproducibility knobs.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Which talks may be placed.
    pub mode: Mode,
    /// Seed of the search's random number generator; equal inputs and seeds give equal outputs.
    pub seed: u64,
    /// Solve exactly (branch and bound) when at most this many talks are free to place.
    pub exact_max_talks: usize,
    /// Node budget of branch and bound; when exhausted the result is not proven optimal.
    pub node_limit: u64,
    /// Annealing iterations of the heuristic (0 = automatic, about 6 000 per free talk).
    pub iterations: u64,
    /// Stop the heuristic at this instant even if iterations remain (the result then depends on machine speed).
    pub deadline: Option<Instant>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mode: Mode::ReplaceAll,
            seed: 1,
            exact_max_talks: 16,
            node_limit: 5_000_000,
            iterations: 0,
            deadline: None,
        }
    }
}

/// One scheduling instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The sessions to fill.
    pub sessions: Vec<Session>,
    /// The talks and posters to place.
    pub talks: Vec<Talk>,
    /// Per person index, intervals `[start, end)` when they cannot attend; people beyond the end are never busy.
    pub busy: Vec<Vec<(i64, i64)>>,
    /// Topic similarity between talks.
    pub similarity: Similarity,
    /// `(i, j, w)`: `w >= 0` attendees want both talks `i` and `j`; each unordered pair at most once.
    pub coattend: Vec<(usize, usize, f64)>,
    /// Objective weights.
    pub weights: Weights,
}

/// A malformed input; nothing was solved.
#[derive(Debug, Clone, PartialEq)]
pub enum InputError {
    /// A session ends at or before its start, or has negative fixed minutes.
    BadSession { session: usize },
    /// A talk (not a poster) has a non-positive duration.
    BadDuration { talk: usize },
    /// A talk's `pinned` or `current` names a session that does not exist.
    UnknownSession { talk: usize, session: usize },
    /// A busy interval ends at or before its start.
    BadBusy { person: usize, index: usize },
    /// A similarity pair names an unknown talk, pairs a talk with itself, or has a value outside [0, 1].
    BadSimilarity { index: usize },
    /// `Similarity::Topics` does not have one entry per talk.
    TopicsLength { expected: usize, actual: usize },
    /// A co-attendance pair names an unknown talk, pairs a talk with itself, or has a negative or non-finite weight.
    BadCoattend { index: usize },
    /// A weight is negative or not finite.
    BadWeight { name: &'static str },
}

/// Cap on the number of input errors reported.
pub const MAX_INPUT_ERRORS: usize = 100;

/// Checks every index and number; returns all problems found (at most [`MAX_INPUT_ERRORS`]).
pub(super) fn validate(p: &Problem) -> Result<(), Vec<InputError>> {
    let mut e = Vec::new();
    let (ns, nt) = (p.sessions.len(), p.talks.len());
    for (i, s) in p.sessions.iter().enumerate() {
        if s.end <= s.start || s.fixed_minutes < 0 {
            e.push(InputError::BadSession { session: i });
        }
    }
    for (i, t) in p.talks.iter().enumerate() {
        if !t.poster && t.duration <= 0 {
            e.push(InputError::BadDuration { talk: i });
        }
        for s in [t.pinned, t.current].into_iter().flatten() {
            if s >= ns {
                e.push(InputError::UnknownSession { talk: i, session: s });
            }
        }
    }
    for (person, v) in p.busy.iter().enumerate() {
        for (index, &(a, b)) in v.iter().enumerate() {
            if b <= a {
                e.push(InputError::BadBusy { person, index });
            }
        }
    }
    match &p.similarity {
        Similarity::Pairs(v) => {
            for (index, &(i, j, s)) in v.iter().enumerate() {
                if i >= nt || j >= nt || i == j || !(0.0..=1.0).contains(&s) {
                    e.push(InputError::BadSimilarity { index });
                }
            }
        }
        Similarity::Topics(v) => {
            if v.len() != nt {
                e.push(InputError::TopicsLength {
                    expected: nt,
                    actual: v.len(),
                });
            }
        }
    }
    for (index, &(i, j, w)) in p.coattend.iter().enumerate() {
        if i >= nt || j >= nt || i == j || !w.is_finite() || w < 0.0 {
            e.push(InputError::BadCoattend { index });
        }
    }
    let w = &p.weights;
    for (name, v) in [
        ("cohesion", w.cohesion),
        ("poster_cohesion", w.poster_cohesion),
        ("track", w.track),
        ("track_room", w.track_room),
        ("parallel", w.parallel),
        ("moves", w.moves),
    ] {
        if !v.is_finite() || v < 0.0 {
            e.push(InputError::BadWeight { name });
        }
    }
    e.truncate(MAX_INPUT_ERRORS);
    if e.is_empty() { Ok(()) } else { Err(e) }
}
