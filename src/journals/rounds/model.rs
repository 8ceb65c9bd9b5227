//! Reviewer invitations as stored: who was invited into which round, what they answered and
//! their review.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::reviewer_invitations;

crate::text_enum! {
    /// What the reviewer has done with an invitation.
    pub enum Status {
        /// Not answered yet.
        Invited = "invited",
        /// Accepted: the review is being written.
        Accepted = "accepted",
        /// Declined.
        Declined = "declined",
        /// The review is in.
        Submitted = "submitted",
    }
}

crate::text_enum! {
    /// A reviewer's recommendation to the editors (OJS's set).
    pub enum Recommendation {
        /// Accept as it is.
        Accept = "accept",
        /// Accept after minor revision.
        MinorRevision = "minor_revision",
        /// Major revision, then review again.
        MajorRevision = "major_revision",
        /// Resubmit as a new manuscript.
        Resubmit = "resubmit",
        /// Decline.
        Decline = "decline",
        /// No recommendation: see the comments.
        SeeComments = "see_comments",
    }
}

/// A reviewer invitation of one round.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reviewer_invitations)]
pub struct Invitation {
    /// Id.
    pub id: i64,
    /// The manuscript.
    pub manuscript_id: i64,
    /// The review round.
    pub round: i32,
    /// Invited address (lower-case).
    pub email: String,
    /// Name as the editor gave it.
    pub name: String,
    /// Institution as the editor gave it.
    pub affiliation: String,
    /// The account with this verified address, once known.
    pub user_id: Option<i64>,
    /// SHA-256 of the link token.
    pub token_hash: String,
    /// What the link is made from (with the server's secret key).
    pub link_nonce: String,
    /// What the reviewer did.
    #[diesel(deserialize_as = String)]
    pub status: Status,
    /// The editor's words in the invitation.
    pub message: String,
    /// Possible conflicts the editor saw and invited anyway (JSON list of codes).
    pub conflicts: String,
    /// Who invited.
    pub invited_by: Option<i64>,
    /// When.
    pub invited_at: NaiveDateTime,
    /// Answer expected by the end of this day (UTC).
    pub response_due: NaiveDate,
    /// Review expected by the end of this day (UTC).
    pub review_due: NaiveDate,
    /// When the reviewer accepted or declined.
    pub responded_at: Option<NaiveDateTime>,
    /// Why they declined.
    pub decline_reason: String,
    /// Whom they suggested instead.
    pub suggestion: String,
    /// Their recommendation (`Recommendation` text).
    pub recommendation: Option<String>,
    /// Answers to the review form (JSON).
    pub answers: String,
    /// The form answered, as it was at submission (JSON).
    pub form: Option<String>,
    /// Last draft save.
    pub saved_at: Option<NaiveDateTime>,
    /// When the review came in.
    pub submitted_at: Option<NaiveDateTime>,
    /// When an editor confirmed the review (OJS's "complete").
    pub confirmed_at: Option<NaiveDateTime>,
    /// When the reviewer was thanked.
    pub thanked_at: Option<NaiveDateTime>,
    /// When the editors cancelled the invitation.
    pub cancelled_at: Option<NaiveDateTime>,
    /// Reminders sent.
    pub reminders_sent: i32,
    /// The last one.
    pub last_reminded_at: Option<NaiveDateTime>,
    /// Changes with the due dates (reminder jobs carry it).
    pub stamp: i32,
}

impl Invitation {
    /// Where the invitation stands on `today` (UTC).
    pub fn state(&self, today: NaiveDate) -> super::states::ReviewState {
        super::states::state(&super::states::Facts {
            status: self.status,
            cancelled: self.cancelled_at.is_some(),
            confirmed: self.confirmed_at.is_some(),
            thanked: self.thanked_at.is_some(),
            response_due: self.response_due,
            review_due: self.review_due,
            today,
        })
    }
}
