//! Reading and writing a paper's discussion. Who reads it follows the reviews' rule
//! (`view::reads_others`); chairs and the area chair see who wrote each post, reviewers see
//! "Reviewer A", "Area chair" or "Chair", as on the reviews.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
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
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Last changed.
    #[serde(with = "crate::web::utc")]
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

/// The reviewers' letters on a paper, from every review ever begun on it (so letters stay
/// the same when a reviewer is unassigned).
pub(super) struct Labels {
    letters: Vec<(i64, String)>,
}

impl Labels {
    /// The letters of a paper's reviewers.
    pub(super) fn of(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Labels> {
        let reviews = crate::review::reviews::store::of_paper(conn, submission_id, REVIEW)?;
        Ok(Labels {
            letters: letters(&reviews),
        })
    }

    /// The letter of a poster who wrote as a reviewer.
    pub(super) fn letter(&self, role: &str, user_id: i64) -> Option<String> {
        (role == REVIEWER)
            .then(|| self.letters.iter().find(|(u, _)| *u == user_id).map(|(_, l)| l.clone()))
            .flatten()
    }
}

/// The label a post keeps: the writer's part in the paper when writing.
pub fn role_label(relation: Relation) -> &'static str {
    match relation {
        Relation::AreaChair => AREA_CHAIR.as_str(),
        Relation::Reviewer => REVIEWER.as_str(),
        Relation::Chair | Relation::Author => "chair",
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
            let letter = labels.letter(&post.role, post.user_id);
            PostView {
                id: post.id,
                role: post.role,
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
    let id = store::add(
        conn,
        p.submission.venue_id,
        submission_id,
        user.id,
        role_label(p.relation),
        &body,
        now,
    )?;
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

/// Writes the post and queues its mails in the caller's transaction; returns the post's id.
pub fn post_and_notify(
    c: &mut crate::db::AnyConnection,
    state: &crate::web::AppState,
    user: &crate::auth::User,
    id: i64,
    input: &PostInput,
) -> AppResult<i64> {
    let now = chrono::Utc::now().naive_utc();
    let (p, post_id) = post(c, user, id, input, now)?;
    super::notify::new_post(c, state, &p, user, input.body.trim(), now)?;
    Ok(post_id)
}
