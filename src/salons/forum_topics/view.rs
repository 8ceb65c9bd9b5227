//! What readers of a forum's topics get: the adopted topics and executive chairs for everyone,
//! every proposal for the chairs, one's own proposals for a proposer.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::model::{ForumTopic, Origin, TopicStatus};
use super::store::{self, Which};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::venues::model::Venue;

/// A topic of a forum.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ForumTopicView {
    /// Id.
    pub id: i64,
    /// Commissioned by the chairs or proposed openly.
    pub origin: Origin,
    /// Where it stands.
    pub status: TopicStatus,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// What it covers.
    pub description: String,
    /// Who convenes it.
    pub convener: String,
    /// The convener's address (chairs only).
    pub convener_email: Option<String>,
    /// The chairs' reason (the chairs and the proposer).
    pub decision_note: Option<String>,
    /// Who proposed it (chairs only).
    pub proposer: Option<String>,
    /// Proposed (UTC).
    #[serde(with = "crate::web::utc")]
    #[schema(value_type = String)]
    pub created_at: NaiveDateTime,
}

/// An executive chair, as the public sees them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExecutiveChair {
    /// Name.
    pub name: String,
    /// Institution.
    pub affiliation: String,
}

/// A forum's topics page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ForumTopicsView {
    /// The forum's URL name.
    pub venue: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// The executive chairs (执行主席): the forum's chairs.
    pub executive_chairs: Vec<ExecutiveChair>,
    /// The adopted topics, commissioned and proposed, oldest first.
    pub topics: Vec<ForumTopicView>,
    /// Proposals the reader may see: every one for chairs, their own for others.
    pub proposals: Vec<ForumTopicView>,
    /// Whether the reader is a chair.
    pub chair: bool,
    /// Whether the forum takes proposals now (once open, until its paper deadline).
    pub takes_proposals: bool,
}

fn one(conn: &mut AnyConnection, t: ForumTopic, chair: bool, mine: bool) -> AppResult<ForumTopicView> {
    let proposer = if chair {
        Some(crate::auth::store::by_id(conn, t.proposed_by)?.display_name())
    } else {
        None
    };
    Ok(ForumTopicView {
        id: t.id,
        origin: t.origin,
        status: t.status,
        name_zh: t.name_zh,
        name_en: t.name_en,
        description: t.description,
        convener: t.convener,
        convener_email: chair.then_some(t.convener_email),
        decision_note: (chair || mine).then_some(t.decision_note),
        proposer,
        created_at: t.created_at,
    })
}

/// A forum's executive chairs: its chairs, as the public sees them.
pub fn executive_chairs(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<ExecutiveChair>> {
    Ok(super::service::executive_chairs(conn, venue_id)?
        .into_iter()
        .map(|(name, affiliation)| ExecutiveChair { name, affiliation })
        .collect())
}

/// The forum's topics as `user` may read them.
pub fn topics(conn: &mut AnyConnection, user: Option<&User>, v: &Venue, now: NaiveDateTime) -> AppResult<ForumTopicsView> {
    let chair = match user {
        Some(u) => crate::guard::venue::may_manage(conn, u, v.id)?,
        None => false,
    };
    let mut topics = Vec::new();
    for t in store::list(conn, v.id, Which::Adopted)? {
        topics.push(one(conn, t, chair, false)?);
    }
    let mine = match (chair, user) {
        (true, _) => store::list(conn, v.id, Which::All)?
            .into_iter()
            .filter(|t| t.origin == Origin::Proposed)
            .collect(),
        (false, Some(u)) => store::list(conn, v.id, Which::By(u.id))?,
        (false, None) => Vec::new(),
    };
    let mut proposals = Vec::new();
    for t in mine {
        proposals.push(one(conn, t, chair, true)?);
    }
    let executive_chairs = executive_chairs(conn, v.id)?;
    Ok(ForumTopicsView {
        venue: v.slug.clone(),
        title_zh: v.title_zh.clone(),
        title_en: v.title_en.clone(),
        executive_chairs,
        topics,
        proposals,
        chair,
        takes_proposals: super::service::takes_proposals(conn, v, now)?,
    })
}
