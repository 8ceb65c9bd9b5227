//! Every query of the editorial set-up: the settings row, sections and section editors.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Section, SettingsRow};
use super::validate::{SectionSpec, SetupSpec};
use crate::db::AnyConnection;
use crate::db::schema::{journal_section_editors, journal_sections, journal_settings};
use crate::error::{AppError, AppResult};

/// The journal's settings row, if its editors saved one.
pub fn settings(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Option<SettingsRow>> {
    Ok(journal_settings::table
        .find(journal_id)
        .select(SettingsRow::as_select())
        .first(conn)
        .optional()?)
}

/// Saves the settings (the review form is kept as it was).
pub fn save_settings(conn: &mut AnyConnection, journal_id: i64, s: &SetupSpec, by: i64, now: NaiveDateTime) -> AppResult<()> {
    let form = settings(conn, journal_id)?.and_then(|r| r.review_form);
    let checklist = serde_json::to_string(&s.checklist).map_err(|e| AppError::caused("checklist", e))?;
    diesel::delete(journal_settings::table.find(journal_id)).execute(conn)?;
    diesel::insert_into(journal_settings::table)
        .values((
            journal_settings::journal_id.eq(journal_id),
            journal_settings::enabled.eq(s.enabled),
            journal_settings::review_mode.eq(s.review_mode),
            journal_settings::section_editors_decide.eq(s.section_editors_decide),
            journal_settings::guidelines_zh.eq(&s.guidelines_zh),
            journal_settings::guidelines_en.eq(&s.guidelines_en),
            journal_settings::checklist.eq(checklist),
            journal_settings::source_files.eq(s.source_files),
            journal_settings::max_file_mb.eq(s.max_file_mb),
            journal_settings::review_form.eq(form),
            journal_settings::response_days.eq(s.response_days),
            journal_settings::review_days.eq(s.review_days),
            journal_settings::remind_before_days.eq(s.remind_before_days),
            journal_settings::remind_after_days.eq(s.remind_after_days),
            journal_settings::doi_prefix.eq(&s.doi_prefix),
            journal_settings::doi_pattern.eq(&s.doi_pattern),
            journal_settings::licence_url.eq(&s.licence_url),
            journal_settings::updated_by.eq(Some(by)),
            journal_settings::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Stores the review form (JSON), or `None` for the default; the settings row must exist.
pub fn save_review_form(conn: &mut AnyConnection, journal_id: i64, form: Option<String>, by: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(journal_settings::table.find(journal_id))
        .set((
            journal_settings::review_form.eq(form),
            journal_settings::updated_by.eq(Some(by)),
            journal_settings::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The journal's sections in order.
pub fn sections(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<Section>> {
    Ok(journal_sections::table
        .filter(journal_sections::journal_id.eq(journal_id))
        .order((journal_sections::position, journal_sections::id))
        .select(Section::as_select())
        .load(conn)?)
}

/// One section of the journal (404 when it is another journal's).
pub fn section(conn: &mut AnyConnection, journal_id: i64, section_id: i64) -> AppResult<Section> {
    journal_sections::table
        .find(section_id)
        .filter(journal_sections::journal_id.eq(journal_id))
        .select(Section::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Whether another section of the journal has `code`.
pub fn code_taken(conn: &mut AnyConnection, journal_id: i64, code: &str, except: Option<i64>) -> AppResult<bool> {
    let mut q = journal_sections::table
        .filter(journal_sections::journal_id.eq(journal_id))
        .filter(journal_sections::code.eq(code))
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(journal_sections::id.ne(id));
    }
    Ok(q.count().get_result::<i64>(conn)? > 0)
}

/// How many open sections the journal has.
pub fn open_sections(conn: &mut AnyConnection, journal_id: i64) -> AppResult<i64> {
    Ok(journal_sections::table
        .filter(journal_sections::journal_id.eq(journal_id))
        .filter(journal_sections::open.eq(true))
        .count()
        .get_result(conn)?)
}

/// Adds a section; returns its id.
pub fn insert_section(conn: &mut AnyConnection, journal_id: i64, s: &SectionSpec, position: i32, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(journal_sections::table)
        .values((
            journal_sections::journal_id.eq(journal_id),
            journal_sections::position.eq(position),
            journal_sections::code.eq(&s.code),
            journal_sections::title_zh.eq(&s.title_zh),
            journal_sections::title_en.eq(&s.title_en),
            journal_sections::policy_zh.eq(&s.policy_zh),
            journal_sections::policy_en.eq(&s.policy_en),
            journal_sections::open.eq(s.open),
            journal_sections::peer_reviewed.eq(s.peer_reviewed),
            journal_sections::updated_at.eq(now),
        ))
        .returning(journal_sections::id)
        .get_result(conn)?)
}

/// Changes a section.
pub fn update_section(conn: &mut AnyConnection, id: i64, s: &SectionSpec, position: i32, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(journal_sections::table.find(id))
        .set((
            journal_sections::position.eq(position),
            journal_sections::code.eq(&s.code),
            journal_sections::title_zh.eq(&s.title_zh),
            journal_sections::title_en.eq(&s.title_en),
            journal_sections::policy_zh.eq(&s.policy_zh),
            journal_sections::policy_en.eq(&s.policy_en),
            journal_sections::open.eq(s.open),
            journal_sections::peer_reviewed.eq(s.peer_reviewed),
            journal_sections::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Removes a section (its editor rows go with it).
pub fn delete_section(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::delete(journal_sections::table.find(id)).execute(conn)?;
    Ok(())
}

/// The next free position at the end.
pub fn next_position(conn: &mut AnyConnection, journal_id: i64) -> AppResult<i32> {
    let max: Option<i32> = journal_sections::table
        .filter(journal_sections::journal_id.eq(journal_id))
        .select(diesel::dsl::max(journal_sections::position))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

/// Replaces the section's editors.
pub fn set_editors(conn: &mut AnyConnection, section_id: i64, editors: &[i64]) -> AppResult<()> {
    diesel::delete(journal_section_editors::table.filter(journal_section_editors::section_id.eq(section_id))).execute(conn)?;
    for &user in editors {
        diesel::insert_into(journal_section_editors::table)
            .values((
                journal_section_editors::section_id.eq(section_id),
                journal_section_editors::user_id.eq(user),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The editors of the journal's sections: (section id, account id), by account.
pub fn editors(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<(i64, i64)>> {
    Ok(journal_section_editors::table
        .inner_join(journal_sections::table)
        .filter(journal_sections::journal_id.eq(journal_id))
        .order(journal_section_editors::user_id)
        .select((journal_section_editors::section_id, journal_section_editors::user_id))
        .load(conn)?)
}

/// The sections `user_id` edits in the journal.
pub fn sections_of(conn: &mut AnyConnection, journal_id: i64, user_id: i64) -> AppResult<Vec<i64>> {
    Ok(journal_section_editors::table
        .inner_join(journal_sections::table)
        .filter(journal_sections::journal_id.eq(journal_id))
        .filter(journal_section_editors::user_id.eq(user_id))
        .select(journal_section_editors::section_id)
        .load(conn)?)
}

/// Those of `journal_ids` whose office has set the journal up on this platform.
pub fn set_up(conn: &mut AnyConnection, journal_ids: &[i64]) -> AppResult<Vec<i64>> {
    Ok(journal_settings::table
        .filter(journal_settings::journal_id.eq_any(journal_ids))
        .select(journal_settings::journal_id)
        .load(conn)?)
}
