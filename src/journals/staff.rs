//! A journal's editors and editorial board members. They are role grants on the journal, which
//! the catalogue reads as conflicts of interest: an expert never votes on a journal they edit.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use chrono::Utc;

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::db::schema::{journal_section_editors, journal_sections, journal_staff_changes, users};
use crate::error::{AppError, AppResult};

/// A staff member.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Staff {
    /// Account id.
    pub user_id: i64,
    /// E-mail.
    pub email: String,
    /// Name.
    pub name: String,
    /// `editor_in_chief`, `editor`, `section_editor`, `editorial_assistant` or `board_member`.
    pub role: String,
}

/// Someone to add.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct StaffInput {
    /// E-mail of an existing account.
    #[serde(default)]
    pub email: String,
    /// `editor_in_chief`, `editor` (managing editor), `section_editor`, `editorial_assistant`
    /// or `board_member`.
    #[serde(default)]
    pub role: String,
}

/// The role named in input.
pub fn role_of(s: &str) -> AppResult<roles::Role> {
    roles::JOURNAL_ROLES
        .into_iter()
        .find(|r| r.as_str() == s.trim())
        .ok_or_else(|| AppError::field("role", "validation.staff_role"))
}

/// The journal's staff by role: editors-in-chief, editors, section editors, assistants, board members.
pub fn list(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<Staff>> {
    let mut out = Vec::new();
    for role in roles::JOURNAL_ROLES {
        for id in roles::holders(conn, role, roles::SCOPE_JOURNAL, journal_id)? {
            let u = crate::auth::store::by_id(conn, id)?;
            out.push(Staff {
                user_id: id,
                email: u.email.clone(),
                name: u.display_name(),
                role: role.to_string(),
            });
        }
    }
    Ok(out)
}

/// A recorded change of a journal's staff.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffChange {
    /// Whose role changed.
    pub user: String,
    /// `editor` or `board_member`.
    pub role: String,
    /// `added` or `removed`.
    pub action: String,
    /// Who changed it.
    pub by: String,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    pub at: chrono::NaiveDateTime,
}

/// Fails with 404 (journal unknown) or 403 unless `user` may make this change.
fn require_change(conn: &mut AnyConnection, user: &User, journal_id: i64, adding: bool, target: Option<i64>) -> AppResult<()> {
    super::store::get(conn, journal_id)?;
    let allowed = crate::guard::policy::may_change_journal_staff(
        roles::is_site_admin(conn, user.id)?,
        super::policy::may_manage(conn, user)?,
        crate::guard::journal::runs(conn, user, journal_id)?,
        adding,
        target == Some(user.id),
    );
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}

fn record(conn: &mut AnyConnection, journal_id: i64, user_id: i64, role: roles::Role, action: &str, by: i64) -> AppResult<()> {
    diesel::insert_into(journal_staff_changes::table)
        .values((
            journal_staff_changes::journal_id.eq(journal_id),
            journal_staff_changes::user_id.eq(user_id),
            journal_staff_changes::role.eq(role),
            journal_staff_changes::action.eq(action),
            journal_staff_changes::changed_by.eq(by),
            journal_staff_changes::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The journal's staff changes, newest first.
pub fn changes(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<StaffChange>> {
    let rows: Vec<(i64, String, String, i64, chrono::NaiveDateTime)> = journal_staff_changes::table
        .filter(journal_staff_changes::journal_id.eq(journal_id))
        .order(journal_staff_changes::id.desc())
        .select((
            journal_staff_changes::user_id,
            journal_staff_changes::role,
            journal_staff_changes::action,
            journal_staff_changes::changed_by,
            journal_staff_changes::created_at,
        ))
        .load(conn)?;
    let mut out = Vec::new();
    for (uid, role, action, by, at) in rows {
        out.push(StaffChange {
            user: crate::auth::store::by_id(conn, uid)?.display_name(),
            role,
            action,
            by: crate::auth::store::by_id(conn, by)?.display_name(),
            at,
        });
    }
    Ok(out)
}

/// Whether `user` may see the journal's staff and its changes.
pub fn may_view(conn: &mut AnyConnection, user: &User, journal_id: i64) -> AppResult<bool> {
    Ok(super::policy::may_manage(conn, user)? || crate::guard::journal::staff_of(conn, user, journal_id)?.is_some())
}

/// Adds an account by e-mail in a role (register keepers, the journal's editors, site
/// administrators). The new staff member's votes on the journal in catalogues still being
/// decided are withdrawn, as for a declared conflict.
pub fn add(conn: &mut AnyConnection, by: &User, journal_id: i64, input: &StaffInput) -> AppResult<()> {
    require_change(conn, by, journal_id, true, None)?;
    let role = role_of(&input.role)?;
    let email = input.email.trim().to_lowercase();
    let Some(id) = users::table
        .filter(users::email.eq(&email))
        .select(users::id)
        .first::<i64>(conn)
        .optional()?
    else {
        return Err(AppError::field("email", "validation.no_account"));
    };
    if roles::has(conn, id, role, roles::SCOPE_JOURNAL, journal_id)? {
        return Ok(());
    }
    roles::grant(conn, id, role, roles::SCOPE_JOURNAL, journal_id)?;
    record(conn, journal_id, id, role, "added", by.id)?;
    crate::catalogue::votes::withdraw_for_new_conflict(conn, by.id, id, journal_id)
}

/// Removes an account's role on the journal (a site administrator or another editor of the
/// journal; never oneself, which would lift one's own catalogue conflict).
pub fn remove(conn: &mut AnyConnection, by: &User, journal_id: i64, user_id: i64, role: &str) -> AppResult<()> {
    require_change(conn, by, journal_id, false, Some(user_id))?;
    let role = role_of(role)?;
    if !roles::has(conn, user_id, role, roles::SCOPE_JOURNAL, journal_id)? {
        return Err(AppError::NotFound);
    }
    roles::revoke(conn, user_id, role, roles::SCOPE_JOURNAL, journal_id)?;
    if role == roles::SECTION_EDITOR {
        // Their sections go with the role.
        diesel::delete(
            journal_section_editors::table
                .filter(journal_section_editors::user_id.eq(user_id))
                .filter(
                    journal_section_editors::section_id.eq_any(
                        journal_sections::table
                            .filter(journal_sections::journal_id.eq(journal_id))
                            .select(journal_sections::id),
                    ),
                ),
        )
        .execute(conn)?;
    }
    record(conn, journal_id, user_id, role, "removed", by.id)
}
