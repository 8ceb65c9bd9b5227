//! Review rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::reviews;

crate::text_enum! {
    /// What a review is.
    pub enum ReviewKind {
        /// A reviewer's review.
        Review = "review",
        /// An area chair's meta-review.
        Meta = "meta",
    }
}

/// A reviewer's review.
pub const REVIEW: ReviewKind = ReviewKind::Review;
/// An area chair's meta-review.
pub const META: ReviewKind = ReviewKind::Meta;
crate::text_enum! {
    /// Where a review stands.
    pub enum ReviewStatus {
        /// Saved but not submitted; only its writer sees it.
        Draft = "draft",
        /// Submitted.
        Submitted = "submitted",
    }
}

/// Saved but not submitted; only its writer sees it.
pub const DRAFT: ReviewStatus = ReviewStatus::Draft;
/// Submitted.
pub const SUBMITTED: ReviewStatus = ReviewStatus::Submitted;

/// A review as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = reviews)]
pub struct Review {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Paper.
    pub submission_id: i64,
    /// Writer.
    pub user_id: i64,
    /// `review` or `meta`.
    #[diesel(deserialize_as = String)]
    pub kind: ReviewKind,
    /// `draft` or `submitted`.
    #[diesel(deserialize_as = String)]
    pub status: ReviewStatus,
    /// Answers as JSON, keyed by field.
    pub answers: String,
    /// Overall score, copied from the answers.
    pub overall: Option<i32>,
    /// Confidence, copied from the answers.
    pub confidence: Option<i32>,
    /// First saved.
    pub created_at: NaiveDateTime,
    /// Last saved.
    pub updated_at: NaiveDateTime,
    /// First submitted.
    pub submitted_at: Option<NaiveDateTime>,
    /// Changes after submission.
    pub edits_after_submit: i32,
}

impl Review {
    /// The answers, parsed.
    pub fn parsed(&self) -> crate::review::forms::model::Answers {
        serde_json::from_str(&self.answers).unwrap_or_default()
    }

    /// Whether it has been submitted.
    pub fn is_submitted(&self) -> bool {
        self.status == SUBMITTED
    }
}

/// The kind of review an assignment role writes: reviewers a review, area chairs a meta-review.
pub fn kind_for_role(role: &str) -> Option<ReviewKind> {
    use crate::review::committee::model::CommitteeRole;
    match CommitteeRole::parse(role)? {
        CommitteeRole::Reviewer => Some(REVIEW),
        CommitteeRole::AreaChair => Some(META),
    }
}
