//! Rows of salon minutes: the document of one salon venue and its statements.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{salon_minutes, salon_minutes_statements};

crate::text_enum! {
    /// Where the minutes stand.
    pub enum MinutesStatus {
        /// Being written; only its writers see it.
        Draft = "draft",
        /// Sent to the speakers, each of whom reviews their own statements until the deadline.
        InReview = "in_review",
        /// Public.
        Published = "published",
    }
}

crate::text_enum! {
    /// What a statement is.
    pub enum StatementKind {
        /// A main viewpoint of the discussion.
        Viewpoint = "viewpoint",
        /// A dissenting view, kept as it was said.
        Dissent = "dissent",
    }
}

crate::text_enum! {
    /// How a statement names its speaker in public, as the speaker chose.
    pub enum Attribution {
        /// With the speaker's name.
        Named = "named",
        /// As "a participant": the speaker is never shown in public.
        Anonymous = "anonymous",
    }
}

crate::text_enum! {
    /// The speaker's review of a statement.
    pub enum ReviewState {
        /// No review: the speaker has no account here (named by the writer only).
        NoAccount = "none",
        /// Waiting for the speaker (not asked yet while the minutes are a draft).
        Pending = "pending",
        /// The speaker approved the text.
        Approved = "approved",
        /// The speaker asked for a change; open until a writer resolves it.
        ChangesRequested = "changes_requested",
        /// Not answered by the deadline: approved by silence (recorded at publication).
        Silent = "silent",
    }
}

/// The minutes of one salon venue.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = salon_minutes)]
pub struct Minutes {
    /// Id.
    pub id: i64,
    /// The salon venue.
    pub venue_id: i64,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Chinese introduction.
    pub intro_zh: String,
    /// English introduction.
    pub intro_en: String,
    /// Chinese consensus and outlook (optional).
    pub outlook_zh: String,
    /// English consensus and outlook (optional).
    pub outlook_en: String,
    /// Draft, in review or published.
    #[diesel(deserialize_as = String)]
    pub status: MinutesStatus,
    /// Until when speakers review (UTC).
    pub review_deadline: Option<NaiveDateTime>,
    /// When the minutes were sent for review.
    pub sent_at: Option<NaiveDateTime>,
    /// When published.
    pub published_at: Option<NaiveDateTime>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// One statement of minutes.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = salon_minutes_statements)]
pub struct Statement {
    /// Id.
    pub id: i64,
    /// The minutes.
    pub minutes_id: i64,
    /// Order within the minutes.
    pub position: i32,
    /// Viewpoint or dissent.
    #[diesel(deserialize_as = String)]
    pub kind: StatementKind,
    /// Chinese text, verbatim.
    pub text_zh: String,
    /// English text, verbatim.
    pub text_en: String,
    /// The speaker's account (none for someone outside the list).
    pub speaker_id: Option<i64>,
    /// The name of a speaker outside the list (empty for an account).
    pub speaker_name: String,
    /// Named or anonymous.
    #[diesel(deserialize_as = String)]
    pub attribution: Attribution,
    /// The speaker's review.
    #[diesel(deserialize_as = String)]
    pub review: ReviewState,
    /// The speaker's comment with a change request.
    pub review_comment: String,
    /// The speaker's proposed Chinese wording.
    pub proposed_zh: String,
    /// The speaker's proposed English wording.
    pub proposed_en: String,
    /// The writer's answer when declining a change request.
    pub writer_reply: String,
    /// When the speaker last answered.
    pub reviewed_at: Option<NaiveDateTime>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
}
