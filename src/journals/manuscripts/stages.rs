//! The editorial workflow as a state machine (pure): which moves lead from which stage where.
//! Desk check → review rounds → decision → revision → copyediting → production → scheduled
//! → published; declined and withdrawn end it.

use super::model::Stage;

/// A move of a manuscript through the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// The desk check sends it to peer review.
    SendToReview,
    /// Declined at the desk, without review.
    DeskReject,
    /// After review: back to the authors for revision.
    RequestRevision,
    /// The authors send a revision: the next review round.
    Resubmit,
    /// Accepted: on to copyediting.
    Accept,
    /// Declined after review.
    Decline,
    /// Copyediting done: galleys are made.
    ToProduction,
    /// Placed in an issue.
    Schedule,
    /// Taken out of its issue again.
    Unschedule,
    /// Its issue is published.
    Publish,
    /// Withdrawn by its authors (until it is scheduled).
    Withdraw,
}

/// Where `m` leads from `from`, or `None` when the move is not possible there.
pub fn next(from: Stage, m: Move) -> Option<Stage> {
    use Move::*;
    use Stage::*;
    Some(match (from, m) {
        (Desk, SendToReview) => Review,
        (Desk, DeskReject) => Declined,
        (Review, RequestRevision) => Revision,
        (Revision, Resubmit) => Review,
        (Review | Revision, Accept) => Copyediting,
        (Review, Decline) => Declined,
        (Copyediting, ToProduction) => Production,
        (Production, Schedule) => Scheduled,
        (Scheduled, Unschedule) => Production,
        (Scheduled, Publish) => Published,
        (Desk | Review | Revision | Copyediting | Production, Withdraw) => Withdrawn,
        _ => return None,
    })
}

/// Whether the manuscript is still being worked on.
pub fn is_open(s: Stage) -> bool {
    !matches!(s, Stage::Published | Stage::Declined | Stage::Withdrawn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_move_from_every_stage() {
        use Move::*;
        use Stage::*;
        let moves = [
            SendToReview,
            DeskReject,
            RequestRevision,
            Resubmit,
            Accept,
            Decline,
            ToProduction,
            Schedule,
            Unschedule,
            Publish,
            Withdraw,
        ];
        // One row per stage: where each move (in the order above) leads, `None` if nowhere.
        let table: &[(Stage, [Option<Stage>; 11])] = &[
            (
                Desk,
                [
                    Some(Review),
                    Some(Declined),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Withdrawn),
                ],
            ),
            (
                Review,
                [
                    None,
                    None,
                    Some(Revision),
                    None,
                    Some(Copyediting),
                    Some(Declined),
                    None,
                    None,
                    None,
                    None,
                    Some(Withdrawn),
                ],
            ),
            (
                Revision,
                [
                    None,
                    None,
                    None,
                    Some(Review),
                    Some(Copyediting),
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Withdrawn),
                ],
            ),
            (
                Copyediting,
                [
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Production),
                    None,
                    None,
                    None,
                    Some(Withdrawn),
                ],
            ),
            (
                Production,
                [
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Scheduled),
                    None,
                    None,
                    Some(Withdrawn),
                ],
            ),
            (
                Scheduled,
                [
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Production),
                    Some(Published),
                    None,
                ],
            ),
            (Published, [None; 11]),
            (Declined, [None; 11]),
            (Withdrawn, [None; 11]),
        ];
        assert_eq!(table.len(), Stage::ALL.len(), "every stage has a row");
        for (from, row) in table {
            for (m, want) in moves.iter().zip(row) {
                assert_eq!(next(*from, *m), *want, "{from:?} {m:?}");
            }
            assert_eq!(is_open(*from), row.iter().any(Option::is_some), "{from:?}");
        }
    }
}
