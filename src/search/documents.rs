//! Documents from the database, the source of truth: what a paper looks like in the index.

use chrono::Datelike;
use diesel::prelude::*;

use super::PaperDoc;
use super::access::{PUBLIC, author_token, chair_token, member_token};
use crate::db::AnyConnection;
use crate::db::schema::{calls, submissions, venues};
use crate::error::AppResult;
use crate::submissions::model::SUBMITTED;

/// The paper as indexed, or `None` when it must not be in the index (gone or withdrawn).
pub fn paper(conn: &mut AnyConnection, id: i64) -> AppResult<Option<PaperDoc>> {
    let Some(s) = submissions::table
        .find(id)
        .select(crate::submissions::model::Submission::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    if s.status != SUBMITTED {
        return Ok(None);
    }
    let anonymity: String = calls::table.find(s.call_id).select(calls::anonymity).first(conn)?;
    let starts_on: Option<chrono::NaiveDate> = venues::table.find(s.venue_id).select(venues::starts_on).first(conn)?;
    let authors = crate::submissions::store::authors_of(conn, s.id)?;
    let accepted = match crate::review::decisions::store::get(conn, s.id)? {
        Some(d) if d.notified_at.is_some() => {
            let labels = crate::review::phases::load(conn, s.venue_id)?.labels();
            crate::review::decisions::service::label_of(&labels, &d.label).accept
        }
        _ => false,
    };
    let mut access = vec![chair_token(s.venue_id), member_token(s.venue_id)];
    access.extend(authors.iter().map(|a| author_token(&a.email)));
    if accepted {
        access.push(PUBLIC.into());
    }
    Ok(Some(PaperDoc {
        id: s.id,
        venue_id: s.venue_id,
        number: s.number,
        track_id: s.track_id,
        authors: authors
            .iter()
            .map(|a| {
                let name = crate::review::reviews::view::display(&a.name_zh, &a.name_latin);
                if a.affiliation.is_empty() {
                    name
                } else {
                    format!("{name}, {}", a.affiliation)
                }
            })
            .collect(),
        authors_open: accepted || anonymity != "double_blind",
        topics: crate::submissions::store::topics_of(conn, s.id)?,
        year: starts_on.map(|d| d.year()).unwrap_or(s.created_at.year()),
        status: if accepted { "accepted".into() } else { SUBMITTED.into() },
        created: s.created_at.and_utc().timestamp_micros(),
        title_zh: s.title_zh,
        title_en: s.title_en,
        abstract_text: s.abstract_text,
        keywords: s.keywords,
        access,
    }))
}

/// Every paper id, for a full rebuild.
pub fn all_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    Ok(submissions::table
        .filter(submissions::status.eq(SUBMITTED))
        .order(submissions::id)
        .select(submissions::id)
        .load(conn)?)
}

/// Ids of a venue's papers (after a change that touches them all, such as its anonymity).
pub fn venue_ids(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<i64>> {
    Ok(submissions::table
        .filter(submissions::venue_id.eq(venue_id))
        .select(submissions::id)
        .load(conn)?)
}
