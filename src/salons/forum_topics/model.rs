//! Forum topic data.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::forum_topics;

crate::text_enum! {
    /// How a topic came to the forum.
    pub enum Origin {
        /// Commissioned by the chairs, with a convener they named.
        Commissioned = "commissioned",
        /// Proposed openly.
        Proposed = "proposed",
    }
}

crate::text_enum! {
    /// Where a topic stands.
    pub enum TopicStatus {
        /// Waiting for the chairs.
        Proposed = "proposed",
        /// On the forum's list (commissioned topics start here).
        Adopted = "adopted",
        /// Declined, with a reason.
        Declined = "declined",
    }
}

/// A topic of a forum, adopted or not.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = forum_topics)]
pub struct ForumTopic {
    /// Id.
    pub id: i64,
    /// The forum.
    pub venue_id: i64,
    /// Commissioned or proposed.
    #[diesel(deserialize_as = String)]
    pub origin: Origin,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// What it covers and why now.
    pub description: String,
    /// Who convenes it (name and institution as text).
    pub convener: String,
    /// The convener's address, when the chairs commissioned them ('' otherwise).
    pub convener_email: String,
    /// Who proposed it (a chair for commissioned topics).
    pub proposed_by: i64,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: TopicStatus,
    /// The chairs' reason.
    pub decision_note: String,
    /// Who decided.
    pub decided_by: Option<i64>,
    /// When.
    pub decided_at: Option<NaiveDateTime>,
    /// The venue topic it became.
    pub topic_id: Option<i64>,
    /// Proposed.
    pub created_at: NaiveDateTime,
}
