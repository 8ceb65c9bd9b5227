//! Committee members as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::committee_members;

crate::text_enum! {
    /// A committee member's role.
    pub enum CommitteeRole {
        /// Reviews papers.
        Reviewer = "reviewer",
        /// Senior reviewer: oversees a paper's reviews and writes its meta-review.
        AreaChair = "area_chair",
    }
}

/// Reviews papers.
pub const REVIEWER: CommitteeRole = CommitteeRole::Reviewer;
/// Senior reviewer: oversees a paper's reviews and writes its meta-review.
pub const AREA_CHAIR: CommitteeRole = CommitteeRole::AreaChair;

crate::text_enum! {
    /// Where an invitation stands.
    pub enum MemberStatus {
        /// Invited, no answer yet.
        Invited = "invited",
        /// Accepted; `user_id` is set.
        Accepted = "accepted",
        /// Declined.
        Declined = "declined",
    }
}

/// Invited, no answer yet.
pub const INVITED: MemberStatus = MemberStatus::Invited;
/// Accepted; `user_id` is set.
pub const ACCEPTED: MemberStatus = MemberStatus::Accepted;
/// Declined.
pub const DECLINED: MemberStatus = MemberStatus::Declined;

/// An invitation to a venue's committee and its answer.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = committee_members)]
#[schema(as = CommitteeMember)]
pub struct Member {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Invited address (lower case).
    pub email: String,
    /// Name as the chair typed it.
    pub name: String,
    /// Account, once accepted.
    pub user_id: Option<i64>,
    /// `reviewer` or `area_chair`.
    #[diesel(deserialize_as = String)]
    pub role: CommitteeRole,
    /// `invited`, `accepted` or `declined`.
    #[diesel(deserialize_as = String)]
    pub status: MemberStatus,
    /// Never serialised.
    #[serde(skip)]
    pub token_hash: String,
    /// Who invited.
    pub invited_by: Option<i64>,
    /// When the (latest) invitation went out.
    #[serde(with = "crate::web::utc")]
    pub invited_at: NaiveDateTime,
    /// When the invitee answered.
    #[serde(default, with = "crate::web::utc::option")]
    pub responded_at: Option<NaiveDateTime>,
    /// Reason given when declining.
    pub decline_reason: String,
    /// Someone the invitee suggested instead.
    pub suggestion: String,
    /// Per-reviewer minimum load (else the venue's).
    pub min_load: Option<i32>,
    /// Per-reviewer maximum load (else the venue's).
    pub max_load: Option<i32>,
}
