//! Catalogue pages: the public editions and catalogues (`public.rs`), the committee's management
//! pages (`manage.rs`) and the expert's ballot (`vote.rs`).

pub mod manage;
pub mod public;
pub mod vote;

use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::AppResult;

use super::model::Edition;
use super::{policy, store};

/// The edition and what the viewer is to it.
pub struct Seen {
    /// The edition.
    pub edition: Edition,
    /// On its committee.
    pub committee: bool,
    /// On its panel.
    pub expert: bool,
}

/// Loads an edition by URL name with the viewer's roles.
pub fn seen(conn: &mut AnyConnection, slug: &str, user: Option<&User>) -> AppResult<Seen> {
    let edition = store::by_slug(conn, slug)?;
    let (committee, expert) = match user {
        Some(u) => (policy::is_committee(conn, u, edition.id)?, policy::is_expert(conn, u, edition.id)?),
        None => (false, false),
    };
    Ok(Seen {
        edition,
        committee,
        expert,
    })
}
