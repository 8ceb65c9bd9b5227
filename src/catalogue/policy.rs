//! Who may do what with a catalogue edition (the committee and panel checks live in
//! `guard::edition`).

use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Site administrators and organisers create editions (and join their committee).
pub fn may_create(conn: &mut AnyConnection, user: &User) -> AppResult<bool> {
    crate::journals::policy::may_manage(conn, user)
}

pub use crate::guard::edition::{is_committee, is_expert, require_committee, require_expert};
