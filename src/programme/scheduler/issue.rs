//! Structured reasons a schedule is incomplete or breaks a rule; the caller renders them in any language.

/// Why a talk cannot be (or is not) in a given session.
#[derive(Debug, Clone, PartialEq)]
pub enum Obstacle {
    /// A poster in a talk session or a talk in a poster session.
    WrongKind,
    /// The talk needs `needs` minutes (posters: 1 place) but the session has only `free` after fixed items.
    TooLong { needs: i64, free: i64 },
    /// A speaker is busy during `[start, end)`, which overlaps the session.
    SpeakerBusy { person: u32, start: i64, end: i64 },
    /// A speaker chairs `session`, which overlaps this one.
    SpeakerChairs { person: u32, session: usize },
    /// In the proposed schedule the session's remaining room is too small: `used` of `free` taken.
    Full { used: i64, free: i64 },
    /// In the proposed schedule a speaker has `talk` in the overlapping `session`.
    SpeakerElsewhere { person: u32, talk: usize, session: usize },
}

/// Why no session is possible for a talk, whatever the other talks do.
#[derive(Debug, Clone, PartialEq)]
pub enum NoSessionReason {
    /// There is no session of the right kind at all (`poster` tells which kind is missing).
    NoSessionOfKind { poster: bool },
    /// Every session of the right kind is excluded; one obstacle per session.
    AllBlocked(Vec<(usize, Obstacle)>),
}

/// A reason the schedule is incomplete or a fixed talk breaks a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Infeasibility {
    /// A pinned talk (or, in unscheduled-only mode, a kept talk) breaks a hard rule in its session; it is kept there.
    FixedViolates {
        talk: usize,
        session: usize,
        pinned: bool,
        obstacle: Obstacle,
    },
    /// The talk fits no session at all.
    NoSession { talk: usize, reason: NoSessionReason },
    /// `person` has `talks` whose only possible `sessions` cannot host them all without the person being in two
    /// rooms at once (e.g. two talks both only possible on 14 May 09:00–10:30).
    SpeakerTalksCollide {
        person: u32,
        talks: Vec<usize>,
        sessions: Vec<usize>,
    },
    /// `talks` can only go into `sessions`, which lack room: `needed` minutes (places, for posters) versus
    /// `available` (per session, the most minutes the talks' durations can fill, e.g. 80 of 90 with 20-minute
    /// talks). With every talk of a kind listed it is the global shortage.
    NotEnoughTime {
        poster: bool,
        talks: Vec<usize>,
        sessions: Vec<usize>,
        needed: i64,
        available: i64,
    },
    /// The talk could go somewhere in principle, but every possible session is taken or clashes in the proposed
    /// schedule; `proven` means branch and bound showed that no schedule places more talks.
    Crowded {
        talk: usize,
        sessions: Vec<(usize, Obstacle)>,
        proven: bool,
    },
}
