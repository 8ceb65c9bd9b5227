//! A deposit and where it stands.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::crossref_deposits;

crate::text_enum! {
    /// What was deposited.
    pub enum DepositKind {
        /// A journal issue (`item_id` is the issue).
        Issue = "issue",
        /// One article of an issue (`item_id` is the article).
        Article = "article",
        /// A venue's proceedings volume (`item_id` is the venue).
        Proceedings = "proceedings",
    }
}

crate::text_enum! {
    /// Where a deposit stands.
    pub enum DepositStatus {
        /// Waiting to be sent (or to be sent again after Crossref could not be reached).
        Queued = "queued",
        /// Crossref received it; its result is not known yet.
        Submitted = "submitted",
        /// Crossref registered every DOI.
        Succeeded = "succeeded",
        /// Crossref refused the deposit or some of its records.
        Failed = "failed",
        /// Crossref received it but never reported a result.
        Unconfirmed = "unconfirmed",
    }
}

/// One deposit (without its XML).
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = crossref_deposits)]
#[schema(as = CrossrefDeposit)]
pub struct Deposit {
    /// Id.
    pub id: i64,
    /// What was deposited.
    #[diesel(deserialize_as = String)]
    pub kind: DepositKind,
    /// The issue, article or venue.
    pub item_id: i64,
    /// The batch's `doi_batch_id`.
    pub batch_id: String,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: DepositStatus,
    /// Crossref's answer, or why it could not be sent.
    pub message: String,
    /// Times it was sent or tried.
    pub attempts: i32,
    /// Times its result was asked for.
    pub polls: i32,
    /// Who asked for it.
    pub requested_by: Option<i64>,
    /// Asked for at (UTC).
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Last change (UTC).
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}
