//! Reading and writing a paper's discussion. Who reads it follows the reviews' rule
//! (`view::reads_others`); chairs and the area chair see who wrote each post, reviewers see
//! "Reviewer A", "Area chair" or "Chair", as on the reviews.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::db::schema::assignments;
use crate::error::{AppError, AppResult};
use crate::review::committee::model::{AREA_CHAIR, REVIEWER};
use crate::review::reviews::access::{self, PaperAccess, Relation};
use crate::review::reviews::model::REVIEW;
use crate::review::reviews::view::{display, letters, reads_others};

/// Longest post, in characters.
pub const MAX_CHARS: usize = 10_000;

/// A post to write.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct PostInput {
    /// The text.
    #[serde(default)]
    pub body: String,
}

/// A post as one reader sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PostView {
    /// Id.
    pub id: i64,
    /// The writer's part: `reviewer`, `area_chair` or `chair`.
    pub role: String,
    /// The reviewer's letter ("A", "B", ...) when the writer reviews the paper.
    pub letter: Option<String>,
    /// Writer's name (chairs and the area chair only).
    pub author: Option<String>,
    /// Writer's account (chairs and the area chair only).
    pub author_id: Option<i64>,
    /// Text.
    pub body: String,
    /// Written.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// Whether the reader wrote it.
    pub mine: bool,
}

/// A paper's discussion for one reader.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Discussion {
    /// False for reviewers who must submit their own review first.
    pub visible: bool,
    /// Whether the reader may post now.
    pub may_post: bool,
    /// Posts, oldest first (empty when not visible).
    pub posts: Vec<PostView>,
}

/// Whether `user_id` may read the discussion of `p` at `now`.
pub fn may_read(conn: &mut AnyConnection, p: &PaperAccess, user_id: i64, now: NaiveDateTime) -> AppResult<bool> {
    if p.relation == Relation::Author {
        return Ok(false);
    }
    let phases = crate::review::phases::load(conn, p.submission.venue_id)?;
    let own = crate::review::reviews::store::own(conn, p.submission.id, user_id, REVIEW)?;
    let own_submitted = own.is_some_and(|r| r.is_submitted());
    Ok(reads_others(p.relation, own_submitted, &phases, now))
}

/// How each poster appears: their part in the paper and, for reviewers, their letter.
pub(super) struct Labels {
    letters: Vec<(i64, String)>,
    roles: Vec<(i64, String)>,
}

impl Labels {
    /// The labels of a paper's committee.
    pub(super) fn of(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Labels> {
        use diesel::prelude::*;
        let reviews = crate::review::reviews::store::of_paper(conn, submission_id, REVIEW)?;
        let roles = assignments::table
            .filter(assignments::submission_id.eq(submission_id))
            .select((assignments::user_id, assignments::role))
            .load(conn)?;
        Ok(Labels {
            letters: letters(&reviews),
            roles,
        })
    }

    /// The part (`reviewer`, `area_chair`, `chair`) and letter of a poster.
    pub(super) fn of_user(&self, user_id: i64) -> (String, Option<String>) {
        let has = |role: &str| self.roles.iter().any(|(u, r)| *u == user_id && r == role);
        if has(AREA_CHAIR) {
            (AREA_CHAIR.into(), None)
        } else if has(REVIEWER) {
            let letter = self.letters.iter().find(|(u, _)| *u == user_id).map(|(_, l)| l.clone());
            (REVIEWER.into(), letter)
        } else {
            ("chair".into(), None)
        }
    }
}

/// The discussion of a paper for a member of its committee (404 for everyone else).
pub fn read(conn: &mut AnyConnection, user: &User, submission_id: i64, now: NaiveDateTime) -> AppResult<Discussion> {
    let p = access::committee_paper(conn, user, submission_id)?;
    read_for(conn, &p, user.id, now)
}

/// The discussion of `p` for `user_id`.
pub fn read_for(conn: &mut AnyConnection, p: &PaperAccess, user_id: i64, now: NaiveDateTime) -> AppResult<Discussion> {
    let visible = may_read(conn, p, user_id, now)?;
    if !visible {
        return Ok(Discussion {
            visible,
            may_post: false,
            posts: vec![],
        });
    }
    let labels = Labels::of(conn, p.submission.id)?;
    let names = p.sees_reviewer_names();
    let posts = store::of_paper(conn, p.submission.id)?
        .into_iter()
        .map(|(post, zh, latin)| {
            let (role, letter) = labels.of_user(post.user_id);
            PostView {
                id: post.id,
                role,
                letter,
                author: names.then(|| display(&zh, &latin)),
                author_id: names.then_some(post.user_id),
                body: post.body,
                created_at: post.created_at,
                updated_at: post.updated_at,
                mine: post.user_id == user_id,
            }
        })
        .collect();
    Ok(Discussion {
        visible,
        may_post: p.submission.status == crate::submissions::model::SUBMITTED,
        posts,
    })
}

fn check_body(input: &PostInput) -> AppResult<String> {
    let body = input.body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "validation.required"));
    }
    if body.chars().count() > MAX_CHARS {
        return Err(AppError::field("body", "validation.post_too_long"));
    }
    if !crate::text::is_clean(body, true) {
        return Err(AppError::field("body", crate::text::REFUSED));
    }
    Ok(body.to_string())
}

/// The paper of a post being written, once the writer may take part.
fn writable_paper(conn: &mut AnyConnection, user: &User, submission_id: i64, now: NaiveDateTime) -> AppResult<PaperAccess> {
    let p = access::committee_paper(conn, user, submission_id)?;
    if !may_read(conn, &p, user.id, now)? {
        return Err(AppError::Conflict("discussion.review_first".into()));
    }
    if p.submission.status != crate::submissions::model::SUBMITTED {
        return Err(AppError::Conflict("reviews.withdrawn".into()));
    }
    Ok(p)
}

/// Adds the user's post to a paper's discussion; returns the paper and the post's id.
pub fn post(
    conn: &mut AnyConnection,
    user: &User,
    submission_id: i64,
    input: &PostInput,
    now: NaiveDateTime,
) -> AppResult<(PaperAccess, i64)> {
    let body = check_body(input)?;
    let p = writable_paper(conn, user, submission_id, now)?;
    let id = store::add(conn, p.submission.venue_id, submission_id, user.id, &body, now)?;
    Ok((p, id))
}

/// Changes the text of the user's own post (404 for anyone else's).
pub fn edit(
    conn: &mut AnyConnection,
    user: &User,
    submission_id: i64,
    post_id: i64,
    input: &PostInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let body = check_body(input)?;
    writable_paper(conn, user, submission_id, now)?;
    if store::edit(conn, submission_id, post_id, user.id, &body, now)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
