//! Edition and indicator queries.

use std::collections::HashMap;

use chrono::Utc;
use diesel::prelude::*;

use super::model::{Edition, Indicator};
use super::validate::{EditionSpec, IndicatorInput};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::db::schema::{catalogue_editions, catalogue_indicator_values, catalogue_indicators};
use crate::error::{AppError, AppResult};

/// Every edition, newest year first.
pub fn list(conn: &mut AnyConnection) -> AppResult<Vec<Edition>> {
    Ok(catalogue_editions::table
        .order((catalogue_editions::year.desc(), catalogue_editions::id.desc()))
        .select(Edition::as_select())
        .load(conn)?)
}

/// An edition by id (404 when unknown).
pub fn by_id(conn: &mut AnyConnection, id: i64) -> AppResult<Edition> {
    Ok(catalogue_editions::table.find(id).select(Edition::as_select()).first(conn)?)
}

/// An edition by URL name (404 when unknown).
pub fn by_slug(conn: &mut AnyConnection, slug: &str) -> AppResult<Edition> {
    Ok(catalogue_editions::table
        .filter(catalogue_editions::slug.eq(slug))
        .select(Edition::as_select())
        .first(conn)?)
}

/// Creates an edition in its nomination phase; the creator joins its committee.
pub fn create(conn: &mut AnyConnection, spec: &EditionSpec, field_id: i64, society_id: Option<i64>, user_id: i64) -> AppResult<Edition> {
    let taken: i64 = catalogue_editions::table
        .filter(catalogue_editions::slug.eq(spec.slug.as_str()))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(AppError::field("slug", "validation.edition_slug_taken"));
    }
    let same: i64 = catalogue_editions::table
        .filter(catalogue_editions::field_id.eq(field_id))
        .filter(catalogue_editions::year.eq(spec.year))
        .count()
        .get_result(conn)?;
    if same > 0 {
        return Err(AppError::field("year", "validation.edition_exists"));
    }
    let now = Utc::now().naive_utc();
    let id: i64 = diesel::insert_into(catalogue_editions::table)
        .values((
            catalogue_editions::society_id.eq(society_id),
            catalogue_editions::field_id.eq(field_id),
            catalogue_editions::year.eq(spec.year),
            catalogue_editions::slug.eq(spec.slug.as_str()),
            catalogue_editions::title_zh.eq(&spec.title_zh),
            catalogue_editions::title_en.eq(&spec.title_en),
            catalogue_editions::phase.eq("nomination"),
            catalogue_editions::rules.eq(&spec.rules),
            catalogue_editions::created_by.eq(user_id),
            catalogue_editions::created_at.eq(now),
            catalogue_editions::updated_at.eq(now),
        ))
        .returning(catalogue_editions::id)
        .get_result(conn)?;
    set_rules(conn, id, spec)?;
    roles::grant(conn, user_id, roles::CATALOGUE_COMMITTEE, roles::SCOPE_EDITION, id)?;
    by_id(conn, id)
}

