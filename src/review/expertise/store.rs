//! Expertise queries.

use chrono::Utc;
use diesel::prelude::*;
use serde::Serialize;

use super::validate::PastPaperInput;
use crate::db::AnyConnection;
use crate::db::schema::{member_topics, past_papers, users};
use crate::error::AppResult;

/// An earlier paper as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = past_papers)]
pub struct PastPaper {
    /// Id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// Title.
    pub title: String,
    /// Abstract.
    pub abstract_text: String,
    /// Year.
    pub year: Option<i32>,
    /// The xuehui paper it was imported from, if any.
    pub submission_id: Option<i64>,
    /// When it was added.
    #[serde(with = "crate::web::utc")]
    pub created_at: chrono::NaiveDateTime,
}

/// A person's earlier papers, newest first.
pub fn papers_of(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<PastPaper>> {
    Ok(past_papers::table
        .filter(past_papers::user_id.eq(user_id))
        .order((past_papers::year.desc(), past_papers::id.desc()))
        .select(PastPaper::as_select())
        .load(conn)?)
}

/// An earlier paper to record: typed in, or taken from a paper accepted here.
#[derive(Debug, Insertable)]
#[diesel(table_name = past_papers)]
pub struct NewPastPaper<'a> {
    /// Whose paper.
    pub user_id: i64,
    /// Title.
    pub title: &'a str,
    /// Abstract.
    pub abstract_text: &'a str,
    /// Year published.
    pub year: Option<i32>,
    /// The accepted submission it came from.
    pub submission_id: Option<i64>,
}

/// Records one earlier paper.
pub fn insert_paper(conn: &mut AnyConnection, p: &NewPastPaper) -> AppResult<()> {
    diesel::insert_into(past_papers::table)
        .values((p, past_papers::created_at.eq(Utc::now().naive_utc())))
        .execute(conn)?;
    Ok(())
}

/// Adds one paper typed in by its author.
pub fn add_paper(conn: &mut AnyConnection, user_id: i64, p: &PastPaperInput) -> AppResult<()> {
    insert_paper(
        conn,
        &NewPastPaper {
            user_id,
            title: &p.title,
            abstract_text: &p.abstract_text,
            year: p.year,
            submission_id: None,
        },
    )
}

/// Deletes one of the user's papers (nothing happens to anyone else's).
pub fn delete_paper(conn: &mut AnyConnection, user_id: i64, id: i64) -> AppResult<usize> {
    Ok(diesel::delete(
        past_papers::table
            .filter(past_papers::id.eq(id))
            .filter(past_papers::user_id.eq(user_id)),
    )
    .execute(conn)?)
}

/// Replaces the user's hand-entered papers (imported ones stay).
pub fn replace_entered(conn: &mut AnyConnection, user_id: i64, papers: &[PastPaperInput]) -> AppResult<()> {
    diesel::delete(
        past_papers::table
            .filter(past_papers::user_id.eq(user_id))
            .filter(past_papers::submission_id.is_null()),
    )
    .execute(conn)?;
    for p in papers {
        add_paper(conn, user_id, p)?;
    }
    Ok(())
}

/// Saves expertise keywords.
pub fn set_keywords(conn: &mut AnyConnection, user_id: i64, keywords: &str) -> AppResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::expertise.eq(keywords))
        .execute(conn)?;
    Ok(())
}

/// Topics a committee member chose.
pub fn topics_of(conn: &mut AnyConnection, member_id: i64) -> AppResult<Vec<i64>> {
    Ok(member_topics::table
        .filter(member_topics::member_id.eq(member_id))
        .select(member_topics::topic_id)
        .load(conn)?)
}

/// Replaces a committee member's topics.
pub fn set_topics(conn: &mut AnyConnection, member_id: i64, topics: &[i64]) -> AppResult<()> {
    diesel::delete(member_topics::table.filter(member_topics::member_id.eq(member_id))).execute(conn)?;
    for &t in topics {
        diesel::insert_into(member_topics::table)
            .values((member_topics::member_id.eq(member_id), member_topics::topic_id.eq(t)))
            .execute(conn)?;
    }
    Ok(())
}
