//! Which step a case may move to, and what a move asks for: the pure rules of a case's course.

use chrono::NaiveDateTime;

use super::model::{CaseState, Outcome};

/// What moving a case by hand (not by ruling or appeal) needs, or why it may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Allowed; the deadline is optional.
    Free,
    /// Allowed with a deadline for the accused to answer (the hearing), and only with someone accused.
    Hearing,
    /// Closing: ends the case with this outcome.
    Close(Outcome),
    /// Not allowed from here.
    Refused,
}

/// What moving a case from `from` to `to` by hand means. A ruling is not a move: it is made
/// from the hearing with [`may_rule`]; an appeal is lodged by the accused.
pub fn move_of(from: CaseState, to: CaseState) -> Move {
    use CaseState::*;
    match (from, to) {
        (Reported, Preliminary) | (Preliminary, Investigation) => Move::Free,
        (Investigation, Hearing) => Move::Hearing,
        (Reported | Preliminary, Closed) => Move::Close(Outcome::Dismissed),
        (Investigation | Hearing, Closed) => Move::Close(Outcome::Cleared),
        _ => Move::Refused,
    }
}

/// Whether the committee may rule now: at the hearing, once its deadline has passed or every
/// person accused has answered.
pub fn may_rule(state: CaseState, due: Option<NaiveDateTime>, now: NaiveDateTime, everyone_answered: bool) -> bool {
    state == CaseState::Hearing && (everyone_answered || due.is_none_or(|d| d <= now))
}

/// Whether an accused person may still appeal: misconduct was found and the deadline has not passed.
pub fn may_appeal(state: CaseState, outcome: Option<&str>, due: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    state == CaseState::Ruled && outcome == Some(Outcome::Misconduct.as_str()) && due.is_some_and(|d| now < d)
}

/// Whether the committee may make a ruling final: no appeal can come any more.
pub fn may_finalise(state: CaseState, due: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    state == CaseState::Ruled && due.is_none_or(|d| d <= now)
}

/// Whether the accused may still write to the committee (until the case is closed).
pub fn open(state: CaseState) -> bool {
    state != CaseState::Closed
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseState::*;

    fn at(day: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2027, 3, day).unwrap().and_hms_opt(0, 0, 0).unwrap()
    }

    #[test]
    fn a_case_moves_forward_one_step_at_a_time_and_closes_early_only_before_a_ruling() {
        assert_eq!(move_of(Reported, Preliminary), Move::Free);
        assert_eq!(move_of(Preliminary, Investigation), Move::Free);
        assert_eq!(move_of(Investigation, Hearing), Move::Hearing);
        assert_eq!(move_of(Reported, Investigation), Move::Refused, "no skipping the preliminary check");
        assert_eq!(move_of(Preliminary, Hearing), Move::Refused, "no hearing without an investigation");
        assert_eq!(move_of(Hearing, Investigation), Move::Refused, "no going back");
        assert_eq!(move_of(Reported, Closed), Move::Close(Outcome::Dismissed));
        assert_eq!(move_of(Hearing, Closed), Move::Close(Outcome::Cleared));
        assert_eq!(move_of(Ruled, Closed), Move::Refused, "a ruling is made final, not closed by hand");
        assert_eq!(move_of(Appeal, Closed), Move::Refused, "an appeal is ruled on");
        assert_eq!(move_of(Closed, Preliminary), Move::Refused);
    }

    #[test]
    fn the_committee_rules_after_the_hearing_deadline_or_once_everyone_answered() {
        assert!(!may_rule(Hearing, Some(at(10)), at(9), false));
        assert!(may_rule(Hearing, Some(at(10)), at(9), true));
        assert!(may_rule(Hearing, Some(at(10)), at(10), false));
        assert!(!may_rule(Investigation, None, at(10), true), "only from the hearing");
    }

    #[test]
    fn an_appeal_comes_before_its_deadline_and_only_against_a_finding_of_misconduct() {
        let m = Some("misconduct");
        assert!(may_appeal(Ruled, m, Some(at(10)), at(9)));
        assert!(!may_appeal(Ruled, m, Some(at(10)), at(10)));
        assert!(!may_appeal(Ruled, Some("cleared"), Some(at(10)), at(9)));
        assert!(!may_appeal(Appeal, m, Some(at(10)), at(9)), "one appeal");
        assert!(!may_finalise(Ruled, Some(at(10)), at(9)), "not while an appeal may come");
        assert!(may_finalise(Ruled, Some(at(10)), at(10)));
    }
}
