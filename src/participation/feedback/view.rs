//! What surveys answer: the chairs' question list, what a participant may answer, and the
//! chairs' results per target (aggregates and comments, never a person, an id or a time).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::model::{SurveyKind, SurveyQuestion, SurveyScope};

/// A survey question.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveyQuestionView {
    /// Id (send it back to keep the question and its answers).
    pub id: i64,
    /// Event or session.
    pub scope: SurveyScope,
    /// Rating or comment.
    pub kind: SurveyKind,
    /// Chinese wording.
    pub label_zh: String,
    /// English wording.
    pub label_en: String,
    /// Must be answered.
    pub required: bool,
}

impl From<&SurveyQuestion> for SurveyQuestionView {
    fn from(q: &SurveyQuestion) -> Self {
        SurveyQuestionView {
            id: q.id,
            scope: q.scope,
            kind: q.kind,
            label_zh: q.label_zh.clone(),
            label_en: q.label_en.clone(),
            required: q.required,
        }
    }
}

/// A question as the chairs manage it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveySettingsQuestion {
    /// The question.
    #[serde(flatten)]
    pub question: SurveyQuestionView,
    /// Someone has answered it: its kind and scope are fixed.
    pub has_answers: bool,
}

/// A venue's survey questions, in order (none: the survey is off).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveySettings {
    /// The questions.
    pub questions: Vec<SurveySettingsQuestion>,
}

/// Something a participant may answer: the event or one session.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveyTarget {
    /// `event` or the session's GUID.
    pub target: String,
    /// Event or session.
    pub scope: SurveyScope,
    /// The session's Chinese title (the venue's for the event).
    pub title_zh: String,
    /// The session's English title (the venue's for the event).
    pub title_en: String,
    /// The session's start (none for the event).
    pub starts_at: Option<DateTime<Utc>>,
    /// Whether they have answered it (each survey is answered once).
    pub answered: bool,
}

/// What the reader may answer at a venue, with the questions of each scope.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveyMine {
    /// The event and the sessions open to them, event first, sessions by start.
    pub targets: Vec<SurveyTarget>,
    /// The questions about the event.
    pub event_questions: Vec<SurveyQuestionView>,
    /// The questions asked about each session.
    pub session_questions: Vec<SurveyQuestionView>,
}

/// The figures of one question over one target's answers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveyQuestionResult {
    /// The question.
    #[serde(flatten)]
    pub question: SurveyQuestionView,
    /// How many answered it.
    pub answered: i64,
    /// Count of ratings 1 to 5 (first is 1); empty for comment questions.
    pub counts: Vec<i64>,
    /// Mean rating (two decimals), none without ratings.
    pub mean: Option<f64>,
    /// The comments, sorted alphabetically (never in the order they came).
    pub comments: Vec<String>,
}

/// The results of one target.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveyTargetResult {
    /// `event` or the session's GUID.
    pub target: String,
    /// Event or session.
    pub scope: SurveyScope,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// The session's start (none for the event).
    pub starts_at: Option<DateTime<Utc>>,
    /// How many answered.
    pub answers: i64,
    /// Fewer than three answered: the figures are held back so no answer can be attributed.
    pub withheld: bool,
    /// Per question (empty when withheld).
    pub questions: Vec<SurveyQuestionResult>,
}

/// The chairs' survey results of a venue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveyResults {
    /// Fewest answers a target needs before its figures are shown.
    pub min_answers: i64,
    /// The event first, then each session of the published programme.
    pub targets: Vec<SurveyTargetResult>,
}

/// The answer to a posted survey.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveyAnswered {
    /// The target answered.
    pub target: String,
    /// Always true.
    pub answered: bool,
}
