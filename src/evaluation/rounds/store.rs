//! Evaluation round queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Entry, EntryOrigin, EntryStatus, Round, RoundPhase, StoredFigure};
use super::validate::{EntrySpec, RoundSpec};
use crate::db::AnyConnection;
use crate::db::schema::{evaluation_entries, evaluation_figures, evaluation_rounds};
use crate::error::{AppError, AppResult};
use crate::evaluation::metrics::Figure;

/// Every round, newest first.
pub fn all(conn: &mut AnyConnection) -> AppResult<Vec<Round>> {
    Ok(evaluation_rounds::table
        .order(evaluation_rounds::id.desc())
        .select(Round::as_select())
        .load(conn)?)
}

/// A round by id (404 for none).
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<Round> {
    evaluation_rounds::table
        .find(id)
        .select(Round::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// A round by URL name (404 for none).
pub fn by_slug(conn: &mut AnyConnection, slug: &str) -> AppResult<Round> {
    evaluation_rounds::table
        .filter(evaluation_rounds::slug.eq(slug))
        .select(Round::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Whether the URL name is taken.
pub fn slug_taken(conn: &mut AnyConnection, slug: &str) -> AppResult<bool> {
    Ok(evaluation_rounds::table
        .filter(evaluation_rounds::slug.eq(slug))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Creates a round in its first phase; returns its id.
pub fn create(conn: &mut AnyConnection, society_id: i64, spec: &RoundSpec, by: i64, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(evaluation_rounds::table)
        .values((
            evaluation_rounds::society_id.eq(society_id),
            evaluation_rounds::slug.eq(&spec.slug),
            evaluation_rounds::title_zh.eq(&spec.title_zh),
            evaluation_rounds::title_en.eq(&spec.title_en),
            evaluation_rounds::description_zh.eq(&spec.description_zh),
            evaluation_rounds::description_en.eq(&spec.description_en),
            evaluation_rounds::system_id.eq(spec.system_id),
            evaluation_rounds::system_version.eq(spec.system_version),
            evaluation_rounds::phase.eq(RoundPhase::Applications),
            evaluation_rounds::applications_close.eq(spec.applications_close),
            evaluation_rounds::scoring_closes.eq(spec.scoring_closes),
            evaluation_rounds::notice_ends.eq(spec.notice_ends),
            evaluation_rounds::quota.eq(spec.quota),
            evaluation_rounds::grade_bands.eq(&spec.grade_bands),
            evaluation_rounds::created_by.eq(Some(by)),
            evaluation_rounds::created_at.eq(now),
            evaluation_rounds::updated_at.eq(now),
        ))
        .returning(evaluation_rounds::id)
        .get_result(conn)?)
}

/// Moves a round to `phase`.
pub fn set_phase(conn: &mut AnyConnection, id: i64, phase: RoundPhase, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(evaluation_rounds::table.find(id))
        .set((evaluation_rounds::phase.eq(phase), evaluation_rounds::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// The round's entries, in the order they came in.
pub fn entries(conn: &mut AnyConnection, round_id: i64) -> AppResult<Vec<Entry>> {
    Ok(evaluation_entries::table
        .filter(evaluation_entries::round_id.eq(round_id))
        .order(evaluation_entries::id)
        .select(Entry::as_select())
        .load(conn)?)
}

/// An entry of the round (404 for another round's or none).
pub fn entry(conn: &mut AnyConnection, round_id: i64, id: i64) -> AppResult<Entry> {
    evaluation_entries::table
        .filter(evaluation_entries::id.eq(id))
        .filter(evaluation_entries::round_id.eq(round_id))
        .select(Entry::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The venue's entry in the round, if any.
pub fn entry_of_venue(conn: &mut AnyConnection, round_id: i64, venue_id: i64) -> AppResult<Option<Entry>> {
    Ok(evaluation_entries::table
        .filter(evaluation_entries::round_id.eq(round_id))
        .filter(evaluation_entries::venue_id.eq(venue_id))
        .select(Entry::as_select())
        .first(conn)
        .optional()?)
}

/// Adds an entry; returns its id.
pub fn add_entry(
    conn: &mut AnyConnection,
    round_id: i64,
    origin: EntryOrigin,
    spec: &EntrySpec,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<i64> {
    Ok(diesel::insert_into(evaluation_entries::table)
        .values((
            evaluation_entries::round_id.eq(round_id),
            evaluation_entries::venue_id.eq(spec.venue_id),
            evaluation_entries::origin.eq(origin),
            evaluation_entries::name_zh.eq(&spec.name_zh),
            evaluation_entries::name_en.eq(&spec.name_en),
            evaluation_entries::organiser.eq(&spec.organiser),
            evaluation_entries::held.eq(&spec.held),
            evaluation_entries::website.eq(&spec.website),
            evaluation_entries::status.eq(EntryStatus::Active),
            evaluation_entries::created_by.eq(Some(by)),
            evaluation_entries::created_at.eq(now),
            evaluation_entries::updated_at.eq(now),
        ))
        .returning(evaluation_entries::id)
        .get_result(conn)?)
}

/// Sets an entry's status.
pub fn set_status(conn: &mut AnyConnection, id: i64, status: EntryStatus, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(evaluation_entries::table.find(id))
        .set((evaluation_entries::status.eq(status), evaluation_entries::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// The frozen figures of an entry, in metric order as stored.
pub fn figures(conn: &mut AnyConnection, round_id: i64, entry_id: i64) -> AppResult<Vec<StoredFigure>> {
    Ok(evaluation_figures::table
        .filter(evaluation_figures::round_id.eq(round_id))
        .filter(evaluation_figures::entry_id.eq(entry_id))
        .select(StoredFigure::as_select())
        .load(conn)?)
}

/// Replaces an entry's figures with freshly computed ones.
pub fn put_figures(
    conn: &mut AnyConnection,
    round_id: i64,
    entry_id: i64,
    figures: &[Figure],
    by: Option<i64>,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::delete(
        evaluation_figures::table
            .filter(evaluation_figures::round_id.eq(round_id))
            .filter(evaluation_figures::entry_id.eq(entry_id)),
    )
    .execute(conn)?;
    for f in figures {
        diesel::insert_into(evaluation_figures::table)
            .values((
                evaluation_figures::round_id.eq(round_id),
                evaluation_figures::entry_id.eq(entry_id),
                evaluation_figures::metric.eq(f.metric),
                evaluation_figures::value.eq(f.value),
                evaluation_figures::numerator.eq(f.numerator),
                evaluation_figures::denominator.eq(f.denominator),
                evaluation_figures::missing.eq(f.missing.as_deref()),
                evaluation_figures::computed_at.eq(now),
                evaluation_figures::computed_by.eq(by),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Every frozen figure of a round, with its entry.
pub fn all_figures(conn: &mut AnyConnection, round_id: i64) -> AppResult<Vec<(i64, StoredFigure)>> {
    Ok(evaluation_figures::table
        .filter(evaluation_figures::round_id.eq(round_id))
        .select((evaluation_figures::entry_id, StoredFigure::as_select()))
        .load(conn)?)
}
