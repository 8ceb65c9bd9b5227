//! Minutes queries: the document of a salon venue, its statements in order, the speakers'
//! reviews, the published minutes of a society's year, and the society itself by its address.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Attribution, Minutes, MinutesStatus, ReviewState, Statement, StatementKind};
use super::validate::MinutesSpec;
use crate::db::AnyConnection;
use crate::db::schema::{salon_minutes, salon_minutes_statements as st, societies, venues};
use crate::error::AppResult;
use crate::venues::model::{Venue, VenueKind};

/// The minutes of a venue, if begun.
pub fn of_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Minutes>> {
    Ok(salon_minutes::table
        .filter(salon_minutes::venue_id.eq(venue_id))
        .select(Minutes::as_select())
        .first(conn)
        .optional()?)
}

/// Begins the minutes of a venue as a draft.
pub fn create(conn: &mut AnyConnection, venue_id: i64, spec: &MinutesSpec, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(salon_minutes::table)
        .values((
            salon_minutes::venue_id.eq(venue_id),
            salon_minutes::title_zh.eq(&spec.title_zh),
            salon_minutes::title_en.eq(&spec.title_en),
            salon_minutes::intro_zh.eq(&spec.intro_zh),
            salon_minutes::intro_en.eq(&spec.intro_en),
            salon_minutes::outlook_zh.eq(&spec.outlook_zh),
            salon_minutes::outlook_en.eq(&spec.outlook_en),
            salon_minutes::status.eq(MinutesStatus::Draft),
            salon_minutes::created_at.eq(now),
            salon_minutes::updated_at.eq(now),
        ))
        .returning(salon_minutes::id)
        .get_result(conn)?)
}

