//! Editorial decisions and revisions as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{editorial_decisions, manuscript_revisions};

crate::text_enum! {
    /// An editor's decision after review.
    pub enum Decision {
        /// Accept: on to copyediting.
        Accept = "accept",
        /// Back to the authors for minor changes; the editors may accept the revision without
        /// another review round.
        MinorRevision = "minor_revision",
        /// Back to the authors for major changes, for another review round.
        MajorRevision = "major_revision",
        /// Decline.
        Decline = "decline",
    }
}

crate::text_enum! {
    /// Where a decision stands.
    pub enum DecisionStatus {
        /// Made by a section editor who only recommends: waits for a chief or managing editor.
        Proposed = "proposed",
        /// In effect; the letter went to the authors.
        Final = "final",
        /// Refused by a chief or managing editor.
        Refused = "refused",
    }
}

/// A decision with its letter.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = editorial_decisions)]
pub struct DecisionRow {
    /// Id.
    pub id: i64,
    /// The manuscript.
    pub manuscript_id: i64,
    /// The round it closes.
    pub round: i32,
    /// What was decided.
    #[diesel(deserialize_as = String)]
    pub decision: Decision,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: DecisionStatus,
    /// Who decided (or proposed).
    pub decided_by: Option<i64>,
    /// Letter subject, Chinese.
    pub subject_zh: String,
    /// Letter, Chinese.
    pub body_zh: String,
    /// Letter subject, English.
    pub subject_en: String,
    /// Letter, English.
    pub body_en: String,
    /// The proposer's note to the approver, or the approver's reason for refusing.
    pub note: String,
    /// Who approved or refused.
    pub resolved_by: Option<i64>,
    /// When.
    pub resolved_at: Option<NaiveDateTime>,
    /// When made.
    pub created_at: NaiveDateTime,
}

/// An authors' revision.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = manuscript_revisions)]
pub struct Revision {
    /// Id.
    pub id: i64,
    /// The manuscript.
    pub manuscript_id: i64,
    /// The round it opened.
    pub round: i32,
    /// The authors' response to the reviews.
    pub response: String,
    /// Who sent it.
    pub submitted_by: Option<i64>,
    /// When.
    pub submitted_at: NaiveDateTime,
}
