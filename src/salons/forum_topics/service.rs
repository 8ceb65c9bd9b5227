//! Forum topic actions: anyone signed in proposes; the executive chairs commission topics and
//! adopt or decline proposals. Each checks access inside the transaction it writes in.

use chrono::NaiveDateTime;

use super::model::{ForumTopic, Origin, TopicStatus};
use super::store::{self, Decision, NewTopic};
use super::validate::TopicSpec;
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::venue::Chair;
use crate::venues::model::{Venue, VenueKind};
use crate::web::AppState;

/// Fails with 404 unless the venue is a forum (topics are a forum's; conferences keep theirs on
/// the venue form).
pub fn require_forum(v: &Venue) -> AppResult<()> {
    if v.kind == VenueKind::Forum {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The forum named `slug` as `user` may see it (404 for a draft they do not manage, or a venue
/// of another kind).
pub fn forum(conn: &mut AnyConnection, user: Option<&User>, slug: &str) -> AppResult<Venue> {
    let v = crate::guard::venue::visible(conn, user, slug)?;
    require_forum(&v)?;
    Ok(v)
}

/// Whether the forum takes proposals now: once open, until the paper deadline of its call.
pub fn takes_proposals(conn: &mut AnyConnection, v: &Venue, now: NaiveDateTime) -> AppResult<bool> {
    if !v.is_open() {
        return Ok(false);
    }
    Ok(crate::venues::store::call_of(conn, v.id)?.is_none_or(|c| now < c.paper_deadline))
}

fn link(state: &AppState, v: &Venue) -> String {
    format!("{}/venues/{}/topics", state.config.base_url, v.slug)
}

fn names(t: &TopicSpec, v: &Venue) -> serde_json::Value {
    serde_json::json!({
        "venue_zh": v.title_zh, "venue_en": v.title_en,
        "topic_zh": t.name_zh, "topic_en": t.name_en,
    })
}

/// Records a topic proposed by `user` and tells the forum's chairs; answers its id.
pub fn propose(conn: &mut AnyConnection, state: &AppState, user: &User, v: &Venue, spec: &TopicSpec, now: NaiveDateTime) -> AppResult<i64> {
    require_forum(v)?;
    if user.email_verified_at.is_none() {
        return Err(AppError::Conflict("forum_topics.verify_email".into()));
    }
    if !takes_proposals(conn, v, now)? {
        return Err(AppError::Conflict("forum_topics.closed".into()));
    }
    let id = store::insert(conn, v.id, &new(Origin::Proposed, spec, user.id), TopicStatus::Proposed, now)?;
    for chair in roles::holders(conn, roles::CHAIR, roles::SCOPE_VENUE, v.id)? {
        let u = crate::auth::store::by_id(conn, chair)?;
        let mut vars = names(spec, v);
        vars["by"] = user.display_name().into();
        vars["link"] = format!("{}#topic-{id}", link(state, v)).into();
        crate::mail::queue(
            conn,
            state,
            crate::mail::Mail::to_user(&u, u.mail_lang(), "forum_topic_proposed", vars),
        )?;
    }
    Ok(id)
}

fn new<'a>(origin: Origin, spec: &'a TopicSpec, by: i64) -> NewTopic<'a> {
    NewTopic {
        origin,
        name_zh: &spec.name_zh,
        name_en: &spec.name_en,
        description: &spec.description,
        convener: &spec.convener,
        convener_email: &spec.convener_email,
        by,
    }
}

/// Commissions a topic (chairs): it is adopted at once, becomes one of the venue's topics, and
/// the convener, when an address is given, is mailed (in their language if they have an
/// account, else in the chair's). Answers its id.
pub fn commission(
    conn: &mut AnyConnection,
    state: &AppState,
    ch: &Chair,
    chair: &User,
    spec: &TopicSpec,
    now: NaiveDateTime,
) -> AppResult<i64> {
    require_forum(&ch.venue)?;
    let id = store::insert(
        conn,
        ch.venue.id,
        &new(Origin::Commissioned, spec, chair.id),
        TopicStatus::Adopted,
        now,
    )?;
    let topic = crate::venues::store::add_topic(conn, ch.venue.id, &spec.name_zh, &spec.name_en)?;
    store::set_topic(conn, id, topic)?;
    if !spec.convener_email.is_empty() {
        let account = crate::auth::store::by_email(conn, &spec.convener_email)?;
        let lang = account.as_ref().map_or_else(|| chair.mail_lang(), User::mail_lang);
        let mut vars = names(spec, &ch.venue);
        vars["description"] = spec.description.clone().into();
        vars["by"] = chair.display_name().into();
        vars["link"] = format!("{}#topic-{id}", link(state, &ch.venue)).into();
        vars["submit"] = format!("{}/venues/{}", state.config.base_url, ch.venue.slug).into();
        let mail = crate::mail::Mail {
            to: spec.convener_email.clone(),
            to_name: account.as_ref().map_or_else(|| spec.convener.clone(), User::display_name),
            lang,
            template: "forum_topic_commissioned",
            vars,
        };
        crate::mail::queue(conn, state, mail)?;
    }
    Ok(id)
}

/// Adopts a proposed topic (it becomes one of the venue's topics) or declines it with a reason
/// (chairs); the proposer is mailed in their language.
pub fn decide(
    conn: &mut AnyConnection,
    state: &AppState,
    ch: &Chair,
    decision: (bool, &str),
    id: i64,
    now: NaiveDateTime,
) -> AppResult<ForumTopic> {
    let (adopt, note) = decision;
    require_forum(&ch.venue)?;
    let t = store::get(conn, ch.venue.id, id)?;
    if t.status != TopicStatus::Proposed {
        return Err(AppError::Conflict("forum_topics.decided_already".into()));
    }
    let topic_id = if adopt {
        Some(crate::venues::store::add_topic(conn, ch.venue.id, &t.name_zh, &t.name_en)?)
    } else {
        None
    };
    let d = Decision {
        to: if adopt { TopicStatus::Adopted } else { TopicStatus::Declined },
        note,
        by: ch.user_id,
        topic_id,
    };
    if !store::decide(conn, id, &d, now)? {
        return Err(AppError::Conflict("forum_topics.decided_already".into()));
    }
    let proposer = crate::auth::store::by_id(conn, t.proposed_by)?;
    let vars = serde_json::json!({
        "venue_zh": ch.venue.title_zh, "venue_en": ch.venue.title_en,
        "topic_zh": t.name_zh, "topic_en": t.name_en, "adopted": adopt, "note": note,
        "link": format!("{}#topic-{id}", link(state, &ch.venue)),
    });
    crate::mail::queue(
        conn,
        state,
        crate::mail::Mail::to_user(&proposer, proposer.mail_lang(), "forum_topic_decided", vars),
    )?;
    store::get(conn, ch.venue.id, id)
}

/// The forum's executive chairs: its chairs, as the public sees them (name and institution).
/// A chair who has not given a name is left out rather than shown by address.
pub fn executive_chairs(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    for id in roles::holders(conn, roles::CHAIR, roles::SCOPE_VENUE, venue_id)? {
        let u = crate::auth::store::by_id(conn, id)?;
        if u.name_zh.is_empty() && u.name_latin.is_empty() {
            continue;
        }
        out.push((u.display_name(), u.affiliation.clone()));
    }
    Ok(out)
}
