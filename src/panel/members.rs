//! Naming a round's experts and committee by their account addresses: all named accounts
//! exist or none is added, and someone already holding the role is not named twice. The round
//! records and mails each new member itself.

use crate::auth::roles::{self, Role, Scope};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};

/// Most addresses in one go.
pub const MAX_AT_ONCE: usize = 500;

/// The accounts named by `emails` (separated by commas, semicolons, spaces or lines): 422 on
/// `emails` when none is given, too many are, or any has no account (listed in `unknown`).
pub fn accounts(conn: &mut AnyConnection, emails: &str) -> AppResult<Vec<i64>> {
    let mut wanted: Vec<String> = emails
        .split([',', ';', '\n', ' ', '\r', '\t'])
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    wanted.dedup();
    if wanted.is_empty() {
        return Err(AppError::field("emails", "validation.invitees_required"));
    }
    if wanted.len() > MAX_AT_ONCE {
        return Err(AppError::field("emails", "validation.too_many_invitees"));
    }
    let mut ids = Vec::new();
    let mut unknown = Vec::new();
    for e in &wanted {
        match crate::auth::store::by_email(conn, e)? {
            Some(u) => ids.push(u.id),
            None => unknown.push(e.clone()),
        }
    }
    if !unknown.is_empty() {
        let mut f = FieldErrors::new();
        f.insert("emails".into(), "validation.no_such_accounts".into());
        f.insert("unknown".into(), unknown.join(", "));
        return Err(AppError::Validation { fields: f });
    }
    Ok(ids)
}

/// Grants `role` on the round's scope to each account not holding it yet; answers those newly
/// granted, in order.
pub fn grant(conn: &mut AnyConnection, role: Role, scope: Scope, scope_id: i64, ids: &[i64]) -> AppResult<Vec<i64>> {
    let mut added = Vec::new();
    for &id in ids {
        if !roles::has(conn, id, role, scope, scope_id)? && !added.contains(&id) {
            roles::grant(conn, id, role, scope, scope_id)?;
            added.push(id);
        }
    }
    Ok(added)
}
