//! Contest queries: the venue's contest (made on first use), its entries (replaced as one
//! ordered list) and the judges' scores (one row per judge and entry, replaced on each save).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::model::{Contest, ContestMethod, ContestState, Entry, JudgeScore};
use crate::db::AnyConnection;
use crate::db::schema::{contest_entries, contest_scores, contests};
use crate::error::{AppError, AppResult};

/// The venue's contest, if the organisers have started one.
pub fn of_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Contest>> {
    Ok(contests::table
        .filter(contests::venue_id.eq(venue_id))
        .select(Contest::as_select())
        .first(conn)
        .optional()?)
}

/// The venue's contest, made (in setup, trimmed mean dropping one each side, `awards` as
/// given, no criteria) when there is none yet.
pub fn ensure(conn: &mut AnyConnection, venue_id: i64, awards: &str, now: NaiveDateTime) -> AppResult<Contest> {
    if let Some(c) = of_venue(conn, venue_id)? {
        return Ok(c);
    }
    // Two chairs opening it at once meet at the unique index; the later one reads the row made.
    let made = crate::db::transaction(conn, |c| {
        diesel::insert_into(contests::table)
            .values((
                contests::venue_id.eq(venue_id),
                contests::state.eq(ContestState::Setup),
                contests::method.eq(ContestMethod::TrimmedMean),
                contests::trim_count.eq(1),
                contests::criteria.eq("[]"),
                contests::awards.eq(awards),
                contests::created_at.eq(now),
                contests::updated_at.eq(now),
            ))
            .execute(c)
            .map_err(|e| match e {
                DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => AppError::Conflict(RACE.into()),
                other => other.into(),
            })
    });
    match made {
        Ok(_) => {}
        Err(AppError::Conflict(key)) if key == RACE => {}
        Err(e) => return Err(e),
    }
    of_venue(conn, venue_id)?.ok_or(AppError::NotFound)
}

/// The settings a contest's organisers change together.
pub struct SettingsRow<'a> {
    /// Track the entries come from.
    pub track_id: Option<i64>,
    /// Aggregation method.
    pub method: ContestMethod,
    /// Trim of the trimmed mean.
    pub trim: i32,
    /// Score form as JSON.
    pub criteria: &'a str,
    /// Award tiers as JSON.
    pub awards: &'a str,
}

/// Stores the contest's settings.
pub fn save_settings(conn: &mut AnyConnection, id: i64, s: &SettingsRow<'_>, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(contests::table.find(id))
        .set((
            contests::track_id.eq(s.track_id),
            contests::method.eq(s.method),
            contests::trim_count.eq(s.trim),
            contests::criteria.eq(s.criteria),
            contests::awards.eq(s.awards),
            contests::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Moves the contest to `state` (`published_at` set when publishing, kept otherwise).
pub fn set_state(conn: &mut AnyConnection, id: i64, state: ContestState, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(contests::table.find(id))
        .set((contests::state.eq(state), contests::updated_at.eq(now)))
        .execute(conn)?;
    if state == ContestState::Published {
        diesel::update(contests::table.find(id))
            .set(contests::published_at.eq(Some(now)))
            .execute(conn)?;
    }
    Ok(())
}

/// The contest's entries in talk order.
pub fn entries(conn: &mut AnyConnection, contest_id: i64) -> AppResult<Vec<Entry>> {
    Ok(contest_entries::table
        .filter(contest_entries::contest_id.eq(contest_id))
        .order((contest_entries::position, contest_entries::id))
        .select(Entry::as_select())
        .load(conn)?)
}

/// Makes `papers` the contest's entries in that order: entries of papers still listed keep
/// their id (and scores), the others are removed, new papers are added.
pub fn replace_entries(conn: &mut AnyConnection, contest_id: i64, papers: &[i64]) -> AppResult<()> {
    diesel::delete(
        contest_entries::table
            .filter(contest_entries::contest_id.eq(contest_id))
            .filter(contest_entries::submission_id.ne_all(papers.to_vec())),
    )
    .execute(conn)?;
    for (pos, &paper) in papers.iter().enumerate() {
        let n = diesel::update(
            contest_entries::table
                .filter(contest_entries::contest_id.eq(contest_id))
                .filter(contest_entries::submission_id.eq(paper)),
        )
        .set(contest_entries::position.eq(pos as i32))
        .execute(conn)?;
        if n == 0 {
            diesel::insert_into(contest_entries::table)
                .values((
                    contest_entries::contest_id.eq(contest_id),
                    contest_entries::submission_id.eq(paper),
                    contest_entries::position.eq(pos as i32),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Every score of the contest.
pub fn scores(conn: &mut AnyConnection, contest_id: i64) -> AppResult<Vec<JudgeScore>> {
    Ok(contest_scores::table
        .filter(contest_scores::contest_id.eq(contest_id))
        .order(contest_scores::id)
        .select(JudgeScore::as_select())
        .load(conn)?)
}

/// The scores one judge gave in the contest.
pub fn scores_by(conn: &mut AnyConnection, contest_id: i64, judge_id: i64) -> AppResult<Vec<JudgeScore>> {
    Ok(contest_scores::table
        .filter(contest_scores::contest_id.eq(contest_id))
        .filter(contest_scores::judge_id.eq(judge_id))
        .select(JudgeScore::as_select())
        .load(conn)?)
}

/// Whether anyone has scored in the contest.
pub fn any_scores(conn: &mut AnyConnection, contest_id: i64) -> AppResult<bool> {
    let n: i64 = contest_scores::table
        .filter(contest_scores::contest_id.eq(contest_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Stores a judge's score of an entry, replacing the one they gave before. Two first saves at
/// once (a double tap) meet at the unique index: the later one, inside its own savepoint,
/// becomes an update.
pub fn put_score(
    conn: &mut AnyConnection,
    contest_id: i64,
    entry_id: i64,
    judge_id: i64,
    points: &str,
    comment: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    if update_score(conn, entry_id, judge_id, points, comment, now)? > 0 {
        return Ok(());
    }
    let inserted = crate::db::transaction(conn, |c| {
        diesel::insert_into(contest_scores::table)
            .values((
                contest_scores::contest_id.eq(contest_id),
                contest_scores::entry_id.eq(entry_id),
                contest_scores::judge_id.eq(judge_id),
                contest_scores::points.eq(points),
                contest_scores::comment.eq(comment),
                contest_scores::updated_at.eq(now),
            ))
            .execute(c)
            .map_err(|e| match e {
                DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => AppError::Conflict(RACE.into()),
                other => other.into(),
            })
    });
    match inserted {
        Ok(_) => Ok(()),
        Err(AppError::Conflict(key)) if key == RACE => update_score(conn, entry_id, judge_id, points, comment, now).map(|_| ()),
        Err(e) => Err(e),
    }
}

/// Marks a first insert that met another (never shown).
const RACE: &str = "contest.score_race";

fn update_score(
    conn: &mut AnyConnection,
    entry_id: i64,
    judge_id: i64,
    points: &str,
    comment: &str,
    now: NaiveDateTime,
) -> AppResult<usize> {
    Ok(diesel::update(
        contest_scores::table
            .filter(contest_scores::entry_id.eq(entry_id))
            .filter(contest_scores::judge_id.eq(judge_id)),
    )
    .set((
        contest_scores::points.eq(points),
        contest_scores::comment.eq(comment),
        contest_scores::updated_at.eq(now),
    ))
    .execute(conn)?)
}
