//! Rows of the final-version phase: the phase of a call, a paper's final version, author-list
//! changes waiting for a chair, and consents.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{consents, final_author_changes, final_phases, final_versions};

crate::text_enum! {
    /// Where an accepted paper's final version stands.
    pub enum FinalStatus {
        /// Nothing uploaded yet (also shown for papers without a row).
        Missing = "missing",
        /// Uploaded, with warnings from the automatic checks for the chairs to look at.
        Uploaded = "uploaded",
        /// Uploaded and every automatic check passed.
        Checked = "checked",
        /// A chair asked the authors for changes (with a message).
        NeedsChanges = "needs_changes",
        /// A chair approved it for the proceedings.
        Approved = "approved",
        /// The paper was withdrawn after acceptance.
        Withdrawn = "withdrawn",
    }
}

crate::text_enum! {
    /// Where a requested change of the author list stands.
    pub enum ChangeStatus {
        /// Waiting for a chair.
        Pending = "pending",
        /// Approved: the paper's author list was replaced.
        Approved = "approved",
        /// Declined by a chair (with a note).
        Declined = "declined",
    }
}

/// The final-version phase of one call (a venue's main call or a track's).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = final_phases, treat_none_as_null = true)]
pub struct FinalPhase {
    /// The call.
    pub call_id: i64,
    /// Opening (UTC); `null`: as soon as the authors are told the decision.
    #[serde(default, with = "crate::web::utc::option")]
    pub opens_at: Option<NaiveDateTime>,
    /// Deadline (UTC).
    #[serde(with = "crate::web::utc")]
    pub deadline: NaiveDateTime,
    /// Most pages a final version may have.
    pub page_limit: Option<i32>,
    /// Whether a source archive (LaTeX or Word, as a zip) is required.
    pub source_required: bool,
    /// Whether a statement of changes is required.
    pub changes_required: bool,
    /// The template's name, as shown on the call page.
    pub template_name: String,
    /// Where the template is found.
    pub template_url: String,
    /// Licence code (`cc_by_4_0`, `cc_by_nc_4_0`, `copyright_transfer`, `custom`).
    pub licence: String,
    /// The consent text in Chinese.
    pub consent_zh: String,
    /// The consent text in English.
    pub consent_en: String,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// An accepted paper's final version.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = final_versions)]
pub struct FinalVersion {
    /// The paper.
    pub submission_id: i64,
    /// Its venue.
    pub venue_id: i64,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: FinalStatus,
    /// The paper's version number of the final upload.
    pub version: Option<i32>,
    /// The final PDF.
    pub pdf_file_id: Option<i64>,
    /// The source archive.
    pub source_file_id: Option<i64>,
    /// The authors' statement of changes.
    pub changes: String,
    /// Pages of the final PDF.
    pub pages: Option<i32>,
    /// Warnings of the automatic checks, as a JSON list of message keys.
    #[serde(serialize_with = "crate::submissions::model::json_text")]
    #[schema(value_type = Vec<String>)]
    pub warnings: String,
    /// Who uploaded it.
    pub uploaded_by: Option<i64>,
    /// When.
    #[serde(default, with = "crate::web::utc::option")]
    pub uploaded_at: Option<NaiveDateTime>,
    /// The chair's message with "needs changes".
    pub message: String,
    /// The chair who approved or asked for changes.
    pub reviewed_by: Option<i64>,
    /// When.
    #[serde(default, with = "crate::web::utc::option")]
    pub reviewed_at: Option<NaiveDateTime>,
    /// When an author confirmed the final author list.
    #[serde(default, with = "crate::web::utc::option")]
    pub authors_confirmed_at: Option<NaiveDateTime>,
    /// Who confirmed it.
    pub authors_confirmed_by: Option<i64>,
    /// Last reminder sent.
    #[serde(default, with = "crate::web::utc::option")]
    pub reminded_at: Option<NaiveDateTime>,
    /// Why it was withdrawn after acceptance.
    pub withdrawn_reason: String,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// A requested change of a paper's author list.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = final_author_changes)]
pub struct AuthorChange {
    /// Id.
    pub id: i64,
    /// The paper.
    pub submission_id: i64,
    /// The proposed list, as JSON (the submission form's authors).
    #[serde(serialize_with = "crate::submissions::model::json_text")]
    #[schema(value_type = Vec<Object>)]
    pub authors: String,
    /// Why.
    pub reason: String,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: ChangeStatus,
    /// Who asked.
    pub requested_by: i64,
    /// When.
    #[serde(with = "crate::web::utc")]
    pub requested_at: NaiveDateTime,
    /// The chair who decided.
    pub decided_by: Option<i64>,
    /// When.
    #[serde(default, with = "crate::web::utc::option")]
    pub decided_at: Option<NaiveDateTime>,
    /// The chair's note.
    pub note: String,
}

/// A corresponding author's acceptance of the licence or copyright transfer.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = consents)]
pub struct Consent {
    /// Id.
    pub id: i64,
    /// The paper.
    pub submission_id: i64,
    /// The account that accepted.
    pub user_id: i64,
    /// The name typed as signature.
    pub signer_name: String,
    /// The account's address.
    pub signer_email: String,
    /// Licence code accepted.
    pub licence: String,
    /// The Chinese text accepted.
    pub text_zh: String,
    /// The English text accepted.
    pub text_en: String,
    /// SHA-256 of the record (verification code on the signed form).
    pub digest: String,
    /// The client's address.
    pub ip: String,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    pub accepted_at: NaiveDateTime,
}

/// Whether the latest consent covers the phase's current text (a changed text needs consent
/// again).
pub fn consent_current(phase: Option<&FinalPhase>, consent: Option<&Consent>) -> bool {
    match (phase, consent) {
        (Some(p), Some(c)) => c.licence == p.licence && c.text_zh == p.consent_zh && c.text_en == p.consent_en,
        _ => false,
    }
}
