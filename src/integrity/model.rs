//! Documents (the text of a paper or manuscript), overlap flags, venue policies and the audit
//! log, as stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{integrity_audit, integrity_documents, integrity_flags};

crate::text_enum! {
    /// What a document is the text of.
    pub enum DocumentKind {
        /// A conference or forum paper (`source_id` is the submission).
        Paper = "paper",
        /// A journal manuscript (`source_id` is the manuscript).
        Manuscript = "manuscript",
    }
}

crate::text_enum! {
    /// Where reading a document's text stands.
    pub enum TextState {
        /// A job will read it.
        Pending = "pending",
        /// Read; the text is kept and fingerprinted.
        Extracted = "extracted",
        /// The PDF has no text layer (a scan).
        NoText = "no_text",
        /// The reader refused the file (`problem` says why).
        Failed = "failed",
        /// This server has no PDF reader (`pdftotext`).
        Unavailable = "unavailable",
    }
}

crate::text_enum! {
    /// What became of an overlap flag on one side.
    pub enum FlagState {
        /// Waiting for the chairs or editors.
        Open = "open",
        /// Looked at and set aside, with a reason.
        Dismissed = "dismissed",
        /// A later version no longer overlaps.
        Cleared = "cleared",
    }
}

crate::text_enum! {
    /// A venue's rule on papers under review elsewhere at the same time.
    pub enum DualSubmission {
        /// Forbidden: every concurrent overlap is flagged.
        Forbidden = "forbidden",
        /// Allowed: only overlaps with published or accepted work are flagged.
        Allowed = "allowed",
        /// Allowed when declared: authors name related submissions in the form, and concurrent
        /// overlaps are flagged with the declaration beside them.
        Declared = "declared",
    }
}

/// A document without its text.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = integrity_documents)]
pub struct Document {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: DocumentKind,
    pub source_id: i64,
    pub venue_id: Option<i64>,
    pub journal_id: Option<i64>,
    pub file_id: Option<i64>,
    #[diesel(deserialize_as = String)]
    pub state: TextState,
    pub problem: String,
    pub fingerprints: i32,
    pub updated_at: NaiveDateTime,
    pub compared_at: Option<NaiveDateTime>,
}

/// One side of an overlap: document `document_id` shares passages with `other_document_id`.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = integrity_flags)]
pub struct Flag {
    pub id: i64,
    pub document_id: i64,
    pub other_document_id: i64,
    pub own_permille: i32,
    pub other_permille: i32,
    pub passages: i32,
    #[diesel(deserialize_as = String)]
    pub state: FlagState,
    pub reason: String,
    pub decided_by: Option<i64>,
    pub decided_at: Option<NaiveDateTime>,
    pub found_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// One line of the audit log.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = integrity_audit)]
#[schema(as = IntegrityAuditEntry)]
pub struct AuditEntry {
    /// Id.
    pub id: i64,
    /// Who (none for the system).
    pub user_id: Option<i64>,
    /// What: `read_flags`, `read_flag`, `dismiss`, `reopen`, `set_policy`.
    pub action: String,
    /// The venue whose side it was.
    pub venue_id: Option<i64>,
    /// The journal whose side it was.
    pub journal_id: Option<i64>,
    /// The flag concerned.
    pub flag_id: Option<i64>,
    /// The reason given, or the new policy.
    pub detail: String,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}
