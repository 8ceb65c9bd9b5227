//! Submission rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{submission_authors, submission_versions, submissions};

crate::text_enum! {
    /// Where a submission stands.
    pub enum SubmissionStatus {
        /// Submitted and active.
        Submitted = "submitted",
        /// Withdrawn by its authors; organisers still see it.
        Withdrawn = "withdrawn",
    }
}

/// Submitted and active.
pub const SUBMITTED: SubmissionStatus = SubmissionStatus::Submitted;
/// Withdrawn by its authors; organisers still see it.
pub const WITHDRAWN: SubmissionStatus = SubmissionStatus::Withdrawn;

/// A paper at a venue.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = submissions)]
pub struct Submission {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Call it answers.
    pub call_id: i64,
    /// Track, if the venue has tracks.
    pub track_id: Option<i64>,
    /// Number within the venue (#1, #2, ...).
    pub number: i32,
    /// `submitted` or `withdrawn`.
    #[diesel(deserialize_as = String)]
    pub status: SubmissionStatus,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Keywords, comma separated.
    pub keywords: String,
    /// Answers to the call's extra questions, `{question id: answer}` (stored as JSON text).
    #[serde(serialize_with = "json_text")]
    #[schema(value_type = Object)]
    pub answers: String,
    /// Current version number.
    pub version: i32,
    /// Current PDF.
    pub pdf_file_id: Option<i64>,
    /// Current supplementary file.
    pub supp_file_id: Option<i64>,
    /// Per-paper deadline extension granted by the organisers (UTC).
    #[serde(default, with = "crate::web::utc::option")]
    pub extension_until: Option<NaiveDateTime>,
    /// Who created it.
    pub created_by: i64,
    /// Creation time.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
    /// Withdrawal time.
    #[serde(default, with = "crate::web::utc::option")]
    pub withdrawn_at: Option<NaiveDateTime>,
    /// The authors agree that the current PDF is public once the paper is accepted and they
    /// have been told (off by default).
    pub pdf_public: bool,
}

impl Submission {
    /// The title a reader of `lang` sees (`web::bilingual::pick`).
    pub fn title(&self, lang: crate::web::i18n::Lang) -> &str {
        crate::web::bilingual::pick(&self.title_zh, &self.title_en, lang)
    }
}

/// An author of a submission, in order.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema, PartialEq)]
#[diesel(table_name = submission_authors)]
pub struct Author {
    /// Id.
    pub id: i64,
    /// Submission.
    pub submission_id: i64,
    /// 0-based order.
    pub position: i32,
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// E-mail; an account with this address sees the paper.
    pub email: String,
    /// Institution.
    pub affiliation: String,
    /// Country or region.
    pub country: String,
    /// ORCID iD.
    pub orcid: Option<String>,
    /// Corresponding author.
    pub is_corresponding: bool,
    /// Presenting author (forum age limits apply to them).
    pub is_presenter: bool,
    /// When this person confirmed being an author (the submitter by submitting); until then
    /// the listing gives them no rights over the paper.
    #[serde(default, with = "crate::web::utc::option")]
    pub confirmed_at: Option<chrono::NaiveDateTime>,
}

/// One entry of a submission's history.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = submission_versions)]
pub struct Version {
    /// Id.
    pub id: i64,
    /// Submission.
    pub submission_id: i64,
    /// Version number after this event.
    pub version: i32,
    /// `submitted`, `updated`, `withdrawn` or `extension`.
    pub event: String,
    /// JSON snapshot of the metadata at that point.
    pub snapshot: String,
    /// PDF at that point.
    pub pdf_file_id: Option<i64>,
    /// Supplementary file at that point.
    pub supp_file_id: Option<i64>,
    /// Who made the change.
    pub changed_by: i64,
    /// When.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}

/// Writes stored JSON text as JSON, so API clients get an object rather than a string.
pub fn json_text<S: serde::Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    use serde::Serialize;
    serde_json::from_str::<serde_json::Value>(text)
        .unwrap_or_else(|_| serde_json::Value::Object(Default::default()))
        .serialize(s)
}
