//! Salon queries: the rules' numbers and the overrides of the balance rules.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{SalonOverride, SettingsRow};
use super::rules::Rules;
use crate::db::AnyConnection;
use crate::db::schema::{salon_overrides, salon_settings};
use crate::error::AppResult;

/// The salon's numbers (the defaults until its chairs change them).
pub fn rules(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Rules> {
    let row: Option<SettingsRow> = salon_settings::table
        .find(venue_id)
        .select(SettingsRow::as_select())
        .first(conn)
        .optional()?;
    Ok(row.map_or_else(Rules::default, |s| Rules {
        participants_min: s.participants_min,
        participants_max: s.participants_max,
        unit_field_max: s.unit_field_max,
        young_age: s.young_age,
        young_share_permille: s.young_share_permille,
        talk_max_min: s.talk_max_min,
        key_talk_max_min: s.key_talk_max_min,
        intervention_max_min: s.intervention_max_min,
        debate_min_pct: s.debate_min_pct,
    }))
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = salon_settings)]
struct RulesRow {
    participants_min: i32,
    participants_max: i32,
    unit_field_max: i32,
    young_age: i32,
    young_share_permille: i32,
    talk_max_min: i32,
    key_talk_max_min: i32,
    intervention_max_min: i32,
    debate_min_pct: i32,
    updated_at: NaiveDateTime,
}

/// Stores the salon's numbers.
pub fn save_rules(conn: &mut AnyConnection, venue_id: i64, r: &Rules, now: NaiveDateTime) -> AppResult<()> {
    let row = RulesRow {
        participants_min: r.participants_min,
        participants_max: r.participants_max,
        unit_field_max: r.unit_field_max,
        young_age: r.young_age,
        young_share_permille: r.young_share_permille,
        talk_max_min: r.talk_max_min,
        key_talk_max_min: r.key_talk_max_min,
        intervention_max_min: r.intervention_max_min,
        debate_min_pct: r.debate_min_pct,
        updated_at: now,
    };
    let n = diesel::update(salon_settings::table.find(venue_id)).set(&row).execute(conn)?;
    if n == 0 {
        diesel::insert_into(salon_settings::table)
            .values((salon_settings::venue_id.eq(venue_id), &row))
            .execute(conn)?;
    }
    Ok(())
}

/// Records a rule broken on purpose.
pub fn insert_override(
    conn: &mut AnyConnection,
    venue_id: i64,
    registration_id: i64,
    rule: super::balance::Rule,
    reason: &str,
    user_id: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(salon_overrides::table)
        .values((
            salon_overrides::venue_id.eq(venue_id),
            salon_overrides::registration_id.eq(registration_id),
            salon_overrides::rule.eq(rule),
            salon_overrides::reason.eq(reason),
            salon_overrides::user_id.eq(Some(user_id)),
            salon_overrides::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The salon's overrides, oldest first.
pub fn overrides(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<SalonOverride>> {
    Ok(salon_overrides::table
        .filter(salon_overrides::venue_id.eq(venue_id))
        .order((salon_overrides::created_at, salon_overrides::id))
        .select(SalonOverride::as_select())
        .load(conn)?)
}
