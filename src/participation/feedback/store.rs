//! Survey queries: the venue's questions (replaced as one ordered list), receipts and answers.
//! A receipt says that someone answered a target; the answer row has neither the person nor a
//! time, so nothing read from it leads back to who wrote it. Both are written in one
//! transaction, and the receipts' unique index decides "answerable once", also for two posts
//! at the same instant.

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::model::SurveyQuestion;
use super::validate::QuestionSpec;
use crate::db::AnyConnection;
use crate::db::schema::{checkins, registrations, survey_answers, survey_questions, survey_receipts};
use crate::error::{AppError, AppResult};

/// The venue's questions in order.
pub fn questions(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<SurveyQuestion>> {
    Ok(survey_questions::table
        .filter(survey_questions::venue_id.eq(venue_id))
        .order((survey_questions::position, survey_questions::id))
        .select(SurveyQuestion::as_select())
        .load(conn)?)
}

/// Replaces the venue's questions by `list` in its order: questions sent with their id are
/// updated in place (their answers stay theirs), the others are added, stored ones not sent
/// are removed. The ids must be the venue's (the service checks).
pub fn replace_questions(conn: &mut AnyConnection, venue_id: i64, list: &[QuestionSpec]) -> AppResult<()> {
    let kept: Vec<i64> = list.iter().filter_map(|q| q.id).collect();
    diesel::delete(
        survey_questions::table
            .filter(survey_questions::venue_id.eq(venue_id))
            .filter(survey_questions::id.ne_all(kept.clone())),
    )
    .execute(conn)?;
    for (pos, q) in list.iter().enumerate() {
        let pos = pos as i32;
        match q.id {
            Some(id) => {
                diesel::update(survey_questions::table.filter(survey_questions::id.eq(id)))
                    .set((
                        survey_questions::position.eq(pos),
                        survey_questions::scope.eq(q.scope),
                        survey_questions::kind.eq(q.kind),
                        survey_questions::label_zh.eq(&q.label_zh),
                        survey_questions::label_en.eq(&q.label_en),
                        survey_questions::required.eq(q.required),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(survey_questions::table)
                    .values((
                        survey_questions::venue_id.eq(venue_id),
                        survey_questions::position.eq(pos),
                        survey_questions::scope.eq(q.scope),
                        survey_questions::kind.eq(q.kind),
                        survey_questions::label_zh.eq(&q.label_zh),
                        survey_questions::label_en.eq(&q.label_en),
                        survey_questions::required.eq(q.required),
                    ))
                    .execute(conn)?;
            }
        }
    }
    Ok(())
}

/// The targets `user_id` has answered at the venue.
pub fn answered_by(conn: &mut AnyConnection, venue_id: i64, user_id: i64) -> AppResult<Vec<String>> {
    Ok(survey_receipts::table
        .filter(survey_receipts::venue_id.eq(venue_id))
        .filter(survey_receipts::user_id.eq(user_id))
        .select(survey_receipts::target)
        .load(conn)?)
}

/// The venue's answers as (target, answers JSON), all targets or one; no order is promised
/// and none may be relied on (readers sort what they show).
pub fn answers(conn: &mut AnyConnection, venue_id: i64, target: Option<&str>) -> AppResult<Vec<(String, String)>> {
    let mut q = survey_answers::table
        .filter(survey_answers::venue_id.eq(venue_id))
        .select((survey_answers::target, survey_answers::answers))
        .into_boxed();
    if let Some(t) = target {
        q = q.filter(survey_answers::target.eq(t.to_string()));
    }
    Ok(q.load(conn)?)
}

/// Whether the venue has any answer.
pub fn any_answers(conn: &mut AnyConnection, venue_id: i64) -> AppResult<bool> {
    let n: i64 = survey_answers::table
        .filter(survey_answers::venue_id.eq(venue_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Records that `user_id` answered `target` and, apart, what was answered; `false` (and
/// nothing written) when they have answered it already.
pub fn record(conn: &mut AnyConnection, user_id: i64, venue_id: i64, target: &str, answers: &str) -> AppResult<bool> {
    let done = crate::db::transaction(conn, |c| {
        diesel::insert_into(survey_receipts::table)
            .values((
                survey_receipts::user_id.eq(user_id),
                survey_receipts::venue_id.eq(venue_id),
                survey_receipts::target.eq(target),
            ))
            .execute(c)
            .map_err(|e| match e {
                DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => AppError::Conflict(TWICE.into()),
                other => other.into(),
            })?;
        diesel::insert_into(survey_answers::table)
            .values((
                survey_answers::venue_id.eq(venue_id),
                survey_answers::target.eq(target),
                survey_answers::answers.eq(answers),
            ))
            .execute(c)?;
        Ok(())
    });
    match done {
        Ok(()) => Ok(true),
        Err(AppError::Conflict(key)) if key == TWICE => Ok(false),
        Err(e) => Err(e),
    }
}

/// Marks the receipt that already existed (never shown).
const TWICE: &str = "feedback.twice";

/// The venues where `user_id` has checked in (event or session), for their dashboard.
pub fn checked_in_venues(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<i64>> {
    Ok(checkins::table
        .inner_join(registrations::table.on(registrations::id.eq(checkins::registration_id)))
        .filter(registrations::user_id.eq(user_id))
        .select(checkins::venue_id)
        .distinct()
        .order(checkins::venue_id)
        .load(conn)?)
}

/// Where and when `user_id` was checked in at the venue, as (day, place) pairs (place `""` for
/// the event, else a session's GUID).
pub fn checkins_of(conn: &mut AnyConnection, venue_id: i64, user_id: i64) -> AppResult<Vec<(String, String)>> {
    Ok(checkins::table
        .inner_join(registrations::table.on(registrations::id.eq(checkins::registration_id)))
        .filter(checkins::venue_id.eq(venue_id))
        .filter(registrations::user_id.eq(user_id))
        .select((checkins::day, checkins::place))
        .load(conn)?)
}
