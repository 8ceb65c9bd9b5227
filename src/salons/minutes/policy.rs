//! Who may do what with salon minutes, and the review rules: pure functions of loaded facts
//! (the loaders that answer 404 to anyone with no part are in `guard::salon`).
//!
//! Writers are the salon's chairs (and site administrators), its lead scientists and the
//! rapporteurs the chairs name. A speaker reviews only their own statements while the minutes
//! are in review. Everyone else sees the minutes only once they are published.

use chrono::NaiveDateTime;

use super::model::{MinutesStatus, ReviewState, StatementKind};

/// Whether someone with these roles writes the minutes.
pub fn may_write(chair: bool, lead_scientist: bool, rapporteur: bool) -> bool {
    chair || lead_scientist || rapporteur
}

/// A statement's review as the writers read it: unanswered ones count as approved by silence
/// once the deadline has passed.
pub fn effective(review: ReviewState, deadline: Option<NaiveDateTime>, now: NaiveDateTime) -> ReviewState {
    match (review, deadline) {
        (ReviewState::Pending, Some(d)) if now > d => ReviewState::Silent,
        (r, _) => r,
    }
}

/// Why the minutes cannot be published now (a message key), or `None` when they can: they must
/// have been sent for review (unless no statement needs one), no change request may be open,
/// and before the deadline every speaker must have answered.
pub fn publish_blocker(
    status: MinutesStatus,
    deadline: Option<NaiveDateTime>,
    reviews: &[ReviewState],
    now: NaiveDateTime,
) -> Option<&'static str> {
    let needs_review = reviews.iter().any(|r| *r != ReviewState::NoAccount);
    match status {
        MinutesStatus::Published => return Some("minutes.already_published"),
        MinutesStatus::Draft if needs_review => return Some("minutes.send_first"),
        _ => {}
    }
    if reviews.contains(&ReviewState::ChangesRequested) {
        return Some("minutes.change_open");
    }
    let effective: Vec<ReviewState> = reviews.iter().map(|r| effective(*r, deadline, now)).collect();
    if effective.contains(&ReviewState::Pending) {
        return Some("minutes.unanswered");
    }
    None
}

/// Whether a writer may delete a statement: a dissent its speaker approved (or let pass by
/// silence) stays unless the speaker withdraws it themself.
pub fn may_delete(kind: StatementKind, review: ReviewState) -> bool {
    !(kind == StatementKind::Dissent && matches!(review, ReviewState::Approved | ReviewState::Silent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewState as R;

    fn at(h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2027, 5, 1).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn writers_are_chairs_lead_scientists_and_rapporteurs() {
        for (c, l, r) in [(true, false, false), (false, true, false), (false, false, true)] {
            assert!(may_write(c, l, r));
        }
        assert!(!may_write(false, false, false));
    }

    #[test]
    fn silence_counts_only_after_the_deadline() {
        assert_eq!(effective(R::Pending, Some(at(10)), at(9)), R::Pending);
        assert_eq!(effective(R::Pending, Some(at(10)), at(11)), R::Silent);
        assert_eq!(effective(R::ChangesRequested, Some(at(10)), at(11)), R::ChangesRequested);
        assert_eq!(effective(R::Pending, None, at(11)), R::Pending);
    }

    #[test]
    fn publication_waits_for_answers_before_the_deadline_and_for_every_change_request() {
        use MinutesStatus::*;
        let d = Some(at(10));
        assert_eq!(publish_blocker(Draft, None, &[R::Pending], at(9)), Some("minutes.send_first"));
        assert_eq!(publish_blocker(Draft, None, &[R::NoAccount], at(9)), None, "nobody to ask");
        assert_eq!(
            publish_blocker(InReview, d, &[R::Approved, R::Pending], at(9)),
            Some("minutes.unanswered")
        );
        assert_eq!(publish_blocker(InReview, d, &[R::Approved, R::Pending], at(11)), None, "silence");
        assert_eq!(
            publish_blocker(InReview, d, &[R::ChangesRequested], at(11)),
            Some("minutes.change_open")
        );
        assert_eq!(publish_blocker(InReview, d, &[R::Approved, R::NoAccount], at(9)), None);
        assert_eq!(publish_blocker(Published, d, &[], at(9)), Some("minutes.already_published"));
    }

    #[test]
    fn an_approved_dissent_is_not_deleted_by_a_writer() {
        assert!(!may_delete(StatementKind::Dissent, R::Approved));
        assert!(!may_delete(StatementKind::Dissent, R::Silent));
        assert!(may_delete(StatementKind::Dissent, R::Pending));
        assert!(may_delete(StatementKind::Viewpoint, R::Approved));
    }
}