/// Writes the rules, dates and indicators of an edition (field, year and URL name stay).
pub fn set_rules(conn: &mut AnyConnection, id: i64, spec: &EditionSpec) -> AppResult<()> {
    diesel::update(catalogue_editions::table.find(id))
        .set((
            catalogue_editions::title_zh.eq(&spec.title_zh),
            catalogue_editions::title_en.eq(&spec.title_en),
            catalogue_editions::nomination_closes.eq(spec.nomination_closes),
            catalogue_editions::evaluation_closes.eq(spec.evaluation_closes),
            catalogue_editions::notice_days.eq(spec.notice_days),
            catalogue_editions::method.eq(&spec.method),
            catalogue_editions::max_share_pct.eq(spec.max_share_pct),
            catalogue_editions::quota_t1.eq(spec.quotas[0]),
            catalogue_editions::quota_t2.eq(spec.quotas[1]),
            catalogue_editions::quota_t3.eq(spec.quotas[2]),
            catalogue_editions::min_votes.eq(spec.min_votes),
            catalogue_editions::rules.eq(&spec.rules),
            catalogue_editions::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    set_indicators(conn, id, &spec.indicators)
}

/// An edition's indicators in priority order.
pub fn indicators(conn: &mut AnyConnection, edition_id: i64) -> AppResult<Vec<Indicator>> {
    Ok(catalogue_indicators::table
        .filter(catalogue_indicators::edition_id.eq(edition_id))
        .order((catalogue_indicators::position, catalogue_indicators::id))
        .select(Indicator::as_select())
        .load(conn)?)
}

/// Replaces the indicator list; indicators whose code stays keep their values.
pub fn set_indicators(conn: &mut AnyConnection, edition_id: i64, list: &[IndicatorInput]) -> AppResult<()> {
    let existing = indicators(conn, edition_id)?;
    for old in &existing {
        if !list.iter().any(|i| i.code == old.code) {
            diesel::delete(catalogue_indicator_values::table.filter(catalogue_indicator_values::indicator_id.eq(old.id))).execute(conn)?;
            diesel::delete(catalogue_indicators::table.find(old.id)).execute(conn)?;
        }
    }
    for (pos, i) in list.iter().enumerate() {
        match existing.iter().find(|o| o.code == i.code) {
            Some(old) => {
                diesel::update(catalogue_indicators::table.find(old.id))
                    .set((
                        catalogue_indicators::position.eq(pos as i32),
                        catalogue_indicators::name_zh.eq(&i.name_zh),
                        catalogue_indicators::name_en.eq(&i.name_en),
                        catalogue_indicators::higher_is_better.eq(i.higher_is_better),
                        catalogue_indicators::source.eq(i.source),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(catalogue_indicators::table)
                    .values((
                        catalogue_indicators::edition_id.eq(edition_id),
                        catalogue_indicators::position.eq(pos as i32),
                        catalogue_indicators::code.eq(&i.code),
                        catalogue_indicators::name_zh.eq(&i.name_zh),
                        catalogue_indicators::name_en.eq(&i.name_en),
                        catalogue_indicators::higher_is_better.eq(i.higher_is_better),
                        catalogue_indicators::source.eq(i.source),
                    ))
                    .execute(conn)?;
            }
        }
    }
    Ok(())
}

/// Indicator values of an edition: (indicator id, journal id) -> value.
pub fn indicator_values(conn: &mut AnyConnection, edition_id: i64) -> AppResult<HashMap<(i64, i64), f64>> {
    let ids: Vec<i64> = indicators(conn, edition_id)?.into_iter().map(|i| i.id).collect();
    Ok(catalogue_indicator_values::table
        .filter(catalogue_indicator_values::indicator_id.eq_any(ids))
        .select((
            catalogue_indicator_values::indicator_id,
            catalogue_indicator_values::journal_id,
            catalogue_indicator_values::value,
        ))
        .load::<(i64, i64, f64)>(conn)?
        .into_iter()
        .map(|(i, j, v)| ((i, j), v))
        .collect())
}

/// Sets (or with None clears) one indicator value.
pub fn set_indicator_value(conn: &mut AnyConnection, indicator_id: i64, journal_id: i64, value: Option<f64>) -> AppResult<()> {
    diesel::delete(
        catalogue_indicator_values::table
            .filter(catalogue_indicator_values::indicator_id.eq(indicator_id))
            .filter(catalogue_indicator_values::journal_id.eq(journal_id)),
    )
    .execute(conn)?;
    if let Some(v) = value {
        diesel::insert_into(catalogue_indicator_values::table)
            .values((
                catalogue_indicator_values::indicator_id.eq(indicator_id),
                catalogue_indicator_values::journal_id.eq(journal_id),
                catalogue_indicator_values::value.eq(v),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records a phase change and its dates.
pub fn set_phase(
    conn: &mut AnyConnection,
    id: i64,
    phase: &str,
    notice: Option<(chrono::NaiveDateTime, chrono::NaiveDateTime)>,
    published: Option<chrono::NaiveDateTime>,
) -> AppResult<()> {
    diesel::update(catalogue_editions::table.find(id))
        .set((
            catalogue_editions::phase.eq(phase),
            catalogue_editions::notice_starts.eq(notice.map(|n| n.0)),
            catalogue_editions::notice_ends.eq(notice.map(|n| n.1)),
            catalogue_editions::published_at.eq(published),
            catalogue_editions::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every journal listed, in any tier, by a published edition.
pub fn listed_in_published(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    use crate::db::schema::catalogue_entries;
    let mut ids: Vec<i64> = catalogue_entries::table
        .inner_join(catalogue_editions::table.on(catalogue_editions::id.eq(catalogue_entries::edition_id)))
        .filter(catalogue_editions::phase.eq("published"))
        .select(catalogue_entries::journal_id)
        .load(conn)?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
