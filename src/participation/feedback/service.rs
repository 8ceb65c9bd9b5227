//! One function per survey action, inside the caller's transaction: the chairs' questions (and
//! the standard ones), what a participant may answer, answering once, and the chairs' results.
//!
//! Who may answer: the event survey opens to anyone checked in at the venue (at the event or a
//! session); a session's survey to someone checked in at that session, or, once the session
//! has started, checked in at the event on its day. Checking in at a session is proof enough of
//! having been there, so its survey opens then (session check-ins are optional, hence the
//! event-day rule for the rest).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;

use super::figures;
use super::model::{EVENT, StoredAnswers, SurveyKind, SurveyQuestion, SurveyScope};
use super::store;
use super::validate::{self, SurveyAnswerInput, SurveyInput, SurveyQuestionInput};
use super::view::{
    SurveyAnswered, SurveyMine, SurveyQuestionResult, SurveyQuestionView, SurveyResults, SurveySettings, SurveySettingsQuestion,
    SurveyTarget, SurveyTargetResult,
};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::guard::venue::Chair;
use crate::participation::checkin::service::local_day;
use crate::programme::public::latest as programme;
use crate::venues::model::Venue;

fn parsed(rows: Vec<(String, String)>) -> AppResult<Vec<(String, StoredAnswers)>> {
    rows.into_iter()
        .map(|(t, json)| {
            serde_json::from_str::<StoredAnswers>(&json)
                .map(|a| (t, a))
                .map_err(|e| AppError::caused("a stored survey answer is not readable", e))
        })
        .collect()
}

/// The ids of the venue's questions someone has answered.
fn answered_questions(conn: &mut AnyConnection, venue_id: i64) -> AppResult<BTreeSet<i64>> {
    Ok(parsed(store::answers(conn, venue_id, None)?)?
        .iter()
        .flat_map(|(_, a)| a.keys().copied())
        .collect())
}

/// The venue's questions as the chairs manage them.
pub fn settings(conn: &mut AnyConnection, venue_id: i64) -> AppResult<SurveySettings> {
    let answered = answered_questions(conn, venue_id)?;
    Ok(SurveySettings {
        questions: store::questions(conn, venue_id)?
            .iter()
            .map(|q| SurveySettingsQuestion {
                question: q.into(),
                has_answers: answered.contains(&q.id),
            })
            .collect(),
    })
}

