//! What a reader of a submission sees, shared by the API and the pages.

use serde::Serialize;

use super::model::{Author, Submission, Version};
use super::policy::Access;
use super::{service, store};
use crate::error::AppResult;

/// A submission with everything its viewer may see.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SubmissionView {
    /// The paper.
    #[serde(flatten)]
    pub submission: Submission,
    /// Authors in order.
    pub authors: Vec<Author>,
    /// Chosen topic ids.
    pub topics: Vec<i64>,
    /// History, oldest first.
    pub versions: Vec<Version>,
    /// `author` or `chair`.
    pub access: &'static str,
}

/// Loads the full view of a submission the user may see (else 404).
pub fn view(conn: &mut crate::db::AnyConnection, user: &crate::auth::User, id: i64) -> AppResult<SubmissionView> {
    let (s, authors, access) = service::load_visible(conn, user, id)?;
    Ok(SubmissionView {
        topics: store::topics_of(conn, s.id)?,
        versions: store::versions_of(conn, s.id)?,
        access: match access {
            Access::Chair => "chair",
            Access::Author { .. } => "author",
        },
        submission: s,
        authors,
    })
}
