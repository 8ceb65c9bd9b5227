//! Conflicts as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::conflicts;

/// Binds: the user never sees the paper, its reviews or its discussion.
pub const CONFIRMED: &str = "confirmed";
/// Declared by the paper's authors: binds like a confirmed conflict until a chair dismisses it,
/// and chairs see papers that declare unusually many.
pub const DECLARED: &str = "declared";
/// The statuses that keep a person away from a paper.
pub const BINDING: [&str; 2] = [CONFIRMED, DECLARED];
/// Proposed by the system; waits for a chair.
pub const SUGGESTED: &str = "suggested";
/// A chair decided this suggestion is not a conflict.
pub const DISMISSED: &str = "dismissed";

/// Declared by an author when submitting.
pub const FROM_AUTHOR: &str = "author";
/// Declared by the committee member.
pub const FROM_REVIEWER: &str = "reviewer";
/// Added by a chair.
pub const FROM_CHAIR: &str = "chair";
/// Found by conflict detection.
pub const FROM_SYSTEM: &str = "system";

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
    pub status: String,
    /// `author`, `reviewer`, `chair` or `system`.
    pub source: String,
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