/// Replaces the minutes' own texts.
pub fn update_texts(conn: &mut AnyConnection, id: i64, spec: &MinutesSpec, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(salon_minutes::table.find(id))
        .set((
            salon_minutes::title_zh.eq(&spec.title_zh),
            salon_minutes::title_en.eq(&spec.title_en),
            salon_minutes::intro_zh.eq(&spec.intro_zh),
            salon_minutes::intro_en.eq(&spec.intro_en),
            salon_minutes::outlook_zh.eq(&spec.outlook_zh),
            salon_minutes::outlook_en.eq(&spec.outlook_en),
            salon_minutes::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sends the minutes for review until `deadline`.
pub fn send(conn: &mut AnyConnection, id: i64, deadline: NaiveDateTime, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(salon_minutes::table.find(id))
        .set((
            salon_minutes::status.eq(MinutesStatus::InReview),
            salon_minutes::review_deadline.eq(Some(deadline)),
            salon_minutes::sent_at.eq(Some(now)),
            salon_minutes::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Publishes the minutes.
pub fn publish(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(salon_minutes::table.find(id))
        .set((
            salon_minutes::status.eq(MinutesStatus::Published),
            salon_minutes::published_at.eq(Some(now)),
            salon_minutes::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks the minutes changed now.
pub fn touch(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(salon_minutes::table.find(id))
        .set(salon_minutes::updated_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// The statements of the minutes in order.
pub fn statements(conn: &mut AnyConnection, minutes_id: i64) -> AppResult<Vec<Statement>> {
    Ok(st::table
        .filter(st::minutes_id.eq(minutes_id))
        .order((st::position, st::id))
        .select(Statement::as_select())
        .load(conn)?)
}

/// One statement of the minutes (none when it is another's).
pub fn statement(conn: &mut AnyConnection, minutes_id: i64, id: i64) -> AppResult<Option<Statement>> {
    Ok(st::table
        .filter(st::minutes_id.eq(minutes_id))
        .filter(st::id.eq(id))
        .select(Statement::as_select())
        .first(conn)
        .optional()?)
}

/// A statement's content as a writer sets it.
pub struct StatementRow<'a> {
    /// Viewpoint or dissent.
    pub kind: StatementKind,
    /// Chinese text.
    pub text_zh: &'a str,
    /// English text.
    pub text_en: &'a str,
    /// Speaker's account.
    pub speaker_id: Option<i64>,
    /// Outside speaker's name.
    pub speaker_name: &'a str,
    /// Named or anonymous.
    pub attribution: Attribution,
}

/// Adds a statement at `position` with review state `review`.
pub fn insert_statement(
    conn: &mut AnyConnection,
    minutes_id: i64,
    position: i32,
    row: &StatementRow<'_>,
    review: ReviewState,
    now: NaiveDateTime,
) -> AppResult<i64> {
    Ok(diesel::insert_into(st::table)
        .values((
            st::minutes_id.eq(minutes_id),
            st::position.eq(position),
            st::kind.eq(row.kind),
            st::text_zh.eq(row.text_zh),
            st::text_en.eq(row.text_en),
            st::speaker_id.eq(row.speaker_id),
            st::speaker_name.eq(row.speaker_name),
            st::attribution.eq(row.attribution),
            st::review.eq(review),
            st::review_comment.eq(""),
            st::proposed_zh.eq(""),
            st::proposed_en.eq(""),
            st::writer_reply.eq(""),
            st::created_at.eq(now),
            st::updated_at.eq(now),
        ))
        .returning(st::id)
        .get_result(conn)?)
}

/// Replaces a statement's content and sets its review state (a change request's texts are
/// cleared: the review starts again).
pub fn update_statement(
    conn: &mut AnyConnection,
    id: i64,
    row: &StatementRow<'_>,
    review: ReviewState,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(st::table.find(id))
        .set((
            st::kind.eq(row.kind),
            st::text_zh.eq(row.text_zh),
            st::text_en.eq(row.text_en),
            st::speaker_id.eq(row.speaker_id),
            st::speaker_name.eq(row.speaker_name),
            st::attribution.eq(row.attribution),
            st::review.eq(review),
            st::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Moves statements to the positions of `ids` (1, 2, ...).
pub fn reorder(conn: &mut AnyConnection, ids: &[i64]) -> AppResult<()> {
    for (i, id) in ids.iter().enumerate() {
        diesel::update(st::table.find(*id))
            .set(st::position.eq(i32::try_from(i + 1).unwrap_or(i32::MAX)))
            .execute(conn)?;
    }
    Ok(())
}

/// A speaker's answer: the new review state, their comment and proposed wording.
pub fn set_review(
    conn: &mut AnyConnection,
    id: i64,
    review: ReviewState,
    comment: &str,
    proposed: (&str, &str),
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(st::table.find(id))
        .set((
            st::review.eq(review),
            st::review_comment.eq(comment),
            st::proposed_zh.eq(proposed.0),
            st::proposed_en.eq(proposed.1),
            st::reviewed_at.eq(Some(now)),
            st::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets only the review state (sending, reopening, silence at publication).
pub fn set_review_state(conn: &mut AnyConnection, id: i64, review: ReviewState, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(st::table.find(id))
        .set((st::review.eq(review), st::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// The speaker's choice of attribution.
pub fn set_attribution(conn: &mut AnyConnection, id: i64, attribution: Attribution, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(st::table.find(id))
        .set((st::attribution.eq(attribution), st::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// A writer's resolution: the text (maybe the proposed one), the new state and the reply.
pub fn resolve(
    conn: &mut AnyConnection,
    id: i64,
    texts: (&str, &str),
    review: ReviewState,
    reply: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(st::table.find(id))
        .set((
            st::text_zh.eq(texts.0),
            st::text_en.eq(texts.1),
            st::review.eq(review),
            st::writer_reply.eq(reply),
            st::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Removes a statement.
pub fn delete_statement(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::delete(st::table.find(id)).execute(conn)?;
    Ok(())
}

/// A learned society: (id, slug, name_zh, name_en).
pub fn society_by_slug(conn: &mut AnyConnection, slug: &str) -> AppResult<Option<(i64, String, String, String)>> {
    Ok(societies::table
        .filter(societies::slug.eq(slug))
        .select((societies::id, societies::slug, societies::name_zh, societies::name_en))
        .first(conn)
        .optional()?)
}

/// The published minutes of a society's salons with their venues (every year; the caller
/// picks the year from the venue's start date).
pub fn published_of_society(conn: &mut AnyConnection, society_id: i64) -> AppResult<Vec<(Minutes, Venue)>> {
    Ok(salon_minutes::table
        .inner_join(venues::table.on(venues::id.eq(salon_minutes::venue_id)))
        .filter(venues::society_id.eq(society_id))
        .filter(venues::kind.eq(VenueKind::Salon))
        .filter(salon_minutes::status.eq(MinutesStatus::Published))
        .select((Minutes::as_select(), Venue::as_select()))
        .load(conn)?)
}

/// Venues whose minutes are published (for a full search rebuild).
pub fn published_venue_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    Ok(salon_minutes::table
        .filter(salon_minutes::status.eq(MinutesStatus::Published))
        .order(salon_minutes::venue_id)
        .select(salon_minutes::venue_id)
        .load(conn)?)
}

/// Venues whose minutes changed since `since` (a search rebuild queues them again).
pub fn changed_since(conn: &mut AnyConnection, since: NaiveDateTime) -> AppResult<Vec<i64>> {
    Ok(salon_minutes::table
        .filter(salon_minutes::updated_at.ge(since))
        .select(salon_minutes::venue_id)
        .load(conn)?)
}
