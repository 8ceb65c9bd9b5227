//! Importing a person's accepted papers from this system into their earlier papers: every
//! paper they are an author of (by verified e-mail) whose decision accepts it and has been
//! told to the authors. Papers already imported are skipped, so importing again is harmless.

use chrono::Datelike;
use diesel::prelude::*;

use crate::auth::User;
use crate::db::AnyConnection;
use crate::db::schema::{decisions, past_papers, submission_authors, submissions, venues};
use crate::error::AppResult;

/// Imports the user's accepted papers; returns how many were added.
pub fn import(conn: &mut AnyConnection, user: &User) -> AppResult<usize> {
    if user.email_verified_at.is_none() {
        return Ok(0);
    }
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        String,
        Option<chrono::NaiveDate>,
        chrono::NaiveDateTime,
    );
    let rows: Vec<Row> = submissions::table
        .inner_join(submission_authors::table)
        .inner_join(decisions::table)
        .inner_join(venues::table)
        .filter(submission_authors::email.eq(&user.email))
        .filter(decisions::notified_at.is_not_null())
        .filter(submissions::status.eq(crate::submissions::model::SUBMITTED))
        .select((
            submissions::id,
            submissions::venue_id,
            submissions::title_zh,
            submissions::title_en,
            submissions::abstract_text,
            decisions::label,
            venues::starts_on,
            decisions::decided_at,
        ))
        .load(conn)?;
    let have: Vec<Option<i64>> = past_papers::table
        .filter(past_papers::user_id.eq(user.id))
        .select(past_papers::submission_id)
        .load(conn)?;
    let mut added = 0;
    for (sid, venue_id, zh, en, abstract_text, label, starts_on, decided_at) in rows {
        if have.contains(&Some(sid)) {
            continue;
        }
        let labels = crate::review::phases::load(conn, venue_id)?.labels();
        if !crate::review::decisions::service::label_of(&labels, &label).accept {
            continue;
        }
        let title = match (zh.is_empty(), en.is_empty()) {
            (false, false) => format!("{zh} / {en}"),
            (false, true) => zh,
            _ => en,
        };
        super::store::insert_paper(
            conn,
            &super::store::NewPastPaper {
                user_id: user.id,
                title: &title,
                abstract_text: &abstract_text,
                year: Some(starts_on.map_or(decided_at.year(), |d| d.year())),
                submission_id: Some(sid),
            },
        )?;
        added += 1;
    }
    Ok(added)
}
