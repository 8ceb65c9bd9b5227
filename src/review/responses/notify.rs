//! Mail to a paper's reviewers and area chair when its authors first respond: where to read
//! the response and until when they may revise their reviews.

use serde_json::json;

use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::mail::Mail;
use crate::review::reviews::access::{self, PaperAccess, Relation};
use crate::review::reviews::service::AFTER_RESPONSE;
use crate::web::AppState;

/// Queues the mails about the response of `p`; returns how many.
pub fn responded(conn: &mut AnyConnection, state: &AppState, p: &PaperAccess, body: &str) -> AppResult<usize> {
    let s = &p.submission;
    let people = crate::review::assignment::store::people_of(conn, s.id)?;
    let venue = crate::venues::store::by_id(conn, s.venue_id)?;
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
    let phases = crate::review::phases::load(conn, s.venue_id)?;
    let until = phases
        .rebuttal_deadline
        .map(|d| crate::venues::deadline::display(d + AFTER_RESPONSE, tz));
    let mut sent = 0;
    for uid in people {
        let user = crate::auth::store::by_id(conn, uid)?;
        if !matches!(access::relation(conn, &user, s)?, Some(Relation::Reviewer | Relation::AreaChair)) {
            continue;
        }
        let lang = user.mail_lang();
        crate::mail::queue(
            conn,
            state,
            Mail::to_user(
                &user,
                lang,
                "response_posted",
                json!({
                    "venue_zh": venue.title_zh,
                    "venue_en": venue.title_en,
                    "number": s.number,
                    "title": s.title(lang),
                    "body": body,
                    "until": until,
                    "link": format!("{}/submissions/{}/review#response", state.config.base_url, s.id),
                }),
            ),
        )?;
        sent += 1;
    }
    Ok(sent)
}
