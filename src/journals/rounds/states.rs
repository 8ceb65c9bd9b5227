//! Where a reviewer invitation stands, as OJS names it, and what each side may do from there.
//! The state follows from what the reviewer did, the editors' marks and the due dates, so
//! "overdue" is never stored and never stale. Pure: no I/O.

use chrono::NaiveDate;
use serde::Serialize;

use super::model::Status;

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = JournalReviewState)]
pub enum ReviewState {
    /// Invited; no answer yet.
    AwaitingResponse,
    /// No answer, and the answer was due before today.
    ResponseOverdue,
    /// The reviewer declined.
    Declined,
    /// Accepted; the review is being written.
    Accepted,
    /// Accepted, and the review was due before today.
    ReviewOverdue,
    /// The review is in; an editor has not yet confirmed it.
    Received,
    /// An editor confirmed the review.
    Complete,
    /// The reviewer was thanked.
    Thanked,
    /// The editors cancelled the invitation.
    Cancelled,
}

/// What decides the state.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    /// What the reviewer did.
    pub status: Status,
    /// Cancelled by the editors.
    pub cancelled: bool,
    /// Confirmed by an editor.
    pub confirmed: bool,
    /// Thanked.
    pub thanked: bool,
    /// Answer due (end of day).
    pub response_due: NaiveDate,
    /// Review due (end of day).
    pub review_due: NaiveDate,
    /// Today (UTC).
    pub today: NaiveDate,
}

/// The state of an invitation.
pub fn state(f: &Facts) -> ReviewState {
    use ReviewState::*;
    if f.cancelled {
        return Cancelled;
    }
    match f.status {
        Status::Invited if f.today > f.response_due => ResponseOverdue,
        Status::Invited => AwaitingResponse,
        Status::Declined => Declined,
        Status::Accepted if f.today > f.review_due => ReviewOverdue,
        Status::Accepted => Accepted,
        Status::Submitted if f.thanked => Thanked,
        Status::Submitted if f.confirmed => Complete,
        Status::Submitted => Received,
    }
}

/// Something done to an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// The reviewer accepts.
    Accept,
    /// The reviewer declines (also after accepting, while the review is not in).
    Decline,
    /// The reviewer saves or submits the review.
    Review,
    /// The editors cancel the invitation.
    Cancel,
    /// The editors take a cancelled invitation back.
    Reinstate,
    /// The editors change the due dates.
    ChangeDates,
    /// An editor confirms the review.
    Confirm,
    /// An editor thanks the reviewer (confirming the review if nobody had).
    Thank,
    /// An editor reminds the reviewer by hand.
    Remind,
}

/// Whether `act` is possible in `s`.
pub fn allows(s: ReviewState, act: Act) -> bool {
    use Act::*;
    use ReviewState::*;
    match act {
        Accept => matches!(s, AwaitingResponse | ResponseOverdue),
        Decline => matches!(s, AwaitingResponse | ResponseOverdue | Accepted | ReviewOverdue),
        Review => matches!(s, Accepted | ReviewOverdue),
        Cancel => matches!(s, AwaitingResponse | ResponseOverdue | Accepted | ReviewOverdue),
        Reinstate => s == Cancelled,
        ChangeDates | Remind => matches!(s, AwaitingResponse | ResponseOverdue | Accepted | ReviewOverdue),
        Confirm => s == Received,
        Thank => matches!(s, Received | Complete),
    }
}

/// Whether the invitation still counts as an active reviewer of the round (for the editors'
/// tally: the answer may yet come, or has come).
pub fn active(s: ReviewState) -> bool {
    !matches!(s, ReviewState::Declined | ReviewState::Cancelled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).expect("date")
    }

    fn facts(status: Status, today: u32) -> Facts {
        Facts {
            status,
            cancelled: false,
            confirmed: false,
            thanked: false,
            response_due: day(10),
            review_due: day(20),
            today: day(today),
        }
    }

    #[test]
    fn each_state_follows_from_status_marks_and_dates() {
        use ReviewState::*;
        let cases = [
            (facts(Status::Invited, 10), AwaitingResponse),
            (facts(Status::Invited, 11), ResponseOverdue),
            (facts(Status::Declined, 30), Declined),
            (facts(Status::Accepted, 20), Accepted),
            (facts(Status::Accepted, 21), ReviewOverdue),
            (facts(Status::Submitted, 25), Received),
            (
                Facts {
                    confirmed: true,
                    ..facts(Status::Submitted, 25)
                },
                Complete,
            ),
            (
                Facts {
                    thanked: true,
                    ..facts(Status::Submitted, 25)
                },
                Thanked,
            ),
            (
                Facts {
                    cancelled: true,
                    ..facts(Status::Accepted, 1)
                },
                Cancelled,
            ),
            (
                Facts {
                    cancelled: true,
                    ..facts(Status::Submitted, 1)
                },
                Cancelled,
            ),
        ];
        for (f, want) in cases {
            assert_eq!(state(&f), want, "{f:?}");
        }
    }

    #[test]
    fn what_may_be_done_in_each_state() {
        use Act::*;
        use ReviewState::*;
        let acts = [Accept, Decline, Review, Cancel, Reinstate, ChangeDates, Confirm, Thank, Remind];
        let t = true;
        let f = false;
        // One row per state, in the order of `acts`.
        let table: &[(ReviewState, [bool; 9])] = &[
            (AwaitingResponse, [t, t, f, t, f, t, f, f, t]),
            (ResponseOverdue, [t, t, f, t, f, t, f, f, t]),
            (Declined, [f, f, f, f, f, f, f, f, f]),
            (Accepted, [f, t, t, t, f, t, f, f, t]),
            (ReviewOverdue, [f, t, t, t, f, t, f, f, t]),
            (Received, [f, f, f, f, f, f, t, t, f]),
            (Complete, [f, f, f, f, f, f, f, t, f]),
            (Thanked, [f, f, f, f, f, f, f, f, f]),
            (Cancelled, [f, f, f, f, t, f, f, f, f]),
        ];
        for (s, row) in table {
            for (a, want) in acts.iter().zip(row) {
                assert_eq!(allows(*s, *a), *want, "{s:?} {a:?}");
            }
        }
        assert!(!active(Declined) && !active(Cancelled) && active(ResponseOverdue) && active(Thanked));
    }
}