/// Replaces the venue's questions (chairs). A question sent with its id keeps it and its
/// answers; one that has answers keeps its kind and scope, so its answers keep their meaning.
pub fn save(conn: &mut AnyConnection, ch: &Chair, input: &SurveyInput) -> AppResult<SurveySettings> {
    let specs = validate::questions(input)?;
    let existing = store::questions(conn, ch.venue.id)?;
    let answered = answered_questions(conn, ch.venue.id)?;
    let mut f = FieldErrors::new();
    for (i, spec) in specs.iter().enumerate() {
        let Some(id) = spec.id else { continue };
        let key = |field: &str| crate::web::rows::key("questions", i, field);
        match existing.iter().find(|q| q.id == id) {
            None => {
                f.insert(key("id"), "feedback.unknown_question".into());
            }
            Some(old) if answered.contains(&id) => {
                if old.kind != spec.kind {
                    f.insert(key("kind"), "feedback.kind_fixed".into());
                }
                if old.scope != spec.scope {
                    f.insert(key("scope"), "feedback.scope_fixed".into());
                }
            }
            Some(_) => {}
        }
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    store::replace_questions(conn, ch.venue.id, &specs)?;
    settings(conn, ch.venue.id)
}

/// Adds the standard questions after the venue's own (chairs); one already there (same scope
/// and English wording) is not added again, so pressing the button twice changes nothing.
pub fn add_standard(conn: &mut AnyConnection, ch: &Chair) -> AppResult<SurveySettings> {
    let mut list: Vec<SurveyQuestionInput> = store::questions(conn, ch.venue.id)?
        .iter()
        .map(|q| SurveyQuestionInput {
            id: Some(q.id),
            scope: q.scope.as_str().into(),
            kind: q.kind.as_str().into(),
            label_zh: q.label_zh.clone(),
            label_en: q.label_en.clone(),
            required: q.required,
        })
        .collect();
    let missing: Vec<SurveyQuestionInput> = validate::standard_questions()
        .into_iter()
        .filter(|q| !list.iter().any(|x| x.scope == q.scope && x.label_en == q.label_en))
        .collect();
    list.extend(missing);
    save(conn, ch, &SurveyInput { questions: list })
}

/// Whether a session's survey is open to someone: checked in at the session itself, or
/// checked in at the event on the session's day once it has started.
fn session_open(at_session: bool, at_event_that_day: bool, started: bool) -> bool {
    at_session || (started && at_event_that_day)
}

fn of_scope(questions: &[SurveyQuestion], scope: SurveyScope) -> Vec<SurveyQuestion> {
    questions.iter().filter(|q| q.scope == scope).cloned().collect()
}

/// The surveys of the venue open to `user` at `now`, each marked answered or not.
fn open_targets(
    conn: &mut AnyConnection,
    venue: &Venue,
    user: &User,
    questions: &[SurveyQuestion],
    now: NaiveDateTime,
) -> AppResult<Vec<SurveyTarget>> {
    let mut out = Vec::new();
    if questions.is_empty() || !crate::participation::checkin::store::attended(conn, venue.id, user.id, None, None)? {
        return Ok(out);
    }
    let answered: BTreeSet<String> = store::answered_by(conn, venue.id, user.id)?.into_iter().collect();
    if questions.iter().any(|q| q.scope == SurveyScope::Event) {
        out.push(SurveyTarget {
            target: EVENT.into(),
            scope: SurveyScope::Event,
            title_zh: venue.title_zh.clone(),
            title_en: venue.title_en.clone(),
            starts_at: None,
            answered: answered.contains(EVENT),
        });
    }
    if questions.iter().any(|q| q.scope == SurveyScope::Session)
        && let Some(s) = programme(conn, venue.id)?
    {
        let seen: BTreeSet<(String, String)> = store::checkins_of(conn, venue.id, user.id)?.into_iter().collect();
        let mut sessions: Vec<_> = s.sessions.iter().filter(|x| x.kind != "break").collect();
        sessions.sort_by_key(|x| x.starts_at);
        for x in sessions {
            let at_session = seen.iter().any(|(_, place)| *place == x.guid);
            let day = local_day(venue, x.starts_at.naive_utc());
            let at_event_that_day = seen.contains(&(day, String::new()));
            if session_open(at_session, at_event_that_day, x.starts_at.naive_utc() <= now) {
                out.push(SurveyTarget {
                    target: x.guid.clone(),
                    scope: SurveyScope::Session,
                    title_zh: x.title_zh.clone(),
                    title_en: x.title_en.clone(),
                    starts_at: Some(x.starts_at),
                    answered: answered.contains(&x.guid),
                });
            }
        }
    }
    Ok(out)
}

/// What `user` may answer at the venue, with the questions.
pub fn mine(conn: &mut AnyConnection, venue: &Venue, user: &User, now: NaiveDateTime) -> AppResult<SurveyMine> {
    let questions = store::questions(conn, venue.id)?;
    let view =
        |scope: SurveyScope| -> Vec<SurveyQuestionView> { of_scope(&questions, scope).iter().map(SurveyQuestionView::from).collect() };
    Ok(SurveyMine {
        targets: open_targets(conn, venue, user, &questions, now)?,
        event_questions: view(SurveyScope::Event),
        session_questions: view(SurveyScope::Session),
    })
}

/// One survey open to `user` with its questions; 404 when it is not open to them (not
/// checked in, not yet started, no such session), not revealing anything about it.
pub fn survey(
    conn: &mut AnyConnection,
    venue: &Venue,
    user: &User,
    target: &str,
    now: NaiveDateTime,
) -> AppResult<(SurveyTarget, Vec<SurveyQuestion>)> {
    let target = validate::target(target).map_err(|_| AppError::NotFound)?;
    let questions = store::questions(conn, venue.id)?;
    let t = open_targets(conn, venue, user, &questions, now)?
        .into_iter()
        .find(|t| t.target == target)
        .ok_or(AppError::NotFound)?;
    let asked = of_scope(&questions, t.scope);
    Ok((t, asked))
}

/// Records `user`'s answers to one survey, once: a second answer is refused (409), also when
/// two arrive at the same instant. The answer row keeps no trace of who sent it.
pub fn answer(
    conn: &mut AnyConnection,
    venue: &Venue,
    user: &User,
    input: &SurveyAnswerInput,
    now: NaiveDateTime,
) -> AppResult<SurveyAnswered> {
    let target = validate::target(&input.target)?;
    let (t, asked) = survey(conn, venue, user, &target, now)?;
    if t.answered {
        return Err(AppError::Conflict(ANSWERED.into()));
    }
    let stored = validate::answers(&asked, &input.answers)?;
    let json = serde_json::to_string(&stored).map_err(|e| AppError::caused("survey answers as JSON", e))?;
    if !store::record(conn, user.id, venue.id, &t.target, &json)? {
        return Err(AppError::Conflict(ANSWERED.into()));
    }
    Ok(SurveyAnswered {
        target: t.target,
        answered: true,
    })
}

/// The refusal of a second answer.
pub const ANSWERED: &str = "feedback.answered_already";

fn target_result(
    target: String,
    scope: SurveyScope,
    titles: (&str, &str),
    starts_at: Option<chrono::DateTime<chrono::Utc>>,
    questions: &[SurveyQuestion],
    answers: &[StoredAnswers],
) -> SurveyTargetResult {
    let withheld = figures::withheld(answers.len());
    let figures = if withheld { Vec::new() } else { figures::tally(questions, answers) };
    SurveyTargetResult {
        target,
        scope,
        title_zh: titles.0.to_string(),
        title_en: titles.1.to_string(),
        starts_at,
        answers: answers.len() as i64,
        withheld,
        questions: questions
            .iter()
            .zip(figures)
            .map(|(q, f)| SurveyQuestionResult {
                question: q.into(),
                answered: f.answered,
                counts: if q.kind == SurveyKind::Rating {
                    f.counts.to_vec()
                } else {
                    Vec::new()
                },
                mean: f.mean,
                comments: f.comments,
            })
            .collect(),
    }
}

/// The venue's results for its chairs: per target the number of answers and, from three
/// answers on, per question the counts, mean and sorted comments. Nothing names a person.
pub fn results(conn: &mut AnyConnection, venue: &Venue) -> AppResult<SurveyResults> {
    let questions = store::questions(conn, venue.id)?;
    let mut by_target: BTreeMap<String, Vec<StoredAnswers>> = BTreeMap::new();
    for (t, a) in parsed(store::answers(conn, venue.id, None)?)? {
        by_target.entry(t).or_default().push(a);
    }
    let mut targets = Vec::new();
    let event = of_scope(&questions, SurveyScope::Event);
    if !event.is_empty() || by_target.contains_key(EVENT) {
        let answers = by_target.remove(EVENT).unwrap_or_default();
        targets.push(target_result(
            EVENT.into(),
            SurveyScope::Event,
            (&venue.title_zh, &venue.title_en),
            None,
            &event,
            &answers,
        ));
    }
    let session = of_scope(&questions, SurveyScope::Session);
    if let Some(s) = programme(conn, venue.id)? {
        let mut sessions: Vec<_> = s.sessions.iter().filter(|x| x.kind != "break").collect();
        sessions.sort_by_key(|x| x.starts_at);
        for x in sessions {
            let answers = by_target.remove(&x.guid).unwrap_or_default();
            if session.is_empty() && answers.is_empty() {
                continue;
            }
            targets.push(target_result(
                x.guid.clone(),
                SurveyScope::Session,
                (&x.title_zh, &x.title_en),
                Some(x.starts_at),
                &session,
                &answers,
            ));
        }
    }
    Ok(SurveyResults {
        min_answers: figures::MIN_ANSWERS as i64,
        targets,
    })
}

/// Whether any survey of the venue is open to `user` (answered or not), to link it.
pub fn has_survey(conn: &mut AnyConnection, venue: &Venue, user: &User, now: NaiveDateTime) -> AppResult<bool> {
    let questions = store::questions(conn, venue.id)?;
    Ok(!open_targets(conn, venue, user, &questions, now)?.is_empty())
}

/// The venues where `user` has a survey still to answer (for their dashboard).
pub fn open_for(conn: &mut AnyConnection, user: &User, now: NaiveDateTime) -> AppResult<Vec<Venue>> {
    let mut out = Vec::new();
    for id in store::checked_in_venues(conn, user.id)? {
        let venue = crate::venues::store::by_id(conn, id)?;
        if !crate::guard::venue::may_see(conn, Some(user), &venue)? {
            continue;
        }
        let questions = store::questions(conn, venue.id)?;
        if open_targets(conn, &venue, user, &questions, now)?.iter().any(|t| !t.answered) {
            out.push(venue);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::session_open;

    #[test]
    fn a_session_opens_at_its_check_in_or_after_its_start_to_those_there_that_day() {
        assert!(session_open(true, false, false), "checked in at the session itself");
        assert!(session_open(false, true, true), "at the event that day, session started");
        assert!(!session_open(false, true, false), "not started yet");
        assert!(!session_open(false, false, true), "not there that day");
    }
}
