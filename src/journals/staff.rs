//! A journal's editors and editorial board members. They are role grants on the journal, which
//! the catalogue reads as conflicts of interest: an expert never votes on a journal they edit.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::roles;
use crate::db::AnyConnection;
use crate::db::schema::users;
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
    /// `editor` or `board_member`.
    pub role: String,
}

/// Someone to add.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct StaffInput {
    /// E-mail of an existing account.
    #[serde(default)]
    pub email: String,
    /// `editor` or `board_member`.
    #[serde(default)]
    pub role: String,
}

/// The role named in input.
pub fn role_of(s: &str) -> AppResult<&'static str> {
    match s.trim() {
        "editor" => Ok(roles::EDITOR),
        "board_member" => Ok(roles::BOARD_MEMBER),
        _ => Err(AppError::field("role", "validation.staff_role")),
    }
}

/// The journal's editors, then its board members.
pub fn list(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<Staff>> {
    let mut out = Vec::new();
    for role in [roles::EDITOR, roles::BOARD_MEMBER] {
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

/// Adds an account by e-mail in a role.
pub fn add(conn: &mut AnyConnection, journal_id: i64, input: &StaffInput) -> AppResult<()> {
    super::store::get(conn, journal_id)?;
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
    roles::grant(conn, id, role, roles::SCOPE_JOURNAL, journal_id)
}

/// Removes an account's role on the journal.
pub fn remove(conn: &mut AnyConnection, journal_id: i64, user_id: i64, role: &str) -> AppResult<()> {
    let role = role_of(role)?;
    if !roles::has(conn, user_id, role, roles::SCOPE_JOURNAL, journal_id)? {
        return Err(AppError::NotFound);
    }
    roles::revoke(conn, user_id, role, roles::SCOPE_JOURNAL, journal_id)
}
