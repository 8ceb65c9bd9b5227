//! Forum topic queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{ForumTopic, Origin, TopicStatus};
use crate::db::AnyConnection;
use crate::db::schema::forum_topics;
use crate::error::{AppError, AppResult};

/// A topic to record.
#[derive(Debug, Clone)]
pub struct NewTopic<'a> {
    /// Commissioned or proposed.
    pub origin: Origin,
    /// Name in Chinese.
    pub name_zh: &'a str,
    /// Name in English.
    pub name_en: &'a str,
    /// What it covers.
    pub description: &'a str,
    /// Who convenes it.
    pub convener: &'a str,
    /// The convener's address ('' for none).
    pub convener_email: &'a str,
    /// Proposed (or commissioned) by.
    pub by: i64,
}

/// Records a topic in `status`; answers its id.
pub fn insert(conn: &mut AnyConnection, venue_id: i64, t: &NewTopic<'_>, status: TopicStatus, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(forum_topics::table)
        .values((
            forum_topics::venue_id.eq(venue_id),
            forum_topics::origin.eq(t.origin),
            forum_topics::name_zh.eq(t.name_zh),
            forum_topics::name_en.eq(t.name_en),
            forum_topics::description.eq(t.description),
            forum_topics::convener.eq(t.convener),
            forum_topics::convener_email.eq(t.convener_email),
            forum_topics::proposed_by.eq(t.by),
            forum_topics::status.eq(status),
            forum_topics::decision_note.eq(""),
            forum_topics::created_at.eq(now),
        ))
        .returning(forum_topics::id)
        .get_result(conn)?)
}

/// Which topics of a forum to list.
#[derive(Debug, Clone, Copy)]
pub enum Which {
    /// Every one (chairs).
    All,
    /// The adopted ones (everyone).
    Adopted,
    /// The ones this account proposed.
    By(i64),
}

/// The forum's topics, oldest first.
pub fn list(conn: &mut AnyConnection, venue_id: i64, which: Which) -> AppResult<Vec<ForumTopic>> {
    let mut q = forum_topics::table.filter(forum_topics::venue_id.eq(venue_id)).into_boxed();
    match which {
        Which::All => {}
        Which::Adopted => q = q.filter(forum_topics::status.eq(TopicStatus::Adopted)),
        Which::By(u) => q = q.filter(forum_topics::proposed_by.eq(u)),
    }
    Ok(q.order((forum_topics::created_at, forum_topics::id))
        .select(ForumTopic::as_select())
        .load(conn)?)
}

/// One topic of the forum (404 for another venue's).
pub fn get(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<ForumTopic> {
    forum_topics::table
        .find(id)
        .filter(forum_topics::venue_id.eq(venue_id))
        .select(ForumTopic::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The chairs' decision on a topic still waiting (false when decided already).
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    /// Adopted or declined.
    pub to: TopicStatus,
    /// The reason.
    pub note: &'a str,
    /// Who decided.
    pub by: i64,
    /// The venue topic an adopted one became.
    pub topic_id: Option<i64>,
}

/// Records a decision on a topic still proposed (false when it was decided already).
pub fn decide(conn: &mut AnyConnection, id: i64, d: &Decision<'_>, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(forum_topics::table.find(id).filter(forum_topics::status.eq(TopicStatus::Proposed)))
        .set((
            forum_topics::status.eq(d.to),
            forum_topics::decision_note.eq(d.note),
            forum_topics::decided_by.eq(Some(d.by)),
            forum_topics::decided_at.eq(Some(now)),
            forum_topics::topic_id.eq(d.topic_id),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Links a topic to the venue topic it became.
pub fn set_topic(conn: &mut AnyConnection, id: i64, topic_id: i64) -> AppResult<()> {
    diesel::update(forum_topics::table.find(id))
        .set(forum_topics::topic_id.eq(Some(topic_id)))
        .execute(conn)?;
    Ok(())
}
