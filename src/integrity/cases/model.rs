//! Misconduct cases as stored: the case, the people accused, the entries of its file, the
//! sanctions of its ruling and the audit log.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{integrity_case_audit, integrity_case_entries, integrity_case_parties, integrity_cases, integrity_sanctions};

crate::text_enum! {
    /// What a report is about.
    #[schema(as = IntegritySubjectKind)]
    pub enum SubjectKind {
        /// A paper or manuscript (plagiarism, fabrication, duplicate submission…).
        Paper = "paper",
        /// A review (a reviewer's misconduct: theft of ideas, breach of confidentiality…).
        Review = "review",
        /// A person's conduct.
        Person = "person",
        /// Anything else.
        Other = "other",
    }
}

crate::text_enum! {
    /// The step a case is at, in the order a case moves through them.
    #[schema(as = IntegrityCaseState)]
    pub enum CaseState {
        /// Received; nobody has looked at it yet.
        Reported = "reported",
        /// Preliminary check (初核): is it within the committee's remit and worth investigating?
        Preliminary = "preliminary",
        /// Investigation: the committee gathers evidence.
        Investigation = "investigation",
        /// Hearing of the accused: they are told and answer before a deadline.
        Hearing = "hearing",
        /// Ruled; the accused may appeal before the deadline.
        Ruled = "ruled",
        /// Appeal lodged by the accused; the committee rules on it.
        Appeal = "appeal",
        /// Closed: dismissed, or the ruling is final.
        Closed = "closed",
    }
}

crate::text_enum! {
    /// How a case ended.
    #[schema(as = IntegrityOutcome)]
    pub enum Outcome {
        /// Not taken up (outside the remit, or no grounds after the preliminary check).
        Dismissed = "dismissed",
        /// Investigated: no misconduct found.
        Cleared = "cleared",
        /// Misconduct found.
        Misconduct = "misconduct",
    }
}

crate::text_enum! {
    /// Who wrote an entry, or who besides the committee may read it.
    #[schema(as = IntegrityCaseRole)]
    pub enum Role {
        /// The integrity committee.
        Committee = "committee",
        /// Whoever reported the case (perhaps anonymously, through the mailbox link).
        Reporter = "reporter",
        /// A person accused (`party_id` says which; none means every one).
        Accused = "accused",
    }
}

crate::text_enum! {
    /// What an entry of a case file is.
    #[schema(as = IntegrityEntryKind)]
    pub enum EntryKind {
        /// The report as received.
        Report = "report",
        /// The case moved to another step (`step`), with a note and perhaps a deadline.
        Step = "step",
        /// A message between the committee and the reporter or an accused person.
        Message = "message",
        /// The ruling, with its reasons.
        Ruling = "ruling",
        /// An appeal by an accused person.
        Appeal = "appeal",
        /// The ruling on the appeal.
        AppealRuling = "appeal_ruling",
        /// A file of evidence (`file_id`) with what it shows.
        Evidence = "evidence",
    }
}

crate::text_enum! {
    /// What a sanction bars its person from in the society's venues and journals.
    #[schema(as = IntegrityBar)]
    pub enum Bars {
        /// Submitting papers and manuscripts (as any author).
        Submitting = "submitting",
        /// Reviewing (accepting invitations to committees and to review manuscripts).
        Reviewing = "reviewing",
        /// Both.
        Both = "both",
    }
}

impl Bars {
    /// Whether this bar covers submitting.
    pub fn submitting(self) -> bool {
        matches!(self, Bars::Submitting | Bars::Both)
    }

    /// Whether this bar covers reviewing.
    pub fn reviewing(self) -> bool {
        matches!(self, Bars::Reviewing | Bars::Both)
    }
}

/// A case.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityCase)]
#[diesel(table_name = integrity_cases)]
pub struct Case {
    pub id: i64,
    pub society_id: i64,
    pub number: i32,
    #[diesel(deserialize_as = String)]
    pub subject_kind: SubjectKind,
    pub subject: String,
    #[diesel(deserialize_as = String)]
    pub state: CaseState,
    /// The reporter's account; none for an anonymous report.
    pub reporter_id: Option<i64>,
    /// Where replies reach the reporter; never shown to anyone.
    #[serde(skip)]
    pub reporter_email: String,
    pub anonymous: bool,
    pub reporter_lang: String,
    #[serde(skip)]
    pub mailbox_nonce: String,
    #[serde(skip)]
    pub mailbox_hash: String,
    #[serde(with = "crate::web::utc::option")]
    pub due_at: Option<NaiveDateTime>,
    /// `dismissed`, `cleared` or `misconduct` once ruled.
    pub outcome: Option<String>,
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
    #[serde(with = "crate::web::utc::option")]
    pub closed_at: Option<NaiveDateTime>,
}

/// A person accused in a case.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityCaseParty)]
#[diesel(table_name = integrity_case_parties)]
pub struct Party {
    pub id: i64,
    pub case_id: i64,
    pub user_id: Option<i64>,
    pub email: String,
    pub name: String,
    pub lang: String,
    #[serde(skip)]
    pub link_nonce: String,
    #[serde(skip)]
    pub link_hash: String,
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}

/// An entry of a case file.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityCaseEntry)]
#[diesel(table_name = integrity_case_entries)]
pub struct Entry {
    pub id: i64,
    pub case_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: EntryKind,
    pub step: Option<String>,
    #[diesel(deserialize_as = String)]
    pub author: Role,
    /// The writer's account; kept from readers, who see `by` instead.
    #[serde(skip)]
    pub user_id: Option<i64>,
    /// The person accused it is addressed to or written by (none: every one).
    pub party_id: Option<i64>,
    #[diesel(deserialize_as = String)]
    pub audience: Role,
    pub body: String,
    #[serde(with = "crate::web::utc::option")]
    pub due_at: Option<NaiveDateTime>,
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// A file of evidence; its download is the entry's `evidence` address for the reader.
    pub file_id: Option<i64>,
}

/// A sanction imposed by a ruling.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[schema(as = IntegritySanction)]
#[diesel(table_name = integrity_sanctions)]
pub struct Sanction {
    pub id: i64,
    pub case_id: i64,
    pub society_id: i64,
    pub party_id: i64,
    pub user_id: Option<i64>,
    pub email: String,
    #[diesel(deserialize_as = String)]
    pub bars: Bars,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::web::utc::option")]
    pub lifted_at: Option<NaiveDateTime>,
}

/// What the reporter and the accused may know of a case: no reporter, no subject.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = IntegrityCaseSummary)]
pub struct CaseSummary {
    pub number: i32,
    pub state: CaseState,
    /// The deadline of the current step (the hearing's answer, the appeal).
    #[serde(with = "crate::web::utc::option")]
    pub due_at: Option<NaiveDateTime>,
    /// `dismissed`, `cleared` or `misconduct` once ruled.
    pub outcome: Option<String>,
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    #[serde(with = "crate::web::utc::option")]
    pub closed_at: Option<NaiveDateTime>,
}

impl From<&Case> for CaseSummary {
    fn from(c: &Case) -> Self {
        CaseSummary {
            number: c.number,
            state: c.state,
            due_at: c.due_at,
            outcome: c.outcome.clone(),
            created_at: c.created_at,
            closed_at: c.closed_at,
        }
    }
}

/// One line of a case's audit log.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = integrity_case_audit)]
pub struct AuditLine {
    pub id: i64,
    pub society_id: i64,
    pub case_id: Option<i64>,
    pub user_id: Option<i64>,
    pub party_id: Option<i64>,
    pub action: String,
    pub detail: String,
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}
