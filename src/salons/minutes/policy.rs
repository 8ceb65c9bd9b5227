//! Who may do what with salon minutes, and the review rules: pure functions of loaded facts,
//! plus the loaders that answer 404 to anyone with no part (inside the action's transaction).
//!
//! Writers are the salon's chairs (and site administrators), its lead scientists and the
//! rapporteurs the chairs name. A speaker reviews only their own statements while the minutes
//! are in review. Everyone else sees the minutes only once they are published.

use chrono::NaiveDateTime;

use super::model::{MinutesStatus, ReviewState, StatementKind};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::venues::model::{Venue, VenueKind};

/// A salon seen by one of its minutes' writers.
#[derive(Debug, Clone)]
pub struct Writer {
    /// The salon venue.
    pub venue: Venue,
    /// The writer's account.
    pub user_id: i64,
    /// Whether they chair the salon (chairs also name rapporteurs).
    pub chair: bool,
}

/// Whether someone with these roles writes the minutes.
pub fn may_write(chair: bool, lead_scientist: bool, rapporteur: bool) -> bool {
    chair || lead_scientist || rapporteur
}

/// The salon venue named `slug` (404 for any other kind of venue: only salons have minutes).
pub fn salon(conn: &mut AnyConnection, slug: &str) -> AppResult<Venue> {
    let venue = crate::venues::store::by_slug(conn, slug)?;
    if venue.kind == VenueKind::Salon {
        Ok(venue)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `user` writes the minutes of `venue`.
pub fn writes(conn: &mut AnyConnection, user: &User, venue: &Venue) -> AppResult<Option<Writer>> {
    let chair = crate::guard::venue::may_manage(conn, user, venue.id)?;
    let lead = roles::has(conn, user.id, roles::LEAD_SCIENTIST, roles::SCOPE_VENUE, venue.id)?;
    let rapporteur = roles::has(conn, user.id, roles::RAPPORTEUR, roles::SCOPE_VENUE, venue.id)?;
    Ok(may_write(chair, lead, rapporteur).then(|| Writer {
        venue: venue.clone(),
        user_id: user.id,
        chair,
    }))
}

/// The salon `slug` for one of its writers (404 for anyone else).
pub fn writer(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Writer> {
    let venue = salon(conn, slug)?;
    writes(conn, user, &venue)?.ok_or(AppError::NotFound)
}

/// The salon `slug` for one of its chairs (404 for anyone else, writers included).
pub fn chair(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Writer> {
    let w = writer(conn, user, slug)?;
    if w.chair { Ok(w) } else { Err(AppError::NotFound) }
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

/// Runs `f` for a writer of salon `slug` in one transaction (404 for anyone else): the check
/// and the action see the same state.
pub async fn as_writer<T, F>(state: &crate::web::AppState, user: &crate::auth::CurrentUser, slug: String, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Writer) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let w = writer(c, &u, &slug)?;
            f(c, &w)
        })
        .await
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
