//! Demo survey: the demo conference's chair adds the standard questions, and the participants
//! who were checked in answer the event survey and the first session's (through the service,
//! as on the survey page, just after that session). Nothing when the venue has answers already.

use std::collections::BTreeMap;

use chrono::Duration;

use super::model::{SurveyKind, SurveyScope};
use super::service;
use super::store;
use super::validate::{SurveyAnswerInput, SurveyAnswerItem};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Ratings and comments the demo participants give, one line each (cycled).
const VOICES: [(u8, &str); 6] = [
    (5, "报告质量很高，讨论也很充分。"),
    (4, "Well organised; the coffee breaks were too short."),
    (4, ""),
    (3, "希望下次能提前发布会议日程。"),
    (5, "Great keynote, thank you!"),
    (2, "会场的音响效果不太好。"),
];

/// Seeds survey questions and answers at venue `venue_id` (chaired by `chair`).
pub fn seed(conn: &mut AnyConnection, venue_id: i64, chair: i64) -> AppResult<()> {
    if store::any_answers(conn, venue_id)? {
        return Ok(());
    }
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let chair_user = crate::auth::store::by_id(conn, chair)?;
    let ch = crate::guard::venue::chair_of(conn, &chair_user, venue.clone())?;
    if store::questions(conn, venue_id)?.is_empty() {
        service::add_standard(conn, &ch)?;
    }
    let questions = store::questions(conn, venue_id)?;
    // Just after the first session: its survey is open to everyone at the event that day.
    let first = crate::programme::public::latest(conn, venue_id)?.and_then(|s| {
        s.sessions
            .iter()
            .filter(|x| x.kind != "break")
            .min_by_key(|x| x.starts_at)
            .map(|x| (x.guid.clone(), x.ends_at.naive_utc() + Duration::minutes(10)))
    });
    let Some((first_guid, after_first)) = first else {
        return Ok(());
    };
    let people = crate::participation::checkin::store::confirmed_people(conn, venue_id)?;
    for (i, person) in people.iter().enumerate() {
        let user = crate::auth::store::by_id(conn, *person)?;
        let mine = service::mine(conn, &venue, &user, after_first)?;
        for t in mine
            .targets
            .iter()
            .filter(|t| !t.answered && (t.scope == SurveyScope::Event || t.target == first_guid))
        {
            let mut answers = BTreeMap::new();
            for (k, q) in questions.iter().filter(|q| q.scope == t.scope).enumerate() {
                let (rating, comment) = VOICES[(i + k) % VOICES.len()];
                let item = match q.kind {
                    SurveyKind::Rating => SurveyAnswerItem {
                        rating: Some(rating.into()),
                        comment: None,
                    },
                    SurveyKind::Comment if !comment.is_empty() => SurveyAnswerItem {
                        rating: None,
                        comment: Some(comment.into()),
                    },
                    SurveyKind::Comment => continue,
                };
                answers.insert(q.id.to_string(), item);
            }
            let input = SurveyAnswerInput {
                target: t.target.clone(),
                answers,
            };
            service::answer(conn, &venue, &user, &input, after_first)?;
        }
    }
    Ok(())
}
