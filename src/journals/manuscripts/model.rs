//! Manuscripts as stored: the manuscript, its authors, files and history.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{manuscript_authors, manuscript_events, manuscript_files, manuscripts};

crate::text_enum! {
    /// Where a manuscript is in the editorial workflow.
    pub enum Stage {
        /// Submitted; the editors check it (desk reject or send to review).
        Desk = "desk",
        /// In a review round.
        Review = "review",
        /// Back with the authors for revision.
        Revision = "revision",
        /// Accepted; being copyedited.
        Copyediting = "copyediting",
        /// Galleys being made.
        Production = "production",
        /// Placed in an issue not yet published.
        Scheduled = "scheduled",
        /// Published.
        Published = "published",
        /// Declined (at the desk or after review).
        Declined = "declined",
        /// Withdrawn by its authors.
        Withdrawn = "withdrawn",
    }
}

crate::text_enum! {
    /// What a manuscript file is.
    pub enum FileKind {
        /// The manuscript PDF reviewers read.
        Manuscript = "manuscript",
        /// The editable source (Word) for the editors and production.
        Source = "source",
        /// The copyedited text, for the authors to check before production.
        Copyedited = "copyedited",
    }
}

/// A manuscript.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = manuscripts)]
pub struct Manuscript {
    /// Id.
    pub id: i64,
    /// The journal.
    pub journal_id: i64,
    /// Its section.
    pub section_id: i64,
    /// Number within the journal, from 1.
    pub number: i32,
    /// Workflow stage.
    #[diesel(deserialize_as = String)]
    pub stage: Stage,
    /// Review round (1 until a revision opens the next).
    pub round: i32,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Abstract, Chinese.
    pub abstract_zh: String,
    /// Abstract, English.
    pub abstract_en: String,
    /// Keywords, Chinese, comma-separated.
    pub keywords_zh: String,
    /// Keywords, English.
    pub keywords_en: String,
    /// Language of the text (ISO 639-1).
    pub language: String,
    /// Cover letter to the editors.
    pub cover_letter: String,
    /// Suggested reviewers, JSON `[Reviewer]`.
    pub suggested_reviewers: String,
    /// Opposed reviewers, JSON `[Reviewer]`.
    pub opposed_reviewers: String,
    /// Handling editor.
    pub handling_editor_id: Option<i64>,
    /// Who submitted it.
    pub submitted_by: i64,
    /// When.
    pub submitted_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// A person the authors suggest, or ask the editors not to invite, as reviewer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ManuscriptReviewerSuggestion)]
pub struct Reviewer {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// E-mail.
    #[serde(default)]
    pub email: String,
    /// Institution.
    #[serde(default)]
    pub affiliation: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

/// An author of a manuscript.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = manuscript_authors)]
#[schema(as = ManuscriptAuthor)]
pub struct Author {
    /// Row id.
    pub id: i64,
    /// The manuscript.
    pub manuscript_id: i64,
    /// Order, from 1.
    pub position: i32,
    /// Family name in Chinese characters.
    pub family_zh: String,
    /// Given name in Chinese characters.
    pub given_zh: String,
    /// Family name in Latin script.
    pub family_en: String,
    /// Given name in Latin script.
    pub given_en: String,
    /// E-mail (lower-case).
    pub email: String,
    /// Institution.
    pub affiliation: String,
    /// Country or region (ISO 3166-1 alpha-2).
    pub country: String,
    /// ORCID iD.
    pub orcid: Option<String>,
    /// Corresponding author.
    pub corresponding: bool,
    /// When the person confirmed being an author (the submitter at submission).
    #[serde(with = "crate::web::utc::option")]
    pub confirmed_at: Option<NaiveDateTime>,
}

impl Author {
    /// The name in Latin script, given name first.
    pub fn latin_name(&self) -> String {
        [self.given_en.as_str(), self.family_en.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The name to show: Chinese and Latin when both exist.
    pub fn display_name(&self) -> String {
        let zh = format!("{}{}", self.family_zh, self.given_zh);
        let en = self.latin_name();
        match (zh.is_empty(), en.is_empty()) {
            (false, false) => format!("{zh} ({en})"),
            (false, true) => zh,
            (true, false) => en,
            (true, true) => self.email.clone(),
        }
    }
}

/// A file of a manuscript.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = manuscript_files)]
pub struct ManuscriptFile {
    /// Row id.
    pub id: i64,
    /// The manuscript.
    pub manuscript_id: i64,
    /// Review round it belongs to.
    pub round: i32,
    /// What it is.
    #[diesel(deserialize_as = String)]
    pub kind: FileKind,
    /// The stored file.
    pub file_id: i64,
    /// Who uploaded it.
    pub uploaded_by: Option<i64>,
    /// When.
    pub created_at: NaiveDateTime,
}

/// Something that happened to a manuscript.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = manuscript_events)]
#[schema(as = ManuscriptEvent)]
pub struct Event {
    /// Row id.
    pub id: i64,
    /// The manuscript.
    pub manuscript_id: i64,
    /// `submitted`, `author_confirmed`, ...
    pub kind: String,
    /// Who did it.
    pub actor_id: Option<i64>,
    /// Details (JSON).
    pub detail: String,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}
