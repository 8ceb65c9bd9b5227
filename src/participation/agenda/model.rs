//! Rows of the agenda: a user's star on a session or talk of a venue's programme (by GUID, so
//! it survives releases), and a user's private feed token.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{agenda_feeds, agenda_stars};

crate::text_enum! {
    /// What a star is on.
    pub enum ItemKind {
        /// A whole session.
        Session = "session",
        /// One talk.
        Talk = "talk",
    }
}

/// A star.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = agenda_stars)]
pub struct Star {
    /// Id.
    pub id: i64,
    /// Who starred.
    pub user_id: i64,
    /// The venue whose programme holds the item.
    pub venue_id: i64,
    /// Session or talk.
    #[diesel(deserialize_as = String)]
    pub kind: ItemKind,
    /// The item's GUID in the programme's releases.
    pub guid: String,
    /// When it was starred.
    pub created_at: NaiveDateTime,
}

/// A user's feed token.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agenda_feeds)]
pub struct Feed {
    /// Id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// The secret in the feed's address.
    pub token: String,
    /// When it was made.
    pub created_at: NaiveDateTime,
}
