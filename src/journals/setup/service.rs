//! The set-up's actions, each run by a member of the editorial office allowed to change it
//! (`guard::journal::as_editorial` with `JournalAction::ChangeSetup`), in the caller's transaction.

use chrono::NaiveDateTime;

use super::store;
use super::validate::{SectionSpec, SetupSpec};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::journal::Editorial;
use crate::guard::policy::JournalAction;
use crate::review::forms::model::{Field, check_form};

/// Saves the settings. Submissions open only with a section to submit to.
pub fn save(conn: &mut AnyConnection, ed: &Editorial, spec: &SetupSpec, now: NaiveDateTime) -> AppResult<()> {
    ed.require(JournalAction::ChangeSetup)?;
    if spec.enabled && store::open_sections(conn, ed.journal.id)? == 0 {
        return Err(AppError::field("enabled", "journal_setup.needs_open_section"));
    }
    store::save_settings(conn, ed.journal.id, spec, ed.user_id, now)
}

/// Makes sure a settings row exists (the defaults), so the review form has somewhere to live.
fn ensure_settings(conn: &mut AnyConnection, ed: &Editorial, now: NaiveDateTime) -> AppResult<()> {
    if store::settings(conn, ed.journal.id)?.is_none() {
        let spec = super::view::current(conn, ed.journal.id)?.spec;
        store::save_settings(conn, ed.journal.id, &spec, ed.user_id, now)?;
    }
    Ok(())
}

/// Replaces the review form, or with `None` goes back to the default journal form.
pub fn save_review_form(conn: &mut AnyConnection, ed: &Editorial, fields: Option<&[Field]>, now: NaiveDateTime) -> AppResult<()> {
    ed.require(JournalAction::ChangeSetup)?;
    let json = match fields {
        Some(f) => {
            check_form(f).map_err(|fields| AppError::Validation { fields })?;
            Some(serde_json::to_string(f).map_err(|e| AppError::caused("review form", e))?)
        }
        None => None,
    };
    ensure_settings(conn, ed, now)?;
    store::save_review_form(conn, ed.journal.id, json, ed.user_id, now)
}

/// Each named editor must hold the journal's `section_editor` role.
fn check_editors(conn: &mut AnyConnection, journal_id: i64, editors: &[i64]) -> AppResult<()> {
    let holders = roles::holders(conn, roles::SECTION_EDITOR, roles::SCOPE_JOURNAL, journal_id)?;
    if editors.iter().all(|e| holders.contains(e)) {
        Ok(())
    } else {
        Err(AppError::field("editors", "journal_setup.not_section_editor"))
    }
}

/// Adds a section; returns its id.
pub fn create_section(conn: &mut AnyConnection, ed: &Editorial, spec: &SectionSpec, now: NaiveDateTime) -> AppResult<i64> {
    ed.require(JournalAction::ChangeSetup)?;
    let journal = ed.journal.id;
    if store::code_taken(conn, journal, &spec.code, None)? {
        return Err(AppError::field("code", "journal_setup.section_code_taken"));
    }
    check_editors(conn, journal, &spec.editors)?;
    let position = match spec.position {
        Some(p) => p,
        None => store::next_position(conn, journal)?,
    };
    let id = store::insert_section(conn, journal, spec, position, now)?;
    store::set_editors(conn, id, &spec.editors)?;
    Ok(id)
}

/// Whether closing or removing `section_id` would leave a journal taking manuscripts with
/// nowhere to send them.
fn last_open(conn: &mut AnyConnection, ed: &Editorial, section_id: i64) -> AppResult<bool> {
    let s = store::section(conn, ed.journal.id, section_id)?;
    Ok(s.open && store::open_sections(conn, ed.journal.id)? == 1 && super::view::current(conn, ed.journal.id)?.spec.enabled)
}

/// Changes a section.
pub fn update_section(conn: &mut AnyConnection, ed: &Editorial, section_id: i64, spec: &SectionSpec, now: NaiveDateTime) -> AppResult<()> {
    ed.require(JournalAction::ChangeSetup)?;
    let journal = ed.journal.id;
    let old = store::section(conn, journal, section_id)?;
    if store::code_taken(conn, journal, &spec.code, Some(section_id))? {
        return Err(AppError::field("code", "journal_setup.section_code_taken"));
    }
    if !spec.open && last_open(conn, ed, section_id)? {
        return Err(AppError::field("open", "journal_setup.last_open_section"));
    }
    check_editors(conn, journal, &spec.editors)?;
    store::update_section(conn, section_id, spec, spec.position.unwrap_or(old.position), now)?;
    store::set_editors(conn, section_id, &spec.editors)
}

/// Removes a section.
pub fn delete_section(conn: &mut AnyConnection, ed: &Editorial, section_id: i64) -> AppResult<()> {
    ed.require(JournalAction::ChangeSetup)?;
    if last_open(conn, ed, section_id)? {
        return Err(AppError::Conflict("journal_setup.last_open_section".into()));
    }
    if crate::journals::manuscripts::store::section_used(conn, section_id)? {
        return Err(AppError::Conflict("journal_setup.section_in_use".into()));
    }
    store::delete_section(conn, section_id)
}
