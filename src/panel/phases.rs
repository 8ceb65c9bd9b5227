//! Which moves between a round's phases are allowed (pure): one step forward, or one step back
//! with a written reason, and never away from the last phase (published results are final).

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveError {
    /// Only one step forward or back at a time.
    NotAdjacent,
    /// The last phase (published) is final.
    Published,
    /// Going back needs a written reason.
    ReasonRequired,
}

/// Checks a move from `from` to `to` along `order`, the round's phases in order.
pub fn check_move<P: PartialEq + Copy>(order: &[P], from: P, to: P, reason: &str) -> Result<(), MoveError> {
    let at = |p: P| order.iter().position(|q| *q == p);
    let (Some(f), Some(t)) = (at(from), at(to)) else {
        return Err(MoveError::NotAdjacent);
    };
    if f + 1 == order.len() {
        return Err(MoveError::Published);
    }
    if t == f + 1 {
        Ok(())
    } else if t + 1 == f {
        if reason.trim().is_empty() {
            Err(MoveError::ReasonRequired)
        } else {
            Ok(())
        }
    } else {
        Err(MoveError::NotAdjacent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: [&str; 4] = ["nomination", "evaluation", "notice", "published"];

    #[test]
    fn a_round_moves_forward_one_phase_at_a_time() {
        assert_eq!(check_move(&ORDER, "nomination", "evaluation", ""), Ok(()));
        assert_eq!(check_move(&ORDER, "notice", "published", ""), Ok(()));
        assert_eq!(check_move(&ORDER, "nomination", "notice", ""), Err(MoveError::NotAdjacent));
        assert_eq!(check_move(&ORDER, "evaluation", "evaluation", ""), Err(MoveError::NotAdjacent));
        assert_eq!(check_move(&ORDER, "evaluation", "draft", ""), Err(MoveError::NotAdjacent));
    }

    #[test]
    fn going_back_needs_a_reason_and_the_last_phase_is_final() {
        assert_eq!(check_move(&ORDER, "notice", "evaluation", "  "), Err(MoveError::ReasonRequired));
        assert_eq!(check_move(&ORDER, "notice", "evaluation", "new indicator data"), Ok(()));
        assert_eq!(check_move(&ORDER, "published", "notice", "typo"), Err(MoveError::Published));
    }
}
