//! The phases of an edition; which moves between them are allowed is the panel's rule (pure).

use serde::Serialize;

/// Where an edition stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Phase {
    /// Scientists nominate journals.
    Nomination,
    /// The expert panel votes.
    Evaluation,
    /// The proposed catalogue is public and objections may be filed (公示).
    Notice,
    /// The catalogue is published; final.
    Published,
}

impl Phase {
    /// Phases in order.
    pub const ALL: [Phase; 4] = [Phase::Nomination, Phase::Evaluation, Phase::Notice, Phase::Published];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Phase::Nomination => "nomination",
            Phase::Evaluation => "evaluation",
            Phase::Notice => "notice",
            Phase::Published => "published",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.code() == s.trim())
    }
}

pub use crate::panel::phases::MoveError;

/// Checks a move: one step forward, or one step back with a reason, never away from Published.
pub fn check_move(from: Phase, to: Phase, reason: &str) -> Result<(), MoveError> {
    crate::panel::phases::check_move(&Phase::ALL, from, to, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edition_moves_forward_one_phase_at_a_time() {
        assert_eq!(check_move(Phase::Nomination, Phase::Evaluation, ""), Ok(()));
        assert_eq!(check_move(Phase::Notice, Phase::Published, ""), Ok(()));
        assert_eq!(check_move(Phase::Nomination, Phase::Notice, ""), Err(MoveError::NotAdjacent));
        assert_eq!(check_move(Phase::Evaluation, Phase::Evaluation, ""), Err(MoveError::NotAdjacent));
    }

    #[test]
    fn going_back_needs_a_reason_and_a_published_edition_is_final() {
        assert_eq!(check_move(Phase::Notice, Phase::Evaluation, "  "), Err(MoveError::ReasonRequired));
        assert_eq!(check_move(Phase::Notice, Phase::Evaluation, "new indicator data"), Ok(()));
        assert_eq!(check_move(Phase::Published, Phase::Notice, "typo"), Err(MoveError::Published));
    }

    #[test]
    fn codes_round_trip() {
        for p in Phase::ALL {
            assert_eq!(Phase::parse(p.code()), Some(p));
        }
        assert_eq!(Phase::parse("draft"), None);
    }
}
