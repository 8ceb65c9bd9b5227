//! Who may find what. Each paper carries access tokens: `chair:<venue>` (its venue's chairs),
//! `member:<venue>` (the venue's committee, who may bid on it), `author:<hash of e-mail>` (its
//! authors) and `public` (accepted papers whose authors have been told). A viewer is the set of
//! tokens a user holds, plus, per committee, the papers their conflicts hide. Engines turn this
//! into a filter inside the search, so nothing invisible is ever counted or highlighted.
//!
//! A paper's full text has its own, narrower list (`body_access`): those who may read its PDF,
//! which are its chairs, its confirmed authors, its assigned reviewers and area chairs
//! (`reviewer:<user id>`), and the public only when the PDF the public reads is the one the
//! text was read from. A committee member who may bid on a paper finds it by its title and
//! abstract, never by a word only its PDF holds.

use sha2::{Digest, Sha256};

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Everyone holds this token.
pub const PUBLIC: &str = "public";

/// The token of an author's e-mail (hashed, so the index holds no addresses).
pub fn author_token(email: &str) -> String {
    let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
    format!("author:{}", &hex::encode(digest)[..32])
}

/// Token of a venue's chairs.
pub fn chair_token(venue_id: i64) -> String {
    format!("chair:{venue_id}")
}

/// Token of a venue's committee.
pub fn member_token(venue_id: i64) -> String {
    format!("member:{venue_id}")
}

/// Token of one user as an assigned reviewer or area chair (in a paper's `body_access`).
pub fn reviewer_token(user_id: i64) -> String {
    format!("reviewer:{user_id}")
}

/// What one user may find.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    /// Site administrators find everything.
    pub everything: bool,
    /// Tokens held outright (`public`, chairs' and the author token).
    pub tokens: Vec<String>,
    /// Committees the user sits on, with the papers their confirmed conflicts hide.
    pub member: Vec<(i64, Vec<i64>)>,
    /// Venues the user chairs.
    pub chaired: Vec<i64>,
}

impl Viewer {
    /// Someone not logged in.
    pub fn anonymous() -> Viewer {
        Viewer {
            tokens: vec![PUBLIC.into()],
            ..Default::default()
        }
    }

    /// Whether the user may find a document by words of its full text (`body_access`: who
    /// may read its PDF).
    pub fn reads_body(&self, body_access: &[String]) -> bool {
        self.everything || self.tokens.iter().any(|t| body_access.contains(t))
    }

    /// Whether the user may see the authors of a document they found (outside venues, such as
    /// a journal's articles, only open authors are seen).
    pub fn sees_authors(&self, doc_venue: Option<i64>, authors_open: bool, doc_tokens: &[String]) -> bool {
        let Some(venue) = doc_venue else {
            return authors_open;
        };
        authors_open
            || self.everything
            || self.chaired.contains(&venue)
            || self.tokens.iter().any(|t| t.starts_with("author:") && doc_tokens.contains(t))
    }
}

/// The viewer for `user` (anonymous when `None`).
pub fn viewer(conn: &mut AnyConnection, user: Option<&User>) -> AppResult<Viewer> {
    let Some(user) = user else {
        return Ok(Viewer::anonymous());
    };
    let mut v = Viewer::anonymous();
    v.everything = roles::is_site_admin(conn, user.id)?;
    if user.email_verified_at.is_some() {
        v.tokens.push(author_token(&user.email));
    }
    v.tokens.push(reviewer_token(user.id));
    v.chaired = super::store::chaired_venues(conn, user.id)?;
    v.tokens.extend(v.chaired.iter().map(|&id| chair_token(id)));
    let venues = super::store::committee_venues(conn, user.id)?;
    for venue in venues {
        if v.chaired.contains(&venue) {
            continue;
        }
        let hidden = crate::review::conflicts::store::binding_papers_of(conn, venue, user.id)?;
        v.member.push((venue, hidden));
    }
    // A chair with a binding conflict must not find that paper either.
    for &venue in &v.chaired.clone() {
        let hidden = crate::review::conflicts::store::binding_papers_of(conn, venue, user.id)?;
        if !hidden.is_empty() {
            // Chairs then search their venue like a committee member with those papers hidden.
            v.tokens.retain(|t| t != &chair_token(venue));
            v.member.push((venue, hidden));
        }
    }
    Ok(v)
}
