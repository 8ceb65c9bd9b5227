//! Discussion posts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::db::schema::{discussion_posts, users};
use crate::error::AppResult;

/// A post as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = discussion_posts)]
pub struct Post {
    /// Id.
    pub id: i64,
    /// Writer.
    pub user_id: i64,
    /// Text.
    pub body: String,
    /// Written.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// The writer's part when writing: `chair`, `area_chair` or `reviewer`.
    pub role: String,
}

/// A paper's posts, oldest first, with the writer's names (Chinese, Latin).
pub fn of_paper(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Vec<(Post, String, String)>> {
    Ok(discussion_posts::table
        .inner_join(users::table)
        .filter(discussion_posts::submission_id.eq(submission_id))
        .order(discussion_posts::id)
        .select((Post::as_select(), users::name_zh, users::name_latin))
        .load(conn)?)
}

/// Adds a post; returns its id.
pub fn add(
    conn: &mut AnyConnection,
    venue_id: i64,
    submission_id: i64,
    user_id: i64,
    role: &str,
    body: &str,
    now: NaiveDateTime,
) -> AppResult<i64> {
    Ok(diesel::insert_into(discussion_posts::table)
        .values((
            discussion_posts::venue_id.eq(venue_id),
            discussion_posts::submission_id.eq(submission_id),
            discussion_posts::user_id.eq(user_id),
            discussion_posts::body.eq(body),
            discussion_posts::role.eq(role),
            discussion_posts::created_at.eq(now),
            discussion_posts::updated_at.eq(now),
        ))
        .returning(discussion_posts::id)
        .get_result(conn)?)
}

/// Replaces the text of the user's own post; returns whether there was one.
pub fn edit(conn: &mut AnyConnection, submission_id: i64, post_id: i64, user_id: i64, body: &str, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(
        discussion_posts::table
            .filter(discussion_posts::id.eq(post_id))
            .filter(discussion_posts::submission_id.eq(submission_id))
            .filter(discussion_posts::user_id.eq(user_id)),
    )
    .set((discussion_posts::body.eq(body), discussion_posts::updated_at.eq(now)))
    .execute(conn)?;
    Ok(n > 0)
}
