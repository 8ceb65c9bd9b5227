//! A journal's editorial set-up as stored: one settings row, its sections and their editors.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{journal_sections, journal_settings};

crate::text_enum! {
    /// Who knows whom during review.
    pub enum ReviewMode {
        /// Reviewers do not see the authors, authors do not see the reviewers.
        DoubleBlind = "double_blind",
        /// Reviewers see the authors; authors do not see the reviewers.
        SingleBlind = "single_blind",
        /// Both see each other.
        Open = "open",
    }
}

crate::text_enum! {
    /// Whether authors send an editable source (Word) beside the PDF reviewers read.
    pub enum SourceFiles {
        /// PDF only.
        None = "none",
        /// PDF, and a Word source if the author has one.
        Optional = "optional",
        /// PDF and a Word source.
        Required = "required",
    }
}

/// The settings row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = journal_settings)]
pub struct SettingsRow {
    /// The journal.
    pub journal_id: i64,
    /// Taking manuscripts.
    pub enabled: bool,
    /// Review mode.
    #[diesel(deserialize_as = String)]
    pub review_mode: ReviewMode,
    /// Section editors decide (otherwise they recommend and the editor-in-chief approves).
    pub section_editors_decide: bool,
    /// Author guidelines, Chinese.
    pub guidelines_zh: String,
    /// Author guidelines, English.
    pub guidelines_en: String,
    /// The submission checklist, JSON `[{zh, en}]`.
    pub checklist: String,
    /// Word sources.
    #[diesel(deserialize_as = String)]
    pub source_files: SourceFiles,
    /// Largest file in MiB.
    pub max_file_mb: i32,
    /// The review form, JSON as `review_forms.fields`; none means the default journal form.
    pub review_form: Option<String>,
    /// Days a reviewer has to answer an invitation.
    pub response_days: i32,
    /// Days a reviewer has to send the review after accepting.
    pub review_days: i32,
    /// Reminder this many days before a due date (0: none).
    pub remind_before_days: i32,
    /// Reminder this many days after a missed due date (0: none).
    pub remind_after_days: i32,
    /// DOI registrant prefix, empty when the journal deposits no DOIs.
    pub doi_prefix: String,
    /// DOI pattern (see `doi`).
    pub doi_pattern: String,
    /// Licence of published articles (a URL, e.g. Creative Commons), empty for none.
    pub licence_url: String,
    /// Who saved last.
    pub updated_by: Option<i64>,
    /// When.
    pub updated_at: NaiveDateTime,
}

/// A section of a journal.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = journal_sections)]
#[schema(as = JournalSectionRow)]
pub struct Section {
    /// Id.
    pub id: i64,
    /// The journal.
    pub journal_id: i64,
    /// Order on pages and in tables of contents.
    pub position: i32,
    /// Short code (`ART`, `REV`).
    pub code: String,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// What the section takes, Chinese.
    pub policy_zh: String,
    /// English.
    pub policy_en: String,
    /// Takes new manuscripts.
    pub open: bool,
    /// Its manuscripts go to peer review (editorials may not).
    pub peer_reviewed: bool,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}
