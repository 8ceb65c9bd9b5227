//! Expertise actions shared by the API and the pages: a person's keywords and papers, a member's topics.

use super::store::{self, PastPaper};
use crate::error::{AppError, AppResult};
use serde::Serialize;

/// A person's expertise as stored.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExpertiseView {
    /// Keywords, `a, b, c`.
    pub keywords: String,
    /// Earlier papers.
    pub papers: Vec<PastPaper>,
}

/// Loads a person's expertise.
pub fn view(conn: &mut crate::db::AnyConnection, user_id: i64) -> AppResult<ExpertiseView> {
    Ok(ExpertiseView {
        keywords: crate::auth::store::by_id(conn, user_id)?.expertise,
        papers: store::papers_of(conn, user_id)?,
    })
}

/// Saves the topics a member wants to review, after checking they are the venue's.
pub fn save_topics(conn: &mut crate::db::AnyConnection, slug: &str, user_id: i64, topics: &[i64]) -> AppResult<Vec<i64>> {
    let v = crate::venues::store::by_slug(conn, slug)?;
    let member = crate::review::bids::papers::require_member(conn, v.id, user_id)?;
    let known: Vec<i64> = crate::venues::store::topics_of(conn, v.id)?.iter().map(|t| t.id).collect();
    if topics.iter().any(|t| !known.contains(t)) {
        return Err(AppError::field("topics", "validation.topics_invalid"));
    }
    let mut t = topics.to_vec();
    t.sort_unstable();
    t.dedup();
    store::set_topics(conn, member.id, &t)?;
    store::topics_of(conn, member.id)
}
