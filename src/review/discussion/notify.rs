//! Mail about a new post to everyone else who may read the paper's discussion, in their own
//! language; reviewers are told only the writer's label, chairs and the area chair the name.

use chrono::NaiveDateTime;
use serde_json::json;

use super::service::{Labels, may_read};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::mail::Mail;
use crate::review::reviews::access::PaperAccess;
use crate::web::AppState;

/// Queues the mails about post `post_id` of `p` by `poster`; returns how many.
pub fn new_post(
    conn: &mut AnyConnection,
    state: &AppState,
    p: &PaperAccess,
    poster: &crate::auth::User,
    body: &str,
    now: NaiveDateTime,
) -> AppResult<usize> {
    let s = &p.submission;
    let mut people = roles::holders(conn, roles::CHAIR, roles::SCOPE_VENUE, s.venue_id)?;
    people.extend(crate::review::assignment::store::people_of(conn, s.id)?);
    let mut seen = std::collections::HashSet::new();
    people.retain(|u| *u != poster.id && seen.insert(*u));
    let labels = Labels::of(conn, s.id)?;
    let role = super::service::role_label(p.relation);
    let letter = labels.letter(role, poster.id);
    let venue = crate::venues::store::by_id(conn, s.venue_id)?;
    let mut sent = 0;
    for uid in people {
        let user = crate::auth::store::by_id(conn, uid)?;
        // The same policy as reading: authors, conflicted and unrelated people get nothing.
        let Some(theirs) = crate::guard::paper::access_of(conn, &user, s, p.double_blind)? else {
            continue;
        };
        if !may_read(conn, &theirs, uid, now)? {
            continue;
        }
        let lang = user.mail_lang();
        crate::mail::queue(
            conn,
            state,
            Mail::to_user(
                &user,
                lang,
                "discussion_post",
                json!({
                    "venue_zh": venue.title_zh,
                    "venue_en": venue.title_en,
                    "number": s.number,
                    "title": s.title(lang),
                    "role": role,
                    "letter": letter,
                    "name": theirs.sees_reviewer_names().then(|| poster.display_name()),
                    "body": body,
                    "link": format!("{}/submissions/{}/review#discussion", state.config.base_url, s.id),
                }),
            ),
        )?;
        sent += 1;
    }
    Ok(sent)
}
