//! Whose flags a reader reads: a venue's, as one of its chairs (without the papers they wrote
//! or are conflicted with), or a journal's, as its chief or managing editor (without the
//! manuscripts they wrote). Both load inside the action's own transaction.

use std::collections::HashSet;

use serde::Serialize;

use super::store::Owner;
use crate::auth::CurrentUser;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::guard::policy::JournalAction;
use crate::web::AppState;

/// Which side, as the address names it.
#[derive(Debug, Clone)]
pub enum SideRef {
    /// A venue by its URL name.
    Venue(String),
    /// A journal by id.
    Journal(i64),
}

/// A side and its reader.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// The reader's account id.
    pub user_id: i64,
    /// Where its pages are: `venues` or `journals`, then `key`.
    pub area: &'static str,
    /// The venue's URL name or the journal's id.
    pub key: String,
    /// The venue's or journal's Chinese name.
    pub name_zh: String,
    /// Its English name.
    pub name_en: String,
    /// Whether it is a venue (which has a dual-submission policy).
    pub is_venue: bool,
    #[serde(skip)]
    owner_key: (bool, i64),
    #[serde(skip)]
    hidden: HashSet<i64>,
}

impl Side {
    /// The side as the store names it.
    pub fn owner(&self) -> Owner {
        match self.owner_key {
            (true, id) => Owner::Venue(id),
            (false, id) => Owner::Journal(id),
        }
    }

    /// Whether the reader may not see flags on paper or manuscript `source_id`.
    pub fn hides(&self, source_id: i64) -> bool {
        self.hidden.contains(&source_id)
    }
}

/// Runs `f` for the reader of side `at` in one transaction (404 for anyone but a chair of the
/// venue; 404 for strangers to the journal and 403 for its other editors).
pub async fn as_side<T, F>(state: &AppState, user: &CurrentUser, at: SideRef, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Side) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let side = match at {
                SideRef::Venue(slug) => {
                    let ch = crate::guard::venue::chair(c, &u, &slug)?;
                    Side {
                        user_id: u.id,
                        area: "venues",
                        key: ch.venue.slug.clone(),
                        name_zh: ch.venue.title_zh.clone(),
                        name_en: ch.venue.title_en.clone(),
                        is_venue: true,
                        owner_key: (true, ch.venue.id),
                        hidden: ch.hidden().clone(),
                    }
                }
                SideRef::Journal(id) => {
                    let ed = crate::guard::journal::editorial(c, &u, id)?;
                    ed.require(JournalAction::ReadIntegrity)?;
                    let hidden = crate::journals::manuscripts::store::listing(c, &u.email)?
                        .into_iter()
                        .filter(|(m, _)| m.journal_id == id)
                        .map(|(m, _)| m.id)
                        .collect();
                    Side {
                        user_id: u.id,
                        area: "journals",
                        key: id.to_string(),
                        name_zh: ed.journal.name_zh.clone(),
                        name_en: ed.journal.name_en.clone(),
                        is_venue: false,
                        owner_key: (false, id),
                        hidden,
                    }
                }
            };
            f(c, &side)
        })
        .await
}
