//! Rows of feedback: a venue's survey questions, the receipts that record that someone answered
//! (and nothing of what), and the answers (with no person and no time).

use std::collections::BTreeMap;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::survey_questions;

crate::text_enum! {
    /// What a survey question asks about.
    pub enum SurveyScope {
        /// The whole event (asked once).
        Event = "event",
        /// Each session of the programme (asked per session).
        Session = "session",
    }
}

crate::text_enum! {
    /// How a survey question is answered.
    pub enum SurveyKind {
        /// A rating from 1 to 5, with an optional comment.
        Rating = "rating",
        /// Free text.
        Comment = "comment",
    }
}

/// A survey question of a venue.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = survey_questions)]
pub struct SurveyQuestion {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Order within the venue's questions.
    pub position: i32,
    /// Event or session.
    #[diesel(deserialize_as = String)]
    pub scope: SurveyScope,
    /// Rating or comment.
    #[diesel(deserialize_as = String)]
    pub kind: SurveyKind,
    /// Chinese wording.
    pub label_zh: String,
    /// English wording.
    pub label_en: String,
    /// Must be answered.
    pub required: bool,
}

/// The target of the event survey (a session's target is its programme GUID).
pub const EVENT: &str = "event";

/// One stored answer to one question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAnswer {
    /// 1 to 5 for a rating question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// Trimmed comment, empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// One person's answers to one target, by question id (the `answers` JSON of a row).
pub type StoredAnswers = BTreeMap<i64, StoredAnswer>;
