//! The journal guard: who is in a journal's editorial office (chief, managing and section
//! editors, assistants; a site administrator acts as managing editor), loaded inside the
//! action's own transaction. Outsiders get 404 on everything editorial.

use crate::auth::{CurrentUser, User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::journals::model::Journal;
use crate::web::AppState;

use super::policy::{
    EditorialRole, JournalAction, JournalFacts, ManuscriptAction, ManuscriptFacts, ManuscriptRelation, editorial_role, manuscript_relation,
    may_journal, may_ms, runs_journal,
};
use crate::journals::manuscripts::model::Manuscript;

/// The facts of `user` on journal `journal_id`.
pub fn facts(conn: &mut AnyConnection, user: &User, journal_id: i64) -> AppResult<JournalFacts> {
    let has = |conn: &mut AnyConnection, role| roles::has(conn, user.id, role, roles::SCOPE_JOURNAL, journal_id);
    Ok(JournalFacts {
        site_admin: roles::is_site_admin(conn, user.id)?,
        editor_in_chief: has(conn, roles::EDITOR_IN_CHIEF)?,
        managing_editor: has(conn, roles::EDITOR)?,
        section_editor: has(conn, roles::SECTION_EDITOR)?,
        assistant: has(conn, roles::EDITORIAL_ASSISTANT)?,
    })
}

/// The user's editorial role on the journal, if any.
pub fn staff_of(conn: &mut AnyConnection, user: &User, journal_id: i64) -> AppResult<Option<EditorialRole>> {
    Ok(editorial_role(&facts(conn, user, journal_id)?))
}

/// Whether the user runs the journal (chief or managing editor, or a site administrator).
pub fn runs(conn: &mut AnyConnection, user: &User, journal_id: i64) -> AppResult<bool> {
    Ok(runs_journal(staff_of(conn, user, journal_id)?))
}

/// A journal seen by a member of its editorial office.
#[derive(Debug, Clone)]
pub struct Editorial {
    /// The journal.
    pub journal: Journal,
    /// The member's account id.
    pub user_id: i64,
    /// Their role.
    pub role: EditorialRole,
}

impl Editorial {
    /// Whether the member may do `action`.
    pub fn may(&self, action: JournalAction) -> bool {
        may_journal(Some(self.role), action)
    }

    /// Fails with 403 unless the member may do `action` (they know the journal: no need to hide it).
    pub fn require(&self, action: JournalAction) -> AppResult<()> {
        if self.may(action) { Ok(()) } else { Err(AppError::Forbidden) }
    }
}

/// The journal for a member of its editorial office (404 for anyone else, and for an unknown journal).
pub fn editorial(conn: &mut AnyConnection, user: &User, journal_id: i64) -> AppResult<Editorial> {
    let journal = crate::journals::store::get(conn, journal_id)?;
    match staff_of(conn, user, journal_id)? {
        Some(role) => Ok(Editorial {
            journal,
            user_id: user.id,
            role,
        }),
        None => Err(AppError::NotFound),
    }
}

/// Runs `f` for a member of the journal's editorial office allowed `action`, in one
/// transaction: the check and the action see the same state.
pub async fn as_editorial<T, F>(state: &AppState, user: &CurrentUser, journal_id: i64, action: JournalAction, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Editorial) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let ed = editorial(c, &u, journal_id)?;
            ed.require(action)?;
            f(c, &ed)
        })
        .await
}

/// The user's part in a manuscript, with the manuscript: 404 for anyone who has none.
pub fn manuscript(conn: &mut AnyConnection, user: &User, id: i64) -> AppResult<(Manuscript, ManuscriptRelation)> {
    let m = crate::journals::manuscripts::store::get(conn, id)?;
    let authors = crate::journals::manuscripts::store::authors_of(conn, id)?;
    let listing = authors.iter().find(|a| a.email == user.email);
    let editorial = staff_of(conn, user, m.journal_id)?;
    let edits_section = editorial == Some(EditorialRole::SectionEditor)
        && crate::journals::setup::store::sections_of(conn, m.journal_id, user.id)?.contains(&m.section_id);
    let facts = ManuscriptFacts {
        listed: listing.is_some(),
        confirmed: listing.is_some_and(|a| a.confirmed_at.is_some()),
        email_verified: user.email_verified_at.is_some(),
        editorial,
        edits_section,
        handling: m.handling_editor_id == Some(user.id),
    };
    match manuscript_relation(&facts) {
        Some(r) => Ok((m, r)),
        None => Err(AppError::NotFound),
    }
}

/// [`manuscript`], failing with 404 unless the relation allows `action` (an author asking for
/// the editors' part learns nothing about it).
pub fn manuscript_for(
    conn: &mut AnyConnection,
    user: &User,
    id: i64,
    action: ManuscriptAction,
) -> AppResult<(Manuscript, ManuscriptRelation)> {
    let (m, r) = manuscript(conn, user, id)?;
    if may_ms(Some(r), action) {
        Ok((m, r))
    } else {
        Err(AppError::NotFound)
    }
}

/// An issue for a member of its journal's editorial office allowed `action` (404 for anyone
/// else and for an unknown issue; 403 for a member without the right).
pub fn issue_for(
    conn: &mut AnyConnection,
    user: &User,
    issue_id: i64,
    action: JournalAction,
) -> AppResult<(crate::journals::issues::model::Issue, Editorial)> {
    let issue = crate::journals::issues::store::get(conn, issue_id)?;
    let ed = editorial(conn, user, issue.journal_id)?;
    ed.require(action)?;
    Ok((issue, ed))
}
