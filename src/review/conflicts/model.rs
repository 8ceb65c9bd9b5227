//! Conflicts as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::conflicts;

crate::text_enum! {
    /// Where a conflict stands.
    pub enum ConflictStatus {
        /// Binds: the user never sees the paper, its reviews or its discussion.
        Confirmed = "confirmed",
        /// Declared by the paper's authors: binds like a confirmed conflict until a chair dismisses it,
        /// and chairs see papers that declare unusually many.
        Declared = "declared",
        /// Proposed by the system; waits for a chair.
        Suggested = "suggested",
        /// A chair decided this suggestion is not a conflict.
        Dismissed = "dismissed",
    }
}

/// Binds: the user never sees the paper, its reviews or its discussion.
pub const CONFIRMED: ConflictStatus = ConflictStatus::Confirmed;
/// Declared by the paper's authors: binds like a confirmed conflict until a chair dismisses it,
/// and chairs see papers that declare unusually many.
pub const DECLARED: ConflictStatus = ConflictStatus::Declared;
/// The statuses that keep a person away from a paper.
pub const BINDING: [ConflictStatus; 2] = [CONFIRMED, DECLARED];
/// Proposed by the system; waits for a chair.
pub const SUGGESTED: ConflictStatus = ConflictStatus::Suggested;
/// A chair decided this suggestion is not a conflict.
pub const DISMISSED: ConflictStatus = ConflictStatus::Dismissed;

crate::text_enum! {
    /// Who raised a conflict.
    pub enum ConflictSource {
        /// Declared by an author when submitting.
        Author = "author",
        /// Declared by the committee member.
        Reviewer = "reviewer",
        /// Added by a chair.
        Chair = "chair",
        /// Found by conflict detection.
        System = "system",
    }
}

/// Declared by an author when submitting.
pub const FROM_AUTHOR: ConflictSource = ConflictSource::Author;
/// Declared by the committee member.
pub const FROM_REVIEWER: ConflictSource = ConflictSource::Reviewer;
/// Added by a chair.
pub const FROM_CHAIR: ConflictSource = ConflictSource::Chair;
/// Found by conflict detection.
pub const FROM_SYSTEM: ConflictSource = ConflictSource::System;

/// A conflict between a paper and a person.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = conflicts)]
pub struct Conflict {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Paper.
    pub submission_id: i64,
    /// Person.
    pub user_id: i64,
    /// `confirmed`, `declared`, `suggested` or `dismissed`.
    #[diesel(deserialize_as = String)]
    pub status: ConflictStatus,
    /// `author`, `reviewer`, `chair` or `system`.
    #[diesel(deserialize_as = String)]
    pub source: ConflictSource,
    /// Reasons (`code:detail`, separated by `|`) or free text.
    pub reason: String,
    /// Who declared it.
    pub created_by: Option<i64>,
    /// When.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Chair who confirmed or dismissed it.
    pub decided_by: Option<i64>,
    /// When.
    #[serde(default, with = "crate::web::utc::option")]
    pub decided_at: Option<NaiveDateTime>,
}
